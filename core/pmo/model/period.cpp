#include <pmo/model/period.hpp>

#include <fmt/format.h>

#include <charconv>

namespace pmo::model {

namespace {

using namespace std::chrono;

bool parse_digits(std::string_view text, int& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

// Monday of ISO week 1: the Monday on or before 4 January.
sys_days week_one(int year) {
  sys_days jan4 = sys_days{std::chrono::year{year} / January / 4};
  return jan4 - days{weekday{jan4}.iso_encoding() - 1};
}

unsigned weeks_in(int year) {
  return static_cast<unsigned>((week_one(year + 1) - week_one(year)).count() / 7);
}

} // namespace

std::optional<Period> parse_period(std::string_view text) {
  int year = 0, number = 0;
  if (text.size() < 7 || text[4] != '-' || !parse_digits(text.substr(0, 4), year) || year < 1900)
    return std::nullopt;
  if (text.size() == 8 && text[5] == 'W' && parse_digits(text.substr(6), number)) {
    if (number < 1 || static_cast<unsigned>(number) > weeks_in(year))
      return std::nullopt;
    return Period{Cadence::weekly, year, static_cast<unsigned>(number)};
  }
  if (text.size() == 7 && parse_digits(text.substr(5), number) && number >= 1 && number <= 12)
    return Period{Cadence::monthly, year, static_cast<unsigned>(number)};
  return std::nullopt;
}

std::string format_period(const Period& period) {
  if (period.cadence == Cadence::weekly)
    return fmt::format("{:04}-W{:02}", period.year, period.number);
  return fmt::format("{:04}-{:02}", period.year, period.number);
}

Date period_start(const Period& period) {
  if (period.cadence == Cadence::weekly)
    return week_one(period.year) + weeks{period.number - 1};
  return sys_days{std::chrono::year{period.year} / month{period.number} / 1};
}

Date period_end(const Period& period) {
  if (period.cadence == Cadence::weekly)
    return period_start(period) + days{6};
  return sys_days{std::chrono::year{period.year} / month{period.number} / last};
}

Period period_of(Date date, Cadence cadence) {
  if (cadence == Cadence::monthly) {
    year_month_day ymd{date};
    return Period{cadence, static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month())};
  }
  // The ISO year is the year of the week's Thursday.
  sys_days thursday = date - days{weekday{date}.iso_encoding() - 1} + days{3};
  int year = static_cast<int>(year_month_day{thursday}.year());
  auto week = static_cast<unsigned>((thursday - week_one(year)).count() / 7 + 1);
  return Period{cadence, year, week};
}

Period previous_period(const Period& period) {
  return period_of(period_start(period) - days{1}, period.cadence);
}

Date report_due(const Period& period, int grace, const Calendar& calendar) {
  return calendar.add_working_days(period_end(period), grace);
}

Period due_period(Date today, Cadence cadence, int grace, const Calendar& calendar) {
  Period period = previous_period(period_of(today, cadence));
  while (report_due(period, grace, calendar) >= today)
    period = previous_period(period);
  return period;
}

} // namespace pmo::model
