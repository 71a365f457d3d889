#pragma once
// Ids become file and directory names, so they are allow-listed: safe as paths, and safe in every
// checkout (Windows and macOS too). New record ids are drawn so that two clones cannot both
// produce the same one, which keeps routine work by different people merge-free.

#include <pmo/model/types.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace pmo::model {

// Why an id is refused; `none` for a valid one.
enum class IdProblem {
  none,
  empty,
  too_long,      // more than 64 characters
  bad_start,     // does not start with a letter or digit
  bad_character, // not a letter, digit, '.', '_' or '-'
  double_dot,    // contains ".."
  trailing_dot,  // ends in '.': Windows drops it, so "x." and "x" are one file there
  reserved_name, // CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9, with any extension, any case
};

// ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$, no "..", no trailing '.', not a name Windows reserves.
IdProblem id_problem(std::string_view id);
inline bool is_valid_id(std::string_view id) { return id_problem(id) == IdProblem::none; }

// The rule an invalid id breaks, as a phrase for a message ("a name Windows reserves ...").
std::string id_problem_text(IdProblem problem, Lang lang);

// Whether two ids name the same file on a case-insensitive file system (ASCII case folding;
// ids are ASCII).
bool same_id_ignoring_case(std::string_view a, std::string_view b);

// The look-alike-free alphabet of generated ids: digits 2-9 and lowercase letters without
// i, l and o.
inline constexpr std::string_view k_id_alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

// A new project id, "P<year>-<6 characters>", from a caller-supplied 64-bit random value.
// About 30 random bits: two people proposing on two clones practically never collide, and a
// collision with an existing id is caught before writing.
std::string make_project_id(Date today, std::uint64_t random);

// What a new record's id is drawn from.
struct IdSeed {
  Timestamp at;             // when it is written
  std::string_view author;  // the operator's git identity, "Name <email>"
  std::string_view project; // the project it belongs to
  std::string_view content; // the record's text as it will be committed
  std::uint64_t random = 0; // from the caller's random source
};

inline constexpr std::size_t k_record_id_length = 5; // 31^5, about 28.6 million ids per prefix

// A new record id "<prefix>-<5 characters of k_id_alphabet>" ("R-k3x9q"), for every record kind
// that routine work creates (risks, issues, change requests): a hash of everything in `seed`.
// With a random value from a real random source two clones cannot both produce it; the same
// seed always gives the same id (tests pass the random value). The caller checks the id against
// the existing ones (same_id_ignoring_case) and draws again with a new random value.
std::string make_record_id(std::string_view prefix, const IdSeed& seed);

// A decision's file name: "<YYYYMMDDTHHMMSSZ>-<gate>-<person>.yaml".
std::string decision_file_name(Timestamp at, std::string_view gate, std::string_view person);

} // namespace pmo::model
