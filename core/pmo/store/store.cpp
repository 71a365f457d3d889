#include <pmo/store/store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace pmo::store {

[[noreturn]] void refuse(const std::string& path, const char* code, std::string message) {
  model::Finding finding;
  finding.severity = model::Severity::error;
  finding.where.file = path;
  finding.code = code;
  finding.message = std::move(message);
  throw StoreError{std::move(finding)};
}

namespace {

bool is_root(const std::string& path) { return path.empty() || path == "."; }

void check_path(const std::string& path) {
  if (!is_safe_path(path))
    refuse(path, "unsafe-path", fmt::format("{}: not a safe repository path", path));
}

// Closes a file descriptor on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0)
      ::close(fd);
  }
};

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

enum class Kind { absent, file, dir, other };

// Walks `path` below `root` with lstat, refusing a symbolic link at any step.
Kind walk(const std::string& root, const std::string& path) {
  if (is_root(path))
    return Kind::dir;
  std::string current = root;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string part =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    current += "/" + part;
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR)
        return Kind::absent;
      refuse(path, "io-error", fmt::format("{}: {}", path, std::strerror(errno)));
    }
    if (S_ISLNK(st.st_mode)) {
      const std::string link = path.substr(0, slash == std::string::npos ? path.size() : slash);
      refuse(path, "symlink",
             fmt::format("{}: {} is a symbolic link; pmo does not follow them", path, link));
    }
    if (slash == std::string::npos)
      return S_ISREG(st.st_mode) ? Kind::file : S_ISDIR(st.st_mode) ? Kind::dir : Kind::other;
    if (!S_ISDIR(st.st_mode))
      return Kind::absent;
    start = slash + 1;
  }
}

} // namespace

bool is_safe_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos || path.find("..") != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string_view part = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == ".")
      return false;
    if (slash == std::string_view::npos)
      return true;
    start = slash + 1;
  }
}

std::vector<Entry> Store::entries(const std::string& dir) const {
  std::vector<Entry> out;
  const std::string prefix = is_root(dir) ? std::string() : dir + "/";
  for (auto& name : list(dir)) {
    const bool directory = is_dir(prefix + name);
    out.push_back(Entry{std::move(name), directory});
  }
  return out;
}

// --- FsStore ------------------------------------------------------------------------------------

FsStore::FsStore(std::string root, std::size_t max_bytes, Resolution resolution)
    : m_root(std::move(root)), m_max_bytes(max_bytes) {
  while (m_root.size() > 1 && m_root.back() == '/')
    m_root.pop_back();
  if (resolution == Resolution::kernel) {
    // The root itself may be reached through symbolic links (a home directory often is).
    const int fd = ::open(m_root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
      m_root_fd = std::shared_ptr<const int>(new int{fd}, [](const int* owned) {
        ::close(*owned);
        delete owned;
      });
  }
}

std::optional<int> FsStore::open_beneath(const std::string& path, int flags) const {
  if (!m_root_fd)
    return std::nullopt;
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
  const long fd = ::syscall(SYS_openat2, *m_root_fd, path.c_str(), &how, sizeof how);
  if (fd < 0 && (errno == ENOSYS || errno == EPERM || errno == EINVAL || errno == E2BIG))
    return std::nullopt; // an old kernel, or a sandbox that filters openat2
  return static_cast<int>(fd);
}

std::optional<std::string> FsStore::read(const std::string& path) const {
  check_path(path);
  Fd file;
  // One system call; a symbolic link anywhere on the way (ELOOP, EXDEV) is named by the walk.
  // A device node cannot come from git; O_NONBLOCK and O_NOCTTY keep a FIFO or a terminal
  // placed by hand from blocking or taking over, and fstat below refuses them.
  if (auto opened = open_beneath(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) {
    file.fd = *opened;
    if (file.fd < 0 && (errno == ENOENT || errno == ENOTDIR))
      return std::nullopt;
    if (file.fd < 0 && errno != ELOOP && errno != EXDEV)
      refuse(path, "io-error", fmt::format("{}: {}", path, std::strerror(errno)));
  }
  if (file.fd < 0) {
    const Kind kind = walk(m_root, path);
    if (kind == Kind::absent)
      return std::nullopt;
    if (kind != Kind::file)
      refuse(path, "not-a-file", fmt::format("{}: not a regular file", path));
    const std::string full = m_root + "/" + path;
    file.fd = ::open(full.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (file.fd < 0) {
      if (errno == ENOENT)
        return std::nullopt;
      if (errno == ELOOP)
        refuse(path, "symlink",
               fmt::format("{}: is a symbolic link; pmo does not follow them", path));
      refuse(path, "io-error", fmt::format("{}: {}", path, std::strerror(errno)));
    }
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0)
    refuse(path, "io-error", fmt::format("{}: {}", path, std::strerror(errno)));
  if (!S_ISREG(st.st_mode))
    refuse(path, "not-a-file", fmt::format("{}: not a regular file", path));
  const auto too_large = [&](std::size_t bytes) {
    refuse(path, "file-too-large",
           fmt::format("{}: {} bytes, more than the {} bytes a record may have", path, bytes,
                       m_max_bytes));
  };
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > m_max_bytes)
    too_large(size);

  // The size fstat gave and one byte more, read straight into the text: a read of a regular
  // file that returns less than was asked, once that size is read, has reached its end, so a
  // file that kept its size takes one read. Otherwise it is read on to its end (a read of 0),
  // to at most one byte over the limit.
  std::string text;
  std::size_t want = size + 1;
  while (true) {
    const std::size_t at = text.size();
    text.resize(at + want);
    const ssize_t n = ::read(file.fd, text.data() + at, want);
    if (n < 0) {
      if (errno == EINTR) {
        text.resize(at);
        continue;
      }
      refuse(path, "io-error", fmt::format("{}: {}", path, std::strerror(errno)));
    }
    text.resize(at + static_cast<std::size_t>(n));
    if (text.size() > m_max_bytes)
      too_large(text.size());
    if (n == 0 || (static_cast<std::size_t>(n) < want && text.size() >= size))
      break;
    want = std::min<std::size_t>(65536, m_max_bytes + 1 - text.size());
  }
  return text;
}

std::vector<std::pair<std::string, unsigned char>>
FsStore::typed_list(const std::string& dir) const {
  if (!is_root(dir))
    check_path(dir);
  int fd = -1;
  if (auto opened = open_beneath(is_root(dir) ? "." : dir, O_RDONLY | O_DIRECTORY)) {
    fd = *opened;
    if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
      return {};
    if (fd < 0 && errno != ELOOP && errno != EXDEV)
      refuse(dir, "io-error", fmt::format("{}: {}", dir, std::strerror(errno)));
  }
  if (fd < 0) {
    if (walk(m_root, dir) != Kind::dir)
      return {};
    const std::string full = is_root(dir) ? m_root : m_root + "/" + dir;
    fd = ::open(full.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT)
        return {};
      refuse(dir, "io-error", fmt::format("{}: {}", dir, std::strerror(errno)));
    }
  }
  std::unique_ptr<DIR, DirCloser> handle{::fdopendir(fd)};
  if (!handle) {
    ::close(fd);
    refuse(dir, "io-error", fmt::format("{}: {}", dir, std::strerror(errno)));
  }
  std::vector<std::pair<std::string, unsigned char>> names;
  while (const dirent* entry = ::readdir(handle.get())) {
    std::string name = entry->d_name;
    if (name != "." && name != "..")
      names.emplace_back(std::move(name), entry->d_type);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> FsStore::list(const std::string& dir) const {
  std::vector<std::string> names;
  for (auto& [name, type] : typed_list(dir))
    names.push_back(std::move(name));
  return names;
}

std::vector<Entry> FsStore::entries(const std::string& dir) const {
  std::vector<Entry> out;
  const std::string prefix = is_root(dir) ? std::string() : dir + "/";
  for (auto& [name, type] : typed_list(dir)) {
    // A symbolic link has its own type (DT_LNK): only a real directory is DT_DIR.
    const bool directory = type == DT_UNKNOWN ? is_dir(prefix + name) : type == DT_DIR;
    out.push_back(Entry{std::move(name), directory});
  }
  return out;
}

bool FsStore::is_dir(const std::string& path) const {
  if (is_root(path))
    return true;
  if (!is_safe_path(path))
    return false;
  if (auto opened = open_beneath(path, O_PATH | O_DIRECTORY)) {
    if (*opened >= 0) {
      ::close(*opened);
      return true;
    }
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP || errno == EXDEV)
      return false; // absent, not a directory, or through a symbolic link
  }
  try {
    return walk(m_root, path) == Kind::dir;
  } catch (const StoreError&) {
    return false; // a symbolic link is not a directory pmo reads
  }
}

// --- MemoryStore --------------------------------------------------------------------------------

void MemoryStore::put(const std::string& path, std::string text) {
  m_files[path] = std::move(text);
}

std::optional<std::string> MemoryStore::read(const std::string& path) const {
  check_path(path);
  auto it = m_files.find(path);
  if (it == m_files.end())
    return std::nullopt;
  return it->second;
}

std::vector<std::string> MemoryStore::list(const std::string& dir) const {
  const std::string prefix = is_root(dir) ? "" : dir + "/";
  std::set<std::string> names;
  for (auto it = m_files.lower_bound(prefix); it != m_files.end(); ++it) {
    if (!it->first.starts_with(prefix))
      break;
    const std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return {names.begin(), names.end()};
}

bool MemoryStore::is_dir(const std::string& path) const {
  if (is_root(path))
    return true;
  const std::string prefix = path + "/";
  auto it = m_files.lower_bound(prefix);
  return it != m_files.end() && it->first.starts_with(prefix);
}

} // namespace pmo::store
