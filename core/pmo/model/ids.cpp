#include <pmo/model/ids.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace pmo::model {

namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Device names Windows reserves in every directory, whatever follows a dot: "con", "CON.yaml" and
// "Con.x" all open the console there, so git cannot check such a file out.
bool is_reserved_on_windows(std::string_view id) {
  std::string stem;
  for (char c : id.substr(0, id.find('.')))
    stem += fold(c);
  static constexpr std::array<std::string_view, 4> k_devices{"con", "prn", "aux", "nul"};
  if (std::find(k_devices.begin(), k_devices.end(), stem) != k_devices.end())
    return true;
  return stem.size() == 4 && (stem.starts_with("com") || stem.starts_with("lpt")) &&
         stem[3] >= '1' && stem[3] <= '9';
}

// 64-bit mixing (splitmix64's finaliser): every input bit moves every output bit.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// FNV-1a, each field length-prefixed so that ("ab", "c") and ("a", "bc") differ.
class Hash {
public:
  void add(std::string_view text) {
    add_number(text.size());
    for (unsigned char c : text)
      byte(c);
  }
  void add_number(std::uint64_t n) {
    for (int i = 0; i < 8; ++i)
      byte(static_cast<unsigned char>(n >> (8 * i)));
  }
  std::uint64_t value() const { return m_state; }

private:
  void byte(unsigned char c) { m_state = (m_state ^ c) * 0x100000001B3ULL; }
  std::uint64_t m_state = 0xCBF29CE484222325ULL;
};

// `count` characters of the alphabet from `value`.
std::string encode(std::uint64_t value, std::size_t count) {
  const std::uint64_t base = k_id_alphabet.size();
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += k_id_alphabet[value % base];
    value /= base;
  }
  return out;
}

} // namespace

IdProblem id_problem(std::string_view id) {
  if (id.empty())
    return IdProblem::empty;
  if (id.size() > 64)
    return IdProblem::too_long;
  if (!is_alnum(id.front()))
    return IdProblem::bad_start;
  for (char c : id)
    if (!is_alnum(c) && c != '.' && c != '_' && c != '-')
      return IdProblem::bad_character;
  if (id.find("..") != std::string_view::npos)
    return IdProblem::double_dot;
  if (id.back() == '.')
    return IdProblem::trailing_dot;
  if (is_reserved_on_windows(id))
    return IdProblem::reserved_name;
  return IdProblem::none;
}

std::string id_problem_text(IdProblem problem, Lang lang) {
  switch (problem) {
  case IdProblem::none:
    return {};
  case IdProblem::trailing_dot:
    return pick(lang, "it ends in '.', which Windows drops from file names",
                "以“.”结尾，Windows 会去掉文件名末尾的点");
  case IdProblem::reserved_name:
    return pick(
        lang,
        "Windows reserves CON, PRN, AUX, NUL, COM1-COM9 and LPT1-LPT9 (in any case, with "
        "any extension), so no checkout there could hold it",
        "Windows 保留 CON、PRN、AUX、NUL、COM1-COM9 和 LPT1-LPT9（不分大小写，带任何扩展名），"
        "在 Windows 上无法检出");
  default:
    return pick(lang,
                "use letters, digits, '.', '_' or '-', starting with a letter or digit, at most "
                "64, no '..'",
                "只能使用字母、数字、“.”“_”“-”，以字母或数字开头，最多 64 个字符，不含“..”");
  }
}

bool same_id_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return fold(x) == fold(y); });
}

std::string make_project_id(Date today, std::uint64_t random) {
  std::chrono::year_month_day ymd{today};
  return fmt::format("P{}-{}", static_cast<int>(ymd.year()), encode(random, 6));
}

std::string make_record_id(std::string_view prefix, const IdSeed& seed) {
  Hash hash;
  hash.add(prefix);
  hash.add_number(static_cast<std::uint64_t>(seed.at.time_since_epoch().count()));
  hash.add(seed.author);
  hash.add(seed.project);
  hash.add(seed.content);
  const std::uint64_t value = mix(hash.value() ^ mix(seed.random));
  return fmt::format("{}-{}", prefix, encode(value, k_record_id_length));
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
