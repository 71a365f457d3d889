#pragma once
// Project control (项目监控) of one project, derived from its records: baselines, the latest
// status report, earned value, health, whether a report is overdue, open risks and issues, and
// its change requests before the CCB.

#include <pmo/model/evm.hpp>
#include <pmo/model/lifecycle.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

// A milestone's date as the latest status report forecasts it, against the current baseline.
struct MilestoneSlip {
  std::string name;
  std::optional<Date> baseline; // its date in the current baseline
  Date forecast{};
  std::optional<int> slip_days; // forecast - baseline in the office's days: positive is late
};

struct ProjectControl {
  DayCount days = DayCount::calendar;   // the unit of every day figure (control.days)
  std::vector<Baseline> baselines;      // oldest first; empty before the baseline gate passed
  const StatusReport* latest = nullptr; // the report of the latest period
  std::optional<Evm> evm;               // at the end of the latest report's period
  std::vector<MilestoneSlip> forecasts; // the latest report's, in the report's order
  Health health;
  std::string current_period; // today's period, by the office's cadence
  std::string due_period;     // the newest period whose report is late if missing (period.hpp)
  Date report_due{};          // the last day the due period's report was on time
  bool reporting = false;     // reports are due: baselined, in the baseline stage, work not ended
                              // (today is not after the closure report's actual end)
  bool overdue = false;       // reporting since before the due period ended, and no report for
                              // it or a later period
  std::vector<const Risk*> open_risks;   // highest score first
  int escalated = 0;                     // open risks at or over the escalation threshold
  std::vector<const Issue*> open_issues; // highest priority first
  int overdue_issues = 0;                // open issues whose due date has passed
  std::vector<ChangeState> changes;      // every change request, by requested date

  const Baseline* baseline() const { return baselines.empty() ? nullptr : &baselines.back(); }
};

// Whether an open risk's score reaches the office's escalation threshold.
bool is_escalated(const ControlSettings& settings, const Risk& risk);

// Whether an open issue is past its due date (due before today).
bool is_overdue(const Issue& issue, Date today);

std::string priority_name(Priority priority, Lang lang);     // 低 / 中 / 高 / 紧急
std::string response_name(RiskResponse response, Lang lang); // 规避 / 减轻 / 转移 / 接受
// A record kind of control.while_on_hold as people say it (状态报告, 风险, …), joined by ", "
// (zh: "、"); "nothing" / "无" for none.
std::string record_kinds_text(const std::vector<std::string>& kinds, Lang lang);

ProjectControl project_control(const Portfolio& portfolio, const Project& project,
                               const ProjectState& state, const Clock& clock, Lang lang);

} // namespace pmo::model
