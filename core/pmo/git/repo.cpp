#include "handles.hpp"
#include "index_file.hpp"

#include <pmo/git/repo.hpp>

#include <fmt/format.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <random>
#include <string_view>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace pmo::git {

using namespace detail;

namespace {

constexpr auto k_lock_poll = std::chrono::milliseconds(20);
// How long commit() waits for a lock file of git (branch ref, index) held by another writer
// before it calls the lock stale; real writers hold them for milliseconds.
constexpr auto k_lock_wait = std::chrono::seconds(2);
constexpr auto k_retry_pause = std::chrono::milliseconds(5);
// How long index.lock stays held after a write put entries in the index that a git process may
// not have seen: `git commit` reads the index before it takes index.lock, and writes what it
// read back once it has the lock (git does the same to a concurrent `git add`). One that read
// the index before pmo's entries were in it, and reaches its lock after pmo let go, would unstage
// them, and its next commit would delete them. Holding the lock this much longer makes it fail
// its lock instead, unless it stalls longer than this between two system calls.
constexpr auto k_reader_grace = std::chrono::milliseconds(100);

std::shared_ptr<git_repository> share(RepositoryPtr repo) {
  return std::shared_ptr<git_repository>(repo.release(), git_repository_free);
}

git_oid parse_oid(const std::string& hex) {
  git_oid id{};
  check(git_oid_fromstr(&id, hex.c_str()), fmt::format("reading commit id '{}'", hex));
  return id;
}

bool is_dot_git(std::string_view segment) {
  if (segment.size() != 4) {
    return false;
  }
  for (std::size_t i = 0; i < 4; ++i) {
    const char c = segment[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != ".git"[i]) {
      return false;
    }
  }
  return true;
}

// A path pmo may write: safe, and never inside a .git directory.
void check_write_path(const std::string& path) {
  if (!store::is_safe_path(path)) {
    throw GitError(fmt::format("refusing to write {}: not a safe repository path", path),
                   GIT_EINVALID);
  }
  std::string_view rest = path;
  while (true) {
    const auto slash = rest.find('/');
    if (is_dot_git(rest.substr(0, slash))) {
      throw GitError(fmt::format("refusing to write {}: inside .git", path), GIT_EINVALID);
    }
    if (slash == std::string_view::npos) {
      return;
    }
    rest.remove_prefix(slash + 1);
  }
}

void check_signature(const Signature& signature, std::string_view role) {
  bool blank = true;
  for (char c : signature.name) {
    blank = blank && (c == ' ' || c == '\t');
  }
  if (blank || !is_valid_signature_text(signature.name) ||
      !is_valid_signature_text(signature.email)) {
    throw GitError(fmt::format("invalid {} signature: a name is required, and neither name nor "
                               "e-mail may contain control characters, '<' or '>'",
                               role),
                   GIT_EINVALID);
  }
}

SignaturePtr make_signature(const Signature& signature, std::string_view role) {
  SignaturePtr result;
  check(git_signature_new(out(result), signature.name.c_str(), signature.email.c_str(),
                          static_cast<git_time_t>(signature.when.time_since_epoch().count()), 0),
        fmt::format("making the {} signature", role));
  return result;
}

// Whether `path` is absent, or disappears within k_lock_wait.
bool wait_until_absent(const std::string& path) {
  const auto deadline = std::chrono::steady_clock::now() + k_lock_wait;
  while (::access(path.c_str(), F_OK) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(k_retry_pause);
  }
  return true;
}

std::string first_line(std::string_view message) {
  return std::string(message.substr(0, message.find('\n')));
}

// The parent of `commit`, null for a root commit and for a shallow clone's boundary (the parent
// is named but not in the repository).
CommitPtr first_parent_of(const git_commit* commit) {
  CommitPtr parent;
  if (git_commit_parentcount(commit) > 0) {
    const int rc = git_commit_parent(out(parent), commit, 0);
    if (rc == GIT_ENOTFOUND) {
      git_error_clear();
      return CommitPtr();
    }
    check(rc, "reading a commit's parent");
  }
  return parent;
}

// Whether the file system holding `dir` has (almost) no space left: what a failed write then
// means, whatever libgit2 says ("failed to find pack entry", a short write ...).
bool disk_full(const std::string& dir) {
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) != 0) {
    return errno == ENOSPC;
  }
  const auto free_bytes = static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize;
  return free_bytes < 1024 * 1024 || (fs.f_files > 0 && fs.f_favail == 0);
}

// `error`, said plainly when the disk is full.
GitError with_disk_state(const GitError& error, const std::string& dir) {
  if (!disk_full(dir) ||
      std::string_view(error.what()).find("No space left on device") != std::string_view::npos) {
    return error;
  }
  return GitError(fmt::format("{} (No space left on device: the file system holding {} is full; "
                              "free some space and run the command again)",
                              error.what(), dir),
                  error.code());
}

void copy_file(const std::string& from, const std::string& to) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    raise_os_error(errno, "cannot read", from);
  }
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int err = errno;
    ::close(in);
    raise_os_error(err, "cannot create", to);
  }
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(in, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      const int err = errno;
      ::close(in);
      ::close(fd);
      if (got < 0) {
        raise_os_error(err, "cannot read", from);
      }
      return;
    }
    for (ssize_t done = 0; done < got;) {
      const ssize_t put = ::write(fd, buffer + done, static_cast<std::size_t>(got - done));
      if (put < 0 && errno == EINTR) {
        continue;
      }
      if (put < 0) {
        const int err = errno;
        ::close(in);
        ::close(fd);
        raise_os_error(err, "cannot write", to);
      }
      done += put;
    }
  }
}

// The tree at `dir` ("" or ending in '/') inside `root`; null when there is no such directory.
TreePtr subtree(git_repository* repo, const git_tree* root, const std::string& dir) {
  TreePtr tree;
  if (root == nullptr) {
    return tree;
  }
  if (dir.empty()) {
    check(git_tree_dup(out(tree), const_cast<git_tree*>(root)), "reading a tree");
    return tree;
  }
  TreeEntryPtr entry;
  const int rc = git_tree_entry_bypath(out(entry), root, dir.substr(0, dir.size() - 1).c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return tree;
  }
  check(rc, fmt::format("looking up {}", dir));
  if (git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE) {
    check(git_tree_lookup(out(tree), repo, git_tree_entry_id(entry.get())),
          fmt::format("reading {}", dir));
  }
  return tree;
}

// Adds to entry.added_paths the files under `dir` that `commit` added, compared with its first
// parent. Only the trees under `dir` are compared, so an unchanged directory costs two lookups.
void added_files(git_repository* repo, git_commit* commit, const std::string& dir,
                 const git_diff_options& options, HistoryEntry& entry) {
  TreePtr tree;
  TreePtr parent_tree;
  check(git_commit_tree(out(tree), commit), "reading a commit's tree");
  if (const CommitPtr parent = first_parent_of(commit)) {
    check(git_commit_tree(out(parent_tree), parent.get()), "reading a commit's tree");
  }
  const TreePtr new_dir = subtree(repo, tree.get(), dir);
  if (!new_dir) {
    return; // nothing there, so nothing added there
  }
  const TreePtr old_dir = subtree(repo, parent_tree.get(), dir);
  if (old_dir && git_oid_equal(git_tree_id(old_dir.get()), git_tree_id(new_dir.get()))) {
    return;
  }
  DiffPtr diff;
  check(git_diff_tree_to_tree(out(diff), repo, old_dir.get(), new_dir.get(), &options),
        fmt::format("comparing commit {} with its parent", entry.commit.substr(0, 12)));
  const std::size_t deltas = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < deltas; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    if (delta != nullptr && delta->status == GIT_DELTA_ADDED && delta->new_file.path != nullptr) {
      entry.added_paths.push_back(dir + delta->new_file.path);
    }
  }
}

} // namespace

struct WriteLock::IndexLock {
  std::string path; // <gitdir>/index.lock
  int fd = -1;
  // While the lock is held: the index, read once from <gitdir>/index through a hard link at
  // <gitdir>/pmo-index.tmp (libgit2 writes an index object back to its own path, so each write
  // lands in a new file there, renamed over <gitdir>/index when it is ready). It is made the
  // repository's index, so that git status and attribute lookups in the write read this copy
  // rather than the index file again (93,000 entries at 10,000 projects: a read costs as much
  // as the rest of the write). Nothing else changes the index while index.lock is held.
  IndexPtr index;
  std::weak_ptr<git_repository> repo;
  std::string temp; // <gitdir>/pmo-index.tmp, removed with the lock (a link would pin the index)
  // An inotify descriptor watching the git directory for files opened there, from before
  // index.lock was taken (-1 when inotify is not available): whether anyone read <gitdir>/index
  // before this write's entries were in it (see k_reader_grace).
  int watch = -1;
  std::optional<std::chrono::steady_clock::time_point> hold_until;
  IndexLock() = default;
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;
  ~IndexLock() { release(); }
  // After an index with entries no one has seen was renamed into place: when someone opened
  // <gitdir>/index since the watch began (or it cannot be told), index.lock is held for
  // k_reader_grace more.
  void installed_new_entries() {
    if (watch < 0 || index_was_opened()) {
      hold_until = std::chrono::steady_clock::now() + k_reader_grace;
    }
  }
  // Drains the watch; true when <gitdir>/index was among the files opened (or events were lost).
  bool index_was_opened() const {
    bool opened = false;
    alignas(inotify_event) char buffer[4096];
    while (true) {
      const ssize_t got = ::read(watch, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) {
        continue;
      }
      if (got <= 0) {
        return opened; // EAGAIN: drained
      }
      for (ssize_t at = 0; at + static_cast<ssize_t>(sizeof(inotify_event)) <= got;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        if ((event->mask & IN_Q_OVERFLOW) != 0 ||
            (event->len > 0 && std::string_view(event->name) == "index")) {
          opened = true;
        }
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
  }
  void release() noexcept {
    if (hold_until) {
      std::this_thread::sleep_until(*hold_until);
      hold_until.reset();
    }
    if (watch >= 0) {
      ::close(watch);
      watch = -1;
    }
    if (index) {
      // The repository reads <gitdir>/index again when next asked for it.
      if (const auto owner = repo.lock()) {
        git_repository_set_index(owner.get(), nullptr);
      }
      index.reset();
    }
    if (!temp.empty()) {
      ::unlink(temp.c_str()); // a write that made no commit leaves no link to the index behind
      ::unlink((temp + ".lock").c_str());
    }
    if (fd >= 0) {
      ::close(fd);
      ::unlink(path.c_str());
      fd = -1;
    }
  }
};

namespace {

// What pmo writes into the index.lock it holds: git's own lock files hold index data or nothing.
constexpr std::string_view k_index_lock_marker = "pmo write lock\n";

// Whether the lock file at `path` is one a pmo wrote (and, the caller holding pmo.lock, one whose
// pmo died: a live pmo holds pmo.lock for as long as it holds index.lock).
bool is_pmo_lock_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return false;
  }
  char buffer[32] = {};
  const ssize_t got = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  return got >= static_cast<ssize_t>(k_index_lock_marker.size()) &&
         std::string_view(buffer, k_index_lock_marker.size()) == k_index_lock_marker;
}

// Creates `path` O_CREAT|O_EXCL as git does, waiting up to `wait` while another process holds it.
// `clear_stale`: the caller holds pmo.lock, so a lock file left by a killed pmo is removed.
std::shared_ptr<WriteLock::IndexLock>
take_index_lock(const std::string& path, std::chrono::milliseconds wait, bool clear_stale) {
  auto lock = std::make_shared<WriteLock::IndexLock>();
  lock->path = path;
  // Watching before the lock is taken: a git that reads the index while this waits counts too.
  lock->watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (lock->watch >= 0) {
    const std::string dir = path.substr(0, path.rfind('/') + 1);
    if (::inotify_add_watch(lock->watch, dir.c_str(), IN_OPEN) < 0) {
      ::close(lock->watch);
      lock->watch = -1;
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      lock->fd = fd;
      // Best effort: a lock without the marker is only never taken for stale.
      (void)!::write(fd, k_index_lock_marker.data(), k_index_lock_marker.size());
      return lock;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EEXIST) {
      raise_os_error(errno, "cannot create the index lock", path);
    }
    if (clear_stale && is_pmo_lock_file(path)) {
      ::unlink(path.c_str()); // left by a pmo that was killed during its write
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw GitError(fmt::format("git: the index is locked: the lock file {} exists (waited {} "
                                 "ms); another git process is running, or one that crashed left "
                                 "it behind: remove the lock file if no git process is running",
                                 path, wait.count()),
                     GIT_ELOCKED);
    }
    std::this_thread::sleep_for(k_lock_poll);
  }
}

// Git's order of the entries of a tree: their names byte by byte, a tree's as if it ended in '/'.
int tree_order(const git_tree_entry* a, const git_tree_entry* b) {
  const std::string_view x = git_tree_entry_name(a);
  const std::string_view y = git_tree_entry_name(b);
  const std::size_t n = std::min(x.size(), y.size());
  if (const int c = std::memcmp(x.data(), y.data(), n); c != 0)
    return c;
  const auto next = [n](std::string_view name, const git_tree_entry* entry) -> int {
    if (name.size() > n)
      return static_cast<unsigned char>(name[n]);
    return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? '/' : 0;
  };
  return next(x, a) - next(y, b);
}

void diff_subtrees(git_repository* repo, const git_tree* a, const git_tree* b,
                   const std::string& prefix, std::vector<std::string>& found);

// An entry only one side has: its path, or every file under it (a submodule: nothing).
void one_side(git_repository* repo, const git_tree_entry* entry, const std::string& prefix,
              std::vector<std::string>& found) {
  const git_object_t type = git_tree_entry_type(entry);
  if (type == GIT_OBJECT_COMMIT)
    return;
  std::string path = prefix + git_tree_entry_name(entry);
  if (type != GIT_OBJECT_TREE) {
    found.push_back(std::move(path));
    return;
  }
  TreePtr tree;
  check(git_tree_lookup(out(tree), repo, git_tree_entry_id(entry)),
        fmt::format("reading the tree of {}", path));
  diff_subtrees(repo, tree.get(), nullptr, path + '/', found);
}

// The files that differ between trees `a` and `b` (null: empty), below `prefix` (the path of
// both, "" or ending in '/'). Entries with the same id and mode are equal without being read,
// so identical subtrees cost nothing. Submodules are left out (as git diff --ignore-submodules).
void diff_subtrees(git_repository* repo, const git_tree* a, const git_tree* b,
                   const std::string& prefix, std::vector<std::string>& found) {
  const std::size_t na = a ? git_tree_entrycount(a) : 0;
  const std::size_t nb = b ? git_tree_entrycount(b) : 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < na || j < nb) {
    const git_tree_entry* x = i < na ? git_tree_entry_byindex(a, i) : nullptr;
    const git_tree_entry* y = j < nb ? git_tree_entry_byindex(b, j) : nullptr;
    const int order = x == nullptr ? 1 : y == nullptr ? -1 : tree_order(x, y);
    if (order < 0) {
      one_side(repo, x, prefix, found);
      ++i;
      continue;
    }
    if (order > 0) {
      one_side(repo, y, prefix, found);
      ++j;
      continue;
    }
    ++i;
    ++j;
    if (git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)) &&
        git_tree_entry_filemode(x) == git_tree_entry_filemode(y))
      continue;
    const git_object_t tx = git_tree_entry_type(x);
    const git_object_t ty = git_tree_entry_type(y);
    if (tx == GIT_OBJECT_TREE && ty == GIT_OBJECT_TREE) {
      const std::string path = prefix + git_tree_entry_name(x) + '/';
      TreePtr sx;
      TreePtr sy;
      check(git_tree_lookup(out(sx), repo, git_tree_entry_id(x)),
            fmt::format("reading the tree of {}", path));
      check(git_tree_lookup(out(sy), repo, git_tree_entry_id(y)),
            fmt::format("reading the tree of {}", path));
      diff_subtrees(repo, sx.get(), sy.get(), path, found);
    } else if (tx != GIT_OBJECT_COMMIT || ty != GIT_OBJECT_COMMIT) {
      found.push_back(prefix + git_tree_entry_name(x));
    }
  }
}

// The subtree of `tree` at `dir` ("" for the whole; else ending in '/'), kept in `holder`; null
// when there is none.
const git_tree* subtree_at(git_repository* repo, const git_tree* tree, const std::string& dir,
                           TreePtr& holder) {
  if (tree == nullptr || dir.empty())
    return tree;
  TreeEntryPtr entry;
  const std::string path = dir.substr(0, dir.size() - 1);
  const int found = git_tree_entry_bypath(out(entry), tree, path.c_str());
  if (found == GIT_ENOTFOUND || (found == 0 && git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE))
    return nullptr;
  check(found, fmt::format("reading {}", path));
  check(git_tree_lookup(out(holder), repo, git_tree_entry_id(entry.get())),
        fmt::format("reading the tree of {}", path));
  return holder.get();
}

// The files under `dir` ("" or ending in '/') that differ between two trees (null: empty).
void diff_trees(git_repository* repo, const git_tree* a, const git_tree* b, const std::string& dir,
                std::vector<std::string>& found) {
  TreePtr sub_a;
  TreePtr sub_b;
  diff_subtrees(repo, subtree_at(repo, a, dir, sub_a), subtree_at(repo, b, dir, sub_b), dir, found);
}

// A repository that reads `repo`'s objects (and its alternates) and writes new objects to memory
// only: the trees of an index are made there, and nothing is written into `repo`.
RepositoryPtr scratch_repository(git_repository* repo) {
  OdbPtr odb;
  check(git_odb_new(out(odb)), "preparing an object database in memory");
  git_odb_backend* memory = nullptr;
  check(git_mempack_new(&memory), "preparing an object database in memory");
  if (const int added = git_odb_add_backend(odb.get(), memory, 1000); added < 0) {
    memory->free(memory);
    raise_git_error(added, "preparing an object database in memory");
  }
  const std::string objects = std::string(git_repository_commondir(repo)) + "objects";
  check(git_odb_add_disk_alternate(odb.get(), objects.c_str()), "reading " + objects);
  RepositoryPtr scratch;
  check(git_repository_wrap_odb(out(scratch), odb.get()), "preparing an object database in memory");
  return scratch;
}

// The id of the tree the index would commit (`git write-tree`), its new trees made in `scratch`.
// The index's cache of trees gives it without hashing anything when the index matches a commit.
std::optional<git_oid> index_tree_id(git_repository* scratch, git_index* index) {
  git_oid id;
  if (git_index_write_tree_to(&id, index, scratch) < 0)
    return std::nullopt; // e.g. an entry git cannot write as a tree: the caller diffs otherwise
  return id;
}

// Appends the paths of a diff's changed files under `dir` ("" or ending in '/').
void diff_paths(git_diff* diff, const std::string& dir, std::vector<std::string>& paths) {
  const std::size_t count = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (delta == nullptr || delta->status == GIT_DELTA_UNMODIFIED ||
        delta->status == GIT_DELTA_IGNORED)
      continue;
    for (const char* path : {delta->old_file.path, delta->new_file.path})
      if (path != nullptr && std::string_view(path).starts_with(dir))
        paths.emplace_back(path);
  }
}

// Diff options for the files under `dir` ("" or ending in '/'), untracked ones included (each
// file of an untracked directory), submodules left out.
struct DirDiffOptions {
  explicit DirDiffOptions(const std::string& dir) : spec(dir) {
    check(git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION), "preparing git diff");
    options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                    GIT_DIFF_IGNORE_SUBMODULES | GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    if (!spec.empty() && spec.back() == '/')
      spec.pop_back();
    specs[0] = spec.data();
    if (!spec.empty()) {
      options.pathspec.strings = specs;
      options.pathspec.count = 1;
    }
  }
  DirDiffOptions(const DirDiffOptions&) = delete;
  DirDiffOptions& operator=(const DirDiffOptions&) = delete;
  git_diff_options options{};
  std::string spec;
  char* specs[1] = {nullptr};
};

// How the working tree is compared with the index: git's configuration of the stat data.
struct StatRules {
  bool trust_ctime = true; // core.trustctime
  bool file_mode = true;   // core.filemode: the executable bit counts
  bool symlinks = true;    // core.symlinks
};

StatRules stat_rules(git_repository* repo) {
  StatRules rules;
  ConfigPtr config;
  if (git_repository_config_snapshot(out(config), repo) != 0) {
    git_error_clear();
    return rules;
  }
  const auto flag = [&](const char* name, bool& value) {
    int set = 0;
    if (git_config_get_bool(&set, config.get(), name) == 0)
      value = set != 0;
    else
      git_error_clear();
  };
  flag("core.trustctime", rules.trust_ctime);
  flag("core.filemode", rules.file_mode);
  flag("core.symlinks", rules.symlinks);
  return rules;
}

// An index entry as WorkdirScan reads it: one of libgit2's, or a record of the index file read
// where it lies (decoded each time it is compared).
class IndexEntry {
public:
  explicit IndexEntry(const git_index_entry* entry) : m_path(entry->path), m_git(entry) {}
  explicit IndexEntry(const IndexRecord& record) : m_path(record.path), m_record(record.record) {}
  const char* path() const { return m_path; }
  git_index_entry get() const {
    return m_git != nullptr ? *m_git : decode(IndexRecord{m_path, m_record});
  }

private:
  const char* m_path;
  const git_index_entry* m_git = nullptr;
  const unsigned char* m_record = nullptr;
};

// The working tree against the index below one directory, as `git status` compares them: a
// tracked file is read only when its stat data differs from the index's record (or the record is
// racily clean: the file changed in the instant the index was written); every directory is
// listed once, for the files the index does not know (untracked, unless ignored). Directories
// are listed and their files' stat data compared on several threads; what needs libgit2 (a
// file to hash, a path to test against .gitignore) is done afterwards on the calling thread.
class WorkdirScan {
public:
  WorkdirScan(git_repository* repo, git_index* index, std::vector<std::string>& paths)
      : WorkdirScan(repo, entries_of(index), paths) {}

  // `entries`: the index's, sorted by path, one stage (no conflicts).
  WorkdirScan(git_repository* repo, std::vector<IndexEntry> entries,
              std::vector<std::string>& paths)
      : m_repo(repo), m_rules(stat_rules(repo)), m_root(git_repository_workdir(repo)),
        m_paths(paths), m_entries(std::move(entries)) {
    m_seen.assign(m_entries.size(), 0);
    struct stat st {};
    if (::stat((std::string(git_repository_path(repo)) + "index").c_str(), &st) == 0)
      m_index_time = st.st_mtim;
  }

  // Appends the files under `dir` ("" or ending in '/') that differ: modified, deleted,
  // untracked.
  void run(const std::string& dir) {
    m_queue.push_back(dir);
    m_pending = 1;
    const unsigned threads =
        m_entries.size() < 2048 ? 1U : std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
    std::vector<Found> found(threads);
    on_threads(threads, [this, &found](unsigned t) { work(found[t]); });
    for (auto& part : found) {
      take_differing(part);
      for (auto& path : part.unknown)
        if (!ignored(path)) {
          if (path.back() == '/')
            untracked(path);
          else
            m_paths.push_back(std::move(path));
        }
    }
    for (std::size_t i = first_under(dir); i < m_entries.size(); ++i) {
      const std::string_view path = m_entries[i].path();
      if (!path.starts_with(dir))
        break;
      if (m_seen[i] == 0 && !is_gitlink(m_entries[i].get()))
        m_paths.emplace_back(path); // deleted
    }
  }

  // Appends the tracked files under `dir` that differ, modified or deleted, as `git diff-files`
  // finds them: each file's stat data against the index's, by its path, on several threads; no
  // directory is listed, so files the index does not know are not seen. A path through a
  // symbolic link or a file where the index has a directory counts as deleted, as in run().
  void run_tracked(const std::string& dir) {
    const std::size_t first = first_under(dir);
    std::size_t last = first;
    while (last < m_entries.size() && std::string_view(m_entries[last].path()).starts_with(dir))
      ++last;
    const std::size_t count = last - first;
    const unsigned threads =
        count < 2048 ? 1U : std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
    std::vector<Found> found(threads);
    // Taken in slices as each thread is ready for one: a thread that started later or met
    // slower files takes fewer.
    constexpr std::size_t k_slice = 1024;
    std::atomic<std::size_t> next{first};
    auto work = [&](unsigned t) {
      std::string leading;   // the last parent directory found to be a real directory
      std::string not_a_dir; // the last one found not to be
      for (std::size_t from = 0; (from = next.fetch_add(k_slice)) < last;)
        for (std::size_t i = from; i < std::min(from + k_slice, last); ++i) {
          const git_index_entry e = m_entries[i].get();
          if (is_gitlink(e))
            continue;
          const std::string_view path = e.path;
          const std::size_t slash = path.rfind('/');
          const std::string_view parent =
              slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash + 1);
          if (!not_a_dir.empty() && parent.starts_with(not_a_dir)) {
            found[t].differ.emplace_back(path);
            continue;
          }
          if (parent != leading) {
            if (const auto bad = leading_non_directory(parent, leading)) {
              not_a_dir = *bad;
              found[t].differ.emplace_back(path);
              continue;
            }
            leading = parent;
          }
          struct stat st {};
          if (::lstat((m_root + e.path).c_str(), &st) != 0) {
            found[t].differ.emplace_back(path); // deleted (or unreadable: not what the index has)
            continue;
          }
          switch (compare(e, st)) {
          case Stat::same:
            break;
          case Stat::differs:
            found[t].differ.emplace_back(path);
            break;
          case Stat::uncertain:
            found[t].to_hash.push_back(i);
            break;
          }
        }
    };
    on_threads(threads, work);
    for (auto& part : found)
      take_differing(part);
  }

private:
  // Runs work(t) for each t below `threads`, 0 on the calling thread.
  template <class Work> static void on_threads(unsigned threads, const Work& work) {
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
      pool.emplace_back(work, t);
    work(0);
    for (auto& thread : pool)
      thread.join();
  }

  static std::vector<IndexEntry> entries_of(git_index* index) {
    const std::size_t count = git_index_entrycount(index);
    std::vector<IndexEntry> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
      out.emplace_back(git_index_get_byindex(index, i)); // by path
    return out;
  }

  // The first directory of `parent` ("a/b/", or "" for the top) that is not a real directory
  // in the working tree (absent, a file or a symbolic link), as a prefix ending in '/'; nullopt
  // when each is one. The directories it shares with `known` (found real before) are not
  // checked again.
  std::optional<std::string> leading_non_directory(std::string_view parent,
                                                   std::string_view known) const {
    std::size_t checked = 0;
    while (checked < parent.size() && checked < known.size() && parent[checked] == known[checked])
      ++checked;
    checked = checked == 0 ? 0 : parent.rfind('/', checked - 1) + 1; // whole directories only
    if (checked > parent.size())
      checked = 0;
    for (std::size_t end = parent.find('/', checked); end != std::string_view::npos;
         end = parent.find('/', end + 1)) {
      struct stat st {};
      const std::string full = m_root + std::string(parent.substr(0, end));
      if (::lstat(full.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return std::string(parent.substr(0, end + 1));
    }
    return std::nullopt;
  }

  // What one thread found: files that differ, files to hash (index positions), and paths the
  // index does not know (a directory ends in '/'), to test against the ignore rules.
  struct Found {
    std::vector<std::string> differ;
    std::vector<std::size_t> to_hash;
    std::vector<std::string> unknown;
  };

  // Appends the files a thread found to differ: those whose stat data differs, and of those
  // whose stat data could not tell, the ones whose content differs.
  void take_differing(Found& part) {
    for (auto& path : part.differ)
      m_paths.push_back(std::move(path));
    for (const std::size_t at : part.to_hash)
      if (hashed_differs(m_entries[at].get()))
        m_paths.emplace_back(m_entries[at].path());
  }

  static bool is_gitlink(const git_index_entry& e) { return (e.mode & 0170000) == 0160000; }

  std::size_t first_under(std::string_view prefix) const {
    return static_cast<std::size_t>(std::lower_bound(m_entries.begin(), m_entries.end(), prefix,
                                                     [](const IndexEntry& e, std::string_view p) {
                                                       return std::string_view(e.path()) < p;
                                                     }) -
                                    m_entries.begin());
  }

  // The index entry at exactly `path`, or npos.
  std::size_t find(std::string_view path) const {
    const std::size_t at = first_under(path);
    return at < m_entries.size() && path == m_entries[at].path() ? at : std::string::npos;
  }

  bool has_under(const std::string& prefix) const {
    const std::size_t at = first_under(prefix);
    return at < m_entries.size() && std::string_view(m_entries[at].path()).starts_with(prefix);
  }

  bool ignored(const std::string& path) const {
    int is = 0;
    if (git_ignore_path_is_ignored(&is, m_repo, path.c_str()) < 0) {
      git_error_clear();
      return false;
    }
    return is == 1;
  }

  // Takes directories from the queue until every one is listed (by this thread or another).
  void work(Found& found) {
    std::unique_lock lock(m_mutex);
    while (true) {
      m_ready.wait(lock, [&] { return !m_queue.empty() || m_pending == 0; });
      if (m_queue.empty())
        return;
      std::string dir = std::move(m_queue.back());
      m_queue.pop_back();
      lock.unlock();
      std::vector<std::string> subdirs;
      directory(dir, found, subdirs);
      lock.lock();
      m_pending += subdirs.size();
      for (auto& sub : subdirs)
        m_queue.push_back(std::move(sub));
      --m_pending;
      m_ready.notify_all();
    }
  }

  // Lists directory `prefix` ("" or ending in '/'): its files against the index, its
  // directories with tracked files into `subdirs`. getdents64 straight into a buffer: opendir
  // would add an fstat and an fcntl to each of the portfolio's directories.
  void directory(const std::string& prefix, Found& found, std::vector<std::string>& subdirs) {
    const int fd =
        ::open((m_root + prefix).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
      return; // its index entries count as deleted
    alignas(8) char buffer[32768];
    while (true) {
      const long got = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
      if (got <= 0)
        break;
      for (long at = 0; at < got;) {
        const auto* d = reinterpret_cast<const dirent64*>(buffer + at);
        at += d->d_reclen;
        entry(prefix, fd, d->d_name, d->d_type, found, subdirs);
      }
    }
    ::close(fd);
  }

  // One entry `name` of directory `prefix` (open as `fd`), of dirent type `type`.
  void entry(const std::string& prefix, int fd, const char* name, unsigned char type, Found& found,
             std::vector<std::string>& subdirs) {
    const std::string_view view = name;
    if (view == "." || view == ".." || (prefix.empty() && view == ".git"))
      return;
    std::string path = prefix;
    path += view;
    struct stat st {};
    if (type == DT_DIR)
      st.st_mode = S_IFDIR; // a directory's own stat data is not compared
    else if (::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
      return; // gone meanwhile: an index entry for it counts as deleted
    if (S_ISDIR(st.st_mode)) {
      const std::size_t link = find(path);
      if (link != std::string::npos && is_gitlink(m_entries[link].get())) {
        m_seen[link] = 1; // a submodule: left out
        return;
      }
      path += '/';
      if (has_under(path))
        subdirs.push_back(std::move(path));
      else
        found.unknown.push_back(std::move(path));
      return;
    }
    const std::size_t at = find(path);
    if (at == std::string::npos) {
      found.unknown.push_back(std::move(path));
      return;
    }
    m_seen[at] = 1;
    switch (compare(m_entries[at].get(), st)) {
    case Stat::same:
      break;
    case Stat::differs:
      found.differ.push_back(std::move(path));
      break;
    case Stat::uncertain:
      found.to_hash.push_back(at);
      break;
    }
  }

  // Every file not ignored below the untracked directory `prefix` (ending in '/').
  void untracked(const std::string& prefix) {
    const int fd =
        ::open((m_root + prefix).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
      return;
    DIR* listing = ::fdopendir(fd);
    if (listing == nullptr) {
      ::close(fd);
      return;
    }
    std::vector<std::string> names;
    while (const dirent* d = ::readdir(listing)) {
      const std::string_view entry = d->d_name;
      if (entry != "." && entry != "..")
        names.emplace_back(entry);
    }
    for (const auto& entry : names) {
      struct stat st {};
      if (::fstatat(fd, entry.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      std::string path = prefix + entry;
      if (S_ISDIR(st.st_mode)) {
        if (entry != ".git" && !ignored(path + '/'))
          untracked(path + '/');
      } else if (!ignored(path)) {
        m_paths.push_back(std::move(path));
      }
    }
    ::closedir(listing);
  }

  // The mode git would record for the file.
  std::uint32_t mode_of(const struct stat& st, std::uint32_t recorded) const {
    if (S_ISLNK(st.st_mode))
      return m_rules.symlinks ? 0120000U : recorded;
    if (!m_rules.file_mode)
      return (recorded & 0170000) == 0100000 ? recorded : 0100644U;
    return (st.st_mode & 0100) != 0 ? 0100755U : 0100644U;
  }

  static bool same_time(const git_index_time& t, const struct timespec& s) {
    return t.seconds == static_cast<std::int32_t>(s.tv_sec) &&
           t.nanoseconds == static_cast<std::uint32_t>(s.tv_nsec);
  }

  enum class Stat { same, differs, uncertain };

  // A file's stat data against its index entry: the same (and not racily clean), a different
  // kind or mode, or anything else different (the content decides).
  Stat compare(const git_index_entry& e, const struct stat& st) const {
    if (is_gitlink(e))
      return Stat::same;
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
      return Stat::differs; // a fifo or a device where a file was
    if (mode_of(st, e.mode) != e.mode)
      return Stat::differs;
    const auto index_seconds = static_cast<std::int32_t>(m_index_time.tv_sec);
    const bool racy = e.mtime.seconds > index_seconds ||
                      (e.mtime.seconds == index_seconds &&
                       e.mtime.nanoseconds >= static_cast<std::uint32_t>(m_index_time.tv_nsec));
    const bool same = e.file_size == static_cast<std::uint32_t>(st.st_size) &&
                      same_time(e.mtime, st.st_mtim) &&
                      (!m_rules.trust_ctime || same_time(e.ctime, st.st_ctim)) &&
                      e.ino == static_cast<std::uint32_t>(st.st_ino) &&
                      e.uid == static_cast<std::uint32_t>(st.st_uid) &&
                      e.gid == static_cast<std::uint32_t>(st.st_gid);
    return same && !racy ? Stat::same : Stat::uncertain;
  }

  // Whether the file's content (as git would add it: clean filters applied) is not the
  // entry's.
  bool hashed_differs(const git_index_entry& e) const {
    const std::string full = m_root + e.path;
    struct stat st {};
    if (::lstat(full.c_str(), &st) != 0)
      return true;
    git_oid id{};
    if (S_ISLNK(st.st_mode)) {
      std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
      const ssize_t n = ::readlink(full.c_str(), target.data(), target.size());
      if (n < 0)
        return true;
      if (git_odb_hash(&id, target.data(), static_cast<std::size_t>(n), GIT_OBJECT_BLOB) < 0) {
        git_error_clear();
        return true;
      }
    } else if (git_repository_hashfile(&id, m_repo, full.c_str(), GIT_OBJECT_BLOB, e.path) < 0) {
      git_error_clear();
      return true; // unreadable: it is not what the index holds
    }
    return !git_oid_equal(&id, &e.id);
  }

  git_repository* m_repo;
  StatRules m_rules;
  std::string m_root; // the working tree, ending in '/'
  std::vector<std::string>& m_paths;
  std::vector<IndexEntry> m_entries;
  std::vector<unsigned char> m_seen; // one byte per entry: written by one thread each
  struct timespec m_index_time {};
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::vector<std::string> m_queue; // directories to list
  std::size_t m_pending = 0;        // directories queued or being listed
};

// The files under `dir` that differ between the index and the working tree: modified, deleted,
// and with `untracked` the files the index does not know (not ignored).
void index_to_workdir(WorkdirScan& scan, const std::string& dir, bool untracked) {
  if (untracked)
    scan.run(dir);
  else
    scan.run_tracked(dir);
}

// The files under `dir` that differ between `tree` and the index and working tree, by
// libgit2's diff of both (reads every file's stat and every tree).
void diff_tree_to_workdir(git_repository* repo, git_tree* tree, const std::string& commit,
                          const std::string& dir, bool untracked, std::vector<std::string>& paths) {
  DirDiffOptions options(dir);
  if (!untracked)
    options.options.flags &=
        ~static_cast<std::uint32_t>(GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS);
  DiffPtr diff;
  check(git_diff_tree_to_workdir_with_index(out(diff), repo, tree, &options.options),
        fmt::format("comparing {} with the working tree", commit.substr(0, 7)),
        std::string(git_repository_path(repo)) + "index.lock");
  diff_paths(diff.get(), dir, paths);
}

} // namespace

struct Repository::Impl {
  std::shared_ptr<git_repository> repo;
  std::weak_ptr<WriteLock::IndexLock> index_lock; // the WriteLock's, while it is held
  std::optional<git_oid> pinned;                  // Repository::pin: read as if HEAD were this

  git_repository* get() const { return repo.get(); }

  std::string gitdir() const { return git_repository_path(get()); }

  // Present from just before a write moves the branch until its files are staged: a write
  // killed in between left it, and the next write finishes that one (finish_interrupted_write).
  // Without it there is nothing to finish, and the next write reads neither the index nor a diff.
  std::string pending_marker() const { return gitdir() + "pmo-write-pending"; }

  void mark_pending() const {
    const std::string path = pending_marker();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      raise_os_error(errno, "cannot create", path);
    }
    ::close(fd);
    sync_directory(gitdir()); // on disk before the branch moves
  }

  void clear_pending() const { ::unlink(pending_marker().c_str()); }

  // Links <gitdir>/index to `temp` (a copy where links are not possible): a libgit2 index
  // opened there reads the index and writes a new file at `temp`, never <gitdir>/index.
  void link_index(const std::string& temp) const {
    const std::string index_path = gitdir() + "index";
    // Leftovers of a killed pmo: nobody else uses them while index.lock is held.
    ::unlink(temp.c_str());
    ::unlink((temp + ".lock").c_str());
    if (::link(index_path.c_str(), temp.c_str()) != 0) {
      if (errno == ENOENT) {
        // No index yet: libgit2 starts an empty one.
      } else {
        copy_file(index_path, temp);
      }
    }
  }

  std::string index_temp() const { return gitdir() + "pmo-index.tmp"; }

  // The held lock's index (see WriteLock::IndexLock), read now and made the repository's.
  void open_locked_index(WriteLock::IndexLock& lock) const {
    const std::string temp = index_temp();
    link_index(temp);
    IndexPtr index;
    check(git_index_open(out(index), temp.c_str()), "reading the index");
    check(git_repository_set_index(get(), index.get()), "reading the index");
    lock.index = std::move(index);
    lock.repo = repo;
    lock.temp = temp;
  }

  // After a prepared index was not put in place: the held lock's index as <gitdir>/index is.
  void reread_locked_index() const {
    const auto lock = index_lock.lock();
    if (!lock || !lock->index) {
      return;
    }
    link_index(index_temp());
    check(git_index_read(lock->index.get(), 1), "reading the index");
  }

  // The on-disk index with `files` (repository-relative path and blob id) staged, written to a
  // temporary file in the git directory (<gitdir>/pmo-index.tmp), not yet in place. Entries
  // carry the working-tree file's stat data when `with_stat` (so that git does not re-read it),
  // else none: git then compares content, and finds it unchanged once the file is written.
  // Call with index.lock held: with the WriteLock's, its index (read once per write) is changed
  // and written; else the index file is read here. Returns the temporary file's path.
  std::string prepare_index(const std::vector<std::pair<std::string, git_oid>>& files,
                            const std::string& root, bool with_stat) const {
    const std::string temp = index_temp();
    const auto lock = index_lock.lock();
    IndexPtr own;
    git_index* index = lock && lock->index ? lock->index.get() : nullptr;
    try {
      if (index == nullptr) {
        link_index(temp);
        check(git_index_open(out(own), temp.c_str()), "reading the index");
        index = own.get();
      }
      for (const auto& [path, id] : files) {
        git_index_entry entry{};
        entry.mode = GIT_FILEMODE_BLOB;
        entry.id = id;
        entry.path = path.c_str();
        if (with_stat) {
          const auto st = stat_worktree_file(root, path);
          if (!st) {
            raise_os_error(ENOENT, "cannot stage", root + path);
          }
          entry.ctime.seconds = static_cast<std::int32_t>(st->st_ctim.tv_sec);
          entry.ctime.nanoseconds = static_cast<std::uint32_t>(st->st_ctim.tv_nsec);
          entry.mtime.seconds = static_cast<std::int32_t>(st->st_mtim.tv_sec);
          entry.mtime.nanoseconds = static_cast<std::uint32_t>(st->st_mtim.tv_nsec);
          entry.dev = static_cast<std::uint32_t>(st->st_dev);
          entry.ino = static_cast<std::uint32_t>(st->st_ino);
          entry.uid = static_cast<std::uint32_t>(st->st_uid);
          entry.gid = static_cast<std::uint32_t>(st->st_gid);
          entry.file_size = static_cast<std::uint32_t>(st->st_size);
        }
        check(git_index_add(index, &entry), fmt::format("staging {}", path));
      }
      check(git_index_write(index), "writing the index");
    } catch (...) {
      abandon_index(temp);
      throw;
    }
    return temp;
  }

  // Puts a prepared index in place of <gitdir>/index (rename: git sees the old or the new one).
  // `new_entries`: it holds entries that the index it replaces did not (see k_reader_grace).
  void install_index(const std::string& temp, const std::shared_ptr<WriteLock::IndexLock>& lock,
                     bool new_entries) const {
    const std::string dir = gitdir();
    if (::rename(temp.c_str(), (dir + "index").c_str()) != 0) {
      const int error = errno;
      abandon_index(temp);
      raise_os_error(error, "cannot replace the index", dir + "index");
    }
    if (new_entries && lock) {
      lock->installed_new_entries();
    }
    ::unlink((temp + ".lock").c_str());
    sync_directory(dir);
    // The repository's own index object re-reads the file when it changed on disk.
  }

  static void discard_index(const std::string& temp) {
    ::unlink(temp.c_str());
    ::unlink((temp + ".lock").c_str());
  }

  // A prepared index that will not be put in place: removed, and the held lock's index read
  // back from <gitdir>/index (it holds the entries staged for it). Never throws.
  void abandon_index(const std::string& temp) const noexcept {
    discard_index(temp);
    try {
      reread_locked_index();
    } catch (...) {
      // Then the lock's index is dropped: the next use reads <gitdir>/index.
      if (const auto lock = index_lock.lock(); lock && lock->index) {
        git_repository_set_index(get(), nullptr);
        lock->index.reset();
      }
    }
  }

  // Stages `files` (repository-relative path and the blob id the working-tree file now holds) in
  // the on-disk index, with the working-tree files' stat data so that git does not re-read them.
  // The index is copied to a temporary file in the git directory, changed there and renamed
  // over <gitdir>/index, all under index.lock: the WriteLock's, else one taken here.
  void stage(const std::vector<std::pair<std::string, git_oid>>& files,
             const std::string& root) const {
    if (files.empty()) {
      return;
    }
    std::shared_ptr<WriteLock::IndexLock> lock = index_lock.lock();
    if (!lock || lock->fd < 0) {
      lock = take_index_lock(gitdir() + "index.lock", k_lock_wait, false);
    }
    install_index(prepare_index(files, root, true), lock, true);
  }

  // HEAD's commit, or null when HEAD is unborn.
  CommitPtr head_commit() const {
    git_oid id{};
    if (pinned) {
      CommitPtr commit;
      check(git_commit_lookup(out(commit), get(), &*pinned), "reading the pinned commit");
      return commit;
    }
    const int rc = git_reference_name_to_id(&id, get(), "HEAD");
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
      git_error_clear();
      return CommitPtr();
    }
    check(rc, "reading HEAD");
    CommitPtr commit;
    check(git_commit_lookup(out(commit), get(), &id), "reading HEAD's commit");
    return commit;
  }

  TreePtr head_tree() const {
    TreePtr tree;
    if (const auto commit = head_commit()) {
      check(git_commit_tree(out(tree), commit.get()), "reading HEAD's tree");
    }
    return tree;
  }

  // The branch an unborn HEAD points at ("refs/heads/main").
  std::string unborn_branch() const {
    ReferencePtr head;
    check(git_reference_lookup(out(head), get(), "HEAD"), "reading HEAD");
    const char* target = git_reference_symbolic_target(head.get());
    if (target == nullptr) {
      throw GitError("git: HEAD is detached and points at no commit", GIT_EUNBORNBRANCH);
    }
    return target;
  }

  std::string commondir() const { return git_repository_commondir(get()); }

  // One attempt at creating the commit and moving the branch, compare-and-swapped.
  int create_commit(git_oid& id, const git_signature* author, const git_signature* committer,
                    const std::string& message, const git_tree* tree,
                    const git_commit* parent) const {
    if (parent != nullptr) {
      const git_commit* parents[] = {parent};
      return git_commit_create(&id, get(), "HEAD", author, committer, nullptr, message.c_str(),
                               tree, 1, parents);
    }
    // Root commit: libgit2 would move an unborn branch without checking that it is still
    // unborn, so create the branch only if it does not exist (a zero current id).
    int rc = git_commit_create(&id, get(), nullptr, author, committer, nullptr, message.c_str(),
                               tree, 0, nullptr);
    if (rc < 0) {
      return rc;
    }
    const git_oid none{};
    ReferencePtr branch;
    return git_reference_create_matching(out(branch), get(), unborn_branch().c_str(), &id, 1, &none,
                                         ("commit (initial): " + first_line(message)).c_str());
  }

  // Writes a signed commit object: its buffer, signed by `sign`, with the signature as the
  // gpgsig header (git_commit_create_with_signature). Moves no reference.
  git_oid create_signed_object(const git_signature* author, const git_signature* committer,
                               const std::string& message, const git_tree* tree,
                               const git_commit* parent, const CommitSigner& sign) const {
    git_buf buffer{};
    const git_commit* parents[] = {parent};
    const int rc =
        git_commit_create_buffer(&buffer, get(), author, committer, nullptr, message.c_str(), tree,
                                 parent != nullptr ? 1 : 0, parent != nullptr ? parents : nullptr);
    if (rc < 0) {
      git_buf_dispose(&buffer);
      raise_git_error(rc, "preparing the commit");
    }
    const std::string data(buffer.ptr, buffer.size);
    git_buf_dispose(&buffer);
    const std::string signature = sign(data);
    if (signature.find('\0') != std::string::npos) {
      throw GitError("a commit signature may not contain NUL", GIT_EINVALID);
    }
    git_oid id{};
    check(git_commit_create_with_signature(&id, get(), data.c_str(), signature.c_str(), "gpgsig"),
          "writing the signed commit");
    return id;
  }

  // One attempt at moving the current branch (or a detached HEAD) from `parent` (none: the
  // branch must not exist yet) to the commit `id`, compare-and-swapped: GIT_EMODIFIED when it
  // moved meanwhile.
  int move_branch(const git_oid& id, const git_commit* parent, const std::string& message) const {
    std::string name = "HEAD";
    {
      ReferencePtr head;
      check(git_reference_lookup(out(head), get(), "HEAD"), "reading HEAD");
      if (const char* target = git_reference_symbolic_target(head.get())) {
        name = target;
      }
    }
    const git_oid none{};
    const git_oid* current = parent != nullptr ? git_commit_id(parent) : &none;
    const std::string log =
        (parent != nullptr ? "commit: " : "commit (initial): ") + first_line(message);
    ReferencePtr branch;
    const int rc = git_reference_create_matching(out(branch), get(), name.c_str(), &id, 1, current,
                                                 log.c_str());
    if (rc == GIT_ENOTFOUND && parent != nullptr) {
      return GIT_EMODIFIED; // the branch went away: HEAD is not what the commit was built on
    }
    return rc;
  }

  std::string ref_lock_path() const {
    ReferencePtr head;
    std::string name = "HEAD";
    if (git_reference_lookup(out(head), get(), "HEAD") == 0) {
      if (const char* target = git_reference_symbolic_target(head.get())) {
        name = target;
      }
    } else {
      git_error_clear();
    }
    return (name == "HEAD" ? std::string(git_repository_path(get())) : commondir()) + name +
           ".lock";
  }
};

Repository::Repository(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

std::optional<Repository> Repository::discover(const std::string& start_dir) {
  ensure_libgit2();
  RepositoryPtr repo;
  const int rc = git_repository_open_ext(out(repo), start_dir.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  check(rc, fmt::format("opening the repository at {}", start_dir));
  return Repository(std::make_unique<Impl>(Impl{share(std::move(repo)), {}, {}}));
}

Repository Repository::init(const std::string& dir) {
  ensure_libgit2();
  RepositoryPtr repo;
  const int rc =
      git_repository_open_ext(out(repo), dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  if (rc == 0) {
    return Repository(std::make_unique<Impl>(Impl{share(std::move(repo)), {}, {}}));
  }
  if (rc != GIT_ENOTFOUND) {
    check(rc, fmt::format("opening the repository at {}", dir));
  }
  git_error_clear();
  git_repository_init_options options{};
  check(git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION),
        "preparing git init");
  options.flags = GIT_REPOSITORY_INIT_MKPATH;
  options.initial_head = "main";
  check(git_repository_init_ext(out(repo), dir.c_str(), &options),
        fmt::format("creating a repository at {}", dir));
  return Repository(std::make_unique<Impl>(Impl{share(std::move(repo)), {}, {}}));
}

std::string Repository::workdir() const {
  const char* dir = git_repository_workdir(m_impl->get());
  return dir == nullptr ? std::string() : std::string(dir);
}

std::string Repository::gitdir() const { return git_repository_path(m_impl->get()); }

bool Repository::is_bare() const { return git_repository_is_bare(m_impl->get()) == 1; }

bool Repository::head_unborn() const {
  if (m_impl->pinned) {
    return false;
  }
  return check(git_repository_head_unborn(m_impl->get()), "reading HEAD") == 1;
}

WriteLock::WriteLock(WriteLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_index(std::move(other.m_index)) {}

WriteLock& WriteLock::operator=(WriteLock&& other) noexcept {
  if (this != &other) {
    release();
    m_fd = std::exchange(other.m_fd, -1);
    m_index = std::move(other.m_index);
  }
  return *this;
}

void WriteLock::release() noexcept {
  if (m_index) {
    m_index->release(); // index.lock first: the next pmo in the queue takes it at once
    m_index.reset();
  }
  if (m_fd >= 0) {
    ::close(m_fd); // releases the flock
    m_fd = -1;
  }
}

WriteLock::~WriteLock() { release(); }

WriteLock Repository::lock_for_write(int timeout_ms, int index_timeout_ms) {
  if (m_impl->pinned) {
    throw GitError("git: the repository is read as of a past commit; pmo does not write to it",
                   GIT_ERROR);
  }
  // In the common directory, so that every worktree of the repository shares one lock.
  const std::string path = m_impl->commondir() + "pmo.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    raise_os_error(errno, "cannot open the write lock", path);
  }
  WriteLock lock(fd); // closes fd on every way out
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) {
      continue;
    }
    if (errno != EWOULDBLOCK) {
      raise_os_error(errno, "cannot lock", path);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw GitError(fmt::format("another pmo is writing to this repository: the lock {} was "
                                 "held for more than {} ms",
                                 path, timeout_ms),
                     GIT_ELOCKED);
    }
    std::this_thread::sleep_for(k_lock_poll);
  }
  if (!is_bare()) {
    // Before HEAD is read, as `git commit` takes it: nothing else stages or commits from the
    // index until this write has moved the branch and written the index.
    lock.m_index =
        take_index_lock(gitdir() + "index.lock", std::chrono::milliseconds(index_timeout_ms), true);
    m_impl->open_locked_index(*lock.m_index);
    m_impl->index_lock = lock.m_index;
  }
  return lock;
}

std::string Repository::operation_in_progress() const {
  switch (git_repository_state(m_impl->get())) {
  case GIT_REPOSITORY_STATE_NONE:
  case GIT_REPOSITORY_STATE_BISECT:
    return "";
  case GIT_REPOSITORY_STATE_MERGE:
    return "merge";
  case GIT_REPOSITORY_STATE_REVERT:
  case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
    return "revert";
  case GIT_REPOSITORY_STATE_CHERRYPICK:
  case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
    return "cherry-pick";
  case GIT_REPOSITORY_STATE_REBASE:
  case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
  case GIT_REPOSITORY_STATE_REBASE_MERGE:
    return "rebase";
  case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
  case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
    return "am (apply mailbox)";
  default:
    return "a git operation";
  }
}

void Repository::pin(const std::string& commit) {
  git_oid id{};
  check(git_oid_fromstr(&id, commit.c_str()), "reading a commit id");
  CommitPtr found;
  check(git_commit_lookup(out(found), m_impl->get(), &id), "reading the commit");
  m_impl->pinned = id;
}

bool Repository::pinned() const { return m_impl->pinned.has_value(); }

std::optional<std::string> Repository::last_commit_until(model::Timestamp until) const {
  const auto limit = std::chrono::duration_cast<std::chrono::seconds>(until.time_since_epoch());
  for (CommitPtr commit = m_impl->head_commit(); commit; commit = first_parent_of(commit.get())) {
    if (git_commit_time(commit.get()) <= limit.count()) {
      return oid_hex(*git_commit_id(commit.get()));
    }
  }
  return std::nullopt;
}

std::optional<model::Timestamp> Repository::head_time() const {
  const auto commit = m_impl->head_commit();
  if (!commit) {
    return std::nullopt;
  }
  return model::Timestamp(std::chrono::seconds(git_commit_time(commit.get())));
}

std::optional<FilterChange> Repository::filter_change(const std::vector<FileWrite>& files) const {
  git_repository* repo = m_impl->get();
  for (const auto& file : files) {
    FilterListPtr filters;
    check(git_filter_list_load(out(filters), repo, nullptr, file.path.c_str(), GIT_FILTER_TO_ODB,
                               GIT_FILTER_DEFAULT),
          fmt::format("reading the attributes of {}", file.path));
    if (!filters) {
      continue; // no filter applies
    }
    git_buf cleaned = GIT_BUF_INIT;
    const int rc = git_filter_list_apply_to_buffer(&cleaned, filters.get(), file.content.data(),
                                                   file.content.size());
    const bool same = rc == 0 && cleaned.size == file.content.size() &&
                      std::memcmp(cleaned.ptr, file.content.data(), cleaned.size) == 0;
    git_buf_dispose(&cleaned);
    // The ident filter keeps "$Id$" in git and expands it on checkout: what git checks out
    // would never be what pmo commits, so it is refused whatever the content.
    const char* ident = nullptr;
    check(git_attr_get(&ident, repo, GIT_ATTR_CHECK_NO_SYSTEM, file.path.c_str(), "ident"),
          fmt::format("reading the attributes of {}", file.path));
    const bool has_ident = GIT_ATTR_IS_TRUE(ident);
    if (rc == 0 && same && !has_ident) {
      continue;
    }
    git_error_clear();
    std::string attributes;
    for (const char* name : {"ident", "text", "eol", "crlf", "filter", "working-tree-encoding"}) {
      const char* value = nullptr;
      if (git_attr_get(&value, repo, GIT_ATTR_CHECK_NO_SYSTEM, file.path.c_str(), name) != 0) {
        git_error_clear();
        continue;
      }
      if (GIT_ATTR_IS_TRUE(value)) {
        attributes += attributes.empty() ? name : fmt::format(" {}", name);
      } else if (GIT_ATTR_HAS_VALUE(value)) {
        attributes += fmt::format("{}{}={}", attributes.empty() ? "" : " ", name, value);
      }
    }
    return FilterChange{file.path, attributes.empty() ? "a clean filter" : attributes};
  }
  return std::nullopt;
}

std::unique_ptr<store::Store> Repository::head_store() const {
  return make_tree_store(m_impl->repo, m_impl->head_tree());
}

std::string Repository::head_id() const {
  const auto commit = m_impl->head_commit();
  return commit ? oid_hex(*git_commit_id(commit.get())) : std::string();
}

std::vector<std::string> Repository::dirty_paths(const std::vector<std::string>& paths) const {
  std::vector<std::string> dirty;
  if (paths.empty() || is_bare()) {
    return dirty;
  }
  // Paths as pathspecs, unless one could be read as a pattern; then every path is scanned and
  // the filter below does the matching.
  bool literal = true;
  std::vector<const char*> specs;
  for (const auto& path : paths) {
    literal = literal && !path.empty() && path != "." &&
              path.find_first_of("*?[]\\!^:") == std::string::npos;
    specs.push_back(path.c_str());
  }
  git_status_options options{};
  check(git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION), "preparing git status");
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  if (literal) {
    options.pathspec.strings = const_cast<char**>(specs.data());
    options.pathspec.count = specs.size();
  }
  StatusListPtr list;
  check(git_status_list_new(out(list), m_impl->get(), &options), "reading git status",
        gitdir() + "index.lock");

  std::vector<bool> is_dirty(paths.size(), false);
  const auto mark = [&](const char* changed) {
    if (changed == nullptr) {
      return;
    }
    const std::string_view file = changed;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const std::string_view path = paths[i];
      const bool whole = path.empty() || path == ".";
      if (whole || file == path ||
          (file.size() > path.size() && file.starts_with(path) && file[path.size()] == '/')) {
        is_dirty[i] = true;
      }
    }
  };
  const std::size_t count = git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* entry = git_status_byindex(list.get(), i);
    if (entry == nullptr || entry->status == GIT_STATUS_CURRENT ||
        entry->status == GIT_STATUS_IGNORED) {
      continue;
    }
    for (const git_diff_delta* delta : {entry->head_to_index, entry->index_to_workdir}) {
      if (delta != nullptr) {
        mark(delta->old_file.path);
        mark(delta->new_file.path);
      }
    }
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (is_dirty[i]) {
      dirty.push_back(paths[i]);
    }
  }
  return dirty;
}

std::vector<std::string> Repository::changed_since(const std::string& commit,
                                                   const std::string& dir, bool untracked) const {
  const git_oid id = parse_oid(commit);
  CommitPtr found;
  check(git_commit_lookup(out(found), m_impl->get(), &id),
        fmt::format("reading commit {}", commit));
  TreePtr tree;
  check(git_commit_tree(out(tree), found.get()), fmt::format("reading the tree of {}", commit));
  std::vector<std::string> paths;
  if (is_bare()) {
    // No index and no working tree: what HEAD holds is all there is.
    const auto head = m_impl->head_commit();
    TreePtr head_tree;
    if (head)
      check(git_commit_tree(out(head_tree), head.get()), "reading the tree of HEAD");
    diff_trees(m_impl->get(), tree.get(), head_tree.get(), dir, paths);
  } else {
    // The index file read directly, in the plain case: its cache of trees names the tree
    // `git write-tree` would write (in the object database already), so the commits and the
    // staged changes are the base's tree against that one.
    if (const auto file = detail::read_index_file(gitdir() + "index"); file && file->tree) {
      TreePtr staged;
      if (git_tree_lookup(out(staged), m_impl->get(), &*file->tree) == 0) {
        diff_trees(m_impl->get(), tree.get(), staged.get(), dir, paths);
        std::vector<IndexEntry> entries;
        entries.reserve(file->entries.size());
        for (const IndexRecord& e : file->entries)
          entries.emplace_back(e);
        WorkdirScan scan(m_impl->get(), std::move(entries), paths);
        index_to_workdir(scan, dir, untracked);
        std::sort(paths.begin(), paths.end());
        paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
        return paths;
      }
      git_error_clear(); // a tree not in the object database: libgit2's reading below
    }
    // The index as git keeps it on disk, read apart from the repository's own (which a write
    // may hold): nothing here changes it.
    IndexPtr index;
    check(git_index_open(out(index), (gitdir() + "index").c_str()), "reading the index");
    RepositoryPtr scratch = scratch_repository(m_impl->get());
    std::optional<git_oid> index_tree;
    if (git_index_has_conflicts(index.get()) == 0)
      index_tree = index_tree_id(scratch.get(), index.get());
    if (index_tree) {
      // What the commits and the staged changes did: the base's tree against the index's.
      TreePtr staged;
      check(git_tree_lookup(out(staged), scratch.get(), &*index_tree), "reading the index");
      diff_trees(scratch.get(), tree.get(), staged.get(), dir, paths);
      // What the working tree did to the index: unstaged and untracked files.
      WorkdirScan scan(m_impl->get(), index.get(), paths);
      index_to_workdir(scan, dir, untracked);
    } else {
      // An index git cannot write as a tree (a merge with conflicts): libgit2's whole diff.
      diff_tree_to_workdir(m_impl->get(), tree.get(), commit, dir, untracked, paths);
    }
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

std::optional<std::pair<std::string, std::string>> Repository::config_signature() const {
  ConfigPtr config;
  if (git_repository_config_snapshot(out(config), m_impl->get()) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  auto get = [&](const char* key) -> std::optional<std::string> {
    const char* value = nullptr;
    if (git_config_get_string(&value, config.get(), key) != 0 || !value || !*value) {
      git_error_clear();
      return std::nullopt;
    }
    return std::string{value};
  };
  auto name = get("user.name");
  auto email = get("user.email");
  if (!name || !email || !is_valid_signature_text(*name) || !is_valid_signature_text(*email))
    return std::nullopt;
  return std::pair{*name, *email};
}

SigningConfig Repository::signing_config() const {
  SigningConfig result;
  ConfigPtr config;
  if (git_repository_config_snapshot(out(config), m_impl->get()) != 0) {
    git_error_clear();
    return result;
  }
  int flag = 0;
  if (git_config_get_bool(&flag, config.get(), "commit.gpgsign") == 0) {
    result.gpgsign = flag != 0;
  } else {
    git_error_clear();
  }
  auto get = [&](const char* key, std::string& into) {
    const char* value = nullptr;
    if (git_config_get_string(&value, config.get(), key) != 0 || value == nullptr) {
      git_error_clear();
      return;
    }
    if (*value != '\0') {
      into = value;
    }
  };
  get("gpg.format", result.format);
  get("user.signingkey", result.key);
  get("gpg.ssh.program", result.program);
  const char* home = std::getenv("HOME");
  result.key = expand_home(result.key, home == nullptr ? "" : home);
  return result;
}

std::string Repository::head_blob_id(const std::string& path) const {
  const auto tree = m_impl->head_tree();
  if (!tree || !store::is_safe_path(path)) {
    return "";
  }
  TreeEntryPtr entry;
  const int rc = git_tree_entry_bypath(out(entry), tree.get(), path.c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return "";
  }
  check(rc, fmt::format("looking up {}", path));
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return "";
  }
  return oid_hex(*git_tree_entry_id(entry.get()));
}

std::optional<std::string> Repository::read_blob(const std::string& hex,
                                                 std::size_t max_bytes) const {
  git_oid id{};
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex.c_str()) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  BlobPtr blob;
  if (git_blob_lookup(out(blob), m_impl->get(), &id) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
  if (size > max_bytes) {
    return std::nullopt;
  }
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

std::string Repository::blob_id(std::string_view content) {
  ensure_libgit2();
  git_oid id{};
  check(git_odb_hash(&id, content.data(), content.size(), GIT_OBJECT_BLOB), "git_odb_hash");
  return oid_hex(id);
}

std::optional<std::string> Repository::commit(const std::string& expected_head,
                                              const std::vector<FileWrite>& files,
                                              const Signature& author, const Signature& committer,
                                              const std::string& message,
                                              const CommitSigner& sign) {
  check_signature(author, "author");
  check_signature(committer, "committer");
  if (message.find('\0') != std::string::npos) {
    throw GitError("a commit message may not contain NUL", GIT_EINVALID);
  }
  for (const auto& file : files) {
    check_write_path(file.path);
  }
  if (head_id() != expected_head) {
    return std::nullopt;
  }
  const std::string root = workdir();
  if (!is_bare()) {
    for (const auto& file : files) {
      check_worktree_path(root, file.path);
    }
    // Without the WriteLock's index.lock, a held (or stale) one would fail the index update
    // after the commit: refuse first.
    const auto held = m_impl->index_lock.lock();
    const std::string index_lock = gitdir() + "index.lock";
    if ((!held || held->fd < 0) && !wait_until_absent(index_lock)) {
      throw GitError(fmt::format("git: the index is locked (lock file {}); another git process "
                                 "is running, or one that crashed left it behind: remove the "
                                 "lock file if no git process is running",
                                 index_lock),
                     GIT_ELOCKED);
    }
  }
  try {
    return commit_files(expected_head, files, author, committer, message, sign);
  } catch (const GitError& error) {
    throw with_disk_state(error, gitdir());
  }
}

std::optional<std::string>
Repository::commit_files(const std::string& expected_head, const std::vector<FileWrite>& files,
                         const Signature& author, const Signature& committer,
                         const std::string& message, const CommitSigner& sign) {
  git_repository* repo = m_impl->get();
  const std::string root = workdir();
  // The new tree: the parent's with the files upserted, reading and writing only the trees on
  // the files' paths (the shared index is not touched yet).
  CommitPtr parent;
  TreePtr parent_tree;
  if (!expected_head.empty()) {
    const git_oid parent_id = parse_oid(expected_head);
    check(git_commit_lookup(out(parent), repo, &parent_id), "reading the parent commit");
    check(git_commit_tree(out(parent_tree), parent.get()), "reading the parent tree");
  } else {
    git_treebuilder* builder = nullptr;
    check(git_treebuilder_new(&builder, repo, nullptr), "creating an empty tree");
    git_oid empty{};
    const int rc = git_treebuilder_write(&empty, builder);
    git_treebuilder_free(builder);
    check(rc, "creating an empty tree");
    check(git_tree_lookup(out(parent_tree), repo, &empty), "reading the empty tree");
  }
  std::vector<std::pair<std::string, git_oid>> staged;
  std::vector<git_tree_update> updates;
  for (const auto& file : files) {
    git_oid blob{};
    check(git_blob_create_from_buffer(&blob, repo, file.content.data(), file.content.size()),
          fmt::format("storing {}", file.path));
    staged.emplace_back(file.path, blob);
  }
  for (const auto& [path, blob] : staged) {
    git_tree_update update{};
    update.action = GIT_TREE_UPDATE_UPSERT;
    update.id = blob;
    update.filemode = GIT_FILEMODE_BLOB;
    update.path = path.c_str();
    updates.push_back(update);
  }
  git_oid tree_id{};
  check(git_tree_create_updated(&tree_id, repo, parent_tree.get(), updates.size(), updates.data()),
        "writing the tree");
  TreePtr tree;
  check(git_tree_lookup(out(tree), repo, &tree_id), "reading the new tree");

  const auto author_sig = make_signature(author, "author");
  const auto committer_sig = make_signature(committer, "committer");

  const std::string ref_lock = m_impl->ref_lock_path(); // for a message; computed up front
  git_oid commit_id{};
  if (sign) {
    // Signed once; the object is the same whatever the branch does meanwhile.
    commit_id = m_impl->create_signed_object(author_sig.get(), committer_sig.get(), message,
                                             tree.get(), parent.get(), sign);
  }
  const auto deadline = std::chrono::steady_clock::now() + k_lock_wait;
  // The new index is ready before the branch moves and put in place right after, so that the
  // commit and the index that holds it appear together: a `git commit` racing this write reads
  // HEAD before the index, and would otherwise read the new HEAD with the old index (and commit
  // a tree without this write's files once the lock is free). index.lock is held throughout.
  std::shared_ptr<WriteLock::IndexLock> held;
  std::string prepared;
  struct Discard {
    const Impl* impl;
    std::string* path;
    ~Discard() {
      if (!path->empty())
        impl->abandon_index(*path); // not put in place: the branch did not move
    }
  } discard{m_impl.get(), &prepared};
  if (!is_bare()) {
    held = m_impl->index_lock.lock();
    if (!held || held->fd < 0) {
      held = take_index_lock(m_impl->gitdir() + "index.lock", k_lock_wait, false);
    }
    m_impl->mark_pending();
    prepared = m_impl->prepare_index(staged, root, false);
  }
  while (true) {
    const int rc = sign ? m_impl->move_branch(commit_id, parent.get(), message)
                        : m_impl->create_commit(commit_id, author_sig.get(), committer_sig.get(),
                                                message, tree.get(), parent.get());
    if (rc == 0) {
      break;
    }
    if (rc == GIT_EMODIFIED) {
      git_error_clear();
      m_impl->clear_pending(); // nothing moved
      return std::nullopt;     // another writer moved HEAD first
    }
    if (rc == GIT_ELOCKED && std::chrono::steady_clock::now() < deadline) {
      // Another writer is moving the branch right now: wait for it to finish, then see.
      git_error_clear();
      std::this_thread::sleep_for(k_retry_pause);
      if (head_id() != expected_head) {
        m_impl->clear_pending();
        return std::nullopt;
      }
      continue;
    }
    raise_git_error(rc, "creating the commit", ref_lock);
  }
  const std::string id = oid_hex(commit_id);

  if (is_bare()) {
    return id;
  }
  // Bring the index, then the working tree, in line with the new commit; then the index again,
  // with the written files' stat data (still under index.lock: nothing reads a half state).
  try {
    const std::string ready = std::exchange(prepared, std::string{});
    m_impl->install_index(ready, held, true);
    for (const auto& file : files) {
      write_worktree_file(root, file.path, file.content);
    }
    m_impl->install_index(m_impl->prepare_index(staged, root, true), held, false);
    m_impl->clear_pending();
  } catch (const GitError& error) {
    throw GitError(fmt::format("commit {} was made, but updating the working tree failed: {}",
                               id.substr(0, 12), error.what()),
                   error.code());
  }
  return id;
}

std::vector<std::string> Repository::finish_interrupted_write() {
  std::vector<std::string> restored;
  git_repository* repo = m_impl->get();
  if (is_bare() || ::access(m_impl->pending_marker().c_str(), F_OK) != 0) {
    return restored; // no write was interrupted between moving the branch and staging
  }
  const auto head = m_impl->head_commit();
  if (!head) {
    m_impl->clear_pending();
    return restored;
  }
  const char* message = git_commit_message(head.get());
  if (parse_trailers(message == nullptr ? "" : message).empty()) {
    m_impl->clear_pending();
    return restored; // not a pmo commit: whatever the index says is the user's business
  }
  TreePtr tree;
  TreePtr parent_tree;
  check(git_commit_tree(out(tree), head.get()), "reading HEAD's tree");
  if (git_commit_parentcount(head.get()) > 0) {
    const CommitPtr parent = first_parent_of(head.get());
    if (!parent) {
      m_impl->clear_pending();
      return restored; // a shallow clone's boundary: fetched, not written here
    }
    check(git_commit_tree(out(parent_tree), parent.get()), "reading HEAD's parent tree");
  }
  DiffPtr diff;
  check(git_diff_tree_to_tree(out(diff), repo, parent_tree.get(), tree.get(), nullptr),
        "comparing HEAD with its parent");
  IndexPtr index;
  check(git_repository_index(out(index), repo), "opening the index");
  if (const auto lock = m_impl->index_lock.lock(); !lock || !lock->index) {
    check(git_index_read(index.get(), 1), "reading the index"); // else read when locked
  }

  const std::string root = workdir();
  std::vector<std::pair<std::string, git_oid>> staged;
  const std::size_t deltas = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < deltas; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    if (delta == nullptr || delta->new_file.path == nullptr ||
        (delta->status != GIT_DELTA_ADDED && delta->status != GIT_DELTA_MODIFIED) ||
        delta->new_file.mode != GIT_FILEMODE_BLOB) {
      continue;
    }
    const std::string path = delta->new_file.path;
    if (!store::is_safe_path(path)) {
      continue;
    }
    if (const git_index_entry* entry = git_index_get_bypath(index.get(), path.c_str(), 0)) {
      // Staged: the write completed, or the user staged something else on purpose; or the
      // index was in place and the working-tree file not yet written (its entry then still has
      // the commit's blob and no stat data).
      const bool unwritten = git_oid_equal(&entry->id, &delta->new_file.id) &&
                             entry->file_size == 0 && entry->mtime.seconds == 0 &&
                             !read_worktree_file(workdir(), path);
      if (!unwritten) {
        continue;
      }
    }
    BlobPtr blob;
    check(git_blob_lookup(out(blob), repo, &delta->new_file.id), fmt::format("reading {}", path));
    const std::string_view content(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                   static_cast<std::size_t>(git_blob_rawsize(blob.get())));
    if (const auto on_disk = read_worktree_file(root, path)) {
      if (*on_disk != content) {
        continue; // edited since: the user's
      }
    } else {
      write_worktree_file(root, path, content);
    }
    remove_worktree_temp_files(root, path);
    staged.emplace_back(path, delta->new_file.id);
    restored.push_back(path);
  }
  m_impl->stage(staged, root);
  m_impl->clear_pending();
  return restored;
}

void Repository::walk_history(const std::function<bool(const HistoryEntry&)>& visit,
                              std::optional<model::Timestamp> since) const {
  walk_history(visit, HistoryQuery{since, {}});
}

void Repository::walk_history(const std::function<bool(const HistoryEntry&)>& visit,
                              const HistoryQuery& query) const {
  git_repository* repo = m_impl->get();
  // The first-parent line, followed by hand: each commit is read once (a revwalk reads it for
  // its own queue and git_commit_lookup again), and nothing older than needed is read.
  const auto first_parent = [](const git_commit* commit) { return first_parent_of(commit); };

  git_diff_options diff_options{};
  check(git_diff_options_init(&diff_options, GIT_DIFF_OPTIONS_VERSION), "preparing a diff");
  diff_options.flags = GIT_DIFF_SKIP_BINARY_CHECK;

  const auto& since = query.since;
  for (CommitPtr commit = m_impl->head_commit(); commit; commit = first_parent(commit.get())) {
    const git_oid id = *git_commit_id(commit.get());
    const auto committed = model::Timestamp(std::chrono::seconds(git_commit_time(commit.get())));
    if (since && committed < *since) {
      return;
    }
    const git_signature* author = git_commit_author(commit.get());
    const auto when = model::Timestamp(std::chrono::seconds(author->when.time));
    if (since && when < *since) {
      continue; // authored before `since`, committed after it (a rebase)
    }
    const char* message = git_commit_message(commit.get());
    HistoryEntry entry;
    entry.trailers = parse_trailers(message == nullptr ? "" : message);
    if (entry.trailers.empty()) {
      continue;
    }
    entry.commit = oid_hex(id);
    entry.author_name = author->name == nullptr ? "" : author->name;
    entry.author_email = author->email == nullptr ? "" : author->email;
    entry.when = when;
    const char* summary = git_commit_summary(commit.get());
    entry.subject = summary == nullptr ? "" : summary;

    const std::optional<std::string> dir =
        query.added_under ? query.added_under(entry) : std::optional<std::string>("");
    if (dir) {
      added_files(repo, commit.get(), *dir, diff_options, entry);
    }
    if (!visit(entry)) {
      return;
    }
  }
}

} // namespace pmo::git
