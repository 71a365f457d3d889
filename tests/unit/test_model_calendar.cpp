#include <pmo/model/calendar.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;

namespace {

Date d(const char* text) { return *parse_date(text); }

} // namespace

TEST_CASE("without a calendar a week is Monday to Friday and every year is known") {
  const Calendar c;
  CHECK(c.is_working_day(d("2027-03-05")));  // Friday
  CHECK(!c.is_working_day(d("2027-03-06"))); // Saturday
  CHECK(!c.is_working_day(d("2027-03-07"))); // Sunday
  // (Fri 2027-03-05, Mon 2027-03-15]: Mon 8 to Fri 12 (5), Mon 15 (6).
  CHECK(c.working_days_between(d("2027-03-05"), d("2027-03-15")) == 6);
  CHECK(c.working_days_between(d("2027-03-15"), d("2027-03-05")) == -6);
  CHECK(c.working_days_between(d("2027-03-05"), d("2027-03-05")) == 0);
  // Friday to the next Monday: 1 working day; Friday to Sunday: 0.
  CHECK(c.working_days_between(d("2027-03-05"), d("2027-03-08")) == 1);
  CHECK(c.working_days_between(d("2027-03-05"), d("2027-03-07")) == 0);
  CHECK(c.add_working_days(d("2027-03-05"), 1) == d("2027-03-08"));
  CHECK(c.add_working_days(d("2027-03-08"), -1) == d("2027-03-05"));
  CHECK(c.add_working_days(d("2027-03-06"), 0) == d("2027-03-06"));
  CHECK(c.covers(2027));
  CHECK(c.uncovered_years(d("2020-01-01"), d("2030-01-01")).empty());
}

TEST_CASE("many weeks are counted without walking them, and agree with walking them") {
  const Calendar c;
  // 2027-01-01 (Fri) to 2028-01-01 (Sat): 52 weeks and a day; the week days of (Jan 1, Jan 1]
  // are the 52 x 5 = 260 of the 52 weeks, the extra day being a Saturday: 260.
  CHECK(c.working_days_between(d("2027-01-01"), d("2028-01-01")) == 260);
  int walked = 0;
  for (Date day = d("2027-01-02"); day <= d("2028-01-01"); day += std::chrono::days{1})
    walked += c.is_working_day(day);
  CHECK(walked == 260);
  CHECK(c.add_working_days(d("2027-01-01"), 260) == d("2027-12-31"));
}

TEST_CASE("a six-day week and the office's own days") {
  Calendar c;
  c.set_week({true, true, true, true, true, true, false}); // Monday to Saturday
  CHECK(c.is_working_day(d("2027-03-06")));                // Saturday
  // (Fri 2027-03-05, Mon 2027-03-08]: Sat 6, Mon 8.
  CHECK(c.working_days_between(d("2027-03-05"), d("2027-03-08")) == 2);
  c.add_holiday({d("2027-03-06"), "company day"});
  c.add_workday({d("2027-03-07"), "release"});
  CHECK(!c.is_working_day(d("2027-03-06")));
  CHECK(c.is_working_day(d("2027-03-07")));
  // Now Sun 7 and Mon 8.
  CHECK(c.working_days_between(d("2027-03-05"), d("2027-03-08")) == 2);
  CHECK(c.add_working_days(d("2027-03-05"), 1) == d("2027-03-07"));
  REQUIRE(c.holiday(d("2027-03-06")));
  CHECK(c.holiday(d("2027-03-06"))->name == "company day");
  // A later workday on the same date wins over the holiday.
  c.add_workday({d("2027-03-06"), "stocktake"});
  CHECK(c.is_working_day(d("2027-03-06")));
  CHECK(!c.holiday(d("2027-03-06")));
}

TEST_CASE("a shipped year makes the calendar know only the years it lists") {
  Calendar c;
  CalendarYear y;
  y.year = 2026;
  y.holidays = {{d("2026-10-01"), "国庆节"}};
  c.add_year(y);
  CHECK(c.has_base());
  CHECK(c.covers(2026));
  CHECK(!c.covers(2027));
  CHECK(c.uncovered_years(d("2026-12-01"), d("2028-02-01")) == std::vector<int>{2027, 2028});
  CHECK(c.uncovered_years(d("2028-02-01"), d("2026-12-01")) == std::vector<int>{2027, 2028});
}

TEST_CASE("a day counter counts calendar days unless the office counts working days") {
  Calendar c;
  const DayCounter calendar_days{c, DayCount::calendar};
  const DayCounter working_days{c, DayCount::working};
  // Fri 2027-03-05 to Mon 2027-03-15: 10 calendar days, 6 working days.
  CHECK(calendar_days.between(d("2027-03-05"), d("2027-03-15")) == 10);
  CHECK(working_days.between(d("2027-03-05"), d("2027-03-15")) == 6);
  CHECK(calendar_days.add(d("2027-03-05"), 6) == d("2027-03-11"));
  CHECK(working_days.add(d("2027-03-05"), 6) == d("2027-03-15"));
  CHECK(!DayCounter{}.working());
  CHECK(DayCounter{}.between(d("2027-03-05"), d("2027-03-15")) == 10);
}

TEST_CASE("day counts read in the unit") {
  CHECK(days_text(Lang::en, DayCount::working, 3) == "3 working days");
  CHECK(days_text(Lang::en, DayCount::working, 1) == "1 working day");
  CHECK(days_text(Lang::zh, DayCount::working, 3) == "3 个工作日");
  CHECK(days_text(Lang::zh, DayCount::calendar, 3) == "3 天");
  CHECK(signed_days_text(Lang::en, DayCount::working, 3) == "+3 working days");
  CHECK(signed_days_text(Lang::zh, DayCount::working, -2) == "-2 个工作日");
  CHECK(signed_days_text(Lang::en, DayCount::calendar, 1) == "+1 day");
  CHECK(parse_day_count("working") == DayCount::working);
  CHECK(!parse_day_count("weekdays"));
  CHECK(parse_weekday("sun") == 7u);
  CHECK(!parse_weekday("Sunday"));
}
