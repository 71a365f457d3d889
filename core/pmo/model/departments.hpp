#pragma once
// 混合型 PMO: the departmental portfolios an enterprise office rolls up (pmo.yaml `departments`).

#include <pmo/model/types.hpp>

#include <string>
#include <vector>

namespace pmo::model {

// A department: `path` is relative to the enterprise portfolio's directory and stays inside it
// (a git submodule or a plain clone); `remote` is where its repository lives, for people (pmo
// never fetches it).
struct DepartmentDef {
  std::string id;   // "it": qualifies its project ids ("it/P-001")
  std::string path; // "depts/it"
  std::string remote;
  Location at; // the item in pmo.yaml
};

struct Departments {
  std::vector<DepartmentDef> list; // in the order written; empty: not a roll-up
  FieldLocations where;
};

} // namespace pmo::model
