#include <pmo/model/records.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace pmo::model;

namespace {

Risk risk(const char* project, const char* id, int probability, int impact, const char* raised) {
  Risk r;
  r.project = project;
  r.id = id;
  r.probability = probability;
  r.impact = impact;
  if (*raised)
    r.raised = parse_date(raised);
  return r;
}

Issue issue(const char* id, Priority priority, const char* raised) {
  Issue i;
  i.project = "P1";
  i.id = id;
  i.priority = priority;
  if (*raised)
    i.raised = parse_date(raised);
  return i;
}

ChangeRequest change(const char* id, const char* requested) {
  ChangeRequest c;
  c.project = "P1";
  c.id = id;
  if (*requested)
    c.requested = parse_date(requested);
  return c;
}

template <class T> std::vector<std::string> ids(const std::vector<const T*>& records) {
  std::vector<std::string> out;
  for (const T* r : records)
    out.push_back(r->id);
  return out;
}

} // namespace

TEST_CASE("risks are listed by score, then raised date, then id: never by their random ids") {
  Portfolio p;
  p.risks = {risk("P1", "R-22222", 2, 2, "2027-01-10"), risk("P1", "R-zzzzz", 4, 4, "2027-01-12"),
             risk("P2", "R-aaaaa", 5, 5, "2027-01-01"), risk("P1", "R-001", 4, 4, "2027-01-12"),
             risk("P1", "R-k3x9q", 4, 4, "2027-01-11"), risk("P1", "R-nodate", 4, 4, "")};
  p.sort_records();
  CHECK(ids(p.risks_of("P1")) ==
        std::vector<std::string>{"R-k3x9q", "R-001", "R-zzzzz", "R-nodate", "R-22222"});
  CHECK(ids(p.risks_of("P2")) == std::vector<std::string>{"R-aaaaa"});
}

TEST_CASE("issues are listed by priority, then raised date, then id") {
  Portfolio p;
  p.issues = {issue("I-aaaaa", Priority::low, "2027-01-01"),
              issue("I-bbbbb", Priority::critical, "2027-01-05"),
              issue("I-ccccc", Priority::high, "2027-01-02"),
              issue("I-22222", Priority::critical, "2027-01-03")};
  p.sort_records();
  CHECK(ids(p.issues_of("P1")) ==
        std::vector<std::string>{"I-22222", "I-bbbbb", "I-ccccc", "I-aaaaa"});
}

TEST_CASE("change requests are listed by requested date, then id, the undated last") {
  Portfolio p;
  p.changes = {change("CR-zzzzz", "2027-02-01"), change("CR-undated", ""),
               change("CR-001", "2027-03-01"), change("CR-aaaaa", "2027-02-01")};
  p.sort_records();
  CHECK(ids(p.changes_of("P1")) ==
        std::vector<std::string>{"CR-aaaaa", "CR-zzzzz", "CR-001", "CR-undated"});
  REQUIRE(p.change("P1", "CR-001"));
}
