// The registers as lists: open entries first in status's order, closed ones after them with
// `all` (most recently closed first), counted whether listed or not; projects by id.

#include "office_fixture.hpp"

#include <pmo/report/registers.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;
using pmo::test::Office4;

namespace {

Risk risk(std::string project, std::string id, int score, std::optional<Date> closed = {}) {
  Risk r;
  r.project = std::move(project);
  r.id = std::move(id);
  r.probability = 1;
  r.impact = score;
  r.open = !closed;
  r.closed = closed;
  return r;
}

Issue issue(std::string id, Priority priority, std::optional<Date> due,
            std::optional<Date> resolved = {}) {
  Issue i;
  i.project = "P1";
  i.id = std::move(id);
  i.priority = priority;
  i.due = due;
  i.resolved = resolved;
  return i;
}

} // namespace

TEST_CASE("registers: open risks by score, then with all the closed, latest closed first") {
  Office4 o;
  o.portfolio.projects.push_back(pmo::test::complete_project("A0"));
  o.portfolio.risks = {risk("P1", "R-low", 2), risk("P1", "R-high", 5),
                       risk("P1", "R-old", 4, parse_date("2027-01-05")),
                       risk("P1", "R-new", 3, parse_date("2027-02-01")), risk("A0", "R-a", 1)};
  o.portfolio.sort_records();
  const Date today = *parse_date("2027-03-01");
  const Project* p1 = o.portfolio.project("P1");

  auto open = pmo::report::registers(o.portfolio, p1, false, today, Lang::en);
  REQUIRE(open.risks.size() == 2);
  CHECK(open.risks[0].risk->id == "R-high");
  CHECK(open.risks[1].risk->id == "R-low");
  CHECK(open.closed_risks == 2);

  auto all = pmo::report::registers(o.portfolio, p1, true, today, Lang::en);
  REQUIRE(all.risks.size() == 4);
  CHECK(all.risks[2].risk->id == "R-new");
  CHECK(all.risks[3].risk->id == "R-old");
  CHECK(all.closed_risks == 2);

  auto office = pmo::report::registers(o.portfolio, nullptr, false, today, Lang::en);
  REQUIRE(office.risks.size() == 3);
  CHECK(office.risks[0].risk->id == "R-a"); // A0 before P1
}

TEST_CASE("registers: an open issue past its due date is overdue; a resolved one never is") {
  Office4 o;
  const Date today = *parse_date("2027-03-01");
  o.portfolio.issues = {
      issue("I-late", Priority::low, parse_date("2027-02-01")),
      issue("I-done", Priority::high, parse_date("2027-02-01"), parse_date("2027-02-02")),
      issue("I-ok", Priority::critical, parse_date("2027-04-01"))};
  o.portfolio.sort_records();
  auto all = pmo::report::registers(o.portfolio, o.portfolio.project("P1"), true, today, Lang::en);
  REQUIRE(all.issues.size() == 3);
  CHECK(all.issues[0].issue->id == "I-ok"); // highest priority first
  CHECK_FALSE(all.issues[0].overdue);
  CHECK(all.issues[1].issue->id == "I-late");
  CHECK(all.issues[1].overdue);
  CHECK(all.issues[2].issue->id == "I-done");
  CHECK_FALSE(all.issues[2].overdue);
  CHECK(all.resolved_issues == 1);
}
