// A committed tree read as a Store: what write commands check against, not the working tree.

#include "handles.hpp"

#include <pmo/git/repo.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pmo::git::detail {
namespace {

using store::refuse;

constexpr std::size_t k_max_blob_bytes = 4 * 1024 * 1024;

bool is_root(const std::string& path) { return path.empty() || path == "."; }

class TreeStore final : public store::Store {
public:
  TreeStore(std::shared_ptr<git_repository> repo, TreePtr tree)
      : m_repo(std::move(repo)), m_tree(std::move(tree)) {}

  std::optional<std::string> read(const std::string& path) const override {
    if (!store::is_safe_path(path)) {
      refuse(path, "unsafe-path", fmt::format("{}: not a safe repository path", path));
    }
    const auto entry = lookup(path);
    if (!entry) {
      return std::nullopt;
    }
    if (git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK) {
      refuse(path, "symlink",
             fmt::format("{}: is a symbolic link; pmo does not follow them", path));
    }
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
      refuse(path, "not-a-file", fmt::format("{}: not a regular file", path)); // as FsStore
    }
    const git_oid* id = git_tree_entry_id(entry.get());
    OdbPtr odb;
    check(git_repository_odb(out(odb), m_repo.get()), "opening the object database");
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    check(git_odb_read_header(&size, &type, odb.get(), id), fmt::format("reading {}", path));
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
    TreePtr subtree;
    const git_tree* tree = m_tree.get();
    if (!is_root(dir)) {
      if (!store::is_safe_path(dir)) {
        refuse(dir, "unsafe-path", fmt::format("{}: not a safe repository path", dir));
      }
      const auto entry = lookup(dir);
      if (!entry || git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
        return {};
      }
      check(git_tree_lookup(out(subtree), m_repo.get(), git_tree_entry_id(entry.get())),
            fmt::format("reading directory {}", dir));
      tree = subtree.get();
    }
    std::vector<std::string> names;
    if (tree == nullptr) {
      return names;
    }
    const std::size_t count = git_tree_entrycount(tree);
    names.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      names.emplace_back(git_tree_entry_name(git_tree_entry_byindex(tree, i)));
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  bool is_dir(const std::string& path) const override {
    if (is_root(path)) {
      return true;
    }
    if (!store::is_safe_path(path)) {
      return false;
    }
    const auto entry = lookup(path);
    return entry && git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE;
  }

private:
  // The entry at `path`, or null when the tree has none (also when a parent is not a directory).
  TreeEntryPtr lookup(const std::string& path) const {
    TreeEntryPtr entry;
    if (!m_tree) {
      return entry;
    }
    const int rc = git_tree_entry_bypath(out(entry), m_tree.get(), path.c_str());
    if (rc == GIT_ENOTFOUND) {
      git_error_clear();
      return TreeEntryPtr();
    }
    check(rc, fmt::format("looking up {}", path));
    return entry;
  }

  std::shared_ptr<git_repository> m_repo;
  TreePtr m_tree;
};

} // namespace

std::unique_ptr<store::Store> make_tree_store(std::shared_ptr<git_repository> repo, TreePtr tree) {
  return std::make_unique<TreeStore>(std::move(repo), std::move(tree));
}

} // namespace pmo::git::detail
