#pragma once
// The working calendar (工作日历): a working week, days off (statutory and company holidays) and
// make-up workdays (调休), and the years whose holidays are known. Day figures (planned value,
// slips, a change's schedule days, gate cycle times, days in stage) count working days through it
// when the office says so (pmo.yaml `control.days: working`), calendar days otherwise.

#include <pmo/model/types.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::model {

// How the office counts days (pmo.yaml `control.days`).
enum class DayCount { calendar, working };
std::optional<DayCount> parse_day_count(std::string_view text);
std::string_view to_string(DayCount count); // "calendar" | "working"

// A weekday by its three-letter English name, "mon" .. "sun"; its ISO number 1 (Monday) .. 7.
std::optional<unsigned> parse_weekday(std::string_view text);
std::string_view weekday_word(unsigned iso);

// A day that differs from the working week.
struct CalendarDay {
  Date date{};
  std::string name; // 春节, or the company's reason; may be empty
};

// One year of a shipped calendar: what the notice(s) say.
struct CalendarYear {
  int year = 0;
  std::vector<std::string> notices; // the notices' addresses
  std::vector<CalendarDay> holidays;
  std::vector<CalendarDay> workdays;
};

class Calendar {
public:
  // Monday to Friday, no holidays, every year known: the calendar of an office that wrote none.
  Calendar() = default;

  // The working week: week[iso - 1] for ISO weekday 1 (Monday) .. 7 (Sunday).
  void set_week(const std::array<bool, 7>& week) { m_week = week; }
  const std::array<bool, 7>& week() const { return m_week; }
  // Adds a year of a shipped calendar (base: cn); from then on only the years added are known.
  void add_year(const CalendarYear& year);
  // The office's own days, known in any year; they override a shipped year's for the same date.
  void add_holiday(const CalendarDay& day);
  void add_workday(const CalendarDay& day);

  bool is_working_day(Date date) const;
  // Working days d with from < d <= to; negative (−(working days in (to, from])) when to < from.
  // So a milestone moved from a Friday to the next Monday slips 1, and
  // working_days_between(d, add_working_days(d, n)) == n for a d that is a working day.
  int working_days_between(Date from, Date to) const;
  // The n-th working day after `from` (before it for n < 0); `from` itself for n == 0.
  Date add_working_days(Date from, int n) const;

  // Whether the holidays of `year` are known: always without a shipped calendar; with one, the
  // years it lists (a year not yet announced is not known).
  bool covers(int year) const;
  // The years from `from`'s to `to`'s (in either order) the calendar does not cover.
  std::vector<int> uncovered_years(Date from, Date to) const;
  // The years a shipped calendar lists, in order; empty without one.
  const std::vector<int>& years() const { return m_years; }
  bool has_base() const { return m_has_base; }
  // The name of the holiday or workday on `date`, when it is one.
  const CalendarDay* holiday(Date date) const;
  const CalendarDay* workday(Date date) const;

private:
  // Sorted by date, one entry per date.
  static void put(std::vector<CalendarDay>& days, const CalendarDay& day);
  static const CalendarDay* find(const std::vector<CalendarDay>& days, Date date);
  // The working-week days in (from, to], from <= to.
  long long week_days_between(Date from, Date to) const;

  std::array<bool, 7> m_week{true, true, true, true, true, false, false};
  std::vector<CalendarDay> m_holidays; // days off
  std::vector<CalendarDay> m_workdays; // days worked outside the week
  std::vector<int> m_years;
  bool m_has_base = false;
};

// Counts days as the office says: working days through `calendar`, or calendar days.
class DayCounter {
public:
  DayCounter() = default;
  DayCounter(const Calendar& calendar, DayCount count) : m_calendar(&calendar), m_count(count) {}

  DayCount unit() const { return m_count; }
  bool working() const { return m_count == DayCount::working && m_calendar; }
  // to − from in the office's days (Calendar::working_days_between for working days).
  int between(Date from, Date to) const;
  // `from` moved by n of the office's days.
  Date add(Date from, int n) const;
  // The years of from..to whose holidays are unknown while counting working days (so the
  // figure counts them as plain working weeks: an estimate); empty for calendar days.
  std::vector<int> uncovered_years(Date from, Date to) const;

private:
  const Calendar* m_calendar = nullptr;
  DayCount m_count = DayCount::calendar;
};

// "3 working days" / "3 个工作日", or "3 days" / "3 天", by the unit.
std::string days_text(Lang lang, DayCount unit, long long n);
// "+3 working days" / "+3 个工作日" (a slip, a change's schedule days), by the unit.
std::string signed_days_text(Lang lang, DayCount unit, long long n);
// A label of day counts in the unit: days_label(lang, unit, "Days in stage", "本阶段天数",
// "Working days in stage", "本阶段工作日").
inline const char* days_label(Lang lang, DayCount unit, const char* en, const char* zh,
                              const char* en_working, const char* zh_working) {
  return unit == DayCount::working ? pick(lang, en_working, zh_working) : pick(lang, en, zh);
}
// The unit alone, for a column or a label: "working days" / "工作日", "days" / "天".
std::string day_unit_name(Lang lang, DayCount unit);

} // namespace pmo::model
