#pragma once
// The JSON Schemas (draft-07, what yaml-language-server reads) of the record kinds, generated
// from the kinds table and each kind's field table — the tables the reader decodes with — so a
// schema cannot say other than the reader: types, required fields, choices, ranges, sections and
// lists, `~` for every field that may be left unfilled. Unknown fields are not allowed
// (additionalProperties: false): the reader warns on them, and so does an editor.
//
// A schema can say less than the reader: cross-references (a person in the roster, a stage of the
// lifecycle), real calendar dates and the rules of pmo.yaml are validate's.

#include <pmo/codec/kinds.hpp>
#include <pmo/model/types.hpp>

#include <string>
#include <string_view>

namespace pmo::report {

// The schema of one kind, as JSON text (two-space indent, ending in a newline); descriptions in
// `lang`.
std::string record_schema(const codec::RecordKind& kind, model::Lang lang);

// Every kind's schema, as one JSON object keyed by kind name, in the table's order.
std::string record_schemas(model::Lang lang);

} // namespace pmo::report
