#include <pmo/codec/decoding.hpp>
#include <pmo/model/ids.hpp>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace pmo::codec::detail {

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

Map::Map(Ctx& ctx, const YAML::Node& node, std::string prefix, FieldLocations& where,
         const std::vector<std::string_view>& known)
    : m_ctx(ctx), m_at(ctx.loc(node)), m_prefix(std::move(prefix)), m_known(known) {
  for (const auto& entry : node) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      ctx.error(ctx.loc(key), "wrong-type",
                pick(ctx.lang, "a field name must be text", "字段名必须是文本"));
      continue;
    }
    const std::string& name = key.Scalar();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      unknown(key, name);
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

const Field* Map::get(std::string_view name) const {
  if (std::find(m_known.begin(), m_known.end(), name) == m_known.end())
    throw std::logic_error("decoder reads '" + path(name) +
                           "', which the record's field table does not have");
  for (const auto& [key, field] : m_fields)
    if (key == name)
      return &field;
  return nullptr;
}

const Field* Map::require(std::string_view name) const {
  const Field* field = get(name);
  if (!field || field->value.IsNull()) {
    m_ctx.error(field ? field->at : m_at, "missing-field",
                tr(m_ctx.lang, "missing required field '{}'", "缺少必填字段“{}”", path(name)));
    return nullptr;
  }
  return field;
}

void Map::unknown(const YAML::Node& key, const std::string& name) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (auto candidate : m_known) {
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
               std::vector<std::string>& out, bool ids) {
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
  static const std::vector<std::string_view> k_languages = {"zh", "en"};
  Map names{ctx, field->value, field->path, where, k_languages};
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

} // namespace pmo::codec::detail
