#pragma once
// The portfolio a command works on: where it is, its git repository, loading its records, and
// the one way commands write (one commit or nothing).

#include "context.hpp"

#include <pmo/git/repo.hpp>
#include <pmo/store/loader.hpp>
#include <pmo/write/writer.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pmo::cli {

struct Workspace {
  std::string root;                    // absolute portfolio directory (holds pmo.yaml), with '/'
  std::optional<git::Repository> repo; // absent when the portfolio is not in a git repository
  std::string prefix;                  // the portfolio's path inside the repository ("" or "sub/")
};

// Walks up from ctx.start_dir to the nearest directory holding pmo.yaml.
// Throws Failure(k_exit_env) when there is none. `need_git`: also when it is not in git.
Workspace open_workspace(const Context& ctx, bool need_git);

// What the reading commands read: the working tree, or, when the repository is pinned to a past
// commit (pmo report --period), that commit's tree.
std::unique_ptr<store::Store> record_store(const Workspace& ws);

// The working-tree records (what `status`, `report` and `validate` read); record_store's.
store::Loaded load_working_tree(const Workspace& ws, model::Lang lang);

// The language for messages before the office is loaded: --lang, else pmo.yaml's office
// language if readable, else $LANG.
model::Lang early_language(const Context& ctx, const Workspace* ws);

// What a writing command wants committed, computed from the committed portfolio.
using WritePlan = write::Plan;

// What a write reads from HEAD before `build` plans it (write::Scope): the whole portfolio, the
// office only, the office and the project ids, or one project.
using WriteScope = write::Scope;

// The writer (write::run): takes the write lock and git's index.lock, loads `scope` from HEAD,
// asks `build` for the plan (build throws Failure to refuse), refuses when files it touches or
// depends on have uncommitted edits or would not read back, and commits with compare-and-swap on
// HEAD, retrying on a moved HEAD. Returns the new commit id. Its refusals become Failure.
std::string write_commit(const Context& ctx, Workspace& ws, model::Lang lang,
                         const WriteScope& scope,
                         const std::function<WritePlan(const store::Loaded& head)>& build);

// The user running pmo, for commits that are not someone's decision: git config user.name and
// user.email, else "pmo <pmo@localhost>".
git::Signature operator_signature(const Workspace& ws, model::Timestamp when);

// Throws Failure(k_exit_findings) listing the errors the load found in files under `scope`
// (path prefixes), or when pmo.yaml did not load. A broken record elsewhere does not block a
// write that does not depend on it.
void require_loadable(const store::Loaded& loaded, model::Lang lang,
                      const std::vector<std::string>& scope = {"pmo.yaml", "people/"});

// Reads a whole file or stdin ("-") with a size cap, for --from.
std::string read_input(const std::string& path, std::size_t max_bytes);

// The record given with --from FILE (or "-", stdin; at most 1 MiB), decoded by
// `decode(text, name)`. Throws Failure(1) with the decoder's findings when it is not valid,
// naming the kind of record (`what_en`, `what_zh`): "proposal", "项目建议书".
template <class Decode>
auto decode_input(const std::string& from, model::Lang lang, const char* what_en,
                  const char* what_zh, Decode decode) {
  std::string text = read_input(from, 1024 * 1024);
  const std::string name = from == "-" ? "<stdin>" : from;
  auto decoded = decode(text, name);
  if (!decoded.ok())
    throw Failure(k_exit_findings,
                  model::tr(lang, "{0} is not a valid {1}; nothing written",
                            "{0} 不是有效的{2}，未写入任何内容", name, what_en, what_zh),
                  decoded.findings);
  return std::move(decoded.value);
}

} // namespace pmo::cli
