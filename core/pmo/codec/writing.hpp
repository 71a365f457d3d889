#pragma once
// How the encoders write YAML (inside the codec only): scalars that read back as the same text,
// and a writer of the canonical layout.

#include <pmo/model/records.hpp>

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::codec::detail {

// `text` as a YAML scalar: plain when it reads back as the same text, double-quoted with escapes
// otherwise; `flow`: inside a flow collection ([a, b] or {k: v}).
std::string scalar(std::string_view text, bool flow = false);
// Multi-line text that reads well as a literal block ("|" or "|-").
bool literal_safe(std::string_view text);
// A number as written: whole numbers without a decimal point.
std::string format_number(double value);
std::string quorum_text(const model::Quorum& quorum);

class Writer {
public:
  void comment(std::string_view text) { m_out += fmt::format("# {}\n", text); }
  // Lines already rendered, with their newlines (a record's schema modeline).
  void verbatim(std::string_view lines) { m_out += lines; }
  void blank() { m_out += '\n'; }

  // key: <already rendered value>
  void raw(int indent, std::string_view key, std::string_view value) {
    m_out += fmt::format("{:{}}{}: {}\n", "", indent, key, value);
  }
  void heading(int indent, std::string_view key) {
    m_out += fmt::format("{:{}}{}:\n", "", indent, key);
  }

  void text(int indent, std::string_view key, std::string_view value) {
    if (value.empty())
      return;
    if (literal_safe(value)) {
      m_out += fmt::format("{:{}}{}: {}\n", "", indent, key, value.ends_with('\n') ? "|" : "|-");
      block_lines(indent + 2, value);
    } else {
      raw(indent, key, scalar(value));
    }
  }

  // A list of text, one item a line.
  void text_list(int indent, std::string_view key, const std::vector<std::string>& items) {
    if (items.empty())
      return;
    heading(indent, key);
    for (const auto& item : items) {
      if (literal_safe(item)) {
        m_out += fmt::format("{:{}}- {}\n", "", indent + 2, item.ends_with('\n') ? "|" : "|-");
        block_lines(indent + 4, item);
      } else {
        m_out += fmt::format("{:{}}- {}\n", "", indent + 2, scalar(item));
      }
    }
  }

  // A list of ids, on one line when it fits.
  void id_list(int indent, std::string_view key, const std::vector<std::string>& items) {
    if (items.empty())
      return;
    std::string flow;
    for (const auto& item : items)
      flow += (flow.empty() ? "" : ", ") + scalar(item, true);
    flow = "[" + flow + "]";
    if (static_cast<std::size_t>(indent) + key.size() + 2 + flow.size() <= 100) {
      raw(indent, key, flow);
      return;
    }
    heading(indent, key);
    for (const auto& item : items)
      m_out += fmt::format("{:{}}- {}\n", "", indent + 2, scalar(item));
  }

  void number(int indent, std::string_view key, const std::optional<double>& value) {
    if (value)
      raw(indent, key, format_number(*value));
  }
  void date(int indent, std::string_view key, const std::optional<model::Date>& value) {
    if (value)
      raw(indent, key, model::format_date(*value));
  }

  void local_text(int indent, std::string_view key, const model::LocalText& value) {
    if (value.zh.empty() && value.en.empty())
      return;
    if (value.zh == value.en) {
      raw(indent, key, scalar(value.zh));
      return;
    }
    std::string flow;
    if (!value.zh.empty())
      flow += "zh: " + scalar(value.zh, true);
    if (!value.en.empty())
      flow += (flow.empty() ? "en: " : ", en: ") + scalar(value.en, true);
    raw(indent, key, "{" + flow + "}");
  }

  // Appends `item` (written at indent + 2) as an item of a block list at `indent`.
  void list_item(int indent, const Writer& item) {
    std::string text = item.m_out;
    const std::size_t skip = static_cast<std::size_t>(indent) + 2;
    m_out += fmt::format("{:{}}- {}", "", indent, std::string_view{text}.substr(skip));
  }

  std::string str() && { return std::move(m_out); }

private:
  void block_lines(int indent, std::string_view value) {
    if (value.ends_with('\n'))
      value.remove_suffix(1);
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find('\n', start);
      if (end == std::string_view::npos)
        end = value.size();
      std::string_view line = value.substr(start, end - start);
      if (line.empty())
        m_out += '\n';
      else
        m_out += fmt::format("{:{}}{}\n", "", indent, line);
      start = end + 1;
    }
  }

  std::string m_out;
};

} // namespace pmo::codec::detail
