#include "context.hpp"
#include "report_template.hpp"

#include <doctest/doctest.h>

#include <map>
#include <set>

using nlohmann::json;
using pmo::cli::Failure;
using pmo::cli::PartialLookup;
using pmo::cli::position_in;
using pmo::cli::render_report_template;
using pmo::cli::TemplateText;
using pmo::model::Lang;

namespace {

PartialLookup partials_of(std::map<std::string, std::string> files) {
  return [files](const std::string& name) -> std::optional<TemplateText> {
    const auto it = files.find(name);
    if (it == files.end())
      return std::nullopt;
    return TemplateText{name + ".md.mustache", it->second};
  };
}

std::string render(const std::string& text, const json& view,
                   std::map<std::string, std::string> partials = {}) {
  return render_report_template({"report.md.mustache", text}, partials_of(std::move(partials)),
                                view, Lang::en);
}

// The finding a template's fault gives: "file:line:column: message".
std::string fault_of(const std::string& text, std::map<std::string, std::string> partials = {},
                     Lang lang = Lang::en) {
  try {
    render_report_template({"report.md.mustache", text}, partials_of(std::move(partials)),
                           json::object(), lang);
  } catch (const Failure& failure) {
    REQUIRE(failure.findings().size() == 1);
    const auto& f = failure.findings().front();
    return f.where.file + ":" + std::to_string(f.where.line) + ":" +
           std::to_string(f.where.column) + ": " + f.message;
  }
  return "no fault";
}

} // namespace

TEST_CASE("double braces escape user text for a Markdown table cell; triple braces do not") {
  const json view = {{"title", "A | B <b>x</b> & [link](http://x)\nnext"}, {"md", "**bold**"}};
  CHECK(render("| {{title}} |", view) ==
        "| A \\| B &lt;b&gt;x&lt;/b&gt; &amp; \\[link\\](http\\://x) next |");
  CHECK(render("{{{md}}} {{md}}", view) == "**bold** \\*\\*bold\\*\\*");
}

TEST_CASE("null, false and the empty string are false; a list's name? says it has items") {
  const json view = {{"none", nullptr},
                     {"empty", ""},
                     {"no", false},
                     {"zero", 0},
                     {"rows", json::array({{{"id", "P1"}}, {{"id", "P2"}}})},
                     {"nothing", json::array()}};
  CHECK(render("{{^none}}-{{/none}}{{^empty}}-{{/empty}}{{^no}}-{{/no}}", view) == "---");
  CHECK(render("{{#zero}}{{zero}}{{/zero}}", view) == "0"); // a number is shown, 0 too
  CHECK(render("{{#rows?}}head\n{{/rows?}}{{#rows}}{{id}};{{/rows}}", view) == "head\nP1;P2;");
  CHECK(render("{{#nothing?}}head{{/nothing?}}{{^nothing}}none{{/nothing}}", view) == "none");
}

TEST_CASE("numbers are written as JSON writes them") {
  CHECK(render("{{a}} {{b}} {{c}}", {{"a", 3}, {"b", 0.5}, {"c", -2}}) == "3 0.5 -2");
}

TEST_CASE("lines that hold only section tags leave no line behind, shown or not") {
  const std::string text = "a\n{{#x}}\nb\n{{/x}}\nc\n";
  CHECK(render(text, {{"x", true}}) == "a\nb\nc\n");
  CHECK(render(text, {{"x", false}}) == "a\nc\n");
  CHECK(render("a\n  {{^x}}  \nnone\n  {{/x}}\nc", {{"x", false}}) == "a\nnone\nc");
  // Blank lines inside and around a section are kept as written.
  const std::string block = "{{#s}}\n\n{{{.}}}\n\n{{/s}}\n## next\n";
  CHECK(render(block, {{"s", "text"}}) == "\ntext\n\n## next\n");
  CHECK(render(block, {{"s", nullptr}}) == "## next\n");
  // A loop's rows, and a comment on a line of its own.
  CHECK(render("{{! rows }}\n{{#r}}\n| {{.}} |\n{{/r}}\nend", {{"r", json::array({"1", "2"})}}) ==
        "| 1 |\n| 2 |\nend");
  // A line with text or a value keeps its line break; CRLF stays CRLF.
  CHECK(render("{{#x}}on{{/x}}\r\n{{y}}\n", {{"x", true}, {"y", ""}}) == "on\r\n\n");
  // A partial on a line of its own: the partial's lines, without one more break.
  CHECK(render("a\n{{> p}}\nb", json::object(), {{"p", "p1\np2\n"}}) == "a\np1\np2\nb");
}

TEST_CASE("partials come from the lookup and see the same data") {
  CHECK(render("[{{> row}}]", {{"id", "P1"}}, {{"row", "<{{id}}>"}}) == "[<P1>]");
  CHECK(render("{{> outer}}", {{"id", "P1"}}, {{"outer", "({{> inner}})"}, {"inner", "{{id}}"}}) ==
        "(P1)");
}

TEST_CASE("positions count lines from 1 and columns in characters") {
  CHECK(position_in("ab\ncd", 0).line == 1);
  CHECK(position_in("ab\ncd", 4).line == 2);
  CHECK(position_in("ab\ncd", 4).column == 2);
  CHECK(position_in("项目\n{{", 7).column == 1);
  CHECK(position_in("项目{{", 6).column == 3); // two characters of three bytes each before
}

TEST_CASE("a template that does not parse names its file, line and column") {
  CHECK(fault_of("# Report\n\n{{#projects}}\n| {{id}} |\n") ==
        "report.md.mustache:3:1: section 'projects' opened here is never closed ({{/projects}})");
  CHECK(fault_of("ok\n  {{/projects}}\n") ==
        "report.md.mustache:2:3: section 'projects' is closed here but was not opened");
  CHECK(fault_of("line one\nline {{title\n") ==
        "report.md.mustache:2:6: a tag opened here is not closed with }}");
  CHECK(fault_of("项目 {{title") ==
        "report.md.mustache:1:4: a tag opened here is not closed with }}");
}

TEST_CASE("the fault is told in the reader's language") {
  CHECK(fault_of("{{#a}}", {}, Lang::zh) ==
        "report.md.mustache:1:1: 此处开始的区块“a”没有结束（{{/a}}）");
}

TEST_CASE("an unknown partial, a partial including itself and a fault in a partial are refused") {
  CHECK(fault_of("a\n{{> missing}}") ==
        "report.md.mustache:2:1: no partial 'missing' (missing.md.mustache): not beside the "
        "template, nor in the portfolio's .pmo/templates/, nor built in");
  CHECK(fault_of("{{> loop}}", {{"loop", "x {{> loop}}"}}) ==
        "loop.md.mustache:1:3: partial 'loop' includes itself");
  CHECK(fault_of("{{> part}}", {{"part", "ok\n{{#open}}"}}) ==
        "part.md.mustache:2:1: section 'open' opened here is never closed ({{/open}})");
  CHECK(fault_of("{{> ../etc/passwd}}") ==
        "report.md.mustache:1:1: '../etc/passwd' cannot name a partial (letters, digits, '.', "
        "'_' and '-')");
}

TEST_CASE("a template's names are every part of every name it and its partials look up") {
  using pmo::cli::check_report_template;
  const auto checked = check_report_template(
      {"report.md.mustache", "{{#sections.summary}}{{{.}}}{{/sections.summary}}\n"
                             "{{! a comment names nothing }}{{^ rows? }}none{{/ rows? }}"
                             "{{&raw}}{{> row}}"},
      partials_of({{"row", "{{#rows}}{{id}}{{/rows}}"}}), Lang::en);
  REQUIRE(checked.names);
  CHECK(*checked.names ==
        std::set<std::string, std::less<>>{"sections", "summary", "rows?", "raw", "rows", "id"});
  CHECK(checked.uses("summary"));
  CHECK_FALSE(checked.uses("projects"));
  CHECK_FALSE(checked.uses("comment"));
  // Once the delimiters change, any name may be looked up.
  CHECK(check_report_template({"report.md.mustache", "{{=<% %>=}}<% anything %>"}, partials_of({}),
                              Lang::en)
            .uses("anything"));
}

TEST_CASE("what the template does not name is left out of its data, and changes nothing") {
  const json view = {{"title", "T"},
                     {"unused", {{"title", "not this"}}},
                     {"rows", json::array({{{"id", "P1"}, {"other", "x"}}, {{"id", "P2"}}})},
                     {"empty", json::array()},
                     {"deep", {{"a", {{"b", "B"}}}}}};
  CHECK(render("{{title}} {{#rows}}{{id}}{{other}};{{/rows}} {{deep.a.b}}", view) == "T P1x;P2; B");
  CHECK(render("{{#empty?}}x{{/empty?}}{{^empty?}}none{{/empty?}}", view) == "none");
  // A name is looked up in every enclosing context: a row without "title" shows the top's.
  CHECK(render("{{#rows}}{{title}}{{/rows}}", view) == "TT");
  // Lists of lists are moved, not copied, into the data: the same rows at each depth.
  CHECK(render("{{#m}}[{{#.}}{{.}}{{/.}}]{{/m}}",
               {{"m", json::array({json::array({"a", "b"}), json::array({"c"})})}}) == "[ab][c]");
}
