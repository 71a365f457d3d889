#pragma once
// The working calendar in YAML: pmo.yaml `calendar:` and the calendars pmo ships
// (templates/calendar/<base>.yaml, compiled in), into model::Calendar.

#include <pmo/codec/decoding.hpp>

#include <optional>
#include <string_view>

namespace pmo::codec {

// The text of templates/calendar/<name> ("calendar/cn.yaml"), compiled in by CMake.
std::optional<std::string_view> shipped_calendar_file(std::string_view name);

// A shipped calendar: its week and its years.
struct ShippedCalendar {
  std::string base;
  model::LocalText name;
  std::array<bool, 7> week{true, true, true, true, true, false, false};
  std::vector<model::CalendarYear> years;
  model::FieldLocations where;
};

// Reads a shipped calendar file; a year's day listed twice, or as both off and worked, is an
// error (calendar-conflict), like a bad date or weekday.
Decoded<ShippedCalendar> decode_shipped_calendar(std::string_view text, const std::string& file,
                                                 model::Lang lang);
// The shipped calendar `base` names ("cn"), decoded once; nullopt for a name pmo does not ship.
const ShippedCalendar* shipped_calendar(std::string_view base);
// The bases pmo ships, ", "-separated, for a message.
std::string shipped_calendar_names();

namespace detail {
// pmo.yaml `calendar:` into the settings as written and the calendar they make.
void decode_calendar(Ctx& ctx, const YAML::Node& node, model::FieldLocations& where,
                     model::CalendarSettings& settings, model::Calendar& calendar);
// The calendar an office without `calendar:` (or with one) counts by.
model::Calendar build_calendar(const model::CalendarSettings& settings);
} // namespace detail

} // namespace pmo::codec
