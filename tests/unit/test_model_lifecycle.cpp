#include "office_fixture.hpp"

#include <pmo/model/lifecycle.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;

namespace {

using pmo::test::full_closure;
using pmo::test::Office4;
using pmo::test::person;

bool refused_with(const ReviewPlan& plan, const std::string& code) {
  for (const auto& f : plan.refusals)
    if (f.code == code)
      return true;
  return false;
}

} // namespace

TEST_CASE("a new proposal is in the initial stage with G1 next") {
  Office4 o;
  ProjectState s = o.state();
  CHECK(s.stage == "proposed");
  REQUIRE(s.next_gate != nullptr);
  CHECK(s.next_gate->id == "G1");
  CHECK(s.gates[0].missing_roles.size() == 4);
}

TEST_CASE("G1 passes only when every board role has approved") {
  Office4 o;
  for (const char* who : {"biz", "tech", "fin"}) {
    ReviewPlan plan = o.decide("G1", Verdict::approve, who);
    CHECK(plan.refusals.empty());
    CHECK_FALSE(plan.passes_gate);
  }
  CHECK(o.state().stage == "proposed");
  CHECK(o.state().progress("G1")->missing_roles == std::vector<std::string>{"legal"});
  ReviewPlan last = o.decide("G1", Verdict::approve_with_conditions, "law", {}, {"DPA first"});
  CHECK(last.refusals.empty());
  CHECK(last.passes_gate);
  ProjectState s = o.state();
  CHECK(s.stage == "planning");
  CHECK(s.next_gate->id == "G2");
  CHECK(s.stage_since == last.decision.decided_at);
}

TEST_CASE("a majority quorum passes with more than half of the board") {
  Office4 o;
  o.portfolio.office.gates[0].quorum = Quorum{Quorum::Kind::majority, 0};
  o.decide("G1", Verdict::approve, "biz");
  o.decide("G1", Verdict::approve, "tech");
  CHECK(o.state().stage == "proposed");
  CHECK(o.decide("G1", Verdict::approve, "fin").passes_gate);
  CHECK(o.state().stage == "planning");
}

TEST_CASE("approvals_needed follows the quorum kind") {
  CHECK(approvals_needed({Quorum::Kind::all, 0}, 4) == 4);
  CHECK(approvals_needed({Quorum::Kind::majority, 0}, 4) == 3);
  CHECK(approvals_needed({Quorum::Kind::majority, 0}, 3) == 2);
  CHECK(approvals_needed({Quorum::Kind::count, 2}, 4) == 2);
}

TEST_CASE("a reject from any board role rejects the project for good") {
  Office4 o;
  o.decide("G1", Verdict::approve, "biz");
  CHECK(o.decide("G1", Verdict::reject, "fin").refusals.empty());
  CHECK(o.state().stage == "rejected");
  CHECK(o.state().terminal());
  CHECK(refused_with(o.review("G1", Verdict::approve, "tech"), "project-rejected"));
}

TEST_CASE("revise ends the round: earlier approvals no longer count") {
  Office4 o;
  o.decide("G1", Verdict::approve, "biz");
  o.decide("G1", Verdict::approve, "tech");
  o.decide("G1", Verdict::revise, "fin");
  ProjectState s = o.state();
  CHECK(s.pause == Pause::revise);
  CHECK(s.progress("G1")->round == 2);
  CHECK(s.progress("G1")->approvals.empty());
  // A new round: the business role may approve again, and all four are needed again.
  CHECK(o.decide("G1", Verdict::approve, "biz").refusals.empty());
  CHECK(o.state().pause == Pause::none);
  o.decide("G1", Verdict::approve, "tech");
  o.decide("G1", Verdict::approve, "fin");
  CHECK(o.state().stage == "proposed");
  CHECK(o.decide("G1", Verdict::approve, "law").passes_gate);
}

TEST_CASE("hold suspends the project until the held gate decides again") {
  Office4 o;
  o.pass_g1();
  o.decide("G2", Verdict::approve, "pmo1");
  REQUIRE(o.state().stage == "executing");
  o.decide("G3", Verdict::hold, "pmo1");
  CHECK(o.state().pause == Pause::hold);
  // G4 may not be decided while G3 holds the project.
  o.portfolio.projects[0].closure = full_closure();
  CHECK(refused_with(o.review("G4", Verdict::approve, "spon"), "paused"));
  CHECK(o.decide("G3", Verdict::approve, "pmo2").passes_gate);
  CHECK(o.state().pause == Pause::none);
  CHECK(o.state().stage == "executing");
}

TEST_CASE("a repeatable checkpoint passes many times without leaving the stage") {
  Office4 o;
  o.pass_g1();
  o.decide("G2", Verdict::approve, "pmo1");
  auto since = o.state().stage_since;
  CHECK(o.decide("G3", Verdict::approve, "pmo1").passes_gate);
  CHECK(o.decide("G3", Verdict::approve, "pmo1").passes_gate);
  ProjectState s = o.state();
  CHECK(s.progress("G3")->passes == 2);
  CHECK(s.stage == "executing");
  CHECK(s.stage_since == since);
  CHECK(s.next_gate->id == "G4");
  REQUIRE(s.checkpoints.size() == 1);
  CHECK(s.checkpoints[0]->id == "G3");
}

TEST_CASE("G4 is decided by the project's own sponsor and the PMO") {
  Office4 o;
  o.pass_g1();
  o.decide("G2", Verdict::approve, "pmo1");
  CHECK(refused_with(o.review("G4", Verdict::approve, "spon"), "gate-requires"));
  o.portfolio.projects[0].closure = full_closure();
  ReviewPlan sponsor = o.decide("G4", Verdict::approve, "spon");
  CHECK(sponsor.refusals.empty());
  CHECK(sponsor.decision.role == "sponsor");
  CHECK(o.decide("G4", Verdict::approve, "pmo1").passes_gate);
  CHECK(o.state().stage == "closed");
  CHECK(o.state().terminal());
}

TEST_CASE("someone else's sponsor may not accept for this project") {
  Office4 o;
  o.pass_g1();
  o.decide("G2", Verdict::approve, "pmo1");
  o.portfolio.projects[0].closure = full_closure();
  CHECK(refused_with(o.review("G4", Verdict::approve, "biz", "sponsor"), "not-sponsor"));
  CHECK(refused_with(o.review("G4", Verdict::approve, "biz"), "not-authorised"));
}

TEST_CASE("a retired person no longer decides; their earlier approvals still count") {
  Office4 o;
  CHECK(o.decide("G1", Verdict::approve, "law").refusals.empty());
  for (auto& p : o.portfolio.people)
    if (p.id == "law")
      p.retired = parse_date("2027-01-02");
  CHECK(refused_with(o.review("G1", Verdict::approve, "law"), "retired"));
  for (const char* who : {"biz", "tech", "fin"})
    CHECK(o.decide("G1", Verdict::approve, who).refusals.empty());
  auto decisions = o.portfolio.decisions_of("P1");
  CHECK(derive_state(o.portfolio.office, decisions, Lang::en).stage == "planning");
}

TEST_CASE("segregation of duties: the manager and sponsor may not decide their own G1") {
  Office4 o;
  CHECK(refused_with(o.review("G1", Verdict::approve, "mgr", "finance"), "segregation-of-duties"));
  CHECK(
      refused_with(o.review("G1", Verdict::approve, "spon", "business"), "segregation-of-duties"));
  CHECK(refused_with(o.review("G1", Verdict::reject, "mgr", "finance"), "segregation-of-duties"));
}

TEST_CASE("a reviewer must hold a board role, and choose when holding several") {
  Office4 o;
  CHECK(refused_with(o.review("G1", Verdict::approve, "pmo1"), "not-authorised"));
  CHECK(refused_with(o.review("G1", Verdict::approve, "both"), "role-ambiguous"));
  CHECK(o.review("G1", Verdict::approve, "both", "technical").refusals.empty());
  CHECK(refused_with(o.review("G1", Verdict::approve, "biz", "pmo"), "not-on-board"));
  CHECK(refused_with(o.review("G1", Verdict::approve, "biz", "legal"), "role-not-held"));
}

TEST_CASE("a gate out of stage order is refused") {
  Office4 o;
  CHECK(refused_with(o.review("G2", Verdict::approve, "pmo1"), "wrong-stage"));
  CHECK(refused_with(o.review("G4", Verdict::reject, "pmo1"), "wrong-stage"));
}

TEST_CASE("readiness: an approval needs the gate's content, a revise does not") {
  Office4 o;
  o.portfolio.projects[0].objectives.clear();
  o.portfolio.projects[0].scope.in = {"  "};
  ReviewPlan plan = o.review("G1", Verdict::approve, "biz");
  CHECK(refused_with(plan, "gate-requires"));
  CHECK(plan.refusals.size() == 2);
  CHECK(o.review("G1", Verdict::revise, "biz").refusals.empty());
}

TEST_CASE("in a supportive office missing content is a warning, not a refusal") {
  Office4 o;
  o.portfolio.office.type = OfficeType::supportive;
  o.portfolio.projects[0].objectives.clear();
  ReviewPlan plan = o.review("G1", Verdict::approve, "biz");
  CHECK(plan.refusals.empty());
  REQUIRE(plan.warnings.size() == 1);
  CHECK(plan.warnings[0].severity == Severity::warning);
}

TEST_CASE("a directive office wants a comment on a reject, revise or hold") {
  Office4 o;
  o.portfolio.office.type = OfficeType::directive;
  CHECK(refused_with(o.review("G1", Verdict::reject, "biz"), "comment-required"));
  CHECK(o.review("G1", Verdict::approve, "biz").refusals.empty());
}

TEST_CASE("conditions belong to approve-with-conditions only") {
  Office4 o;
  CHECK(
      refused_with(o.review("G1", Verdict::approve_with_conditions, "biz"), "conditions-missing"));
  CHECK(refused_with(o.review("G1", Verdict::approve, "biz", {}, {"c"}), "conditions-unexpected"));
}

TEST_CASE("a role approves once per round") {
  Office4 o;
  o.decide("G1", Verdict::approve, "biz");
  CHECK(refused_with(o.review("G1", Verdict::approve, "both", "business"), "role-twice"));
}

TEST_CASE("derive_state reports decisions that could not take effect") {
  Office4 o;
  Decision early;
  early.project = "P1";
  early.gate = "G2";
  early.verdict = Verdict::approve;
  early.reviewer = "pmo1";
  early.role = "pmo";
  early.file = "x.yaml";
  o.portfolio.decisions.push_back(early);
  ProjectState s = o.state();
  CHECK(s.stage == "proposed");
  REQUIRE(s.anomalies.size() == 1);
  CHECK(s.anomalies[0].code == "gate-out-of-order");
}

TEST_CASE("stage and verdict names come in both languages") {
  CHECK(stage_name("planning", Lang::zh) == "规划中");
  CHECK(stage_name("planning", Lang::en) == "planning");
  CHECK(stage_name("custom", Lang::zh) == "custom");
  CHECK(verdict_name(Verdict::revise, Lang::zh) == "退回修改");
}

TEST_CASE("conditions of approval are numbered per gate in decision order, met by their record") {
  Office4 o;
  o.decide("G1", Verdict::approve_with_conditions, "tech", {}, {"load test", "security review"});
  o.decide("G1", Verdict::approve_with_conditions, "law", {}, {"compliance"});
  auto conditions = conditions_of(o.portfolio, o.portfolio.projects[0]);
  REQUIRE(conditions.size() == 3);
  CHECK(conditions[0].id == "G1.1");
  CHECK(conditions[1].id == "G1.2");
  CHECK(conditions[1].text == "security review");
  CHECK(conditions[2].id == "G1.3");
  CHECK(conditions[2].number == 1);
  CHECK(find_condition(conditions, "g1.3") == &conditions[2]);
  CHECK(find_condition(conditions, "G1.4") == nullptr);

  ConditionMet met;
  met.project = "P1";
  met.id = "C-aaaaa";
  met.decision = decision_file_name_of(*conditions[1].decision);
  met.number = 2;
  met.condition = "security review";
  o.portfolio.conditions_met.push_back(met);
  conditions = conditions_of(o.portfolio, o.portfolio.projects[0]);
  CHECK(conditions[0].met == nullptr);
  REQUIRE(conditions[1].met != nullptr);
  CHECK(conditions[1].met->id == "C-aaaaa");

  // The closure gate lists the open ones as loose ends.
  const GateDef* g4 = o.portfolio.office.gate("G4");
  REQUIRE(g4 != nullptr);
  int open = 0;
  for (const auto& f : check_loose_ends(o.portfolio, o.portfolio.projects[0], *g4, Lang::en))
    if (f.message.find("condition of approval") != std::string::npos)
      ++open;
  CHECK(open == 2);
}
