#include <pmo/model/validate.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace pmo::model;

namespace {

bool has_code(const std::vector<Finding>& findings, const std::string& code) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.code == code; });
}

Portfolio small_portfolio() {
  Portfolio p;
  p.office = default_office("Test", Lang::en, OfficeType::controlling);
  Person pm;
  pm.id = "pm";
  pm.name = "PM";
  pm.roles = {"manager"};
  pm.file = "people/pm.yaml";
  Person rev;
  rev.id = "rev";
  rev.name = "Rev";
  rev.roles = {"pmo"};
  rev.file = "people/rev.yaml";
  p.people = {pm, rev};
  Project project;
  project.id = "A";
  project.title = "A";
  project.manager = "pm";
  project.file = "projects/A/project.yaml";
  project.where["manager"] = Location{project.file, 3, 10};
  p.projects = {project};
  return p;
}

} // namespace

TEST_CASE("the default office is valid") {
  CHECK(validate_office(default_office("x", Lang::zh, OfficeType::directive), Lang::en).empty());
}

TEST_CASE("office configuration mistakes are found") {
  Office office = default_office("x", Lang::en, OfficeType::controlling);
  office.gates[0].board.push_back("auditor");
  office.gates[1].stage = "nowhere";
  office.gates[2].quorum = Quorum{Quorum::Kind::count, 3};
  office.gates[3].excluded.push_back(Party::sponsor);
  office.gates[3].requires_fields.push_back("colour");
  auto findings = validate_office(office, Lang::en);
  CHECK(has_code(findings, "unknown-role"));
  CHECK(has_code(findings, "unreachable-gate"));
  CHECK(has_code(findings, "bad-quorum"));
  CHECK(has_code(findings, "contradictory-board"));
  CHECK(has_code(findings, "unknown-field"));
}

TEST_CASE("a reference to someone not in the roster is located at the field") {
  Portfolio p = small_portfolio();
  p.projects[0].manager = "ghost";
  auto findings = validate_portfolio(p, Lang::en);
  REQUIRE(has_code(findings, "unknown-person"));
  auto it = std::find_if(findings.begin(), findings.end(),
                         [](const Finding& f) { return f.code == "unknown-person"; });
  CHECK(it->where.file == "projects/A/project.yaml");
  CHECK(it->where.line == 3);
  CHECK(it->where.column == 10);
}

TEST_CASE("a consistent portfolio has no findings") {
  CHECK(validate_portfolio(small_portfolio(), Lang::en).empty());
}

TEST_CASE("an end before the start is an error") {
  Portfolio p = small_portfolio();
  p.projects[0].start = parse_date("2027-02-01");
  p.projects[0].end = parse_date("2027-01-01");
  CHECK(has_code(validate_portfolio(p, Lang::en), "end-before-start"));
}

TEST_CASE("a person's role must be defined by the office") {
  Portfolio p = small_portfolio();
  p.people[0].roles.push_back("wizard");
  CHECK(has_code(validate_portfolio(p, Lang::en), "unknown-role"));
}

TEST_CASE("decision logs are checked: order, authority, segregation, conditions") {
  Portfolio p = small_portfolio();
  auto decision = [&](std::string gate, Verdict verdict, std::string who, std::string role,
                      int minute) {
    Decision d;
    d.project = "A";
    d.gate = std::move(gate);
    d.verdict = verdict;
    d.reviewer = std::move(who);
    d.role = std::move(role);
    d.decided_at = Timestamp{std::chrono::minutes{minute}};
    d.file = "projects/A/decisions/" + std::to_string(minute) + ".yaml";
    return d;
  };
  p.decisions = {decision("G2", Verdict::approve, "rev", "pmo", 1),    // out of order
                 decision("G1", Verdict::approve, "pm", "manager", 2), // not on the board
                 decision("G1", Verdict::approve_with_conditions, "rev", "business", 3), // not held
                 decision("G1", Verdict::approve, "nobody", "legal", 4)}; // unknown reviewer
  p.sort_decisions();
  auto findings = validate_portfolio(p, Lang::en);
  CHECK(has_code(findings, "gate-out-of-order"));
  CHECK(has_code(findings, "not-on-board"));
  CHECK(has_code(findings, "role-not-held"));
  CHECK(has_code(findings, "conditions-missing"));
  CHECK(has_code(findings, "unknown-person"));
}
