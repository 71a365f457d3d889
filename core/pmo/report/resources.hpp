#pragma once
// 资源协调 over a window of time: each person's load per period (the office's cadence) across the
// projects that hold people, and the over-allocations in it (model/resources.hpp computes).

#include <pmo/model/period.hpp>
#include <pmo/model/records.hpp>
#include <pmo/model/resources.hpp>

#include <functional>
#include <string>
#include <vector>

namespace pmo::report {

struct PersonLoad {
  std::string person;                // id
  std::string name;                  // from the roster; empty when not in it
  double capacity = 1;               // FTE
  std::vector<double> peaks;         // the highest load on a day of each period
  std::vector<std::string> projects; // the projects booking them in the window, by id
  bool over = false;                 // over capacity on some day of the window
};

struct ResourceView {
  model::Date from{};
  model::Date to{};
  std::vector<model::Period> periods;     // covering [from, to], in the office's cadence
  std::vector<PersonLoad> people;         // everyone booked in the window, by id
  std::vector<model::Overload> conflicts; // the over-allocations overlapping the window
  std::size_t holding_projects = 0;       // projects whose assignments count
};

// The most periods a view spans: a window longer than this is refused by the caller.
inline constexpr std::size_t k_max_periods = 400;

// The view of [from, to] (from <= to, at most k_max_periods periods).
ResourceView resource_view(const model::Portfolio& portfolio, model::Date from, model::Date to,
                           model::Lang lang);
// The same, with the projects that hold people given by `counts` (the roll-up, whose merged
// portfolio has no history to derive them from).
ResourceView resource_view(const model::Portfolio& portfolio, model::Date from, model::Date to,
                           model::Lang lang,
                           const std::function<bool(const model::Project&)>& counts);

// The default window: the period of `today` and the next five (monthly) or seven (weekly).
std::pair<model::Date, model::Date> default_window(model::Cadence cadence, model::Date today);

} // namespace pmo::report
