#pragma once
// The write use case of every pmo command, without a terminal: take the locks, load from HEAD
// what the write depends on, let the command plan its files, refuse what must not be committed,
// commit with compare-and-swap on HEAD (retrying when HEAD moved), and bring the index and the
// working tree in line. One commit, or nothing.

#include <pmo/git/repo.hpp>
#include <pmo/model/types.hpp>
#include <pmo/store/loader.hpp>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pmo::write {

// What a write reads from HEAD before it plans: the narrower, the cheaper.
struct Scope {
  enum class Kind {
    portfolio,      // every record
    office,         // pmo.yaml and people/
    office_and_ids, // pmo.yaml, people/, and one Project per directory of projects/ holding
                    // only its id (for a new project's id to be unique)
    project,        // pmo.yaml, people/ and projects/<project>/
    // A gate decision on `project`: as `project`, but every record when `gate` is the office's
    // baseline gate and the project assigns people (资源协调: the plan is judged against everyone
    // else's assignments).
    gate_decision,
  };
  Kind kind = Kind::portfolio;
  std::string project;
  std::string gate; // gate_decision only
  // Portfolio-relative paths the write decides on as committed: uncommitted edits of them refuse
  // the write before anything is loaded or judged ("commit your edits first"), so that nobody
  // reads a refusal about the committed version while looking at the edited one.
  std::vector<std::string> clean_first;

  static Scope whole_portfolio() { return {Kind::portfolio, {}, {}, {}}; }
  static Scope office_only() { return {Kind::office, {}, {}, {}}; }
  static Scope office_and_project_ids() { return {Kind::office_and_ids, {}, {}, {}}; }
  static Scope one_project(std::string id) { return {Kind::project, std::move(id), {}, {}}; }
  static Scope gate_decision(std::string id, std::string gate) {
    return {Kind::gate_decision, std::move(id), std::move(gate), {}};
  }
};

// What a writing command wants committed, computed from the committed records.
struct Plan {
  std::vector<git::FileWrite> files;      // portfolio-relative paths
  std::vector<std::string> must_be_clean; // portfolio-relative paths the write depends on
  bool create_only = true;                // refuse if any file already exists in HEAD
  git::Signature author;
  std::string message;
  // A decision commit: its reviewer, as the roster at HEAD has them. The commit is signed when
  // pmo.yaml says ledger.signing: required (and any commit when git config asks for SSH
  // signatures: commit.gpgsign with gpg.format=ssh), and then only with the key of the
  // reviewer's ssh_key, so that `pmo verify` accepts what pmo commits.
  std::optional<model::Person> reviewer;
};

// Why a write was refused or failed: `findings` (exit 1: a refusal the user can fix in the
// records or the options) or `environment` (exit 3: git, the clock, the disk, a lock).
class WriteError : public std::runtime_error {
public:
  enum class Category { findings, environment };
  WriteError(Category category, std::string message, std::vector<model::Finding> findings = {})
      : std::runtime_error(std::move(message)), m_category(category),
        m_findings(std::move(findings)) {}
  Category category() const { return m_category; }
  const std::vector<model::Finding>& findings() const { return m_findings; }

private:
  Category m_category;
  std::vector<model::Finding> m_findings;
};

struct Request {
  std::string prefix; // the portfolio's path inside the repository ("" or "sub/")
  model::Lang lang = model::Lang::en;
  Scope scope;
  model::Timestamp now;     // the clock: author and committer time of what is written
  git::Signature committer; // its `when` is set to `now`
  // Called on what was loaded from HEAD before `build` sees it (e.g. to give each decision the
  // process it was judged under). Optional.
  std::function<void(store::Loaded& head)> prepare;
  std::function<Plan(const store::Loaded& head)> build;     // may throw to refuse
  std::function<void(const std::string& path)> on_restored; // an interrupted write finished
};

// The largest record file a write commits: what the reader accepts (store's 4 MiB cap).
inline constexpr std::size_t k_max_record_bytes = 4 * 1024 * 1024;
// The largest commit message (user text is folded into it).
inline constexpr std::size_t k_max_message_bytes = 1024 * 1024;

// How a write's commit is signed under `office` (from HEAD) and the repository's git
// configuration: an empty signer when it is not. Refuses (WriteError, nothing written) a decision
// that signing requires but no key is configured for, or whose key is not the reviewer's ssh_key.
git::CommitSigner signer_for(const git::Repository& repo, const model::Office& office,
                             const Plan& plan, model::Lang lang);

// Runs the write; returns the new commit's id. Throws WriteError; exceptions from `build`
// pass through unchanged; git::GitError for failures of git itself.
std::string run(git::Repository& repo, const Request& request);

// The records among `files` (portfolio-relative) that the reader would refuse once committed,
// read with the same reader as a load (size cap, syntax, schema) on top of `head` (portfolio
// view of HEAD): the error findings about those files.
std::vector<model::Finding> read_back(const store::Store& head,
                                      const std::vector<git::FileWrite>& files, model::Lang lang);

} // namespace pmo::write
