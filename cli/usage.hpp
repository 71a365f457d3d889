#pragma once
// A command line pmo refuses, said as pmo says everything: CLI11's errors in the user's language,
// a word that names no command with the closest command it may have meant, and the commands a
// command has.

#include <pmo/model/types.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::cli {

// CLI11's message of `error` in `lang`, its common shapes (required, not expected, not one of,
// cannot convert, missing value, requires, excludes, not found) reworded; any other as CLI11
// says it.
std::string parse_error_text(const CLI::Error& error, model::Lang lang);

// The subcommands a user may name under `app`: not the hidden ones.
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app);

// Edit distance between two words: insertions, deletions, substitutions and swaps of two
// neighbours each cost one (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The name among `names` closest to `word`, the first of equals, when it keeps something of it
// (distance below the word's length); nullopt otherwise.
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& names);

// A word of `args` (argv without the program name) where a command of `app` is expected but none
// has that name: "frobnicate" in `pmo -C dir frobnicate`, "ad" in `pmo risk ad`.
struct UnknownCommand {
  const CLI::App* parent = nullptr; // whose commands were expected
  std::string word;
};
std::optional<UnknownCommand> find_unknown_command(const CLI::App& app,
                                                   const std::vector<std::string>& args);

// The command path of `app` below the top ("risk add"; "" for the top itself).
std::string command_path(const CLI::App& app);

// "unknown command 'risk ad' (did you mean 'risk add'?)", in `lang`.
std::string unknown_command_text(const UnknownCommand& unknown, model::Lang lang);

// The most specific subcommand the parse reached (`app` itself when none).
const CLI::App& deepest_parsed(const CLI::App& app);

} // namespace pmo::cli
