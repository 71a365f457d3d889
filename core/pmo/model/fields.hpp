#pragma once
// What each kind of record holds, as data: every field, its type, whether it must be written and
// what it means, in one table per kind. The reader takes each mapping's known fields from here (a
// key not in the table is an "unknown field"; a decoder that reads a field not in it fails loudly),
// a gate's `requires` is checked against the project's and the closure report's tables, whether a
// project has a required field filled is read through them, and `pmo schema` can describe every
// record from them.
//
// Paths: "title", "business_case.cost_estimate" (a field of a section), "milestones[].date" (a
// field of each item of a list of mappings).

#include <pmo/model/records.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::model {

enum class FieldType {
  text,          // any scalar; empty is absent
  id,            // an id (of a person, role, gate, stage or project)
  ids,           // a list of ids (one id is a one-item list)
  texts,         // a list of text (one text is a one-item list)
  number,        // a number written without quotes
  amount,        // an amount of money: a number from 0 to 1e15
  whole,         // a whole number, within `low`..`high`
  date,          // YYYY-MM-DD
  timestamp,     // YYYY-MM-DDTHH:MM:SSZ (UTC)
  flag,          // true or false
  choice,        // one word of `choices`
  local_text,    // text, or {zh: ..., en: ...}
  quorum,        // all, majority or a whole number
  section,       // a mapping of the fields below it
  items,         // a list of mappings of the fields below it ("path[]")
  refs,          // a list whose items are an id, or a mapping of the fields below it ("path[]")
  dates_by_name, // a mapping of names to dates (a status report's forecasts)
  scores,        // a mapping of criterion ids to whole numbers (a project's scores)
  git_object,    // a git object id, hexadecimal
  file_name,     // the file name of a decision record
  moved,         // no longer a field here: known only so the reader can say where it went
};

struct FieldDef {
  std::string_view path;
  FieldType type = FieldType::text;
  bool required = false;
  std::string_view choices = {}; // choice: the words, ", "-separated
  double low = 0;                // number, whole: the bounds, when low < high
  double high = 0;
  std::string_view en; // what the field holds
  std::string_view zh;
  // For a field a gate may require: whether the project (with its closure report) has it
  // filled, with content other than blanks. Null for fields no gate can require.
  bool (*filled)(const Project&) = nullptr;
};

// The fields of one kind of record.
class RecordFields {
public:
  RecordFields(std::string_view kind, std::vector<FieldDef> fields);

  std::string_view kind() const { return m_kind; }
  std::span<const FieldDef> all() const { return m_fields; }
  // The field at `path` ("business_case.roi", "milestones[].name"), or nullptr.
  const FieldDef* find(std::string_view path) const;
  // The names of the fields directly below `prefix` ("" for the top level, "milestones[]" for
  // the fields of an item), in table order.
  const std::vector<std::string_view>& keys(std::string_view prefix) const;

private:
  std::string m_kind;
  std::vector<FieldDef> m_fields;
  std::vector<std::pair<std::string, std::vector<std::string_view>>> m_keys; // prefix -> names
};

const RecordFields& office_fields();    // pmo.yaml
const RecordFields& person_fields();    // people/<id>.yaml
const RecordFields& project_fields();   // projects/<id>/project.yaml
const RecordFields& decision_fields();  // projects/<id>/decisions/<stamp>-<gate>-<person>.yaml
const RecordFields& closure_fields();   // projects/<id>/closure.yaml
const RecordFields& status_fields();    // projects/<id>/status/<period>.yaml
const RecordFields& risk_fields();      // projects/<id>/risks/<id>.yaml
const RecordFields& issue_fields();     // projects/<id>/issues/<id>.yaml
const RecordFields& change_fields();    // projects/<id>/changes/<id>.yaml
const RecordFields& condition_fields(); // projects/<id>/conditions/<id>.yaml

// A field a gate may require: a path of project.yaml ("scope.in"), or "closure" and
// "closure.<path>" for the closure report. Nullptr when no such field can be required.
const FieldDef* requirable_field(std::string_view path);

} // namespace pmo::model
