#include <pmo/model/lifecycle.hpp>
#include <pmo/report/priorities.hpp>

#include <algorithm>
#include <cmath>

namespace pmo::report {

std::vector<RankRow> rank_portfolio(const model::Portfolio& portfolio, model::Lang lang) {
  const model::Office& office = portfolio.office;
  std::vector<const model::Project*> open;
  std::vector<std::pair<std::string, bool>> states; // by project, in portfolio order
  for (const auto& project : portfolio.projects) {
    const model::ProjectState state =
        model::derive_state(office, portfolio.decisions_of(project.id), lang);
    if (state.stage == "rejected" || state.terminal())
      continue;
    open.push_back(&project);
    states.emplace_back(state.stage,
                        state.stage == office.initial_stage && state.pause != model::Pause::hold);
  }
  std::vector<RankRow> rows;
  for (auto& ranked : model::rank_projects(office.priorities, open)) {
    const auto at = static_cast<std::size_t>(std::find(open.begin(), open.end(), ranked.project) -
                                             open.begin());
    rows.push_back(RankRow{std::move(ranked), states[at].first, states[at].second});
  }
  return rows;
}

PortfolioSelection select_portfolio(const model::Portfolio& portfolio,
                                    const model::SelectOptions& opts, std::optional<int> year,
                                    model::Lang lang) {
  PortfolioSelection out;
  out.rows = rank_portfolio(portfolio, lang);
  out.year = year;
  for (const RankRow& row : out.rows) {
    if (!row.candidate)
      continue;
    model::Candidate candidate{&row.ranked, row.ranked.cost};
    if (year && candidate.cost) {
      bool whole = false;
      const double share = model::cost_in_year(*row.ranked.project, *candidate.cost, *year, whole);
      if (whole)
        out.whole_cost.push_back(row.ranked.project->id);
      else if (share <= 0) {
        out.not_in_year.push_back(row.ranked.project->id);
        continue;
      }
      candidate.cost = share;
    }
    out.candidates.push_back(candidate);
  }
  out.selection = model::select_candidates(out.candidates, opts);
  return out;
}

// At most about a dozen frontier points for a table: every step when there are few, else the
// best score at tenths of the whole cost, and always the budget given.
std::vector<model::FrontierPoint> frontier_rows(const model::Selection& s, double budget) {
  const auto& f = s.frontier;
  if (f.empty())
    return {};
  auto best_at = [&](double amount) {
    model::FrontierPoint point{amount, 0};
    for (const auto& step : f)
      if (step.budget <= amount + 1e-9)
        point.score = step.score;
    return point;
  };
  std::vector<model::FrontierPoint> out;
  if (f.size() <= 12) {
    out = f;
  } else {
    const double top = f.back().budget;
    for (int k = 1; k <= 10; ++k) {
      model::FrontierPoint p = best_at(top * k / 10);
      // The least budget reaching that score.
      for (const auto& step : f)
        if (std::fabs(step.score - p.score) < 1e-9) {
          p.budget = step.budget;
          break;
        }
      if (out.empty() || out.back().budget != p.budget)
        out.push_back(p);
    }
  }
  const bool has_budget = std::any_of(
      out.begin(), out.end(), [&](const auto& p) { return std::fabs(p.budget - budget) < 1e-9; });
  if (!has_budget && budget <= f.back().budget) {
    out.push_back(best_at(budget));
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.budget < b.budget; });
  }
  return out;
}

FundingFrontier funding_frontier(const model::Portfolio& portfolio, model::Lang lang) {
  FundingFrontier out;
  model::SelectOptions opts;
  opts.max_cells = 20'000'000; // a report waits for no knapsack: past this, select says more
  PortfolioSelection all = select_portfolio(portfolio, opts, std::nullopt, lang);
  for (const auto& c : all.candidates)
    if (c.cost) {
      ++out.candidates;
      out.total += *c.cost;
    }
  if (out.candidates < 2)
    return out;
  opts.budget = out.total;
  all = select_portfolio(portfolio, opts, std::nullopt, lang);
  if (all.selection.problem == model::Selection::Problem::too_large) {
    out.too_large = true;
    return out;
  }
  out.points = frontier_rows(all.selection, out.total);
  return out;
}

} // namespace pmo::report
