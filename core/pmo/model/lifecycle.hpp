#pragma once
// The gate model: a project's state derived from its decision log, and the rules a new
// decision must satisfy (stage, readiness, authority, segregation of duties, quorum).
// Pure functions of the records; nothing here reads files or asks git.

#include <pmo/model/records.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pmo::model {

inline constexpr std::string_view k_rejected_stage = "rejected";

// Where one gate stands for a project.
struct GateProgress {
  const GateDef* gate = nullptr; // as pmo.yaml defines it now (or as it last did, if removed)
  // The rules the current round is judged by: the gate as it stood when the round opened (at its
  // first decision), so a later change of pmo.yaml never re-judges it; `gate` before that.
  const GateDef* round_gate = nullptr;
  int round = 1;                                    // current round, 1-based
  int round_decisions = 0;                          // decisions in the current round
  int passes = 0;                                   // times passed (a repeatable gate passes often)
  std::map<std::string, const Decision*> approvals; // board role -> approval in this round
  std::map<std::string, const Decision*> approvers; // person -> approval in this round
  std::vector<std::string> missing_roles;           // board roles without an approval this round
  int approvals_needed = 0;                         // by the quorum
  std::optional<Timestamp> last_passed_at;
  const Decision* last_passed_by = nullptr; // the approval that completed the quorum
  std::vector<const Decision*> decisions;   // every decision on this gate, in order
};

// A board's progress before any decision.
GateProgress start_progress(const GateDef& gate);

// What one decision did to a board's current round.
enum class RoundEffect { counted, passed, rejected, paused, role_twice, person_twice };

// Counts a decision in the round (an approval per role and, with distinct_people, per person;
// revise/hold opens a new round). `rules` is the gate as it stood when the decision was made:
// it becomes the round's rules when the decision opens the round. The one place the round rules
// live: gates and change requests both go through it.
RoundEffect apply_decision(GateProgress& progress, const Decision& decision, const GateDef& rules);

// The gate (or, for a change decision, the CCB) a decision was made under: from the process the
// ledger recorded with it, else from `office`. nullptr when that process has no such gate.
const GateDef* decided_under(const Office& office, const Decision& decision);

// A project's suspension or rework, set by a hold or revise on a gate and lifted by the next
// decision on that gate.
enum class Pause { none, revise, hold };

// A decision that could not take effect (out of stage, after rejection, a role twice).
struct Anomaly {
  const Decision* decision = nullptr;
  std::string code;
  std::string message;
};

struct ProjectState {
  std::string stage; // derived; "rejected" after any reject
  Pause pause = Pause::none;
  const GateDef* paused_gate = nullptr;
  const GateDef* next_gate = nullptr; // the next non-repeatable gate, nullptr when none is left
  std::vector<const GateDef*> checkpoints; // repeatable gates open in this stage (G3)
  std::optional<Timestamp> stage_since;    // when the stage was entered by a decision
  std::vector<GateProgress> gates;         // one per gate of the office, in office order
  std::vector<Anomaly> anomalies;

  const GateProgress* progress(std::string_view gate) const;
  bool terminal() const; // rejected, or no gate left to decide
};

// Replays a project's decisions (in decision order) through the office's gates.
ProjectState derive_state(const Office& office, const std::vector<const Decision*>& decisions,
                          Lang lang);

// How many approvals a quorum needs from a board of `board_size` roles.
int approvals_needed(const Quorum& quorum, int board_size);

// Fields a gate requires that the project lacks, as findings located at the project file
// (severity error in controlling/directive offices, warning in a supportive one).
// Whether `gate` closes the project: it requires fields of the closure report (closure.*).
bool closes_project(const GateDef& gate);

// What a gate that closes the project (one requiring the closure report) finds still open: each
// open risk and open issue, and each deliverable not accepted when the outcome says achieved.
// Severity as check_readiness's. Empty for any other gate.
std::vector<Finding> check_loose_ends(const Portfolio& portfolio, const Project& project,
                                      const GateDef& gate, Lang lang);

// The plan, as a gate that fixes it checks it: every milestone dated within the project's start
// and end, in date order, and given a weight (weights are relative and must not all be 0).
std::vector<Finding> check_plan(const Project& project, Severity severity, Lang lang);

std::vector<Finding> check_readiness(const Office& office, const Project& project,
                                     const GateDef& gate, Lang lang);

// Board roles of `gate` that `person` may decide in, for this project: roster roles the person
// holds, and "sponsor" when the person is the project's own sponsor.
std::vector<std::string> eligible_roles(const GateDef& gate, const Person& person,
                                        const Project& project);

// Why `person` may not decide `gate` of `project` in `role` (empty when authorised): role not on
// the board, role not held, or segregation of duties.
std::vector<Finding> check_authority(const GateDef& gate, const Person& person,
                                     const Project& project, const std::string& role, Lang lang);

// Where a change request stands before the change control board (CCB).
enum class ChangeStatus { pending, approved, rejected, returned, on_hold };

struct ChangeState {
  const ChangeRequest* change = nullptr;
  ChangeStatus status = ChangeStatus::pending;
  GateProgress board;                  // the CCB's current round
  std::optional<Timestamp> decided_at; // approved or rejected
  std::vector<Anomaly> anomalies;
};

// Replays the CCB's decisions on `change` (decisions of its project, in order; others ignored).
ChangeState derive_change_state(const GateDef& ccb, const ChangeRequest& change,
                                const std::vector<const Decision*>& decisions, Lang lang);
// Every change request of a project, by id.
std::vector<ChangeState> change_states(const Portfolio& portfolio, const Project& project,
                                       Lang lang);
std::string change_status_name(ChangeStatus status, Lang lang);

// A condition of approval: one entry of `conditions` of an approve-with-conditions decision.
struct ConditionState {
  std::string id; // "G1.1": its gate (or change request) and its place among the project's
                  // conditions on it, in decision order
  const Decision* decision = nullptr;
  int number = 1; // within its decision, from 1
  std::string text;
  const ConditionMet* met = nullptr; // the first record marking it met; null while open
};
// Every condition of approval of a project's decisions (portfolio.decisions: the ones history
// proves, for status and report), in decision order.
std::vector<ConditionState> conditions_of(const Portfolio& portfolio, const Project& project);
// The condition `id` names ("G1.1", any case), or null.
const ConditionState* find_condition(const std::vector<ConditionState>& conditions,
                                     std::string_view id);
// The file name of a decision record ("<stamp>-<gate>-<person>.yaml"): what a ConditionMet names.
std::string decision_file_name_of(const Decision& decision);

struct ReviewRequest {
  std::string project;
  std::string gate;
  std::string change; // set: a CCB decision on this change request (gate is then ignored)
  Verdict verdict = Verdict::approve;
  std::string reviewer;
  std::string role; // empty: the single eligible role
  std::string comment;
  std::vector<std::string> conditions;
  Timestamp at{};
};

struct ReviewPlan {
  std::vector<Finding> refusals; // non-empty: refuse, write nothing
  std::vector<Finding> warnings; // shown, do not block
  Decision decision;             // the record to write (file left empty; the caller names it)
  bool passes_gate = false;      // this decision completes the quorum (approves the change)
  std::optional<ChangeState> change_after; // for a change decision
  ProjectState after; // state once the decision is recorded; its pointers may refer
                      // to `decision` above, so use it from the plan as returned
};

// Checks a new decision against every rule and computes its effect.
ReviewPlan plan_review(const Portfolio& portfolio, const ReviewRequest& request, Lang lang);

// Display names.
std::string stage_name(std::string_view stage, Lang lang);
std::string verdict_name(Verdict verdict, Lang lang);
std::string pause_name(Pause pause, Lang lang);
std::string role_name(const Office& office, std::string_view role, Lang lang);

} // namespace pmo::model
