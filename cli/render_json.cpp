#include "render_json.hpp"

#include <pmo/report/charts.hpp>
#include <pmo/report/text.hpp>

namespace pmo::cli {

namespace {

using nlohmann::json;

json date_or_null(const std::optional<model::Date>& date) {
  return date ? json(model::format_date(*date)) : json(nullptr);
}

json number_or_null(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json int_or_null(const std::optional<int>& value) { return value ? json(*value) : json(nullptr); }

const char* pause_code(model::Pause pause) {
  switch (pause) {
  case model::Pause::none:
    return "none";
  case model::Pause::revise:
    return "revise";
  case model::Pause::hold:
    return "hold";
  }
  return "none";
}

json string_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json blocked_by_json(const std::vector<report::BlockedBy>& items) {
  json out = json::array();
  for (const auto& b : items)
    out.push_back({{"project", b.project},
                   {"stage", b.stage.empty() ? json(nullptr) : json(b.stage)},
                   {"milestone", b.milestone.empty() ? json(nullptr) : json(b.milestone)},
                   {"due", b.due ? json(model::format_date(*b.due)) : json(nullptr)},
                   {"now", b.now.empty() ? json(nullptr) : json(b.now)},
                   {"on_hold", b.on_hold}});
  return out;
}

json open_conditions_json(const std::vector<report::OpenCondition>& conditions) {
  auto out = json::array();
  for (const auto& c : conditions)
    out.push_back({{"id", c.id},
                   {"condition", c.text},
                   {"reviewer", c.reviewer},
                   {"set", model::format_date(c.set)}});
  return out;
}

} // namespace

json to_json(const report::ProjectRow& row) {
  return {
      {"id", row.id},
      {"title", row.title},
      {"stage", row.stage},
      {"stage_name", row.stage_label},
      {"manager", string_or_null(row.manager)},
      {"manager_name", string_or_null(row.manager_name)},
      {"next_gate", string_or_null(row.next_gate)},
      {"next_gate_name", string_or_null(row.next_gate_name)},
      {"approvals", row.approvals},
      {"approvals_needed", row.approvals_needed},
      {"missing_roles", row.missing_roles},
      {"pause", pause_code(row.pause)},
      {"paused_gate", string_or_null(row.paused_gate)},
      {"hold_since", date_or_null(row.hold_since)},
      {"hold_by", string_or_null(row.hold_by)},
      {"stage_since", date_or_null(row.stage_since)},
      {"days_in_stage", int_or_null(row.days_in_stage)},
      {"anomalies", row.anomalies},
      {"outcome", row.outcome ? json(std::string{model::to_string(*row.outcome)}) : json(nullptr)},
      {"health", row.health ? json(std::string{model::to_string(*row.health)}) : json(nullptr)},
      {"health_overridden", row.health_overridden},
      {"spi", row.spi ? json(*row.spi) : json(nullptr)},
      {"cpi", row.cpi ? json(*row.cpi) : json(nullptr)},
      {"last_period", string_or_null(row.last_period)},
      {"overdue", row.overdue},
      {"open_risks", row.open_risks},
      {"escalated_risks", row.escalated_risks},
      {"open_issues", row.open_issues},
      {"overdue_issues", row.overdue_issues},
      {"pending_changes", row.pending_changes},
      {"open_conditions", open_conditions_json(row.open_conditions)},
      {"blocked_by", blocked_by_json(row.blocked_by)}};
}

json to_json(const report::DecisionEntry& entry) {
  return {{"decided_at", model::format_timestamp(entry.when)},
          {"project", entry.project},
          {"gate", entry.gate},
          {"decision", entry.verdict},
          {"decision_name", entry.verdict_name},
          {"reviewer", entry.reviewer},
          {"reviewer_name", entry.reviewer_name},
          {"role", entry.role},
          {"role_name", entry.role_name},
          {"commit", string_or_null(entry.commit)},
          {"comment", string_or_null(entry.comment)},
          {"conditions", entry.conditions},
          {"note", string_or_null(entry.note)}};
}

json to_json(const report::AwaitingProposal& item) {
  return {{"id", item.id},
          {"title", item.title},
          {"gate", item.gate},
          {"gate_name", item.gate_name},
          {"submitted", date_or_null(item.submitted)},
          {"days_waiting", int_or_null(item.days_waiting)},
          {"approvals", item.approvals},
          {"approvals_needed", item.approvals_needed},
          {"missing_roles", item.missing_roles},
          {"pause", pause_code(item.pause)}};
}

json to_json(const report::Checklist& checklist) {
  auto fields = json::array();
  for (const auto& finding : checklist.missing_fields)
    fields.push_back(
        {{"file", string_or_null(finding.where.file)},
         {"line", finding.where.line > 0 ? json(finding.where.line) : json(nullptr)},
         {"column", finding.where.line > 0 && finding.where.column > 0 ? json(finding.where.column)
                                                                       : json(nullptr)},
         {"severity", finding.severity == model::Severity::error ? "error" : "warning"},
         {"message", finding.message}});
  return {{"gate", checklist.gate},
          {"gate_name", checklist.gate_name},
          {"missing_fields", fields},
          {"missing_roles", checklist.missing_roles},
          {"approvals", checklist.approvals},
          {"approvals_needed", checklist.approvals_needed},
          {"pause", pause_code(checklist.pause)},
          {"paused_gate", string_or_null(checklist.paused_gate)}};
}

json project_record_json(const model::Project& p) {
  json plan = json::object();
  for (auto name : model::k_plan_sections)
    plan[std::string{name}] = string_or_null(*model::plan_section(p.plan, name));
  auto milestones = json::array();
  for (const auto& m : p.milestones)
    milestones.push_back({{"name", m.name}, {"date", date_or_null(m.date)}, {"weight", m.weight}});
  json scores = json::object();
  for (const auto& score : p.scores)
    scores[score.criterion] = score.value;
  auto depends_on = json::array();
  for (const auto& d : p.depends_on)
    depends_on.push_back({{"project", d.project},
                          {"stage", string_or_null(d.stage)},
                          {"milestone", string_or_null(d.milestone)}});
  json record = {{"title", p.title},
                 {"sponsor", string_or_null(p.sponsor)},
                 {"manager", string_or_null(p.manager)},
                 {"budget", number_or_null(p.budget)},
                 {"start", date_or_null(p.start)},
                 {"end", date_or_null(p.end)},
                 {"submitted", date_or_null(p.submitted)},
                 {"objectives", p.objectives},
                 {"scope", {{"in", p.scope.in}, {"out", p.scope.out}}},
                 {"strategic_alignment", string_or_null(p.strategic_alignment)},
                 {"business_case",
                  {{"benefits", p.business_case.benefits},
                   {"cost_estimate", number_or_null(p.business_case.cost_estimate)},
                   {"roi", number_or_null(p.business_case.roi)}}},
                 {"feasibility", string_or_null(p.feasibility)},
                 {"risks", p.risks},
                 {"resources", p.resources},
                 {"plan", plan},
                 {"milestones", milestones},
                 {"scores", scores},
                 {"depends_on", depends_on},
                 {"closure", p.closure ? closure_json(*p.closure) : json(nullptr)},
                 {"file", p.file}};
  return record;
}

json closure_json(const model::Closure& c) {
  auto deliverables = json::array();
  for (const auto& d : c.deliverables)
    deliverables.push_back(
        {{"name", d.name}, {"accepted", d.accepted}, {"note", string_or_null(d.note)}});
  auto lessons = json::array();
  for (const auto& lesson : c.lessons)
    lessons.push_back(
        {{"kind", model::to_string(lesson.kind)}, {"text", lesson.text}, {"tags", lesson.tags}});
  auto evaluation = [](const model::Evaluation& e) {
    return e.rating ? json{{"rating", *e.rating}, {"comment", string_or_null(e.comment)}}
                    : json(nullptr);
  };
  return {{"acceptance", string_or_null(c.acceptance)},
          {"deliverables", deliverables},
          {"actual_start", date_or_null(c.actual_start)},
          {"actual_end", date_or_null(c.actual_end)},
          {"actual_cost", number_or_null(c.actual_cost)},
          {"outcome", c.outcome ? json(model::to_string(*c.outcome)) : json(nullptr)},
          {"evaluation",
           {{"project", evaluation(c.project_evaluation)},
            {"manager", evaluation(c.manager_evaluation)}}},
          {"lessons", lessons},
          {"file", c.file}};
}

json risk_json(const model::Risk& r, bool escalated) {
  return {{"project", r.project},
          {"id", r.id},
          {"description", r.description},
          {"cause", r.cause},
          {"probability", r.probability},
          {"impact", r.impact},
          {"score", r.score()},
          {"escalated", escalated},
          {"owner", r.owner},
          {"response", model::to_string(r.response)},
          {"actions", r.actions},
          {"due", date_or_null(r.due)},
          {"open", r.open},
          {"raised", date_or_null(r.raised)},
          {"closed", date_or_null(r.closed)}};
}

json issue_json(const model::Issue& i, bool overdue) {
  return {{"project", i.project},
          {"id", i.id},
          {"description", i.description},
          {"priority", model::to_string(i.priority)},
          {"owner", i.owner},
          {"due", date_or_null(i.due)},
          {"overdue", overdue},
          {"open", !i.resolved.has_value()},
          {"raised", date_or_null(i.raised)},
          {"resolved", date_or_null(i.resolved)},
          {"resolution", i.resolution}};
}

json conditions_json(const std::vector<model::ConditionState>& conditions) {
  auto out = json::array();
  for (const auto& c : conditions) {
    json met = nullptr;
    if (c.met)
      met = {{"id", c.met->id},
             {"date", date_or_null(c.met->met)},
             {"by", c.met->by},
             {"evidence", c.met->evidence}};
    out.push_back({{"id", c.id},
                   {"condition", c.text},
                   {"decision", c.decision->file},
                   {"reviewer", c.decision->reviewer},
                   {"decided_at", model::format_timestamp(c.decision->decided_at)},
                   {"met", met}});
  }
  return out;
}

json change_json(const model::ChangeState& change) {
  const char* status = "pending";
  switch (change.status) {
  case model::ChangeStatus::pending:
    status = "pending";
    break;
  case model::ChangeStatus::approved:
    status = "approved";
    break;
  case model::ChangeStatus::rejected:
    status = "rejected";
    break;
  case model::ChangeStatus::returned:
    status = "returned";
    break;
  case model::ChangeStatus::on_hold:
    status = "on_hold";
    break;
  }
  const model::ChangeRequest& cr = *change.change;
  return {{"project", cr.project},
          {"id", cr.id},
          {"title", cr.title},
          {"status", status},
          {"requested_by", cr.requested_by},
          {"requested", date_or_null(cr.requested)},
          {"schedule_days", cr.schedule_days},
          {"cost", cr.cost},
          {"approvals", change.board.approvals.size()},
          {"approvals_needed", change.board.approvals_needed},
          {"decided_at",
           change.decided_at ? json(model::format_timestamp(*change.decided_at)) : json(nullptr)}};
}

json control_json(const model::ProjectControl& c, const model::ControlSettings& settings,
                  model::Date today) {
  auto forecasts = json::array();
  for (const auto& f : c.forecasts)
    forecasts.push_back(
        {{"milestone", f.name},
         {"forecast", model::format_date(f.forecast)},
         {"baseline", f.baseline ? json(model::format_date(*f.baseline)) : json(nullptr)},
         {"slip_days", f.slip_days ? json(*f.slip_days) : json(nullptr)}});
  auto baselines = json::array();
  for (const auto& b : c.baselines) {
    auto milestones = json::array();
    for (const auto& m : b.milestones)
      milestones.push_back(
          {{"name", m.name}, {"date", date_or_null(m.date)}, {"weight", m.weight}});
    baselines.push_back({{"version", b.version},
                         {"cause", b.cause},
                         {"since", model::format_timestamp(b.since)},
                         {"budget", b.budget},
                         {"start", model::format_date(b.start)},
                         {"end", model::format_date(b.end)},
                         {"milestones", milestones}});
  }
  json evm = nullptr;
  if (c.evm) {
    const model::Evm& e = *c.evm;
    auto index = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    evm = {{"status_date", model::format_date(e.status_date)},
           {"planned_percent", e.planned_percent},
           {"bac", e.bac},
           {"pv", e.pv},
           {"ev", e.ev},
           {"ac", e.ac},
           {"sv", e.sv},
           {"cv", e.cv},
           {"spi", index(e.spi)},
           {"cpi", index(e.cpi)},
           {"eac", e.eac},
           {"etc", e.etc},
           {"vac", e.vac},
           {"tcpi", index(e.tcpi)}};
  }
  auto rag = [](const std::optional<model::Rag>& r) {
    return r ? json(model::to_string(*r)) : json(nullptr);
  };
  json health = {{"overall", rag(c.health.overall)}};
  for (const auto& d : c.health.dimensions)
    health[std::string{model::to_string(d.dimension)}] = {{"rating", rag(d.rating())},
                                                          {"computed", rag(d.computed)},
                                                          {"reported", rag(d.reported)},
                                                          {"overridden", d.overridden()}};
  auto risks = json::array();
  for (const model::Risk* r : c.open_risks)
    risks.push_back(risk_json(*r, model::is_escalated(settings, *r)));
  auto issues = json::array();
  for (const model::Issue* i : c.open_issues)
    issues.push_back(issue_json(*i, model::is_overdue(*i, today)));
  auto changes = json::array();
  for (const auto& change : c.changes)
    changes.push_back(change_json(change));
  return {{"baselines", baselines},
          {"latest_report", c.latest ? json(c.latest->period) : json(nullptr)},
          {"latest_report_amended", c.latest && c.latest->amended
                                        ? json(model::format_date(*c.latest->amended))
                                        : json(nullptr)},
          {"forecasts", forecasts},
          {"current_period", c.current_period},
          {"due_period", c.due_period},
          {"report_due", model::format_date(c.report_due)},
          {"reporting", c.reporting},
          {"overdue", c.overdue},
          {"earned_value", evm},
          {"health", health},
          {"open_risks", risks},
          {"escalated_risks", c.escalated},
          {"open_issues", issues},
          {"changes", changes}};
}

json to_json(const report::LessonHit& hit) {
  return {{"project", hit.project->id},
          {"title", hit.project->title},
          {"closed", hit.closed},
          {"outcome",
           hit.closure->outcome ? json(model::to_string(*hit.closure->outcome)) : json(nullptr)},
          {"actual_end", date_or_null(hit.closure->actual_end)},
          {"kind", model::to_string(hit.lesson->kind)},
          {"text", hit.lesson->text},
          {"tags", hit.lesson->tags},
          {"file", hit.closure->file}};
}

namespace {

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// A block of Markdown without the line breaks that end it (a template adds its own).
json block_or_null(std::string text) {
  while (!text.empty() && text.back() == '\n')
    text.pop_back();
  return text_or_null(text);
}

json sections_json(const std::vector<std::pair<std::string, std::string>>& sections) {
  json out = json::object();
  for (const auto& [name, text] : sections)
    out[name] = text_or_null(text);
  return out;
}

// "Name (id)", "Name（id）", the id alone when the name is the id or unknown.
std::string person_display(const std::string& name, const std::string& id, model::Lang lang) {
  return report::name_with_id(name == id ? std::string{} : name, id, lang);
}

} // namespace

json report_json(const report::PortfolioReport& r, const ReportSource& source,
                 const NameFilter& wanted) {
  auto wants = [&wanted](std::string_view name) { return !wanted || wanted(name); };
  const std::string& head = source.head;
  const std::string& history_note = source.history_note;
  const int unreadable_files = source.unreadable_files;
  const model::Lang lang = r.lang;
  auto stages = json::array();
  for (const auto& count : r.stages)
    stages.push_back({{"stage", count.stage}, {"stage_name", count.label}, {"count", count.count}});
  auto projects = json::array();
  if (wants("projects"))
    for (const auto& row : r.projects) {
      json item = to_json(row);
      item["manager_text"] = row.manager.empty()
                                 ? json(nullptr)
                                 : json(person_display(row.manager_name, row.manager, lang));
      item["next_gate_text"] = text_or_null(next_gate_text(row, lang));
      projects.push_back(std::move(item));
    }
  auto awaiting = json::array();
  for (const auto& a : r.awaiting) {
    json item = to_json(a);
    std::string gate = a.gate + " " + a.gate_name;
    if (a.pause != model::Pause::none)
      gate += model::tr(lang, " ({})", "（{}）", model::pause_name(a.pause, lang));
    std::string roles;
    for (std::size_t i = 0; i < a.missing_role_names.size(); ++i)
      roles += (i ? model::pick(lang, ", ", "、") : "") + a.missing_role_names[i];
    item["gate_text"] = gate;
    item["missing_role_names"] = a.missing_role_names;
    item["roles_text"] = text_or_null(roles);
    awaiting.push_back(std::move(item));
  }
  json recent = nullptr;
  if (r.recent) {
    recent = json::array();
    for (const auto& entry : *r.recent) {
      json item = to_json(entry);
      item["date"] = model::format_date(std::chrono::floor<std::chrono::days>(entry.when));
      item["reviewer_text"] = text_or_null(
          entry.reviewer.empty() ? std::string{}
                                 : person_display(entry.reviewer_name, entry.reviewer, lang));
      item["commit_short"] = text_or_null(entry.commit.substr(0, 7));
      recent.push_back(std::move(item));
    }
  }
  auto over_allocations = json::array();
  for (const auto& o : r.over_allocations) {
    auto projects_of = json::array();
    for (const auto& [id, fte] : o.projects)
      projects_of.push_back({{"project", id}, {"fte", fte}});
    over_allocations.push_back({{"person", o.person},
                                {"load", o.load},
                                {"capacity", o.capacity},
                                {"from", model::format_date(o.from)},
                                {"to", model::format_date(o.to)},
                                {"projects", projects_of},
                                {"should_yield", string_or_null(o.should_yield)}});
  }
  auto frontier_points = json::array();
  for (const auto& p : r.frontier.points)
    frontier_points.push_back({{"budget", p.budget}, {"score", p.score}});
  json frontier = {{"candidates", r.frontier.candidates},
                   {"total_cost", r.frontier.total},
                   {"too_large", r.frontier.too_large},
                   {"points", frontier_points}};
  const report::ExecutiveSummary& s = r.summary;
  json summary = {
      {"active", s.active},
      {"health", {{"green", s.green}, {"amber", s.amber}, {"red", s.red}, {"unrated", s.unrated}}},
      {"red_projects", s.red_projects},
      {"proposals", s.proposals},
      {"closed", s.closed},
      {"rejected", s.rejected},
      {"proposals_waiting", s.proposals_waiting},
      {"longest_wait_days", s.longest_wait_days ? json(*s.longest_wait_days) : json(nullptr)},
      {"on_hold", s.on_hold},
      {"revising", s.revising},
      {"escalated_risks", s.escalated_risks},
      {"pending_changes", s.pending_changes},
      {"overdue_reports", s.overdue_reports},
      {"late_projects", s.late_projects},
      {"money",
       {{"projects", s.with_evm}, {"bac", s.bac}, {"ac", s.ac}, {"eac", s.eac}, {"vac", s.vac}}}};
  json charts = json::object();
  auto chart = [&](const char* name, auto&& make) {
    if (wants("charts") && wants(name))
      charts[name] = block_or_null(make());
  };
  chart("stages", [&] { return report::stage_pie(r); });
  chart("timeline", [&] { return report::portfolio_timeline(r).chart; });
  chart("risk_matrix", [&] { return report::risk_quadrant(r); });
  chart("index_trend", [&] { return report::index_trend_chart(r); });
  chart("dependencies", [&] { return report::dependency_graph(r).chart; });
  chart("frontier", [&] { return report::frontier_chart(r); });
  // The data under the charts, for templates that draw their own.
  auto open_risks = json::array();
  for (const auto& risk : r.open_risks)
    open_risks.push_back({{"project", risk.project},
                          {"id", risk.id},
                          {"description", risk.description},
                          {"probability", risk.probability},
                          {"impact", risk.impact},
                          {"score", risk.probability * risk.impact}});
  auto escalated = json::array();
  for (const auto& risk : r.escalated)
    escalated.push_back({{"project", risk.project},
                         {"id", risk.id},
                         {"description", risk.description},
                         {"score", risk.score},
                         {"owner", risk.owner}});
  auto index_trend = json::array();
  for (const auto& p : r.index_trend)
    index_trend.push_back({{"period", p.period},
                           {"projects", p.projects},
                           {"pv", p.pv},
                           {"ev", p.ev},
                           {"ac", p.ac},
                           {"spi", number_or_null(p.spi)},
                           {"cpi", number_or_null(p.cpi)}});
  // The lists are moved in: a braced list of values would copy each (10,000 rows at 10,000
  // projects). nlohmann keeps an object's keys sorted, so the order here is not the output's.
  json out = {{"schema_version", 1},
              {"office", r.office_name},
              {"escalate_at", r.escalate_at},
              {"date", model::format_date(std::chrono::floor<std::chrono::days>(r.generated_at))},
              {"language", model::lang_code(r.lang)},
              {"currency", r.currency},
              {"days", model::to_string(r.days)},
              {"working_days", r.days == model::DayCount::working},
              {"generated_at", model::format_timestamp(r.generated_at)},
              {"head", string_or_null(head)},
              {"total", r.total},
              {"recent_days", r.recent_days},
              {"history_note", r.recent ? json(nullptr) : json(history_note)},
              {"unreadable_files", unreadable_files}};
  out["open_risks"] = std::move(open_risks);
  out["escalated_risks"] = std::move(escalated);
  out["index_trend"] = std::move(index_trend);
  out["charts"] = std::move(charts);
  out["sections"] =
      wants("sections") ? sections_json(report_sections(r, source, wanted)) : json::object();
  out["summary"] = std::move(summary);
  out["stages"] = std::move(stages);
  out["projects"] = std::move(projects);
  out["awaiting"] = std::move(awaiting);
  out["recent_decisions"] = std::move(recent);
  out["over_allocations"] = std::move(over_allocations);
  out["frontier"] = std::move(frontier);
  out["kpis"] = r.kpis ? kpi_json(*r.kpis) : json(nullptr);
  return out;
}

json project_json(const model::Portfolio& portfolio, const model::Project& project,
                  const report::ProjectDetail& detail, bool history_available,
                  const std::string& history_note, const model::Clock& clock) {
  auto decisions = json::array();
  for (const auto& d : detail.history)
    decisions.push_back(to_json(d));
  return {{"schema_version", 1},
          {"id", project.id},
          {"record", project_record_json(project)},
          {"state", to_json(detail.row)},
          {"history", decisions},
          {"history_available", history_available},
          {"history_note", history_available ? json(nullptr) : json(history_note)},
          {"next_gate", detail.next ? to_json(*detail.next) : json(nullptr)},
          {"control", control_json(detail.control, portfolio.office.control, clock.today())},
          {"days", model::to_string(detail.control.days)},
          {"conditions", conditions_json(model::conditions_of(portfolio, project))},
          {"generated_at", model::format_timestamp(clock.now)}};
}

json project_report_json(const model::Portfolio& portfolio, const model::Project& project,
                         const report::ProjectDetail& detail, bool history_available,
                         const model::Clock& clock, const ReportSource& source, model::Lang lang) {
  json out =
      project_json(portfolio, project, detail, history_available, source.history_note, clock);
  out["date"] = model::format_date(clock.today());
  out["sections"] =
      sections_json(project_sections(portfolio, project, detail, clock, source, lang));
  return out;
}

std::string dump_json(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

nlohmann::json kpi_json(const model::KpiReport& kpis) {
  auto optional = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  auto figures = nlohmann::json::array();
  for (const auto& f : kpis.figures) {
    const bool days = model::is_day_kpi(f.kpi);
    auto entries = nlohmann::json::array();
    for (const auto& e : f.entries) {
      nlohmann::json entry{{"project", e.project}};
      if (!e.subject.empty())
        entry["subject"] = e.subject;
      if (!days)
        entry["counts"] = e.counts;
      entry["value"] = optional(e.value);
      entry["detail"] = e.detail;
      entries.push_back(std::move(entry));
    }
    nlohmann::json figure{{"kpi", f.kpi},
                          {"unit", days ? "days" : "rate"},
                          {"value", optional(f.value)},
                          {"target", optional(f.target)},
                          {"status", model::to_string(f.status)},
                          {"count", f.entries.size()}};
    if (!days)
      figure["counted"] = f.counted;
    if (!f.groups.empty()) {
      auto groups = nlohmann::json::array();
      for (const auto& g : f.groups)
        groups.push_back({{"subject", g.subject}, {"average", g.average}, {"count", g.count}});
      figure["groups"] = groups;
    }
    figure["entries"] = entries;
    figures.push_back(std::move(figure));
  }
  return {{"year", kpis.year}, {"days", model::to_string(kpis.days)}, {"figures", figures}};
}

} // namespace pmo::cli
