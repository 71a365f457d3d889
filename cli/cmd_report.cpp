// pmo report — the portfolio report in Markdown (or JSON): counts by stage with a chart, the
// project table, proposals awaiting a decision, and the decisions of the last 30 days from git.

#include "commands.hpp"
#include "files.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_markdown.hpp"

#include <pmo/report/portfolio.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <ostream>

namespace pmo::cli {

namespace {

namespace fs = std::filesystem;
using model::Lang;
using model::tr;

constexpr int k_recent_days = 30;

struct ReportOptions {
  std::string out;
  bool json = false;
};

int run(Context& ctx, const ReportOptions& opts) {
  Reading r = read_working_tree(ctx);
  Lang lang = r.lang;
  History history = read_history(r.ws, lang, ctx.clock.now - std::chrono::days{k_recent_days});
  auto data =
      report::build_report(r.loaded.portfolio, history.records ? &*history.records : nullptr,
                           ctx.clock, lang, k_recent_days);
  const int year = model::year_of(ctx.clock.now);
  const auto commits = report_commits(r.ws, lang, year);
  data.kpis =
      model::compute_kpis(r.loaded.portfolio, year, ctx.clock, commits ? &*commits : nullptr, lang);
  ReportSource source;
  source.in_git = r.ws.repo.has_value();
  source.head = r.ws.repo ? r.ws.repo->head_id() : std::string{};
  source.history_note = history.unavailable;
  source.unreadable_files = r.unreadable_files;

  std::string text =
      opts.json
          ? dump_json(report_json(data, source.head, source.history_note, source.unreadable_files))
          : render_markdown_report(data, source);
  if (opts.out.empty()) {
    *ctx.out << text;
    return r.exit_code();
  }
  // Relative to where pmo was started (-C DIR counts as the start), like every path argument.
  fs::path target =
      fs::path(opts.out).is_absolute() ? fs::path(opts.out) : fs::path(ctx.start_dir) / opts.out;
  write_atomically(target, text, lang);
  if (!ctx.quiet)
    *ctx.err << tr(lang, "Wrote {} ({}).\n", "已写入 {}（{}）。\n", opts.out,
                   model::counted(lang, data.total, "{} project", "{} projects", "{} 个项目"));
  return r.exit_code();
}

} // namespace

void add_report(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      help("The portfolio report in Markdown: stages, projects, proposals, recent decisions",
           "Markdown 格式的项目组合报告：阶段、项目、项目建议书、近期决策"));
  cmd->add_option("--out", opts->out,
                  help("Write the report to FILE (atomically) instead of stdout",
                       "将报告写入该文件（原子写入），而不是输出到标准输出"))
      ->option_text(help("FILE", "文件"));
  cmd->add_flag("--json", opts->json, help("The report's data as JSON", "以 JSON 输出报告的数据"));
  cmd->callback([&action, opts] { action = [opts](Context& ctx) { return run(ctx, *opts); }; });
}

} // namespace pmo::cli
