#include <pmo/report/resources.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace pmo::report {

std::pair<model::Date, model::Date> default_window(model::Cadence cadence, model::Date today) {
  model::Period first = model::period_of(today, cadence);
  model::Period last = first;
  for (int i = 0; i < (cadence == model::Cadence::monthly ? 5 : 7); ++i)
    last = model::next_period(last);
  return {model::period_start(first), model::period_end(last)};
}

ResourceView resource_view(const model::Portfolio& portfolio, model::Date from, model::Date to,
                           model::Lang lang) {
  return resource_view(portfolio, from, to, lang, model::holding_projects(portfolio, lang));
}

ResourceView resource_view(const model::Portfolio& portfolio, model::Date from, model::Date to,
                           model::Lang, const std::function<bool(const model::Project&)>& holding) {
  ResourceView view;
  view.from = from;
  view.to = to;
  const model::Cadence cadence = portfolio.office.control.cadence;
  for (model::Period p = model::period_of(from, cadence);
       model::period_start(p) <= to && view.periods.size() < k_max_periods;
       p = model::next_period(p))
    view.periods.push_back(p);

  std::map<std::string, std::vector<model::Booking>> by_person;
  for (const auto& project : portfolio.projects) {
    if (project.assignments.empty() || !holding(project))
      continue;
    ++view.holding_projects;
    for (const auto& a : project.assignments)
      if (auto b = model::booking_of(project, a); b && b->from <= to && from <= b->to)
        by_person[a.person].push_back(*b);
  }
  for (const auto& [person, bookings] : by_person) {
    PersonLoad load;
    load.person = person;
    if (const model::Person* who = portfolio.person(person)) {
      load.name = who->name;
      load.capacity = who->capacity;
    }
    std::set<std::string> projects;
    for (const auto& b : bookings)
      projects.insert(b.project->id);
    load.projects.assign(projects.begin(), projects.end());
    for (const auto& period : view.periods) {
      const model::Date start = std::max(from, model::period_start(period));
      const model::Date end = std::min(to, model::period_end(period));
      const double peak = model::peak_load(bookings, start, end);
      load.peaks.push_back(peak);
      load.over = load.over || peak > load.capacity + 1e-9;
    }
    view.people.push_back(std::move(load));
  }
  for (auto& o : model::over_allocations(portfolio, holding))
    if (o.from <= to && from <= o.to)
      view.conflicts.push_back(std::move(o));
  return view;
}

} // namespace pmo::report
