#include <pmo/report/text.hpp>

#include <doctest/doctest.h>

using namespace pmo::report;

TEST_CASE("CJK ideographs and fullwidth punctuation take two columns") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("智能客服") == 8);
  CHECK(display_width("项目：一期") == 10);
  CHECK(display_width("NLP 工程师") == 10);
}

TEST_CASE("ambiguous-width characters take one column, combining marks none") {
  CHECK(display_width("·—“”") == 4);
  CHECK(display_width("e\xCC\x81") == 1); // e + combining acute
}

TEST_CASE("an invalid byte takes one column and is printed as a replacement character") {
  CHECK(display_width("a\xFF"
                      "b") == 3);
  CHECK(terminal_safe("a\xFF"
                      "b") == "a\xEF\xBF\xBD"
                              "b");
}

TEST_CASE("text printed to a terminal carries no control characters or bidi overrides") {
  CHECK(terminal_safe("a\x1b[2Jb") == "a [2Jb");
  CHECK(terminal_safe("line\nnext\ttab") == "line next tab");
  CHECK(terminal_safe("x\xE2\x80\xAEy") == "x\xEF\xBF\xBDy"); // U+202E RIGHT-TO-LEFT OVERRIDE
  CHECK(terminal_safe("\xC2\x9B"
                      "31m") == " 31m"); // C1 CSI
  CHECK(terminal_safe("智能客服") == "智能客服");
}

TEST_CASE("truncation never exceeds the width, even in the middle of a wide character") {
  CHECK(truncate_to_width("智能客服平台", 7) == "智能客…");
  CHECK(display_width(truncate_to_width("智能客服平台", 6)) <= 6);
  CHECK(truncate_to_width("short", 10) == "short");
  CHECK(truncate_to_width("abcdef", 4) == "abc…");
}

TEST_CASE("padding counts columns, not bytes") {
  CHECK(pad_right("智能", 6) == "智能  ");
  CHECK(pad_left("12", 4) == "  12");
  CHECK(pad_right("toolong", 3) == "toolong");
}

TEST_CASE("amounts get thousands separators and at most two decimals") {
  CHECK(format_amount(1200000) == "1,200,000");
  CHECK(format_amount(999) == "999");
  CHECK(format_amount(1000.5) == "1,000.5");
  CHECK(format_amount(-3500.25) == "-3,500.25");
  CHECK(format_amount(0) == "0");
}

TEST_CASE("a name with its id takes the language's parentheses") {
  CHECK(name_with_id("李娜", "lina", pmo::model::Lang::zh) == "李娜（lina）");
  CHECK(name_with_id("Li Na", "lina", pmo::model::Lang::en) == "Li Na (lina)");
  CHECK(name_with_id("", "lina", pmo::model::Lang::zh) == "lina");
  CHECK(name_with_id("lina", "lina", pmo::model::Lang::en) == "lina");
}

TEST_CASE("control characters are shown escaped, so no text can start a line or steer a log") {
  CHECK(escape_controls("ok") == "ok");
  CHECK(escape_controls("a\n::error::x") == "a\\n::error::x");
  CHECK(escape_controls("\x1b]0;pwned\x07") == "\\e]0;pwned\\x07");
  CHECK(escape_controls("t\tr\r") == "t\\tr\\r");
  CHECK(escape_controls("\x7f") == "\\x7f");
  CHECK(escape_controls("\xc2\x85") == "\\u{0085}");     // NEL, a C1 control
  CHECK(escape_controls("\xe2\x80\xae") == "\\u{202e}"); // right-to-left override
  CHECK(escape_controls("\xff") == "\xEF\xBF\xBD");
  CHECK(escape_controls("智能 (x)") == "智能 (x)");
}
