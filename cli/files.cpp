#include "files.hpp"

#include "context.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pmo::cli {

namespace fs = std::filesystem;
using model::Lang;
using model::tr;

namespace {

[[noreturn]] void cannot_write(const fs::path& path, int error, Lang lang) {
  throw Failure(k_exit_env, tr(lang, "cannot write {}: {}", "无法写入 {}：{}", path.string(),
                               std::strerror(error)));
}

} // namespace

void write_atomically(fs::path target, const std::string& content, Lang lang) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(target, ec)))
    target = fs::weakly_canonical(target, ec);
  auto status = fs::status(target, ec);
  if (fs::is_directory(status))
    throw Failure(k_exit_usage, tr(lang, "{} is a directory; --out needs a file name",
                                   "{} 是目录；--out 需要文件名", target.string()));
  fs::path dir = target.parent_path();
  if (dir.empty())
    dir = ".";

  mode_t mode = 0;
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0) {
    mode = existing.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = static_cast<mode_t>(0666 & ~mask);
  }

  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0)
    cannot_write(target, errno, lang);
  auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    cannot_write(target, error, lang);
  };
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      fail(errno);
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0)
    fail(errno);
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    cannot_write(target, error, lang);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    cannot_write(target, error, lang);
  }
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd); // best effort: the file itself is complete either way
    ::close(dir_fd);
  }
}

} // namespace pmo::cli
