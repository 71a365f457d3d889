#pragma once
// The record and office templates of templates/, compiled in, rendered with mustache.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::cli {

// "zh-CN/pmo.yaml", "en/proposal.yaml", ...
std::optional<std::string_view> embedded_template(std::string_view name);

// Values for a template: every scalar is already a YAML scalar (codec::yaml_scalar), every list
// a list of YAML scalars. Rendered with {{{name}}} and {{#list}}{{{.}}}{{/list}}.
struct TemplateData {
  std::map<std::string, std::string> scalars;
  std::map<std::string, std::vector<std::string>> lists;
};

// Renders templates/<lang>/<name>; throws std::runtime_error when it is missing or malformed.
std::string render_template(std::string_view lang_dir, std::string_view name,
                            const TemplateData& data);

} // namespace pmo::cli
