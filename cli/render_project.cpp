// `pmo report ID`: one project on one page, in GitHub-flavoured Markdown. What a sponsor or the
// PMO lead reads before a gate or a steering meeting: where it stands, its gate history, its
// baseline against the forecast, earned value, the manager's latest report, and what is open.

#include "render_markdown.hpp"

#include <pmo/report/lessons.hpp>
#include <pmo/report/markdown.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;
using report::md_code;
using report::md_header;
using report::md_row;
using report::md_text;

std::string person_of(const model::Portfolio& portfolio, const std::string& id, Lang lang) {
  if (id.empty())
    return "—";
  const model::Person* person = portfolio.person(id);
  const std::string name = person && person->name != id ? md_text(person->name) : std::string{};
  return report::name_with_id(name, md_text(id), lang);
}

std::string date_or_dash(const std::optional<model::Date>& date) {
  return date ? model::format_date(*date) : std::string{"—"};
}

std::string index_or_dash(const std::optional<double>& index) {
  return index ? fmt::format("{:.2f}", *index) : std::string{"—"};
}

std::string money(double amount) { return report::format_amount(amount); }

// The lines under the title: stage, people, next gate, health.
void overview(std::string& out, const model::Portfolio& portfolio, const model::Project& project,
              const report::ProjectDetail& detail, Lang lang) {
  const report::ProjectRow& row = detail.row;
  std::string stage = md_text(row.stage_label);
  if (row.stage_since)
    stage += tr(lang, " since {}", "，自 {} 起", model::format_date(*row.stage_since));
  if (row.days_in_stage)
    stage += tr(lang, " ({})", "（{}）",
                model::days_text(lang, detail.control.days, *row.days_in_stage));
  if (row.outcome)
    stage +=
        tr(lang, "; outcome: {}", "；结果：{}", md_text(report::outcome_name(*row.outcome, lang)));
  out += tr(lang, "- **Stage:** {}\n", "- **阶段**：{}\n", stage);
  out +=
      tr(lang, "- **Manager:** {}; **sponsor:** {}\n", "- **项目经理**：{}；**发起人**：{}\n",
         person_of(portfolio, project.manager, lang), person_of(portfolio, project.sponsor, lang));
  if (project.start || project.end || project.budget)
    out += tr(lang, "- **Plan:** {} to {}, budget {} {}\n", "- **计划**：{} 至 {}，预算 {} {}\n",
              date_or_dash(project.start), date_or_dash(project.end),
              project.budget ? money(*project.budget) : std::string{"—"},
              md_text(portfolio.office.currency));
  const std::string next = next_gate_text(row, lang, true);
  out += tr(lang, "- **Next gate:** {}\n", "- **下一关口**：{}\n",
            next.empty() ? pick(lang, "none", "无") : md_text(next));
  if (row.pause == model::Pause::hold && row.hold_since)
    out += tr(lang, "- **On hold** since {} by {}{}\n", "- **暂停**：自 {} 起，由{}决定{}\n",
              model::format_date(*row.hold_since), person_of(portfolio, row.hold_by, lang),
              row.hold_comment.empty() ? std::string{}
                                       : tr(lang, ": {}", "：{}", md_text(row.hold_comment)));
  if (detail.control.baseline() || detail.control.health.overall) {
    std::vector<std::string> parts;
    for (const auto& d : detail.control.health.dimensions) {
      const auto rating = d.rating();
      std::string text =
          tr(lang, "{} {}", "{}{}", md_text(model::dimension_name(d.dimension, lang)),
             rating ? md_text(model::rag_name(*rating, lang)) : std::string{"—"});
      if (d.overridden())
        text += tr(lang, " (manager's rating; computed {})", "（项目经理评定；计算值 {}）",
                   md_text(model::rag_name(*d.computed, lang)));
      parts.push_back(text);
    }
    out +=
        tr(lang, "- **Health:** {}{}\n", "- **健康度**：{}{}\n",
           detail.control.health.overall
               ? md_text(model::rag_name(*detail.control.health.overall, lang))
               : std::string{"—"},
           parts.empty() ? std::string{}
                         : tr(lang, " ({})", "（{}）", fmt::join(parts, pick(lang, ", ", "，"))));
  }
  for (const auto& b : row.blocked_by)
    out += tr(lang, "- **Waits for:** {}\n", "- **等待**：{}\n", md_text(b.text));
  out += "\n";
}

void gate_history(std::string& out, const report::ProjectDetail& detail, Lang lang) {
  out += fmt::format("## {}\n\n", pick(lang, "Gate history", "关口历史"));
  if (detail.history.empty()) {
    out += pick(lang, "No decisions yet.\n\n", "尚无决策。\n\n");
    return;
  }
  out += md_header({pick(lang, "Decided", "决策日期"), pick(lang, "Gate", "关口"),
                    pick(lang, "Decision", "决策"), pick(lang, "Reviewer", "评审人"),
                    pick(lang, "Role", "角色"), pick(lang, "Commit", "提交"),
                    pick(lang, "Notes", "说明")});
  for (const auto& d : detail.history) {
    std::vector<std::string> notes;
    if (!d.note.empty())
      notes.push_back(tr(lang, "not counted: {}", "未生效：{}", md_text(d.note)));
    for (const auto& condition : d.conditions)
      notes.push_back(tr(lang, "condition: {}", "条件：{}", md_text(condition)));
    if (!d.comment.empty())
      notes.push_back(md_text(d.comment));
    out +=
        md_row({model::format_date(std::chrono::floor<std::chrono::days>(d.when)),
                md_code(d.gate.empty() ? std::string{"CCB"} : d.gate), md_text(d.verdict_name),
                report::name_with_id(d.reviewer_name == d.reviewer ? "" : md_text(d.reviewer_name),
                                     md_text(d.reviewer), lang),
                md_text(d.role_name), d.commit.empty() ? "—" : md_code(d.commit.substr(0, 7)),
                notes.empty() ? "" : fmt::format("{}", fmt::join(notes, "; "))});
  }
  if (!detail.history_from_git)
    out += pick(lang, "\nCommit ids are not available (no git history).\n",
                "\n提交编号不可用（没有 git 历史）。\n");
  out += "\n";
}

// The current baseline against the latest forecast, milestone by milestone.
void schedule(std::string& out, const model::Portfolio& portfolio,
              const report::ProjectDetail& detail, Lang lang) {
  const model::ProjectControl& c = detail.control;
  const model::Baseline* base = c.baseline();
  out += fmt::format("## {}\n\n", pick(lang, "Baseline and forecast", "基线与预测"));
  if (!base) {
    out += pick(lang, "No baseline yet: it is fixed when the plan gate passes.\n\n",
                "尚无基线：计划关口通过后建立。\n\n");
    return;
  }
  out += tr(lang, "Baseline v{}: {} to {}, budget {} {}, since {} ({}).",
            "基线 v{}：{} 至 {}，预算 {} {}，自 {} 起（{}）。", base->version,
            model::format_date(base->start), model::format_date(base->end), money(base->budget),
            md_text(portfolio.office.currency),
            model::format_date(std::chrono::floor<std::chrono::days>(base->since)),
            md_text(base->cause));
  if (c.baselines.size() > 1)
    out += tr(lang, " Earlier baselines: {}.", "此前基线 {} 个。", c.baselines.size() - 1);
  out += "\n\n";
  out += md_header({pick(lang, "Milestone", "里程碑"), pick(lang, "Baseline", "基线"),
                    pick(lang, "Forecast", "预测"), pick(lang, "Slip", "偏差")},
                   {false, false, false, true});
  // The baseline's milestones in date order, with the latest report's forecast of each; then any
  // forecast of a milestone the baseline does not have.
  for (const auto& m : base->milestones) {
    const auto f = std::find_if(c.forecasts.begin(), c.forecasts.end(),
                                [&](const model::MilestoneSlip& s) { return s.name == m.name; });
    std::string slip = "—";
    if (f != c.forecasts.end() && f->slip_days)
      slip = *f->slip_days == 0 ? pick(lang, "on time", "按期")
                                : model::signed_days_text(lang, c.days, *f->slip_days);
    out +=
        md_row({md_text(m.name), date_or_dash(m.date),
                f != c.forecasts.end() ? model::format_date(f->forecast) : std::string{"—"}, slip});
  }
  for (const auto& f : c.forecasts)
    if (!f.baseline)
      out += md_row({md_text(f.name), "—", model::format_date(f.forecast), "—"});
  out += "\n";
}

void earned_value(std::string& out, const model::Portfolio& portfolio,
                  const report::ProjectDetail& detail, Lang lang) {
  const model::ProjectControl& c = detail.control;
  if (!c.baseline())
    return;
  out += fmt::format("## {}\n\n", pick(lang, "Earned value", "挣值"));
  if (!c.evm) {
    out += pick(lang, "No status report yet.\n\n", "尚无状态报告。\n\n");
    return;
  }
  const model::Evm& e = *c.evm;
  out += tr(lang, "As of {} ({}), planned {}% done; amounts in {}.\n\n",
            "截至 {}（{}），计划完成 {}%；金额单位 {}。\n\n", model::format_date(e.status_date),
            md_text(c.latest ? c.latest->period : std::string{}),
            fmt::format("{:.1f}", e.planned_percent), md_text(portfolio.office.currency));
  out +=
      md_header({"BAC", "PV", "EV", "AC", "SPI", "CPI", "EAC", "VAC"}, std::vector<bool>(8, true));
  out += md_row({money(e.bac), money(e.pv), money(e.ev), money(e.ac), index_or_dash(e.spi),
                 index_or_dash(e.cpi), money(e.eac), money(e.vac)});
  out += "\n";
}

void latest_report(std::string& out, const report::ProjectDetail& detail, Lang lang) {
  const model::StatusReport* latest = detail.control.latest;
  if (!latest)
    return;
  out += tr(lang, "## Latest status report: {}\n\n", "## 最近状态报告：{}\n\n",
            md_text(latest->period));
  if (latest->amended)
    out += tr(lang, "Amended {}.\n\n", "已于 {} 更正。\n\n", model::format_date(*latest->amended));
  if (!latest->summary.empty())
    out += md_text(latest->summary) + "\n\n";
  auto list = [&](const std::vector<std::string>& items, const std::string& title) {
    if (items.empty())
      return;
    out += fmt::format("**{}**\n\n", title);
    for (const auto& item : items)
      out += "- " + md_text(item) + "\n";
    out += "\n";
  };
  list(latest->accomplishments, pick(lang, "Done this period", "本期完成"));
  list(latest->next_steps, pick(lang, "Next steps", "下一步"));
  if (detail.control.overdue)
    out += tr(lang, "The report for {} is overdue (due by {}).\n\n",
              "{} 的报告已逾期（截止 {}）。\n\n", md_text(detail.control.due_period),
              model::format_date(detail.control.report_due));
}

void open_items(std::string& out, const model::Portfolio& portfolio, const model::Project& project,
                const report::ProjectDetail& detail, const model::Clock& clock, Lang lang) {
  const model::ProjectControl& c = detail.control;
  out += fmt::format("## {}\n\n", pick(lang, "Open risks", "未关闭风险"));
  if (c.open_risks.empty())
    out += pick(lang, "None.\n\n", "无。\n\n");
  else {
    out += md_header({pick(lang, "Risk", "风险"), pick(lang, "Score", "评分"),
                      pick(lang, "Description", "描述"), pick(lang, "Response", "应对"),
                      pick(lang, "Owner", "负责人"), pick(lang, "Due", "期限")},
                     {false, true, false, false, false, false});
    for (const model::Risk* risk : c.open_risks) {
      std::string score = std::to_string(risk->score());
      if (model::is_escalated(portfolio.office.control, *risk))
        score += pick(lang, " escalated", " 已升级");
      out += md_row({md_code(risk->id), score, md_text(risk->description),
                     md_text(model::response_name(risk->response, lang)),
                     person_of(portfolio, risk->owner, lang), date_or_dash(risk->due)});
    }
    out += "\n";
  }
  out += fmt::format("## {}\n\n", pick(lang, "Open issues", "未决问题"));
  if (c.open_issues.empty())
    out += pick(lang, "None.\n\n", "无。\n\n");
  else {
    out += md_header({pick(lang, "Issue", "问题"), pick(lang, "Priority", "优先级"),
                      pick(lang, "Description", "描述"), pick(lang, "Owner", "负责人"),
                      pick(lang, "Due", "期限")});
    for (const model::Issue* issue : c.open_issues) {
      std::string due = date_or_dash(issue->due);
      if (model::is_overdue(*issue, clock.today()))
        due += pick(lang, " overdue", " 已逾期");
      out += md_row({md_code(issue->id), md_text(model::priority_name(issue->priority, lang)),
                     md_text(issue->description), person_of(portfolio, issue->owner, lang), due});
    }
    out += "\n";
  }
  if (!c.changes.empty()) {
    out += fmt::format("## {}\n\n", pick(lang, "Change requests", "变更申请"));
    out += md_header({pick(lang, "Change", "变更"), pick(lang, "Title", "标题"),
                      pick(lang, "Status", "状态"), pick(lang, "Schedule", "工期"),
                      tr(lang, "Cost ({})", "成本（{}）", portfolio.office.currency)},
                     {false, false, false, true, true});
    for (const auto& change : c.changes) {
      std::string status = md_text(model::change_status_name(change.status, lang));
      if (change.status == model::ChangeStatus::pending)
        status += tr(lang, " ({} of {} approvals)", "（已批准 {} / 需 {}）",
                     change.board.approvals.size(), change.board.approvals_needed);
      out += md_row({md_code(change.change->id), md_text(change.change->title), status,
                     model::signed_days_text(lang, c.days, change.change->schedule_days),
                     (change.change->cost > 0 ? "+" : "") + money(change.change->cost)});
    }
    out += "\n";
  }
  const auto conditions = model::conditions_of(portfolio, project);
  if (!conditions.empty()) {
    out += fmt::format("## {}\n\n", pick(lang, "Conditions of approval", "附条件批准的条件"));
    for (const auto& condition : conditions)
      out += fmt::format(
          "- [{}] {} {}{}\n", condition.met ? "x" : " ", md_code(condition.id),
          md_text(condition.text),
          condition.met ? tr(lang, " — met {}", " —— {} 已满足", date_or_dash(condition.met->met))
                        : std::string{});
    out += "\n";
  }
}

void checklist(std::string& out, const report::ProjectDetail& detail, Lang lang) {
  if (!detail.next)
    return;
  const report::Checklist& next = *detail.next;
  out += tr(lang, "## Next gate: {} {}\n\n", "## 下一关口：{} {}\n\n", md_code(next.gate),
            md_text(next.gate_name));
  if (next.missing_fields.empty())
    out += pick(lang, "- [x] required content is complete\n", "- [x] 所需内容已齐全\n");
  for (const auto& finding : next.missing_fields)
    out += "- [ ] " + md_text(finding.message) + "\n";
  if (next.missing_roles.empty())
    out += pick(lang, "- [x] every board role has approved\n", "- [x] 评审委员会各角色均已批准\n");
  else {
    std::vector<std::string> roles;
    for (std::size_t i = 0; i < next.missing_roles.size(); ++i)
      roles.push_back(report::name_with_id(md_text(next.missing_role_names[i]),
                                           md_text(next.missing_roles[i]), lang));
    out += tr(lang, "- [ ] roles still to decide: {}\n", "- [ ] 待决策角色：{}\n",
              fmt::join(roles, pick(lang, ", ", "、")));
  }
  out += tr(lang, "\nApprovals: {} of {} needed.\n\n", "\n已批准：{} / 需 {}。\n\n", next.approvals,
            next.approvals_needed);
}

} // namespace

std::vector<std::pair<std::string, std::string>>
project_sections(const model::Portfolio& portfolio, const model::Project& project,
                 const report::ProjectDetail& detail, const model::Clock& clock,
                 const ReportSource& source, Lang lang) {
  auto block = [](std::string text) {
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    return text;
  };
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](const char* name, auto section) {
    std::string text;
    section(text);
    out.emplace_back(name, block(std::move(text)));
  };
  add("overview", [&](std::string& text) { overview(text, portfolio, project, detail, lang); });
  add("schedule", [&](std::string& text) { schedule(text, portfolio, detail, lang); });
  add("earned_value", [&](std::string& text) { earned_value(text, portfolio, detail, lang); });
  add("latest_report", [&](std::string& text) { latest_report(text, detail, lang); });
  add("open_items",
      [&](std::string& text) { open_items(text, portfolio, project, detail, clock, lang); });
  add("gate_history", [&](std::string& text) { gate_history(text, detail, lang); });
  add("checklist", [&](std::string& text) { checklist(text, detail, lang); });
  out.emplace_back("footer", block(report_footer(source, clock.now, lang)));
  return out;
}

} // namespace pmo::cli
