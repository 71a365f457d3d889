#pragma once
// Reporting periods (报告周期): ISO weeks "2026-W47" or months "2026-11", by the office's cadence.

#include <pmo/model/records.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pmo::model {

struct Period {
  Cadence cadence = Cadence::weekly;
  int year = 0;        // the ISO week-numbering year for a week
  unsigned number = 0; // week 1-53 or month 1-12

  auto operator<=>(const Period&) const = default;
};

// "2026-W47" (ISO week, two digits) or "2026-11"; nullopt for anything else or a week the year
// does not have.
std::optional<Period> parse_period(std::string_view text);
std::string format_period(const Period& period);

Date period_start(const Period& period); // Monday of the week, or the first of the month
Date period_end(const Period& period);   // Sunday of the week, or the last of the month
Period period_of(Date date, Cadence cadence);
Period previous_period(const Period& period);

// The last day on which the report for `period` is on time: `grace` working days of the office's
// calendar (Monday to Friday without one) after the period's end, or the end itself when grace is
// 0. A report is due once its period has ended; earned value is measured at the same end
// (control.hpp).
Date report_due(const Period& period, int grace, const Calendar& calendar = Calendar{});

// The newest period whose report is late when missing on `today`: the newest period whose
// report_due is before today.
Period due_period(Date today, Cadence cadence, int grace, const Calendar& calendar = Calendar{});

} // namespace pmo::model
