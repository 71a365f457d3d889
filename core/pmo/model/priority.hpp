#pragma once
// 项目优先级排序: projects ranked by the office's scoring model (pmo.yaml `priorities:`), and
// the set of candidates that maximises the total score within a budget — an exact 0/1 knapsack
// over the amounts — with the efficient frontier (the best total score at every budget).

#include <pmo/model/records.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

// What one criterion adds to a project's score.
struct Contribution {
  const Criterion* criterion = nullptr;
  std::optional<int> score; // nullopt: not scored, counts 0
  double points = 0;        // its part of the 0–100 total
};

struct Ranked {
  const Project* project = nullptr;
  double score = 0;                // 0–100: the weighted sum of the criteria
  std::vector<Contribution> parts; // one per criterion, in the model's order
  int unscored = 0;                // criteria without a score
  std::optional<double> cost;      // business_case.cost_estimate, else budget
};

// A criterion scored s on a scale of 1..N earns weight/Σweights × 100 × (s−1)/(N−1), or
// × (N−s)/(N−1) when it is inverse; a score outside the scale is clamped to it.
Ranked score_project(const PrioritySettings& priorities, const Project& project);

// Highest score first; ties: the lower cost first (no cost last), then the id.
std::vector<Ranked> rank_projects(const PrioritySettings& priorities,
                                  const std::vector<const Project*>& projects);

// The part of a cost that falls in `year`, pro rata by calendar days of start..end; the whole
// cost when the project has no start or end (`assumed_whole` says so); 0 when its dates do not
// touch the year.
double cost_in_year(const Project& project, double cost, int year, bool& assumed_whole);

struct Candidate {
  const Ranked* ranked = nullptr;
  std::optional<double> cost; // what it costs against the budget; nullopt: no cost known
};

enum class LeftOut { budget, forced_out, no_cost, no_score };

struct FrontierPoint {
  double budget = 0; // the least budget at which…
  double score = 0;  // …this total score is the best reachable
};

struct SelectOptions {
  double budget = 0;
  std::vector<std::string> force_in;
  std::vector<std::string> force_out;
  std::optional<double> unit; // costs rounded up, in multiples of this, before the knapsack
  // Above this many cells (candidates × budget units) the knapsack is refused; see Problem.
  std::size_t max_cells = 400'000'000;
};

struct Selection {
  enum class Problem { none, unknown_forced, forced_over_budget, too_large, bad_unit };
  Problem problem = Problem::none;
  std::string problem_id;               // unknown_forced: the id
  double problem_amount = 0;            // forced_over_budget: the forced cost; too_large: a unit
  std::vector<const Candidate*> chosen; // in rank order; the forced ones included
  std::vector<const Candidate*> forced; // chosen because forced in
  std::vector<std::pair<const Candidate*, LeftOut>> left_out; // in rank order
  double cost = 0;      // of the chosen, as given (not rounded)
  double score = 0;     // their total score
  double unit = 0;      // the money unit the knapsack is exact over (the costs' common divisor)
  bool rounded = false; // costs were rounded up to `unit`
  std::size_t cells = 0;
  std::vector<FrontierPoint> frontier; // each step of the best total score, up to all candidates
};

// The candidates (in rank order) that maximise the total score at a cost within the budget:
// the forced-in ones first, the forced-out ones and those without a cost left out. Exact: costs
// are taken in cents, in units of their greatest common divisor (or of `unit`, rounded up, so
// the choice never costs more than the budget), and a dynamic programme over the units finds the
// best total; of two sets with the same total, the one with the higher-ranked projects wins.
Selection select_candidates(const std::vector<Candidate>& candidates, const SelectOptions& opts);

} // namespace pmo::model
