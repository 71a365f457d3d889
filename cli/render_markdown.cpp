#include "render_markdown.hpp"

#include "kpi_text.hpp"

#include <pmo/model/resources.hpp>
#include <pmo/report/charts.hpp>
#include <pmo/report/lessons.hpp>
#include <pmo/report/markdown.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pmo::cli {

namespace {

using model::Lang;
using model::pick;
using model::tr;
using report::md_code;
using report::md_text;

std::string row(const std::vector<std::string>& cells) { return report::md_row(cells); }

std::string header(const std::vector<std::string>& titles, const std::vector<bool>& right) {
  return report::md_header(titles, right);
}

std::string person_text(const std::string& name, const std::string& id, Lang lang) {
  if (id.empty())
    return "—";
  return report::name_with_id(name == id ? "" : md_text(name), md_text(id), lang);
}

std::string days_text(const std::optional<int>& days) {
  return days ? std::to_string(*days) : std::string{"—"};
}

std::string short_id(const std::string& commit) { return commit.substr(0, 7); }

// "A, B and C" / "A、B、C" — parts already in the reader's language.
std::string joined(const std::vector<std::string>& parts, Lang lang) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      out += i + 1 == parts.size() ? pick(lang, " and ", "、") : pick(lang, ", ", "、");
    out += parts[i];
  }
  return out;
}

// The executive summary: health, what needs a management decision, the money.
void summary_section(std::string& out, const report::PortfolioReport& r) {
  Lang lang = r.lang;
  const report::ExecutiveSummary& s = r.summary;
  out += fmt::format("## {}\n\n", pick(lang, "Summary", "摘要"));

  // Health of the projects under way.
  std::string health;
  if (s.active == 0) {
    health = pick(lang, "No project is under way.", "目前没有在执行的项目。");
  } else {
    std::vector<std::string> rated;
    if (s.green > 0)
      rated.push_back(tr(lang, "{} green", "绿 {}", s.green));
    if (s.amber > 0)
      rated.push_back(tr(lang, "{} amber", "黄 {}", s.amber));
    if (s.red > 0) {
      std::vector<std::string> ids;
      for (const auto& id : s.red_projects)
        ids.push_back(md_code(id));
      rated.push_back(tr(lang, "{} red ({})", "红 {}（{}）", s.red, joined(ids, lang)));
    }
    if (s.unrated > 0)
      rated.push_back(tr(lang, "{} not yet rated", "{} 个尚无评级", s.unrated));
    health = tr(lang, "{}: {}.", "{}：{}。",
                model::counted(lang, s.active, "{} project under way", "{} projects under way",
                               "在执行项目 {} 个"),
                joined(rated, lang));
  }
  std::vector<std::string> also;
  if (s.proposals > 0)
    also.push_back(
        model::counted(lang, s.proposals, "{} proposal", "{} proposals", "项目建议书 {} 个"));
  if (s.closed > 0)
    also.push_back(model::counted(lang, s.closed, "{} closed", "{} closed", "已收尾 {} 个"));
  if (s.rejected > 0)
    also.push_back(model::counted(lang, s.rejected, "{} rejected", "{} rejected", "已否决 {} 个"));
  if (!also.empty() && s.active == 0)
    health = tr(lang, "No project is under way ({}).", "目前没有在执行的项目（{}）。",
                joined(also, lang));
  else if (!also.empty())
    health += tr(lang, " Besides: {}.", "另有{}。", joined(also, lang));
  out += tr(lang, "- **Health.** {}\n", "- **健康度**：{}\n", health);

  // What waits for management.
  std::vector<std::string> needs;
  if (s.proposals_waiting > 0) {
    std::string item =
        model::counted(lang, s.proposals_waiting, "{} proposal waits for its gate",
                       "{} proposals wait for their gate", "{} 个项目建议书等待关口评审");
    if (s.longest_wait_days && *s.longest_wait_days > 0)
      item += tr(lang, " (the longest for {})", "（最长已等 {}）",
                 model::days_text(lang, r.days, *s.longest_wait_days));
    needs.push_back(item);
  }
  if (s.on_hold > 0)
    needs.push_back(model::counted(lang, s.on_hold, "{} project is on hold at a gate",
                                   "{} projects are on hold at a gate", "{} 个项目在关口暂停"));
  if (s.escalated_risks > 0)
    needs.push_back(model::counted(lang, s.escalated_risks, "{} escalated risk",
                                   "{} escalated risks", "{} 个已升级的风险"));
  if (s.pending_changes > 0)
    needs.push_back(model::counted(lang, s.pending_changes, "{} change request waits for the CCB",
                                   "{} change requests wait for the CCB",
                                   "{} 个变更请求等待变更控制委员会决定"));
  if (needs.empty())
    out += pick(lang, "- **Needs a decision.** Nothing waits for management now.\n",
                "- **待决策**：目前没有等待管理层决策的事项。\n");
  else
    out += tr(lang, "- **Needs a decision.** {}.\n", "- **待决策**：{}。\n", joined(needs, lang));

  std::vector<std::string> watch;
  if (s.late_projects > 0)
    watch.push_back(
        model::counted(lang, s.late_projects, "{} project has a milestone forecast late",
                       "{} projects have a milestone forecast late", "{} 个项目有里程碑预测延期"));
  if (s.overdue_reports > 0)
    watch.push_back(model::counted(lang, s.overdue_reports, "{} status report is overdue",
                                   "{} status reports are overdue", "{} 份状态报告逾期未交"));
  if (s.revising > 0)
    watch.push_back(model::counted(lang, s.revising, "{} project was sent back for revision",
                                   "{} projects were sent back for revision",
                                   "{} 个项目被退回修改"));
  if (!watch.empty())
    out += tr(lang, "- **To watch.** {}.\n", "- **关注**：{}。\n", joined(watch, lang));

  // The money of the projects with earned value figures.
  if (s.with_evm > 0) {
    const std::string currency = md_text(r.currency);
    // Whole units: a CIO reads millions, not cents (the tables below keep the cents).
    auto whole = [](double amount) { return report::format_amount(std::round(amount)); };
    out += tr(lang,
              "- **Money** ({}, {} with earned value): budget at completion (BAC) {}, actual cost "
              "(AC) {}, estimate at completion (EAC) {}, variance at completion (VAC) {}.\n",
              "- **资金**（{}，{}有挣值数据）：完工预算 BAC {}，实际成本 AC {}，完工估算 EAC {}，"
              "完工偏差 VAC {}。\n",
              currency, model::counted(lang, s.with_evm, "{} project", "{} projects", "{} 个项目"),
              whole(s.bac), whole(s.ac), whole(s.eac), whole(s.vac));
  } else if (s.active > 0) {
    out += pick(lang, "- **Money.** No project under way has earned value figures yet.\n",
                "- **资金**：在执行项目尚无挣值数据。\n");
  }
  out += "\n";
}

void stage_section(std::string& out, const report::PortfolioReport& r) {
  Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Projects by stage", "各阶段项目数"));
  out += header({pick(lang, "Stage", "阶段"), pick(lang, "Projects", "项目数")}, {false, true});
  for (const auto& count : r.stages)
    out += row({md_text(count.label), std::to_string(count.count)});
  out += row({fmt::format("**{}**", pick(lang, "Total", "合计")), fmt::format("**{}**", r.total)});
  out += "\n";
  if (const std::string pie = report::stage_pie(r); !pie.empty())
    out += pie + "\n";
}

void project_section(std::string& out, const report::PortfolioReport& r) {
  Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Projects", "项目一览"));
  if (r.projects.empty()) {
    out += pick(lang, "No projects yet.\n\n", "暂无项目。\n\n");
    return;
  }
  out += header({pick(lang, "ID", "编号"), pick(lang, "Title", "名称"), pick(lang, "Stage", "阶段"),
                 pick(lang, "Manager", "项目经理"), pick(lang, "Next gate", "下一关口"),
                 model::days_label(lang, r.days, "Days in stage", "本阶段天数",
                                   "Working days in stage", "本阶段工作日")},
                {false, false, false, false, false, true});
  for (const auto& p : r.projects) {
    std::string gate = next_gate_text(p, lang);
    out += row({md_text(p.id), md_text(p.title), md_text(p.stage_label),
                person_text(p.manager_name, p.manager, lang), gate.empty() ? "—" : md_text(gate),
                days_text(p.days_in_stage)});
  }
  out += "\n";
}

void awaiting_section(std::string& out, const report::PortfolioReport& r) {
  Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Proposals awaiting a decision", "待决策的立项申请"));
  if (r.awaiting.empty()) {
    out += pick(lang, "No proposal is waiting for a decision.\n\n", "没有等待决策的立项申请。\n\n");
    return;
  }
  out +=
      header({pick(lang, "ID", "编号"), pick(lang, "Title", "名称"), pick(lang, "Gate", "关口"),
              pick(lang, "Submitted", "提交日期"),
              model::days_label(lang, r.days, "Days waiting", "已等待天数", "Working days waiting",
                                "已等待工作日"),
              pick(lang, "Approvals", "已批准"), pick(lang, "Roles still to decide", "待决策角色")},
             {false, false, false, false, true, true, false});
  for (const auto& a : r.awaiting) {
    std::string gate = a.gate + " " + a.gate_name;
    if (a.pause != model::Pause::none)
      gate += tr(lang, " ({})", "（{}）", model::pause_name(a.pause, lang));
    std::string roles;
    for (std::size_t i = 0; i < a.missing_role_names.size(); ++i)
      roles += (i ? pick(lang, ", ", "、") : "") + a.missing_role_names[i];
    out += row({md_text(a.id), md_text(a.title), md_text(gate),
                a.submitted ? model::format_date(*a.submitted) : "—", days_text(a.days_waiting),
                fmt::format("{} / {}", a.approvals, a.approvals_needed),
                roles.empty() ? "—" : md_text(roles)});
  }
  out += "\n";
}

void recent_section(std::string& out, const report::PortfolioReport& r,
                    const ReportSource& source) {
  Lang lang = r.lang;
  out +=
      fmt::format("## {}\n\n", tr(lang, "Decisions of the last {}", "近 {}的决策",
                                  model::counted(lang, r.recent_days, "day", "{} days", "{} 天")));
  if (!r.recent) {
    out += md_text(tr(lang, "Not available ({}).", "不可用（{}）。", source.history_note)) + "\n\n";
    return;
  }
  if (r.recent->empty()) {
    out += tr(lang, "No decisions in the last {}.\n\n", "近 {}没有决策。\n\n",
              model::counted(lang, r.recent_days, "day", "{} days", "{} 天"));
    return;
  }
  out +=
      header({pick(lang, "Date", "日期"), pick(lang, "Project", "项目"), pick(lang, "Gate", "关口"),
              pick(lang, "Decision", "决策"), pick(lang, "Reviewer", "评审人"),
              pick(lang, "Role", "角色"), pick(lang, "Commit", "提交")},
             {});
  for (const auto& d : *r.recent) {
    std::string commit = md_code(short_id(d.commit));
    out += row({model::format_date(std::chrono::floor<std::chrono::days>(d.when)),
                md_text(d.project), md_text(d.gate), md_text(d.verdict_name),
                person_text(d.reviewer_name, d.reviewer, lang),
                d.role.empty() ? "—" : md_text(d.role_name), commit.empty() ? "—" : commit});
  }
  out += "\n";
}

} // namespace

std::string next_gate_text(const report::ProjectRow& row, Lang lang, bool with_approvals) {
  if (row.next_gate.empty())
    return {};
  std::string text = row.next_gate;
  if (!row.next_gate_name.empty())
    text += " " + row.next_gate_name;
  if (with_approvals)
    text += fmt::format(" {}/{}", row.approvals, row.approvals_needed);
  if (row.pause != model::Pause::none)
    text += tr(lang, " ({} at {})", "（{1}：{0}）", model::pause_name(row.pause, lang),
               row.paused_gate);
  return text;
}

namespace {

std::string index_text(const std::optional<double>& index) {
  return index ? fmt::format("{:.2f}", *index) : std::string{"—"};
}

// Health, earned value indices, overdue reports and escalated risks of the projects under control.
void control_section(std::string& out, const report::PortfolioReport& r) {
  Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Project health", "项目健康度"));
  bool any = false;
  std::string table = header(
      {pick(lang, "Project", "项目"), pick(lang, "Health", "健康度"), "SPI", "CPI",
       pick(lang, "Last report", "最近报告"), pick(lang, "Risks (escalated)", "风险（升级）"),
       pick(lang, "Open issues", "未决问题"), pick(lang, "Pending changes", "待决变更")},
      {false, false, true, true, false, true, true, true});
  for (const auto& p : r.projects) {
    if (!p.health && !p.overdue && p.last_period.empty())
      continue;
    any = true;
    std::string health = p.outcome  ? report::outcome_name(*p.outcome, lang)
                         : p.health ? model::rag_name(*p.health, lang)
                                    : std::string{"—"};
    if (p.health_overridden)
      health += pick(lang, " (override)", "（人工调整）");
    std::string last = p.last_period.empty() ? std::string{"—"} : md_code(p.last_period);
    if (p.last_amended)
      last += pick(lang, " (amended)", "（已更正）");
    if (p.overdue)
      last += pick(lang, " **overdue**", " **逾期**");
    table += row({md_code(p.id) + " " + md_text(p.title), md_text(health), index_text(p.spi),
                  index_text(p.cpi), last, fmt::format("{} ({})", p.open_risks, p.escalated_risks),
                  p.overdue_issues ? tr(lang, "{} ({} overdue)", "{}（{} 项逾期）", p.open_issues,
                                        p.overdue_issues)
                                   : std::to_string(p.open_issues),
                  std::to_string(p.pending_changes)});
  }
  out += any ? table + "\n"
             : pick(lang, "No project is under control yet (no baseline).\n\n",
                    "尚无项目进入监控（未建立基线）。\n\n");

  std::vector<const report::ProjectRow*> overdue;
  for (const auto& p : r.projects)
    if (p.overdue)
      overdue.push_back(&p);
  out += fmt::format("## {}\n\n", tr(lang, "Status reports overdue for {} (due by {})",
                                     "逾期未交的 {} 状态报告（截止 {}）", r.due_period,
                                     model::format_date(r.report_due)));
  if (overdue.empty())
    out += pick(lang, "None.\n\n", "无。\n\n");
  for (const auto* p : overdue)
    out += fmt::format("- {} {} ({})\n", md_code(p->id), md_text(p->title),
                       person_text(p->manager_name, p->manager, lang));
  if (!overdue.empty())
    out += "\n";

  // Milestones the latest status report forecasts after their baseline date.
  out += fmt::format("## {}\n\n", pick(lang, "Milestones forecast late", "预测延期的里程碑"));
  std::string late;
  for (const auto& p : r.projects)
    for (const auto& m : p.late_milestones)
      late += row({md_code(p.id), md_text(m.name), model::format_date(*m.baseline),
                   model::format_date(m.forecast),
                   model::signed_days_text(lang, r.days, *m.slip_days)});
  out += late.empty() ? pick(lang, "None.\n\n", "无。\n\n")
                      : header({pick(lang, "Project", "项目"), pick(lang, "Milestone", "里程碑"),
                                pick(lang, "Baseline", "基线日期"),
                                pick(lang, "Forecast", "预测日期"), pick(lang, "Slip", "延期")},
                               {false, false, false, false, true}) +
                            late + "\n";

  // Projects suspended by a gate's hold: since when, by whom and why.
  out += fmt::format("## {}\n\n", pick(lang, "Projects on hold", "暂停中的项目"));
  std::string held;
  for (const auto& p : r.projects)
    if (p.pause == model::Pause::hold)
      held += row({md_code(p.id) + " " + md_text(p.title), md_code(p.paused_gate),
                   p.hold_since ? model::format_date(*p.hold_since) : "—", md_text(p.hold_by),
                   md_text(p.hold_comment)});
  out += held.empty() ? pick(lang, "None.\n\n", "无。\n\n")
                      : header({pick(lang, "Project", "项目"), pick(lang, "Gate", "关口"),
                                pick(lang, "Since", "暂停日期"), pick(lang, "By", "决策人"),
                                pick(lang, "Why", "原因")},
                               {false, false, false, false, false}) +
                            held + "\n";

  // Conditions of approval still open, oldest first within each project.
  out += fmt::format("## {}\n\n",
                     pick(lang, "Conditions of approval not yet met", "尚未落实的批准条件"));
  std::string open;
  for (const auto& p : r.projects)
    for (const auto& c : p.open_conditions)
      open += row({md_code(p.id), md_code(c.id), md_text(c.text),
                   person_text(c.reviewer_name, c.reviewer, lang), model::format_date(c.set)});
  out += open.empty() ? pick(lang, "None.\n\n", "无。\n\n")
                      : header({pick(lang, "Project", "项目"), pick(lang, "Condition", "条件"),
                                pick(lang, "Text", "内容"), pick(lang, "Set by", "提出人"),
                                pick(lang, "Since", "提出日期")},
                               {false, false, false, false, false}) +
                            open + "\n";

  out += fmt::format("## {}\n\n", pick(lang, "Escalated risks", "已升级的风险"));
  if (r.escalated.empty()) {
    out += pick(lang, "None.\n\n", "无。\n\n");
    return;
  }
  out += header({pick(lang, "Project", "项目"), pick(lang, "Risk", "风险"),
                 pick(lang, "Score", "评分"), pick(lang, "Owner", "负责人"),
                 pick(lang, "Description", "描述")},
                {false, false, true, false, false});
  for (const auto& risk : r.escalated)
    out += row({md_code(risk.project), md_code(risk.id), std::to_string(risk.score),
                md_text(risk.owner), md_text(risk.description)});
  out += "\n";
}

// 项目组合时间线: each project under way, its baseline against its forecast, and its milestones.
void timeline_section(std::string& out, const report::PortfolioReport& r) {
  const report::Timeline timeline = report::portfolio_timeline(r);
  if (timeline.chart.empty())
    return;
  const Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Portfolio timeline", "项目组合时间线"));
  out += pick(lang,
              "Each project under way: its current baseline (grey), its forecast (red when it ends "
              "later than the baseline: the baseline end moved by the slip of the last milestone "
              "the latest status report forecasts), and its milestones (red when forecast late).",
              "进行中的各项目：当前基线（灰色）、预测（晚于基线结束时为红色：基线结束日期按最近一期"
              "状态报告所预测的最后一个里程碑的延期顺延）及里程碑（预测延期者为红色）。");
  if (timeline.shown < timeline.projects)
    out += tr(lang, " The {} of {} projects with the largest slip are shown.",
              "图中仅列出延期最多的 {} 个项目（共 {} 个）。", timeline.shown, timeline.projects);
  out += "\n\n" + timeline.chart + "\n";
}

// 风险矩阵: the open risks of the projects not ended, by probability and impact, as a chart and as
// a 5x5 table of counts for renderers without quadrantChart.
void risk_matrix_section(std::string& out, const report::PortfolioReport& r) {
  if (r.open_risks.empty())
    return;
  const Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Risk matrix", "风险矩阵"));
  out += tr(lang,
            "{} open risks by probability (1–5) and impact (1–5); in bold, the cells at or over "
            "the escalation score {}.",
            "{} 项未关闭风险的概率（1–5）与影响（1–5）分布；加粗的格子达到升级阈值（评分 ≥ {}）。",
            r.open_risks.size(), r.escalate_at);
  if (r.open_risks.size() > report::k_matrix_points)
    out += tr(lang, " The chart shows the {} highest-scored.", "图中仅标出评分最高的 {} 项。",
              report::k_matrix_points);
  out += "\n\n";
  std::vector<std::string> titles{pick(lang, "Impact \\ probability", "影响 \\ 概率")};
  for (int p = 1; p <= 5; ++p)
    titles.push_back(std::to_string(p));
  out += header(titles, {false, true, true, true, true, true});
  const auto counts = report::risk_counts(r);
  for (int i = 5; i >= 1; --i) {
    std::vector<std::string> cells{std::to_string(i)};
    for (int p = 1; p <= 5; ++p) {
      const int n = counts[i - 1][p - 1];
      std::string cell = n ? std::to_string(n) : std::string{"·"};
      if (n && i * p >= r.escalate_at)
        cell = "**" + cell + "**";
      cells.push_back(cell);
    }
    out += row(cells);
  }
  out += "\n" + report::risk_quadrant(r) + "\n";
}

// SPI/CPI 趋势: the portfolio's earned value indices per reporting period, as a table and a chart
// (xychart-beta, Mermaid 10.6 on; older renderers show its code, so the table stays).
void trend_section(std::string& out, const report::PortfolioReport& r) {
  if (r.index_trend.empty())
    return;
  const Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "SPI and CPI by period", "SPI 与 CPI 趋势"));
  out += pick(lang,
              "The portfolio's indices per reporting period: the sums of earned value, planned "
              "value and actual cost of the projects reporting in it, each against the baseline "
              "then in effect (SPI = EV / PV, CPI = EV / AC).\n\n",
              "各报告周期的组合指数：按当期提交状态报告的项目汇总挣值、计划价值与实际成本，"
              "各项目以当时有效的基线计算（SPI = EV / PV，CPI = EV / AC）。\n\n");
  out += header({pick(lang, "Period", "周期"), pick(lang, "Projects reporting", "报告项目数"), "PV",
                 "EV", "AC", "SPI", "CPI"},
                {false, true, true, true, true, true, true});
  for (const auto& p : r.index_trend)
    out += row({md_code(p.period), std::to_string(p.projects), report::format_amount(p.pv),
                report::format_amount(p.ev), report::format_amount(p.ac), index_text(p.spi),
                index_text(p.cpi)});
  out += "\n";
  if (const std::string chart = report::index_trend_chart(r); !chart.empty())
    out += chart + "\n";
}

// 项目间依赖: what each project still waits for, and the graph of every dependency (solid: met,
// dashed: not yet).
void dependency_section(std::string& out, const report::PortfolioReport& r) {
  const Lang lang = r.lang;
  bool any = false;
  for (const auto& p : r.projects)
    any = any || !p.depends_on.empty();
  if (!any)
    return;
  out += fmt::format("## {}\n\n", pick(lang, "Dependencies", "项目间依赖"));
  std::string waiting;
  for (const auto& p : r.projects)
    for (const auto& b : p.blocked_by)
      waiting += row({md_code(p.id) + " " + md_text(p.title), md_text(b.text)});
  out += waiting.empty()
             ? pick(lang, "Every dependency is met.\n\n", "所有依赖均已满足。\n\n")
             : header({pick(lang, "Project", "项目"), pick(lang, "Waits for", "依赖未满足")},
                      {false, false}) +
                   waiting + "\n";
  const report::DependencyGraph graph = report::dependency_graph(r);
  if (graph.chart.empty()) {
    out += model::tr(lang, "{} dependencies ({} not met): too many to draw.\n\n",
                     "共 {} 项依赖（{} 项未满足）：数量过多，不绘制依赖图。\n\n", graph.all,
                     graph.unmet);
    return;
  }
  if (graph.only_unmet)
    out += model::tr(lang, "{} dependencies: only the {} not met are drawn.\n\n",
                     "共 {} 项依赖：图中只画出未满足的 {} 项。\n\n", graph.all, graph.unmet);
  out += graph.chart + "\n";
  out +=
      pick(lang, "An arrow goes from a project to what it needs: solid, met; dashed, not yet.\n\n",
           "箭头由项目指向其所依赖的项目：实线为已满足，虚线为尚未满足。\n\n");
}

// 资源协调: who is over capacity from today on, and which project should yield by priority.
void resource_section(std::string& out, const report::PortfolioReport& r) {
  if (r.over_allocations.empty())
    return;
  const Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Resource conflicts", "资源冲突"));
  out += header(
      {pick(lang, "Person", "人员"), pick(lang, "Load / capacity (FTE)", "负荷 / 产能（FTE）"),
       pick(lang, "From", "开始"), pick(lang, "To", "结束"),
       pick(lang, "Projects (FTE)", "项目（FTE）"), pick(lang, "Should yield", "应让出资源")},
      {false, true, false, false, false, false});
  for (const auto& o : r.over_allocations) {
    std::string projects;
    for (const auto& [id, fte] : o.projects)
      projects += (projects.empty() ? "" : ", ") + md_code(id) + " " + model::fte_text(fte);
    out += row({md_text(o.person_name) + " " + md_code(o.person),
                model::fte_text(o.load) + " / " + model::fte_text(o.capacity),
                model::format_date(o.from), model::format_date(o.to), projects,
                o.should_yield.empty() ? std::string{"—"} : md_code(o.should_yield)});
  }
  out += pick(lang,
              "\nThe project that should yield is the one the office's scoring model ranks lowest "
              "(`pmo resources` shows each person's load per period).\n\n",
              "\n应让出资源的是办公室评分模型中排名最低的项目（各人员每周期的负荷见 "
              "`pmo resources`）。\n\n");
}

// 立项选择: the best total score the proposals awaiting funding reach at each budget, as a table
// and a chart (xychart-beta, Mermaid 10.6 on; older renderers show its code, so the table stays).
void frontier_section(std::string& out, const report::PortfolioReport& r) {
  const report::FundingFrontier& f = r.frontier;
  if (f.candidates < 2)
    return;
  const Lang lang = r.lang;
  out += fmt::format("## {}\n\n", pick(lang, "Funding frontier", "立项资金效率前沿"));
  if (f.too_large) {
    out += pick(lang,
                "Too many proposals, in too fine amounts, for the report to compute; "
                "`pmo portfolio select --budget AMOUNT --unit 100000` does.\n\n",
                "待立项建议过多、金额过细，报告不计算前沿；请使用 "
                "`pmo portfolio select --budget 金额 --unit 100000`。\n\n");
    return;
  }
  out += model::tr(lang,
                   "The best total score the {} proposals awaiting funding reach at each budget "
                   "(all of them cost {} {}); `pmo portfolio select --budget AMOUNT` chooses.\n\n",
                   "{} 份待立项建议在各预算下可达到的最高总分（全部立项共需 {} {}）；"
                   "用 `pmo portfolio select --budget 金额` 选择。\n\n",
                   f.candidates, report::format_amount(f.total), md_text(r.currency));
  out += header({tr(lang, "Budget ({})", "预算（{}）", r.currency),
                 pick(lang, "Best total score", "最高总分")},
                {true, true});
  for (const auto& p : f.points)
    out += row({report::format_amount(p.budget), fmt::format("{:.2f}", p.score)});
  out += "\n" + report::frontier_chart(r) + "\n";
}

// Change requests decided, and projects ended, in the report's window.
void change_and_closure_section(std::string& out, const report::PortfolioReport& r) {
  Lang lang = r.lang;
  out +=
      fmt::format("## {}\n\n", tr(lang, "Changes decided in the last {}", "近 {}决定的变更",
                                  model::counted(lang, r.recent_days, "day", "{} days", "{} 天")));
  if (r.changes_decided.empty()) {
    out += pick(lang, "None.\n\n", "无。\n\n");
  } else {
    out += header({pick(lang, "Date", "日期"), pick(lang, "Project", "项目"),
                   pick(lang, "Change", "变更"), pick(lang, "Title", "标题"),
                   pick(lang, "Decision", "结论"),
                   model::days_label(lang, r.days, "Schedule (days)", "工期（天）",
                                     "Schedule (working days)", "工期（工作日）"),
                   pick(lang, "Cost", "成本")},
                  {false, false, false, false, false, true, true});
    for (const auto& c : r.changes_decided)
      out += row({model::format_date(std::chrono::floor<std::chrono::days>(c.decided_at)),
                  md_code(c.project), md_code(c.id), md_text(c.title),
                  c.approved ? pick(lang, "approved: the baseline moved", "批准：基线已调整")
                             : pick(lang, "rejected", "否决"),
                  fmt::format("{:+}", c.schedule_days),
                  std::string{c.cost >= 0 ? "+" : ""} + report::format_amount(c.cost)});
    out += "\n";
  }
  out +=
      fmt::format("## {}\n\n", tr(lang, "Projects that ended in the last {}", "近 {}结束的项目",
                                  model::counted(lang, r.recent_days, "day", "{} days", "{} 天")));
  if (r.closed.empty()) {
    out += pick(lang, "None.\n\n", "无。\n\n");
    return;
  }
  out += header({pick(lang, "Project", "项目"), pick(lang, "Outcome", "结果"),
                 pick(lang, "Actual end", "实际结束"), pick(lang, "Against baseline end", "较基线"),
                 pick(lang, "Cost against budget", "成本偏差"), pick(lang, "Lessons", "经验教训"),
                 pick(lang, "Closure accepted", "收尾验收")},
                {false, false, false, true, true, true, false});
  for (const auto& c : r.closed)
    out += row({md_code(c.project) + " " + md_text(c.title),
                c.outcome ? report::outcome_name(*c.outcome, lang) : "—",
                c.actual_end ? model::format_date(*c.actual_end) : "—",
                c.days_late ? model::signed_days_text(lang, r.days, *c.days_late) : "—",
                c.cost_variance ? fmt::format("{:+.1f}%", *c.cost_variance) : "—",
                std::to_string(c.lessons),
                c.accepted ? pick(lang, "yes", "已验收") : pick(lang, "pending", "待验收")});
  out += "\n";
}

// PMO 年度目标与 KPI: each figure against its target, then the projects behind the figures that
// missed theirs.
void kpi_section(std::string& out, const report::PortfolioReport& r) {
  if (!r.kpis)
    return;
  Lang lang = r.lang;
  const model::KpiReport& k = *r.kpis;
  out += fmt::format("## {}\n\n", tr(lang, "KPIs {}", "{} 年度 KPI", k.year));
  out +=
      header({pick(lang, "KPI", "指标"), pick(lang, "Value", "实际"), pick(lang, "Target", "目标"),
              pick(lang, "Status", "状态"), pick(lang, "Basis", "依据")},
             {false, true, true, false, false});
  for (const auto& f : k.figures) {
    std::string status = model::kpi_status_name(f.status, lang);
    if (f.status == model::KpiStatus::not_met)
      status = "**" + status + "**";
    out += row({md_text(kpi_label(f.kpi, lang, k.days)), kpi_value_text(f.kpi, f.value),
                kpi_value_text(f.kpi, f.target), status, md_text(kpi_basis_text(f, k.year, lang))});
  }
  out += "\n";
  for (const auto& f : k.figures) {
    if (f.status != model::KpiStatus::not_met)
      continue;
    out += fmt::format("### {}\n\n", md_text(kpi_label(f.kpi, lang, k.days)));
    const bool subjects = !f.entries.empty() && !f.entries.front().subject.empty();
    std::vector<std::string> titles{pick(lang, "Project", "项目")};
    if (subjects)
      titles.push_back(kpi_subject_header(f.kpi, lang));
    titles.push_back(pick(lang, "Value", "实际"));
    titles.push_back(pick(lang, "Detail", "说明"));
    out += header(titles, std::vector<bool>(titles.size(), false));
    for (const auto& e : f.entries) {
      std::vector<std::string> cells{md_code(e.project)};
      if (subjects)
        cells.push_back(md_text(e.subject));
      cells.push_back(md_text(kpi_entry_text(f.kpi, e, lang, k.days)));
      cells.push_back(md_text(e.detail));
      out += row(cells);
    }
    out += "\n";
  }
}

} // namespace

namespace {

// A section without the line breaks that end it: the template puts one blank line after each.
std::string block(const std::string& text) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '\n')
    --end;
  return text.substr(0, end);
}

template <class Section> std::string section_text(Section section) {
  std::string out;
  section(out);
  return block(out);
}

} // namespace

std::vector<std::pair<std::string, std::string>> report_sections(const report::PortfolioReport& r,
                                                                 const ReportSource& source,
                                                                 const NameFilter& wanted) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](const char* name, auto&& section) {
    if (!wanted || wanted(name))
      out.emplace_back(name, section_text(section));
  };
  auto with = [&r](void (*section)(std::string&, const report::PortfolioReport&)) {
    return [&r, section](std::string& text) { section(text, r); };
  };
  add("summary", with(summary_section));
  add("stages", with(stage_section));
  add("projects", with(project_section));
  add("timeline", with(timeline_section));
  add("control", with(control_section));
  add("trend", with(trend_section));
  add("risk_matrix", with(risk_matrix_section));
  add("changes_and_closures", with(change_and_closure_section));
  add("kpis", with(kpi_section));
  add("dependencies", with(dependency_section));
  add("resources", with(resource_section));
  add("awaiting", with(awaiting_section));
  add("frontier", with(frontier_section));
  add("recent", [&](std::string& text) { recent_section(text, r, source); });
  add("footer", [&](std::string& text) { text = report_footer(source, r.generated_at, r.lang); });
  return out;
}

std::string departments_section(const std::vector<DepartmentLine>& departments, Lang lang) {
  std::string out = fmt::format("## {}\n\n", pick(lang, "Departments", "部门"));
  out += header({pick(lang, "Department", "部门"), pick(lang, "Path", "路径"),
                 pick(lang, "Remote", "远程仓库"), pick(lang, "Projects", "项目数")},
                {false, false, false, true});
  for (const auto& d : departments)
    out += row({md_code(d.id), md_text(d.path), d.remote.empty() ? "—" : md_text(d.remote),
                d.projects ? std::to_string(*d.projects)
                           : std::string("**") + pick(lang, "not read", "未读取") + "**"});
  out += "\n";
  for (const auto& d : departments)
    if (!d.problem.empty())
      out += "> " + md_text(d.problem) + "\n\n";
  return out;
}

std::string report_footer(const ReportSource& source, model::Timestamp now, Lang lang) {
  std::string out;
  std::string made_at = model::format_timestamp(now);
  if (!source.head.empty())
    out += tr(lang, "Made from commit {} at {}.", "依据提交 {} 生成于 {}。",
              md_code(short_id(source.head)), made_at);
  else if (source.in_git)
    out += tr(lang, "Made from the working tree (no commit yet) at {}.",
              "依据工作区（尚无提交）生成于 {}。", made_at);
  else
    out += tr(lang, "Made from the working tree (not a git repository) at {}.",
              "依据工作区（不是 git 仓库）生成于 {}。", made_at);
  if (source.unreadable_files > 0)
    out +=
        tr(lang, " {} record file(s) could not be read and are left out (see pmo validate).",
           " 有 {} 个记录文件无法读取，未计入本报告（见 pmo validate）。", source.unreadable_files);
  out += "\n";
  return out;
}

} // namespace pmo::cli
