#pragma once
// The registry of finding codes: each code a finding or a refusal carries ("unknown-person") has a
// stable rule id (PMO036), a one-line description in English and Chinese, and a default level. CI
// formats (SARIF rules[], GitLab check_name, JUnit) name findings by rule id; docs/FINDINGS.md is
// this table (findings_table_markdown). An id, once given, is never reused: a new code takes the
// next number, a code no longer produced keeps its row.

#include <pmo/model/types.hpp>

#include <span>
#include <string>
#include <string_view>

namespace pmo::report {

struct Rule {
  std::string_view code; // the finding's code, also the rule's short name: "unknown-person"
  std::string_view id;   // "PMO036"
  model::Severity level; // the level it is usually reported at
  std::string_view en;   // what it means, one line
  std::string_view zh;
};

// Every rule, by id.
std::span<const Rule> rules();

// The rule of `code`; nullptr when the code is not in the table.
const Rule* find_rule(std::string_view code);

// The rule id of `code` ("PMO036"), "PMO000" for a code not in the table.
std::string_view rule_id(std::string_view code);

// A rule's description in `lang`.
std::string_view rule_description(const Rule& rule, model::Lang lang);

// The Markdown table of docs/FINDINGS.md: one row per rule, each with an anchor "#pmo036".
std::string findings_table_markdown();

} // namespace pmo::report
