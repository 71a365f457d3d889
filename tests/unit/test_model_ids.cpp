#include <pmo/model/ids.hpp>

#include <doctest/doctest.h>

#include <set>

using namespace pmo::model;

TEST_CASE("ids are allow-listed so they are safe as paths") {
  CHECK(is_valid_id("XH-2026-001"));
  CHECK(is_valid_id("zhang.wei_2"));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id(".hidden"));
  CHECK_FALSE(is_valid_id("-flag"));
  CHECK_FALSE(is_valid_id("a..b"));
  CHECK_FALSE(is_valid_id("../etc"));
  CHECK_FALSE(is_valid_id("a/b"));
  CHECK_FALSE(is_valid_id("a b"));
  CHECK_FALSE(is_valid_id("张伟"));
  CHECK_FALSE(is_valid_id(std::string(65, 'a')));
  CHECK(is_valid_id(std::string(64, 'a')));
}

TEST_CASE("generated project ids carry the year and differ by their random part") {
  Date day = *parse_date("2026-11-21");
  std::string id = make_project_id(day, 12345);
  CHECK(id.rfind("P2026-", 0) == 0);
  CHECK(id.size() == 12);
  CHECK(is_valid_id(id));
  std::set<std::string> ids;
  for (std::uint64_t r = 0; r < 1000; ++r)
    ids.insert(make_project_id(day, r * 0x9E3779B97F4A7C15ULL));
  CHECK(ids.size() == 1000);
}

TEST_CASE("decision file names sort in decision order") {
  Timestamp at = *parse_timestamp("2026-11-21T09:30:05Z");
  CHECK(decision_file_name(at, "G1", "lina") == "20261121T093005Z-G1-lina.yaml");
}
