#include <pmo/model/ids.hpp>

#include <fmt/format.h>

namespace pmo::model {

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.find("..") != std::string_view::npos)
    return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id.front()))
    return false;
  for (char c : id)
    if (!alnum(c) && c != '.' && c != '_' && c != '-')
      return false;
  return true;
}

std::string make_project_id(Date today, std::uint64_t random) {
  // Crockford-like alphabet without look-alikes (no 0/o, 1/i/l).
  static constexpr char k_alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
  static constexpr std::uint64_t k_base = sizeof(k_alphabet) - 1;
  std::string suffix;
  for (int i = 0; i < 6; ++i) {
    suffix += k_alphabet[random % k_base];
    random /= k_base;
  }
  std::chrono::year_month_day ymd{today};
  return fmt::format("P{}-{}", static_cast<int>(ymd.year()), suffix);
}

std::string decision_file_name(Timestamp at, std::string_view gate, std::string_view person) {
  std::string stamp = format_timestamp(at); // 2026-11-21T09:30:00Z
  std::string compact;
  for (char c : stamp)
    if (c != '-' && c != ':')
      compact += c;
  return fmt::format("{}-{}-{}.yaml", compact, gate, person);
}

} // namespace pmo::model
