#pragma once
// Private to core/pmo/git/: RAII for libgit2 handles, the one translation of libgit2 errors into
// GitError, and the working-tree file writer. Nothing outside core/pmo/git/ includes this.

#include <pmo/store/store.hpp>

#include <git2.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>

namespace pmo::git::detail {

// Initialises libgit2 once per process (fsync of the git directory enabled). Cheap afterwards.
void ensure_libgit2();

template <typename T, void (*Free)(T*)> struct Deleter {
  void operator()(T* handle) const noexcept { Free(handle); }
};
template <typename T, void (*Free)(T*)> using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, git_repository_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using SignaturePtr = Handle<git_signature, git_signature_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using StatusListPtr = Handle<git_status_list, git_status_list_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;
using ConfigPtr = Handle<git_config, git_config_free>;
using FilterListPtr = Handle<git_filter_list, git_filter_list_free>;

// Lets a libgit2 out-parameter fill a Handle: git_tree_lookup(out(tree), repo, &id).
// The handle takes ownership when the full expression ends (also when it throws).
template <typename T, void (*Free)(T*)> class OutParam {
public:
  explicit OutParam(Handle<T, Free>& handle) : m_handle(handle) {}
  OutParam(const OutParam&) = delete;
  OutParam& operator=(const OutParam&) = delete;
  ~OutParam() { m_handle.reset(m_raw); }
  operator T**() { return &m_raw; }

private:
  Handle<T, Free>& m_handle;
  T* m_raw = nullptr;
};
template <typename T, void (*Free)(T*)> OutParam<T, Free> out(Handle<T, Free>& handle) {
  return OutParam<T, Free>(handle);
}

// The one translation of a libgit2 failure into GitError: "<doing>: <libgit2's message>".
// For GIT_ELOCKED, names `lock_path` (when known) and says how a stale lock is cleared.
[[noreturn]] void raise_git_error(int code, std::string_view doing,
                                  std::string_view lock_path = {});

// Returns `code` when it is not an error; otherwise raise_git_error.
inline int check(int code, std::string_view doing, std::string_view lock_path = {}) {
  if (code < 0) {
    raise_git_error(code, doing, lock_path);
  }
  return code;
}

// A failed system call (errno) as GitError: "<doing> <path>: <strerror>".
[[noreturn]] void raise_os_error(int err, std::string_view doing, std::string_view path);

std::string oid_hex(const git_oid& id);

// HEAD's tree (null when unborn) as a read-only Store. Shares the repository handle, which stays
// open as long as the store lives.
std::unique_ptr<store::Store> make_tree_store(std::shared_ptr<git_repository> repo, TreePtr tree);

// Refuses (GitError, GIT_EINVALID) to write `path` below `root` when an existing component is a
// symbolic link, a non-directory where a directory is needed, or the file itself is not a
// regular file. Called before committing so that a refusal leaves no commit behind.
void check_worktree_path(const std::string& root, const std::string& path);

// Writes `content` to root/path atomically (temporary file in the same directory, fsync,
// rename, fsync of the directory), creating parent directories and never following a symlink.
void write_worktree_file(const std::string& root, const std::string& path,
                         std::string_view content);

// The content of a regular file of the working tree (never through a symlink); nullopt when it
// is absent or not a regular file.
std::optional<std::string> read_worktree_file(const std::string& root, const std::string& path);

// What is at root/path (never through a symlink: lstat of the last component); nullopt when
// absent.
std::optional<struct stat> stat_worktree_file(const std::string& root, const std::string& path);

// fsync of a directory (after a rename into it).
void sync_directory(const std::string& dir);

// Removes the temporary files write_worktree_file leaves next to `path` when it is killed.
void remove_worktree_temp_files(const std::string& root, const std::string& path);

} // namespace pmo::git::detail
