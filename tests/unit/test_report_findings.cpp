#include <pmo/report/findings.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace pmo;

TEST_CASE("a GitHub annotation names file, line, column and the finding's code") {
  model::Finding f{model::Severity::error,
                   {"projects/P1/project.yaml", 3, 5},
                   "unknown-person",
                   "manager 'x' is not in the roster"};
  CHECK(report::github_annotation(f) ==
        "::error file=projects/P1/project.yaml,line=3,col=5,title=unknown-person::"
        "manager 'x' is not in the roster");
}

TEST_CASE("a warning is a GitHub warning, and unknown places are left out") {
  model::Finding f{model::Severity::warning, {"people/a.yaml", 0, 0}, "unknown-field", "m"};
  CHECK(report::github_annotation(f) == "::warning file=people/a.yaml,title=unknown-field::m");
  model::Finding nowhere{model::Severity::error, {}, "", "m"};
  CHECK(report::github_annotation(nowhere) == "::error::m");
}

TEST_CASE("user text cannot end a GitHub annotation early or add properties") {
  CHECK(report::github_escape_data("50%\r\nnext::x") == "50%25%0D%0Anext::x");
  CHECK(report::github_escape_property("a,line=1:b") == "a%2Cline=1%3Ab");
  model::Finding f{model::Severity::error, {"p,x:y.yaml", 1, 1}, "c", "two\nlines"};
  CHECK(report::github_annotation(f) ==
        "::error file=p%2Cx%3Ay.yaml,line=1,col=1,title=c::two%0Alines");
  // Nor steer the log: escape sequences and other control characters are shown escaped.
  CHECK(report::github_escape_data("a\x1b]0;pwned\x07\nb") == "a\\e]0;pwned\\x07%0Ab");
  CHECK(report::github_escape_property("p\x1b[31m.yaml") == "p\\e[31m.yaml");
}

TEST_CASE("findings as JSON are a versioned object; an unknown location is null") {
  std::vector<model::Finding> findings{
      {model::Severity::error, {"pmo.yaml", 2, 3}, "yaml-syntax", "坏了"},
      {model::Severity::warning, {"people/a.yaml", 0, 0}, "unknown-field", "bad \xFF byte"},
      {model::Severity::error, {}, "no-office", "m"}};
  auto doc = nlohmann::json::parse(report::findings_json(findings));
  REQUIRE(doc.is_object());
  CHECK(doc["schema_version"] == 1);
  CHECK(doc["command"] == "validate");
  REQUIRE(doc["findings"].size() == 3);
  doc = doc["findings"];
  CHECK(doc[0]["file"] == "pmo.yaml");
  CHECK(doc[0]["line"] == 2);
  CHECK(doc[0]["column"] == 3);
  CHECK(doc[0]["severity"] == "error");
  CHECK(doc[0]["code"] == "yaml-syntax");
  CHECK(doc[0]["message"] == "坏了");
  CHECK(doc[1]["severity"] == "warning");
  CHECK(doc[1]["message"] == "bad \xEF\xBF\xBD byte"); // invalid UTF-8 replaced, not a crash
  CHECK(doc[1]["file"] == "people/a.yaml");
  CHECK(doc[1]["line"].is_null());
  CHECK(doc[1]["column"].is_null());
  CHECK(doc[2]["file"].is_null());
  CHECK(doc[2]["line"].is_null());
  CHECK(nlohmann::json::parse(report::findings_json({}, "verify")) ==
        nlohmann::json{
            {"schema_version", 1}, {"command", "verify"}, {"findings", nlohmann::json::array()}});
}
