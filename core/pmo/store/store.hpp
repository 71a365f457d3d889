#pragma once
// The portfolio as files, read through an interface so that tests can use memory and write
// commands can read the committed tree instead of the working tree.

#include <pmo/model/types.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pmo::store {

// One entry of a directory: its name, and whether it is a directory (as Store::is_dir says: a
// symbolic link to one is not).
struct Entry {
  std::string name;
  bool dir = false;
};

// Paths are repository-relative, '/'-separated, never absolute, never containing "..".
class Store {
public:
  virtual ~Store() = default;
  // The file's bytes, or nullopt when absent. Throws StoreError on a file that may not be read
  // (larger than max_bytes, a symlink, a path escaping the repository).
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // Names of the entries directly inside a directory (files and directories), sorted;
  // empty when the directory is absent.
  virtual std::vector<std::string> list(const std::string& dir) const = 0;
  virtual bool is_dir(const std::string& path) const = 0;
  // The entries of list(dir), each with whether it is a directory; by default is_dir on each.
  virtual std::vector<Entry> entries(const std::string& dir) const;
  // Whether read, list and is_dir may be called from several threads at once.
  virtual bool concurrent_reads() const { return false; }
};

struct StoreError {
  model::Finding finding;
};

// Throws a StoreError about `path` (codes: "unsafe-path", "symlink", "file-too-large",
// "not-a-file", "io-error").
[[noreturn]] void refuse(const std::string& path, const char* code, std::string message);

// Files below a root directory on disk. Refuses symlinks and files over max_bytes.
// How a path is resolved without following symbolic links. `kernel`: one openat2 call
// (RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH, Linux 5.6 and later), falling back to `walk` where the
// kernel or a sandbox refuses it; `walk`: lstat on every step (tests use it to cover the fallback).
enum class Resolution { kernel, walk };

class FsStore final : public Store {
public:
  explicit FsStore(std::string root, std::size_t max_bytes = 4 * 1024 * 1024,
                   Resolution resolution = Resolution::kernel);
  std::optional<std::string> read(const std::string& path) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  bool is_dir(const std::string& path) const override;
  // From the listing's entry types: no system call per entry.
  std::vector<Entry> entries(const std::string& dir) const override;
  bool concurrent_reads() const override { return true; }
  const std::string& root() const { return m_root; }

private:
  // A descriptor of `path` opened with `flags` below the root, or -1 with errno set; nullopt
  // when openat2 is not available (the caller walks instead).
  std::optional<int> open_beneath(const std::string& path, int flags) const;
  // The entries of `dir`, each with its dirent type (DT_UNKNOWN where the file system gives
  // none), sorted by name.
  std::vector<std::pair<std::string, unsigned char>> typed_list(const std::string& dir) const;

  std::string m_root;
  std::size_t m_max_bytes;
  std::shared_ptr<const int> m_root_fd; // O_PATH descriptor of the root; null: walk
};

// A Store seen through a subdirectory ("sub/"; "" for the whole), for a portfolio that lives
// below the repository's root. Borrows `inner`, or owns it.
class SubdirStore final : public Store {
public:
  SubdirStore(const Store& inner, std::string prefix)
      : m_inner(&inner), m_prefix(std::move(prefix)) {}
  SubdirStore(std::unique_ptr<const Store> owned, std::string prefix)
      : m_owned(std::move(owned)), m_inner(m_owned.get()), m_prefix(std::move(prefix)) {}
  std::optional<std::string> read(const std::string& path) const override {
    return m_inner->read(m_prefix + path);
  }
  std::vector<std::string> list(const std::string& dir) const override {
    return m_inner->list(m_prefix + dir);
  }
  bool is_dir(const std::string& path) const override { return m_inner->is_dir(m_prefix + path); }
  std::vector<Entry> entries(const std::string& dir) const override {
    return m_inner->entries(m_prefix + dir);
  }
  bool concurrent_reads() const override { return m_inner->concurrent_reads(); }

private:
  std::unique_ptr<const Store> m_owned;
  const Store* m_inner;
  std::string m_prefix;
};

// Files in memory, for tests.
class MemoryStore final : public Store {
public:
  void put(const std::string& path, std::string text);
  std::optional<std::string> read(const std::string& path) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  bool is_dir(const std::string& path) const override;
  bool concurrent_reads() const override { return true; } // const reads of a map

private:
  std::map<std::string, std::string> m_files;
};

// Whether a repository-relative path is safe: relative, no "..", no empty or "." segments,
// no backslash or NUL.
bool is_safe_path(std::string_view path);

} // namespace pmo::store
