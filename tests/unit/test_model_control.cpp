// Project control derived from the records: risk escalation, the change control board's quorum,
// re-baselining through an approved change, and when a status report is overdue.

#include "office_fixture.hpp"

#include <pmo/model/control.hpp>
#include <pmo/model/period.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;
using pmo::test::full_closure;
using pmo::test::Office4;

namespace {

Clock at(const char* date) { return Clock{Timestamp{*parse_date(date)} + std::chrono::hours{9}}; }

Risk risk(std::string id, int probability, int impact, bool open = true) {
  Risk r;
  r.project = "P1";
  r.id = std::move(id);
  r.description = "d";
  r.owner = "mgr";
  r.probability = probability;
  r.impact = impact;
  r.open = open;
  return r;
}

ChangeRequest change(std::string id, int days, double cost) {
  ChangeRequest c;
  c.project = "P1";
  c.id = std::move(id);
  c.title = "t";
  c.schedule_days = days;
  c.cost = cost;
  return c;
}

StatusReport report(std::string period, double percent, double cost) {
  StatusReport r;
  r.project = "P1";
  r.period = std::move(period);
  r.percent_complete = percent;
  r.actual_cost = cost;
  return r;
}

// Office4 with G1 and G2 passed (G2 at 2027-01-15T08:00Z): the baseline is 1000 from 2027-01-01
// to 2027-06-30.
Office4 baselined() {
  Office4 o;
  o.pass_g1();
  REQUIRE(o.decide("G2", Verdict::approve, "pmo1").passes_gate);
  return o;
}

ProjectControl control(const Office4& o, const Clock& clock) {
  return project_control(o.portfolio, o.portfolio.projects[0], o.state(), clock, Lang::en);
}

} // namespace

TEST_CASE("a risk is escalated at or over the office threshold while it is open") {
  ControlSettings settings;                                        // escalate_at 15
  CHECK(is_escalated(settings, risk("R-001", 3, 5)));              // 15: at the threshold
  CHECK(is_escalated(settings, risk("R-002", 4, 4)));              // 16
  CHECK_FALSE(is_escalated(settings, risk("R-003", 2, 5)));        // 10
  CHECK_FALSE(is_escalated(settings, risk("R-004", 3, 4)));        // 12
  CHECK_FALSE(is_escalated(settings, risk("R-005", 5, 5, false))); // closed
  settings.escalate_at = 10;
  CHECK(is_escalated(settings, risk("R-003", 2, 5)));

  Office4 o = baselined();
  o.portfolio.risks = {risk("R-001", 2, 2), risk("R-002", 5, 4), risk("R-003", 3, 5),
                       risk("R-004", 5, 5, false)};
  ProjectControl c = control(o, at("2027-01-20"));
  REQUIRE(c.open_risks.size() == 3);
  CHECK(c.open_risks[0]->id == "R-002"); // highest score first
  CHECK(c.open_risks[1]->id == "R-003");
  CHECK(c.open_risks[2]->id == "R-001");
  CHECK(c.escalated == 2);
}

TEST_CASE("the CCB needs every board role, excludes the manager and then stops deciding") {
  Office4 o = baselined();
  o.portfolio.changes = {change("CR-001", 10, 100)};
  ReviewPlan first = o.decide_change("CR-001", Verdict::approve, "pmo1");
  REQUIRE(first.refusals.empty());
  CHECK_FALSE(first.passes_gate);
  REQUIRE(first.change_after);
  CHECK(first.change_after->status == ChangeStatus::pending);
  CHECK(first.change_after->board.approvals_needed == 2);
  // The project's manager holds the finance role but may not decide its own change.
  CHECK_FALSE(o.decide_change("CR-001", Verdict::approve, "mgr", "finance").refusals.empty());
  // A second PMO approval does not count twice.
  CHECK_FALSE(o.decide_change("CR-001", Verdict::approve, "pmo2").refusals.empty());
  ReviewPlan second = o.decide_change("CR-001", Verdict::approve, "fin");
  REQUIRE(second.refusals.empty());
  CHECK(second.passes_gate);
  CHECK(second.change_after->status == ChangeStatus::approved);
  CHECK_FALSE(o.decide_change("CR-001", Verdict::reject, "pmo2").refusals.empty());
  // Gate decisions are untouched by change decisions.
  CHECK(o.state().stage == "executing");
  CHECK(o.state().anomalies.empty());
}

TEST_CASE("an approved change moves the baseline; a rejected one does not") {
  Office4 o = baselined();
  o.portfolio.changes = {change("CR-001", 10, 100), change("CR-002", 30, 500)};
  o.decide_change("CR-001", Verdict::approve, "pmo1");
  o.decide_change("CR-001", Verdict::approve, "fin");
  o.decide_change("CR-002", Verdict::reject, "fin");
  ProjectControl c = control(o, at("2027-02-01"));
  REQUIRE(c.baselines.size() == 2);
  CHECK(c.baselines[0].budget == 1000);
  CHECK(c.baselines[0].end == *parse_date("2027-06-30"));
  CHECK(c.baselines[1].version == 2);
  CHECK(c.baselines[1].cause == "CR-001");
  CHECK(c.baselines[1].budget == 1100);
  CHECK(c.baselines[1].end == *parse_date("2027-07-10"));
  REQUIRE(c.changes.size() == 2);
  CHECK(c.changes[0].status == ChangeStatus::approved);
  CHECK(c.changes[1].status == ChangeStatus::rejected);
}

TEST_CASE("a period's report is due once the period ended and the grace passed, until the work "
          "ends") {
  Office4 o = baselined(); // weekly, the default grace of 3 working days
  REQUIRE(o.portfolio.office.control.report_grace == 3);
  // Before G2 nothing is due.
  Office4 planning;
  planning.pass_g1();
  CHECK_FALSE(control(planning, at("2027-02-01")).reporting);

  // Tuesday of 2027-W01, the baseline's first week: 2026-W52 is the newest due week (W53 is due
  // by Wednesday 2027-01-06), and it ended before the baseline start (2027-01-01): nothing owed.
  ProjectControl first = control(o, at("2027-01-05"));
  CHECK(first.reporting);
  CHECK(first.due_period == "2026-W52");
  CHECK_FALSE(first.overdue);

  // Wednesday 2027-01-20 (W03): W02's report is due by today (Mon, Tue, Wed), so W01 is the
  // newest late one, and there is no report.
  ProjectControl none = control(o, at("2027-01-20"));
  CHECK(none.current_period == "2027-W03");
  CHECK(none.due_period == "2027-W01");
  CHECK(none.report_due == *parse_date("2027-01-13"));
  CHECK(none.overdue);
  CHECK_FALSE(none.evm);
  // On W01's last day on time, W53 (2026-12-28 to 2027-01-03, which holds the baseline's first
  // days) is the one late.
  CHECK(control(o, at("2027-01-13")).due_period == "2026-W53");
  CHECK(control(o, at("2027-01-14")).due_period == "2027-W01");

  // A later report covers an earlier due one; its earned value is at its own period's end.
  o.portfolio.status_reports = {report("2027-W03", 5, 40)};
  ProjectControl current = control(o, at("2027-01-20"));
  CHECK_FALSE(current.overdue);
  REQUIRE(current.latest);
  CHECK(current.latest->period == "2027-W03");
  REQUIRE(current.evm);
  CHECK(current.evm->ac == 40);
  CHECK(current.evm->status_date == *parse_date("2027-01-24"));
  // W04 ends on Sunday 01-31 and is due by Wednesday 02-03: late from Thursday.
  CHECK_FALSE(control(o, at("2027-01-27")).overdue);
  CHECK_FALSE(control(o, at("2027-02-03")).overdue);
  ProjectControl late = control(o, at("2027-02-04"));
  CHECK(late.due_period == "2027-W04");
  CHECK(late.overdue);

  // Without a grace, the day after the week ends.
  o.portfolio.office.control.report_grace = 0;
  CHECK_FALSE(control(o, at("2027-01-31")).overdue);
  CHECK(control(o, at("2027-02-01")).overdue);
  o.portfolio.office.control.report_grace = 3;

  // The closure report's actual end ends the reporting.
  o.portfolio.projects[0].closure = full_closure(); // actual end 2027-07-01
  CHECK(control(o, at("2027-07-01")).overdue);
  ProjectControl ended = control(o, at("2027-07-02"));
  CHECK_FALSE(ended.reporting);
  CHECK_FALSE(ended.overdue);
}

TEST_CASE("a monthly office's report for a month is due three working days after it") {
  // 2026-11 ends on Monday the 30th: due by Thursday 2026-12-03.
  const Period november{Cadence::monthly, 2026, 11};
  CHECK(report_due(november, 3) == *parse_date("2026-12-03"));
  CHECK(format_period(due_period(*parse_date("2026-12-01"), Cadence::monthly, 3)) == "2026-10");
  CHECK(format_period(due_period(*parse_date("2026-12-03"), Cadence::monthly, 3)) == "2026-10");
  CHECK(format_period(due_period(*parse_date("2026-12-04"), Cadence::monthly, 3)) == "2026-11");
  // A weekend inside the grace: 2026-10 ends on Saturday the 31st, due by Wednesday 11-04.
  CHECK(report_due(Period{Cadence::monthly, 2026, 10}, 3) == *parse_date("2026-11-04"));
  CHECK(report_due(november, 0) == *parse_date("2026-11-30"));
}
