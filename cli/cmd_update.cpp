// pmo update ID --period PERIOD --percent N --actual-cost AMOUNT ... — one status report
// (状态报告) for one reporting period: a new file projects/ID/status/PERIOD.yaml, one commit.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

#include <pmo/model/period.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct UpdateOptions {
  std::string project;
  std::string period;
  std::string percent;
  std::string actual_cost;
  std::vector<std::string> forecasts; // NAME=DATE
  std::vector<std::string> health;    // DIMENSION=RAG
  std::string summary;
  std::vector<std::string> accomplishments;
  std::vector<std::string> next_steps;
  bool amend = false; // replace the period's report (a correction), marking it amended
};

int run_update(Context& ctx, const UpdateOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  std::string path;
  bool before_start = false;
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::one_project(opts.project), [&](const store::Loaded& head) {
        const model::Portfolio& portfolio = head.portfolio;
        const model::Project& project = controlled_project(head, opts.project, lang, "status");
        const model::Cadence cadence = portfolio.office.control.cadence;

        std::string period =
            opts.period.empty() ? model::format_period(model::period_of(ctx.clock.today(), cadence))
                                : opts.period;
        auto parsed = model::parse_period(period);
        if (!parsed || parsed->cadence != cadence)
          throw Failure(k_exit_findings,
                        tr(lang, "--period: '{}' is not a {} period ({})",
                           "--period：“{}”不是{}报告周期（{}）", one_line(period),
                           cadence == model::Cadence::weekly ? model::pick(lang, "weekly", "每周")
                                                             : model::pick(lang, "monthly", "每月"),
                           cadence == model::Cadence::weekly ? "2026-W47" : "2026-11"));

        const model::Date starts = model::period_start(*parsed);
        if (starts > ctx.clock.today())
          throw Failure(k_exit_findings,
                        tr(lang,
                           "--period: {} has not started (it starts on {}); a status report is "
                           "for a period under way or ended",
                           "--period：{} 尚未开始（{} 开始）；状态报告只能针对进行中或已结束的周期",
                           period, model::format_date(starts)));
        before_start = project.start && model::period_end(*parsed) < *project.start;

        const auto reports = portfolio.reports_of(project.id);
        const bool exists =
            std::any_of(reports.begin(), reports.end(),
                        [&](const model::StatusReport* r) { return r->period == period; });
        if (exists && !opts.amend)
          throw Failure(
              k_exit_findings,
              tr(lang,
                 "the status report for {} already exists; to correct it, run pmo update "
                 "{} --period {} --amend with the whole corrected report",
                 "{} 的状态报告已存在；如需更正，请运行 pmo update {} --period {} --amend "
                 "并给出完整的更正内容",
                 period, project.id, period));
        if (!exists && opts.amend)
          throw Failure(k_exit_findings,
                        tr(lang, "--amend: there is no status report for {} to correct",
                           "--amend：没有 {} 的状态报告可更正", period));

        model::StatusReport report;
        report.project = project.id;
        report.period = period;
        if (opts.amend)
          report.amended = ctx.clock.today();
        report.percent_complete = number_option(opts.percent, "--percent", lang);
        report.actual_cost = amount_option(opts.actual_cost, "--actual-cost", lang);
        for (const auto& item : opts.forecasts) {
          auto [name, date] = split_pair(item, "--forecast", lang);
          bool known = std::any_of(project.milestones.begin(), project.milestones.end(),
                                   [&](const model::Milestone& m) { return m.name == name; });
          if (!known)
            throw Failure(k_exit_findings,
                          tr(lang, "--forecast: {} has no milestone '{}'",
                             "--forecast：{} 没有里程碑“{}”", project.id, one_line(name)));
          report.forecasts.push_back({name, date_option(date, "--forecast", lang)});
        }
        for (const auto& item : opts.health) {
          auto [dimension, rag] = split_pair(item, "--health", lang);
          auto d = model::parse_dimension(dimension);
          auto r = model::parse_rag(rag);
          if (!d || !r)
            throw Failure(k_exit_findings,
                          tr(lang,
                             "--health: '{}' is not DIMENSION=RAG (schedule|cost|scope|quality = "
                             "green|amber|red)",
                             "--health：“{}”不是 维度=评级（schedule|cost|scope|quality = "
                             "green|amber|red）",
                             one_line(item)));
          report.health[*d] = *r;
        }
        report.summary = opts.summary;
        report.accomplishments = opts.accomplishments;
        report.next_steps = opts.next_steps;

        path = "projects/" + project.id + "/status/" + period + ".yaml";
        std::string text = codec::encode_status_report(report);
        check_record(codec::decode_status_report(text, path, project.id, period, lang), path, lang);

        WritePlan plan;
        plan.files.push_back({path, text});
        plan.create_only = !opts.amend;
        plan.author = operator_signature(ws, ctx.clock.now);
        Lang office_lang = portfolio.office.language;
        std::vector<std::string> body;
        if (!report.summary.empty())
          body.push_back(one_line(report.summary));
        plan.message = git::compose_message(
            tr(office_lang, "Status {}{}: {} {} — {}% complete, cost {}",
               "状态报告 {}{}：{} {} —— 完成 {}%，成本 {}", period,
               opts.amend ? model::pick(office_lang, " (amended)", "（更正）") : "", project.id,
               one_line(project.title), report::format_amount(report.percent_complete),
               report::format_amount(report.actual_cost)),
            body, {{"Pmo-Project", project.id}, {"Pmo-Status", period}});
        return plan;
      });
  *ctx.out << commit << '\n';
  if (before_start)
    *ctx.err << tr(lang,
                   "warning: {} ended before the project's planned start; is the period "
                   "right?\n",
                   "警告：{} 在项目计划开始日期之前就已结束；周期是否正确？\n", opts.period);
  if (!ctx.quiet)
    *ctx.err << tr(lang, "{} the status report {} (commit {}).\n", "已{}状态报告 {}（提交 {}）。\n",
                   opts.amend ? model::pick(lang, "Amended", "更正")
                              : model::pick(lang, "Recorded", "记录"),
                   path, commit.substr(0, 7));
  return k_exit_ok;
}

} // namespace

void add_update(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<UpdateOptions>();
  CLI::App* cmd =
      app.add_subcommand("update", help("Record a status report for a period (one commit)",
                                        "记录某一报告周期的状态报告（一次提交）"));
  cmd->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  cmd->add_option(
      "--period", opts->period,
      help("Reporting period: 2026-W47 (weekly) or 2026-11 (monthly); default: the current one",
           "报告周期：2026-W47（每周）或 2026-11（每月）；默认：当前周期"));
  cmd->add_option("--percent", opts->percent, help("Percent complete, 0-100", "完成百分比，0-100"))
      ->required();
  cmd->add_option("--actual-cost", opts->actual_cost,
                  help("Actual cost to date", "截至目前的实际成本"))
      ->required();
  cmd->add_option("--forecast", opts->forecasts,
                  help("Milestone forecast NAME=YYYY-MM-DD (repeatable)",
                       "里程碑预测 NAME=YYYY-MM-DD（可重复）"))
      ->allow_extra_args(false);
  cmd->add_option("--health", opts->health,
                  help("The manager's rating DIMENSION=green|amber|red (repeatable)",
                       "项目经理的评级 DIMENSION=green|amber|red（可重复）"))
      ->allow_extra_args(false);
  cmd->add_option("--summary", opts->summary, help("Summary of the period", "本周期的摘要"));
  cmd->add_option("--done", opts->accomplishments,
                  help("An accomplishment (repeatable)", "一项已完成的工作（可重复）"))
      ->allow_extra_args(false);
  cmd->add_option("--next", opts->next_steps,
                  help("A next step (repeatable)", "一项下一步工作（可重复）"))
      ->allow_extra_args(false);
  cmd->add_flag(
      "--amend", opts->amend,
      help("Correct the period's report: it is replaced by this one (one commit) and marked "
           "amended",
           "更正该周期的状态报告：以本次报告替换（一次提交），并标记为已更正"));
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_update(ctx, *opts); }; });
}

} // namespace pmo::cli
