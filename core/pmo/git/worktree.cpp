// Writing committed files into the working tree: atomic, durable, and never through a symlink.
// Every step works on directory file descriptors (openat with O_NOFOLLOW), so a component swapped
// for a symlink between the check and the write is still refused.

#include "handles.hpp"

#include <pmo/git/repo.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace pmo::git::detail {
namespace {

class Fd {
public:
  explicit Fd(int fd = -1) : m_fd(fd) {}
  Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = -1;
  }
  // Closes and reports the result (a failed close can mean lost data).
  int close() { return ::close(std::exchange(m_fd, -1)); }

private:
  int m_fd;
};

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string::size_type start = 0;
  while (true) {
    const auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) {
      return parts;
    }
    start = slash + 1;
  }
}

[[noreturn]] void refuse(std::string_view path, std::string_view why) {
  throw GitError(fmt::format("refusing to write {}: {}", path, why), GIT_EINVALID);
}

Fd open_root(const std::string& root) {
  const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    raise_os_error(errno, "cannot open the working tree", root);
  }
  return Fd(fd);
}

// What is at `name` inside `dir`, without following a symlink. nullopt when absent.
std::optional<struct stat> stat_entry(int dir, const std::string& name, const std::string& root,
                                      const std::string& shown) {
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    return st;
  }
  if (errno == ENOENT) {
    return std::nullopt;
  }
  raise_os_error(errno, "cannot inspect", root + shown);
}

// Opens the existing directory `name` inside `dir`, refusing a symlink or a non-directory.
Fd open_subdir(int dir, const std::string& name, const struct stat& st, const std::string& root,
               const std::string& shown) {
  if (S_ISLNK(st.st_mode)) {
    refuse(shown, "it is a symbolic link");
  }
  if (!S_ISDIR(st.st_mode)) {
    refuse(shown, "it exists and is not a directory");
  }
  const int fd = ::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP || errno == ENOTDIR) {
      refuse(shown, "it is a symbolic link or not a directory");
    }
    raise_os_error(errno, "cannot open directory", root + shown);
  }
  return Fd(fd);
}

void check_final_entry(const struct stat& st, const std::string& shown) {
  if (S_ISLNK(st.st_mode)) {
    refuse(shown, "it is a symbolic link");
  }
  if (!S_ISREG(st.st_mode)) {
    refuse(shown, "it exists and is not a regular file");
  }
}

void sync_dir(int dir, const std::string& shown) {
  if (::fsync(dir) != 0) {
    raise_os_error(errno, "cannot sync directory", shown);
  }
}

void write_all(int fd, std::string_view content, const std::string& shown) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      raise_os_error(errno, "cannot write", shown);
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Removes the temporary file unless it was renamed into place.
class TempFile {
public:
  TempFile(int dir, std::string name) : m_dir(dir), m_name(std::move(name)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!m_kept) {
      ::unlinkat(m_dir, m_name.c_str(), 0);
    }
  }
  const std::string& name() const { return m_name; }
  void keep() { m_kept = true; }

private:
  int m_dir;
  std::string m_name;
  bool m_kept = false;
};

// The directory holding the last component of `parts`; nullopt when one on the way is absent.
std::optional<Fd> open_parent(const std::string& root, const std::vector<std::string>& parts) {
  Fd dir = open_root(root);
  std::string shown;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    shown += (i == 0 ? "" : "/") + parts[i];
    const auto st = stat_entry(dir.get(), parts[i], root, shown);
    if (!st) {
      return std::nullopt;
    }
    dir = open_subdir(dir.get(), parts[i], *st, root, shown);
  }
  return dir;
}

std::string temp_prefix(const std::string& name) { return "." + name + ".pmo-"; }

} // namespace

std::optional<std::string> read_worktree_file(const std::string& root, const std::string& path) {
  const auto parts = split_path(path);
  const auto dir = open_parent(root, parts);
  if (!dir) {
    return std::nullopt;
  }
  const auto st = stat_entry(dir->get(), parts.back(), root, path);
  if (!st || !S_ISREG(st->st_mode)) {
    return std::nullopt;
  }
  Fd file(::openat(dir->get(), parts.back().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (file.get() < 0) {
    raise_os_error(errno, "cannot open", root + path);
  }
  std::string content;
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      raise_os_error(errno, "cannot read", root + path);
    }
    if (got == 0) {
      return content;
    }
    content.append(buffer, static_cast<std::size_t>(got));
  }
}

std::optional<struct stat> stat_worktree_file(const std::string& root, const std::string& path) {
  const auto parts = split_path(path);
  const auto dir = open_parent(root, parts);
  if (!dir) {
    return std::nullopt;
  }
  return stat_entry(dir->get(), parts.back(), root, path);
}

void sync_directory(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) {
    raise_os_error(errno, "cannot open directory", dir);
  }
  sync_dir(fd.get(), dir);
}

void remove_worktree_temp_files(const std::string& root, const std::string& path) {
  const auto parts = split_path(path);
  const auto dir = open_parent(root, parts);
  if (!dir) {
    return;
  }
  const std::string prefix = temp_prefix(parts.back());
  const int listed = ::dup(dir->get());
  if (listed < 0) {
    raise_os_error(errno, "cannot list", root + path);
  }
  DIR* stream = ::fdopendir(listed);
  if (stream == nullptr) {
    const int err = errno;
    ::close(listed);
    raise_os_error(err, "cannot list", root + path);
  }
  std::vector<std::string> temps;
  while (const dirent* entry = ::readdir(stream)) {
    const std::string_view name = entry->d_name;
    const auto is_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
    if (name.size() == prefix.size() + 8 && name.starts_with(prefix) &&
        std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                    is_hex)) {
      temps.emplace_back(name);
    }
  }
  ::closedir(stream);
  for (const auto& temp : temps) {
    if (::unlinkat(dir->get(), temp.c_str(), 0) != 0 && errno != ENOENT) {
      raise_os_error(errno, "cannot remove",
                     root + path.substr(0, path.size() - parts.back().size()) + temp);
    }
  }
}

void check_worktree_path(const std::string& root, const std::string& path) {
  const auto parts = split_path(path);
  Fd dir = open_root(root);
  std::string shown;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    shown += (i == 0 ? "" : "/") + parts[i];
    const auto st = stat_entry(dir.get(), parts[i], root, shown);
    if (!st) {
      return; // the rest is created by the write
    }
    if (i + 1 == parts.size()) {
      check_final_entry(*st, shown);
      return;
    }
    dir = open_subdir(dir.get(), parts[i], *st, root, shown);
  }
}

void write_worktree_file(const std::string& root, const std::string& path,
                         std::string_view content) {
  const auto parts = split_path(path);
  Fd dir = open_root(root);
  std::string shown;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    shown += (i == 0 ? "" : "/") + parts[i];
    auto st = stat_entry(dir.get(), parts[i], root, shown);
    if (!st) {
      if (::mkdirat(dir.get(), parts[i].c_str(), 0777) != 0 && errno != EEXIST) {
        raise_os_error(errno, "cannot create directory", root + shown);
      }
      sync_dir(dir.get(), root + shown);
      st = stat_entry(dir.get(), parts[i], root, shown);
      if (!st) {
        raise_os_error(ENOENT, "cannot create directory", root + shown);
      }
    }
    dir = open_subdir(dir.get(), parts[i], *st, root, shown);
  }
  const std::string& name = parts.back();
  shown = path;
  if (const auto st = stat_entry(dir.get(), name, root, shown)) {
    check_final_entry(*st, shown);
  }

  std::random_device random;
  Fd file;
  std::string temp_name;
  for (int attempt = 0; file.get() < 0; ++attempt) {
    temp_name = fmt::format("{}{:08x}", temp_prefix(name), random());
    const int fd = ::openat(dir.get(), temp_name.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd >= 0) {
      file = Fd(fd);
    } else if (errno != EEXIST || attempt > 100) {
      raise_os_error(errno, "cannot create a temporary file next to", root + shown);
    }
  }
  TempFile temp(dir.get(), temp_name);
  write_all(file.get(), content, root + shown);
  if (::fsync(file.get()) != 0) {
    raise_os_error(errno, "cannot sync", root + shown);
  }
  if (file.close() != 0) {
    raise_os_error(errno, "cannot close", root + shown);
  }
  if (::renameat(dir.get(), temp.name().c_str(), dir.get(), name.c_str()) != 0) {
    raise_os_error(errno, "cannot rename a temporary file onto", root + shown);
  }
  temp.keep();
  sync_dir(dir.get(), root + shown);
}

} // namespace pmo::git::detail
