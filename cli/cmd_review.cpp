// pmo review ID --gate G --decision D --as PERSON — one gate decision: checked against the gate
// rules, written as one append-only record, committed with the reviewer as author and trailers.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

#include <pmo/codec/records.hpp>
#include <pmo/journal/journal.hpp>
#include <pmo/model/ids.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/report/findings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct ReviewOptions {
  std::string project;
  std::string gate;
  std::string change;
  std::string decision;
  std::string reviewer;
  std::string role;
  std::string comment;
  std::vector<std::string> conditions;
};

int run_review(Context& ctx, const ReviewOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  auto verdict = model::parse_verdict(opts.decision);
  if (opts.gate.empty() == opts.change.empty())
    throw Failure(k_exit_usage, tr(lang, "give either --gate GATE or --change CR-ID",
                                   "请指定 --gate 关口 或 --change 变更编号（二选一）"));
  for (const auto& condition : opts.conditions)
    if (condition.find_first_not_of(" \t") == std::string::npos)
      throw Failure(k_exit_usage,
                    tr(lang, "--condition must not be empty", "--condition 不能为空"));

  // What to tell the user, computed while the portfolio is loaded (it dies with the write).
  std::vector<std::string> warnings;
  std::string recorded;
  std::string effect;
  std::string path;
  // The decision is on the committed plan (and change request): edits not yet committed are
  // refused before any readiness check reads the committed version.
  WriteScope scope = opts.change.empty() ? WriteScope::gate_decision(opts.project, opts.gate)
                                         : WriteScope::one_project(opts.project);
  scope.clean_first.push_back("projects/" + opts.project + "/project.yaml");
  if (!opts.change.empty())
    scope.clean_first.push_back("projects/" + opts.project + "/changes");
  else
    scope.clean_first.push_back("projects/" + opts.project + "/closure.yaml");
  std::string commit = write_commit(ctx, ws, lang, scope, [&](const store::Loaded& head) {
    require_loadable(head, lang, {"pmo.yaml", "people/", "projects/" + opts.project + "/"});
    const model::Portfolio& portfolio = head.portfolio;
    Lang office_lang = portfolio.office.language;
    model::ReviewRequest request;
    request.project = opts.project;
    request.gate = opts.gate;
    // A change request id is matched as risk and issue ids are: case does not matter.
    std::string change_id = opts.change;
    if (!change_id.empty())
      if (const auto* found = find_record(portfolio.changes_of(opts.project), change_id))
        change_id = found->id;
    request.change = change_id;
    request.verdict = *verdict;
    request.reviewer = opts.reviewer;
    request.role = opts.role;
    request.comment = opts.comment;
    request.conditions = opts.conditions;
    request.at = ctx.clock.now;
    model::ReviewPlan outcome = model::plan_review(portfolio, request, lang);
    if (!outcome.refusals.empty())
      throw Failure(k_exit_findings,
                    tr(lang, "{} {} by {} refused; nothing written",
                       "{}（{}，{}）被拒绝，未写入任何内容",
                       opts.change.empty() ? opts.gate : opts.change,
                       model::verdict_name(*verdict, lang), opts.reviewer),
                    outcome.refusals);
    const bool on_change = !opts.change.empty();
    const model::GateDef* gate =
        on_change ? &portfolio.office.control.ccb : portfolio.office.gate(opts.gate);
    const std::string subject = on_change ? change_id : gate->id;
    const model::Project& project = *portfolio.project(opts.project);
    const model::Person& reviewer = *portfolio.person(opts.reviewer);

    model::Decision& decision = outcome.decision;
    std::string project_file = "projects/" + project.id + "/project.yaml";
    // The record decided on: the change request, or the project record for a gate.
    std::string record_file =
        on_change ? "projects/" + project.id + "/changes/" + change_id + ".yaml" : project_file;
    decision.record = ws.repo->head_blob_id(ws.prefix + record_file);
    decision.rules_blob = ws.repo->head_blob_id(ws.prefix + "pmo.yaml");
    std::vector<std::string> taken;
    for (const model::Decision* earlier : portfolio.decisions_of(project.id))
      taken.push_back(earlier->file.substr(earlier->file.rfind('/') + 1));
    path = journal::decisions_dir(project.id) +
           journal::free_file_name(decision.decided_at, subject, reviewer.id, taken);
    decision.file = path;

    WritePlan plan;
    plan.files.push_back({path, codec::encode_decision(decision)});
    plan.must_be_clean.push_back(project_file); // the decision is on the committed version
    if (on_change)
      plan.must_be_clean.push_back(record_file);
    // A gate that requires the closure report decides on its committed version too.
    if (!on_change && model::closes_project(*gate))
      plan.must_be_clean.push_back("projects/" + project.id + "/closure.yaml");
    const auto [author_name, author_email] = journal::author_of(reviewer);
    plan.author = git::Signature{author_name, author_email, ctx.clock.now};
    plan.reviewer = reviewer; // signed with their ssh_key when pmo.yaml requires it

    std::vector<std::string> body;
    if (!decision.comment.empty())
      body.push_back(one_line(decision.comment));
    for (const auto& condition : decision.conditions)
      body.push_back(tr(office_lang, "Condition: {}", "条件：{}", one_line(condition)));
    if (outcome.passes_gate && on_change)
      body.push_back(tr(office_lang, "{} approved by the CCB: the baseline moves.",
                        "{} 经变更控制委员会批准：基线随之调整。", subject));
    else if (outcome.passes_gate)
      body.push_back(tr(office_lang, "{} passed: the project enters '{}'.",
                        "{} 通过：项目进入“{}”阶段。", gate->id,
                        model::stage_name(outcome.after.stage, office_lang)));
    plan.message = journal::message(
        tr(office_lang, "{} {}: {} {} — {} ({})", "{} {}：{} {} —— {}（{}）", subject,
           model::verdict_name(decision.verdict, office_lang), project.id, one_line(project.title),
           reviewer.name, model::role_name(portfolio.office, decision.role, office_lang)),
        body, decision);

    warnings.clear();
    for (const auto& warning : outcome.warnings)
      warnings.push_back(report::finding_text(warning, lang));
    recorded =
        tr(lang, "Recorded {} {} on {} by {} as {} — {}", "已记录 {} {}：{}，评审人 {}（{}）—— {}",
           subject, model::verdict_name(decision.verdict, lang), project.id, reviewer.id,
           model::role_name(portfolio.office, decision.role, lang), path);
    const model::GateProgress* progress =
        outcome.change_after ? &outcome.change_after->board : outcome.after.progress(gate->id);
    if (outcome.passes_gate && on_change)
      effect = tr(lang, "{} approved: the baseline of {} moves.", "{} 已批准：{} 的基线随之调整。",
                  subject, project.id);
    else if (outcome.change_after && outcome.change_after->status == model::ChangeStatus::rejected)
      effect = tr(lang, "{} is rejected.", "{} 已被否决。", subject);
    else if (outcome.passes_gate)
      effect = tr(lang, "{} passed: {} enters '{}'.", "{} 通过：{} 进入“{}”阶段。", gate->id,
                  project.id, model::stage_name(outcome.after.stage, lang));
    else if (!on_change && outcome.after.stage == model::k_rejected_stage)
      effect = tr(lang, "{} is rejected.", "{} 已被否决。", project.id);
    else if (!on_change && outcome.after.pause != model::Pause::none)
      effect = tr(lang, "{0} is {1} at {2}; the next decision on {2} opens a new round.",
                  "{0} 在 {2} 处于“{1}”状态；{2} 的下一次决策将开启新一轮评审。", project.id,
                  model::pause_name(outcome.after.pause, lang), gate->id);
    else if (progress) {
      // The roles by their names in the user's language (the office's zh/en role names).
      std::vector<std::string> missing;
      for (const auto& role : progress->missing_roles)
        missing.push_back(model::role_name(portfolio.office, role, lang));
      effect =
          tr(lang, "{}: {} of {} approvals; still to decide: {}.",
             "{}：已有 {} 个批准，需要 {} 个；尚待决策：{}。", subject, progress->approvals.size(),
             progress->approvals_needed, fmt::join(missing, pick(lang, ", ", "、")));
    }
    return plan;
  });

  *ctx.out << commit << '\n';
  if (ctx.quiet)
    return k_exit_ok;
  for (const auto& warning : warnings)
    *ctx.err << warning << '\n';
  *ctx.err << recorded << tr(lang, " (commit {}).\n", "（提交 {}）。\n", commit.substr(0, 7));
  if (!effect.empty())
    *ctx.err << effect << '\n';
  return k_exit_ok;
}

} // namespace

void add_review(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ReviewOptions>();
  CLI::App* cmd = app.add_subcommand(
      "review", help("Record a gate decision (one commit)", "记录关口决策（一次提交）"));
  cmd->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  cmd->add_option("--gate", opts->gate,
                  help("Gate id from pmo.yaml, e.g. G1", "pmo.yaml 中的关口编号，例如 G1"));
  cmd->add_option(
      "--change", opts->change,
      help("A change request id, e.g. CR-7k2qd (case does not matter): the change control board "
           "decides it",
           "变更申请编号，例如 CR-7k2qd（不区分大小写）：由变更控制委员会决策"));
  cmd->add_option("--decision", opts->decision,
                  help("approve, approve-with-conditions, revise, reject or hold",
                       "决策：approve（批准）、approve-with-conditions（附条件批准）、"
                       "revise（退回修改）、reject（否决）或 hold（暂停）"))
      ->required()
      ->check(CLI::IsMember({"approve", "approve-with-conditions", "revise", "reject", "hold"}));
  cmd->add_option("--as", opts->reviewer,
                  help("The reviewer deciding (person id)", "作出决策的评审人（人员标识）"))
      ->required();
  cmd->add_option("--role", opts->role,
                  help("The board role decided in (when the reviewer holds several)",
                       "以评审委员会中的哪个角色决策（评审人兼有多个角色时）"));
  cmd->add_option("--comment", opts->comment,
                  help("The reasoning, recorded with the decision", "决策理由，随决策一并记录"));
  cmd->add_option("--condition", opts->conditions,
                  help("A condition of approval (repeatable)", "批准条件（可重复）"))
      ->allow_extra_args(false);
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_review(ctx, *opts); }; });
}

} // namespace pmo::cli
