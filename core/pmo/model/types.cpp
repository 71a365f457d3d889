#include <pmo/model/types.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace pmo::model {

std::optional<double> parse_number(std::string_view text) {
  if (!text.empty() && text.front() == '+')
    text.remove_prefix(1);
  if (text.empty() || text.front() == '+')
    return std::nullopt;
  // Decimal only: from_chars would read the "0" of "0x10" and stop; "inf" and "nan" it reads
  // as numbers, which no amount is.
  if (text.find_first_not_of("0123456789.-eE") != std::string_view::npos)
    return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

void FieldLocations::set(std::string_view path, const Location& at) {
  std::size_t file = 0;
  while (file < m_files.size() && m_files[file] != at.file)
    ++file;
  if (file == m_files.size())
    m_files.push_back(at.file);
  Entry entry;
  entry.offset = static_cast<std::uint32_t>(m_paths.size());
  entry.length = static_cast<std::uint32_t>(path.size());
  entry.file = static_cast<std::uint32_t>(file);
  entry.line = at.line;
  entry.column = at.column;
  m_paths.append(path);
  m_entries.push_back(entry);
}

std::optional<Location> FieldLocations::find(std::string_view path) const {
  // From the back, so that a later set() of the same path wins.
  for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it)
    if (path_of(*it) == path)
      return Location{m_files[it->file], it->line, it->column};
  return std::nullopt;
}

Location FieldLocations::at(std::string_view path) const {
  if (auto found = find(path))
    return std::move(*found);
  throw std::out_of_range{fmt::format("no location for field '{}'", path)};
}

FieldLocations FieldLocations::under(std::string_view prefix) const {
  FieldLocations out;
  for (const Entry& entry : m_entries) {
    const std::string_view path = path_of(entry);
    if (path.size() > prefix.size() && path.starts_with(prefix))
      out.set(path.substr(prefix.size()), Location{m_files[entry.file], entry.line, entry.column});
  }
  return out;
}

void FieldLocations::shrink_to_fit() {
  m_paths.shrink_to_fit();
  m_entries.shrink_to_fit();
}

std::optional<Lang> parse_lang(std::string_view text) {
  if (text.size() >= 2) {
    auto head = text.substr(0, 2);
    if ((text.size() == 2 || text[2] == '-' || text[2] == '_' || text[2] == '.')) {
      if (head == "zh")
        return Lang::zh;
      if (head == "en")
        return Lang::en;
    }
  }
  return std::nullopt;
}

std::string_view lang_code(Lang lang) { return lang == Lang::zh ? "zh" : "en"; }

bool has_errors(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::error; });
}

std::string format_finding(const Finding& finding, Lang lang) {
  std::string place = finding.where.file;
  if (!place.empty() && finding.where.line > 0) {
    place += fmt::format(":{}", finding.where.line);
    if (finding.where.column > 0)
      place += fmt::format(":{}", finding.where.column);
  }
  // The level keyword stays "error"/"warning" in every language: editors and CI match on it.
  (void)lang;
  const char* head = finding.severity == Severity::error ? "error" : "warning";
  if (place.empty())
    return fmt::format("{}: {}", head, finding.message);
  return fmt::format("{}: {}: {}", place, head, finding.message);
}

namespace {

bool parse_int(std::string_view text, int& out) {
  if (text.empty())
    return false;
  for (char c : text)
    if (c < '0' || c > '9')
      return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

} // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) ||
      !parse_int(text.substr(8, 2), d))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1900 || y > 9999)
    return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  if (text.size() == 10) {
    auto d = parse_date(text);
    if (!d)
      return std::nullopt;
    return Timestamp{*d};
  }
  // YYYY-MM-DDTHH:MM:SSZ. A leap second (23:59:60) is refused, not moved to the next day: the
  // clocks pmo reads (Unix time, git's) cannot hold one, so a record saying so was not written by
  // one.
  if (text.size() != 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':' || (text[19] != 'Z' && text[19] != 'z'))
    return std::nullopt;
  auto d = parse_date(text.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!d || !parse_int(text.substr(11, 2), hh) || !parse_int(text.substr(14, 2), mm) ||
      !parse_int(text.substr(17, 2), ss) || hh > 23 || mm > 59 || ss > 59)
    return std::nullopt;
  return Timestamp{*d} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss};
}

std::string format_date(Date date) {
  std::chrono::year_month_day ymd{date};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string format_timestamp(Timestamp ts) {
  auto day = std::chrono::floor<std::chrono::days>(ts);
  std::chrono::hh_mm_ss hms{ts - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(day), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

} // namespace pmo::model
