// pmo change request ID ... — a change request (变更申请): a new file
// projects/ID/changes/CR-xxxxx.yaml (an id two clones cannot both draw), one commit. The CCB
// decides it with pmo review --change.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

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
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::one_project(opts.project), [&](const store::Loaded& head) {
        const model::Portfolio& portfolio = head.portfolio;
        const model::Project& project = controlled_project(head, opts.project, lang);
        model::ChangeRequest change;
        change.project = project.id;
        change.title = opts.title;
        change.reason = opts.reason;
        if (!opts.requested_by.empty() && !portfolio.person(opts.requested_by))
          throw Failure(k_exit_findings,
                        tr(lang, "--as: '{}' is not in the roster", "--as：“{}”不在人员名册中",
                           one_line(opts.requested_by)));
        change.requested_by = opts.requested_by;
        change.requested = ctx.clock.today();
        change.scope_impact = opts.scope;
        change.quality_impact = opts.quality;
        if (!opts.schedule_days.empty()) {
          double days = number_option(opts.schedule_days, "--schedule-days", lang);
          if (days != std::trunc(days) || std::fabs(days) > 3650)
            throw Failure(k_exit_findings,
                          tr(lang, "--schedule-days must be a whole number of days, not {}",
                             "--schedule-days 必须是整数天数，而不是 {}",
                             one_line(opts.schedule_days)));
          change.schedule_days = static_cast<int>(days);
        }
        if (!opts.cost.empty())
          change.cost = number_option(opts.cost, "--cost", lang);
        change.alternatives = opts.alternatives;

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
            tr(office_lang, "Change request {}: {} {} ({}, cost {:+})",
               "变更申请 {}：{} {}（工期 {}，成本 {:+}）", change.id, project.id,
               one_line(change.title),
               model::counted(office_lang, change.schedule_days, "{:+} day", "{:+} days",
                              "{:+} 天"),
               change.cost),
            {one_line(change.reason)}, {{"Pmo-Project", project.id}, {"Pmo-Change", change.id}});
        return plan;
      });
  *ctx.out << id << '\n';
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

void add_change(CLI::App& app, Action& action) {
  auto opts = std::make_shared<ChangeOptions>();
  CLI::App* cmd = app.add_subcommand("change", "Change control: request a change");
  cmd->require_subcommand(1);
  CLI::App* request = cmd->add_subcommand("request", "Request a change (one commit)");
  request->add_option("ID", opts->project, "Project id")->required();
  request->add_option("--title", opts->title, "What changes")->required();
  request->add_option("--reason", opts->reason, "Why")->required();
  request->add_option("--as", opts->requested_by, "Who requests it (person id)");
  request->add_option("--scope", opts->scope, "Impact on scope");
  request->add_option("--schedule-days", opts->schedule_days,
                      "Impact on schedule in days (moves the end and the milestones not yet due)");
  request->add_option("--cost", opts->cost, "Impact on cost (added to the budget at completion)");
  request->add_option("--quality", opts->quality, "Impact on quality");
  request->add_option("--alternative", opts->alternatives, "An alternative considered (repeatable)")
      ->allow_extra_args(false);
  request->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_change(ctx, *opts); }; });
}

} // namespace pmo::cli
