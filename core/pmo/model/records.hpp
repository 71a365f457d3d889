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

#include <pmo/model/calendar.hpp>
#include <pmo/model/types.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

// 支持型 / 控制型 / 战略型: how strictly gates are enforced.
enum class OfficeType { supportive, controlling, directive };
std::optional<OfficeType> parse_office_type(std::string_view text);
std::string_view to_string(OfficeType type);
std::string office_type_name(OfficeType type, Lang lang); // 支持型 / 控制型 / 战略型

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
  bool distinct_people = true; // within a round a person counts once, whatever roles they hold
  std::vector<std::string> requires_fields; // field paths of the project record that must be filled
  FieldLocations where;
};

struct RoleDef {
  std::string id; // "finance"
  LocalText name; // 财务 / Finance
};

// 交付健康度 — RAG rating of a project's health on one dimension.
enum class Rag { green, amber, red };
std::optional<Rag> parse_rag(std::string_view text);
std::string_view to_string(Rag rag);

// How often status reports are due (状态报告周期).
enum class Cadence { weekly, monthly };
std::optional<Cadence> parse_cadence(std::string_view text);
std::string_view to_string(Cadence cadence);

// The change control board the defaults give: the PMO and finance, all of them, the project's
// manager and sponsor excluded.
GateDef default_ccb();

// Project control (项目监控) settings of pmo.yaml `control:`.
struct ControlSettings {
  Cadence cadence = Cadence::weekly;
  std::string baseline_gate = "G2"; // its approval fixes the baseline
  double green_at = 0.95;           // SPI/CPI at or above: green
  double amber_at = 0.85;           // at or above: amber; below: red
  int escalate_at = 15;             // an open risk scoring at or above this is escalated
  int report_grace = 3;             // working days after a period's end before its report is late
  // How day figures count (planned value, slips, schedule days, cycle times, days in stage):
  // working days of the office's calendar, or calendar days (the default: an office that says
  // nothing keeps the figures it had).
  DayCount days = DayCount::calendar;
  // What a project on hold (a gate decided `hold`: suspended) may still record, of: status,
  // risk, issue, change, condition, closure. By default what keeps its exposure known.
  std::vector<std::string> while_on_hold = {"risk", "issue", "condition"};
  GateDef ccb = default_ccb(); // the change control board (变更控制委员会), as a gate
};

// The record kinds control.while_on_hold names.
inline constexpr std::string_view k_record_kinds[] = {"status", "risk",      "issue",
                                                      "change", "condition", "closure"};

// How the decision ledger is kept (pmo.yaml `ledger:`), judged by `pmo verify`.
struct LedgerSettings {
  // Roles whose holders may change pmo.yaml and people/ (the process and the roster).
  std::vector<std::string> rule_changes = {"pmo"};
  bool signing_required = false; // each decision commit signed with the reviewer's SSH key
};

// A criterion of the office's scoring model (项目优先级排序): each project is scored on it from 1
// to the model's scale; its weight is its share of the total. `inverse`: a high score is bad
// (risk, resource demand), so a project scored 1 gets the criterion's whole weight.
struct Criterion {
  std::string id; // "strategic_fit"
  LocalText name; // 战略契合度 / Strategic fit
  double weight = 1;
  bool inverse = false;
};

// pmo.yaml `priorities:`.
struct PrioritySettings {
  int scale = 5; // scores run from 1 to this
  std::vector<Criterion> criteria;

  const Criterion* criterion(std::string_view id) const;
};

// The seeds' criteria (000_… “评估每个项目的价值、风险、资源需求”, strategic alignment and
// urgency): strategic fit 30, value 25, urgency 15, risk 15 and resource demand 15 (both inverse).
PrioritySettings default_priorities();

// pmo.yaml `resources:` (资源协调): how validate treats a person loaded past their capacity.
struct ResourceSettings {
  bool over_allocation_is_error = false; // over_allocation: error (default: warning)
};

// The office's KPIs (PMO 年度目标与 KPI), by the name pmo.yaml gives their targets. Rates are
// fractions from 0 to 1 (higher is better); *_days are average day counts (lower is better).
inline constexpr std::string_view k_kpi_names[] = {
    "on_time_delivery",      "budget_adherence",       "success_rate",  "gate_cycle_days",
    "decision_latency_days", "business_case_complete", "status_on_time"};
// Whether a KPI name is a day count (else a rate).
bool is_day_kpi(std::string_view kpi);

struct KpiTarget {
  std::string kpi; // one of k_kpi_names
  double value = 0;
};

// One year's targets (pmo.yaml `kpis.targets[]`).
struct YearTargets {
  int year = 0;
  std::vector<KpiTarget> targets;

  const KpiTarget* target(std::string_view kpi) const;
};

// pmo.yaml `kpis:`.
struct KpiSettings {
  std::vector<YearTargets> targets; // as written

  const YearTargets* year(int year) const;
};

// pmo.yaml `calendar:` as written: a shipped calendar, the working week and the office's own days.
struct CalendarSettings {
  std::string base; // "cn": templates/calendar/cn.yaml; empty: none (every year known)
  std::array<bool, 7> week{true, true, true, true, true, false, false}; // ISO Monday first
  std::vector<CalendarDay> holidays;                                    // the office's days off
  std::vector<CalendarDay> workdays; // the office's days worked outside the week
  bool written = false;              // pmo.yaml has a calendar: section
};

struct Office {
  std::string name;
  Lang language = Lang::zh;
  OfficeType type = OfficeType::controlling;
  std::string currency = "CNY";
  std::vector<RoleDef> roles; // roles people may hold
  std::vector<GateDef> gates; // in lifecycle order
  std::string initial_stage = "proposed";
  ControlSettings control;
  LedgerSettings ledger;
  PrioritySettings priorities = default_priorities();
  ResourceSettings resources;
  KpiSettings kpis;
  CalendarSettings calendar_settings;
  Calendar calendar; // built from calendar_settings (and the shipped calendar it names)
  FieldLocations where;

  // Counts days as control.days says, through `calendar`; valid while the office lives.
  DayCounter day_counter() const { return {calendar, control.days}; }
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
  std::string ssh_key;   // "ssh-ed25519 AAAA…": the public key that signs this person's decisions
  // Set when the person left (pmo people retire): kept in the roster, so that what they did stays
  // readable and history stays judged under the roster of its time, but no longer eligible for a
  // seat on a board, for changing the process or the roster, or for new assignments.
  std::optional<Date> retired;
  std::string file;
  FieldLocations where;

  bool has_role(std::string_view role) const;
};

// Whether git accepts `name` as the name of a commit's author, as it signs this person's
// decisions: no '<', '>' or control character, and something left once git trims the characters
// it drops from either end of a name (spaces and . , : ; " \ '). "." or " , " is no name.
bool is_signable_name(std::string_view name);

struct BusinessCase {
  std::vector<std::string> benefits;
  std::optional<double> cost_estimate;
  std::optional<double> roi; // expected return on investment, percent
};

// A project's score on one criterion of the office's scoring model.
struct Score {
  std::string criterion;
  int value = 0;
};

// 项目间依赖: another project this one needs, at a stage of its lifecycle (by default the last:
// done) or up to one of its milestones.
struct Dependency {
  std::string project;   // the project needed
  std::string stage;     // needed at or past this stage; empty: the last stage (closed)
  std::string milestone; // or: needed up to this milestone of it
};

// A person the plan assigns to the project, for part of their time over a date range (资源计划).
struct Assignment {
  std::string person;           // person id
  double fte = 0;               // share of a full-time person: more than 0, at most 1
  std::optional<Date> from, to; // default: the project's start and end
  std::string role;             // what they do on it (text)
};

struct Scope {
  std::vector<std::string> in;
  std::vector<std::string> out;
};

// How the project ended against its objectives (项目目标达成情况).
enum class Outcome { achieved, partially_achieved, not_achieved };
std::optional<Outcome> parse_outcome(std::string_view text);
std::string_view to_string(Outcome outcome);

// A deliverable handed over at closure and whether the customer accepted it (交付物验收).
struct Deliverable {
  std::string name;
  bool accepted = true;
  std::string note;
};

// The PMO's evaluation of the project or of its manager (项目评价、项目经理评价).
struct Evaluation {
  std::optional<int> rating; // 1 (poor) to 5 (excellent)
  std::string comment;
};

enum class LessonKind { went_well, to_improve };
std::optional<LessonKind> parse_lesson_kind(std::string_view text);
std::string_view to_string(LessonKind kind);

// A lesson learned (经验教训), tagged for the office's knowledge base.
struct Lesson {
  LessonKind kind = LessonKind::went_well;
  std::string text;
  std::vector<std::string> tags;
};

// 收尾报告 — projects/<id>/closure.yaml, written by `pmo close`; required by the closure gate.
struct Closure {
  std::string acceptance; // acceptance of deliverables
  std::vector<Deliverable> deliverables;
  std::optional<Date> actual_start;
  std::optional<Date> actual_end;
  std::optional<double> actual_cost;
  std::optional<Outcome> outcome;
  Evaluation project_evaluation;
  Evaluation manager_evaluation;
  std::vector<Lesson> lessons;
  std::string file;
  FieldLocations where;
};

// A milestone of the plan (里程碑): planned date and weight in the planned value curve.
struct Milestone {
  std::string name;
  std::optional<Date> date;
  double weight = 1;    // relative: the planned value shares the milestones' weights by their sum
  bool weighted = true; // the weight was written (a file without one reads false, weight 1)
};

// The PM plan's sub-plans (项目管理计划), each a text; required by the baseline gate.
struct PlanSections {
  std::string scope, schedule, cost, quality, resources, communication, risk, procurement;
};

inline constexpr std::string_view k_plan_sections[] = {
    "scope", "schedule", "cost", "quality", "resources", "communication", "risk", "procurement"};
// The sub-plan of that name ("cost"), nullptr for an unknown name.
const std::string* plan_section(const PlanSections& plan, std::string_view name);
std::string* plan_section(PlanSections& plan, std::string_view name);

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
  std::vector<Score> scores; // as written; judged against pmo.yaml priorities by validate
  std::string feasibility;
  std::vector<std::string> risks;     // key risks named in the proposal
  std::vector<std::string> resources; // resources the proposal asks for
  PlanSections plan;
  std::vector<Milestone> milestones; // in plan order
  std::vector<Dependency> depends_on;
  std::vector<Assignment> assignments;
  std::optional<Closure> closure;
  std::string file;
  FieldLocations where;

  // Whether the field path names present, non-empty content ("scope.in", "closure.acceptance");
  // "closure.*" paths name the fields of the closure record.
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
  std::string gate;    // the gate decided; empty for a change decision
  std::string change;  // the change request decided by the CCB; empty for a gate decision
  Verdict verdict = Verdict::approve;
  std::string reviewer; // person id
  std::string role;     // board role the reviewer decided in
  Timestamp decided_at{};
  std::string record;     // git blob id of project.yaml the decision was made on (may be empty)
  std::string rules_blob; // git blob id of the pmo.yaml it was judged under (may be empty)
  std::string comment;
  std::vector<std::string> conditions;
  std::string file;
  FieldLocations where;
  // Set when the decision comes from the ledger (git history), unset when read from files only:
  // the commit that recorded it, its place in history (1-based, parents before children), and
  // the process (pmo.yaml) as it stood at that commit's parent, under which it is judged.
  std::string commit;
  std::uint64_t sequence = 0;
  std::shared_ptr<const Office> rules;
};

// The dimensions a status report rates (进度、成本、范围、质量).
enum class Dimension { schedule, cost, scope, quality };
inline constexpr Dimension k_dimensions[] = {Dimension::schedule, Dimension::cost, Dimension::scope,
                                             Dimension::quality};
std::optional<Dimension> parse_dimension(std::string_view text);
std::string_view to_string(Dimension dimension);

struct MilestoneForecast {
  std::string name; // a milestone of the plan
  Date date{};
};

// 状态报告 — projects/<id>/status/<period>.yaml, one per reporting period.
struct StatusReport {
  std::string project; // from the path
  std::string period;  // from the file name: "2026-W47" or "2026-11"
  double percent_complete = 0;
  double actual_cost = 0; // to date
  std::vector<MilestoneForecast> forecasts;
  std::map<Dimension, Rag> health; // the manager's rating; overrides the computed one
  std::string summary;
  std::vector<std::string> accomplishments;
  std::vector<std::string> next_steps;
  std::optional<Date> amended; // the report was corrected (pmo update --amend) on this day
  std::string file;
  FieldLocations where;
};

enum class RiskResponse { avoid, mitigate, transfer, accept };
std::optional<RiskResponse> parse_risk_response(std::string_view text);
std::string_view to_string(RiskResponse response);

// 风险登记册 — projects/<id>/risks/<R-xxx>.yaml. The score is derived (probability x impact).
struct Risk {
  std::string project; // from the path
  std::string id;      // from the file name
  std::string description;
  std::string cause;
  int probability = 1; // 1-5
  int impact = 1;      // 1-5
  std::string owner;   // person id
  RiskResponse response = RiskResponse::mitigate;
  std::vector<std::string> actions;
  std::optional<Date> due;
  bool open = true;
  std::optional<Date> raised;
  std::optional<Date> closed;
  std::string file;
  FieldLocations where;

  int score() const { return probability * impact; }
};

enum class Priority { low, medium, high, critical };
std::optional<Priority> parse_priority(std::string_view text);
std::string_view to_string(Priority priority);

// 问题日志 — projects/<id>/issues/<I-xxx>.yaml.
struct Issue {
  std::string project;
  std::string id;
  std::string description;
  std::string owner;
  Priority priority = Priority::medium;
  std::optional<Date> due;
  std::optional<Date> raised;
  std::optional<Date> resolved; // set: the issue is resolved
  std::string resolution;
  std::string file;
  FieldLocations where;
};

// 变更申请 — projects/<id>/changes/<CR-xxx>.yaml; decided by the CCB through decisions/.
struct ChangeRequest {
  std::string project;
  std::string id;
  std::string title;
  std::string reason;
  std::string requested_by; // person id
  std::optional<Date> requested;
  std::string scope_impact;
  int schedule_days = 0; // moves the baseline end and the milestones not yet due
  double cost = 0;       // added to the budget at completion (may be negative)
  std::string quality_impact;
  std::vector<std::string> alternatives;
  std::string file;
  FieldLocations where;
};

// 条件落实 — projects/<id>/conditions/<C-xxxxx>.yaml: a condition of approval marked met. It names
// the decision record that set the condition (its file name in decisions/), which of its
// conditions (from 1) and the condition's text as that decision states it.
struct ConditionMet {
  std::string project;  // from the path
  std::string id;       // from the file name
  std::string decision; // "20261103T140000Z-G1-law.yaml"
  int number = 1;
  std::string condition;
  std::optional<Date> met;
  std::string by; // person id
  std::string evidence;
  std::string file;
  FieldLocations where;
};

struct Portfolio {
  Office office;
  std::vector<Person> people;
  std::vector<Project> projects;
  std::vector<Decision> decisions;          // sorted by (project, sequence, decided_at, file)
  std::vector<StatusReport> status_reports; // sorted by (project, period)
  std::vector<Risk> risks;                  // by (project, score desc, raised, id)
  std::vector<Issue> issues;                // by (project, priority desc, raised, id)
  std::vector<ChangeRequest> changes;       // by (project, requested, id)
  std::vector<ConditionMet> conditions_met; // by (project, met, id)
  // The project record as the baseline gate approved it (from git, by the decision's blob id),
  // per project id. Filled by the caller; a project absent here uses its current record.
  std::map<std::string, Project, std::less<>> approved_plans;

  const Person* person(std::string_view id) const;
  const Project* project(std::string_view id) const;
  // The decisions of one project, in order. Needs `decisions` sorted (sort_decisions).
  std::vector<const Decision*> decisions_of(std::string_view project) const;
  std::vector<const StatusReport*> reports_of(std::string_view project) const; // by period
  std::vector<const Risk*> risks_of(std::string_view project) const;
  std::vector<const Issue*> issues_of(std::string_view project) const;
  std::vector<const ChangeRequest*> changes_of(std::string_view project) const;
  const ChangeRequest* change(std::string_view project, std::string_view id) const;
  std::vector<const ConditionMet*> conditions_met_of(std::string_view project) const;
  void sort_decisions();
  // Puts every list in the order above: decisions, reports, risks, issues and changes. The
  // lists of a project (risks_of, ...) and everything shown from them keep that order.
  void sort_records();
};

} // namespace pmo::model
