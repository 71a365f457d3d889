// 混合型 PMO by hand: two departments rolled up — people matched by e-mail, one person's load
// summed across departments, KPIs over the union of projects, ids qualified — and pmo.yaml's
// `departments` as the codec reads it.

#include "office_fixture.hpp"

#include <pmo/codec/departments.hpp>
#include <pmo/model/resources.hpp>
#include <pmo/report/rollup.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;
using pmo::report::DepartmentPart;

namespace {

Date d(const char* text) { return *parse_date(text); }

// A department: Office4 with its P1 past G1 (so it holds people, 2027-01-01 to 2027-06-30) and
// `who` assigned to it at `fte`; mgr's e-mail is `email`.
Portfolio department(double fte, const char* email, double capacity = 1) {
  pmo::test::Office4 o;
  o.pass_g1();
  for (auto& p : o.portfolio.people)
    if (p.id == "mgr") {
      p.email = email;
      p.capacity = capacity;
    }
  Assignment a;
  a.person = "mgr";
  a.fte = fte;
  o.portfolio.projects[0].assignments = {a};
  return o.portfolio;
}

KpiFigure figure(std::string kpi, std::vector<std::pair<const char*, double>> entries,
                 int counted) {
  KpiFigure f;
  f.kpi = std::move(kpi);
  for (const auto& [project, value] : entries) {
    KpiEntry e;
    e.project = project;
    e.value = value;
    f.entries.push_back(e);
  }
  f.counted = counted;
  return f;
}

const KpiFigure& find(const KpiReport& r, std::string_view kpi) {
  return *std::find_if(r.figures.begin(), r.figures.end(),
                       [&](const KpiFigure& f) { return f.kpi == kpi; });
}

} // namespace

TEST_CASE("a department's project id is qualified by the department; the enterprise's own is not") {
  CHECK(pmo::report::qualified_id("it", "P-001") == "it/P-001");
  CHECK(pmo::report::qualified_id("", "P-001") == "P-001");
  auto split = pmo::report::split_qualified("it/P-001");
  REQUIRE(split);
  CHECK(split->first == "it");
  CHECK(split->second == "P-001");
  CHECK_FALSE(pmo::report::split_qualified("P-001"));
  CHECK_FALSE(pmo::report::split_qualified("/P-001"));
  CHECK_FALSE(pmo::report::split_qualified("it/"));
}

TEST_CASE("0.6 FTE in one department and 0.6 in another at the same time: over-allocated only in "
          "the roll-up") {
  const Portfolio it = department(0.6, "mgr@corp.example");
  const Portfolio hr = department(0.6, " MGR@Corp.Example ");
  // Each department alone: 0.6 of 1, nothing to see.
  CHECK(over_allocations(it, holding_projects(it, Lang::en)).empty());
  CHECK(over_allocations(hr, holding_projects(hr, Lang::en)).empty());

  Office enterprise = default_office("Group", Lang::en, OfficeType::controlling);
  const std::vector<DepartmentPart> parts{{"it", &it}, {"hr", &hr}};
  const auto rollup = pmo::report::roll_up(enterprise, parts, Lang::en);
  CHECK(rollup.holding == std::set<std::string>{"it/P1", "hr/P1"});
  // By hand: 0.6 + 0.6 = 1.2 FTE of 1 on every day both run, 2027-01-01 to 2027-06-30.
  const auto o = over_allocations(rollup.merged,
                                  [&](const Project& p) { return rollup.holding.count(p.id) > 0; });
  REQUIRE(o.size() == 1);
  CHECK(o[0].person == "mgr");
  CHECK(o[0].load == doctest::Approx(1.2));
  CHECK(o[0].capacity == doctest::Approx(1));
  CHECK(o[0].from == d("2027-01-01"));
  CHECK(o[0].to == d("2027-06-30"));
  REQUIRE(o[0].parts.size() == 2);
  // Highest priority first; the two score the same and cost the same, so by id: hr/P1, it/P1.
  CHECK(o[0].parts[0].project->id == "hr/P1");
  CHECK(pmo::report::departments_of(o[0]) == std::vector<std::string>{"hr", "it"});

  // The resources view: one person, 1.2 at the peak of January, on both departments' projects.
  const auto view =
      pmo::report::rollup_resources(rollup, d("2027-01-01"), d("2027-01-31"), Lang::en);
  const auto mgr = std::find_if(view.people.begin(), view.people.end(),
                                [](const auto& p) { return p.person == "mgr"; });
  REQUIRE(mgr != view.people.end());
  CHECK(mgr->peaks.front() == doctest::Approx(1.2));
  CHECK(mgr->over);
  CHECK(mgr->projects == std::vector<std::string>{"hr/P1", "it/P1"});
  CHECK(view.holding_projects == 2);
  CHECK(view.conflicts.size() == 1);
}

TEST_CASE("people are matched by e-mail; capacity is the smallest any department gives") {
  const Portfolio it = department(0.5, "mgr@corp.example", 1.0);
  const Portfolio hr = department(0.5, "mgr@corp.example", 0.8);
  const std::vector<DepartmentPart> parts{{"it", &it}, {"hr", &hr}};
  const auto people = pmo::report::match_people(parts);
  // mgr is one person (same e-mail); everyone else has no e-mail: each department's biz is a
  // person of their own, the second one's id qualified because the first took "biz".
  const auto& list = people.people;
  auto mgr = std::find_if(list.begin(), list.end(), [](const auto& p) { return p.id == "mgr"; });
  REQUIRE(mgr != list.end());
  CHECK(mgr->capacity == doctest::Approx(0.8));
  CHECK(mgr->capacities_differ);
  CHECK(mgr->sources.size() == 2);
  CHECK(people.ids.at({"hr", "mgr"}) == "mgr");
  CHECK(people.ids.at({"it", "biz"}) == "biz");
  CHECK(people.ids.at({"hr", "biz"}) == "hr/biz");
  CHECK(list.size() == 2 * it.people.size() - 1);

  // 0.5 + 0.5 = 1.0 FTE against the smaller capacity 0.8: over-allocated.
  const auto rollup = pmo::report::roll_up(it.office, parts, Lang::en);
  const auto o = over_allocations(rollup.merged,
                                  [&](const Project& p) { return rollup.holding.count(p.id) > 0; });
  REQUIRE(o.size() == 1);
  CHECK(o[0].load == doctest::Approx(1.0));
  CHECK(o[0].capacity == doctest::Approx(0.8));
}

TEST_CASE("the roll-up's KPIs are recomputed over the union of projects, not averaged") {
  KpiReport it, hr;
  it.year = hr.year = 2027;
  // On-time delivery: it 1 of 1 on time (100%), hr 1 of 3 (33%). Union: 2 of 4 = 50% (the
  // average of the two rates would be 67%).
  it.figures.push_back(figure("on_time_delivery", {{"P1", -3}}, 1));
  hr.figures.push_back(figure("on_time_delivery", {{"P1", 0}, {"P2", 10}, {"P3", 20}}, 1));
  // Gate cycle: it one gate in 10 days, hr two in 2 and 4. Union: 16 / 3 = 5.33 days (the
  // average of the averages would be 6.5).
  it.figures.push_back(figure("gate_cycle_days", {{"P1", 10}}, 0));
  hr.figures.push_back(figure("gate_cycle_days", {{"P1", 2}, {"P2", 4}}, 0));
  Office enterprise = default_office("Group", Lang::en, OfficeType::controlling);
  enterprise.kpis.targets = {{2027, {{"on_time_delivery", 0.6}, {"gate_cycle_days", 6}}}};

  const auto r = pmo::report::rollup_kpis({{"it", it}, {"hr", hr}}, enterprise, 2027);
  CHECK(r.year == 2027);
  CHECK(r.figures.size() == std::size(k_kpi_names));
  const KpiFigure& on_time = find(r, "on_time_delivery");
  CHECK(*on_time.value == doctest::Approx(0.5));
  CHECK(on_time.counted == 2);
  CHECK(on_time.entries.size() == 4);
  CHECK(on_time.entries.front().project == "it/P1");
  CHECK(on_time.entries.back().project == "hr/P3");
  CHECK(*on_time.target == doctest::Approx(0.6)); // the enterprise's target
  CHECK(on_time.status == KpiStatus::not_met);
  const KpiFigure& cycle = find(r, "gate_cycle_days");
  CHECK(*cycle.value == doctest::Approx(16.0 / 3));
  CHECK(cycle.status == KpiStatus::met); // 5.33 days within 6
  // No department has entries for it: no data, whatever the target.
  CHECK(find(r, "success_rate").status == KpiStatus::no_data);
}

TEST_CASE("the roll-up's table qualifies each department's ids and names managers by roll-up id") {
  const Portfolio it = department(0.5, "mgr@corp.example");
  const Portfolio hr = department(0.5, "");
  const std::vector<DepartmentPart> parts{{"it", &it}, {"hr", &hr}};
  const auto people = pmo::report::match_people(parts);
  const Clock clock{Timestamp{d("2027-02-01")}};
  const auto rows = pmo::report::rollup_rows(parts, people, clock, Lang::en);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].id == "it/P1");
  CHECK(rows[0].manager == "mgr");
  CHECK(rows[1].id == "hr/P1");
  CHECK(rows[1].manager == "hr/mgr"); // no e-mail: not the same person as it's mgr
}

TEST_CASE("pmo.yaml departments: ids and paths inside the repository, each once") {
  using pmo::codec::decode_departments;
  auto good = decode_departments("office: {name: g}\n"
                                 "departments:\n"
                                 "  - {id: it, path: depts/it}\n"
                                 "  - {id: hr, path: hr/, remote: 'git@example.com:hr/pmo.git'}\n",
                                 "pmo.yaml", Lang::en);
  CHECK(good.ok());
  REQUIRE(good.value.list.size() == 2);
  CHECK(good.value.list[0].path == "depts/it");
  CHECK(good.value.list[1].path == "hr");
  CHECK(good.value.list[1].remote == "git@example.com:hr/pmo.git");
  CHECK(good.value.list[1].at.line == 4);

  auto none = decode_departments("office: {name: g}\n", "pmo.yaml", Lang::en);
  CHECK(none.ok());
  CHECK(none.value.list.empty());

  for (const char* path : {"../hr", "/etc", "depts/../../x", "a//b", ".hidden", "a b"}) {
    CAPTURE(path);
    auto bad = decode_departments(
        std::string("departments:\n  - id: hr\n    path: '") + path + "'\n", "pmo.yaml", Lang::en);
    REQUIRE(bad.findings.size() == 1);
    CHECK(bad.findings[0].code == "bad-department");
    CHECK(bad.findings[0].where.file == "pmo.yaml");
    CHECK(bad.findings[0].where.line == 3);
    CHECK(bad.findings[0].where.column == 11);
    CHECK(bad.value.list.empty());
  }

  auto twice = decode_departments("departments:\n"
                                  "  - {id: it, path: a}\n"
                                  "  - {id: it, path: b}\n"
                                  "  - {id: hr, path: a}\n",
                                  "pmo.yaml", Lang::zh);
  REQUIRE(twice.findings.size() == 2);
  CHECK(twice.findings[0].code == "duplicate-department");
  CHECK(twice.findings[0].where.line == 3);
  CHECK(twice.findings[1].where.line == 4);
  CHECK(twice.value.list.size() == 1);

  auto not_a_list = decode_departments("departments: depts/it\n", "pmo.yaml", Lang::en);
  CHECK_FALSE(not_a_list.ok());
  CHECK(decode_departments("departments:\n  - {path: a}\n", "pmo.yaml", Lang::en)
            .findings.at(0)
            .code == "missing-field");
}
