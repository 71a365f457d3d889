// pmo validate [PATH...] — checks every record of the working tree: syntax and schema (the
// loader), the decisions against history (the light ledger, as status and report count them),
// then references, gate order, authority and quorum (the model). Findings go to stdout (and to
// files) as text, JSON, GitHub annotations, SARIF, JUnit or GitLab Code Quality; the summary to
// stderr. Exit 1 on any error shown.

#include "ci_output.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "reading.hpp"
#include "rollup.hpp"
#include "workspace.hpp"

#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/git/graph.hpp>
#include <pmo/model/validate.hpp>
#include <pmo/report/findings.hpp>
#include <pmo/report/text.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>
#include <string_view>
#include <tuple>

namespace pmo::cli {

namespace {

namespace fs = std::filesystem;
using model::Lang;
using model::pick;
using model::tr;

struct ValidateOptions {
  std::vector<std::string> paths;
  OutputOptions output;
  std::string changed_since;
  bool no_untracked = false; // with --changed-since: files git does not track are left out
};

// What changed since a revision (--changed-since): the projects whose files differ between the
// merge base of it and HEAD and the working tree, and who those projects assigned then.
struct Changes {
  std::string since;  // the revision's commit
  std::string base;   // the merge base of it and HEAD: the diff starts here
  std::string office; // a changed file outside projects/ that the check reads: check everything
  std::set<std::string> projects;
  std::set<std::string> old_people;
  std::string old_unreadable; // a changed project.yaml whose version at the base does not decode
  bool untracked = true;      // files git does not track were looked for
  bool whole() const { return !office.empty() || !old_unreadable.empty(); }
};

// The project directory a portfolio-relative path is in or names ("projects/<id>" or below it;
// unlike reading's project_of_path, the directory itself counts): "" when none.
std::string project_dir_of(std::string_view path) {
  if (!path.starts_with("projects/"))
    return {};
  path.remove_prefix(9);
  return std::string(path.substr(0, path.find('/')));
}

Changes changes_since(const Workspace& ws, const std::string& rev, bool untracked, Lang lang) {
  if (!ws.repo)
    throw Failure(k_exit_usage, pick(lang, "--changed-since needs a git repository",
                                     "--changed-since 需要 git 仓库"));
  if (ws.repo->head_unborn())
    throw Failure(k_exit_usage, pick(lang, "--changed-since: the repository has no commit yet",
                                     "--changed-since：仓库尚无提交"));
  git::Graph graph(*ws.repo);
  Changes out;
  auto since = graph.resolve(rev);
  if (!since)
    throw Failure(k_exit_usage,
                  tr(lang, "--changed-since: unknown revision '{}'",
                     "--changed-since：未知的修订“{}”", report::escape_controls(rev)));
  out.since = *since;
  auto base = graph.merge_base(*since, ws.repo->head_id());
  if (!base)
    throw Failure(k_exit_usage,
                  tr(lang, "--changed-since: {} and HEAD share no history",
                     "--changed-since：{} 与 HEAD 没有共同的历史", report::escape_controls(rev)));
  out.base = *base;
  out.untracked = untracked;
  for (std::string path : ws.repo->changed_since(out.base, ws.prefix, untracked)) {
    path.erase(0, ws.prefix.size());
    if (path == "pmo.yaml" || path == "people" || path.starts_with("people/")) {
      if (out.office.empty())
        out.office = path;
    } else if (std::string id = project_dir_of(path); !id.empty()) {
      out.projects.insert(std::move(id));
    }
    // Anything else (README.md, .pmo/, CI files) is not a record: validate does not read it.
  }
  for (const auto& id : out.projects) {
    const std::string file = "projects/" + id + "/project.yaml";
    const std::string blob = graph.entry_id(out.base, ws.prefix + file);
    if (blob.empty())
      continue; // added since
    std::optional<std::string> text;
    try {
      text = graph.read_blob(blob);
    } catch (const git::GitError&) {
    }
    auto decoded =
        text ? codec::decode_project(*text, file, id, lang) : codec::Decoded<model::Project>{};
    if (!text || !decoded.ok()) {
      out.old_unreadable = file;
      break;
    }
    for (const auto& a : decoded.value.assignments)
      out.old_people.insert(a.person);
  }
  return out;
}

// Whether a portfolio-relative file belongs to one of `projects` (projects/<id> or below it).
bool in_projects(const std::string& file, const std::set<std::string>& projects) {
  const std::string id = project_dir_of(file);
  return !id.empty() && projects.contains(id);
}

// A PATH argument as a portfolio-relative prefix ("" for the whole portfolio).
std::string portfolio_prefix(const Context& ctx, const Workspace& ws, const std::string& arg,
                             Lang lang) {
  std::error_code ec;
  fs::path given = fs::path(arg).is_absolute() ? fs::path(arg) : fs::path(ctx.start_dir) / arg;
  fs::path real = fs::weakly_canonical(given, ec);
  if (ec || !fs::exists(real, ec))
    throw Failure(k_exit_usage,
                  tr(lang, "{}: no such file or directory", "{}：文件或目录不存在", arg));
  fs::path root = fs::path(ws.root).parent_path(); // ws.root ends in '/'
  fs::path rel = real.lexically_relative(root);
  std::string text = rel.generic_string();
  if (rel.empty() || text == ".." || text.starts_with("../"))
    throw Failure(k_exit_usage, tr(lang, "{} is outside the portfolio ({})",
                                   "{} 不在项目组合（{}）之内", arg, ws.root));
  return text == "." ? std::string{} : text;
}

bool under(const std::string& file, const std::vector<std::string>& prefixes) {
  if (prefixes.empty())
    return true;
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
    return prefix.empty() || file == prefix ||
           (file.size() > prefix.size() && file.starts_with(prefix) && file[prefix.size()] == '/');
  });
}

// How a portfolio-relative path is shown: relative to where pmo was started for people and
// JSON, relative to the repository root for GitHub (annotations are matched against it).
std::string shown_path(const std::string& file, const Context& ctx, const Workspace& ws,
                       bool for_github) {
  if (file.empty())
    return file;
  if (for_github)
    return ws.repo ? ws.prefix + file : file;
  std::error_code ec;
  fs::path start = fs::weakly_canonical(fs::path(ctx.start_dir), ec);
  if (ec)
    return file;
  fs::path rel = (fs::path(ws.root) / file).lexically_relative(start);
  return rel.empty() ? file : rel.generic_string();
}

// What history does not prove, as findings at the files concerned: errors about decisions, and
// warnings about changes of the process or the roster that do not take effect (made by someone
// the office does not authorise). The commit is named in the message.
std::vector<model::Finding> ledger_findings(const LedgerReading& view, Lang lang) {
  std::vector<model::Finding> out;
  for (const auto& f : view.findings) {
    std::string file = f.file;
    if (file.empty())
      file = f.project.empty() ? "pmo.yaml" : "projects/" + f.project + "/project.yaml";
    std::string message = f.message;
    if (!f.commit.empty() && message.find(f.commit.substr(0, 7)) == std::string::npos)
      message = tr(lang, "commit {}: {}", "提交 {}：{}", f.commit.substr(0, 7), message);
    out.push_back({f.project.empty() ? model::Severity::warning : model::Severity::error,
                   model::Location{file, 1, 1}, f.code, std::move(message)});
  }
  return out;
}

// What --changed-since checks, for stderr.
std::string changes_note(const Changes& c, const std::set<std::string>& scope,
                         const std::string& rev, Lang lang) {
  const std::string base = c.base.substr(0, 7);
  const std::string named = report::escape_controls(rev);
  if (!c.office.empty())
    return tr(lang, "{} changed since {} ({}): the whole portfolio is checked",
              "自 {1}（{2}）以来 {0} 有变更：检查整个项目组合", c.office, named, base);
  if (!c.old_unreadable.empty())
    return tr(lang, "{} at {} ({}) cannot be read: the whole portfolio is checked",
              "{} 在 {}（{}）中无法读取：检查整个项目组合", c.old_unreadable, named, base);
  const std::size_t more = scope.size() - std::min(scope.size(), c.projects.size());
  return tr(lang,
            "changed since {} ({}){}: {} project(s); checked with {} that depend on them or "
            "share their people",
            "自 {}（{}）以来有变更的项目{}：{} 个；连同依赖它们或共用其人员的 {} 个项目一并检查",
            named, base,
            c.untracked ? "" : pick(lang, ", in files git tracks", "（仅 git 跟踪的文件）"),
            c.projects.size(), more);
}

// "1 error" / "2 errors" (English only; Chinese has no plural).
std::string count_of(std::size_t n, const char* one, const char* many) {
  return fmt::format(fmt::runtime(n == 1 ? one : many), n);
}

// The checks that need a readable pmo.yaml: the decisions as history proves them (a decision file
// that no decision commit recorded, or that was edited since, is an error at that file), then
// references, gate order, authority and quorum, and dates.
void check_records(const Context& ctx, const Workspace& ws, store::Loaded& loaded, Lang lang,
                   const LedgerScope& ledger_scope, bool judge_history,
                   std::vector<model::Finding>& findings) {
  if (judge_history) {
    LedgerReading view = follow_ledger(ctx, ws, loaded.portfolio, lang, ledger_scope);
    if (!view.not_proved.empty() && !loaded.portfolio.decisions.empty() && !ctx.quiet)
      *ctx.err << view.not_proved << '\n';
    for (auto& f : ledger_findings(view, lang))
      findings.push_back(std::move(f));
  }
  for (auto& finding : model::validate_portfolio(loaded.portfolio, lang))
    findings.push_back(std::move(finding));
  for (auto& finding : model::validate_dates(loaded.portfolio, ctx.clock.today(), lang))
    findings.push_back(std::move(finding));
}

// An enterprise office (pmo.yaml departments): a department that is missing or leads out of the
// repository is a finding at its item of pmo.yaml; each other department is validated as its own
// portfolio (its pmo.yaml, its history), its findings named by its path ("depts/it/...").
void check_departments(const Context& ctx, const Workspace& ws, Lang lang,
                       std::vector<model::Finding>& findings, std::set<std::string>& files) {
  for (const auto& def : read_departments(ws, lang)) {
    DepartmentReading dept;
    dept.def = def;
    locate_department(ws, dept, lang);
    if (!dept.problem.empty()) {
      findings.push_back({model::Severity::error, def.at, dept.code, dept.problem});
      continue;
    }
    const Context dctx = department_context(ctx, dept.root, lang);
    const Workspace dws = open_workspace(dctx, false);
    store::Loaded loaded = load_working_tree(dws, lang);
    std::vector<model::Finding> own = std::move(loaded.findings);
    if (loaded.office_ok)
      check_records(dctx, dws, loaded, lang, {}, true, own);
    const std::string prefix = def.path + "/";
    for (auto& file : codec::record_files(loaded.portfolio))
      files.insert(prefix + file);
    for (auto& f : own) {
      f.where.file = prefix + f.where.file;
      findings.push_back(std::move(f));
    }
  }
}

int run(Context& ctx, const ValidateOptions& opts) {
  Workspace ws = open_workspace(ctx, false);
  Lang lang = early_language(ctx, &ws);
  output_files(opts.output, lang); // a malformed --output is a usage error before any work
  std::vector<std::string> prefixes;
  for (const auto& arg : opts.paths)
    prefixes.push_back(portfolio_prefix(ctx, ws, arg, lang));

  std::optional<Changes> changes;
  if (opts.no_untracked && opts.changed_since.empty())
    throw Failure(k_exit_usage, pick(lang, "--no-untracked goes with --changed-since REV",
                                     "--no-untracked 需与 --changed-since REV 一起使用"));
  const store::FsStore working_tree(ws.root);
  std::optional<store::ProjectTexts> ahead; // read while the changes are worked out
  if (!opts.changed_since.empty()) {
    if (ws.repo)
      ahead.emplace(working_tree);
    changes = changes_since(ws, opts.changed_since, !opts.no_untracked, lang);
  }
  const bool scoped = changes && !changes->whole();
  if (!scoped)
    ahead.reset();
  std::set<std::string> scope; // with --changed-since: the projects whose findings are shown
  auto load = [&] {
    Progress progress(ctx, pick(lang, "reading the records", "读取记录"));
    if (!scoped)
      return load_working_tree(ws, lang);
    store::Scope part = store::load_scope(working_tree, lang, changes->projects,
                                          changes->old_people, ahead ? &*ahead : nullptr);
    scope = std::move(part.shown);
    return std::move(part.loaded);
  };
  store::Loaded loaded = load();
  if (loaded.office_ok && ctx.language(loaded.portfolio.office.language) != lang) {
    lang = ctx.language(loaded.portfolio.office.language);
    loaded = load();
  }
  if (changes && !ctx.quiet)
    *ctx.err << changes_note(*changes, scope, opts.changed_since, lang) << '\n';
  auto shown_file = [&](const std::string& file) {
    return under(file, prefixes) && (!scoped || in_projects(file, scope));
  };
  std::vector<model::Finding> findings = std::move(loaded.findings);

  // Every file examined, for the summary: the files of every kind of record, as the loader
  // read them.
  std::set<std::string> files;
  for (auto& file : codec::record_files(loaded.portfolio))
    files.insert(std::move(file));

  if (loaded.office_ok) { // without a readable pmo.yaml the semantic checks would only add noise
    // Decisions count as history proves them, as in status and report.
    // With --changed-since, only the range since the revision is judged, for the projects
    // loaded (what came before is taken as proved, as verify REV..HEAD does).
    LedgerScope ledger_scope;
    if (scoped) {
      for (const auto& p : loaded.portfolio.projects)
        ledger_scope.projects.insert(p.id);
      ledger_scope.since = changes->since;
    }
    check_records(ctx, ws, loaded, lang, ledger_scope, !scoped || !ledger_scope.projects.empty(),
                  findings);
    if (!scoped)
      check_departments(ctx, ws, lang, findings, files);
  }
  for (const auto& finding : findings)
    if (!finding.where.file.empty())
      files.insert(finding.where.file);
  std::size_t file_count = static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [&](const std::string& f) { return shown_file(f); }));

  std::vector<model::Finding> shown;
  for (auto& finding : findings)
    if (shown_file(finding.where.file))
      shown.push_back(std::move(finding));
  std::stable_sort(shown.begin(), shown.end(),
                   [](const model::Finding& a, const model::Finding& b) {
                     return std::tie(a.where.file, a.where.line, a.where.column) <
                            std::tie(b.where.file, b.where.line, b.where.column);
                   });
  // CI formats name files from the repository root (as GitHub matches annotations); people
  // and JSON read them from where pmo was started.
  report::CiReport ci = make_ci_report("validate", lang);
  for (const auto& file : files)
    if (shown_file(file))
      ci.files.push_back(shown_path(file, ctx, ws, true));
  ci.fallback_file = shown_path("pmo.yaml", ctx, ws, true);
  ci.findings = shown;
  for (auto& finding : ci.findings)
    finding.where.file = shown_path(finding.where.file, ctx, ws, true);
  for (auto& finding : shown)
    finding.where.file = shown_path(finding.where.file, ctx, ws, false);

  OwnFormats own;
  own.json = [&] { return report::findings_json(shown); };
  own.text = [&] {
    std::string text;
    for (const auto& finding : shown)
      text += report::finding_text(finding, lang) + "\n";
    return text;
  };
  emit_outputs(ctx, opts.output, ci, own);

  std::size_t errors = static_cast<std::size_t>(
      std::count_if(shown.begin(), shown.end(),
                    [](const model::Finding& f) { return f.severity == model::Severity::error; }));
  std::size_t warnings = shown.size() - errors;
  if (!ctx.quiet) {
    std::string summary =
        lang == Lang::zh
            ? fmt::format("{} 个文件中有 {} 个错误、{} 个警告", file_count, errors, warnings)
            : fmt::format("{}, {} in {}", count_of(errors, "{} error", "{} errors"),
                          count_of(warnings, "{} warning", "{} warnings"),
                          count_of(file_count, "{} file", "{} files"));
    if (ctx.color) {
      auto colour = errors     ? fmt::terminal_color::red
                    : warnings ? fmt::terminal_color::yellow
                               : fmt::terminal_color::green;
      summary = fmt::format(fmt::fg(colour), "{}", summary);
    }
    *ctx.err << summary << '\n';
  }
  return errors > 0 ? k_exit_findings : k_exit_ok;
}

} // namespace

void add_validate(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", help("Check every record: syntax, schema, references, gate rules, authority",
                       "检查所有记录：语法、模式、引用、关口规则、权限"));
  cmd->add_option(
      "PATH", opts->paths,
      help("Only show findings for files under these paths (the whole portfolio is still "
           "checked)",
           "只显示这些路径下文件的检查结果（仍会检查整个项目组合）"));
  cmd->add_option("--changed-since", opts->changed_since,
                  help("Check only the projects changed since REV (its merge base with HEAD, to "
                       "the working tree) and those that depend on them or share their people; "
                       "history before REV is taken as proved",
                       "只检查自 REV（与 HEAD 的合并基点）到工作区有变更的项目，以及依赖它们或"
                       "共用其人员的项目；REV 之前的历史视为已证明"))
      ->option_text("REV");
  cmd->add_flag(
      "--no-untracked", opts->no_untracked,
      help("With --changed-since: leave out files git does not track, as git diff REV "
           "does (a CI checkout has none; on a large working tree, looking for them "
           "costs more than the rest)",
           "与 --changed-since 一起使用：不考虑 git 未跟踪的文件，与 git diff REV 相同（CI "
           "检出中没有这类文件；在大型工作区中查找它们比其余工作更耗时）"));
  add_output_options(*cmd, opts->output, help);
  cmd->callback([&action, opts] { action = [opts](Context& ctx) { return run(ctx, *opts); }; });
}

} // namespace pmo::cli
