#pragma once
// Shell completion scripts generated from the command line's definition: the CLI11 App tree gives
// every command, subcommand and option; the ids a value takes (gates, projects, people, roles) are
// asked of `pmo __complete KIND` at completion time, in the portfolio being completed in.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace pmo::cli {

enum class Shell { bash, zsh, fish };

// What an option's value (or a positional argument) completes to: nothing to offer (a flag or
// free text), a file, a directory, the ids `pmo __complete KIND` prints, or fixed choices.
struct ValueKind {
  enum class Type { none, text, file, dir, ids, choices } type = Type::none;
  std::string ids;                  // gates, projects, people, roles (Type::ids)
  std::vector<std::string> choices; // Type::choices
};

struct CompletionOption {
  std::vector<std::string> names; // "-q", "--quiet"; a positional: its name ("ID")
  std::string description;
  ValueKind value; // Type::none: a flag
};

struct CompletionCommand {
  std::string path; // "" for pmo itself, "risk add"
  std::string description;
  std::vector<std::string> subcommands;      // names, visible ones only
  std::vector<std::string> subcommand_about; // their descriptions, in the same order
  std::vector<CompletionOption> options;     // its own, and its parents' it falls through to
  std::vector<CompletionOption> positionals; // in order
};

// Every visible command under (and including) `app`, parents before children.
std::vector<CompletionCommand> completion_commands(const CLI::App& app);

// The completion script of `shell` for `app` (named "pmo").
std::string completion_script(const CLI::App& app, Shell shell);

// The kinds of ids `pmo __complete` prints.
inline const std::vector<std::string>& completion_id_kinds() {
  static const std::vector<std::string> kinds{"gates", "projects", "people", "roles"};
  return kinds;
}

} // namespace pmo::cli
