#pragma once
// `pmo status` for a terminal: the portfolio as a table and one project's page, coloured when
// asked. Beside render_markdown (reports) and render_json (machines); every piece of user text
// goes through report::terminal_safe (via render_table / render_fields).

#include <pmo/report/portfolio.hpp>

#include <string>
#include <vector>

namespace pmo::cli {

// The portfolio table: id, title, stage, manager, next gate, days in stage, health, SPI, CPI.
std::string render_status_table(const model::Portfolio& portfolio,
                                const std::vector<report::ProjectRow>& rows, bool color,
                                model::Lang lang);

// One project: its record, gate history (with commit ids when `history_available`, else
// `history_note` says why not), conditions, project control, closure and next-gate checklist.
std::string render_status_page(const model::Portfolio& portfolio, const model::Project& project,
                               const report::ProjectDetail& detail, bool history_available,
                               const std::string& history_note, const model::Clock& clock,
                               bool color, model::Lang lang);

} // namespace pmo::cli
