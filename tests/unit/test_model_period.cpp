#include <pmo/model/period.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;

TEST_CASE("ISO weeks: week 1 holds 4 January, weeks run Monday to Sunday") {
  auto w = parse_period("2026-W47");
  REQUIRE(w);
  CHECK(format_date(period_start(*w)) == "2026-11-16");
  CHECK(format_date(period_end(*w)) == "2026-11-22");
  CHECK(format_period(period_of(*parse_date("2027-01-01"), Cadence::weekly)) == "2026-W53");
  CHECK(format_period(period_of(*parse_date("2027-01-04"), Cadence::weekly)) == "2027-W01");
  CHECK(format_period(period_of(*parse_date("2024-12-30"), Cadence::weekly)) == "2025-W01");
  CHECK(parse_period("2026-W53"));       // 2026 has 53 ISO weeks
  CHECK_FALSE(parse_period("2027-W53")); // 2027 has 52
}

TEST_CASE("months, and text that is not a period") {
  auto m = parse_period("2028-02");
  REQUIRE(m);
  CHECK(format_date(period_end(*m)) == "2028-02-29");
  CHECK(format_period(period_of(*parse_date("2026-11-30"), Cadence::monthly)) == "2026-11");
  for (const char* bad : {"2026-13", "2026-W7", "2026-W00", "26-11", "2026-11-01", "2026W47", ""})
    CHECK_FALSE(parse_period(bad));
}
