// The JSON Schemas follow the field tables: every field of every table is in its kind's schema,
// at its path, with its description, its requiredness, its choices and its bounds.

#include <pmo/codec/kinds.hpp>
#include <pmo/model/fields.hpp>
#include <pmo/report/schema.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using namespace pmo;
using json = nlohmann::json;
using model::FieldType;

namespace {

json schema_of(std::string_view kind, model::Lang lang = model::Lang::en) {
  const codec::RecordKind* found = codec::find_record_kind(kind);
  REQUIRE(found);
  return json::parse(report::record_schema(*found, lang));
}

// The schema of a value, without the `~` alternative and through a $ref into definitions.
const json& unwrap(const json& root, const json& value) {
  const json* at = &value;
  while (true) {
    if (at->contains("$ref")) {
      const std::string ref = (*at)["$ref"];
      REQUIRE(ref.starts_with("#/definitions/"));
      at = &root["definitions"][ref.substr(14)];
    } else if (at->contains("allOf") && (*at)["allOf"].size() == 1) {
      at = &(*at)["allOf"][0];
    } else if (at->contains("anyOf") && (*at)["anyOf"].size() == 2 &&
               (*at)["anyOf"][1] == json{{"type", "null"}}) {
      at = &(*at)["anyOf"][0];
    } else {
      return *at;
    }
  }
}

// The object schema the fields directly below `prefix` are properties of.
const json& object_at(const json& root, std::string_view prefix) {
  const json* at = &root;
  std::size_t start = 0;
  while (start < prefix.size()) {
    const std::size_t dot = prefix.find('.', start);
    std::string part{
        prefix.substr(start, dot == std::string_view::npos ? prefix.npos : dot - start)};
    const bool item = part.ends_with("[]");
    if (item)
      part.resize(part.size() - 2);
    INFO("at " << part);
    REQUIRE((*at)["properties"].contains(part));
    at = &unwrap(root, (*at)["properties"][part]);
    if (item) {
      at = &unwrap(root, (*at)["items"]);
      if (at->contains("anyOf")) // a refs item: an id, or the mapping
        at = &unwrap(root, (*at)["anyOf"].back());
    }
    if (dot == std::string_view::npos)
      break;
    start = dot + 1;
  }
  return *at;
}

std::string_view parent(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
}
std::string leaf(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return std::string{dot == std::string_view::npos ? path : path.substr(dot + 1)};
}

bool accepts_null(const json& value) {
  if (value.contains("type")) {
    const json& type = value["type"];
    return type == "null" ||
           (type.is_array() && std::find(type.begin(), type.end(), "null") != type.end());
  }
  if (value.contains("anyOf"))
    return std::any_of(value["anyOf"].begin(), value["anyOf"].end(),
                       [](const json& option) { return accepts_null(option); });
  return false;
}

} // namespace

TEST_CASE("every field of every table is in its kind's schema, as the table says") {
  for (const codec::RecordKind& kind : codec::record_kinds()) {
    const json root = schema_of(kind.name);
    CHECK(root["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(root["$id"] == "https://pmo.example/schema/" + std::string{kind.name} + ".json");
    for (const model::FieldDef& field : kind.fields().all()) {
      INFO(kind.name << " " << field.path);
      const json& owner = object_at(root, parent(field.path));
      CHECK(owner["additionalProperties"] == false);
      const std::string name = leaf(field.path);
      REQUIRE(owner["properties"].contains(name));
      const json& value = owner["properties"][name];
      CHECK(value["description"] == std::string{field.en});
      const bool listed_required = owner.contains("required") &&
                                   std::find(owner["required"].begin(), owner["required"].end(),
                                             name) != owner["required"].end();
      CHECK(listed_required == field.required);
      if (field.type == FieldType::moved) {
        CHECK(value["not"] == json::object()); // no value is valid: the field moved
        continue;
      }
      // `~` is "not filled in" for the reader: allowed exactly where the field is optional.
      CHECK(accepts_null(value) == !field.required);
      const json& shape = unwrap(root, value);
      if (field.type == FieldType::choice) {
        std::vector<std::string> words;
        for (const auto& word : shape["enum"])
          if (!word.is_null())
            words.push_back(word);
        std::string joined;
        for (const auto& word : words)
          joined += (joined.empty() ? "" : ", ") + word;
        CHECK(joined == field.choices);
      }
      if ((field.type == FieldType::whole || field.type == FieldType::number) &&
          field.low < field.high) {
        CHECK(shape["minimum"] == field.low);
        CHECK(shape["maximum"] == field.high);
      }
      if (field.type == FieldType::whole)
        CHECK(shape["type"].dump().find("integer") != std::string::npos);
      if (field.type == FieldType::amount)
        CHECK(shape["maximum"] == model::k_max_amount);
    }
  }
}

TEST_CASE("a schema has no property the field table does not have") {
  for (const codec::RecordKind& kind : codec::record_kinds()) {
    const json root = schema_of(kind.name);
    // Every (prefix, name) the schema lists as a property of a record, section or item.
    std::size_t described = 0;
    for (const model::FieldDef& field : kind.fields().all()) {
      if (field.type != FieldType::section && field.type != FieldType::items &&
          field.type != FieldType::refs)
        continue;
      const std::string prefix =
          std::string{field.path} + (field.type == FieldType::section ? "" : "[]");
      const json& object = object_at(root, prefix);
      for (const auto& [name, value] : object["properties"].items()) {
        INFO(kind.name << " " << prefix << "." << name);
        CHECK(kind.fields().find(prefix + "." + name) != nullptr);
        ++described;
      }
    }
    for (const auto& [name, value] : root["properties"].items()) {
      INFO(kind.name << " " << name);
      CHECK(kind.fields().find(name) != nullptr);
      ++described;
    }
    CHECK(described == kind.fields().all().size());
  }
}

TEST_CASE("descriptions are in the language asked for, and all kinds print as one object") {
  const json zh = schema_of("risk", model::Lang::zh);
  CHECK(zh["properties"]["probability"]["description"] == "概率，1 到 5");
  CHECK(zh["title"] == "pmo risk 记录（projects/<项目编号>/risks/<风险编号>.yaml）");
  CHECK(schema_of("risk")["title"] ==
        "pmo risk record (projects/<project-id>/risks/<risk-id>.yaml)");
  const json all = json::parse(report::record_schemas(model::Lang::en));
  CHECK(all.size() == codec::record_kinds().size());
  for (const codec::RecordKind& kind : codec::record_kinds())
    CHECK(all[std::string{kind.name}] == schema_of(kind.name));
}

TEST_CASE("a record's modeline points at its kind's schema from the record's directory") {
  CHECK(codec::schema_modeline("office") ==
        "# yaml-language-server: $schema=.pmo/schema/office.json\n");
  CHECK(codec::schema_modeline("person") ==
        "# yaml-language-server: $schema=../.pmo/schema/person.json\n");
  CHECK(codec::schema_modeline("project") ==
        "# yaml-language-server: $schema=../../.pmo/schema/project.json\n");
  CHECK(codec::schema_modeline("closure") ==
        "# yaml-language-server: $schema=../../.pmo/schema/closure.json\n");
  CHECK(codec::schema_modeline("decision") ==
        "# yaml-language-server: $schema=../../../.pmo/schema/decision.json\n");
  CHECK_THROWS_AS(codec::schema_modeline("nothing"), std::logic_error);
}
