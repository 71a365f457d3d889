#pragma once
// The office's priorities over the portfolio (项目优先级排序): which projects are ranked, which
// are candidates for funding, and the selection within a budget (model/priority.hpp computes).

#include <pmo/model/priority.hpp>
#include <pmo/model/records.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pmo::report {

struct RankRow {
  model::Ranked ranked;
  std::string stage;      // derived from the decisions
  bool candidate = false; // awaiting funding: in the office's initial stage, not on hold
};

// Every project not closed or rejected, highest score first (model::rank_projects' order).
std::vector<RankRow> rank_portfolio(const model::Portfolio& portfolio, model::Lang lang);

// What `pmo portfolio select` shows. Holds pointers into itself: move it, never copy it.
struct PortfolioSelection {
  std::vector<RankRow> rows;                // the ranked projects
  std::vector<model::Candidate> candidates; // the candidates among them, in rank order
  std::optional<int> year;                  // costs are that year's part of each cost
  std::vector<std::string> whole_cost;      // candidates without dates: whole cost counted
  std::vector<std::string> not_in_year;     // candidates whose dates miss the year: left out
  model::Selection selection;

  PortfolioSelection() = default;
  PortfolioSelection(const PortfolioSelection&) = delete;
  PortfolioSelection& operator=(const PortfolioSelection&) = delete;
  PortfolioSelection(PortfolioSelection&&) = default;
  PortfolioSelection& operator=(PortfolioSelection&&) = default;
};

// The candidates (proposals awaiting G1: in the initial stage, not on hold) that maximise the
// total score within opts.budget; with `year`, each costs its share of that year.
PortfolioSelection select_portfolio(const model::Portfolio& portfolio,
                                    const model::SelectOptions& opts, std::optional<int> year,
                                    model::Lang lang);

// At most about a dozen points of a selection's frontier, for a table or a chart: every step when
// there are few, else the best score at tenths of the whole cost, and always `budget`.
std::vector<model::FrontierPoint> frontier_rows(const model::Selection& selection, double budget);

// The efficient frontier of every candidate with a cost (score against budget, up to them all),
// for the report.
struct FundingFrontier {
  int candidates = 0;     // with a cost
  double total = 0;       // their whole cost
  bool too_large = false; // the knapsack would be too large for a report: none drawn
  std::vector<model::FrontierPoint> points; // empty with fewer than two candidates
};
FundingFrontier funding_frontier(const model::Portfolio& portfolio, model::Lang lang);

} // namespace pmo::report
