// pmo close ID ... — the closure report (收尾报告): acceptance of deliverables, actual dates and
// cost, outcome, the evaluation of the project and its manager, lessons learned. One file,
// projects/ID/closure.yaml, one commit; the closure gate (G4) requires it. Run again before G4
// to amend it: scalar options replace, deliverables and lessons are added.

#include "commands.hpp"
#include "control_write.hpp"
#include "workspace.hpp"

#include <pmo/model/validate.hpp>
#include <pmo/report/findings.hpp>
#include <pmo/report/lessons.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct CloseOptions {
  std::string project;
  std::string from;
  std::string acceptance;
  std::vector<std::string> deliverables; // NAME=yes|no
  std::string actual_start, actual_end, actual_cost, outcome;
  std::string project_rating, project_comment, manager_rating, manager_comment;
  std::vector<std::string> went_well, to_improve, tags;
};

int rating_option(const std::string& text, const char* option, Lang lang) {
  double value = number_option(text, option, lang);
  if (value != std::trunc(value) || value < 1 || value > 5)
    throw Failure(k_exit_findings,
                  tr(lang, "{} must be a whole number from 1 to 5, not {}",
                     "{} 必须是 1 到 5 之间的整数，而不是 {}", option, one_line(text)));
  return static_cast<int>(value);
}

// The closure record: the one in HEAD (when amending), or --from, then the options over it.
model::Closure compose(const CloseOptions& opts, const model::Project& project, Lang lang) {
  model::Closure closure;
  if (project.closure)
    closure = *project.closure;
  if (!opts.from.empty()) {
    closure = decode_input(opts.from, lang, "closure report", "收尾报告",
                           [&](std::string_view text, const std::string& name) {
                             return codec::decode_closure(text, name, lang);
                           });
  }
  if (!opts.acceptance.empty())
    closure.acceptance = opts.acceptance;
  for (const auto& item : opts.deliverables) {
    auto [name, verdict] = split_pair(item, "--deliverable", lang);
    bool accepted = verdict == "yes" || verdict == "accepted";
    if (!accepted && verdict != "no" && verdict != "rejected")
      throw Failure(k_exit_findings,
                    tr(lang, "--deliverable: '{}' is not NAME=yes or NAME=no",
                       "--deliverable：“{}”不是 名称=yes 或 名称=no", one_line(item)));
    closure.deliverables.push_back({name, accepted, {}});
  }
  if (!opts.actual_start.empty())
    closure.actual_start = date_option(opts.actual_start, "--actual-start", lang);
  if (!opts.actual_end.empty())
    closure.actual_end = date_option(opts.actual_end, "--actual-end", lang);
  if (!opts.actual_cost.empty()) {
    closure.actual_cost = amount_option(opts.actual_cost, "--actual-cost", lang);
  }
  if (!opts.outcome.empty()) {
    auto outcome = model::parse_outcome(opts.outcome);
    if (!outcome)
      throw Failure(k_exit_findings,
                    tr(lang,
                       "--outcome: '{}' is not one of: achieved, partially_achieved, not_achieved",
                       "--outcome：“{}”不是以下之一：achieved, partially_achieved, not_achieved",
                       one_line(opts.outcome)));
    closure.outcome = *outcome;
  }
  if (!opts.project_rating.empty())
    closure.project_evaluation.rating =
        rating_option(opts.project_rating, "--project-rating", lang);
  if (!opts.project_comment.empty())
    closure.project_evaluation.comment = opts.project_comment;
  if (!opts.manager_rating.empty())
    closure.manager_evaluation.rating =
        rating_option(opts.manager_rating, "--manager-rating", lang);
  if (!opts.manager_comment.empty())
    closure.manager_evaluation.comment = opts.manager_comment;
  for (auto [texts, kind] : {std::pair{&opts.went_well, model::LessonKind::went_well},
                             std::pair{&opts.to_improve, model::LessonKind::to_improve}})
    for (const auto& text : *texts)
      closure.lessons.push_back({kind, text, opts.tags});
  if (!opts.tags.empty() && opts.went_well.empty() && opts.to_improve.empty())
    throw Failure(k_exit_findings,
                  tr(lang, "--tag labels the lessons given with --went-well or --to-improve",
                     "--tag 用于标注 --went-well 或 --to-improve 给出的经验教训"));

  // A closure report says at least what was accepted, when the project ended and how.
  for (auto [missing, option] : {std::pair{closure.acceptance.empty(), "--acceptance"},
                                 std::pair{!closure.actual_end.has_value(), "--actual-end"},
                                 std::pair{!closure.outcome.has_value(), "--outcome"}})
    if (missing)
      throw Failure(k_exit_findings,
                    tr(lang, "{} is required for a closure report (or give it in --from)",
                       "收尾报告必须指定 {}（或在 --from 文件中给出）", option));
  if ((!opts.project_comment.empty() && !closure.project_evaluation.rating) ||
      (!opts.manager_comment.empty() && !closure.manager_evaluation.rating))
    throw Failure(k_exit_findings,
                  tr(lang,
                     "an evaluation comment needs its rating (--project-rating, "
                     "--manager-rating)",
                     "评价意见需要同时给出评分（--project-rating、--manager-rating）"));
  return closure;
}

int run_close(Context& ctx, const CloseOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);
  std::string path;
  bool amended = false;
  std::string closure_gate;
  std::vector<std::string> still_needed; // fields closure_gate requires that are still missing
  std::vector<std::string> loose_ends;   // what it would find still open
  std::vector<model::Finding> unlikely;  // dates possible but hardly meant: written, and said
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::one_project(opts.project), [&](const store::Loaded& head) {
        const model::Portfolio& portfolio = head.portfolio;
        const model::Project& project = controlled_project(head, opts.project, lang, "closure");
        amended = project.closure.has_value();

        model::Closure closure = compose(opts, project, lang);
        for (auto [date, option] : {std::pair{closure.actual_start, "--actual-start"},
                                    std::pair{closure.actual_end, "--actual-end"}})
          if (date && *date > ctx.clock.today())
            throw Failure(k_exit_findings,
                          tr(lang,
                             "{} {} is after today ({}): the closure report records what "
                             "happened",
                             "{} {} 晚于今天（{}）：收尾报告记录的是已发生的事实", option,
                             model::format_date(*date), model::format_date(ctx.clock.today())));
        path = "projects/" + project.id + "/closure.yaml";
        closure.file = path;
        // What the gate that requires the closure report still lacks once this one is in.
        model::Project closed = project;
        closed.closure = closure;
        for (const auto& gate : portfolio.office.gates)
          if (model::closes_project(gate)) {
            closure_gate = gate.id;
            for (const auto& field : gate.requires_fields)
              if (!closed.has_field(field))
                still_needed.push_back(field);
            for (const auto& finding : model::check_loose_ends(portfolio, closed, gate, lang))
              loose_ends.push_back(finding.message);
          }
        std::string text = codec::encode_closure(closure);
        const auto decoded = codec::decode_closure(text, path, lang);
        check_record(decoded, path, lang);
        closed.closure = decoded.value; // with the locations of its fields
        closed.closure->file = path;
        for (auto& warning : model::unlikely_dates(closed, ctx.clock.today(), lang))
          if (warning.where.file == path)
            unlikely.push_back(std::move(warning));

        WritePlan plan;
        plan.files.push_back({path, text});
        plan.create_only = false;
        plan.author = operator_signature(ws, ctx.clock.now);
        Lang office_lang = portfolio.office.language;
        std::vector<std::string> body{one_line(closure.acceptance)};
        body.push_back(tr(office_lang, "Actual end {}, actual cost {}; {} learned.",
                          "实际结束 {}，实际成本 {}；{}。", model::format_date(*closure.actual_end),
                          closure.actual_cost ? report::format_amount(*closure.actual_cost) : "—",
                          model::counted(office_lang, closure.lessons.size(), "{} lesson",
                                         "{} lessons", "经验教训 {} 条")));
        plan.message = git::compose_message(
            tr(office_lang, "Closure{} {}: {} — {}", "收尾报告{} {}：{} —— {}",
               amended ? model::pick(office_lang, " (amended)", "（修订）") : "", project.id,
               one_line(project.title), report::outcome_name(*closure.outcome, office_lang)),
            body, {{"Pmo-Project", project.id}, {"Pmo-Closure", amended ? "amended" : "recorded"}});
        return plan;
      });
  *ctx.out << commit << '\n';
  for (const auto& warning : unlikely)
    *ctx.err << report::finding_text(warning, lang) << '\n';
  if (!ctx.quiet) {
    *ctx.err << tr(
        lang, "{} the closure report {} (commit {}).\n", "已{}收尾报告 {}（提交 {}）。\n",
        amended ? model::pick(lang, "Amended", "修订") : model::pick(lang, "Recorded", "记录"),
        path, commit.substr(0, 7));
    if (!closure_gate.empty() && !still_needed.empty())
      *ctx.err << tr(lang,
                     "{} still requires {}: run pmo close {} again with them (it amends the "
                     "report).\n",
                     "{} 还需要 {}：请再次运行 pmo close {} 补充（将修订收尾报告）。\n",
                     closure_gate, fmt::join(still_needed, ", "), opts.project);
    if (!closure_gate.empty() && !loose_ends.empty()) {
      *ctx.err << tr(lang, "{} still has loose ends:\n", "{} 仍有未了事项：\n", closure_gate);
      for (const auto& loose : loose_ends)
        *ctx.err << "  - " << loose << '\n';
    }
    if (!closure_gate.empty() && still_needed.empty() && loose_ends.empty())
      *ctx.err << tr(lang, "{} now has every field it requires; its board can decide.\n",
                     "{} 所需的各项均已齐备，评审委员会可以决策。\n", closure_gate);
  }
  return k_exit_ok;
}

} // namespace

void add_close(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<CloseOptions>();
  CLI::App* cmd = app.add_subcommand(
      "close", help("Record or amend a project's closure report, which the closure gate requires",
                    "记录或修订项目的收尾报告（收尾关口要求提供）"));
  cmd->add_option("ID", opts->project, help("Project id", "项目编号"))->required();
  cmd->add_option("--from", opts->from,
                  help("A closure.yaml to start from (the options apply over it); - reads stdin",
                       "以一个 closure.yaml 为基础（各选项覆盖其中的内容）；- 表示从标准输入读取"));
  cmd->add_option("--acceptance", opts->acceptance,
                  help("Acceptance of the deliverables", "交付物的验收情况"));
  cmd->add_option("--deliverable", opts->deliverables,
                  help("A deliverable and whether it was accepted: NAME=yes|no (repeatable)",
                       "交付物及其是否通过验收：NAME=yes|no（可重复）"))
      ->allow_extra_args(false);
  cmd->add_option("--actual-start", opts->actual_start,
                  help("Actual start, YYYY-MM-DD", "实际开始日期，YYYY-MM-DD"));
  cmd->add_option("--actual-end", opts->actual_end,
                  help("Actual end, YYYY-MM-DD", "实际结束日期，YYYY-MM-DD"));
  cmd->add_option("--actual-cost", opts->actual_cost,
                  help("Actual cost at completion", "完工时的实际成本"));
  cmd->add_option("--outcome", opts->outcome,
                  help("achieved, partially_achieved or not_achieved",
                       "结果：achieved（目标达成）、"
                       "partially_achieved（目标部分达成）或 not_achieved（目标未达成）"));
  cmd->add_option("--project-rating", opts->project_rating,
                  help("The project's evaluation, 1-5", "项目评价的评分，1-5"));
  cmd->add_option("--project-comment", opts->project_comment,
                  help("The project's evaluation", "项目评价的意见"));
  cmd->add_option("--manager-rating", opts->manager_rating,
                  help("The manager's evaluation, 1-5", "项目经理评价的评分，1-5"));
  cmd->add_option("--manager-comment", opts->manager_comment,
                  help("The manager's evaluation", "项目经理评价的意见"));
  cmd->add_option("--went-well", opts->went_well,
                  help("A lesson: what went well (repeatable)", "经验教训：做得好的方面（可重复）"))
      ->allow_extra_args(false);
  cmd->add_option(
         "--to-improve", opts->to_improve,
         help("A lesson: what to improve (repeatable)", "经验教训：有待改进的方面（可重复）"))
      ->allow_extra_args(false);
  cmd->add_option("--tag", opts->tags,
                  help("A tag for the lessons given here, for pmo lessons --tag (repeatable)",
                       "此处所给经验教训的标签，供 pmo lessons --tag 查找（可重复）"))
      ->allow_extra_args(false);
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_close(ctx, *opts); }; });
}

} // namespace pmo::cli
