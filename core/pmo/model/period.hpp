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

} // namespace pmo::model
