// Commit messages and signatures as text: no libgit2 needed.
//
// A pmo message is "subject", a blank line, body lines, a blank line, then "Key: value" trailer
// lines as the last paragraph. Every piece of user text is flattened to one line, so nothing the
// user writes can open a paragraph of its own; parse_trailers reads the last paragraph only and
// only when every line of it is a trailer.

#include <pmo/git/repo.hpp>

#include <stdexcept>

namespace pmo::git {
namespace {

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// One line of text: control characters (CR, LF, tab, ...) become spaces.
std::string one_line(std::string_view text) {
  std::string line(text);
  for (char& c : line) {
    if (is_control(c)) {
      c = ' ';
    }
  }
  return line;
}

// A line git would not read as text of the message: a patch divider ("---" then a space or the
// end, where `git interpret-trailers` and `git am` stop reading), a comment (git's comment
// character '#', or one `core.commentChar = auto` may pick), or a scissors line (">8", "8<").
// Indented by one space, it is plain text to every parser of git, and to pmo's.
std::string escape_for_git(std::string line) {
  const bool divider = line.starts_with("---");
  const bool comment =
      !line.empty() && std::string_view("#;@!$%^&|:").find(line.front()) != std::string_view::npos;
  const bool scissors =
      line.find(">8") != std::string::npos || line.find("8<") != std::string::npos;
  if (divider || comment || scissors) {
    line.insert(0, " ");
  }
  return line;
}

bool is_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool is_trailer_key(std::string_view key) {
  if (key.empty() || key.front() == '-') {
    return false;
  }
  for (char c : key) {
    if (!is_key_char(c)) {
      return false;
    }
  }
  return true;
}

// "Key: value" -> {Key, value}; nullopt when the line has another form.
std::optional<std::pair<std::string_view, std::string_view>> split_trailer(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || !is_trailer_key(line.substr(0, colon))) {
    return std::nullopt;
  }
  return std::pair{line.substr(0, colon), trim(line.substr(colon + 1))};
}

bool starts_with_pmo(std::string_view key) { return key.starts_with("Pmo-"); }

} // namespace

bool is_valid_signature_text(std::string_view text) {
  for (char c : text) {
    if (is_control(c) || c == '<' || c == '>') {
      return false;
    }
  }
  return true;
}

std::string compose_message(std::string_view subject, const std::vector<std::string>& body_lines,
                            const std::vector<std::pair<std::string, std::string>>& trailers) {
  std::string message = escape_for_git(one_line(subject));
  message += '\n';
  if (!body_lines.empty()) {
    message += '\n';
    for (const auto& body_line : body_lines) {
      std::string line = escape_for_git(one_line(body_line));
      // Without trailers of its own the body is the last paragraph: indent any line that would
      // read as a trailer, so that user text never becomes one.
      if (trailers.empty() && split_trailer(line)) {
        line.insert(0, " ");
      }
      message += line;
      message += '\n';
    }
  }
  if (!trailers.empty()) {
    message += '\n';
    for (const auto& [key, value] : trailers) {
      if (!is_trailer_key(key)) {
        throw std::invalid_argument("not a trailer key: " + one_line(key));
      }
      message += key;
      message += ": ";
      message += trim(one_line(value));
      message += '\n';
    }
  }
  return message;
}

std::map<std::string, std::string> parse_trailers(std::string_view message) {
  message = trim(message);
  // The last paragraph starts after the last blank (or whitespace-only) line.
  std::string_view paragraph;
  bool found_blank = false;
  std::size_t line_start = 0;
  while (line_start <= message.size()) {
    auto line_end = message.find('\n', line_start);
    if (line_end == std::string_view::npos) {
      line_end = message.size();
    }
    if (trim(message.substr(line_start, line_end - line_start)).empty()) {
      found_blank = true;
      paragraph = message.substr(std::min(line_end + 1, message.size()));
    }
    line_start = line_end + 1;
  }
  if (!found_blank) {
    return {}; // a single paragraph is the subject, never trailers
  }

  std::map<std::string, std::string> trailers;
  std::size_t start = 0;
  while (start <= paragraph.size()) {
    auto end = paragraph.find('\n', start);
    if (end == std::string_view::npos) {
      end = paragraph.size();
    }
    std::string_view line = paragraph.substr(start, end - start);
    while (!line.empty() && is_space(line.back())) {
      line.remove_suffix(1);
    }
    const auto trailer = split_trailer(line);
    if (!trailer) {
      return {}; // strict: a last paragraph with any other line carries no trailers
    }
    if (starts_with_pmo(trailer->first)) {
      trailers.emplace(std::string(trailer->first), std::string(trailer->second)); // first wins
    }
    start = end + 1;
  }
  return trailers;
}

} // namespace pmo::git
