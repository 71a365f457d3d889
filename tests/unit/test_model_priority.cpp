// 项目优先级排序 by hand: scores, ranking, the knapsack and its frontier on worked examples.

#include <pmo/model/priority.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace pmo::model;

namespace {

// value (weight 3) and risk (weight 1, inverse), on 1..5.
PrioritySettings two_criteria() {
  PrioritySettings p;
  p.scale = 5;
  p.criteria = {{"value", {"价值", "Value"}, 3, false}, {"risk", {"风险", "Risk"}, 1, true}};
  return p;
}

Project project(const std::string& id, std::vector<Score> scores, std::optional<double> cost) {
  Project p;
  p.id = id;
  p.scores = std::move(scores);
  p.business_case.cost_estimate = cost;
  return p;
}

// A: value 5, risk 1 -> 75 + 25 = 100      cost 600,000
// B: value 4, risk 3 -> 56.25 + 12.5       cost 300,000
// C: value 3, risk 2 -> 37.5 + 18.75       cost 300,000
// D: value 2, risk not scored -> 18.75     cost 100,000
struct Example {
  std::vector<Project> projects{project("A", {{"value", 5}, {"risk", 1}}, 600'000),
                                project("B", {{"value", 4}, {"risk", 3}}, 300'000),
                                project("C", {{"value", 3}, {"risk", 2}}, 300'000),
                                project("D", {{"value", 2}}, 100'000)};
  std::vector<Ranked> ranked;
  std::vector<Candidate> candidates;
  Example() {
    std::vector<const Project*> ptrs;
    for (const auto& p : projects)
      ptrs.push_back(&p);
    ranked = rank_projects(two_criteria(), ptrs);
    for (const auto& r : ranked)
      candidates.push_back({&r, r.cost});
  }
};

std::vector<std::string> ids(const std::vector<const Candidate*>& list) {
  std::vector<std::string> out;
  for (const Candidate* c : list)
    out.push_back(c->ranked->project->id);
  return out;
}

} // namespace

TEST_CASE("a score is each criterion's weight share times where the score sits on the scale") {
  const Example e;
  REQUIRE(e.ranked.size() == 4);
  CHECK(e.ranked[0].project->id == "A");
  CHECK(e.ranked[0].score == doctest::Approx(100));
  CHECK(e.ranked[0].parts[0].points == doctest::Approx(75));
  CHECK(e.ranked[0].parts[1].points == doctest::Approx(25)); // inverse: risk 1 earns it all
  CHECK(e.ranked[1].score == doctest::Approx(68.75));
  CHECK(e.ranked[2].score == doctest::Approx(56.25));
  CHECK(e.ranked[3].project->id == "D");
  CHECK(e.ranked[3].score == doctest::Approx(18.75));
  CHECK(e.ranked[3].unscored == 1);
  CHECK_FALSE(e.ranked[3].parts[1].score.has_value());
}

TEST_CASE("ties go to the cheaper project, then to the lower id") {
  std::vector<Project> ps{project("Z", {{"value", 3}}, 200), project("Y", {{"value", 3}}, 100),
                          project("X", {{"value", 3}}, 100), project("W", {{"value", 3}}, {})};
  std::vector<const Project*> ptrs;
  for (const auto& p : ps)
    ptrs.push_back(&p);
  auto ranked = rank_projects(two_criteria(), ptrs);
  CHECK(ranked[0].project->id == "X");
  CHECK(ranked[1].project->id == "Y");
  CHECK(ranked[2].project->id == "Z");
  CHECK(ranked[3].project->id == "W"); // no cost: last
}

TEST_CASE("the knapsack takes the best total score within the budget, not the best projects") {
  const Example e;
  SelectOptions opts;
  opts.budget = 700'000;
  const Selection s = select_candidates(e.candidates, opts);
  REQUIRE(s.problem == Selection::Problem::none);
  // A + D (118.75) and A alone lose to B + C + D (143.75).
  CHECK(ids(s.chosen) == std::vector<std::string>{"B", "C", "D"});
  CHECK(s.score == doctest::Approx(143.75));
  CHECK(s.cost == doctest::Approx(700'000));
  REQUIRE(s.left_out.size() == 1);
  CHECK(s.left_out[0].first->ranked->project->id == "A");
  CHECK(s.left_out[0].second == LeftOut::budget);
  CHECK(s.unit == doctest::Approx(100'000)); // the costs' common divisor
  CHECK_FALSE(s.rounded);

  // The frontier, by hand: every budget where the best total rises.
  const std::vector<std::pair<double, double>> expected{
      {0, 0},           {100'000, 18.75},   {300'000, 68.75},  {400'000, 87.5},
      {600'000, 125},   {700'000, 143.75},  {900'000, 168.75}, {1'000'000, 187.5},
      {1'200'000, 225}, {1'300'000, 243.75}};
  REQUIRE(s.frontier.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(s.frontier[i].budget == doctest::Approx(expected[i].first));
    CHECK(s.frontier[i].score == doctest::Approx(expected[i].second));
  }
}

TEST_CASE("forced in and forced out") {
  const Example e;
  SelectOptions opts;
  opts.budget = 700'000;
  opts.force_in = {"A"};
  Selection s = select_candidates(e.candidates, opts);
  CHECK(ids(s.chosen) == std::vector<std::string>{"A", "D"}); // 100,000 left after A: D
  CHECK(ids(s.forced) == std::vector<std::string>{"A"});
  CHECK(s.frontier.front().budget == doctest::Approx(600'000)); // A is always in

  opts.force_in.clear();
  opts.force_out = {"B"};
  s = select_candidates(e.candidates, opts);
  CHECK(ids(s.chosen) == std::vector<std::string>{"A", "D"}); // beats C + D (75)
  CHECK(std::any_of(s.left_out.begin(), s.left_out.end(), [](const auto& l) {
    return l.first->ranked->project->id == "B" && l.second == LeftOut::forced_out;
  }));

  opts.force_out.clear();
  opts.force_in = {"A", "B"};
  s = select_candidates(e.candidates, opts);
  CHECK(s.problem == Selection::Problem::forced_over_budget);
  CHECK(s.problem_amount == doctest::Approx(900'000));

  opts.force_in = {"NOPE"};
  s = select_candidates(e.candidates, opts);
  CHECK(s.problem == Selection::Problem::unknown_forced);
  CHECK(s.problem_id == "NOPE");
}

TEST_CASE("a candidate without a cost is left out, and a unit rounds costs up") {
  Example e;
  e.candidates[3].cost.reset(); // D
  SelectOptions opts;
  opts.budget = 700'000;
  Selection s = select_candidates(e.candidates, opts);
  CHECK(ids(s.chosen) == std::vector<std::string>{"B", "C"});
  CHECK(std::any_of(s.left_out.begin(), s.left_out.end(),
                    [](const auto& l) { return l.second == LeftOut::no_cost; }));

  // B at 300,001 in units of 100,000 counts 4 units: B + C + D (8) no longer fits in 7, and
  // B + C (7 units, 600,001) is the best that does.
  Example odd;
  odd.candidates[1].cost = 300'001; // B
  opts.unit = 100'000;
  s = select_candidates(odd.candidates, opts);
  CHECK(s.rounded);
  CHECK(ids(s.chosen) == std::vector<std::string>{"B", "C"});
  CHECK(s.cost == doctest::Approx(600'001));

  // Without a unit, 300,001 is exact: the divisor is 1 cent... and too many cells for a cap.
  opts.unit.reset();
  opts.max_cells = 1000;
  s = select_candidates(odd.candidates, opts);
  CHECK(s.problem == Selection::Problem::too_large);
  CHECK(s.problem_amount >= 0.01 * 10);
}

TEST_CASE("a year's share of a cost is pro rata by calendar days") {
  Project p;
  p.start = parse_date("2026-07-01");
  p.end = parse_date("2027-06-30"); // 365 days, 184 of them in 2026
  bool whole = true;
  CHECK(cost_in_year(p, 365'000, 2026, whole) == doctest::Approx(184'000));
  CHECK_FALSE(whole);
  CHECK(cost_in_year(p, 365'000, 2027, whole) == doctest::Approx(181'000));
  CHECK(cost_in_year(p, 365'000, 2028, whole) == doctest::Approx(0));
  Project undated;
  CHECK(cost_in_year(undated, 1000, 2026, whole) == doctest::Approx(1000));
  CHECK(whole);
}
