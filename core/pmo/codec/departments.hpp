#pragma once
// pmo.yaml `departments:` (混合型 PMO), read apart from the office (decode_office leaves the key
// to this decoder): the departmental portfolios an enterprise office rolls up. The office kind
// (kinds.cpp) reports these findings with the office's, so `pmo validate` names a bad department
// by file:line:col.

#include <pmo/codec/records.hpp>
#include <pmo/model/departments.hpp>

namespace pmo::codec {

// The departments of pmo.yaml `text`. A path is relative and every segment of it an id, so it
// can neither climb out of the enterprise repository ("..", "/etc") nor hide a control character
// (bad-department); an id or a path listed twice is duplicate-department. Text that is not YAML
// gives no finding here (decode_office reports it).
Decoded<model::Departments> decode_departments(std::string_view text, const std::string& file,
                                               model::Lang lang);

} // namespace pmo::codec
