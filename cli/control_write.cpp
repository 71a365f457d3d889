#include "control_write.hpp"

#include "workspace.hpp"

#include <pmo/codec/scalar.hpp>
#include <pmo/model/control.hpp>

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
  // The reader's own parser: a flag takes what a file takes, and nothing else.
  if (const auto value = model::parse_number(text))
    return *value;
  throw Failure(k_exit_findings,
                tr(lang, "{}: '{}' is not a number", "{}：“{}”不是数字", option, one_line(text)));
}

double amount_option(const std::string& text, const char* option, model::Lang lang,
                     bool signed_amount) {
  const double value = number_option(text, option, lang);
  if (!signed_amount && value < 0)
    throw Failure(k_exit_findings, tr(lang, "{} must not be negative, not {}",
                                      "{} 不能为负数，而不是 {}", option, one_line(text)));
  if (std::fabs(value) > model::k_max_amount)
    throw Failure(k_exit_findings,
                  tr(lang, "{} must be at most 1e15 (an amount of money), not {}",
                     "{} 不能超过 1e15（金额），而不是 {}", option, one_line(text)));
  return value;
}

model::Date date_option(const std::string& text, const char* option, model::Lang lang) {
  if (auto date = model::parse_date(text))
    return *date;
  throw Failure(k_exit_findings, tr(lang, "{}: '{}' is not a date (YYYY-MM-DD)",
                                    "{}：“{}”不是日期（YYYY-MM-DD）", option, one_line(text)));
}

void check_hold(const model::Portfolio& portfolio, const model::Project& project,
                const model::ProjectState& state, std::string_view kind, model::Lang lang) {
  if (state.pause != model::Pause::hold || !state.paused_gate)
    return;
  const auto& allowed = portfolio.office.control.while_on_hold;
  if (std::find(allowed.begin(), allowed.end(), kind) != allowed.end())
    return;
  std::string since;
  for (const model::Decision* d : portfolio.decisions_of(project.id))
    if (d->verdict == model::Verdict::hold && d->gate == state.paused_gate->id)
      since =
          tr(lang, " since {} ({})", "，自 {} 起（{}）",
             model::format_date(std::chrono::floor<std::chrono::days>(d->decided_at)), d->reviewer);
  throw Failure(k_exit_findings,
                tr(lang,
                   "{} is on hold at {}{}: a project on hold records only {} (pmo.yaml "
                   "control.while_on_hold), not {}; a decision on {} resumes it",
                   "{} 在关口 {} 处于暂停状态{}：暂停期间只能登记{}（pmo.yaml 的 "
                   "control.while_on_hold），不能登记{}；{} 的决策可恢复项目",
                   project.id, state.paused_gate->id, since,
                   model::record_kinds_text(allowed, lang),
                   model::record_kinds_text({std::string{kind}}, lang), state.paused_gate->id));
}

const model::Project& controlled_project(const store::Loaded& head, const std::string& id,
                                         model::Lang lang, std::string_view kind,
                                         model::ProjectState* state_out) {
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
  check_hold(portfolio, *project, state, kind, lang);
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

std::string new_record_id(Context& ctx, const std::string& prefix, const git::Signature& author,
                          const std::string& project, const std::string& content,
                          const std::vector<std::string>& used) {
  const std::string who = fmt::format("{} <{}>", author.name, author.email);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string id = model::make_record_id(
        prefix, model::IdSeed{ctx.clock.now, who, project, content, ctx.random.next()});
    if (std::none_of(used.begin(), used.end(), [&](const std::string& other) {
          return model::same_id_ignoring_case(id, other);
        }))
      return id;
  }
  // Only a broken random source gets here (28.6 million ids per prefix and project).
  throw Failure(k_exit_env, "internal error: no free record id (is the random source broken?)");
}

} // namespace pmo::cli
