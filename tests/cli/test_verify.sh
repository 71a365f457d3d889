# pmo verify: the ledger proves itself. An honest portfolio built with pmo passes; in fresh copies,
# each tampering a person with push rights could make is caught, naming the offending commit;
# honest histories (rules changed later, clones merged, a rebase) pass; status follows the ledger.
source "$(dirname "$0")/lib.sh"
H=$T/honest
make_office "$H"
write_proposal "$T/proposal.yaml"
PMO_NOW=2026-11-02T10:00:00Z "$PMO" -q -C "$H" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null
t=11
for r in biz:business tech:technical fin:finance law:legal; do
  PMO_NOW=2026-11-03T$t:00:00Z "$PMO" -q -C "$H" review CP-1 --gate G1 --decision approve --as "${r%%:*}" >/dev/null
  t=$((t + 1))
done
PMO_NOW=2026-11-04T09:00:00Z "$PMO" -q -C "$H" review CP-1 --gate G2 --decision approve --as pmo1 >/dev/null
export GIT_AUTHOR_DATE=2026-11-05T09:00:00Z GIT_COMMITTER_DATE=2026-11-05T09:00:00Z
PMO_NOW=2026-11-05T09:00:00Z
run -C "$H" verify
expect_rc 0 "the honest portfolio verifies"
expect_err "every decision is proved"
run -C "$H" status CP-1
expect_rc 0 "status of the honest portfolio"
expect_out "executing"

# fresh NAME: a copy of the honest portfolio to tamper with.
fresh() { rm -rf "$T/$1"; cp -a "$H" "$T/$1"; D=$T/$1; }
# caught WHAT: verify exits 1 and names HEAD's short id (or $1's commit when given).
caught() {
  local what=$1 commit=${2:-$(git -C "$D" rev-parse --short=7 HEAD)}
  run -C "$D" verify
  expect_rc 1 "$what: verify exit"
  expect_out "$commit"
}
# as NAME EMAIL MESSAGE: a plain git commit of what is staged, by NAME <EMAIL>.
as() {
  GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$2 GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$2 \
    git -C "$D" commit -q -m "$3"
}
decision_file() { ls "$D"/projects/CP-1/decisions/*-"$1"-"$2".yaml | head -1; }
# A decision commit made by hand: G3 on CP-1 by pmo1 (the message and trailers pmo would write).
g3_message() {
  printf 'G3 %s: CP-1 Customer portal — Pat PMO (PMO)\n\nPmo-Project: CP-1\nPmo-Gate: G3\nPmo-Decision: %s\nPmo-Reviewer: pmo1\nPmo-Role: pmo\n' "$1" "$1"
}
g3_record() { # DECISION FILE-DECISION
  printf 'gate: G3\ndecision: %s\nreviewer: pmo1\nrole: pmo\ndecided_at: 2026-11-05T09:00:00Z\n' "$1" \
    >"$D/projects/CP-1/decisions/20261105T090000Z-G3-pmo1.yaml"
  git -C "$D" add projects
}

# 1. A decision edited after the fact: reject turned into approve (here approve into reject).
fresh edited
sed -i 's/^decision: approve/decision: reject/' "$(decision_file G1 fin)"
git -C "$D" commit -q -am "fix"
caught "edited decision"
expect_out "edits the decision record"
run -C "$D" status CP-1
expect_out "executing" # the ledger, not the edited file, decides
expect_rc 1 "status says the decision is not proved"
run -C "$D" validate
expect_rc 1 "validate flags the edited decision"
expect_out "$(basename "$(decision_file G1 fin)"):1:1: error: edited after commit"

# 2. A decision deleted.
fresh deleted
git -C "$D" rm -q "$(decision_file G2 pmo1)"
git -C "$D" commit -q -m "tidy"
caught "deleted decision"
expect_out "deletes the decision record"

# 3. A decision written by hand, committed without being a decision commit.
fresh handmade
g3_record approve
as "Pat PMO" pmo@example.com "add G3"
caught "hand-made decision"
expect_out "is not its decision commit"
run -C "$D" validate
expect_rc 1 "validate flags the hand-made decision"
expect_out "20261105T090000Z-G3-pmo1.yaml:1:1: error: no decision commit recorded this decision"
# Not committed yet: validate (what a pre-commit hook runs) refuses it too.
fresh uncommitted
g3_record approve
run -C "$D" validate
expect_rc 1 "validate flags an uncommitted hand-made decision"
expect_out "20261105T090000Z-G3-pmo1.yaml:1:1: error: no decision commit recorded this decision"

# 4. A forged author: a decision commit as pmo1, authored by someone else.
fresh forged
g3_record approve
as "Eve Evil" eve@example.com "$(g3_message approve)"
caught "forged author"
expect_out "authored by Eve Evil <eve@example.com>"

# 5. Trailers that disagree with the record.
fresh disagree
g3_record reject
as "Pat PMO" pmo@example.com "$(g3_message approve)"
caught "trailers disagree with the record"
expect_out "disagrees"

# 6. A role granted in the decision commit itself.
fresh granted
g3_record approve
sed -i 's/^roles: .*/roles: [business, pmo]/' "$D/people/biz.yaml"
git -C "$D" add people
as "Pat PMO" pmo@example.com "$(g3_message approve)"
caught "role granted in the same commit"
expect_out "people/biz.yaml"

# 7. Back-dated: dated before its parent commit.
fresh backdated
printf 'gate: G3\ndecision: approve\nreviewer: pmo1\nrole: pmo\ndecided_at: 2026-11-01T09:00:00Z\n' \
  >"$D/projects/CP-1/decisions/20261101T090000Z-G3-pmo1.yaml"
git -C "$D" add projects
GIT_AUTHOR_DATE=2026-11-01T09:00:00Z GIT_COMMITTER_DATE=2026-11-01T09:00:00Z as "Pat PMO" pmo@example.com "$(g3_message approve)"
caught "back-dated decision"
expect_out "before its parent commit"

# 8. A decision slipped into a merge commit.
fresh merged
git -C "$D" checkout -q -b side
echo "note" >"$D/NOTES.md"
git -C "$D" add NOTES.md
as "Pat PMO" pmo@example.com "notes"
git -C "$D" checkout -q main
git -C "$D" merge -q --no-ff --no-commit side
g3_record approve
as "Pat PMO" pmo@example.com "$(g3_message approve)"
caught "decision inside a merge commit"

# 9. One person in several seats: pmo review refuses it; a hand-made commit is caught.
fresh seats
"$PMO" -q -C "$D" people add multi --name "Mo Multi" --email multi@example.com --role technical --role finance --role legal >/dev/null
"$PMO" -q -C "$D" propose --id CP-2 --from "$T/proposal.yaml" >/dev/null
"$PMO" -q -C "$D" review CP-2 --gate G1 --decision approve --as multi --role technical >/dev/null
run -C "$D" review CP-2 --gate G1 --decision approve --as multi --role finance
expect_rc 1 "review refuses a second seat for one person"
expect_err "a person fills one seat"
mkdir -p "$D/projects/CP-2/decisions"
printf 'gate: G1\ndecision: approve\nreviewer: multi\nrole: finance\ndecided_at: 2026-11-05T09:00:00Z\n' \
  >"$D/projects/CP-2/decisions/20261105T090000Z.2-G1-multi.yaml"
git -C "$D" add projects
as "Mo Multi" multi@example.com "$(printf 'G1 approve: CP-2\n\nPmo-Project: CP-2\nPmo-Gate: G1\nPmo-Decision: approve\nPmo-Reviewer: multi\nPmo-Role: finance\n')"
caught "one person in two seats"
expect_out "fills one seat"

# 10. The quorum lowered together with a decision.
fresh quorum
g3_record approve
sed -i '0,/quorum: all/s//quorum: 1/' "$D/pmo.yaml"
git -C "$D" add pmo.yaml
as "Pat PMO" pmo@example.com "$(g3_message approve)"
caught "quorum lowered with a decision"
expect_out "pmo.yaml"

# 11. The roster rewritten to borrow an identity, then a decision in that name.
fresh borrowed
sed -i 's/^email: .*/email: eve@example.com/' "$D/people/pmo1.yaml"
git -C "$D" add people
as "Eve Evil" eve@example.com "update e-mail"
rewrite=$(git -C "$D" rev-parse --short=7 HEAD)
g3_record approve
as "Pat PMO" eve@example.com "$(g3_message approve)"
caught "borrowed identity (the decision)"
run -C "$D" verify
expect_out "$rewrite" # the unauthorised roster change is named too

# 12. An unsigned decision where signing is required.
fresh unsigned
printf '\nledger:\n  signing: required\n' >>"$D/pmo.yaml"
git -C "$D" add pmo.yaml
as "Pat PMO" pmo@example.com "decisions must be signed"
g3_record approve
as "Pat PMO" pmo@example.com "$(g3_message approve)"
caught "unsigned decision"
expect_out "not signed"

# Honest histories pass.
# a. The G1 board changed after the fact: nothing is re-judged.
fresh rules
sed -i '0,/board: \[business, technical, finance, legal\]/s//board: [business, technical, finance, legal, pmo]/' "$D/pmo.yaml"
grep -q "legal, pmo]" "$D/pmo.yaml" && pass || fail "the G1 board was not changed"
git -C "$D" commit -q -am "G1: the PMO joins the board"
run -C "$D" verify
expect_rc 0 "a later change of the rules verifies"
run -C "$D" status CP-1
expect_rc 0 "status after the rules changed"
expect_out "executing"

# b. Two clones merged with a merge commit; c. a rebase.
fresh clones
git clone -q "$D" "$T/clone2"
"$PMO" -q -C "$D" propose --id CP-3 --from "$T/proposal.yaml" >/dev/null
PMO_NOW=2026-11-05T10:00:00Z "$PMO" -q -C "$D" review CP-1 --gate G3 --decision approve --as pmo1 >/dev/null
PMO_NOW=2026-11-05T11:00:00Z "$PMO" -q -C "$T/clone2" propose --id CP-4 --from "$T/proposal.yaml" >/dev/null
PMO_NOW=2026-11-05T11:30:00Z "$PMO" -q -C "$T/clone2" review CP-4 --gate G1 --decision approve --as biz >/dev/null
cp -a "$T/clone2" "$T/clone3"
git -C "$T/clone2" pull -q --no-rebase --no-edit origin main
run -C "$T/clone2" verify
expect_rc 0 "two clones merged with a merge commit"
GIT_COMMITTER_DATE=2026-11-06T09:00:00Z git -C "$T/clone3" pull -q --rebase origin main
run -C "$T/clone3" verify
expect_rc 0 "a rebase"

# d. The roster is changed only by someone verify accepts: pmo people add refuses to make a change
# that would not take effect, and --as names who makes it.
fresh roster
git -C "$D" config user.email someone@example.com
before=$(commit_count "$D")
run -C "$D" people add newbie --name "New Bie" --role business
expect_rc 1 "people add by an unknown git identity"
expect_err "only pmo1 may change the roster"
run -C "$D" people add newbie --name "New Bie" --role business --as mgr
expect_rc 1 "people add as a person without the pmo role"
expect_err "mgr holds none of the roles that may change the roster"
expect_eq "$(commit_count "$D")" "$before" "nothing committed by the refusals"
expect_git_clean "$D"
run -C "$D" people add newbie --name "New Bie" --role business --as pmo1
expect_rc 0 "people add as pmo1"
expect_eq "$(git -C "$D" log -1 --format='%an <%ae>')" "Pat PMO <pmo@example.com>" "the change is authored by pmo1"
run -C "$D" verify
expect_rc 0 "the roster change verifies"
expect_no_out "unauthorised"

# verify A..B: only the range's commits are judged.
run -C "$D" verify HEAD~1..HEAD
expect_rc 0 "a range verifies"
expect_err "1 commit, "
run -C "$D" verify --format json
expect_out '"findings": []'
run -C "$D" verify nosuchrev
expect_rc 2 "an unknown revision"

# g. verify A..B reads only the range, starting from the state the records at the merge base
# hold: a G1 approval slipped in after CP-1 passed G1 and G2 is caught by a one-commit range.
fresh rangeseed
printf 'gate: G1\ndecision: approve\nreviewer: biz\nrole: business\ndecided_at: 2026-11-05T09:00:00Z\n' \
  >"$D/projects/CP-1/decisions/20261105T090000Z-G1-biz.yaml"
git -C "$D" add projects
as "Bo Business" biz@example.com "$(printf 'G1 approve: CP-1\n\nPmo-Project: CP-1\nPmo-Gate: G1\nPmo-Decision: approve\nPmo-Reviewer: biz\nPmo-Role: business\n')"
run -C "$D" verify HEAD~1..HEAD
expect_rc 1 "a one-commit range judged against the state before it"
expect_out "$(git -C "$D" rev-parse --short=7 HEAD)"
expect_err "1 commit:"
run -C "$D" verify
expect_rc 1 "the whole history agrees"

# e. A decision of the same second as another (its file named "….2-…") edited by hand: validate
# names that file, with the commit that counts, and nothing else.
fresh samesecond
PMO_NOW=2026-11-05T09:30:00Z "$PMO" -q -C "$D" propose --id CP-5 --from "$T/proposal.yaml" >/dev/null
PMO_NOW=2026-11-05T10:00:00Z "$PMO" -q -C "$D" review CP-5 --gate G1 --decision approve --as biz >/dev/null
PMO_NOW=2026-11-05T10:00:00Z "$PMO" -q -C "$D" review CP-5 --gate G1 --decision approve --as tech >/dev/null
second=$(ls "$D"/projects/CP-5/decisions/*.2-G1-tech.yaml)
sed -i 's/^decision: approve/decision: reject/' "$second"
git -C "$D" commit -q -am "fix"
run -C "$D" validate
expect_rc 1 "validate flags the edited same-second decision"
expect_out "$(basename "$second"):1:1: error: edited after commit"
expect_eq "$(wc -l <"$OUT")" "1" "one finding, at that file"
run -C "$D" status CP-5
expect_rc 1 "status says the record is not proved"
expect_out "approvals: 2 of 4 needed"

# f. pmo.yaml changed by someone not authorised: the change does not take effect in status
# either (G1 still needs its four approvals, not one).
fresh intruder
PMO_NOW=2026-11-05T09:30:00Z "$PMO" -q -C "$D" propose --id CP-6 --from "$T/proposal.yaml" >/dev/null
run -C "$D" status
expect_out "G1 Initiation approval 0/4"
sed -i 's/quorum: all/quorum: 1/' "$D/pmo.yaml"
git -C "$D" add pmo.yaml
as "Ivan Intruder" ivan@example.com "lower the quorum"
run -C "$D" status
expect_out "G1 Initiation approval 0/4"
expect_err "pmo.yaml as committed is not in force"
run -C "$D" verify
expect_rc 1 "verify reports the unauthorised change"
expect_out "ivan@example.com"

finish
