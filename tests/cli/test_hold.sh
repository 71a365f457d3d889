# A project on hold is visible everywhere and records only what pmo.yaml lets it: status shows
# the hold in the table and in status ID (since when, by whom, why, what it may record), the
# report lists projects on hold, and writes outside control.while_on_hold are refused until a
# decision on the held gate resumes the project.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en
write_proposal "$T/proposal.yaml"
"$PMO" -q -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null
for r in biz tech fin law; do
  PMO_NOW=2026-11-03T10:00:00Z "$PMO" -q -C "$P" review CP-1 --gate G1 --decision approve --as $r \
    >/dev/null
done
PMO_NOW=2026-12-01T10:00:00Z "$PMO" -q -C "$P" review CP-1 --gate G2 --decision approve --as pmo1 \
  >/dev/null
export PMO_NOW=2027-01-18T09:00:00Z GIT_AUTHOR_DATE=2027-01-18T09:00:00Z
export GIT_COMMITTER_DATE=2027-01-18T09:00:00Z
"$PMO" -q -C "$P" update CP-1 --period 2027-W02 --percent 5 --actual-cost 1000 >/dev/null
PMO_NOW=2027-01-19T09:00:00Z "$PMO" -q -C "$P" review CP-1 --gate G3 --decision hold --as pmo1 \
  --comment "Funding frozen until the budget review" >/dev/null
export PMO_NOW=2027-01-25T09:00:00Z GIT_AUTHOR_DATE=2027-01-25T09:00:00Z
export GIT_COMMITTER_DATE=2027-01-25T09:00:00Z
commits() { git -C "$P" rev-list --count HEAD; }

run -C "$P" status
expect_rc 0 "status"
expect_out "executing (on hold)"
run -C "$P" status CP-1
expect_out "ON HOLD"
expect_out "at G3, since 2027-01-19 (Pat PMO (pmo1))"
expect_out "Funding frozen until the budget review"
expect_out "may record only: risks, issues, conditions met (control.while_on_hold)"
run -C "$P" status --json
[ "$(jq -r '.projects[0].pause' "$OUT")" = hold ] && pass || fail "pause in JSON"
[ "$(jq -r '.projects[0].hold_since' "$OUT")" = 2027-01-19 ] && pass || fail "hold_since in JSON"
run -C "$P" report
expect_out "## Projects on hold"
expect_out '| `CP-1` Customer portal | `G3` | 2027-01-19 | pmo1 | Funding frozen until the budget review |'

# What it may not record is refused, naming the hold and the setting; nothing is committed.
before=$(commits)
run -C "$P" update CP-1 --period 2027-W03 --percent 6 --actual-cost 1200
expect_rc 1 "a status report while on hold"
expect_err "CP-1 is on hold at G3 since 2027-01-19 (pmo1): a project on hold records only risks, issues, conditions met (pmo.yaml control.while_on_hold), not status reports; a decision on G3 resumes it"
run -C "$P" change request CP-1 --title "More scope" --reason "Asked" --scope "More" --as mgr
expect_rc 1 "a change request while on hold"
expect_err "not change requests"
expect_eq "$(commits)" "$before" "nothing committed"
# What keeps the exposure known is still recorded.
run -C "$P" risk add CP-1 --description "Budget cut" --probability 3 --impact 4 --owner mgr --response accept
expect_rc 0 "a risk while on hold"
run -C "$P" --lang zh update CP-1 --period 2027-W03 --percent 6 --actual-cost 1200
expect_rc 1 "refused in zh"
expect_err "CP-1 在关口 G3 处于暂停状态，自 2027-01-19 起（pmo1）：暂停期间只能登记风险、问题、批准条件落实（pmo.yaml 的 control.while_on_hold），不能登记状态报告；G3 的决策可恢复项目"

# The office decides what a held project may record.
sed -i 's/^  while_on_hold: \[risk, issue, condition\]/  while_on_hold: [risk, issue, condition, status]/' "$P/pmo.yaml"
grep -q "while_on_hold: \[risk, issue, condition, status\]" "$P/pmo.yaml" && pass || fail "pmo.yaml edited"
git -C "$P" commit -qam "Held projects report status"
run -C "$P" update CP-1 --period 2027-W03 --percent 6 --actual-cost 1200
expect_rc 0 "status reports allowed by pmo.yaml"
sed -i 's/^  while_on_hold: .*/  while_on_hold: [risk, holidays]/' "$P/pmo.yaml"
run -C "$P" validate
expect_rc 1 "an unknown record kind"
expect_out "pmo.yaml:$(grep -n '^  while_on_hold' "$P/pmo.yaml" | cut -d: -f1):18: error: control.while_on_hold: 'holidays' is not one of: status, risk, issue, change, condition, closure"
git -C "$P" checkout -q pmo.yaml

# A decision on the held gate resumes the project.
PMO_NOW=2027-01-26T09:00:00Z run -C "$P" review CP-1 --gate G3 --decision approve --as pmo1
expect_rc 0 "G3 resumes"
export PMO_NOW=2027-02-01T09:00:00Z GIT_AUTHOR_DATE=2027-02-01T09:00:00Z
export GIT_COMMITTER_DATE=2027-02-01T09:00:00Z
run -C "$P" change request CP-1 --title "More scope" --reason "Asked" --scope "More" --as mgr
expect_rc 0 "a change request once resumed"
run -C "$P" status CP-1
expect_no_out "ON HOLD"
run -C "$P" verify
expect_rc 0 "verify"

finish
