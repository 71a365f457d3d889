#pragma once
// 混合型 PMO: reading an enterprise office's departments (pmo.yaml `departments`). Each
// department is read as `pmo` reads any portfolio — its own pmo.yaml, people and ledger, in its
// own repository (a submodule or a clone) — and nothing is written to it. A department whose
// directory is missing, leaves the enterprise repository or does not load is named on stderr and
// makes the command exit 1, after showing the others.

#include "reading.hpp"

#include <pmo/model/departments.hpp>
#include <pmo/report/rollup.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pmo::cli {

struct DepartmentReading {
  model::DepartmentDef def;
  std::string root;               // its absolute directory, with '/'
  std::optional<Reading> reading; // absent: missing or broken (`problem` says why)
  std::string code;               // missing-department or bad-department, when absent
  std::string problem;
};

struct RollupReading {
  Reading enterprise; // the enterprise office (and its own projects, if any)
  std::vector<DepartmentReading> departments;

  // The enterprise's own projects (department id "") then each department that loaded.
  std::vector<report::DepartmentPart> parts() const;
  // The readings whose projects a report or KPIs count: the enterprise's own (id "") when it has
  // projects, then each department that loaded (its id).
  std::vector<std::pair<std::string, const Reading*>> readings() const;
  int exit_code() const;
};

// Where the department's directory is, or why it cannot be read there: its path must not leave
// the enterprise portfolio's directory, even through a symbolic link, and must hold a pmo.yaml.
// Fills root, or code and problem.
void locate_department(const Workspace& enterprise, DepartmentReading& dept, model::Lang lang);

// pmo.yaml's departments (empty: the portfolio is not an enterprise office). Their findings are
// the loader's (the office kind), which refuses a pmo.yaml with errors before this is asked.
std::vector<model::DepartmentDef> read_departments(const Workspace& ws, model::Lang lang);

// Reads every department of `enterprise` (already read), in the enterprise's language; says on
// stderr which could not be read.
RollupReading read_rollup(const Context& ctx, Reading enterprise,
                          const std::vector<model::DepartmentDef>& departments);

// The department a qualified id ("it/P-001") names and the id there, or nullopt when the id has
// no '/'. Throws Failure(usage) for a department pmo.yaml does not declare.
std::optional<std::pair<model::DepartmentDef, std::string>>
department_of_id(const std::vector<model::DepartmentDef>& departments, const std::string& id,
                 model::Lang lang);

// `status it/P-001`, `report it/P-001`: when `id` is qualified and the portfolio at ctx is an
// enterprise office, the context of that department with `id` made its own ("P-001"); nullopt for
// an id without '/'. Throws Failure naming the department when it cannot be read.
std::optional<Context> department_for(const Context& ctx, std::string& id);

// pmo.yaml's departments as the roll-up's JSON shows them: id, path, remote, loaded, problem.
nlohmann::json departments_json(const RollupReading& rr);

// A context for reading one department: the same streams, clock and language, started there.
Context department_context(const Context& ctx, const std::string& root, model::Lang lang);

} // namespace pmo::cli
