# Ids: new risk, issue and change request ids that two clones cannot both draw; ids that would break
# a checkout on Windows or macOS refused at write time and reported by validate; the R-001 ids of
# earlier versions still read, updated, decided and listed.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en
write_proposal "$T/proposal.yaml"
"$PMO" -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1
for r in biz tech fin law; do
  "$PMO" -C "$P" review CP-1 --gate G1 --decision approve --as $r >/dev/null 2>&1
done
PMO_NOW=2026-12-01T10:00:00Z "$PMO" -C "$P" review CP-1 --gate G2 --decision approve --as pmo1 >/dev/null 2>&1
export PMO_NOW=2027-01-17T09:00:00Z

# refused RC TEXT ARGS...: pmo refuses with exit RC, says TEXT on stderr and writes nothing.
refused() {
  local rc=$1 text=$2
  shift 2
  local before
  before=$(git -C "$P" rev-parse HEAD)
  run "$@"
  expect_rc "$rc" "$*"
  expect_err "$text"
  expect_eq "$(git -C "$P" rev-parse HEAD)" "$before" "no commit after: $*"
}

# Names Windows reserves, with any extension and in any case, and a trailing dot.
for id in CON con Con.yaml nul.x PRN AUX COM1 com9 LPT1 lpt9.a; do
  refused 2 "Windows reserves" -C "$P" people add "$id" --name "X" --role finance
done
refused 2 "ends in '.'" -C "$P" people add "x." --name "X" --role finance
refused 2 "Windows reserves" -C "$P" propose --id CON.x --title "Console"
refused 2 "ends in '.'" -C "$P" propose --id "CP-2." --title "Dot"
run -C "$P" people add console --name "Con Sole" --role finance
expect_rc 0 "console is an ordinary id"

# Ids that differ from an existing one only in case.
refused 1 "'FIN' differs only in case from 'fin', already in the roster (people/fin.yaml)" \
  -C "$P" people add FIN --name "Fin Again" --role finance
refused 1 "'cp-1' differs only in case from project CP-1" -C "$P" propose --id cp-1 --title "Again"

# A new risk id: R- and five characters of the look-alike-free alphabet, on stdout.
alphabet='[23456789abcdefghjkmnpqrstuvwxyz]'
run -C "$P" risk add CP-1 --description "Vendor late" --probability 2 --impact 3 --owner mgr --response mitigate
expect_rc 0 "risk add"
LOW=$(cat "$OUT")
[[ $LOW =~ ^R-$alphabet{5}$ ]] && pass || fail "risk id '$LOW'"

# The same command at the same second by the same operator, with the same random value (PMO_SEED),
# draws the same first id: it is taken, so pmo draws again. A file whose name matches the id the
# next draw would give, in another case, is taken too.
PMO_SEED=7 run -C "$P" risk add CP-1 --description "Twin" --probability 3 --impact 3 --owner mgr --response mitigate
expect_rc 0 "seeded risk add"; TWIN1=$(cat "$OUT")
PMO_SEED=7 run -C "$P" risk add CP-1 --description "Twin" --probability 3 --impact 3 --owner mgr --response mitigate
expect_rc 0 "the same risk again"; TWIN2=$(cat "$OUT")
[ "$TWIN1" != "$TWIN2" ] && pass || fail "the second draw repeats the first: $TWIN1"
git clone -q "$P" "$T/scratch"
PMO_SEED=7 "$PMO" -q -C "$T/scratch" risk add CP-1 --description "Twin" --probability 3 --impact 3 --owner mgr --response mitigate >/dev/null
NEXT=$(git -C "$T/scratch" show --format= --name-only HEAD | sed 's|.*/||; s|\.yaml$||')
upper="R-$(tr a-z A-Z <<<"${NEXT#R-}")"
cp "$P/projects/CP-1/risks/$TWIN1.yaml" "$P/projects/CP-1/risks/$upper.yaml"
git -C "$P" add -A && git -C "$P" commit -qm "A risk filed by hand as $upper"
PMO_SEED=7 run -C "$P" risk add CP-1 --description "Twin" --probability 3 --impact 3 --owner mgr --response mitigate
expect_rc 0 "a third twin"; TWIN3=$(cat "$OUT")
[ "${TWIN3,,}" != "${upper,,}" ] && pass || fail "drew $TWIN3 beside $upper"
[ "$TWIN3" != "$TWIN1" ] && [ "$TWIN3" != "$TWIN2" ] && pass || fail "third draw repeats: $TWIN3"
git -C "$P" rm -q "projects/CP-1/risks/$upper.yaml" && git -C "$P" commit -qm "Remove the hand-filed risk"
for twin in "$TWIN2" "$TWIN3"; do
  "$PMO" -q -C "$P" risk close CP-1 "$twin" >/dev/null 2>&1 && pass || fail "close $twin"
done

# Ids in the format of earlier versions, committed by hand, keep working everywhere.
mkdir -p "$P/projects/CP-1/issues" "$P/projects/CP-1/changes"
cat >"$P/projects/CP-1/risks/R-001.yaml" <<'YAML'
description: Key users unavailable
probability: 4
impact: 4
owner: mgr
response: mitigate
status: open
raised: 2027-01-05
YAML
cat >"$P/projects/CP-1/issues/I-001.yaml" <<'YAML'
description: Test server down
owner: mgr
priority: medium
raised: 2027-01-06
YAML
cat >"$P/projects/CP-1/changes/CR-001.yaml" <<'YAML'
title: Add SSO
reason: Customer demand
requested_by: mgr
requested: 2027-01-07
impact:
  schedule_days: 14
  cost: 50000
YAML
git -C "$P" add -A && git -C "$P" commit -qm "Records from an earlier version"
run -C "$P" validate
expect_rc 0 "validate with R-001 ids"
run -C "$P" risk update CP-1 R-001 --probability 5
expect_rc 0 "risk update R-001"
run -C "$P" risk update CP-1 r-001 --action "Book key users early"
expect_rc 0 "risk update r-001 (any case)"
expect_eq "$(git -C "$P" show --format= --name-only HEAD)" "projects/CP-1/risks/R-001.yaml" "the file keeps its name"
run -C "$P" issue add CP-1 --description "Licence server slow" --owner mgr --priority critical
expect_rc 0 "issue add"; CRIT=$(cat "$OUT")
[[ $CRIT =~ ^I-$alphabet{5}$ ]] && pass || fail "issue id '$CRIT'"
run -C "$P" change request CP-1 --title "Later change" --reason "Scope" --schedule-days 2
expect_rc 0 "change request"; LATER=$(cat "$OUT")
run -C "$P" review CP-1 --change CR-001 --decision approve --as pmo1
expect_rc 0 "CCB on CR-001"
run -C "$P" review CP-1 --change CR-001 --decision approve --as fin
expect_rc 0 "CCB finance on CR-001"; expect_err "CR-001 approved"

# Listed by score, priority and date, never by id: R-001 (20), the twin (9), the new risk (6); the
# critical issue before I-001; CR-001 (requested 7 Jan) before the later change.
run -C "$P" status CP-1
expect_rc 0 "status"
expect_out "v2 — 550,000 CNY, 2027-01-04 to 2027-07-14, since 2027-01-17 (CR-001)"
order() { grep -n -F -- "$1" "$OUT" | head -1 | cut -d: -f1; }
[ "$(order "R-001 score 20")" -lt "$(order "$TWIN1 score 9")" ] && pass || fail "risk order"
[ "$(order "$TWIN1 score 9")" -lt "$(order "$LOW score 6")" ] && pass || fail "risk order"
[ "$(order "$CRIT [critical]")" -lt "$(order "I-001 [medium]")" ] && pass || fail "issue order"
[ "$(order "CR-001 Add SSO")" -lt "$(order "$LATER Later change")" ] && pass || fail "change order"
run -C "$P" status CP-1 --json
expect_rc 0 "status --json"
python3 - "$OUT" "$TWIN1" "$LOW" "$CRIT" "$LATER" <<'PY' && pass || fail "json order"
import json, sys
project = json.load(open(sys.argv[1]))
control = project.get("control", project)
def ids(key):
    for where in (project, control):
        if key in where:
            return [r["id"] for r in where[key]]
    raise SystemExit(f"no {key}")
assert ids("open_risks") == ["R-001", sys.argv[2], sys.argv[3]], ids("open_risks")
assert ids("open_issues") == [sys.argv[4], "I-001"], ids("open_issues")
assert ids("changes") == ["CR-001", sys.argv[5]], ids("changes")
PY
run -C "$P" validate
expect_rc 0 "validate after the CCB"
expect_git_clean "$P"

# Validate: names that differ only in case, in people/, projects/ and a project's records.
cp "$P/people/fin.yaml" "$P/people/Fin.yaml"
cp -r "$P/projects/CP-1" "$P/projects/cp-1"
cp "$P/projects/CP-1/risks/R-001.yaml" "$P/projects/CP-1/risks/r-001.yaml"
git -C "$P" add -A && git -C "$P" commit -qm "Names that differ only in case"
run -C "$P" validate
expect_rc 1 "validate with case collisions"
expect_out "people/fin.yaml: error: 'fin.yaml' and 'Fin.yaml' in people/ differ only in case"
expect_out "projects/cp-1: error: 'cp-1' and 'CP-1' in projects/ differ only in case"
expect_out "projects/CP-1/risks/r-001.yaml: error: 'r-001.yaml' and 'R-001.yaml' in projects/CP-1/risks/ differ only in case"
run -C "$P" validate --format json
expect_out '"code": "case-collision"'
# A reserved name committed by hand is reported too.
git -C "$P" rm -rq people/Fin.yaml projects/cp-1 projects/CP-1/risks/r-001.yaml
cp "$P/people/fin.yaml" "$P/people/AUX.yaml"
git -C "$P" add -A && git -C "$P" commit -qm "A reserved name"
run -C "$P" validate
expect_rc 1 "validate with AUX"
expect_out "people/AUX.yaml: error: 'AUX' is not a valid person id: Windows reserves"
finish
