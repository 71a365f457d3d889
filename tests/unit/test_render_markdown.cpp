#include <pmo/report/markdown.hpp>

#include <doctest/doctest.h>

using pmo::report::md_code;
using pmo::report::md_text;

TEST_CASE("a pipe in user text cannot end a table cell") {
  CHECK(md_text("a|b") == "a\\|b");
  CHECK(md_text("a\\|b") == "a\\\\\\|b"); // a backslash cannot un-escape the pipe
}

TEST_CASE("newlines and other control characters become spaces, so a row stays one line") {
  CHECK(md_text("one\ntwo\r\nthree\tfour") == "one two  three four");
  CHECK(md_text("a\x1b[31mb") == "a \\[31mb");
}

TEST_CASE("HTML in user text is shown as text, not passed through") {
  CHECK(md_text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(md_text("R&D") == "R&amp;D");
  CHECK(md_text("&lt;") == "&amp;lt;");
}

TEST_CASE("user text cannot make a link") {
  CHECK(md_text("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))");
  CHECK(md_text("see https://evil.example") == "see https\\://evil.example");
  CHECK(md_text("www.evil.example") == "www\\.evil.example");
  CHECK(md_text("WWW.evil.example") == "WWW\\.evil.example");
  CHECK(md_text("a@b.example") == "a&#8203;@b.example");
}

TEST_CASE("emphasis, code, strikethrough and math markers are escaped") {
  CHECK(md_text("*a* _b_ `c` ~d~ $e$ #f !g") ==
        "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\$e\\$ \\#f \\!g");
}

TEST_CASE("Chinese text and ordinary punctuation pass unchanged") {
  CHECK(md_text("智能客服平台（一期）：降低 40% 工作量") ==
        "智能客服平台（一期）：降低 40% 工作量");
  CHECK(md_text("Budget: 1,200,000 (approx.)") == "Budget: 1,200,000 (approx.)");
}

TEST_CASE("a code span keeps only identifier characters") {
  CHECK(md_code("3b18e51") == "`3b18e51`");
  CHECK(md_code("a`|b") == "`ab`");
  CHECK(md_code("it/P-001") == "`it/P-001`"); // a roll-up's qualified id
  CHECK(md_code("") == "");
}

TEST_CASE("bidi overrides and invalid UTF-8 cannot reorder or corrupt the rendered text") {
  CHECK(md_text("x\xE2\x80\xAEy") == "x\xEF\xBF\xBDy");
  CHECK(md_text("a\xFF") == "a\xEF\xBF\xBD");
}
