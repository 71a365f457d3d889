#pragma once
// Text <-> records. The only code (with yaml_reader) that includes yaml-cpp.
// Decoders never throw: they return what they could read plus findings located by
// file:line:col (wrong type, bad enum, bad date, unknown field as a warning, missing required
// field). A decoder's result is usable only when no finding is an error.
// Encoders write the canonical layout, with fields in a fixed order, in UTF-8, readable in a diff.

#include <pmo/model/records.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pmo::codec {

template <class T> struct Decoded {
  T value;
  std::vector<model::Finding> findings;
  bool ok() const { return !model::has_errors(findings); }
};

// `file` is the repository-relative path used in findings; ids come from the path, not the text.
Decoded<model::Office> decode_office(std::string_view text, const std::string& file,
                                     model::Lang lang);
Decoded<model::Person> decode_person(std::string_view text, const std::string& file,
                                     const std::string& id, model::Lang lang);
Decoded<model::Project> decode_project(std::string_view text, const std::string& file,
                                       const std::string& id, model::Lang lang);
Decoded<model::Decision> decode_decision(std::string_view text, const std::string& file,
                                         const std::string& project, model::Lang lang);

// Project control records; ids and periods come from the path.
Decoded<model::StatusReport> decode_status_report(std::string_view text, const std::string& file,
                                                  const std::string& project,
                                                  const std::string& period, model::Lang lang);
Decoded<model::Risk> decode_risk(std::string_view text, const std::string& file,
                                 const std::string& project, const std::string& id,
                                 model::Lang lang);
Decoded<model::Issue> decode_issue(std::string_view text, const std::string& file,
                                   const std::string& project, const std::string& id,
                                   model::Lang lang);
Decoded<model::ChangeRequest> decode_change(std::string_view text, const std::string& file,
                                            const std::string& project, const std::string& id,
                                            model::Lang lang);
// projects/<id>/closure.yaml
Decoded<model::Closure> decode_closure(std::string_view text, const std::string& file,
                                       model::Lang lang);
std::string encode_closure(const model::Closure& closure);
std::string encode_status_report(const model::StatusReport& report);
std::string encode_risk(const model::Risk& risk);
// A condition of approval marked met (projects/<id>/conditions/<C-xxxxx>.yaml).
Decoded<model::ConditionMet> decode_condition_met(std::string_view text, const std::string& file,
                                                  const std::string& project, const std::string& id,
                                                  model::Lang lang);
std::string encode_condition_met(const model::ConditionMet& condition);
std::string encode_issue(const model::Issue& issue);
std::string encode_change(const model::ChangeRequest& change);

std::string encode_office(const model::Office& office);
std::string encode_person(const model::Person& person);
std::string encode_project(const model::Project& project);
std::string encode_decision(const model::Decision& decision);

} // namespace pmo::codec
