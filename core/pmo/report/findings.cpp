#include <pmo/report/findings.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pmo::report {

namespace {

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    case ':':
      out += property ? "%3A" : ":";
      break;
    case ',':
      out += property ? "%2C" : ",";
      break;
    default:
      out += c;
    }
  }
  return out;
}

const char* severity_text(model::Severity severity) {
  return severity == model::Severity::error ? "error" : "warning";
}

// `text` with its other control characters shown escaped; line breaks stay, for GitHub's own
// %0A and %0D (an annotation may span lines; it cannot start another command).
std::string escape_all_but_line_breaks(std::string_view text) {
  std::string out;
  while (true) {
    const auto end = text.find_first_of("\r\n");
    out += escape_controls(text.substr(0, end));
    if (end == std::string_view::npos)
      return out;
    out += text[end];
    text.remove_prefix(end + 1);
  }
}

} // namespace

std::string finding_text(const model::Finding& finding, model::Lang lang) {
  return escape_controls(model::format_finding(finding, lang));
}

std::string github_escape_data(std::string_view text) {
  return escape(escape_all_but_line_breaks(text), false);
}

std::string github_escape_property(std::string_view text) {
  return escape(escape_all_but_line_breaks(text), true);
}

std::string github_annotation(const model::Finding& finding) {
  std::vector<std::string> properties;
  if (!finding.where.file.empty()) {
    properties.push_back("file=" + github_escape_property(finding.where.file));
    if (finding.where.line > 0) {
      properties.push_back(fmt::format("line={}", finding.where.line));
      if (finding.where.column > 0)
        properties.push_back(fmt::format("col={}", finding.where.column));
    }
  }
  if (!finding.code.empty())
    properties.push_back("title=" + github_escape_property(finding.code));
  if (properties.empty())
    return fmt::format("::{}::{}", severity_text(finding.severity),
                       github_escape_data(finding.message));
  return fmt::format("::{} {}::{}", severity_text(finding.severity), fmt::join(properties, ","),
                     github_escape_data(finding.message));
}

std::string findings_json(const std::vector<model::Finding>& findings, std::string_view command) {
  using nlohmann::json;
  auto array = json::array();
  for (const auto& f : findings) {
    const bool line = f.where.line > 0;
    array.push_back({{"file", f.where.file.empty() ? json(nullptr) : json(f.where.file)},
                     {"line", line ? json(f.where.line) : json(nullptr)},
                     {"column", line && f.where.column > 0 ? json(f.where.column) : json(nullptr)},
                     {"severity", severity_text(f.severity)},
                     {"code", f.code},
                     {"message", f.message}});
  }
  const json doc{{"schema_version", 1}, {"command", command}, {"findings", std::move(array)}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

} // namespace pmo::report
