# Shell completion: `pmo completion bash` really completes in bash — commands, subcommands,
# options, choices, and the gate, project and person ids of the portfolio it completes in (from
# the hidden `pmo __complete KIND`); the zsh and fish scripts parse (and fish completes too).
source "$(dirname "$0")/lib.sh"

OFFICE=$(cd "$PMO_SOURCE_DIR/examples/office" && pwd) # the demo office: G1..G4, 8 projects, 12 people
"$PMO" completion bash >"$T/pmo.bash" 2>"$ERR"
RC=$?
expect_rc 0 "pmo completion bash"

# complete DIR WORD...: what bash offers for the last WORD (give '' to complete after a space),
# run in DIR, as the completion function sees it. One candidate a line, sorted.
complete_in() {
  local dir=$1
  shift
  (cd "$dir" && bash -c '
    source "$1"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    _pmo
    printf "%s\n" "${COMPREPLY[@]}"
  ' bash "$T/pmo.bash" "$PMO" "$@") 2>"$T/complete.err" | sort
}
# expect_offers LIST WORD...: every WORD is a line of LIST.
expect_offers() {
  local list=$1 word
  shift
  for word in "$@"; do
    grep -qxF -- "$word" <<<"$list" && pass || fail "completion lacks '$word'; it offers: $(tr '\n' ' ' <<<"$list")"
  done
}
expect_not_offered() {
  local list=$1 word
  shift
  for word in "$@"; do
    grep -qxF -- "$word" <<<"$list" && fail "completion offers '$word': $(tr '\n' ' ' <<<"$list")" || pass
  done
}

# The commands, from the command line's definition: every one the help lists, not the hidden one.
got=$(complete_in "$T" '')
expect_offers "$got" init people propose review status report validate verify risk issue change \
  condition close lessons update completion help
expect_not_offered "$got" __complete
listed=$("$PMO" --lang en --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$listed" ] && pass || fail "no commands in pmo --help"
for command in $listed; do
  expect_offers "$got" "$command"
done
expect_eq "$(complete_in "$T" 'va')" "validate" "pmo va<TAB>"
# Subcommands of a command, and after a global option that takes a value.
expect_eq "$(complete_in "$T" risk '' | tr '\n' ' ')" "add close list update " "pmo risk <TAB>"
expect_eq "$(complete_in "$T" -C "$OFFICE" people r | tr '\n' ' ')" "retire " "pmo -C DIR people r<TAB>"
# Options of the command at the cursor, its own and the global ones it accepts.
got=$(complete_in "$T" review X --)
expect_offers "$got" --gate --decision --as --comment --condition --help --lang --no-color --quiet
expect_not_offered "$got" --percent --json
# A checked option's choices.
expect_eq "$(complete_in "$T" review X --decision re | tr '\n' ' ')" "reject revise " "--decision re<TAB>"
expect_eq "$(complete_in "$T" --lang '' | tr '\n' ' ')" "en zh zh-CN " "--lang <TAB>"
expect_eq "$(complete_in "$T" completion '' | tr '\n' ' ')" "bash fish zsh " "completion <TAB>"
# --name=value, which bash splits at '='.
expect_eq "$(complete_in "$T" review X --decision = app | tr '\n' ' ')" \
  "approve approve-with-conditions " "--decision=app<TAB>"

# Ids of the portfolio, inside it and with -C: gates, projects, people, roles.
got=$(complete_in "$OFFICE" review XH-2026-001 --gate '')
expect_eq "$(tr '\n' ' ' <<<"$got")" "G1 G2 G3 G4 " "review ID --gate <TAB> in the demo office"
got=$(complete_in "$T" -C "$OFFICE" review XH-2026-001 --gate '')
expect_eq "$(tr '\n' ' ' <<<"$got")" "G1 G2 G3 G4 " "-C DIR review ID --gate <TAB>"
projects=$(ls "$OFFICE/projects")
expect_eq "$(complete_in "$OFFICE" review '')" "$projects" "review <TAB>: the project ids"
expect_eq "$(complete_in "$OFFICE/people" status XH-2026-00 | wc -l)" "$(grep -c '^XH-2026-00' <<<"$projects")" \
  "status XH-2026-00<TAB> from a directory inside the office"
expect_offers "$(complete_in "$OFFICE" risk add XH-2026-001 --owner '')" huangting zhengxiaoyu
expect_eq "$(complete_in "$OFFICE" people retire hu)" "huangting" "people retire hu<TAB>: a person, not a project"
expect_offers "$(complete_in "$OFFICE" people add x --role '')" business pmo sponsor
# A file, a directory.
mkdir -p "$T/plans/sub"
touch "$T/plans/p.yaml"
expect_offers "$(complete_in "$T/plans" propose --from '')" p.yaml sub
expect_eq "$(complete_in "$T/plans" -C '')" "sub" "-C <TAB>: directories only"
# Free text and the words after a command's arguments offer nothing.
expect_eq "$(complete_in "$OFFICE" review XH-2026-001 --comment '')" "" "--comment <TAB>"
expect_eq "$(complete_in "$OFFICE" status XH-2026-001 '')" "" "status ID <TAB>"
[ -s "$T/complete.err" ] && fail "the completion wrote to stderr: $(cat "$T/complete.err")" || pass

# The hidden command: ids one a line, exit 0; outside a portfolio nothing at all, still exit 0.
run -C "$OFFICE" __complete gates
expect_rc 0 "__complete gates"
expect_eq "$(cat "$OUT")" $'G1\nG2\nG3\nG4' "__complete gates"
run -C "$OFFICE" __complete people
expect_out "zhengxiaoyu"
expect_eq "$(wc -l <"$OUT")" "$(ls "$OFFICE/people" | wc -l)" "one line per person"
mkdir -p "$T/nowhere"
run -C "$T/nowhere" __complete projects
expect_rc 0 "__complete outside a portfolio"
expect_eq "$(cat "$OUT" "$ERR")" "" "__complete outside a portfolio says nothing"
mkdir -p "$T/broken"
printf 'office: [unclosed\n' >"$T/broken/pmo.yaml"
run -C "$T/broken" __complete gates
expect_rc 0 "__complete with a broken pmo.yaml"
expect_eq "$(cat "$OUT" "$ERR")" "" "__complete with a broken pmo.yaml says nothing"
run __complete nonsense
expect_rc 2 "__complete of an unknown kind"
# Hidden from the help.
run --lang en --help
expect_no_out "__complete"
expect_out "completion"

# The zsh and fish scripts: generated from the same definition, and they parse.
"$PMO" completion zsh >"$T/_pmo"
"$PMO" completion fish >"$T/pmo.fish"
grep -q '^#compdef pmo' "$T/_pmo" && pass || fail "the zsh script has no #compdef line"
grep -qF -- "--gate=ids:gates" "$T/_pmo" && pass || fail "the zsh script lacks --gate's ids"
grep -qF -- "-l 'gate' -x -a '(__pmo_ids gates)'" "$T/pmo.fish" && pass || fail "the fish script lacks --gate's ids"
if command -v zsh >/dev/null; then
  zsh -n "$T/_pmo" 2>"$T/zsh.err" && pass || fail "zsh -n: $(cat "$T/zsh.err")"
  # Loaded the way compinit loads it, it defines _pmo without error.
  zsh -f -c 'autoload -U compinit && compinit -u -d "$1/zcompdump" && source "$2" && whence -w _pmo' \
    zsh "$T" "$T/_pmo" >"$T/zsh.out" 2>&1 && grep -q "_pmo: function" "$T/zsh.out" && pass ||
    fail "zsh: sourcing the script: $(cat "$T/zsh.out")"
else
  echo "SKIPPED: zsh is not installed (scripts/install-deps.sh installs it): zsh script not parsed"
fi
if command -v fish >/dev/null; then
  fish -n "$T/pmo.fish" 2>"$T/fish.err" && pass || fail "fish -n: $(cat "$T/fish.err")"
  # fish completes for real: `complete -C` prints what the command line would offer.
  fish_complete() {
    (cd "$1" && HOME=$T/home XDG_CONFIG_HOME=$T/home/.config fish --no-config -c \
      "function pmo; command \$PMO \$argv; end; source '$T/pmo.fish'; complete -C '$2'") 2>&1 |
      cut -f1 | sort
  }
  export PMO
  got=$(fish_complete "$OFFICE" "pmo ")
  expect_offers "$got" init review validate completion
  expect_not_offered "$got" __complete
  expect_eq "$(fish_complete "$OFFICE" "pmo review XH-2026-001 --gate " | tr '\n' ' ')" "G1 G2 G3 G4 " \
    "fish: review ID --gate <TAB>"
  expect_offers "$(fish_complete "$OFFICE" "pmo review ")" XH-2026-001 XH-2026-008
  expect_offers "$(fish_complete "$OFFICE" "pmo review XH-2026-001 --")" --gate --decision --lang
  expect_eq "$(fish_complete "$OFFICE" "pmo risk " | tr '\n' ' ')" "add close list update " "fish: risk <TAB>"
else
  echo "SKIPPED: fish is not installed (scripts/install-deps.sh installs it): fish script not parsed"
fi

finish
