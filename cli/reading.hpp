#pragma once
// What the reading commands (status, report) read: the working tree's records, in the right
// language, and the portfolio's git history as plain report records. History is optional:
// without git (or when it cannot be read) the caller shows why instead of failing.

#include "workspace.hpp"

#include <pmo/ledger/ledger.hpp>
#include <pmo/model/kpi.hpp>
#include <pmo/report/portfolio.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pmo::cli {

struct Reading {
  Workspace ws;
  store::Loaded loaded;
  model::Lang lang = model::Lang::en; // --lang, else the office's language
  int unreadable_files = 0;           // record files left out because they failed to load
  // What history did not prove (pmo verify tells the whole story): decision commits the ledger
  // does not accept, and decision files no decision commit recorded. Their projects' state is
  // shown as the ledger has it.
  std::vector<std::string> unproved;
  std::set<std::string> affected_projects; // by an unreadable file or an unproved decision

  // k_exit_findings when something was left out or not proved, else k_exit_ok: what status and
  // report exit with, after showing what they could.
  int exit_code() const;
};

// Opens the workspace and loads the working tree. Fails (exit 1, with the findings) when pmo.yaml
// cannot be read; other records that fail to load are left out, with a warning on stderr.
// `as_of` (report --period): the portfolio as committed then instead — the repository pinned to
// the last commit on HEAD's first-parent line at or before it (git::Repository::pin), its tree
// and its history; refused without git history or before the first commit.
Reading read_working_tree(const Context& ctx, std::optional<model::Timestamp> as_of = std::nullopt);
// The same for a command about one project: pmo.yaml, people/ and projects/<id>/ only, so the
// warning about unreadable files counts only those.
Reading read_project(const Context& ctx, const std::string& id,
                     std::optional<model::Timestamp> as_of = std::nullopt);

// The decisions history proves, in place of those read from files: a light walk of the ledger
// (no tree diffs, the same acceptance as pmo verify), each decision with the process it was
// judged under. `findings` are what history does not prove about the working tree's records:
// the ledger's refusals and ledger::reconcile's unrecorded or edited files. Without usable
// history (no git, no commit, a shallow clone, an unreadable object) the files' decisions stay,
// judged under the rules they name, and `not_proved` says why (empty when there is no git or no
// commit: nothing to prove yet).
struct LedgerReading {
  bool from_history = false;
  std::string not_proved;
  std::string office_note; // set when the committed pmo.yaml is not in force and was replaced
  std::vector<ledger::Finding> findings;
};
// What of history is judged: `projects` (empty: all) and, with `since`, only the commits not
// reachable from it (what came before is taken as proved, as `pmo verify SINCE..HEAD` does).
struct LedgerScope {
  std::set<std::string> projects;
  std::optional<std::string> since;
};
LedgerReading follow_ledger(const Context& ctx, const Workspace& ws, model::Portfolio& portfolio,
                            model::Lang lang, const LedgerScope& scope = {});

// Fills portfolio.approved_plans: for each project whose baseline gate passed and whose
// project.yaml changed since, the record as that approval recorded it (the decision's `record`
// blob id, read from git). A project whose file is unchanged (its blob id is the recorded one)
// or whose blob cannot be read (no git, a shallow clone) uses its current record.
void attach_approved_plans(const Workspace& ws, model::Portfolio& portfolio, model::Lang lang);

// Each decision that names the process it was judged under (`rules`, a blob id of pmo.yaml)
// gets that process from git, so that a later change of pmo.yaml never re-judges it. Without
// git, or when the blob cannot be read, the decision is judged under the current pmo.yaml.
void attach_rules(const Workspace& ws, model::Portfolio& portfolio, model::Lang lang);

// A person as the reading commands show them: "Name (id)" (zh "Name（id）"), the id alone when the
// roster has no other name for it, "" for no one.
std::string person_text(const model::Portfolio& portfolio, const std::string& id, model::Lang lang);

// Whether data written to ctx.out may be coloured: ctx.color (which main decides from stderr)
// and ctx.out is a terminal, so `pmo status | less` gets no escape codes; or colour is forced
// (FORCE_COLOR, CLICOLOR_FORCE).
bool data_color(const Context& ctx);

struct History {
  std::optional<std::vector<report::HistoryRecord>> records; // nullopt: not available
  std::string unavailable;                                   // why, in the user's language
};

// Commits with pmo trailers on HEAD's first-parent line, newest first, with paths made
// portfolio-relative. Stops at commits older than `since`, and once every path of `wanted`
// (portfolio-relative) has been seen when `wanted` is given; then only the commits of the
// projects of `wanted` (their Pmo-Project trailer) are listed. A commit's added_paths is the
// decision file its trailers name (no tree is read), or, for a decision commit of a project of
// `wanted` whose file is not among them, the files it added to that project's decisions/.
History read_history(const Workspace& ws, model::Lang lang,
                     std::optional<model::Timestamp> since = std::nullopt,
                     const std::set<std::string>* wanted = nullptr);

// One project as `status ID` and `report ID` show it: the record, its detail (state, control,
// next gate) and its decisions joined with the commits that added them.
struct ProjectPage {
  const model::Project* project = nullptr;
  History history;
  report::ProjectDetail detail;
};
// The project `id` of `r`, or a Failure: an id that is not one (usage), a project.yaml that
// could not be read, no such project (findings).
ProjectPage project_page(const Context& ctx, const Reading& r, const std::string& id);

// When each status report was first committed (its `pmo update` commit, trailers Pmo-Project and
// Pmo-Status), reading history back to December of the year before `year`: a report due in
// `year` is never committed earlier. nullopt without usable history (the KPI has no data).
std::optional<model::ReportCommits> report_commits(const Workspace& ws, model::Lang lang, int year);

} // namespace pmo::cli
