#include "render_json.hpp"

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

} // namespace

json to_json(const report::ProjectRow& row) {
  return {{"id", row.id},
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
          {"stage_since", date_or_null(row.stage_since)},
          {"days_in_stage", int_or_null(row.days_in_stage)},
          {"anomalies", row.anomalies},
          {"health", row.health ? json(std::string{model::to_string(*row.health)}) : json(nullptr)},
          {"health_overridden", row.health_overridden},
          {"spi", row.spi ? json(*row.spi) : json(nullptr)},
          {"cpi", row.cpi ? json(*row.cpi) : json(nullptr)},
          {"last_period", string_or_null(row.last_period)},
          {"overdue", row.overdue},
          {"open_risks", row.open_risks},
          {"escalated_risks", row.escalated_risks},
          {"open_issues", row.open_issues},
          {"pending_changes", row.pending_changes}};
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
        {{"file", finding.where.file},
         {"line", finding.where.line},
         {"column", finding.where.column},
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
                 {"closure", nullptr},
                 {"file", p.file}};
  if (p.closure)
    record["closure"] = {{"acceptance", string_or_null(p.closure->acceptance)},
                         {"actual_end", date_or_null(p.closure->actual_end)},
                         {"actual_cost", number_or_null(p.closure->actual_cost)},
                         {"lessons", p.closure->lessons}};
  return record;
}

json report_json(const report::PortfolioReport& r, const std::string& head,
                 const std::string& history_note, int unreadable_files) {
  auto stages = json::array();
  for (const auto& count : r.stages)
    stages.push_back({{"stage", count.stage}, {"stage_name", count.label}, {"count", count.count}});
  auto projects = json::array();
  for (const auto& row : r.projects)
    projects.push_back(to_json(row));
  auto awaiting = json::array();
  for (const auto& item : r.awaiting)
    awaiting.push_back(to_json(item));
  json recent = nullptr;
  if (r.recent) {
    recent = json::array();
    for (const auto& entry : *r.recent)
      recent.push_back(to_json(entry));
  }
  return {{"office", r.office_name},
          {"language", model::lang_code(r.lang)},
          {"currency", r.currency},
          {"generated_at", model::format_timestamp(r.generated_at)},
          {"head", string_or_null(head)},
          {"total", r.total},
          {"stages", stages},
          {"projects", projects},
          {"awaiting", awaiting},
          {"recent_days", r.recent_days},
          {"recent_decisions", recent},
          {"history_note", r.recent ? json(nullptr) : json(history_note)},
          {"unreadable_files", unreadable_files}};
}

std::string dump_json(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

} // namespace pmo::cli
