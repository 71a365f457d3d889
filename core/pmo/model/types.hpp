#pragma once
// Basic vocabulary shared by every part of pmo: languages, source locations, findings, dates.
// Pure values; nothing here does I/O.

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pmo::model {

enum class Lang { zh, en };

// Picks the text of the user's language. Every user-facing string goes through this.
inline const char* pick(Lang lang, const char* en, const char* zh) {
  return lang == Lang::zh ? zh : en;
}

// Formats the text of the user's language: tr(lang, "{} is missing", "缺少 {}", field).
template <class... Args> std::string tr(Lang lang, const char* en, const char* zh, Args&&... args) {
  return fmt::format(fmt::runtime(pick(lang, en, zh)), std::forward<Args>(args)...);
}

// A count in the user's language: counted(lang, n, "{} day", "{} days", "{} 天"). English takes
// the singular for 1 and -1 (and "+1"), Chinese has no plural.
template <class N>
std::string counted(Lang lang, N n, const char* en_one, const char* en_many, const char* zh) {
  const bool one = n == N(1) || (std::is_signed_v<N> && n == N(-1));
  return fmt::format(fmt::runtime(lang == Lang::zh ? zh : one ? en_one : en_many), n);
}

// Money, in flags and in files alike: a finite amount of at most 10^15 (either sign) in the
// office currency. Beyond it earned value loses its cents and its indexes their meaning.
inline constexpr double k_max_amount = 1e15;

// A number as pmo reads one, in a flag or a file: decimal (an optional sign, digits, a fraction,
// an exponent) and finite; nullopt for anything else ("0x10", "nan", ".inf", "1e400", "").
std::optional<double> parse_number(std::string_view text);

std::optional<Lang> parse_lang(std::string_view text); // "zh", "zh-CN", "en", "en-US"...
std::string_view lang_code(Lang lang);                 // "zh" | "en"

// A place in a source file. line and column are 1-based; 0 means "unknown".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

// Field path ("business_case.cost_estimate") -> where its value was written. Filled by the
// codec; used to locate findings about a field. Every record carries one, so it is compact: the
// file name once (a record's fields share it), the paths in one buffer, a line and a column per
// field — a sixth of a std::map<std::string, Location> (docs/PERFORMANCE.md).
class FieldLocations {
public:
  // Records where `path` was written; a later call for the same path wins.
  void set(std::string_view path, const Location& at);
  // Where `path` was written, if it was.
  std::optional<Location> find(std::string_view path) const;
  // As find(); throws std::out_of_range when `path` was not written.
  Location at(std::string_view path) const;
  // The fields under `prefix` ("gates[0]."), their paths relative to it ("board").
  FieldLocations under(std::string_view prefix) const;
  std::size_t size() const { return m_entries.size(); }
  bool empty() const { return m_entries.empty(); }
  // Gives back the spare capacity of a finished record.
  void shrink_to_fit();

private:
  struct Entry {
    std::uint32_t offset = 0; // of the path in m_paths (a record is at most a few MiB)
    std::uint32_t length = 0;
    std::uint32_t file = 0; // index in m_files
    std::int32_t line = 0;
    std::int32_t column = 0;
  };
  std::string_view path_of(const Entry& entry) const {
    return std::string_view{m_paths}.substr(entry.offset, entry.length);
  }
  std::vector<std::string> m_files; // almost always one
  std::string m_paths;
  std::vector<Entry> m_entries;
};

enum class Severity { error, warning };

// One problem found in the portfolio, or one reason a command refuses.
struct Finding {
  Severity severity = Severity::error;
  Location where;
  std::string code;    // stable machine id, e.g. "unknown-person", "yaml-syntax"
  std::string message; // in the user's language
};

bool has_errors(const std::vector<Finding>& findings);

// "file:line:col: error: message" (line/col omitted when unknown).
std::string format_finding(const Finding& finding, Lang lang);

using Date = std::chrono::sys_days;
using Timestamp = std::chrono::sys_seconds;

std::optional<Date> parse_date(std::string_view text);           // strict YYYY-MM-DD
std::optional<Timestamp> parse_timestamp(std::string_view text); // YYYY-MM-DDTHH:MM:SSZ (or date)
std::string format_date(Date date);                              // YYYY-MM-DD
std::string format_timestamp(Timestamp ts);                      // YYYY-MM-DDTHH:MM:SSZ

// The caller's notion of "now", passed in so tests can set it.
struct Clock {
  Timestamp now;
  Date today() const { return std::chrono::floor<std::chrono::days>(now); }
};

} // namespace pmo::model
