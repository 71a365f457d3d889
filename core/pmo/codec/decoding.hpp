#pragma once
// What every record decoder is made of (inside the codec only): the context findings go to, the
// fields of a mapping as written, and one reader per kind of value. Each reader reports a wrong
// type, a bad value or a missing required field at its file:line:col and leaves `out` as it was.

#include <pmo/codec/records.hpp>
#include <pmo/codec/yaml_reader.hpp>
#include <pmo/model/fields.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pmo::codec::detail {

using model::FieldLocations;
using model::Finding;
using model::Lang;
using model::Location;
using model::pick;
using model::Severity;
using model::tr;

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

std::size_t edit_distance(std::string_view a, std::string_view b);
// "a list", "a mapping", "'text'" or "empty", for a message about a value of the wrong type.
std::string describe(Ctx& ctx, const YAML::Node& node);

// The fields of a mapping. `known` are the field names the record's table gives at this level
// (model::RecordFields::keys); other keys are warnings, with the closest known name as a hint.
// Where each field was written goes into `where` under prefix + key. Asking for a field that is
// not in `known` is a decoder bug, and throws std::logic_error.
class Map {
public:
  Map(Ctx& ctx, const YAML::Node& node, std::string prefix, FieldLocations& where,
      const std::vector<std::string_view>& known);

  // The field when written (even if empty).
  const Field* get(std::string_view name) const;
  // The field when written with a value; reports it missing otherwise.
  const Field* require(std::string_view name) const;

  std::string path(std::string_view name) const {
    return m_prefix.empty() ? std::string{name} : m_prefix + "." + std::string{name};
  }
  const Location& at() const { return m_at; }

private:
  void unknown(const YAML::Node& key, const std::string& name);

  Ctx& m_ctx;
  Location m_at;
  std::string m_prefix;
  const std::vector<std::string_view>& m_known;
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
std::optional<YAML::Node> parse_root(Ctx& ctx, std::string_view text);

// Text: any scalar; an empty value is absent.
std::optional<std::string> text_of(Ctx& ctx, const Field& field);
void read_text(Ctx& ctx, const Map& map, std::string_view name, std::string& out);
void require_text(Ctx& ctx, const Map& map, std::string_view name, std::string& out);

bool check_id(Ctx& ctx, const std::string& id, const std::string& path, const Location& at);
void read_id(Ctx& ctx, const Map& map, std::string_view name, std::string& out, bool required);

// A list of text; a single scalar is a one-item list; empty items are skipped.
std::vector<std::string> list_of(Ctx& ctx, const Field& field, FieldLocations& where, bool ids);
void read_list(Ctx& ctx, const Map& map, std::string_view name, FieldLocations& where,
               std::vector<std::string>& out, bool ids = false);

// A quoted (or !!str) scalar is text in YAML, not a number or a boolean.
bool is_plain(const YAML::Node& node);
std::optional<double> number_of(Ctx& ctx, const Field& field);
// An amount of money: a number >= 0.
void read_amount(Ctx& ctx, const Map& map, std::string_view name, std::optional<double>& out);
void read_date(Ctx& ctx, const Map& map, std::string_view name, std::optional<model::Date>& out);
std::optional<bool> parse_bool(std::string_view text);

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

// An enumerated word that must be written.
template <class T, class Parse>
void require_enum(Ctx& ctx, const Map& map, std::string_view name, T& out, Parse parse,
                  const char* choices) {
  if (map.require(name))
    read_enum(ctx, map, name, out, parse, choices);
}

// {zh: ..., en: ...}, or one text for both languages.
void read_local_text(Ctx& ctx, const Map& map, std::string_view name, FieldLocations& where,
                     model::LocalText& out);

bool is_hex_id(std::string_view text);
bool has_control(std::string_view text);
std::optional<model::Party> parse_party(std::string_view text);
std::string_view party_name(model::Party party);
void read_quorum(Ctx& ctx, const Map& map, model::Quorum& out);
// A true/false field; absent or null keeps `out`.
void read_flag(Ctx& ctx, const Map& map, std::string_view name, bool& out);

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
std::optional<YAML::Node> section(Ctx& ctx, const Map& map, std::string_view name);

// A number within [low, high]; `whole`: an integer.
std::optional<double> read_bounded(Ctx& ctx, const Map& map, std::string_view name, double low,
                                   double high, bool whole, bool required);

} // namespace pmo::codec::detail
