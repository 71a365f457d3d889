#include <pmo/model/lifecycle.hpp>
#include <pmo/model/priority.hpp>
#include <pmo/model/resources.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pmo::model {

namespace {

// A sum of FTEs past capacity by more than rounding.
bool over(double load, double capacity) { return load > capacity + 1e-9; }

} // namespace

std::string fte_text(double fte) {
  std::string text = fmt::format("{:.2f}", std::round(fte * 100) / 100);
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.')
    text.pop_back();
  return text;
}

std::optional<Booking> booking_of(const Project& project, const Assignment& assignment) {
  const auto from = assignment.from ? assignment.from : project.start;
  const auto to = assignment.to ? assignment.to : project.end;
  if (!from || !to || *to < *from)
    return std::nullopt;
  return Booking{&project, &assignment, *from, *to};
}

bool holds_people(const Office& office, const std::vector<const Decision*>& decisions, Lang lang) {
  const ProjectState state = derive_state(office, decisions, lang);
  return state.stage != office.initial_stage && !state.terminal();
}

std::function<bool(const Project&)> holding_projects(const Portfolio& portfolio, Lang lang) {
  auto holding = std::make_shared<std::map<std::string, bool>>();
  for (const auto& p : portfolio.projects)
    if (!p.assignments.empty())
      (*holding)[p.id] = holds_people(portfolio.office, portfolio.decisions_of(p.id), lang);
  return [holding](const Project& p) {
    auto it = holding->find(p.id);
    return it != holding->end() && it->second;
  };
}

std::vector<Booking> bookings_of(const Portfolio& portfolio, const std::string& person,
                                 const std::function<bool(const Project&)>& counts) {
  std::vector<Booking> out;
  for (const auto& p : portfolio.projects) {
    if (p.assignments.empty() || !counts(p))
      continue;
    for (const auto& a : p.assignments)
      if (a.person == person)
        if (auto b = booking_of(p, a))
          out.push_back(*b);
  }
  return out;
}

double peak_load(const std::vector<Booking>& bookings, Date from, Date to) {
  // The load changes only where a booking starts or ends: check those days and `from`.
  std::vector<Date> days{from};
  for (const auto& b : bookings)
    if (b.from > from && b.from <= to)
      days.push_back(b.from);
  double peak = 0;
  for (Date day : days) {
    double load = 0;
    for (const auto& b : bookings)
      if (b.from <= day && day <= b.to)
        load += b.assignment->fte;
    peak = std::max(peak, load);
  }
  return peak;
}

Period next_period(const Period& period) {
  return period_of(period_end(period) + std::chrono::days{1}, period.cadence);
}

std::vector<Overload> over_allocations(const Portfolio& portfolio,
                                       const std::function<bool(const Project&)>& counts) {
  // Bookings by person, each person's in one sweep over the days their load changes.
  std::map<std::string, std::vector<Booking>> by_person;
  for (const auto& p : portfolio.projects) {
    if (p.assignments.empty() || !counts(p))
      continue;
    for (const auto& a : p.assignments)
      if (auto b = booking_of(p, a))
        by_person[a.person].push_back(*b);
  }
  // Priority: the office's scoring model over the projects involved; ties as rank_projects.
  std::vector<const Project*> involved;
  for (const auto& p : portfolio.projects)
    if (!p.assignments.empty() && counts(p))
      involved.push_back(&p);
  std::map<const Project*, std::size_t> rank;
  {
    const auto ranked = rank_projects(portfolio.office.priorities, involved);
    for (std::size_t i = 0; i < ranked.size(); ++i)
      rank[ranked[i].project] = i;
  }

  std::vector<Overload> out;
  for (const auto& entry : by_person) {
    const std::string& person = entry.first; // (not a structured binding: the lambda below uses it)
    const std::vector<Booking>& bookings = entry.second;
    const Person* who = portfolio.person(person);
    const double capacity = who ? who->capacity : 1.0;
    std::vector<Date> edges;
    for (const auto& b : bookings) {
      edges.push_back(b.from);
      edges.push_back(b.to + std::chrono::days{1});
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
      const Date from = edges[i];
      const Date to = edges[i + 1] - std::chrono::days{1};
      std::vector<Booking> parts;
      double load = 0;
      for (const auto& b : bookings)
        if (b.from <= from && to <= b.to) {
          parts.push_back(b);
          load += b.assignment->fte;
        }
      if (!over(load, capacity))
        continue;
      std::stable_sort(parts.begin(), parts.end(), [&](const Booking& a, const Booking& b) {
        return rank[a.project] < rank[b.project];
      });
      // The same bookings as the day before: the same overload goes on.
      auto same = [&](const Overload& o) {
        if (o.person != person || o.to + std::chrono::days{1} != from ||
            o.parts.size() != parts.size())
          return false;
        for (std::size_t k = 0; k < parts.size(); ++k)
          if (o.parts[k].assignment != parts[k].assignment)
            return false;
        return true;
      };
      if (!out.empty() && same(out.back())) {
        out.back().to = to;
        continue;
      }
      Overload o;
      o.person = person;
      o.who = who;
      o.capacity = capacity;
      o.from = from;
      o.to = to;
      o.load = load;
      o.should_yield = parts.back().project;
      // Several bookings of one project: it is still that project's plan that over-allocates.
      bool one_project = std::all_of(parts.begin(), parts.end(), [&](const Booking& b) {
        return b.project == parts.front().project;
      });
      if (one_project)
        o.should_yield = nullptr;
      o.parts = std::move(parts);
      out.push_back(std::move(o));
    }
  }
  return out;
}

std::string overload_text(const Overload& o, Lang lang) {
  std::string parts;
  for (const auto& b : o.parts) {
    if (!parts.empty())
      parts += pick(lang, ", ", "，");
    parts += b.project->id + " " + fte_text(b.assignment->fte);
  }
  std::string text = tr(lang, "{} at {} FTE of {} from {} to {}: {}",
                        "{} 负荷 {} FTE，超过产能 {}（{} 至 {}）：{}", o.person, fte_text(o.load),
                        fte_text(o.capacity), format_date(o.from), format_date(o.to), parts);
  if (o.should_yield)
    text += tr(lang, "; {} should yield (lowest priority)", "；应由优先级最低的 {} 让出资源",
               o.should_yield->id);
  return text;
}

Location booking_location(const Booking& b) {
  const auto index = static_cast<std::size_t>(b.assignment - b.project->assignments.data());
  Location where = b.project->where.find("assignments[" + std::to_string(index) + "]")
                       .value_or(Location{b.project->file, 1, 1});
  if (where.file.empty())
    where.file = b.project->file;
  return where;
}

std::vector<Finding> check_resources_at_gate(const Portfolio& portfolio, const Project& project,
                                             const GateDef& gate, Lang lang) {
  std::vector<Finding> out;
  if (gate.id != portfolio.office.control.baseline_gate || project.assignments.empty())
    return out;
  const auto holding = holding_projects(portfolio, lang);
  const auto counts = [&](const Project& p) { return &p == &project || holding(p); };
  const Severity severity =
      portfolio.office.type == OfficeType::supportive ? Severity::warning : Severity::error;
  for (const Overload& o : over_allocations(portfolio, counts)) {
    auto mine = std::find_if(o.parts.begin(), o.parts.end(),
                             [&](const Booking& b) { return b.project == &project; });
    if (mine == o.parts.end())
      continue;
    out.push_back(Finding{severity, booking_location(*mine), "over-allocated",
                          tr(lang, "{} would over-allocate: {}", "{} 将造成人员超负荷：{}", gate.id,
                             overload_text(o, lang))});
  }
  return out;
}

} // namespace pmo::model
