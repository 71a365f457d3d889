#pragma once
// Escaping user text for GitHub-flavoured Markdown, so that no title, name or comment can break a
// table, inject HTML or create a link (Mermaid's escaping is in charts.hpp).

#include <string>
#include <string_view>
#include <vector>

namespace pmo::report {

// Inline text for a paragraph, heading or table cell: "|" and Markdown punctuation backslash-
// escaped, "<" ">" "&" as entities, control characters (newlines included) as spaces, bidi
// controls and invalid UTF-8 as U+FFFD, and the starts of autolinks (scheme "://", "www.", e-mail
// "@") broken so nothing becomes a link.
std::string md_text(std::string_view text);

// An identifier (commit id, project id, a roll-up's it/P-001) as a code span; characters outside
// [A-Za-z0-9._/-] are dropped.
std::string md_code(std::string_view id);

// One GFM table row, "| a | b |\n", from cells already escaped.
std::string md_row(const std::vector<std::string>& cells);

// A table's header row (titles escaped here) and its delimiter row; `right` marks the columns
// aligned right (numbers).
std::string md_header(const std::vector<std::string>& titles, const std::vector<bool>& right = {});

} // namespace pmo::report
