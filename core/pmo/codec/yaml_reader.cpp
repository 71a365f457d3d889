#include <pmo/codec/yaml_reader.hpp>

#include <map>
#include <memory>
#include <optional>
#include <vector>
#include <yaml.h>

namespace pmo::codec {
struct TreeAccess {}; // the key to YAML::as_if<TreeAccess, TreeAccess> below
} // namespace pmo::codec

namespace YAML {
// The checking pass builds the tree itself, as yaml-cpp's NodeBuilder does (not installed), so
// each file is parsed once. A Node over a built detail::node needs Node's private constructor,
// which yaml-cpp opens to its friend `as_if`; this specialisation for pmo's own key type is the
// only use of it.
template <> struct as_if<pmo::codec::TreeAccess, pmo::codec::TreeAccess> {
  static Node node(detail::node& root, const detail::shared_memory_holder& memory) {
    return Node(root, memory);
  }
};
} // namespace YAML

namespace pmo::codec {

namespace {

using model::Finding;
using model::Lang;
using model::pick;
using model::tr;

Finding make_finding(const std::string& file, int line, int column, const char* code,
                     std::string message) {
  Finding f;
  f.severity = model::Severity::error;
  f.where = model::Location{file, line, column};
  f.code = code;
  f.message = std::move(message);
  return f;
}

Finding finding_at(const std::string& file, const YAML::Mark& mark, const char* code,
                   std::string message) {
  if (mark.is_null())
    return make_finding(file, 0, 0, code, std::move(message));
  return make_finding(file, mark.line + 1, mark.column + 1, code, std::move(message));
}

// Thrown from the event handler to stop the parser at the first problem.
struct Rejected {
  Finding finding;
};

// The first byte sequence that may not appear in a record: NUL and other control characters
// (tab, LF and CR before LF excepted), a lone CR (yaml-cpp silently drops it, joining lines),
// and anything that is not well-formed UTF-8.
std::optional<Finding> check_encoding(std::string_view text, const std::string& file, Lang lang) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t bom = 0;
  if (size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    bom = 3; // yaml-cpp skips it; columns of line 1 start after it
  int line = 1;
  std::size_t line_start = bom;
  auto fail = [&](std::size_t at, std::string message) {
    return make_finding(file, line, static_cast<int>(at - line_start) + 1, "yaml-encoding",
                        std::move(message));
  };
  for (std::size_t i = bom; i < size;) {
    const unsigned char c = bytes[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (c < 0x80) {
      if (c == 0)
        return fail(i, pick(lang, "a NUL byte: records are UTF-8 text",
                            "出现 NUL 字节：记录必须是 UTF-8 文本"));
      if (c == '\r' && (i + 1 >= size || bytes[i + 1] != '\n'))
        return fail(i, pick(lang, "a carriage return not followed by a line feed",
                            "回车符（CR）后没有换行符（LF）"));
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F)
        return fail(i, tr(lang, "control character U+{:04X} is not allowed",
                          "不允许使用控制字符 U+{:04X}", static_cast<unsigned>(c)));
      ++i;
      continue;
    }
    // Well-formed UTF-8 (Unicode 15, table 3-7): no overlongs, surrogates or > U+10FFFF.
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;
      if (c == 0xED)
        hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;
      if (c == 0xF4)
        hi = 0x8F;
    }
    bool ok = len != 0 && i + len <= size;
    for (std::size_t k = 1; ok && k < len; ++k) {
      const unsigned char cc = bytes[i + k];
      ok = k == 1 ? (cc >= lo && cc <= hi) : (cc >= 0x80 && cc <= 0xBF);
    }
    if (!ok)
      return fail(i, tr(lang, "invalid UTF-8 (byte 0x{:02X}): records are UTF-8 text",
                        "无效的 UTF-8 编码（字节 0x{:02X}）：记录必须是 UTF-8 文本",
                        static_cast<unsigned>(c)));
    if (len == 2) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (bytes[i + 1] & 0x3Fu);
      if (cp < 0xA0) // C1 controls, NEL included
        return fail(i, tr(lang, "control character U+{:04X} is not allowed",
                          "不允许使用控制字符 U+{:04X}", cp));
    }
    if (len == 3 && c == 0xE2 && bytes[i + 1] == 0x80 && (bytes[i + 2] & 0xFE) == 0xA8) {
      // U+2028/U+2029 end a line for YAML 1.1 (libyaml) but not for 1.2 or editors: a value
      // would be cut where it shows no break. pmo writes them as \u2028 in double quotes.
      const unsigned cp = bytes[i + 2] == 0xA8 ? 0x2028u : 0x2029u;
      return fail(i, tr(lang,
                        "U+{:04X} (a Unicode line or paragraph separator) is not allowed: use a "
                        "line break, or write \\u{:04X} inside double quotes",
                        "不允许使用 U+{:04X}（Unicode 行/段分隔符）：请换行，或在双引号内写作 "
                        "\\u{:04X}",
                        cp, cp));
    }
    i += len;
  }
  return std::nullopt;
}

// The one pass: sees every event of the stream, refuses what records never need, and builds
// the tree from the rest as yaml-cpp's NodeBuilder (what YAML::Load uses) does. The events come
// from libyaml (read_events below), four times faster than yaml-cpp's own scanner; anchors are
// refused there, before a node is built.
class Guard {
public:
  Guard(const std::string& file, const ReadLimits& limits, Lang lang)
      : m_file(file), m_limits(limits), m_lang(lang),
        m_memory(std::make_shared<YAML::detail::memory_holder>()) {}

  // The first document's tree; a Null node when the stream held none.
  YAML::Node root() const {
    if (m_root == nullptr)
      return YAML::Node();
    return YAML::as_if<TreeAccess, TreeAccess>::node(*m_root, m_memory);
  }

  void OnDocumentStart(const YAML::Mark& mark) {
    ++m_documents;
    if (m_documents == 1)
      return;
    reject(mark, "yaml-multi-document",
           pick(m_lang, "a second YAML document ('---'): a record is one document",
                "出现第二个 YAML 文档（“---”）：一个记录只能是一个文档"));
  }
  void OnNull(const YAML::Mark& mark) {
    node(mark);
    if (expecting_key())
      key(mark, nullptr);
    else
      complete();
    push(mark).set_null();
    pop();
  }

  void OnAlias(const YAML::Mark& mark) {
    reject(mark, "yaml-alias",
           pick(m_lang, "aliases (*name) are not allowed in records",
                "记录中不允许使用别名（*name）"));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, const std::string& value) {
    node(mark);
    if (expecting_key())
      key(mark, &value);
    else
      complete();
    YAML::detail::node& built = push(mark);
    built.set_scalar(value);
    built.set_tag(tag);
    pop();
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag,
                       YAML::EmitterStyle::value style) {
    open(mark, false);
    YAML::detail::node& built = push(mark);
    built.set_tag(tag);
    built.set_type(YAML::NodeType::Sequence);
    built.set_style(style);
  }
  void OnSequenceEnd() {
    close();
    pop();
  }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::EmitterStyle::value style) {
    open(mark, true);
    YAML::detail::node& built = push(mark);
    built.set_type(YAML::NodeType::Map);
    built.set_tag(tag);
    built.set_style(style);
    ++m_map_depth;
  }
  void OnMapEnd() {
    close();
    --m_map_depth;
    pop();
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) {
    reject(mark, "yaml-alias",
           tr(m_lang, "anchors (&{}) are not allowed in records", "记录中不允许使用锚点（&{}）",
              name));
  }

private:
  struct Frame {
    bool is_map = false;
    bool expect_key = true;
    std::map<std::string, YAML::Mark> keys;
    std::optional<YAML::Mark> null_key;
  };

  [[noreturn]] void reject(const YAML::Mark& mark, const char* code, std::string message) const {
    throw Rejected{finding_at(m_file, mark, code, std::move(message))};
  }

  bool expecting_key() const {
    return !m_stack.empty() && m_stack.back().is_map && m_stack.back().expect_key;
  }

  void node(const YAML::Mark& mark) {
    if (++m_nodes > m_limits.max_nodes)
      reject(mark, "yaml-limit",
             tr(m_lang, "more than {} YAML nodes: a record is never this large",
                "YAML 节点超过 {} 个：记录不会这么大", m_limits.max_nodes));
  }

  void key(const YAML::Mark& mark, const std::string* scalar) {
    Frame& frame = m_stack.back();
    if (scalar) {
      auto [it, inserted] = frame.keys.emplace(*scalar, mark);
      if (!inserted)
        reject(mark, "yaml-duplicate-key",
               tr(m_lang, "duplicate key '{}' (first written on line {})",
                  "键“{}”重复（首次出现在第 {} 行）", *scalar, it->second.line + 1));
    } else {
      if (frame.null_key)
        reject(mark, "yaml-duplicate-key",
               tr(m_lang, "duplicate empty key (first written on line {})",
                  "空键重复（首次出现在第 {} 行）", frame.null_key->line + 1));
      frame.null_key = mark;
    }
    frame.expect_key = false;
  }

  // A node ended: in a mapping, the next node is a key again.
  void complete() {
    if (!m_stack.empty() && m_stack.back().is_map)
      m_stack.back().expect_key = !m_stack.back().expect_key;
  }

  void open(const YAML::Mark& mark, bool is_map) {
    node(mark);
    if (expecting_key())
      reject(mark, "yaml-syntax",
             pick(m_lang, "a mapping key must be text (complex keys are not supported)",
                  "映射的键必须是文本（不支持复杂键）"));
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth)
      reject(mark, "yaml-limit",
             tr(m_lang, "nesting deeper than {} levels", "嵌套超过 {} 层", m_limits.max_depth));
    Frame frame;
    frame.is_map = is_map;
    m_stack.push_back(std::move(frame));
  }

  void close() {
    if (!m_stack.empty())
      m_stack.pop_back();
    complete();
  }

  // Building, as NodeBuilder::Push and Pop do: a node is added to its parent when it ends; in a
  // mapping, a key waits in m_keys for its value.
  YAML::detail::node& push(const YAML::Mark& mark) {
    YAML::detail::node& built = m_memory->create_node();
    built.set_mark(mark);
    m_built.push_back(&built);
    return built;
  }

  void pop() {
    YAML::detail::node& built = *m_built.back();
    m_built.pop_back();
    if (m_built.empty()) {
      if (m_root == nullptr)
        m_root = &built; // the first document's; a second one is rejected before it ends
      return;
    }
    YAML::detail::node& parent = *m_built.back();
    if (parent.type() == YAML::NodeType::Sequence) {
      parent.push_back(built, m_memory);
    } else if (parent.type() == YAML::NodeType::Map) {
      if (m_keys.empty() || m_keys.back().second < m_map_depth) {
        m_keys.emplace_back(&built, m_map_depth);
      } else {
        parent.insert(*m_keys.back().first, built, m_memory);
        m_keys.pop_back();
      }
    }
  }

  const std::string& m_file;
  const ReadLimits& m_limits;
  Lang m_lang;
  std::vector<Frame> m_stack;
  std::size_t m_nodes = 0;
  int m_documents = 0;
  YAML::detail::shared_memory_holder m_memory;
  std::vector<YAML::detail::node*> m_built;
  std::vector<std::pair<YAML::detail::node*, int>> m_keys; // a key and its mapping's depth
  int m_map_depth = 0;
  YAML::detail::node* m_root = nullptr;
};

// libyaml counts columns in characters; findings and node marks count them in bytes (as editors'
// byte columns and yaml-cpp do). Lines agree: of libyaml's line breaks, check_encoding lets only
// LF and CRLF through. Marks arrive in text order, so a cursor walks the text once; an earlier
// mark (an error's context) restarts it from the top.
class Positions {
public:
  Positions(std::string_view text, std::size_t bom) : m_text(text), m_bom(bom) { reset(); }

  YAML::Mark mark(const yaml_mark_t& at) {
    if (at.line < m_line || (at.line == m_line && at.column < m_column))
      reset();
    const auto* bytes = reinterpret_cast<const unsigned char*>(m_text.data());
    while (m_offset < m_text.size() &&
           (m_line < at.line || (m_line == at.line && m_column < at.column))) {
      const unsigned char c = bytes[m_offset];
      if (c == '\n' || (c == '\r' && m_offset + 1 < m_text.size() && bytes[m_offset + 1] == '\n')) {
        m_offset += c == '\r' ? 2 : 1;
        ++m_line;
        m_column = 0;
        m_line_start = m_offset;
        continue;
      }
      m_offset += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; // well-formed: checked
      ++m_column;
    }
    YAML::Mark mark;
    mark.pos = static_cast<int>(m_offset);
    mark.line = static_cast<int>(m_line);
    mark.column = static_cast<int>(m_offset - m_line_start);
    return mark;
  }

private:
  void reset() {
    m_offset = m_line_start = m_bom;
    m_line = m_column = 0;
  }

  std::string_view m_text;
  std::size_t m_bom;
  std::size_t m_offset = 0;     // bytes from the start of the text
  std::size_t m_line_start = 0; // the offset of the current line's first byte
  std::size_t m_line = 0;       // 0-based, as libyaml counts
  std::size_t m_column = 0;     // in characters, as libyaml counts
};

struct ParserDeleter {
  void operator()(yaml_parser_t* parser) const {
    yaml_parser_delete(parser);
    delete parser;
  }
};

struct Event {
  yaml_event_t event{};
  ~Event() { yaml_event_delete(&event); }
};

std::string text_of(const yaml_char_t* text) {
  return text ? std::string{reinterpret_cast<const char*>(text)} : std::string{};
}

// yaml-cpp's tags for what the text leaves untagged: "?" plain, "!" quoted or block text.
std::string tag_of(const yaml_char_t* tag, bool plain) {
  if (tag)
    return text_of(tag);
  return plain ? "?" : "!";
}

bool is_null_text(std::string_view value) {
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

Finding syntax_error(const yaml_parser_t& parser, Positions& positions, const std::string& file,
                     Lang lang) {
  if (parser.error == YAML_MEMORY_ERROR)
    return make_finding(file, 0, 0, "yaml-limit",
                        pick(lang, "out of memory while reading YAML", "读取 YAML 时内存不足"));
  std::string problem = parser.problem ? parser.problem : "malformed YAML";
  const YAML::Mark at = positions.mark(parser.problem_mark);
  if (parser.context) {
    const YAML::Mark context = positions.mark(parser.context_mark);
    problem += tr(lang, " ({} that starts on line {})", "（{}，起于第 {} 行）", parser.context,
                  context.line + 1);
  }
  return finding_at(file, at, "yaml-syntax",
                    tr(lang, "YAML syntax error: {}", "YAML 语法错误：{}", problem));
}

// Feeds libyaml's events to the guard; the first problem ends the parse.
YAML::Node read_events(std::string_view text, std::size_t bom, Guard& guard,
                       const std::string& file, Lang lang) {
  std::unique_ptr<yaml_parser_t, ParserDeleter> parser{new yaml_parser_t{}};
  if (!yaml_parser_initialize(parser.get()))
    throw Rejected{
        make_finding(file, 0, 0, "yaml-limit",
                     pick(lang, "out of memory while reading YAML", "读取 YAML 时内存不足"))};
  yaml_parser_set_input_string(parser.get(), reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  Positions positions{text, bom};
  for (;;) {
    Event e;
    if (!yaml_parser_parse(parser.get(), &e.event))
      throw Rejected{syntax_error(*parser, positions, file, lang)};
    const yaml_event_t& event = e.event;
    switch (event.type) {
    case YAML_STREAM_END_EVENT:
      return guard.root();
    case YAML_DOCUMENT_START_EVENT:
      guard.OnDocumentStart(positions.mark(event.start_mark));
      break;
    case YAML_ALIAS_EVENT:
      guard.OnAlias(positions.mark(event.start_mark));
      break;
    case YAML_SCALAR_EVENT: {
      const YAML::Mark mark = positions.mark(event.start_mark);
      const auto& scalar = event.data.scalar;
      if (scalar.anchor)
        guard.OnAnchor(mark, text_of(scalar.anchor));
      const std::string_view value{reinterpret_cast<const char*>(scalar.value), scalar.length};
      const bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
      if (plain && !scalar.tag && is_null_text(value))
        guard.OnNull(mark);
      else
        guard.OnScalar(mark, tag_of(scalar.tag, plain), std::string{value});
      break;
    }
    case YAML_SEQUENCE_START_EVENT: {
      const YAML::Mark mark = positions.mark(event.start_mark);
      const auto& start = event.data.sequence_start;
      if (start.anchor)
        guard.OnAnchor(mark, text_of(start.anchor));
      guard.OnSequenceStart(mark, tag_of(start.tag, true),
                            start.style == YAML_FLOW_SEQUENCE_STYLE ? YAML::EmitterStyle::Flow
                                                                    : YAML::EmitterStyle::Block);
      break;
    }
    case YAML_SEQUENCE_END_EVENT:
      guard.OnSequenceEnd();
      break;
    case YAML_MAPPING_START_EVENT: {
      const YAML::Mark mark = positions.mark(event.start_mark);
      const auto& start = event.data.mapping_start;
      if (start.anchor)
        guard.OnAnchor(mark, text_of(start.anchor));
      guard.OnMapStart(mark, tag_of(start.tag, true),
                       start.style == YAML_FLOW_MAPPING_STYLE ? YAML::EmitterStyle::Flow
                                                              : YAML::EmitterStyle::Block);
      break;
    }
    case YAML_MAPPING_END_EVENT:
      guard.OnMapEnd();
      break;
    default: // stream start, document end, no event
      break;
    }
  }
}

} // namespace

std::variant<YAML::Node, model::Finding> parse_yaml(std::string_view text, const std::string& file,
                                                    const ReadLimits& limits, model::Lang lang) {
  if (text.size() > limits.max_bytes)
    return make_finding(file, 0, 0, "yaml-limit",
                        tr(lang, "{} bytes, more than the {} bytes a record may have",
                           "文件有 {} 字节，超过记录允许的 {} 字节", text.size(),
                           limits.max_bytes));
  if (auto bad = check_encoding(text, file, lang))
    return *bad;
  const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0; // libyaml skips it

  try {
    Guard guard{file, limits, lang};
    return read_events(text, bom, guard, file, lang);
  } catch (const Rejected& r) {
    return r.finding;
  } catch (const std::exception& e) {
    return make_finding(file, 0, 0, "yaml-syntax",
                        tr(lang, "YAML syntax error: {}", "YAML 语法错误：{}", e.what()));
  }
}

model::Location location_of(const YAML::Node& node, const std::string& file) {
  if (!node.IsDefined())
    return model::Location{file, 0, 0};
  const YAML::Mark mark = node.Mark();
  if (mark.is_null())
    return model::Location{file, 0, 0};
  return model::Location{file, mark.line + 1, mark.column + 1};
}

} // namespace pmo::codec
