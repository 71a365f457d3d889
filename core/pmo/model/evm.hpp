#pragma once
// The baseline (基线) and earned value (挣值) of a project, and its health (RAG) against the
// office's thresholds. Pure functions: the baseline is derived from the plan the baseline gate
// approved plus the approved change requests, never stored.

#include <pmo/model/records.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

struct Baseline {
  int version = 1;
  std::string cause; // the baseline gate ("G2") or the change request that moved it
  Timestamp since{}; // when it took effect
  double budget = 0; // budget at completion (BAC)
  Date start{};
  Date end{};
  std::vector<Milestone> milestones; // with dates, in date order
};

// A change request as the CCB approved it, and when.
struct ApprovedChange {
  const ChangeRequest* change = nullptr;
  Timestamp approved_at{};
};

// The baselines, oldest first: the plan as approved at `approved_at`, then one per approved
// change in order (budget + cost; end and the milestones not yet due at approval + days, in the
// office's days: working days move a date by the calendar's working days).
// Empty when the plan lacks a budget, a start or an end.
std::vector<Baseline> derive_baselines(const Project& approved_plan, Timestamp approved_at,
                                       const std::vector<ApprovedChange>& changes,
                                       const DayCounter& days = {});

// The share of the work planned done by `date` (0..1): piecewise linear through the milestones'
// cumulative weights, from 0 at the start to 1 at the end; linear without milestones. Linear in
// the office's days: with working days, the plan stands still over holidays and weekends.
double planned_fraction(const Baseline& baseline, Date date, const DayCounter& days = {});

// 挣值分析 figures at a status date.
struct Evm {
  Date status_date{};
  double planned_percent = 0; // 0..100
  double bac = 0, pv = 0, ev = 0, ac = 0;
  double sv = 0, cv = 0;            // EV - PV, EV - AC
  std::optional<double> spi, cpi;   // EV / PV, EV / AC; none when the divisor is 0
  double eac = 0, etc = 0, vac = 0; // BAC / CPI (AC + BAC - EV without a CPI), EAC - AC, BAC - EAC
  std::optional<double> tcpi;       // (BAC - EV) / (BAC - AC); none when BAC <= AC
};

Evm earned_value(const Baseline& baseline, double percent_complete, double actual_cost,
                 Date status_date, const DayCounter& days = {});

// An index (SPI, CPI) as a RAG rating: at or above green_at green, at or above amber_at amber.
Rag rag_of(const ControlSettings& settings, double index);

struct DimensionHealth {
  Dimension dimension = Dimension::schedule;
  std::optional<Rag> computed; // from SPI (schedule) or CPI (cost)
  std::optional<Rag> reported; // the manager's rating in the status report
  std::optional<Rag> rating() const { return reported ? reported : computed; }
  bool overridden() const { return reported && computed && *reported != *computed; }
};

struct Health {
  std::vector<DimensionHealth> dimensions; // schedule, cost, scope, quality
  std::optional<Rag> overall;              // the worst rating; none before any report
};

Health assess_health(const ControlSettings& settings, const std::optional<Evm>& evm,
                     const StatusReport* latest);

std::string rag_name(Rag rag, Lang lang);
std::string dimension_name(Dimension dimension, Lang lang);

} // namespace pmo::model
