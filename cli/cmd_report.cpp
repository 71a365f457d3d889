// pmo report [ID] — the portfolio report in Markdown (or JSON): an executive summary, counts by
// stage with a chart, the project table, project control, the office's KPIs, dependencies,
// resources, proposals awaiting a decision and the decisions of the last 30 days from git. With
// a project id: that project on one page.

#include "commands.hpp"
#include "files.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_markdown.hpp"
#include "report_template.hpp"
#include "rollup.hpp"
#include "templates.hpp"

#include <pmo/model/period.hpp>
#include <pmo/report/portfolio.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <ostream>

namespace pmo::cli {

namespace {

namespace fs = std::filesystem;
using model::Lang;
using model::pick;
using model::tr;

constexpr int k_recent_days = 30;

struct ReportOptions {
  std::string id;
  std::string period; // --period: as of the end of it, from history
  std::string out;
  std::string template_file; // --template FILE
  bool json = false;
  bool print_template = false;
};

// The directory of the built-in templates of a language.
std::string lang_dir(Lang lang) { return lang == Lang::zh ? "zh-CN" : "en"; }

std::optional<TemplateText> built_in(const std::string& name, Lang lang) {
  const std::string path = lang_dir(lang) + "/" + name;
  const auto text = embedded_template(path);
  if (!text)
    return std::nullopt;
  return TemplateText{tr(lang, "templates/{} (built in)", "templates/{}（内置）", path),
                      std::string{*text}};
}

// The portfolio's own template `name`: .pmo/templates/<lang>/NAME, else .pmo/templates/NAME, read
// as records are (no symlink, at most 4 MiB), from the working tree or, with --period, from the
// commit the report is made from.
std::optional<TemplateText> portfolio_template(const store::Store& files, const std::string& name,
                                               Lang lang) {
  for (const std::string& path :
       {".pmo/templates/" + lang_dir(lang) + "/" + name, ".pmo/templates/" + name})
    if (auto text = files.read(path))
      return TemplateText{path, std::move(*text)};
  return std::nullopt;
}

// The template of the report (`name`: report.md.mustache or report-project.md.mustache) and where
// its partials come from: --template FILE (partials beside it first), else the portfolio's, else
// the built-in one; partials then from the portfolio, then built in.
CheckedTemplate load_template(const Context& ctx, const Workspace& ws, const ReportOptions& opts,
                              const std::string& name, Lang lang) {
  const auto files = record_store(ws);
  std::optional<TemplateText> main;
  std::unique_ptr<store::Store> beside;
  if (!opts.template_file.empty()) {
    const fs::path path = fs::path(opts.template_file).is_absolute()
                              ? fs::path(opts.template_file)
                              : fs::path(ctx.start_dir) / opts.template_file;
    main = TemplateText{opts.template_file, read_input(path.string(), 4 * 1024 * 1024)};
    beside = std::make_unique<store::FsStore>(path.parent_path().string());
  } else {
    main = portfolio_template(*files, name, lang);
  }
  if (!main)
    main = built_in(name, lang);
  if (!main)
    throw Failure(k_exit_env, fmt::format("no built-in template {}/{}", lang_dir(lang), name));
  const PartialLookup partials = [&](const std::string& partial) -> std::optional<TemplateText> {
    const std::string file = partial + ".md.mustache";
    if (beside)
      if (auto text = beside->read(file))
        return TemplateText{(fs::path(opts.template_file).parent_path() / file).string(),
                            std::move(*text)};
    if (auto found = portfolio_template(*files, file, lang))
      return found;
    return built_in(file, lang);
  };
  return check_report_template(*main, partials, lang);
}

// The report's text: its JSON with --json, else its template rendered over the JSON made by
// `make_view`, which is given what the template looks up (so that what it never shows is not
// made).
std::string report_text(const Context& ctx, const Workspace& ws, const ReportOptions& opts,
                        const std::string& name, Lang lang,
                        const std::function<nlohmann::json(const NameFilter&)>& make_view) {
  if (opts.json)
    return dump_json(make_view({}));
  const CheckedTemplate tmpl = load_template(ctx, ws, opts, name, lang);
  const nlohmann::json view = make_view([&tmpl](std::string_view n) { return tmpl.uses(n); });
  return render_report_template(tmpl, view, lang);
}

// --print-template: the built-in template, to start one's own from.
int print_template(Context& ctx, const ReportOptions& opts) {
  std::optional<Workspace> ws;
  try {
    ws = open_workspace(ctx, false);
  } catch (const Failure&) {
    // Outside a portfolio: the language of --lang or the environment.
  }
  const Lang lang = early_language(ctx, ws ? &*ws : nullptr);
  const auto text =
      built_in(opts.id.empty() ? "report.md.mustache" : "report-project.md.mustache", lang);
  if (!text)
    throw Failure(k_exit_env, "no built-in report template");
  *ctx.out << text->text;
  return k_exit_ok;
}

// The report's text to stdout, or to --out (relative to where pmo was started: -C DIR counts as
// the start, like every path argument), atomically.
void deliver(Context& ctx, const ReportOptions& opts, const std::string& text,
             const std::string& what, Lang lang) {
  if (opts.out.empty()) {
    *ctx.out << text;
    return;
  }
  fs::path target =
      fs::path(opts.out).is_absolute() ? fs::path(opts.out) : fs::path(ctx.start_dir) / opts.out;
  write_atomically(target, text, lang);
  if (!ctx.quiet)
    *ctx.err << tr(lang, "Wrote {} ({}).\n", "已写入 {}（{}）。\n", opts.out, what);
}

// --period: the last second of the period (UTC), which becomes the report's clock; refused for a
// period not yet ended (today's report is plain `pmo report`).
std::optional<model::Timestamp> period_end_of(Context& ctx, const ReportOptions& opts) {
  if (opts.period.empty())
    return std::nullopt;
  const Workspace ws = open_workspace(ctx, false);
  const Lang lang = early_language(ctx, &ws);
  const auto period = model::parse_period(opts.period);
  if (!period)
    throw Failure(k_exit_usage,
                  tr(lang, "--period '{}' is not a week (2026-W47) or a month (2026-11)",
                     "--period “{}”不是周（2026-W47）或月（2026-11）",
                     report::terminal_safe(opts.period)));
  const model::Date end = model::period_end(*period);
  const model::Timestamp as_of =
      model::Timestamp{end} + std::chrono::days{1} - std::chrono::seconds{1};
  if (as_of >= ctx.clock.now)
    throw Failure(k_exit_usage,
                  tr(lang, "{} has not ended yet (it ends on {}); 'pmo report' is today's report",
                     "{} 尚未结束（结束于 {}）；今天的报告请用 pmo report", opts.period,
                     model::format_date(end)));
  ctx.clock.now = as_of;
  return as_of;
}

int run_project(Context& ctx, const ReportOptions& given) {
  ReportOptions opts = given;
  if (auto dept = department_for(ctx, opts.id)) { // it/P-001: the department's own page
    if (!opts.out.empty() && !std::filesystem::path(opts.out).is_absolute())
      opts.out = (std::filesystem::path(ctx.start_dir) / opts.out).string();
    return run_project(*dept, opts);
  }
  const auto as_of = period_end_of(ctx, opts);
  Reading r = read_project(ctx, opts.id, as_of);
  const Lang lang = r.lang;
  ProjectPage page = project_page(ctx, r, opts.id);
  ReportSource source;
  source.in_git = r.ws.repo.has_value();
  source.head = r.ws.repo ? r.ws.repo->head_id() : std::string{};
  source.history_note = page.history.unavailable;
  source.unreadable_files = r.unreadable_files;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  const std::string text =
      report_text(ctx, r.ws, opts, "report-project.md.mustache", lang, [&](const NameFilter&) {
        return project_report_json(portfolio, *page.project, page.detail,
                                   page.history.records.has_value(), ctx.clock, source, lang);
      });
  deliver(ctx, opts, text, opts.id, lang);
  return r.exit_code();
}

// An enterprise office: each department's report built in its own repository (its history, its
// lifecycle), merged with qualified ids; KPIs over the union; over-allocations across them.
int run_rollup(Context& ctx, const ReportOptions& opts, Reading enterprise,
               const std::vector<model::DepartmentDef>& departments) {
  const RollupReading rr = read_rollup(ctx, std::move(enterprise), departments);
  const Lang lang = rr.enterprise.lang;
  const int year = model::year_of(ctx.clock.now);
  std::vector<std::pair<std::string, report::PortfolioReport>> reports;
  std::vector<std::pair<std::string, model::KpiReport>> kpis;
  auto add = [&](const std::string& id, const Reading& r) {
    History history = read_history(r.ws, lang, ctx.clock.now - std::chrono::days{k_recent_days});
    reports.emplace_back(id, report::build_report(r.loaded.portfolio,
                                                  history.records ? &*history.records : nullptr,
                                                  ctx.clock, lang, k_recent_days));
    const auto commits = report_commits(r.ws, lang, year);
    kpis.emplace_back(id, model::compute_kpis(r.loaded.portfolio, year, ctx.clock,
                                              commits ? &*commits : nullptr, lang));
  };
  for (const auto& [id, reading] : rr.readings())
    add(id, *reading);
  const model::Office& office = rr.enterprise.loaded.portfolio.office;
  const report::Rollup rollup = report::roll_up(office, rr.parts(), lang);
  auto data = report::rollup_report(reports, rollup, ctx.clock, lang);
  data.kpis = report::rollup_kpis(kpis, office, year);
  ReportSource source;
  source.in_git = rr.enterprise.ws.repo.has_value();
  source.head = rr.enterprise.ws.repo ? rr.enterprise.ws.repo->head_id() : std::string{};
  if (!data.recent)
    source.history_note = pick(lang, "no department has git history", "没有部门有 git 历史");
  std::vector<DepartmentLine> lines;
  for (const auto& d : rr.departments)
    lines.push_back({d.def.id, d.def.path, d.def.remote,
                     d.reading
                         ? std::optional<std::size_t>(d.reading->loaded.portfolio.projects.size())
                         : std::nullopt,
                     d.problem});
  // The template puts it after the report's first lines (a department's own report has none).
  std::string table = departments_section(lines, lang);
  while (!table.empty() && table.back() == '\n')
    table.pop_back();
  const std::string text = report_text(ctx, rr.enterprise.ws, opts, "report.md.mustache", lang,
                                       [&](const NameFilter& wanted) {
                                         nlohmann::json view = report_json(data, source, wanted);
                                         view["departments"] = departments_json(rr);
                                         view["sections"]["departments"] = table;
                                         return view;
                                       });
  deliver(ctx, opts, text,
          model::counted(lang, data.total, "{} project", "{} projects", "{} 个项目"), lang);
  return rr.exit_code();
}

int run(Context& ctx, const ReportOptions& opts) {
  if (opts.print_template)
    return print_template(ctx, opts);
  if (!opts.id.empty())
    return run_project(ctx, opts);
  if (!opts.period.empty()) {
    const Workspace ws = open_workspace(ctx, false);
    if (!read_departments(ws, early_language(ctx, &ws)).empty())
      throw Failure(k_exit_usage, tr(early_language(ctx, &ws),
                                     "report --period is not available for a roll-up of "
                                     "departments (each department's history is its own)",
                                     "部门汇总不支持 report --period（各部门的历史各自独立）"));
  }
  const auto as_of = period_end_of(ctx, opts);
  Reading r = read_working_tree(ctx, as_of);
  if (!as_of)
    if (auto departments = read_departments(r.ws, r.lang); !departments.empty())
      return run_rollup(ctx, opts, std::move(r), departments);
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

  const std::string text =
      report_text(ctx, r.ws, opts, "report.md.mustache", lang,
                  [&](const NameFilter& wanted) { return report_json(data, source, wanted); });
  deliver(ctx, opts, text,
          model::counted(lang, data.total, "{} project", "{} projects", "{} 个项目"), lang);
  return r.exit_code();
}

} // namespace

void add_report(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", help("The portfolio report in Markdown: summary, stages, projects, control, KPIs, "
                     "decisions; with an ID, that project on one page",
                     "Markdown "
                     "格式的项目组合报告：摘要、阶段、项目、项目监控、KPI、决策；给出项目编号时输出"
                     "该项目的单页报告"));
  cmd->add_option("ID", opts->id,
                  help("A project id: that project on one page", "项目编号：输出该项目的单页报告"));
  cmd->add_option("--out", opts->out,
                  help("Write the report to FILE (atomically) instead of stdout",
                       "将报告写入该文件（原子写入），而不是输出到标准输出"))
      ->option_text(help("FILE", "文件"));
  cmd->add_option(
         "--period", opts->period,
         help("The report as of the end of that period, from history: a week or a month "
              "that has ended (regenerates last month's report exactly)",
              "截至该周期结束时的报告，依据历史生成：已结束的周或月（可原样重新生成上月报告）"))
      ->option_text(help("2026-W47|2026-11", "2026-W47|2026-11"));
  cmd->add_flag("--json", opts->json,
                help("The report's data as JSON, which is what a report template sees (for a "
                     "project: pmo status ID --json with the one-pager's sections)",
                     "以 JSON 输出报告的数据，即报告模板所见的数据（单个项目：pmo status ID "
                     "--json 加上单页报告的各节）"));
  CLI::Option* json = cmd->get_option("--json");
  CLI::Option* tmpl =
      cmd->add_option("--template", opts->template_file,
                      help("Render the report with this mustache template instead of the "
                           "portfolio's .pmo/templates/ or the built-in one",
                           "使用该 mustache 模板生成报告，而不是项目组合的 .pmo/templates/ "
                           "中的模板或内置模板"))
          ->option_text(help("FILE", "文件"))
          ->excludes(json);
  cmd->add_flag("--print-template", opts->print_template,
                help("Print the built-in template (with an ID, the one-pager's), to start one's "
                     "own: pmo report --print-template > .pmo/templates/report.md.mustache",
                     "输出内置模板（给出项目编号时为单页报告模板），作为自定义模板的起点："
                     "pmo report --print-template > .pmo/templates/report.md.mustache"))
      ->excludes(json)
      ->excludes(tmpl);
  cmd->callback([&action, opts] { action = [opts](Context& ctx) { return run(ctx, *opts); }; });
}

} // namespace pmo::cli
