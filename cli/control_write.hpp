#pragma once
// Shared steps of the project-control writes (update, risk, issue, change, close): option values
// read with errors naming the field, the project they write to, and the record checked by decoding
// exactly the text about to be committed.

#include "context.hpp"

#include <pmo/codec/records.hpp>
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
// A date YYYY-MM-DD given on the command line; throws Failure(1) naming `option`.
model::Date date_option(const std::string& text, const char* option, model::Lang lang);

// NAME=VALUE given on the command line (split at the last '='); throws Failure(1) naming `option`.
std::pair<std::string, std::string> split_pair(const std::string& text, const char* option,
                                               model::Lang lang);

// The project a control record is written to: pmo.yaml, people/ and the project's own files load
// without errors, the project exists and is in the stage the baseline gate enters (executing).
// Throws Failure(1) otherwise ("a change against a closed project").
const model::Project& controlled_project(const store::Loaded& head, const std::string& id,
                                         model::Lang lang, model::ProjectState* state = nullptr);

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

// The next free id "<prefix>-001", "<prefix>-002", ... after the ids in use.
std::string next_record_id(const std::string& prefix, const std::vector<std::string>& used);

} // namespace pmo::cli
