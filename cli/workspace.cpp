#include "workspace.hpp"

#include "reading.hpp"

#include <pmo/codec/records.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace pmo::cli {

namespace fs = std::filesystem;
using model::Lang;
using model::pick;
using model::tr;

namespace {

std::string with_slash(std::string dir) {
  if (dir.empty() || dir.back() != '/')
    dir += '/';
  return dir;
}

Lang env_language() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (value && *value) {
      auto lang = model::parse_lang(value);
      return lang.value_or(Lang::en);
    }
  }
  return Lang::en;
}

} // namespace

Workspace open_workspace(const Context& ctx, bool need_git) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(ctx.start_dir, ec), ec);
  Lang lang = early_language(ctx, nullptr);
  if (ec || !fs::is_directory(dir))
    throw Failure(k_exit_env, tr(lang, "no such directory: {}", "目录不存在：{}", ctx.start_dir));
  fs::path found;
  for (fs::path probe = dir;; probe = probe.parent_path()) {
    if (fs::is_regular_file(probe / "pmo.yaml", ec)) {
      found = probe;
      break;
    }
    if (probe == probe.root_path() || probe.parent_path() == probe)
      break;
  }
  if (found.empty())
    throw Failure(k_exit_env,
                  tr(lang, "not a pmo portfolio (no pmo.yaml in {} or any parent); run 'pmo init'",
                     "不是 pmo 项目组合（{} 及其上级目录中都没有 pmo.yaml）；请先运行 pmo init",
                     dir.string()));
  Workspace ws;
  ws.root = with_slash(found.string());
  ws.repo = git::Repository::discover(ws.root);
  if (ws.repo) {
    if (ws.repo->is_bare()) {
      ws.repo.reset();
    } else {
      std::string workdir = ws.repo->workdir();
      if (ws.root.compare(0, workdir.size(), workdir) == 0)
        ws.prefix = ws.root.substr(workdir.size());
      else
        ws.repo.reset(); // pmo.yaml outside the work tree (should not happen): treat as no git
    }
  }
  if (need_git && !ws.repo)
    throw Failure(k_exit_env,
                  tr(lang,
                     "{} is not in a git repository; pmo writes need git "
                     "(run 'git init' there, or 'pmo init')",
                     "{} 不在 git 仓库中；pmo 的写操作需要 git（请在该目录运行 git init，"
                     "或使用 pmo init）",
                     ws.root));
  return ws;
}

Lang early_language(const Context& ctx, const Workspace* ws) {
  if (ctx.lang)
    return *ctx.lang;
  if (ws) {
    std::ifstream in(ws->root + "pmo.yaml");
    std::string line;
    // A cheap look at "  language: xx" without a full load, only for early messages.
    while (std::getline(in, line)) {
      auto pos = line.find("language:");
      if (pos != std::string::npos && line.find_first_not_of(' ') == pos) {
        std::string value = line.substr(pos + 9);
        value.erase(0, value.find_first_not_of(" \"'"));
        if (auto lang = model::parse_lang(value.substr(0, 2)))
          return *lang;
      }
    }
  }
  return env_language();
}

std::unique_ptr<store::Store> record_store(const Workspace& ws) {
  if (ws.repo && ws.repo->pinned())
    return std::make_unique<store::SubdirStore>(ws.repo->head_store(), ws.prefix);
  return std::make_unique<store::FsStore>(ws.root);
}

store::Loaded load_working_tree(const Workspace& ws, Lang lang) {
  return store::load_portfolio(*record_store(ws), lang);
}

void require_loadable(const store::Loaded& loaded, Lang lang,
                      const std::vector<std::string>& scope) {
  std::vector<model::Finding> errors;
  for (const auto& f : loaded.findings) {
    bool in_scope = std::any_of(scope.begin(), scope.end(), [&](const std::string& prefix) {
      return f.where.file.compare(0, prefix.size(), prefix) == 0;
    });
    if (f.severity == model::Severity::error && in_scope)
      errors.push_back(f);
  }
  if (loaded.office_ok && errors.empty())
    return;
  std::size_t count = errors.size();
  throw Failure(k_exit_findings,
                tr(lang, "{} invalid record(s) stand in the way; fix them first ('pmo validate')",
                   "有 {} 处无效记录，请先修正（pmo validate）", count),
                std::move(errors));
}

git::Signature operator_signature(const Workspace& ws, model::Timestamp when) {
  git::Signature sig{"pmo", "pmo@localhost", when};
  if (ws.repo) {
    if (auto configured = ws.repo->config_signature()) {
      sig.name = configured->first;
      sig.email = configured->second;
    }
  }
  return sig;
}

std::string write_commit(const Context& ctx, Workspace& ws, Lang lang, const WriteScope& scope,
                         const std::function<WritePlan(const store::Loaded& head)>& build) {
  if (!ws.repo)
    throw Failure(k_exit_env, tr(lang, "not in a git repository", "不在 git 仓库中"));
  write::Request request;
  request.prefix = ws.prefix;
  request.lang = lang;
  request.scope = scope;
  request.now = ctx.clock.now;
  request.committer = operator_signature(ws, ctx.clock.now);
  // Each decision is judged under the pmo.yaml it names, never re-judged by a later change.
  request.prepare = [&](store::Loaded& head) { attach_rules(ws, head.portfolio, lang); };
  request.build = build;
  request.on_restored = [&](const std::string& restored) {
    if (!ctx.quiet)
      *ctx.err << tr(lang,
                     "{} restored in the working tree and the index (an earlier pmo write was "
                     "interrupted after its commit)",
                     "已在工作区和索引中恢复 {}（之前的一次 pmo 写入在提交后被中断）", restored)
               << '\n';
  };
  try {
    return write::run(*ws.repo, request);
  } catch (const write::WriteError& error) {
    throw Failure(error.category() == write::WriteError::Category::findings ? k_exit_findings
                                                                            : k_exit_env,
                  error.what(), error.findings());
  }
}

std::string read_input(const std::string& path, std::size_t max_bytes) {
  std::string text;
  auto read_stream = [&](std::istream& in) {
    char buffer[65536];
    while (in) {
      in.read(buffer, sizeof buffer);
      text.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (text.size() > max_bytes)
        throw Failure(k_exit_findings, fmt::format("{}: larger than {} bytes",
                                                   path == "-" ? "<stdin>" : path, max_bytes));
    }
  };
  if (path == "-") {
    read_stream(std::cin);
    return text;
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw Failure(k_exit_usage, fmt::format("{}: not a readable file", path));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Failure(k_exit_usage, fmt::format("{}: cannot open", path));
  read_stream(in);
  return text;
}

} // namespace pmo::cli
