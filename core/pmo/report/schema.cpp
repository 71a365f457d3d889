#include <pmo/report/schema.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace pmo::report {

namespace {

using json = nlohmann::ordered_json;
using model::FieldDef;
using model::FieldType;
using model::Lang;
using model::pick;

// The reader's rules for values, as patterns (ECMA-262, which JSON Schema uses).
// model::id_problem: a letter or digit first, then letters, digits, '.', '_', '-', at most 64 in
// all; no "..", no trailing '.', no name Windows reserves (any case, any extension).
constexpr const char* k_id_pattern =
    "^(?!(?:[Cc][Oo][Nn]|[Pp][Rr][Nn]|[Aa][Uu][Xx]|[Nn][Uu][Ll]|[Cc][Oo][Mm][1-9]|[Ll][Pp][Tt][1-9]"
    ")"
    "(?:\\.|$))(?!.*\\.\\.)(?!.*\\.$)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
constexpr const char* k_date_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
// model::parse_timestamp: YYYY-MM-DDTHH:MM:SSZ, or a day alone (its midnight, UTC).
constexpr const char* k_timestamp_pattern =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}:[0-9]{2}[Zz])?$";
// A git object id (decision.record, decision.rules): 4 to 64 hexadecimal digits.
constexpr const char* k_git_object_pattern = "^[0-9A-Fa-f]{4,64}$";
// The file name of a decision record (condition.decision), as the condition reader allows it.
constexpr const char* k_file_name_pattern = "^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,249}\\.yaml$";

// What the reader takes as text: any scalar (YAML's 12 or true are text too).
json scalar_type() { return json::array({"string", "number", "boolean"}); }

std::string_view description(const FieldDef& field, Lang lang) {
  return lang == Lang::zh && !field.zh.empty() ? field.zh : field.en;
}

std::vector<std::string> words(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view word = list.substr(0, comma);
    while (!word.empty() && word.front() == ' ')
      word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ')
      word.remove_suffix(1);
    if (!word.empty())
      out.emplace_back(word);
    if (comma == std::string_view::npos)
      break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

json ref(const char* definition) {
  return json{{"$ref", std::string{"#/definitions/"} + definition}};
}

// `schema`, or null: the reader takes `~` (and an empty value) as not filled in.
json nullable(json schema) {
  if (schema.contains("type")) {
    json& type = schema["type"];
    if (type.is_string())
      type = json::array({type, "null"});
    else
      type.push_back("null");
    if (schema.contains("enum"))
      schema["enum"].push_back(nullptr);
    return schema;
  }
  return json{{"anyOf", json::array({std::move(schema), json{{"type", "null"}}})}};
}

// A bound, written as a whole number when it is one ("minimum": 1, not 1.0).
json number(double value) {
  if (value == std::trunc(value) && std::fabs(value) < 9e15)
    return static_cast<long long>(value);
  return value;
}

// A number, within the field's bounds when it has them (low < high).
json bounded(const char* type, const FieldDef& field) {
  json schema{{"type", type}};
  if (field.low < field.high) {
    schema["minimum"] = number(field.low);
    schema["maximum"] = number(field.high);
  }
  return schema;
}

// The items of a list of text or of ids: one scalar is a one-item list; `~` items are skipped.
json list_of(json item) {
  json items = nullable(item);
  return json{{"anyOf", json::array({std::move(item), json{{"type", "array"}, {"items", items}}})}};
}

class Generator {
public:
  Generator(const model::RecordFields& table, Lang lang) : m_table(table), m_lang(lang) {}

  // The mapping of the fields directly below `prefix` ("" for the record, "scope",
  // "milestones[]").
  json object(std::string_view prefix) {
    json properties = json::object();
    json required = json::array();
    for (const FieldDef& field : m_table.all()) {
      if (parent(field.path) != prefix)
        continue;
      const std::string name{leaf(field.path)};
      properties[name] = value(field);
      if (field.required)
        required.push_back(name);
    }
    json schema{{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty())
      schema["required"] = std::move(required);
    schema["additionalProperties"] = false;
    return schema;
  }

  const json& definitions() const { return m_definitions; }

private:
  static std::string_view parent(std::string_view path) {
    const std::size_t dot = path.rfind('.');
    return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
  }
  static std::string_view leaf(std::string_view path) {
    const std::size_t dot = path.rfind('.');
    return dot == std::string_view::npos ? path : path.substr(dot + 1);
  }

  // A shared definition, written once under "definitions".
  json use(const char* name, json schema) {
    if (!m_definitions.contains(name))
      m_definitions[name] = std::move(schema);
    return ref(name);
  }
  json id() { return use("id", json{{"type", "string"}, {"pattern", k_id_pattern}}); }
  json date() { return use("date", json{{"type", "string"}, {"pattern", k_date_pattern}}); }
  json text(bool required) {
    json schema{{"type", scalar_type()}};
    if (required) // a required text must not be empty
      schema["minLength"] = 1;
    return schema;
  }

  // The value of one field: its type, then `~` unless it is required, then its description.
  json value(const FieldDef& field) {
    json schema = shape(field);
    if (field.type == FieldType::moved)
      return json{{"description", description(field, m_lang)}, {"not", json::object()}};
    if (!field.required)
      schema = nullable(std::move(schema));
    else if (schema.contains("$ref")) // in draft-07 a $ref's siblings are ignored
      schema = json{{"allOf", json::array({std::move(schema)})}};
    json out{{"description", description(field, m_lang)}};
    out.update(schema);
    return out;
  }

  json shape(const FieldDef& field) {
    switch (field.type) {
    case FieldType::text:
      return text(field.required);
    case FieldType::id:
      return id();
    case FieldType::ids:
      return list_of(id());
    case FieldType::texts:
      if (!field.choices.empty())
        return list_of(json{{"type", "string"}, {"enum", words(field.choices)}});
      return list_of(json{{"type", scalar_type()}});
    case FieldType::number:
      return bounded("number", field);
    case FieldType::amount:
      return json{{"type", "number"}, {"minimum", 0}, {"maximum", number(model::k_max_amount)}};
    case FieldType::whole:
      return bounded("integer", field);
    case FieldType::date:
      return date();
    case FieldType::timestamp:
      return use("timestamp", json{{"type", "string"}, {"pattern", k_timestamp_pattern}});
    case FieldType::flag:
      return json{{"type", "boolean"}};
    case FieldType::choice:
      return json{{"type", "string"}, {"enum", words(field.choices)}};
    case FieldType::local_text:
      return json{{"anyOf", json::array({json{{"type", scalar_type()}},
                                         json{{"type", "object"},
                                              {"properties",
                                               {{"zh", nullable(json{{"type", scalar_type()}})},
                                                {"en", nullable(json{{"type", scalar_type()}})}}},
                                              {"additionalProperties", false}}})}};
    case FieldType::quorum:
      return json{{"anyOf", json::array({json{{"type", "string"}, {"enum", {"all", "majority"}}},
                                         json{{"type", "integer"}, {"minimum", 1}}})}};
    case FieldType::section:
      return object(field.path);
    case FieldType::items:
      return json{{"type", "array"}, {"items", object(std::string{field.path} + "[]")}};
    case FieldType::refs:
      return json{
          {"type", "array"},
          {"items", json{{"anyOf", json::array({id(), object(std::string{field.path} + "[]")})}}}};
    case FieldType::dates_by_name:
      return json{{"type", "object"}, {"additionalProperties", date()}};
    case FieldType::scores:
      // project.cpp: a whole number from 0 to 100 per criterion id (the scale is pmo.yaml's,
      // checked by validate), or ~ for not scored yet.
      return json{
          {"type", "object"},
          {"propertyNames", id()},
          {"additionalProperties",
           json{{"type", json::array({"integer", "null"})}, {"minimum", 0}, {"maximum", 100}}}};
    case FieldType::git_object:
      return json{{"type", "string"}, {"pattern", k_git_object_pattern}};
    case FieldType::file_name:
      return json{{"type", "string"}, {"pattern", k_file_name_pattern}};
    case FieldType::moved:
      return json{{"not", json::object()}};
    }
    throw std::logic_error("field type without a schema");
  }

  const model::RecordFields& m_table;
  Lang m_lang;
  json m_definitions = json::object();
};

std::string title(const codec::RecordKind& kind, Lang lang) {
  const std::string form{lang == Lang::zh ? kind.form_zh : kind.form_en};
  std::string file;
  switch (kind.place) {
  case codec::Place::office:
    file = "pmo.yaml";
    break;
  case codec::Place::person:
    file = "people/" + form;
    break;
  case codec::Place::project:
  case codec::Place::project_file:
    file = pick(lang, "projects/<project-id>/", "projects/<项目编号>/") + form;
    break;
  case codec::Place::project_records:
    file = pick(lang, "projects/<project-id>/", "projects/<项目编号>/") + std::string{kind.path} +
           "/" + form;
    break;
  }
  return model::tr(lang, "pmo {} record ({})", "pmo {} 记录（{}）", kind.name, file);
}

json schema_of(const codec::RecordKind& kind, Lang lang) {
  Generator generator{kind.fields(), lang};
  json body = generator.object("");
  json schema{
      {"$schema", "http://json-schema.org/draft-07/schema#"},
      {"$id", "https://pmo.example/schema/" + std::string{kind.name} + ".json"},
      {"title", title(kind, lang)},
      {"description",
       pick(lang,
            "Generated by pmo schema from the field table pmo reads this record with. "
            "pmo validate also checks what a schema cannot: references between records, "
            "calendar dates, the rules of pmo.yaml.",
            "由 pmo schema 根据 pmo 读取此类记录所用的字段表生成。记录之间的引用、日历日期和 "
            "pmo.yaml 的规则等 schema 无法表达的内容，由 pmo validate 检查。")}};
  schema.update(body);
  if (!generator.definitions().empty())
    schema["definitions"] = generator.definitions();
  return schema;
}

} // namespace

std::string record_schema(const codec::RecordKind& kind, Lang lang) {
  return schema_of(kind, lang).dump(2) + "\n";
}

std::string record_schemas(Lang lang) {
  json all = json::object();
  for (const codec::RecordKind& kind : codec::record_kinds())
    all[std::string{kind.name}] = schema_of(kind, lang);
  return all.dump(2) + "\n";
}

} // namespace pmo::report
