#pragma once
// Report data computed from the model: one row per project with its derived state, counts per
// stage, proposals awaiting a decision, recent decisions, and one project's gate checklist.
// Pure functions of the records, a clock and a language; git history comes in as plain
// HistoryRecord values (the report library knows nothing of git). Renderers only lay these out.

#include <pmo/model/control.hpp>
#include <pmo/model/kpi.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/model/records.hpp>
#include <pmo/report/priorities.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pmo::report {

// One commit of the portfolio's history, as the caller read it from git.
struct HistoryRecord {
  std::string commit;                          // full hex id
  model::Timestamp when{};                     // author time
  std::map<std::string, std::string> trailers; // Pmo-* trailers of the message
  std::vector<std::string> added_paths;        // portfolio-relative paths the commit added
};

// A project as one line of the portfolio table.
// A condition of approval not yet marked met (model::conditions_of).
struct OpenCondition {
  std::string id; // "G1.1"
  std::string text;
  std::string reviewer;      // person id
  std::string reviewer_name; // the person's name, else the id
  model::Date set{};         // the day the decision set it
};

// A dependency a project waits for: "needs XH-2026-003 at 数据集成完成 (due 2027-02-28), now on
// hold" — `needed_title` empty when the project needed is not in the portfolio.
struct BlockedBy {
  std::string project; // the project needed
  std::string needed_title;
  std::string stage;              // needed at this stage (empty for a milestone)
  std::string stage_label;        // model::stage_name of it
  std::string milestone;          // needed up to this milestone
  std::optional<model::Date> due; // the milestone's date as expected now
  std::string now;                // the stage it is in
  std::string now_label;
  bool on_hold = false;
  std::string text; // model::blocker_text: the line status and the report show
};

struct ProjectRow {
  std::string id;
  std::string title;
  std::string stage;        // stage id, e.g. "proposed"
  std::string stage_label;  // model::stage_name
  std::string manager;      // person id ("" when none)
  std::string manager_name; // the person's name, else the id
  std::string next_gate;    // gate id, "" when no gate is left
  std::string next_gate_name;
  model::Pause pause = model::Pause::none;
  std::string paused_gate; // gate id when paused
  // On hold (suspended by a gate's `hold`): when and by whom, and why (the decision's comment).
  std::optional<model::Date> hold_since;
  std::string hold_by; // person id
  std::string hold_comment;
  std::optional<model::Date>
      stage_since;                  // the stage was entered (for the initial stage: submitted)
  std::optional<int> days_in_stage; // today - stage_since, never negative
  int approvals = 0;                // on the next gate, this round
  int approvals_needed = 0;
  std::vector<std::string> missing_roles; // board roles of the next gate without an approval
  int anomalies = 0;                      // decisions that could not take effect
  // A closed project (no gate left, a closure report): its outcome, shown instead of health;
  // health, SPI and CPI are then empty (they described the work while it ran).
  std::optional<model::Outcome> outcome;
  // Project control (项目监控), once the baseline gate passed.
  std::optional<model::Rag> health; // overall: the worst dimension
  bool health_overridden = false;   // a dimension's rating is the manager's override
  std::optional<double> spi, cpi;
  std::optional<model::Evm> evm; // at the end of the latest report's period (not once closed)
  std::string last_period;       // of the latest status report
  bool last_amended = false;     // that report was corrected (pmo update --amend)
  bool overdue = false;          // no status report for the current period
  int open_risks = 0;
  int escalated_risks = 0;
  int open_issues = 0;
  int overdue_issues = 0;                            // open, past their due date
  std::vector<model::MilestoneSlip> late_milestones; // forecast after the baseline date
  int pending_changes = 0;
  std::vector<OpenCondition> open_conditions; // of a project not yet closed or rejected
  // Its dependencies not yet met (depends_on; model::blockers), of a project still to do.
  std::vector<BlockedBy> blocked_by;
  // Every dependency, for the graph: the project needed, the milestone or stage, and whether met.
  struct Need {
    std::string project;
    std::string label; // the milestone, or the stage's name
    bool met = false;
  };
  std::vector<Need> depends_on;
  // The portfolio timeline (charts.hpp), once a baseline exists: the current baseline against the
  // latest status report's forecast.
  struct Schedule {
    model::Date start{};
    model::Date baseline_end{};
    // The baseline end moved by the slip of the last baselined milestone the latest report
    // forecasts (the baseline end when it forecasts none).
    model::Date forecast_end{};
    struct Milestone {
      std::string name;
      model::Date date{};      // as forecast, else as baselined
      std::optional<int> slip; // forecast - baseline, when both are known
    };
    std::vector<Milestone> milestones; // the baseline's in date order, then any others forecast
  };
  std::optional<Schedule> schedule;
  // Earned value at the end of each period a status report covers, against the baseline then in
  // effect, oldest first (the SPI/CPI trend).
  struct PeriodValue {
    std::string period;
    double pv = 0, ev = 0, ac = 0;
  };
  std::vector<PeriodValue> values;
};

// An open risk at or over the office's escalation threshold.
struct EscalatedRisk {
  std::string project;
  std::string id;
  std::string description;
  int score = 0;
  std::string owner;
};

// An open risk of a project not yet ended, for the risk matrix.
struct OpenRisk {
  std::string project;
  std::string id;
  std::string description;
  int probability = 1; // 1-5
  int impact = 1;      // 1-5
};

// The portfolio's SPI and CPI in one reporting period: sums over the projects reporting in it.
struct PeriodIndices {
  std::string period;
  int projects = 0;
  double pv = 0, ev = 0, ac = 0;
  std::optional<double> spi, cpi; // EV / PV, EV / AC; none when the divisor is 0
};

// A change request the CCB approved or rejected.
struct DecidedChange {
  std::string project;
  std::string id;
  std::string title;
  bool approved = false;
  int schedule_days = 0;
  double cost = 0;
  model::Timestamp decided_at{};
};

// A project with a closure report whose actual end falls in the report's window.
struct ClosedProject {
  std::string project;
  std::string title;
  bool accepted = false; // the closing gate passed
  std::optional<model::Outcome> outcome;
  std::optional<model::Date> actual_end;
  std::optional<int> days_late;        // actual end - the last baseline's end
  std::optional<double> cost_variance; // (actual cost - baseline budget) / budget, percent
  int lessons = 0;
};

struct StageCount {
  std::string stage; // stage id
  std::string label; // model::stage_name
  int count = 0;
};

// A proposal (in the office's initial stage) that waits for its gate decision.
struct AwaitingProposal {
  std::string id;
  std::string title;
  std::string gate; // the gate it waits for
  std::string gate_name;
  std::optional<model::Date> submitted;
  std::optional<int> days_waiting; // today - submitted, never negative
  int approvals = 0;
  int approvals_needed = 0;
  std::vector<std::string> missing_roles;      // role ids
  std::vector<std::string> missing_role_names; // model::role_name, same order
  model::Pause pause = model::Pause::none;
};

// One gate decision, joined with the commit that recorded it.
struct DecisionEntry {
  model::Timestamp when{}; // decided_at (or the commit time when the file is gone)
  std::string project;
  std::string gate;
  std::string verdict;      // "approve", "approve-with-conditions", ... ("" when unknown)
  std::string verdict_name; // model::verdict_name
  std::string reviewer;     // person id
  std::string reviewer_name;
  std::string role; // board role id
  std::string role_name;
  std::string commit;  // full id, "" when unknown
  std::string comment; // status detail only
  std::vector<std::string> conditions;
  std::string note; // why the decision did not take effect ("" when it did)
};

// A person over capacity (资源协调, model/resources.hpp), today or later.
struct OverAllocation {
  std::string person;
  std::string person_name; // from the roster, else the id
  double load = 0;
  double capacity = 1;
  model::Date from{};
  model::Date to{};
  std::vector<std::pair<std::string, double>> projects; // id and FTE, highest priority first
  std::string should_yield;                             // empty: one project's own plan
};

// The executive summary: the few sentences a CIO reads first. Projects by health, what needs a
// management decision now, and the money of the active projects (summed in the office currency).
struct ExecutiveSummary {
  int active = 0; // neither closed, rejected nor in the initial stage (proposals)
  int green = 0, amber = 0, red = 0;
  int unrated = 0;                       // active without a health rating yet (no baseline/report)
  std::vector<std::string> red_projects; // ids, by id
  int proposals = 0;                     // in the initial stage
  int closed = 0;                        // with an outcome
  int rejected = 0;
  // Needs a management decision now.
  int proposals_waiting = 0;            // awaiting their gate decision (not paused)
  std::optional<int> longest_wait_days; // of those
  int on_hold = 0;                      // a gate decided hold (suspended)
  int revising = 0;                     // a gate sent back for revision
  int escalated_risks = 0;
  int pending_changes = 0; // before the CCB
  int overdue_reports = 0; // status report missing for the due period
  int late_projects = 0;   // a milestone forecast after its baseline date
  // The money: over active projects with earned value figures.
  int with_evm = 0;
  double bac = 0, ac = 0, eac = 0, vac = 0;
};

ExecutiveSummary summarize(const std::vector<ProjectRow>& projects,
                           const std::vector<AwaitingProposal>& awaiting,
                           const std::vector<EscalatedRisk>& escalated,
                           std::string_view initial_stage);

struct PortfolioReport {
  std::string office_name;
  model::DayCount days = model::DayCount::calendar; // the unit of every day figure (control.days)
  model::Lang lang = model::Lang::zh;
  std::string currency;
  model::Timestamp generated_at{};
  std::vector<StageCount> stages; // every stage of the lifecycle, in order, zeros included
  int total = 0;
  std::vector<ProjectRow> projects;       // by id
  std::vector<AwaitingProposal> awaiting; // longest wait first
  int recent_days = 30;
  std::optional<std::vector<DecisionEntry>> recent; // newest first; nullopt: no history (no git)
  std::string current_period;                       // by the office's cadence
  std::string due_period;   // the newest period whose report is late if missing (period.hpp)
  model::Date report_due{}; // the last day that period's report was on time
  std::vector<EscalatedRisk> escalated;         // highest score first
  std::vector<OpenRisk> open_risks;             // highest score first, then by project and id
  int escalate_at = 0;                          // the office's escalation threshold (score)
  std::vector<PeriodIndices> index_trend;       // the last k_trend_periods periods, oldest first
  std::vector<DecidedChange> changes_decided;   // in the last recent_days, newest first
  std::vector<ClosedProject> closed;            // actual end in the last recent_days
  std::vector<OverAllocation> over_allocations; // not yet past, by person then date
  FundingFrontier frontier;                     // of the proposals awaiting funding
  std::optional<model::KpiReport> kpis;         // the report's year's KPIs; set by the caller
  ExecutiveSummary summary;
};

// What the next gate of one project still needs.
struct Checklist {
  std::string gate;
  std::string gate_name;
  std::vector<model::Finding> missing_fields; // model::check_readiness
  std::vector<std::string> missing_roles;     // role ids
  std::vector<std::string> missing_role_names;
  int approvals = 0;
  int approvals_needed = 0;
  model::Pause pause = model::Pause::none; // of the project, with the gate it applies to
  std::string paused_gate;
};

struct ProjectDetail {
  ProjectRow row;
  std::vector<DecisionEntry> history; // every decision of the project, oldest first
  bool history_from_git = false;      // commit ids were looked up
  std::optional<Checklist> next;      // nullopt when no gate is left (closed, rejected)
  model::ProjectControl control;      // baselines, EVM, health, risks, issues, changes
};

// How many reporting periods the SPI/CPI trend covers.
inline constexpr std::size_t k_trend_periods = 12;

// The portfolio's SPI and CPI per period, from every project's values: the newest
// k_trend_periods periods of the office's cadence, oldest first.
std::vector<PeriodIndices> index_trend(const std::vector<ProjectRow>& rows, model::Cadence cadence);

// The stages of the office's lifecycle in order: the initial stage, then each gate's `enters`,
// then "rejected".
std::vector<std::string> lifecycle_stages(const model::Office& office);

ProjectRow project_row(const model::Portfolio& portfolio, const model::Project& project,
                       const model::ProjectState& state, const model::Clock& clock,
                       model::Lang lang);

// Every project, by id.
std::vector<ProjectRow> project_rows(const model::Portfolio& portfolio, const model::Clock& clock,
                                     model::Lang lang);

// Counts of `rows` per stage: every lifecycle stage (zeros included), then any other stage met.
std::vector<StageCount> count_by_stage(const model::Office& office,
                                       const std::vector<ProjectRow>& rows, model::Lang lang);

std::vector<AwaitingProposal> awaiting_proposals(const model::Portfolio& portfolio,
                                                 const model::Clock& clock, model::Lang lang);

// Decisions recorded by commits at or after `since`, newest first. A commit is matched to the
// decision file it added; when that file is no longer in the portfolio, its Pmo-Project,
// Pmo-Gate, Pmo-Decision, Pmo-Reviewer and Pmo-Role trailers are used instead.
std::vector<DecisionEntry> recent_decisions(const model::Portfolio& portfolio,
                                            const std::vector<HistoryRecord>& history,
                                            model::Timestamp since, model::Lang lang);

// The whole report. `history` is nullptr when the portfolio is not in git.
PortfolioReport build_report(const model::Portfolio& portfolio,
                             const std::vector<HistoryRecord>* history, const model::Clock& clock,
                             model::Lang lang, int recent_days = 30);

// One project: its row, its decisions with the commits that added them (when `history` is given),
// and what its next gate still needs.
ProjectDetail project_detail(const model::Portfolio& portfolio, const model::Project& project,
                             const std::vector<HistoryRecord>* history, const model::Clock& clock,
                             model::Lang lang);

} // namespace pmo::report
