#include "handles.hpp"

#include <pmo/git/repo.hpp>

#include <fmt/format.h>

#include <system_error>

namespace pmo::git::detail {

void ensure_libgit2() {
  static const bool k_ready = [] {
    check(git_libgit2_init(), "initialising libgit2");
    check(git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1), "enabling fsync of the git directory");
    // Like git, do not re-hash every object read to check its id: reading the history of a large
    // portfolio spent a seventh of its time there. `git fsck` is the check for a damaged store.
    check(git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0), "configuring object reads");
    // Pack files are read through mapped windows, up to 8 GiB of them by default, and each page
    // read stays resident: walking a long history kept the whole pack in the peak memory.
    // Windows of 16 MiB, reused beyond 64 MiB, instead.
    check(git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, static_cast<std::size_t>(16) << 20),
          "configuring pack reads");
    check(git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<std::size_t>(64) << 20),
          "configuring pack reads");
    // A history walk reads each commit once: caching them only grew the memory with the log.
    check(git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, std::size_t{0}),
          "configuring the object cache");
    return true;
  }();
  (void)k_ready;
}

void raise_git_error(int code, std::string_view doing, std::string_view lock_path) {
  const git_error* last = git_error_last();
  std::string detail;
  if (last != nullptr && last->message != nullptr) {
    detail = last->message;
  }
  // libgit2 ends some messages with ": " and no system error text.
  while (!detail.empty() && (detail.back() == ' ' || detail.back() == ':')) {
    detail.pop_back();
  }
  if (detail.empty()) {
    detail = fmt::format("libgit2 error {}", code);
  }
  std::string message = fmt::format("git: {}: {}", doing, detail);
  if (code == GIT_ELOCKED) {
    if (!lock_path.empty() && detail.find(lock_path) == std::string::npos) {
      message += fmt::format(" (lock file {})", lock_path);
    }
    message += "; another git process holds the lock, or one that crashed left it behind: "
               "remove the lock file if no git process is running";
  }
  git_error_clear();
  throw GitError(std::move(message), code);
}

void raise_os_error(int err, std::string_view doing, std::string_view path) {
  throw GitError(
      fmt::format("{} {}: {}", doing, path, std::error_code(err, std::system_category()).message()),
      GIT_ERROR);
}

std::string oid_hex(const git_oid& id) {
  char buffer[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(buffer, sizeof buffer, &id);
  return buffer;
}

} // namespace pmo::git::detail
