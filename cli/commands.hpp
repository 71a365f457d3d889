#pragma once
// One function per command registers its subcommand and options; when the subcommand is
// chosen its callback stores the action, which main() runs after parsing.

#include "context.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>

namespace pmo::cli {

using Action = std::function<int(Context&)>;

void add_init(CLI::App& app, Action& action);
void add_people(CLI::App& app, Action& action);
void add_propose(CLI::App& app, Action& action);
void add_review(CLI::App& app, Action& action);
void add_status(CLI::App& app, Action& action);
void add_report(CLI::App& app, Action& action);
void add_validate(CLI::App& app, Action& action);
void add_update(CLI::App& app, Action& action);
void add_risk(CLI::App& app, Action& action);
void add_issue(CLI::App& app, Action& action);
void add_change(CLI::App& app, Action& action);
void add_close(CLI::App& app, Action& action);
void add_condition(CLI::App& app, Action& action);
void add_lessons(CLI::App& app, Action& action);
void add_verify(CLI::App& app, Action& action);
// The `list` subcommand of a register command (`kind`: "risk", "issue" or "change").
void add_register_list(CLI::App& register_cmd, std::string_view kind, Action& action);

} // namespace pmo::cli
