// pmo verify [REV | REV..REV] — proves the decision ledger from git history alone: every decision
// recorded by its own commit, authored by its reviewer, never changed afterwards, and valid under
// the process and the roster as they stood at its parent. Findings on stdout and in files (text,
// JSON, GitHub annotations, SARIF, JUnit or GitLab Code Quality), the summary on stderr; exit 1
// when anything does not hold.

#include "ci_output.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "workspace.hpp"

#include <pmo/ledger/ledger.hpp>
#include <pmo/report/findings.hpp>
#include <pmo/report/text.hpp>

#include <fmt/color.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>
#include <set>
#include <stdexcept>

namespace pmo::cli {

namespace {

using model::Lang;
using model::tr;

struct VerifyOptions {
  std::string range;
  OutputOptions output;
};

int run(Context& ctx, const VerifyOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  output_files(opts.output, lang); // a malformed --output is a usage error before any work
  ledger::Options options;
  options.deep = true;
  options.prefix = ws.prefix;
  options.lang = lang;
  options.now = ctx.clock.now;
  options.readers = ctx.history_readers;
  if (!opts.range.empty()) {
    const auto dots = opts.range.find("..");
    if (dots == std::string::npos) {
      options.tip = opts.range;
    } else {
      options.since = opts.range.substr(0, dots);
      const std::string tip = opts.range.substr(dots + 2);
      options.tip = tip.empty() ? "HEAD" : tip;
      if (options.since->empty() || tip.starts_with("."))
        throw Failure(k_exit_usage,
                      tr(lang, "'{}' is not REV or REV..REV", "“{}”不是 REV 或 REV..REV 形式",
                         report::escape_controls(opts.range)));
    }
  }
  if (ws.repo->head_unborn() && opts.range.empty())
    throw Failure(k_exit_findings,
                  tr(lang, "the repository has no commit yet", "仓库中还没有提交"));
  ledger::Ledger result;
  try {
    Progress progress(ctx, model::pick(lang, "reading history", "读取历史"));
    options.progress = [&](std::size_t done, std::size_t total) { progress.count(done, total); };
    result = ledger::build(*ws.repo, options);
  } catch (const std::invalid_argument& unknown) {
    throw Failure(k_exit_usage, tr(lang, "unknown revision '{}'", "未知的版本“{}”",
                                   report::escape_controls(unknown.what())));
  }
  if (result.shallow)
    throw Failure(k_exit_env,
                  tr(lang,
                     "this is a shallow clone: verify needs the whole history to prove anything "
                     "(git fetch --unshallow; in GitHub Actions, actions/checkout with "
                     "fetch-depth: 0)",
                     "这是浅克隆：verify 需要完整历史才能证明（git fetch --unshallow；在 GitHub "
                     "Actions 中为 actions/checkout 设置 fetch-depth: 0）"));

  // For CI: paths from the repository root, the commit named in each message, and every
  // decision file examined as a file checked.
  report::CiReport ci = make_ci_report("verify", lang);
  ci.fallback_file = ws.prefix + "pmo.yaml";
  std::set<std::string> files;
  for (const auto& decision : result.decisions)
    if (!decision.file.empty())
      files.insert(ws.prefix + decision.file);
  for (const auto& f : result.findings) {
    std::string message = f.message;
    const std::string commit = f.commit.substr(0, 7);
    if (!commit.empty() && message.find(commit) == std::string::npos)
      message = tr(lang, "commit {}: {}", "提交 {}：{}", commit, message);
    ci.findings.push_back({model::Severity::error,
                           model::Location{f.file.empty() ? "" : ws.prefix + f.file, 0, 0}, f.code,
                           std::move(message)});
    if (!f.file.empty())
      files.insert(ws.prefix + f.file);
  }
  ci.files.assign(files.begin(), files.end());

  OwnFormats own;
  own.json = [&] {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : result.findings)
      findings.push_back(
          {{"commit", f.commit},
           {"file", f.file.empty() ? nlohmann::json(nullptr) : nlohmann::json(ws.prefix + f.file)},
           {"project", f.project},
           {"code", f.code},
           {"message", f.message}});
    nlohmann::json doc{{"schema_version", 1},
                       {"command", "verify"},
                       {"tip", result.tip},
                       {"commits", result.commits},
                       {"decisions", result.decisions.size()},
                       {"findings", std::move(findings)}};
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  own.text = [&] {
    std::string text;
    for (const auto& f : result.findings)
      text += f.commit.substr(0, 7) + ' ' +
              (f.file.empty() ? "" : report::escape_controls(f.file) + ": ") +
              tr(lang, "error: ", "错误：") + report::escape_controls(f.message) + '\n';
    return text;
  };
  emit_outputs(ctx, opts.output, ci, own);
  if (!ctx.quiet) {
    std::string summary =
        result.findings.empty()
            ? tr(lang, "{}, {}: every decision is proved by the history",
                 "{}、{}：每项决策都由历史证明",
                 model::counted(lang, result.commits, "{} commit", "{} commits", "{} 个提交"),
                 model::counted(lang, result.decisions.size(), "{} decision", "{} decisions",
                                "{} 项决策"))
            : tr(lang, "{}: {}; the ledger does not hold", "{}：{}；决策台账不成立",
                 model::counted(lang, result.commits, "{} commit", "{} commits", "{} 个提交"),
                 model::counted(lang, result.findings.size(), "{} finding", "{} findings",
                                "{} 处问题"));
    if (ctx.color)
      summary = fmt::format(
          fmt::fg(result.findings.empty() ? fmt::terminal_color::green : fmt::terminal_color::red),
          "{}", summary);
    *ctx.err << summary << '\n';
  }
  return result.findings.empty() ? k_exit_ok : k_exit_findings;
}

} // namespace

void add_verify(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      help("Prove every gate decision from git history (append-only, authors, rules at the "
           "time, one person one seat)",
           "依据 git 历史证明每一项关口决策（只增不改、作者、当时的规则、一人一席）"));
  cmd->add_option(
      "RANGE", opts->range,
      help("A revision (default HEAD: its whole history) or REV..REV (only the commits of "
           "a pull request, judged against the history before them)",
           "一个修订版本（默认 HEAD：其全部历史）"
           "或 REV..REV（只检查拉取请求中的提交，依据其之前的历史判断）"));
  add_output_options(*cmd, opts->output, help);
  cmd->callback([&action, opts] { action = [opts](Context& ctx) { return run(ctx, *opts); }; });
}

} // namespace pmo::cli
