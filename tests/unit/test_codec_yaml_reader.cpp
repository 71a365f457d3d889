#include <pmo/codec/yaml_reader.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using pmo::codec::parse_yaml;
using pmo::codec::ReadLimits;
using pmo::model::Finding;

namespace {

YAML::Node ok(std::string_view text) {
  auto result = parse_yaml(text, "f.yaml");
  if (auto* f = std::get_if<Finding>(&result))
    FAIL_CHECK("unexpected finding: " << f->code << " " << f->where.line << ":" << f->where.column
                                      << " " << f->message);
  REQUIRE(std::holds_alternative<YAML::Node>(result));
  return std::get<YAML::Node>(result);
}

Finding refused(std::string_view text, const ReadLimits& limits = {},
                pmo::model::Lang lang = pmo::model::Lang::en) {
  auto result = parse_yaml(text, "f.yaml", limits, lang);
  REQUIRE_MESSAGE(std::holds_alternative<Finding>(result), "accepted: " << text.substr(0, 60));
  return std::get<Finding>(result);
}

void check_at(const Finding& f, const char* code, int line, int column) {
  CHECK(f.code == code);
  CHECK(f.where.file == "f.yaml");
  CHECK(f.where.line == line);
  CHECK(f.where.column == column);
  CHECK(f.severity == pmo::model::Severity::error);
  CHECK_FALSE(f.message.empty());
}

} // namespace

TEST_CASE("a mapping parses to a tree") {
  auto node = ok("title: 智能客服平台\nrisks: [a, b]\n");
  REQUIRE(node.IsMap());
  CHECK(node["title"].as<std::string>() == "智能客服平台");
  CHECK(node["risks"].size() == 2);
}

TEST_CASE("an empty text or a text of comments is a null node") {
  CHECK(ok("").IsNull());
  CHECK(ok("# nothing here\n").IsNull());
  CHECK(ok("   \n\n").IsNull());
}

TEST_CASE("location_of is 1-based") {
  auto node = ok("a: 1\nbb:\n  - x\n");
  auto at = pmo::codec::location_of(node["bb"][0], "f.yaml");
  CHECK(at.file == "f.yaml");
  CHECK(at.line == 3);
  CHECK(at.column == 5);
}

TEST_CASE("an anchor is rejected with its line and column") {
  check_at(refused("a: 1\nb: &x [1]\n"), "yaml-alias", 2, 4);
}

TEST_CASE("a self-referencing alias is rejected at its anchor") {
  check_at(refused("&a [*a]"), "yaml-alias", 1, 1);
}

TEST_CASE("an alias to an undefined anchor is rejected with its line and column") {
  check_at(refused("a: 1\nb: *nowhere\n"), "yaml-alias", 2, 4);
}

TEST_CASE("an alias bomb is rejected before it is expanded") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c)
    bomb += std::string{c} + ": &" + c + " [*" + static_cast<char>(c - 1) + ", *" +
            static_cast<char>(c - 1) + ", *" + static_cast<char>(c - 1) + "]\n";
  check_at(refused(bomb), "yaml-alias", 1, 4);
}

TEST_CASE("a duplicate key in a flow mapping is rejected at the second key") {
  check_at(refused("{a: 1, a: 2}"), "yaml-duplicate-key", 1, 8);
}

TEST_CASE("a duplicate key in a block mapping names the first one's line") {
  auto f = refused("title: x\nbudget: 1\ntitle: y\n");
  check_at(f, "yaml-duplicate-key", 3, 1);
  CHECK(f.message.find("title") != std::string::npos);
  CHECK(f.message.find("line 1") != std::string::npos);
}

TEST_CASE("a duplicate key nested in a section is rejected") {
  check_at(refused("scope:\n  in: [a]\n  out: [b]\n  in: [c]\n"), "yaml-duplicate-key", 4, 3);
}

TEST_CASE("the same key in different mappings is not a duplicate") {
  ok("x: {a: 1}\ny: {a: 2}\n");
  ok("- id: a\n- id: b\n");
  ok("a: {b: {c: 1}}\nb: 2\nc: 3\n");
}

TEST_CASE("a complex mapping key is rejected") {
  check_at(refused("? [a]\n: 1\n"), "yaml-syntax", 1, 3);
}

TEST_CASE("a second document is rejected at its start") {
  check_at(refused("a: 1\n---\nb: 2\n"), "yaml-multi-document", 2, 1);
  CHECK(refused("a: 1\n--- \n").code == "yaml-multi-document");
}

TEST_CASE("an explicit document start and end are one document") {
  CHECK(ok("---\na: 1\n...\n")["a"].as<std::string>() == "1");
}

TEST_CASE("a lone comma terminates with a syntax finding") {
  check_at(refused(","), "yaml-syntax", 1, 1);
  CHECK(refused("a: 1\n,").code == "yaml-syntax");
}

TEST_CASE("unbalanced flow collections are syntax errors with a place") {
  for (const char* text : {"[", "{", "]", "}", "a: [x", "a: {b: 1", "\"abc"}) {
    CAPTURE(text);
    auto f = refused(text);
    CHECK(f.code == "yaml-syntax");
    CHECK(f.where.line == 1);
  }
}

TEST_CASE("a tab used for indentation is a syntax error at its place") {
  check_at(refused("a:\n\tb: 1\n"), "yaml-syntax", 2, 1);
}

TEST_CASE("columns count bytes, after Chinese text too") {
  // "{名: 1, " is 9 bytes: the second key starts at byte column 10.
  check_at(refused("{名: 1, 名: 2}"), "yaml-duplicate-key", 1, 10);
  auto node = ok("标题: 智能客服\n范围: [甲, 乙]\n");
  auto at = pmo::codec::location_of(node["范围"][1], "f.yaml");
  CHECK(at.line == 2);
  CHECK(at.column == 15); // "范围: [甲, " is 14 bytes
}

TEST_CASE("a raw line or paragraph separator is refused where it stands; escaped, it is text") {
  // libyaml (YAML 1.1) would end a line there, editors and YAML 1.2 would not.
  check_at(refused("a: 1\nb: x\u2028y\n"), "yaml-encoding", 2, 5);
  check_at(refused("a: \"中\u2029\"\n"), "yaml-encoding", 1, 8);
  auto node = ok("a: \"x\\u2028y\"\nb: [1, 2]\n");
  CHECK(node["a"].Scalar() == "x\u2028y");
  CHECK(pmo::codec::location_of(node["b"][1], "f.yaml").line == 2);
  CHECK(pmo::codec::location_of(node["b"][1], "f.yaml").column == 8);
}

TEST_CASE("null, plain and quoted scalars keep yaml-cpp's meaning") {
  auto node = ok("a: ~\nb: 'null'\nc:\nd: null\ne: \"x\"\nf: 12\ng: |\n  text\n");
  CHECK(node["a"].IsNull());
  CHECK(node["c"].IsNull());
  CHECK(node["d"].IsNull());
  REQUIRE(node["b"].IsScalar());
  CHECK(node["b"].Scalar() == "null");
  CHECK(node["b"].Tag() == "!");
  CHECK(node["e"].Tag() == "!");
  CHECK(node["f"].Tag() == "?");
  CHECK(node["g"].Scalar() == "text\n");
  CHECK(node["g"].Tag() == "!");
  CHECK(ok("a: !!str 12\n")["a"].Tag() == "tag:yaml.org,2002:str");
}

TEST_CASE("a syntax error says what libyaml was reading, and where that started") {
  auto f = refused("title: x\nscope:\n  in: [a\nb: 2\n");
  CHECK(f.code == "yaml-syntax");
  CHECK(f.where.line >= 3);
  CHECK(f.message.find("line 3") != std::string::npos);
}

TEST_CASE("nesting deeper than the limit is rejected") {
  std::string deep(64, '[');
  deep += std::string(64, ']');
  ok(deep);
  std::string deeper(65, '[');
  deeper += std::string(65, ']');
  check_at(refused(deeper), "yaml-limit", 1, 65);
}

TEST_CASE("hostile nesting terminates quickly with a limit finding") {
  auto start = std::chrono::steady_clock::now();
  // yaml-cpp reads "[[" as a mapping with a complex key: refused as such.
  CHECK(refused(std::string(1'000'000, '[')).where.line == 1);
  CHECK(refused(std::string(1'000'000, '{')).where.line == 1);
  std::string dashes;
  for (int i = 0; i < 100'000; ++i)
    dashes += "- ";
  CHECK(refused(dashes).code == "yaml-limit");
  std::string block;
  for (int i = 0; i < 200; ++i)
    block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK(refused(block).code == "yaml-limit");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{30});
}

TEST_CASE("more nodes than the limit are rejected") {
  ReadLimits limits;
  limits.max_nodes = 100;
  std::string many = "[";
  for (int i = 0; i < 200; ++i)
    many += "x, ";
  many += "]";
  CHECK(refused(many, limits).code == "yaml-limit");
}

TEST_CASE("a text over the size cap is rejected before parsing") {
  ReadLimits limits;
  limits.max_bytes = 10;
  auto f = refused("title: twelve", limits);
  CHECK(f.code == "yaml-limit");
  CHECK(f.where.file == "f.yaml");
  ok("title: ten");
}

TEST_CASE("a huge scalar within the cap parses") {
  std::string text = "title: " + std::string(3'000'000, 'x') + "\n";
  CHECK(ok(text)["title"].Scalar().size() == 3'000'000);
}

TEST_CASE("a byte-order mark is accepted and does not shift columns") {
  auto node = ok("\xEF\xBB\xBFtitle: x\n");
  CHECK(node["title"].as<std::string>() == "x");
  check_at(refused("\xEF\xBB\xBF{a: 1, a: 2}"), "yaml-duplicate-key", 1, 8);
}

TEST_CASE("CRLF line ends read like LF and count lines right") {
  auto node = ok("a: 1\r\nb: two words\r\n");
  CHECK(node["b"].as<std::string>() == "two words");
  check_at(refused("a: 1\r\nb: 2\r\na: 3\r\n"), "yaml-duplicate-key", 3, 1);
}

TEST_CASE("a lone carriage return is an encoding finding") {
  check_at(refused("a: 1\rb: 2\n"), "yaml-encoding", 1, 5);
}

TEST_CASE("a NUL byte is rejected with the line and column of the byte") {
  check_at(refused(std::string_view{"a: 1\nb: x\0y\n", 12}), "yaml-encoding", 2, 5);
}

TEST_CASE("invalid UTF-8 is rejected at the first bad byte") {
  check_at(refused("title: 中\xff\n"), "yaml-encoding", 1, 11);
  check_at(refused("a: 1\nb: \xC0\xAF\n"), "yaml-encoding", 2, 4);   // overlong '/'
  check_at(refused("a: \xED\xA0\x80\n"), "yaml-encoding", 1, 4);     // surrogate
  check_at(refused("a: \xF4\x90\x80\x80\n"), "yaml-encoding", 1, 4); // > U+10FFFF
  check_at(refused("a: \xE4\xB8"), "yaml-encoding", 1, 4);           // truncated
  check_at(refused("a: \xC2\x9B[31m\n"), "yaml-encoding", 1, 4);     // C1 CSI
}

TEST_CASE("raw control characters are rejected but tabs inside text are fine") {
  check_at(refused("a: \x1b[31mred\n"), "yaml-encoding", 1, 4);
  CHECK(ok("a: x\ty\n")["a"].as<std::string>() == "x\ty");
}

TEST_CASE("messages follow the requested language") {
  auto en = refused("{a: 1, a: 2}");
  auto zh = refused("{a: 1, a: 2}", {}, pmo::model::Lang::zh);
  CHECK(en.message != zh.message);
  CHECK(zh.message.find("重复") != std::string::npos);
}

TEST_CASE("odd inputs terminate, and a refusal names the file") {
  const std::string inputs[] = {",",
                                ",,,,",
                                ":",
                                "? ",
                                "&a",
                                "*",
                                "&a &b x",
                                "!!binary ====",
                                "%YAML 1.2\n%YAML 1.2\n---\na",
                                "a: |\n  x\n b",
                                "a: b: c",
                                "- a: b\n  - c",
                                "key: \"\\x\"",
                                "[a, b]]",
                                "'",
                                "a: 'x",
                                std::string(100'000, ':'),
                                std::string(100'000, '?') + " ",
                                "a:\n  - b\n c: d"};
  for (const auto& text : inputs) {
    CAPTURE(text.substr(0, 40));
    auto result = parse_yaml(text, "f.yaml");
    if (auto* f = std::get_if<Finding>(&result)) {
      CHECK(f->where.file == "f.yaml");
      CHECK_FALSE(f->message.empty());
    }
  }
}
