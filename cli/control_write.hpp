#pragma once
// Shared steps of the project-control writes (update, risk, issue, change, close): option values
// read with errors naming the field, the project they write to, and the record checked by decoding
// exactly the text about to be committed.

#include "context.hpp"

#include <pmo/codec/records.hpp>
#include <pmo/git/repo.hpp>
#include <pmo/model/ids.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/store/loader.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pmo::cli {

// CR/LF and tabs as spaces: text that goes into a commit message line.
std::string one_line(std::string text);

// A number given on the command line; throws Failure(1) naming `option` when it is not one.
double number_option(const std::string& text, const char* option, model::Lang lang);
// An amount of money given as `option`: a number within ±k_max_amount, not negative unless
// `signed_amount` (a change request's cost may be negative).
double amount_option(const std::string& text, const char* option, model::Lang lang,
                     bool signed_amount = false);
// A date YYYY-MM-DD given on the command line; throws Failure(1) naming `option`.
model::Date date_option(const std::string& text, const char* option, model::Lang lang);

// NAME=VALUE given on the command line (split at the last '='); throws Failure(1) naming `option`.
std::pair<std::string, std::string> split_pair(const std::string& text, const char* option,
                                               model::Lang lang);

// The project a control record of `kind` (status, risk, issue, change, closure) is written to:
// pmo.yaml, people/ and the project's own files load without errors, the project exists and is
// in the stage the baseline gate enters (executing), and, when a gate holds it, pmo.yaml's
// control.while_on_hold lets a held project record `kind`. Throws Failure(1) otherwise ("a change
// against a closed project").
const model::Project& controlled_project(const store::Loaded& head, const std::string& id,
                                         model::Lang lang, std::string_view kind,
                                         model::ProjectState* state = nullptr);
// Refuses (Failure 1) a record of `kind` for a project on hold unless control.while_on_hold lets
// it; nothing when the project is not on hold.
void check_hold(const model::Portfolio& portfolio, const model::Project& project,
                const model::ProjectState& state, std::string_view kind, model::Lang lang);

// Decodes `text` as it will be committed; throws Failure(1) with the findings (which name the
// field) when it has errors.
template <class T>
void check_record(const codec::Decoded<T>& decoded, const std::string& what, model::Lang lang) {
  if (decoded.ok())
    return;
  throw Failure(
      k_exit_findings,
      model::tr(lang, "{}: invalid values; nothing written", "{}：取值无效，未写入任何内容", what),
      decoded.findings);
}

// A new id "<prefix>-xxxxx" for a record of `project` (risks "R", issues "I", change requests
// "CR"): model::make_record_id over the time, the operator (`author`), the project, the record's
// text and a value from ctx.random, drawn again while it matches one of `used` ignoring case.
// Two clones cannot both produce it, so their new records never meet in a merge.
std::string new_record_id(Context& ctx, const std::string& prefix, const git::Signature& author,
                          const std::string& project, const std::string& content,
                          const std::vector<std::string>& used);

// The record of `records` whose id is `id`, ignoring case (ids that differ only in case cannot
// stand side by side); nullptr when there is none.
template <class T>
const T* find_record(const std::vector<const T*>& records, const std::string& id) {
  for (const T* record : records)
    if (record->id == id)
      return record;
  for (const T* record : records)
    if (model::same_id_ignoring_case(record->id, id))
      return record;
  return nullptr;
}

} // namespace pmo::cli
