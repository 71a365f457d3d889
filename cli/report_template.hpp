#pragma once
// Report templates: the report's Markdown from a mustache template (kainjow::mustache) over the
// report's JSON (pmo report --json). {{name}} is escaped for Markdown (report::md_text: safe in a
// table cell, no HTML, no link); {{{name}}} is written as it is (the ready Markdown of
// "sections" and "charts"). A partial {{> name}} is the file name.md.mustache, looked up by the
// caller. A template that does not parse is an error naming its file, line and column.

#include <pmo/model/types.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <set>
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

// A template checked, with its partials loaded and checked, ready to render.
struct CheckedTemplate {
  TemplateText main;
  std::map<std::string, std::string> partials; // {{> name}} -> its text
  // Every part of every name the template and its partials look up ({{a.b}} gives "a" and "b");
  // nullopt when any name may be (a template that changes its delimiters). A key of the view
  // named nowhere here cannot be reached by mustache's lookup.
  std::optional<std::set<std::string, std::less<>>> names;

  // Whether the template may look up `name`: what the view need not hold when it does not.
  bool uses(std::string_view name) const { return !names || names->count(name) > 0; }
};

// Checks `main` and, depth first, every partial it names. Throws Failure(k_exit_findings) with a
// finding at the file, line and column of the fault: a control character, a tag or section not
// closed, a section closed that was not opened, a bad delimiter, a partial that does not exist
// or a partial's own fault (partials may nest, to a depth of 8; a partial including itself is
// refused).
CheckedTemplate check_report_template(const TemplateText& main, const PartialLookup& partials,
                                      model::Lang lang);

// Renders a checked template over `view` (only the keys it `uses` are converted).
std::string render_report_template(const CheckedTemplate& checked, const nlohmann::json& view,
                                   model::Lang lang);

// check_report_template, then render_report_template.
std::string render_report_template(const TemplateText& main, const PartialLookup& partials,
                                   const nlohmann::json& view, model::Lang lang);

} // namespace pmo::cli
