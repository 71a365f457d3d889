#pragma once
// Text for people. In a terminal: display width in columns (CJK ideographs and fullwidth forms are
// 2, ambiguous-width characters 1, combining marks 0, as utf8proc_charwidth says), and user text
// made safe to print (no control characters or bidi overrides that could move the cursor or reorder
// a line).

#include <pmo/model/types.hpp>

#include <string>
#include <string_view>

namespace pmo::report {

// Columns `text` takes in a UTF-8 terminal. Invalid bytes count as one column each.
int display_width(std::string_view text);

// `text` with newlines, tabs and other control characters (C0, DEL, C1) replaced by a space,
// bidirectional controls and invalid UTF-8 by U+FFFD.
std::string terminal_safe(std::string_view text);

// `text` with whatever could steer a terminal or a CI log shown escaped, on one line: newline, tab
// and carriage return as \n \t \r, ESC as \e, other C0 controls and DEL as \xNN, C1 and
// bidirectional controls as \u{NNNN}, invalid UTF-8 as U+FFFD. For what pmo prints line by line
// and a reader must be able to tell apart: findings, annotations (so that no record's text can
// start a line of the log, such as a GitHub workflow command).
std::string escape_controls(std::string_view text);

// `text` cut to at most `max_width` columns, ending in "…" when cut. Expects terminal_safe text.
std::string truncate_to_width(std::string_view text, int max_width);

// `text` followed (pad_right) or preceded (pad_left) by spaces up to `width` columns.
std::string pad_right(std::string_view text, int width);
std::string pad_left(std::string_view text, int width);

// An amount with thousands separators and at most two decimals: "1,200,000", "-3,500.5".
std::string format_amount(double amount);

// A person (or role) by name with the id commands take: "Li Na (lina)", in zh "李娜（lina）"; the
// id alone when the name is empty or the id itself.
std::string name_with_id(std::string_view name, std::string_view id, model::Lang lang);

// Case-folded, NFKC-normalised text for case-insensitive search ("ＡＢＣ" and "abc" match);
// invalid UTF-8 is returned unchanged.
std::string fold_case(std::string_view text);

} // namespace pmo::report
