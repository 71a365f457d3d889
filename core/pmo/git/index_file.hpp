#pragma once
// The git index file read directly: its entries and the root of its cache of trees, what
// Repository::changed_since needs of it. libgit2's git_index_read spends about 0.2 s on a
// 93,000-entry index (11 MB: its checksum, an allocation and a hash-map entry per entry, a
// sort); this maps it and reads it where it lies, in a fraction of that. Only the plain case is
// read here; anything else is left to libgit2 (nullopt). The trailing checksum is not verified: the
// entries are checked for bounds and order, and a wrong stat record only makes a file be read.

#include <git2/index.h>
#include <git2/oid.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pmo::git::detail {

// One entry of the index file as it lies there: its path, NUL-terminated, and the 62 bytes of
// stat data, id, mode and flags before it (big-endian); decode() makes libgit2's entry of it.
struct IndexRecord {
  const char* path;
  const unsigned char* record;
};

git_index_entry decode(const IndexRecord& entry);

class Mapping;

// The index file, mapped, and what was found in it. Its entries point into the mapping (version
// 2 and 3) or into `names` (version 4, whose paths are compressed against the one before): it
// is read where it lies, not copied into an entry and a string per file.
struct IndexFile {
  IndexFile();
  IndexFile(IndexFile&&) noexcept;
  IndexFile& operator=(IndexFile&&) noexcept;
  ~IndexFile();

  // Stage 0 only, sorted by path as git writes them.
  std::vector<IndexRecord> entries;
  // The root of the cache of trees (the TREE extension), when it is valid: the tree
  // `git write-tree` would write, already in the object database.
  std::optional<git_oid> tree;
  std::unique_ptr<const Mapping> mapping;
  std::vector<char> names; // version 4: the entries' paths, each ending in NUL
};

// The index at `path`, or nullopt when it is absent, unreadable, cut short or out of order, or
// not the plain case: a version other than 2, 3 and 4, a split index ("link") or sparse
// directories ("sdir") or another extension git requires readers to know, an entry of a stage
// other than 0 (a conflict), or an entry with flags beyond the stage (assume-valid,
// skip-worktree, intent-to-add).
std::optional<IndexFile> read_index_file(const std::string& path);

} // namespace pmo::git::detail
