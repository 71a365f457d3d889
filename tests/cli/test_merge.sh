# Two clones, a day of routine work by different people on each, then a plain git merge both ways
# (and a rebase): no conflict, a clean working tree, a valid portfolio that shows every record,
# a sound repository. Principle 2: new records are new files, with ids two clones cannot both draw.
source "$(dirname "$0")/lib.sh"
O=$T/origin
# The office, run by its PMO staff: the operator who sets it up (Pat PMO, lib.sh's git identity) and the two people who will work
# on the two clones are in the roster with the pmo role, so each of them may change it (and a
# merge commit that combines two rosters is authored by one of them).
"$PMO" -q init "$O" --name "Test PMO" --lang en >/dev/null
while read -r id name email roles; do
  "$PMO" -q -C "$O" people add "$id" --name "${name//_/ }" --email "$email" $roles >/dev/null ||
    fail "people add $id"
done <<'ROSTER'
pmo1 Pat_PMO pmo@example.com --role pmo
op PMO_Operator operator@example.com --role pmo
alice Alice_Ang alice@example.com --role pmo
bo Bo_Bai bo@example.com --role pmo
biz Bo_Business biz@example.com --role business
tech Tina_Tech tech@example.com --role technical
fin Fei_Finance fin@example.com --role finance
law Lu_Legal law@example.com --role legal
spon Sam_Sponsor spon@example.com --role sponsor --role business
mgr Meg_Manager mgr@example.com --role manager --role finance
ROSTER
write_proposal "$T/proposal.yaml"
for p in CP-1 CP-2 CP-3 CP-4; do
  "$PMO" -q -C "$O" propose --id $p --from "$T/proposal.yaml" >/dev/null
done
for p in CP-1 CP-2 CP-3; do
  for r in biz tech fin law; do
    PMO_NOW=2026-11-03T10:00:00Z "$PMO" -q -C "$O" review $p --gate G1 --decision approve --as $r >/dev/null
  done
done
for p in CP-1 CP-2; do
  PMO_NOW=2026-12-01T10:00:00Z "$PMO" -q -C "$O" review $p --gate G2 --decision approve --as pmo1 >/dev/null
done
# Records both clones start from: two risks and a change request on CP-1, an issue on CP-2.
export PMO_NOW=2027-01-11T09:00:00Z
add() { "$PMO" -q -C "$@"; }
R1=$(add "$O" risk add CP-1 --description "Vendor late" --probability 3 --impact 3 --owner mgr --response mitigate)
R2=$(add "$O" risk add CP-1 --description "Key users busy" --probability 2 --impact 4 --owner mgr --response accept)
I1=$(add "$O" issue add CP-2 --description "Build server down" --owner mgr --priority high)
CR0=$(add "$O" change request CP-1 --title "Add SSO" --reason "Customer demand" --schedule-days 5)
run -C "$O" validate
expect_rc 0 "origin validates"
expect_eq "$(git -C "$O" status --porcelain)" "" "origin clean"

# Two clones, each run by another member of the office.
git clone -q "$O" "$T/a"
git clone -q "$O" "$T/b"
git -C "$T/a" config user.name "Alice Ang" && git -C "$T/a" config user.email alice@example.com
git -C "$T/b" config user.name "Bo Bai" && git -C "$T/b" config user.email bo@example.com

# The same day on both, at the same seconds: risks, issues and change requests on the same project,
# status reports for different projects, people, proposals, updates of different risks, gate
# decisions on different projects, CCB decisions on different change requests.
A=$T/a B=$T/b
day() { # day DIR: the routine work of one clone, one pmo command per line, times in step
  local dir=$1 who=$2
  shift 2
  local n=0 line
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    n=$((n + 1))
    eval "set -- $line"
    PMO_NOW=$(printf '2027-01-18T09:%02d:00Z' "$n") "$PMO" -q -C "$dir" "$@" >>"$T/$who.ids" 2>>"$T/$who.err" ||
      fail "$who: pmo $line"
  done
}
day "$A" a <<EOF
risk add CP-1 --description "Data migration slips" --probability 4 --impact 4 --owner mgr --response mitigate
issue add CP-1 --description "Test data missing" --owner mgr --priority high
change request CP-1 --title "Add audit log" --reason "Compliance" --cost 20000
update CP-1 --period 2027-W03 --percent 8 --actual-cost 40000 --summary "Design under way"
people add alice2 --name "Alice Two" --email alice2@example.com --role business
propose --title "Alice's proposal" --sponsor spon
risk update CP-1 $R1 --probability 5
review CP-3 --gate G2 --decision approve --as pmo1
review CP-1 --change $CR0 --decision approve --as pmo1
issue add CP-2 --description "Licence renewal" --owner mgr --priority low
EOF
day "$B" b <<EOF
risk add CP-1 --description "Data migration slips" --probability 4 --impact 4 --owner mgr --response mitigate
risk add CP-1 --description "Hosting contract late" --probability 2 --impact 5 --owner mgr --response transfer
issue add CP-1 --description "Test data missing" --owner mgr --priority high
change request CP-1 --title "Add audit log" --reason "Compliance" --cost 20000
update CP-2 --period 2027-W03 --percent 5 --actual-cost 30000 --summary "Kick-off"
people add bo2 --name "Bo Two" --email bo2@example.com --role technical
propose --title "Bo's proposal" --sponsor spon
risk update CP-1 $R2 --probability 3
review CP-4 --gate G1 --decision approve --as biz
issue resolve CP-2 $I1 --resolution "Rebuilt"
EOF
expect_eq "$(git -C "$A" rev-list --count origin/main..HEAD)" "10" "clone a: one commit per command"
expect_eq "$(git -C "$B" rev-list --count origin/main..HEAD)" "10" "clone b: one commit per command"
# The same records made at the same second on both clones got different ids.
new_a=$(git -C "$A" diff --name-only --diff-filter=A origin/main HEAD -- projects/CP-1 | sort)
new_b=$(git -C "$B" diff --name-only --diff-filter=A origin/main HEAD -- projects/CP-1 | sort)
expect_eq "$(comm -12 <(echo "$new_a") <(echo "$new_b"))" "" "files both clones added"

# From here on, the end of the day's work (a status report is for a period under way).
export PMO_NOW=2027-01-18T18:00:00Z

# merged WHERE: the merged clone is clean, sound and valid, and shows every record of both days.
merged() {
  local dir=$1 what=$2
  [ -z "$(git -C "$dir" ls-files -u)" ] && pass || fail "$what: unmerged paths"
  expect_git_clean "$dir"
  run -C "$dir" validate
  expect_rc 0 "$what: validate"
  run -C "$dir" status CP-1
  expect_rc 0 "$what: status CP-1"
  local id
  for id in $R1 $R2 $CR0 $(grep -h -E '^(R|I|CR)-' "$T/a.ids" "$T/b.ids"); do
    case $id in I-*) [ "$(git -C "$dir" ls-files "projects/CP-1/issues/$id.yaml")" ] || continue ;; esac
    case $id in CR-* | R-*) [ "$(git -C "$dir" ls-files "projects/CP-1/*/$id.yaml")" ] || continue ;; esac
    grep -qF -- "$id" "$OUT" && pass || fail "$what: status CP-1 lacks $id"
  done
  expect_out "$R1 score 15 ESCALATED"
  expect_out "$R2 score 12"
  expect_out "$CR0 Add SSO — pending"
  run -C "$dir" status
  expect_rc 0 "$what: status"
  expect_out "Alice's proposal"
  expect_out "Bo's proposal"
  run -C "$dir" status CP-2
  expect_out "Licence renewal"
  expect_no_out "Build server down" # resolved on b
  run -C "$dir" people list
  expect_out "alice2"
  expect_out "bo2"
  [ -f "$dir/projects/CP-1/status/2027-W03.yaml" ] && [ -f "$dir/projects/CP-2/status/2027-W03.yaml" ] &&
    pass || fail "$what: both status reports"
  run -C "$dir" status CP-3
  expect_out "executing"
  run -C "$dir" status CP-4
  expect_out "approvals: 1 of 4"
  if [ "$has_verify" = yes ]; then
    run -C "$dir" verify
    expect_rc 0 "$what: verify"
  fi
}

# pmo verify (the ledger proving itself) when this pmo has it: `pmo verify --help` exits 0 and
# shows verify's own usage (without the command, pmo prints its general help, also with 0).
has_verify=no
if "$PMO" verify --help >"$T/verify-help" 2>&1 && grep -q '^Usage: pmo verify' "$T/verify-help"; then
  has_verify=yes
else
  echo "note: this pmo has no verify command; the merged ledgers are not verified" >&2
fi

# The exchange happens that evening: git's own commits (merges, rebased commits) carry that time,
# after the day's decisions (the test's clock is PMO_NOW, not the machine's).
export GIT_COMMITTER_DATE=2027-01-18T18:00:00Z GIT_AUTHOR_DATE=2027-01-18T18:00:00Z

cp -a "$A" "$T/a0" && cp -a "$B" "$T/b0"
cp -a "$A" "$T/ar" && cp -a "$B" "$T/br"

# git merge, both ways: a merges b's day, b merges a's.
git -C "$A" pull -q --no-rebase --no-edit "$T/b0" main >"$T/pull" 2>&1 && pass || fail "a: pull b: $(cat "$T/pull")"
merged "$A" "a after merging b"
git -C "$B" pull -q --no-rebase --no-edit "$T/a0" main >"$T/pull" 2>&1 && pass || fail "b: pull a: $(cat "$T/pull")"
merged "$B" "b after merging a"
expect_eq "$(git -C "$A" rev-parse 'HEAD^{tree}')" "$(git -C "$B" rev-parse 'HEAD^{tree}')" "both merges give the same tree"
# After the merge, the exchange settles: b takes a's merge as a fast-forward or merges it cleanly.
git -C "$B" pull -q --no-rebase --no-edit "$A" main >"$T/pull" 2>&1 && pass || fail "b: pull a's merge: $(cat "$T/pull")"
expect_git_clean "$B"
# And work goes on on a merge commit the next day, merged again that evening.
PMO_NOW=2027-01-19T09:00:00Z run -C "$A" risk add CP-1 --description "After the merge" --probability 1 --impact 1 --owner mgr --response accept
expect_rc 0 "risk add on a merge commit"
PMO_NOW=2027-01-19T09:00:00Z run -C "$A" review CP-4 --gate G1 --decision approve --as tech
expect_rc 0 "review on a merge commit"
expect_git_clean "$A"
GIT_COMMITTER_DATE=2027-01-19T18:00:00Z GIT_AUTHOR_DATE=2027-01-19T18:00:00Z \
  git -C "$B" pull -q --no-rebase --no-edit "$A" main >"$T/pull" 2>&1 && pass || fail "b: pull again: $(cat "$T/pull")"
expect_git_clean "$B"
run -C "$B" validate
expect_rc 0 "validate after the second exchange"
run -C "$B" status CP-4
expect_out "approvals: 2 of 4"
if [ "$has_verify" = yes ]; then
  run -C "$B" verify
  expect_rc 0 "verify after the second exchange"
fi

# git pull --rebase: a's day replayed on top of b's, and b's on top of a's (that evening: the
# replayed commits keep their authors and author dates, and are committed at 18:00).
unset GIT_AUTHOR_DATE
export GIT_COMMITTER_DATE=2027-01-18T18:00:00Z
git -C "$T/ar" pull -q --rebase "$T/b0" main >"$T/pull" 2>&1 && pass || fail "a: pull --rebase b: $(cat "$T/pull")"
merged "$T/ar" "a rebased on b"
expect_eq "$(git -C "$T/ar" rev-list --count origin/main..HEAD)" "20" "a rebased: both days, linear"
git -C "$T/br" pull -q --rebase "$T/a0" main >"$T/pull" 2>&1 && pass || fail "b: pull --rebase a: $(cat "$T/pull")"
merged "$T/br" "b rebased on a"
expect_eq "$(git -C "$T/ar" rev-parse 'HEAD^{tree}')" "$(git -C "$T/br" rev-parse 'HEAD^{tree}')" "both rebases give the same tree"
expect_eq "$(git -C "$T/ar" log -1 --format='%an %aI' HEAD)" "Alice Ang 2027-01-18T09:10:00+00:00" "a rebased commit keeps its author"
finish
