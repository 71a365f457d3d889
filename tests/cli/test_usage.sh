# The command line as a user meets it: `pmo` alone and `pmo help` print the command list (as git:
# `pmo` alone is a usage error, exit 2, on stderr; `pmo help` succeeds, on stdout); an unknown
# command names itself and the closest command; every refusal of the parser starts with "pmo: "
# and is said in the user's language; colour follows NO_COLOR, FORCE_COLOR and CLICOLOR_FORCE.
source "$(dirname "$0")/lib.sh"

make_office "$T/zh" --lang zh
make_office "$T/en" --lang en
mkdir -p "$T/nowhere"

# pmo alone: the command list on stderr, exit 2; nothing on stdout.
(cd "$T/nowhere" && "$PMO") >"$OUT" 2>"$ERR"
RC=$?
expect_rc 2 "pmo alone"
expect_eq "$(cat "$OUT")" "" "pmo alone: stdout"
expect_err "Usage: pmo [OPTIONS] SUBCOMMAND"
for command in init review validate verify risk completion help; do
  grep -qE "^  $command +[A-Z]" "$ERR" && pass || fail "pmo alone does not list '$command'"
done
run -C "$T/zh"
expect_rc 2 "pmo alone in a zh office"
expect_err "用法：pmo [选项] 子命令"
expect_err "记录关口决策（一次提交）"

# pmo help: the same list on stdout, exit 0; pmo help COMMAND... is COMMAND... --help.
run -C "$T/nowhere" help
expect_rc 0 "pmo help"
expect_out "Usage: pmo [OPTIONS] SUBCOMMAND"
expect_out "  validate"
expect_eq "$(cat "$ERR")" "" "pmo help: stderr"
"$PMO" --help >"$T/top.txt"
cmp -s "$OUT" "$T/top.txt" && pass || fail "pmo help differs from pmo --help"
run -C "$T/zh" help
expect_rc 0 "pmo help in a zh office"
expect_out "用法：pmo [选项] 子命令"
run help risk add
expect_rc 0 "pmo help risk add"
"$PMO" risk add --help >"$T/risk-add.txt"
cmp -s "$OUT" "$T/risk-add.txt" && pass || fail "pmo help risk add differs from pmo risk add --help"
expect_out "Usage: pmo risk add [OPTIONS] ID"
run --lang zh help review
expect_out "用法：pmo review"
run help frobnicate
expect_rc 2 "pmo help of an unknown command"
expect_err "pmo: unknown command 'frobnicate' (did you mean 'validate'?)"

# An unknown command: named, with the closest command by edit distance, in the user's language.
run -C "$T/en" frobnicate
expect_rc 2 "an unknown command"
expect_err "pmo: unknown command 'frobnicate' (did you mean 'validate'?)"
expect_err "See 'pmo --help'."
expect_no_out "frobnicate"
run -C "$T/zh" frobnicate
expect_rc 2 "an unknown command (zh)"
expect_err "pmo: 未知命令“frobnicate”（是否应为“validate”？）"
expect_err "用 pmo --help 查看用法。"
run -C "$T/en" stauts
expect_err "pmo: unknown command 'stauts' (did you mean 'status'?)"
run -C "$T/en" -q --no-color reveiw X
expect_err "pmo: unknown command 'reveiw' (did you mean 'review'?)"
run -C "$T/en" xyz
expect_rc 2 "a word close to nothing"
expect_err "pmo: unknown command 'xyz'"
expect_eq "$(grep -c 'did you mean' "$ERR")" "0" "no suggestion for a word close to nothing"
run -C "$T/en" risk ad X
expect_rc 2 "an unknown subcommand"
expect_err "pmo: unknown command 'risk ad' (did you mean 'risk add'?)"
expect_err "See 'pmo risk --help'."
run -C "$T/zh" risk ad X
expect_err "pmo: 未知命令“risk ad”（是否应为“risk add”？）"
# A command without its subcommand names them.
run -C "$T/en" issue
expect_rc 2 "a command without its subcommand"
expect_err "pmo: 'issue' needs a command: add, resolve, list"
run -C "$T/zh" issue
expect_err "pmo: “issue”缺少子命令：add、resolve、list"

# Every refusal of the parser: "pmo: " first, in English or in Chinese, exit 2, and where to look.
# refused OFFICE EN ZH ARGS...: the message in the office OFFICE ("en" or "zh").
refused() {
  local office=$1 want=$2
  shift 2
  run -C "$T/$office" "$@"
  expect_rc 2 "pmo $*"
  expect_err "pmo: $want"
  grep -qv '^pmo: \|^See \|^用 ' "$ERR" && fail "pmo $*: a line without the prefix" || pass
}
refused en "ID is required" review
refused zh "必须指定 ID" review
refused en "unexpected argument: extra" status P1 extra
refused zh "无法识别的参数：extra" status P1 extra
refused en "unexpected argument: --bogus" status --bogus
refused zh "无法识别的参数：--bogus" status --bogus
refused en "--capacity: 'abc' is not a valid value" people add x --name y --role business --capacity abc
refused zh "--capacity：无法识别取值“abc”" people add x --name y --role business --capacity abc
refused en "--decision: 'approved' is not one of approve, approve-with-conditions, revise, reject, hold" \
  review P --gate G1 --decision approved --as biz
refused zh "--decision：“approved”不是以下之一：approve,approve-with-conditions,revise,reject,hold" \
  review P --gate G1 --decision approved --as biz
refused en "--gate needs a value" review P --gate
refused zh "--gate：缺少取值" review P --gate
refused en "--lang: 'fr' is not one of zh, en, zh-CN" --lang fr status
refused en "--json: 'maybe' is not a valid value" status --json=maybe
refused zh "--json：无法识别取值“maybe”" status --json=maybe
run -C "$T/en" review P --gate G1
expect_err "See 'pmo review --help'."
run -C "$T/zh" review P --gate G1
expect_err "用 pmo review --help 查看用法。"

# Colour. The tests run with NO_COLOR=1 and no terminal: no colour.
ESC=$'\e['
colour_of() { # colour_of ENV... -- ARGS...: "colour" or "plain", for pmo's message on stderr
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  env -u NO_COLOR -u FORCE_COLOR -u CLICOLOR_FORCE "${envs[@]}" "$PMO" "$@" >/dev/null 2>"$ERR"
  grep -qF "$ESC" "$ERR" && echo colour || echo plain
}
expect_eq "$(colour_of NO_COLOR=1 -- -C "$T/nowhere" status)" plain "no terminal"
expect_eq "$(colour_of -- -C "$T/nowhere" status)" plain "no terminal, no NO_COLOR"
expect_eq "$(colour_of FORCE_COLOR=1 -- -C "$T/nowhere" status)" colour "FORCE_COLOR=1"
expect_eq "$(colour_of FORCE_COLOR=1 NO_COLOR=1 -- -C "$T/nowhere" status)" colour "FORCE_COLOR over NO_COLOR"
expect_eq "$(colour_of CLICOLOR_FORCE=1 -- -C "$T/nowhere" status)" colour "CLICOLOR_FORCE=1"
expect_eq "$(colour_of FORCE_COLOR=0 -- -C "$T/nowhere" status)" plain "FORCE_COLOR=0"
expect_eq "$(colour_of FORCE_COLOR= -- -C "$T/nowhere" status)" plain "FORCE_COLOR empty"
expect_eq "$(colour_of FORCE_COLOR=1 -- -C "$T/nowhere" --no-color status)" plain "--no-color over FORCE_COLOR"
expect_eq "$(colour_of FORCE_COLOR=1 TERM=dumb -- -C "$T/nowhere" status)" plain "TERM=dumb over FORCE_COLOR"
grep -qF "pmo: " "$ERR" && pass || fail "the message itself is missing"
# Forced colour reaches the data on stdout too (a table), not only the messages.
env -u NO_COLOR FORCE_COLOR=1 "$PMO" -C "$T/en" people list >"$OUT" 2>"$ERR"
grep -qF "$ESC" "$OUT" && pass || fail "FORCE_COLOR: no colour in the people table"
env NO_COLOR=1 "$PMO" -C "$T/en" people list >"$OUT" 2>"$ERR"
grep -qF "$ESC" "$OUT" && fail "NO_COLOR=1: colour in the people table" || pass
# On a terminal (script(1) gives pmo one): colour, but not with NO_COLOR set to something; an
# empty NO_COLOR does not count (no-color.org).
if command -v script >/dev/null; then
  on_tty() { # on_tty ENV...: "colour" or "plain" for a message pmo prints on a terminal
    env -u NO_COLOR -u FORCE_COLOR -u CLICOLOR_FORCE TERM=xterm "$@" \
      script -qec "'$PMO' -C '$T/nowhere' status" /dev/null >"$T/tty.out" 2>&1
    grep -qF "$ESC" "$T/tty.out" && echo colour || echo plain
  }
  expect_eq "$(on_tty)" colour "a terminal"
  expect_eq "$(on_tty NO_COLOR=1)" plain "a terminal with NO_COLOR=1"
  expect_eq "$(on_tty NO_COLOR=)" colour "a terminal with NO_COLOR empty"
  expect_eq "$(on_tty NO_COLOR=0)" plain "a terminal with NO_COLOR=0 (any value counts)"
else
  echo "SKIPPED: script(1) is not installed: colour on a terminal not checked"
fi

finish
