// pmo kpi [--year YYYY] [--json] — the office's KPIs for a year against its targets (PMO 年度目标
// 与 KPI), computed from the ledger-proved decisions and the records, with the projects behind
// each figure.

#include "commands.hpp"
#include "kpi_text.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_table.hpp"
#include "rollup.hpp"

#include <pmo/model/kpi.hpp>

#include <fmt/format.h>

#include <ostream>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;

struct KpiOptions {
  std::optional<int> year;
  bool json = false;
};

fmt::text_style status_style(model::KpiStatus status) {
  switch (status) {
  case model::KpiStatus::met:
    return fmt::fg(fmt::terminal_color::green);
  case model::KpiStatus::not_met:
    return fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
  default:
    return {};
  }
}

// The figures as a table, then the projects behind each; or JSON. `commits`: whether the status
// reports' commit days were known.
void show(Context& ctx, const KpiOptions& opts, const model::KpiReport& kpis,
          const model::Office& office, bool commits, Lang lang, const nlohmann::json* departments) {
  const int year = kpis.year;
  if (opts.json) {
    nlohmann::json out{{"schema_version", 1}, {"office", office.name}};
    if (departments)
      out["departments"] = *departments;
    out.update(kpi_json(kpis));
    out["history"] = commits ? nlohmann::json(nullptr) : nlohmann::json("unavailable");
    *ctx.out << dump_json(out);
    return;
  }

  std::ostream& out = *ctx.out;
  const bool color = data_color(ctx);
  out << heading(tr(lang, "KPIs {} — {}", "{} 年度 KPI — {}", year, office.name), color) << '\n';
  std::vector<TableColumn> columns{{pick(lang, "KPI", "指标")},
                                   {pick(lang, "Value", "实际"), true},
                                   {pick(lang, "Target", "目标"), true},
                                   {pick(lang, "Status", "状态")},
                                   {pick(lang, "Basis", "依据")}};
  std::vector<TableRow> rows;
  for (const auto& f : kpis.figures)
    rows.push_back({{kpi_label(f.kpi, lang, kpis.days)},
                    {kpi_value_text(f.kpi, f.value), fmt::emphasis::bold},
                    {kpi_value_text(f.kpi, f.target)},
                    {model::kpi_status_name(f.status, lang), status_style(f.status)},
                    {kpi_basis_text(f, year, lang)}});
  out << render_table(columns, rows, color);

  for (const auto& f : kpis.figures) {
    if (f.entries.empty())
      continue;
    out << '\n' << heading(kpi_label(f.kpi, lang, kpis.days), color) << '\n';
    if (!f.groups.empty()) {
      std::vector<TableColumn> gc{
          {f.kpi == "gate_cycle_days" ? pick(lang, "Gate", "关口") : pick(lang, "Role", "角色")},
          {model::days_label(lang, kpis.days, "Average (days)", "平均（天）",
                             "Average (working days)", "平均（工作日）"),
           true},
          {pick(lang, "Count", "数量"), true}};
      std::vector<TableRow> grows;
      for (const auto& g : f.groups)
        grows.push_back(
            {{g.subject}, {fmt::format("{:.1f}", g.average)}, {std::to_string(g.count)}});
      out << render_table(gc, grows, color) << '\n';
    }
    std::vector<TableColumn> ec{{pick(lang, "Project", "项目")}};
    const bool subjects = !f.entries.front().subject.empty();
    if (subjects)
      ec.push_back({kpi_subject_header(f.kpi, lang)});
    ec.push_back({pick(lang, "Value", "实际")});
    ec.push_back({pick(lang, "Detail", "说明")});
    std::vector<TableRow> erows;
    for (const auto& e : f.entries) {
      TableRow row{{e.project}};
      if (subjects)
        row.push_back({e.subject});
      row.push_back({kpi_entry_text(f.kpi, e, lang, kpis.days),
                     e.counts || model::is_day_kpi(f.kpi)
                         ? fmt::text_style{}
                         : status_style(model::KpiStatus::not_met)});
      row.push_back({e.detail});
      erows.push_back(std::move(row));
    }
    out << render_table(ec, erows, color);
  }
  if (!ctx.quiet) {
    if (!office.kpis.year(year))
      *ctx.err << tr(lang, "note: pmo.yaml kpis has no targets for {}\n",
                     "提示：pmo.yaml kpis 中没有 {} 年的目标\n", year);
    if (!commits)
      *ctx.err << tr(lang,
                     "note: no git history: the status reports' commit days are unknown, so "
                     "status_on_time has no data\n",
                     "提示：没有 git 历史，无法得知状态报告的提交日期，状态报告按时率无数据\n");
  }
}

// An enterprise office: each department's KPIs computed in its own repository, then the figures
// over the union of their projects against the enterprise's targets.
int run_rollup(Context& ctx, const KpiOptions& opts, Reading enterprise,
               const std::vector<model::DepartmentDef>& departments) {
  const RollupReading rr = read_rollup(ctx, std::move(enterprise), departments);
  const Lang lang = rr.enterprise.lang;
  const int year = opts.year ? *opts.year : model::year_of(ctx.clock.now);
  std::vector<std::pair<std::string, model::KpiReport>> parts;
  bool all_commits = true;
  auto add = [&](const std::string& id, const Reading& r) {
    const auto commits = report_commits(r.ws, lang, year);
    all_commits = all_commits && commits.has_value();
    parts.emplace_back(id, model::compute_kpis(r.loaded.portfolio, year, ctx.clock,
                                               commits ? &*commits : nullptr, lang));
  };
  for (const auto& [id, reading] : rr.readings())
    add(id, *reading);
  const model::Office& office = rr.enterprise.loaded.portfolio.office;
  const auto kpis = report::rollup_kpis(parts, office, year);
  const nlohmann::json listed = departments_json(rr);
  show(ctx, opts, kpis, office, all_commits, lang, &listed);
  return rr.exit_code();
}

int run(Context& ctx, const KpiOptions& opts) {
  Reading r = read_working_tree(ctx);
  if (auto departments = read_departments(r.ws, r.lang); !departments.empty())
    return run_rollup(ctx, opts, std::move(r), departments);
  const Lang lang = r.lang;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  const int year = opts.year ? *opts.year : model::year_of(ctx.clock.now);
  const auto commits = report_commits(r.ws, lang, year);
  const model::KpiReport kpis =
      model::compute_kpis(portfolio, year, ctx.clock, commits ? &*commits : nullptr, lang);
  show(ctx, opts, kpis, portfolio.office, commits.has_value(), lang, nullptr);
  return r.exit_code();
}

} // namespace

void add_kpi(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<KpiOptions>();
  CLI::App* cmd = app.add_subcommand(
      "kpi", help("The office's KPIs for a year against its targets (pmo.yaml kpis)",
                  "办公室年度 KPI 与目标对比（pmo.yaml kpis）"));
  cmd->add_option("--year", opts->year,
                  help("The year (default: the current year)", "年份（默认：当年）"))
      ->check(CLI::Range(1900, 9999));
  cmd->add_flag("--json", opts->json, help("JSON output", "以 JSON 输出"));
  cmd->callback([&action, opts] { action = [opts](Context& ctx) { return run(ctx, *opts); }; });
}

} // namespace pmo::cli
