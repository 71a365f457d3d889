#include <pmo/report/rules.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

using namespace pmo;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Kebab-case string literals of core/ and cli/ that are not finding codes. A new literal of this
// shape is either a finding code (give it a row in core/pmo/report/rules.cpp) or belongs here.
const std::set<std::string> k_not_codes{"ssh-keygen", "ssh-ed25519", "cherry-pick", "apply-mailbox",
                                        "e-mail", "people-add", "people-update", "people-retire",
                                        "find-principals", "check-novalidate", "pmo-write-pending",
                                        "approve-with-conditions", "working-tree-encoding",
                                        // why pmo portfolio select left a proposal out (JSON)
                                        "forced-out", "no-cost", "no-score",
                                        // a KPI against its target (pmo kpi --json)
                                        "not-met", "no-target", "no-data"};

} // namespace

TEST_CASE("every finding code in the sources has a rule") {
  const fs::path root{PMO_SOURCE_DIR};
  const std::regex literal{R"re("([a-z][a-z0-9]*(?:-[a-z0-9]+)+)")re"};
  std::set<std::string> missing;
  std::size_t codes = 0;
  for (const char* dir : {"core", "cli"})
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp")
        continue;
      const std::string text = read_text(entry.path());
      for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
        const std::string code = (*it)[1];
        if (k_not_codes.count(code))
          continue;
        ++codes;
        if (!report::find_rule(code))
          missing.insert(code + " (" + fs::relative(entry.path(), root).string() + ")");
      }
    }
  CHECK(codes > 90);
  for (const auto& code : missing)
    FAIL_CHECK("no rule for finding code " << code << ": add a row to core/pmo/report/rules.cpp");
}

TEST_CASE("rule ids are PMO001, PMO002, ... in order, each code once") {
  std::set<std::string_view> codes;
  int n = 0;
  for (const auto& rule : report::rules()) {
    ++n;
    char expected[16];
    std::snprintf(expected, sizeof expected, "PMO%03d", n);
    CHECK(rule.id == std::string_view{expected});
    CHECK(codes.insert(rule.code).second);
    CHECK(!rule.en.empty());
    CHECK(!rule.zh.empty());
  }
  CHECK(report::rule_id("unknown-person") == "PMO036");
  CHECK(report::rule_id("yaml-syntax") == "PMO001");
  CHECK(report::rule_id("no-such-code") == "PMO000");
  REQUIRE(report::find_rule("unknown-field"));
  CHECK(report::find_rule("unknown-field")->level == model::Severity::warning);
  CHECK(report::rule_description(*report::find_rule("empty-file"), model::Lang::zh) ==
        "记录文件为空。");
}

TEST_CASE("docs/FINDINGS.md holds the rules table as the code has it") {
  const std::string doc = read_text(fs::path{PMO_SOURCE_DIR} / "docs" / "FINDINGS.md");
  const std::string table = report::findings_table_markdown();
  CHECK(table.find("| <a id=\"pmo036\"></a>PMO036 | `unknown-person` | error |") !=
        std::string::npos);
  const bool in_doc = doc.find(table) != std::string::npos;
  if (!in_doc) {
    const fs::path expected = fs::temp_directory_path() / "pmo-FINDINGS-table.md";
    std::ofstream(expected) << table;
    FAIL_CHECK("docs/FINDINGS.md does not hold the current table; it is in " << expected.string());
  }
}
