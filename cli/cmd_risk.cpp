// pmo risk add|update|close — the risk register (风险登记册): one file per risk,
// projects/ID/risks/R-xxxxx.yaml (a new id two clones cannot both draw), written canonically;
// one commit per change.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

#include <pmo/model/control.hpp>

#include <fmt/format.h>

#include <cmath>
#include <ostream>
#include <tuple>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct RiskOptions {
  std::string verb; // add | update | close
  std::string project;
  std::string risk;
  std::string description, cause, probability, impact, owner, response, due;
  std::vector<std::string> actions;
};

int run_risk(Context& ctx, const RiskOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  std::string path;
  std::string id;
  std::string note;
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::one_project(opts.project), [&](const store::Loaded& head) {
        const model::Portfolio& portfolio = head.portfolio;
        const model::Project& project = controlled_project(head, opts.project, lang, "risk");
        const model::Date today = ctx.clock.today();

        model::Risk risk;
        const model::Risk* before = nullptr;
        Problems problems; // every mistake of the command line at once
        if (opts.verb == "add") {
          risk.project = project.id;
          risk.raised = today;
          for (auto [value, option] :
               {std::pair{&opts.description, "--description"},
                std::pair{&opts.probability, "--probability"}, std::pair{&opts.impact, "--impact"},
                std::pair{&opts.owner, "--owner"}, std::pair{&opts.response, "--response"}})
            if (value->empty())
              problems.add(
                  tr(lang, "{} is required for a new risk", "登记新风险必须指定 {}", option));
        } else {
          before = find_record(portfolio.risks_of(project.id), opts.risk);
          if (!before)
            throw Failure(k_exit_findings, tr(lang, "{} has no risk '{}'", "{} 没有风险“{}”",
                                              project.id, one_line(opts.risk)));
          if (!before->open)
            throw Failure(k_exit_findings, tr(lang, "{} is closed", "{} 已关闭", before->id));
          risk = *before;
        }
        if (!opts.description.empty())
          risk.description = opts.description;
        if (!opts.cause.empty())
          risk.cause = opts.cause;
        for (auto [text, field, out] :
             {std::tuple{&opts.probability, "--probability", &risk.probability},
              std::tuple{&opts.impact, "--impact", &risk.impact}}) {
          if (text->empty())
            continue;
          problems.collect([&, text = text, field = field, out = out] {
            double value = number_option(*text, field, lang);
            if (value != std::trunc(value) || value < 1 || value > 5)
              throw Failure(k_exit_findings,
                            tr(lang, "{} must be a whole number from 1 to 5, not {}",
                               "{} 必须是 1 到 5 之间的整数，而不是 {}", field, one_line(*text)));
            *out = static_cast<int>(value);
          });
        }
        if (!opts.owner.empty()) {
          if (!portfolio.person(opts.owner))
            problems.add(tr(lang, "--owner: '{}' is not in the roster",
                            "--owner：“{}”不在人员名册中", one_line(opts.owner)));
          risk.owner = opts.owner;
        }
        if (!opts.response.empty()) {
          if (auto response = model::parse_risk_response(opts.response))
            risk.response = *response;
          else
            problems.add(tr(lang,
                            "--response: '{}' is not one of: avoid, mitigate, transfer, accept",
                            "--response：“{}”不是以下之一：avoid, mitigate, transfer, accept",
                            one_line(opts.response)));
        }
        for (const auto& action : opts.actions)
          risk.actions.push_back(action);
        if (!opts.due.empty())
          problems.collect([&] { risk.due = date_option(opts.due, "--due", lang); });
        problems.raise(k_exit_findings);
        if (opts.verb == "close") {
          risk.open = false;
          risk.closed = today;
        }

        std::string text = codec::encode_risk(risk);
        git::Signature author = operator_signature(ws, ctx.clock.now);
        if (opts.verb == "add") {
          std::vector<std::string> used;
          for (const model::Risk* r : portfolio.risks_of(project.id))
            used.push_back(r->id);
          risk.id = new_record_id(ctx, "R", author, project.id, text, used);
        }
        id = risk.id;
        path = "projects/" + project.id + "/risks/" + risk.id + ".yaml";
        check_record(codec::decode_risk(text, path, project.id, risk.id, lang), path, lang);

        const auto& control = portfolio.office.control;
        const bool escalated = model::is_escalated(control, risk);
        const bool newly = escalated && !(before && model::is_escalated(control, *before));
        WritePlan plan;
        plan.files.push_back({path, text});
        plan.create_only = opts.verb == "add";
        plan.author = author;
        Lang office_lang = portfolio.office.language;
        std::string verb = opts.verb == "add"      ? model::pick(office_lang, "raised", "登记")
                           : opts.verb == "update" ? model::pick(office_lang, "updated", "更新")
                                                   : model::pick(office_lang, "closed", "关闭");
        std::vector<std::pair<std::string, std::string>> trailers{{"Pmo-Project", project.id},
                                                                  {"Pmo-Risk", risk.id}};
        if (newly)
          trailers.push_back({"Pmo-Escalated", std::to_string(risk.score())});
        plan.message = git::compose_message(
            tr(office_lang, "Risk {} {}: {} — score {}{}", "风险 {} {}：{} —— 评分 {}{}", risk.id,
               verb, project.id, risk.score(),
               escalated ? model::pick(office_lang, " (escalated)", "（已升级）") : ""),
            {one_line(risk.description)}, trailers);
        note = tr(lang, "{} {}: score {} ({}×{})", "{} {}：评分 {}（{}×{}）", risk.id, verb,
                  risk.score(), risk.probability, risk.impact);
        if (escalated)
          note += tr(lang, " — escalated: at or over the office threshold {}",
                     "，已升级：达到办公室阈值 {}", control.escalate_at);
        return plan;
      });
  // A new risk prints its id (as propose and change request do); a change prints the commit.
  *ctx.out << (opts.verb == "add" ? id : commit) << '\n';
  if (!ctx.quiet)
    *ctx.err << note
             << tr(lang, " — {} (commit {}).\n", " —— {}（提交 {}）。\n", path,
                   commit.substr(0, 7));
  return k_exit_ok;
}

// The options of a risk; `adding` marks those a new risk must have (checked by run_risk, which
// reports every missing one at once).
void risk_fields(CLI::App* cmd, RiskOptions& opts, bool adding, const Help& help) {
  const std::string required = adding ? help(" (required)", "（必填）") : "";
  cmd->add_option("--description", opts.description,
                  help("What may happen", "可能发生的情况") + required);
  cmd->add_option("--cause", opts.cause, help("Why it may happen", "可能发生的原因"));
  cmd->add_option("--probability", opts.probability,
                  help("Probability 1-5", "发生概率 1-5") + required);
  cmd->add_option("--impact", opts.impact, help("Impact 1-5", "影响程度 1-5") + required);
  cmd->add_option("--owner", opts.owner,
                  help("Risk owner (person id)", "风险负责人（人员标识）") + required);
  cmd->add_option(
      "--response", opts.response,
      help("avoid, mitigate, transfer or accept",
           "应对策略：avoid（规避）、mitigate（减轻）、transfer（转移）或 accept（接受）") +
          required);
  cmd->add_option("--action", opts.actions,
                  help("A response action (repeatable)", "应对措施（可重复）"))
      ->allow_extra_args(false);
  cmd->add_option("--due", opts.due, help("Due date YYYY-MM-DD", "到期日 YYYY-MM-DD"));
}

} // namespace

void add_risk(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<RiskOptions>();
  CLI::App* cmd = app.add_subcommand("risk", help("The risk register: add, update, close, list",
                                                  "风险登记册：登记、更新、关闭、列出"));
  cmd->require_subcommand(1);
  CLI::App* add =
      cmd->add_subcommand("add", help("Raise a risk (one commit)", "登记风险（一次提交）"));
  add->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  risk_fields(add, *opts, true, help);
  add->callback([&action, opts] {
    opts->verb = "add";
    action = [opts](Context& ctx) { return run_risk(ctx, *opts); };
  });
  for (const char* verb : {"update", "close"}) {
    CLI::App* sub =
        cmd->add_subcommand(verb, std::string{verb} == "update"
                                      ? help("Update a risk (one commit)", "更新风险（一次提交）")
                                      : help("Close a risk (one commit)", "关闭风险（一次提交）"));
    sub->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
    sub->add_option("RISK", opts->risk,
                    help("Risk id, e.g. R-k3x9q (case does not matter)",
                         "风险编号，例如 R-k3x9q（不区分大小写）"))
        ->required();
    if (std::string{verb} == "update")
      risk_fields(sub, *opts, false, help);
    sub->callback([&action, opts, verb] {
      opts->verb = verb;
      action = [opts](Context& ctx) { return run_risk(ctx, *opts); };
    });
  }
  add_register_list(*cmd, "risk", action, help);
}

} // namespace pmo::cli
