#include "control_write.hpp"

#include "workspace.hpp"

#include <pmo/codec/scalar.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace pmo::cli {

using model::tr;

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n' || c == '\t')
      c = ' ';
  return text;
}

double number_option(const std::string& text, const char* option, model::Lang lang) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() ||
      !std::isfinite(value))
    throw Failure(k_exit_findings,
                  tr(lang, "{}: '{}' is not a number", "{}：“{}”不是数字", option, one_line(text)));
  return value;
}

model::Date date_option(const std::string& text, const char* option, model::Lang lang) {
  if (auto date = model::parse_date(text))
    return *date;
  throw Failure(k_exit_findings, tr(lang, "{}: '{}' is not a date (YYYY-MM-DD)",
                                    "{}：“{}”不是日期（YYYY-MM-DD）", option, one_line(text)));
}

const model::Project& controlled_project(const store::Loaded& head, const std::string& id,
                                         model::Lang lang, model::ProjectState* state_out) {
  require_loadable(head, lang, {"pmo.yaml", "people/", "projects/" + id + "/"});
  const model::Portfolio& portfolio = head.portfolio;
  const model::Project* project = portfolio.project(id);
  if (!project)
    throw Failure(k_exit_findings,
                  tr(lang, "no project '{}' in this portfolio", "组合中没有项目“{}”", id));
  auto state = model::derive_state(portfolio.office, portfolio.decisions_of(id), lang);
  const model::GateDef* gate = portfolio.office.gate(portfolio.office.control.baseline_gate);
  const std::string controlled = gate ? gate->enters : std::string{"executing"};
  if (state.stage != controlled)
    throw Failure(k_exit_findings,
                  tr(lang, "{} is in stage '{}'; project control records need stage '{}'",
                     "{} 当前处于“{}”阶段；项目监控记录只能在“{}”阶段登记", id,
                     model::stage_name(state.stage, lang), model::stage_name(controlled, lang)));
  if (state_out)
    *state_out = std::move(state);
  return *project;
}

std::pair<std::string, std::string> split_pair(const std::string& text, const char* option,
                                               model::Lang lang) {
  auto eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw Failure(k_exit_findings, tr(lang, "{}: '{}' is not NAME=VALUE",
                                      "{}：“{}”不是 名称=值 形式", option, one_line(text)));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::string next_record_id(const std::string& prefix, const std::vector<std::string>& used) {
  int highest = 0;
  for (const auto& id : used) {
    if (!id.starts_with(prefix + "-"))
      continue;
    int n = 0;
    const char* first = id.data() + prefix.size() + 1;
    auto [end, ec] = std::from_chars(first, id.data() + id.size(), n);
    if (ec == std::errc{} && end == id.data() + id.size())
      highest = std::max(highest, n);
  }
  return fmt::format("{}-{:03}", prefix, highest + 1);
}

} // namespace pmo::cli
