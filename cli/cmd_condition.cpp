// pmo condition met ID CONDITION --evidence TEXT — a condition of approval (an
// approve-with-conditions decision's `conditions`) marked met: one record,
// projects/ID/conditions/C-xxxxx.yaml (an id two clones cannot both draw), one commit. Conditions
// are named as status shows them: "G1.1" is the first condition set at G1.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

#include <pmo/codec/records.hpp>
#include <pmo/journal/journal.hpp>
#include <pmo/model/lifecycle.hpp>

#include <fmt/format.h>

#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct ConditionOptions {
  std::string project;
  std::string condition; // "G1.1"
  std::string evidence;
  std::string as;   // who confirms it; default the roster person with git's user.email
  std::string date; // the day it was met; default today
};

int run_met(Context& ctx, const ConditionOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  std::string path;
  std::string id;
  std::string note;
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::one_project(opts.project), [&](const store::Loaded& head) {
        require_loadable(head, lang, {"pmo.yaml", "people/", "projects/" + opts.project + "/"});
        const model::Portfolio& portfolio = head.portfolio;
        const model::Project* project = portfolio.project(opts.project);
        if (!project)
          throw Failure(k_exit_findings, tr(lang, "no project '{}' in this portfolio",
                                            "组合中没有项目“{}”", one_line(opts.project)));
        const auto state =
            model::derive_state(portfolio.office, portfolio.decisions_of(project->id), lang);
        if (state.terminal())
          throw Failure(k_exit_findings,
                        tr(lang, "{} is {}; its conditions of approval are settled",
                           "{} 已处于“{}”阶段；其批准条件不再变更", project->id,
                           model::stage_name(state.stage, lang)));
        check_hold(portfolio, *project, state, "condition", lang);
        const auto conditions = model::conditions_of(portfolio, *project);
        const model::ConditionState* condition = model::find_condition(conditions, opts.condition);
        if (!condition) {
          std::vector<std::string> open;
          for (const auto& c : conditions)
            if (!c.met)
              open.push_back(c.id);
          throw Failure(k_exit_findings,
                        open.empty()
                            ? tr(lang, "{} has no condition of approval '{}' (it has none open)",
                                 "{} 没有批准条件“{}”（没有未落实的条件）", project->id,
                                 one_line(opts.condition))
                            : tr(lang, "{} has no condition of approval '{}'; open: {}",
                                 "{} 没有批准条件“{}”；未落实的条件：{}", project->id,
                                 one_line(opts.condition), fmt::join(open, ", ")));
        }
        if (condition->met)
          throw Failure(k_exit_findings,
                        tr(lang, "{} is already marked met ({}, by {})",
                           "{} 已标记为已落实（{}，{}）", condition->id,
                           condition->met->met ? model::format_date(*condition->met->met) : "",
                           condition->met->by));

        Problems problems; // every mistake of the command line at once
        model::ConditionMet met;
        met.project = project->id;
        met.decision = model::decision_file_name_of(*condition->decision);
        met.number = condition->number;
        met.condition = condition->text;
        met.evidence = opts.evidence;
        if (opts.evidence.find_first_not_of(" \t") == std::string::npos)
          problems.add(tr(lang, "--evidence is required: what shows the condition is met",
                          "必须用 --evidence 说明条件已落实的依据"));
        met.met = ctx.clock.today();
        if (!opts.date.empty())
          problems.collect([&] {
            const model::Date date = date_option(opts.date, "--date", lang);
            if (date > ctx.clock.today())
              throw Failure(k_exit_findings, tr(lang, "--date {} is in the future",
                                                "--date {} 是将来的日期", opts.date));
            met.met = date;
          });
        std::vector<const model::Person*> people;
        for (const auto& person : portfolio.people)
          people.push_back(&person);
        const model::Person* who = nullptr;
        if (!opts.as.empty()) {
          who = portfolio.person(opts.as);
          if (!who)
            problems.add(tr(lang, "--as: '{}' is not in the roster", "--as：“{}”不在人员名册中",
                            one_line(opts.as)));
        } else {
          who = journal::person_with_email(people, operator_signature(ws, ctx.clock.now).email);
          if (!who)
            problems.add(tr(lang,
                            "--as PERSON is required: who confirms the condition is met (your "
                            "git user.email is nobody's in the roster)",
                            "必须用 --as 指定确认条件落实的人（您的 git user.email 不属于名册中的"
                            "任何人）"));
        }
        if (who && who->retired)
          problems.add(tr(lang, "{} retired on {}", "{} 已于 {} 离任", who->id,
                          model::format_date(*who->retired)));
        problems.raise(k_exit_findings);
        met.by = who->id;

        std::string text = codec::encode_condition_met(met);
        git::Signature author = operator_signature(ws, ctx.clock.now);
        std::vector<std::string> used;
        for (const model::ConditionMet* m : portfolio.conditions_met_of(project->id))
          used.push_back(m->id);
        met.id = id = new_record_id(ctx, "C", author, project->id, text, used);
        path = "projects/" + project->id + "/conditions/" + met.id + ".yaml";
        check_record(codec::decode_condition_met(text, path, project->id, met.id, lang), path,
                     lang);
        WritePlan plan;
        plan.files.push_back({path, text});
        plan.author = author;
        const Lang office_lang = portfolio.office.language;
        plan.message = git::compose_message(
            tr(office_lang, "Condition {} met: {} — {}", "批准条件 {} 已落实：{} —— {}",
               condition->id, project->id, one_line(condition->text)),
            {one_line(met.evidence)}, {{"Pmo-Project", project->id}, {"Pmo-Condition", met.id}});
        note =
            tr(lang, "{} of {} marked met", "{}（{}）已标记为已落实", condition->id, project->id);
        return plan;
      });
  *ctx.out << commit << '\n';
  if (!ctx.quiet)
    *ctx.err << note
             << tr(lang, " — {} (commit {}).\n", " —— {}（提交 {}）。\n", path,
                   commit.substr(0, 7));
  return k_exit_ok;
}

} // namespace

void add_condition(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ConditionOptions>();
  CLI::App* cmd = app.add_subcommand(
      "condition", help("Conditions of approval: mark one met (status ID lists them)",
                        "批准条件：将一项标记为已落实（status ID 列出各项条件）"));
  cmd->require_subcommand(1);
  CLI::App* met = cmd->add_subcommand("met", help("Mark a condition of approval met (one commit)",
                                                  "将一项批准条件标记为已落实（一次提交）"));
  met->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  met->add_option("CONDITION", opts->condition,
                  help("The condition as status ID names it, e.g. G1.1 (case does not matter)",
                       "status ID 所列的条件编号，例如 G1.1（不区分大小写）"))
      ->required();
  met->add_option("--evidence", opts->evidence,
                  help("What shows it is met (required)", "条件已落实的依据（必填）"));
  met->add_option("--as", opts->as,
                  help("Who confirms it (person id); default: the roster person with your git "
                       "user.email",
                       "确认人（人员标识）；默认：人员名册中电子邮箱为您的 git user.email 的人员"));
  met->add_option(
      "--date", opts->date,
      help("The day it was met, YYYY-MM-DD; default today", "落实日期，YYYY-MM-DD；默认为今天"));
  met->callback([&action, opts] { action = [opts](Context& ctx) { return run_met(ctx, *opts); }; });
}

} // namespace pmo::cli
