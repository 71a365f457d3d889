#pragma once
// A test office for the model's unit tests: the default gates, a roster covering every board
// role, and one project complete enough for every gate.

#include <pmo/model/lifecycle.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace pmo::test {

using namespace pmo::model;

// A closure report with every field the default closure gate requires.
inline Closure full_closure() {
  Closure c;
  c.acceptance = "accepted";
  c.actual_end = parse_date("2027-07-01");
  c.actual_cost = 900;
  c.outcome = Outcome::achieved;
  c.lessons = {{LessonKind::went_well, "l", {}}};
  return c;
}

inline Person person(std::string id, std::vector<std::string> roles) {
  Person p;
  p.id = std::move(id);
  p.name = p.id;
  p.roles = std::move(roles);
  return p;
}

inline Project complete_project(std::string id) {
  Project p;
  p.id = std::move(id);
  p.file = "projects/" + p.id + "/project.yaml";
  p.title = "Portal";
  p.sponsor = "spon";
  p.manager = "mgr";
  p.budget = 1000;
  p.start = parse_date("2027-01-01");
  p.end = parse_date("2027-06-30");
  p.objectives = {"o"};
  p.scope.in = {"s"};
  p.strategic_alignment = "a";
  p.business_case.benefits = {"b"};
  p.business_case.cost_estimate = 1000;
  p.feasibility = "f";
  p.risks = {"r"};
  p.resources = {"x"};
  for (auto name : k_plan_sections)
    *plan_section(p.plan, name) = "x";
  p.milestones = {{"done", p.end, 1}};
  return p;
}

// The default office with a roster covering every board role, and one complete project.
struct Office4 {
  Portfolio portfolio;
  int clock = 0;

  Office4() {
    portfolio.office = default_office("Test", Lang::en, OfficeType::controlling);
    portfolio.people = {person("biz", {"business"}),
                        person("fin", {"finance"}),
                        person("law", {"legal"}),
                        person("mgr", {"manager", "finance"}),
                        person("pmo1", {"pmo"}),
                        person("pmo2", {"pmo"}),
                        person("spon", {"sponsor", "business"}),
                        person("tech", {"technical"}),
                        person("both", {"business", "technical"})};
    portfolio.projects = {complete_project("P1")};
  }

  // A decision on P1 (a gate's, or the CCB's when `change` is set), planned one minute after the
  // previous one.
  ReviewPlan plan(ReviewRequest request) {
    request.project = "P1";
    request.at = Timestamp{std::chrono::seconds{1'800'000'000 + 60 * clock++}};
    return plan_review(portfolio, request, Lang::en);
  }

  // Records a planned decision like `pmo review` does, when it was accepted.
  ReviewPlan record(ReviewPlan plan) {
    if (plan.refusals.empty()) {
      plan.decision.file = "d" + std::to_string(clock);
      portfolio.decisions.push_back(plan.decision);
      portfolio.sort_decisions();
    }
    return plan;
  }

  ReviewPlan review(std::string gate, Verdict verdict, std::string who, std::string role = {},
                    std::vector<std::string> conditions = {}) {
    ReviewRequest request;
    request.gate = std::move(gate);
    request.verdict = verdict;
    request.reviewer = std::move(who);
    request.role = std::move(role);
    request.conditions = std::move(conditions);
    return plan(std::move(request));
  }

  ReviewPlan decide(std::string gate, Verdict verdict, std::string who, std::string role = {},
                    std::vector<std::string> conditions = {}) {
    return record(
        review(std::move(gate), verdict, std::move(who), std::move(role), std::move(conditions)));
  }

  // A CCB decision on a change request of P1, recorded when accepted.
  ReviewPlan decide_change(std::string change, Verdict verdict, std::string who,
                           std::string role = {}) {
    ReviewRequest request;
    request.change = std::move(change);
    request.verdict = verdict;
    request.reviewer = std::move(who);
    request.role = std::move(role);
    return record(plan(std::move(request)));
  }

  ProjectState state() const {
    return derive_state(portfolio.office, portfolio.decisions_of("P1"), Lang::en);
  }

  void pass_g1() {
    for (const char* who : {"biz", "tech", "fin", "law"})
      REQUIRE(decide("G1", Verdict::approve, who).refusals.empty());
  }
};

} // namespace pmo::test
