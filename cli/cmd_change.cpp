// pmo change request ID ... — a change request (变更申请): a new file
// projects/ID/changes/CR-xxxxx.yaml (an id two clones cannot both draw), one commit. The CCB
// decides it with pmo review --change.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

#include <pmo/journal/journal.hpp>
#include <pmo/report/text.hpp>

#include <cmath>
#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct ChangeOptions {
  std::string project;
  std::string title, reason, requested_by, scope, schedule_days, cost, quality;
  std::vector<std::string> alternatives;
};

int run_change(Context& ctx, const ChangeOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  std::string path;
  std::string id;
  bool no_alternative = false;
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::one_project(opts.project), [&](const store::Loaded& head) {
        const model::Portfolio& portfolio = head.portfolio;
        const model::Project& project = controlled_project(head, opts.project, lang, "change");
        model::ChangeRequest change;
        change.project = project.id;
        change.title = opts.title;
        change.reason = opts.reason;
        Problems problems; // every mistake of the command line at once
        // The requester: --as, else the operator (the roster person with git's user.email).
        change.requested_by = opts.requested_by;
        if (!opts.requested_by.empty() && !portfolio.person(opts.requested_by))
          problems.add(tr(lang, "--as: '{}' is not in the roster", "--as：“{}”不在人员名册中",
                          one_line(opts.requested_by)));
        if (opts.requested_by.empty()) {
          std::vector<const model::Person*> people;
          for (const auto& person : portfolio.people)
            people.push_back(&person);
          if (const model::Person* me =
                  journal::person_with_email(people, operator_signature(ws, ctx.clock.now).email))
            change.requested_by = me->id;
          else
            problems.add(
                tr(lang,
                   "--as PERSON is required: who requests the change (your git "
                   "user.email is nobody's in the roster)",
                   "必须用 --as 指定变更申请人（您的 git user.email 不属于名册中的任何人）"));
        }
        change.requested = ctx.clock.today();
        change.scope_impact = opts.scope;
        change.quality_impact = opts.quality;
        if (!opts.schedule_days.empty())
          problems.collect([&] {
            double days = number_option(opts.schedule_days, "--schedule-days", lang);
            if (days != std::trunc(days) || std::fabs(days) > 3650)
              throw Failure(k_exit_findings,
                            tr(lang, "--schedule-days must be a whole number of days, not {}",
                               "--schedule-days 必须是整数天数，而不是 {}",
                               one_line(opts.schedule_days)));
            change.schedule_days = static_cast<int>(days);
          });
        if (!opts.cost.empty())
          problems.collect([&] { change.cost = amount_option(opts.cost, "--cost", lang, true); });
        // Seed 002 §2.4: a change request states its impact (on scope, schedule, cost or quality).
        if (opts.scope.empty() && opts.quality.empty() && opts.schedule_days.empty() &&
            opts.cost.empty())
          problems.add(tr(lang,
                          "a change request states its impact: give at least one of --scope, "
                          "--schedule-days, --cost, --quality",
                          "变更申请必须说明影响：请至少给出 --scope、--schedule-days、--cost、"
                          "--quality 之一"));
        change.alternatives = opts.alternatives;
        problems.raise(k_exit_findings);
        no_alternative = opts.alternatives.empty();

        std::string text = codec::encode_change(change);
        git::Signature author = operator_signature(ws, ctx.clock.now);
        std::vector<std::string> used;
        for (const model::ChangeRequest* c : portfolio.changes_of(project.id))
          used.push_back(c->id);
        change.id = id = new_record_id(ctx, "CR", author, project.id, text, used);
        path = "projects/" + project.id + "/changes/" + change.id + ".yaml";
        check_record(codec::decode_change(text, path, project.id, change.id, lang), path, lang);
        WritePlan plan;
        plan.files.push_back({path, text});
        plan.author = author;
        Lang office_lang = portfolio.office.language;
        plan.message = git::compose_message(
            tr(office_lang, "Change request {}: {} {} ({}, cost {}{})",
               "变更申请 {}：{} {}（工期 {}，成本 {}{}）", change.id, project.id,
               one_line(change.title),
               model::counted(office_lang, change.schedule_days, "{:+} day", "{:+} days",
                              "{:+} 天"),
               change.cost >= 0 ? "+" : "", report::format_amount(change.cost)),
            {one_line(change.reason)}, {{"Pmo-Project", project.id}, {"Pmo-Change", change.id}});
        return plan;
      });
  *ctx.out << id << '\n';
  if (no_alternative)
    *ctx.err << pick(lang,
                     "warning: no alternative considered (--alternative); the CCB weighs the "
                     "change against its alternatives\n",
                     "警告：未给出备选方案（--alternative）；变更控制委员会需要将变更与备选方案对比"
                     "权衡\n");
  if (!ctx.quiet)
    *ctx.err << tr(lang,
                   "Recorded change request {} — {} (commit {}); the CCB decides it with "
                   "pmo review {} --change {} --decision ...\n",
                   "已记录变更申请 {} —— {}（提交 {}）；变更控制委员会用 pmo review {} --change {} "
                   "--decision ... 决策\n",
                   id, path, commit.substr(0, 7), opts.project, id);
  return k_exit_ok;
}

} // namespace

void add_change(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ChangeOptions>();
  CLI::App* cmd =
      app.add_subcommand("change", help("Change control: request a change, list the change log",
                                        "变更控制：提出变更申请，列出变更日志"));
  cmd->require_subcommand(1);
  CLI::App* request = cmd->add_subcommand(
      "request", help("Request a change (one commit)", "提出变更申请（一次提交）"));
  request->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  request->add_option("--title", opts->title, help("What changes", "变更内容"))->required();
  request->add_option("--reason", opts->reason, help("Why", "变更原因"))->required();
  request->add_option(
      "--as", opts->requested_by,
      help("Who requests it (person id); default: the roster person with your git "
           "user.email",
           "变更申请人（人员标识）；默认：人员名册中电子邮箱为您的 git user.email 的人员"));
  request->add_option(
      "--scope", opts->scope,
      help("Impact on scope (give at least one of --scope, --schedule-days, --cost, "
           "--quality)",
           "对范围的影响（--scope、--schedule-days、--cost、--quality 至少给出一项）"));
  request->add_option(
      "--schedule-days", opts->schedule_days,
      help("Impact on schedule in days (moves the end and the milestones not yet due)",
           "对工期的影响，以天计（随之调整结束日期和尚未到期的里程碑）"));
  request->add_option(
      "--cost", opts->cost,
      help("Impact on cost (added to the budget at completion)", "对成本的影响（计入完工预算）"));
  request->add_option("--quality", opts->quality, help("Impact on quality", "对质量的影响"));
  request
      ->add_option("--alternative", opts->alternatives,
                   help("An alternative considered (repeatable)", "考虑过的备选方案（可重复）"))
      ->allow_extra_args(false);
  request->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_change(ctx, *opts); }; });
  add_register_list(*cmd, "change", action, help);
}

} // namespace pmo::cli
