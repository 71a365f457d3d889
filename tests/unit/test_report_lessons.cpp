// The knowledge base: lessons of closed projects, by tag and text, case-insensitive.

#include "office_fixture.hpp"

#include <pmo/report/lessons.hpp>
#include <pmo/report/text.hpp>

#include <doctest/doctest.h>

using namespace pmo::model;
using pmo::report::find_lessons;
using pmo::report::LessonQuery;
using pmo::test::full_closure;
using pmo::test::Office4;

namespace {

// P1 closed (G4 passed) with three lessons; P2 with a closure report but no G4 yet.
Office4 closed_office() {
  Office4 o;
  o.portfolio.projects.push_back(pmo::test::complete_project("P2"));
  o.pass_g1();
  REQUIRE(o.decide("G2", Verdict::approve, "pmo1").passes_gate);
  Closure c = full_closure();
  c.lessons = {{LessonKind::went_well, "Weekly demos with the Customer", {"沟通", "Customer"}},
               {LessonKind::to_improve, "尽早准备标注数据", {"数据"}},
               {LessonKind::to_improve, "Estimate SSO integration earlier", {"estimation"}}};
  o.portfolio.projects[0].closure = c;
  REQUIRE(o.decide("G4", Verdict::approve, "spon").refusals.empty());
  REQUIRE(o.decide("G4", Verdict::approve, "pmo1").passes_gate);
  Closure open = full_closure();
  open.lessons = {{LessonKind::went_well, "Pilot first", {"沟通"}}};
  o.portfolio.projects[1].closure = open;
  return o;
}

std::vector<std::string> texts(const std::vector<pmo::report::LessonHit>& hits) {
  std::vector<std::string> out;
  for (const auto& hit : hits)
    out.push_back(hit.lesson->text);
  return out;
}

} // namespace

TEST_CASE("only closed projects' lessons, unless asked for every closure report") {
  Office4 o = closed_office();
  auto all = find_lessons(o.portfolio, {}, Lang::en);
  REQUIRE(all.size() == 3);
  CHECK(all[0].project->id == "P1");
  CHECK(all[0].closed);
  CHECK(texts(all) == std::vector<std::string>{"Weekly demos with the Customer", "尽早准备标注数据",
                                               "Estimate SSO integration earlier"});
  auto with_open = find_lessons(o.portfolio, LessonQuery{{}, {}, true}, Lang::en);
  REQUIRE(with_open.size() == 4);
  CHECK(with_open[3].project->id == "P2");
  CHECK_FALSE(with_open[3].closed);
}

TEST_CASE("tags match whole and case-insensitively; several tags must all match") {
  Office4 o = closed_office();
  CHECK(texts(find_lessons(o.portfolio, LessonQuery{{"customer"}, {}, false}, Lang::en)) ==
        std::vector<std::string>{"Weekly demos with the Customer"});
  CHECK(texts(find_lessons(o.portfolio, LessonQuery{{"沟通", "CUSTOMER"}, {}, false}, Lang::en))
            .size() == 1);
  CHECK(find_lessons(o.portfolio, LessonQuery{{"沟通", "数据"}, {}, false}, Lang::en).empty());
  CHECK(find_lessons(o.portfolio, LessonQuery{{"cust"}, {}, false}, Lang::en).empty());
  CHECK(find_lessons(o.portfolio, LessonQuery{{"沟通"}, {}, true}, Lang::en).size() == 2);
}

TEST_CASE("text search looks in the lesson and its tags, ignoring case and width") {
  Office4 o = closed_office();
  CHECK(texts(find_lessons(o.portfolio, LessonQuery{{}, "sso", false}, Lang::en)) ==
        std::vector<std::string>{"Estimate SSO integration earlier"});
  CHECK(texts(find_lessons(o.portfolio, LessonQuery{{}, "ＳＳＯ", false}, Lang::en)).size() == 1);
  CHECK(texts(find_lessons(o.portfolio, LessonQuery{{}, "标注", false}, Lang::en)) ==
        std::vector<std::string>{"尽早准备标注数据"});
  CHECK(texts(find_lessons(o.portfolio, LessonQuery{{}, "ESTIMATION", false}, Lang::en)).size() ==
        1); // a tag
  CHECK(find_lessons(o.portfolio, LessonQuery{{}, "nothing like this", false}, Lang::en).empty());
}

TEST_CASE("fold_case folds case and compatibility forms") {
  CHECK(pmo::report::fold_case("ÄbC") == pmo::report::fold_case("äBc"));
  CHECK(pmo::report::fold_case("ＡＢＣ") == "abc");
  CHECK(pmo::report::fold_case("数据") == "数据");
  CHECK(pmo::report::fold_case("\xff") == "\xff"); // invalid UTF-8 unchanged
}
