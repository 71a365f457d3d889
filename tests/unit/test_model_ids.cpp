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

TEST_CASE("names Windows reserves are refused in any case and with any extension") {
  for (const char* id : {"CON", "con", "Con", "PRN", "aux", "NUL", "nul.yaml", "con.yaml", "CON.x",
                         "COM1", "com9", "LPT1", "lpt9.tar.gz", "Aux.1"})
    CHECK_MESSAGE(id_problem(id) == IdProblem::reserved_name, id);
  // Only the exact device names: longer names and COM0/COM10 are ordinary.
  for (const char* id : {"CONS", "console", "icon", "con-1", "con_x", "COM", "COM10", "LPT0",
                         "COM0", "nul2", "auxiliary", "x.con"})
    CHECK_MESSAGE(is_valid_id(id), id);
}

TEST_CASE("an id ending in a dot is refused: Windows drops the dot") {
  CHECK(id_problem("x.") == IdProblem::trailing_dot);
  CHECK(id_problem("XH-2026-001.") == IdProblem::trailing_dot);
  CHECK(is_valid_id("x.y"));
  CHECK(id_problem("a..") == IdProblem::double_dot);
  CHECK(id_problem("a b") == IdProblem::bad_character);
  CHECK(id_problem("x ") == IdProblem::bad_character); // a trailing space: not an id character
}

TEST_CASE("every problem has its own explanation") {
  CHECK(id_problem_text(IdProblem::reserved_name, Lang::en).find("Windows reserves") !=
        std::string::npos);
  CHECK(id_problem_text(IdProblem::trailing_dot, Lang::en).find("ends in '.'") !=
        std::string::npos);
  CHECK(id_problem_text(IdProblem::bad_character, Lang::en).find("letters, digits") !=
        std::string::npos);
  CHECK(id_problem_text(IdProblem::none, Lang::en).empty());
}

TEST_CASE("ids that differ only in case are the same file on Windows and macOS") {
  CHECK(same_id_ignoring_case("lina", "LINA"));
  CHECK(same_id_ignoring_case("xh-2026-001", "XH-2026-001"));
  CHECK(same_id_ignoring_case("R-k3x9q", "r-K3X9Q"));
  CHECK_FALSE(same_id_ignoring_case("lina", "lina2"));
  CHECK_FALSE(same_id_ignoring_case("R-001", "R-002"));
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

namespace {

IdSeed seed(std::uint64_t random) {
  return IdSeed{*parse_timestamp("2026-11-21T09:30:00Z"), "Pat PMO <pmo@example.com>", "CP-1",
                "description: Vendor late\n", random};
}

} // namespace

TEST_CASE("a record id is the prefix and five characters of the look-alike-free alphabet") {
  std::string id = make_record_id("R", seed(42));
  REQUIRE(id.size() == 2 + k_record_id_length);
  CHECK(id.rfind("R-", 0) == 0);
  for (char c : id.substr(2))
    CHECK(k_id_alphabet.find(c) != std::string_view::npos);
  CHECK(is_valid_id(id));
  CHECK(make_record_id("CR", seed(42)).rfind("CR-", 0) == 0);
}

TEST_CASE("the same seed gives the same record id; the random value alone changes it") {
  CHECK(make_record_id("R", seed(42)) == make_record_id("R", seed(42)));
  CHECK(make_record_id("R", seed(42)) != make_record_id("R", seed(43)));
  // A known value, so the scheme cannot change unnoticed (ids already written would not move,
  // but the demo's history would).
  CHECK(make_record_id("R", seed(42)) == "R-vzv5p");
}

TEST_CASE("every input of the seed changes the record id") {
  const std::string base = make_record_id("R", seed(7));
  IdSeed s = seed(7);
  s.at += std::chrono::seconds{1};
  CHECK(make_record_id("R", s) != base);
  s = seed(7);
  s.author = "Meg Manager <mgr@example.com>";
  CHECK(make_record_id("R", s) != base);
  s = seed(7);
  s.project = "CP-2";
  CHECK(make_record_id("R", s) != base);
  s = seed(7);
  s.content = "description: Vendor early\n";
  CHECK(make_record_id("R", s) != base);
  CHECK(make_record_id("I", seed(7)).substr(2) != base.substr(2));
}

TEST_CASE("two clones doing the same thing at the same second still draw different ids") {
  // Same time, author, project and content: only the random value differs, as on two clones.
  std::set<std::string> ids;
  for (std::uint64_t r = 1; r <= 2000; ++r)
    ids.insert(make_record_id("R", seed(r * 0xD1B54A32D192ED03ULL)));
  CHECK(ids.size() >= 1999); // 2000 draws from 28.6 million: a repeat is very unlikely
}

TEST_CASE("decision file names sort in decision order") {
  Timestamp at = *parse_timestamp("2026-11-21T09:30:05Z");
  CHECK(decision_file_name(at, "G1", "lina") == "20261121T093005Z-G1-lina.yaml");
}
