#include "handles.hpp"

#include <pmo/git/graph.hpp>

#include <fmt/format.h>

#include <cstdint>
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

// A tree object as git stores it, read raw and never parsed into entries: a sequence of
// "<octal mode> <name>\0<20-byte id>". The walk compares two versions of a large directory
// (projects/, a thousand entries, one of which changed) by skipping their identical bytes with
// memcmp, as git's own diff does, instead of building and comparing every entry.
struct RawTree {
  Handle<git_odb_object, git_odb_object_free> object;
  git_oid id{};
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  // Where each entry starts, built on the first lookup by name (a binary search then).
  mutable std::vector<std::uint32_t> starts;
  mutable bool indexed = false;
};

struct RawEntry {
  std::string_view name;
  const unsigned char* id = nullptr; // GIT_OID_RAWSZ bytes
  bool tree = false;
  unsigned mode = 0;   // 40000 a directory, 100644 a file, 160000 a submodule…
  std::size_t end = 0; // offset just past the entry
};

[[noreturn]] void corrupt(const RawTree& tree) {
  throw GitError(fmt::format("git: tree {} is corrupt", oid_hex(tree.id).substr(0, 12)),
                 GIT_EINVALID);
}

// The entry starting at `at` (< tree.size).
RawEntry entry_at_offset(const RawTree& tree, std::size_t at) {
  const unsigned char* p = tree.data + at;
  const std::size_t left = tree.size - at;
  const void* space = std::memchr(p, ' ', std::min<std::size_t>(left, 8));
  if (space == nullptr)
    corrupt(tree);
  const auto mode_len = static_cast<std::size_t>(static_cast<const unsigned char*>(space) - p);
  const void* nul = std::memchr(p + mode_len + 1, '\0', left - mode_len - 1);
  if (nul == nullptr)
    corrupt(tree);
  const auto name_end = static_cast<std::size_t>(static_cast<const unsigned char*>(nul) - p);
  if (mode_len == 0 || name_end == mode_len + 1 || name_end + 1 + GIT_OID_RAWSZ > left)
    corrupt(tree);
  RawEntry e;
  e.name =
      std::string_view(reinterpret_cast<const char*>(p) + mode_len + 1, name_end - mode_len - 1);
  e.id = p + name_end + 1;
  unsigned mode = 0;
  for (std::size_t k = 0; k < mode_len; ++k) {
    if (p[k] < '0' || p[k] > '7')
      corrupt(tree);
    mode = mode * 8 + static_cast<unsigned>(p[k] - '0');
  }
  e.mode = mode;
  e.tree = (mode & 0170000U) == 0040000U;
  e.end = at + name_end + 1 + GIT_OID_RAWSZ;
  return e;
}

git_oid to_oid(const unsigned char* raw) {
  git_oid id{};
  std::memcpy(id.id, raw, GIT_OID_RAWSZ);
  return id;
}

std::string hex_of(const unsigned char* raw) { return oid_hex(to_oid(raw)); }

// git's order of tree entries: names compared as bytes, a directory as if it ended in '/'.
int compare_names(std::string_view a, bool tree_a, std::string_view b, bool tree_b) {
  const std::size_t len = std::min(a.size(), b.size());
  if (int cmp = std::memcmp(a.data(), b.data(), len); cmp != 0)
    return cmp;
  unsigned char c_a = a.size() > len ? static_cast<unsigned char>(a[len]) : tree_a ? '/' : 0;
  unsigned char c_b = b.size() > len ? static_cast<unsigned char>(b[len]) : tree_b ? '/' : 0;
  if (c_a == c_b && a.size() == b.size())
    return 0;
  if (c_a == c_b) // one name continues past the other's implied '/'
    return a.size() < b.size() ? -1 : 1;
  return c_a < c_b ? -1 : 1;
}

// The length of the common prefix of x and y (n bytes each at most).
std::size_t common_prefix(const unsigned char* x, const unsigned char* y, std::size_t n) {
  std::size_t i = 0;
  while (i + 64 <= n && std::memcmp(x + i, y + i, 64) == 0)
    i += 64;
  while (i < n && x[i] == y[i])
    ++i;
  return i;
}

} // namespace

struct Graph::Impl {
  RepositoryPtr repo;
  Handle<git_odb, git_odb_free> odb;
  // Trees by raw id. A walk from parent to child reads each tree of the changed paths twice
  // without it; bounded, because a tree of a large directory is tens of kilobytes.
  // Shared, so that a tree still in use survives the cache being cleared.
  using SharedTree = std::shared_ptr<const RawTree>;
  mutable std::unordered_map<std::string, SharedTree> trees;

  SharedTree tree(const unsigned char* raw_id) const { return tree(to_oid(raw_id)); }

  SharedTree tree(const git_oid& id) const {
    const std::string key(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
    if (auto it = trees.find(key); it != trees.end())
      return it->second;
    if (trees.size() >= 256)
      trees.clear();
    auto raw = std::make_shared<RawTree>();
    raw->id = id;
    check(git_odb_read(out(raw->object), odb.get(), &id), "reading a tree");
    if (git_odb_object_type(raw->object.get()) != GIT_OBJECT_TREE)
      throw GitError(fmt::format("git: {} is not a tree", oid_hex(id).substr(0, 12)), GIT_EINVALID);
    raw->data = static_cast<const unsigned char*>(git_odb_object_data(raw->object.get()));
    raw->size = git_odb_object_size(raw->object.get());
    SharedTree shared = std::move(raw);
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

  // The entry named `name` in `tree` (a directory or not): a binary search in git's order, for
  // each place the name can sort at (as a file and as a directory).
  static std::optional<RawEntry> by_name(const RawTree& tree, std::string_view name) {
    if (!tree.indexed) {
      for (std::size_t at = 0; at < tree.size;) {
        tree.starts.push_back(static_cast<std::uint32_t>(at));
        const void* nul = std::memchr(tree.data + at, '\0', tree.size - at);
        if (nul == nullptr)
          corrupt(tree);
        at = static_cast<std::size_t>(static_cast<const unsigned char*>(nul) - tree.data) + 1 +
             GIT_OID_RAWSZ;
      }
      tree.indexed = true;
    }
    for (const bool as_tree : {false, true}) {
      std::size_t lo = 0;
      std::size_t hi = tree.starts.size();
      while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const RawEntry e = entry_at_offset(tree, tree.starts[mid]);
        if (e.name == name)
          return e;
        if (compare_names(e.name, e.tree, name, as_tree) < 0)
          lo = mid + 1;
        else
          hi = mid;
      }
    }
    return std::nullopt;
  }

  // The entry at a path ("a/b/c") below `tree`, walking cached trees; nullopt when absent.
  // The entry points into `holder`, which keeps its tree alive.
  std::optional<RawEntry> entry_at(SharedTree tree, std::string_view path,
                                   SharedTree& holder) const {
    while (tree != nullptr) {
      holder = tree;
      const auto slash = path.find('/');
      auto entry = by_name(*tree, path.substr(0, slash));
      if (!entry || slash == std::string_view::npos || slash + 1 == path.size())
        return entry;
      if (!entry->tree)
        return std::nullopt;
      tree = this->tree(entry->id);
      path.remove_prefix(slash + 1);
    }
    return std::nullopt;
  }

  static void report(std::vector<PathChange>& out, std::string path, ChangeKind kind,
                     const RawEntry* before, const RawEntry* after, bool tree) {
    PathChange change;
    change.path = std::move(path);
    change.kind = kind;
    if (before)
      change.old_id = hex_of(before->id);
    if (after)
      change.new_id = hex_of(after->id);
    change.is_tree = tree;
    out.push_back(std::move(change));
  }

  // One side of a change: a file, or a directory listed file by file when asked to descend.
  void one_side(std::vector<PathChange>& out, const std::string& prefix, const RawEntry& e,
                bool added, const std::function<bool(std::string_view)>& descend) const {
    std::string path = prefix;
    path += e.name;
    if (e.tree) {
      path += '/';
      if (descend(path)) {
        const SharedTree sub = tree(e.id);
        compare(out, path, added ? nullptr : sub, added ? sub : nullptr, descend);
      } else {
        report(out, std::move(path), added ? ChangeKind::added : ChangeKind::deleted,
               added ? nullptr : &e, added ? &e : nullptr, true);
      }
      return;
    }
    report(out, std::move(path), added ? ChangeKind::added : ChangeKind::deleted,
           added ? nullptr : &e, added ? &e : nullptr, false);
  }

  void compare(std::vector<PathChange>& out, const std::string& prefix, const SharedTree& tree_a,
               const SharedTree& tree_b,
               const std::function<bool(std::string_view)>& descend) const {
    static const RawTree empty;
    const RawTree& a = tree_a ? *tree_a : empty;
    const RawTree& b = tree_b ? *tree_b : empty;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size || j < b.size) {
      // Identical bytes at the two positions are identical entries: skip them whole.
      if (i < a.size && j < b.size) {
        std::size_t same = common_prefix(a.data + i, b.data + j, std::min(a.size - i, b.size - j));
        if (same == a.size - i && same == b.size - j)
          return;
        while (same > 0) {
          const std::size_t end = entry_at_offset(a, i).end;
          if (end - i > same)
            break;
          same -= end - i;
          j += end - i;
          i = end;
        }
      }
      std::optional<RawEntry> ea;
      std::optional<RawEntry> eb;
      if (i < a.size)
        ea = entry_at_offset(a, i);
      if (j < b.size)
        eb = entry_at_offset(b, j);
      const int order = !ea ? 1 : !eb ? -1 : compare_names(ea->name, ea->tree, eb->name, eb->tree);
      if (order < 0) {
        one_side(out, prefix, *ea, false, descend);
        i = ea->end;
        continue;
      }
      if (order > 0) {
        one_side(out, prefix, *eb, true, descend);
        j = eb->end;
        continue;
      }
      i = ea->end;
      j = eb->end;
      if (std::memcmp(ea->id, eb->id, GIT_OID_RAWSZ) == 0 && ea->tree == eb->tree)
        continue;
      std::string path = prefix;
      path += ea->name;
      if (ea->tree && eb->tree) {
        path += '/';
        if (descend(path))
          compare(out, path, tree(ea->id), tree(eb->id), descend);
        else
          report(out, std::move(path), ChangeKind::modified, &*ea, &*eb, true);
      } else {
        report(out, std::move(path), ChangeKind::modified, &*ea, &*eb, false);
      }
    }
  }
};

Graph::Graph(const Repository& repo) : m_impl(std::make_unique<Impl>()) {
  ensure_libgit2();
  check(git_repository_open_ext(out(m_impl->repo), repo.gitdir().c_str(),
                                GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr),
        "opening the repository");
  check(git_repository_odb(out(m_impl->odb), m_impl->repo.get()), "opening the object store");
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

namespace {

// The commits from `tip` back to `ancestor` (excluded), oldest first, when they form a chain of
// single-parent commits at most `limit` long that reaches it; nullopt otherwise. A pull request's
// range is such a chain, and following it needs no walk ordered by commit time (which, when a
// commit is dated before its parent, reads every commit dated after it).
std::optional<std::vector<std::string>> linear_chain(git_repository* repo, const git_oid& tip,
                                                     const git_oid& ancestor, std::size_t limit) {
  std::vector<std::string> chain;
  git_oid at = tip;
  while (!git_oid_equal(&at, &ancestor)) {
    if (chain.size() >= limit)
      return std::nullopt;
    CommitPtr commit;
    if (git_commit_lookup(out(commit), repo, &at) < 0) {
      git_error_clear();
      return std::nullopt;
    }
    if (git_commit_parentcount(commit.get()) != 1)
      return std::nullopt;
    chain.push_back(oid_hex(at));
    at = *git_commit_parent_id(commit.get(), 0);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

constexpr std::size_t k_chain_limit = 64;

} // namespace

std::vector<std::string> Graph::commits(const std::string& tip,
                                        const std::vector<std::string>& hide) const {
  const git_oid tip_id = parse_id(tip);
  if (hide.size() == 1)
    if (auto chain = linear_chain(m_impl->repo.get(), tip_id, parse_id(hide[0]), k_chain_limit))
      return std::move(*chain);
  RevwalkPtr walk;
  check(git_revwalk_new(out(walk), m_impl->repo.get()), "walking the history");
  check(git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE),
        "walking the history");
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

std::optional<std::string> Graph::merge_base(const std::string& a, const std::string& b) const {
  const git_oid id_a = parse_id(a);
  const git_oid id_b = parse_id(b);
  // `a` an ancestor of `b` a few single-parent commits back (a pull request's base): itself.
  if (linear_chain(m_impl->repo.get(), id_b, id_a, k_chain_limit))
    return a;
  git_oid base{};
  const int rc = git_merge_base(&base, m_impl->repo.get(), &id_a, &id_b);
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  check(rc, "finding the merge base");
  return oid_hex(base);
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
  const auto entry = m_impl->entry_at(m_impl->root(commit), path, holder);
  return entry ? hex_of(entry->id) : std::string{};
}

std::vector<std::pair<std::string, std::string>> Graph::list(const std::string& commit,
                                                             const std::string& dir) const {
  std::vector<std::pair<std::string, std::string>> out;
  Impl::SharedTree tree = m_impl->root(commit);
  if (!dir.empty()) {
    Impl::SharedTree holder;
    const auto entry = m_impl->entry_at(tree, dir, holder);
    if (!entry || !entry->tree)
      return out;
    tree = m_impl->tree(entry->id);
  }
  if (tree == nullptr)
    return out;
  for (std::size_t at = 0; at < tree->size;) {
    const RawEntry e = entry_at_offset(*tree, at);
    const unsigned kind = e.mode & 0170000U;
    if (kind == 0100000U || kind == 0120000U) // files and symbolic links are blobs
      out.emplace_back(std::string(e.name), hex_of(e.id));
    at = e.end;
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
  if (before && after && git_oid_equal(&before->id, &after->id))
    return out;
  m_impl->compare(out, "", before, after, descend);
  return out;
}

} // namespace pmo::git
