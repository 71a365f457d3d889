#include <pmo/report/portfolio.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace pmo;
using model::Lang;
using model::Verdict;

namespace {

model::Timestamp at(const char* text) { return *model::parse_timestamp(text); }
model::Date day(const char* text) { return *model::parse_date(text); }

model::Person person(const char* id, const char* name, std::vector<std::string> roles) {
  model::Person p;
  p.id = id;
  p.name = name;
  p.roles = std::move(roles);
  p.file = std::string{"people/"} + id + ".yaml";
  return p;
}

// A proposal with everything G1 requires.
model::Project ready_proposal(const char* id, const char* title, const char* submitted) {
  model::Project p;
  p.id = id;
  p.title = title;
  p.sponsor = "zhaomin";
  p.manager = "chenjie";
  p.submitted = day(submitted);
  p.objectives = {"降低人工客服工作量 40%"};
  p.scope.in = {"智能问答"};
  p.strategic_alignment = "服务数字化";
  p.business_case.benefits = {"年节省 300 万元"};
  p.business_case.cost_estimate = 1200000;
  p.feasibility = "技术成熟";
  p.risks = {"数据质量"};
  p.resources = {"NLP 工程师 2 人"};
  p.file = std::string{"projects/"} + id + "/project.yaml";
  return p;
}

struct Fixture {
  model::Portfolio portfolio;
  model::Clock clock{at("2026-11-30T12:00:00Z")};

  Fixture() {
    portfolio.office =
        model::default_office("星河科技 PMO", Lang::zh, model::OfficeType::controlling);
    portfolio.people = {person("chenjie", "陈杰", {"manager"}),
                        person("lina", "李娜", {"finance"}),
                        person("wangqiang", "王强", {"business"}),
                        person("zhangwei", "张伟", {"technical"}),
                        person("zhaomin", "赵敏", {"sponsor"}),
                        person("zhouli", "周丽", {"legal"}),
                        person("pmo1", "孙敏", {"pmo"})};
  }

  // Records a decision; returns its file name.
  std::string decide(const char* project, const char* gate, Verdict verdict, const char* reviewer,
                     const char* role, const char* when) {
    model::Decision d;
    d.project = project;
    d.gate = gate;
    d.verdict = verdict;
    d.reviewer = reviewer;
    d.role = role;
    d.decided_at = at(when);
    d.file = std::string{"projects/"} + project + "/decisions/" + when + "-" + gate + "-" +
             reviewer + ".yaml";
    portfolio.decisions.push_back(d);
    portfolio.sort_decisions();
    return d.file;
  }

  // G1 approved by all four board roles on `when`.
  void pass_g1(const char* project, const char* when) {
    decide(project, "G1", Verdict::approve, "wangqiang", "business", when);
    decide(project, "G1", Verdict::approve, "zhangwei", "technical", when);
    decide(project, "G1", Verdict::approve, "lina", "finance", when);
    decide(project, "G1", Verdict::approve, "zhouli", "legal", when);
  }

  const report::ProjectRow& row(const std::vector<report::ProjectRow>& rows, const char* id) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const report::ProjectRow& r) { return r.id == id; });
    REQUIRE(it != rows.end());
    return *it;
  }
};

} // namespace

TEST_CASE("a new proposal is in the initial stage, counted in days since it was submitted") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "智能客服平台", "2026-11-10")};
  auto rows = report::project_rows(f.portfolio, f.clock, Lang::zh);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].stage == "proposed");
  CHECK(rows[0].stage_label == "立项申请");
  CHECK(rows[0].next_gate == "G1");
  CHECK(rows[0].next_gate_name == "立项审批");
  CHECK(rows[0].manager_name == "陈杰");
  CHECK(rows[0].days_in_stage == 20);
  CHECK(rows[0].approvals == 0);
  CHECK(rows[0].approvals_needed == 4);
  CHECK(rows[0].missing_roles.size() == 4);
}

TEST_CASE("passing G1 moves the project to planning and restarts its days in stage") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "智能客服平台", "2026-10-01")};
  f.pass_g1("P1", "2026-11-25T09:00:00Z");
  auto rows = report::project_rows(f.portfolio, f.clock, Lang::en);
  CHECK(rows[0].stage == "planning");
  CHECK(rows[0].stage_label == "planning");
  CHECK(rows[0].next_gate == "G2");
  CHECK(rows[0].next_gate_name == "Plan baseline");
  CHECK(rows[0].stage_since == day("2026-11-25"));
  CHECK(rows[0].days_in_stage == 5);
}

TEST_CASE("days in stage are never negative, and unknown without a date") {
  Fixture f;
  auto future = ready_proposal("P1", "x", "2027-01-01");
  auto undated = ready_proposal("P2", "y", "2026-01-01");
  undated.submitted.reset();
  f.portfolio.projects = {future, undated};
  auto rows = report::project_rows(f.portfolio, f.clock, Lang::en);
  CHECK(f.row(rows, "P1").days_in_stage == 0);
  CHECK_FALSE(f.row(rows, "P2").days_in_stage.has_value());
}

TEST_CASE("rows come sorted by project id") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P3", "c", "2026-11-01"),
                          ready_proposal("P1", "a", "2026-11-01")};
  auto rows = report::project_rows(f.portfolio, f.clock, Lang::en);
  CHECK(rows[0].id == "P1");
  CHECK(rows[1].id == "P3");
}

TEST_CASE("counts by stage list every lifecycle stage in order, zeros included") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "a", "2026-11-01"),
                          ready_proposal("P2", "b", "2026-11-01"),
                          ready_proposal("P3", "c", "2026-11-01")};
  f.pass_g1("P2", "2026-11-20T00:00:00Z");
  f.decide("P3", "G1", Verdict::reject, "lina", "finance", "2026-11-21T00:00:00Z");
  auto rows = report::project_rows(f.portfolio, f.clock, Lang::zh);
  auto counts = report::count_by_stage(f.portfolio.office, rows, Lang::zh);
  REQUIRE(counts.size() == 5);
  CHECK(counts[0].stage == "proposed");
  CHECK(counts[0].count == 1);
  CHECK(counts[1].stage == "planning");
  CHECK(counts[1].count == 1);
  CHECK(counts[2].stage == "executing");
  CHECK(counts[2].count == 0);
  CHECK(counts[3].stage == "closed");
  CHECK(counts[3].count == 0);
  CHECK(counts[4].stage == "rejected");
  CHECK(counts[4].label == "已否决");
  CHECK(counts[4].count == 1);
}

TEST_CASE("proposals awaiting a decision show approvals so far and roles still missing, "
          "longest wait first") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "新", "2026-11-25"),
                          ready_proposal("P2", "旧", "2026-10-31"),
                          ready_proposal("P3", "已批准", "2026-09-01")};
  f.decide("P1", "G1", Verdict::approve, "lina", "finance", "2026-11-26T10:00:00Z");
  f.pass_g1("P3", "2026-11-01T00:00:00Z");
  auto awaiting = report::awaiting_proposals(f.portfolio, f.clock, Lang::zh);
  REQUIRE(awaiting.size() == 2);
  CHECK(awaiting[0].id == "P2");
  CHECK(awaiting[0].days_waiting == 30);
  CHECK(awaiting[1].id == "P1");
  CHECK(awaiting[1].gate == "G1");
  CHECK(awaiting[1].approvals == 1);
  CHECK(awaiting[1].approvals_needed == 4);
  CHECK(awaiting[1].missing_roles == std::vector<std::string>{"business", "technical", "legal"});
  CHECK(awaiting[1].missing_role_names == std::vector<std::string>{"业务", "技术", "法务"});
}

TEST_CASE("a rejected proposal is no longer awaiting and has no next gate") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "a", "2026-11-01")};
  f.decide("P1", "G1", Verdict::reject, "lina", "finance", "2026-11-21T00:00:00Z");
  CHECK(report::awaiting_proposals(f.portfolio, f.clock, Lang::en).empty());
  auto rows = report::project_rows(f.portfolio, f.clock, Lang::en);
  CHECK(rows[0].stage == "rejected");
  CHECK(rows[0].next_gate.empty());
  CHECK(rows[0].days_in_stage == 9);
  auto detail =
      report::project_detail(f.portfolio, f.portfolio.projects[0], nullptr, f.clock, Lang::en);
  CHECK_FALSE(detail.next.has_value());
}

TEST_CASE("a proposal sent back for rework is still awaiting, marked as paused") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "a", "2026-11-01")};
  f.decide("P1", "G1", Verdict::revise, "lina", "finance", "2026-11-21T00:00:00Z");
  auto awaiting = report::awaiting_proposals(f.portfolio, f.clock, Lang::en);
  REQUIRE(awaiting.size() == 1);
  CHECK(awaiting[0].pause == model::Pause::revise);
  auto rows = report::project_rows(f.portfolio, f.clock, Lang::en);
  CHECK(rows[0].pause == model::Pause::revise);
  CHECK(rows[0].paused_gate == "G1");
}

TEST_CASE("recent decisions join each commit to the decision file it added, newest first") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "a", "2026-10-01")};
  std::string old_file =
      f.decide("P1", "G1", Verdict::approve, "lina", "finance", "2026-10-15T08:00:00Z");
  std::string early_file =
      f.decide("P1", "G1", Verdict::approve, "zhouli", "legal", "2026-11-20T08:00:00Z");
  std::string late_file = f.decide("P1", "G1", Verdict::approve_with_conditions, "wangqiang",
                                   "business", "2026-11-28T08:00:00Z");
  std::vector<report::HistoryRecord> history = {
      {"cccc", at("2026-11-28T08:00:01Z"), {}, {late_file}},
      {"bbbb", at("2026-11-20T08:00:01Z"), {}, {early_file}},
      {"aaaa", at("2026-10-15T08:00:01Z"), {}, {old_file}},
      {"dddd",
       at("2026-11-21T00:00:00Z"),
       {{"Pmo-Action", "propose"}},
       {"projects/P9/project.yaml"}},
  };
  auto recent =
      report::recent_decisions(f.portfolio, history, at("2026-10-31T12:00:00Z"), Lang::zh);
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].commit == "cccc");
  CHECK(recent[0].verdict == "approve-with-conditions");
  CHECK(recent[0].verdict_name == "附条件批准");
  CHECK(recent[0].reviewer_name == "王强");
  CHECK(recent[0].role_name == "业务");
  CHECK(recent[1].commit == "bbbb");
  CHECK(recent[1].when == at("2026-11-20T08:00:00Z"));
}

TEST_CASE("a decision whose file is gone from the working tree is read from its trailers") {
  Fixture f;
  std::vector<report::HistoryRecord> history = {{"eeee",
                                                 at("2026-11-29T08:00:00Z"),
                                                 {{"Pmo-Project", "P7"},
                                                  {"Pmo-Gate", "G1"},
                                                  {"Pmo-Decision", "reject"},
                                                  {"Pmo-Reviewer", "lina"},
                                                  {"Pmo-Role", "finance"}},
                                                 {"projects/P7/decisions/x.yaml"}}};
  auto recent =
      report::recent_decisions(f.portfolio, history, at("2026-11-01T00:00:00Z"), Lang::en);
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].project == "P7");
  CHECK(recent[0].verdict_name == "reject");
  CHECK(recent[0].reviewer_name == "李娜");
  CHECK(recent[0].role_name == "Finance");
  CHECK(recent[0].commit == "eeee");
}

TEST_CASE("without history the report has no recent decisions, rather than an empty list") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "a", "2026-11-01")};
  auto without = report::build_report(f.portfolio, nullptr, f.clock, Lang::en);
  CHECK_FALSE(without.recent.has_value());
  std::vector<report::HistoryRecord> none;
  auto with = report::build_report(f.portfolio, &none, f.clock, Lang::en);
  REQUIRE(with.recent.has_value());
  CHECK(with.recent->empty());
  CHECK(with.total == 1);
  CHECK(with.office_name == "星河科技 PMO");
  CHECK(with.recent_days == 30);
}

TEST_CASE("the next gate's checklist names the missing required fields and board roles") {
  Fixture f;
  auto project = ready_proposal("P1", "a", "2026-11-01");
  project.feasibility.clear();
  project.risks.clear();
  f.portfolio.projects = {project};
  f.decide("P1", "G1", Verdict::approve, "lina", "finance", "2026-11-21T00:00:00Z");
  f.decide("P1", "G1", Verdict::approve, "zhouli", "legal", "2026-11-22T00:00:00Z");
  auto detail =
      report::project_detail(f.portfolio, f.portfolio.projects[0], nullptr, f.clock, Lang::en);
  REQUIRE(detail.next.has_value());
  CHECK(detail.next->gate == "G1");
  REQUIRE(detail.next->missing_fields.size() == 2);
  CHECK(detail.next->missing_fields[0].message.find("feasibility") != std::string::npos);
  CHECK(detail.next->missing_fields[1].message.find("risks") != std::string::npos);
  CHECK(detail.next->missing_roles == std::vector<std::string>{"business", "technical"});
  CHECK(detail.next->missing_role_names == std::vector<std::string>{"Business", "Technical"});
  CHECK(detail.next->approvals == 2);
  CHECK(detail.next->approvals_needed == 4);
  CHECK(detail.next->pause == model::Pause::none);
  CHECK_FALSE(detail.history_from_git);
}

TEST_CASE("a hold shows in the checklist with the gate it applies to") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "a", "2026-11-01")};
  f.decide("P1", "G1", Verdict::approve, "lina", "finance", "2026-11-21T00:00:00Z");
  f.decide("P1", "G1", Verdict::hold, "zhouli", "legal", "2026-11-22T00:00:00Z");
  auto detail =
      report::project_detail(f.portfolio, f.portfolio.projects[0], nullptr, f.clock, Lang::zh);
  REQUIRE(detail.next.has_value());
  CHECK(detail.next->pause == model::Pause::hold);
  CHECK(detail.next->paused_gate == "G1");
  CHECK(detail.next->approvals == 0); // a hold ends the round
}

TEST_CASE("gate history carries the commit that added each decision, and why one did not count") {
  Fixture f;
  f.portfolio.projects = {ready_proposal("P1", "a", "2026-11-01")};
  auto g2_file = f.decide("P1", "G2", Verdict::approve, "pmo1", "pmo", "2026-11-20T00:00:00Z");
  auto g1_file = f.decide("P1", "G1", Verdict::approve, "lina", "finance", "2026-11-21T00:00:00Z");
  std::vector<report::HistoryRecord> history = {
      {"2222", at("2026-11-21T00:00:01Z"), {}, {g1_file}},
      {"1111", at("2026-11-20T00:00:01Z"), {}, {g2_file}}};
  auto detail =
      report::project_detail(f.portfolio, f.portfolio.projects[0], &history, f.clock, Lang::en);
  CHECK(detail.history_from_git);
  REQUIRE(detail.history.size() == 2);
  CHECK(detail.history[0].gate == "G2");
  CHECK(detail.history[0].commit == "1111");
  CHECK_FALSE(detail.history[0].note.empty()); // G2 decided while still proposed
  CHECK(detail.history[1].commit == "2222");
  CHECK(detail.history[1].note.empty());
  CHECK(detail.row.anomalies == 1);
}

TEST_CASE("the executive summary counts each project once and sums the money of those under way") {
  auto row = [](const char* id, const char* stage) {
    report::ProjectRow r;
    r.id = id;
    r.stage = stage;
    return r;
  };
  auto evm = [](double bac, double ac, double eac) {
    model::Evm e;
    e.bac = bac;
    e.ac = ac;
    e.eac = eac;
    e.vac = bac - eac;
    return e;
  };
  std::vector<report::ProjectRow> rows;
  rows.push_back(row("P1", "proposed")); // a proposal: not under way, not rated
  auto green = row("P2", "executing");
  green.health = model::Rag::green;
  green.evm = evm(1000, 400, 950);
  rows.push_back(green);
  auto red = row("P3", "executing");
  red.health = model::Rag::red;
  red.pause = model::Pause::hold;
  red.pending_changes = 2;
  red.overdue = true;
  red.late_milestones.push_back({"M1", day("2027-01-10"), day("2027-02-10"), 31});
  red.evm = evm(2000, 1500, 2600);
  rows.push_back(red);
  rows.push_back(row("P4", "planning")); // under way, no rating yet
  auto closed = row("P5", "closed");
  closed.outcome = model::Outcome::achieved;
  rows.push_back(closed);
  rows.push_back(row("P6", "rejected"));

  std::vector<report::AwaitingProposal> awaiting(3);
  awaiting[0].days_waiting = 12;
  awaiting[1].days_waiting = 30;
  awaiting[1].pause = model::Pause::revise; // with its submitter, not the board: not counted
  awaiting[2].days_waiting = 5;
  std::vector<report::EscalatedRisk> escalated(1);

  const auto s = report::summarize(rows, awaiting, escalated, "proposed");
  CHECK(s.proposals == 1);
  CHECK(s.active == 3);
  CHECK(s.closed == 1);
  CHECK(s.rejected == 1);
  CHECK(s.green == 1);
  CHECK(s.amber == 0);
  CHECK(s.red == 1);
  CHECK(s.unrated == 1);
  CHECK(s.red_projects == std::vector<std::string>{"P3"});
  CHECK(s.proposals_waiting == 2);
  CHECK(s.longest_wait_days == 12);
  CHECK(s.on_hold == 1);
  CHECK(s.escalated_risks == 1);
  CHECK(s.pending_changes == 2);
  CHECK(s.overdue_reports == 1);
  CHECK(s.late_projects == 1);
  CHECK(s.with_evm == 2);
  CHECK(s.bac == doctest::Approx(3000));
  CHECK(s.ac == doctest::Approx(1900));
  CHECK(s.eac == doctest::Approx(3550));
  CHECK(s.vac == doctest::Approx(-550));
}
