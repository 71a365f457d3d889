#include "office_fixture.hpp"

#include <pmo/model/lifecycle.hpp>
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
  project.where.set("manager", Location{project.file, 3, 10});
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

namespace {

using pmo::test::full_closure;
using pmo::test::Office4;

// Office4 with P1 baselined (G1 and G2 passed).
Office4 baselined_office() {
  Office4 o;
  o.pass_g1();
  REQUIRE(o.decide("G2", Verdict::approve, "pmo1").passes_gate);
  return o;
}

const Finding* finding(const std::vector<Finding>& findings, const std::string& code) {
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const Finding& f) { return f.code == code; });
  return it == findings.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("control records: owners, requesters and forecast milestones must exist") {
  Office4 o = baselined_office();
  CHECK(validate_portfolio(o.portfolio, Lang::en).empty());

  Risk risk;
  risk.project = "P1";
  risk.id = "R-001";
  risk.description = "d";
  risk.owner = "ghost";
  risk.file = "projects/P1/risks/R-001.yaml";
  risk.where.set("owner", Location{risk.file, 5, 8});
  Issue issue;
  issue.project = "P1";
  issue.id = "I-001";
  issue.description = "d";
  issue.owner = "mgr";
  StatusReport report;
  report.project = "P1";
  report.period = "2027-W03";
  report.file = "projects/P1/status/2027-W03.yaml";
  report.forecasts = {{"done", *parse_date("2027-07-01")}, {"launch", *parse_date("2027-07-01")}};
  report.where.set("forecasts.launch", Location{report.file, 4, 11});
  ChangeRequest change;
  change.project = "P1";
  change.id = "CR-001";
  change.title = "t";
  change.requested_by = "nobody";
  o.portfolio.risks = {risk};
  o.portfolio.issues = {issue};
  o.portfolio.status_reports = {report};
  o.portfolio.changes = {change};

  auto findings = validate_portfolio(o.portfolio, Lang::en);
  const Finding* owner = finding(findings, "unknown-person");
  REQUIRE(owner);
  CHECK(owner->where.file == "projects/P1/risks/R-001.yaml");
  CHECK(owner->where.line == 5);
  const Finding* milestone = finding(findings, "unknown-milestone");
  REQUIRE(milestone);
  CHECK(milestone->where.line == 4);
  CHECK(milestone->message.find("'launch'") != std::string::npos);
  CHECK(std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
          return f.code == "unknown-person";
        }) == 2); // the risk owner and the change requester; the issue owner is known
  CHECK(std::count_if(findings.begin(), findings.end(),
                      [](const Finding& f) { return f.code == "unknown-milestone"; }) == 1);
}

TEST_CASE("CCB decisions are checked: the change exists, the board's authority, after decided") {
  Office4 o = baselined_office();
  ChangeRequest change;
  change.project = "P1";
  change.id = "CR-001";
  change.title = "t";
  o.portfolio.changes = {change};
  REQUIRE(o.decide_change("CR-001", Verdict::approve, "pmo1").refusals.empty());
  REQUIRE(o.decide_change("CR-001", Verdict::approve, "fin").passes_gate);
  CHECK(validate_portfolio(o.portfolio, Lang::en).empty());

  // Decisions written by hand: one after the change was decided, one by the project's manager,
  // one on a change request that does not exist.
  Decision late = o.portfolio.decisions.back();
  late.reviewer = "pmo2";
  late.role = "pmo";
  late.decided_at += std::chrono::hours{1};
  late.file = "late";
  Decision manager = late;
  manager.reviewer = "mgr";
  manager.role = "finance";
  manager.file = "manager";
  Decision unknown = late;
  unknown.change = "CR-009";
  unknown.file = "unknown";
  o.portfolio.decisions.insert(o.portfolio.decisions.end(), {late, manager, unknown});
  o.portfolio.sort_decisions();
  auto findings = validate_portfolio(o.portfolio, Lang::en);
  CHECK(has_code(findings, "change-decided"));
  CHECK(has_code(findings, "segregation-of-duties"));
  CHECK(has_code(findings, "unknown-change"));
  CHECK(o.state().anomalies.empty()); // change decisions do not disturb the gates
}

TEST_CASE("a closure report before the baseline is a warning; an end before the start an error") {
  Office4 o;
  o.portfolio.projects[0].closure = full_closure();
  o.portfolio.projects[0].closure->file = "projects/P1/closure.yaml";
  auto early = validate_portfolio(o.portfolio, Lang::en);
  const Finding* f = finding(early, "closure-early");
  REQUIRE(f);
  CHECK(f->severity == Severity::warning);
  CHECK(f->where.file == "projects/P1/closure.yaml");

  Office4 b = baselined_office();
  b.portfolio.projects[0].closure = full_closure();
  b.portfolio.projects[0].closure->actual_end = parse_date("2026-12-01"); // start 2027-01-01
  CHECK(has_code(validate_portfolio(b.portfolio, Lang::en), "end-before-start"));
}

TEST_CASE("dates that cannot be true yet are errors, unlikely ones warnings") {
  Portfolio p = small_portfolio();
  p.projects[0].start = *parse_date("2026-09-01");
  const Date today = *parse_date("2026-12-01");
  StatusReport report;
  report.project = "A";
  report.period = "2026-12"; // under way: fine
  report.file = "projects/A/status/2026-12.yaml";
  p.status_reports = {report};
  CHECK(validate_dates(p, today, Lang::en).empty());

  report.period = "2030-W01"; // not started
  report.file = "projects/A/status/2030-W01.yaml";
  p.status_reports = {report};
  auto future = validate_dates(p, today, Lang::en);
  REQUIRE(future.size() == 1);
  CHECK(future[0].code == "future-period");
  CHECK(future[0].severity == Severity::error);
  CHECK(future[0].where.file == report.file);
  CHECK(future[0].message.find("2030-W01") != std::string::npos);
  report.period = "9999-12";
  p.status_reports = {report};
  CHECK(has_code(validate_dates(p, today, Lang::en), "future-period"));

  report.period = "2026-07"; // ended before the planned start
  p.status_reports = {report};
  auto early = validate_dates(p, today, Lang::en);
  REQUIRE(early.size() == 1);
  CHECK(early[0].code == "period-before-start");
  CHECK(early[0].severity == Severity::warning);

  p.status_reports.clear();
  Closure closure;
  closure.file = "projects/A/closure.yaml";
  closure.actual_end = *parse_date("9999-12-31");
  closure.where.set("actual_end", Location{closure.file, 4, 13});
  p.projects[0].closure = closure;
  auto ended = validate_dates(p, today, Lang::zh);
  REQUIRE(ended.size() == 1);
  CHECK(ended[0].code == "future-date");
  CHECK(ended[0].where.line == 4);
  p.projects[0].closure->actual_end = today;
  CHECK(validate_dates(p, today, Lang::en).empty());
}

TEST_CASE("dates a PMO would hardly enter are warned about, naming the field") {
  Portfolio p = small_portfolio();
  Project& project = p.projects[0];
  project.file = "projects/A/project.yaml";
  project.where.set("start", Location{project.file, 7, 8});
  project.where.set("end", Location{project.file, 8, 6});
  const Date today = *parse_date("2026-12-01");
  project.start = *parse_date("2027-01-04");
  project.end = *parse_date("2028-06-30");
  CHECK(unlikely_dates(project, today, Lang::en).empty());
  CHECK(validate_dates(p, today, Lang::en).empty());

  project.start = *parse_date("1990-01-04"); // a typo in the year
  auto old = unlikely_dates(project, today, Lang::en);
  REQUIRE(old.size() == 2); // and a plan of 38 years
  CHECK(old[0].code == "unlikely-date");
  CHECK(old[0].severity == Severity::warning);
  CHECK(old[0].where.line == 7);
  CHECK(old[0].message.find("1990-01-04") != std::string::npos);
  CHECK(old[1].code == "long-plan");
  CHECK(old[1].where.line == 8);
  CHECK(has_code(validate_dates(p, today, Lang::en), "unlikely-date"));

  project.start = *parse_date("2027-01-04");
  project.end = *parse_date("2039-01-04"); // after today + 10 years, a plan of 12 years
  auto zh = unlikely_dates(project, today, Lang::zh);
  REQUIRE(zh.size() == 2);
  CHECK(zh[0].message == "end 2039-01-04 比今天（2026-12-01）晚 10 年以上：年份是否有误？");
  CHECK(zh[1].code == "long-plan");
  CHECK(zh[1].message.find("2027-01-04") != std::string::npos);

  project.end = *parse_date("2036-11-30"); // within 10 years of today, a plan under 10 years
  CHECK(unlikely_dates(project, today, Lang::en).empty());

  // A closure's dates lie behind it: after today is an error of validate_dates, not a warning.
  project.end = *parse_date("2028-06-30");
  Closure closure;
  closure.file = "projects/A/closure.yaml";
  closure.actual_end = *parse_date("9999-12-31");
  project.closure = closure;
  CHECK(unlikely_dates(project, today, Lang::en).empty());
  project.closure->actual_start = *parse_date("2006-01-01");
  auto closed = unlikely_dates(project, today, Lang::en);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].where.file == "projects/A/closure.yaml");
}

TEST_CASE("the plan a baseline gate fixes must be one that can be right") {
  Portfolio p = small_portfolio();
  Project& project = p.projects[0];
  project.start = *parse_date("2027-01-04");
  project.end = *parse_date("2027-06-30");
  auto milestone = [](const char* name, const char* date, double weight, bool weighted = true) {
    Milestone m;
    m.name = name;
    m.date = *parse_date(date);
    m.weight = weight;
    m.weighted = weighted;
    return m;
  };
  project.milestones = {milestone("Design", "2027-02-28", 1), milestone("Build", "2027-05-31", 2),
                        milestone("Go-live", "2027-06-30", 1)};
  CHECK(check_plan(project, Severity::error, Lang::en).empty());

  // After the end, before the previous one, without a weight: each named at its milestone.
  project.milestones = {milestone("Design", "2027-02-28", 1), milestone("Go-live", "2029-06-30", 1),
                        milestone("Build", "2027-05-31", 1, false)};
  project.where.set("milestones[1].date", Location{project.file, 20, 11});
  auto findings = check_plan(project, Severity::error, Lang::en);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].code == "milestone-outside");
  CHECK(findings[0].where.line == 20);
  CHECK(findings[0].message.find("2029-06-30 is outside the project's 2027-01-04 to 2027-06-30") !=
        std::string::npos);
  CHECK(findings[1].code == "milestone-weight");
  CHECK(findings[2].code == "milestone-order");
  // validate reports them as warnings; the baseline gate (G2 requires the milestones) refuses.
  auto validated = validate_portfolio(p, Lang::en);
  CHECK(std::count_if(validated.begin(), validated.end(), [](const Finding& f) {
          return f.code.starts_with("milestone-") && f.severity == Severity::warning;
        }) == 3);
  const GateDef* g2 = p.office.gate("G2");
  REQUIRE(g2);
  auto ready = check_readiness(p.office, project, *g2, Lang::zh);
  CHECK(std::count_if(ready.begin(), ready.end(), [](const Finding& f) {
          return f.code.starts_with("milestone-") && f.severity == Severity::error;
        }) == 3);
  const GateDef* g1 = p.office.gate("G1");
  REQUIRE(g1);
  auto g1_ready = check_readiness(p.office, project, *g1, Lang::en);
  CHECK(std::none_of(g1_ready.begin(), g1_ready.end(),
                     [](const Finding& f) { return f.code.starts_with("milestone-"); }));

  // Weights that are all 0 earn nothing.
  project.milestones = {milestone("Design", "2027-02-28", 0),
                        milestone("Go-live", "2027-06-30", 0)};
  auto zero = check_plan(project, Severity::error, Lang::en);
  REQUIRE(zero.size() == 1);
  CHECK(zero[0].code == "milestone-weight");
}
