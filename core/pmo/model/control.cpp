#include <pmo/model/control.hpp>
#include <pmo/model/period.hpp>

#include <algorithm>

namespace pmo::model {

bool is_escalated(const ControlSettings& settings, const Risk& risk) {
  return risk.open && risk.score() >= settings.escalate_at;
}

bool is_overdue(const Issue& issue, Date today) {
  return !issue.resolved && issue.due && *issue.due < today;
}

std::string priority_name(Priority priority, Lang lang) {
  switch (priority) {
  case Priority::low:
    return pick(lang, "low", "低");
  case Priority::medium:
    return pick(lang, "medium", "中");
  case Priority::high:
    return pick(lang, "high", "高");
  case Priority::critical:
    return pick(lang, "critical", "紧急");
  }
  return {};
}

std::string record_kinds_text(const std::vector<std::string>& kinds, Lang lang) {
  if (kinds.empty())
    return pick(lang, "nothing", "无");
  std::vector<std::string> names;
  for (const auto& kind : kinds)
    names.push_back(kind == "status"      ? pick(lang, "status reports", "状态报告")
                    : kind == "risk"      ? pick(lang, "risks", "风险")
                    : kind == "issue"     ? pick(lang, "issues", "问题")
                    : kind == "change"    ? pick(lang, "change requests", "变更申请")
                    : kind == "condition" ? pick(lang, "conditions met", "批准条件落实")
                    : kind == "closure"   ? pick(lang, "the closure report", "收尾报告")
                                          : kind);
  return fmt::format("{}", fmt::join(names, lang == Lang::zh ? "、" : ", "));
}

std::string response_name(RiskResponse response, Lang lang) {
  switch (response) {
  case RiskResponse::avoid:
    return pick(lang, "avoid", "规避");
  case RiskResponse::mitigate:
    return pick(lang, "mitigate", "减轻");
  case RiskResponse::transfer:
    return pick(lang, "transfer", "转移");
  case RiskResponse::accept:
    return pick(lang, "accept", "接受");
  }
  return {};
}

ProjectControl project_control(const Portfolio& portfolio, const Project& project,
                               const ProjectState& state, const Clock& clock, Lang lang) {
  const Office& office = portfolio.office;
  ProjectControl out;
  out.days = office.control.days;
  const DayCounter days = office.day_counter();
  out.changes = change_states(portfolio, project, lang);

  const GateDef* baseline_gate = office.gate(office.control.baseline_gate);
  const GateProgress* progress = state.progress(office.control.baseline_gate);
  if (baseline_gate && progress && progress->last_passed_by) {
    auto plan = portfolio.approved_plans.find(project.id);
    const Project& approved = plan == portfolio.approved_plans.end() ? project : plan->second;
    std::vector<ApprovedChange> approved_changes;
    for (const auto& change : out.changes)
      if (change.status == ChangeStatus::approved)
        approved_changes.push_back({change.change, *change.decided_at});
    std::stable_sort(approved_changes.begin(), approved_changes.end(),
                     [](const auto& a, const auto& b) { return a.approved_at < b.approved_at; });
    out.baselines =
        derive_baselines(approved, progress->last_passed_by->decided_at, approved_changes, days);
    if (!out.baselines.empty())
      out.baselines.front().cause = baseline_gate->id;
  }

  auto reports = portfolio.reports_of(project.id);
  if (!reports.empty())
    out.latest = reports.back();
  const Baseline* baseline = out.baseline();
  if (baseline && out.latest)
    if (auto period = parse_period(out.latest->period))
      out.evm = earned_value(*baseline, out.latest->percent_complete, out.latest->actual_cost,
                             period_end(*period), days);
  out.health = assess_health(office.control, out.evm, out.latest);
  if (out.latest)
    for (const auto& forecast : out.latest->forecasts) {
      MilestoneSlip slip{forecast.name, std::nullopt, forecast.date, std::nullopt};
      if (baseline)
        for (const auto& m : baseline->milestones)
          if (m.name == forecast.name && m.date) {
            slip.baseline = m.date;
            slip.slip_days = days.between(*m.date, forecast.date);
          }
      out.forecasts.push_back(std::move(slip));
    }

  const Period current = period_of(clock.today(), office.control.cadence);
  out.current_period = format_period(current);
  const Period due = due_period(clock.today(), office.control.cadence, office.control.report_grace,
                                office.calendar);
  out.due_period = format_period(due);
  out.report_due = report_due(due, office.control.report_grace, office.calendar);
  out.reporting = baseline && baseline_gate && state.stage == baseline_gate->enters;
  // The closure report's actual end ends the reporting: no report is due after the work ended.
  if (project.closure && project.closure->actual_end &&
      clock.today() > *project.closure->actual_end)
    out.reporting = false;
  // A report is late once its period ended and the grace passed; a project that started after
  // the due period ended owes none yet. The period that counts is the newest due one: a later
  // report (this period's, say) covers it.
  if (out.reporting && baseline->start <= period_end(due))
    out.overdue = std::none_of(reports.begin(), reports.end(), [&](const StatusReport* r) {
      const auto period = parse_period(r->period);
      return period && period->cadence == due.cadence && *period >= due;
    });

  for (const Risk* risk : portfolio.risks_of(project.id))
    if (risk->open) {
      out.open_risks.push_back(risk);
      if (is_escalated(office.control, *risk))
        out.escalated += 1;
    }
  std::stable_sort(out.open_risks.begin(), out.open_risks.end(),
                   [](const Risk* a, const Risk* b) { return a->score() > b->score(); });
  for (const Issue* issue : portfolio.issues_of(project.id))
    if (!issue->resolved) {
      out.open_issues.push_back(issue);
      if (is_overdue(*issue, clock.today()))
        out.overdue_issues += 1;
    }
  std::stable_sort(out.open_issues.begin(), out.open_issues.end(),
                   [](const Issue* a, const Issue* b) { return a->priority > b->priority; });
  return out;
}

} // namespace pmo::model
