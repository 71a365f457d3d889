#include <pmo/model/evm.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace pmo::model;

namespace {

Date d(const char* text) { return *parse_date(text); }

// BAC 100,000 from 2027-01-01 to 2027-04-11 (100 days), no milestones: linear plan.
Baseline linear() {
  Baseline b;
  b.budget = 100000;
  b.start = d("2027-01-01");
  b.end = d("2027-04-11");
  return b;
}

} // namespace

TEST_CASE("earned value at 40 days of 100: worked example") {
  // PV = 100,000 x 40/100 = 40,000; EV = 35% = 35,000; AC = 50,000.
  Evm e = earned_value(linear(), 35, 50000, d("2027-02-10"));
  CHECK(e.pv == doctest::Approx(40000));
  CHECK(e.ev == doctest::Approx(35000));
  CHECK(e.sv == doctest::Approx(-5000));
  CHECK(e.cv == doctest::Approx(-15000));
  CHECK(*e.spi == doctest::Approx(0.875));
  CHECK(*e.cpi == doctest::Approx(0.7));
  CHECK(e.eac == doctest::Approx(100000 / 0.7));
  CHECK(e.etc == doctest::Approx(100000 / 0.7 - 50000));
  CHECK(e.vac == doctest::Approx(100000 - 100000 / 0.7));
  CHECK(*e.tcpi == doctest::Approx(65000.0 / 50000.0));
}

TEST_CASE("no actual cost yet: no CPI, and the estimate at completion is the budget") {
  Evm e = earned_value(linear(), 0, 0, d("2027-01-01"));
  CHECK_FALSE(e.cpi);
  CHECK_FALSE(e.spi); // PV is 0 on the first day
  CHECK(e.eac == doctest::Approx(100000));
  CHECK(e.vac == doctest::Approx(0));
}

TEST_CASE("a project finished early has SPI above 1 and all planned value after the end") {
  Evm early = earned_value(linear(), 100, 90000, d("2027-03-22"));
  CHECK(*early.spi == doctest::Approx(100.0 / 80.0));
  CHECK(*early.cpi == doctest::Approx(100000.0 / 90000.0));
  CHECK(earned_value(linear(), 100, 90000, d("2027-05-01")).pv == doctest::Approx(100000));
}

TEST_CASE("over budget: no TCPI once the actual cost passes the budget") {
  Evm e = earned_value(linear(), 80, 120000, d("2027-03-22"));
  CHECK(*e.cpi == doctest::Approx(80000.0 / 120000.0));
  CHECK(e.vac < 0);
  CHECK_FALSE(e.tcpi);
}

TEST_CASE("milestone weights shape the planned value curve") {
  Baseline b = linear();
  b.milestones = {{"design", d("2027-01-21"), 1}, {"build", d("2027-04-11"), 3}};
  CHECK(planned_fraction(b, d("2027-01-11")) == doctest::Approx(0.125)); // half of the first 25%
  CHECK(planned_fraction(b, d("2027-01-21")) == doctest::Approx(0.25));
  CHECK(planned_fraction(b, d("2027-03-02")) == doctest::Approx(0.625)); // 40 of 80 days of 75%
}

TEST_CASE("an approved change moves the budget, the end and the milestones not yet due") {
  Project plan;
  plan.budget = 100000;
  plan.start = d("2027-01-01");
  plan.end = d("2027-04-11");
  plan.milestones = {{"design", d("2027-01-21"), 1}, {"build", d("2027-04-01"), 3}};
  ChangeRequest cr;
  cr.id = "CR-001";
  cr.schedule_days = 14;
  cr.cost = 20000;
  auto baselines =
      derive_baselines(plan, Timestamp{d("2026-12-01")}, {{&cr, Timestamp{d("2027-02-01")}}});
  REQUIRE(baselines.size() == 2);
  CHECK(baselines[0].budget == 100000);
  CHECK(baselines[1].version == 2);
  CHECK(baselines[1].cause == "CR-001");
  CHECK(baselines[1].budget == 120000);
  CHECK(baselines[1].end == d("2027-04-25"));
  CHECK(*baselines[1].milestones[0].date == d("2027-01-21")); // already due: stays
  CHECK(*baselines[1].milestones[1].date == d("2027-04-15"));
}

TEST_CASE("no baseline without a budget and dates") {
  Project plan;
  plan.budget = 1;
  CHECK(derive_baselines(plan, Timestamp{}, {}).empty());
}

TEST_CASE("health follows the thresholds and a manager's rating overrides it") {
  ControlSettings settings; // green at 0.95, amber at 0.85
  CHECK(rag_of(settings, 0.95) == Rag::green);
  CHECK(rag_of(settings, 0.9) == Rag::amber);
  CHECK(rag_of(settings, 0.84) == Rag::red);
  Evm e = earned_value(linear(), 35, 50000, d("2027-02-10")); // SPI 0.875, CPI 0.7
  StatusReport report;
  report.health[Dimension::schedule] = Rag::green;
  Health h = assess_health(settings, e, &report);
  CHECK(h.dimensions[0].computed == Rag::amber);
  CHECK(h.dimensions[0].rating() == Rag::green);
  CHECK(h.dimensions[0].overridden());
  CHECK(h.dimensions[1].rating() == Rag::red);
  CHECK_FALSE(h.dimensions[1].overridden());
  CHECK(h.overall == Rag::red);
  CHECK_FALSE(assess_health(settings, std::nullopt, nullptr).overall);
}

TEST_CASE("an index that would not be finite is left out, never inf") {
  Baseline b = linear();
  // A cost of 1e-305 against an earned value of 40,000 would make CPI infinite (4e309).
  Evm e = earned_value(b, 40, 1e-305, d("2027-02-10"));
  CHECK_FALSE(e.cpi);
  CHECK(std::isfinite(e.eac));
  CHECK(std::isfinite(e.etc));
  CHECK(std::isfinite(e.vac));
  REQUIRE(e.spi);
  CHECK(std::isfinite(*e.spi));
}
