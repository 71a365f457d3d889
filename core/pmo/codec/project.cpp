#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>

#include <algorithm>
#include <cmath>

namespace pmo::codec {

using namespace detail;

Decoded<model::Project> decode_project(std::string_view text, const std::string& file,
                                       const std::string& id, model::Lang lang) {
  Decoded<model::Project> out;
  model::Project& project = out.value;
  project.id = id;
  project.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  auto& where = project.where;
  Map map{ctx, *root, "", where, model::project_fields().keys("")};

  require_text(ctx, map, "title", project.title);
  read_id(ctx, map, "sponsor", project.sponsor, false);
  read_id(ctx, map, "manager", project.manager, false);
  read_amount(ctx, map, "budget", project.budget);
  read_date(ctx, map, "start", project.start);
  read_date(ctx, map, "end", project.end);
  read_date(ctx, map, "submitted", project.submitted);
  read_list(ctx, map, "objectives", where, project.objectives);

  auto section = [&](std::string_view name) { return codec::section(ctx, map, name); };
  if (auto node = section("scope")) {
    Map scope{ctx, *node, "scope", where, model::project_fields().keys("scope")};
    read_list(ctx, scope, "in", where, project.scope.in);
    read_list(ctx, scope, "out", where, project.scope.out);
  }
  read_text(ctx, map, "strategic_alignment", project.strategic_alignment);
  if (auto node = section("business_case")) {
    Map bc{ctx, *node, "business_case", where, model::project_fields().keys("business_case")};
    read_list(ctx, bc, "benefits", where, project.business_case.benefits);
    read_amount(ctx, bc, "cost_estimate", project.business_case.cost_estimate);
    if (const Field* field = bc.get("roi"))
      project.business_case.roi = number_of(ctx, *field);
  }
  if (auto node = section("scores")) {
    for (const auto& entry : *node) {
      const Location key_at = ctx.loc(entry.first);
      if (!entry.first.IsScalar()) {
        ctx.error(
            key_at, "wrong-type",
            pick(lang, "scores: a criterion id must be text", "scores：评分标准标识必须是文本"));
        continue;
      }
      const std::string criterion = entry.first.Scalar();
      Field field{"scores." + criterion, entry.second,
                  entry.second.IsNull() ? key_at : ctx.loc(entry.second)};
      where.set(field.path, field.at);
      if (!check_id(ctx, criterion, field.path, key_at) || entry.second.IsNull())
        continue; // ~: not scored yet
      auto value = number_of(ctx, field);
      if (!value)
        continue;
      if (*value != std::trunc(*value) || *value < 0 || *value > 100) {
        ctx.error(field.at, "bad-value",
                  tr(lang, "{} must be a whole number (a score from 1 to the scale), not {}",
                     "{} 必须是整数（1 到评分上限的分数），而不是 {}", field.path,
                     entry.second.Scalar()));
        continue;
      }
      if (std::any_of(project.scores.begin(), project.scores.end(),
                      [&](const auto& s) { return s.criterion == criterion; })) {
        ctx.error(key_at, "bad-value", tr(lang, "{} is scored twice", "{} 重复评分", field.path));
        continue;
      }
      project.scores.push_back({criterion, static_cast<int>(*value)});
    }
  }
  read_text(ctx, map, "feasibility", project.feasibility);
  read_list(ctx, map, "risks", where, project.risks);
  read_list(ctx, map, "resources", where, project.resources);
  if (auto node = section("plan")) {
    Map plan{ctx, *node, "plan", where, model::project_fields().keys("plan")};
    for (auto name : model::k_plan_sections)
      read_text(ctx, plan, name, *model::plan_section(project.plan, name));
  }
  read_items(
      ctx, map, "milestones", "name: ..., date: YYYY-MM-DD, weight: ...", where,
      [&](const YAML::Node& node, const std::string& path) {
        model::Milestone milestone;
        Map m{ctx, node, path, where, model::project_fields().keys("milestones[]")};
        require_text(ctx, m, "name", milestone.name);
        if (m.require("date"))
          read_date(ctx, m, "date", milestone.date);
        milestone.weighted = m.get("weight") != nullptr;
        if (auto weight = read_bounded(ctx, m, "weight", 0, 1e9, false, false))
          milestone.weight = *weight;
        for (const auto& other : project.milestones)
          if (other.name == milestone.name && !milestone.name.empty())
            ctx.error(m.at(), "duplicate-milestone",
                      tr(lang, "milestone '{}' is listed twice", "里程碑“{}”重复", milestone.name));
        project.milestones.push_back(std::move(milestone));
      });
  read_items(ctx, map, "assignments", "person: ..., fte: ..., from: YYYY-MM-DD, to: YYYY-MM-DD",
             where, [&](const YAML::Node& node, const std::string& path) {
               model::Assignment a;
               Map m{ctx, node, path, where, model::project_fields().keys("assignments[]")};
               read_id(ctx, m, "person", a.person, true);
               if (auto fte = read_bounded(ctx, m, "fte", 0, 1, false, true)) {
                 if (*fte > 0)
                   a.fte = *fte;
                 else
                   ctx.error(m.get("fte")->at, "bad-value",
                             tr(lang, "{}.fte must be more than 0", "{}.fte 必须大于 0", path));
               }
               read_date(ctx, m, "from", a.from);
               read_date(ctx, m, "to", a.to);
               read_text(ctx, m, "role", a.role);
               if (a.from && a.to && *a.to < *a.from)
                 ctx.error(m.get("to")->at, "bad-value",
                           tr(lang, "{}: to ({}) is before from ({})",
                              "{}：结束日期（{}）早于开始日期（{}）", path,
                              model::format_date(*a.to), model::format_date(*a.from)));
               project.assignments.push_back(std::move(a));
             });
  // depends_on: each item a project id, or {project, stage | milestone}.
  if (const Field* field = map.get("depends_on"); field && !field->value.IsNull()) {
    if (!field->value.IsSequence()) {
      ctx.error(field->at, "wrong-type",
                tr(lang, "depends_on must be a list, not {}", "depends_on 必须是列表，而不是{}",
                   describe(ctx, field->value)));
    } else {
      std::size_t index = 0;
      for (const auto& node : field->value) {
        const std::string path = fmt::format("depends_on[{}]", index++);
        model::Dependency dependency;
        if (node.IsScalar()) {
          where.set(path, ctx.loc(node));
          if (check_id(ctx, node.Scalar(), path, ctx.loc(node)))
            dependency.project = node.Scalar();
        } else if (node.IsMap()) {
          where.set(path, ctx.loc(node));
          Map m{ctx, node, path, where, model::project_fields().keys("depends_on[]")};
          read_id(ctx, m, "project", dependency.project, true);
          read_id(ctx, m, "stage", dependency.stage, false);
          read_text(ctx, m, "milestone", dependency.milestone);
          if (!dependency.stage.empty() && !dependency.milestone.empty())
            ctx.error(m.at(), "bad-value",
                      tr(lang, "{}: give a stage or a milestone, not both",
                         "{}：请指定阶段或里程碑，不能同时指定", path));
        } else {
          ctx.error(ctx.loc(node), "wrong-type",
                    tr(lang,
                       "each item of depends_on must be a project id or a mapping (project: ..., "
                       "milestone: ...), not {}",
                       "depends_on 的每一项都必须是项目编号或映射（project: ..., milestone: "
                       "...），而不是{}",
                       describe(ctx, node)));
          continue;
        }
        if (!dependency.project.empty())
          project.depends_on.push_back(std::move(dependency));
      }
    }
  }
  if (const Field* field = map.get("closure"))
    ctx.error(field->at, "moved-field",
              tr(lang,
                 "closure: the closure report is its own record, {}closure.yaml, written by "
                 "pmo close {}",
                 "closure：收尾报告是单独的记录 {}closure.yaml，由 pmo close {} 写入",
                 file.substr(0, file.rfind('/') + 1), id));
  return finish(std::move(out));
}

std::string encode_project(const model::Project& p) {
  Writer w;
  w.verbatim(schema_modeline("project"));
  w.text(0, "title", p.title);
  w.text(0, "sponsor", p.sponsor);
  w.text(0, "manager", p.manager);
  w.number(0, "budget", p.budget);
  w.date(0, "start", p.start);
  w.date(0, "end", p.end);
  w.date(0, "submitted", p.submitted);
  w.text_list(0, "objectives", p.objectives);
  if (!p.scope.in.empty() || !p.scope.out.empty()) {
    w.heading(0, "scope");
    w.text_list(2, "in", p.scope.in);
    w.text_list(2, "out", p.scope.out);
  }
  w.text(0, "strategic_alignment", p.strategic_alignment);
  const auto& bc = p.business_case;
  if (!bc.benefits.empty() || bc.cost_estimate || bc.roi) {
    w.heading(0, "business_case");
    w.text_list(2, "benefits", bc.benefits);
    w.number(2, "cost_estimate", bc.cost_estimate);
    w.number(2, "roi", bc.roi);
  }
  if (!p.scores.empty()) {
    w.heading(0, "scores");
    for (const auto& score : p.scores)
      w.raw(2, scalar(score.criterion), std::to_string(score.value));
  }
  w.text(0, "feasibility", p.feasibility);
  w.text_list(0, "risks", p.risks);
  w.text_list(0, "resources", p.resources);
  bool any_plan = false;
  for (auto name : model::k_plan_sections)
    any_plan = any_plan || !model::plan_section(p.plan, name)->empty();
  if (any_plan) {
    w.heading(0, "plan");
    for (auto name : model::k_plan_sections)
      w.text(2, name, *model::plan_section(p.plan, name));
  }
  if (!p.depends_on.empty()) {
    w.heading(0, "depends_on");
    for (const auto& d : p.depends_on) {
      Writer item;
      item.raw(2, "project", scalar(d.project));
      item.text(2, "stage", d.stage);
      item.text(2, "milestone", d.milestone);
      w.list_item(0, item);
    }
  }
  if (!p.assignments.empty()) {
    w.heading(0, "assignments");
    for (const auto& a : p.assignments) {
      Writer item;
      item.raw(2, "person", scalar(a.person));
      item.raw(2, "fte", format_number(a.fte));
      item.date(2, "from", a.from);
      item.date(2, "to", a.to);
      item.text(2, "role", a.role);
      w.list_item(0, item);
    }
  }
  if (!p.milestones.empty()) {
    w.heading(0, "milestones");
    for (const auto& m : p.milestones) {
      Writer item;
      item.text(2, "name", m.name);
      item.date(2, "date", m.date);
      item.raw(2, "weight", format_number(m.weight));
      w.list_item(0, item);
    }
  }
  return std::move(w).str();
}

} // namespace pmo::codec
