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
  CHECK_FALSE(parse_timestamp("2016-12-31T23:59:60Z")); // a leap second is refused, not moved
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

TEST_CASE("field locations: set, find, a later write wins, fields under a prefix") {
  FieldLocations where;
  CHECK(where.empty());
  where.set("title", Location{"projects/P1/project.yaml", 2, 8});
  where.set("scope.in[0]", Location{"projects/P1/project.yaml", 5, 7});
  where.set("scope.in[1]", Location{"projects/P1/project.yaml", 6, 7});
  where.set("scope", Location{"projects/P1/project.yaml", 4, 3});
  CHECK(where.size() == 4);

  auto title = where.find("title");
  REQUIRE(title);
  CHECK(title->file == "projects/P1/project.yaml");
  CHECK(title->line == 2);
  CHECK(title->column == 8);
  CHECK_FALSE(where.find("titl"));
  CHECK_FALSE(where.find("scope.in"));
  CHECK(where.at("scope.in[1]").line == 6);
  CHECK_THROWS_AS(where.at("budget"), std::out_of_range);

  where.set("title", Location{"projects/P1/project.yaml", 3, 8});
  CHECK(where.at("title").line == 3);

  // Paths under "scope.", relative to it; "scope" itself is not under its own prefix.
  FieldLocations scope = where.under("scope.");
  CHECK(scope.size() == 2);
  CHECK(scope.at("in[0]").line == 5);
  CHECK(scope.at("in[1]").file == "projects/P1/project.yaml");
  CHECK_FALSE(scope.find("scope"));

  // A field written in another file keeps its own file name.
  where.set("closure.outcome", Location{"projects/P1/closure.yaml", 9, 10});
  where.shrink_to_fit();
  CHECK(where.at("closure.outcome").file == "projects/P1/closure.yaml");
  CHECK(where.at("title").file == "projects/P1/project.yaml");
}

TEST_CASE("numbers are decimal and finite, in flags and files alike") {
  CHECK(parse_number("16") == 16);
  CHECK(parse_number("+2.5") == 2.5);
  CHECK(parse_number("-1e3") == -1000);
  CHECK(parse_number("1e15") == 1e15);
  for (const char* bad : {"", "+", "++1", "0x10", "nan", "NaN", "inf", ".inf", "-inf", "1.8e308",
                          "1e400", "1,000", " 1", "1 ", "1_000"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_number(bad));
  }
  CHECK(k_max_amount == 1e15);
}
