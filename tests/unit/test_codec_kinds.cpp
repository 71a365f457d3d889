// The record kinds and their field tables are one truth: every field a table lists is read by
// its kind's decoder (a wrong value there is reported at that field), every key a decoder knows
// is in the table (else Map::get throws), and the loader's kinds cover what the model names.

#include <pmo/codec/kinds.hpp>
#include <pmo/model/fields.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

using namespace pmo;
using model::FieldType;

namespace {

codec::RecordPath path_of(const codec::RecordKind& kind) {
  switch (kind.place) {
  case codec::Place::office:
    return {"pmo.yaml", "", ""};
  case codec::Place::person:
    return {"people/lina.yaml", "", "lina"};
  case codec::Place::project:
  case codec::Place::project_file:
    return {"projects/EX-1/" + std::string{kind.path}, "EX-1", ""};
  case codec::Place::project_records:
    break;
  }
  const std::string stem = kind.naming == codec::Naming::period     ? "2026-W47"
                           : kind.naming == codec::Naming::decision ? "20261101T090000Z-G1-lina"
                                                                    : "R-k3x9q";
  return {"projects/EX-1/" + std::string{kind.path} + "/" + stem + ".yaml", "EX-1", stem};
}

// A value of the wrong shape for a field of this type: the decoder, if it reads the field, must
// say so.
std::string wrong_value(FieldType type) {
  switch (type) {
  case FieldType::section:
  case FieldType::dates_by_name:
  case FieldType::scores:
    return "[oops]";
  case FieldType::items:
    return "oops";
  case FieldType::local_text:
    return "[1, 2]";
  case FieldType::moved:
    return "anything";
  default:
    return "{x: [1]}";
  }
}

// The YAML that writes `value` at `path` ("a.b[].c"), nothing else. Returns the line it is on.
int nest(const std::string& path, const std::string& value, std::string& out) {
  int indent = 0;
  int line = 1;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    std::string part =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    const bool item = part.ends_with("[]");
    if (item)
      part.resize(part.size() - 2);
    if (dot == std::string::npos) {
      out += fmt::format("{:{}}{}: {}\n", "", indent, part, value);
      return line;
    }
    out += fmt::format("{:{}}{}:\n", "", indent, part);
    ++line;
    indent += 2;
    if (item) {
      out += fmt::format("{:{}}- ", "", indent);
      // the next key goes on the same line as "- "
      const std::size_t next_dot = path.find('.', dot + 1);
      std::string next = path.substr(dot + 1, next_dot == std::string::npos ? std::string::npos
                                                                            : next_dot - dot - 1);
      if (next_dot == std::string::npos) {
        out += fmt::format("{}: {}\n", next, value);
        return line;
      }
      // nested below an item: not used by the tables
      FAIL("a field table nests below an item's field: " << path);
    }
    start = dot + 1;
  }
}

} // namespace

TEST_CASE("every field of every table is read by its kind's decoder") {
  for (const codec::RecordKind& kind : codec::record_kinds()) {
    for (const model::FieldDef& field : kind.fields().all()) {
      std::string text;
      const int line = nest(std::string{field.path}, wrong_value(field.type), text);
      std::vector<model::Finding> findings;
      const codec::RecordPath at = path_of(kind);
      bool decoded = true;
      CHECK_NOTHROW(decoded = kind.decode(text, at, model::Lang::en, nullptr, findings));
      const bool reported = std::any_of(findings.begin(), findings.end(), [&](const auto& f) {
        return f.severity == model::Severity::error && f.where.line == line &&
               f.code != "missing-field";
      });
      INFO(kind.name << " " << field.path << "\n" << text);
      for (const auto& f : findings)
        INFO(f.where.line << ":" << f.where.column << " " << f.code << " " << f.message);
      CHECK(reported);
      CHECK_FALSE(decoded);
      CHECK(std::none_of(findings.begin(), findings.end(),
                         [](const auto& f) { return f.code == "unknown-field"; }));
    }
  }
}

TEST_CASE("a required field left out is reported missing, by name") {
  for (const codec::RecordKind& kind : codec::record_kinds())
    for (const model::FieldDef& field : kind.fields().all()) {
      if (!field.required || field.path.find('.') != std::string_view::npos)
        continue;
      std::vector<model::Finding> findings;
      kind.decode("unrelated: 1\n", path_of(kind), model::Lang::en, nullptr, findings);
      INFO(kind.name << " " << field.path);
      CHECK(std::any_of(findings.begin(), findings.end(), [&](const auto& f) {
        return f.code == "missing-field" &&
               f.message.find("'" + std::string{field.path} + "'") != std::string::npos;
      }));
    }
}

TEST_CASE("a key the table does not list is an unknown field, with the closest as a hint") {
  std::vector<model::Finding> findings;
  const codec::RecordKind* risk = codec::find_record_kind("risk");
  REQUIRE(risk);
  risk->decode("descripton: x\n", path_of(*risk), model::Lang::en, nullptr, findings);
  CHECK(std::any_of(findings.begin(), findings.end(), [](const auto& f) {
    return f.code == "unknown-field" &&
           f.message == "unknown field 'descripton' (did you mean 'description'?)";
  }));
}

TEST_CASE("the kinds: distinct, and covering what the model names") {
  std::set<std::string_view> names, dirs;
  for (const codec::RecordKind& kind : codec::record_kinds()) {
    CHECK(names.insert(kind.name).second);
    if (kind.place == codec::Place::project_records || kind.place == codec::Place::project_file)
      CHECK(dirs.insert(kind.path).second);
    CHECK(kind.fields().kind() == kind.name);
  }
  // control.while_on_hold names record kinds: each is one of the table.
  for (std::string_view word : model::k_record_kinds)
    CHECK(codec::find_record_kind(word) != nullptr);
  CHECK(codec::record_kind(codec::Place::office).path == "pmo.yaml");
  CHECK(codec::find_record_kind("nonsense") == nullptr);
}

TEST_CASE("record_files lists every record's file once, pmo.yaml included") {
  model::Portfolio p;
  p.people.emplace_back().file = "people/lina.yaml";
  auto& project = p.projects.emplace_back();
  project.id = "EX-1";
  project.file = "projects/EX-1/project.yaml";
  project.closure.emplace().file = "projects/EX-1/closure.yaml";
  p.risks.emplace_back().file = "projects/EX-1/risks/R-k3x9q.yaml";
  p.conditions_met.emplace_back().file = "projects/EX-1/conditions/C-7mq2d.yaml";
  p.decisions.emplace_back().file = "projects/EX-1/decisions/20261101T090000Z-G1-lina.yaml";
  p.decisions.emplace_back().file = "projects/EX-1/decisions/20261101T090000Z-G1-lina.yaml";
  CHECK(codec::record_files(p) ==
        std::vector<std::string>{"people/lina.yaml", "pmo.yaml", "projects/EX-1/closure.yaml",
                                 "projects/EX-1/conditions/C-7mq2d.yaml",
                                 "projects/EX-1/decisions/20261101T090000Z-G1-lina.yaml",
                                 "projects/EX-1/project.yaml", "projects/EX-1/risks/R-k3x9q.yaml"});
}

TEST_CASE("a gate may require exactly the fillable fields of project.yaml and closure.yaml") {
  CHECK(model::is_known_project_field("scope.in"));
  CHECK(model::is_known_project_field("plan.procurement"));
  CHECK(model::is_known_project_field("closure"));
  CHECK(model::is_known_project_field("closure.evaluation.manager"));
  CHECK_FALSE(model::is_known_project_field("scope")); // a section, not a field one fills
  CHECK_FALSE(model::is_known_project_field("milestones[].name"));
  CHECK_FALSE(model::is_known_project_field("closure.lessons[].text"));
  CHECK_FALSE(model::is_known_project_field("budgett"));

  model::Project p;
  CHECK_FALSE(p.has_field("submitted"));
  p.submitted = model::Date{};
  CHECK(p.has_field("submitted"));
  p.plan.cost = "  \n";
  CHECK_FALSE(p.has_field("plan.cost")); // blanks are not content
  p.plan.cost = "按月核算";
  CHECK(p.has_field("plan.cost"));
  CHECK_FALSE(p.has_field("closure.outcome"));
  p.closure.emplace().outcome = model::Outcome::achieved;
  CHECK(p.has_field("closure"));
  CHECK(p.has_field("closure.outcome"));
  // The defaults' gates require only such fields.
  for (const auto& gate :
       model::default_office("x", model::Lang::zh, model::OfficeType::controlling).gates)
    for (const auto& field : gate.requires_fields)
      CHECK(model::is_known_project_field(field));
}
