#pragma once
// How KPI figures read, for the terminal (pmo kpi) and the Markdown report alike.

#include <pmo/model/kpi.hpp>

#include <optional>
#include <string>

namespace pmo::cli {

// "75.0%" for a rate, "12.5" for days, "—" for none.
std::string kpi_value_text(std::string_view kpi, const std::optional<double>& value);
// What the figure is taken over: "3 of 4 projects closed in 2026", "5 gate passes in 2026", …
std::string kpi_basis_text(const model::KpiFigure& figure, int year, model::Lang lang);
// The header of an entry's subject: gate, role or period.
std::string kpi_subject_header(std::string_view kpi, model::Lang lang);
// One entry's value: "6 days late", "on time", "within budget", "partially achieved", …
// The KPI's name, its day KPIs in `unit`: "关口周期（工作日）" / "Gate cycle time (working days)".
std::string kpi_label(std::string_view kpi, model::Lang lang, model::DayCount unit);
// Day counts in `unit` (the office's control.days): "3 working days late" / "延期 3 个工作日".
std::string kpi_entry_text(std::string_view kpi, const model::KpiEntry& entry, model::Lang lang,
                           model::DayCount unit = model::DayCount::calendar);

} // namespace pmo::cli
