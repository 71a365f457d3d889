// pmo risk list | issue list | change list [ID] [--all] [--json] — the registers of project
// control: the risk register, the issue log and the change log, of one project or of the whole
// portfolio. Open entries by default; --all adds closed risks, resolved issues and the change
// requests the CCB approved or rejected. Change states follow the ledger, as in status.

#include "commands.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_table.hpp"

#include <pmo/model/ids.hpp>
#include <pmo/report/registers.hpp>
#include <pmo/report/text.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <ostream>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;

enum class Kind { risk, issue, change };

struct ListOptions {
  Kind kind = Kind::risk;
  std::string project;
  bool all = false;
  bool json = false;
};

std::string date_text(const std::optional<model::Date>& date) {
  return date ? model::format_date(*date) : "—";
}

const auto k_warn = fmt::fg(fmt::terminal_color::yellow);
const auto k_alarm = fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
const auto k_done = fmt::fg(fmt::terminal_color::bright_black);

std::vector<TableRow> risk_rows(const model::Portfolio& portfolio,
                                const std::vector<report::RiskLine>& lines, bool with_project,
                                Lang lang) {
  std::vector<TableRow> rows;
  for (const auto& line : lines) {
    const model::Risk& r = *line.risk;
    TableCell status =
        !r.open ? TableCell{tr(lang, "closed {}", "已关闭 {}", date_text(r.closed)), k_done}
        : line.escalated ? TableCell{pick(lang, "escalated", "已升级"), k_alarm}
                         : TableCell{pick(lang, "open", "未关闭")};
    TableRow row;
    if (with_project)
      row.push_back({r.project});
    row.push_back({r.id});
    row.push_back({tr(lang, "{} ({}×{})", "{}（{}×{}）", r.score(), r.probability, r.impact)});
    row.push_back({model::response_name(r.response, lang)});
    row.push_back({person_text(portfolio, r.owner, lang)});
    row.push_back({date_text(r.due)});
    row.push_back(status);
    row.push_back({r.description});
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<TableRow> issue_rows(const model::Portfolio& portfolio,
                                 const std::vector<report::IssueLine>& lines, bool with_project,
                                 Lang lang) {
  std::vector<TableRow> rows;
  for (const auto& line : lines) {
    const model::Issue& i = *line.issue;
    TableCell status =
        i.resolved
            ? TableCell{tr(lang, "resolved {}", "已解决 {}", model::format_date(*i.resolved)),
                        k_done}
        : line.overdue ? TableCell{pick(lang, "overdue", "已逾期"), k_alarm}
                       : TableCell{pick(lang, "open", "未解决")};
    TableRow row;
    if (with_project)
      row.push_back({i.project});
    row.push_back({i.id});
    row.push_back({model::priority_name(i.priority, lang),
                   i.priority == model::Priority::critical ? k_warn : fmt::text_style{}});
    row.push_back({person_text(portfolio, i.owner, lang)});
    row.push_back({date_text(i.due)});
    row.push_back(status);
    row.push_back({i.description});
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<TableRow> change_rows(const model::Portfolio& portfolio,
                                  const std::vector<report::ChangeLine>& lines, bool with_project,
                                  Lang lang) {
  std::vector<TableRow> rows;
  for (const auto& line : lines) {
    const model::ChangeState& state = line.state;
    const model::ChangeRequest& cr = *state.change;
    std::string status = model::change_status_name(state.status, lang);
    if (state.status == model::ChangeStatus::pending)
      status += tr(lang, " ({} of {} approvals)", "（已批准 {} / 需 {}）",
                   state.board.approvals.size(), state.board.approvals_needed);
    else if (state.decided_at)
      status += " " + model::format_date(std::chrono::floor<std::chrono::days>(*state.decided_at));
    TableRow row;
    if (with_project)
      row.push_back({cr.project});
    row.push_back({cr.id});
    row.push_back({cr.title});
    row.push_back({status, line.open ? fmt::text_style{} : k_done});
    row.push_back({model::counted(lang, cr.schedule_days, "{:+} day", "{:+} days", "{:+} 天")});
    row.push_back({report::format_amount(cr.cost)});
    row.push_back({person_text(portfolio, cr.requested_by, lang)});
    row.push_back({date_text(cr.requested)});
    rows.push_back(std::move(row));
  }
  return rows;
}

int run_list(Context& ctx, const ListOptions& opts) {
  const bool one = !opts.project.empty();
  if (one && !model::is_valid_id(opts.project)) {
    Lang lang = early_language(ctx, nullptr);
    throw Failure(k_exit_usage, tr(lang, "'{}' is not a valid project id", "“{}”不是有效的项目编号",
                                   report::terminal_safe(opts.project)));
  }
  Reading r = one ? read_project(ctx, opts.project) : read_working_tree(ctx);
  const Lang lang = r.lang;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  const model::Project* project = nullptr;
  if (one) {
    project = portfolio.project(opts.project);
    if (!project)
      throw Failure(k_exit_findings, tr(lang, "no project '{}' in this portfolio",
                                        "组合中没有项目“{}”", opts.project));
  }
  const auto reg = report::registers(portfolio, project, opts.all, ctx.clock.today(), lang);

  if (opts.json) {
    auto items = nlohmann::json::array();
    const char* key = "risks";
    switch (opts.kind) {
    case Kind::risk:
      for (const auto& line : reg.risks)
        items.push_back(risk_json(*line.risk, line.escalated));
      break;
    case Kind::issue:
      key = "issues";
      for (const auto& line : reg.issues)
        items.push_back(issue_json(*line.issue, line.overdue));
      break;
    case Kind::change:
      key = "changes";
      for (const auto& line : reg.changes)
        items.push_back(change_json(line.state));
      break;
    }
    nlohmann::json doc = {{"schema_version", 1},
                          {"project", one ? nlohmann::json(opts.project) : nlohmann::json(nullptr)},
                          {"all", opts.all},
                          {key, items},
                          {"generated_at", model::format_timestamp(ctx.clock.now)}};
    *ctx.out << dump_json(doc);
    return r.exit_code();
  }

  const std::string where = one ? opts.project : pick(lang, "the portfolio", "组合");
  std::vector<TableColumn> columns;
  if (!one)
    columns.push_back({pick(lang, "Project", "项目")});
  std::vector<TableRow> rows;
  std::size_t listed = 0;
  int hidden = 0;
  std::string none;
  std::string hidden_note;
  switch (opts.kind) {
  case Kind::risk:
    columns.insert(columns.end(), {{pick(lang, "ID", "编号")},
                                   {pick(lang, "Score", "评分"), true},
                                   {pick(lang, "Response", "应对")},
                                   {pick(lang, "Owner", "负责人"), false, 24},
                                   {pick(lang, "Due", "到期")},
                                   {pick(lang, "Status", "状态")},
                                   {pick(lang, "Description", "描述"), false, 48}});
    rows = risk_rows(portfolio, reg.risks, !one, lang);
    listed = reg.risks.size();
    hidden = reg.closed_risks;
    none = tr(lang, "No open risks in {}.", "{} 没有未关闭的风险。", where);
    hidden_note = model::counted(lang, hidden, "{} closed risk not shown (--all lists it)",
                                 "{} closed risks not shown (--all lists them)",
                                 "另有 {} 个已关闭风险未列出（--all 可列出）");
    break;
  case Kind::issue:
    columns.insert(columns.end(), {{pick(lang, "ID", "编号")},
                                   {pick(lang, "Priority", "优先级")},
                                   {pick(lang, "Owner", "负责人"), false, 24},
                                   {pick(lang, "Due", "到期")},
                                   {pick(lang, "Status", "状态")},
                                   {pick(lang, "Description", "描述"), false, 48}});
    rows = issue_rows(portfolio, reg.issues, !one, lang);
    listed = reg.issues.size();
    hidden = reg.resolved_issues;
    none = tr(lang, "No open issues in {}.", "{} 没有未解决的问题。", where);
    hidden_note = model::counted(lang, hidden, "{} resolved issue not shown (--all lists it)",
                                 "{} resolved issues not shown (--all lists them)",
                                 "另有 {} 个已解决问题未列出（--all 可列出）");
    break;
  case Kind::change:
    columns.insert(columns.end(), {{pick(lang, "ID", "编号")},
                                   {pick(lang, "Title", "名称"), false, 40},
                                   {pick(lang, "Status", "状态")},
                                   {pick(lang, "Schedule", "工期"), true},
                                   {pick(lang, "Cost", "成本"), true},
                                   {pick(lang, "Requested by", "申请人"), false, 24},
                                   {pick(lang, "Requested", "申请日期")}});
    rows = change_rows(portfolio, reg.changes, !one, lang);
    listed = reg.changes.size();
    hidden = reg.decided_changes;
    none = tr(lang, "No open change requests in {}.", "{} 没有待决的变更申请。", where);
    hidden_note =
        model::counted(lang, hidden, "{} decided change request not shown (--all lists it)",
                       "{} decided change requests not shown (--all lists them)",
                       "另有 {} 个已决变更申请未列出（--all 可列出）");
    break;
  }
  if (listed > 0)
    *ctx.out << render_table(columns, rows, data_color(ctx));
  else if (!ctx.quiet && !(opts.all && hidden > 0))
    *ctx.err << none << '\n';
  if (!ctx.quiet && !opts.all && hidden > 0)
    *ctx.err << hidden_note << '\n';
  return r.exit_code();
}

} // namespace

void add_register_list(CLI::App& register_cmd, std::string_view kind, Action& action,
                       const Help& help) {
  auto opts = std::make_shared<ListOptions>();
  opts->kind = kind == "risk" ? Kind::risk : kind == "issue" ? Kind::issue : Kind::change;
  const std::string about =
      opts->kind == Kind::risk ? help("List the risk register (open risks; --all: closed too)",
                                      "列出风险登记册（未关闭的风险；--all：也包括已关闭的）")
      : opts->kind == Kind::issue
          ? help("List the issue log (open issues; --all: resolved too)",
                 "列出问题日志（未解决的问题；--all：也包括已解决的）")
          : help("List the change log (open change requests; --all: decided too)",
                 "列出变更日志（待决的变更申请；--all：也包括已决的）");
  CLI::App* list = register_cmd.add_subcommand("list", about);
  list->add_option("ID", opts->project,
                   help("A project id: only that project", "项目编号：只列出该项目的条目"));
  list->add_flag("--all", opts->all, help("Include closed entries", "也包括已关闭的条目"));
  list->add_flag("--json", opts->json, help("JSON on stdout", "在标准输出上输出 JSON"));
  list->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_list(ctx, *opts); }; });
}

} // namespace pmo::cli
