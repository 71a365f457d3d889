#include <pmo/report/ci.hpp>
#include <pmo/report/findings.hpp>
#include <pmo/report/rules.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

namespace pmo::report {

namespace {

using model::Finding;
using model::Lang;
using model::Severity;
using Json = nlohmann::ordered_json;

constexpr std::string_view k_sarif_schema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

const char* level_word(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

std::string dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string file_of(const Finding& finding, const CiReport& report) {
  return finding.where.file.empty() ? report.fallback_file : finding.where.file;
}

// "https://…/blob/main/docs/FINDINGS.md#pmo036", "" without a home page.
std::string help_uri(const CiReport& report, std::string_view id) {
  if (report.home.empty())
    return {};
  std::string anchor{id};
  std::transform(anchor.begin(), anchor.end(), anchor.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return fmt::format("{}/blob/main/docs/FINDINGS.md#{}", report.home, anchor);
}

// A repository path as a relative URI reference: "/" kept, unreserved characters kept, every
// other byte (space, control, non-ASCII) percent-encoded.
std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// The fingerprints of the findings, in order: identical findings are told apart by occurrence.
std::vector<std::string> fingerprints(const CiReport& report) {
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
  std::vector<std::string> out;
  for (const auto& f : report.findings) {
    Finding located = f;
    located.where.file = file_of(f, report);
    std::size_t& n = seen[{located.code, located.where.file, located.message}];
    out.push_back(finding_fingerprint(located, n++));
  }
  return out;
}

// One line of text for a finding, with its rule: "file:3:5: error: message (PMO036)".
std::string finding_line(const Finding& finding, Lang lang) {
  return fmt::format("{} ({})", finding_text(finding, lang), rule_id(finding.code));
}

std::string summary_heading(const CiReport& report, std::size_t errors, std::size_t warnings) {
  const std::size_t files = report.files.size();
  if (report.lang == Lang::zh)
    return errors + warnings == 0
               ? fmt::format("### pmo {}：{} 个文件，没有问题\n", report.command, files)
               : fmt::format("### pmo {}：{} 个文件中有 {} 个错误、{} 个警告\n", report.command,
                             files, errors, warnings);
  auto counted = [](std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  return errors + warnings == 0
             ? fmt::format("### pmo {}: no findings in {}\n", report.command,
                           counted(files, "file"))
             : fmt::format("### pmo {}: {}, {} in {}\n", report.command, counted(errors, "error"),
                           counted(warnings, "warning"), counted(files, "file"));
}

} // namespace

std::string finding_fingerprint(const model::Finding& finding, std::size_t occurrence) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto add = [&](std::string_view text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    hash ^= 0xff; // a separator no UTF-8 text holds
    hash *= 0x100000001b3ULL;
  };
  add(finding.code);
  add(finding.where.file);
  add(finding.message);
  add(std::to_string(occurrence));
  return fmt::format("{:016x}", hash);
}

std::string xml_escape(std::string_view text) {
  const std::string safe = escape_controls(text);
  std::string out;
  out.reserve(safe.size());
  for (std::size_t i = 0; i < safe.size(); ++i) {
    const char c = safe[i];
    if (c == '\xEF' && i + 2 < safe.size() && safe[i + 1] == '\xBF' &&
        (safe[i + 2] == '\xBE' || safe[i + 2] == '\xBF')) {
      out += "\xEF\xBF\xBD"; // U+FFFE, U+FFFF are not XML characters
      i += 2;
      continue;
    }
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string markdown_cell(std::string_view text) {
  const std::string safe = escape_controls(text);
  std::string out;
  out.reserve(safe.size());
  for (char c : safe) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '|':
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '#':
    case '!':
    case '~':
    case '$':
      out += '\\';
      out += c;
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string record_kind(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "pmo.yaml")
    return "office";
  if (name == "project.yaml")
    return "projects";
  if (name == "closure.yaml")
    return "closures";
  if (slash == std::string_view::npos)
    return "files";
  const std::string_view dir = path.substr(0, slash);
  const auto parent = dir.rfind('/');
  return std::string{parent == std::string_view::npos ? dir : dir.substr(parent + 1)};
}

std::string sarif(const CiReport& report) {
  // The rules the results use, by id; ruleIndex points into this list.
  std::vector<std::string_view> used;
  for (const auto& f : report.findings)
    used.push_back(rule_id(f.code));
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  auto index_of = [&](std::string_view id) {
    return static_cast<std::size_t>(std::lower_bound(used.begin(), used.end(), id) - used.begin());
  };

  Json rules = Json::array();
  for (std::string_view id : used) {
    const auto all = report::rules();
    auto it = std::find_if(all.begin(), all.end(), [&](const Rule& r) { return r.id == id; });
    Json rule{{"id", id}};
    if (it == all.end()) {
      rule["name"] = "unclassified";
      rule["shortDescription"] = {{"text", "A finding whose code has no rule."}};
      rule["defaultConfiguration"] = {{"level", "error"}};
    } else {
      const std::string text{rule_description(*it, report.lang)};
      rule["name"] = it->code;
      rule["shortDescription"] = {{"text", text}};
      rule["fullDescription"] = {{"text", text}};
      rule["defaultConfiguration"] = {{"level", level_word(it->level)}};
      rule["help"] = {{"text", text}};
    }
    if (const std::string uri = help_uri(report, id); !uri.empty())
      rule["helpUri"] = uri;
    rules.push_back(std::move(rule));
  }

  Json driver{{"name", "pmo"}, {"version", report.tool_version}};
  if (!report.home.empty())
    driver["informationUri"] = report.home;
  driver["rules"] = std::move(rules);

  const std::vector<std::string> prints = fingerprints(report);
  Json results = Json::array();
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    const std::string_view id = rule_id(f.code);
    Json physical{{"artifactLocation", {{"uri", uri_path(file_of(f, report))}}}};
    if (f.where.line > 0) {
      Json region{{"startLine", f.where.line}};
      if (f.where.column > 0)
        region["startColumn"] = f.where.column;
      physical["region"] = std::move(region);
    }
    results.push_back({{"ruleId", id},
                       {"ruleIndex", index_of(id)},
                       {"level", level_word(f.severity)},
                       {"message", {{"text", escape_controls(f.message)}}},
                       {"locations", Json::array({{{"physicalLocation", std::move(physical)}}})},
                       {"partialFingerprints", {{"pmoFinding/v1", prints[i]}}}});
  }

  Json doc{{"$schema", k_sarif_schema},
           {"version", "2.1.0"},
           {"runs", Json::array({{{"tool", {{"driver", std::move(driver)}}},
                                  {"results", std::move(results)}}})}};
  return dump(doc);
}

std::string junit(const CiReport& report) {
  // Files by kind; each file's findings.
  std::map<std::string, std::vector<const Finding*>> by_file;
  std::set<std::string> files(report.files.begin(), report.files.end());
  for (const auto& f : report.findings) {
    const std::string file = file_of(f, report);
    files.insert(file);
    by_file[file].push_back(&f);
  }
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const auto& file : files)
    by_kind[record_kind(file)].push_back(file);

  std::string suites;
  std::size_t total = 0, total_failed = 0;
  for (const auto& [kind, kind_files] : by_kind) {
    std::string cases;
    std::size_t failed = 0;
    for (const auto& file : kind_files) {
      const auto found = by_file.find(file);
      std::vector<const Finding*> none;
      const auto& findings = found == by_file.end() ? none : found->second;
      std::string body;
      const Finding* first_error = nullptr;
      std::size_t errors = 0;
      for (const Finding* f : findings) {
        body += xml_escape(finding_line(*f, report.lang)) + "\n";
        if (f->severity == Severity::error && !errors++)
          first_error = f;
      }
      cases += fmt::format("    <testcase classname=\"pmo.{}.{}\" name=\"{}\">", report.command,
                           xml_escape(kind), xml_escape(file));
      if (first_error) {
        ++failed;
        std::string message = escape_controls(first_error->message);
        if (errors > 1)
          message =
              model::tr(report.lang, "{} (and {} more)", "{}（另有 {} 项）", message, errors - 1);
        cases += fmt::format("\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    ",
                             rule_id(first_error->code), xml_escape(message), body);
      } else if (!body.empty()) {
        cases += fmt::format("\n      <system-out>{}</system-out>\n    ", body);
      }
      cases += "</testcase>\n";
    }
    suites +=
        fmt::format("  <testsuite name=\"pmo {} {}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                    "skipped=\"0\">\n{}  </testsuite>\n",
                    report.command, xml_escape(kind), kind_files.size(), failed, cases);
    total += kind_files.size();
    total_failed += failed;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"pmo {}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n"
                     "{}</testsuites>\n",
                     report.command, total, total_failed, suites);
}

std::string gitlab_code_quality(const CiReport& report) {
  const std::vector<std::string> prints = fingerprints(report);
  Json out = Json::array();
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    out.push_back({{"description", escape_controls(f.message)},
                   {"check_name", rule_id(f.code)},
                   {"fingerprint", prints[i]},
                   {"severity", f.severity == Severity::error ? "major" : "minor"},
                   {"location",
                    {{"path", escape_controls(file_of(f, report))},
                     {"lines", {{"begin", f.where.line > 0 ? f.where.line : 1}}}}}});
  }
  return dump(out);
}

std::string github_summary(const CiReport& report, std::size_t max_bytes) {
  const std::size_t errors = static_cast<std::size_t>(
      std::count_if(report.findings.begin(), report.findings.end(),
                    [](const Finding& f) { return f.severity == Severity::error; }));
  std::string out = summary_heading(report, errors, report.findings.size() - errors);
  if (report.findings.empty())
    return out + "\n";
  out += report.lang == Lang::zh
             ? "\n| 级别 | 规则 | 文件 | 行 | 说明 |\n| --- | --- | --- | --- | --- |\n"
             : "\n| Level | Rule | File | Line | Message |\n| --- | --- | --- | "
               "--- | --- |\n";
  constexpr std::size_t k_reserve = 400; // for the line saying how many were left out
  std::size_t shown = 0;
  for (const auto& f : report.findings) {
    const std::string_view id = rule_id(f.code);
    const std::string uri = help_uri(report, id);
    const std::string rule = uri.empty()
                                 ? fmt::format("{} {}", id, markdown_cell(f.code))
                                 : fmt::format("[{}]({}) {}", id, uri, markdown_cell(f.code));
    std::string row = fmt::format("| {} | {} | {} | {} | {} |\n", level_word(f.severity), rule,
                                  markdown_cell(file_of(f, report)),
                                  f.where.line > 0 ? std::to_string(f.where.line) : std::string{},
                                  markdown_cell(f.message));
    if (out.size() + row.size() + k_reserve > max_bytes)
      break;
    out += row;
    ++shown;
  }
  if (shown < report.findings.size())
    out += model::tr(report.lang,
                     "\n{} more findings are left out: the summary holds at most {} bytes; the "
                     "log and the report files have them all.\n",
                     "\n另有 {} 项结果未列出：摘要最多 {} 字节；日志和报告文件中有全部结果。\n",
                     report.findings.size() - shown, max_bytes);
  return out + "\n";
}

} // namespace pmo::report
