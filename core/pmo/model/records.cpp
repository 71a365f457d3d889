#include <pmo/model/fields.hpp>
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

std::string office_type_name(OfficeType type, Lang lang) {
  switch (type) {
  case OfficeType::supportive:
    return pick(lang, "supportive", "支持型");
  case OfficeType::controlling:
    return pick(lang, "controlling", "控制型");
  case OfficeType::directive:
    return pick(lang, "directive", "战略型");
  }
  return {};
}

bool is_signable_name(std::string_view name) {
  // git's ident.c and libgit2's signature.c: is_crud().
  const auto crud = [](unsigned char c) {
    return c <= 32 || c == '.' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' ||
           c == '"' || c == '\\' || c == '\'';
  };
  bool kept = false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '<' || c == '>' || c < 32 || c == 127)
      return false;
    kept = kept || !crud(c);
  }
  return kept;
}

namespace {

// Parses a word among `names` (in enum order).
template <class E, std::size_t N>
std::optional<E> parse_word(std::string_view text, const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text)
      return static_cast<E>(i);
  return std::nullopt;
}

constexpr std::string_view k_rag[] = {"green", "amber", "red"};
constexpr std::string_view k_cadence[] = {"weekly", "monthly"};
constexpr std::string_view k_dimension[] = {"schedule", "cost", "scope", "quality"};
constexpr std::string_view k_response[] = {"avoid", "mitigate", "transfer", "accept"};
constexpr std::string_view k_priority[] = {"low", "medium", "high", "critical"};
constexpr std::string_view k_outcome[] = {"achieved", "partially_achieved", "not_achieved"};
constexpr std::string_view k_lesson_kind[] = {"went_well", "to_improve"};

// The records of one project in a vector sorted by project.
template <class T>
std::vector<const T*> of_project(const std::vector<T>& items, std::string_view project) {
  std::vector<const T*> out;
  auto first =
      std::lower_bound(items.begin(), items.end(), project,
                       [](const T& item, std::string_view key) { return item.project < key; });
  for (auto it = first; it != items.end() && it->project == project; ++it)
    out.push_back(&*it);
  return out;
}

} // namespace

std::optional<Rag> parse_rag(std::string_view text) { return parse_word<Rag>(text, k_rag); }
std::string_view to_string(Rag rag) { return k_rag[static_cast<int>(rag)]; }
std::optional<Cadence> parse_cadence(std::string_view text) {
  return parse_word<Cadence>(text, k_cadence);
}
std::string_view to_string(Cadence cadence) { return k_cadence[static_cast<int>(cadence)]; }
std::optional<Dimension> parse_dimension(std::string_view text) {
  return parse_word<Dimension>(text, k_dimension);
}
std::string_view to_string(Dimension dimension) { return k_dimension[static_cast<int>(dimension)]; }
std::optional<RiskResponse> parse_risk_response(std::string_view text) {
  return parse_word<RiskResponse>(text, k_response);
}
std::string_view to_string(RiskResponse response) { return k_response[static_cast<int>(response)]; }
std::optional<Priority> parse_priority(std::string_view text) {
  return parse_word<Priority>(text, k_priority);
}
std::string_view to_string(Priority priority) { return k_priority[static_cast<int>(priority)]; }
std::optional<Outcome> parse_outcome(std::string_view text) {
  return parse_word<Outcome>(text, k_outcome);
}
std::string_view to_string(Outcome outcome) { return k_outcome[static_cast<int>(outcome)]; }
std::optional<LessonKind> parse_lesson_kind(std::string_view text) {
  return parse_word<LessonKind>(text, k_lesson_kind);
}
std::string_view to_string(LessonKind kind) { return k_lesson_kind[static_cast<int>(kind)]; }

const std::string* plan_section(const PlanSections& plan, std::string_view name) {
  const std::string* sections[] = {&plan.scope,   &plan.schedule,   &plan.cost,
                                   &plan.quality, &plan.resources,  &plan.communication,
                                   &plan.risk,    &plan.procurement};
  for (std::size_t i = 0; i < std::size(k_plan_sections); ++i)
    if (k_plan_sections[i] == name)
      return sections[i];
  return nullptr;
}

std::string* plan_section(PlanSections& plan, std::string_view name) {
  return const_cast<std::string*>(plan_section(static_cast<const PlanSections&>(plan), name));
}

GateDef default_ccb() {
  GateDef ccb;
  ccb.id = "CCB";
  ccb.name = {"变更控制委员会", "Change control board"};
  ccb.stage = "executing";
  ccb.enters = "executing";
  ccb.board = {"pmo", "finance"};
  ccb.excluded = {Party::manager, Party::sponsor};
  ccb.repeatable = true;
  return ccb;
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
  g4.requires_fields = {"closure.acceptance", "closure.actual_end", "closure.actual_cost",
                        "closure.outcome", "closure.lessons"};
  g2.requires_fields = {"manager",
                        "budget",
                        "start",
                        "end",
                        "milestones",
                        "plan.scope",
                        "plan.schedule",
                        "plan.cost",
                        "plan.quality",
                        "plan.resources",
                        "plan.communication",
                        "plan.risk",
                        "plan.procurement"};
  office.gates = {g1, g2, g3, g4};
  office.control.ccb = default_ccb();
  return office;
}

const Criterion* PrioritySettings::criterion(std::string_view id) const {
  for (const auto& c : criteria)
    if (c.id == id)
      return &c;
  return nullptr;
}

bool is_day_kpi(std::string_view kpi) { return kpi.ends_with("_days"); }

const KpiTarget* YearTargets::target(std::string_view kpi) const {
  for (const auto& t : targets)
    if (t.kpi == kpi)
      return &t;
  return nullptr;
}

const YearTargets* KpiSettings::year(int year) const {
  for (const auto& y : targets)
    if (y.year == year)
      return &y;
  return nullptr;
}

PrioritySettings default_priorities() {
  PrioritySettings out;
  out.criteria = {
      {"strategic_fit", {"战略契合度", "Strategic fit"}, 30, false},
      {"value", {"业务价值", "Business value"}, 25, false},
      {"urgency", {"紧迫性", "Urgency"}, 15, false},
      {"risk", {"风险", "Risk"}, 15, true},
      {"resource_demand", {"资源需求", "Resource demand"}, 15, true},
  };
  return out;
}

bool Person::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Project::has_field(std::string_view path) const {
  const FieldDef* field = requirable_field(path);
  return field && field->filled(*this);
}

bool is_known_project_field(std::string_view path) { return requirable_field(path) != nullptr; }

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

std::vector<const StatusReport*> Portfolio::reports_of(std::string_view project) const {
  return of_project(status_reports, project);
}
std::vector<const Risk*> Portfolio::risks_of(std::string_view project) const {
  return of_project(risks, project);
}
std::vector<const Issue*> Portfolio::issues_of(std::string_view project) const {
  return of_project(issues, project);
}
std::vector<const ChangeRequest*> Portfolio::changes_of(std::string_view project) const {
  return of_project(changes, project);
}
std::vector<const ConditionMet*> Portfolio::conditions_met_of(std::string_view project) const {
  return of_project(conditions_met, project);
}
const ChangeRequest* Portfolio::change(std::string_view project, std::string_view id) const {
  for (const ChangeRequest* c : changes_of(project))
    if (c->id == id)
      return c;
  return nullptr;
}

void Portfolio::sort_records() {
  sort_decisions();
  auto by_key = [](const auto& a, const auto& b) {
    return std::tie(a.project, a.file) < std::tie(b.project, b.file);
  };
  std::stable_sort(status_reports.begin(), status_reports.end(), by_key);
  // Record ids are random, so they say nothing about order: a date (an undated record last)
  // and, for risks and issues, their weight come first; the id only breaks ties.
  auto dated = [](const std::optional<Date>& date) {
    return std::pair{!date.has_value(), date.value_or(Date{})};
  };
  std::stable_sort(risks.begin(), risks.end(), [&](const Risk& a, const Risk& b) {
    return std::tuple{std::string_view{a.project}, -a.score(), dated(a.raised),
                      std::string_view{a.id}} < std::tuple{std::string_view{b.project}, -b.score(),
                                                           dated(b.raised), std::string_view{b.id}};
  });
  std::stable_sort(issues.begin(), issues.end(), [&](const Issue& a, const Issue& b) {
    return std::tuple{std::string_view{a.project}, -static_cast<int>(a.priority), dated(a.raised),
                      std::string_view{a.id}} < std::tuple{std::string_view{b.project},
                                                           -static_cast<int>(b.priority),
                                                           dated(b.raised), std::string_view{b.id}};
  });
  std::stable_sort(
      changes.begin(), changes.end(), [&](const ChangeRequest& a, const ChangeRequest& b) {
        return std::tuple{std::string_view{a.project}, dated(a.requested), std::string_view{a.id}} <
               std::tuple{std::string_view{b.project}, dated(b.requested), std::string_view{b.id}};
      });
  std::stable_sort(
      conditions_met.begin(), conditions_met.end(),
      [&](const ConditionMet& a, const ConditionMet& b) {
        return std::tuple{std::string_view{a.project}, dated(a.met), std::string_view{a.id}} <
               std::tuple{std::string_view{b.project}, dated(b.met), std::string_view{b.id}};
      });
}

void Portfolio::sort_decisions() {
  std::stable_sort(decisions.begin(), decisions.end(), [](const Decision& a, const Decision& b) {
    return std::tie(a.project, a.sequence, a.decided_at, a.file) <
           std::tie(b.project, b.sequence, b.decided_at, b.file);
  });
}

} // namespace pmo::model
