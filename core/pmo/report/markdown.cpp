#include <pmo/report/markdown.hpp>
#include <pmo/report/text.hpp>

namespace pmo::report {

namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

bool ends_with_www(const std::string_view text, std::size_t pos) {
  if (pos < 3)
    return false;
  for (std::size_t i = pos - 3; i < pos; ++i)
    if (text[i] != 'w' && text[i] != 'W')
      return false;
  return true;
}

} // namespace

std::string md_text(std::string_view raw) {
  // Bidi overrides could reorder what a reader sees; invalid UTF-8 would be replaced anyway.
  const std::string safe = terminal_safe(raw);
  const std::string_view text = safe;
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '&':
      out += "&amp;";
      break;
    case '\\':
    case '`':
    case '*':
    case '_':
    case '~':
    case '[':
    case ']':
    case '|':
    case '$':
    case '#':
    case '!':
      out += '\\';
      out += c;
      break;
    case ':': // "http://" and other schemes
      if (text.substr(i + 1, 2) == "//")
        out += '\\';
      out += c;
      break;
    case '.': // "www."
      if (ends_with_www(text, i))
        out += '\\';
      out += c;
      break;
    case '@': // e-mail autolinks: a zero-width space ends the local part
      out += "&#8203;@";
      break;
    default:
      out += is_control(static_cast<unsigned char>(c)) ? ' ' : c;
    }
  }
  return out;
}

std::string md_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& cell : cells)
    out += " " + cell + " |";
  return out + "\n";
}

std::string md_header(const std::vector<std::string>& titles, const std::vector<bool>& right) {
  std::vector<std::string> escaped;
  std::string delimiter = "|";
  for (std::size_t i = 0; i < titles.size(); ++i) {
    escaped.push_back(md_text(titles[i]));
    delimiter += i < right.size() && right[i] ? " ---: |" : " --- |";
  }
  return md_row(escaped) + delimiter + "\n";
}

std::string md_code(std::string_view id) {
  std::string out = "`";
  for (char c : id)
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
        c == '_' || c == '-' || c == '/') // '/': a roll-up's qualified id, it/P-001
      out += c;
  out += '`';
  return out == "``" ? std::string{} : out;
}

} // namespace pmo::report
