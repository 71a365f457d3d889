// The office's KPIs (PMO 年度目标与 KPI) over a small portfolio whose figures are worked out by
// hand below, against pmo.yaml targets.

#include "office_fixture.hpp"

#include <pmo/model/kpi.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace pmo::model;
using pmo::test::complete_project;
using pmo::test::person;

namespace {

Timestamp day(const char* date) { return Timestamp{*parse_date(date)}; }

Decision decision(std::string project, std::string gate, std::string role, std::string reviewer,
                  const char* date, Verdict verdict = Verdict::approve) {
  Decision d;
  d.project = std::move(project);
  d.gate = std::move(gate);
  d.role = std::move(role);
  d.reviewer = std::move(reviewer);
  d.verdict = verdict;
  d.decided_at = day(date);
  d.file = d.project + "/" + d.gate + "-" + d.role;
  return d;
}

// G1 decided by its four roles on the four days given.
void g1(std::vector<Decision>& out, const std::string& project, const char* business,
        const char* technical, const char* finance, const char* legal) {
  out.push_back(decision(project, "G1", "business", "biz", business));
  out.push_back(decision(project, "G1", "technical", "tech", technical));
  out.push_back(decision(project, "G1", "finance", "fin", finance));
  out.push_back(decision(project, "G1", "legal", "law", legal));
}

Closure closure(const char* end, double cost, Outcome outcome) {
  Closure c = pmo::test::full_closure();
  c.actual_end = parse_date(end);
  c.actual_cost = cost;
  c.outcome = outcome;
  return c;
}

// The portfolio, monthly reports with 3 working days' grace, on 2026-12-15:
//   A  submitted 2026-01-05; G1 by business 01-08, technical 01-09, finance 01-12, legal 01-15
//      (passes 01-15); G2 01-25; baseline 2026-02-01..06-30, budget 1000; G4 by the sponsor
//      07-10 and the PMO 07-12 (closed 07-12); closure: ended 07-06, cost 950, achieved.
//   B  submitted 2026-02-01; G1 02-03, 02-04, 02-06, 02-11; G2 02-21; baseline 2026-03-01..
//      09-30, budget 2000; G4 09-28 and 09-29; closure: ended 09-20, cost 2100, partially.
//   C  submitted 2026-03-01 without feasibility and key risks; business sends G1 back 03-04.
//   D  submitted 2025-11-01, G1 passed 2025-11-10 (all four); G2 2026-01-09; baseline from
//      2027-01-01, so it owes no report in 2026.
struct Portfolio2026 {
  Portfolio portfolio;
  ReportCommits commits;
  Clock clock{day("2026-12-15") + std::chrono::hours{9}};

  Portfolio2026() {
    portfolio.office = default_office("Test", Lang::en, OfficeType::controlling);
    portfolio.office.control.cadence = Cadence::monthly;
    portfolio.office.control.report_grace = 3;
    portfolio.people = {person("biz", {"business"}),  person("fin", {"finance"}),
                        person("law", {"legal"}),     person("mgr", {"manager"}),
                        person("pmo1", {"pmo"}),      person("spon", {"sponsor"}),
                        person("tech", {"technical"})};
    auto project = [](const char* id, const char* submitted, const char* start, const char* end,
                      double budget) {
      Project p = complete_project(id);
      p.submitted = parse_date(submitted);
      p.start = parse_date(start);
      p.end = parse_date(end);
      p.budget = budget;
      p.milestones = {{"done", p.end, 1}};
      return p;
    };
    Project a = project("A", "2026-01-05", "2026-02-01", "2026-06-30", 1000);
    a.closure = closure("2026-07-06", 950, Outcome::achieved);
    Project b = project("B", "2026-02-01", "2026-03-01", "2026-09-30", 2000);
    b.closure = closure("2026-09-20", 2100, Outcome::partially_achieved);
    Project c = project("C", "2026-03-01", "2026-04-01", "2026-12-31", 500);
    c.feasibility.clear();
    c.risks.clear();
    Project d = project("D", "2025-11-01", "2027-01-01", "2027-12-31", 800);
    portfolio.projects = {a, b, c, d};

    auto& ds = portfolio.decisions;
    g1(ds, "A", "2026-01-08", "2026-01-09", "2026-01-12", "2026-01-15");
    ds.push_back(decision("A", "G2", "pmo", "pmo1", "2026-01-25"));
    ds.push_back(decision("A", "G4", "sponsor", "spon", "2026-07-10"));
    ds.push_back(decision("A", "G4", "pmo", "pmo1", "2026-07-12"));
    g1(ds, "B", "2026-02-03", "2026-02-04", "2026-02-06", "2026-02-11");
    ds.push_back(decision("B", "G2", "pmo", "pmo1", "2026-02-21"));
    ds.push_back(decision("B", "G4", "sponsor", "spon", "2026-09-28"));
    ds.push_back(decision("B", "G4", "pmo", "pmo1", "2026-09-29"));
    ds.push_back(decision("C", "G1", "business", "biz", "2026-03-04", Verdict::revise));
    g1(ds, "D", "2025-11-10", "2025-11-10", "2025-11-10", "2025-11-10");
    ds.push_back(decision("D", "G2", "pmo", "pmo1", "2026-01-09"));
    portfolio.sort_decisions();

    // A's reports (due: Feb 03-04, Mar 04-03, Apr 05-05, May 06-03, Jun 07-03, Jul 08-05):
    // April's came 3 days late, June's never.
    commits[{"A", "2026-02"}] = day("2026-03-02");
    commits[{"A", "2026-03"}] = day("2026-04-03") + std::chrono::hours{23};
    commits[{"A", "2026-04"}] = day("2026-05-08");
    commits[{"A", "2026-05"}] = day("2026-06-01");
    commits[{"A", "2026-07"}] = day("2026-08-05");
    // B's, March to September, each on the last day of its month.
    for (const char* p : {"2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31",
                          "2026-08-31", "2026-09-30"})
      commits[{"B", std::string{p, 7}}] = day(p);

    YearTargets targets;
    targets.year = 2026;
    targets.targets = {{"on_time_delivery", 0.8},    {"budget_adherence", 0.5},
                       {"success_rate", 0.9},        {"gate_cycle_days", 30},
                       {"decision_latency_days", 7}, {"business_case_complete", 1.0}};
    portfolio.office.kpis.targets = {targets};
  }

  KpiReport compute(int year, bool with_history = true) const {
    return compute_kpis(portfolio, year, clock, with_history ? &commits : nullptr, Lang::en);
  }
};

const KpiFigure& figure(const KpiReport& report, std::string_view kpi) {
  auto it = std::find_if(report.figures.begin(), report.figures.end(),
                         [&](const KpiFigure& f) { return f.kpi == kpi; });
  REQUIRE(it != report.figures.end());
  return *it;
}

std::vector<std::string> projects(const KpiFigure& f) {
  std::vector<std::string> out;
  for (const auto& e : f.entries)
    out.push_back(e.project + (e.subject.empty() ? "" : ":" + e.subject));
  return out;
}

} // namespace

TEST_CASE("every KPI is reported, in the order of k_kpi_names") {
  const KpiReport report = Portfolio2026{}.compute(2026);
  CHECK(report.year == 2026);
  REQUIRE(report.figures.size() == std::size(k_kpi_names));
  for (std::size_t i = 0; i < report.figures.size(); ++i)
    CHECK(report.figures[i].kpi == k_kpi_names[i]);
}

TEST_CASE("on-time delivery, budget adherence and success count the projects closed in the year") {
  const KpiReport report = Portfolio2026{}.compute(2026);
  // A ended 07-06 against a planned end of 06-30 (6 days late), B 09-20 against 09-30: 1 of 2.
  const KpiFigure& on_time = figure(report, "on_time_delivery");
  CHECK(projects(on_time) == std::vector<std::string>{"A", "B"});
  CHECK(on_time.value == doctest::Approx(0.5));
  CHECK(on_time.entries[0].value == doctest::Approx(6));
  CHECK_FALSE(on_time.entries[0].counts);
  CHECK(on_time.entries[1].value == doctest::Approx(-10));
  CHECK(on_time.status == KpiStatus::not_met); // target 0.8
  // A cost 950 of 1000, B 2100 of 2000 (100 over): 1 of 2, and the target is 0.5.
  const KpiFigure& budget = figure(report, "budget_adherence");
  CHECK(budget.value == doctest::Approx(0.5));
  CHECK(budget.entries[1].value == doctest::Approx(100));
  CHECK(budget.status == KpiStatus::met);
  // A achieved, B partially: 1 of 2 against 0.9.
  const KpiFigure& success = figure(report, "success_rate");
  CHECK(success.counted == 1);
  CHECK(success.value == doctest::Approx(0.5));
  CHECK(success.entries[1].detail == "partially_achieved");
  CHECK(success.status == KpiStatus::not_met);
}

TEST_CASE("gate cycle time runs from the gate's opening to its pass, for the passes in the year") {
  const KpiReport report = Portfolio2026{}.compute(2026);
  const KpiFigure& cycle = figure(report, "gate_cycle_days");
  // G1: A 01-05→01-15 = 10, B 02-01→02-11 = 10 (D's passed in 2025). G2: A 01-15→01-25 = 10,
  // B 02-11→02-21 = 10, D 2025-11-10→2026-01-09 = 60. G4: A 01-25→07-12 = 168,
  // B 02-21→09-29 = 220. Sum 488 over 7 passes: 69.71; C's G1 has not passed.
  CHECK(projects(cycle) ==
        std::vector<std::string>{"A:G1", "B:G1", "A:G2", "B:G2", "D:G2", "A:G4", "B:G4"});
  CHECK(cycle.value == doctest::Approx(488.0 / 7));
  REQUIRE(cycle.groups.size() == 3);
  CHECK(cycle.groups[0].subject == "G1");
  CHECK(cycle.groups[0].average == doctest::Approx(10));
  CHECK(cycle.groups[1].average == doctest::Approx(80.0 / 3));
  CHECK(cycle.groups[1].count == 3);
  CHECK(cycle.groups[2].average == doctest::Approx(194));
  CHECK(cycle.status == KpiStatus::not_met); // target 30
}

TEST_CASE("decision latency is each board role's first decision on a gate after it opened") {
  const KpiReport report = Portfolio2026{}.compute(2026);
  const KpiFigure& latency = figure(report, "decision_latency_days");
  // A: G1 3, 4, 7, 10; G2 10; G4 sponsor 166, pmo 168 (368). B: G1 2, 3, 5, 10; G2 10; G4 219,
  // 220 (469). C: business 3 (a revise counts: it is a decision). D: G2 60 (its G1 was 2025).
  // 7 + 7 + 1 + 1 = 16 first decisions, 900 days: 56.25.
  CHECK(latency.entries.size() == 16);
  CHECK(latency.value == doctest::Approx(56.25));
  auto group = [&](const char* role) {
    auto it = std::find_if(latency.groups.begin(), latency.groups.end(),
                           [&](const KpiGroup& g) { return g.subject == role; });
    REQUIRE(it != latency.groups.end());
    return *it;
  };
  CHECK(group("business").average == doctest::Approx(8.0 / 3)); // 3, 2, 3
  CHECK(group("legal").average == doctest::Approx(10));
  CHECK(group("pmo").average == doctest::Approx(468.0 / 5)); // 10, 168, 10, 220, 60
  CHECK(group("pmo").count == 5);
  CHECK(group("sponsor").average == doctest::Approx(192.5)); // 166, 219
  CHECK(latency.status == KpiStatus::not_met);               // target 7
}

TEST_CASE("a complete business case has every field the first gate requires") {
  const KpiReport report = Portfolio2026{}.compute(2026);
  const KpiFigure& cases = figure(report, "business_case_complete");
  // A, B and C were submitted in 2026 (D in 2025); C lacks feasibility and risks: 2 of 3.
  CHECK(projects(cases) == std::vector<std::string>{"A", "B", "C"});
  CHECK(cases.value == doctest::Approx(2.0 / 3));
  CHECK(cases.entries[2].detail == "feasibility, risks");
  CHECK(cases.status == KpiStatus::not_met); // target 1
}

TEST_CASE("status reports on time: those due in the year, dated by their first commit") {
  const KpiReport report = Portfolio2026{}.compute(2026);
  const KpiFigure& reports = figure(report, "status_on_time");
  // A owes February (baseline start) to July (its work ended 07-06): 6, of which April came
  // 05-08 for 05-05 and June never. B owes March to September (ended 09-20): 7, all on time.
  // 11 of 13; no target for 2026.
  CHECK(reports.entries.size() == 13);
  CHECK(reports.counted == 11);
  CHECK(reports.value == doctest::Approx(11.0 / 13));
  CHECK(reports.status == KpiStatus::no_target);
  auto entry = [&](const char* project, const char* period) {
    auto it = std::find_if(reports.entries.begin(), reports.entries.end(), [&](const KpiEntry& e) {
      return e.project == project && e.subject == period;
    });
    REQUIRE(it != reports.entries.end());
    return *it;
  };
  CHECK(entry("A", "2026-04").value == doctest::Approx(3));
  CHECK_FALSE(entry("A", "2026-06").value);
  CHECK(entry("A", "2026-03").counts); // committed late on its due day, still on time
  CHECK(entry("A", "2026-02").detail == "2026-03-04 2026-03-02");
}

TEST_CASE("without history the status reports cannot be dated; another year has no targets") {
  Portfolio2026 p;
  CHECK(figure(p.compute(2026, false), "status_on_time").status == KpiStatus::no_data);
  const KpiReport before = p.compute(2025);
  // 2025: no project closed, D's G1 passed (2025-11-01 → 11-10: 9 days), no targets.
  CHECK(figure(before, "on_time_delivery").status == KpiStatus::no_data);
  const KpiFigure& cycle = figure(before, "gate_cycle_days");
  CHECK(cycle.value == doctest::Approx(9));
  CHECK(cycle.status == KpiStatus::no_target);
}
