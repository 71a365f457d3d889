#pragma once
// A terminal table: columns padded by display width (CJK text aligns), user text made safe to
// print, colour only when asked.

#include <fmt/color.h>

#include <string>
#include <vector>

namespace pmo::cli {

struct TableColumn {
  std::string header;
  bool align_right = false;
  int max_width = 0; // 0: no limit; longer cells are cut with "…"
};

struct TableCell {
  std::string text;
  fmt::text_style style{}; // used only when colour is on
};

using TableRow = std::vector<TableCell>;

// The header, a rule of dashes, then one line per row; columns two spaces apart, no trailing
// spaces. Every line ends in '\n'.
std::string render_table(const std::vector<TableColumn>& columns, const std::vector<TableRow>& rows,
                         bool color);

// Lines "label  value" with labels padded to one width; a value with several lines continues
// under the first.
struct Field {
  std::string label;
  std::vector<std::string> lines;
};
std::string render_fields(const std::vector<Field>& fields, int indent, bool color);

// A section heading: the text made safe to print, bold when colour is on.
std::string heading(const std::string& text, bool color);

} // namespace pmo::cli
