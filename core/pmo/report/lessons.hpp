#pragma once
// The office's knowledge base (知识库): the lessons learned of every closed project, searched
// by tag and by text. A pure function of the records.

#include <pmo/model/records.hpp>

#include <string>
#include <vector>

namespace pmo::report {

struct LessonQuery {
  std::vector<std::string> tags; // a lesson must carry every one (case-insensitive)
  std::string text;              // a substring of the lesson or its tags (case-insensitive)
  bool include_open = false;     // also projects with a closure report not yet accepted
};

struct LessonHit {
  const model::Project* project = nullptr;
  const model::Closure* closure = nullptr;
  const model::Lesson* lesson = nullptr;
  bool closed = false; // the project passed its closing gate
};

std::string outcome_name(model::Outcome outcome, model::Lang lang);

// Matching lessons, by project id, then in the order the closure report lists them.
std::vector<LessonHit> find_lessons(const model::Portfolio& portfolio, const LessonQuery& query,
                                    model::Lang lang);

} // namespace pmo::report
