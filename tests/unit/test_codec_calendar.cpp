#include <pmo/codec/calendar_data.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/model/evm.hpp>
#include <pmo/model/period.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace pmo;
using model::Date;
using model::DayCount;
using model::Lang;

namespace {

Date d(const char* text) { return *model::parse_date(text); }

// The office calendar of `calendar: {base: cn}`: China's statutory holidays and 调休 by year.
model::Calendar cn() {
  model::CalendarSettings settings;
  settings.base = "cn";
  return codec::detail::build_calendar(settings);
}

void check_finding(const std::vector<model::Finding>& findings, const char* code, int line,
                   int column) {
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const model::Finding& f) { return f.code == code; });
  REQUIRE_MESSAGE(it != findings.end(), "no " << code);
  CHECK(it->where.file == "pmo.yaml");
  CHECK(it->where.line == line);
  CHECK(it->where.column == column);
}

} // namespace

TEST_CASE("the shipped China calendar reads without a finding and covers 2020 to 2026") {
  auto text = codec::shipped_calendar_file("calendar/cn.yaml");
  REQUIRE(text);
  auto decoded = codec::decode_shipped_calendar(*text, "templates/calendar/cn.yaml", Lang::en);
  for (const auto& f : decoded.findings)
    FAIL_CHECK(model::format_finding(f, Lang::en));
  const auto& years = decoded.value.years;
  REQUIRE(years.size() == 7);
  CHECK(years.front().year == 2020);
  CHECK(years.back().year == 2026);
  // 2026 (国办发明电〔2025〕7号): 39 days, 6 of them make-up workdays.
  const model::CalendarYear& y2026 = years.back();
  CHECK(y2026.notices == std::vector<std::string>{
                             "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"});
  CHECK(y2026.holidays.size() + y2026.workdays.size() == 39);
  std::vector<std::string> workdays;
  for (const auto& day : y2026.workdays)
    workdays.push_back(model::format_date(day.date));
  CHECK(workdays == std::vector<std::string>{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                                             "2026-09-20", "2026-10-10"});
  CHECK(y2026.workdays[1].name == "春节");
  // Not yet announced: 2027 is not covered, so working days in it are an estimate (PMO112).
  const model::Calendar c = cn();
  CHECK(c.covers(2026));
  CHECK(!c.covers(2027));
  CHECK(c.years().front() == 2020);
}

TEST_CASE("Spring Festival 2026: the days off and the make-up Saturdays") {
  const model::Calendar c = cn();
  CHECK(c.is_working_day(d("2026-02-13")));  // Friday
  CHECK(c.is_working_day(d("2026-02-14")));  // Saturday, 调休 workday
  CHECK(!c.is_working_day(d("2026-02-15"))); // Sunday, off
  CHECK(!c.is_working_day(d("2026-02-16"))); // Monday, 春节 off
  CHECK(!c.is_working_day(d("2026-02-23"))); // Monday, the last day off
  CHECK(c.is_working_day(d("2026-02-24")));  // Tuesday, back to work
  CHECK(c.is_working_day(d("2026-02-28")));  // Saturday, 调休 workday
  CHECK(!c.is_working_day(d("2026-03-01"))); // Sunday
  // (Fri 02-13, Mon 03-02]: Sat 02-14 (1); 02-15..02-23 off; Tue 02-24..Fri 02-27 (5);
  // Sat 02-28 (6); Sun 03-01 off; Mon 03-02 (7). 17 calendar days.
  CHECK(c.working_days_between(d("2026-02-13"), d("2026-03-02")) == 7);
  CHECK(c.working_days_between(d("2026-03-02"), d("2026-02-13")) == -7);
}

TEST_CASE("a milestone across the Spring Festival moves by working days") {
  // A baseline with a milestone on Tue 2026-02-10 and the end on Tue 2026-03-31; a change of +5
  // schedule days approved on 2026-02-01 (before the milestone is due).
  // Working days: from Tue 02-10, Wed 02-11 (1), Thu 02-12 (2), Fri 02-13 (3), Sat 02-14 (4: the
  // make-up workday), then 02-15..02-23 off, Tue 02-24 (5): the milestone lands on 2026-02-24.
  // Calendar days: 2026-02-15, a Sunday in the holiday.
  // The end: from Tue 03-31, Wed 04-01 (1), Thu 04-02 (2), Fri 04-03 (3), 04-04..04-06 off (清明),
  // Tue 04-07 (4), Wed 04-08 (5): 2026-04-08.
  model::Project plan;
  plan.budget = 100000;
  plan.start = d("2026-01-05");
  plan.end = d("2026-03-31");
  plan.milestones.push_back({"设计评审", d("2026-02-10"), 1});
  model::ChangeRequest change;
  change.id = "CR-1";
  change.schedule_days = 5;
  const model::Timestamp approved{d("2026-01-02")};
  const model::Timestamp decided{d("2026-02-01")};
  const model::Calendar c = cn();

  auto working = model::derive_baselines(plan, approved, {{&change, decided}},
                                         model::DayCounter{c, DayCount::working});
  REQUIRE(working.size() == 2);
  CHECK(model::format_date(*working[1].milestones[0].date) == "2026-02-24");
  CHECK(model::format_date(working[1].end) == "2026-04-08");

  auto calendar = model::derive_baselines(plan, approved, {{&change, decided}},
                                          model::DayCounter{c, DayCount::calendar});
  CHECK(model::format_date(*calendar[1].milestones[0].date) == "2026-02-15");
  CHECK(model::format_date(calendar[1].end) == "2026-04-05");
}

TEST_CASE("planned value stands still over the Spring Festival") {
  // Baseline Mon 2026-02-09 .. Fri 2026-03-06, BAC 150,000, no milestones. Working days of
  // (02-09, 03-06]: Tue 02-10..Fri 02-13 (4), Sat 02-14 (5), Tue 02-24..Fri 02-27 (9),
  // Sat 02-28 (10), Mon 03-02..Fri 03-06 (15). On Mon 02-23, the holiday's last day: 5 of 15,
  // PV 50,000; the same on Sun 02-15. Calendar days: 14 of 25, PV 84,000.
  model::Baseline b;
  b.budget = 150000;
  b.start = d("2026-02-09");
  b.end = d("2026-03-06");
  const model::Calendar c = cn();
  const model::DayCounter working{c, DayCount::working};
  CHECK(model::planned_fraction(b, d("2026-02-15"), working) == doctest::Approx(5.0 / 15));
  auto e = model::earned_value(b, 30, 40000, d("2026-02-23"), working);
  CHECK(e.pv == doctest::Approx(50000));
  CHECK(e.ev == doctest::Approx(45000));
  CHECK(e.sv == doctest::Approx(-5000));
  CHECK(*e.spi == doctest::Approx(0.9));
  auto cal = model::earned_value(b, 30, 40000, d("2026-02-23"));
  CHECK(cal.pv == doctest::Approx(84000));
}

TEST_CASE("a weekly period with a 调休 Sunday") {
  const model::Calendar c = cn();
  // 2026-W38 is Mon 09-14 .. Sun 09-20, and Sunday 09-20 is a make-up workday (国庆节):
  // 6 working days in the week.
  const auto w38 = *model::parse_period("2026-W38");
  CHECK(model::format_date(model::period_end(w38)) == "2026-09-20");
  CHECK(c.working_days_between(model::period_start(w38) - std::chrono::days{1},
                               model::period_end(w38)) == 6);
  // Planned value at the end of W38 for a baseline Sun 09-13 .. Fri 10-09: working days of
  // (09-13, 10-09]: Mon 09-14..Fri 09-18 (5), Sun 09-20 (6), Mon 09-21..Thu 09-24 (10; Fri 09-25
  // is 中秋节 off), Mon 09-28..Wed 09-30 (13), 10-01..10-07 off, Thu 10-08, Fri 10-09 (15).
  // 6 of 15 = 0.4 (calendar days: 7 of 26).
  model::Baseline b;
  b.budget = 150000;
  b.start = d("2026-09-13");
  b.end = d("2026-10-09");
  const model::DayCounter working{c, DayCount::working};
  CHECK(model::planned_fraction(b, model::period_end(w38), working) == doctest::Approx(0.4));
  CHECK(model::planned_fraction(b, model::period_end(w38)) == doctest::Approx(7.0 / 26));
  // W01 of 2026 (Mon 2025-12-29 .. Sun 2026-01-04): Mon to Wed (3), 01-01..01-03 off (元旦),
  // Sunday 01-04 worked (4).
  const auto w01 = *model::parse_period("2026-W01");
  CHECK(c.working_days_between(model::period_start(w01) - std::chrono::days{1},
                               model::period_end(w01)) == 4);
}

TEST_CASE("a status report is due 3 working days after its week, holidays skipped") {
  const model::Calendar c = cn();
  // W40 ends Sun 10-04; Mon 10-05..Wed 10-07 are off, so Thu 10-08 (1), Fri 10-09 (2) and the
  // make-up Saturday 10-10 (3): due 2026-10-10. Monday to Friday alone: Wed 10-07.
  const auto w40 = *model::parse_period("2026-W40");
  CHECK(model::format_date(model::report_due(w40, 3, c)) == "2026-10-10");
  CHECK(model::format_date(model::report_due(w40, 3)) == "2026-10-07");
  // W38 ends on the worked Sunday 09-20: Mon 21, Tue 22, Wed 23.
  CHECK(model::format_date(model::report_due(*model::parse_period("2026-W38"), 3, c)) ==
        "2026-09-23");
}

TEST_CASE("working days across a year boundary, and into a year not announced") {
  const model::Calendar c = cn();
  // (Tue 2025-12-30, Mon 2026-01-05]: Wed 12-31 (1), 01-01..01-03 off, Sun 01-04 (2), Mon 01-05
  // (3). Calendar days: 6.
  CHECK(c.working_days_between(d("2025-12-30"), d("2026-01-05")) == 3);
  // 2027 is not announced: counted Monday to Friday. (Thu 2026-12-31, Fri 2027-01-08]: Fri 01-01
  // (1: an estimate; it will be 元旦), Mon 01-04..Fri 01-08 (6).
  CHECK(c.working_days_between(d("2026-12-31"), d("2027-01-08")) == 6);
  CHECK(c.uncovered_years(d("2026-12-31"), d("2027-01-08")) == std::vector<int>{2027});
  const model::DayCounter working{c, DayCount::working};
  CHECK(working.uncovered_years(d("2026-12-31"), d("2027-01-08")) == std::vector<int>{2027});
  const model::DayCounter calendar{c, DayCount::calendar};
  CHECK(calendar.uncovered_years(d("2026-12-31"), d("2027-01-08")).empty());
}

TEST_CASE("pmo.yaml calendar: and control.days") {
  auto o = codec::decode_office("office: {name: x}\n"
                                "control: {days: working}\n"
                                "calendar:\n"
                                "  base: cn\n"
                                "  holidays:\n"
                                "    - {date: 2026-12-31, name: 年会}\n"
                                "  workdays:\n"
                                "    - {date: 2026-02-21, name: 发布}\n",
                                "pmo.yaml", Lang::en);
  for (const auto& f : o.findings)
    FAIL_CHECK(model::format_finding(f, Lang::en));
  const model::Office& office = o.value;
  CHECK(office.control.days == DayCount::working);
  CHECK(office.day_counter().working());
  CHECK(!office.calendar.is_working_day(d("2026-12-31")));
  CHECK(office.calendar.is_working_day(d("2026-02-21"))); // the office's over 春节
  CHECK(!office.calendar.is_working_day(d("2026-02-20")));
  CHECK(!office.calendar.covers(2027));
  // Written back, it reads the same.
  auto again = codec::decode_office(codec::encode_office(office), "pmo.yaml", Lang::en);
  CHECK(again.ok());
  CHECK(again.value.control.days == DayCount::working);
  CHECK(again.value.calendar_settings.base == "cn");
  CHECK(again.value.calendar_settings.holidays.size() == 1);
  CHECK(!again.value.calendar.is_working_day(d("2026-12-31")));
}

TEST_CASE("an office that says nothing counts calendar days, Monday to Friday for report_grace") {
  auto o = codec::decode_office("office: {name: x}\n", "pmo.yaml", Lang::en);
  CHECK(o.ok());
  CHECK(o.value.control.days == DayCount::calendar);
  CHECK(!o.value.day_counter().working());
  CHECK(!o.value.calendar.has_base());
  CHECK(o.value.calendar.is_working_day(d("2026-02-16"))); // no holidays without a base
}

TEST_CASE("bad calendar input is a finding at its file:line:col") {
  auto base =
      codec::decode_office("office: {name: x}\ncalendar:\n  base: us\n", "pmo.yaml", Lang::en);
  check_finding(base.findings, "bad-value", 3, 9);
  auto week = codec::decode_office("office: {name: x}\ncalendar:\n  week: [mon, tue, wednesday]\n",
                                   "pmo.yaml", Lang::en);
  check_finding(week.findings, "bad-value", 3, 20);
  auto none =
      codec::decode_office("office: {name: x}\ncalendar:\n  week: []\n", "pmo.yaml", Lang::en);
  CHECK(!none.ok());
  auto date =
      codec::decode_office("office: {name: x}\ncalendar:\n  holidays:\n    - {date: 2026-02-30}\n",
                           "pmo.yaml", Lang::en);
  check_finding(date.findings, "bad-date", 4, 14);
  auto both = codec::decode_office("office: {name: x}\ncalendar:\n  holidays:\n"
                                   "    - {date: 2026-05-06}\n  workdays:\n"
                                   "    - {date: 2026-05-06}\n",
                                   "pmo.yaml", Lang::en);
  check_finding(both.findings, "calendar-conflict", 6, 14);
  auto twice = codec::decode_office("office: {name: x}\ncalendar:\n  holidays:\n"
                                    "    - {date: 2026-05-06}\n    - {date: 2026-05-06}\n",
                                    "pmo.yaml", Lang::en);
  check_finding(twice.findings, "calendar-conflict", 5, 14);
  auto days =
      codec::decode_office("office: {name: x}\ncontrol: {days: weekdays}\n", "pmo.yaml", Lang::en);
  check_finding(days.findings, "bad-value", 2, 17);
}
