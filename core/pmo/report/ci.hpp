#pragma once
// Findings in the formats CI systems read, as strings (no I/O): SARIF 2.1.0 for GitHub code
// scanning, JUnit XML as GitLab and Jenkins parse it, GitLab Code Quality JSON, and the Markdown
// job summary for GitHub Actions. Each finding is named by its rule (rules.hpp). Record-derived
// text is shown with its control characters escaped (escape_controls), then escaped as the format
// needs, so no record can forge a line, an element or a workflow command.

#include <pmo/model/types.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::report {

struct CiReport {
  std::string command;      // "validate", "verify"
  std::string tool_version; // "0.1.0"
  std::string home;         // pmo's home page, for SARIF informationUri and helpUri ("": none)
  model::Lang lang = model::Lang::en;
  std::vector<model::Finding> findings; // paths relative to the repository root
  std::vector<std::string> files;       // every file checked, relative to the repository root
  std::string fallback_file; // where a finding without a file is placed (formats that need one)
};

// Identifies a finding across runs: FNV-1a 64 of its code, file and message (not its line, so an
// edit above it does not make it a new finding), and its `occurrence` among identical ones, in hex.
std::string finding_fingerprint(const model::Finding& finding, std::size_t occurrence);

// SARIF 2.1.0: one run, tool.driver.rules[] for the rules the results use.
std::string sarif(const CiReport& report);

// JUnit XML: one <testsuite> per kind of record, one <testcase> per file checked, a <failure> on a
// file with errors (its findings as text); warnings alone go to the testcase's <system-out>.
std::string junit(const CiReport& report);

// GitLab Code Quality: a JSON array of {description, check_name, fingerprint, severity
// (error: major, warning: minor), location {path, lines {begin}}}.
std::string gitlab_code_quality(const CiReport& report);

// Markdown for $GITHUB_STEP_SUMMARY: counts by level and a table of the findings, at most
// `max_bytes` long (GitHub takes 1 MiB per step); a last line says how many were left out.
inline constexpr std::size_t k_github_summary_limit = 1000 * 1000;
std::string github_summary(const CiReport& report, std::size_t max_bytes = k_github_summary_limit);

// Text for an XML attribute or element (& < > " ' as entities), after escape_controls; also
// U+FFFE and U+FFFF, which XML 1.0 cannot carry, as U+FFFD.
std::string xml_escape(std::string_view text);

// Text for a cell of a GitHub-flavoured Markdown table, after escape_controls: "|" as "\|",
// & < > as entities, Markdown punctuation backslash-escaped.
std::string markdown_cell(std::string_view text);

// The kind of record a path names, for grouping: "office", "people", "projects", "decisions" ...
std::string record_kind(std::string_view path);

} // namespace pmo::report
