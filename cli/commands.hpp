#pragma once
// One function per command registers its subcommand and options; when the subcommand is
// chosen its callback stores the action, which main() runs after parsing.

#include "context.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace pmo::cli {

using Action = std::function<int(Context&)>;

// The language of --help: the office's (or --lang's), looked up only when help is asked for.
// help("Project id", "项目编号") is the description in that language.
struct Help {
  model::Lang lang = model::Lang::en;
  std::string operator()(const char* en, const char* zh) const {
    return lang == model::Lang::zh ? zh : en;
  }
};

void add_init(CLI::App& app, Action& action, const Help& help);
void add_people(CLI::App& app, Action& action, const Help& help);
void add_propose(CLI::App& app, Action& action, const Help& help);
void add_review(CLI::App& app, Action& action, const Help& help);
void add_status(CLI::App& app, Action& action, const Help& help);
void add_report(CLI::App& app, Action& action, const Help& help);
void add_validate(CLI::App& app, Action& action, const Help& help);
void add_update(CLI::App& app, Action& action, const Help& help);
void add_risk(CLI::App& app, Action& action, const Help& help);
void add_issue(CLI::App& app, Action& action, const Help& help);
void add_change(CLI::App& app, Action& action, const Help& help);
void add_close(CLI::App& app, Action& action, const Help& help);
void add_condition(CLI::App& app, Action& action, const Help& help);
void add_lessons(CLI::App& app, Action& action, const Help& help);
void add_verify(CLI::App& app, Action& action, const Help& help);
void add_portfolio(CLI::App& app, Action& action, const Help& help);
void add_resources(CLI::App& app, Action& action, const Help& help);
void add_schema(CLI::App& app, Action& action, const Help& help);
void add_kpi(CLI::App& app, Action& action, const Help& help);
// `completion SHELL` and the hidden `__complete KIND` the completion scripts call.
void add_completion(CLI::App& app, Action& action, const Help& help);
// `help [COMMAND...]`.
void add_help(CLI::App& app, Action& action, const Help& help);
// The `list` subcommand of a register command (`kind`: "risk", "issue" or "change").
void add_register_list(CLI::App& register_cmd, std::string_view kind, Action& action,
                       const Help& help);

} // namespace pmo::cli
