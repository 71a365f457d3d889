// pmo status [ID] — the portfolio as a table, or one project: its record, its gate history with
// the commits that recorded it, and what its next gate still needs. The text comes from
// render_terminal, the JSON from render_json.

#include "commands.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_terminal.hpp"
#include "rollup.hpp"

#include <pmo/report/portfolio.hpp>

#include <ostream>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;

struct StatusOptions {
  std::string id;
  bool json = false;
};

// An enterprise office (pmo.yaml departments): every department's projects, ids qualified.
int run_rollup(Context& ctx, const StatusOptions& opts, Reading enterprise,
               const std::vector<model::DepartmentDef>& departments) {
  const RollupReading rr = read_rollup(ctx, std::move(enterprise), departments);
  const Lang lang = rr.enterprise.lang;
  const auto parts = rr.parts();
  const report::Rollup rollup = report::roll_up(rr.enterprise.loaded.portfolio.office, parts, lang);
  const auto rows = report::rollup_rows(parts, rollup.people, ctx.clock, lang);
  if (opts.json) {
    auto projects = nlohmann::json::array();
    for (const auto& row : rows)
      projects.push_back(to_json(row));
    *ctx.out << dump_json({{"schema_version", 1},
                           {"office", rr.enterprise.loaded.portfolio.office.name},
                           {"generated_at", model::format_timestamp(ctx.clock.now)},
                           {"departments", departments_json(rr)},
                           {"projects", projects}});
    return rr.exit_code();
  }
  if (rows.empty()) {
    if (!ctx.quiet)
      *ctx.err << pick(lang, "No projects in any department yet.\n", "各部门尚无项目。\n");
    return rr.exit_code();
  }
  *ctx.out << render_status_table(rollup.merged, rows, data_color(ctx), lang);
  return rr.exit_code();
}

int run_portfolio(Context& ctx, const StatusOptions& opts) {
  Reading r = read_working_tree(ctx);
  if (auto departments = read_departments(r.ws, r.lang); !departments.empty())
    return run_rollup(ctx, opts, std::move(r), departments);
  const model::Portfolio& portfolio = r.loaded.portfolio;
  auto rows = report::project_rows(portfolio, ctx.clock, r.lang);
  const bool color = data_color(ctx);

  if (opts.json) {
    auto projects = nlohmann::json::array();
    for (const auto& row : rows)
      projects.push_back(to_json(row));
    nlohmann::json doc = {{"schema_version", 1},
                          {"office", portfolio.office.name},
                          {"days", model::to_string(portfolio.office.control.days)},
                          {"generated_at", model::format_timestamp(ctx.clock.now)},
                          {"projects", projects}};
    *ctx.out << dump_json(doc);
    return r.exit_code();
  }
  if (rows.empty()) {
    if (!ctx.quiet)
      *ctx.err << pick(r.lang, "No projects yet; register one with 'pmo propose --title TITLE'.\n",
                       "尚无项目；请用 pmo propose --title 标题 登记立项申请。\n");
    return r.exit_code();
  }
  *ctx.out << render_status_table(portfolio, rows, color, r.lang);
  return r.exit_code();
}

int run_project(Context& ctx, const StatusOptions& given) {
  StatusOptions opts = given;
  if (auto dept = department_for(ctx, opts.id))
    return run_project(*dept, opts); // it/P-001: the department's own page
  Reading r = read_project(ctx, opts.id);
  Lang lang = r.lang;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  ProjectPage page = project_page(ctx, r, opts.id);
  const model::Project* project = page.project;
  const History& history = page.history;
  const report::ProjectDetail& detail = page.detail;

  if (opts.json) {
    *ctx.out << dump_json(project_json(portfolio, *project, detail, history.records.has_value(),
                                       history.unavailable, ctx.clock));
    return r.exit_code();
  }

  *ctx.out << render_status_page(portfolio, *project, detail, history.records.has_value(),
                                 history.unavailable, ctx.clock, data_color(ctx), lang);
  return r.exit_code();
}

} // namespace

void add_status(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<StatusOptions>();
  CLI::App* cmd = app.add_subcommand(
      "status",
      help("The portfolio as a table, or one project's record, gate history and next gate",
           "以表格显示项目组合，或显示单个项目的记录、关口历史和下一关口"));
  cmd->add_option("ID", opts->id, help("A project id: show that project", "项目编号：显示该项目"));
  cmd->add_flag("--json", opts->json, help("JSON on stdout", "在标准输出上输出 JSON"));
  cmd->callback([&action, opts] {
    action = [opts](Context& ctx) {
      return opts->id.empty() ? run_portfolio(ctx, *opts) : run_project(ctx, *opts);
    };
  });
}

} // namespace pmo::cli
