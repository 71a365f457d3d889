# The registers as a PMO reads them: pmo risk list, issue list and change list, for one project and
# for the portfolio, open entries by default and closed ones with --all, as tables (en and zh) and
# JSON; status ID says how many closed entries the register holds. Change states follow the
# ledger: a hand-made CCB decision does not make a change approved in the list.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en
write_proposal "$T/proposal.yaml"
"$PMO" -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1
sed 's/^title: Customer portal/title: Billing/' "$T/proposal.yaml" >"$T/billing.yaml"
"$PMO" -C "$P" propose --id BL-2 --from "$T/billing.yaml" >/dev/null 2>&1
for project in CP-1 BL-2; do
  for r in biz tech fin law; do
    PMO_NOW=2026-11-03T10:00:00Z "$PMO" -C "$P" review $project --gate G1 --decision approve \
      --as $r >/dev/null 2>&1
  done
done
for project in CP-1 BL-2; do
  PMO_NOW=2026-12-01T10:00:00Z "$PMO" -C "$P" review $project --gate G2 --decision approve \
    --as pmo1 >/dev/null 2>&1
done
export PMO_NOW=2027-01-11T09:00:00Z GIT_AUTHOR_DATE=2027-01-11T09:00:00Z
export GIT_COMMITTER_DATE=2027-01-11T09:00:00Z

# Nothing yet.
run -C "$P" risk list CP-1
expect_rc 0 "an empty risk register"
expect_err "No open risks in CP-1."
expect_eq "$(wc -c <"$OUT")" "0" "nothing on stdout"

risk() { "$PMO" -q -C "$P" risk add "$@"; }
r1=$(risk CP-1 --description "Vendor late" --probability 4 --impact 5 --owner mgr --response mitigate --due 2027-02-01)
r2=$(risk CP-1 --description "Key user leaves" --probability 2 --impact 3 --owner tech --response accept)
r3=$(risk BL-2 --description "Tax rules change" --probability 3 --impact 3 --owner fin --response transfer)
"$PMO" -q -C "$P" risk close CP-1 "$r2" >/dev/null
i1=$("$PMO" -q -C "$P" issue add CP-1 --description "Test server down" --owner tech --priority critical --due 2027-01-05)
i2=$("$PMO" -q -C "$P" issue add CP-1 --description "Licence missing" --owner mgr --priority low)
"$PMO" -q -C "$P" issue resolve CP-1 "$i2" --resolution "Bought" >/dev/null
c1=$("$PMO" -q -C "$P" change request CP-1 --title "Add SSO" --reason "Security" --schedule-days 10 --cost 20000 --as mgr)
c2=$("$PMO" -q -C "$P" change request CP-1 --title "Drop reports" --reason "Time" --scope "No reports" --as mgr)
PMO_NOW=2027-01-12T09:00:00Z "$PMO" -q -C "$P" review CP-1 --change "$c2" --decision reject --as pmo1 >/dev/null
export PMO_NOW=2027-01-13T09:00:00Z

run -C "$P" risk list CP-1
expect_rc 0 "risk list CP-1"
expect_out "$r1"
expect_no_out "$r2"
expect_no_out "$r3"
expect_out "20 (4×5)"
expect_out "Meg Manager (mgr)"
expect_out "escalated"
expect_out "2027-02-01"
expect_err "1 closed risk not shown (--all lists it)"
head -1 "$OUT" | grep -q "^ID  *Score  *Response  *Owner  *Due  *Status  *Description$" && pass ||
  fail "the risk list's header"

run -C "$P" risk list CP-1 --all
expect_rc 0 "risk list --all"
expect_out "$r2"
expect_out "closed 2027-01-11"
[ "$(grep -n "$r1" "$OUT" | cut -d: -f1)" -lt "$(grep -n "$r2" "$OUT" | cut -d: -f1)" ] && pass ||
  fail "open risks come before closed ones"
expect_eq "$(wc -c <"$ERR")" "0" "--all says nothing of hidden entries"

run -C "$P" risk list
expect_rc 0 "the portfolio's risk register"
expect_out "$r3"
head -1 "$OUT" | grep -q "^Project  *ID" && pass || fail "the portfolio list names the project first"
[ "$(grep -n "$r3" "$OUT" | cut -d: -f1)" -lt "$(grep -n "$r1" "$OUT" | cut -d: -f1)" ] && pass ||
  fail "projects by id (BL-2 before CP-1)"

run -C "$P" risk list CP-1 --all --json
expect_rc 0 "risk list --json"
[ "$(jq -r '.risks | length' "$OUT")" = 2 ] && pass || fail "two risks in the JSON"
[ "$(jq -r ".risks[] | select(.id == \"$r2\") | .closed" "$OUT")" = 2027-01-11 ] && pass ||
  fail "the closed risk's date in JSON"
[ "$(jq -r ".risks[] | select(.id == \"$r1\") | .escalated" "$OUT")" = true ] && pass ||
  fail "the escalated risk in JSON"
[ "$(jq -r '.project' "$OUT")" = CP-1 ] && pass || fail "the JSON names the project"

run -C "$P" issue list CP-1
expect_rc 0 "issue list"
expect_out "$i1"
expect_out "overdue"
expect_out "critical"
expect_no_out "$i2"
expect_err "1 resolved issue not shown (--all lists it)"
run -C "$P" issue list CP-1 --all --json
[ "$(jq -r ".issues[] | select(.id == \"$i2\") | .resolution" "$OUT")" = Bought ] && pass ||
  fail "the resolution in JSON"
[ "$(jq -r ".issues[] | select(.id == \"$i1\") | .overdue" "$OUT")" = true ] && pass ||
  fail "the overdue issue in JSON"

run -C "$P" change list CP-1
expect_rc 0 "change list"
expect_out "$c1"
expect_out "pending (0 of 2 approvals)"
expect_out "+10 days"
expect_out "20,000"
expect_no_out "$c2"
expect_err "1 decided change request not shown (--all lists it)"
run -C "$P" change list CP-1 --all
expect_out "rejected 2027-01-12"

# status ID points at what the lists hold beyond the open entries.
run -C "$P" status CP-1
expect_out "and 1 closed (pmo risk list CP-1 --all)"
expect_out "and 1 resolved (pmo issue list CP-1 --all)"

# Chinese.
run -C "$P" --lang zh risk list CP-1 --all
expect_rc 0 "risk list in zh"
head -1 "$OUT" | grep -q "^编号  *评分  *应对  *负责人  *到期  *状态  *描述$" && pass || fail "the zh header"
expect_out "减轻"
expect_out "已升级"
expect_out "已关闭 2027-01-11"
run -C "$P" --lang zh issue list CP-1
expect_out "紧急"
expect_out "已逾期"
expect_err "另有 1 个已解决问题未列出（--all 可列出）"
run -C "$P" --lang zh change list CP-1
expect_out "待决（已批准 0 / 需 2）"
expect_out "+10 天"

# The change log follows the ledger: an approval written by hand is not an approval.
D=$T/forged
cp -a "$P" "$D"
printf 'change: %s\ndecision: approve\nreviewer: pmo1\nrole: pmo\ndecided_at: 2027-01-13T09:00:00Z\n' "$c1" \
  >"$D/projects/CP-1/decisions/20270113T090000Z-$c1-pmo1.yaml"
git -C "$D" add projects && git -C "$D" commit -qm "approve"
run -C "$D" change list CP-1
expect_rc 1 "a list over an unproved decision exits 1"
expect_out "pending (0 of 2 approvals)"

# Bad input.
run -C "$P" risk list NO-SUCH
expect_rc 1 "an unknown project"
expect_err "no project 'NO-SUCH' in this portfolio"
run -C "$P" risk list $'bad\e[31m'
expect_rc 2 "an invalid id"
grep -q $'\e' "$ERR" && fail "an escape reached the terminal" || pass

finish
