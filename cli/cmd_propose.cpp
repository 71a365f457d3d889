// pmo propose — a new project from the proposal template (项目建议书), fields from flags or from
// a YAML file or stdin. Prints the new id on stdout.

#include "commands.hpp"
#include "control_write.hpp"
#include "templates.hpp"
#include "workspace.hpp"

#include <pmo/codec/records.hpp>
#include <pmo/codec/scalar.hpp>
#include <pmo/model/ids.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/model/validate.hpp>
#include <pmo/report/findings.hpp>

#include <fmt/format.h>

#include <ostream>

namespace pmo::cli {

using model::Lang;
using model::tr;

namespace {

struct ProposeOptions {
  std::string title;
  std::string id;
  std::string sponsor;
  std::string manager;
  std::string budget;
  std::string start;
  std::string end;
  std::string from;
};

// The proposal as the template lays it out; its scores under the office's criteria, in their
// order, "~" for one not yet given (a score on a criterion the office lacks stays, for validate
// to report).
std::string render_project(const model::Project& p, Lang lang,
                           const model::PrioritySettings& priorities) {
  auto scalar = [](const std::string& text) {
    return text.empty() ? std::string{"~"} : codec::yaml_scalar(text);
  };
  auto number = [](const std::optional<double>& v) { return v ? codec::yaml_number(*v) : "~"; };
  auto date = [](const std::optional<model::Date>& d) {
    return d ? model::format_date(*d) : std::string{"~"};
  };
  auto list = [](const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const auto& item : items)
      out.push_back(codec::yaml_scalar(item));
    return out;
  };
  TemplateData data;
  data.scalars = {{"title", scalar(p.title)},
                  {"sponsor", scalar(p.sponsor)},
                  {"manager", scalar(p.manager)},
                  {"budget", number(p.budget)},
                  {"start", date(p.start)},
                  {"end", date(p.end)},
                  {"submitted", date(p.submitted)},
                  {"strategic_alignment", scalar(p.strategic_alignment)},
                  {"feasibility", scalar(p.feasibility)},
                  {"cost_estimate", number(p.business_case.cost_estimate)},
                  {"roi", number(p.business_case.roi)}};
  for (auto name : model::k_plan_sections)
    data.scalars["plan_" + std::string{name}] = scalar(*model::plan_section(p.plan, name));
  std::vector<std::string> milestones;
  for (const auto& m : p.milestones)
    milestones.push_back(fmt::format("{{name: {}, date: {}, weight: {}}}",
                                     codec::yaml_flow_scalar(m.name), date(m.date),
                                     codec::yaml_number(m.weight)));
  data.lists = {{"objectives", list(p.objectives)}, {"scope_in", list(p.scope.in)},
                {"scope_out", list(p.scope.out)},   {"benefits", list(p.business_case.benefits)},
                {"risks", list(p.risks)},           {"resources", list(p.resources)},
                {"milestones", milestones}};
  std::vector<std::string> scores;
  auto score_of = [&](const std::string& criterion) -> std::string {
    for (const auto& s : p.scores)
      if (s.criterion == criterion)
        return std::to_string(s.value);
    return "~";
  };
  for (const auto& c : priorities.criteria)
    scores.push_back(fmt::format("{}: {}", codec::yaml_scalar(c.id), score_of(c.id)));
  for (const auto& s : p.scores)
    if (!priorities.criterion(s.criterion))
      scores.push_back(fmt::format("{}: {}", codec::yaml_scalar(s.criterion), s.value));
  data.lists["scores"] = scores;
  std::vector<std::string> dependencies;
  for (const auto& d : p.depends_on) {
    std::string item = "{project: " + codec::yaml_flow_scalar(d.project);
    if (!d.stage.empty())
      item += ", stage: " + codec::yaml_flow_scalar(d.stage);
    if (!d.milestone.empty())
      item += ", milestone: " + codec::yaml_flow_scalar(d.milestone);
    dependencies.push_back(item + "}");
  }
  data.lists["depends_on"] = dependencies;
  std::vector<std::string> assignments;
  for (const auto& a : p.assignments) {
    std::string item =
        "{person: " + codec::yaml_flow_scalar(a.person) + ", fte: " + fmt::format("{}", a.fte);
    if (a.from)
      item += ", from: " + model::format_date(*a.from);
    if (a.to)
      item += ", to: " + model::format_date(*a.to);
    if (!a.role.empty())
      item += ", role: " + codec::yaml_flow_scalar(a.role);
    assignments.push_back(item + "}");
  }
  data.lists["assignments"] = assignments;
  data.scalars["scale"] = std::to_string(priorities.scale);
  return render_template(lang == Lang::zh ? "zh-CN" : "en", "proposal.yaml", data);
}

model::Date parse_date_option(const std::string& text, const char* option, Lang lang) {
  auto date = model::parse_date(text);
  if (!date)
    throw Failure(k_exit_usage, tr(lang, "{} '{}' is not a date YYYY-MM-DD",
                                   "{}“{}”不是日期 YYYY-MM-DD", option, text));
  return *date;
}

int run_propose(Context& ctx, const ProposeOptions& opts) {
  Workspace ws = open_workspace(ctx, true);
  Lang lang = early_language(ctx, &ws);

  // The proposal: the --from file first, then the flags over it.
  model::Project project;
  if (!opts.from.empty()) {
    project = decode_input(opts.from, lang, "proposal", "项目建议书",
                           [&](std::string_view text, const std::string& name) {
                             return codec::decode_project(text, name, "new", lang);
                           });
  }
  if (!opts.title.empty())
    project.title = opts.title;
  if (!opts.sponsor.empty())
    project.sponsor = opts.sponsor;
  if (!opts.manager.empty())
    project.manager = opts.manager;
  if (!opts.budget.empty()) {
    // Read as the file's budget is: one parser and one range for money (a usage error here).
    try {
      project.budget = amount_option(opts.budget, "--budget", lang);
    } catch (const Failure& failure) {
      throw Failure(k_exit_usage, failure.what());
    }
  }
  if (!opts.start.empty())
    project.start = parse_date_option(opts.start, "--start", lang);
  if (!opts.end.empty())
    project.end = parse_date_option(opts.end, "--end", lang);
  project.submitted = ctx.clock.today();

  if (project.title.find_first_not_of(" \t") == std::string::npos)
    throw Failure(k_exit_usage, tr(lang, "a proposal needs a title (--title, or title: in --from)",
                                   "建议书必须有标题（--title，或 --from 文件中的 title:）"));
  if (project.title.find_first_of("\r\n") != std::string::npos)
    throw Failure(k_exit_usage, tr(lang, "the title must be one line", "标题必须是单行文本"));
  if (project.budget && *project.budget < 0)
    throw Failure(k_exit_usage, tr(lang, "--budget must not be negative", "--budget 不能为负数"));
  if (project.start && project.end && *project.end < *project.start)
    throw Failure(k_exit_usage,
                  tr(lang, "end {} is before start {}", "结束日期 {} 早于开始日期 {}",
                     model::format_date(*project.end), model::format_date(*project.start)));
  if (auto problem = model::id_problem(opts.id);
      !opts.id.empty() && problem != model::IdProblem::none)
    throw Failure(k_exit_usage, tr(lang, "'{}' is not a valid id: {}", "“{}”不是有效编号：{}",
                                   opts.id, model::id_problem_text(problem, lang)));

  std::string id;
  std::vector<model::Finding> readiness;
  std::vector<model::Finding> unlikely; // dates possible but hardly meant: written, and said
  std::string commit = write_commit(
      ctx, ws, lang, WriteScope::office_and_project_ids(), [&](const store::Loaded& head) {
        require_loadable(head, lang);
        const model::Portfolio& portfolio = head.portfolio;
        for (const auto& [field, person] :
             {std::pair{"sponsor", project.sponsor}, std::pair{"manager", project.manager}})
          if (!person.empty() && !portfolio.person(person))
            throw Failure(k_exit_findings,
                          tr(lang, "{} '{}' is not in the roster; add them with 'pmo people add'",
                             "{}“{}”不在人员名册中；请先用 pmo people add 添加", field, person));
        // An id that differs from an existing one only in case would be the same directory on
        // Windows and macOS.
        auto taken = [&](const std::string& candidate) -> const model::Project* {
          if (const model::Project* same = portfolio.project(candidate))
            return same;
          for (const auto& other : portfolio.projects)
            if (model::same_id_ignoring_case(other.id, candidate))
              return &other;
          return nullptr;
        };
        id = opts.id;
        if (id.empty()) {
          do {
            id = model::make_project_id(ctx.clock.today(), ctx.random.next());
          } while (taken(id));
        } else if (const model::Project* other = taken(id)) {
          if (other->id == id)
            throw Failure(k_exit_findings,
                          tr(lang, "project {} already exists", "项目 {} 已存在", id));
          throw Failure(k_exit_findings,
                        tr(lang,
                           "'{}' differs only in case from project {}: a checkout on Windows or "
                           "macOS could not hold both",
                           "“{}”与已有项目 {} 仅大小写不同：在 Windows 或 macOS 上无法同时检出", id,
                           other->id));
        }
        project.id = id;
        std::string path = "projects/" + id + "/project.yaml";
        std::string text =
            render_project(project, portfolio.office.language, portfolio.office.priorities);
        auto check = codec::decode_project(text, path, id, lang);
        if (!check.ok())
          throw Failure(k_exit_env,
                        tr(lang, "internal error: the rendered proposal does not decode",
                           "内部错误：生成的建议书无法解析"),
                        check.findings);
        project.file = path;
        project.where = check.value.where;
        if (const model::GateDef* first =
                portfolio.office.gates.empty() ? nullptr : &portfolio.office.gates.front())
          readiness = model::check_readiness(portfolio.office, check.value, *first, lang);
        unlikely = model::unlikely_dates(project, ctx.clock.today(), lang);

        WritePlan plan;
        plan.files.push_back({path, text});
        plan.must_be_clean.push_back("projects/" + id);
        plan.author = operator_signature(ws, ctx.clock.now);
        plan.message = git::compose_message(
            tr(portfolio.office.language, "propose: {} {}", "立项申请：{} {}", id, project.title),
            {}, {{"Pmo-Action", "propose"}, {"Pmo-Project", id}});
        return plan;
      });

  *ctx.out << id << '\n';
  for (const auto& warning : unlikely)
    *ctx.err << report::finding_text(warning, lang) << '\n';
  if (!ctx.quiet) {
    *ctx.err << tr(lang, "Proposed {}: {} — projects/{}/project.yaml (commit {}).\n",
                   "已提交立项申请 {}：{} —— projects/{}/project.yaml（提交 {}）。\n", id,
                   project.title, id, commit.substr(0, 7));
    if (!readiness.empty()) {
      *ctx.err << tr(lang, "Before its first gate can approve it, fill in:\n",
                     "首个关口批准前，还需填写：\n");
      for (const auto& f : readiness)
        *ctx.err << "  - " << f.message << '\n';
    }
  }
  return k_exit_ok;
}

} // namespace

void add_propose(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<ProposeOptions>();
  CLI::App* cmd =
      app.add_subcommand("propose", help("Register a proposal (项目建议书) as a new project",
                                         "登记项目建议书，作为新项目"));
  cmd->add_option("--title", opts->title, help("Project title", "项目标题"));
  cmd->add_option("--id", opts->id,
                  help("Project id (default: generated, e.g. P2026-x7k2mq)",
                       "项目编号（默认自动生成，例如 P2026-x7k2mq）"));
  cmd->add_option("--sponsor", opts->sponsor, help("Sponsor (person id)", "发起人（人员标识）"));
  cmd->add_option("--manager", opts->manager,
                  help("Project manager (person id)", "项目经理（人员标识）"));
  cmd->add_option("--budget", opts->budget,
                  help("Budget, in the office currency", "预算，以办公室的币种计"));
  cmd->add_option("--start", opts->start,
                  help("Planned start, YYYY-MM-DD", "计划开始日期，YYYY-MM-DD"));
  cmd->add_option("--end", opts->end, help("Planned end, YYYY-MM-DD", "计划结束日期，YYYY-MM-DD"));
  cmd->add_option("--from", opts->from,
                  help("Read the proposal's fields from a YAML file, or - for stdin",
                       "从 YAML 文件读取项目建议书的字段；- 表示从标准输入读取"));
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_propose(ctx, *opts); }; });
}

} // namespace pmo::cli
