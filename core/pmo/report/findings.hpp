#pragma once
// Findings as pmo prints them: a line of text, GitHub workflow annotations and a JSON array.

#include <pmo/model/types.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pmo::report {

// "file:line:col: error: message" (model::format_finding) with the control characters a record's
// text may bring shown escaped (escape_controls): the one way pmo prints a finding as text.
std::string finding_text(const model::Finding& finding, model::Lang lang);

// GitHub workflow-command escaping: "%" CR LF in a message; also ":" "," in a property value.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

// "::error file=F,line=L,col=C,title=CODE::message" (or ::warning); unknown parts are left out.
std::string github_annotation(const model::Finding& finding);

// The findings document of `pmo validate --format json` (docs/JSON.md): {schema_version: 1,
// command, findings: [{file, line, column, severity, code, message}]}, null where the location
// is unknown (no file, line 0, column 0); invalid UTF-8 becomes U+FFFD.
std::string findings_json(const std::vector<model::Finding>& findings,
                          std::string_view command = "validate");

} // namespace pmo::report
