#pragma once
// How a KPI figure is summed up from its entries and judged against the office's targets: what
// compute_kpis does last, and what the roll-up (report/rollup.hpp) does again over the union of
// the departments' entries.

#include <pmo/model/kpi.hpp>

namespace pmo::model {

// A figure's value (and groups) from its entries: a rate is `counted` over the entries, a day
// figure the mean of the entries' days (and of each subject's); nullopt without entries.
void summarise(KpiFigure& figure);

// Each figure's target for report.year from the office's pmo.yaml, and its status against it.
void judge_kpis(KpiReport& report, const Office& office);

} // namespace pmo::model
