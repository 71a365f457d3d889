#include <pmo/model/records.hpp>

#include <algorithm>
#include <tuple>

namespace pmo::model {

std::optional<OfficeType> parse_office_type(std::string_view text) {
  if (text == "supportive")
    return OfficeType::supportive;
  if (text == "controlling")
    return OfficeType::controlling;
  if (text == "directive")
    return OfficeType::directive;
  return std::nullopt;
}

std::string_view to_string(OfficeType type) {
  switch (type) {
  case OfficeType::supportive:
    return "supportive";
  case OfficeType::controlling:
    return "controlling";
  case OfficeType::directive:
    return "directive";
  }
  return "controlling";
}

const GateDef* Office::gate(std::string_view id) const {
  auto it = std::find_if(gates.begin(), gates.end(), [&](const GateDef& g) { return g.id == id; });
  return it == gates.end() ? nullptr : &*it;
}

const RoleDef* Office::role(std::string_view id) const {
  auto it = std::find_if(roles.begin(), roles.end(), [&](const RoleDef& r) { return r.id == id; });
  return it == roles.end() ? nullptr : &*it;
}

Office default_office(std::string name, Lang lang, OfficeType type) {
  Office office;
  office.name = std::move(name);
  office.language = lang;
  office.type = type;
  office.currency = "CNY";
  office.roles = {
      {"business", {"业务", "Business"}},     {"technical", {"技术", "Technical"}},
      {"finance", {"财务", "Finance"}},       {"legal", {"法务", "Legal"}},
      {"pmo", {"项目管理办公室", "PMO"}},     {"manager", {"项目经理", "Project manager"}},
      {"sponsor", {"项目发起人", "Sponsor"}},
  };
  GateDef g1;
  g1.id = "G1";
  g1.name = {"立项审批", "Initiation approval"};
  g1.stage = "proposed";
  g1.enters = "planning";
  g1.board = {"business", "technical", "finance", "legal"};
  g1.excluded = {Party::manager, Party::sponsor};
  g1.requires_fields = {"objectives",
                        "scope.in",
                        "strategic_alignment",
                        "business_case.benefits",
                        "business_case.cost_estimate",
                        "feasibility",
                        "risks",
                        "resources",
                        "sponsor"};
  GateDef g2;
  g2.id = "G2";
  g2.name = {"计划基线", "Plan baseline"};
  g2.stage = "planning";
  g2.enters = "executing";
  g2.board = {"pmo"};
  g2.excluded = {Party::manager, Party::sponsor};
  g2.requires_fields = {"manager", "budget", "start", "end"};
  GateDef g3;
  g3.id = "G3";
  g3.name = {"阶段评审", "Phase review"};
  g3.stage = "executing";
  g3.enters = "executing";
  g3.board = {"pmo"};
  g3.excluded = {Party::manager};
  g3.repeatable = true;
  GateDef g4;
  g4.id = "G4";
  g4.name = {"收尾验收", "Closure acceptance"};
  g4.stage = "executing";
  g4.enters = "closed";
  g4.board = {std::string{k_sponsor_role}, "pmo"};
  g4.excluded = {Party::manager};
  g4.requires_fields = {"closure.acceptance", "closure.actual_end", "closure.lessons"};
  office.gates = {g1, g2, g3, g4};
  return office;
}

bool Person::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Project::has_field(std::string_view path) const {
  auto text = [](const std::string& s) {
    return s.find_first_not_of(" \t\r\n") != std::string::npos;
  };
  auto list = [&](const std::vector<std::string>& v) {
    return std::any_of(v.begin(), v.end(), text);
  };
  if (path == "title")
    return text(title);
  if (path == "sponsor")
    return !sponsor.empty();
  if (path == "manager")
    return !manager.empty();
  if (path == "budget")
    return budget.has_value();
  if (path == "start")
    return start.has_value();
  if (path == "end")
    return end.has_value();
  if (path == "objectives")
    return list(objectives);
  if (path == "scope.in")
    return list(scope.in);
  if (path == "scope.out")
    return list(scope.out);
  if (path == "strategic_alignment")
    return text(strategic_alignment);
  if (path == "business_case.benefits")
    return list(business_case.benefits);
  if (path == "business_case.cost_estimate")
    return business_case.cost_estimate.has_value();
  if (path == "business_case.roi")
    return business_case.roi.has_value();
  if (path == "feasibility")
    return text(feasibility);
  if (path == "risks")
    return list(risks);
  if (path == "resources")
    return list(resources);
  if (path == "closure")
    return closure.has_value();
  if (path == "closure.acceptance")
    return closure && text(closure->acceptance);
  if (path == "closure.actual_end")
    return closure && closure->actual_end.has_value();
  if (path == "closure.actual_cost")
    return closure && closure->actual_cost.has_value();
  if (path == "closure.lessons")
    return closure && list(closure->lessons);
  return false;
}

bool is_known_project_field(std::string_view path) {
  static constexpr std::string_view k_fields[] = {"title",
                                                  "sponsor",
                                                  "manager",
                                                  "budget",
                                                  "start",
                                                  "end",
                                                  "objectives",
                                                  "scope.in",
                                                  "scope.out",
                                                  "strategic_alignment",
                                                  "business_case.benefits",
                                                  "business_case.cost_estimate",
                                                  "business_case.roi",
                                                  "feasibility",
                                                  "risks",
                                                  "resources",
                                                  "closure",
                                                  "closure.acceptance",
                                                  "closure.actual_end",
                                                  "closure.actual_cost",
                                                  "closure.lessons"};
  return std::find(std::begin(k_fields), std::end(k_fields), path) != std::end(k_fields);
}

std::optional<Verdict> parse_verdict(std::string_view text) {
  if (text == "approve")
    return Verdict::approve;
  if (text == "approve-with-conditions")
    return Verdict::approve_with_conditions;
  if (text == "revise")
    return Verdict::revise;
  if (text == "reject")
    return Verdict::reject;
  if (text == "hold")
    return Verdict::hold;
  return std::nullopt;
}

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
  case Verdict::approve:
    return "approve";
  case Verdict::approve_with_conditions:
    return "approve-with-conditions";
  case Verdict::revise:
    return "revise";
  case Verdict::reject:
    return "reject";
  case Verdict::hold:
    return "hold";
  }
  return "approve";
}

bool is_approval(Verdict verdict) {
  return verdict == Verdict::approve || verdict == Verdict::approve_with_conditions;
}

const Person* Portfolio::person(std::string_view id) const {
  auto it = std::lower_bound(people.begin(), people.end(), id,
                             [](const Person& p, std::string_view key) { return p.id < key; });
  if (it != people.end() && it->id == id)
    return &*it;
  // Not sorted (built by hand in a test): fall back to a scan.
  auto scan =
      std::find_if(people.begin(), people.end(), [&](const Person& p) { return p.id == id; });
  return scan == people.end() ? nullptr : &*scan;
}

const Project* Portfolio::project(std::string_view id) const {
  auto it = std::lower_bound(projects.begin(), projects.end(), id,
                             [](const Project& p, std::string_view key) { return p.id < key; });
  if (it != projects.end() && it->id == id)
    return &*it;
  auto scan =
      std::find_if(projects.begin(), projects.end(), [&](const Project& p) { return p.id == id; });
  return scan == projects.end() ? nullptr : &*scan;
}

std::vector<const Decision*> Portfolio::decisions_of(std::string_view project) const {
  std::vector<const Decision*> out;
  auto first =
      std::lower_bound(decisions.begin(), decisions.end(), project,
                       [](const Decision& d, std::string_view key) { return d.project < key; });
  for (auto it = first; it != decisions.end() && it->project == project; ++it)
    out.push_back(&*it);
  return out;
}

void Portfolio::sort_decisions() {
  std::stable_sort(decisions.begin(), decisions.end(), [](const Decision& a, const Decision& b) {
    return std::tie(a.project, a.decided_at, a.file) < std::tie(b.project, b.decided_at, b.file);
  });
}

} // namespace pmo::model
