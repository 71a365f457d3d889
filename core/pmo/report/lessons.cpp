#include <pmo/model/lifecycle.hpp>
#include <pmo/report/lessons.hpp>
#include <pmo/report/text.hpp>

#include <algorithm>

namespace pmo::report {

std::string outcome_name(model::Outcome outcome, model::Lang lang) {
  switch (outcome) {
  case model::Outcome::achieved:
    return model::pick(lang, "objectives achieved", "目标达成");
  case model::Outcome::partially_achieved:
    return model::pick(lang, "objectives partly achieved", "目标部分达成");
  case model::Outcome::not_achieved:
    return model::pick(lang, "objectives not achieved", "目标未达成");
  }
  return {};
}

std::vector<LessonHit> find_lessons(const model::Portfolio& portfolio, const LessonQuery& query,
                                    model::Lang lang) {
  std::vector<std::string> tags;
  for (const auto& tag : query.tags)
    tags.push_back(fold_case(tag));
  const std::string text = fold_case(query.text);

  std::vector<const model::Project*> projects;
  for (const auto& project : portfolio.projects)
    if (project.closure)
      projects.push_back(&project);
  std::sort(projects.begin(), projects.end(),
            [](const model::Project* a, const model::Project* b) { return a->id < b->id; });

  std::vector<LessonHit> out;
  for (const model::Project* project : projects) {
    auto state = model::derive_state(portfolio.office, portfolio.decisions_of(project->id), lang);
    // Closed: no gate left to decide, and not rejected.
    bool closed = state.terminal() && state.stage != "rejected";
    if (!closed && !query.include_open)
      continue;
    for (const auto& lesson : project->closure->lessons) {
      std::vector<std::string> folded;
      for (const auto& tag : lesson.tags)
        folded.push_back(fold_case(tag));
      bool tagged = std::all_of(tags.begin(), tags.end(), [&](const std::string& tag) {
        return std::find(folded.begin(), folded.end(), tag) != folded.end();
      });
      if (!tagged)
        continue;
      if (!text.empty()) {
        bool found = fold_case(lesson.text).find(text) != std::string::npos ||
                     std::any_of(folded.begin(), folded.end(), [&](const std::string& tag) {
                       return tag.find(text) != std::string::npos;
                     });
        if (!found)
          continue;
      }
      out.push_back({project, &*project->closure, &lesson, closed});
    }
  }
  return out;
}

} // namespace pmo::report
