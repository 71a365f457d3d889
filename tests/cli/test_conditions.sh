# Conditions of approval are tracked: an approve-with-conditions decision's conditions are listed
# in status ID (G1.1, G1.2, …), each is marked met with evidence by pmo condition met (one record,
# one commit), validate checks the record against the decision word for word, and the closure
# gate lists every condition not yet met as a loose end and refuses until they are.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en
write_proposal "$T/proposal.yaml"
"$PMO" -q -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null
export PMO_NOW=2026-11-03T10:00:00Z GIT_AUTHOR_DATE=2026-11-03T10:00:00Z
export GIT_COMMITTER_DATE=2026-11-03T10:00:00Z
"$PMO" -q -C "$P" review CP-1 --gate G1 --decision approve --as biz >/dev/null
PMO_NOW=2026-11-03T10:01:00Z "$PMO" -q -C "$P" review CP-1 --gate G1 \
  --decision approve-with-conditions --as tech \
  --condition "Load test before go-live" --condition "Security review of the login" >/dev/null
PMO_NOW=2026-11-03T10:02:00Z "$PMO" -q -C "$P" review CP-1 --gate G1 \
  --decision approve-with-conditions --as law --condition "上线前完成数据合规评估" >/dev/null
PMO_NOW=2026-11-03T10:03:00Z "$PMO" -q -C "$P" review CP-1 --gate G1 --decision approve --as fin \
  >/dev/null
export PMO_NOW=2026-11-04T09:00:00Z GIT_AUTHOR_DATE=2026-11-04T09:00:00Z
export GIT_COMMITTER_DATE=2026-11-04T09:00:00Z
commits() { git -C "$P" rev-list --count HEAD; }

run -C "$P" status CP-1
expect_rc 0 "status with conditions"
expect_out "Conditions of approval"
expect_out "G1.1  Load test before go-live (Tina Tech (tech), 2026-11-03)"
expect_out "G1.2  Security review of the login (Tina Tech (tech), 2026-11-03)"
expect_out "G1.3  上线前完成数据合规评估 (Lu Legal (law), 2026-11-03)"
expect_out "open — pmo condition met CP-1 G1.1 --evidence TEXT"

# Marking one met: one record, one commit, the operator as the one who confirms it.
before=$(commits)
run -C "$P" condition met CP-1 g1.2 --evidence "Pen test report v1.2, no high findings"
expect_rc 0 "condition met"
expect_err "G1.2 of CP-1 marked met"
expect_eq "$(commits)" "$((before + 1))" "one commit"
file=$(git -C "$P" show --format= --name-only HEAD)
case "$file" in projects/CP-1/conditions/C-*.yaml) pass ;; *) fail "the record's path: $file" ;; esac
expect_eq "$(git -C "$P" log -1 --format=%s)" "Condition G1.2 met: CP-1 — Security review of the login" "subject"
grep -q "^condition: Security review of the login$" "$P/$file" && pass || fail "the condition's text"
grep -q "^by: pmo1$" "$P/$file" && pass || fail "confirmed by the operator"
grep -q "^number: 2$" "$P/$file" && pass || fail "its number in the decision"
expect_eq "$(git -C "$P" status --porcelain)" "" "a clean working tree"

run -C "$P" status CP-1
expect_out "met 2026-11-04 (Pat PMO (pmo1)): Pen test report v1.2, no high findings"
run -C "$P" status CP-1 --json
[ "$(jq -r '.conditions | length' "$OUT")" = 3 ] && pass || fail "three conditions in JSON"
[ "$(jq -r '.conditions[1].met.by' "$OUT")" = pmo1 ] && pass || fail "the met one in JSON"
[ "$(jq -r '.conditions[0].met' "$OUT")" = null ] && pass || fail "an open one in JSON"

# Refusals, nothing committed.
before=$(commits)
run -C "$P" condition met CP-1 G1.2 --evidence again
expect_rc 1 "met twice"
expect_err "G1.2 is already marked met (2026-11-04, by pmo1)"
run -C "$P" condition met CP-1 G1.9 --evidence x
expect_rc 1 "an unknown condition"
expect_err "CP-1 has no condition of approval 'G1.9'; open: G1.1, G1.3"
run -C "$P" condition met CP-1 G1.1
expect_rc 1 "no evidence"
expect_err "--evidence is required"
run -C "$P" condition met CP-1 G1.1 --evidence x --date 2030-01-01 --as nobody
expect_rc 1 "two mistakes"
expect_eq "$(grep -c '^pmo: ' "$ERR")" "2" "both said at once"
expect_eq "$(commits)" "$before" "no refusal committed anything"

run -C "$P" validate
expect_rc 0 "validate with a condition met"
# A record that does not cite its decision word for word is an error at the field.
D=$T/edited
cp -a "$P" "$D"
sed -i 's/^condition: Security review of the login$/condition: Security review/' "$D/$file"
run -C "$D" validate
expect_rc 1 "an edited condition"
expect_out "$(basename "$file"):4:12: error: condition: the decision states condition 2 as 'Security review of the login'"

# The closure gate: every open condition is a loose end.
PMO_NOW=2026-11-05T09:00:00Z "$PMO" -q -C "$P" review CP-1 --gate G2 --decision approve --as pmo1 >/dev/null
export PMO_NOW=2027-07-20T09:00:00Z GIT_AUTHOR_DATE=2027-07-20T09:00:00Z
export GIT_COMMITTER_DATE=2027-07-20T09:00:00Z
run -C "$P" close CP-1 --acceptance "Signed" --actual-end 2027-07-16 --actual-cost 500000 \
  --outcome achieved --went-well "Demos"
expect_rc 0 "the closure report"
expect_err "the condition of approval G1.1 (\"Load test before go-live\", 2026-11-03 by tech) is not marked met: pmo condition met CP-1 G1.1 --evidence TEXT"
expect_err "G1.3"
run -C "$P" review CP-1 --gate G4 --decision approve --as spon
expect_rc 1 "G4 with conditions open"
expect_err "G1.1"
run -C "$P" condition met CP-1 G1.1 --evidence "Load test 2027-06-30: 2,000 users" --date 2027-06-30
expect_rc 0 "G1.1 met on the day it was"
run -C "$P" --lang zh condition met CP-1 G1.3 --evidence "合规评估报告已归档" --as law
expect_rc 0 "G1.3 met, in zh"
expect_err "G1.3（CP-1）已标记为已落实"
run -C "$P" review CP-1 --gate G4 --decision approve --as spon
expect_rc 0 "G4 once every condition is met"
run -C "$P" --lang zh status CP-1
expect_out "批准条件"
expect_out "已落实 2027-06-30（Pat PMO（pmo1））：Load test 2027-06-30: 2,000 users"
run -C "$P" verify
expect_rc 0 "the history verifies"

finish
