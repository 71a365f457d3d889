#include <pmo/model/kpi_figures.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/model/resources.hpp>
#include <pmo/report/rollup.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace pmo::report {

namespace {

// The e-mail as a key: trimmed, lower case; "" for none.
std::string email_key(std::string_view email) {
  const auto first = email.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return {};
  email = email.substr(first, email.find_last_not_of(" \t") - first + 1);
  std::string key(email);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

} // namespace

std::string qualified_id(std::string_view department, std::string_view id) {
  if (department.empty())
    return std::string(id); // the enterprise's own
  std::string out(department);
  out += '/';
  out += id;
  return out;
}

std::optional<std::pair<std::string, std::string>> split_qualified(std::string_view id) {
  const auto slash = id.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == id.size())
    return std::nullopt;
  return std::pair{std::string(id.substr(0, slash)), std::string(id.substr(slash + 1))};
}

RollupPeople match_people(const std::vector<DepartmentPart>& parts) {
  RollupPeople out;
  std::map<std::string, std::size_t> by_email; // key -> index in out.people
  std::set<std::string> taken;                 // roll-up ids in use
  for (const auto& part : parts) {
    for (const auto& person : part.portfolio->people) {
      const std::string key = email_key(person.email);
      auto known = key.empty() ? by_email.end() : by_email.find(key);
      if (known != by_email.end()) {
        RollupPerson& same = out.people[known->second];
        if (std::abs(same.capacity - person.capacity) > 1e-9)
          same.capacities_differ = true;
        same.capacity = std::min(same.capacity, person.capacity);
        same.sources.emplace_back(part.id, person.id);
        out.ids[{part.id, person.id}] = same.id;
        continue;
      }
      RollupPerson fresh;
      fresh.id = taken.count(person.id) ? qualified_id(part.id, person.id) : person.id;
      fresh.name = person.name;
      fresh.email = person.email;
      fresh.capacity = person.capacity;
      fresh.sources.emplace_back(part.id, person.id);
      taken.insert(fresh.id);
      out.ids[{part.id, person.id}] = fresh.id;
      if (!key.empty())
        by_email[key] = out.people.size();
      out.people.push_back(std::move(fresh));
    }
  }
  return out;
}

Rollup roll_up(const model::Office& enterprise, const std::vector<DepartmentPart>& parts,
               model::Lang lang) {
  Rollup out;
  out.merged.office = enterprise;
  out.people = match_people(parts);
  for (const auto& p : out.people.people) {
    model::Person person;
    person.id = p.id;
    person.name = p.name;
    person.email = p.email;
    person.capacity = p.capacity;
    out.merged.people.push_back(std::move(person));
  }
  for (const auto& part : parts) {
    const model::Portfolio& portfolio = *part.portfolio;
    const auto holding = model::holding_projects(portfolio, lang);
    for (const auto& project : portfolio.projects) {
      model::Project copy = project;
      copy.id = qualified_id(part.id, project.id);
      for (auto& a : copy.assignments) {
        auto it = out.people.ids.find({part.id, a.person});
        a.person = it != out.people.ids.end() ? it->second : qualified_id(part.id, a.person);
      }
      for (auto& d : copy.depends_on)
        d.project = qualified_id(part.id, d.project);
      if (holding(project))
        out.holding.insert(copy.id);
      out.merged.projects.push_back(std::move(copy));
    }
  }
  return out;
}

ResourceView rollup_resources(const Rollup& rollup, model::Date from, model::Date to,
                              model::Lang lang) {
  const std::set<std::string>& holding = rollup.holding;
  return resource_view(rollup.merged, from, to, lang,
                       [&holding](const model::Project& p) { return holding.count(p.id) > 0; });
}

namespace {

// A department's row as the roll-up shows it.
ProjectRow qualified_row(ProjectRow row, const std::string& department,
                         const RollupPeople& people) {
  row.id = qualified_id(department, row.id);
  if (auto it = people.ids.find({department, row.manager}); it != people.ids.end())
    row.manager = it->second;
  if (auto it = people.ids.find({department, row.hold_by}); it != people.ids.end())
    row.hold_by = it->second;
  for (auto& b : row.blocked_by)
    b.project = qualified_id(department, b.project);
  for (auto& n : row.depends_on)
    n.project = qualified_id(department, n.project);
  return row;
}

std::string person_in(const RollupPeople& people, const std::string& department,
                      const std::string& id) {
  auto it = people.ids.find({department, id});
  return it != people.ids.end() ? it->second : id;
}

} // namespace

std::vector<ProjectRow> rollup_rows(const std::vector<DepartmentPart>& parts,
                                    const RollupPeople& people, const model::Clock& clock,
                                    model::Lang lang) {
  std::vector<ProjectRow> out;
  for (const auto& part : parts)
    for (auto& row : project_rows(*part.portfolio, clock, lang))
      out.push_back(qualified_row(std::move(row), part.id, people));
  return out;
}

PortfolioReport rollup_report(const std::vector<std::pair<std::string, PortfolioReport>>& parts,
                              const Rollup& rollup, const model::Clock& clock, model::Lang lang) {
  const model::Office& office = rollup.merged.office;
  const RollupPeople& people = rollup.people;
  PortfolioReport out;
  out.office_name = office.name;
  out.lang = lang;
  out.currency = office.currency;
  out.generated_at = clock.now;
  out.escalate_at = office.control.escalate_at;
  // Each department counts its days as its own pmo.yaml says: the roll-up's figures are in the
  // unit they share (the enterprise's when there is no department, or when they differ).
  out.days = office.control.days;
  if (!parts.empty() && std::all_of(parts.begin(), parts.end(), [&](const auto& part) {
        return part.second.days == parts.front().second.days;
      }))
    out.days = parts.front().second.days;
  ExecutiveSummary& sum = out.summary;
  for (const auto& [dept, r] : parts) {
    if (out.current_period.empty()) {
      out.recent_days = r.recent_days;
      out.current_period = r.current_period;
      out.due_period = r.due_period;
      out.report_due = r.report_due;
    }
    for (const auto& count : r.stages) {
      auto it = std::find_if(out.stages.begin(), out.stages.end(),
                             [&](const StageCount& c) { return c.stage == count.stage; });
      if (it == out.stages.end())
        out.stages.push_back(count);
      else
        it->count += count.count;
    }
    out.total += r.total;
    for (const auto& row : r.projects)
      out.projects.push_back(qualified_row(row, dept, people));
    for (auto item : r.awaiting) {
      item.id = qualified_id(dept, item.id);
      out.awaiting.push_back(std::move(item));
    }
    if (r.recent) {
      if (!out.recent)
        out.recent.emplace();
      for (auto entry : *r.recent) {
        entry.project = qualified_id(dept, entry.project);
        entry.reviewer = person_in(people, dept, entry.reviewer);
        out.recent->push_back(std::move(entry));
      }
    }
    for (auto risk : r.escalated) {
      risk.project = qualified_id(dept, risk.project);
      risk.owner = person_in(people, dept, risk.owner);
      out.escalated.push_back(std::move(risk));
    }
    for (auto risk : r.open_risks) {
      risk.project = qualified_id(dept, risk.project);
      out.open_risks.push_back(std::move(risk));
    }
    for (auto change : r.changes_decided) {
      change.project = qualified_id(dept, change.project);
      out.changes_decided.push_back(std::move(change));
    }
    for (auto closed : r.closed) {
      closed.project = qualified_id(dept, closed.project);
      out.closed.push_back(std::move(closed));
    }
    const ExecutiveSummary& s = r.summary;
    sum.active += s.active;
    sum.green += s.green;
    sum.amber += s.amber;
    sum.red += s.red;
    sum.unrated += s.unrated;
    for (const auto& id : s.red_projects)
      sum.red_projects.push_back(qualified_id(dept, id));
    sum.proposals += s.proposals;
    sum.closed += s.closed;
    sum.rejected += s.rejected;
    sum.proposals_waiting += s.proposals_waiting;
    if (s.longest_wait_days)
      sum.longest_wait_days = std::max(sum.longest_wait_days.value_or(0), *s.longest_wait_days);
    sum.on_hold += s.on_hold;
    sum.revising += s.revising;
    sum.escalated_risks += s.escalated_risks;
    sum.pending_changes += s.pending_changes;
    sum.overdue_reports += s.overdue_reports;
    sum.late_projects += s.late_projects;
    sum.with_evm += s.with_evm;
    sum.bac += s.bac;
    sum.ac += s.ac;
    sum.eac += s.eac;
    sum.vac += s.vac;
  }
  std::stable_sort(out.awaiting.begin(), out.awaiting.end(),
                   [](const AwaitingProposal& a, const AwaitingProposal& b) {
                     return a.days_waiting.value_or(-1) > b.days_waiting.value_or(-1);
                   });
  if (out.recent)
    std::stable_sort(
        out.recent->begin(), out.recent->end(),
        [](const DecisionEntry& a, const DecisionEntry& b) { return a.when > b.when; });
  std::stable_sort(
      out.escalated.begin(), out.escalated.end(),
      [](const EscalatedRisk& a, const EscalatedRisk& b) { return a.score > b.score; });
  std::stable_sort(out.open_risks.begin(), out.open_risks.end(),
                   [](const OpenRisk& a, const OpenRisk& b) {
                     return a.probability * a.impact > b.probability * b.impact;
                   });
  std::stable_sort(
      out.changes_decided.begin(), out.changes_decided.end(),
      [](const DecidedChange& a, const DecidedChange& b) { return a.decided_at > b.decided_at; });
  const std::set<std::string>& holding = rollup.holding;
  for (const model::Overload& o : model::over_allocations(
           rollup.merged, [&](const model::Project& p) { return holding.count(p.id) > 0; })) {
    if (o.to < clock.today())
      continue;
    OverAllocation item{o.person, o.who ? o.who->name : o.person,
                        o.load,   o.capacity,
                        o.from,   o.to,
                        {},       o.should_yield ? o.should_yield->id : std::string{}};
    for (const auto& b : o.parts)
      item.projects.emplace_back(b.project->id, b.assignment->fte);
    out.over_allocations.push_back(std::move(item));
  }
  return out;
}

std::vector<std::string> departments_of(const model::Overload& overload) {
  std::vector<std::string> out;
  for (const auto& b : overload.parts) {
    auto split = split_qualified(b.project->id);
    std::string dept = split ? split->first : std::string{};
    if (std::find(out.begin(), out.end(), dept) == out.end())
      out.push_back(std::move(dept));
  }
  return out;
}

model::KpiReport
rollup_kpis(const std::vector<std::pair<std::string, model::KpiReport>>& departments,
            const model::Office& enterprise, int year) {
  model::KpiReport out;
  out.year = year;
  out.days = enterprise.control.days; // the departments' unit when they share one, as the report's
  if (!departments.empty() &&
      std::all_of(departments.begin(), departments.end(),
                  [&](const auto& d) { return d.second.days == departments.front().second.days; }))
    out.days = departments.front().second.days;
  for (std::string_view name : model::k_kpi_names) {
    model::KpiFigure figure;
    figure.kpi = name;
    for (const auto& [department, report] : departments) {
      auto it = std::find_if(report.figures.begin(), report.figures.end(),
                             [&](const model::KpiFigure& f) { return f.kpi == name; });
      if (it == report.figures.end())
        continue;
      figure.counted += it->counted;
      for (auto entry : it->entries) {
        entry.project = qualified_id(department, entry.project);
        figure.entries.push_back(std::move(entry));
      }
    }
    model::summarise(figure);
    out.figures.push_back(std::move(figure));
  }
  model::judge_kpis(out, enterprise);
  return out;
}

} // namespace pmo::report
