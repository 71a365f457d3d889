#include <pmo/codec/records.hpp>
#include <pmo/codec/scalar.hpp>
#include <pmo/codec/yaml_reader.hpp>
#include <pmo/model/ids.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <regex>
#include <utility>

namespace pmo::codec {

namespace {

using model::FieldLocations;
using model::Finding;
using model::Lang;
using model::Location;
using model::pick;
using model::Severity;
using model::tr;

// ---------------------------------------------------------------------------------------------
// Decoding

struct Ctx {
  const std::string& file;
  Lang lang;
  std::vector<Finding>& findings;

  Location loc(const YAML::Node& node) const { return location_of(node, file); }
  void error(Location at, const char* code, std::string message) {
    findings.push_back(Finding{Severity::error, std::move(at), code, std::move(message)});
  }
  void warning(Location at, const char* code, std::string message) {
    findings.push_back(Finding{Severity::warning, std::move(at), code, std::move(message)});
  }
};

// One field as written.
struct Field {
  std::string path; // "business_case.cost_estimate"
  YAML::Node value;
  Location at; // of the value; of the key when the value is empty
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string describe(Ctx& ctx, const YAML::Node& node) {
  if (node.IsSequence())
    return pick(ctx.lang, "a list", "列表");
  if (node.IsMap())
    return pick(ctx.lang, "a mapping", "映射");
  if (node.IsScalar())
    return fmt::format(fmt::runtime(pick(ctx.lang, "'{}'", "“{}”")), node.Scalar());
  return pick(ctx.lang, "empty", "空值");
}

// The fields of a mapping. Unknown keys are warnings; where each field was written goes into
// `where` under prefix + key.
class Map {
public:
  Map(Ctx& ctx, const YAML::Node& node, std::string prefix, FieldLocations& where,
      std::initializer_list<std::string_view> known)
      : m_ctx(ctx), m_at(ctx.loc(node)), m_prefix(std::move(prefix)) {
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar()) {
        ctx.error(ctx.loc(key), "wrong-type",
                  pick(ctx.lang, "a field name must be text", "字段名必须是文本"));
        continue;
      }
      const std::string& name = key.Scalar();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        unknown(key, name, known);
        continue;
      }
      Field field;
      field.path = path(name);
      field.value = entry.second;
      field.at = entry.second.IsNull() ? ctx.loc(key) : ctx.loc(entry.second);
      where.set(field.path, field.at);
      m_fields.emplace_back(name, std::move(field));
    }
  }

  // The field when written (even if empty).
  const Field* get(std::string_view name) const {
    for (const auto& [key, field] : m_fields)
      if (key == name)
        return &field;
    return nullptr;
  }

  // The field when written with a value; reports it missing otherwise.
  const Field* require(std::string_view name) const {
    const Field* field = get(name);
    if (!field || field->value.IsNull()) {
      m_ctx.error(field ? field->at : m_at, "missing-field",
                  tr(m_ctx.lang, "missing required field '{}'", "缺少必填字段“{}”", path(name)));
      return nullptr;
    }
    return field;
  }

  std::string path(std::string_view name) const {
    return m_prefix.empty() ? std::string{name} : m_prefix + "." + std::string{name};
  }
  const Location& at() const { return m_at; }

private:
  void unknown(const YAML::Node& key, const std::string& name,
               std::initializer_list<std::string_view> known) {
    std::string_view best;
    std::size_t best_distance = 3;
    for (auto candidate : known) {
      const std::size_t d = edit_distance(name, candidate);
      if (d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    }
    std::string hint;
    if (!best.empty())
      hint = tr(m_ctx.lang, " (did you mean '{}'?)", "（是否应为“{}”？）", best);
    m_ctx.warning(m_ctx.loc(key), "unknown-field",
                  tr(m_ctx.lang, "unknown field '{}'{}", "未知字段“{}”{}", path(name), hint));
  }

  Ctx& m_ctx;
  Location m_at;
  std::string m_prefix;
  std::vector<std::pair<std::string, Field>> m_fields;
};

// Findings in the order of the file; the record's field locations trimmed, as it is kept.
template <class T> Decoded<T> finish(Decoded<T> decoded) {
  decoded.value.where.shrink_to_fit();
  std::stable_sort(
      decoded.findings.begin(), decoded.findings.end(), [](const Finding& a, const Finding& b) {
        return std::pair{a.where.line, a.where.column} < std::pair{b.where.line, b.where.column};
      });
  return decoded;
}

// Parses the file; the top level must be a mapping.
std::optional<YAML::Node> parse_root(Ctx& ctx, std::string_view text) {
  auto parsed = parse_yaml(text, ctx.file, {}, ctx.lang);
  if (auto* finding = std::get_if<Finding>(&parsed)) {
    ctx.findings.push_back(std::move(*finding));
    return std::nullopt;
  }
  YAML::Node root = std::get<YAML::Node>(parsed);
  if (root.IsNull()) {
    ctx.error(Location{ctx.file, 1, 1}, "empty-file",
              pick(ctx.lang, "the file is empty: a record is a mapping of fields (name: value)",
                   "文件为空：记录应由字段组成（名称: 值）"));
    return std::nullopt;
  }
  if (!root.IsMap()) {
    ctx.error(ctx.loc(root), "wrong-type",
              tr(ctx.lang, "the file must be a mapping of fields (name: value), not {}",
                 "文件必须由字段组成（名称: 值），而不是{}", describe(ctx, root)));
    return std::nullopt;
  }
  return root;
}

// Text: any scalar; an empty value is absent.
std::optional<std::string> text_of(Ctx& ctx, const Field& field) {
  if (field.value.IsNull())
    return std::nullopt;
  if (!field.value.IsScalar()) {
    ctx.error(field.at, "wrong-type",
              tr(ctx.lang, "{} must be text, not {}", "{} 必须是文本，而不是{}", field.path,
                 describe(ctx, field.value)));
    return std::nullopt;
  }
  return field.value.Scalar();
}

void read_text(Ctx& ctx, const Map& map, std::string_view name, std::string& out) {
  if (const Field* field = map.get(name))
    if (auto text = text_of(ctx, *field))
      out = std::move(*text);
}

void require_text(Ctx& ctx, const Map& map, std::string_view name, std::string& out) {
  const Field* field = map.require(name);
  if (!field)
    return;
  if (auto text = text_of(ctx, *field)) {
    if (text->empty())
      ctx.error(field->at, "missing-field",
                tr(ctx.lang, "missing required field '{}'", "缺少必填字段“{}”", field->path));
    out = std::move(*text);
  }
}

bool check_id(Ctx& ctx, const std::string& id, const std::string& path, const Location& at) {
  auto problem = model::id_problem(id);
  if (problem == model::IdProblem::none)
    return true;
  ctx.error(at, "bad-id",
            tr(ctx.lang, "{}: '{}' is not a valid id: {}", "{}：“{}”不是有效的标识：{}", path, id,
               model::id_problem_text(problem, ctx.lang)));
  return false;
}

void read_id(Ctx& ctx, const Map& map, std::string_view name, std::string& out, bool required) {
  const Field* field = required ? map.require(name) : map.get(name);
  if (!field)
    return;
  if (auto text = text_of(ctx, *field))
    if (check_id(ctx, *text, field->path, field->at))
      out = std::move(*text);
}

// A list of text; a single scalar is a one-item list; empty items are skipped.
std::vector<std::string> list_of(Ctx& ctx, const Field& field, FieldLocations& where, bool ids) {
  std::vector<std::string> out;
  auto add = [&](const YAML::Node& item, const Location& at) {
    std::string item_path = fmt::format("{}[{}]", field.path, out.size());
    if (ids && !check_id(ctx, item.Scalar(), item_path, at))
      return;
    where.set(item_path, at);
    out.push_back(item.Scalar());
  };
  const YAML::Node& node = field.value;
  if (node.IsNull())
    return out;
  if (node.IsScalar()) {
    add(node, field.at);
    return out;
  }
  if (!node.IsSequence()) {
    ctx.error(field.at, "wrong-type",
              tr(ctx.lang, "{} must be a list of text, not {}", "{} 必须是文本列表，而不是{}",
                 field.path, describe(ctx, node)));
    return out;
  }
  for (const auto& item : node) {
    if (item.IsNull())
      continue;
    if (!item.IsScalar()) {
      ctx.error(ctx.loc(item), "wrong-type",
                tr(ctx.lang, "each item of {} must be text, not {}",
                   "{} 的每一项都必须是文本，而不是{}", field.path, describe(ctx, item)));
      continue;
    }
    add(item, ctx.loc(item));
  }
  return out;
}

void read_list(Ctx& ctx, const Map& map, std::string_view name, FieldLocations& where,
               std::vector<std::string>& out, bool ids = false) {
  if (const Field* field = map.get(name))
    out = list_of(ctx, *field, where, ids);
}

// A quoted (or !!str) scalar is text in YAML, not a number or a boolean.
bool is_plain(const YAML::Node& node) {
  return node.IsScalar() && node.Tag() != "!" && node.Tag() != "tag:yaml.org,2002:str";
}

using model::parse_number;

std::optional<double> number_of(Ctx& ctx, const Field& field) {
  if (field.value.IsNull())
    return std::nullopt;
  std::optional<double> value;
  if (is_plain(field.value))
    value = parse_number(field.value.Scalar());
  if (!value)
    ctx.error(field.at, "wrong-type",
              tr(ctx.lang, "{} must be a number (written without quotes), not {}",
                 "{} 必须是数字（不加引号），而不是{}", field.path, describe(ctx, field.value)));
  return value;
}

// An amount of money: a number >= 0.
void read_amount(Ctx& ctx, const Map& map, std::string_view name, std::optional<double>& out) {
  const Field* field = map.get(name);
  if (!field)
    return;
  auto value = number_of(ctx, *field);
  if (value && *value < 0) {
    ctx.error(field->at, "negative-amount",
              tr(ctx.lang, "{} must not be negative ({})", "{} 不能为负数（{}）", field->path,
                 field->value.Scalar()));
    return;
  }
  if (value && *value > model::k_max_amount) {
    ctx.error(field->at, "bad-value",
              tr(ctx.lang, "{} must be at most 1e15 (an amount of money), not {}",
                 "{} 不能超过 1e15（金额），而不是 {}", field->path, field->value.Scalar()));
    return;
  }
  out = value;
}

void read_date(Ctx& ctx, const Map& map, std::string_view name, std::optional<model::Date>& out) {
  const Field* field = map.get(name);
  if (!field)
    return;
  auto text = text_of(ctx, *field);
  if (!text)
    return;
  if (auto date = model::parse_date(*text))
    out = *date;
  else
    ctx.error(field->at, "bad-date",
              tr(ctx.lang, "{}: '{}' is not a date (YYYY-MM-DD)", "{}：“{}”不是日期（YYYY-MM-DD）",
                 field->path, *text));
}

std::optional<bool> parse_bool(std::string_view text) {
  static constexpr std::string_view k_true[] = {"true", "True", "TRUE", "yes", "Yes",
                                                "YES",  "on",   "On",   "ON"};
  static constexpr std::string_view k_false[] = {"false", "False", "FALSE", "no", "No",
                                                 "NO",    "off",   "Off",   "OFF"};
  if (std::find(std::begin(k_true), std::end(k_true), text) != std::end(k_true))
    return true;
  if (std::find(std::begin(k_false), std::end(k_false), text) != std::end(k_false))
    return false;
  return std::nullopt;
}

// An enumerated text value: `parse` returns nullopt for a word not in `choices`.
template <class T, class Parse>
void read_enum(Ctx& ctx, const Map& map, std::string_view name, T& out, Parse parse,
               const char* choices) {
  const Field* field = map.get(name);
  if (!field)
    return;
  auto text = text_of(ctx, *field);
  if (!text)
    return;
  if (auto value = parse(*text))
    out = *value;
  else
    ctx.error(field->at, "bad-value",
              tr(ctx.lang, "{}: '{}' is not one of: {}", "{}：“{}”不是以下之一：{}", field->path,
                 *text, choices));
}

// {zh: ..., en: ...}, or one text for both languages.
void read_local_text(Ctx& ctx, const Map& map, std::string_view name, FieldLocations& where,
                     model::LocalText& out) {
  const Field* field = map.get(name);
  if (!field || field->value.IsNull())
    return;
  if (field->value.IsScalar()) {
    out.zh = out.en = field->value.Scalar();
    return;
  }
  if (!field->value.IsMap()) {
    ctx.error(field->at, "wrong-type",
              tr(ctx.lang, "{} must be text or {{zh: ..., en: ...}}, not {}",
                 "{} 必须是文本或 {{zh: ..., en: ...}}，而不是{}", field->path,
                 describe(ctx, field->value)));
    return;
  }
  Map names{ctx, field->value, field->path, where, {"zh", "en"}};
  read_text(ctx, names, "zh", out.zh);
  read_text(ctx, names, "en", out.en);
}

bool is_hex_id(std::string_view text) {
  return text.size() >= 4 && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

std::optional<model::Party> parse_party(std::string_view text) {
  if (text == "manager")
    return model::Party::manager;
  if (text == "sponsor")
    return model::Party::sponsor;
  return std::nullopt;
}

std::string_view party_name(model::Party party) {
  return party == model::Party::manager ? "manager" : "sponsor";
}

void read_quorum(Ctx& ctx, const Map& map, model::Quorum& out) {
  const Field* field = map.get("quorum");
  if (!field || field->value.IsNull())
    return;
  if (field->value.IsScalar()) {
    const std::string& text = field->value.Scalar();
    if (text == "all") {
      out.kind = model::Quorum::Kind::all;
      return;
    }
    if (text == "majority") {
      out.kind = model::Quorum::Kind::majority;
      return;
    }
    int count = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
    if (is_plain(field->value) && ec == std::errc{} && end == text.data() + text.size()) {
      out.kind = model::Quorum::Kind::count;
      out.count = count;
      return;
    }
  }
  ctx.error(field->at, "bad-value",
            tr(ctx.lang, "{}: {} is not all, majority or a whole number",
               "{}：{}不是 all、majority 或整数", field->path, describe(ctx, field->value)));
}

// A true/false field; absent or null keeps `out`.
void read_flag(Ctx& ctx, const Map& map, std::string_view name, bool& out) {
  const Field* field = map.get(name);
  if (!field || field->value.IsNull())
    return;
  std::optional<bool> value;
  if (is_plain(field->value))
    value = parse_bool(field->value.Scalar());
  if (value)
    out = *value;
  else
    ctx.error(field->at, "wrong-type",
              tr(ctx.lang, "{} must be true or false, not {}", "{} 必须是 true 或 false，而不是{}",
                 field->path, describe(ctx, field->value)));
}

// A gate, its fields located in `where` under `path` ("gates[0].board").
model::GateDef decode_gate(Ctx& ctx, const YAML::Node& node, const std::string& path,
                           FieldLocations& where) {
  model::GateDef gate;
  Map map{ctx,
          node,
          path,
          where,
          {"id", "name", "stage", "enters", "board", "quorum", "excluded", "repeatable",
           "distinct_people", "requires"}};
  read_id(ctx, map, "id", gate.id, true);
  read_local_text(ctx, map, "name", where, gate.name);
  read_id(ctx, map, "stage", gate.stage, true);
  read_id(ctx, map, "enters", gate.enters, true);
  read_list(ctx, map, "board", where, gate.board, true);
  read_quorum(ctx, map, gate.quorum);
  if (const Field* field = map.get("excluded")) {
    FieldLocations items;
    auto words = list_of(ctx, *field, items, false);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Location at = items.at(fmt::format("{}[{}]", field->path, i));
      if (auto party = parse_party(words[i])) {
        where.set(fmt::format("{}[{}]", field->path, gate.excluded.size()), at);
        gate.excluded.push_back(*party);
      } else {
        ctx.error(at, "bad-value",
                  tr(ctx.lang, "{}: '{}' is not one of: manager, sponsor",
                     "{}：“{}”不是以下之一：manager, sponsor", field->path, words[i]));
      }
    }
  }
  read_flag(ctx, map, "repeatable", gate.repeatable);
  read_flag(ctx, map, "distinct_people", gate.distinct_people);
  read_list(ctx, map, "requires", where, gate.requires_fields);
  // The gate's own locations are relative to it ("board").
  gate.where = where.under(path + ".");
  return gate;
}

// A list of mappings: calls `item(node, path)` for each mapping item; `shape` shows what an item
// looks like ("name: ..., date: ..."), for the message about an item that is not a mapping. Items
// are numbered by position, so that a message names the item where it is in the file.
template <class Item>
void read_items(Ctx& ctx, const Map& map, std::string_view name, std::string_view shape,
                FieldLocations& where, Item item) {
  const Field* field = map.get(name);
  if (!field || field->value.IsNull())
    return;
  if (!field->value.IsSequence()) {
    ctx.error(field->at, "wrong-type",
              tr(ctx.lang, "{} must be a list, not {}", "{} 必须是列表，而不是{}", field->path,
                 describe(ctx, field->value)));
    return;
  }
  std::size_t index = 0;
  for (const auto& node : field->value) {
    const std::size_t at = index++;
    if (!node.IsMap()) {
      ctx.error(ctx.loc(node), "wrong-type",
                tr(ctx.lang, "each item of {} must be a mapping ({}), not {}",
                   "{} 的每一项都必须是映射（{}），而不是{}", field->path, shape,
                   describe(ctx, node)));
      continue;
    }
    const std::string path = fmt::format("{}[{}]", field->path, at);
    where.set(path, ctx.loc(node));
    item(node, path);
  }
}

// A section: a mapping, or empty.
std::optional<YAML::Node> section(Ctx& ctx, const Map& map, std::string_view name) {
  const Field* field = map.get(name);
  if (!field || field->value.IsNull())
    return std::nullopt;
  if (!field->value.IsMap()) {
    ctx.error(field->at, "wrong-type",
              tr(ctx.lang, "{} must be a mapping of fields, not {}", "{} 必须是字段映射，而不是{}",
                 field->path, describe(ctx, field->value)));
    return std::nullopt;
  }
  return field->value;
}

// A number within [low, high]; `whole`: an integer.
std::optional<double> read_bounded(Ctx& ctx, const Map& map, std::string_view name, double low,
                                   double high, bool whole, bool required) {
  const Field* field = required ? map.require(name) : map.get(name);
  if (!field)
    return std::nullopt;
  auto value = number_of(ctx, *field);
  if (!value)
    return std::nullopt;
  if (*value < low || *value > high || (whole && *value != std::trunc(*value))) {
    ctx.error(field->at, "bad-value",
              whole ? tr(ctx.lang, "{} must be a whole number from {} to {}, not {}",
                         "{} 必须是 {} 到 {} 之间的整数，而不是 {}", field->path, low, high,
                         field->value.Scalar())
                    : tr(ctx.lang, "{} must be from {} to {}, not {}",
                         "{} 必须在 {} 到 {} 之间，而不是 {}", field->path, low, high,
                         field->value.Scalar()));
    return std::nullopt;
  }
  return value;
}

void decode_control(Ctx& ctx, const YAML::Node& node, FieldLocations& where,
                    model::ControlSettings& out) {
  Map map{ctx,
          node,
          "control",
          where,
          {"cadence", "baseline_gate", "health", "risk_escalation", "report_grace", "while_on_hold",
           "ccb"}};
  read_enum(ctx, map, "cadence", out.cadence, model::parse_cadence, "weekly, monthly");
  read_id(ctx, map, "baseline_gate", out.baseline_gate, false);
  if (auto health = section(ctx, map, "health")) {
    Map h{ctx, *health, "control.health", where, {"green", "amber"}};
    if (auto v = read_bounded(ctx, h, "green", 0, 10, false, false))
      out.green_at = *v;
    if (auto v = read_bounded(ctx, h, "amber", 0, 10, false, false))
      out.amber_at = *v;
    if (out.amber_at > out.green_at)
      ctx.error(h.at(), "bad-value",
                pick(ctx.lang, "control.health: amber must not be above green",
                     "control.health：amber 不能高于 green"));
  }
  if (auto v = read_bounded(ctx, map, "risk_escalation", 1, 25, true, false))
    out.escalate_at = static_cast<int>(*v);
  if (auto v = read_bounded(ctx, map, "report_grace", 0, 20, true, false))
    out.report_grace = static_cast<int>(*v);
  if (const Field* field = map.get("while_on_hold")) {
    FieldLocations items;
    std::vector<std::string> kinds;
    for (const auto& word : list_of(ctx, *field, items, false)) {
      if (std::find(std::begin(model::k_record_kinds), std::end(model::k_record_kinds), word) ==
          std::end(model::k_record_kinds))
        ctx.error(field->at, "bad-value",
                  tr(ctx.lang,
                     "{}: '{}' is not one of: status, risk, issue, change, condition, closure",
                     "{}：“{}”不是以下之一：status, risk, issue, change, condition, closure",
                     field->path, word));
      else if (std::find(kinds.begin(), kinds.end(), word) == kinds.end())
        kinds.push_back(word);
    }
    out.while_on_hold = std::move(kinds);
  }
  if (auto ccb = section(ctx, map, "ccb")) {
    Map c{ctx, *ccb, "control.ccb", where, {"board", "quorum", "excluded", "distinct_people"}};
    read_list(ctx, c, "board", where, out.ccb.board, true);
    read_quorum(ctx, c, out.ccb.quorum);
    read_flag(ctx, c, "distinct_people", out.ccb.distinct_people);
    if (const Field* field = c.get("excluded")) {
      out.ccb.excluded.clear();
      FieldLocations items;
      for (const auto& word : list_of(ctx, *field, items, false)) {
        if (auto party = parse_party(word))
          out.ccb.excluded.push_back(*party);
        else
          ctx.error(field->at, "bad-value",
                    tr(ctx.lang, "{}: '{}' is not one of: manager, sponsor",
                       "{}：“{}”不是以下之一：manager, sponsor", field->path, word));
      }
    }
  }
}

// pmo.yaml `ledger:`: who may change the process and the roster, and whether decisions are signed.
void decode_ledger(Ctx& ctx, const YAML::Node& node, FieldLocations& where,
                   model::LedgerSettings& out) {
  Map map{ctx, node, "ledger", where, {"rule_changes", "signing"}};
  if (map.get("rule_changes"))
    read_list(ctx, map, "rule_changes", where, out.rule_changes, true);
  if (const Field* field = map.get("signing"); field && !field->value.IsNull()) {
    const std::string word = is_plain(field->value) ? field->value.Scalar() : std::string{};
    if (word == "required" || word == "optional")
      out.signing_required = word == "required";
    else
      ctx.error(field->at, "bad-value",
                tr(ctx.lang, "ledger.signing: {} is not one of: optional, required",
                   "ledger.signing：{}不是以下之一：optional, required",
                   describe(ctx, field->value)));
  }
}

// An enumerated word that must be written.
template <class T, class Parse>
void require_enum(Ctx& ctx, const Map& map, std::string_view name, T& out, Parse parse,
                  const char* choices) {
  if (map.require(name))
    read_enum(ctx, map, name, out, parse, choices);
}

// ---------------------------------------------------------------------------------------------
// Encoding

// Decodes one UTF-8 sequence at text[i]; returns the code point and its length, or U+FFFD and 1
// for a malformed byte.
std::pair<char32_t, std::size_t> next_code_point(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80)
    return {c, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0Fu;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07u;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return {0xFFFD, 1};
  }
  if (i + len > text.size())
    return {0xFFFD, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if (k == 1 ? (cc < lo || cc > hi) : (cc < 0x80 || cc > 0xBF))
      return {0xFFFD, 1};
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  return {cp, len};
}

// Characters a YAML file may not carry raw: they are written as escapes in double quotes.
bool needs_escape(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

bool is_clean_utf8(std::string_view text, bool allow_newline) {
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = next_code_point(text, i);
    if (cp == 0xFFFD && len == 1)
      return false;
    if (needs_escape(cp) && !(allow_newline && cp == '\n'))
      return false;
    i += len;
  }
  return true;
}

bool is_reserved_word(std::string_view text) {
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static constexpr std::string_view k_words[] = {"null", "~",   "true", "false", "yes", "no",
                                                 "on",   "off", "y",    "n",     "=",   "<<"};
  return std::find(std::begin(k_words), std::end(k_words), lower) != std::end(k_words);
}

// Text that a YAML 1.1 or 1.2 reader could take for a number, a date or a time.
bool looks_numeric(std::string_view text) {
  static const std::regex k_number{
      R"(^[-+]?([0-9][0-9_]*|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|([0-9][0-9_]*)?\.[0-9_]*(e[-+]?[0-9]+)?)"
      R"(|[0-9][0-9_]*e[-+]?[0-9]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|\.inf|\.nan)$)"
      R"(|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([t ].*)?$)",
      std::regex::ECMAScript | std::regex::icase | std::regex::optimize};
  return std::regex_search(text.begin(), text.end(), k_number);
}

// Whether `text` may be written as a plain scalar and read back as the same text.
bool is_plain_safe(std::string_view text, bool flow) {
  if (text.empty() || !is_clean_utf8(text, false))
    return false;
  static constexpr std::string_view k_indicators = "-?:,[]{}#&*!|>'\"%@` ";
  if (k_indicators.find(text.front()) != std::string_view::npos)
    return false;
  if (text.back() == ' ' || text.back() == ':')
    return false;
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos)
    return false;
  if (flow && text.find_first_of(",[]{}:?#") != std::string_view::npos)
    return false;
  if (text.starts_with("...") || is_reserved_word(text) || looks_numeric(text))
    return false;
  return true;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = next_code_point(text, i);
    if (cp == '"') {
      out += "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == 0xFFFD && len == 1) {
      out += "\xEF\xBF\xBD"; // a malformed byte cannot be written; replaced
    } else if (needs_escape(cp)) {
      out += cp < 0x100 ? fmt::format("\\x{:02X}", static_cast<unsigned>(cp))
                        : fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  out += '"';
  return out;
}

std::string scalar(std::string_view text, bool flow = false) {
  return is_plain_safe(text, flow) ? std::string{text} : double_quoted(text);
}

// Multi-line text that reads well as a literal block ("|" or "|-").
bool literal_safe(std::string_view text) {
  if (text.find('\n') == std::string_view::npos || !is_clean_utf8(text, true))
    return false;
  if (text.front() == ' ' || text.front() == '\n' || text.ends_with("\n\n"))
    return false;
  std::string_view body = text.ends_with('\n') ? text.substr(0, text.size() - 1) : text;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos)
      end = body.size();
    std::string_view line = body.substr(start, end - start);
    if (!line.empty() && (line.back() == ' ' || line.find_first_not_of(' ') == line.npos))
      return false;
    start = end + 1;
  }
  return true;
}

std::string format_number(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)
    return fmt::format("{:.0f}", value);
  return fmt::format("{}", value);
}

class Writer {
public:
  void comment(std::string_view text) { m_out += fmt::format("# {}\n", text); }
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

std::string quorum_text(const model::Quorum& quorum) {
  switch (quorum.kind) {
  case model::Quorum::Kind::all:
    return "all";
  case model::Quorum::Kind::majority:
    return "majority";
  case model::Quorum::Kind::count:
    return std::to_string(quorum.count);
  }
  return "all";
}

} // namespace

// ---------------------------------------------------------------------------------------------

Decoded<model::Office> decode_office(std::string_view text, const std::string& file,
                                     model::Lang lang) {
  Decoded<model::Office> out;
  model::Office& office = out.value;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map top{
      ctx, *root, "", office.where, {"office", "roles", "stages", "gates", "control", "ledger"}};

  if (const Field* field = top.require("office")) {
    if (!field->value.IsMap()) {
      ctx.error(field->at, "wrong-type",
                tr(lang, "office must be a mapping (name, language, type, currency), not {}",
                   "office 必须是映射（name、language、type、currency），而不是{}",
                   describe(ctx, field->value)));
    } else {
      Map map{ctx, field->value, "office", office.where, {"name", "language", "type", "currency"}};
      require_text(ctx, map, "name", office.name);
      read_enum(ctx, map, "language", office.language, model::parse_lang, "zh, en");
      read_enum(ctx, map, "type", office.type, model::parse_office_type,
                "supportive, controlling, directive");
      read_text(ctx, map, "currency", office.currency);
    }
  }

  read_items(ctx, top, "roles", "id: ..., name: ...", office.where,
             [&](const YAML::Node& node, const std::string& path) {
               model::RoleDef role;
               Map map{ctx, node, path, office.where, {"id", "name"}};
               read_id(ctx, map, "id", role.id, true);
               read_local_text(ctx, map, "name", office.where, role.name);
               office.roles.push_back(std::move(role));
             });

  if (const Field* field = top.get("stages"); field && !field->value.IsNull()) {
    if (!field->value.IsMap()) {
      ctx.error(field->at, "wrong-type",
                tr(lang, "stages must be a mapping (initial: ...), not {}",
                   "stages 必须是映射（initial: ...），而不是{}", describe(ctx, field->value)));
    } else {
      Map map{ctx, field->value, "stages", office.where, {"initial"}};
      read_id(ctx, map, "initial", office.initial_stage, false);
    }
  }

  read_items(ctx, top, "gates", "id: ..., name: ..., board: [...]", office.where,
             [&](const YAML::Node& node, const std::string& path) {
               office.gates.push_back(decode_gate(ctx, node, path, office.where));
             });
  if (auto node = section(ctx, top, "control"))
    decode_control(ctx, *node, office.where, office.control);
  if (auto node = section(ctx, top, "ledger"))
    decode_ledger(ctx, *node, office.where, office.ledger);
  return finish(std::move(out));
}

Decoded<model::Person> decode_person(std::string_view text, const std::string& file,
                                     const std::string& id, model::Lang lang) {
  Decoded<model::Person> out;
  model::Person& person = out.value;
  person.id = id;
  person.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{
      ctx, *root, "", person.where, {"name", "email", "roles", "capacity", "ssh_key", "retired"}};
  read_date(ctx, map, "retired", person.retired);

  require_text(ctx, map, "name", person.name);
  if (person.name.find_first_of("<>") != std::string::npos || has_control(person.name))
    ctx.error(map.get("name")->at, "bad-value",
              pick(lang, "name may not contain '<', '>' or control characters (it signs commits)",
                   "name 不能包含“<”“>”或控制字符（它用于提交的署名）"));
  else if (!person.name.empty() && !model::is_signable_name(person.name))
    ctx.error(map.get("name")->at, "bad-value",
              tr(lang,
                 "name '{}' has nothing git keeps as an author's name (git drops spaces and "
                 ". , : ; \" \\ ' at either end); give the person's name",
                 "name“{}”中没有 git 可保留为作者姓名的字符（git 会去掉两端的空格及 . , : ; "
                 "\" \\ '）；请填写姓名",
                 person.name));

  if (const Field* field = map.get("email")) {
    if (auto email = text_of(ctx, *field)) {
      const auto at = email->find('@');
      const bool ok = at != std::string::npos && at > 0 && at + 1 < email->size() &&
                      email->find_first_of("<> ,;") == std::string::npos && !has_control(*email);
      if (ok || email->empty())
        person.email = std::move(*email);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "email: '{}' is not an e-mail address", "email：“{}”不是电子邮箱地址",
                     *email));
    }
  }

  if (const Field* field = map.require("roles")) {
    const std::size_t before = out.findings.size();
    person.roles = list_of(ctx, *field, person.where, true);
    if (person.roles.empty() && out.findings.size() == before)
      ctx.error(field->at, "missing-field",
                pick(lang, "roles must name at least one role", "roles 至少要有一个角色"));
  }

  if (const Field* field = map.get("ssh_key")) {
    if (auto key = text_of(ctx, *field)) {
      const bool ok =
          (key->starts_with("ssh-") || key->starts_with("ecdsa-") || key->starts_with("sk-")) &&
          key->find(' ') != std::string::npos && !has_control(*key);
      if (ok || key->empty())
        person.ssh_key = std::move(*key);
      else
        ctx.error(field->at, "bad-value",
                  pick(lang, "ssh_key must be an SSH public key line (ssh-ed25519 AAAA…)",
                       "ssh_key 必须是一行 SSH 公钥（ssh-ed25519 AAAA…）"));
    }
  }

  if (const Field* field = map.get("capacity")) {
    if (auto capacity = number_of(ctx, *field)) {
      if (*capacity > 0 && *capacity <= 1)
        person.capacity = *capacity;
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "capacity must be more than 0 and at most 1 (FTE), not {}",
                     "capacity 必须大于 0 且不超过 1（全职当量），而不是 {}",
                     field->value.Scalar()));
    }
  }
  return finish(std::move(out));
}

Decoded<model::Project> decode_project(std::string_view text, const std::string& file,
                                       const std::string& id, model::Lang lang) {
  Decoded<model::Project> out;
  model::Project& project = out.value;
  project.id = id;
  project.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  auto& where = project.where;
  Map map{ctx,
          *root,
          "",
          where,
          {"title", "sponsor", "manager", "budget", "start", "end", "submitted", "objectives",
           "scope", "strategic_alignment", "business_case", "feasibility", "risks", "resources",
           "plan", "milestones", "closure"}};

  require_text(ctx, map, "title", project.title);
  read_id(ctx, map, "sponsor", project.sponsor, false);
  read_id(ctx, map, "manager", project.manager, false);
  read_amount(ctx, map, "budget", project.budget);
  read_date(ctx, map, "start", project.start);
  read_date(ctx, map, "end", project.end);
  read_date(ctx, map, "submitted", project.submitted);
  read_list(ctx, map, "objectives", where, project.objectives);

  auto section = [&](std::string_view name) { return codec::section(ctx, map, name); };
  if (auto node = section("scope")) {
    Map scope{ctx, *node, "scope", where, {"in", "out"}};
    read_list(ctx, scope, "in", where, project.scope.in);
    read_list(ctx, scope, "out", where, project.scope.out);
  }
  read_text(ctx, map, "strategic_alignment", project.strategic_alignment);
  if (auto node = section("business_case")) {
    Map bc{ctx, *node, "business_case", where, {"benefits", "cost_estimate", "roi"}};
    read_list(ctx, bc, "benefits", where, project.business_case.benefits);
    read_amount(ctx, bc, "cost_estimate", project.business_case.cost_estimate);
    if (const Field* field = bc.get("roi"))
      project.business_case.roi = number_of(ctx, *field);
  }
  read_text(ctx, map, "feasibility", project.feasibility);
  read_list(ctx, map, "risks", where, project.risks);
  read_list(ctx, map, "resources", where, project.resources);
  if (auto node = section("plan")) {
    Map plan{ctx,
             *node,
             "plan",
             where,
             {"scope", "schedule", "cost", "quality", "resources", "communication", "risk",
              "procurement"}};
    for (auto name : model::k_plan_sections)
      read_text(ctx, plan, name, *model::plan_section(project.plan, name));
  }
  read_items(
      ctx, map, "milestones", "name: ..., date: YYYY-MM-DD, weight: ...", where,
      [&](const YAML::Node& node, const std::string& path) {
        model::Milestone milestone;
        Map m{ctx, node, path, where, {"name", "date", "weight"}};
        require_text(ctx, m, "name", milestone.name);
        if (m.require("date"))
          read_date(ctx, m, "date", milestone.date);
        milestone.weighted = m.get("weight") != nullptr;
        if (auto weight = read_bounded(ctx, m, "weight", 0, 1e9, false, false))
          milestone.weight = *weight;
        for (const auto& other : project.milestones)
          if (other.name == milestone.name && !milestone.name.empty())
            ctx.error(m.at(), "duplicate-milestone",
                      tr(lang, "milestone '{}' is listed twice", "里程碑“{}”重复", milestone.name));
        project.milestones.push_back(std::move(milestone));
      });
  if (const Field* field = map.get("closure"))
    ctx.error(field->at, "moved-field",
              tr(lang,
                 "closure: the closure report is its own record, {}closure.yaml, written by "
                 "pmo close {}",
                 "closure：收尾报告是单独的记录 {}closure.yaml，由 pmo close {} 写入",
                 file.substr(0, file.rfind('/') + 1), id));
  return finish(std::move(out));
}

Decoded<model::Decision> decode_decision(std::string_view text, const std::string& file,
                                         const std::string& project, model::Lang lang) {
  Decoded<model::Decision> out;
  model::Decision& decision = out.value;
  decision.project = project;
  decision.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx,
          *root,
          "",
          decision.where,
          {"gate", "change", "decision", "reviewer", "role", "decided_at", "record", "rules",
           "comment", "conditions"}};

  if (map.get("change")) {
    read_id(ctx, map, "change", decision.change, true);
    if (map.get("gate"))
      ctx.error(map.get("gate")->at, "bad-value",
                pick(lang, "a decision is on a gate or on a change, not both",
                     "一项决策针对关口或变更申请，不能同时针对两者"));
  } else {
    read_id(ctx, map, "gate", decision.gate, true);
  }
  if (map.require("decision"))
    read_enum(ctx, map, "decision", decision.verdict, model::parse_verdict,
              "approve, approve-with-conditions, revise, reject, hold");
  read_id(ctx, map, "reviewer", decision.reviewer, true);
  read_id(ctx, map, "role", decision.role, true);
  if (const Field* field = map.require("decided_at")) {
    if (auto stamp = text_of(ctx, *field)) {
      if (auto ts = model::parse_timestamp(*stamp))
        decision.decided_at = *ts;
      else
        ctx.error(field->at, "bad-date",
                  tr(lang, "decided_at: '{}' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)",
                     "decided_at：“{}”不是 UTC 时间戳（YYYY-MM-DDTHH:MM:SSZ）", *stamp));
    }
  }
  if (const Field* field = map.get("record")) {
    if (auto record = text_of(ctx, *field)) {
      if (is_hex_id(*record))
        decision.record = std::move(*record);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "record: '{}' is not a git object id (hexadecimal)",
                     "record：“{}”不是 git 对象 ID（十六进制）", *record));
    }
  }
  if (const Field* field = map.get("rules")) {
    if (auto rules = text_of(ctx, *field)) {
      if (is_hex_id(*rules))
        decision.rules_blob = std::move(*rules);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "rules: '{}' is not a git object id (hexadecimal)",
                     "rules：“{}”不是 git 对象 ID（十六进制）", *rules));
    }
  }
  read_text(ctx, map, "comment", decision.comment);
  read_list(ctx, map, "conditions", decision.where, decision.conditions);
  return finish(std::move(out));
}

// ---------------------------------------------------------------------------------------------

std::string encode_office(const model::Office& office) {
  Writer w;
  if (office.language == Lang::zh)
    w.comment("PMO 办公室及其流程：角色、阶段和关口（按生命周期顺序）。");
  else
    w.comment("The PMO office and its process: roles, stages and gates (in lifecycle order).");
  w.heading(0, "office");
  w.text(2, "name", office.name);
  w.raw(2, "language", model::lang_code(office.language));
  w.raw(2, "type", model::to_string(office.type));
  w.text(2, "currency", office.currency);

  if (!office.roles.empty()) {
    w.blank();
    w.heading(0, "roles");
    for (const auto& role : office.roles) {
      Writer item;
      item.raw(4, "id", scalar(role.id));
      item.local_text(4, "name", role.name);
      w.list_item(2, item);
    }
  }

  w.blank();
  w.heading(0, "stages");
  w.raw(2, "initial", scalar(office.initial_stage));

  if (!office.gates.empty()) {
    w.blank();
    w.heading(0, "gates");
    for (const auto& gate : office.gates) {
      Writer item;
      item.raw(4, "id", scalar(gate.id));
      item.local_text(4, "name", gate.name);
      item.text(4, "stage", gate.stage);
      item.text(4, "enters", gate.enters);
      item.id_list(4, "board", gate.board);
      item.raw(4, "quorum", quorum_text(gate.quorum));
      std::vector<std::string> excluded;
      for (auto party : gate.excluded)
        excluded.emplace_back(party_name(party));
      item.id_list(4, "excluded", excluded);
      if (gate.repeatable)
        item.raw(4, "repeatable", "true");
      if (!gate.distinct_people)
        item.raw(4, "distinct_people", "false");
      item.id_list(4, "requires", gate.requires_fields);
      w.list_item(2, item);
    }
  }

  const auto& c = office.control;
  w.blank();
  w.heading(0, "control");
  w.raw(2, "cadence", model::to_string(c.cadence));
  w.raw(2, "baseline_gate", scalar(c.baseline_gate));
  w.raw(2, "health",
        fmt::format("{{green: {}, amber: {}}}", format_number(c.green_at),
                    format_number(c.amber_at)));
  w.raw(2, "risk_escalation", std::to_string(c.escalate_at));
  w.raw(2, "report_grace", std::to_string(c.report_grace));
  w.raw(2, "while_on_hold", "[" + fmt::format("{}", fmt::join(c.while_on_hold, ", ")) + "]");
  w.heading(2, "ccb");
  w.id_list(4, "board", c.ccb.board);
  w.raw(4, "quorum", quorum_text(c.ccb.quorum));
  std::vector<std::string> ccb_excluded;
  for (auto party : c.ccb.excluded)
    ccb_excluded.emplace_back(party_name(party));
  w.id_list(4, "excluded", ccb_excluded);
  if (!c.ccb.distinct_people)
    w.raw(4, "distinct_people", "false");
  const model::LedgerSettings defaults;
  if (office.ledger.rule_changes != defaults.rule_changes || office.ledger.signing_required) {
    w.blank();
    w.heading(0, "ledger");
    w.id_list(2, "rule_changes", office.ledger.rule_changes);
    w.raw(2, "signing", office.ledger.signing_required ? "required" : "optional");
  }
  return std::move(w).str();
}

std::string encode_person(const model::Person& person) {
  Writer w;
  w.text(0, "name", person.name);
  w.text(0, "email", person.email);
  w.id_list(0, "roles", person.roles);
  const double capacity = person.capacity;
  w.raw(0, "capacity",
        capacity == std::trunc(capacity) ? fmt::format("{:.1f}", capacity)
                                         : format_number(capacity));
  w.text(0, "ssh_key", person.ssh_key);
  w.date(0, "retired", person.retired);
  return std::move(w).str();
}

std::string encode_project(const model::Project& p) {
  Writer w;
  w.text(0, "title", p.title);
  w.text(0, "sponsor", p.sponsor);
  w.text(0, "manager", p.manager);
  w.number(0, "budget", p.budget);
  w.date(0, "start", p.start);
  w.date(0, "end", p.end);
  w.date(0, "submitted", p.submitted);
  w.text_list(0, "objectives", p.objectives);
  if (!p.scope.in.empty() || !p.scope.out.empty()) {
    w.heading(0, "scope");
    w.text_list(2, "in", p.scope.in);
    w.text_list(2, "out", p.scope.out);
  }
  w.text(0, "strategic_alignment", p.strategic_alignment);
  const auto& bc = p.business_case;
  if (!bc.benefits.empty() || bc.cost_estimate || bc.roi) {
    w.heading(0, "business_case");
    w.text_list(2, "benefits", bc.benefits);
    w.number(2, "cost_estimate", bc.cost_estimate);
    w.number(2, "roi", bc.roi);
  }
  w.text(0, "feasibility", p.feasibility);
  w.text_list(0, "risks", p.risks);
  w.text_list(0, "resources", p.resources);
  bool any_plan = false;
  for (auto name : model::k_plan_sections)
    any_plan = any_plan || !model::plan_section(p.plan, name)->empty();
  if (any_plan) {
    w.heading(0, "plan");
    for (auto name : model::k_plan_sections)
      w.text(2, name, *model::plan_section(p.plan, name));
  }
  if (!p.milestones.empty()) {
    w.heading(0, "milestones");
    for (const auto& m : p.milestones) {
      Writer item;
      item.text(2, "name", m.name);
      item.date(2, "date", m.date);
      item.raw(2, "weight", format_number(m.weight));
      w.list_item(0, item);
    }
  }
  return std::move(w).str();
}

std::string encode_decision(const model::Decision& d) {
  Writer w;
  w.text(0, "gate", d.gate);
  w.text(0, "change", d.change);
  w.raw(0, "decision", model::to_string(d.verdict));
  w.text(0, "reviewer", d.reviewer);
  w.text(0, "role", d.role);
  w.raw(0, "decided_at", model::format_timestamp(d.decided_at));
  w.text(0, "record", d.record);
  w.text(0, "rules", d.rules_blob);
  w.text(0, "comment", d.comment);
  w.text_list(0, "conditions", d.conditions);
  return std::move(w).str();
}

// ---------------------------------------------------------------------------------------------
// Project control records

Decoded<model::StatusReport> decode_status_report(std::string_view text, const std::string& file,
                                                  const std::string& project,
                                                  const std::string& period, model::Lang lang) {
  Decoded<model::StatusReport> out;
  model::StatusReport& r = out.value;
  r.project = project;
  r.period = period;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx,
          *root,
          "",
          r.where,
          {"percent_complete", "actual_cost", "forecasts", "health", "summary", "accomplishments",
           "next_steps", "amended"}};
  if (auto v = read_bounded(ctx, map, "percent_complete", 0, 100, false, true))
    r.percent_complete = *v;
  if (map.require("actual_cost")) {
    std::optional<double> cost;
    read_amount(ctx, map, "actual_cost", cost);
    r.actual_cost = cost.value_or(0);
  }
  if (auto node = section(ctx, map, "forecasts")) {
    for (const auto& entry : *node) {
      if (!entry.first.IsScalar())
        continue;
      model::MilestoneForecast forecast;
      forecast.name = entry.first.Scalar();
      const Location at = ctx.loc(entry.second);
      r.where.set("forecasts." + forecast.name, at);
      auto date = entry.second.IsScalar() ? model::parse_date(entry.second.Scalar()) : std::nullopt;
      if (!date) {
        ctx.error(at, "bad-date",
                  tr(lang, "forecasts.{}: not a date (YYYY-MM-DD)",
                     "forecasts.{}：不是日期（YYYY-MM-DD）", forecast.name));
        continue;
      }
      forecast.date = *date;
      r.forecasts.push_back(std::move(forecast));
    }
  }
  if (auto node = section(ctx, map, "health")) {
    Map h{ctx, *node, "health", r.where, {"schedule", "cost", "scope", "quality"}};
    for (auto dimension : model::k_dimensions) {
      std::optional<model::Rag> rag;
      read_enum(ctx, h, model::to_string(dimension), rag, model::parse_rag, "green, amber, red");
      if (rag)
        r.health[dimension] = *rag;
    }
  }
  read_text(ctx, map, "summary", r.summary);
  read_list(ctx, map, "accomplishments", r.where, r.accomplishments);
  read_list(ctx, map, "next_steps", r.where, r.next_steps);
  read_date(ctx, map, "amended", r.amended);
  return finish(std::move(out));
}

std::string encode_status_report(const model::StatusReport& r) {
  Writer w;
  w.raw(0, "percent_complete", format_number(r.percent_complete));
  w.raw(0, "actual_cost", format_number(r.actual_cost));
  if (!r.forecasts.empty()) {
    w.heading(0, "forecasts");
    for (const auto& f : r.forecasts)
      w.raw(2, scalar(f.name), model::format_date(f.date));
  }
  if (!r.health.empty()) {
    w.heading(0, "health");
    for (const auto& [dimension, rag] : r.health)
      w.raw(2, model::to_string(dimension), model::to_string(rag));
  }
  w.text(0, "summary", r.summary);
  w.text_list(0, "accomplishments", r.accomplishments);
  w.text_list(0, "next_steps", r.next_steps);
  if (r.amended)
    w.raw(0, "amended", model::format_date(*r.amended));
  return std::move(w).str();
}

Decoded<model::Closure> decode_closure(std::string_view text, const std::string& file,
                                       model::Lang lang) {
  Decoded<model::Closure> out;
  model::Closure& c = out.value;
  c.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx,
          *root,
          "",
          c.where,
          {"acceptance", "deliverables", "actual_start", "actual_end", "actual_cost", "outcome",
           "evaluation", "lessons"}};
  read_text(ctx, map, "acceptance", c.acceptance);
  read_items(ctx, map, "deliverables", "name: ..., accepted: true", c.where,
             [&](const YAML::Node& node, const std::string& path) {
               model::Deliverable d;
               Map m{ctx, node, path, c.where, {"name", "accepted", "note"}};
               require_text(ctx, m, "name", d.name);
               if (m.require("accepted"))
                 read_enum(ctx, m, "accepted", d.accepted, parse_bool, "true, false");
               read_text(ctx, m, "note", d.note);
               c.deliverables.push_back(std::move(d));
             });
  read_date(ctx, map, "actual_start", c.actual_start);
  read_date(ctx, map, "actual_end", c.actual_end);
  read_amount(ctx, map, "actual_cost", c.actual_cost);
  if (c.actual_start && c.actual_end && *c.actual_end < *c.actual_start)
    ctx.error(map.get("actual_end")->at, "end-before-start",
              tr(lang, "actual_end {} is before actual_start {}",
                 "actual_end {} 早于 actual_start {}", model::format_date(*c.actual_end),
                 model::format_date(*c.actual_start)));
  read_enum(ctx, map, "outcome", c.outcome, model::parse_outcome,
            "achieved, partially_achieved, not_achieved");
  if (auto node = section(ctx, map, "evaluation")) {
    Map e{ctx, *node, "evaluation", c.where, {"project", "manager"}};
    auto evaluation = [&](std::string_view name, model::Evaluation& into) {
      auto part = section(ctx, e, name);
      if (!part)
        return;
      Map m{ctx, *part, fmt::format("evaluation.{}", name), c.where, {"rating", "comment"}};
      if (auto v = read_bounded(ctx, m, "rating", 1, 5, true, true))
        into.rating = static_cast<int>(*v);
      read_text(ctx, m, "comment", into.comment);
    };
    evaluation("project", c.project_evaluation);
    evaluation("manager", c.manager_evaluation);
  }
  read_items(ctx, map, "lessons", "kind: went_well, text: ...", c.where,
             [&](const YAML::Node& node, const std::string& path) {
               model::Lesson lesson;
               Map m{ctx, node, path, c.where, {"kind", "text", "tags"}};
               require_enum(ctx, m, "kind", lesson.kind, model::parse_lesson_kind,
                            "went_well, to_improve");
               require_text(ctx, m, "text", lesson.text);
               read_list(ctx, m, "tags", c.where, lesson.tags);
               c.lessons.push_back(std::move(lesson));
             });
  return finish(std::move(out));
}

std::string encode_closure(const model::Closure& c) {
  Writer w;
  w.text(0, "acceptance", c.acceptance);
  if (!c.deliverables.empty()) {
    w.heading(0, "deliverables");
    for (const auto& d : c.deliverables) {
      Writer item;
      item.text(2, "name", d.name);
      item.raw(2, "accepted", d.accepted ? "true" : "false");
      item.text(2, "note", d.note);
      w.list_item(0, item);
    }
  }
  w.date(0, "actual_start", c.actual_start);
  w.date(0, "actual_end", c.actual_end);
  w.number(0, "actual_cost", c.actual_cost);
  if (c.outcome)
    w.raw(0, "outcome", model::to_string(*c.outcome));
  auto evaluation = [&](std::string_view name, const model::Evaluation& e) {
    if (!e.rating)
      return;
    w.heading(2, name);
    w.raw(4, "rating", std::to_string(*e.rating));
    w.text(4, "comment", e.comment);
  };
  if (c.project_evaluation.rating || c.manager_evaluation.rating) {
    w.heading(0, "evaluation");
    evaluation("project", c.project_evaluation);
    evaluation("manager", c.manager_evaluation);
  }
  if (!c.lessons.empty()) {
    w.heading(0, "lessons");
    for (const auto& lesson : c.lessons) {
      Writer item;
      item.raw(2, "kind", model::to_string(lesson.kind));
      item.text(2, "text", lesson.text);
      item.id_list(2, "tags", lesson.tags);
      w.list_item(0, item);
    }
  }
  std::string text = std::move(w).str();
  return text.empty() ? std::string{"{}\n"} : text; // a record is never an empty file
}

Decoded<model::Risk> decode_risk(std::string_view text, const std::string& file,
                                 const std::string& project, const std::string& id,
                                 model::Lang lang) {
  Decoded<model::Risk> out;
  model::Risk& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx,
          *root,
          "",
          r.where,
          {"description", "cause", "probability", "impact", "owner", "response", "actions", "due",
           "status", "raised", "closed"}};
  require_text(ctx, map, "description", r.description);
  read_text(ctx, map, "cause", r.cause);
  if (auto v = read_bounded(ctx, map, "probability", 1, 5, true, true))
    r.probability = static_cast<int>(*v);
  if (auto v = read_bounded(ctx, map, "impact", 1, 5, true, true))
    r.impact = static_cast<int>(*v);
  read_id(ctx, map, "owner", r.owner, true);
  require_enum(ctx, map, "response", r.response, model::parse_risk_response,
               "avoid, mitigate, transfer, accept");
  read_list(ctx, map, "actions", r.where, r.actions);
  read_date(ctx, map, "due", r.due);
  require_enum(
      ctx, map, "status", r.open,
      [](std::string_view t) -> std::optional<bool> {
        if (t == "open")
          return true;
        if (t == "closed")
          return false;
        return std::nullopt;
      },
      "open, closed");
  read_date(ctx, map, "raised", r.raised);
  read_date(ctx, map, "closed", r.closed);
  return finish(std::move(out));
}

std::string encode_risk(const model::Risk& r) {
  Writer w;
  w.text(0, "description", r.description);
  w.text(0, "cause", r.cause);
  w.raw(0, "probability", std::to_string(r.probability));
  w.raw(0, "impact", std::to_string(r.impact));
  w.text(0, "owner", r.owner);
  w.raw(0, "response", model::to_string(r.response));
  w.text_list(0, "actions", r.actions);
  w.date(0, "due", r.due);
  w.raw(0, "status", r.open ? "open" : "closed");
  w.date(0, "raised", r.raised);
  w.date(0, "closed", r.closed);
  return std::move(w).str();
}

Decoded<model::Issue> decode_issue(std::string_view text, const std::string& file,
                                   const std::string& project, const std::string& id,
                                   model::Lang lang) {
  Decoded<model::Issue> out;
  model::Issue& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx,
          *root,
          "",
          r.where,
          {"description", "owner", "priority", "due", "raised", "resolved", "resolution"}};
  require_text(ctx, map, "description", r.description);
  read_id(ctx, map, "owner", r.owner, true);
  require_enum(ctx, map, "priority", r.priority, model::parse_priority,
               "low, medium, high, critical");
  read_date(ctx, map, "due", r.due);
  read_date(ctx, map, "raised", r.raised);
  read_date(ctx, map, "resolved", r.resolved);
  read_text(ctx, map, "resolution", r.resolution);
  if (r.resolved && r.resolution.empty())
    ctx.error(
        map.get("resolved")->at, "missing-field",
        pick(lang, "a resolved issue needs its resolution", "已解决的问题必须写明 resolution"));
  return finish(std::move(out));
}

std::string encode_issue(const model::Issue& r) {
  Writer w;
  w.text(0, "description", r.description);
  w.text(0, "owner", r.owner);
  w.raw(0, "priority", model::to_string(r.priority));
  w.date(0, "due", r.due);
  w.date(0, "raised", r.raised);
  w.date(0, "resolved", r.resolved);
  w.text(0, "resolution", r.resolution);
  return std::move(w).str();
}

Decoded<model::ConditionMet> decode_condition_met(std::string_view text, const std::string& file,
                                                  const std::string& project, const std::string& id,
                                                  model::Lang lang) {
  Decoded<model::ConditionMet> out;
  model::ConditionMet& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", r.where, {"decision", "number", "condition", "met", "by", "evidence"}};
  if (const Field* field = map.require("decision")) {
    if (auto name = text_of(ctx, *field)) {
      const bool safe =
          name->size() > 5 && name->size() <= 255 && name->ends_with(".yaml") &&
          name->find("..") == std::string::npos &&
          std::isalnum(static_cast<unsigned char>(name->front())) &&
          std::all_of(name->begin(), name->end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
          });
      if (safe)
        r.decision = std::move(*name);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang,
                     "decision: '{}' is not the file name of a decision record "
                     "(<stamp>-<gate>-<person>.yaml)",
                     "decision：“{}”不是决策记录的文件名（<时间>-<关口>-<人员>.yaml）", *name));
    }
  }
  if (auto number = read_bounded(ctx, map, "number", 1, 1000, true, true))
    r.number = static_cast<int>(*number);
  require_text(ctx, map, "condition", r.condition);
  if (map.require("met"))
    read_date(ctx, map, "met", r.met);
  read_id(ctx, map, "by", r.by, true);
  require_text(ctx, map, "evidence", r.evidence);
  return finish(std::move(out));
}

std::string encode_condition_met(const model::ConditionMet& r) {
  Writer w;
  w.text(0, "decision", r.decision);
  w.raw(0, "number", std::to_string(r.number));
  w.text(0, "condition", r.condition);
  w.date(0, "met", r.met);
  w.text(0, "by", r.by);
  w.text(0, "evidence", r.evidence);
  return std::move(w).str();
}

Decoded<model::ChangeRequest> decode_change(std::string_view text, const std::string& file,
                                            const std::string& project, const std::string& id,
                                            model::Lang lang) {
  Decoded<model::ChangeRequest> out;
  model::ChangeRequest& r = out.value;
  r.project = project;
  r.id = id;
  r.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx,
          *root,
          "",
          r.where,
          {"title", "reason", "requested_by", "requested", "impact", "alternatives"}};
  require_text(ctx, map, "title", r.title);
  require_text(ctx, map, "reason", r.reason);
  read_id(ctx, map, "requested_by", r.requested_by, false);
  read_date(ctx, map, "requested", r.requested);
  if (auto node = section(ctx, map, "impact")) {
    Map m{ctx, *node, "impact", r.where, {"scope", "schedule_days", "cost", "quality"}};
    read_text(ctx, m, "scope", r.scope_impact);
    if (auto v = read_bounded(ctx, m, "schedule_days", -3650, 3650, true, false))
      r.schedule_days = static_cast<int>(*v);
    if (auto v =
            read_bounded(ctx, m, "cost", -model::k_max_amount, model::k_max_amount, false, false))
      r.cost = *v;
    read_text(ctx, m, "quality", r.quality_impact);
  }
  read_list(ctx, map, "alternatives", r.where, r.alternatives);
  return finish(std::move(out));
}

std::string encode_change(const model::ChangeRequest& r) {
  Writer w;
  w.text(0, "title", r.title);
  w.text(0, "reason", r.reason);
  w.text(0, "requested_by", r.requested_by);
  w.date(0, "requested", r.requested);
  w.heading(0, "impact");
  w.text(2, "scope", r.scope_impact);
  w.raw(2, "schedule_days", std::to_string(r.schedule_days));
  w.raw(2, "cost", format_number(r.cost));
  w.text(2, "quality", r.quality_impact);
  w.text_list(0, "alternatives", r.alternatives);
  return std::move(w).str();
}

} // namespace pmo::codec

namespace pmo::codec {

std::string yaml_scalar(std::string_view text) { return scalar(text); }
std::string yaml_flow_scalar(std::string_view text) { return scalar(text, true); }
std::string yaml_number(double value) { return format_number(value); }

} // namespace pmo::codec
