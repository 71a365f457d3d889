#pragma once
// Report data as JSON (--json of status and report): stable keys, ids as written in the
// records, dates as YYYY-MM-DD and timestamps as YYYY-MM-DDTHH:MM:SSZ, null when unknown.

#include "render_markdown.hpp"

#include <pmo/model/kpi.hpp>
#include <pmo/report/lessons.hpp>
#include <pmo/report/portfolio.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace pmo::cli {

nlohmann::json to_json(const report::ProjectRow& row);
nlohmann::json to_json(const report::DecisionEntry& entry);
nlohmann::json to_json(const report::AwaitingProposal& item);
nlohmann::json to_json(const report::Checklist& checklist);
nlohmann::json to_json(const report::LessonHit& hit);
nlohmann::json project_record_json(const model::Project& project);
// `status ID --json` and `report ID --json`: the record, its state, its decisions (with commits
// when `history_available`, else `history_note` says why not), next gate, control, conditions.
nlohmann::json project_json(const model::Portfolio& portfolio, const model::Project& project,
                            const report::ProjectDetail& detail, bool history_available,
                            const std::string& history_note, const model::Clock& clock);
nlohmann::json closure_json(const model::Closure& closure);
// One entry of a register (pmo risk|issue|change list, and status's open ones).
nlohmann::json risk_json(const model::Risk& risk, bool escalated);
nlohmann::json issue_json(const model::Issue& issue, bool overdue);
nlohmann::json change_json(const model::ChangeState& change);
nlohmann::json conditions_json(const std::vector<model::ConditionState>& conditions);
nlohmann::json control_json(const model::ProjectControl& control,
                            const model::ControlSettings& settings, model::Date today);

// The whole report (pmo report --json), which is also what a report template sees: the data,
// the display texts of the rows in the report's language, its Mermaid charts ("charts") and its
// sections as pmo writes them ("sections", report_sections). `source.head` is the commit it was
// made from ("" if none); `source.history_note` says why recent decisions are missing (null in
// the JSON when they are there). With `wanted` (a template's names, CheckedTemplate::uses), the
// projects, the charts and the sections it is false of are not made.
nlohmann::json report_json(const report::PortfolioReport& report, const ReportSource& source,
                           const NameFilter& wanted = {});

// `pmo report ID --json`, what the one-pager's template sees: project_json, plus "date" and the
// one-pager's "sections" (project_sections).
nlohmann::json project_report_json(const model::Portfolio& portfolio, const model::Project& project,
                                   const report::ProjectDetail& detail, bool history_available,
                                   const model::Clock& clock, const ReportSource& source,
                                   model::Lang lang);

// The office's KPIs for a year (pmo kpi --json, and the report's "kpis"), each figure with its
// target, status and the projects behind it.
nlohmann::json kpi_json(const model::KpiReport& kpis);
// Two-space indented text ending in a newline; invalid UTF-8 in user text becomes U+FFFD.
std::string dump_json(const nlohmann::json& value);

} // namespace pmo::cli
