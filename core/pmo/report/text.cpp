#include <pmo/report/text.hpp>

#include <fmt/format.h>
#include <utf8proc.h>

#include <cmath>
#include <cstdlib>

namespace pmo::report {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";    // U+2026, ambiguous: 1 column

bool is_bidi_control(utf8proc_int32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Calls visit(codepoint or -1 for an invalid byte, the bytes it took) for each character.
template <class Visit> void each_char(std::string_view text, Visit&& visit) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t pos = 0;
  while (pos < size) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t len = utf8proc_iterate(bytes + pos, size - pos, &cp);
    if (len <= 0) {
      cp = -1;
      len = 1;
    }
    visit(cp, text.substr(static_cast<std::size_t>(pos), static_cast<std::size_t>(len)));
    pos += len;
  }
}

int char_width(utf8proc_int32_t cp) { return cp < 0 ? 1 : utf8proc_charwidth(cp); }

} // namespace

int display_width(std::string_view text) {
  int width = 0;
  each_char(text, [&](utf8proc_int32_t cp, std::string_view) { width += char_width(cp); });
  return width;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  each_char(text, [&](utf8proc_int32_t cp, std::string_view bytes) {
    if (cp < 0 || is_bidi_control(cp))
      out += k_replacement;
    else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
      out += ' ';
    else
      out += bytes;
  });
  return out;
}

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  each_char(text, [&](utf8proc_int32_t cp, std::string_view bytes) {
    if (cp < 0)
      out += k_replacement;
    else if (cp == '\n')
      out += "\\n";
    else if (cp == '\r')
      out += "\\r";
    else if (cp == '\t')
      out += "\\t";
    else if (cp == 0x1B)
      out += "\\e";
    else if (cp < 0x20 || cp == 0x7F)
      out += fmt::format("\\x{:02x}", cp);
    else if ((cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp))
      out += fmt::format("\\u{{{:04x}}}", cp);
    else
      out += bytes;
  });
  return out;
}

std::string truncate_to_width(std::string_view text, int max_width) {
  if (display_width(text) <= max_width)
    return std::string{text};
  std::string out;
  int width = 0;
  const int room = max_width - 1; // for the ellipsis
  bool full = false;
  each_char(text, [&](utf8proc_int32_t cp, std::string_view bytes) {
    if (full)
      return;
    int w = char_width(cp);
    if (width + w > room) {
      full = true;
      return;
    }
    width += w;
    out += bytes;
  });
  if (max_width > 0)
    out += k_ellipsis;
  return out;
}

std::string pad_right(std::string_view text, int width) {
  std::string out{text};
  int have = display_width(text);
  if (have < width)
    out.append(static_cast<std::size_t>(width - have), ' ');
  return out;
}

std::string pad_left(std::string_view text, int width) {
  int have = display_width(text);
  std::string out;
  if (have < width)
    out.append(static_cast<std::size_t>(width - have), ' ');
  out += text;
  return out;
}

std::string format_amount(double amount) {
  if (!std::isfinite(amount))
    return fmt::format("{}", amount);
  std::string digits = fmt::format("{:.2f}", std::fabs(amount));
  auto dot = digits.find('.');
  std::string fraction = digits.substr(dot + 1);
  while (!fraction.empty() && fraction.back() == '0')
    fraction.pop_back();
  std::string whole = digits.substr(0, dot);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0)
      out += ',';
    out += whole[i];
  }
  if (!fraction.empty())
    out += '.' + fraction;
  if (amount < 0 && out != "0")
    out.insert(0, "-");
  return out;
}

std::string fold_case(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t len =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &folded,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD));
  if (len < 0)
    return std::string{text};
  std::string out(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(len));
  std::free(folded);
  return out;
}

std::string name_with_id(std::string_view name, std::string_view id, model::Lang lang) {
  if (name.empty() || name == id)
    return std::string{id};
  std::string text{name};
  text += lang == model::Lang::zh ? "（" : " (";
  text += id;
  text += lang == model::Lang::zh ? "）" : ")";
  return text;
}

} // namespace pmo::report
