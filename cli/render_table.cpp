#include "render_table.hpp"

#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pmo::cli {

namespace {

std::string styled(const std::string& text, const fmt::text_style& style, bool color) {
  if (!color || text.empty())
    return text;
  return fmt::format(style, "{}", text);
}

void trim_right(std::string& line) {
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
}

} // namespace

std::string render_table(const std::vector<TableColumn>& columns, const std::vector<TableRow>& rows,
                         bool color) {
  const std::size_t n = columns.size();
  std::vector<std::vector<std::string>> cells; // safe, cut text
  std::vector<int> widths(n, 0);
  auto prepare = [&](const std::string& text, std::size_t col) {
    std::string safe = report::terminal_safe(text);
    if (columns[col].max_width > 0)
      safe = report::truncate_to_width(safe, columns[col].max_width);
    widths[col] = std::max(widths[col], report::display_width(safe));
    return safe;
  };
  std::vector<std::string> headers;
  for (std::size_t c = 0; c < n; ++c)
    headers.push_back(prepare(columns[c].header, c));
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < n; ++c)
      line.push_back(prepare(c < row.size() ? row[c].text : std::string{}, c));
    cells.push_back(std::move(line));
  }

  auto layout = [&](const std::vector<std::string>& texts, auto&& style_of) {
    std::string line;
    for (std::size_t c = 0; c < n; ++c) {
      if (c > 0)
        line += "  ";
      std::string padded = columns[c].align_right ? report::pad_left(texts[c], widths[c])
                                                  : report::pad_right(texts[c], widths[c]);
      // Colour the text, not the padding, so trailing spaces can still be trimmed.
      std::size_t text_start = columns[c].align_right ? padded.size() - texts[c].size() : 0;
      line += padded.substr(0, text_start);
      line += styled(texts[c], style_of(c), color);
      line += padded.substr(text_start + texts[c].size());
    }
    trim_right(line);
    line += '\n';
    return line;
  };

  std::string out = layout(headers, [](std::size_t) { return fmt::emphasis::bold; });
  std::string rule;
  for (std::size_t c = 0; c < n; ++c) {
    if (c > 0)
      rule += "  ";
    rule.append(static_cast<std::size_t>(widths[c]), '-');
  }
  out += rule + '\n';
  for (std::size_t r = 0; r < rows.size(); ++r)
    out += layout(cells[r], [&](std::size_t c) {
      return c < rows[r].size() ? rows[r][c].style : fmt::text_style{};
    });
  return out;
}

std::string render_fields(const std::vector<Field>& fields, int indent, bool color) {
  int width = 0;
  for (const auto& field : fields)
    width = std::max(width, report::display_width(report::terminal_safe(field.label)));
  const std::string margin(static_cast<std::size_t>(indent), ' ');
  const std::string hang(static_cast<std::size_t>(indent + width + 2), ' ');
  std::string out;
  for (const auto& field : fields) {
    std::string label = report::terminal_safe(field.label);
    std::string pad(static_cast<std::size_t>(width - report::display_width(label) + 2), ' ');
    out += margin + styled(label, fmt::emphasis::bold, color) + pad;
    for (std::size_t i = 0; i < field.lines.size(); ++i) {
      if (i > 0)
        out += hang;
      out += report::terminal_safe(field.lines[i]);
      out += '\n';
    }
    if (field.lines.empty())
      out += '\n';
  }
  return out;
}

std::string heading(const std::string& text, bool color) {
  std::string safe = report::terminal_safe(text);
  return color ? fmt::format(fmt::emphasis::bold, "{}", safe) : safe;
}

} // namespace pmo::cli
