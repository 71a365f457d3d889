#pragma once
// PMO 年度目标与 KPI: the office's KPIs for one year, computed from the decisions (as the ledger
// proves them, with their times) and the records, against pmo.yaml `kpis.targets`. Never stored.
// The definitions, and what counts in a year, are in docs/FORMAT.md ("kpis").

#include <pmo/model/records.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pmo::model {

enum class KpiStatus { met, not_met, no_target, no_data };
std::string_view to_string(KpiStatus status); // met, not-met, no-target, no-data
std::string kpi_status_name(KpiStatus status, Lang lang);
std::string kpi_name(std::string_view kpi, Lang lang); // 按时交付率 / On-time delivery

// One project's part of a figure.
struct KpiEntry {
  std::string project;
  std::string subject; // the gate (gate_cycle_days), the role (decision_latency_days) or the
                       // period (status_on_time); empty for the figures per project
  bool counts = false; // rates: counts for the rate (on time, within budget, achieved, …)
  // on_time_delivery: days after the planned end (≤ 0: on time); budget_adherence: actual cost
  // − budget (≤ 0: within); the day KPIs: the days; business_case_complete: fields missing;
  // status_on_time: days after the due day the report was committed; nullopt: never committed.
  // success_rate: none.
  std::optional<double> value;
  std::string detail; // language-free: the outcome, the missing fields, "planned → actual", …
};

// A day figure by gate or by board role.
struct KpiGroup {
  std::string subject;
  double average = 0;
  int count = 0;
};

struct KpiFigure {
  std::string kpi;             // one of k_kpi_names
  std::optional<double> value; // a rate from 0 to 1, or average days; nullopt: no data
  std::optional<double> target;
  KpiStatus status = KpiStatus::no_data;
  int counted = 0; // rates: entries that count for the rate
  std::vector<KpiEntry> entries;
  std::vector<KpiGroup> groups; // gate_cycle_days by gate, decision_latency_days by role
};

// When each status report was first committed (`pmo update`'s Pmo-Status commits), by
// (project, period).
using ReportCommits = std::map<std::pair<std::string, std::string>, Timestamp>;

struct KpiReport {
  int year = 0;
  DayCount days = DayCount::calendar; // the unit of the day KPIs (control.days)
  std::vector<KpiFigure> figures;     // in k_kpi_names order
};

// The office's KPIs for `year`. `commits` nullptr: no history to date the status reports by, so
// status_on_time has no data. Needs `portfolio.decisions` sorted.
KpiReport compute_kpis(const Portfolio& portfolio, int year, const Clock& clock,
                       const ReportCommits* commits, Lang lang);

int year_of(Timestamp at);
int year_of(Date day);

} // namespace pmo::model
