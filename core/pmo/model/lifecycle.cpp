#include <pmo/model/dependencies.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/model/resources.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace pmo::model {

namespace {

Finding error_at(Location where, std::string code, std::string message) {
  return Finding{Severity::error, std::move(where), std::move(code), std::move(message)};
}

Location field_location(const Project& project, const std::string& field) {
  // Closure fields live in the closure record; a missing record is named by its path.
  const bool closure = field.starts_with("closure");
  if (closure && !project.closure) {
    auto slash = project.file.rfind('/');
    return Location{project.file.substr(0, slash + 1) + "closure.yaml", 0, 0};
  }
  const FieldLocations& where = closure ? project.closure->where : project.where;
  const std::string& file = closure ? project.closure->file : project.file;
  // The field itself if written, else its parent section, else the top of the file.
  for (std::string path = closure ? field.substr(std::min<std::size_t>(field.size(), 8)) : field;
       !path.empty();) {
    if (auto found = where.find(path))
      return std::move(*found);
    auto dot = path.rfind('.');
    if (dot == std::string::npos)
      break;
    path.resize(dot);
  }
  return Location{file, 1, 1};
}

const GateDef* first_gate_of_stage(const Office& office, std::string_view stage, bool repeatable) {
  for (const auto& gate : office.gates)
    if (gate.stage == stage && gate.repeatable == repeatable)
      return &gate;
  return nullptr;
}

void update_missing_roles(GateProgress& progress) {
  progress.missing_roles.clear();
  const GateDef& rules = progress.round_gate ? *progress.round_gate : *progress.gate;
  for (const auto& role : rules.board)
    if (!progress.approvals.count(role))
      progress.missing_roles.push_back(role);
}

// Ends the round: the next decision opens a new one, under the rules of its own time.
void close_round(GateProgress& progress) {
  progress.approvals.clear();
  progress.approvers.clear();
  progress.round += 1;
  progress.round_decisions = 0;
  progress.round_gate = progress.gate;
  progress.approvals_needed =
      approvals_needed(progress.gate->quorum, static_cast<int>(progress.gate->board.size()));
}

} // namespace

GateProgress start_progress(const GateDef& gate) {
  GateProgress progress;
  progress.gate = &gate;
  progress.round_gate = &gate;
  progress.approvals_needed = approvals_needed(gate.quorum, static_cast<int>(gate.board.size()));
  update_missing_roles(progress);
  return progress;
}

const GateDef* decided_under(const Office& office, const Decision& d) {
  const Office& rules = d.rules ? *d.rules : office;
  return d.change.empty() ? rules.gate(d.gate) : &rules.control.ccb;
}

RoundEffect apply_decision(GateProgress& progress, const Decision& d, const GateDef& rules) {
  if (progress.round_decisions == 0) {
    progress.round_gate = &rules;
    progress.approvals_needed =
        approvals_needed(rules.quorum, static_cast<int>(rules.board.size()));
  }
  progress.round_decisions += 1;
  progress.decisions.push_back(&d);
  switch (d.verdict) {
  case Verdict::reject:
    return RoundEffect::rejected;
  case Verdict::revise:
  case Verdict::hold:
    close_round(progress);
    return RoundEffect::paused;
  case Verdict::approve:
  case Verdict::approve_with_conditions:
    break;
  }
  if (progress.approvals.count(d.role))
    return RoundEffect::role_twice;
  if (progress.round_gate->distinct_people && progress.approvers.count(d.reviewer))
    return RoundEffect::person_twice;
  progress.approvals[d.role] = &d;
  progress.approvers[d.reviewer] = &d;
  if (static_cast<int>(progress.approvals.size()) < progress.approvals_needed)
    return RoundEffect::counted;
  progress.passes += 1;
  progress.last_passed_at = d.decided_at;
  progress.last_passed_by = &d;
  close_round(progress);
  return RoundEffect::passed;
}

int approvals_needed(const Quorum& quorum, int board_size) {
  switch (quorum.kind) {
  case Quorum::Kind::all:
    return board_size;
  case Quorum::Kind::majority:
    return board_size / 2 + 1;
  case Quorum::Kind::count:
    return std::clamp(quorum.count, 1, std::max(board_size, 1));
  }
  return board_size;
}

const GateProgress* ProjectState::progress(std::string_view gate) const {
  for (const auto& p : gates)
    if (p.gate->id == gate)
      return &p;
  return nullptr;
}

bool ProjectState::terminal() const {
  return stage == k_rejected_stage || (next_gate == nullptr && checkpoints.empty());
}

ProjectState derive_state(const Office& office, const std::vector<const Decision*>& decisions,
                          Lang lang) {
  ProjectState state;
  state.stage = office.initial_stage;
  state.gates.reserve(office.gates.size() + 2);
  for (const auto& gate : office.gates)
    state.gates.push_back(start_progress(gate));
  // The progress of a gate by id; a gate that only an earlier pmo.yaml defined gets its own.
  auto progress_of = [&](const GateDef& under) -> GateProgress& {
    for (auto& p : state.gates)
      if (p.gate->id == under.id)
        return p;
    state.gates.push_back(start_progress(under));
    return state.gates.back();
  };
  auto anomaly = [&](const Decision* d, const char* code, std::string message) {
    state.anomalies.push_back(Anomaly{d, code, std::move(message)});
  };

  for (const Decision* d : decisions) {
    if (!d->change.empty())
      continue; // a change decision: derive_change_state
    const GateDef* under = decided_under(office, *d);
    if (!under) {
      anomaly(
          d, "unknown-gate",
          tr(lang, "gate {} is not defined in pmo.yaml", "pmo.yaml 中没有定义关口 {}", d->gate));
      continue;
    }
    GateProgress& progress = progress_of(*under);
    // A round is judged by the rules in force when it opened.
    const GateDef& gate = progress.round_decisions > 0 ? *progress.round_gate : *under;
    if (state.stage == k_rejected_stage) {
      anomaly(d, "decision-after-reject",
              pick(lang, "decision recorded after the project was rejected",
                   "项目已被否决，之后不应再有决策"));
      continue;
    }
    if (gate.stage != state.stage) {
      anomaly(d, "gate-out-of-order",
              tr(lang, "gate {} is decided in stage '{}', but the project was in '{}'",
                 "关口 {} 应在“{}”阶段决策，但项目当时处于“{}”阶段", gate.id,
                 stage_name(gate.stage, lang), stage_name(state.stage, lang)));
      continue;
    }
    if (state.pause != Pause::none && state.paused_gate->id != gate.id) {
      anomaly(d, "gate-paused",
              tr(lang, "the project was paused ({}) at gate {}", "项目当时在关口 {1} 处于“{0}”状态",
                 pause_name(state.pause, lang), state.paused_gate->id));
      continue;
    }
    if (state.pause != Pause::none) { // the paused gate's next decision opens a new round
      state.pause = Pause::none;
      state.paused_gate = nullptr;
    }
    switch (apply_decision(progress, *d, gate)) {
    case RoundEffect::rejected:
      state.stage = std::string{k_rejected_stage};
      state.stage_since = d->decided_at;
      break;
    case RoundEffect::paused:
      state.pause = d->verdict == Verdict::revise ? Pause::revise : Pause::hold;
      state.paused_gate = progress.gate;
      break;
    case RoundEffect::role_twice:
      anomaly(d, "role-twice",
              tr(lang, "role {} already approved gate {} in this round",
                 "角色 {} 在本轮已批准过关口 {}", d->role, gate.id));
      break;
    case RoundEffect::person_twice:
      anomaly(d, "person-twice",
              tr(lang,
                 "{} already approved gate {} in this round in another role; a person fills one "
                 "seat of a board",
                 "{} 在本轮已以其他角色批准过关口 {}；同一人只能占评审委员会的一个席位",
                 d->reviewer, gate.id));
      break;
    case RoundEffect::passed:
      if (state.stage != gate.enters || !gate.repeatable)
        state.stage_since = d->decided_at;
      state.stage = gate.enters;
      break;
    case RoundEffect::counted:
      break;
    }
  }

  for (auto& progress : state.gates)
    update_missing_roles(progress);
  if (state.stage != k_rejected_stage) {
    state.next_gate = first_gate_of_stage(office, state.stage, false);
    for (const auto& gate : office.gates)
      if (gate.stage == state.stage && gate.repeatable)
        state.checkpoints.push_back(&gate);
  }
  return state;
}

ChangeState derive_change_state(const GateDef& ccb, const ChangeRequest& change,
                                const std::vector<const Decision*>& decisions, Lang lang) {
  ChangeState state;
  state.change = &change;
  state.board = start_progress(ccb);
  for (const Decision* d : decisions) {
    if (d->change != change.id)
      continue;
    if (state.status == ChangeStatus::approved || state.status == ChangeStatus::rejected) {
      state.anomalies.push_back(Anomaly{d, "change-decided",
                                        tr(lang, "decision recorded after {} was decided",
                                           "{} 已有结论，之后不应再有决策", change.id)});
      continue;
    }
    const GateDef& under = d->rules ? d->rules->control.ccb : ccb;
    switch (apply_decision(state.board, *d, under)) {
    case RoundEffect::rejected:
      state.status = ChangeStatus::rejected;
      state.decided_at = d->decided_at;
      break;
    case RoundEffect::paused:
      state.status = d->verdict == Verdict::revise ? ChangeStatus::returned : ChangeStatus::on_hold;
      break;
    case RoundEffect::passed:
      state.status = ChangeStatus::approved;
      state.decided_at = d->decided_at;
      break;
    case RoundEffect::role_twice:
      state.anomalies.push_back(Anomaly{d, "role-twice",
                                        tr(lang, "role {} already approved {} in this round",
                                           "角色 {} 在本轮已批准过 {}", d->role, change.id)});
      break;
    case RoundEffect::person_twice:
      state.anomalies.push_back(
          Anomaly{d, "person-twice",
                  tr(lang,
                     "{} already approved {} in this round in another role; a person fills one "
                     "seat of a board",
                     "{} 在本轮已以其他角色批准过 {}；同一人只能占评审委员会的一个席位",
                     d->reviewer, change.id)});
      break;
    case RoundEffect::counted:
      state.status = ChangeStatus::pending;
      break;
    }
  }
  update_missing_roles(state.board);
  return state;
}

std::vector<ChangeState> change_states(const Portfolio& portfolio, const Project& project,
                                       Lang lang) {
  std::vector<ChangeState> out;
  auto decisions = portfolio.decisions_of(project.id);
  for (const ChangeRequest* change : portfolio.changes_of(project.id))
    out.push_back(derive_change_state(portfolio.office.control.ccb, *change, decisions, lang));
  return out;
}

std::string change_status_name(ChangeStatus status, Lang lang) {
  switch (status) {
  case ChangeStatus::pending:
    return pick(lang, "pending", "待决");
  case ChangeStatus::approved:
    return pick(lang, "approved", "已批准");
  case ChangeStatus::rejected:
    return pick(lang, "rejected", "已否决");
  case ChangeStatus::returned:
    return pick(lang, "sent back", "退回修改");
  case ChangeStatus::on_hold:
    return pick(lang, "on hold", "暂停");
  }
  return {};
}

std::vector<Finding> check_plan(const Project& project, Severity severity, Lang lang) {
  std::vector<Finding> out;
  const auto where = [&](const std::string& field) { return field_location(project, field); };
  double total = 0;
  const Milestone* previous = nullptr;
  for (std::size_t i = 0; i < project.milestones.size(); ++i) {
    const Milestone& m = project.milestones[i];
    const std::string item = fmt::format("milestones[{}]", i);
    if (!m.weighted)
      out.push_back(Finding{severity, where(item), "milestone-weight",
                            tr(lang,
                               "milestone '{}' has no weight: give each milestone its weight "
                               "(relative, e.g. weight: 2); equal weights are written as equal "
                               "numbers",
                               "里程碑“{}”没有权重：请为每个里程碑填写权重（相对值，如 weight: "
                               "2）；权重相同请写相同的数",
                               m.name)});
    total += m.weight;
    if (!m.date)
      continue;
    if ((project.start && *m.date < *project.start) || (project.end && *m.date > *project.end))
      out.push_back(
          Finding{severity, where(item + ".date"), "milestone-outside",
                  tr(lang, "milestone '{}' on {} is outside the project's {} to {}",
                     "里程碑“{}”（{}）不在项目周期 {} 至 {} 之内", m.name, format_date(*m.date),
                     project.start ? format_date(*project.start) : "—",
                     project.end ? format_date(*project.end) : "—")});
    if (previous && previous->date && *m.date < *previous->date)
      out.push_back(
          Finding{severity, where(item + ".date"), "milestone-order",
                  tr(lang,
                     "milestone '{}' on {} comes before '{}' on {}: list the "
                     "milestones in date order",
                     "里程碑“{}”（{}）早于前一个“{}”（{}）：请按日期顺序排列里程碑", m.name,
                     format_date(*m.date), previous->name, format_date(*previous->date))});
    previous = &m;
  }
  if (!project.milestones.empty() && total <= 0)
    out.push_back(Finding{severity, where("milestones"), "milestone-weight",
                          pick(lang, "the milestones' weights add up to 0: nothing could be earned",
                               "里程碑权重之和为 0：无法计算挣值")});
  return out;
}

std::string decision_file_name_of(const Decision& decision) {
  const auto slash = decision.file.rfind('/');
  return slash == std::string::npos ? decision.file : decision.file.substr(slash + 1);
}

std::vector<ConditionState> conditions_of(const Portfolio& portfolio, const Project& project) {
  std::vector<ConditionState> out;
  const auto met = portfolio.conditions_met_of(project.id);
  std::map<std::string, int> per_subject;
  for (const Decision* d : portfolio.decisions_of(project.id)) {
    if (d->verdict != Verdict::approve_with_conditions)
      continue;
    const std::string subject = d->change.empty() ? d->gate : d->change;
    const std::string name = decision_file_name_of(*d);
    for (std::size_t i = 0; i < d->conditions.size(); ++i) {
      ConditionState c;
      c.id = subject + "." + std::to_string(++per_subject[subject]);
      c.decision = d;
      c.number = static_cast<int>(i) + 1;
      c.text = d->conditions[i];
      for (const ConditionMet* m : met)
        if (m->decision == name && m->number == c.number) {
          c.met = m;
          break;
        }
      out.push_back(std::move(c));
    }
  }
  return out;
}

const ConditionState* find_condition(const std::vector<ConditionState>& conditions,
                                     std::string_view id) {
  for (const auto& c : conditions)
    if (c.id.size() == id.size() &&
        std::equal(c.id.begin(), c.id.end(), id.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return &c;
  return nullptr;
}

bool closes_project(const GateDef& gate) {
  return std::any_of(gate.requires_fields.begin(), gate.requires_fields.end(),
                     [](const std::string& field) { return field.starts_with("closure"); });
}

std::vector<Finding> check_loose_ends(const Portfolio& portfolio, const Project& project,
                                      const GateDef& gate, Lang lang) {
  std::vector<Finding> out;
  if (!closes_project(gate))
    return out;
  const Severity severity =
      portfolio.office.type == OfficeType::supportive ? Severity::warning : Severity::error;
  for (const Risk* risk : portfolio.risks_of(project.id))
    if (risk->open)
      out.push_back(Finding{severity, Location{risk->file, 1, 1}, "loose-end",
                            tr(lang,
                               "{} closes the project, but risk {} is still open (score {}): "
                               "close it first (pmo risk close {} {})",
                               "{} 将关闭项目，但风险 {} 仍未关闭（评分 {}）：请先关闭"
                               "（pmo risk close {} {}）",
                               gate.id, risk->id, risk->score(), project.id, risk->id)});
  for (const Issue* issue : portfolio.issues_of(project.id))
    if (!issue->resolved)
      out.push_back(Finding{severity, Location{issue->file, 1, 1}, "loose-end",
                            tr(lang,
                               "{} closes the project, but issue {} is still open: resolve it "
                               "first (pmo issue resolve {} {} --resolution ...)",
                               "{} 将关闭项目，但问题 {} 仍未解决：请先解决"
                               "（pmo issue resolve {} {} --resolution ...）",
                               gate.id, issue->id, project.id, issue->id)});
  if (project.closure && project.closure->outcome == Outcome::achieved)
    for (const auto& deliverable : project.closure->deliverables)
      if (!deliverable.accepted)
        out.push_back(Finding{severity, Location{project.closure->file, 1, 1}, "loose-end",
                              tr(lang,
                                 "the closure report says the objectives were achieved, but the "
                                 "deliverable '{}' was not accepted: accept it, or record the "
                                 "outcome as partially_achieved",
                                 "收尾报告称目标已达成，但交付物“{}”未通过验收：请完成验收，或将"
                                 "结果记为 partially_achieved",
                                 deliverable.name)});
  for (const ConditionState& condition : conditions_of(portfolio, project))
    if (!condition.met)
      out.push_back(Finding{
          severity, Location{condition.decision->file, 1, 1}, "loose-end",
          tr(lang,
             "{} closes the project, but the condition of approval {} (\"{}\", "
             "{} by {}) is not marked met: pmo condition met {} {} --evidence "
             "TEXT",
             "{} 将关闭项目，但批准条件 {}（“{}”，{} 由 {} 提出）尚未标记为已落实："
             "pmo condition met {} {} --evidence 说明",
             gate.id, condition.id, condition.text,
             format_date(std::chrono::floor<std::chrono::days>(condition.decision->decided_at)),
             condition.decision->reviewer, project.id, condition.id)});
  return out;
}

std::vector<Finding> check_readiness(const Office& office, const Project& project,
                                     const GateDef& gate, Lang lang) {
  std::vector<Finding> out;
  Severity severity = office.type == OfficeType::supportive ? Severity::warning : Severity::error;
  // A gate that requires the milestones fixes the plan: it must be one that can be right.
  if (std::find(gate.requires_fields.begin(), gate.requires_fields.end(), "milestones") !=
      gate.requires_fields.end())
    for (auto& finding : check_plan(project, severity, lang))
      out.push_back(std::move(finding));
  for (const auto& field : gate.requires_fields) {
    if (project.has_field(field))
      continue;
    out.push_back(Finding{severity, field_location(project, field), "gate-requires",
                          field.starts_with("closure") && !project.closure
                              ? tr(lang, "{} requires '{}'; record the closure with pmo close {}",
                                   "{} 要求填写“{}”；请先用 pmo close {} 记录收尾报告", gate.id,
                                   field, project.id)
                              : tr(lang, "{} requires '{}', which is missing or empty",
                                   "{} 要求填写“{}”，但该项缺失或为空", gate.id, field)});
  }
  return out;
}

std::vector<std::string> eligible_roles(const GateDef& gate, const Person& person,
                                        const Project& project) {
  std::vector<std::string> out;
  for (const auto& role : gate.board) {
    if (role == k_sponsor_role ? project.sponsor == person.id : person.has_role(role))
      out.push_back(role);
  }
  return out;
}

std::vector<Finding> check_authority(const GateDef& gate, const Person& person,
                                     const Project& project, const std::string& role, Lang lang) {
  std::vector<Finding> out;
  Location where{project.file, 0, 0};
  if (std::find(gate.board.begin(), gate.board.end(), role) == gate.board.end()) {
    out.push_back(error_at(where, "not-on-board",
                           tr(lang, "role '{}' is not on the board of {} ({})",
                              "角色“{}”不在 {} 的评审委员会中（{}）", role, gate.id,
                              fmt::join(gate.board, ", "))));
    return out;
  }
  if (person.retired) {
    out.push_back(
        error_at(where, "retired",
                 tr(lang, "{} retired on {} and no longer decides", "{} 已于 {} 离任，不再参与决策",
                    person.id, format_date(*person.retired))));
    return out;
  }
  if (role == k_sponsor_role) {
    if (project.sponsor != person.id)
      out.push_back(error_at(where, "not-sponsor",
                             tr(lang, "{} decides for the sponsor, but {}'s sponsor is '{}'",
                                "{} 以发起人身份决策，但 {} 的发起人是“{}”", person.id, project.id,
                                project.sponsor)));
  } else if (!person.has_role(role)) {
    out.push_back(
        error_at(where, "role-not-held",
                 tr(lang, "{} does not hold the role '{}'", "{} 不具有“{}”角色", person.id, role)));
  }
  for (Party party : gate.excluded) {
    bool is_party =
        party == Party::manager ? project.manager == person.id : project.sponsor == person.id;
    if (!is_party || (party == Party::sponsor && role == k_sponsor_role))
      continue;
    out.push_back(
        error_at(where, "segregation-of-duties",
                 tr(lang, "{} is {}'s {} and may not decide its gate {}",
                    "{} 是 {} 的{}，不能对本项目的关口 {} 作出决策", person.id, project.id,
                    party == Party::manager ? pick(lang, "manager", "项目经理")
                                            : pick(lang, "sponsor", "发起人"),
                    gate.id)));
  }
  return out;
}

ReviewPlan plan_review(const Portfolio& portfolio, const ReviewRequest& request, Lang lang) {
  ReviewPlan plan;
  auto refuse = [&](std::string code, std::string message, Location where = {}) {
    plan.refusals.push_back(error_at(std::move(where), std::move(code), std::move(message)));
  };

  const Project* project = portfolio.project(request.project);
  if (!project) {
    refuse("unknown-project",
           tr(lang, "no project '{}' in this portfolio", "组合中没有项目“{}”", request.project));
    return plan;
  }
  const bool on_change = !request.change.empty();
  const GateDef* gate =
      on_change ? &portfolio.office.control.ccb : portfolio.office.gate(request.gate);
  const ChangeRequest* change = on_change ? portfolio.change(project->id, request.change) : nullptr;
  if (on_change && !change) {
    refuse("unknown-change", tr(lang, "{} has no change request '{}' (projects/{}/changes/)",
                                "{} 没有变更申请“{}”（projects/{}/changes/）", project->id,
                                request.change, project->id));
    return plan;
  }
  if (!gate) {
    std::vector<std::string> ids;
    for (const auto& g : portfolio.office.gates)
      ids.push_back(g.id);
    refuse("unknown-gate",
           tr(lang, "no gate '{}' in pmo.yaml (gates: {})", "pmo.yaml 中没有关口“{}”（已定义：{}）",
              request.gate, fmt::join(ids, ", ")));
    return plan;
  }
  const Person* person = portfolio.person(request.reviewer);
  if (!person) {
    refuse("unknown-person", tr(lang, "no person '{}' in the roster (people/)",
                                "人员名册（people/）中没有“{}”", request.reviewer));
    return plan;
  }

  // Authority: which board role the reviewer decides in.
  std::string role = request.role;
  if (role.empty()) {
    auto roles = eligible_roles(*gate, *person, *project);
    if (roles.size() == 1) {
      role = roles.front();
    } else if (roles.empty()) {
      refuse("not-authorised", tr(lang, "{} holds no role on the board of {} ({})",
                                  "{} 不具有 {} 评审委员会的任何角色（{}）", person->id, gate->id,
                                  fmt::join(gate->board, ", ")));
    } else {
      refuse("role-ambiguous",
             tr(lang, "{} holds several board roles of {} ({}): choose one with --role",
                "{} 在 {} 的评审委员会中有多个角色（{}），请用 --role 指定", person->id, gate->id,
                fmt::join(roles, ", ")));
    }
  }
  if (!role.empty())
    for (auto& f : check_authority(*gate, *person, *project, role, lang))
      plan.refusals.push_back(std::move(f));

  // Stage and pause.
  auto decisions = portfolio.decisions_of(project->id);
  ProjectState before = derive_state(portfolio.office, decisions, lang);
  if (before.stage == k_rejected_stage) {
    refuse("project-rejected", tr(lang, "{} was rejected; no further decision is taken",
                                  "{} 已被否决，不再接受决策", project->id));
  } else if (gate->stage != before.stage) {
    if (on_change)
      refuse("wrong-stage",
             tr(lang, "{} is in stage '{}'; change requests are decided in stage '{}'",
                "{} 当前处于“{}”阶段；变更申请只能在“{}”阶段决策", project->id,
                stage_name(before.stage, lang), stage_name(gate->stage, lang)));
    else
      refuse("wrong-stage",
             tr(lang, "{} is in stage '{}'; gate {} is decided in stage '{}'",
                "{} 当前处于“{}”阶段；关口 {} 应在“{}”阶段决策", project->id,
                stage_name(before.stage, lang), gate->id, stage_name(gate->stage, lang)));
  } else if (!on_change && before.pause != Pause::none && before.paused_gate != gate) {
    refuse("paused",
           tr(lang, "{} is paused ({}) at gate {}; only a decision on {} resumes it",
              "{} 在关口 {} 处于“{}”状态，只有 {} 的决策可以恢复", project->id,
              pause_name(before.pause, lang), before.paused_gate->id, before.paused_gate->id));
  }
  std::optional<ChangeState> change_before;
  if (on_change) {
    change_before = derive_change_state(*gate, *change, decisions, lang);
    if (change_before->status == ChangeStatus::approved ||
        change_before->status == ChangeStatus::rejected)
      refuse("change-decided", tr(lang, "{} was already decided ({})", "{} 已有结论（{}）",
                                  change->id, change_status_name(change_before->status, lang)));
  }

  // Content of the decision itself.
  bool approval = is_approval(request.verdict);
  if (request.verdict == Verdict::approve_with_conditions && request.conditions.empty())
    refuse("conditions-missing",
           pick(lang, "approve-with-conditions needs at least one --condition",
                "“附条件批准”至少需要一条 --condition"));
  if (request.verdict != Verdict::approve_with_conditions && !request.conditions.empty())
    refuse("conditions-unexpected",
           pick(lang, "--condition goes with --decision approve-with-conditions",
                "--condition 只能与 --decision approve-with-conditions 一起使用"));
  if (portfolio.office.type == OfficeType::directive && !approval &&
      request.comment.find_first_not_of(" \t") == std::string::npos)
    refuse("comment-required",
           pick(lang, "this office is directive: a reject, revise or hold needs a --comment",
                "本办公室为战略型：否决、退回修改或暂停必须附 --comment 说明理由"));

  if (!role.empty() && approval) {
    const GateProgress* progress =
        change_before ? &change_before->board : before.progress(gate->id);
    if (auto it = progress->approvals.find(role); it != progress->approvals.end())
      refuse("role-twice", tr(lang, "role '{}' already approved {} in this round ({}, {})",
                              "角色“{}”在本轮已批准 {}（{}，{}）", role, gate->id,
                              it->second->reviewer, format_timestamp(it->second->decided_at)));
    const GateDef& round = progress->round_decisions > 0 ? *progress->round_gate : *gate;
    if (auto it = progress->approvers.find(person->id);
        round.distinct_people && it != progress->approvers.end())
      refuse("person-twice",
             tr(lang,
                "{} already approved {} in this round as '{}' ({}); a person fills one seat of a "
                "board, whatever roles they hold",
                "{0} 在本轮已以“{2}”身份批准 {1}（{3}）；无论兼任多少角色，同一人只能占评审委员会的"
                "一个席位",
                person->id, gate->id, it->second->role, format_timestamp(it->second->decided_at)));
  }

  // Readiness: only an approval needs the gate's content.
  if (approval && plan.refusals.empty() && !on_change) {
    auto ready = check_readiness(portfolio.office, *project, *gate, lang);
    for (auto& f : check_loose_ends(portfolio, *project, *gate, lang))
      ready.push_back(std::move(f));
    for (auto& f : check_dependencies_at_gate(
             portfolio, *project, *gate, std::chrono::floor<std::chrono::days>(request.at), lang))
      ready.push_back(std::move(f));
    for (auto& f : check_resources_at_gate(portfolio, *project, *gate, lang))
      ready.push_back(std::move(f));
    for (auto& f : ready) {
      if (f.severity == Severity::error)
        plan.refusals.push_back(std::move(f));
      else
        plan.warnings.push_back(std::move(f));
    }
  }

  plan.decision.project = project->id;
  plan.decision.gate = on_change ? std::string{} : gate->id;
  plan.decision.change = on_change ? change->id : std::string{};
  plan.decision.verdict = request.verdict;
  plan.decision.reviewer = person->id;
  plan.decision.role = role;
  plan.decision.decided_at = request.at;
  plan.decision.comment = request.comment;
  plan.decision.conditions = request.conditions;
  if (!plan.refusals.empty())
    return plan;

  decisions.push_back(&plan.decision);
  plan.after = derive_state(portfolio.office, decisions, lang);
  if (on_change) {
    plan.change_after = derive_change_state(*gate, *change, decisions, lang);
    plan.passes_gate = plan.change_after->status == ChangeStatus::approved;
    return plan;
  }
  const GateProgress* before_gate = before.progress(gate->id);
  const GateProgress* after_gate = plan.after.progress(gate->id);
  plan.passes_gate = before_gate && after_gate && after_gate->passes > before_gate->passes;
  return plan;
}

std::string stage_name(std::string_view stage, Lang lang) {
  struct Name {
    std::string_view id;
    const char* en;
    const char* zh;
  };
  static constexpr Name k_names[] = {
      {"proposed", "proposed", "立项申请"}, {"planning", "planning", "规划中"},
      {"executing", "executing", "执行中"}, {"closed", "closed", "已收尾"},
      {"rejected", "rejected", "已否决"},
  };
  for (const auto& n : k_names)
    if (n.id == stage)
      return pick(lang, n.en, n.zh);
  return std::string{stage};
}

std::string verdict_name(Verdict verdict, Lang lang) {
  switch (verdict) {
  case Verdict::approve:
    return pick(lang, "approve", "批准");
  case Verdict::approve_with_conditions:
    return pick(lang, "approve with conditions", "附条件批准");
  case Verdict::revise:
    return pick(lang, "revise", "退回修改");
  case Verdict::reject:
    return pick(lang, "reject", "否决");
  case Verdict::hold:
    return pick(lang, "hold", "暂停");
  }
  return {};
}

std::string pause_name(Pause pause, Lang lang) {
  switch (pause) {
  case Pause::none:
    return {};
  case Pause::revise:
    return pick(lang, "sent back for rework", "退回修改");
  case Pause::hold:
    return pick(lang, "on hold", "暂停");
  }
  return {};
}

std::string role_name(const Office& office, std::string_view role, Lang lang) {
  if (const RoleDef* def = office.role(role))
    return def->name.in(lang);
  return std::string{role};
}

} // namespace pmo::model
