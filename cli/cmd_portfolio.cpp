// pmo portfolio rank [--json] — the office's projects ordered by the scoring model, each
// criterion's contribution shown (项目优先级排序).
// pmo portfolio select --budget AMOUNT [--year YYYY] [--force-in ID]… [--force-out ID]…
//   [--unit AMOUNT] [--json] — the proposals that maximise the total score within the budget,
// what was left out and why, and the efficient frontier.

#include "commands.hpp"
#include "control_write.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_table.hpp"

#include <pmo/model/lifecycle.hpp>
#include <pmo/report/priorities.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <ostream>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;

struct RankOptions {
  bool json = false;
};

struct SelectOptions {
  std::string budget;
  std::optional<int> year;
  std::vector<std::string> force_in;
  std::vector<std::string> force_out;
  std::string unit;
  bool json = false;
};

std::string points(double value) { return fmt::format("{:.1f}", value); }

std::string criterion_header(const model::Criterion& c, Lang lang) {
  const std::string name = c.name.in(lang).empty() ? c.id : c.name.in(lang);
  return fmt::format("{} {}{}", name, report::format_amount(c.weight), c.inverse ? "↓" : "");
}

nlohmann::json ranked_json(const report::RankRow& row, Lang lang) {
  const model::Ranked& r = row.ranked;
  auto parts = nlohmann::json::array();
  for (const auto& part : r.parts)
    parts.push_back({{"criterion", part.criterion->id},
                     {"score", part.score ? nlohmann::json(*part.score) : nlohmann::json(nullptr)},
                     {"points", part.points}});
  return {{"id", r.project->id},
          {"title", r.project->title},
          {"stage", row.stage},
          {"stage_label", model::stage_name(row.stage, lang)},
          {"candidate", row.candidate},
          {"score", r.score},
          {"unscored", r.unscored},
          {"cost", r.cost ? nlohmann::json(*r.cost) : nlohmann::json(nullptr)},
          {"criteria", parts}};
}

nlohmann::json model_json(const model::PrioritySettings& p, Lang lang) {
  auto criteria = nlohmann::json::array();
  for (const auto& c : p.criteria)
    criteria.push_back(
        {{"id", c.id}, {"name", c.name.in(lang)}, {"weight", c.weight}, {"inverse", c.inverse}});
  return {{"scale", p.scale}, {"criteria", criteria}};
}

int run_rank(Context& ctx, const RankOptions& opts) {
  Reading r = read_working_tree(ctx);
  const Lang lang = r.lang;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  const auto rows = report::rank_portfolio(portfolio, lang);
  const auto& priorities = portfolio.office.priorities;

  if (opts.json) {
    auto projects = nlohmann::json::array();
    for (const auto& row : rows)
      projects.push_back(ranked_json(row, lang));
    *ctx.out << dump_json({{"schema_version", 1},
                           {"office", portfolio.office.name},
                           {"currency", portfolio.office.currency},
                           {"model", model_json(priorities, lang)},
                           {"projects", projects}});
    return r.exit_code();
  }

  std::vector<TableColumn> columns{{pick(lang, "#", "排名"), true},
                                   {pick(lang, "Project", "项目")},
                                   {pick(lang, "Title", "名称"), false, 28},
                                   {pick(lang, "Stage", "阶段")},
                                   {pick(lang, "Score", "得分"), true}};
  for (const auto& c : priorities.criteria)
    columns.push_back({criterion_header(c, lang), true});
  columns.push_back({tr(lang, "Cost ({})", "成本（{}）", portfolio.office.currency), true});
  std::vector<TableRow> table;
  int unscored = 0, candidates = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const model::Ranked& ranked = rows[i].ranked;
    TableRow line{{std::to_string(i + 1)},
                  {ranked.project->id},
                  {ranked.project->title},
                  {model::stage_name(rows[i].stage, lang)},
                  {points(ranked.score), fmt::emphasis::bold}};
    for (const auto& part : ranked.parts)
      line.push_back({part.score ? points(part.points) : std::string{"—"}});
    line.push_back({ranked.cost ? report::format_amount(*ranked.cost) : std::string{"—"}});
    table.push_back(std::move(line));
    unscored += ranked.unscored > 0;
    candidates += rows[i].candidate;
  }
  *ctx.out << render_table(columns, table, data_color(ctx));
  if (!ctx.quiet) {
    *ctx.err << tr(
        lang,
        "{} ranked ({} awaiting funding); the score is out of 100, each criterion "
        "its weight's share (↓: a high score counts against).\n",
        "共 {}（其中 {} 个待立项）；满分 100，各项标准按权重占比计分（↓：分数越高越不利）。\n",
        model::counted(lang, rows.size(), "{} project", "{} projects", "{} 个项目"), candidates);
    if (unscored > 0)
      *ctx.err << tr(lang,
                     "warning: {} not scored on every criterion (—): a missing score counts 0; "
                     "add it under scores: in project.yaml\n",
                     "警告：{}未按全部标准评分（—）：缺少的分数按 0 计；请在 project.yaml 的 "
                     "scores: 中补充\n",
                     model::counted(lang, static_cast<std::size_t>(unscored), "{} project",
                                    "{} projects", "{} 个项目"));
  }
  return r.exit_code();
}

std::string left_out_reason(model::LeftOut why, Lang lang) {
  switch (why) {
  case model::LeftOut::budget:
    return pick(lang, "does not fit the budget", "预算不足以容纳");
  case model::LeftOut::forced_out:
    return pick(lang, "forced out (--force-out)", "被指定排除（--force-out）");
  case model::LeftOut::no_cost:
    return pick(lang, "no cost: business_case.cost_estimate or budget is missing",
                "没有成本：缺少 business_case.cost_estimate 或 budget");
  case model::LeftOut::no_score:
    return pick(lang, "scores 0: it would add cost and no score",
                "得分为 0：只增加成本，不增加总分");
  }
  return {};
}

std::string_view left_out_code(model::LeftOut why) {
  switch (why) {
  case model::LeftOut::budget:
    return "budget";
  case model::LeftOut::forced_out:
    return "forced-out";
  case model::LeftOut::no_cost:
    return "no-cost";
  case model::LeftOut::no_score:
    return "no-score";
  }
  return {};
}

int run_select(Context& ctx, const SelectOptions& opts) {
  Reading r = read_working_tree(ctx);
  const Lang lang = r.lang;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  // Read as a record's amounts are: one parser and one range for money (a usage error here).
  auto amount_of = [&](const std::string& text, const char* option) {
    try {
      return amount_option(text, option, lang);
    } catch (const Failure& failure) {
      throw Failure(k_exit_usage, failure.what());
    }
  };
  model::SelectOptions select;
  select.budget = amount_of(opts.budget, "--budget");
  select.force_in = opts.force_in;
  select.force_out = opts.force_out;
  if (!opts.unit.empty())
    select.unit = amount_of(opts.unit, "--unit");
  const double budget = select.budget;
  const report::PortfolioSelection result =
      report::select_portfolio(portfolio, select, opts.year, lang);
  const model::Selection& s = result.selection;
  const std::string& currency = portfolio.office.currency;
  auto money = [&](double amount) { return report::format_amount(amount); };

  using Problem = model::Selection::Problem;
  switch (s.problem) {
  case Problem::none:
    break;
  case Problem::unknown_forced:
    throw Failure(
        k_exit_usage,
        tr(lang,
           "{} is not a candidate: only proposals awaiting funding (stage {}, not on "
           "hold{}) can be forced in or out",
           "{} 不是候选项目：只有待立项的建议（处于 {} 阶段、未暂停{}）可被指定纳入或排除",
           s.problem_id, model::stage_name(portfolio.office.initial_stage, lang),
           opts.year ? tr(lang, ", with costs in {}", "、且在 {} 年有成本", *opts.year)
                     : std::string{}));
  case Problem::forced_over_budget:
    throw Failure(k_exit_findings,
                  tr(lang, "the projects forced in cost {} {}, more than the budget of {} {}",
                     "指定纳入的项目成本为 {} {}，超过预算 {} {}", money(s.problem_amount),
                     currency, money(budget), currency));
  case Problem::too_large:
    throw Failure(k_exit_usage,
                  tr(lang,
                     "the costs have no common unit coarser than {} {}: the exact selection would "
                     "take {} cells; round the costs with --unit {} (costs are rounded up, so "
                     "the choice stays within the budget)",
                     "各成本没有比 {} {} 更大的公共单位：精确求解需要 {} 个单元；请用 --unit {} "
                     "取整（成本向上取整，所选方案仍在预算之内）",
                     money(s.unit), currency, money(static_cast<double>(s.cells)),
                     money(s.problem_amount)));
  case Problem::bad_unit:
    throw Failure(k_exit_usage, pick(lang, "--unit must be at least 0.01", "--unit 至少为 0.01"));
  }

  if (!ctx.quiet)
    for (const auto& id : result.whole_cost)
      *ctx.err << tr(lang, "warning: {} has no start or end: its whole cost is counted in {}\n",
                     "警告：{} 没有开始或结束日期：其全部成本计入 {} 年\n", id, *opts.year);
  const auto frontier = report::frontier_rows(s, budget);
  if (opts.json) {
    auto entry = [&](const model::Candidate* c) {
      return nlohmann::json{{"id", c->ranked->project->id},
                            {"title", c->ranked->project->title},
                            {"score", c->ranked->score},
                            {"cost", c->cost ? nlohmann::json(*c->cost) : nlohmann::json(nullptr)}};
    };
    auto chosen = nlohmann::json::array();
    for (const auto* c : s.chosen) {
      auto e = entry(c);
      e["forced_in"] = std::find(s.forced.begin(), s.forced.end(), c) != s.forced.end();
      chosen.push_back(e);
    }
    auto left = nlohmann::json::array();
    for (const auto& [c, why] : s.left_out) {
      auto e = entry(c);
      e["reason"] = left_out_code(why);
      left.push_back(e);
    }
    auto curve = nlohmann::json::array();
    for (const auto& p : s.frontier)
      curve.push_back({{"budget", p.budget}, {"score", p.score}});
    *ctx.out << dump_json(
        {{"schema_version", 1},
         {"office", portfolio.office.name},
         {"currency", currency},
         {"budget", budget},
         {"year", opts.year ? nlohmann::json(*opts.year) : nlohmann::json(nullptr)},
         {"unit", s.unit},
         {"rounded", s.rounded},
         {"model", model_json(portfolio.office.priorities, lang)},
         {"selected", chosen},
         {"left_out", left},
         {"not_in_year", result.not_in_year},
         {"whole_cost_assumed", result.whole_cost},
         {"total_cost", s.cost},
         {"total_score", s.score},
         {"frontier", curve}});
    return r.exit_code();
  }

  std::ostream& out = *ctx.out;
  const bool color = data_color(ctx);
  const std::string period = opts.year ? tr(lang, " in {}", "（{} 年）", *opts.year) : "";
  out << heading(tr(lang, "Selected within {} {}{}", "在 {} {} 预算内入选的项目{}", money(budget),
                    currency, period),
                 color)
      << '\n';
  std::vector<TableColumn> columns{{pick(lang, "Project", "项目")},
                                   {pick(lang, "Title", "名称"), false, 32},
                                   {pick(lang, "Score", "得分"), true},
                                   {tr(lang, "Cost ({})", "成本（{}）", currency), true},
                                   {pick(lang, "Note", "备注")}};
  std::vector<TableRow> rows;
  for (const auto* c : s.chosen) {
    const bool forced = std::find(s.forced.begin(), s.forced.end(), c) != s.forced.end();
    rows.push_back({{c->ranked->project->id},
                    {c->ranked->project->title},
                    {points(c->ranked->score)},
                    {c->cost ? money(*c->cost) : std::string{"—"}},
                    {forced ? pick(lang, "forced in", "指定纳入") : std::string{}}});
  }
  rows.push_back({{pick(lang, "Total", "合计"), fmt::emphasis::bold},
                  {tr(lang, "{} of {}", "{} / {}", s.chosen.size(), result.candidates.size())},
                  {points(s.score), fmt::emphasis::bold},
                  {money(s.cost), fmt::emphasis::bold},
                  {tr(lang, "{} left", "剩余 {}", money(budget - s.cost))}});
  out << render_table(columns, rows, color);

  if (!s.left_out.empty() || !result.not_in_year.empty()) {
    out << '\n' << heading(pick(lang, "Left out", "未入选"), color) << '\n';
    std::vector<TableRow> left;
    for (const auto& [c, why] : s.left_out)
      left.push_back({{c->ranked->project->id},
                      {c->ranked->project->title},
                      {points(c->ranked->score)},
                      {c->cost ? money(*c->cost) : std::string{"—"}},
                      {left_out_reason(why, lang)}});
    for (const auto& id : result.not_in_year) {
      const model::Project* p = portfolio.project(id);
      left.push_back({{id},
                      {p ? p->title : std::string{}},
                      {""},
                      {""},
                      {tr(lang, "its dates do not touch {}", "计划日期不在 {} 年内", *opts.year)}});
    }
    out << render_table(columns, left, color);
  }

  if (frontier.size() > 1) {
    out << '\n'
        << heading(pick(lang, "Efficient frontier: the best total score at each budget",
                        "有效前沿：各预算下可达到的最高总分"),
                   color)
        << '\n';
    std::vector<TableColumn> fc{{tr(lang, "Budget ({})", "预算（{}）", currency), true},
                                {pick(lang, "Best score", "最高总分"), true},
                                {pick(lang, "Note", "备注")}};
    std::vector<TableRow> frows;
    for (const auto& p : frontier)
      frows.push_back({{money(p.budget)},
                       {points(p.score)},
                       {std::fabs(p.budget - budget) < 1e-9 ? pick(lang, "← budget", "← 预算")
                                                            : std::string{}}});
    out << render_table(fc, frows, color);
  }

  if (!ctx.quiet) {
    *ctx.err << tr(lang,
                   "Exact 0/1 knapsack over {} candidates (proposals awaiting funding), in units "
                   "of {} {}{}.\n",
                   "对 {} 个候选项目（待立项的建议）做精确 0/1 背包求解，金额单位 {} {}{}。\n",
                   result.candidates.size(), money(s.unit), currency,
                   s.rounded ? pick(lang, ", costs rounded up", "，成本向上取整") : "");
  }
  return r.exit_code();
}

} // namespace

void add_portfolio(CLI::App& app, Action& action, const Help& help) {
  CLI::App* cmd =
      app.add_subcommand("portfolio", help("Rank the portfolio's projects and select what to fund",
                                           "项目组合优先级排序与立项选择"));
  cmd->require_subcommand(1);

  auto rank = std::make_shared<RankOptions>();
  CLI::App* rank_cmd = cmd->add_subcommand(
      "rank", help("Projects ordered by the office's scoring model (pmo.yaml priorities)",
                   "按办公室评分模型（pmo.yaml priorities）对项目排序"));
  rank_cmd->add_flag("--json", rank->json, help("JSON output", "以 JSON 输出"));
  rank_cmd->callback(
      [&action, rank] { action = [rank](Context& ctx) { return run_rank(ctx, *rank); }; });

  auto sel = std::make_shared<SelectOptions>();
  CLI::App* select_cmd = cmd->add_subcommand(
      "select", help("The proposals that maximise the total score within a budget",
                     "在预算内使总分最高的建议组合"));
  select_cmd
      ->add_option("--budget", sel->budget,
                   help("The budget, in the office's currency", "预算，单位为办公室币种"))
      ->required();
  select_cmd
      ->add_option("--year", sel->year,
                   help("Count each proposal's share of its cost in this year (by its dates)",
                        "按计划日期只计各建议在该年的成本份额"))
      ->check(CLI::Range(1900, 9999));
  select_cmd->add_option(
      "--force-in", sel->force_in,
      help("Always select this proposal (repeatable)", "必须纳入该建议（可重复）"));
  select_cmd->add_option(
      "--force-out", sel->force_out,
      help("Never select this proposal (repeatable)", "必须排除该建议（可重复）"));
  select_cmd->add_option(
      "--unit", sel->unit,
      help("Round costs up to multiples of this amount first (for costs with no common unit)",
           "先将成本向上取整为该金额的倍数（用于成本没有公共单位时）"));
  select_cmd->add_flag("--json", sel->json, help("JSON output", "以 JSON 输出"));
  select_cmd->callback(
      [&action, sel] { action = [sel](Context& ctx) { return run_select(ctx, *sel); }; });
}

} // namespace pmo::cli
