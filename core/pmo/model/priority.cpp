#include <pmo/model/priority.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <tuple>

namespace pmo::model {

namespace {

constexpr double k_epsilon = 1e-9;

std::int64_t to_cents(double amount) { return std::llround(amount * 100); }

} // namespace

Ranked score_project(const PrioritySettings& priorities, const Project& project) {
  Ranked out;
  out.project = &project;
  out.cost =
      project.business_case.cost_estimate ? project.business_case.cost_estimate : project.budget;
  double total_weight = 0;
  for (const auto& c : priorities.criteria)
    total_weight += c.weight;
  const int scale = std::max(priorities.scale, 2);
  for (const auto& c : priorities.criteria) {
    Contribution part;
    part.criterion = &c;
    for (const Score& s : project.scores)
      if (s.criterion == c.id)
        part.score = s.value;
    if (part.score && total_weight > 0) {
      const int s = std::clamp(*part.score, 1, scale);
      const double share = c.inverse ? static_cast<double>(scale - s) / (scale - 1)
                                     : static_cast<double>(s - 1) / (scale - 1);
      part.points = c.weight / total_weight * 100 * share;
    }
    if (!part.score)
      ++out.unscored;
    out.score += part.points;
    out.parts.push_back(part);
  }
  return out;
}

std::vector<Ranked> rank_projects(const PrioritySettings& priorities,
                                  const std::vector<const Project*>& projects) {
  std::vector<Ranked> out;
  out.reserve(projects.size());
  for (const Project* p : projects)
    out.push_back(score_project(priorities, *p));
  std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    if (std::fabs(a.score - b.score) > k_epsilon)
      return a.score > b.score;
    const double ca = a.cost.value_or(INFINITY), cb = b.cost.value_or(INFINITY);
    if (ca != cb)
      return ca < cb;
    return a.project->id < b.project->id;
  });
  return out;
}

double cost_in_year(const Project& project, double cost, int year, bool& assumed_whole) {
  assumed_whole = false;
  if (!project.start || !project.end || *project.end < *project.start) {
    assumed_whole = true;
    return cost;
  }
  using std::chrono::days;
  const Date first = std::chrono::sys_days{std::chrono::year{year} / 1 / 1};
  const Date last = std::chrono::sys_days{std::chrono::year{year} / 12 / 31};
  const Date from = std::max(*project.start, first);
  const Date to = std::min(*project.end, last);
  if (to < from)
    return 0;
  const double span = static_cast<double>((*project.end - *project.start).count() + 1);
  const double inside = static_cast<double>((to - from).count() + 1);
  return cost * inside / span;
}

Selection select_candidates(const std::vector<Candidate>& candidates, const SelectOptions& opts) {
  Selection out;
  auto named = [&](const std::vector<std::string>& ids, const Candidate& c) {
    return std::find(ids.begin(), ids.end(), c.ranked->project->id) != ids.end();
  };
  for (const auto& ids : {opts.force_in, opts.force_out})
    for (const auto& id : ids)
      if (std::none_of(candidates.begin(), candidates.end(),
                       [&](const Candidate& c) { return c.ranked->project->id == id; })) {
        out.problem = Selection::Problem::unknown_forced;
        out.problem_id = id;
        return out;
      }
  if (opts.unit && !(*opts.unit > 0 && to_cents(*opts.unit) > 0)) {
    out.problem = Selection::Problem::bad_unit;
    return out;
  }

  // The forced ones, and the items of the knapsack.
  double forced_cost = 0;
  std::vector<const Candidate*> items;
  std::vector<bool> chosen(candidates.size(), false);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (named(opts.force_out, c))
      out.left_out.emplace_back(&c, LeftOut::forced_out);
    else if (named(opts.force_in, c)) {
      chosen[i] = true;
      out.forced.push_back(&c);
      forced_cost += c.cost.value_or(0);
    } else if (!c.cost)
      out.left_out.emplace_back(&c, LeftOut::no_cost);
    else
      items.push_back(&c);
  }
  if (forced_cost > opts.budget + k_epsilon) {
    out.problem = Selection::Problem::forced_over_budget;
    out.problem_amount = forced_cost;
    return out;
  }

  // Costs in units: exact (their common divisor in cents) or rounded up to the unit given.
  std::int64_t unit = 0;
  if (opts.unit) {
    unit = to_cents(*opts.unit);
    out.rounded = true;
  } else {
    for (const Candidate* c : items)
      unit = std::gcd(unit, to_cents(*c->cost));
  }
  if (unit <= 0)
    unit = 100; // every cost is 0
  out.unit = static_cast<double>(unit) / 100;
  std::vector<std::int64_t> weight;
  std::int64_t total = 0;
  for (const Candidate* c : items) {
    const std::int64_t cents = to_cents(*c->cost);
    weight.push_back((cents + unit - 1) / unit);
    total += weight.back();
  }
  const std::int64_t remaining = to_cents(opts.budget - forced_cost);
  const std::int64_t capacity = std::clamp<std::int64_t>(remaining / unit, 0, total);
  const std::size_t n = items.size();
  out.cells = n * static_cast<std::size_t>(total + 1);
  if (n > 0 && (out.cells > opts.max_cells || total > static_cast<std::int64_t>(opts.max_cells))) {
    // A unit that would fit: the smallest power of ten times the current one.
    double factor = 10;
    while (static_cast<double>(out.cells) / factor > static_cast<double>(opts.max_cells))
      factor *= 10;
    out.problem = Selection::Problem::too_large;
    out.problem_amount = out.unit * factor;
    return out;
  }

  // best[c]: the best total score of the items so far within c units; take[i][c] (for c up to
  // the budget's capacity) whether item i is in that best set.
  std::vector<double> best(static_cast<std::size_t>(total + 1), 0.0);
  const std::size_t row = static_cast<std::size_t>(capacity + 1);
  std::vector<bool> take(n * row, false);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t w = weight[i];
    const double v = items[i]->ranked->score;
    for (std::int64_t c = total; c >= w; --c) {
      const double with = best[static_cast<std::size_t>(c - w)] + v;
      // Strictly better only: of equal totals, the set of higher-ranked items (taken first) stays.
      if (with > best[static_cast<std::size_t>(c)] + k_epsilon ||
          (w == 0 && v >= 0 && c <= capacity)) {
        best[static_cast<std::size_t>(c)] = std::max(with, best[static_cast<std::size_t>(c)]);
        if (c <= capacity)
          take[i * row + static_cast<std::size_t>(c)] = true;
      }
    }
  }
  std::int64_t c = capacity;
  for (std::size_t i = n; i-- > 0;)
    if (take[i * row + static_cast<std::size_t>(c)]) {
      const std::size_t index = static_cast<std::size_t>(items[i] - candidates.data());
      chosen[index] = true;
      c -= weight[i];
    }

  double forced_score = 0;
  for (const Candidate* f : out.forced)
    forced_score += f->ranked->score;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& cand = candidates[i];
    if (chosen[i]) {
      out.chosen.push_back(&cand);
      out.cost += cand.cost.value_or(0);
      out.score += cand.ranked->score;
    } else if (std::find(items.begin(), items.end(), &cand) != items.end()) {
      out.left_out.emplace_back(&cand, cand.ranked->score > k_epsilon ? LeftOut::budget
                                                                      : LeftOut::no_score);
    }
  }
  std::stable_sort(out.left_out.begin(), out.left_out.end(), [&](const auto& a, const auto& b) {
    return a.first < b.first; // candidates are in rank order
  });

  // The frontier: each budget at which the best total rises, the forced ones always in.
  double last = -1;
  for (std::int64_t k = 0; k <= total; ++k) {
    const double score = best[static_cast<std::size_t>(k)];
    if (score > last + k_epsilon) {
      out.frontier.push_back(
          {forced_cost + static_cast<double>(k * unit) / 100, forced_score + score});
      last = score;
    }
  }
  return out;
}

} // namespace pmo::model
