#include <pmo/model/dependencies.hpp>
#include <pmo/model/lifecycle.hpp>

#include <algorithm>
#include <map>

namespace pmo::model {

std::vector<std::string> stage_order(const Office& office) {
  std::vector<std::string> out{office.initial_stage};
  for (const auto& gate : office.gates)
    if (std::find(out.begin(), out.end(), gate.enters) == out.end())
      out.push_back(gate.enters);
  return out;
}

namespace {

int rank_of(const std::vector<std::string>& order, const std::string& stage) {
  auto it = std::find(order.begin(), order.end(), stage);
  return it == order.end() ? -1 : static_cast<int>(it - order.begin());
}

// The milestone's date as its project expects it now: the latest status report's forecast,
// else the plan.
std::optional<Date> milestone_due(const Portfolio& portfolio, const Project& project,
                                  const std::string& name) {
  std::optional<Date> due;
  for (const auto& m : project.milestones)
    if (m.name == name)
      due = m.date;
  const auto reports = portfolio.reports_of(project.id);
  if (!reports.empty())
    for (const auto& f : reports.back()->forecasts)
      if (f.name == name)
        due = f.date;
  return due;
}

} // namespace

std::vector<Blocker> blockers(const Portfolio& portfolio, const Project& project, Date today,
                              Lang lang) {
  std::vector<Blocker> out;
  const Office& office = portfolio.office;
  const auto order = stage_order(office);
  const GateDef* baseline = office.gate(office.control.baseline_gate);
  for (const Dependency& d : project.depends_on) {
    Blocker b;
    b.project = &project;
    b.dependency = &d;
    b.needed = portfolio.project(d.project);
    if (!b.needed) {
      out.push_back(b); // validate reports it; until then it is not met
      continue;
    }
    const ProjectState state = derive_state(office, portfolio.decisions_of(d.project), lang);
    b.stage_now = state.stage;
    b.on_hold = state.pause == Pause::hold;
    const int now = state.stage == "rejected" ? -1 : rank_of(order, state.stage);
    if (!d.milestone.empty()) {
      b.milestone_date = milestone_due(portfolio, *b.needed, d.milestone);
      const bool closed = now == static_cast<int>(order.size()) - 1;
      const bool running = baseline && now >= rank_of(order, baseline->enters) && now >= 0 &&
                           state.pause != Pause::hold;
      if (closed || (running && b.milestone_date && *b.milestone_date <= today))
        continue;
      out.push_back(b);
      continue;
    }
    b.needed_stage = d.stage.empty() ? order.back() : d.stage;
    if (now < 0 || now < rank_of(order, b.needed_stage))
      out.push_back(b);
  }
  return out;
}

std::string blocker_text(const Blocker& b, Lang lang) {
  const std::string& id = b.dependency->project;
  if (!b.needed)
    return tr(lang, "{}: not in the portfolio", "{}：不在项目组合中", id);
  const std::string who = id + " " + b.needed->title;
  std::string need =
      !b.dependency->milestone.empty()
          ? (b.milestone_date
                 ? tr(lang, "needs its milestone {} (due {})", "需达到其里程碑“{}”（预计 {}）",
                      b.dependency->milestone, format_date(*b.milestone_date))
                 : tr(lang, "needs its milestone {}", "需达到其里程碑“{}”",
                      b.dependency->milestone))
          : tr(lang, "needs it {}", "需其达到“{}”阶段", stage_name(b.needed_stage, lang));
  std::string now = tr(lang, "now {}", "当前：{}", stage_name(b.stage_now, lang));
  if (b.on_hold)
    now += pick(lang, ", on hold", "，已暂停");
  return tr(lang, "{}: {}; {}", "{}：{}；{}", who, need, now);
}

std::vector<Finding> check_dependencies_at_gate(const Portfolio& portfolio, const Project& project,
                                                const GateDef& gate, Date today, Lang lang) {
  std::vector<Finding> out;
  const Office& office = portfolio.office;
  auto index_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < office.gates.size(); ++i)
      if (office.gates[i].id == id)
        return static_cast<int>(i);
    return -1;
  };
  const int baseline = index_of(office.control.baseline_gate);
  const bool executes = baseline >= 0 && index_of(gate.id) >= baseline;
  const Severity severity =
      executes && office.type != OfficeType::supportive ? Severity::error : Severity::warning;
  for (const Blocker& b : blockers(portfolio, project, today, lang)) {
    std::string message =
        executes ? tr(lang, "{} needs what {} depends on: {}", "{} 需要 {} 所依赖的项目就绪：{}",
                      gate.id, project.id, blocker_text(b, lang))
                 : tr(lang, "{} depends on what is not there yet (needed by {}): {}",
                      "{} 所依赖的项目尚未就绪（{} 时需要）：{}", project.id,
                      office.control.baseline_gate, blocker_text(b, lang));
    const auto index = static_cast<std::size_t>(b.dependency - project.depends_on.data());
    Location where = project.where.find("depends_on[" + std::to_string(index) + "]")
                         .value_or(Location{project.file, 1, 1});
    if (where.file.empty())
      where.file = project.file;
    out.push_back(Finding{severity, std::move(where), "dependency-unmet", std::move(message)});
  }
  return out;
}

std::vector<std::vector<std::string>> dependency_cycles(const Portfolio& portfolio) {
  // The graph, by index, edges sorted: the result does not depend on the order of files.
  std::vector<std::string> ids;
  for (const auto& p : portfolio.projects)
    ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  auto index_of = [&](const std::string& id) -> int {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    return it != ids.end() && *it == id ? static_cast<int>(it - ids.begin()) : -1;
  };
  const int n = static_cast<int>(ids.size());
  std::vector<std::vector<int>> edges(static_cast<std::size_t>(n));
  for (const auto& p : portfolio.projects) {
    const int from = index_of(p.id);
    for (const auto& d : p.depends_on)
      if (const int to = index_of(d.project); to >= 0 && to != from)
        edges[static_cast<std::size_t>(from)].push_back(to);
  }
  for (auto& to : edges) {
    std::sort(to.begin(), to.end());
    to.erase(std::unique(to.begin(), to.end()), to.end());
  }

  // Tarjan's strongly connected components, iteratively (no recursion as deep as the graph).
  std::vector<int> index(static_cast<std::size_t>(n), -1), low(static_cast<std::size_t>(n), 0),
      component(static_cast<std::size_t>(n), -1);
  std::vector<bool> on_stack(static_cast<std::size_t>(n), false);
  std::vector<int> stack;
  int counter = 0, components = 0;
  for (int root = 0; root < n; ++root) {
    if (index[static_cast<std::size_t>(root)] >= 0)
      continue;
    std::vector<std::pair<int, std::size_t>> frames{{root, 0}};
    while (!frames.empty()) {
      auto& [v, next] = frames.back();
      const auto uv = static_cast<std::size_t>(v);
      if (next == 0 && index[uv] < 0) {
        index[uv] = low[uv] = counter++;
        stack.push_back(v);
        on_stack[uv] = true;
      }
      if (next < edges[uv].size()) {
        const int w = edges[uv][next++];
        const auto uw = static_cast<std::size_t>(w);
        if (index[uw] < 0)
          frames.emplace_back(w, 0);
        else if (on_stack[uw])
          low[uv] = std::min(low[uv], index[uw]);
        continue;
      }
      if (low[uv] == index[uv]) {
        int w = -1;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[static_cast<std::size_t>(w)] = false;
          component[static_cast<std::size_t>(w)] = components;
        } while (w != v);
        ++components;
      }
      const int done = v;
      frames.pop_back();
      if (!frames.empty()) {
        const auto parent = static_cast<std::size_t>(frames.back().first);
        low[parent] = std::min(low[parent], low[static_cast<std::size_t>(done)]);
      }
    }
  }

  // One cycle per component of two or more: the shortest through its lowest id, by breadth.
  std::vector<std::vector<std::string>> out;
  std::vector<bool> reported(static_cast<std::size_t>(components), false);
  for (int s = 0; s < n; ++s) {
    const int c = component[static_cast<std::size_t>(s)];
    if (reported[static_cast<std::size_t>(c)])
      continue;
    std::vector<int> parent(static_cast<std::size_t>(n), -2);
    std::vector<int> queue{s};
    parent[static_cast<std::size_t>(s)] = -1;
    int last = -1;
    for (std::size_t q = 0; q < queue.size() && last < 0; ++q) {
      const int v = queue[q];
      for (const int w : edges[static_cast<std::size_t>(v)]) {
        if (component[static_cast<std::size_t>(w)] != c)
          continue;
        if (w == s) {
          last = v;
          break;
        }
        if (parent[static_cast<std::size_t>(w)] == -2) {
          parent[static_cast<std::size_t>(w)] = v;
          queue.push_back(w);
        }
      }
    }
    if (last < 0)
      continue; // a component of one, without a cycle
    reported[static_cast<std::size_t>(c)] = true;
    std::vector<std::string> cycle;
    for (int v = last; v >= 0; v = parent[static_cast<std::size_t>(v)])
      cycle.push_back(ids[static_cast<std::size_t>(v)]);
    std::reverse(cycle.begin(), cycle.end());
    out.push_back(std::move(cycle));
  }
  return out;
}

} // namespace pmo::model
