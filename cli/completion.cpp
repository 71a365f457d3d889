#include "completion.hpp"

#include "usage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace pmo::cli {

namespace {

using Type = ValueKind::Type;

// What the values of an option or argument are, by its name: the command line's definition
// says which options take a value and which choices a checked one allows; what kind of id a
// free value is, only its name tells.
struct NamedValue {
  std::string_view name;
  Type type;
  std::string_view ids;
};
constexpr std::array k_named_values{
    NamedValue{"-C", Type::dir, ""},
    NamedValue{"DIR", Type::dir, ""},
    NamedValue{"--from", Type::file, ""},
    NamedValue{"--out", Type::file, ""},
    NamedValue{"--ssh-key", Type::file, ""},
    NamedValue{"--gate", Type::ids, "gates"},
    NamedValue{"--as", Type::ids, "people"},
    NamedValue{"--sponsor", Type::ids, "people"},
    NamedValue{"--manager", Type::ids, "people"},
    NamedValue{"--owner", Type::ids, "people"},
    NamedValue{"--role", Type::ids, "roles"},
    NamedValue{"--add-role", Type::ids, "roles"},
    NamedValue{"--remove-role", Type::ids, "roles"},
    NamedValue{"ID", Type::ids, "projects"},
};

// "a,b" of a checked option's type name "TEXT:{a,b}".
std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> choices;
  const auto open = type_name.find('{');
  const auto close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open)
    return choices;
  std::string item;
  for (const char c : type_name.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      choices.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  if (!item.empty())
    choices.push_back(item);
  return choices;
}

ValueKind value_kind(const CLI::App& top, const std::string& path, const CLI::Option& opt) {
  ValueKind kind;
  if (!opt.get_positional() && opt.get_expected_max() == 0)
    return kind; // a flag
  kind.type = Type::text;
  if (auto choices = choices_of(opt.get_type_name()); !choices.empty()) {
    kind.type = Type::choices;
    kind.choices = std::move(choices);
    return kind;
  }
  const std::string name = opt.get_name();
  if (path == "help" && opt.get_positional()) { // pmo help COMMAND
    kind.type = Type::choices;
    for (const CLI::App* sub : visible_subcommands(top))
      kind.choices.push_back(sub->get_name());
    return kind;
  }
  for (const auto& named : k_named_values)
    if (named.name == name) {
      kind.type = named.type;
      kind.ids = named.ids;
    }
  // A person's commands name the person first.
  if (name == "ID" && (path == "people" || path.starts_with("people ")))
    kind.ids = "people";
  return kind;
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

CompletionOption option_of(const CLI::App& top, const std::string& path, const CLI::Option& opt) {
  CompletionOption option;
  if (opt.get_positional()) {
    option.names.push_back(opt.get_name());
  } else {
    for (const auto& name : opt.get_snames())
      option.names.push_back("-" + name);
    for (const auto& name : opt.get_lnames())
      option.names.push_back("--" + name);
  }
  option.description = one_line(opt.get_description());
  option.value = value_kind(top, path, opt);
  return option;
}

void collect(const CLI::App& top, const CLI::App& app, const std::string& path,
             std::vector<CompletionCommand>& out) {
  CompletionCommand command;
  command.path = path;
  command.description = one_line(app.get_description());
  for (const CLI::App* sub : visible_subcommands(app)) {
    command.subcommands.push_back(sub->get_name());
    command.subcommand_about.push_back(one_line(sub->get_description()));
  }
  // Its own options, then those of each parent it falls through to (their --help is its own).
  const auto seen = [&](const CLI::Option& opt) {
    return std::any_of(command.options.begin(), command.options.end(), [&](const auto& known) {
      return std::find(known.names.begin(), known.names.end(), opt.get_name()) != known.names.end();
    });
  };
  for (const CLI::App* level = &app; level; level = level->get_parent()) {
    std::string level_path = command_path(*level);
    for (const CLI::Option* opt : level->get_options()) {
      if (opt->get_group().empty() || seen(*opt))
        continue; // hidden, or already given by a nearer level
      if (opt->get_positional()) {
        if (level == &app)
          command.positionals.push_back(option_of(top, level_path, *opt));
      } else {
        command.options.push_back(option_of(top, level_path, *opt));
      }
    }
    if (!level->get_fallthrough())
      break;
  }
  out.push_back(std::move(command));
  for (const CLI::App* sub : visible_subcommands(app))
    collect(top, *sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

// The kind of a value as the scripts spell it: flag, text, file, dir, ids:KIND, choices:A,B.
std::string kind_word(const ValueKind& kind) {
  switch (kind.type) {
  case Type::none:
    return "flag";
  case Type::text:
    return "text";
  case Type::file:
    return "file";
  case Type::dir:
    return "dir";
  case Type::ids:
    return "ids:" + kind.ids;
  case Type::choices: {
    std::string word = "choices:";
    for (std::size_t i = 0; i < kind.choices.size(); ++i)
      word += (i ? "," : "") + kind.choices[i];
    return word;
  }
  }
  return "text";
}

// Every option name and positional index of a command with the kind of its value: "-C=dir",
// "--quiet=flag", "#0=ids:projects".
std::vector<std::string> spec_of(const CompletionCommand& command) {
  std::vector<std::string> spec;
  for (const auto& option : command.options)
    for (const auto& name : option.names)
      spec.push_back(name + "=" + kind_word(option.value));
  for (std::size_t i = 0; i < command.positionals.size(); ++i)
    spec.push_back(fmt::format("#{}={}", i, kind_word(command.positionals[i].value)));
  return spec;
}

// A word in single quotes for sh and zsh.
std::string sh_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// A word in single quotes for fish (which also reads backslashes there).
std::string fish_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "'";
}

std::string sh_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words)
    out += (out.empty() ? "" : " ") + sh_quote(word);
  return out;
}

// One branch per command of a case statement that sets `var` to a list of words.
std::string sh_case(const std::vector<CompletionCommand>& commands, const char* var,
                    const std::function<std::vector<std::string>(const CompletionCommand&)>& words,
                    bool zsh) {
  std::string out = "  case $1 in\n";
  for (const auto& command : commands) {
    const auto list = words(command);
    if (list.empty())
      continue;
    out += fmt::format("  {}{}) {}=({}) ;;\n", zsh ? "(" : "", sh_quote(command.path), var,
                       sh_words(list));
  }
  out += fmt::format("  {}*) {}=() ;;\n  esac\n", zsh ? "(" : "", var);
  return out;
}

const char* k_header = "generated by `pmo completion {0}` from pmo's own command line: its\n"
                       "# commands, options and what their values are. Gate, project, person and "
                       "role ids\n# come from `pmo __complete KIND`, run in the portfolio being "
                       "completed in (-C DIR too).\n";

std::string bash_script(const std::vector<CompletionCommand>& commands) {
  std::string out = "# bash completion for pmo, " + fmt::format(fmt::runtime(k_header), "bash");
  out += "\n# _pmo_commands CMD: the subcommands of the command CMD (\"\" for pmo) in _pmo_words.\n"
         "_pmo_commands() {\n";
  out += sh_case(
      commands, "_pmo_words", [](const auto& command) { return command.subcommands; }, false);
  out += "}\n\n# _pmo_spec CMD: its options and arguments (#0, #1, ...) with their values' kind,\n"
         "# NAME=KIND, in _pmo_words.\n_pmo_spec() {\n";
  out += sh_case(commands, "_pmo_words", spec_of, false);
  // clang-format off
  out += R"SH(}

# _pmo_kind_of CMD NAME: the kind of NAME's value in _pmo_kind; fails for a name CMD lacks.
_pmo_kind_of() {
  local entry
  _pmo_kind=
  _pmo_spec "$1"
  for entry in "${_pmo_words[@]}"; do
    if [[ ${entry%%=*} == "$2" ]]; then
      _pmo_kind=${entry#*=}
      return 0
    fi
  done
  return 1
}

# _pmo_values KIND WORD: the values of KIND that start with WORD, in COMPREPLY.
_pmo_values() {
  local prog=${COMP_WORDS[0]} choices
  [[ $prog == '~/'* ]] && prog=$HOME/${prog#'~/'}
  case $1 in
  file)
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$2")
    ;;
  dir)
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -d -- "$2")
    ;;
  ids:*)
    mapfile -t COMPREPLY < <(compgen -W "$("$prog" "${_pmo_dir[@]}" __complete "${1#ids:}" 2>/dev/null)" -- "$2")
    ;;
  choices:*)
    choices=${1#choices:}
    mapfile -t COMPREPLY < <(compgen -W "${choices//,/ }" -- "$2")
    ;;
  *) COMPREPLY=() ;;
  esac
}

_pmo() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmd= word npos=0 i=1 valued=0 want= entry is_command
  local _pmo_kind
  local -a _pmo_words=() _pmo_dir=() names=()
  COMPREPLY=()
  # The words before the cursor: the command they name, its arguments so far, -C DIR, and
  # whether the cursor is on an option's value (bash splits --name=value at the '=').
  while ((i < COMP_CWORD)); do
    word=${COMP_WORDS[i]}
    if [[ $word == -?* ]]; then
      if _pmo_kind_of "$cmd" "$word" && [[ $_pmo_kind != flag ]]; then
        if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
          ((i++))
          if ((i == COMP_CWORD)); then
            valued=1 want=$_pmo_kind cur=
            break
          fi
        fi
        if ((i + 1 == COMP_CWORD)); then
          valued=1 want=$_pmo_kind
          break
        fi
        [[ $word == -C ]] && _pmo_dir=(-C "${COMP_WORDS[i + 1]}")
        ((i++))
      fi
    else
      _pmo_commands "$cmd"
      is_command=0
      if ((npos == 0)); then
        for entry in "${_pmo_words[@]}"; do
          [[ $entry == "$word" ]] && is_command=1
        done
      fi
      if ((is_command)); then
        cmd=${cmd:+$cmd }$word
      else
        ((npos++))
      fi
    fi
    ((i++))
  done
  if ((valued)); then
    _pmo_values "$want" "$cur"
    return 0
  fi
  if [[ $cur == -* ]]; then
    _pmo_spec "$cmd"
    for entry in "${_pmo_words[@]}"; do
      [[ $entry == -* ]] && names+=("${entry%%=*}")
    done
    mapfile -t COMPREPLY < <(compgen -W "${names[*]}" -- "$cur")
    return 0
  fi
  _pmo_commands "$cmd"
  if ((npos == 0 && ${#_pmo_words[@]} > 0)); then
    mapfile -t COMPREPLY < <(compgen -W "${_pmo_words[*]}" -- "$cur")
    return 0
  fi
  if _pmo_kind_of "$cmd" "#$npos"; then
    _pmo_values "$_pmo_kind" "$cur"
  fi
  return 0
}

complete -F _pmo pmo
)SH";
  // clang-format on
  return out;
}

std::string zsh_about(const std::string& name, const std::string& description) {
  std::string escaped;
  for (const char c : name) {
    if (c == ':')
      escaped += '\\';
    escaped += c;
  }
  return escaped + ":" + description;
}

std::string zsh_script(const std::vector<CompletionCommand>& commands) {
  std::string out =
      "#compdef pmo\n# zsh completion for pmo, " + fmt::format(fmt::runtime(k_header), "zsh");
  out += "\n# _pmo_commands CMD: the subcommands of CMD (\"\" for pmo), NAME:DESCRIPTION.\n"
         "_pmo_commands() {\n";
  out += sh_case(
      commands, "reply",
      [](const CompletionCommand& command) {
        std::vector<std::string> words;
        for (std::size_t i = 0; i < command.subcommands.size(); ++i)
          words.push_back(zsh_about(command.subcommands[i], command.subcommand_about[i]));
        return words;
      },
      true);
  out += "}\n\n# _pmo_spec CMD: its options and arguments (#0, #1, ...), NAME=KIND.\n"
         "_pmo_spec() {\n";
  out += sh_case(commands, "reply", spec_of, true);
  out += "}\n\n# _pmo_options CMD: its options, NAME:DESCRIPTION.\n_pmo_options() {\n";
  out += sh_case(
      commands, "reply",
      [](const CompletionCommand& command) {
        std::vector<std::string> words;
        for (const auto& option : command.options)
          for (const auto& name : option.names)
            words.push_back(zsh_about(name, option.description));
        return words;
      },
      true);
  // clang-format off
  out += R"SH(}

# _pmo_kind_of CMD NAME: the kind of NAME's value in pmo_kind; fails for a name CMD lacks.
_pmo_kind_of() {
  local entry
  local -a reply
  pmo_kind=
  _pmo_spec "$1"
  for entry in "${reply[@]}"; do
    if [[ ${entry%%=*} == "$2" ]]; then
      pmo_kind=${entry#*=}
      return 0
    fi
  done
  return 1
}

# _pmo_values KIND: the values of KIND.
_pmo_values() {
  local -a values
  case $1 in
  (file) _files ;;
  (dir) _files -/ ;;
  (ids:*)
    values=(${(f)"$(${words[1]} "${pmo_dir[@]}" __complete ${1#ids:} 2>/dev/null)"})
    compadd -a values
    ;;
  (choices:*)
    values=(${(s:,:)${1#choices:}})
    compadd -a values
    ;;
  esac
}

_pmo() {
  local cmd= word pmo_kind entry cur=${words[CURRENT]}
  local -i i=2 npos=0
  local -a reply pmo_dir
  while (( i < CURRENT )); do
    word=${words[i]}
    if [[ $word == -?* ]]; then
      if _pmo_kind_of "$cmd" "$word" && [[ $pmo_kind != flag ]]; then
        if (( i + 1 == CURRENT )); then
          _pmo_values "$pmo_kind"
          return
        fi
        [[ $word == -C ]] && pmo_dir=(-C "${words[i+1]}")
        (( i++ ))
      fi
    else
      _pmo_commands "$cmd"
      if (( npos == 0 && ${reply[(I)$word:*]} )); then
        cmd=${cmd:+$cmd }$word
      else
        (( npos++ ))
      fi
    fi
    (( i++ ))
  done
  if [[ $cur == -*=* ]]; then
    if _pmo_kind_of "$cmd" "${cur%%=*}"; then
      compset -P '*='
      _pmo_values "$pmo_kind"
    fi
    return
  fi
  if [[ $cur == -* ]]; then
    _pmo_options "$cmd"
    _describe -t options 'option' reply
    return
  fi
  _pmo_commands "$cmd"
  if (( npos == 0 && ${#reply} > 0 )); then
    _describe -t commands 'pmo command' reply
    return
  fi
  if _pmo_kind_of "$cmd" "#$npos"; then
    _pmo_values "$pmo_kind"
  fi
}

if [[ $funcstack[1] == _pmo ]]; then
  _pmo "$@"
else
  compdef _pmo pmo
fi
)SH";
  // clang-format on
  return out;
}

std::string
fish_list_case(const std::vector<CompletionCommand>& commands,
               const std::function<std::vector<std::string>(const CompletionCommand&)>& words) {
  std::string out = "    switch $argv[1]\n";
  for (const auto& command : commands) {
    const auto list = words(command);
    if (list.empty())
      continue;
    out += "        case " + fish_quote(command.path) + "\n            printf '%s\\n'";
    for (const auto& word : list)
      out += " " + fish_quote(word);
    out += "\n";
  }
  return out + "    end\n";
}

std::string fish_script(const std::vector<CompletionCommand>& commands) {
  std::string out = "# fish completion for pmo, " + fmt::format(fmt::runtime(k_header), "fish");
  out += "\n# __pmo_commands CMD: the subcommands of the command CMD ('' for pmo).\n"
         "function __pmo_commands\n";
  out += fish_list_case(commands, [](const auto& command) { return command.subcommands; });
  out += "end\n\n# __pmo_spec CMD: its options and arguments (#0, #1, ...), NAME=KIND.\n"
         "function __pmo_spec\n";
  out += fish_list_case(commands, spec_of);
  // clang-format off
  out += R"SH(end

# __pmo_kind_of CMD NAME: the kind of NAME's value; fails for a name CMD lacks.
function __pmo_kind_of
    for entry in (__pmo_spec $argv[1])
        if test (string split -m1 = -- $entry)[1] = "$argv[2]"
            string split -m1 = -- $entry | tail -n 1
            return 0
        end
    end
    return 1
end

# __pmo_state: for the words before the cursor, the command they name, how many of its
# arguments they hold, and what the word at the cursor is the value of ('-' for none).
function __pmo_state
    set -l words (commandline -opc)
    set -e words[1]
    set -l cmd ''
    set -l npos 0
    set -l want -
    set -l n (count $words)
    set -l i 1
    while test $i -le $n
        set -l word $words[$i]
        if string match -q -- '-?*' $word
            set -l kind (__pmo_kind_of "$cmd" $word)
            if test -n "$kind" -a "$kind" != flag
                if test $i -eq $n
                    set want $kind
                    break
                end
                set i (math $i + 1)
            end
        else if test $npos -eq 0; and contains -- $word (__pmo_commands "$cmd")
            if test -z "$cmd"
                set cmd $word
            else
                set cmd "$cmd $word"
            end
        else
            set npos (math $npos + 1)
        end
        set i (math $i + 1)
    end
    printf '%s\n' "$cmd" $npos $want
end

# __pmo_at CMD: the words name the command CMD.
function __pmo_at
    test (__pmo_state)[1] = "$argv[1]"
end

# __pmo_arg CMD N: the cursor is on argument N of CMD (N = 0: also where its commands go).
function __pmo_arg
    set -l state (__pmo_state)
    test "$state[1]" = "$argv[1]" -a "$state[2]" = "$argv[2]" -a "$state[3]" = -
end

# __pmo_ids KIND: the ids `pmo __complete KIND` prints, in the -C directory if one is given.
function __pmo_ids
    set -l words (commandline -opc)
    set -l dir
    set -l i (contains -i -- -C $words)
    and set dir -C $words[(math $i + 1)]
    $words[1] $dir __complete $argv[1] 2>/dev/null
end

complete -c pmo -f
)SH";
  // clang-format on
  // Subcommands, options and arguments of every command, with their descriptions.
  for (const auto& command : commands) {
    const std::string at = fish_quote("__pmo_at " + fish_quote(command.path));
    for (std::size_t i = 0; i < command.subcommands.size(); ++i)
      out +=
          fmt::format("complete -c pmo -n {} -a {} -d {}\n",
                      fish_quote("__pmo_arg " + fish_quote(command.path) + " 0"),
                      fish_quote(command.subcommands[i]), fish_quote(command.subcommand_about[i]));
    for (const auto& option : command.options) {
      std::string line = "complete -c pmo -n " + at;
      for (const auto& name : option.names)
        line += name.starts_with("--") ? " -l " + fish_quote(name.substr(2))
                                       : " -s " + fish_quote(name.substr(1));
      switch (option.value.type) {
      case Type::none:
        break;
      case Type::text:
        line += " -x";
        break;
      case Type::file:
        line += " -r -F";
        break;
      case Type::dir:
        line += " -x -a '(__fish_complete_directories (commandline -ct))'";
        break;
      case Type::ids:
        line += " -x -a " + fish_quote("(__pmo_ids " + option.value.ids + ")");
        break;
      case Type::choices: {
        std::string choices;
        for (const auto& choice : option.value.choices)
          choices += (choices.empty() ? "" : " ") + choice;
        line += " -x -a " + fish_quote(choices);
        break;
      }
      }
      out += line + " -d " + fish_quote(option.description) + "\n";
    }
    for (std::size_t i = 0; i < command.positionals.size(); ++i) {
      const auto& arg = command.positionals[i];
      const std::string cond =
          fish_quote(fmt::format("__pmo_arg {} {}", fish_quote(command.path), i));
      std::string values;
      switch (arg.value.type) {
      case Type::file:
        values = " -F";
        break;
      case Type::dir:
        values = " -a '(__fish_complete_directories (commandline -ct))'";
        break;
      case Type::ids:
        values = " -a " + fish_quote("(__pmo_ids " + arg.value.ids + ")");
        break;
      case Type::choices: {
        std::string choices;
        for (const auto& choice : arg.value.choices)
          choices += (choices.empty() ? "" : " ") + choice;
        values = " -a " + fish_quote(choices);
        break;
      }
      default:
        break;
      }
      if (!values.empty())
        out += "complete -c pmo -n " + cond + values + " -d " + fish_quote(arg.description) + "\n";
    }
  }
  return out;
}

} // namespace

std::vector<CompletionCommand> completion_commands(const CLI::App& app) {
  std::vector<CompletionCommand> commands;
  collect(app, app, command_path(app), commands);
  return commands;
}

std::string completion_script(const CLI::App& app, Shell shell) {
  const auto commands = completion_commands(app);
  switch (shell) {
  case Shell::bash:
    return bash_script(commands);
  case Shell::zsh:
    return zsh_script(commands);
  case Shell::fish:
    return fish_script(commands);
  }
  return {};
}

} // namespace pmo::cli
