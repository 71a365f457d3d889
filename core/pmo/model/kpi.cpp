#include <pmo/model/control.hpp>
#include <pmo/model/kpi.hpp>
#include <pmo/model/kpi_figures.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/model/period.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace pmo::model {

namespace {

using std::chrono::days;
using std::chrono::floor;

// Calendar days to the second (1.5 days); working days as whole days, the working days after
// `from`'s day up to `to`'s (a gate opened on Friday and passed on Monday took 1 working day).
double days_between(const DayCounter& counter, Timestamp from, Timestamp to) {
  if (counter.working())
    return static_cast<double>(counter.between(floor<days>(from), floor<days>(to)));
  return static_cast<double>((to - from).count()) / 86400.0;
}

Timestamp at_midnight(Date day) { return Timestamp{day}; }

// The gate decided in the office's initial stage (G1 立项审批), else the first gate.
const GateDef* first_gate(const Office& office) {
  for (const auto& gate : office.gates)
    if (gate.stage == office.initial_stage)
      return &gate;
  return office.gates.empty() ? nullptr : &office.gates.front();
}

// When `gate` became open for decision: when the project entered the stage the gate decides —
// the day its proposal was submitted for the initial stage, else when the gate entering that
// stage passed. nullopt when not known.
std::optional<Timestamp> gate_opened(const Office& office, const Project& project,
                                     const ProjectState& state, const GateDef& gate) {
  if (gate.stage == office.initial_stage)
    return project.submitted ? std::optional{at_midnight(*project.submitted)} : std::nullopt;
  for (const auto& p : state.gates)
    if (!p.gate->repeatable && p.gate->enters == gate.stage && p.last_passed_at)
      return p.last_passed_at;
  return std::nullopt;
}

// The pass of the gate that closes the project (G4 收尾验收), when it passed.
std::optional<Timestamp> closed_at(const ProjectState& state) {
  for (const auto& p : state.gates)
    if (closes_project(*p.gate) && p.last_passed_at)
      return p.last_passed_at;
  return std::nullopt;
}

Period next_period(const Period& period) {
  return period_of(period_end(period) + days{1}, period.cadence);
}

void rate(KpiFigure& figure) {
  if (!figure.entries.empty())
    figure.value = static_cast<double>(figure.counted) / static_cast<double>(figure.entries.size());
}

// The average of the entries' days, and by subject (in the order subjects first appear).
void average(KpiFigure& figure) {
  if (figure.entries.empty())
    return;
  double total = 0;
  for (const auto& entry : figure.entries) {
    total += *entry.value;
    auto it = std::find_if(figure.groups.begin(), figure.groups.end(),
                           [&](const KpiGroup& g) { return g.subject == entry.subject; });
    if (it == figure.groups.end())
      it = figure.groups.insert(figure.groups.end(), KpiGroup{entry.subject, 0, 0});
    it->average += *entry.value;
    it->count += 1;
  }
  for (auto& group : figure.groups)
    group.average /= group.count;
  figure.value = total / static_cast<double>(figure.entries.size());
}

struct ProjectFacts {
  const Project* project = nullptr;
  ProjectState state;
  ProjectControl control;
};

void closed_projects(const Office& office, const std::vector<ProjectFacts>& facts, int year,
                     KpiFigure& on_time, KpiFigure& budget, KpiFigure& success) {
  for (const auto& f : facts) {
    const auto closed = closed_at(f.state);
    if (!closed || year_of(*closed) != year || !f.project->closure)
      continue;
    const Project& project = *f.project;
    const Closure& closure = *project.closure;
    const Baseline* baseline = f.control.baseline();
    const std::optional<Date> planned_end = baseline ? std::optional{baseline->end} : project.end;
    if (closure.actual_end && planned_end) {
      const auto late =
          static_cast<double>(office.day_counter().between(*planned_end, *closure.actual_end));
      on_time.entries.push_back(
          {project.id, "", late <= 0, late,
           fmt::format("{} → {}", format_date(*planned_end), format_date(*closure.actual_end))});
      on_time.counted += late <= 0;
    }
    const std::optional<double> bac = baseline ? std::optional{baseline->budget} : project.budget;
    if (closure.actual_cost && bac) {
      const double over = *closure.actual_cost - *bac;
      budget.entries.push_back(
          {project.id, "", over <= 1e-9, over, fmt::format("{} / {}", *closure.actual_cost, *bac)});
      budget.counted += over <= 1e-9;
    }
    if (closure.outcome) {
      const bool achieved = *closure.outcome == Outcome::achieved;
      success.entries.push_back(
          {project.id, "", achieved, std::nullopt, std::string{to_string(*closure.outcome)}});
      success.counted += achieved;
    }
  }
}

void gate_times(const Office& office, const std::vector<ProjectFacts>& facts, int year,
                KpiFigure& cycle, KpiFigure& latency) {
  for (const auto& f : facts) {
    for (const auto& progress : f.state.gates) {
      const GateDef& gate = *progress.gate;
      if (gate.repeatable)
        continue; // a checkpoint (G3) has no opening of its own
      const auto opened = gate_opened(office, *f.project, f.state, gate);
      if (!opened)
        continue;
      if (progress.last_passed_at && year_of(*progress.last_passed_at) == year &&
          *progress.last_passed_at >= *opened)
        cycle.entries.push_back(
            {f.project->id, gate.id, false,
             days_between(office.day_counter(), *opened, *progress.last_passed_at),
             format_timestamp(*opened)});
      std::vector<std::string> seen;
      for (const Decision* d : progress.decisions) {
        if (std::find(seen.begin(), seen.end(), d->role) != seen.end())
          continue;
        seen.push_back(d->role);
        if (year_of(d->decided_at) != year || d->decided_at < *opened)
          continue;
        latency.entries.push_back({f.project->id, d->role, false,
                                   days_between(office.day_counter(), *opened, d->decided_at),
                                   gate.id});
      }
    }
  }
  // By gate in the office's order, by role in the order of the roster of roles.
  auto order = [](const std::vector<std::string>& subjects, std::vector<KpiEntry>& entries) {
    std::stable_sort(entries.begin(), entries.end(), [&](const KpiEntry& a, const KpiEntry& b) {
      auto rank = [&](const std::string& s) {
        return std::find(subjects.begin(), subjects.end(), s) - subjects.begin();
      };
      return rank(a.subject) < rank(b.subject);
    });
  };
  std::vector<std::string> gates, roles;
  for (const auto& gate : office.gates)
    gates.push_back(gate.id);
  for (const auto& role : office.roles)
    roles.push_back(role.id);
  roles.emplace_back(k_sponsor_role);
  order(gates, cycle.entries);
  order(roles, latency.entries);
  average(cycle);
  average(latency);
}

void business_cases(const Office& office, const std::vector<ProjectFacts>& facts, int year,
                    KpiFigure& figure) {
  const GateDef* gate = first_gate(office);
  for (const auto& f : facts) {
    if (!f.project->submitted || year_of(*f.project->submitted) != year)
      continue;
    std::vector<std::string> missing;
    if (gate)
      for (const auto& field : gate->requires_fields)
        if (!f.project->has_field(field))
          missing.push_back(field);
    figure.entries.push_back({f.project->id, "", missing.empty(),
                              static_cast<double>(missing.size()),
                              fmt::format("{}", fmt::join(missing, ", "))});
    figure.counted += missing.empty();
  }
}

// The reports a project owed: one per period (by the office's cadence) from the one in which
// its baseline took effect (the baseline gate passed, or the baseline's start if later) to the
// one in which its work ended (the closure's actual end, or the project leaving the baseline
// stage), each counted in the year of its due day once that day has passed.
void status_reports(const Portfolio& portfolio, const std::vector<ProjectFacts>& facts, int year,
                    const Clock& clock, const ReportCommits& commits, KpiFigure& figure) {
  const Office& office = portfolio.office;
  const ControlSettings& control = office.control;
  const GateDef* baseline_gate = office.gate(control.baseline_gate);
  if (!baseline_gate)
    return;
  const Date today = clock.today();
  for (const auto& f : facts) {
    const GateProgress* progress = f.state.progress(control.baseline_gate);
    if (!progress || !progress->last_passed_at || f.control.baselines.empty())
      continue;
    const Date baselined = floor<days>(*progress->last_passed_at);
    const Date from = std::max(baselined, f.control.baselines.front().start);
    Date until = today;
    if (f.project->closure && f.project->closure->actual_end)
      until = std::min(until, *f.project->closure->actual_end);
    for (const auto& p : f.state.gates)
      if (!p.gate->repeatable && p.gate->stage == baseline_gate->enters && p.last_passed_at)
        until = std::min(until, Date{floor<days>(*p.last_passed_at)});
    for (Period period = period_of(from, control.cadence); period_start(period) <= until;
         period = next_period(period)) {
      const Date due = report_due(period, control.report_grace, office.calendar);
      if (due >= today || year_of(due) > year)
        break;
      if (year_of(due) != year)
        continue;
      const std::string name = format_period(period);
      KpiEntry entry{f.project->id, name, false, std::nullopt, format_date(due)};
      if (auto it = commits.find({f.project->id, name}); it != commits.end()) {
        const Date committed = floor<days>(it->second);
        entry.value = static_cast<double>(office.day_counter().between(due, committed));
        entry.counts = committed <= due;
        entry.detail += " " + format_date(committed);
      }
      figure.counted += entry.counts;
      figure.entries.push_back(std::move(entry));
    }
  }
}

} // namespace

int year_of(Date day) { return static_cast<int>(std::chrono::year_month_day{day}.year()); }
int year_of(Timestamp at) { return year_of(Date{floor<days>(at)}); }

std::string_view to_string(KpiStatus status) {
  switch (status) {
  case KpiStatus::met:
    return "met";
  case KpiStatus::not_met:
    return "not-met";
  case KpiStatus::no_target:
    return "no-target";
  case KpiStatus::no_data:
    return "no-data";
  }
  return {};
}

std::string kpi_status_name(KpiStatus status, Lang lang) {
  switch (status) {
  case KpiStatus::met:
    return pick(lang, "met", "达标");
  case KpiStatus::not_met:
    return pick(lang, "not met", "未达标");
  case KpiStatus::no_target:
    return pick(lang, "no target", "无目标");
  case KpiStatus::no_data:
    return pick(lang, "no data", "无数据");
  }
  return {};
}

std::string kpi_name(std::string_view kpi, Lang lang) {
  if (kpi == "on_time_delivery")
    return pick(lang, "On-time delivery", "按时交付率");
  if (kpi == "budget_adherence")
    return pick(lang, "Budget adherence", "预算符合率");
  if (kpi == "success_rate")
    return pick(lang, "Success rate", "项目成功率");
  if (kpi == "gate_cycle_days")
    return pick(lang, "Gate cycle time (days)", "关口周期（天）");
  if (kpi == "decision_latency_days")
    return pick(lang, "Decision latency (days)", "决策时延（天）");
  if (kpi == "business_case_complete")
    return pick(lang, "Complete business cases", "商业论证完整率");
  if (kpi == "status_on_time")
    return pick(lang, "Status reports on time", "状态报告按时率");
  return std::string{kpi};
}

KpiReport compute_kpis(const Portfolio& portfolio, int year, const Clock& clock,
                       const ReportCommits* commits, Lang lang) {
  const Office& office = portfolio.office;
  std::vector<ProjectFacts> facts;
  facts.reserve(portfolio.projects.size());
  for (const auto& project : portfolio.projects) {
    ProjectFacts f;
    f.project = &project;
    f.state = derive_state(office, portfolio.decisions_of(project.id), lang);
    f.control = project_control(portfolio, project, f.state, clock, lang);
    facts.push_back(std::move(f));
  }

  KpiReport out;
  out.year = year;
  out.days = office.control.days;
  for (std::string_view name : k_kpi_names) {
    KpiFigure f;
    f.kpi = name;
    out.figures.push_back(std::move(f));
  }
  auto figure = [&](std::string_view name) -> KpiFigure& {
    return *std::find_if(out.figures.begin(), out.figures.end(),
                         [&](const KpiFigure& f) { return f.kpi == name; });
  };
  KpiFigure& on_time = figure("on_time_delivery");
  KpiFigure& budget = figure("budget_adherence");
  KpiFigure& success = figure("success_rate");
  closed_projects(office, facts, year, on_time, budget, success);
  rate(on_time);
  rate(budget);
  rate(success);
  gate_times(office, facts, year, figure("gate_cycle_days"), figure("decision_latency_days"));
  KpiFigure& cases = figure("business_case_complete");
  business_cases(office, facts, year, cases);
  rate(cases);
  if (commits) {
    KpiFigure& reports = figure("status_on_time");
    status_reports(portfolio, facts, year, clock, *commits, reports);
    rate(reports);
  }

  judge_kpis(out, office);
  return out;
}

void summarise(KpiFigure& figure) {
  figure.value.reset();
  figure.groups.clear();
  if (is_day_kpi(figure.kpi))
    average(figure);
  else
    rate(figure);
}

void judge_kpis(KpiReport& report, const Office& office) {
  const YearTargets* targets = office.kpis.year(report.year);
  for (auto& f : report.figures) {
    f.target.reset();
    if (const KpiTarget* t = targets ? targets->target(f.kpi) : nullptr)
      f.target = t->value;
    if (!f.value)
      f.status = KpiStatus::no_data;
    else if (!f.target)
      f.status = KpiStatus::no_target;
    else if (is_day_kpi(f.kpi))
      f.status = *f.value <= *f.target + 1e-9 ? KpiStatus::met : KpiStatus::not_met;
    else
      f.status = *f.value + 1e-9 >= *f.target ? KpiStatus::met : KpiStatus::not_met;
  }
}

} // namespace pmo::model
