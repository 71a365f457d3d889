#include "handles.hpp"

#include <pmo/git/graph.hpp>

#include <fmt/format.h>

#include <cstring>
#include <unordered_map>

namespace pmo::git {

using namespace detail;

namespace {

git_oid parse_id(const std::string& hex) {
  git_oid id{};
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex.c_str()) != 0)
    throw GitError(fmt::format("git: '{}' is not an object id", hex), GIT_EINVALID);
  return id;
}

std::string raw_key(const git_oid& id) {
  return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}

bool is_tree(const git_tree_entry* entry) { return git_tree_entry_type(entry) == GIT_OBJECT_TREE; }

// git's order of tree entries: names compared as bytes, a directory as if it ended in '/'.
int compare_entries(const git_tree_entry* a, const git_tree_entry* b) {
  const char* name_a = git_tree_entry_name(a);
  const char* name_b = git_tree_entry_name(b);
  const std::size_t len_a = std::strlen(name_a);
  const std::size_t len_b = std::strlen(name_b);
  const std::size_t len = std::min(len_a, len_b);
  if (int cmp = std::memcmp(name_a, name_b, len); cmp != 0)
    return cmp;
  unsigned char c_a = static_cast<unsigned char>(name_a[len]);
  unsigned char c_b = static_cast<unsigned char>(name_b[len]);
  if (c_a == 0 && is_tree(a))
    c_a = '/';
  if (c_b == 0 && is_tree(b))
    c_b = '/';
  return c_a < c_b ? -1 : c_a > c_b ? 1 : 0;
}

} // namespace

struct Graph::Impl {
  RepositoryPtr repo;
  // Trees by raw id. A walk from parent to child reads each tree of the changed paths twice
  // without it; bounded, because a tree of a large directory is tens of kilobytes.
  // Shared, so that a tree still in use survives the cache being cleared.
  using SharedTree = std::shared_ptr<const git_tree>;
  mutable std::unordered_map<std::string, SharedTree> trees;

  SharedTree tree(const git_oid& id) const {
    const std::string key = raw_key(id);
    if (auto it = trees.find(key); it != trees.end())
      return it->second;
    if (trees.size() >= 256)
      trees.clear();
    git_tree* raw = nullptr;
    check(git_tree_lookup(&raw, repo.get(), &id), "reading a tree");
    SharedTree shared(raw, [](const git_tree* t) { git_tree_free(const_cast<git_tree*>(t)); });
    trees.emplace(key, shared);
    return shared;
  }

  CommitPtr commit(const std::string& hex) const {
    const git_oid id = parse_id(hex);
    CommitPtr commit;
    check(git_commit_lookup(out(commit), repo.get(), &id),
          fmt::format("reading commit {}", hex.substr(0, 12)));
    return commit;
  }

  // Root tree ids by commit: a walk asks for each commit's tree several times.
  mutable std::unordered_map<std::string, git_oid> roots;

  // The root tree of a commit; null for "".
  SharedTree root(const std::string& commit_id) const {
    if (commit_id.empty())
      return nullptr;
    auto it = roots.find(commit_id);
    if (it == roots.end()) {
      const CommitPtr c = commit(commit_id);
      it = roots.emplace(commit_id, *git_commit_tree_id(c.get())).first;
    }
    return tree(it->second);
  }

  // The entry at a path ("a/b/c") below `tree`, walking cached trees; null when absent.
  // The entry points into `holder`, which keeps its tree alive.
  const git_tree_entry* entry_at(SharedTree tree, std::string_view path, SharedTree& holder) const {
    while (tree != nullptr) {
      holder = tree;
      const auto slash = path.find('/');
      const std::string name(path.substr(0, slash));
      const git_tree_entry* entry = git_tree_entry_byname(tree.get(), name.c_str());
      if (entry == nullptr || slash == std::string_view::npos || slash + 1 == path.size())
        return entry;
      if (!is_tree(entry))
        return nullptr;
      tree = this->tree(*git_tree_entry_id(entry));
      path.remove_prefix(slash + 1);
    }
    return nullptr;
  }

  void report(std::vector<PathChange>& out, const std::string& path, ChangeKind kind,
              const git_tree_entry* before, const git_tree_entry* after, bool tree) const {
    PathChange change;
    change.path = path;
    change.kind = kind;
    if (before)
      change.old_id = oid_hex(*git_tree_entry_id(before));
    if (after)
      change.new_id = oid_hex(*git_tree_entry_id(after));
    change.is_tree = tree;
    out.push_back(std::move(change));
  }

  // One side of a change: a file, or a directory listed file by file when asked to descend.
  void one_side(std::vector<PathChange>& out, const std::string& prefix, const git_tree_entry* e,
                bool added, const std::function<bool(std::string_view)>& descend) const {
    const std::string path = prefix + git_tree_entry_name(e);
    if (is_tree(e)) {
      if (descend(path + "/")) {
        const SharedTree sub = tree(*git_tree_entry_id(e));
        compare(out, path + "/", added ? nullptr : sub, added ? sub : nullptr, descend);
      } else {
        report(out, path + "/", added ? ChangeKind::added : ChangeKind::deleted,
               added ? nullptr : e, added ? e : nullptr, true);
      }
      return;
    }
    report(out, path, added ? ChangeKind::added : ChangeKind::deleted, added ? nullptr : e,
           added ? e : nullptr, false);
  }

  void compare(std::vector<PathChange>& out, const std::string& prefix, const SharedTree& tree_a,
               const SharedTree& tree_b,
               const std::function<bool(std::string_view)>& descend) const {
    const git_tree* a = tree_a.get();
    const git_tree* b = tree_b.get();
    const std::size_t count_a = a ? git_tree_entrycount(a) : 0;
    const std::size_t count_b = b ? git_tree_entrycount(b) : 0;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < count_a || j < count_b) {
      const git_tree_entry* ea = i < count_a ? git_tree_entry_byindex(a, i) : nullptr;
      const git_tree_entry* eb = j < count_b ? git_tree_entry_byindex(b, j) : nullptr;
      const int order = ea == nullptr ? 1 : eb == nullptr ? -1 : compare_entries(ea, eb);
      if (order < 0) {
        one_side(out, prefix, ea, false, descend);
        ++i;
        continue;
      }
      if (order > 0) {
        one_side(out, prefix, eb, true, descend);
        ++j;
        continue;
      }
      ++i;
      ++j;
      if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
        continue;
      const std::string path = prefix + git_tree_entry_name(ea);
      if (is_tree(ea) && is_tree(eb)) {
        if (descend(path + "/"))
          compare(out, path + "/", tree(*git_tree_entry_id(ea)), tree(*git_tree_entry_id(eb)),
                  descend);
        else
          report(out, path + "/", ChangeKind::modified, ea, eb, true);
      } else {
        report(out, path, ChangeKind::modified, ea, eb, false);
      }
    }
  }
};

Graph::Graph(const Repository& repo) : m_impl(std::make_unique<Impl>()) {
  ensure_libgit2();
  check(git_repository_open_ext(out(m_impl->repo), repo.gitdir().c_str(),
                                GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr),
        "opening the repository");
}
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;
Graph::~Graph() = default;

bool Graph::is_shallow() const { return git_repository_is_shallow(m_impl->repo.get()) == 1; }

std::optional<std::string> Graph::resolve(const std::string& rev) const {
  git_object* object = nullptr;
  if (git_revparse_single(&object, m_impl->repo.get(), rev.c_str()) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  git_object* peeled = nullptr;
  const int rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
  git_object_free(object);
  if (rc != 0) {
    git_error_clear();
    return std::nullopt;
  }
  std::string id = oid_hex(*git_object_id(peeled));
  git_object_free(peeled);
  return id;
}

std::vector<std::string> Graph::commits(const std::string& tip,
                                        const std::vector<std::string>& hide) const {
  RevwalkPtr walk;
  check(git_revwalk_new(out(walk), m_impl->repo.get()), "walking the history");
  check(git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE),
        "walking the history");
  const git_oid tip_id = parse_id(tip);
  check(git_revwalk_push(walk.get(), &tip_id), "walking the history");
  for (const auto& hidden : hide) {
    const git_oid id = parse_id(hidden);
    check(git_revwalk_hide(walk.get(), &id), "walking the history");
  }
  std::vector<std::string> out;
  git_oid id{};
  while (true) {
    const int rc = git_revwalk_next(&id, walk.get());
    if (rc == GIT_ITEROVER)
      break;
    check(rc, "walking the history");
    out.push_back(oid_hex(id));
  }
  git_error_clear();
  return out;
}

CommitFacts Graph::commit(const std::string& id) const {
  const CommitPtr c = m_impl->commit(id);
  m_impl->roots.emplace(id, *git_commit_tree_id(c.get()));
  CommitFacts facts;
  facts.id = id;
  const unsigned count = git_commit_parentcount(c.get());
  for (unsigned i = 0; i < count; ++i)
    facts.parents.push_back(oid_hex(*git_commit_parent_id(c.get(), i)));
  const git_signature* author = git_commit_author(c.get());
  facts.author_name = author->name ? author->name : "";
  facts.author_email = author->email ? author->email : "";
  facts.author_time = model::Timestamp(std::chrono::seconds(author->when.time));
  facts.commit_time = model::Timestamp(std::chrono::seconds(git_commit_time(c.get())));
  const char* summary = git_commit_summary(c.get());
  facts.summary = summary ? summary : "";
  const char* message = git_commit_message(c.get());
  facts.trailers = parse_trailers(message ? message : "");
  // The header is in memory already: a signed commit costs a search, an unsigned one no more.
  const char* header = git_commit_raw_header(c.get());
  facts.is_signed = header != nullptr && std::strstr(header, "\ngpgsig ") != nullptr;
  return facts;
}

std::optional<std::pair<std::string, std::string>> Graph::signature(const std::string& id) const {
  const git_oid oid = parse_id(id);
  git_buf signature{};
  git_buf data{};
  const int rc = git_commit_extract_signature(&signature, &data, m_impl->repo.get(),
                                              const_cast<git_oid*>(&oid), nullptr);
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  if (rc < 0) {
    git_buf_dispose(&signature);
    git_buf_dispose(&data);
    raise_git_error(rc, fmt::format("reading the signature of {}", id.substr(0, 12)));
  }
  std::pair<std::string, std::string> out{std::string(signature.ptr, signature.size),
                                          std::string(data.ptr, data.size)};
  git_buf_dispose(&signature);
  git_buf_dispose(&data);
  return out;
}

std::string Graph::entry_id(const std::string& commit, const std::string& path) const {
  Impl::SharedTree holder;
  const git_tree_entry* entry = m_impl->entry_at(m_impl->root(commit), path, holder);
  return entry ? oid_hex(*git_tree_entry_id(entry)) : std::string{};
}

std::vector<std::pair<std::string, std::string>> Graph::list(const std::string& commit,
                                                             const std::string& dir) const {
  std::vector<std::pair<std::string, std::string>> out;
  Impl::SharedTree tree = m_impl->root(commit);
  if (!dir.empty()) {
    Impl::SharedTree holder;
    const git_tree_entry* entry = m_impl->entry_at(tree, dir, holder);
    if (entry == nullptr || !is_tree(entry))
      return out;
    tree = m_impl->tree(*git_tree_entry_id(entry));
  }
  if (tree == nullptr)
    return out;
  const std::size_t count = git_tree_entrycount(tree.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
    if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
      out.emplace_back(git_tree_entry_name(entry), oid_hex(*git_tree_entry_id(entry)));
  }
  return out;
}

std::optional<std::string> Graph::read_blob(const std::string& hex, std::size_t max_bytes) const {
  git_oid id{};
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex.c_str()) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  BlobPtr blob;
  if (git_blob_lookup(out(blob), m_impl->repo.get(), &id) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  const auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
  if (size > max_bytes)
    return std::nullopt;
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

std::vector<PathChange> Graph::changes(const std::string& from, const std::string& to,
                                       const std::function<bool(std::string_view)>& descend) const {
  std::vector<PathChange> out;
  const Impl::SharedTree before = m_impl->root(from);
  const Impl::SharedTree after = m_impl->root(to);
  if (before && after && git_oid_equal(git_tree_id(before.get()), git_tree_id(after.get())))
    return out;
  m_impl->compare(out, "", before, after, descend);
  return out;
}

} // namespace pmo::git
