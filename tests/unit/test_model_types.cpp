#include <pmo/model/types.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;

TEST_CASE("dates are strict YYYY-MM-DD calendar dates") {
  CHECK(parse_date("2027-01-04"));
  CHECK(format_date(*parse_date("2027-01-04")) == "2027-01-04");
  CHECK(parse_date("2028-02-29"));
  CHECK_FALSE(parse_date("2027-02-29"));
  CHECK_FALSE(parse_date("2027-13-01"));
  CHECK_FALSE(parse_date("2027-1-4"));
  CHECK_FALSE(parse_date("27-01-04"));
  CHECK_FALSE(parse_date("2027-01-04x"));
  CHECK_FALSE(parse_date("+027-01-04"));
}

TEST_CASE("timestamps are UTC and round-trip") {
  auto ts = parse_timestamp("2026-11-21T09:30:05Z");
  REQUIRE(ts);
  CHECK(format_timestamp(*ts) == "2026-11-21T09:30:05Z");
  CHECK(format_timestamp(*parse_timestamp("2026-11-21")) == "2026-11-21T00:00:00Z");
  CHECK_FALSE(parse_timestamp("2026-11-21T24:00:00Z"));
  CHECK_FALSE(parse_timestamp("2026-11-21T09:30:05+08:00"));
}

TEST_CASE("a finding prints as file:line:col: severity: message") {
  Finding f{Severity::error, {"projects/A/project.yaml", 3, 7}, "x", "bad"};
  CHECK(format_finding(f, Lang::en) == "projects/A/project.yaml:3:7: error: bad");
  f.severity = Severity::warning;
  f.where.column = 0;
  CHECK(format_finding(f, Lang::zh) == "projects/A/project.yaml:3: warning: bad");
  f.where = {};
  CHECK(format_finding(f, Lang::en) == "warning: bad");
}

TEST_CASE("languages parse from option values and locale names") {
  CHECK(parse_lang("zh") == Lang::zh);
  CHECK(parse_lang("zh_CN.UTF-8") == Lang::zh);
  CHECK(parse_lang("en_US.UTF-8") == Lang::en);
  CHECK_FALSE(parse_lang("C.UTF-8"));
  CHECK_FALSE(parse_lang("zhx"));
  CHECK(tr(Lang::zh, "{} missing", "缺少 {}", "x") == "缺少 x");
}
