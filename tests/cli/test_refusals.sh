# Every refusal: exit 1 (or 2 for usage, 3 for environment), a message saying why, and nothing
# written — HEAD unchanged and the working tree clean.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P"
write_proposal "$T/proposal.yaml"
"$PMO" -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1
"$PMO" -C "$P" propose --id THIN --title "Thin idea" --sponsor spon >/dev/null 2>&1

# refused CODE MESSAGE ARGS...: pmo exits CODE, says MESSAGE, and writes nothing.
refused() {
  local code=$1 message=$2
  shift 2
  local head
  head=$(git -C "$P" rev-parse HEAD)
  run "$@"
  expect_rc "$code" "pmo $*"
  expect_err "$message"
  expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "HEAD after refused: pmo $*"
  expect_eq "$(git -C "$P" status --porcelain)" "" "status after refused: pmo $*"
}

refused 1 "holds no role on the board of G1" -C "$P" review CP-1 --gate G1 --decision approve --as pmo1
refused 1 "is CP-1's manager and may not decide" -C "$P" review CP-1 --gate G1 --decision approve --as mgr
refused 1 "is CP-1's sponsor and may not decide" -C "$P" review CP-1 --gate G1 --decision approve --as spon
refused 1 "does not hold the role 'legal'" -C "$P" review CP-1 --gate G1 --decision approve --as biz --role legal
refused 1 "gate G2 is decided in stage 'planning'" -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
refused 1 "G1 requires 'objectives'" -C "$P" review THIN --gate G1 --decision approve --as biz
refused 1 "G1 requires 'business_case.cost_estimate'" -C "$P" review THIN --gate G1 --decision approve --as biz
refused 1 "no project 'NOPE'" -C "$P" review NOPE --gate G1 --decision approve --as biz
refused 1 "no gate 'G9'" -C "$P" review CP-1 --gate G9 --decision approve --as biz
refused 1 "no person 'ghost'" -C "$P" review CP-1 --gate G1 --decision approve --as ghost
refused 1 "needs at least one --condition" -C "$P" review CP-1 --gate G1 --decision approve-with-conditions --as biz
refused 1 "--condition goes with" -C "$P" review CP-1 --gate G1 --decision approve --as biz --condition "x"
refused 2 "" -C "$P" review CP-1 --gate G1 --decision maybe --as biz
refused 2 "" -C "$P" review CP-1 --gate G1 --as biz
refused 2 "" -C "$P" frobnicate

# A reject, revise or hold needs no readiness.
run -C "$P" review THIN --gate G1 --decision revise --as biz --comment "Write the business case"
expect_rc 0 "revise an incomplete proposal"

# One role approves once per round.
run -C "$P" review CP-1 --gate G1 --decision approve --as biz
expect_rc 0 "first business approval"
refused 1 "role 'business' already approved G1 in this round" -C "$P" review CP-1 --gate G1 --decision approve --as spon --role business

# After a reject, nothing more is decided.
run -C "$P" review THIN --gate G1 --decision reject --as tech --comment "No business case"
expect_rc 0 "reject"
refused 1 "THIN was rejected" -C "$P" review THIN --gate G1 --decision approve --as fin

# A write refuses when the record it depends on has uncommitted edits, and names it.
echo "# local note" >>"$P/projects/CP-1/project.yaml"
head=$(git -C "$P" rev-parse HEAD)
run -C "$P" review CP-1 --gate G1 --decision approve --as tech
expect_rc 1 "review on a dirty record"
expect_err "uncommitted changes in projects/CP-1/project.yaml"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "HEAD after dirty refusal"
git -C "$P" checkout -q -- projects/CP-1/project.yaml

# people and propose refusals.
refused 1 "role 'wizard' is not defined in pmo.yaml" -C "$P" people add x1 --name X --role wizard
refused 1 "fin is already in the roster" -C "$P" people add fin --name Again --role finance
refused 2 "not a valid id" -C "$P" people add ../evil --name Evil --role finance
refused 2 "--name must be one line" -C "$P" people add evil --name "$(printf 'a\nb')" --role finance
refused 2 "not an e-mail address" -C "$P" people add evil --name Evil --email "x<y>@z" --role finance
refused 1 "project CP-1 already exists" -C "$P" propose --id CP-1 --title "Again"
refused 2 "not a valid id" -C "$P" propose --id ../../etc --title "Escape"
refused 1 "sponsor 'ghost' is not in the roster" -C "$P" propose --title "Ghost" --sponsor ghost
refused 2 "is not a date" -C "$P" propose --title "Bad date" --start 2027-02-30
refused 2 "is before start" -C "$P" propose --title "Backwards" --start 2027-02-01 --end 2027-01-01
refused 2 "needs a title" -C "$P" propose --sponsor spon

# init refuses to overwrite; outside a portfolio is an environment error.
refused 1 "already a pmo portfolio" init "$P"
mkdir -p "$T/empty"
run -C "$T/empty" status
expect_rc 3 "status outside a portfolio"
expect_err "not a pmo portfolio"

# A command line CLI11 refuses is said in the office's language (a Chinese office here), or in
# --lang's; the exit code is 2 either way.
Z=$T/zh
make_office "$Z" --lang zh
"$PMO" -C "$Z" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1
run -C "$Z" review CP-1 --gate G1 --decision approved --as biz
expect_rc 2 "a verdict CLI11 refuses"
expect_err "pmo: --decision：“approved”不是以下之一：approve,approve-with-conditions,revise,reject,hold"
expect_err "用 pmo review --help 查看用法。"
run -C "$Z" review
expect_rc 2 "no project id"
expect_err "pmo: 必须指定 ID"
run -C "$Z" risk
expect_rc 2 "no subcommand"
expect_err "pmo: “risk”缺少子命令：add、update、close、list"
run -C "$Z" status --bogus
expect_rc 2 "an unknown option"
expect_err "pmo: 无法识别的参数：--bogus"
run -C "$Z" people add x --name y --role business --capacity abc
expect_rc 2 "a value CLI11 cannot convert"
expect_err "pmo: --capacity：无法识别取值“abc”"
run -C "$Z" --lang en review
expect_rc 2 "the same in English with --lang en"
expect_err "ID is required"
(cd "$Z" && "$PMO" review >"$OUT" 2>"$ERR")
RC=$?
expect_rc 2 "from inside the office, without -C"
expect_err "pmo: 必须指定 ID"
# A refused decision is named as the reader says it: 批准, not the flag's value.
run -C "$P" --lang zh review CP-1 --gate G9 --decision approve-with-conditions --as biz --condition x
expect_rc 1 "a zh refusal"
expect_err "pmo: G9（附条件批准，biz）被拒绝，未写入任何内容"

expect_git_clean "$P"
finish
