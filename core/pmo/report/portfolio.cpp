#include <pmo/model/dependencies.hpp>
#include <pmo/model/period.hpp>
#include <pmo/model/resources.hpp>
#include <pmo/report/portfolio.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace pmo::report {

namespace {

using model::Lang;

// Each project's decisions, in one pass over the (sorted) decision list.
std::map<std::string, std::vector<const model::Decision*>, std::less<>>
decisions_by_project(const model::Portfolio& portfolio) {
  std::map<std::string, std::vector<const model::Decision*>, std::less<>> out;
  for (const auto& decision : portfolio.decisions)
    out[decision.project].push_back(&decision);
  return out;
}

// today − since in the office's days, never negative.
std::optional<int> days_between(const model::DayCounter& days, std::optional<model::Date> since,
                                model::Date today) {
  if (!since)
    return std::nullopt;
  return std::max(0, days.between(*since, today));
}

std::string person_name(const model::Portfolio& portfolio, const std::string& id) {
  if (const model::Person* person = portfolio.person(id); person && !person->name.empty())
    return person->name;
  return id;
}

std::vector<std::string> role_names(const model::Office& office,
                                    const std::vector<std::string>& roles, Lang lang) {
  std::vector<std::string> out;
  out.reserve(roles.size());
  for (const auto& role : roles)
    out.push_back(model::role_name(office, role, lang));
  return out;
}

DecisionEntry entry_of(const model::Portfolio& portfolio, const model::Decision& decision,
                       Lang lang) {
  DecisionEntry entry;
  entry.when = decision.decided_at;
  entry.project = decision.project;
  entry.gate = decision.gate.empty() ? decision.change : decision.gate;
  entry.verdict = std::string{model::to_string(decision.verdict)};
  entry.verdict_name = model::verdict_name(decision.verdict, lang);
  entry.reviewer = decision.reviewer;
  entry.reviewer_name = person_name(portfolio, decision.reviewer);
  entry.role = decision.role;
  entry.role_name = model::role_name(portfolio.office, decision.role, lang);
  entry.comment = decision.comment;
  entry.conditions = decision.conditions;
  return entry;
}

std::string trailer(const HistoryRecord& record, const char* key) {
  auto it = record.trailers.find(key);
  return it == record.trailers.end() ? std::string{} : it->second;
}

// A decision known only from its commit's trailers (its file is no longer in the portfolio).
std::optional<DecisionEntry> entry_from_trailers(const model::Portfolio& portfolio,
                                                 const HistoryRecord& record, Lang lang) {
  DecisionEntry entry;
  entry.project = trailer(record, "Pmo-Project");
  entry.gate = trailer(record, "Pmo-Gate");
  if (entry.gate.empty())
    entry.gate = trailer(record, "Pmo-Change");
  std::string verdict = trailer(record, "Pmo-Decision");
  if (entry.project.empty() || entry.gate.empty() || verdict.empty())
    return std::nullopt;
  entry.when = record.when;
  if (auto parsed = model::parse_verdict(verdict)) {
    entry.verdict = std::string{model::to_string(*parsed)};
    entry.verdict_name = model::verdict_name(*parsed, lang);
  } else {
    entry.verdict = verdict;
    entry.verdict_name = verdict;
  }
  entry.reviewer = trailer(record, "Pmo-Reviewer");
  entry.reviewer_name = person_name(portfolio, entry.reviewer);
  entry.role = trailer(record, "Pmo-Role");
  entry.role_name = model::role_name(portfolio.office, entry.role, lang);
  entry.commit = record.commit;
  return entry;
}

// The timeline of a baselined project: its baseline's dates, its milestones as the latest report
// forecasts them, and its end moved by the slip of the last baselined milestone forecast.
ProjectRow::Schedule schedule_of(const model::Baseline& baseline,
                                 const std::vector<model::MilestoneSlip>& forecasts,
                                 const model::DayCounter& days) {
  ProjectRow::Schedule out{baseline.start, baseline.end, baseline.end, {}};
  std::optional<model::Date> last_baselined;
  for (const auto& m : baseline.milestones) {
    if (!m.date)
      continue;
    ProjectRow::Schedule::Milestone item{m.name, *m.date, std::nullopt};
    for (const auto& f : forecasts)
      if (f.name == m.name && f.slip_days) {
        item.date = f.forecast;
        item.slip = f.slip_days;
        if (!last_baselined || *m.date >= *last_baselined) {
          last_baselined = m.date;
          out.forecast_end = days.add(baseline.end, *f.slip_days);
        }
      }
    out.milestones.push_back(std::move(item));
  }
  for (const auto& f : forecasts)
    if (!f.baseline)
      out.milestones.push_back({f.name, f.forecast, std::nullopt});
  return out;
}

// Earned value at the end of each reported period, against the baseline in effect at its end.
std::vector<ProjectRow::PeriodValue> values_of(const model::Portfolio& portfolio,
                                               const model::Project& project,
                                               const model::ProjectControl& control) {
  std::vector<ProjectRow::PeriodValue> out;
  if (control.baselines.empty())
    return out;
  for (const model::StatusReport* status : portfolio.reports_of(project.id)) {
    const auto period = model::parse_period(status->period);
    if (!period)
      continue;
    const model::Date end = model::period_end(*period);
    const model::Baseline* baseline = &control.baselines.front();
    for (const auto& b : control.baselines)
      if (std::chrono::floor<std::chrono::days>(b.since) <= end)
        baseline = &b;
    const model::Evm evm =
        model::earned_value(*baseline, status->percent_complete, status->actual_cost, end,
                            portfolio.office.day_counter());
    out.push_back({status->period, evm.pv, evm.ev, evm.ac});
  }
  return out;
}

void fill_control(ProjectRow& row, const model::Portfolio& portfolio, const model::Project& project,
                  const model::ProjectControl& control) {
  if (const model::Baseline* baseline = control.baseline())
    row.schedule = schedule_of(*baseline, control.forecasts, portfolio.office.day_counter());
  row.values = values_of(portfolio, project, control);
  row.health = control.health.overall;
  row.health_overridden =
      std::any_of(control.health.dimensions.begin(), control.health.dimensions.end(),
                  [](const model::DimensionHealth& d) { return d.overridden(); });
  if (control.evm) {
    row.spi = control.evm->spi;
    row.cpi = control.evm->cpi;
    row.evm = control.evm;
  }
  if (control.latest) {
    row.last_period = control.latest->period;
    row.last_amended = control.latest->amended.has_value();
  }
  row.overdue = control.overdue;
  row.open_risks = static_cast<int>(control.open_risks.size());
  row.escalated_risks = control.escalated;
  row.open_issues = static_cast<int>(control.open_issues.size());
  row.overdue_issues = control.overdue_issues;
  for (const auto& forecast : control.forecasts)
    if (forecast.slip_days && *forecast.slip_days > 0)
      row.late_milestones.push_back(forecast);
  row.pending_changes = static_cast<int>(
      std::count_if(control.changes.begin(), control.changes.end(), [](const auto& c) {
        return c.status != model::ChangeStatus::approved &&
               c.status != model::ChangeStatus::rejected;
      }));
}

} // namespace

std::vector<std::string> lifecycle_stages(const model::Office& office) {
  std::vector<std::string> out{office.initial_stage};
  auto add = [&](const std::string& stage) {
    if (!stage.empty() && std::find(out.begin(), out.end(), stage) == out.end())
      out.push_back(stage);
  };
  for (const auto& gate : office.gates)
    add(gate.enters);
  add(std::string{model::k_rejected_stage});
  return out;
}

ProjectRow project_row(const model::Portfolio& portfolio, const model::Project& project,
                       const model::ProjectState& state, const model::Clock& clock, Lang lang) {
  ProjectRow row;
  row.id = project.id;
  row.title = project.title;
  row.stage = state.stage;
  row.stage_label = model::stage_name(state.stage, lang);
  row.manager = project.manager;
  row.manager_name =
      project.manager.empty() ? std::string{} : person_name(portfolio, project.manager);
  if (state.next_gate) {
    row.next_gate = state.next_gate->id;
    row.next_gate_name = state.next_gate->name.in(lang);
    if (const model::GateProgress* progress = state.progress(state.next_gate->id)) {
      row.approvals = static_cast<int>(progress->approvals.size());
      row.approvals_needed = progress->approvals_needed;
      row.missing_roles = progress->missing_roles;
    }
  }
  row.pause = state.pause;
  if (state.paused_gate)
    row.paused_gate = state.paused_gate->id;
  if (state.pause == model::Pause::hold && state.paused_gate)
    for (const model::Decision* d : portfolio.decisions_of(project.id))
      if (d->verdict == model::Verdict::hold && d->gate == state.paused_gate->id) {
        row.hold_since = std::chrono::floor<std::chrono::days>(d->decided_at);
        row.hold_by = d->reviewer;
        row.hold_comment = d->comment;
      }
  if (state.stage_since)
    row.stage_since = std::chrono::floor<std::chrono::days>(*state.stage_since);
  else if (state.stage == portfolio.office.initial_stage)
    row.stage_since = project.submitted;
  row.days_in_stage = days_between(portfolio.office.day_counter(), row.stage_since, clock.today());
  row.anomalies = static_cast<int>(state.anomalies.size());
  fill_control(row, portfolio, project,
               model::project_control(portfolio, project, state, clock, lang));
  if (!state.terminal())
    for (const auto& c : model::conditions_of(portfolio, project))
      if (!c.met)
        row.open_conditions.push_back(
            {c.id, c.text, c.decision->reviewer, person_name(portfolio, c.decision->reviewer),
             std::chrono::floor<std::chrono::days>(c.decision->decided_at)});
  const auto waits = model::blockers(portfolio, project, clock.today(), lang);
  for (const model::Dependency& d : project.depends_on) {
    const bool waiting = std::any_of(waits.begin(), waits.end(),
                                     [&](const model::Blocker& b) { return b.dependency == &d; });
    const auto order = model::stage_order(portfolio.office);
    row.depends_on.push_back(
        {d.project,
         !d.milestone.empty() ? d.milestone
                              : model::stage_name(d.stage.empty() ? order.back() : d.stage, lang),
         !waiting});
  }
  if (!state.terminal())
    for (const model::Blocker& b : waits) {
      BlockedBy item;
      item.project = b.dependency->project;
      item.needed_title = b.needed ? b.needed->title : std::string{};
      item.stage = b.needed_stage;
      item.stage_label = b.needed_stage.empty() ? "" : model::stage_name(b.needed_stage, lang);
      item.milestone = b.dependency->milestone;
      item.due = b.milestone_date;
      item.now = b.stage_now;
      item.now_label = b.stage_now.empty() ? "" : model::stage_name(b.stage_now, lang);
      item.on_hold = b.on_hold;
      item.text = model::blocker_text(b, lang);
      row.blocked_by.push_back(std::move(item));
    }
  if (!state.next_gate && state.stage != model::k_rejected_stage && project.closure &&
      project.closure->outcome) {
    row.outcome = project.closure->outcome;
    row.health.reset();
    row.health_overridden = false;
    row.spi.reset();
    row.cpi.reset();
    row.evm.reset();
  }
  return row;
}

std::vector<ProjectRow> project_rows(const model::Portfolio& portfolio, const model::Clock& clock,
                                     Lang lang) {
  auto decisions = decisions_by_project(portfolio);
  std::vector<ProjectRow> rows;
  rows.reserve(portfolio.projects.size());
  for (const auto& project : portfolio.projects) {
    auto it = decisions.find(project.id);
    static const std::vector<const model::Decision*> k_none;
    auto state =
        model::derive_state(portfolio.office, it == decisions.end() ? k_none : it->second, lang);
    rows.push_back(project_row(portfolio, project, state, clock, lang));
  }
  std::sort(rows.begin(), rows.end(),
            [](const ProjectRow& a, const ProjectRow& b) { return a.id < b.id; });
  return rows;
}

std::vector<PeriodIndices> index_trend(const std::vector<ProjectRow>& rows,
                                       model::Cadence cadence) {
  std::map<model::Period, PeriodIndices> by_period;
  for (const auto& row : rows)
    for (const auto& v : row.values) {
      const auto period = model::parse_period(v.period);
      if (!period || period->cadence != cadence)
        continue;
      PeriodIndices& sum = by_period[*period];
      sum.period = v.period;
      sum.projects += 1;
      sum.pv += v.pv;
      sum.ev += v.ev;
      sum.ac += v.ac;
    }
  std::vector<PeriodIndices> out;
  for (auto& [period, sum] : by_period) {
    if (sum.pv > 0)
      sum.spi = sum.ev / sum.pv;
    if (sum.ac > 0)
      sum.cpi = sum.ev / sum.ac;
    out.push_back(sum);
  }
  if (out.size() > k_trend_periods)
    out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(k_trend_periods));
  return out;
}

std::vector<StageCount> count_by_stage(const model::Office& office,
                                       const std::vector<ProjectRow>& rows, Lang lang) {
  std::vector<StageCount> out;
  auto slot = [&](const std::string& stage) -> StageCount& {
    for (auto& count : out)
      if (count.stage == stage)
        return count;
    out.push_back(StageCount{stage, model::stage_name(stage, lang), 0});
    return out.back();
  };
  for (const auto& stage : lifecycle_stages(office))
    slot(stage);
  for (const auto& row : rows)
    slot(row.stage).count += 1;
  return out;
}

std::vector<AwaitingProposal> awaiting_proposals(const model::Portfolio& portfolio,
                                                 const model::Clock& clock, Lang lang) {
  auto decisions = decisions_by_project(portfolio);
  std::vector<AwaitingProposal> out;
  for (const auto& project : portfolio.projects) {
    auto it = decisions.find(project.id);
    static const std::vector<const model::Decision*> k_none;
    auto state =
        model::derive_state(portfolio.office, it == decisions.end() ? k_none : it->second, lang);
    if (state.stage != portfolio.office.initial_stage || !state.next_gate)
      continue;
    AwaitingProposal item;
    item.id = project.id;
    item.title = project.title;
    item.gate = state.next_gate->id;
    item.gate_name = state.next_gate->name.in(lang);
    item.submitted = project.submitted;
    item.days_waiting =
        days_between(portfolio.office.day_counter(), project.submitted, clock.today());
    if (const model::GateProgress* progress = state.progress(item.gate)) {
      item.approvals = static_cast<int>(progress->approvals.size());
      item.approvals_needed = progress->approvals_needed;
      item.missing_roles = progress->missing_roles;
      item.missing_role_names = role_names(portfolio.office, item.missing_roles, lang);
    }
    item.pause = state.pause;
    out.push_back(std::move(item));
  }
  // Longest wait first; an unknown submission date last.
  std::sort(out.begin(), out.end(), [](const AwaitingProposal& a, const AwaitingProposal& b) {
    int wa = a.days_waiting.value_or(-1);
    int wb = b.days_waiting.value_or(-1);
    return std::tie(wb, a.id) < std::tie(wa, b.id);
  });
  return out;
}

std::vector<DecisionEntry> recent_decisions(const model::Portfolio& portfolio,
                                            const std::vector<HistoryRecord>& history,
                                            model::Timestamp since, Lang lang) {
  std::map<std::string_view, const model::Decision*> by_file;
  for (const auto& decision : portfolio.decisions)
    by_file.emplace(decision.file, &decision);

  std::vector<DecisionEntry> out;
  for (const auto& record : history) {
    if (record.when < since)
      continue;
    bool matched = false;
    for (const auto& path : record.added_paths) {
      auto it = by_file.find(path);
      if (it == by_file.end())
        continue;
      DecisionEntry entry = entry_of(portfolio, *it->second, lang);
      entry.commit = record.commit;
      out.push_back(std::move(entry));
      matched = true;
    }
    if (!matched)
      if (auto entry = entry_from_trailers(portfolio, record, lang))
        out.push_back(std::move(*entry));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const DecisionEntry& a, const DecisionEntry& b) { return a.when > b.when; });
  return out;
}

ExecutiveSummary summarize(const std::vector<ProjectRow>& projects,
                           const std::vector<AwaitingProposal>& awaiting,
                           const std::vector<EscalatedRisk>& escalated,
                           std::string_view initial_stage) {
  ExecutiveSummary s;
  for (const auto& row : projects) {
    if (row.outcome) {
      ++s.closed;
      continue;
    }
    if (row.stage == model::k_rejected_stage) {
      ++s.rejected;
      continue;
    }
    if (row.pause == model::Pause::hold)
      ++s.on_hold;
    else if (row.pause == model::Pause::revise)
      ++s.revising;
    s.pending_changes += row.pending_changes;
    if (row.stage == initial_stage) {
      ++s.proposals;
      continue;
    }
    ++s.active;
    if (!row.health)
      ++s.unrated;
    else if (*row.health == model::Rag::green)
      ++s.green;
    else if (*row.health == model::Rag::amber)
      ++s.amber;
    else {
      ++s.red;
      s.red_projects.push_back(row.id);
    }
    if (row.overdue)
      ++s.overdue_reports;
    if (!row.late_milestones.empty())
      ++s.late_projects;
    if (row.evm) {
      ++s.with_evm;
      s.bac += row.evm->bac;
      s.ac += row.evm->ac;
      s.eac += row.evm->eac;
      s.vac += row.evm->vac;
    }
  }
  for (const auto& proposal : awaiting) {
    if (proposal.pause != model::Pause::none)
      continue;
    ++s.proposals_waiting;
    if (proposal.days_waiting &&
        (!s.longest_wait_days || *proposal.days_waiting > *s.longest_wait_days))
      s.longest_wait_days = proposal.days_waiting;
  }
  s.escalated_risks = static_cast<int>(escalated.size());
  return s;
}

PortfolioReport build_report(const model::Portfolio& portfolio,
                             const std::vector<HistoryRecord>* history, const model::Clock& clock,
                             Lang lang, int recent_days) {
  PortfolioReport report;
  report.office_name = portfolio.office.name;
  report.lang = lang;
  report.currency = portfolio.office.currency;
  report.generated_at = clock.now;
  report.projects = project_rows(portfolio, clock, lang);
  report.stages = count_by_stage(portfolio.office, report.projects, lang);
  report.total = static_cast<int>(report.projects.size());
  report.awaiting = awaiting_proposals(portfolio, clock, lang);
  report.recent_days = recent_days;
  const model::ControlSettings& settings = portfolio.office.control;
  report.current_period = model::format_period(model::period_of(clock.today(), settings.cadence));
  report.days = settings.days;
  const model::Period due = model::due_period(clock.today(), settings.cadence,
                                              settings.report_grace, portfolio.office.calendar);
  report.due_period = model::format_period(due);
  report.report_due = model::report_due(due, settings.report_grace, portfolio.office.calendar);
  // A closed project's risks leave the escalation list: nobody acts on them any more.
  std::set<std::string, std::less<>> ended;
  for (const auto& row : report.projects)
    if (row.outcome)
      ended.insert(row.id);
  for (const auto& risk : portfolio.risks)
    if (model::is_escalated(portfolio.office.control, risk) && !ended.contains(risk.project))
      report.escalated.push_back({risk.project, risk.id, risk.description, risk.score(),
                                  person_name(portfolio, risk.owner)});
  std::stable_sort(
      report.escalated.begin(), report.escalated.end(),
      [](const EscalatedRisk& a, const EscalatedRisk& b) { return a.score > b.score; });
  report.escalate_at = settings.escalate_at;
  for (const auto& risk : portfolio.risks)
    if (risk.open && !ended.contains(risk.project))
      report.open_risks.push_back({risk.project, risk.id, risk.description,
                                   std::clamp(risk.probability, 1, 5),
                                   std::clamp(risk.impact, 1, 5)});
  std::sort(report.open_risks.begin(), report.open_risks.end(),
            [](const OpenRisk& a, const OpenRisk& b) {
              return std::tuple(b.probability * b.impact, a.project, a.id) <
                     std::tuple(a.probability * a.impact, b.project, b.id);
            });
  report.index_trend = index_trend(report.projects, settings.cadence);
  if (history)
    report.recent =
        recent_decisions(portfolio, *history, clock.now - std::chrono::days{recent_days}, lang);

  // Changes decided and projects ended in the window: from the records, no git needed.
  const model::Timestamp since = clock.now - std::chrono::days{recent_days};
  for (const auto& project : portfolio.projects) {
    const bool has_changes = !portfolio.changes_of(project.id).empty();
    if (!has_changes && !project.closure)
      continue;
    auto state = model::derive_state(portfolio.office, portfolio.decisions_of(project.id), lang);
    auto control = model::project_control(portfolio, project, state, clock, lang);
    for (const auto& change : control.changes)
      if (change.decided_at && *change.decided_at >= since && *change.decided_at <= clock.now)
        report.changes_decided.push_back({project.id, change.change->id, change.change->title,
                                          change.status == model::ChangeStatus::approved,
                                          change.change->schedule_days, change.change->cost,
                                          *change.decided_at});
    const model::Closure* closure = project.closure ? &*project.closure : nullptr;
    if (!closure || !closure->actual_end ||
        model::Timestamp{*closure->actual_end} < std::chrono::floor<std::chrono::days>(since) ||
        *closure->actual_end > clock.today())
      continue;
    ClosedProject closed{project.id,
                         project.title,
                         state.terminal() && state.stage != "rejected",
                         closure->outcome,
                         closure->actual_end,
                         std::nullopt,
                         std::nullopt,
                         static_cast<int>(closure->lessons.size())};
    if (const model::Baseline* base = control.baseline()) {
      closed.days_late = portfolio.office.day_counter().between(base->end, *closure->actual_end);
      if (closure->actual_cost && base->budget > 0)
        closed.cost_variance = (*closure->actual_cost - base->budget) / base->budget * 100;
    }
    report.closed.push_back(std::move(closed));
  }
  std::stable_sort(
      report.changes_decided.begin(), report.changes_decided.end(),
      [](const DecidedChange& a, const DecidedChange& b) { return a.decided_at > b.decided_at; });
  for (const model::Overload& o :
       model::over_allocations(portfolio, model::holding_projects(portfolio, lang))) {
    if (o.to < clock.today())
      continue;
    OverAllocation item{o.person, o.who ? o.who->name : o.person,
                        o.load,   o.capacity,
                        o.from,   o.to,
                        {},       o.should_yield ? o.should_yield->id : std::string{}};
    for (const auto& b : o.parts)
      item.projects.emplace_back(b.project->id, b.assignment->fte);
    report.over_allocations.push_back(std::move(item));
  }
  report.frontier = funding_frontier(portfolio, lang);
  report.summary =
      summarize(report.projects, report.awaiting, report.escalated, portfolio.office.initial_stage);
  return report;
}

ProjectDetail project_detail(const model::Portfolio& portfolio, const model::Project& project,
                             const std::vector<HistoryRecord>* history, const model::Clock& clock,
                             Lang lang) {
  ProjectDetail detail;
  auto decisions = portfolio.decisions_of(project.id);
  model::ProjectState state = model::derive_state(portfolio.office, decisions, lang);
  detail.row = project_row(portfolio, project, state, clock, lang);
  detail.control = model::project_control(portfolio, project, state, clock, lang);

  std::map<std::string_view, std::string_view> commit_of_file;
  if (history)
    for (const auto& record : *history)
      for (const auto& path : record.added_paths)
        commit_of_file.emplace(path,
                               record.commit); // newest first: a re-added file keeps its latest
  detail.history_from_git = history != nullptr;
  for (const model::Decision* decision : decisions) {
    DecisionEntry entry = entry_of(portfolio, *decision, lang);
    if (auto it = commit_of_file.find(decision->file); it != commit_of_file.end())
      entry.commit = std::string{it->second};
    for (const auto& anomaly : state.anomalies)
      if (anomaly.decision == decision)
        entry.note = anomaly.message;
    detail.history.push_back(std::move(entry));
  }

  if (state.next_gate) {
    const model::GateDef& gate = *state.next_gate;
    Checklist next;
    next.gate = gate.id;
    next.gate_name = gate.name.in(lang);
    next.missing_fields = model::check_readiness(portfolio.office, project, gate, lang);
    for (auto& f : model::check_loose_ends(portfolio, project, gate, lang))
      next.missing_fields.push_back(std::move(f));
    if (const model::GateProgress* progress = state.progress(gate.id)) {
      next.missing_roles = progress->missing_roles;
      next.approvals = static_cast<int>(progress->approvals.size());
      next.approvals_needed = progress->approvals_needed;
    }
    next.missing_role_names = role_names(portfolio.office, next.missing_roles, lang);
    next.pause = state.pause;
    if (state.paused_gate)
      next.paused_gate = state.paused_gate->id;
    detail.next = std::move(next);
  }
  return detail;
}

} // namespace pmo::report
