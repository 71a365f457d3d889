// pmo lessons [--tag TAG] [--search TEXT] [--json] — the office's knowledge base (知识库): the
// lessons learned of every closed project, grouped by project.

#include "commands.hpp"
#include "reading.hpp"
#include "render_json.hpp"
#include "render_markdown.hpp"
#include "render_table.hpp"

#include <pmo/report/lessons.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <ostream>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;

struct LessonsOptions {
  std::vector<std::string> tags;
  std::string search;
  bool all = false;
  bool json = false;
};

int run_lessons(Context& ctx, const LessonsOptions& opts) {
  Reading r = read_working_tree(ctx);
  const Lang lang = r.lang;
  const model::Portfolio& portfolio = r.loaded.portfolio;
  report::LessonQuery query{opts.tags, opts.search, opts.all};
  auto hits = report::find_lessons(portfolio, query, lang);

  if (opts.json) {
    auto lessons = nlohmann::json::array();
    for (const auto& hit : hits)
      lessons.push_back(to_json(hit));
    nlohmann::json doc = {
        {"schema_version", 1},
        {"office", portfolio.office.name},
        {"generated_at", model::format_timestamp(ctx.clock.now)},
        {"query",
         {{"tags", opts.tags},
          {"search", opts.search.empty() ? nlohmann::json(nullptr) : nlohmann::json(opts.search)},
          {"include_open", opts.all}}},
        {"lessons", lessons}};
    *ctx.out << dump_json(doc);
    return k_exit_ok;
  }

  std::ostream& out = *ctx.out;
  const bool color = data_color(ctx);
  int projects = 0;
  const model::Project* current = nullptr;
  for (const auto& hit : hits) {
    if (hit.project != current) {
      if (current)
        out << '\n';
      current = hit.project;
      ++projects;
      std::string when =
          hit.closure->actual_end ? model::format_date(*hit.closure->actual_end) : std::string{"—"};
      std::string state =
          hit.closed ? tr(lang, "closed {}", "{} 关闭", when)
                     : tr(lang, "ends {}, closure not yet accepted", "{} 结束，收尾尚未验收", when);
      if (hit.closure->outcome)
        state += pick(lang, ", ", "，") + report::outcome_name(*hit.closure->outcome, lang);
      out << heading(report::terminal_safe(hit.project->id + "  " + hit.project->title), color)
          << tr(lang, "  ({})\n", "（{}）\n", state);
    }
    const bool good = hit.lesson->kind == model::LessonKind::went_well;
    std::string mark = good ? "+" : "-";
    if (color)
      mark = fmt::format(fmt::fg(good ? fmt::terminal_color::green : fmt::terminal_color::yellow),
                         "{}", mark);
    out << "  " << mark << ' ' << report::terminal_safe(hit.lesson->text);
    if (!hit.lesson->tags.empty())
      out << "  [" << report::terminal_safe(fmt::format("{}", fmt::join(hit.lesson->tags, ", ")))
          << ']';
    out << '\n';
  }
  if (!ctx.quiet) {
    if (hits.empty())
      *ctx.err << pick(lang, "No lessons match.\n", "没有匹配的经验教训。\n");
    else
      *ctx.err << tr(lang, "{} from {}.\n", "共 {}，来自 {}。\n",
                     model::counted(lang, hits.size(), "{} lesson", "{} lessons", "{} 条经验教训"),
                     model::counted(lang, projects, "{} project", "{} projects", "{} 个项目"));
  }
  return k_exit_ok;
}

} // namespace

void add_lessons(CLI::App& app, Action& action, const Help& help) {
  auto opts = std::make_shared<LessonsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "lessons", help("Search the lessons learned of closed projects (the office's knowledge base)",
                      "检索已收尾项目的经验教训（办公室的知识库）"));
  cmd->add_option("--tag", opts->tags,
                  help("Only lessons with this tag (repeatable: all of them)",
                       "只列出带有此标签的经验教训（可重复：须带有全部标签）"))
      ->allow_extra_args(false);
  cmd->add_option("--search", opts->search,
                  help("Only lessons whose text or tags contain this (case-insensitive)",
                       "只列出文本或标签中包含此内容的经验教训（不区分大小写）"));
  cmd->add_flag(
      "--all", opts->all,
      help("Also projects whose closure is not yet accepted", "也包括收尾尚未验收的项目"));
  cmd->add_flag("--json", opts->json, help("JSON output", "以 JSON 输出"));
  cmd->callback(
      [&action, opts] { action = [opts](Context& ctx) { return run_lessons(ctx, *opts); }; });
}

} // namespace pmo::cli
