// pmo issue add|resolve — the issue log (问题日志): one file per issue,
// projects/ID/issues/I-xxxxx.yaml (a new id two clones cannot both draw); one commit per change.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

#include <pmo/model/control.hpp>

#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct IssueOptions {
  std::string verb; // add | resolve
  std::string project;
  std::string issue;
  std::string description, owner, priority, due, resolution;
};

int run_issue(Context& ctx, const IssueOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  std::string path;
  std::string id;
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::one_project(opts.project), [&](const store::Loaded& head) {
        const model::Portfolio& portfolio = head.portfolio;
        const model::Project& project = controlled_project(head, opts.project, lang, "issue");
        model::Issue issue;
        if (opts.verb == "add") {
          Problems problems; // every mistake of the command line at once
          for (auto [value, option] :
               {std::pair{&opts.description, "--description"}, std::pair{&opts.owner, "--owner"},
                std::pair{&opts.priority, "--priority"}})
            if (value->empty())
              problems.add(
                  tr(lang, "{} is required for a new issue", "登记新问题必须指定 {}", option));
          issue.project = project.id;
          issue.raised = ctx.clock.today();
          issue.description = opts.description;
          if (!opts.owner.empty() && !portfolio.person(opts.owner))
            problems.add(tr(lang, "--owner: '{}' is not in the roster",
                            "--owner：“{}”不在人员名册中", one_line(opts.owner)));
          issue.owner = opts.owner;
          if (auto priority = model::parse_priority(opts.priority))
            issue.priority = *priority;
          else if (!opts.priority.empty())
            problems.add(tr(lang, "--priority: '{}' is not one of: low, medium, high, critical",
                            "--priority：“{}”不是以下之一：low, medium, high, critical",
                            one_line(opts.priority)));
          if (!opts.due.empty())
            problems.collect([&] { issue.due = date_option(opts.due, "--due", lang); });
          problems.raise(k_exit_findings);
        } else {
          const model::Issue* before = find_record(portfolio.issues_of(project.id), opts.issue);
          if (!before)
            throw Failure(k_exit_findings, tr(lang, "{} has no issue '{}'", "{} 没有问题“{}”",
                                              project.id, one_line(opts.issue)));
          if (before->resolved)
            throw Failure(k_exit_findings,
                          tr(lang, "{} is already resolved", "{} 已解决", before->id));
          if (opts.resolution.find_first_not_of(" \t") == std::string::npos)
            throw Failure(k_exit_findings,
                          tr(lang, "--resolution is required", "必须用 --resolution 写明解决办法"));
          issue = *before;
          issue.resolved = ctx.clock.today();
          issue.resolution = opts.resolution;
        }
        std::string text = codec::encode_issue(issue);
        git::Signature author = operator_signature(ws, ctx.clock.now);
        if (opts.verb == "add") {
          std::vector<std::string> used;
          for (const model::Issue* i : portfolio.issues_of(project.id))
            used.push_back(i->id);
          issue.id = new_record_id(ctx, "I", author, project.id, text, used);
        }
        id = issue.id;
        path = "projects/" + project.id + "/issues/" + issue.id + ".yaml";
        check_record(codec::decode_issue(text, path, project.id, issue.id, lang), path, lang);
        WritePlan plan;
        plan.files.push_back({path, text});
        plan.create_only = opts.verb == "add";
        plan.author = author;
        Lang office_lang = portfolio.office.language;
        plan.message = git::compose_message(
            tr(office_lang, "Issue {} {}: {} ({})", "问题 {} {}：{}（{}）", issue.id,
               opts.verb == "add" ? model::pick(office_lang, "raised", "登记")
                                  : model::pick(office_lang, "resolved", "解决"),
               project.id, model::priority_name(issue.priority, office_lang)),
            {one_line(opts.verb == "add" ? issue.description : issue.resolution)},
            {{"Pmo-Project", project.id}, {"Pmo-Issue", issue.id}});
        return plan;
      });
  // A new issue prints its id (as propose and change request do); resolving prints the commit.
  *ctx.out << (opts.verb == "add" ? id : commit) << '\n';
  if (!ctx.quiet)
    *ctx.err << (opts.verb == "add"
                     ? tr(lang, "Recorded {} — {} (commit {}).\n", "已记录 {} —— {}（提交 {}）。\n",
                          id, path, commit.substr(0, 7))
                     : tr(lang, "Resolved {} — {} (commit {}).\n", "已解决 {} —— {}（提交 {}）。\n",
                          id, path, commit.substr(0, 7)));
  return k_exit_ok;
}

} // namespace

void add_issue(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<IssueOptions>();
  CLI::App* cmd = app.add_subcommand(
      "issue", help("The issue log: add, resolve, list", "问题日志：登记、解决、列出"));
  cmd->require_subcommand(1);
  CLI::App* add =
      cmd->add_subcommand("add", help("Log an issue (one commit)", "登记问题（一次提交）"));
  add->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  add->add_option("--description", opts->description,
                  help("What is wrong (required)", "问题描述（必填）"));
  add->add_option(
      "--owner", opts->owner,
      help("Who resolves it (person id) (required)", "负责解决的人（人员标识）（必填）"));
  add->add_option("--priority", opts->priority,
                  help("low, medium, high or critical (required)",
                       "优先级：low、medium、high 或 critical（必填）"));
  add->add_option("--due", opts->due, help("Due date YYYY-MM-DD", "到期日 YYYY-MM-DD"));
  add->callback([&action, opts] {
    opts->verb = "add";
    action = [opts](Context& ctx) { return run_issue(ctx, *opts); };
  });
  CLI::App* resolve =
      cmd->add_subcommand("resolve", help("Resolve an issue (one commit)", "解决问题（一次提交）"));
  resolve->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  resolve
      ->add_option("ISSUE", opts->issue,
                   help("Issue id, e.g. I-7mq2d (case does not matter)",
                        "问题编号，例如 I-7mq2d（不区分大小写）"))
      ->required();
  resolve->add_option("--resolution", opts->resolution, help("How it was resolved", "解决办法"));
  resolve->callback([&action, opts] {
    opts->verb = "resolve";
    action = [opts](Context& ctx) { return run_issue(ctx, *opts); };
  });
  add_register_list(*cmd, "issue", action, help);
}

} // namespace pmo::cli
