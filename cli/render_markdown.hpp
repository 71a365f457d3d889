#pragma once
// The portfolio report as GitHub-flavoured Markdown with Mermaid charts. Every piece of user
// text goes through report::md_text / report::mermaid_text.

#include <pmo/report/portfolio.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pmo::cli {

// Where the report's data came from, for its footer.
struct ReportSource {
  std::string head; // HEAD commit id; "" when unborn or not in git
  bool in_git = false;
  std::string history_note; // why the decision history is not available ("" when it is)
  int unreadable_files = 0; // records left out because they failed to load
};

// A department of an enterprise office's roll-up report, as its first section lists it.
struct DepartmentLine {
  std::string id;
  std::string path;
  std::string remote;
  std::optional<std::size_t> projects; // nullopt: not read (`problem` says why)
  std::string problem;
};
// "## Departments": each department, its path and remote, its projects or why it is missing; the
// roll-up's report carries it as sections.departments, which the template puts after its first
// lines.
std::string departments_section(const std::vector<DepartmentLine>& departments, model::Lang lang);

// The report's sections as pmo writes them, in order, each a Markdown block without its final line
// breaks ("" when the report has no such section): summary, stages, projects, timeline, control,
// trend, risk_matrix, changes_and_closures, kpis, dependencies, resources, awaiting, frontier,
// recent, footer. The report's JSON carries them as "sections" for templates (report_template).
// With `wanted`, only the sections it is true of are made (the others are left out).
using NameFilter = std::function<bool(std::string_view name)>;
std::vector<std::pair<std::string, std::string>>
report_sections(const report::PortfolioReport& report, const ReportSource& source,
                const NameFilter& wanted = {});

// The footer line: the commit (or working tree) the report was made from, at `now`, and the
// records left out.
std::string report_footer(const ReportSource& source, model::Timestamp now, model::Lang lang);

// `pmo report ID`: the project on one page — stage, people and next gate; baseline against
// forecast; earned value; the latest status report; open risks, issues, changes and conditions;
// gate history; what the next gate still needs.
// Its sections, as report_sections: overview, schedule, earned_value, latest_report, open_items,
// gate_history, checklist, footer.
std::vector<std::pair<std::string, std::string>>
project_sections(const model::Portfolio& portfolio, const model::Project& project,
                 const report::ProjectDetail& detail, const model::Clock& clock,
                 const ReportSource& source, model::Lang lang);

// "G1 立项审批" / "G1 Initiation approval", then approvals so far "1/4" if asked, then the pause
// if any ("" when no gate is left).
std::string next_gate_text(const report::ProjectRow& row, model::Lang lang,
                           bool with_approvals = false);

} // namespace pmo::cli
