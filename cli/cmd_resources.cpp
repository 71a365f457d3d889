// pmo resources [--from DATE --to DATE] [--json] — each person's load per period across the
// projects that hold people, over-allocation marked, and for each conflict the project that
// should yield by priority (资源协调).

#include "commands.hpp"
#include "control_write.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_table.hpp"
#include "rollup.hpp"

#include <pmo/report/resources.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <ostream>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;

struct ResourcesOptions {
  std::string from;
  std::string to;
  bool json = false;
};

nlohmann::json overload_json(const model::Overload& o, Lang lang) {
  auto parts = nlohmann::json::array();
  for (const auto& b : o.parts)
    parts.push_back({{"project", b.project->id},
                     {"fte", b.assignment->fte},
                     {"from", model::format_date(b.from)},
                     {"to", model::format_date(b.to)},
                     {"role", b.assignment->role.empty() ? nlohmann::json(nullptr)
                                                         : nlohmann::json(b.assignment->role)}});
  return {{"person", o.person},
          {"capacity", o.capacity},
          {"load", o.load},
          {"from", model::format_date(o.from)},
          {"to", model::format_date(o.to)},
          {"projects", parts},
          {"should_yield",
           o.should_yield ? nlohmann::json(o.should_yield->id) : nlohmann::json(nullptr)},
          {"text", model::overload_text(o, lang)}};
}

// The window of --from and --to (default: this period and the next ones, in `cadence`).
std::pair<model::Date, model::Date> window_of(const Context& ctx, const ResourcesOptions& opts,
                                              model::Cadence cadence, Lang lang) {
  auto [from, to] = report::default_window(cadence, ctx.clock.today());
  if (!opts.from.empty())
    from = date_option(opts.from, "--from", lang);
  if (!opts.to.empty())
    to = date_option(opts.to, "--to", lang);
  else if (!opts.from.empty())
    to = report::default_window(cadence, from).second;
  if (to < from)
    throw Failure(k_exit_usage,
                  tr(lang, "--to ({}) is before --from ({})", "--to（{}）早于 --from（{}）",
                     model::format_date(to), model::format_date(from)));
  return {from, to};
}

// The view as a table and its over-allocations, or JSON. `rollup`: the view is an enterprise
// office's across its departments (each conflict says which departments it spans).
void show(Context& ctx, const ResourcesOptions& opts, const report::ResourceView& view,
          const model::Office& office, Lang lang, const RollupReading* rollup) {
  if (model::period_end(view.periods.back()) < view.to)
    throw Failure(k_exit_usage,
                  tr(lang, "the window spans more than {} periods; choose a shorter one",
                     "时间范围超过 {} 个周期；请缩短", report::k_max_periods));
  if (opts.json) {
    auto periods = nlohmann::json::array();
    for (const auto& p : view.periods)
      periods.push_back(model::format_period(p));
    auto people = nlohmann::json::array();
    for (const auto& p : view.people)
      people.push_back({{"person", p.person},
                        {"name", p.name.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.name)},
                        {"capacity", p.capacity},
                        {"peaks", p.peaks},
                        {"projects", p.projects},
                        {"over", p.over}});
    auto conflicts = nlohmann::json::array();
    for (const auto& o : view.conflicts) {
      conflicts.push_back(overload_json(o, lang));
      if (rollup)
        conflicts.back()["departments"] = report::departments_of(o);
    }
    nlohmann::json doc{{"schema_version", 1},
                       {"office", office.name},
                       {"cadence", std::string{model::to_string(office.control.cadence)}},
                       {"from", model::format_date(view.from)},
                       {"to", model::format_date(view.to)},
                       {"periods", periods},
                       {"people", people},
                       {"conflicts", conflicts}};
    if (rollup)
      doc["departments"] = departments_json(*rollup);
    *ctx.out << dump_json(doc);
    return;
  }
  const bool color = data_color(ctx);
  std::vector<TableColumn> columns{{pick(lang, "Person", "人员")},
                                   {pick(lang, "Name", "姓名"), false, 16},
                                   {pick(lang, "Capacity", "产能"), true}};
  for (const auto& p : view.periods)
    columns.push_back({model::format_period(p), true});
  columns.push_back({pick(lang, "Projects", "项目")});
  std::vector<TableRow> rows;
  for (const auto& p : view.people) {
    TableRow row{
        {p.person}, {p.name.empty() ? std::string{"—"} : p.name}, {model::fte_text(p.capacity)}};
    for (double peak : p.peaks) {
      const bool over = peak > p.capacity + 1e-9;
      row.push_back(
          {peak == 0 ? std::string{"·"} : model::fte_text(peak) + (over ? "!" : ""),
           over ? fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold : fmt::text_style{}});
    }
    std::string projects;
    for (const auto& id : p.projects)
      projects += (projects.empty() ? "" : " ") + id;
    row.push_back({projects});
    rows.push_back(std::move(row));
  }
  *ctx.out << heading(tr(lang, "Load in FTE, {} to {} (peak of each period; ! over capacity)",
                         "人员负荷（FTE），{} 至 {}（各周期峰值；! 表示超过产能）",
                         model::format_date(view.from), model::format_date(view.to)),
                      color)
           << "\n\n";
  if (rows.empty())
    *ctx.out << pick(lang, "No one is assigned in this window.\n", "该时间范围内没有人员投入。\n");
  else
    *ctx.out << render_table(columns, rows, color);
  if (!view.conflicts.empty()) {
    *ctx.out << '\n'
             << heading(pick(lang, "Over-allocations", "资源冲突（超负荷）"), color) << "\n\n";
    for (const auto& o : view.conflicts) {
      std::string text = model::overload_text(o, lang);
      if (const auto depts = report::departments_of(o); rollup && depts.size() > 1)
        text += tr(lang, " [across departments: {}; no one department sees it]",
                   "［跨部门：{}；任何单个部门都看不到］", fmt::join(depts, ", "));
      *ctx.out << "  " << report::terminal_safe(text) << '\n';
    }
  }
  if (!ctx.quiet)
    *ctx.err << tr(
        lang, "{} across {} that hold people (past G1, not closed or rejected); {}.\n",
        "共 {}，来自 {}（已通过立项、未收尾或否决）；{}。\n",
        model::counted(lang, view.people.size(), "{} person", "{} people", "{} 人"),
        model::counted(lang, view.holding_projects, "{} project", "{} projects", "{} 个在建项目"),
        model::counted(lang, view.conflicts.size(), "{} over-allocation", "{} over-allocations",
                       "{} 处资源冲突"));
}

int run_rollup(Context& ctx, const ResourcesOptions& opts, Reading enterprise,
               const std::vector<model::DepartmentDef>& departments) {
  const RollupReading rr = read_rollup(ctx, std::move(enterprise), departments);
  const Lang lang = rr.enterprise.lang;
  const model::Office& office = rr.enterprise.loaded.portfolio.office;
  const auto [from, to] = window_of(ctx, opts, office.control.cadence, lang);
  const report::Rollup rollup = report::roll_up(office, rr.parts(), lang);
  show(ctx, opts, report::rollup_resources(rollup, from, to, lang), office, lang, &rr);
  return rr.exit_code();
}

int run_resources(Context& ctx, const ResourcesOptions& opts) {
  Reading r = read_working_tree(ctx);
  if (auto departments = read_departments(r.ws, r.lang); !departments.empty())
    return run_rollup(ctx, opts, std::move(r), departments);
  const Lang lang = r.lang;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  const auto [from, to] = window_of(ctx, opts, portfolio.office.control.cadence, lang);
  show(ctx, opts, report::resource_view(portfolio, from, to, lang), portfolio.office, lang,
       nullptr);
  return r.exit_code();
}

} // namespace

void add_resources(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ResourcesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "resources", help("Each person's load per period across projects, over-allocation marked",
                        "各人员在各项目中的周期负荷，标出资源冲突"));
  cmd->add_option(
      "--from", opts->from,
      help("First day of the window (default: this period)", "时间范围的开始日期（默认：本周期）"));
  cmd->add_option("--to", opts->to,
                  help("Last day of the window (default: 8 weeks or 6 months on)",
                       "时间范围的结束日期（默认：往后 8 周或 6 个月）"));
  cmd->add_flag("--json", opts->json, help("JSON output", "以 JSON 输出"));
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_resources(ctx, *opts); }; });
}

} // namespace pmo::cli
