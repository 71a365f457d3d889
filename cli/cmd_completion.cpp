// pmo completion bash|zsh|fish — a completion script generated from the command line itself;
// pmo __complete KIND (hidden) — the ids of the portfolio a completion asks for, one per line.
// pmo help [COMMAND...] — the command list, or a command's help.

#include "commands.hpp"
#include "completion.hpp"
#include "usage.hpp"
#include "workspace.hpp"

#include <pmo/store/loader.hpp>
#include <pmo/store/store.hpp>

#include <algorithm>
#include <ostream>

namespace pmo::cli {

namespace {

// The ids of `kind` in the portfolio around ctx.start_dir; nothing at all (no message, exit 0)
// outside a portfolio or when pmo.yaml does not read: a completion must never print an error.
int print_ids(Context& ctx, const std::string& kind) {
  try {
    Workspace ws = open_workspace(ctx, false);
    store::FsStore files(ws.root);
    const store::Loaded loaded =
        store::load_office(files, model::Lang::en, /*project_ids=*/kind == "projects");
    const model::Portfolio& portfolio = loaded.portfolio;
    if (kind == "gates")
      for (const auto& gate : portfolio.office.gates)
        *ctx.out << gate.id << '\n';
    if (kind == "roles")
      for (const auto& role : portfolio.office.roles)
        *ctx.out << role.id << '\n';
    if (kind == "people")
      for (const auto& person : portfolio.people)
        *ctx.out << person.id << '\n';
    if (kind == "projects")
      for (const auto& project : portfolio.projects)
        *ctx.out << project.id << '\n';
  } catch (const Failure&) {
  } catch (const store::StoreError&) {
  } catch (const std::exception&) {
  }
  return k_exit_ok;
}

} // namespace

void add_completion(CLI::App& app, Action& action, const Help& help) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("completion",
                                     help("Print the shell completion script for bash, zsh or fish",
                                          "输出 bash、zsh 或 fish 的命令补全脚本"));
  cmd->add_option("SHELL", *shell, help("bash, zsh or fish", "bash、zsh 或 fish"))
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([&app, &action, shell] {
    action = [&app, shell](Context& ctx) {
      const Shell which = *shell == "zsh"    ? Shell::zsh
                          : *shell == "fish" ? Shell::fish
                                             : Shell::bash;
      *ctx.out << completion_script(app, which);
      return k_exit_ok;
    };
  });

  // Hidden (no group): what the completion scripts ask for, not a command for people.
  auto kind = std::make_shared<std::string>();
  CLI::App* ids = app.add_subcommand("__complete", "");
  ids->group("");
  ids->add_option("KIND", *kind)->required()->check(CLI::IsMember(completion_id_kinds()));
  ids->callback(
      [&action, kind] { action = [kind](Context& ctx) { return print_ids(ctx, *kind); }; });
}

void add_help(CLI::App& app, Action& action, const Help& help) {
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "help", help("Print the command list, or a command's help (as COMMAND --help does)",
                   "显示命令列表，或某个命令的帮助（同 COMMAND --help）"));
  cmd->add_option("COMMAND", *words, help("A command and its subcommands", "命令及其子命令"));
  const model::Lang lang = help.lang; // the office's, as for --help
  cmd->callback([&app, &action, words, lang] {
    action = [&app, words, lang](Context& ctx) {
      const CLI::App* target = &app;
      for (const auto& word : *words) {
        const auto subs = visible_subcommands(*target);
        const auto named = std::find_if(subs.begin(), subs.end(),
                                        [&](const CLI::App* sub) { return sub->check_name(word); });
        if (named == subs.end())
          throw Failure(k_exit_usage, unknown_command_text({target, word}, lang));
        target = *named;
      }
      // The formatter itself: the top's help() would show the parsed `help` command's.
      const std::string path = command_path(*target);
      *ctx.out << target->get_formatter()->make_help(target, path.empty() ? "pmo" : "pmo " + path,
                                                     CLI::AppFormatMode::Normal);
      return k_exit_ok;
    };
  });
}

} // namespace pmo::cli
