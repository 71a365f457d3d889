#pragma once
// The only interface to git (libgit2). Everything that includes <git2.h> lives in core/pmo/git/.
// Errors from libgit2 become GitError with a readable message (one translation function).

#include <pmo/git/ssh_sign.hpp>
#include <pmo/model/types.hpp>
#include <pmo/store/store.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pmo::git {

// A git failure: environment error (exit code 3) unless the caller knows better.
class GitError : public std::runtime_error {
public:
  GitError(std::string message, int code) : std::runtime_error(std::move(message)), m_code(code) {}
  int code() const { return m_code; } // libgit2 error code (e.g. GIT_ELOCKED = -14)

private:
  int m_code;
};

struct Signature {
  std::string name;
  std::string email;
  model::Timestamp when;
};

// Whether a name or e-mail can go into a commit signature: no control characters, no '<' '>'.
bool is_valid_signature_text(std::string_view text);

struct FileWrite {
  std::string path; // repository-relative
  std::string content;
};

// A commit carrying pmo trailers (Pmo-Project, Pmo-Gate, ...), as read from history.
struct HistoryEntry {
  std::string commit; // full hex id
  std::string author_name;
  std::string author_email;
  model::Timestamp when; // author time
  std::string subject;
  std::map<std::string, std::string> trailers; // only keys starting "Pmo-", last paragraph only
  std::vector<std::string> added_paths;        // files added by this commit (first-parent diff)
};

// What walk_history reads. Reading a commit's message is cheap; diffing its tree against its
// parent's reads every tree on the way, which grows with the portfolio.
struct HistoryQuery {
  std::optional<model::Timestamp> since; // stop at commits older than this
  // Given an entry with everything but added_paths filled: the directory (repository-relative,
  // "" for the whole tree, else ending in '/') whose added files to list, or nullopt to read no
  // tree (added_paths stays empty). Unset: the whole tree, for every commit.
  std::function<std::optional<std::string>(const HistoryEntry&)> added_under;
};

// Held for the whole of a write: an exclusive advisory lock (flock) on <commondir>/pmo.lock, which
// queues pmo processes (the kernel releases it when the process dies, so it is never stale), and,
// in a repository with a working tree, git's own <gitdir>/index.lock, created O_CREAT|O_EXCL as
// git creates it, so that no git command reads or writes the index (`git commit`, `git add`)
// while pmo moves the branch and brings the index in line. Released (index.lock removed) when
// the WriteLock is destroyed.
class WriteLock {
public:
  WriteLock(WriteLock&&) noexcept;
  WriteLock& operator=(WriteLock&&) noexcept;
  ~WriteLock();
  struct IndexLock; // private to repo.cpp

private:
  friend class Repository;
  explicit WriteLock(int fd) : m_fd(fd) {}
  void release() noexcept;
  int m_fd = -1;
  std::shared_ptr<IndexLock> m_index; // shared with the Repository, which writes through it
};

// What a clean filter of .gitattributes (ident, text/eol conversion, a filter= driver) would do to
// a file pmo writes: nothing (std::nullopt), or the attributes that change it.
struct FilterChange {
  std::string path;
  std::string attributes; // e.g. "ident", "text eol=crlf", "filter=lfs"
};

// Signs the buffer of a commit (git_commit_create_buffer): returns the armored signature that
// becomes its gpgsig header. Throws to refuse; then nothing is committed.
using CommitSigner = std::function<std::string(std::string_view buffer)>;

class Repository {
public:
  // Finds the repository containing `start_dir`, walking up like git. nullopt if none.
  static std::optional<Repository> discover(const std::string& start_dir);
  // `git init` in dir (creating it) unless it is already a repository; opens it.
  static Repository init(const std::string& dir);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  std::string workdir() const; // absolute, with trailing '/'
  std::string gitdir() const;
  bool is_bare() const;
  bool head_unborn() const; // no commit yet

  // Waits up to `timeout_ms` for the write lock, then up to `index_timeout_ms` for git's
  // index.lock; throws GitError (GIT_ELOCKED) naming the lock file when another pmo or git
  // holds it that long.
  WriteLock lock_for_write(int timeout_ms = 30000, int index_timeout_ms = 10000);

  // The operation in progress that a write must not interleave with: "merge", "rebase",
  // "cherry-pick", "revert", "apply-mailbox" ...; "" when none (a bisect is allowed).
  std::string operation_in_progress() const;

  // HEAD's committer time; nullopt when unborn.
  std::optional<model::Timestamp> head_time() const;

  // The first file among `files` whose content git's clean filters would change on `git add`
  // (so that what pmo commits would not be what the working tree holds); nullopt when none.
  std::optional<FilterChange> filter_change(const std::vector<FileWrite>& files) const;

  // From now on, read as if HEAD were `commit` (a full hex id): head_id, head_time, head_store,
  // the history walks. For a report of the past (pmo report --period); a pinned repository
  // refuses writes (lock_for_write throws). Throws GitError when there is no such commit.
  void pin(const std::string& commit);
  bool pinned() const;
  // The newest commit on HEAD's first-parent line committed at or before `until`; nullopt when
  // every commit is later (or HEAD is unborn).
  std::optional<std::string> last_commit_until(model::Timestamp until) const;

  // The tree of HEAD as a Store (empty store when HEAD is unborn). Reads are of committed blobs.
  std::unique_ptr<store::Store> head_store() const;
  std::string head_id() const; // "" when unborn

  // Paths among `paths` that differ between HEAD, the index and the working tree
  // (modified, staged, deleted, or untracked where HEAD has no such file but the working tree has).
  std::vector<std::string> dirty_paths(const std::vector<std::string>& paths) const;

  // The files under `dir` ("" for all; repository-relative, ending in '/') that differ between
  // the tree of `commit` (a full hex id) and the working tree: modified, staged, deleted, added
  // and untracked (not ignored), as repository-relative paths, each once, sorted. A rename is
  // its two paths. A file the index changes and the working tree changes back counts. The
  // commit's tree is compared with the index's (`git write-tree`, made in memory; subtrees with
  // the same id are not read), and the index with the working tree by stat data, as git status
  // does: a file is read only when its stat data differs or is racily clean. Writes nothing.
  // Without `untracked`, files the index does not know are left out, as `git diff COMMIT` and
  // `git status -uno` leave them: no directory is listed, each tracked file's stat data is
  // compared by its path (the cost of `git diff-files`).
  std::vector<std::string> changed_since(const std::string& commit, const std::string& dir,
                                         bool untracked = true) const;

  // user.name and user.email from the repository's git configuration, when both are set.
  std::optional<std::pair<std::string, std::string>> config_signature() const;

  // commit.gpgsign, gpg.format, user.signingkey ("~/" expanded with $HOME) and gpg.ssh.program
  // from the repository's git configuration.
  SigningConfig signing_config() const;

  // The content of a blob by its full hex id; nullopt when it is not in the repository (or is
  // not a blob, or is larger than max_bytes).
  std::optional<std::string> read_blob(const std::string& hex,
                                       std::size_t max_bytes = 4 * 1024 * 1024) const;

  // The id git gives a blob of this content (`git hash-object`); reads nothing.
  static std::string blob_id(std::string_view content);

  // Blob id of a path in HEAD's tree ("" if absent).
  std::string head_blob_id(const std::string& path) const;

  // Makes exactly one commit on the current branch, parent = `expected_head` ("" for the first
  // commit), tree = HEAD's tree plus `files`, compare-and-swapped against HEAD. Returns the new
  // commit id, or nullopt when HEAD moved since `expected_head` (the caller re-reads and retries).
  // After the commit, writes the files into the working tree (atomically) and stages them in the
  // index, so `git status` stays clean. Refuses a path that is not safe. The index is written
  // as a new file renamed over <gitdir>/index while index.lock is held: the WriteLock's when one
  // is held, else one taken for the index update alone (as `git add` would).
  // With `sign`, the commit is signed as git signs it: its buffer is signed, the commit object
  // written with the signature in its gpgsig header, and the branch compare-and-swapped onto it.
  std::optional<std::string> commit(const std::string& expected_head,
                                    const std::vector<FileWrite>& files, const Signature& author,
                                    const Signature& committer, const std::string& message,
                                    const CommitSigner& sign = {});

  // Completes a pmo write that was interrupted (pmo killed) after its commit moved the branch
  // but before the working tree and the index were updated. Only when HEAD is a pmo commit
  // (it carries Pmo- trailers): each file that commit added or changed and that is missing from
  // the index is written back into the working tree (if absent there) and staged; pmo's
  // temporary files left next to it are removed. A file whose working-tree copy differs from the
  // commit is a user's edit and is left alone. Call with the write lock held. Returns the paths
  // restored (empty when there was nothing to finish). HEAD at a shallow clone's boundary (its
  // parent not in the repository) was not written here: nothing to finish. A write marks itself
  // (<gitdir>/pmo-write-pending) before it moves the branch and clears the mark once its files
  // are staged: without the mark this reads nothing and returns at once.
  std::vector<std::string> finish_interrupted_write();

  // Commits with pmo trailers, newest first, on the first-parent line of HEAD, each with every
  // file it added (a first-parent diff of its whole tree). In a shallow clone the walk ends at
  // the boundary, whose files all count as added.
  // Stops at commits older than `since` when given. `visit` returns false to stop early.
  void walk_history(const std::function<bool(const HistoryEntry&)>& visit,
                    std::optional<model::Timestamp> since = std::nullopt) const;
  // The same walk, reading trees only where `query.added_under` asks for it.
  void walk_history(const std::function<bool(const HistoryEntry&)>& visit,
                    const HistoryQuery& query) const;

private:
  struct Impl;
  explicit Repository(std::unique_ptr<Impl> impl);
  std::optional<std::string> commit_files(const std::string& expected_head,
                                          const std::vector<FileWrite>& files,
                                          const Signature& author, const Signature& committer,
                                          const std::string& message, const CommitSigner& sign);
  std::unique_ptr<Impl> m_impl;
};

// The commit message for a pmo write: subject, optional body lines, and trailers as the last
// paragraph. CR/LF and other control characters in subject, body lines and trailer values are
// replaced by spaces, so no user text can start a new paragraph or forge a trailer; a subject or
// body line that git would read as a patch divider ("---"), a comment or a scissors line is
// indented by a space, so that git's trailer parsers read the same trailers as pmo's.
std::string compose_message(std::string_view subject, const std::vector<std::string>& body_lines,
                            const std::vector<std::pair<std::string, std::string>>& trailers);

// The trailers of a message's last paragraph whose keys start with "Pmo-".
std::map<std::string, std::string> parse_trailers(std::string_view message);

} // namespace pmo::git
