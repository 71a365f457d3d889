#include <pmo/report/charts.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace report = pmo::report;
using pmo::model::Date;
using pmo::model::Lang;
using report::gantt_task;
using report::mermaid_text;
using report::quadrant_text;

namespace {

// Everything that has broken a Mermaid chart somewhere: statement ends, comments, directives,
// brackets of node shapes and points, a pipe, an HTML break, newlines and control characters.
const std::string k_hostile = "A: b; #c \"d\" [e] (f) {g} |h| %%i <br/> j\nk\tl\x01m";

Date day(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

// What no chart may contain, whatever the user wrote: the raw hostile fragments.
void check_no_raw_hostile(const std::string& chart) {
  CHECK(chart.find("%%") == std::string::npos);
  CHECK(chart.find("<br/>") == std::string::npos);
  CHECK(chart.find("{g}") == std::string::npos);
  CHECK(chart.find("#c") == std::string::npos);
  CHECK(chart.find("\"d\"") == std::string::npos);
  CHECK(chart.find("A: b") == std::string::npos);
  CHECK(chart.find('\t') == std::string::npos);
  CHECK(chart.find('\x01') == std::string::npos);
  CHECK(chart.find("j\nk") == std::string::npos);
}

report::PortfolioReport hostile_report(Lang lang) {
  report::PortfolioReport r;
  r.lang = lang;
  r.generated_at = pmo::model::Timestamp{std::chrono::sys_days{day(2027, 3, 1)}};
  r.escalate_at = 15;
  report::ProjectRow p;
  p.id = "XH-1";
  p.title = k_hostile;
  p.stage = "executing";
  p.stage_label = k_hostile;
  p.schedule = report::ProjectRow::Schedule{
      day(2026, 9, 1),
      day(2027, 3, 31),
      day(2027, 4, 20),
      {{k_hostile, day(2027, 1, 15), 10}, {"title x", day(2027, 2, 1), std::nullopt}}};
  p.depends_on.push_back({"XH-2", k_hostile, false});
  r.projects.push_back(p);
  report::ProjectRow q;
  q.id = "XH-2";
  q.title = k_hostile;
  q.stage = "executing";
  q.stage_label = "执行";
  r.projects.push_back(q);
  r.stages = {{"executing", k_hostile, 2}};
  r.total = 2;
  r.open_risks = {{"XH-1", "R-1", k_hostile, 5, 3}, {"XH-1", "R-2", "数据迁移", 5, 3}};
  r.index_trend = {{"2026-10", 1, 100, 90, 95, 0.9, 90.0 / 95},
                   {"2026-11", 1, 200, 190, 180, 0.95, 190.0 / 180}};
  r.frontier.candidates = 2;
  r.frontier.points = {{100000, 40}, {200000, 75.5}};
  return r;
}

} // namespace

TEST_CASE("a Mermaid label cannot close its quotes, start a new statement or carry a directive") {
  CHECK(mermaid_text("a\"b:c;d#e") == "a#34;b#58;c#59;d#35;e");
  CHECK(mermaid_text("%%{init}%%") == "#37;#37;#123;init#125;#37;#37;");
  CHECK(mermaid_text("<b>&`") == "#60;b#62;#38;#96;");
  CHECK(mermaid_text("x\ny") == "x y");
  CHECK(mermaid_text("立项申请") == "立项申请");
  CHECK(mermaid_text("x\xE2\x80\xAEy") == "x\xEF\xBF\xBDy");
}

TEST_CASE("a gantt task name cannot end early or start a keyword statement") {
  CHECK(gantt_task("a: b; #c") == "#97;#58; b#59; #35;c");
  CHECK(gantt_task("title x") == "#116;itle x");
  CHECK(gantt_task("excludes weekends") == "#101;xcludes weekends");
  CHECK(gantt_task("数据集成完成") == "数据集成完成");
  CHECK(gantt_task("") == "—"); // an empty name would leave the task without one
  CHECK(gantt_task(" \n ") == "—");
}

TEST_CASE("a quadrant point label keeps only letters, digits and spaces as they are") {
  CHECK(quadrant_text(k_hostile) ==
        "#65;#58; b#59; #35;c #34;d#34; #91;e#93; #40;f#41; #123;g#125; #124;h#124; #37;#37;i "
        "#60;br#47;#62; j k l m");
  CHECK(quadrant_text("x-axis y") == "#120;#45;axis y");
  CHECK(quadrant_text("a --> b") == "#97; #45;#45;#62; b");
  CHECK(quadrant_text("R 数据迁移（一期）") == "#82; 数据迁移（一期）");
  CHECK(quadrant_text("12 a") == "12 a");
}

TEST_CASE("the stage pie escapes its labels") {
  const std::string pie = report::stage_pie(hostile_report(Lang::en));
  CHECK(pie.rfind("```mermaid\npie title Projects by stage\n", 0) == 0);
  CHECK(pie.find("    \"" + mermaid_text(k_hostile) + "\" : 2\n") != std::string::npos);
  check_no_raw_hostile(pie);
  report::PortfolioReport empty;
  CHECK(report::stage_pie(empty).empty());
}

TEST_CASE("the timeline draws baseline against forecast, milestones and the report's day") {
  const report::Timeline t = report::portfolio_timeline(hostile_report(Lang::en));
  CHECK(t.projects == 1);
  CHECK(t.shown == 1);
  const std::string& c = t.chart;
  CHECK(c.find("    todayMarker off\n") != std::string::npos);
  CHECK(c.find("    #84;oday 2027-03-01 :milestone, today, 2027-03-01, 0d\n") != std::string::npos);
  CHECK(c.find("    section XH-1 " + mermaid_text(k_hostile) + "\n") != std::string::npos);
  CHECK(c.find("    #66;aseline :done, p0b, 2026-09-01, 2027-03-31\n") != std::string::npos);
  CHECK(c.find("    #70;orecast :crit, p0f, 2026-09-01, 2027-04-20\n") != std::string::npos);
  CHECK(c.find("    " + gantt_task(k_hostile) + " :milestone, crit, p0m0, 2027-01-15, 0d\n") !=
        std::string::npos);
  CHECK(c.find("    #116;itle x :milestone, p0m1, 2027-02-01, 0d\n") != std::string::npos);
  check_no_raw_hostile(c);
  // Every task line has its name, then one ":" and the task's data.
  std::size_t lines = 0;
  for (std::size_t at = 0, end; (end = c.find('\n', at)) != std::string::npos; at = end + 1) {
    const std::string line = c.substr(at, end - at);
    if (line.find(", 0d") != std::string::npos || line.find(", p0") != std::string::npos) {
      CHECK(std::count(line.begin(), line.end(), ':') == 1);
      ++lines;
    }
  }
  CHECK(lines == 5);
  CHECK(report::portfolio_timeline(hostile_report(Lang::zh)).chart.find("    基线 :done, p0b") !=
        std::string::npos);
}

TEST_CASE("the timeline leaves out ended projects and, past its limit, keeps the latest ones") {
  report::PortfolioReport r = hostile_report(Lang::en);
  r.projects[0].outcome = pmo::model::Outcome::achieved;
  CHECK(report::portfolio_timeline(r).chart.empty());
  r = hostile_report(Lang::en);
  r.projects.clear();
  for (int i = 0; i < 40; ++i) {
    report::ProjectRow p;
    p.id = fmt::format("P-{:02}", i);
    p.title = "x";
    p.schedule = report::ProjectRow::Schedule{
        day(2026, 9, 1), day(2027, 3, 31), day(2027, 3, 31) + std::chrono::days{i}, {}};
    r.projects.push_back(p);
  }
  const report::Timeline t = report::portfolio_timeline(r);
  CHECK(t.projects == 40);
  CHECK(t.shown == report::k_timeline_projects);
  CHECK(t.chart.find("section P-09 x") == std::string::npos);
  CHECK(t.chart.find("section P-10 x") != std::string::npos);
  CHECK(t.chart.find("section P-39 x") != std::string::npos);
}

TEST_CASE("the risk quadrant places each open risk in its cell, labels escaped") {
  const report::PortfolioReport r = hostile_report(Lang::en);
  const std::string q = report::risk_quadrant(r);
  CHECK(q.rfind("```mermaid\nquadrantChart\n", 0) == 0);
  CHECK(q.find("    x-axis #85;nlikely --> #76;ikely\n") != std::string::npos);
  // Two risks in cell (5, 3) share it side by side.
  CHECK(q.find("    #82;#45;1 A#58; b#59; #35;c #34;d#34; #91;e…: [0.860, 0.460]\n") !=
        std::string::npos);
  CHECK(q.find("    #82;#45;2 数据迁移: [0.940, 0.460]\n") != std::string::npos);
  check_no_raw_hostile(q);
  CHECK(q.find("[e]") == std::string::npos);
  const auto counts = report::risk_counts(r);
  CHECK(counts[2][4] == 2);
  CHECK(counts[0][0] == 0);
  CHECK(report::risk_quadrant(report::PortfolioReport{}).empty());
}

TEST_CASE("the SPI/CPI trend draws SPI as bars and CPI as a line, per period") {
  const std::string x = report::index_trend_chart(hostile_report(Lang::en));
  CHECK(x == "```mermaid\nxychart-beta\n"
             "    title \"Portfolio SPI (bars) and CPI (line)\"\n"
             "    x-axis [\"2026-10\", \"2026-11\"]\n"
             "    y-axis \"Index\" 0 --> 1.2\n"
             "    bar [0.90, 0.95]\n"
             "    line [0.95, 1.06]\n```\n");
  report::PortfolioReport one = hostile_report(Lang::en);
  one.index_trend.pop_back();
  CHECK(report::index_trend_chart(one).empty()); // one point is no trend
}

TEST_CASE("the portfolio's indices per period sum the projects reporting in it") {
  std::vector<report::ProjectRow> rows(2);
  rows[0].values = {{"2026-10", 100, 90, 100}, {"2026-11", 200, 200, 250}};
  rows[1].values = {{"2026-11", 100, 70, 50}, {"2026-W45", 1, 1, 1}};
  const auto trend = report::index_trend(rows, pmo::model::Cadence::monthly);
  REQUIRE(trend.size() == 2);
  CHECK(trend[0].period == "2026-10");
  CHECK(trend[0].projects == 1);
  CHECK(trend[1].projects == 2);
  CHECK(*trend[1].spi == doctest::Approx(270.0 / 300));
  CHECK(*trend[1].cpi == doctest::Approx(270.0 / 300));
}

TEST_CASE("the dependency graph numbers its nodes and escapes titles and labels") {
  const report::DependencyGraph g = report::dependency_graph(hostile_report(Lang::en));
  CHECK(g.all == 1);
  CHECK(g.unmet == 1);
  CHECK(g.chart.find("    n0[\"XH-1 " + mermaid_text(k_hostile) + "\"]\n") != std::string::npos);
  CHECK(g.chart.find("    n0 -.->|\"" + mermaid_text(k_hostile) + "\"| n1\n") != std::string::npos);
  check_no_raw_hostile(g.chart);
}

TEST_CASE("the funding frontier is a line of the best score per budget") {
  const std::string f = report::frontier_chart(hostile_report(Lang::zh));
  CHECK(f.find("    x-axis [\"100,000\", \"200,000\"]\n") != std::string::npos);
  CHECK(f.find("    line [40.00, 75.50]\n") != std::string::npos);
}

TEST_CASE("the same report gives the same charts, byte for byte") {
  const auto a = hostile_report(Lang::zh), b = hostile_report(Lang::zh);
  CHECK(report::portfolio_timeline(a).chart == report::portfolio_timeline(b).chart);
  CHECK(report::risk_quadrant(a) == report::risk_quadrant(b));
}
