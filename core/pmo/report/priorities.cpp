#include <pmo/model/lifecycle.hpp>
#include <pmo/report/priorities.hpp>

#include <algorithm>

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

} // namespace pmo::report
