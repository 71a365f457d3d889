#pragma once
// 混合型 PMO: the enterprise office's roll-up of departmental portfolios (pmo.yaml `departments`).
// Each department is loaded, and its history judged, in its own repository under its own
// pmo.yaml; what is rolled up here are the results, never a re-judgement under the enterprise's
// rules. Project ids are qualified by the department ("it/P-001"). People are matched across
// departments by e-mail, so that one person's load is summed over every department's projects.
// The rules are in docs/FORMAT.md ("departments").

#include <pmo/model/kpi.hpp>
#include <pmo/model/records.hpp>
#include <pmo/report/portfolio.hpp>
#include <pmo/report/resources.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pmo::report {

// One department's portfolio as loaded and proved in its own repository.
struct DepartmentPart {
  std::string id; // pmo.yaml departments[].id
  const model::Portfolio* portfolio = nullptr;
};

// "it/P-001": a department's project id as the roll-up shows it.
std::string qualified_id(std::string_view department, std::string_view id);
// Splits "it/P-001" into ("it", "P-001"); nullopt without a '/'.
std::optional<std::pair<std::string, std::string>> split_qualified(std::string_view id);

// A person of the roll-up: everyone with the same e-mail (case-insensitive, trimmed) is one
// person; someone without an e-mail is only themselves. `id` is their id in the first department
// that lists them, or "dept/id" when that id is already someone else's in the roll-up. Capacity:
// the smallest any department gives (the conservative reading: no department plans beyond what
// another knows them to have); `capacities_differ` marks the disagreement.
struct RollupPerson {
  std::string id;
  std::string name;
  std::string email;
  double capacity = 1;
  bool capacities_differ = false;
  std::vector<std::pair<std::string, std::string>> sources; // (department, person id there)
};

struct RollupPeople {
  std::vector<RollupPerson> people; // in order of first appearance
  // (department, person id there) -> the roll-up id.
  std::map<std::pair<std::string, std::string>, std::string> ids;
};

RollupPeople match_people(const std::vector<DepartmentPart>& parts);

// The departments' records as one portfolio for the load computations: the enterprise office
// (its cadence and scoring model), the matched people, and each department's projects with
// qualified ids, assignments naming the roll-up's people and dependencies qualified. `holding`:
// the qualified ids of the projects that hold people, each decided by its own department's
// lifecycle and history. The merged portfolio has no decisions: its projects' stages are never
// derived from it.
struct Rollup {
  model::Portfolio merged;
  std::set<std::string> holding;
  RollupPeople people;
};
Rollup roll_up(const model::Office& enterprise, const std::vector<DepartmentPart>& parts,
               model::Lang lang);

// resource_view over the roll-up: each person's load summed across every department.
ResourceView rollup_resources(const Rollup& rollup, model::Date from, model::Date to,
                              model::Lang lang);

// The portfolio table's rows of every department, in department order, ids qualified (the
// project's own and those it depends on) and managers named by their roll-up ids, each
// department's rows computed under its own office.
std::vector<ProjectRow> rollup_rows(const std::vector<DepartmentPart>& parts,
                                    const RollupPeople& people, const model::Clock& clock,
                                    model::Lang lang);

// The departments an over-allocation spans (from its projects' qualified ids), in order; more
// than one: no single department can see it.
std::vector<std::string> departments_of(const model::Overload& overload);

// The portfolio report of an enterprise office from its departments' reports (each built by
// build_report in its own repository): projects, proposals, decisions, risks, changes and
// closures with qualified ids; stage counts by stage id in order of first appearance; the
// executive summary summed (money in the departments' own currencies, which the office expects to
// be one); over-allocations across departments from `rollup`; the enterprise's escalation
// threshold. Left out: the SPI/CPI trend and the funding frontier, which compare figures only
// within one scoring model and one set of baselines. KPIs are the caller's (rollup_kpis).
PortfolioReport rollup_report(const std::vector<std::pair<std::string, PortfolioReport>>& parts,
                              const Rollup& rollup, const model::Clock& clock, model::Lang lang);

// The KPIs over the union of the departments' projects: every entry kept (its project
// qualified), rates recomputed as counted entries over all entries and day figures as the mean
// of all entries (never an average of the departments' averages), against the enterprise's
// targets for the year.
model::KpiReport
rollup_kpis(const std::vector<std::pair<std::string, model::KpiReport>>& departments,
            const model::Office& enterprise, int year);

} // namespace pmo::report
