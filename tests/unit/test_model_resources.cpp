// 资源协调 by hand: bookings, each person's load per day, over-allocations and who yields.

#include "office_fixture.hpp"

#include <pmo/model/resources.hpp>
#include <pmo/report/resources.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;

namespace {

Date d(const char* text) { return *parse_date(text); }

Assignment assign(std::string person, double fte, const char* from = nullptr,
                  const char* to = nullptr) {
  Assignment a;
  a.person = std::move(person);
  a.fte = fte;
  if (from)
    a.from = d(from);
  if (to)
    a.to = d(to);
  return a;
}

// P1 (Office4's, 2027-01-01 to 2027-06-30) and P2, P3 with the same dates; everyone counts.
Portfolio three_projects() {
  pmo::test::Office4 o;
  o.portfolio.projects.push_back(pmo::test::complete_project("P2"));
  o.portfolio.projects.push_back(pmo::test::complete_project("P3"));
  return o.portfolio;
}

const auto everyone = [](const Project&) { return true; };

} // namespace

TEST_CASE("an assignment takes the project's dates unless it has its own") {
  Project p = pmo::test::complete_project("P1");
  const Assignment whole = assign("mgr", 1);
  const Assignment part = assign("mgr", 0.5, "2027-03-01");
  CHECK(booking_of(p, whole)->from == d("2027-01-01"));
  CHECK(booking_of(p, whole)->to == d("2027-06-30"));
  CHECK(booking_of(p, part)->from == d("2027-03-01"));
  CHECK(booking_of(p, part)->to == d("2027-06-30"));
  p.end.reset();
  CHECK_FALSE(booking_of(p, whole).has_value()); // no end: counts nowhere
}

TEST_CASE("over-allocation: days above capacity with the same bookings are one; the lowest "
          "priority yields") {
  Portfolio p = three_projects();
  // mgr: P1 0.6 all half-year; P2 0.5 from March to April; P3 0.5 in April.
  // By hand: Jan-Feb 0.6; Mar 1.1 (P1+P2); Apr 1.6 (P1+P2+P3); May-Jun 0.6.
  p.projects[0].assignments = {assign("mgr", 0.6)};
  p.projects[1].assignments = {assign("mgr", 0.5, "2027-03-01", "2027-04-30")};
  p.projects[2].assignments = {assign("mgr", 0.5, "2027-04-01", "2027-04-30")};
  // P3 scores best, P2 worst: P2 yields.
  p.projects[2].scores = {{"strategic_fit", 5}, {"value", 5}};
  p.projects[0].scores = {{"strategic_fit", 3}};
  const auto o = over_allocations(p, everyone);
  REQUIRE(o.size() == 2);
  CHECK(o[0].person == "mgr");
  CHECK(o[0].from == d("2027-03-01"));
  CHECK(o[0].to == d("2027-03-31"));
  CHECK(o[0].load == doctest::Approx(1.1));
  REQUIRE(o[0].parts.size() == 2);
  CHECK(o[0].parts[0].project->id == "P1");
  CHECK(o[0].should_yield->id == "P2");
  CHECK(o[1].from == d("2027-04-01"));
  CHECK(o[1].to == d("2027-04-30"));
  CHECK(o[1].load == doctest::Approx(1.6));
  CHECK(o[1].parts[0].project->id == "P3"); // highest priority first
  CHECK(o[1].should_yield->id == "P2");
  CHECK(overload_text(o[1], Lang::en) ==
        "mgr at 1.6 FTE of 1 from 2027-04-01 to 2027-04-30: P3 0.5, P1 0.6, P2 0.5; P2 should "
        "yield (lowest priority)");
  CHECK(
      overload_text(o[1], Lang::zh) ==
      "mgr 负荷 1.6 FTE，超过产能 1（2027-04-01 至 2027-04-30）：P3 0.5，P1 0.6，P2 0.5；应由优先级"
      "最低的 P2 让出资源");
  // The peak of a period is its highest day.
  const auto mgr = bookings_of(p, "mgr", everyone);
  CHECK(peak_load(mgr, d("2027-01-01"), d("2027-02-28")) == doctest::Approx(0.6));
  CHECK(peak_load(mgr, d("2027-02-15"), d("2027-03-15")) == doctest::Approx(1.1));
  CHECK(peak_load(mgr, d("2027-03-01"), d("2027-06-30")) == doctest::Approx(1.6));
  // Only the projects counted: without P2 mgr is over in April only (1.1).
  const auto without_p2 = over_allocations(p, [](const Project& x) { return x.id != "P2"; });
  REQUIRE(without_p2.size() == 1);
  CHECK(without_p2[0].load == doctest::Approx(1.1));
  CHECK(without_p2[0].should_yield->id == "P1");
}

TEST_CASE("a capacity below 1 counts, and exactly full is not over") {
  Portfolio p = three_projects();
  p.people.push_back(pmo::test::person("half", {"technical"}));
  p.people.back().capacity = 0.5;
  p.projects[0].assignments = {assign("half", 0.25), assign("mgr", 0.5)};
  p.projects[1].assignments = {assign("half", 0.25), assign("mgr", 0.5)};
  CHECK(over_allocations(p, everyone).empty()); // 0.5 of 0.5, 1 of 1
  p.projects[2].assignments = {assign("half", 0.1, "2027-06-30")};
  const auto o = over_allocations(p, everyone);
  REQUIRE(o.size() == 1);
  CHECK(o[0].person == "half");
  CHECK(o[0].capacity == 0.5);
  CHECK(o[0].from == d("2027-06-30"));
  CHECK(o[0].to == d("2027-06-30"));
}

TEST_CASE("one project over-allocating its own person names no project to yield") {
  Portfolio p = three_projects();
  p.projects[0].assignments = {assign("mgr", 0.7), assign("mgr", 0.7, "2027-02-01", "2027-02-28")};
  const auto o = over_allocations(p, everyone);
  REQUIRE(o.size() == 1);
  CHECK(o[0].should_yield == nullptr);
  CHECK(overload_text(o[0], Lang::en) ==
        "mgr at 1.4 FTE of 1 from 2027-02-01 to 2027-02-28: P1 0.7, P1 0.7");
}

TEST_CASE("the baseline gate refuses a plan that over-allocates, only in its own conflicts") {
  pmo::test::Office4 o;
  o.portfolio.projects.push_back(pmo::test::complete_project("P2"));
  o.portfolio.projects[0].assignments = {assign("mgr", 0.6)};
  o.portfolio.projects[1].assignments = {assign("mgr", 0.6)};
  Portfolio& p = o.portfolio;
  // P2 holds no one until it passes G1: P1's G2 alone over-allocates nobody.
  CHECK(check_resources_at_gate(p, p.projects[0], *p.office.gate("G2"), Lang::en).empty());
  // P1 itself is counted at its own gate even while proposed; P2 is then counted once it plans.
  o.pass_g1(); // P1 now planning
  CHECK(check_resources_at_gate(p, p.projects[1], *p.office.gate("G1"), Lang::en).empty());
  const auto at_g2 = check_resources_at_gate(p, p.projects[1], *p.office.gate("G2"), Lang::en);
  REQUIRE(at_g2.size() == 1);
  CHECK(at_g2[0].severity == Severity::error);
  CHECK(at_g2[0].code == "over-allocated");
  p.office.type = OfficeType::supportive;
  CHECK(check_resources_at_gate(p, p.projects[1], *p.office.gate("G2"), Lang::en)[0].severity ==
        Severity::warning);
}

TEST_CASE("the default window: this period and the next seven weeks or five months") {
  auto [from, to] = pmo::report::default_window(Cadence::monthly, d("2026-12-02"));
  CHECK(from == d("2026-12-01"));
  CHECK(to == d("2027-05-31"));
  auto [wfrom, wto] = pmo::report::default_window(Cadence::weekly, d("2026-12-02"));
  CHECK(wfrom == d("2026-11-30"));
  CHECK(wto == d("2027-01-24"));
}
