#pragma once
// The git index file read directly: its entries and the root of its cache of trees, what
// Repository::changed_since needs of it. libgit2's git_index_read spends about 0.2 s on a
// 93,000-entry index (11 MB: its checksum, an allocation and a hash-map entry per entry, a
// sort); this reads it in a tenth of that. Only the plain case is read here; anything else is
// left to libgit2 (nullopt). The trailing checksum is not verified: the entries are checked for
// bounds and order, and a wrong stat record only makes a file be read.

#include <git2/index.h>
#include <git2/oid.h>

#include <optional>
#include <string>
#include <vector>

namespace pmo::git::detail {

struct IndexFile {
  // Stage 0 only, sorted by path as git writes them; each path points into `names`.
  std::vector<git_index_entry> entries;
  // The root of the cache of trees (the TREE extension), when it is valid: the tree
  // `git write-tree` would write, already in the object database.
  std::optional<git_oid> tree;
  std::vector<char> names; // the entries' paths, each ending in NUL
};

// The index at `path`, or nullopt when it is absent, unreadable, cut short or out of order, or
// not the plain case: a version other than 2, 3 and 4, a split index ("link") or sparse
// directories ("sdir") or another extension git requires readers to know, an entry of a stage
// other than 0 (a conflict), or an entry with flags beyond the stage (assume-valid,
// skip-worktree, intent-to-add).
std::optional<IndexFile> read_index_file(const std::string& path);

} // namespace pmo::git::detail
