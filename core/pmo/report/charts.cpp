#include <pmo/report/charts.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pmo::report {

namespace {

using model::Lang;
using model::pick;

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string entity(char c) { return fmt::format("#{};", static_cast<int>(c)); }

// `text` without leading and trailing spaces; "—" when nothing is left (an empty name would end
// the statement).
std::string non_empty(std::string text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos)
    return "—";
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// A leading ASCII letter as an entity code: no user text can start a keyword statement.
std::string guard_lead(std::string text) {
  if (!text.empty() && is_ascii_letter(text.front()))
    text.replace(0, 1, entity(text.front()));
  return text;
}

std::string fence(const std::string& body) { return "```mermaid\n" + body + "```\n"; }

std::string date_text(model::Date date) { return model::format_date(date); }

} // namespace

std::string mermaid_text(std::string_view raw) {
  const std::string text = terminal_safe(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '"':
    case ':':
    case ';':
    case '#':
    case '%':
    case '{':
    case '}':
    case '<':
    case '>':
    case '&':
    case '`':
    case '\\':
      out += entity(c);
      break;
    default:
      out += is_control(static_cast<unsigned char>(c)) ? ' ' : c;
    }
  }
  return out;
}

std::string gantt_task(std::string_view text) { return guard_lead(non_empty(mermaid_text(text))); }

std::string quadrant_text(std::string_view raw) {
  const std::string text = non_empty(terminal_safe(raw));
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || is_ascii_letter(c) || is_ascii_digit(c) || c == ' ')
      out += c;
    else
      out += is_control(u) ? std::string{" "} : entity(c);
  }
  return guard_lead(out);
}

std::string stage_pie(const PortfolioReport& r) {
  if (r.total == 0)
    return {}; // a pie of nothing draws nothing
  std::string out = fmt::format("pie title {}\n",
                                mermaid_text(pick(r.lang, "Projects by stage", "各阶段项目数")));
  for (const auto& count : r.stages)
    if (count.count > 0)
      out += fmt::format("    \"{}\" : {}\n", mermaid_text(count.label), count.count);
  return fence(out);
}

Timeline portfolio_timeline(const PortfolioReport& r) {
  const Lang lang = r.lang;
  std::vector<const ProjectRow*> rows;
  for (const auto& p : r.projects)
    if (p.schedule && !p.outcome && p.stage != model::k_rejected_stage)
      rows.push_back(&p);
  Timeline out;
  out.projects = rows.size();
  if (rows.empty())
    return out;
  auto slip = [](const ProjectRow* p) {
    return (p->schedule->forecast_end - p->schedule->baseline_end).count();
  };
  if (rows.size() > k_timeline_projects) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const ProjectRow* a, const ProjectRow* b) { return slip(a) > slip(b); });
    rows.resize(k_timeline_projects);
    std::sort(rows.begin(), rows.end(),
              [](const ProjectRow* a, const ProjectRow* b) { return a->id < b->id; });
  }
  out.shown = rows.size();
  const model::Date today = std::chrono::floor<std::chrono::days>(r.generated_at);
  std::string body = "gantt\n";
  body += fmt::format("    title {}\n",
                      mermaid_text(pick(lang, "Portfolio timeline", "项目组合时间线")));
  body += "    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m\n";
  // Mermaid's own today marker is the reader's clock; the report's day is a milestone instead.
  body += "    todayMarker off\n";
  body += fmt::format("    section {}\n", mermaid_text(pick(lang, "Today", "今天")));
  body += fmt::format("    {} :milestone, today, {}, 0d\n",
                      gantt_task(model::tr(lang, "Today {}", "今天 {}", date_text(today))),
                      date_text(today));
  const std::string baseline = gantt_task(pick(lang, "Baseline", "基线"));
  const std::string forecast = gantt_task(pick(lang, "Forecast", "预测"));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ProjectRow& p = *rows[i];
    const ProjectRow::Schedule& s = *p.schedule;
    body += fmt::format("    section {}\n", non_empty(mermaid_text(p.id + " " + p.title)));
    body += fmt::format("    {} :done, p{}b, {}, {}\n", baseline, i, date_text(s.start),
                        date_text(std::max(s.start, s.baseline_end)));
    body += fmt::format("    {} :{}, p{}f, {}, {}\n", forecast,
                        s.forecast_end > s.baseline_end ? "crit" : "active", i, date_text(s.start),
                        date_text(std::max(s.start, s.forecast_end)));
    for (std::size_t m = 0; m < s.milestones.size(); ++m) {
      const auto& milestone = s.milestones[m];
      body += fmt::format("    {} :milestone, {}p{}m{}, {}, 0d\n", gantt_task(milestone.name),
                          milestone.slip && *milestone.slip > 0 ? "crit, " : "", i, m,
                          date_text(milestone.date));
    }
  }
  out.chart = fence(body);
  return out;
}

std::array<std::array<int, 5>, 5> risk_counts(const PortfolioReport& r) {
  std::array<std::array<int, 5>, 5> counts{};
  for (const auto& risk : r.open_risks)
    counts[std::clamp(risk.impact, 1, 5) - 1][std::clamp(risk.probability, 1, 5) - 1] += 1;
  return counts;
}

std::string risk_quadrant(const PortfolioReport& r) {
  if (r.open_risks.empty())
    return {};
  const Lang lang = r.lang;
  const std::size_t shown = std::min(r.open_risks.size(), k_matrix_points);
  // Risks in the same cell share it in a small grid, in the order of open_risks.
  std::map<std::pair<int, int>, std::vector<std::size_t>> cells;
  for (std::size_t i = 0; i < shown; ++i)
    cells[{std::clamp(r.open_risks[i].probability, 1, 5), std::clamp(r.open_risks[i].impact, 1, 5)}]
        .push_back(i);
  std::vector<std::pair<double, double>> at(shown);
  for (const auto& [cell, members] : cells) {
    const auto side = static_cast<std::size_t>(std::ceil(std::sqrt(members.size())));
    for (std::size_t k = 0; k < members.size(); ++k) {
      const double col = static_cast<double>(k % side), line = static_cast<double>(k / side);
      const double step = 0.16 / static_cast<double>(side);
      at[members[k]] = {(cell.first - 1) * 0.2 + 0.02 + (col + 0.5) * step,
                        (cell.second - 1) * 0.2 + 0.02 + (line + 0.5) * step};
    }
  }
  std::string body = "quadrantChart\n";
  body += fmt::format("    title {}\n", mermaid_text(pick(lang, "Open risks: probability × impact",
                                                          "未关闭风险：概率 × 影响")));
  body += fmt::format("    x-axis {} --> {}\n", quadrant_text(pick(lang, "Unlikely", "概率低")),
                      quadrant_text(pick(lang, "Likely", "概率高")));
  body += fmt::format("    y-axis {} --> {}\n", quadrant_text(pick(lang, "Minor", "影响小")),
                      quadrant_text(pick(lang, "Severe", "影响大")));
  body += fmt::format("    quadrant-1 {}\n", quadrant_text(pick(lang, "Act now", "重点应对")));
  body += fmt::format("    quadrant-2 {}\n", quadrant_text(pick(lang, "Prepare", "预案准备")));
  body += fmt::format("    quadrant-3 {}\n", quadrant_text(pick(lang, "Monitor", "持续监控")));
  body += fmt::format("    quadrant-4 {}\n", quadrant_text(pick(lang, "Reduce", "降低概率")));
  for (std::size_t i = 0; i < shown; ++i) {
    const OpenRisk& risk = r.open_risks[i];
    const std::string label =
        risk.id + " " + truncate_to_width(terminal_safe(risk.description), 16);
    body +=
        fmt::format("    {}: [{:.3f}, {:.3f}]\n", quadrant_text(label), at[i].first, at[i].second);
  }
  return fence(body);
}

std::string index_trend_chart(const PortfolioReport& r) {
  std::vector<const PeriodIndices*> points;
  for (const auto& p : r.index_trend)
    if (p.spi && p.cpi)
      points.push_back(&p);
  if (points.size() < 2)
    return {};
  const Lang lang = r.lang;
  std::string labels, spi, cpi;
  double top = 1;
  for (const PeriodIndices* p : points) {
    labels += (labels.empty() ? "" : ", ") + fmt::format("\"{}\"", mermaid_text(p->period));
    spi += (spi.empty() ? "" : ", ") + fmt::format("{:.2f}", *p->spi);
    cpi += (cpi.empty() ? "" : ", ") + fmt::format("{:.2f}", *p->cpi);
    top = std::max({top, *p->spi, *p->cpi});
  }
  std::string body = "xychart-beta\n";
  body += fmt::format("    title \"{}\"\n",
                      mermaid_text(pick(lang, "Portfolio SPI (bars) and CPI (line)",
                                        "组合 SPI（柱）与 CPI（折线）")));
  body += fmt::format("    x-axis [{}]\n", labels);
  body += fmt::format("    y-axis \"{}\" 0 --> {:.1f}\n", mermaid_text(pick(lang, "Index", "指数")),
                      std::ceil(top * 10) / 10 + 0.1);
  body += fmt::format("    bar [{}]\n", spi);
  body += fmt::format("    line [{}]\n", cpi);
  return fence(body);
}

DependencyGraph dependency_graph(const PortfolioReport& r) {
  DependencyGraph out;
  for (const auto& p : r.projects)
    for (const auto& d : p.depends_on) {
      ++out.all;
      out.unmet += d.met ? 0 : 1;
    }
  if (out.all == 0)
    return out;
  out.only_unmet = out.all > k_max_edges;
  if (out.only_unmet && out.unmet > k_max_edges)
    return out;
  // Nodes are numbered (n0, n1, …): an id never reaches Mermaid's syntax, only its escaped label.
  std::map<std::string, std::string> titles;
  for (const auto& p : r.projects)
    titles.emplace(p.id, p.title);
  std::map<std::string, std::size_t> numbers;
  std::vector<std::string> nodes;
  auto node = [&](const std::string& id) {
    auto [it, added] = numbers.emplace(id, nodes.size());
    if (added)
      nodes.push_back(id);
    return it->second;
  };
  std::string edges;
  for (const auto& p : r.projects)
    for (const auto& d : p.depends_on)
      if (!out.only_unmet || !d.met) {
        // Numbered in order, the dependent project first: not in a call's arguments, whose order
        // of evaluation C++ leaves open.
        const std::size_t from = node(p.id);
        const std::size_t to = node(d.project);
        edges += fmt::format("    n{} {}|\"{}\"| n{}\n", from, d.met ? "-->" : "-.->",
                             mermaid_text(d.label), to);
      }
  std::string body = "flowchart LR\n";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string label = nodes[i];
    if (auto it = titles.find(nodes[i]); it != titles.end())
      label += " " + it->second;
    body += fmt::format("    n{}[\"{}\"]\n", i, mermaid_text(label));
  }
  out.chart = fence(body + edges);
  return out;
}

std::string frontier_chart(const PortfolioReport& r) {
  const FundingFrontier& f = r.frontier;
  if (f.points.empty())
    return {};
  const Lang lang = r.lang;
  std::string labels, scores;
  double top = 0;
  for (const auto& p : f.points) {
    labels +=
        (labels.empty() ? "" : ", ") + fmt::format("\"{}\"", mermaid_text(format_amount(p.budget)));
    scores += (scores.empty() ? "" : ", ") + fmt::format("{:.2f}", p.score);
    top = std::max(top, p.score);
  }
  std::string body = "xychart-beta\n";
  body += fmt::format("    title \"{}\"\n",
                      mermaid_text(pick(lang, "Best total score by budget", "各预算下的最高总分")));
  body += fmt::format("    x-axis [{}]\n", labels);
  body += fmt::format("    y-axis \"{}\" 0 --> {}\n", mermaid_text(pick(lang, "Score", "总分")),
                      std::ceil(top / 10) * 10 + 10);
  body += fmt::format("    line [{}]\n", scores);
  return fence(body);
}

} // namespace pmo::report
