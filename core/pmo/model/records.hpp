#pragma once
// The records of a portfolio, as plain structs. The on-disk layout they come from:
//
//   pmo.yaml                                   Office: the process as configuration
//   people/<person-id>.yaml                    Person: one per file
//   projects/<project-id>/project.yaml         Project: the proposal (项目建议书) and its facts
//   projects/<project-id>/decisions/<stamp>-<gate>-<person>.yaml
//                                              Decision: one gate decision, append-only
//
// Ids are not stored inside files: they are the file or directory name, so they cannot disagree.
// State (stage, next gate, quorum) is derived by lifecycle.hpp and never stored.

#include <pmo/model/types.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

// 保证型 / 控制型 / 战略型: how strictly gates are enforced.
enum class OfficeType { supportive, controlling, directive };
std::optional<OfficeType> parse_office_type(std::string_view text);
std::string_view to_string(OfficeType type);

struct LocalText {
  std::string zh;
  std::string en;
  const std::string& in(Lang lang) const {
    return lang == Lang::zh && !zh.empty() ? zh : en.empty() ? zh : en;
  }
};

// How many board roles must approve in one round for the gate to pass.
struct Quorum {
  enum class Kind { all, majority, count };
  Kind kind = Kind::all;
  int count = 0; // for Kind::count
};

// A party of the project who may not decide on its gates (segregation of duties).
enum class Party { manager, sponsor };

// Board role name that means "the project's own sponsor" rather than a roster role.
inline constexpr std::string_view k_sponsor_role = "sponsor";

struct GateDef {
  std::string id;                 // "G1"
  LocalText name;                 // 立项审批 / Initiation approval
  std::string stage;              // stage in which the gate is decided, e.g. "proposed"
  std::string enters;             // stage the project enters when it passes, e.g. "planning"
  std::vector<std::string> board; // roles that decide; "sponsor" = the project's own sponsor
  Quorum quorum;
  std::vector<Party> excluded; // project parties who may not decide on this gate
  bool repeatable = false;     // a checkpoint that may pass many times (G3 阶段评审)
  std::vector<std::string> requires_fields; // field paths of the project record that must be filled
  FieldLocations where;
};

struct RoleDef {
  std::string id; // "finance"
  LocalText name; // 财务 / Finance
};

struct Office {
  std::string name;
  Lang language = Lang::zh;
  OfficeType type = OfficeType::controlling;
  std::string currency = "CNY";
  std::vector<RoleDef> roles; // roles people may hold
  std::vector<GateDef> gates; // in lifecycle order
  std::string initial_stage = "proposed";
  FieldLocations where;

  const GateDef* gate(std::string_view id) const;
  const RoleDef* role(std::string_view id) const;
};

// The office defaults taken from the seeds: G1 立项审批, G2 计划基线, G3 阶段评审, G4 收尾验收.
Office default_office(std::string name, Lang lang, OfficeType type);

struct Person {
  std::string id;
  std::string name;
  std::string email;
  std::vector<std::string> roles;
  double capacity = 1.0; // FTE
  std::string file;
  FieldLocations where;

  bool has_role(std::string_view role) const;
};

struct BusinessCase {
  std::vector<std::string> benefits;
  std::optional<double> cost_estimate;
  std::optional<double> roi; // expected return on investment, percent
};

struct Scope {
  std::vector<std::string> in;
  std::vector<std::string> out;
};

// Filled at closure (收尾); required by G4.
struct Closure {
  std::string acceptance; // acceptance of deliverables
  std::optional<Date> actual_end;
  std::optional<double> actual_cost;
  std::vector<std::string> lessons; // 经验教训
};

// 项目建议书 and the project's standing facts.
struct Project {
  std::string id;
  std::string title;
  std::string sponsor; // person id
  std::string manager; // person id
  std::optional<double> budget;
  std::optional<Date> start;
  std::optional<Date> end;
  std::optional<Date> submitted; // the date the proposal was made
  std::vector<std::string> objectives;
  Scope scope;
  std::string strategic_alignment;
  BusinessCase business_case;
  std::string feasibility;
  std::vector<std::string> risks;     // key risks named in the proposal
  std::vector<std::string> resources; // resources the proposal asks for
  std::optional<Closure> closure;
  std::string file;
  FieldLocations where;

  // Whether the field path names present, non-empty content ("scope.in", "closure.acceptance").
  bool has_field(std::string_view path) const;
};

// Whether a path names a field of the project record (for checking gate "requires" lists).
bool is_known_project_field(std::string_view path);

enum class Verdict { approve, approve_with_conditions, revise, reject, hold };
std::optional<Verdict> parse_verdict(std::string_view text);
std::string_view to_string(Verdict verdict);
bool is_approval(Verdict verdict);

struct Decision {
  std::string project; // from the path
  std::string gate;
  Verdict verdict = Verdict::approve;
  std::string reviewer; // person id
  std::string role;     // board role the reviewer decided in
  Timestamp decided_at{};
  std::string record; // git blob id of project.yaml the decision was made on (may be empty)
  std::string comment;
  std::vector<std::string> conditions;
  std::string file;
  FieldLocations where;
};

struct Portfolio {
  Office office;
  std::vector<Person> people;
  std::vector<Project> projects;
  std::vector<Decision> decisions; // sorted by (project, decided_at, file)

  const Person* person(std::string_view id) const;
  const Project* project(std::string_view id) const;
  // The decisions of one project, in order. Needs `decisions` sorted (sort_decisions).
  std::vector<const Decision*> decisions_of(std::string_view project) const;
  void sort_decisions();
};

} // namespace pmo::model
