#include <pmo/report/findings.hpp>

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

} // namespace

std::string github_escape_data(std::string_view text) { return escape(text, false); }

std::string github_escape_property(std::string_view text) { return escape(text, true); }

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

std::string findings_json(const std::vector<model::Finding>& findings) {
  auto array = nlohmann::json::array();
  for (const auto& f : findings)
    array.push_back({{"file", f.where.file},
                     {"line", f.where.line},
                     {"column", f.where.column},
                     {"severity", severity_text(f.severity)},
                     {"code", f.code},
                     {"message", f.message}});
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace pmo::report
