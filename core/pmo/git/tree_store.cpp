// A committed tree read as a Store: what write commands check against, not the working tree.

#include "handles.hpp"

#include <pmo/git/repo.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace pmo::git::detail {
namespace {

using store::refuse;

constexpr std::size_t k_max_blob_bytes = 4 * 1024 * 1024;

bool is_root(const std::string& path) { return path.empty() || path == "."; }

// Each directory's tree is read once and kept by its path: a lookup is a binary search in the
// tree of its directory, not a walk from the root (git_tree_entry_bypath re-reads every tree on
// the way, and the projects/ tree of a large portfolio is large).
class TreeStore final : public store::Store {
public:
  TreeStore(std::shared_ptr<git_repository> repo, TreePtr tree) : m_repo(std::move(repo)) {
    m_trees.emplace("", std::move(tree));
  }

  std::optional<std::string> read(const std::string& path) const override {
    if (!store::is_safe_path(path)) {
      refuse(path, "unsafe-path", fmt::format("{}: not a safe repository path", path));
    }
    const git_tree_entry* entry = lookup(path);
    if (entry == nullptr) {
      return std::nullopt;
    }
    if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
      refuse(path, "symlink",
             fmt::format("{}: is a symbolic link; pmo does not follow them", path));
    }
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
      refuse(path, "not-a-file", fmt::format("{}: not a regular file", path)); // as FsStore
    }
    const git_oid* id = git_tree_entry_id(entry);
    if (!m_odb) {
      check(git_repository_odb(out(m_odb), m_repo.get()), "opening the object database");
    }
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    check(git_odb_read_header(&size, &type, m_odb.get(), id), fmt::format("reading {}", path));
    if (size > k_max_blob_bytes) {
      refuse(path, "file-too-large",
             fmt::format("{}: {} bytes, more than the {} bytes a record may have", path, size,
                         k_max_blob_bytes));
    }
    BlobPtr blob;
    check(git_blob_lookup(out(blob), m_repo.get(), id), fmt::format("reading {}", path));
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  }

  std::vector<std::string> list(const std::string& dir) const override {
    std::vector<std::string> names;
    for (auto& entry : entries(dir)) {
      names.push_back(std::move(entry.name));
    }
    return names;
  }

  // From the tree's own entries: a directory is a tree (a symbolic link or a submodule is not),
  // without reading each one's tree as is_dir would.
  std::vector<store::Entry> entries(const std::string& dir) const override {
    if (!is_root(dir) && !store::is_safe_path(dir)) {
      refuse(dir, "unsafe-path", fmt::format("{}: not a safe repository path", dir));
    }
    const git_tree* tree = tree_at(is_root(dir) ? std::string() : dir);
    std::vector<store::Entry> found;
    if (tree == nullptr) {
      return found;
    }
    const std::size_t count = git_tree_entrycount(tree);
    found.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
      found.push_back(
          store::Entry{git_tree_entry_name(entry), git_tree_entry_type(entry) == GIT_OBJECT_TREE});
    }
    std::sort(found.begin(), found.end(),
              [](const store::Entry& a, const store::Entry& b) { return a.name < b.name; });
    return found;
  }

  bool is_dir(const std::string& path) const override {
    if (is_root(path)) {
      return true;
    }
    if (!store::is_safe_path(path)) {
      return false;
    }
    return tree_at(path) != nullptr;
  }

private:
  // The tree of directory `dir` ("" for the root, no trailing '/'); null when there is none.
  const git_tree* tree_at(const std::string& dir) const {
    if (const auto found = m_trees.find(dir); found != m_trees.end()) {
      return found->second.get();
    }
    TreePtr tree;
    if (const git_tree_entry* entry = lookup(dir);
        entry != nullptr && git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      check(git_tree_lookup(out(tree), m_repo.get(), git_tree_entry_id(entry)),
            fmt::format("reading directory {}", dir));
    }
    return m_trees.emplace(dir, std::move(tree)).first->second.get();
  }

  // The entry at `path` (safe, not the root), or null when the tree has none (also when a parent
  // is not a directory). Owned by its directory's cached tree.
  const git_tree_entry* lookup(const std::string& path) const {
    const auto slash = path.rfind('/');
    const git_tree* parent =
        tree_at(slash == std::string::npos ? std::string() : path.substr(0, slash));
    if (parent == nullptr) {
      return nullptr;
    }
    return git_tree_entry_byname(parent, slash == std::string::npos ? path.c_str()
                                                                    : path.c_str() + slash + 1);
  }

  std::shared_ptr<git_repository> m_repo;
  mutable std::unordered_map<std::string, TreePtr> m_trees; // by directory path; null: none
  mutable OdbPtr m_odb;
};

} // namespace

std::unique_ptr<store::Store> make_tree_store(std::shared_ptr<git_repository> repo, TreePtr tree) {
  return std::make_unique<TreeStore>(std::move(repo), std::move(tree));
}

} // namespace pmo::git::detail
