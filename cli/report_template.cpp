#include "report_template.hpp"

#include "context.hpp"

#include <pmo/report/markdown.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <map>
#include <regex>
#include <set>
#include <vector>

namespace pmo::cli {

namespace {

namespace mus = kainjow::mustache;
using model::Lang;
using model::tr;
using nlohmann::json;

constexpr int k_max_partial_depth = 8;

using Names = std::set<std::string, std::less<>>;

// The JSON as mustache data. null, false and "" are false (a section over them is skipped, an
// inverted section shown); numbers are written as JSON writes them; beside each list `name`, a
// boolean `name?` that is true when the list has items. With `names`, an object's keys that are
// not among them are left out: no tag of the template can reach them.
mus::data to_data(const json& value, const Names* names) {
  switch (value.type()) {
  case json::value_t::object: {
    mus::data out{mus::data::type::object};
    for (const auto& [key, item] : value.items()) {
      // "name?": whether the list has items, for what to show once
      if (item.is_array() && (!names || names->count(key + "?")))
        out[key + "?"] = mus::data{!item.empty()};
      if (!names || names->count(key))
        out[key] = to_data(item, names);
    }
    return out;
  }
  case json::value_t::array: {
    // kainjow takes a list by copy only (deeply, and again at each enclosing list); its items are
    // moved into the list it holds instead. That list is its own, made non-const by `new`, so
    // changing it through the const reference list_value() gives is well defined.
    mus::data out{mus::data::type::list};
    auto& items = const_cast<mus::list&>(out.list_value());
    items.reserve(value.size());
    for (const auto& item : value)
      items.push_back(to_data(item, names));
    return out;
  }
  case json::value_t::string: {
    const auto& text = value.get_ref<const std::string&>();
    return text.empty() ? mus::data{false} : mus::data{text};
  }
  case json::value_t::boolean:
    return mus::data{value.get<bool>()};
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
  case json::value_t::number_float:
    return mus::data{value.dump()};
  default:
    return mus::data{false};
  }
}

// Adds to `names` every part of every name `text` looks up ({{a.b}}, {{#a.b}}, {{{a.b}}}, ...:
// "a" and "b"); false when the text changes its delimiters ({{=<% %>=}}), after which its names
// cannot be told.
bool add_names(const std::string& text, Names& names) {
  for (std::size_t at = text.find("{{"); at != std::string::npos;) {
    const bool triple = text.compare(at, 3, "{{{") == 0;
    const std::size_t close = text.find(triple ? "}}}" : "}}", at + (triple ? 3 : 2));
    if (close == std::string::npos)
      break;
    std::string_view tag{text.data() + at + (triple ? 3 : 2), close - at - (triple ? 3 : 2)};
    at = text.find("{{", close);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t'))
      tag.remove_prefix(1);
    if (tag.empty())
      continue;
    const char sigil = tag.front();
    if (sigil == '=')
      return false;
    if (sigil == '!' || sigil == '>')
      continue;
    if (std::string_view{"#^/&"}.find(sigil) != std::string_view::npos)
      tag.remove_prefix(1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t'))
      tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t'))
      tag.remove_suffix(1);
    for (std::size_t from = 0; from <= tag.size();) {
      const std::size_t dot = std::min(tag.find('.', from), tag.size());
      if (dot > from)
        names.emplace(tag.substr(from, dot - from));
      from = dot + 1;
    }
  }
  return true;
}

model::Finding fault(const TemplateText& file, TextPosition at, std::string message) {
  model::Finding f;
  f.severity = model::Severity::error;
  f.where = {file.name, at.line, at.column};
  f.code = "template";
  f.message = std::move(message);
  return f;
}

[[noreturn]] void refuse(const TemplateText& file, TextPosition at, std::string message,
                         Lang lang) {
  throw Failure(k_exit_findings,
                tr(lang, "the report template {} cannot be used; nothing written",
                   "报告模板 {} 无法使用，未写入任何内容", file.name),
                {fault(file, at, std::move(message))});
}

// kainjow's parse error ("Unclosed section \"x\" at 12") in the reader's language, at its place.
[[noreturn]] void refuse_parse(const TemplateText& file, const std::string& error, Lang lang) {
  static const std::regex k_error{R"re(^(.*?)(?: "(.*)")? at ([0-9]+)$)re"};
  std::smatch m;
  if (!std::regex_match(error, m, k_error))
    refuse(file, {0, 0}, error, lang);
  const std::string kind = m[1];
  const std::string name = m[2];
  const TextPosition at = position_in(file.text, std::stoul(m[3]));
  std::string message;
  if (kind == "Unclosed tag")
    message =
        tr(lang, "a tag opened here is not closed with }}}}", "此处开始的标签没有以 }}}} 结束");
  else if (kind == "Unclosed section")
    message = tr(lang, "section '{}' opened here is never closed ({{{{/{}}}}})",
                 "此处开始的区块“{}”没有结束（{{{{/{}}}}}）", name, name);
  else if (kind == "Unopened section")
    message = tr(lang, "section '{}' is closed here but was not opened",
                 "区块“{}”在此处结束，但并未开始", name);
  else if (kind == "Invalid set delimiter tag")
    message = tr(lang, "invalid delimiter change", "定界符修改无效");
  else
    message = error;
  refuse(file, at, message, lang);
}

// The partials a template names ({{> name}}), with their places; with other delimiters set
// ({{=<% %>=}}) only those before the change are seen.
struct PartialTag {
  std::string name;
  std::size_t offset = 0;
};
std::vector<PartialTag> partial_tags(const std::string& text) {
  std::vector<PartialTag> out;
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
    std::size_t i = at + 2;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
      ++i;
    if (i < text.size() && text[i] == '=')
      break;
    if (i >= text.size() || text[i] != '>')
      continue;
    const std::size_t end = text.find("}}", i);
    if (end == std::string::npos)
      break;
    std::string name = text.substr(i + 1, end - i - 1);
    const auto first = name.find_first_not_of(" \t");
    const auto last = name.find_last_not_of(" \t");
    name = first == std::string::npos ? std::string{} : name.substr(first, last - first + 1);
    out.push_back({name, at});
  }
  return out;
}

// The name of the line break the text is rewritten with (see standalone_lines): a key no JSON
// of pmo has.
const std::string k_newline_key = "\x1fnewline";

// Lines as mustache's specification has them, which kainjow does not do for a section that is
// false (it leaves the section's line behind, empty): a line holding only section, inverted,
// closing, comment or partial tags and blanks is "standalone" and leaves nothing behind, neither
// blanks nor its line break, whether the section shows or not. kainjow is then given no line
// break at all: every other one becomes the triple-brace tag of a variable holding "\n", so its
// own line handling never drops a line. Templates that change the delimiters ({{=<% %>=}}) are
// left as they are.
std::string standalone_lines(const std::string& text) {
  struct Token {
    std::string text;
    bool tag = false;
    bool standalone_kind = false; // # ^ / ! >
  };
  std::vector<Token> tokens;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find("{{", at);
    if (open == std::string::npos) {
      tokens.push_back({text.substr(at), false, false});
      break;
    }
    if (open > at)
      tokens.push_back({text.substr(at, open - at), false, false});
    const bool triple = text.compare(open, 3, "{{{") == 0;
    const std::size_t close = text.find(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
    if (close == std::string::npos)
      return text; // not parsed: check() has refused it already
    const std::size_t end = close + (triple ? 3 : 2);
    std::string tag = text.substr(open, end - open);
    std::size_t sigil = 2;
    while (sigil < tag.size() && (tag[sigil] == ' ' || tag[sigil] == '\t'))
      ++sigil;
    const char kind = triple ? '{' : tag[sigil];
    if (kind == '=')
      return text;
    tokens.push_back(
        {std::move(tag), true, std::string_view{"#^/!>"}.find(kind) != std::string_view::npos});
    at = end;
  }
  // Lines of tokens: a text token may hold several line breaks.
  std::string out;
  std::vector<std::string> line; // the current line's pieces, tags and text
  bool blank = true;             // no text but blanks, no variable
  bool tagged = false;           // at least one standalone-kind tag
  const std::string newline = "{{{" + k_newline_key + "}}}";
  auto flush = [&](bool broken) {
    if (blank && tagged) {
      for (const auto& piece : line)
        if (piece.rfind("{{", 0) == 0)
          out += piece;
    } else {
      for (const auto& piece : line)
        out += piece;
      if (broken)
        out += newline;
    }
    line.clear();
    blank = true;
    tagged = false;
  };
  for (const auto& token : tokens) {
    if (token.tag) {
      line.push_back(token.text);
      if (token.standalone_kind)
        tagged = true;
      else
        blank = false;
      continue;
    }
    std::size_t from = 0;
    for (std::size_t nl = token.text.find('\n'); nl != std::string::npos;
         nl = token.text.find('\n', from)) {
      std::string piece = token.text.substr(from, nl - from);
      if (!piece.empty() && piece.back() == '\r') { // CRLF: the \r goes with the break
        piece.pop_back();
      }
      const bool crlf = nl > from && token.text[nl - 1] == '\r';
      if (piece.find_first_not_of(" \t") != std::string::npos)
        blank = false;
      line.push_back(piece);
      if (crlf && !(blank && tagged))
        line.push_back("\r");
      flush(true);
      from = nl + 1;
    }
    std::string rest = token.text.substr(from);
    if (rest.find_first_not_of(" \t") != std::string::npos)
      blank = false;
    line.push_back(std::move(rest));
  }
  flush(false);
  return out;
}

// The offset of the first control character of `text` other than tab, line feed and carriage
// return (C0, DEL, and C1 as UTF-8), or nullopt: a template's own text reaches the terminal as
// it is, so it may not hold an escape sequence (a portfolio's template comes in pull requests).
std::optional<std::size_t> control_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return i;
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F)
        return i;
    }
  }
  return std::nullopt;
}

unsigned control_code(std::string_view text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  return c == 0xC2 ? static_cast<unsigned char>(text[at + 1]) : c;
}

struct Partials {
  const PartialLookup& lookup;
  Lang lang;
  std::map<std::string, std::string> loaded; // name -> its text, checked
};

// Checks `file` and, depth first, every partial it names (loading it), so that rendering cannot
// meet a fault: kainjow would render an unknown partial as nothing and recurse without end.
void check(const TemplateText& file, Partials& partials, std::vector<std::string>& stack) {
  if (const auto control = control_at(file.text))
    refuse(file, position_in(file.text, *control),
           tr(partials.lang,
              "a control character (U+{:04X}) in the template: a report must not carry escape "
              "sequences to a terminal",
              "模板中有控制字符（U+{:04X}）：报告中不得含有会发往终端的转义序列",
              control_code(file.text, *control)),
           partials.lang);
  const mus::mustache parsed{file.text};
  if (!parsed.is_valid())
    refuse_parse(file, parsed.error_message(), partials.lang);
  for (const auto& tag : partial_tags(file.text)) {
    const Lang lang = partials.lang;
    const TextPosition at = position_in(file.text, tag.offset);
    if (!is_partial_name(tag.name))
      refuse(file, at,
             tr(lang, "'{}' cannot name a partial (letters, digits, '.', '_' and '-')",
                "“{}”不能作为子模板名（只允许字母、数字、“.”、“_”和“-”）", tag.name),
             lang);
    if (std::find(stack.begin(), stack.end(), tag.name) != stack.end())
      refuse(file, at, tr(lang, "partial '{}' includes itself", "子模板“{}”包含了自身", tag.name),
             lang);
    if (static_cast<int>(stack.size()) >= k_max_partial_depth)
      refuse(file, at,
             tr(lang, "partials nest deeper than {}", "子模板嵌套超过 {} 层", k_max_partial_depth),
             lang);
    if (partials.loaded.count(tag.name))
      continue;
    const auto found = partials.lookup(tag.name);
    if (!found)
      refuse(file, at,
             tr(lang,
                "no partial '{}' ({}.md.mustache): not beside the template, nor in the "
                "portfolio's .pmo/templates/, nor built in",
                "没有子模板“{}”（{}.md.mustache）：模板旁、项目组合的 .pmo/templates/ "
                "及内置模板中均没有",
                tag.name, tag.name),
             lang);
    stack.push_back(tag.name);
    check(*found, partials, stack);
    stack.pop_back();
    partials.loaded.emplace(tag.name, found->text);
  }
}

// The view, with partials from the checked set only.
class TemplateContext final : public mus::context<std::string> {
public:
  TemplateContext(const mus::data* view, const std::map<std::string, mus::data>& partials)
      : mus::context<std::string>(view), m_partials(partials) {}
  const mus::data* get_partial(const std::string& name) const override {
    const auto it = m_partials.find(name);
    return it == m_partials.end() ? nullptr : &it->second;
  }

private:
  const std::map<std::string, mus::data>& m_partials;
};

} // namespace

TextPosition position_in(std::string_view text, std::size_t offset) {
  TextPosition at;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((c & 0xC0) != 0x80) { // not a UTF-8 continuation byte
      ++at.column;
    }
  }
  return at;
}

bool is_partial_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.size() > 100)
    return false;
  for (char c : name)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
          c == '_' || c == '-'))
      return false;
  return true;
}

CheckedTemplate check_report_template(const TemplateText& main, const PartialLookup& partials,
                                      Lang lang) {
  Partials checked{partials, lang, {}};
  std::vector<std::string> stack;
  check(main, checked, stack);
  CheckedTemplate out{main, std::move(checked.loaded), Names{}};
  bool known = add_names(out.main.text, *out.names);
  for (const auto& [name, text] : out.partials)
    known = add_names(text, *out.names) && known;
  if (!known)
    out.names.reset();
  return out;
}

std::string render_report_template(const CheckedTemplate& checked, const json& view, Lang lang) {
  mus::mustache tmpl{standalone_lines(checked.main.text)};
  tmpl.set_custom_escape([](const std::string& text) { return report::md_text(text); });
  std::map<std::string, mus::data> partials;
  for (const auto& [name, text] : checked.partials)
    partials.emplace(name, mus::data{standalone_lines(text)});
  mus::data data = to_data(view, checked.names ? &*checked.names : nullptr);
  if (data.is_object())
    data[k_newline_key] = mus::data{std::string{"\n"}};
  TemplateContext ctx{&data, partials};
  std::string out = tmpl.render(ctx);
  if (!tmpl.is_valid())
    refuse(checked.main, {0, 0}, tmpl.error_message(), lang);
  return out;
}

std::string render_report_template(const TemplateText& main, const PartialLookup& partials,
                                   const json& view, Lang lang) {
  return render_report_template(check_report_template(main, partials, lang), view, lang);
}

} // namespace pmo::cli
