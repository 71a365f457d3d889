#include <pmo/report/registers.hpp>

#include <algorithm>

namespace pmo::report {

namespace {

// Closed entries, most recently closed first; ties (and undated ones, last) by id.
template <class T, class When> void most_recent_first(std::vector<T>& lines, When when) {
  std::stable_sort(lines.begin(), lines.end(), [&](const T& a, const T& b) {
    const auto wa = when(a);
    const auto wb = when(b);
    if (wa.has_value() != wb.has_value())
      return wa.has_value();
    return wa && *wa > *wb;
  });
}

void add_project(Registers& out, const model::Portfolio& portfolio, const model::Project& project,
                 bool all, model::Date today, model::Lang lang) {
  const auto& settings = portfolio.office.control;
  std::vector<RiskLine> closed_risks;
  for (const model::Risk* risk : portfolio.risks_of(project.id)) {
    if (risk->open)
      out.risks.push_back({risk, model::is_escalated(settings, *risk)});
    else
      closed_risks.push_back({risk, false});
  }
  out.closed_risks += static_cast<int>(closed_risks.size());
  std::vector<IssueLine> resolved;
  for (const model::Issue* issue : portfolio.issues_of(project.id)) {
    if (!issue->resolved)
      out.issues.push_back({issue, model::is_overdue(*issue, today)});
    else
      resolved.push_back({issue, false});
  }
  out.resolved_issues += static_cast<int>(resolved.size());
  std::vector<ChangeLine> decided;
  for (auto& state : model::change_states(portfolio, project, lang)) {
    const bool open = state.status != model::ChangeStatus::approved &&
                      state.status != model::ChangeStatus::rejected;
    (open ? out.changes : decided).push_back({std::move(state), open});
  }
  out.decided_changes += static_cast<int>(decided.size());
  if (!all)
    return;
  most_recent_first(closed_risks, [](const RiskLine& l) { return l.risk->closed; });
  most_recent_first(resolved, [](const IssueLine& l) { return l.issue->resolved; });
  most_recent_first(decided, [](const ChangeLine& l) { return l.state.decided_at; });
  out.risks.insert(out.risks.end(), closed_risks.begin(), closed_risks.end());
  out.issues.insert(out.issues.end(), resolved.begin(), resolved.end());
  for (auto& line : decided)
    out.changes.push_back(std::move(line));
}

} // namespace

Registers registers(const model::Portfolio& portfolio, const model::Project* project, bool all,
                    model::Date today, model::Lang lang) {
  Registers out;
  if (project) {
    add_project(out, portfolio, *project, all, today, lang);
    return out;
  }
  std::vector<const model::Project*> projects;
  for (const auto& p : portfolio.projects)
    projects.push_back(&p);
  std::sort(projects.begin(), projects.end(),
            [](const auto* a, const auto* b) { return a->id < b->id; });
  for (const auto* p : projects)
    add_project(out, portfolio, *p, all, today, lang);
  return out;
}

} // namespace pmo::report
