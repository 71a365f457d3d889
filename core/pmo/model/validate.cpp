#include <pmo/model/dependencies.hpp>
#include <pmo/model/lifecycle.hpp>
#include <pmo/model/period.hpp>
#include <pmo/model/resources.hpp>
#include <pmo/model/validate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

namespace pmo::model {

namespace {

Location at(const FieldLocations& where, const std::string& field, const std::string& file) {
  if (auto found = where.find(field))
    return std::move(*found);
  return Location{file, 1, 1};
}

Finding error(Location where, std::string code, std::string message) {
  return Finding{Severity::error, std::move(where), std::move(code), std::move(message)};
}

std::string project_dir(const Project& project) { return "projects/" + project.id + "/"; }

// A person id a record names (a project's sponsor, a risk's owner): in the roster.
template <class Record>
void check_person_ref(const Portfolio& portfolio, const Record& record, const char* field,
                      const std::string& value, Lang lang, std::vector<Finding>& out) {
  if (value.empty() || portfolio.person(value))
    return;
  out.push_back(error(at(record.where, field, record.file), "unknown-person",
                      tr(lang, "{} '{}' is not in the roster (people/{}.yaml)",
                         "{}“{}”不在人员名册中（people/{}.yaml）", field, value, value)));
}

// Status reports, risks, issues, change requests and the closure report of one project: the
// people and milestones they name exist, dates are in order, and the records fit the stage.
void check_control_records(const Portfolio& portfolio, const Project& project,
                           const ProjectState& state, Lang lang, std::vector<Finding>& out) {
  const Office& office = portfolio.office;
  const GateDef* baseline_gate = office.gate(office.control.baseline_gate);
  const GateProgress* baseline = baseline_gate ? state.progress(baseline_gate->id) : nullptr;
  const bool baselined = baseline && baseline->passes > 0;

  for (const StatusReport* report : portfolio.reports_of(project.id)) {
    if (!baselined)
      out.push_back(Finding{Severity::warning, Location{report->file, 1, 1},
                            "report-before-baseline",
                            tr(lang, "a status report before {} fixed the baseline",
                               "{} 确定基线之前的状态报告", office.control.baseline_gate)});
    for (const auto& forecast : report->forecasts) {
      bool known = std::any_of(project.milestones.begin(), project.milestones.end(),
                               [&](const Milestone& m) { return m.name == forecast.name; });
      if (!known)
        out.push_back(error(at(report->where, "forecasts." + forecast.name, report->file),
                            "unknown-milestone",
                            tr(lang, "forecasts: '{}' is not a milestone of {}",
                               "forecasts：“{}”不是 {} 的里程碑", forecast.name, project.id)));
    }
  }
  for (const Risk* risk : portfolio.risks_of(project.id)) {
    check_person_ref(portfolio, *risk, "owner", risk->owner, lang, out);
    if (!risk->open && !risk->closed)
      out.push_back(Finding{Severity::warning, at(risk->where, "status", risk->file),
                            "missing-field",
                            pick(lang, "a closed risk should say when (closed: YYYY-MM-DD)",
                                 "已关闭的风险应写明关闭日期（closed: YYYY-MM-DD）")});
    if (risk->open && risk->closed)
      out.push_back(
          error(at(risk->where, "closed", risk->file), "risk-status",
                pick(lang, "an open risk has a closed date", "状态为 open 的风险不应有关闭日期")));
  }
  for (const Issue* issue : portfolio.issues_of(project.id))
    check_person_ref(portfolio, *issue, "owner", issue->owner, lang, out);
  for (const ChangeRequest* change : portfolio.changes_of(project.id))
    check_person_ref(portfolio, *change, "requested_by", change->requested_by, lang, out);

  // A condition marked met names a condition some decision of the project set, word for word.
  std::set<std::pair<std::string, int>> marked;
  for (const ConditionMet* met : portfolio.conditions_met_of(project.id)) {
    check_person_ref(portfolio, *met, "by", met->by, lang, out);
    const Decision* decision = nullptr;
    for (const Decision* d : portfolio.decisions_of(project.id))
      if (decision_file_name_of(*d) == met->decision)
        decision = d;
    if (!decision) {
      out.push_back(
          error(at(met->where, "decision", met->file), "unknown-decision",
                tr(lang, "decision: {} has no decision record {} (decisions/)",
                   "decision：{} 没有决策记录 {}（decisions/）", project.id, met->decision)));
      continue;
    }
    if (met->number > static_cast<int>(decision->conditions.size())) {
      out.push_back(error(at(met->where, "number", met->file), "unknown-condition",
                          tr(lang, "number: {} sets {} condition(s), not {}",
                             "number：{} 只提出了 {} 项条件，没有第 {} 项", met->decision,
                             decision->conditions.size(), met->number)));
      continue;
    }
    const std::string& text = decision->conditions[static_cast<std::size_t>(met->number - 1)];
    if (met->condition != text)
      out.push_back(error(at(met->where, "condition", met->file), "condition-mismatch",
                          tr(lang, "condition: the decision states condition {} as '{}'",
                             "condition：该决策的第 {} 项条件是“{}”", met->number, text)));
    if (!marked.insert({met->decision, met->number}).second)
      out.push_back(
          Finding{Severity::warning, Location{met->file, 1, 1}, "condition-met-twice",
                  tr(lang, "condition {} of {} is marked met by another record too",
                     "{1} 的第 {0} 项条件已由另一条记录标记为已落实", met->number, met->decision)});
  }

  if (project.closure) {
    const Closure& closure = *project.closure;
    if (!baselined || state.stage == "rejected")
      out.push_back(Finding{Severity::warning, Location{closure.file, 1, 1}, "closure-early",
                            tr(lang, "a closure report for a project in stage '{}'",
                               "项目处于“{}”阶段，却已有收尾报告", stage_name(state.stage, lang))});
    if (project.start && closure.actual_end && *closure.actual_end < *project.start)
      out.push_back(error(at(closure.where, "actual_end", closure.file), "end-before-start",
                          tr(lang, "actual_end {} is before the planned start {}",
                             "actual_end {} 早于计划开始日期 {}", format_date(*closure.actual_end),
                             format_date(*project.start))));
  }
}

} // namespace

std::vector<Finding> validate_office(const Office& office, Lang lang) {
  std::vector<Finding> out;
  const std::string file = "pmo.yaml";
  std::set<std::string> roles;
  for (const auto& r : office.roles)
    if (!roles.insert(r.id).second)
      out.push_back(error(at(office.where, "roles", file), "duplicate-role",
                          tr(lang, "role '{}' is defined twice", "角色“{}”重复定义", r.id)));
  if (office.gates.empty())
    out.push_back(error(at(office.where, "gates", file), "no-gates",
                        pick(lang, "pmo.yaml defines no gates", "pmo.yaml 没有定义任何关口")));
  std::set<std::string> gate_ids;
  std::set<std::string> reachable{office.initial_stage};
  for (std::size_t i = 0; i < office.gates.size(); ++i) {
    const GateDef& gate = office.gates[i];
    std::string prefix = fmt::format("gates[{}]", i);
    auto where = [&](const char* field) {
      return at(gate.where, field, at(office.where, prefix, file).file);
    };
    if (!gate_ids.insert(gate.id).second)
      out.push_back(error(where("id"), "duplicate-gate",
                          tr(lang, "gate '{}' is defined twice", "关口“{}”重复定义", gate.id)));
    if (!reachable.count(gate.stage))
      out.push_back(error(where("stage"), "unreachable-gate",
                          tr(lang,
                             "gate {} is decided in stage '{}', which no earlier gate "
                             "enters (the initial stage is '{}')",
                             "关口 {} 的决策阶段“{}”无法到达（没有之前的关口进入该阶段，"
                             "初始阶段为“{}”）",
                             gate.id, gate.stage, office.initial_stage)));
    reachable.insert(gate.enters);
    if (gate.board.empty())
      out.push_back(error(where("board"), "empty-board",
                          tr(lang, "gate {} has no board", "关口 {} 没有评审委员会", gate.id)));
    std::set<std::string> board;
    for (const auto& role : gate.board) {
      if (!board.insert(role).second)
        out.push_back(error(where("board"), "duplicate-role",
                            tr(lang, "role '{}' appears twice on the board of {}",
                               "角色“{}”在 {} 的评审委员会中出现两次", role, gate.id)));
      if (role != k_sponsor_role && !roles.count(role))
        out.push_back(error(where("board"), "unknown-role",
                            tr(lang, "board role '{}' of {} is not defined in roles",
                               "{1} 的评审角色“{0}”未在 roles 中定义", role, gate.id)));
    }
    bool sponsor_on_board = board.count(std::string{k_sponsor_role}) > 0;
    if (sponsor_on_board && std::find(gate.excluded.begin(), gate.excluded.end(), Party::sponsor) !=
                                gate.excluded.end())
      out.push_back(error(where("excluded"), "contradictory-board",
                          tr(lang,
                             "gate {} puts the project's sponsor on its board and "
                             "also excludes the sponsor",
                             "关口 {} 的评审委员会包含项目发起人，却又排除了发起人", gate.id)));
    if (gate.quorum.kind == Quorum::Kind::count &&
        (gate.quorum.count < 1 || gate.quorum.count > static_cast<int>(gate.board.size())))
      out.push_back(error(where("quorum"), "bad-quorum",
                          tr(lang, "quorum {} of {} must be between 1 and {}",
                             "{1} 的法定人数 {0} 必须在 1 到 {2} 之间", gate.quorum.count, gate.id,
                             gate.board.size())));
    for (const auto& field : gate.requires_fields)
      if (!is_known_project_field(field))
        out.push_back(error(where("requires"), "unknown-field",
                            tr(lang,
                               "gate {} requires '{}', which is not a field of "
                               "project.yaml",
                               "关口 {} 要求的“{}”不是 project.yaml 的字段", gate.id, field)));
  }
  if (office.priorities.criteria.empty())
    out.push_back(Finding{Severity::warning, at(office.where, "priorities.criteria", file),
                          "no-criteria",
                          pick(lang,
                               "priorities.criteria is empty: every project scores 0 and "
                               "pmo portfolio rank orders them by cost and id only",
                               "priorities.criteria 为空：所有项目得分为 0，pmo portfolio rank "
                               "只能按成本和编号排序")});
  return out;
}

// The projects a project depends on exist, at a stage of the lifecycle or a milestone they have.
void check_dependencies(const Portfolio& portfolio, const Project& project, Lang lang,
                        std::vector<Finding>& out) {
  const auto order = stage_order(portfolio.office);
  for (std::size_t i = 0; i < project.depends_on.size(); ++i) {
    const Dependency& d = project.depends_on[i];
    const std::string path = fmt::format("depends_on[{}]", i);
    const Location where = at(project.where, path, project.file);
    const Project* needed = portfolio.project(d.project);
    if (d.project == project.id) {
      out.push_back(
          error(where, "dependency-cycle",
                tr(lang, "{}: {} depends on itself", "{}：{} 依赖自身", path, d.project)));
      continue;
    }
    if (!needed) {
      out.push_back(
          error(where, "unknown-project",
                tr(lang, "{}: project '{}' is not in the portfolio (projects/{}/)",
                   "{}：项目“{}”不在项目组合中（projects/{}/）", path, d.project, d.project)));
      continue;
    }
    if (!d.stage.empty() && std::find(order.begin(), order.end(), d.stage) == order.end())
      out.push_back(error(where, "unknown-stage",
                          tr(lang, "{}: '{}' is not a stage of the lifecycle ({})",
                             "{}：“{}”不是生命周期中的阶段（{}）", path, d.stage,
                             fmt::format("{}", fmt::join(order, ", ")))));
    if (!d.milestone.empty() &&
        std::none_of(needed->milestones.begin(), needed->milestones.end(),
                     [&](const Milestone& m) { return m.name == d.milestone; }))
      out.push_back(error(where, "unknown-milestone",
                          tr(lang, "{}: {} has no milestone '{}'", "{}：{} 没有里程碑“{}”", path,
                             d.project, d.milestone)));
  }
}

// The plan's assignments (资源计划): people of the roster, not retired before the work, with dates.
void check_assignments(const Portfolio& portfolio, const Project& project, Lang lang,
                       std::vector<Finding>& out) {
  for (std::size_t i = 0; i < project.assignments.size(); ++i) {
    const Assignment& a = project.assignments[i];
    const std::string path = fmt::format("assignments[{}]", i);
    const Person* person = portfolio.person(a.person);
    if (!person) {
      out.push_back(error(at(project.where, path + ".person", project.file), "unknown-person",
                          tr(lang, "{}: '{}' is not in the roster (people/)",
                             "{}：“{}”不在人员名册中（people/）", path, a.person)));
      continue;
    }
    const auto booking = booking_of(project, a);
    if (!booking) {
      out.push_back(
          Finding{Severity::warning, at(project.where, path, project.file), "assignment-dates",
                  tr(lang,
                     "{}: no dates (from and to, or the project's start and end): it "
                     "counts in no one's load",
                     "{}：没有日期（from 与 to，或项目的开始与结束日期）：不计入人员负荷", path)});
      continue;
    }
    if (person->retired && *person->retired <= booking->to)
      out.push_back(Finding{Severity::warning, at(project.where, path + ".person", project.file),
                            "assignment-dates",
                            tr(lang, "{}: {} left on {}, before the assignment ends ({})",
                               "{}：{} 已于 {} 离开，早于投入结束日期（{}）", path, a.person,
                               format_date(*person->retired), format_date(booking->to))});
  }
}

std::vector<Finding> validate_portfolio(const Portfolio& portfolio, Lang lang) {
  std::vector<Finding> out = validate_office(portfolio.office, lang);
  const Office& office = portfolio.office;

  std::set<std::string> emails;
  for (const auto& person : portfolio.people) {
    for (const auto& role : person.roles)
      if (!office.role(role))
        out.push_back(error(at(person.where, "roles", person.file), "unknown-role",
                            tr(lang, "role '{}' is not defined in pmo.yaml",
                               "角色“{}”未在 pmo.yaml 中定义", role)));
    if (!person.email.empty() && !emails.insert(person.email).second)
      out.push_back(Finding{Severity::warning, at(person.where, "email", person.file),
                            "duplicate-email",
                            tr(lang, "e-mail {} is used by another person too",
                               "电子邮箱 {} 同时被其他人员使用", person.email)});
  }

  for (const auto& project : portfolio.projects) {
    check_person_ref(portfolio, project, "sponsor", project.sponsor, lang, out);
    check_person_ref(portfolio, project, "manager", project.manager, lang, out);
    if (project.start && project.end && *project.end < *project.start)
      out.push_back(error(at(project.where, "end", project.file), "end-before-start",
                          tr(lang, "end {} is before start {}", "结束日期 {} 早于开始日期 {}",
                             format_date(*project.end), format_date(*project.start))));

    // Scores are on the office's criteria, within its scale.
    for (const Score& score : project.scores) {
      const std::string path = "scores." + score.criterion;
      if (!office.priorities.criterion(score.criterion))
        out.push_back(
            error(at(project.where, path, project.file), "unknown-criterion",
                  tr(lang, "{}: '{}' is not a criterion of pmo.yaml priorities",
                     "{}：“{}”不是 pmo.yaml priorities 中的评分标准", path, score.criterion)));
      else if (score.value < 1 || score.value > office.priorities.scale)
        out.push_back(
            error(at(project.where, path, project.file), "bad-score",
                  tr(lang, "{} is {}: scores run from 1 to {}", "{} 为 {}：评分范围为 1 到 {}",
                     path, score.value, office.priorities.scale)));
    }

    // The plan as a reader sees it; the gate that fixes it refuses these (check_readiness).
    for (auto& finding : check_plan(project, Severity::warning, lang))
      out.push_back(std::move(finding));

    auto decisions = portfolio.decisions_of(project.id);
    ProjectState state = derive_state(office, decisions, lang);
    for (const Decision* d : decisions) {
      if (!d->change.empty() && !portfolio.change(project.id, d->change)) {
        out.push_back(error(at(d->where, "change", d->file), "unknown-change",
                            tr(lang, "change request '{}' is not in {}changes/",
                               "变更申请“{}”不在 {}changes/ 中", d->change, project_dir(project))));
        continue;
      }
      const GateDef* gate = d->change.empty() ? office.gate(d->gate) : &office.control.ccb;
      if (!gate)
        continue; // reported as an anomaly below
      const Person* reviewer = portfolio.person(d->reviewer);
      if (!reviewer) {
        out.push_back(error(at(d->where, "reviewer", d->file), "unknown-person",
                            tr(lang, "reviewer '{}' is not in the roster",
                               "评审人“{}”不在人员名册中", d->reviewer)));
      } else {
        for (auto f : check_authority(*gate, *reviewer, project, d->role, lang)) {
          f.where = at(d->where, f.code == "not-on-board" ? "role" : "reviewer", d->file);
          out.push_back(std::move(f));
        }
      }
      if (d->verdict == Verdict::approve_with_conditions && d->conditions.empty())
        out.push_back(error(at(d->where, "conditions", d->file), "conditions-missing",
                            pick(lang, "approve-with-conditions without any condition",
                                 "“附条件批准”没有列出任何条件")));
      if (d->verdict != Verdict::approve_with_conditions && !d->conditions.empty())
        out.push_back(error(at(d->where, "conditions", d->file), "conditions-unexpected",
                            pick(lang, "conditions are only for approve-with-conditions",
                                 "只有“附条件批准”才能列出条件")));
    }
    for (const auto& anomaly : state.anomalies)
      out.push_back(error(at(anomaly.decision->where, "gate", anomaly.decision->file), anomaly.code,
                          anomaly.message));
    for (const auto& change : change_states(portfolio, project, lang))
      for (const auto& anomaly : change.anomalies)
        out.push_back(error(at(anomaly.decision->where, "change", anomaly.decision->file),
                            anomaly.code, anomaly.message));
    check_control_records(portfolio, project, state, lang, out);
    check_dependencies(portfolio, project, lang, out);
    check_assignments(portfolio, project, lang, out);
  }
  // 资源协调: a person loaded past their capacity by the projects that hold people, reported at
  // the assignment of the project that should yield (the lowest priority).
  const Severity over =
      office.resources.over_allocation_is_error ? Severity::error : Severity::warning;
  for (const Overload& o : over_allocations(portfolio, holding_projects(portfolio, lang))) {
    const Booking& at_yield = o.parts.back();
    out.push_back(
        Finding{over, booking_location(at_yield), "over-allocated",
                tr(lang, "over-allocated: {}", "人员超负荷：{}", overload_text(o, lang))});
  }
  // A cycle of depends_on can never be met: each is reported once, at the record of its
  // lowest id, naming the whole cycle.
  for (const auto& cycle : dependency_cycles(portfolio)) {
    const Project* first = portfolio.project(cycle.front());
    std::string text;
    for (const auto& id : cycle)
      text += id + " → ";
    text += cycle.front();
    out.push_back(error(at(first->where, "depends_on", first->file), "dependency-cycle",
                        tr(lang, "depends_on makes a cycle: {}; none of them can ever start",
                           "depends_on 形成循环依赖：{}；其中任何项目都无法满足依赖", text)));
  }
  return out;
}

std::vector<Finding> unlikely_dates(const Project& project, Date today, Lang lang) {
  using std::chrono::days;
  constexpr int k_years = 10;
  const days span{k_years * 365 + k_years / 4};
  std::vector<Finding> out;
  // `planned`: a date of the plan, which may lie ahead (a closure's cannot: validate_dates).
  auto check = [&](const FieldLocations& where, const std::string& file, std::optional<Date> date,
                   const char* field, bool planned) {
    if (!date)
      return;
    if (*date < today - span)
      out.push_back(
          Finding{Severity::warning, at(where, field, file), "unlikely-date",
                  tr(lang, "{} {} is more than {} years before today ({}): is the year right?",
                     "{0} {1} 比今天（{3}）早 {2} 年以上：年份是否有误？", field,
                     format_date(*date), k_years, format_date(today))});
    else if (planned && *date > today + span)
      out.push_back(
          Finding{Severity::warning, at(where, field, file), "unlikely-date",
                  tr(lang, "{} {} is more than {} years after today ({}): is the year right?",
                     "{0} {1} 比今天（{3}）晚 {2} 年以上：年份是否有误？", field,
                     format_date(*date), k_years, format_date(today))});
  };
  check(project.where, project.file, project.start, "start", true);
  check(project.where, project.file, project.end, "end", true);
  if (project.start && project.end && *project.end - *project.start > span)
    out.push_back(
        Finding{Severity::warning, at(project.where, "end", project.file), "long-plan",
                tr(lang,
                   "the plan runs {} days, from {} to {}: more than {} years for one "
                   "project; split it, or check the dates",
                   "计划从 {1} 到 {2}，共 {0} 天：一个项目超过 {3} 年；请拆分，或检查日期",
                   (*project.end - *project.start).count(), format_date(*project.start),
                   format_date(*project.end), k_years)});
  if (project.closure) {
    const Closure& closure = *project.closure;
    check(closure.where, closure.file, closure.actual_start, "actual_start", false);
    check(closure.where, closure.file, closure.actual_end, "actual_end", false);
  }
  return out;
}

namespace {
// "mon–fri", or the days of the week: "mon, tue, sat".
std::string week_text(const std::array<bool, 7>& week) {
  std::vector<std::string_view> days;
  for (unsigned iso = 1; iso <= 7; ++iso)
    if (week[iso - 1])
      days.push_back(weekday_word(iso));
  if (days.size() > 2 && week == std::array<bool, 7>{true, true, true, true, true, false, false})
    return "mon–fri";
  return fmt::format("{}", fmt::join(days, ", "));
}
} // namespace

std::vector<Finding> validate_dates(const Portfolio& portfolio, Date today, Lang lang) {
  std::vector<Finding> out;
  for (const Project& project : portfolio.projects)
    for (auto& finding : unlikely_dates(project, today, lang))
      out.push_back(std::move(finding));
  for (const StatusReport& report : portfolio.status_reports) {
    const auto period = parse_period(report.period);
    if (!period)
      continue; // the codec reported it
    if (period_start(*period) > today) {
      out.push_back(error(Location{report.file, 1, 1}, "future-period",
                          tr(lang,
                             "a status report for {}, which has not started (it starts on {}): "
                             "a report is for a period under way or ended",
                             "{} 的状态报告，但该周期尚未开始（{} 开始）：状态报告只能针对进行中"
                             "或已结束的周期",
                             report.period, format_date(period_start(*period)))));
      continue;
    }
    const Project* project = portfolio.project(report.project);
    if (project && project->start && period_end(*period) < *project->start)
      out.push_back(Finding{Severity::warning, Location{report.file, 1, 1}, "period-before-start",
                            tr(lang,
                               "a status report for {}, which ended before the project's planned "
                               "start {}",
                               "{} 的状态报告，但该周期在项目计划开始日期 {} 之前就已结束",
                               report.period, format_date(*project->start))});
  }
  // Working days in a year the calendar has no holidays for (not yet announced): one warning per
  // year and record (a project, a status report), at the first date in it.
  const Office& office = portfolio.office;
  if (office.control.days == DayCount::working && office.calendar.has_base()) {
    std::vector<int> warned;
    auto check = [&](Date date, const std::function<Location()>& where, std::string_view what) {
      const int year = static_cast<int>(std::chrono::year_month_day{date}.year());
      if (office.calendar.covers(year) ||
          std::find(warned.begin(), warned.end(), year) != warned.end())
        return;
      warned.push_back(year);
      const auto& years = office.calendar.years();
      out.push_back(Finding{
          Severity::warning, where(), "calendar-uncovered",
          tr(lang,
             "{} {} falls in {}, which calendar base {} does not cover (it has {}–{}; {} not yet "
             "announced?): working days in {} are counted as a plain {} week, an estimate",
             "{} {} 在 {} 年，日历 {} 没有该年的节假日安排（现有 {}–{} 年；{} 年尚未公布？）：{} "
             "年的工作日按普通工作周（{}）估算",
             what, format_date(date), year, office.calendar_settings.base,
             years.empty() ? 0 : years.front(), years.empty() ? 0 : years.back(), year, year,
             week_text(office.calendar.week()))});
    };
    for (const Project& project : portfolio.projects) {
      warned.clear(); // per record, so that a check of some projects says what a full one does
      auto field = [&](std::string path) {
        return [&project, path] { return at(project.where, path, project.file); };
      };
      if (project.start)
        check(*project.start, field("start"), "start");
      if (project.end)
        check(*project.end, field("end"), "end");
      for (std::size_t i = 0; i < project.milestones.size(); ++i)
        if (project.milestones[i].date)
          check(*project.milestones[i].date, field(fmt::format("milestones[{}].date", i)),
                project.milestones[i].name);
    }
    for (const StatusReport& report : portfolio.status_reports) {
      warned.clear();
      for (const auto& forecast : report.forecasts)
        check(
            forecast.date,
            [&report] {
              return Location{report.file, 1, 1};
            },
            forecast.name);
    }
  }
  for (const ConditionMet& met : portfolio.conditions_met)
    if (met.met && *met.met > today)
      out.push_back(error(at(met.where, "met", met.file), "future-date",
                          tr(lang, "met {} is after today ({})", "met {} 晚于今天（{}）",
                             format_date(*met.met), format_date(today))));
  for (const Project& project : portfolio.projects) {
    if (!project.closure)
      continue;
    const Closure& closure = *project.closure;
    for (auto [date, field] : {std::pair{closure.actual_start, "actual_start"},
                               std::pair{closure.actual_end, "actual_end"}})
      if (date && *date > today)
        out.push_back(error(at(closure.where, field, closure.file), "future-date",
                            tr(lang, "{} {} is after today ({})", "{} {} 晚于今天（{}）", field,
                               format_date(*date), format_date(today))));
  }
  return out;
}

} // namespace pmo::model
