#include <pmo/report/ci.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <string>

using namespace pmo;
using model::Severity;

namespace {

report::CiReport sample() {
  report::CiReport r;
  r.command = "validate";
  r.tool_version = "0.1.0";
  r.fallback_file = "pmo.yaml";
  r.files = {"pmo.yaml", "people/lina.yaml", "projects/P1/project.yaml",
             "projects/P1/decisions/d.yaml"};
  r.findings = {
      {Severity::error, {"projects/P1/project.yaml", 3, 5}, "unknown-person", "manager 'x'"},
      {Severity::warning, {"people/lina.yaml", 2, 1}, "unknown-field", "unknown field 'nmae'"},
      {Severity::error, {"", 0, 0}, "decision-edited", "commit abc1234: edited"}};
  return r;
}

// Record text that tries every trick: escape sequences, a bell, a workflow command on a line of
// its own, the end of a JUnit failure, quotes, Markdown table cells and HTML.
const std::string k_hostile = "business\n::error file=pmo.yaml::injected\x1b]0;pwned\x07\x1b[31m"
                              "</failure><x a=\"1\"> | cell | <b>&amp;\r";

report::CiReport hostile() {
  report::CiReport r = sample();
  r.findings = {{Severity::error, {"people/ev\nil\x1b.yaml", 1, 1}, "unknown-role", k_hostile},
                {Severity::warning, {"people/ev\nil\x1b.yaml", 2, 1}, "unknown-field", k_hostile}};
  r.files = {"people/ev\nil\x1b.yaml"};
  return r;
}

bool has_control(const std::string& text, bool allow_newline) {
  for (unsigned char c : text)
    if ((c < 0x20 && !(allow_newline && c == '\n')) || c == 0x7f)
      return true;
  return false;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

} // namespace

TEST_CASE("SARIF names each result's rule and where it is, from the repository root") {
  auto doc = nlohmann::json::parse(report::sarif(sample()));
  CHECK(doc["version"] == "2.1.0");
  CHECK(doc["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
  const auto& run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "pmo");
  CHECK(run["tool"]["driver"]["version"] == "0.1.0");
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 3);
  CHECK(rules[0]["id"] == "PMO017");
  CHECK(rules[0]["name"] == "unknown-field");
  CHECK(rules[0]["defaultConfiguration"]["level"] == "warning");
  CHECK(rules[1]["id"] == "PMO036");
  CHECK(!rules[0].contains("helpUri")); // no home page set
  const auto& results = run["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["ruleId"] == "PMO036");
  CHECK(results[0]["ruleIndex"] == 1);
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["message"]["text"] == "manager 'x'");
  const auto& where = results[0]["locations"][0]["physicalLocation"];
  CHECK(where["artifactLocation"]["uri"] == "projects/P1/project.yaml");
  CHECK(where["region"]["startLine"] == 3);
  CHECK(where["region"]["startColumn"] == 5);
  CHECK(results[1]["level"] == "warning");
  // Without a line there is no region; without a file, the fallback file.
  const auto& nowhere = results[2]["locations"][0]["physicalLocation"];
  CHECK(nowhere["artifactLocation"]["uri"] == "pmo.yaml");
  CHECK(!nowhere.contains("region"));
  CHECK(results[2]["partialFingerprints"]["pmoFinding/v1"].get<std::string>().size() == 16);
}

TEST_CASE("SARIF points each rule to its row of docs/FINDINGS.md when pmo has a home page") {
  auto r = sample();
  r.home = "https://example.org/pmo";
  auto doc = nlohmann::json::parse(report::sarif(r));
  CHECK(doc["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/pmo");
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"][1]["helpUri"] ==
        "https://example.org/pmo/blob/main/docs/FINDINGS.md#pmo036");
}

TEST_CASE("JUnit has a suite per kind of record, a case per file, a failure per file in error") {
  const std::string xml = report::junit(sample());
  CHECK(xml.starts_with(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"pmo validate\" tests=\"4\" failures=\"2\" errors=\"0\">"));
  CHECK(xml.find("<testsuite name=\"pmo validate projects\" tests=\"1\" failures=\"1\"") !=
        std::string::npos);
  CHECK(xml.find("<testsuite name=\"pmo validate people\" tests=\"1\" failures=\"0\"") !=
        std::string::npos);
  CHECK(xml.find("<testcase classname=\"pmo.validate.people\" name=\"people/lina.yaml\">\n"
                 "      <system-out>people/lina.yaml:2:1: warning: unknown field &apos;nmae&apos; "
                 "(PMO017)\n</system-out>") != std::string::npos);
  CHECK(xml.find("<failure type=\"PMO036\" message=\"manager &apos;x&apos;\">"
                 "projects/P1/project.yaml:3:5: error: manager &apos;x&apos; (PMO036)\n"
                 "</failure>") != std::string::npos);
  // The finding without a file fails pmo.yaml.
  CHECK(xml.find("name=\"pmo.yaml\">\n      <failure type=\"PMO071\"") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"pmo.validate.decisions\" name=\"projects/P1/decisions/"
                 "d.yaml\"></testcase>") != std::string::npos);
}

TEST_CASE("GitLab Code Quality findings have a rule, a level and a unique, stable fingerprint") {
  auto r = sample();
  r.findings.push_back(r.findings[0]); // the same finding twice is still two findings
  auto doc = nlohmann::json::parse(report::gitlab_code_quality(r));
  REQUIRE(doc.size() == 4);
  CHECK(doc[0]["check_name"] == "PMO036");
  CHECK(doc[0]["severity"] == "major");
  CHECK(doc[1]["severity"] == "minor");
  CHECK(doc[0]["description"] == "manager 'x'");
  CHECK(doc[0]["location"]["path"] == "projects/P1/project.yaml");
  CHECK(doc[0]["location"]["lines"]["begin"] == 3);
  CHECK(doc[2]["location"]["path"] == "pmo.yaml");
  CHECK(doc[2]["location"]["lines"]["begin"] == 1);
  std::set<std::string> prints;
  for (const auto& issue : doc)
    prints.insert(issue["fingerprint"].get<std::string>());
  CHECK(prints.size() == 4);
  CHECK(nlohmann::json::parse(report::gitlab_code_quality(r)) == doc);
  // A finding that moves down a line keeps its fingerprint.
  auto moved = r;
  moved.findings[0].where.line = 9;
  CHECK(nlohmann::json::parse(report::gitlab_code_quality(moved))[0]["fingerprint"] ==
        doc[0]["fingerprint"]);
}

TEST_CASE("the GitHub job summary counts by level and lists every finding in a table") {
  const std::string md = report::github_summary(sample());
  CHECK(md.starts_with("### pmo validate: 2 errors, 1 warning in 4 files\n\n"
                       "| Level | Rule | File | Line | Message |\n| --- | --- | --- | --- | --- |\n"
                       "| error | PMO036 unknown-person | projects/P1/project.yaml | 3 | manager "
                       "'x' |\n"));
  auto zh = sample();
  zh.lang = model::Lang::zh;
  CHECK(
      report::github_summary(zh).starts_with("### pmo validate：4 个文件中有 2 个错误、1 个警告"));
  zh.findings.clear();
  CHECK(report::github_summary(zh) == "### pmo validate：4 个文件，没有问题\n\n");
}

TEST_CASE("the GitHub job summary stays under its size and says how many it left out") {
  auto r = sample();
  for (int i = 0; i < 2000; ++i)
    r.findings.push_back(r.findings[0]);
  const std::string md = report::github_summary(r, 20000);
  CHECK(md.size() <= 20000);
  CHECK(md.find("more findings are left out") != std::string::npos);
  const auto rows = std::count(md.begin(), md.end(), '\n');
  CHECK(rows > 100);
}

TEST_CASE("no record text reaches any CI format raw") {
  const auto r = hostile();
  for (const std::string& json : {report::sarif(r), report::gitlab_code_quality(r)}) {
    CHECK(!has_control(json, true));
    const auto doc = nlohmann::json::parse(json);
    const std::string values = doc.dump(); // strings, unescaped by the parser, escaped again
    std::string texts;
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
      if (j.is_string())
        texts += j.get<std::string>() + "\x1f";
      for (const auto& child : j)
        if (j.is_structured())
          walk(child);
    };
    walk(doc);
    CHECK(texts.find('\x1b') == std::string::npos);
    CHECK(texts.find('\x07') == std::string::npos);
    CHECK(texts.find('\n') == std::string::npos);
    CHECK(texts.find('\r') == std::string::npos);
    CHECK(texts.find("\\e]0;pwned\\x07") != std::string::npos); // shown, escaped
  }

  // A path in SARIF is a URI reference: what a URI cannot hold is percent-encoded.
  CHECK(nlohmann::json::parse(report::sarif(r))["runs"][0]["results"][0]["locations"][0]
                                               ["physicalLocation"]["artifactLocation"]["uri"] ==
        "people/ev%0Ail%1B.yaml");

  const std::string xml = report::junit(r);
  CHECK(!has_control(xml, true));
  CHECK(xml.find("</failure><x") == std::string::npos);
  CHECK(xml.find("&lt;/failure&gt;&lt;x a=&quot;1&quot;&gt;") != std::string::npos);
  CHECK(xml.find("<failure") == xml.rfind("<failure")); // one failure: the forged one is text
  for (const auto& line : lines_of(xml))
    CHECK(!line.starts_with("::"));

  const std::string md = report::github_summary(r);
  CHECK(!has_control(md, true));
  CHECK(md.find("\\| cell \\|") != std::string::npos);
  CHECK(md.find("&lt;b&gt;&amp;amp;") != std::string::npos);
  for (const auto& line : lines_of(md))
    CHECK((line.empty() || line.starts_with("| ") || line.starts_with("### ")));
}

TEST_CASE("XML and Markdown cells escape what their readers would take as markup") {
  CHECK(report::xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
  CHECK(report::xml_escape("\x1b[1m\xEF\xBF\xBE") == "\\e[1m\xEF\xBF\xBD");
  CHECK(report::markdown_cell("a|b\n`c` *d* [e](f)") == "a\\|b\\\\n\\`c\\` \\*d\\* \\[e\\](f)");
  CHECK(report::record_kind("pmo.yaml") == "office");
  CHECK(report::record_kind("office/pmo.yaml") == "office");
  CHECK(report::record_kind("projects/P1/project.yaml") == "projects");
  CHECK(report::record_kind("projects/P1/decisions/x.yaml") == "decisions");
  CHECK(report::record_kind("people/lina.yaml") == "people");
}
