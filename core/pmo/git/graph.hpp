#pragma once
// The commit graph as the ledger reads it: every commit reachable from a tip (all parents, not
// only the first), parents before children; a commit's facts; what changed between two trees,
// descending only where asked. Trees are cached while the walk moves from parent to child, so a
// long history costs about what `git log --name-status -m` costs.

#include <pmo/git/repo.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::git {

struct CommitFacts {
  std::string id;
  std::vector<std::string> parents;
  std::string author_name;
  std::string author_email;
  model::Timestamp author_time;
  model::Timestamp commit_time;
  std::string summary;
  std::map<std::string, std::string> trailers; // Pmo- keys of the last paragraph
  bool is_signed = false;                      // it has a gpgsig header (read it with signature())
};

enum class ChangeKind { added, modified, deleted };

struct PathChange {
  std::string path; // repository-relative
  ChangeKind kind = ChangeKind::modified;
  std::string old_id; // blob id before ("" when added)
  std::string new_id; // blob id after ("" when deleted)
  bool is_tree = false;
};

class Graph {
public:
  // Opens the repository of `repo` a second time (the graph keeps its own caches).
  explicit Graph(const Repository& repo);
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  ~Graph();

  bool is_shallow() const;
  // The commit a revision names ("HEAD", a branch, a tag, a hex id); nullopt when none.
  std::optional<std::string> resolve(const std::string& rev) const;
  // Commits reachable from `tip` and from none of `hide`, parents before children (topological;
  // concurrent branches interleaved by commit time).
  std::vector<std::string> commits(const std::string& tip,
                                   const std::vector<std::string>& hide = {}) const;
  CommitFacts commit(const std::string& id) const;
  // The best common ancestor of two commits; nullopt when they share none.
  std::optional<std::string> merge_base(const std::string& a, const std::string& b) const;
  // The signature of a signed commit (its gpgsig header) and the data it signs; nullopt when
  // the commit is not signed.
  std::optional<std::pair<std::string, std::string>> signature(const std::string& id) const;

  // The id of what is at `path` ("dir/file" or "dir") in the commit's tree; "" when absent.
  std::string entry_id(const std::string& commit, const std::string& path) const;
  // The blobs directly in directory `dir` ("people/") of the commit's tree: name -> blob id.
  std::vector<std::pair<std::string, std::string>> list(const std::string& commit,
                                                        const std::string& dir) const;
  std::optional<std::string> read_blob(const std::string& id,
                                       std::size_t max_bytes = 4 * 1024 * 1024) const;

  // The files that differ between the trees of commit `from` ("": the empty tree) and commit
  // `to`. A directory that differs is compared entry by entry only when `descend(path)` says so
  // (path ends in '/'); otherwise it is reported as one change with is_tree set.
  std::vector<PathChange> changes(const std::string& from, const std::string& to,
                                  const std::function<bool(std::string_view)>& descend) const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace pmo::git
