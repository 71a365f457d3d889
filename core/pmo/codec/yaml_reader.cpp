#include <pmo/codec/yaml_reader.hpp>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

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
    i += len;
  }
  return std::nullopt;
}

// The one pass: sees every event of the stream, refuses what records never need, and builds
// the tree from the rest as yaml-cpp's NodeBuilder (what YAML::Load uses) does.
class Guard final : public YAML::EventHandler {
public:
  Guard(const std::string& file, const ReadLimits& limits, Lang lang, std::string_view text)
      : m_file(file), m_limits(limits), m_lang(lang), m_text(text),
        m_memory(std::make_shared<YAML::detail::memory_holder>()) {}

  // The first document's tree; a Null node when the stream held none.
  YAML::Node root() const {
    if (m_root == nullptr)
      return YAML::Node();
    return YAML::as_if<TreeAccess, TreeAccess>::node(*m_root, m_memory);
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++m_documents;
    if (m_documents == 1) {
      m_first_document = mark;
      return;
    }
    if (mark.pos == m_first_document.pos) {
      // yaml-cpp made no progress (",": upstream #1040); it would report empty documents forever.
      reject(mark, "yaml-syntax",
             tr(m_lang, "YAML syntax error: unexpected '{}'", "YAML 语法错误：意外的“{}”",
                character_at(mark.pos)));
    }
    reject(mark, "yaml-multi-document",
           pick(m_lang, "a second YAML document ('---'): a record is one document",
                "出现第二个 YAML 文档（“---”）：一个记录只能是一个文档"));
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    node(mark, anchor);
    if (expecting_key())
      key(mark, nullptr);
    else
      complete();
    push(mark).set_null();
    pop();
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override {
    reject(mark, "yaml-alias",
           pick(m_lang, "aliases (*name) are not allowed in records",
                "记录中不允许使用别名（*name）"));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    node(mark, anchor);
    if (expecting_key())
      key(mark, &value);
    else
      complete();
    YAML::detail::node& built = push(mark);
    built.set_scalar(value);
    built.set_tag(tag);
    pop();
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, anchor, false);
    YAML::detail::node& built = push(mark);
    built.set_tag(tag);
    built.set_type(YAML::NodeType::Sequence);
    built.set_style(style);
  }
  void OnSequenceEnd() override {
    close();
    pop();
  }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, anchor, true);
    YAML::detail::node& built = push(mark);
    built.set_type(YAML::NodeType::Map);
    built.set_tag(tag);
    built.set_style(style);
    ++m_map_depth;
  }
  void OnMapEnd() override {
    close();
    --m_map_depth;
    pop();
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
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

  std::string character_at(int pos) const {
    if (pos < 0 || static_cast<std::size_t>(pos) >= m_text.size())
      return "?";
    std::size_t at = static_cast<std::size_t>(pos);
    std::size_t len = 1;
    while (at + len < m_text.size() &&
           (static_cast<unsigned char>(m_text[at + len]) & 0xC0) == 0x80)
      ++len;
    return std::string{m_text.substr(at, len)};
  }

  bool expecting_key() const {
    return !m_stack.empty() && m_stack.back().is_map && m_stack.back().expect_key;
  }

  void node(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor)
      reject(mark, "yaml-alias",
             pick(m_lang, "anchors are not allowed in records", "记录中不允许使用锚点"));
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

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    node(mark, anchor);
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
  std::string_view m_text;
  std::vector<Frame> m_stack;
  std::size_t m_nodes = 0;
  int m_documents = 0;
  YAML::Mark m_first_document;
  YAML::detail::shared_memory_holder m_memory;
  std::vector<YAML::detail::node*> m_built;
  std::vector<std::pair<YAML::detail::node*, int>> m_keys; // a key and its mapping's depth
  int m_map_depth = 0;
  YAML::detail::node* m_root = nullptr;
};

Finding from_yaml_error(const YAML::Exception& e, const std::string& file, Lang lang) {
  if (e.msg.find("anchor") != std::string::npos || e.msg.find("alias") != std::string::npos)
    return finding_at(file, e.mark, "yaml-alias",
                      tr(lang, "anchors and aliases are not allowed in records ({})",
                         "记录中不允许使用锚点和别名（{}）", e.msg));
  return finding_at(file, e.mark, "yaml-syntax",
                    tr(lang, "YAML syntax error: {}", "YAML 语法错误：{}", e.msg));
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

  const std::string owned{text};
  try {
    std::istringstream in{owned};
    YAML::Parser parser{in};
    Guard guard{file, limits, lang, owned};
    if (parser.HandleNextDocument(guard))
      parser.HandleNextDocument(guard); // any second document is rejected by the guard
    return guard.root();
  } catch (const Rejected& r) {
    return r.finding;
  } catch (const YAML::DeepRecursion& e) {
    return finding_at(file, e.mark, "yaml-limit", pick(lang, "nesting too deep", "嵌套层数过多"));
  } catch (const YAML::Exception& e) {
    return from_yaml_error(e, file, lang);
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
