#include <pmo/model/evm.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace pmo::model {

std::vector<Baseline> derive_baselines(const Project& approved_plan, Timestamp approved_at,
                                       const std::vector<ApprovedChange>& changes,
                                       const DayCounter& days) {
  std::vector<Baseline> out;
  if (!approved_plan.budget || !approved_plan.start || !approved_plan.end)
    return out;
  Baseline base;
  base.cause = "plan";
  base.since = approved_at;
  base.budget = *approved_plan.budget;
  base.start = *approved_plan.start;
  base.end = *approved_plan.end;
  for (const auto& m : approved_plan.milestones)
    if (m.date)
      base.milestones.push_back(m);
  auto by_date = [](const Milestone& a, const Milestone& b) { return *a.date < *b.date; };
  std::stable_sort(base.milestones.begin(), base.milestones.end(), by_date);
  out.push_back(base);
  for (const auto& approved : changes) {
    Baseline next = out.back();
    next.version += 1;
    next.cause = approved.change->id;
    next.since = approved.approved_at;
    next.budget = std::max(0.0, next.budget + approved.change->cost);
    const int shift = approved.change->schedule_days;
    const Date decided = std::chrono::floor<std::chrono::days>(approved.approved_at);
    next.end = days.add(next.end, shift);
    for (auto& m : next.milestones)
      if (*m.date >= decided)
        *m.date = days.add(*m.date, shift);
    std::stable_sort(next.milestones.begin(), next.milestones.end(), by_date);
    out.push_back(std::move(next));
  }
  return out;
}

double planned_fraction(const Baseline& baseline, Date date, const DayCounter& days) {
  struct Point {
    Date date;
    double done;
  };
  double total = 0;
  for (const auto& m : baseline.milestones)
    total += std::max(0.0, m.weight);
  std::vector<Point> points{{baseline.start, 0}};
  if (total > 0) {
    double sum = 0;
    for (const auto& m : baseline.milestones) {
      sum += std::max(0.0, m.weight);
      points.push_back({std::max(*m.date, baseline.start), sum / total});
    }
  }
  points.push_back({std::max(baseline.end, points.back().date), 1});
  if (date <= points.front().date)
    return date < points.front().date ? 0 : points.front().done;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const Point& a = points[i - 1];
    const Point& b = points[i];
    if (date > b.date)
      continue;
    const int span = days.between(a.date, b.date);
    if (span == 0)
      return b.done;
    return a.done + (b.done - a.done) * static_cast<double>(days.between(a.date, date)) /
                        static_cast<double>(span);
  }
  return 1;
}

Evm earned_value(const Baseline& baseline, double percent_complete, double actual_cost,
                 Date status_date, const DayCounter& days) {
  Evm e;
  e.status_date = status_date;
  e.bac = baseline.budget;
  const double planned = planned_fraction(baseline, status_date, days);
  e.planned_percent = planned * 100;
  e.pv = e.bac * planned;
  e.ev = e.bac * std::clamp(percent_complete, 0.0, 100.0) / 100;
  e.ac = actual_cost;
  e.sv = e.ev - e.pv;
  e.cv = e.ev - e.ac;
  // An index only when it is a finite number: a figure of 1e-300 would make one infinite.
  const auto ratio = [](double a, double b) -> std::optional<double> {
    if (!(b > 0) || !std::isfinite(a / b))
      return std::nullopt;
    return a / b;
  };
  e.spi = ratio(e.ev, e.pv);
  e.cpi = ratio(e.ev, e.ac);
  const auto eac = e.cpi && *e.cpi > 0 ? ratio(e.bac, *e.cpi) : std::nullopt;
  e.eac = eac ? *eac : e.ac + (e.bac - e.ev);
  e.etc = e.eac - e.ac;
  e.vac = e.bac - e.eac;
  e.tcpi = ratio(e.bac - e.ev, e.bac - e.ac);
  return e;
}

Rag rag_of(const ControlSettings& settings, double index) {
  if (index >= settings.green_at)
    return Rag::green;
  if (index >= settings.amber_at)
    return Rag::amber;
  return Rag::red;
}

Health assess_health(const ControlSettings& settings, const std::optional<Evm>& evm,
                     const StatusReport* latest) {
  Health health;
  for (Dimension dimension : k_dimensions) {
    DimensionHealth d;
    d.dimension = dimension;
    if (evm && dimension == Dimension::schedule && evm->spi)
      d.computed = rag_of(settings, *evm->spi);
    if (evm && dimension == Dimension::cost && evm->cpi)
      d.computed = rag_of(settings, *evm->cpi);
    if (latest)
      if (auto it = latest->health.find(dimension); it != latest->health.end())
        d.reported = it->second;
    if (auto rating = d.rating(); rating && latest)
      health.overall = std::max(health.overall.value_or(Rag::green), *rating);
    health.dimensions.push_back(d);
  }
  return health;
}

std::string rag_name(Rag rag, Lang lang) {
  switch (rag) {
  case Rag::green:
    return pick(lang, "green", "绿");
  case Rag::amber:
    return pick(lang, "amber", "黄");
  case Rag::red:
    return pick(lang, "red", "红");
  }
  return {};
}

std::string dimension_name(Dimension dimension, Lang lang) {
  switch (dimension) {
  case Dimension::schedule:
    return pick(lang, "schedule", "进度");
  case Dimension::cost:
    return pick(lang, "cost", "成本");
  case Dimension::scope:
    return pick(lang, "scope", "范围");
  case Dimension::quality:
    return pick(lang, "quality", "质量");
  }
  return {};
}

} // namespace pmo::model
