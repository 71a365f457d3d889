#pragma once
// The ledger: the decisions that git history proves, each judged under the process (pmo.yaml) and
// the roster as they stood at its commit's parent. `pmo verify` builds it with every check (deep);
// status, report and validate build it without reading trees beyond the top level (light) and
// take a project's stage from the decisions it accepts, so what they show never disagrees with
// what verify accepts.
//
// Light and deep agree on which decisions count; deep adds the checks that need a diff of every
// commit: decision records edited, deleted or added outside a decision commit, a decision commit
// touching other files, merges introducing decisions, and records disagreeing with their commit;
// and the checks of signatures with ssh-keygen (light checks only that a required one is there).

#include <pmo/git/repo.hpp>
#include <pmo/model/records.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pmo::ledger {

struct Finding {
  std::string commit;  // full id of the offending commit
  std::string file;    // portfolio-relative, when a file is concerned
  std::string project; // when a project is concerned
  std::string code;
  std::string message;
};

struct Options {
  std::string tip = "HEAD";         // the revision whose history is read
  std::optional<std::string> since; // verify only what is not reachable from this (A of A..B)
  bool deep = false;
  std::string prefix; // the portfolio's directory inside the repository ("" or "dir/")
  model::Lang lang = model::Lang::en;
  model::Timestamp now{};
  // Light mode: the working tree's decision records and projects. A decision commit takes its
  // record (comment, conditions, the project version decided on) from the file it wrote.
  const std::vector<model::Decision>* files = nullptr;
  const std::vector<model::Project>* projects = nullptr;
  // Non-empty: only these projects' decisions are judged (a command about one project and the
  // projects it depends on).
  std::set<std::string> only_projects;
  // Threads that read commits ahead of the walk (readahead.hpp); nullopt: one per core, up to 8,
  // none on one core. The ledger is the same whatever the number.
  std::optional<unsigned> readers;
  // Told now and then how many of the commits to judge are judged (a progress line).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct Ledger {
  std::vector<model::Decision> decisions; // accepted, in history order (sequence, commit, rules)
  std::vector<Finding> findings;          // in history order
  std::set<std::string> affected;         // projects named by a finding
  std::size_t commits = 0;                // commits examined (in the range)
  std::string tip;                        // the commit id the tip resolved to
  bool shallow = false;                   // a shallow clone: nothing was proved
  // The process in force at the tip: the last pmo.yaml someone authorised committed. When the
  // tip's own pmo.yaml did not take effect (an unauthorised change), committed_office_in_force
  // is false and what status and report show is judged by `office`, not by that file.
  std::shared_ptr<const model::Office> office;
  bool committed_office_in_force = true;
};

// Throws git::GitError when the history cannot be read, std::invalid_argument for an unknown
// revision.
Ledger build(const git::Repository& repo, const Options& options);

// What the working tree's decision records (`files`) say that the ledger (`proved`, built from
// the same files) does not, one finding per file, in file order: a record no decision commit
// recorded (code "decision-unrecorded": written by hand, or its commit was not accepted) and a
// record edited since its commit recorded it (code "decision-edited": the commit counts).
std::vector<Finding> reconcile(const std::vector<model::Decision>& files, const Ledger& proved,
                               model::Lang lang);

} // namespace pmo::ledger
