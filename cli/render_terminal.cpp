#include "render_terminal.hpp"

#include "reading.hpp"
#include "render_markdown.hpp"
#include "render_table.hpp"

#include <pmo/report/lessons.hpp>
#include <pmo/report/text.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <tuple>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;

// Where a project's page goes, and what it is drawn with.
struct Screen {
  std::ostream& out;
  bool color = false;
  const model::Clock& clock;
  bool history_available = false;
  std::string history_note;
};

std::string days_text(const std::optional<int>& days, model::DayCount unit, Lang lang) {
  if (!days)
    return {};
  if (unit == model::DayCount::working)
    return tr(lang, "{} wd", "{} 工作日", *days);
  return tr(lang, "{} d", "{} 天", *days);
}

fmt::text_style stage_style(const std::string& stage) {
  if (stage == model::k_rejected_stage)
    return fmt::fg(fmt::terminal_color::red);
  if (stage == "closed")
    return fmt::emphasis::faint;
  return {};
}

fmt::text_style health_style(const std::optional<model::Rag>& rag) {
  if (!rag)
    return {};
  switch (*rag) {
  case model::Rag::green:
    return fmt::fg(fmt::terminal_color::green);
  case model::Rag::amber:
    return fmt::fg(fmt::terminal_color::yellow);
  case model::Rag::red:
    return fmt::fg(fmt::terminal_color::red);
  }
  return {};
}

std::string index_text(const std::optional<double>& index) {
  return index ? fmt::format("{:.2f}", *index) : std::string{"—"};
}

std::string health_text(const report::ProjectRow& row, Lang lang) {
  if (row.outcome)
    return report::outcome_name(*row.outcome, lang);
  std::string text = row.health ? model::rag_name(*row.health, lang) : std::string{"—"};
  if (row.health_overridden)
    text += "*";
  if (row.overdue)
    text += pick(lang, " (report overdue)", "（报告逾期）");
  return text;
}

std::string amount_text(double amount, const std::string& currency) {
  return report::format_amount(amount) + (currency.empty() ? "" : " " + currency);
}

std::string amount_text(const std::optional<double>& amount, const std::string& currency) {
  if (!amount)
    return {};
  return report::format_amount(*amount) + (currency.empty() ? "" : " " + currency);
}

std::vector<Field> record_fields(const model::Portfolio& portfolio, const model::Project& p,
                                 const report::ProjectRow& row, Lang lang) {
  std::vector<Field> fields;
  auto text = [&](const char* en, const char* zh, const std::string& value) {
    if (value.find_first_not_of(" \t\r\n") != std::string::npos)
      fields.push_back({pick(lang, en, zh), {value}});
  };
  auto list = [&](const char* en, const char* zh, const std::vector<std::string>& values) {
    if (!values.empty())
      fields.push_back({pick(lang, en, zh), values});
  };
  auto date = [&](const char* en, const char* zh, const std::optional<model::Date>& value) {
    if (value)
      fields.push_back({pick(lang, en, zh), {model::format_date(*value)}});
  };
  const std::string& currency = portfolio.office.currency;

  std::string stage = row.stage_label;
  if (row.days_in_stage)
    stage += tr(lang, " ({}, since {})", "（{}，自 {} 起）",
                model::days_text(lang, portfolio.office.control.days, *row.days_in_stage),
                model::format_date(*row.stage_since));
  fields.push_back({pick(lang, "Stage", "阶段"), {stage}});
  if (row.pause == model::Pause::hold) {
    std::string hold = tr(lang, "at {}", "于关口 {}", row.paused_gate);
    if (row.hold_since)
      hold += tr(lang, ", since {} ({})", "，自 {} 起（{}）", model::format_date(*row.hold_since),
                 person_text(portfolio, row.hold_by, lang));
    std::vector<std::string> lines{hold};
    if (!row.hold_comment.empty())
      lines.push_back(row.hold_comment);
    const auto& allowed = portfolio.office.control.while_on_hold;
    lines.push_back(tr(lang, "may record only: {} (control.while_on_hold)",
                       "暂停期间只能登记：{}（control.while_on_hold）",
                       model::record_kinds_text(allowed, lang)));
    fields.push_back({pick(lang, "ON HOLD", "已暂停"), lines});
  }
  if (!row.blocked_by.empty()) {
    std::vector<std::string> lines;
    for (const auto& b : row.blocked_by)
      lines.push_back(b.text);
    fields.push_back({pick(lang, "Waits for", "依赖未满足"), lines});
  }
  text("Sponsor", "发起人", person_text(portfolio, p.sponsor, lang));
  text("Manager", "项目经理", person_text(portfolio, p.manager, lang));
  text("Budget", "预算", amount_text(p.budget, currency));
  date("Start", "开始日期", p.start);
  date("End", "结束日期", p.end);
  date("Submitted", "提交日期", p.submitted);
  list("Objectives", "项目目标", p.objectives);
  list("In scope", "范围（包含）", p.scope.in);
  list("Out of scope", "范围（不含）", p.scope.out);
  text("Strategic fit", "战略契合", p.strategic_alignment);
  list("Benefits", "预期收益", p.business_case.benefits);
  text("Cost estimate", "成本估算", amount_text(p.business_case.cost_estimate, currency));
  if (p.business_case.roi)
    text("ROI", "投资回报率", report::format_amount(*p.business_case.roi) + "%");
  text("Feasibility", "可行性", p.feasibility);
  list("Key risks", "关键风险", p.risks);
  list("Resources", "所需资源", p.resources);
  text("File", "文件", p.file);
  return fields;
}

std::string checkbox(bool done, bool color) {
  if (!color)
    return done ? "[x]" : "[ ]";
  return done ? fmt::format(fmt::fg(fmt::terminal_color::green), "[x]")
              : fmt::format(fmt::fg(fmt::terminal_color::yellow), "[ ]");
}

void print_history(Screen& screen, const report::ProjectDetail& detail, Lang lang) {
  std::ostream& out = screen.out;
  const bool color = screen.color;
  out << heading(pick(lang, "Gate history", "关口历史"), color) << '\n';
  if (detail.history.empty()) {
    out << "  " << pick(lang, "No decisions yet.", "尚无决策。") << '\n';
    return;
  }
  std::vector<TableColumn> columns{
      {pick(lang, "Decided at", "决策时间")},
      {pick(lang, "Gate", "关口")},
      {pick(lang, "Decision", "决策")},
      {pick(lang, "Reviewer", "评审人"), false, 24},
      {pick(lang, "Role", "角色")},
      {pick(lang, "Commit", "提交")},
      {pick(lang, "Notes", "说明"), false, 60},
  };
  std::vector<TableRow> rows;
  for (const auto& d : detail.history) {
    std::vector<std::string> notes;
    if (!d.note.empty())
      notes.push_back(tr(lang, "not counted: {}", "未生效：{}", d.note));
    if (!d.conditions.empty())
      notes.push_back(tr(lang, "conditions: {}", "条件：{}", fmt::join(d.conditions, "; ")));
    if (!d.comment.empty())
      notes.push_back(d.comment);
    std::string reviewer = report::name_with_id(d.reviewer_name, d.reviewer, lang);
    fmt::text_style verdict_style{};
    if (d.verdict == "reject")
      verdict_style = fmt::fg(fmt::terminal_color::red);
    else if (d.verdict == "revise" || d.verdict == "hold")
      verdict_style = fmt::fg(fmt::terminal_color::yellow);
    rows.push_back({{model::format_timestamp(d.when)},
                    {d.gate},
                    {d.verdict_name, verdict_style},
                    {reviewer},
                    {d.role_name},
                    {d.commit.empty() ? "—" : d.commit.substr(0, 7)},
                    {fmt::format("{}", fmt::join(notes, pick(lang, "; ", "；"))),
                     d.note.empty() ? fmt::text_style{} : fmt::fg(fmt::terminal_color::red)}});
  }
  std::string table = render_table(columns, rows, color);
  // Indent the table under its heading.
  for (std::size_t start = 0; start < table.size();) {
    auto end = table.find('\n', start);
    out << "  " << table.substr(start, end - start + 1);
    start = end + 1;
  }
  if (!screen.history_available)
    out << "  "
        << tr(lang, "Commit ids: not available ({}).", "提交编号：不可用（{}）。",
              screen.history_note)
        << '\n';
}

void print_control(Screen& screen, const model::Portfolio& portfolio,
                   const report::ProjectDetail& detail, Lang lang) {
  std::ostream& out = screen.out;
  const bool color = screen.color;
  const model::ProjectControl& c = detail.control;
  const std::string& currency = portfolio.office.currency;
  out << heading(pick(lang, "Project control", "项目监控"), color) << '\n';
  const model::Baseline* base = c.baseline();
  if (!base) {
    out << "  "
        << pick(lang, "No baseline yet: it is fixed when the plan gate passes.",
                "尚无基线：计划关口通过后建立。")
        << "\n\n";
    return;
  }
  std::vector<Field> fields;
  for (const auto& b : c.baselines) {
    std::vector<std::string> lines{
        tr(lang, "{} — {}, {} to {}, since {} ({})", "{} —— {}，{} 至 {}，自 {} 起（{}）",
           fmt::format("v{}", b.version), amount_text(b.budget, currency),
           model::format_date(b.start), model::format_date(b.end),
           model::format_date(std::chrono::floor<std::chrono::days>(b.since)), b.cause)};
    for (const auto& m : b.milestones)
      lines.push_back(tr(lang, "  {} {} (weight {})", "  {} {}（权重 {}）",
                         model::format_date(*m.date), m.name, report::format_amount(m.weight)));
    fields.push_back({b.version == base->version ? pick(lang, "Baseline", "当前基线")
                                                 : pick(lang, "Earlier baseline", "历史基线"),
                      lines});
  }
  std::string last = c.latest ? c.latest->period : pick(lang, "none yet", "尚无");
  if (c.latest && c.latest->amended)
    last += tr(lang, " (amended {})", "（{} 更正）", model::format_date(*c.latest->amended));
  if (c.overdue)
    last += tr(lang, " — the report for {} is overdue (due by {})",
               " —— {} 的报告已逾期（截止 {}）", c.due_period, model::format_date(c.report_due));
  fields.push_back({pick(lang, "Last report", "最近报告"), {last}});
  if (c.latest && !c.latest->summary.empty())
    fields.push_back({pick(lang, "Summary", "摘要"), {c.latest->summary}});
  if (!c.forecasts.empty()) {
    std::vector<std::string> lines;
    for (const auto& f : c.forecasts) {
      std::string text = tr(lang, "{} {}", "{} {}", model::format_date(f.forecast), f.name);
      if (f.slip_days)
        text += *f.slip_days == 0 ? tr(lang, " (on the baseline {})", "（与基线 {} 一致）",
                                       model::format_date(*f.baseline))
                                  : tr(lang, " ({} against the baseline {})", "（较基线 {1} {0}）",
                                       model::signed_days_text(lang, c.days, *f.slip_days),
                                       model::format_date(*f.baseline));
      lines.push_back(text);
    }
    fields.push_back({pick(lang, "Forecast", "里程碑预测"), lines});
  }
  if (c.evm) {
    const model::Evm& e = *c.evm;
    auto money = [&](double v) { return amount_text(v, currency); };
    fields.push_back(
        {pick(lang, "Earned value", "挣值"),
         {tr(lang, "as of {}: planned {}%, BAC {}", "截至 {}：计划完成 {}%，BAC {}",
             model::format_date(e.status_date), fmt::format("{:.1f}", e.planned_percent),
             money(e.bac)),
          fmt::format("PV {}  EV {}  AC {}", money(e.pv), money(e.ev), money(e.ac)),
          fmt::format("SV {}  CV {}", money(e.sv), money(e.cv)),
          fmt::format("SPI {}  CPI {}  TCPI {}", index_text(e.spi), index_text(e.cpi),
                      index_text(e.tcpi)),
          fmt::format("EAC {}  ETC {}  VAC {}", money(e.eac), money(e.etc), money(e.vac))}});
  }
  std::vector<std::string> health;
  for (const auto& d : c.health.dimensions) {
    auto rating = d.rating();
    std::string text = tr(lang, "{}: {}", "{}：{}", model::dimension_name(d.dimension, lang),
                          rating ? model::rag_name(*rating, lang) : std::string{"—"});
    if (d.overridden())
      text += tr(lang, " (override; computed {})", "（人工调整；计算值 {}）",
                 model::rag_name(*d.computed, lang));
    health.push_back(text);
  }
  if (c.health.overall)
    health.insert(health.begin(),
                  tr(lang, "overall: {}", "总体：{}", model::rag_name(*c.health.overall, lang)));
  fields.push_back({pick(lang, "Health", "健康度"), health});
  std::vector<std::string> risks;
  for (const model::Risk* risk : c.open_risks)
    risks.push_back(tr(
        lang, "{} score {}{} — {} ({})", "{} 评分 {}{} —— {}（{}）", risk->id, risk->score(),
        model::is_escalated(portfolio.office.control, *risk) ? pick(lang, " ESCALATED", " 已升级")
                                                             : "",
        risk->description, risk->owner));
  const std::string& id = detail.row.id;
  if (risks.empty())
    risks.push_back(pick(lang, "none", "无"));
  const auto closed_risks =
      std::count_if(portfolio.risks.begin(), portfolio.risks.end(),
                    [&](const model::Risk& r) { return r.project == id && !r.open; });
  if (closed_risks > 0)
    risks.push_back(
        model::counted(lang, closed_risks, "and {} closed", "and {} closed", "另有 {} 个已关闭") +
        tr(lang, " (pmo risk list {} --all)", "（pmo risk list {} --all）", id));
  fields.push_back({pick(lang, "Open risks", "未关闭风险"), risks});
  std::vector<std::string> issues;
  for (const model::Issue* issue : c.open_issues) {
    std::string text =
        tr(lang, "{} [{}] {} ({})", "{}【{}】{}（{}）", issue->id,
           model::priority_name(issue->priority, lang), issue->description, issue->owner);
    if (issue->due)
      text += model::is_overdue(*issue, screen.clock.today())
                  ? tr(lang, " — due {}, OVERDUE", " —— 应于 {} 解决，已逾期",
                       model::format_date(*issue->due))
                  : tr(lang, " — due {}", " —— 应于 {} 解决", model::format_date(*issue->due));
    issues.push_back(text);
  }
  if (issues.empty())
    issues.push_back(pick(lang, "none", "无"));
  const auto resolved =
      std::count_if(portfolio.issues.begin(), portfolio.issues.end(),
                    [&](const model::Issue& i) { return i.project == id && i.resolved; });
  if (resolved > 0)
    issues.push_back(
        model::counted(lang, resolved, "and {} resolved", "and {} resolved", "另有 {} 个已解决") +
        tr(lang, " (pmo issue list {} --all)", "（pmo issue list {} --all）", id));
  fields.push_back({pick(lang, "Open issues", "未决问题"), issues});
  std::vector<std::string> changes;
  for (const auto& change : c.changes) {
    std::string text =
        tr(lang, "{} {} — {} ({}, cost {}{})", "{} {} —— {}（工期 {}，成本 {}{}）",
           change.change->id, change.change->title, model::change_status_name(change.status, lang),
           model::signed_days_text(lang, c.days, change.change->schedule_days),
           change.change->cost >= 0 ? "+" : "", report::format_amount(change.change->cost));
    if (change.status == model::ChangeStatus::pending)
      text += tr(lang, "; approvals {} of {}", "；已批准 {} / 需 {}", change.board.approvals.size(),
                 change.board.approvals_needed);
    changes.push_back(text);
  }
  fields.push_back(
      {pick(lang, "Changes", "变更申请"),
       changes.empty() ? std::vector<std::string>{pick(lang, "none", "无")} : changes});
  out << render_fields(fields, 2, color) << '\n';
}

// The conditions of approval of the project's decisions: open ones, and how each met one was met.
// A project with no gate left (closed, rejected) shows what was never marked met, without the
// command: its conditions are settled.
void print_conditions(Screen& screen, const model::Portfolio& portfolio,
                      const model::Project& project, bool settled, Lang lang) {
  const auto conditions = model::conditions_of(portfolio, project);
  if (conditions.empty())
    return;
  std::ostream& out = screen.out;
  const bool color = screen.color;
  out << heading(pick(lang, "Conditions of approval", "批准条件"), color) << '\n';
  std::vector<Field> fields;
  for (const auto& c : conditions) {
    const model::Decision& d = *c.decision;
    std::vector<std::string> lines{
        tr(lang, "{} ({}, {})", "{}（{}，{}）", c.text, person_text(portfolio, d.reviewer, lang),
           model::format_date(std::chrono::floor<std::chrono::days>(d.decided_at)))};
    if (c.met)
      lines.push_back(tr(lang, "met {} ({}): {}", "已落实 {}（{}）：{}",
                         c.met->met ? model::format_date(*c.met->met) : "—",
                         person_text(portfolio, c.met->by, lang), c.met->evidence));
    else if (settled)
      lines.push_back(pick(lang, "never marked met", "未曾标记为已落实"));
    else
      lines.push_back(tr(lang, "open — pmo condition met {} {} --evidence TEXT",
                         "未落实 —— pmo condition met {} {} --evidence 说明", project.id, c.id));
    fields.push_back({c.id, lines});
  }
  out << render_fields(fields, 2, color) << '\n';
}

// The closure report against the last baseline: end and cost variance, evaluation, lessons.
void print_closure(Screen& screen, const model::Portfolio& portfolio, const model::Project& project,
                   const report::ProjectDetail& detail, Lang lang) {
  if (!project.closure)
    return;
  const model::Closure& c = *project.closure;
  const std::string& currency = portfolio.office.currency;
  const model::Baseline* base = detail.control.baseline();
  const bool color = screen.color;
  std::ostream& out = screen.out;
  out << heading(pick(lang, "Closure", "收尾"), color) << '\n';
  std::vector<Field> fields;
  if (c.outcome)
    fields.push_back({pick(lang, "Outcome", "结果"), {report::outcome_name(*c.outcome, lang)}});
  fields.push_back({pick(lang, "Acceptance", "验收"), {c.acceptance}});
  std::vector<std::string> deliverables;
  for (const auto& d : c.deliverables)
    deliverables.push_back((d.accepted ? pick(lang, "[accepted] ", "［已验收］")
                                       : pick(lang, "[rejected] ", "［未通过］")) +
                           d.name + (d.note.empty() ? "" : " — " + d.note));
  if (!deliverables.empty())
    fields.push_back({pick(lang, "Deliverables", "交付物"), deliverables});
  if (c.actual_start)
    fields.push_back(
        {pick(lang, "Actual start", "实际开始"), {model::format_date(*c.actual_start)}});
  if (c.actual_end) {
    std::string text = model::format_date(*c.actual_end);
    if (base) {
      const auto days = portfolio.office.day_counter().between(base->end, *c.actual_end);
      text += days == 0
                  ? tr(lang, " (on the baseline end {})", "（与基线结束日期 {} 一致）",
                       model::format_date(base->end))
                  : tr(lang, " ({} against the baseline end {})", "（较基线结束日期 {1} {0}）",
                       model::signed_days_text(lang, portfolio.office.control.days, days),
                       model::format_date(base->end));
    }
    fields.push_back({pick(lang, "Actual end", "实际结束"), {text}});
  }
  if (c.actual_cost) {
    std::string text = amount_text(*c.actual_cost, currency);
    if (base && base->budget > 0)
      text += tr(lang, " ({:+.1f}% against the baseline budget {})", "（较基线预算 {1} {0:+.1f}%）",
                 (*c.actual_cost - base->budget) / base->budget * 100,
                 amount_text(base->budget, currency));
    fields.push_back({pick(lang, "Actual cost", "实际成本"), {text}});
  }
  for (auto [evaluation, en, zh] :
       {std::tuple{&c.project_evaluation, "Project evaluation", "项目评价"},
        std::tuple{&c.manager_evaluation, "Manager evaluation", "项目经理评价"}})
    if (evaluation->rating)
      fields.push_back(
          {pick(lang, en, zh),
           {fmt::format("{}/5{}", *evaluation->rating,
                        evaluation->comment.empty() ? "" : " — " + evaluation->comment)}});
  std::vector<std::string> lessons;
  for (const auto& lesson : c.lessons)
    lessons.push_back(
        (lesson.kind == model::LessonKind::went_well ? "+ " : "- ") + lesson.text +
        (lesson.tags.empty() ? std::string{} : fmt::format(" [{}]", fmt::join(lesson.tags, ", "))));
  if (!lessons.empty())
    fields.push_back({pick(lang, "Lessons", "经验教训"), lessons});
  fields.push_back({pick(lang, "File", "文件"), {c.file}});
  out << render_fields(fields, 2, color) << '\n';
}

void print_checklist(Screen& screen, const report::ProjectDetail& detail, Lang lang) {
  std::ostream& out = screen.out;
  const bool color = screen.color;
  if (!detail.next) {
    out << heading(pick(lang, "Next gate", "下一关口"), color) << '\n'
        << "  " << tr(lang, "none: the project is {}", "无：项目{}", detail.row.stage_label)
        << '\n';
    return;
  }
  const report::Checklist& next = *detail.next;
  out << heading(tr(lang, "Next gate: {} {}", "下一关口：{} {}", next.gate, next.gate_name), color)
      << '\n';
  if (next.pause != model::Pause::none)
    out << "  "
        << (color ? fmt::format(fmt::fg(fmt::terminal_color::yellow), "!") : std::string{"!"})
        << ' '
        << tr(lang, "{0} at {1}: the next decision on {1} resumes it",
              "在 {1} 处于“{0}”状态；{1} 的下一项决策将恢复流程",
              model::pause_name(next.pause, lang), next.paused_gate)
        << '\n';
  if (next.missing_fields.empty())
    out << "  " << checkbox(true, color) << ' '
        << pick(lang, "required content is complete", "所需内容已齐全") << '\n';
  for (const auto& finding : next.missing_fields)
    out << "  " << checkbox(false, color) << ' ' << report::terminal_safe(finding.message) << '\n';
  if (next.missing_roles.empty())
    out << "  " << checkbox(true, color) << ' '
        << pick(lang, "every board role has approved", "评审委员会各角色均已批准") << '\n';
  else {
    // The role's name, and its id when different: the id is what `pmo review --role` takes.
    std::vector<std::string> roles;
    for (std::size_t i = 0; i < next.missing_roles.size(); ++i) {
      const std::string& name = next.missing_role_names[i];
      roles.push_back(report::name_with_id(name, next.missing_roles[i], lang));
    }
    out << "  " << checkbox(false, color) << ' '
        << report::terminal_safe(tr(lang, "roles still to decide: {}", "待决策角色：{}",
                                    fmt::join(roles, pick(lang, ", ", "、"))))
        << '\n';
  }
  out << "  "
      << tr(lang, "approvals: {} of {} needed", "已批准：{} / 需 {}", next.approvals,
            next.approvals_needed)
      << '\n';
}

} // namespace

std::string render_status_table(const model::Portfolio& portfolio,
                                const std::vector<report::ProjectRow>& rows, bool color,
                                Lang lang) {
  std::vector<TableColumn> columns{
      {pick(lang, "ID", "编号")},
      {pick(lang, "Title", "名称"), false, 40},
      {pick(lang, "Stage", "阶段")},
      {pick(lang, "Manager", "项目经理"), false, 24},
      {pick(lang, "Next gate", "下一关口"), false, 40},
      {pick(lang, "In stage", "本阶段"), true},
      {pick(lang, "Health", "健康度")},
      {"SPI", true},
      {"CPI", true},
  };
  std::vector<TableRow> table;
  for (const auto& row : rows) {
    std::string gate = next_gate_text(row, lang, true);
    table.push_back(
        {{row.id},
         {row.title},
         {row.pause == model::Pause::hold ? row.stage_label + pick(lang, " (on hold)", "（暂停）")
                                          : row.stage_label,
          row.pause == model::Pause::hold ? fmt::fg(fmt::terminal_color::yellow)
                                          : stage_style(row.stage)},
         {row.manager.empty() ? "—" : person_text(portfolio, row.manager, lang)},
         {gate.empty() ? "—" : gate, row.pause != model::Pause::none
                                         ? fmt::fg(fmt::terminal_color::yellow)
                                         : fmt::text_style{}},
         {days_text(row.days_in_stage, portfolio.office.control.days, lang)},
         {health_text(row, lang), health_style(row.health)},
         {index_text(row.spi)},
         {index_text(row.cpi)}});
  }
  return render_table(columns, table, color);
}

std::string render_status_page(const model::Portfolio& portfolio, const model::Project& project,
                               const report::ProjectDetail& detail, bool history_available,
                               const std::string& history_note, const model::Clock& clock,
                               bool color, Lang lang) {
  std::ostringstream out;
  Screen screen{out, color, clock, history_available, history_note};
  out << heading(project.id + "  " + project.title, color) << "\n\n";
  out << render_fields(record_fields(portfolio, project, detail.row, lang), 2, color) << '\n';
  print_history(screen, detail, lang);
  out << '\n';
  print_conditions(screen, portfolio, project, !detail.next.has_value(), lang);
  print_control(screen, portfolio, detail, lang);
  print_closure(screen, portfolio, project, detail, lang);
  print_checklist(screen, detail, lang);
  return out.str();
}

} // namespace pmo::cli
