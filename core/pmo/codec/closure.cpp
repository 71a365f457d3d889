#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

namespace pmo::codec {

using namespace detail;

Decoded<model::Closure> decode_closure(std::string_view text, const std::string& file,
                                       model::Lang lang) {
  Decoded<model::Closure> out;
  model::Closure& c = out.value;
  c.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", c.where, model::closure_fields().keys("")};
  read_text(ctx, map, "acceptance", c.acceptance);
  read_items(ctx, map, "deliverables", "name: ..., accepted: true", c.where,
             [&](const YAML::Node& node, const std::string& path) {
               model::Deliverable d;
               Map m{ctx, node, path, c.where, model::closure_fields().keys("deliverables[]")};
               require_text(ctx, m, "name", d.name);
               if (m.require("accepted"))
                 read_enum(ctx, m, "accepted", d.accepted, parse_bool, "true, false");
               read_text(ctx, m, "note", d.note);
               c.deliverables.push_back(std::move(d));
             });
  read_date(ctx, map, "actual_start", c.actual_start);
  read_date(ctx, map, "actual_end", c.actual_end);
  read_amount(ctx, map, "actual_cost", c.actual_cost);
  if (c.actual_start && c.actual_end && *c.actual_end < *c.actual_start)
    ctx.error(map.get("actual_end")->at, "end-before-start",
              tr(lang, "actual_end {} is before actual_start {}",
                 "actual_end {} 早于 actual_start {}", model::format_date(*c.actual_end),
                 model::format_date(*c.actual_start)));
  read_enum(ctx, map, "outcome", c.outcome, model::parse_outcome,
            "achieved, partially_achieved, not_achieved");
  if (auto node = section(ctx, map, "evaluation")) {
    Map e{ctx, *node, "evaluation", c.where, model::closure_fields().keys("evaluation")};
    auto evaluation = [&](std::string_view name, model::Evaluation& into) {
      auto part = section(ctx, e, name);
      if (!part)
        return;
      Map m{ctx, *part, fmt::format("evaluation.{}", name), c.where,
            model::closure_fields().keys(fmt::format("evaluation.{}", name))};
      if (auto v = read_bounded(ctx, m, "rating", 1, 5, true, true))
        into.rating = static_cast<int>(*v);
      read_text(ctx, m, "comment", into.comment);
    };
    evaluation("project", c.project_evaluation);
    evaluation("manager", c.manager_evaluation);
  }
  read_items(ctx, map, "lessons", "kind: went_well, text: ...", c.where,
             [&](const YAML::Node& node, const std::string& path) {
               model::Lesson lesson;
               Map m{ctx, node, path, c.where, model::closure_fields().keys("lessons[]")};
               require_enum(ctx, m, "kind", lesson.kind, model::parse_lesson_kind,
                            "went_well, to_improve");
               require_text(ctx, m, "text", lesson.text);
               read_list(ctx, m, "tags", c.where, lesson.tags);
               c.lessons.push_back(std::move(lesson));
             });
  return finish(std::move(out));
}

std::string encode_closure(const model::Closure& c) {
  Writer w;
  w.verbatim(schema_modeline("closure"));
  w.text(0, "acceptance", c.acceptance);
  if (!c.deliverables.empty()) {
    w.heading(0, "deliverables");
    for (const auto& d : c.deliverables) {
      Writer item;
      item.text(2, "name", d.name);
      item.raw(2, "accepted", d.accepted ? "true" : "false");
      item.text(2, "note", d.note);
      w.list_item(0, item);
    }
  }
  w.date(0, "actual_start", c.actual_start);
  w.date(0, "actual_end", c.actual_end);
  w.number(0, "actual_cost", c.actual_cost);
  if (c.outcome)
    w.raw(0, "outcome", model::to_string(*c.outcome));
  auto evaluation = [&](std::string_view name, const model::Evaluation& e) {
    if (!e.rating)
      return;
    w.heading(2, name);
    w.raw(4, "rating", std::to_string(*e.rating));
    w.text(4, "comment", e.comment);
  };
  if (c.project_evaluation.rating || c.manager_evaluation.rating) {
    w.heading(0, "evaluation");
    evaluation("project", c.project_evaluation);
    evaluation("manager", c.manager_evaluation);
  }
  if (!c.lessons.empty()) {
    w.heading(0, "lessons");
    for (const auto& lesson : c.lessons) {
      Writer item;
      item.raw(2, "kind", model::to_string(lesson.kind));
      item.text(2, "text", lesson.text);
      item.id_list(2, "tags", lesson.tags);
      w.list_item(0, item);
    }
  }
  std::string text = std::move(w).str();
  if (text == schema_modeline("closure"))
    text += "{}\n"; // a record is never an empty file
  return text;
}

} // namespace pmo::codec
