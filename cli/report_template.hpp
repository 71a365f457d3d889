#pragma once
// Report templates: the report's Markdown from a mustache template (kainjow::mustache) over the
// report's JSON (pmo report --json). {{name}} is escaped for Markdown (report::md_text: safe in a
// table cell, no HTML, no link); {{{name}}} is written as it is (the ready Markdown of
// "sections" and "charts"). A partial {{> name}} is the file name.md.mustache, looked up by the
// caller. A template that does not parse is an error naming its file, line and column.

#include <pmo/model/types.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pmo::cli {

struct TemplateText {
  std::string name; // for messages: a path, or "templates/zh-CN/report.md.mustache (built in)"
  std::string text;
};

// The text of the partial `name` ({{> name}}), or nullopt when there is none.
using PartialLookup = std::function<std::optional<TemplateText>(const std::string& name)>;

// 1-based line and column (in characters) of byte `offset` of `text`.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition position_in(std::string_view text, std::size_t offset);

// Whether `name` may name a partial: letters, digits, '.', '_' and '-', not starting with '.'.
bool is_partial_name(std::string_view name);

// Renders `main` over `view`. Throws Failure(k_exit_findings) with a finding at the file, line
// and column of the fault: a tag or section not closed, a section closed that was not opened, a
// bad delimiter, a partial that does not exist or a partial's own fault (partials may nest, to a
// depth of 8; a partial including itself is refused).
std::string render_report_template(const TemplateText& main, const PartialLookup& partials,
                                   const nlohmann::json& view, model::Lang lang);

} // namespace pmo::cli
