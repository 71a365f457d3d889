#pragma once
// Ids become file and directory names, so they are allow-listed.

#include <pmo/model/types.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace pmo::model {

// ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ and no "..".
bool is_valid_id(std::string_view id);

// A new project id, "P<year>-<6 characters>", from a caller-supplied 64-bit random value.
// About 30 random bits: two people proposing on two clones practically never collide, and a
// collision with an existing id is caught before writing.
std::string make_project_id(Date today, std::uint64_t random);

// A decision's file name: "<YYYYMMDDTHHMMSSZ>-<gate>-<person>.yaml".
std::string decision_file_name(Timestamp at, std::string_view gate, std::string_view person);

} // namespace pmo::model
