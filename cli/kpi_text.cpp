#include "kpi_text.hpp"

#include <pmo/report/lessons.hpp>
#include <pmo/report/text.hpp>

#include <fmt/format.h>

#include <cmath>

namespace pmo::cli {

using model::Lang;
using model::pick;
using model::tr;

std::string kpi_value_text(std::string_view kpi, const std::optional<double>& value) {
  if (!value)
    return "—";
  if (model::is_day_kpi(kpi))
    return fmt::format("{:.1f}", *value);
  return fmt::format("{:.1f}%", *value * 100);
}

std::string kpi_label(std::string_view kpi, Lang lang, model::DayCount unit) {
  if (unit == model::DayCount::working && kpi == "gate_cycle_days")
    return pick(lang, "Gate cycle time (working days)", "关口周期（工作日）");
  if (unit == model::DayCount::working && kpi == "decision_latency_days")
    return pick(lang, "Decision latency (working days)", "决策时延（工作日）");
  return model::kpi_name(kpi, lang);
}

std::string kpi_basis_text(const model::KpiFigure& f, int year, Lang lang) {
  const std::size_t n = f.entries.size();
  if (f.kpi == "on_time_delivery" || f.kpi == "budget_adherence" || f.kpi == "success_rate")
    return n == 1 ? tr(lang, "{0} of {1} project closed in {2}",
                       "{2} 年收尾 {1} 个项目，{0} 个计入", f.counted, n, year)
                  : tr(lang, "{0} of {1} projects closed in {2}",
                       "{2} 年收尾 {1} 个项目，{0} 个计入", f.counted, n, year);
  if (f.kpi == "business_case_complete")
    return tr(lang, "{0} of {1} proposals submitted in {2}", "{2} 年提交 {1} 份建议，{0} 份完整",
              f.counted, n, year);
  if (f.kpi == "status_on_time")
    return tr(lang, "{0} of {1} reports due in {2}", "{2} 年应交 {1} 份报告，{0} 份按时", f.counted,
              n, year);
  if (f.kpi == "gate_cycle_days")
    return tr(lang, "{} in {}", "{}（{} 年）",
              model::counted(lang, n, "{} gate passed", "{} gates passed", "{} 次关口通过"), year);
  return tr(lang, "{} in {}", "{}（{} 年）",
            model::counted(lang, n, "{} first decision", "{} first decisions", "{} 项首次决策"),
            year);
}

std::string kpi_subject_header(std::string_view kpi, Lang lang) {
  if (kpi == "gate_cycle_days")
    return pick(lang, "Gate", "关口");
  if (kpi == "decision_latency_days")
    return pick(lang, "Role", "角色");
  return pick(lang, "Period", "周期");
}

std::string kpi_entry_text(std::string_view kpi, const model::KpiEntry& e, Lang lang,
                           model::DayCount unit) {
  auto day_count = [&](double d) {
    return model::days_text(lang, unit, std::lround(std::fabs(d)));
  };
  if (kpi == "on_time_delivery")
    return e.counts ? pick(lang, "on time", "按时")
                    : tr(lang, "{} late", "延期 {}", day_count(*e.value));
  if (kpi == "budget_adherence")
    return e.counts ? pick(lang, "within budget", "未超预算")
                    : tr(lang, "over by {}", "超支 {}", report::format_amount(*e.value));
  if (kpi == "success_rate") {
    if (auto outcome = model::parse_outcome(e.detail))
      return report::outcome_name(*outcome, lang);
    return e.detail;
  }
  if (kpi == "business_case_complete")
    return e.counts ? pick(lang, "complete", "完整")
                    : tr(lang, "{} missing", "缺 {} 项", static_cast<int>(e.value ? *e.value : 0));
  if (kpi == "status_on_time") {
    if (!e.value)
      return pick(lang, "not committed", "未提交");
    return e.counts ? pick(lang, "on time", "按时")
                    : tr(lang, "{} late", "逾期 {}", day_count(*e.value));
  }
  return e.value ? fmt::format("{:.1f}", *e.value) : "—";
}

} // namespace pmo::cli
