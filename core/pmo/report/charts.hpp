#pragma once
// Every Mermaid chart of the portfolio report, built from the report's data, and the escaping
// each chart type needs: pure functions from a PortfolioReport to Mermaid source. A builder
// returns the chart's fenced ```mermaid block, or "" when there is nothing to draw.

#include <pmo/report/portfolio.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace pmo::report {

// Text for a quoted Mermaid label or a title (pie, flowchart, xychart, gantt section and task
// names): characters Mermaid gives meaning to (" : ; # % { } < > & ` \) as Mermaid entity codes
// ("#58;"), control characters as spaces, bidi controls and invalid UTF-8 as U+FFFD.
std::string mermaid_text(std::string_view text);

// A gantt task name, which ends at the first ":": mermaid_text with a leading ASCII letter as an
// entity code too, so that no name can start a keyword statement (title, section, excludes, ...).
std::string gantt_task(std::string_view text);

// A quadrantChart point label, which is not a quoted string: every ASCII character but letters,
// digits and the space as an entity code, and a leading letter too, so that no label can start a
// statement (x-axis, quadrant-1, classDef, ...) or end the point.
std::string quadrant_text(std::string_view text);

// 各阶段项目数: a pie of the projects per stage.
std::string stage_pie(const PortfolioReport& report);

// 项目组合时间线: a gantt of every project under way with a baseline, its baseline against its
// forecast, its milestones, and the report's day. At most k_timeline_projects projects: past that,
// the ones with the largest forecast slip.
inline constexpr std::size_t k_timeline_projects = 30;
struct Timeline {
  std::size_t projects = 0; // projects with a baseline, under way
  std::size_t shown = 0;
  std::string chart;
};
Timeline portfolio_timeline(const PortfolioReport& report);

// 风险矩阵: open risks by probability (x) and impact (y) as a quadrantChart, at most
// k_matrix_points of them (the highest scores); and the counts per cell for a 5x5 table.
inline constexpr std::size_t k_matrix_points = 40;
std::string risk_quadrant(const PortfolioReport& report);
// counts[impact - 1][probability - 1]
std::array<std::array<int, 5>, 5> risk_counts(const PortfolioReport& report);

// SPI/CPI 趋势: the portfolio's indices per period as an xychart-beta, SPI as bars and CPI as a
// line (xychart has no legend); "" with fewer than two periods.
std::string index_trend_chart(const PortfolioReport& report);

// 项目间依赖: a flowchart of every dependency (solid: met, dashed: not yet). Mermaid draws at
// most 500 edges: past k_max_edges only the unmet ones are drawn, and past that none.
inline constexpr std::size_t k_max_edges = 400;
struct DependencyGraph {
  std::size_t all = 0, unmet = 0;
  bool only_unmet = false; // only the unmet ones are drawn
  std::string chart;       // "" when there are too many to draw, or none
};
DependencyGraph dependency_graph(const PortfolioReport& report);

// 立项资金效率前沿: the best total score at each budget as an xychart-beta line.
std::string frontier_chart(const PortfolioReport& report);

} // namespace pmo::report
