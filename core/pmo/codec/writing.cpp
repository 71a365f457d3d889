#include <pmo/codec/scalar.hpp>
#include <pmo/codec/writing.hpp>

#include <algorithm>
#include <cmath>
#include <regex>
#include <utility>

namespace pmo::codec {

namespace detail {

namespace {

// Decodes one UTF-8 sequence at text[i]; returns the code point and its length, or U+FFFD and 1
// for a malformed byte.
std::pair<char32_t, std::size_t> next_code_point(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80)
    return {c, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0Fu;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07u;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return {0xFFFD, 1};
  }
  if (i + len > text.size())
    return {0xFFFD, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if (k == 1 ? (cc < lo || cc > hi) : (cc < 0x80 || cc > 0xBF))
      return {0xFFFD, 1};
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  return {cp, len};
}

// Characters a YAML file may not carry raw: they are written as escapes in double quotes.
bool needs_escape(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

bool is_clean_utf8(std::string_view text, bool allow_newline) {
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = next_code_point(text, i);
    if (cp == 0xFFFD && len == 1)
      return false;
    if (needs_escape(cp) && !(allow_newline && cp == '\n'))
      return false;
    i += len;
  }
  return true;
}

bool is_reserved_word(std::string_view text) {
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static constexpr std::string_view k_words[] = {"null", "~",   "true", "false", "yes", "no",
                                                 "on",   "off", "y",    "n",     "=",   "<<"};
  return std::find(std::begin(k_words), std::end(k_words), lower) != std::end(k_words);
}

// Text that a YAML 1.1 or 1.2 reader could take for a number, a date or a time.
bool looks_numeric(std::string_view text) {
  static const std::regex k_number{
      R"(^[-+]?([0-9][0-9_]*|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|([0-9][0-9_]*)?\.[0-9_]*(e[-+]?[0-9]+)?)"
      R"(|[0-9][0-9_]*e[-+]?[0-9]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|\.inf|\.nan)$)"
      R"(|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([t ].*)?$)",
      std::regex::ECMAScript | std::regex::icase | std::regex::optimize};
  return std::regex_search(text.begin(), text.end(), k_number);
}

// Whether `text` may be written as a plain scalar and read back as the same text.
bool is_plain_safe(std::string_view text, bool flow) {
  if (text.empty() || !is_clean_utf8(text, false))
    return false;
  static constexpr std::string_view k_indicators = "-?:,[]{}#&*!|>'\"%@` ";
  if (k_indicators.find(text.front()) != std::string_view::npos)
    return false;
  if (text.back() == ' ' || text.back() == ':')
    return false;
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos)
    return false;
  if (flow && text.find_first_of(",[]{}:?#") != std::string_view::npos)
    return false;
  if (text.starts_with("...") || is_reserved_word(text) || looks_numeric(text))
    return false;
  return true;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = next_code_point(text, i);
    if (cp == '"') {
      out += "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == 0xFFFD && len == 1) {
      out += "\xEF\xBF\xBD"; // a malformed byte cannot be written; replaced
    } else if (needs_escape(cp)) {
      out += cp < 0x100 ? fmt::format("\\x{:02X}", static_cast<unsigned>(cp))
                        : fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  out += '"';
  return out;
}

} // namespace

std::string scalar(std::string_view text, bool flow) {
  return is_plain_safe(text, flow) ? std::string{text} : double_quoted(text);
}

// Multi-line text that reads well as a literal block ("|" or "|-").
bool literal_safe(std::string_view text) {
  if (text.find('\n') == std::string_view::npos || !is_clean_utf8(text, true))
    return false;
  if (text.front() == ' ' || text.front() == '\n' || text.ends_with("\n\n"))
    return false;
  std::string_view body = text.ends_with('\n') ? text.substr(0, text.size() - 1) : text;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos)
      end = body.size();
    std::string_view line = body.substr(start, end - start);
    if (!line.empty() && (line.back() == ' ' || line.find_first_not_of(' ') == line.npos))
      return false;
    start = end + 1;
  }
  return true;
}

std::string format_number(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)
    return fmt::format("{:.0f}", value);
  return fmt::format("{}", value);
}

std::string quorum_text(const model::Quorum& quorum) {
  switch (quorum.kind) {
  case model::Quorum::Kind::all:
    return "all";
  case model::Quorum::Kind::majority:
    return "majority";
  case model::Quorum::Kind::count:
    return std::to_string(quorum.count);
  }
  return "all";
}

} // namespace detail

std::string yaml_scalar(std::string_view text) { return detail::scalar(text); }
std::string yaml_flow_scalar(std::string_view text) { return detail::scalar(text, true); }
std::string yaml_number(double value) { return detail::format_number(value); }

} // namespace pmo::codec
