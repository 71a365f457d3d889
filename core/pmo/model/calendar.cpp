#include <pmo/model/calendar.hpp>

#include <algorithm>

namespace pmo::model {

using std::chrono::days;
using std::chrono::weekday;
using std::chrono::year_month_day;

namespace {

constexpr std::string_view k_weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int year_of(Date date) { return static_cast<int>(year_month_day{date}.year()); }

} // namespace

std::optional<DayCount> parse_day_count(std::string_view text) {
  if (text == "calendar")
    return DayCount::calendar;
  if (text == "working")
    return DayCount::working;
  return std::nullopt;
}

std::string_view to_string(DayCount count) {
  return count == DayCount::working ? "working" : "calendar";
}

std::optional<unsigned> parse_weekday(std::string_view text) {
  for (unsigned i = 0; i < 7; ++i)
    if (k_weekdays[i] == text)
      return i + 1;
  return std::nullopt;
}

std::string_view weekday_word(unsigned iso) {
  return iso >= 1 && iso <= 7 ? k_weekdays[iso - 1] : std::string_view{};
}

void Calendar::put(std::vector<CalendarDay>& list, const CalendarDay& day) {
  auto it = std::lower_bound(list.begin(), list.end(), day.date,
                             [](const CalendarDay& d, Date date) { return d.date < date; });
  if (it != list.end() && it->date == day.date)
    *it = day;
  else
    list.insert(it, day);
}

const CalendarDay* Calendar::find(const std::vector<CalendarDay>& list, Date date) {
  auto it = std::lower_bound(list.begin(), list.end(), date,
                             [](const CalendarDay& d, Date when) { return d.date < when; });
  return it != list.end() && it->date == date ? &*it : nullptr;
}

void Calendar::add_year(const CalendarYear& year) {
  m_has_base = true;
  for (const auto& day : year.holidays)
    put(m_holidays, day);
  for (const auto& day : year.workdays)
    put(m_workdays, day);
  auto at = std::lower_bound(m_years.begin(), m_years.end(), year.year);
  if (at == m_years.end() || *at != year.year)
    m_years.insert(at, year.year);
}

void Calendar::add_holiday(const CalendarDay& day) {
  std::erase_if(m_workdays, [&](const CalendarDay& d) { return d.date == day.date; });
  put(m_holidays, day);
}

void Calendar::add_workday(const CalendarDay& day) {
  std::erase_if(m_holidays, [&](const CalendarDay& d) { return d.date == day.date; });
  put(m_workdays, day);
}

bool Calendar::is_working_day(Date date) const {
  if (find(m_holidays, date))
    return false;
  if (find(m_workdays, date))
    return true;
  return m_week[weekday{date}.iso_encoding() - 1];
}

long long Calendar::week_days_between(Date from, Date to) const {
  const long long span = (to - from).count();
  const long long per_week = std::count(m_week.begin(), m_week.end(), true);
  long long count = span / 7 * per_week;
  for (Date d = from + days{span / 7 * 7 + 1}; d <= to; d += days{1})
    count += m_week[weekday{d}.iso_encoding() - 1] ? 1 : 0;
  return count;
}

int Calendar::working_days_between(Date from, Date to) const {
  if (to < from)
    return -working_days_between(to, from);
  long long count = week_days_between(from, to);
  const auto first_after = [&](const std::vector<CalendarDay>& list) {
    return std::upper_bound(list.begin(), list.end(), from,
                            [](Date date, const CalendarDay& d) { return date < d.date; });
  };
  for (auto it = first_after(m_holidays); it != m_holidays.end() && it->date <= to; ++it)
    if (m_week[weekday{it->date}.iso_encoding() - 1])
      --count;
  for (auto it = first_after(m_workdays); it != m_workdays.end() && it->date <= to; ++it)
    if (!m_week[weekday{it->date}.iso_encoding() - 1])
      ++count;
  return static_cast<int>(count);
}

Date Calendar::add_working_days(Date from, int n) const {
  // A week without a working day has no n-th working day (the codec refuses one): stay put.
  if (n == 0 || std::none_of(m_week.begin(), m_week.end(), [](bool b) { return b; }))
    return from;
  const days step{n > 0 ? 1 : -1};
  Date day = from;
  for (int left = n > 0 ? n : -n; left > 0;) {
    day += step;
    if (is_working_day(day))
      --left;
  }
  return day;
}

bool Calendar::covers(int year) const {
  return !m_has_base || std::binary_search(m_years.begin(), m_years.end(), year);
}

std::vector<int> Calendar::uncovered_years(Date from, Date to) const {
  std::vector<int> out;
  if (!m_has_base)
    return out;
  int a = year_of(from), b = year_of(to);
  if (b < a)
    std::swap(a, b);
  for (int y = a; y <= b; ++y)
    if (!covers(y))
      out.push_back(y);
  return out;
}

const CalendarDay* Calendar::holiday(Date date) const { return find(m_holidays, date); }
const CalendarDay* Calendar::workday(Date date) const { return find(m_workdays, date); }

int DayCounter::between(Date from, Date to) const {
  if (working())
    return m_calendar->working_days_between(from, to);
  return static_cast<int>((to - from).count());
}

Date DayCounter::add(Date from, int n) const {
  if (working())
    return m_calendar->add_working_days(from, n);
  return from + days{n};
}

std::vector<int> DayCounter::uncovered_years(Date from, Date to) const {
  if (!working())
    return {};
  return m_calendar->uncovered_years(from, to);
}

std::string days_text(Lang lang, DayCount unit, long long n) {
  if (unit == DayCount::working)
    return counted(lang, n, "{} working day", "{} working days", "{} 个工作日");
  return counted(lang, n, "{} day", "{} days", "{} 天");
}

std::string signed_days_text(Lang lang, DayCount unit, long long n) {
  if (unit == DayCount::working)
    return counted(lang, n, "{:+} working day", "{:+} working days", "{:+} 个工作日");
  return counted(lang, n, "{:+} day", "{:+} days", "{:+} 天");
}

std::string day_unit_name(Lang lang, DayCount unit) {
  if (unit == DayCount::working)
    return pick(lang, "working days", "工作日");
  return pick(lang, "days", "天");
}

} // namespace pmo::model
