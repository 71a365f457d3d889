// pmo validate [PATH...] — checks every record of the working tree: syntax and schema (the
// loader), the decisions against history (the light ledger, as status and report count them),
// then references, gate order, authority and quorum (the model). Findings go to stdout (and to
// files) as text, JSON, GitHub annotations, SARIF, JUnit or GitLab Code Quality; the summary to
// stderr. Exit 1 on any error shown.

#include "ci_output.hpp"
#include "commands.hpp"
#include "reading.hpp"
#include "workspace.hpp"

#include <pmo/codec/kinds.hpp>
#include <pmo/model/validate.hpp>
#include <pmo/report/findings.hpp>
#include <pmo/report/text.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>
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
};

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

// "1 error" / "2 errors" (English only; Chinese has no plural).
std::string count_of(std::size_t n, const char* one, const char* many) {
  return fmt::format(fmt::runtime(n == 1 ? one : many), n);
}

int run(Context& ctx, const ValidateOptions& opts) {
  Workspace ws = open_workspace(ctx, false);
  Lang lang = early_language(ctx, &ws);
  output_files(opts.output, lang); // a malformed --output is a usage error before any work
  std::vector<std::string> prefixes;
  for (const auto& arg : opts.paths)
    prefixes.push_back(portfolio_prefix(ctx, ws, arg, lang));

  store::Loaded loaded = load_working_tree(ws, lang);
  if (loaded.office_ok && ctx.language(loaded.portfolio.office.language) != lang) {
    lang = ctx.language(loaded.portfolio.office.language);
    loaded = load_working_tree(ws, lang);
  }
  std::vector<model::Finding> findings = std::move(loaded.findings);

  // Every file examined, for the summary: the files of every kind of record, as the loader
  // read them.
  std::set<std::string> files;
  for (auto& file : codec::record_files(loaded.portfolio))
    files.insert(std::move(file));

  if (loaded.office_ok) { // without a readable pmo.yaml the semantic checks would only add noise
    // Decisions count as history proves them, as in status and report: a decision file that no
    // decision commit recorded, or that was edited since, is an error at that file.
    LedgerReading view = follow_ledger(ctx, ws, loaded.portfolio, lang, std::nullopt);
    if (!view.not_proved.empty() && !loaded.portfolio.decisions.empty() && !ctx.quiet)
      *ctx.err << view.not_proved << '\n';
    for (auto& f : ledger_findings(view, lang))
      findings.push_back(std::move(f));
    for (auto& finding : model::validate_portfolio(loaded.portfolio, lang))
      findings.push_back(std::move(finding));
    for (auto& finding : model::validate_dates(loaded.portfolio, ctx.clock.today(), lang))
      findings.push_back(std::move(finding));
  }
  for (const auto& finding : findings)
    if (!finding.where.file.empty())
      files.insert(finding.where.file);
  std::size_t file_count = static_cast<std::size_t>(std::count_if(
      files.begin(), files.end(), [&](const std::string& f) { return under(f, prefixes); }));

  std::vector<model::Finding> shown;
  for (auto& finding : findings)
    if (under(finding.where.file, prefixes))
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
    if (under(file, prefixes))
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
  add_output_options(*cmd, opts->output, help);
  cmd->callback([&action, opts] { action = [opts](Context& ctx) { return run(ctx, *opts); }; });
}

} // namespace pmo::cli
