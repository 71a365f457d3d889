// 项目间依赖 by hand: the lifecycle's order, cycles found once each, what a project waits for.

#include "office_fixture.hpp"

#include <pmo/model/dependencies.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace pmo::model;

namespace {

Project project(const std::string& id, std::vector<Dependency> needs = {}) {
  Project p;
  p.id = id;
  p.title = id;
  p.depends_on = std::move(needs);
  return p;
}

Portfolio portfolio_of(std::vector<Project> projects) {
  Portfolio p;
  p.office = default_office("x", Lang::en, OfficeType::controlling);
  p.projects = std::move(projects);
  return p;
}

} // namespace

TEST_CASE("the lifecycle's stages in order: the initial one, then what each gate enters") {
  CHECK(stage_order(default_office("x", Lang::en, OfficeType::controlling)) ==
        std::vector<std::string>{"proposed", "planning", "executing", "closed"});
}

TEST_CASE("each cycle is found once, from its lowest id, and a chain into it is no cycle") {
  // A -> B -> C -> A, D -> A (not in it), E -> F -> E, G alone.
  auto p =
      portfolio_of({project("C", {{"A", "", ""}}), project("A", {{"B", "", ""}}),
                    project("B", {{"C", "", ""}}), project("D", {{"A", "", ""}}),
                    project("E", {{"F", "", ""}}), project("F", {{"E", "", "m"}}), project("G")});
  const auto cycles = dependency_cycles(p);
  REQUIRE(cycles.size() == 2);
  CHECK(cycles[0] == std::vector<std::string>{"A", "B", "C"});
  CHECK(cycles[1] == std::vector<std::string>{"E", "F"});
  // A DAG of 2,000 projects, each needing the two before it: no cycle, found fast.
  std::vector<Project> chain;
  for (int i = 0; i < 2000; ++i) {
    std::vector<Dependency> needs;
    if (i >= 1)
      needs.push_back({fmt::format("P{:05}", i - 1), "", ""});
    if (i >= 2)
      needs.push_back({fmt::format("P{:05}", i - 2), "", ""});
    chain.push_back(project(fmt::format("P{:05}", i), needs));
  }
  CHECK(dependency_cycles(portfolio_of(chain)).empty());
}

TEST_CASE("a project waits for a dependency not yet at its stage, or at its milestone") {
  // Without decisions every project is proposed.
  auto p = portfolio_of({project("A", {{"B", "", ""},
                                       {"B", "proposed", ""},
                                       {"B", "planning", ""},
                                       {"B", "", "Go-live"},
                                       {"Z", "", ""}}),
                         project("B")});
  Milestone go_live;
  go_live.name = "Go-live";
  go_live.date = parse_date("2026-01-01");
  p.projects[1].milestones.push_back(go_live);
  const auto waits = blockers(p, p.projects[0], *parse_date("2026-12-01"), Lang::en);
  REQUIRE(waits.size() == 4);
  CHECK(waits[0].needed_stage == "closed"); // no stage: the last one
  CHECK(waits[0].stage_now == "proposed");
  CHECK(waits[1].needed_stage == "planning"); // "proposed" is met
  // A milestone's date passing counts only once the project runs (past its baseline gate).
  CHECK(waits[2].dependency->milestone == "Go-live");
  CHECK(waits[2].milestone_date == parse_date("2026-01-01"));
  CHECK(waits[3].needed == nullptr); // Z is not in the portfolio
}

namespace {

// Office4's P1 is what P2 needs: its milestone "done" (2027-06-30), or a stage.
pmo::test::Office4 office_with_p2(std::vector<Dependency> needs) {
  pmo::test::Office4 o;
  Project p2 = pmo::test::complete_project("P2");
  p2.depends_on = std::move(needs);
  o.portfolio.projects.push_back(p2);
  return o;
}

const GateDef& gate(const Portfolio& p, const char* id) { return *p.office.gate(id); }

} // namespace

TEST_CASE("a milestone is met once its project runs and the date has come, or once it closed") {
  auto o = office_with_p2({{"P1", "", "done"}});
  const Project& p2 = o.portfolio.projects[1];
  const Date after = *parse_date("2027-07-01");
  // Proposed, then planning: the date passing does not count before execution.
  CHECK(blockers(o.portfolio, p2, after, Lang::en).size() == 1);
  o.pass_g1();
  CHECK(blockers(o.portfolio, p2, after, Lang::en).size() == 1);
  REQUIRE(o.decide("G2", Verdict::approve, "pmo1").passes_gate); // executing from 2027-01-15
  const auto before = blockers(o.portfolio, p2, *parse_date("2027-06-29"), Lang::en);
  REQUIRE(before.size() == 1);
  CHECK(before[0].stage_now == "executing");
  CHECK(before[0].milestone_date == parse_date("2027-06-30"));
  CHECK(blocker_text(before[0], Lang::en) ==
        "P1 Portal: needs its milestone done (due 2027-06-30); now executing");
  CHECK(blocker_text(before[0], Lang::zh) ==
        "P1 Portal：需达到其里程碑“done”（预计 2027-06-30）；当前：执行中");
  CHECK(blockers(o.portfolio, p2, *parse_date("2027-06-30"), Lang::en).empty());
  // On hold it waits again, whatever the date.
  REQUIRE(o.decide("G3", Verdict::hold, "pmo1").refusals.empty());
  const auto held = blockers(o.portfolio, p2, after, Lang::en);
  REQUIRE(held.size() == 1);
  CHECK(held[0].on_hold);
  CHECK(blocker_text(held[0], Lang::en).ends_with("now executing, on hold"));
}

TEST_CASE("a gate on a project whose dependency is not met: refused from the baseline gate on") {
  auto o = office_with_p2({{"P1", "planning", ""}, {"Z", "", ""}});
  o.portfolio.projects[1].where.set("depends_on[0]", Location{"projects/P2/project.yaml", 7, 5});
  const Project& p2 = o.portfolio.projects[1];
  const Date today = *parse_date("2027-01-15");
  // G1 (before the baseline gate G2): a warning in every office, naming when it is needed.
  auto at_g1 =
      check_dependencies_at_gate(o.portfolio, p2, gate(o.portfolio, "G1"), today, Lang::en);
  REQUIRE(at_g1.size() == 2);
  CHECK(at_g1[0].severity == Severity::warning);
  CHECK(at_g1[0].code == "dependency-unmet");
  CHECK(at_g1[0].where.file == "projects/P2/project.yaml");
  CHECK(at_g1[0].where.line == 7);
  CHECK(at_g1[0].message ==
        "P2 depends on what is not there yet (needed by G2): P1 Portal: needs it planning; now "
        "proposed");
  CHECK(at_g1[1].message ==
        "P2 depends on what is not there yet (needed by G2): Z: not in the portfolio");
  // G2 in a controlling office: an error; in a supportive one a warning.
  auto at_g2 =
      check_dependencies_at_gate(o.portfolio, p2, gate(o.portfolio, "G2"), today, Lang::en);
  REQUIRE(at_g2.size() == 2);
  CHECK(at_g2[0].severity == Severity::error);
  CHECK(at_g2[0].message ==
        "G2 needs what P2 depends on: P1 Portal: needs it planning; now proposed");
  o.portfolio.office.type = OfficeType::supportive;
  CHECK(check_dependencies_at_gate(o.portfolio, p2, gate(o.portfolio, "G2"), today, Lang::en)[0]
            .severity == Severity::warning);
  o.portfolio.office.type = OfficeType::directive;
  CHECK(check_dependencies_at_gate(o.portfolio, p2, gate(o.portfolio, "G3"), today, Lang::en)[0]
            .severity == Severity::error);
  // Once P1 is planning, only Z is left.
  o.portfolio.office.type = OfficeType::controlling;
  o.pass_g1();
  auto after =
      check_dependencies_at_gate(o.portfolio, p2, gate(o.portfolio, "G2"), today, Lang::en);
  REQUIRE(after.size() == 1);
  CHECK(after[0].message == "G2 needs what P2 depends on: Z: not in the portfolio");
}
