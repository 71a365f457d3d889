# The roster changes as an office's people do: pmo people update (name, e-mail, roles, capacity,
# key) and pmo people retire (kept for history, no longer eligible), one commit each, by someone
# who may change the roster; a retired person's past decisions still count, their new ones do
# not; the office is never locked out of its own rules.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en
write_proposal "$T/proposal.yaml"
"$PMO" -q -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null
for r in biz tech fin law; do
  PMO_NOW=2026-11-03T10:00:00Z "$PMO" -q -C "$P" review CP-1 --gate G1 --decision approve --as $r \
    >/dev/null
done
export PMO_NOW=2026-11-10T09:00:00Z GIT_AUTHOR_DATE=2026-11-10T09:00:00Z
export GIT_COMMITTER_DATE=2026-11-10T09:00:00Z
commits() { git -C "$P" rev-list --count HEAD; }

# update: roles given and taken, one commit, authored by the person who may change the roster.
before=$(commits)
run -C "$P" people update tech --add-role finance --capacity 0.5
expect_rc 0 "people update"
expect_err "Updated tech (+finance, capacity)"
expect_eq "$(commits)" "$((before + 1))" "one commit"
expect_eq "$(git -C "$P" log -1 --format='%an <%ae>|%s')" "Pat PMO <pmo@example.com>|people: update tech (+finance, capacity)" "author and subject"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Action,valueonly)' | head -1)" "people-update" "the trailer"
grep -q "^roles: \[technical, finance\]$" "$P/people/tech.yaml" && pass || fail "roles written"
grep -q "^capacity: 0.5$" "$P/people/tech.yaml" && pass || fail "capacity written"
run -C "$P" people update tech --remove-role finance --name "Tina Tech-Lee"
expect_rc 0 "take a role away"
grep -q "^roles: \[technical\]$" "$P/people/tech.yaml" && pass || fail "the role is gone"
grep -q "^name: Tina Tech-Lee$" "$P/people/tech.yaml" && pass || fail "the new name"

run -C "$P" people update pmo1 --add-role business
expect_rc 0 "pmo1 takes the business role too"

# Refusals, every mistake at once, nothing committed.
before=$(commits)
run -C "$P" people update tech
expect_rc 2 "nothing to change"
expect_err "nothing to change"
run -C "$P" people update tech --name 'A <b>' --email nope --capacity 2
expect_rc 2 "three mistakes"
expect_eq "$(grep -c '^pmo: ' "$ERR")" "3" "all three said at once"
run -C "$P" people update tech --add-role ghost
expect_rc 1 "an undefined role"
expect_err "role 'ghost' is not defined in pmo.yaml"
run -C "$P" people update tech --remove-role legal
expect_rc 1 "a role not held"
expect_err "tech does not hold the role 'legal'"
run -C "$P" people update tech --remove-role technical
expect_rc 1 "no role left"
expect_err "pmo people retire tech"
run -C "$P" people update nobody --name X
expect_rc 1 "not in the roster"
expect_err "nobody is not in the roster"
run -C "$P" people update pmo1 --remove-role pmo
expect_rc 1 "the last person who may change the roster keeps the role"
expect_err "pmo1 is the last person who may change the roster and the process"
run -C "$P" people retire pmo1
expect_rc 1 "the last rule changer is not retired"
expect_eq "$(commits)" "$before" "no refusal committed anything"

# retire: kept in the roster, shown as retired; their earlier decisions still count.
run -C "$P" people retire law --date 2026-11-05
expect_rc 0 "people retire"
expect_err "Retired law on 2026-11-05"
grep -q "^retired: 2026-11-05$" "$P/people/law.yaml" && pass || fail "retired written"
run -C "$P" people list
expect_out "2026-11-05"
head -1 "$OUT" | grep -q "RETIRED" && pass || fail "the list has a RETIRED column"
run -C "$P" people list --json
expect_out '"retired": "2026-11-05"'
run -C "$P" status CP-1
expect_out "planning" # G1 passed with law's approval, given before law retired
run -C "$P" people retire law
expect_rc 1 "retired twice"
expect_err "law retired on 2026-11-05 already"
run -C "$P" people retire biz --date 2099-01-01
expect_rc 2 "a future date"
expect_err "in the future"
run -C "$P" people update law --name "Lu"
expect_rc 1 "a retired person's record stays"

# A retired person no longer decides, and verify agrees.
PMO_NOW=2026-11-11T09:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 by pmo1"
export PMO_NOW=2026-11-12T09:00:00Z GIT_AUTHOR_DATE=2026-11-12T09:00:00Z
export GIT_COMMITTER_DATE=2026-11-12T09:00:00Z
run -C "$P" people add fin2 --name "Fay Finance" --email fin2@example.com --role pmo --role finance
expect_rc 0 "a second PMO"
run -C "$P" people retire mgr
expect_rc 0 "retire the manager"
expect_err "mgr still holds: manager of CP-1; hand these over."
D=$T/forged
cp -a "$P" "$D"
printf 'gate: G3\ndecision: approve\nreviewer: law\nrole: pmo\ndecided_at: 2026-11-12T09:00:00Z\n' \
  >"$D/projects/CP-1/decisions/20261112T090000Z-G3-law.yaml"
git -C "$D" add projects
GIT_AUTHOR_NAME="Lu Legal" GIT_AUTHOR_EMAIL=law@example.com git -C "$D" commit -q -m "G3 approve: CP-1 — Lu Legal (PMO)

Pmo-Project: CP-1
Pmo-Gate: G3
Pmo-Decision: approve
Pmo-Reviewer: law
Pmo-Role: pmo"
run -C "$D" verify
expect_rc 1 "a decision by a retired person"
expect_out "law retired on 2026-11-05 and no longer decides"

# A retired holder of the pmo role may no longer change the roster; the office stays guarded.
run -C "$P" people retire pmo1 --as fin2
expect_rc 0 "fin2 retires pmo1"
run -C "$P" people add x1 --name "X One" --role business --as pmo1
expect_rc 1 "a retired PMO adds nobody"
expect_err "pmo1 retired on 2026-11-12 and may no longer change the roster"
run -C "$P" people add x1 --name "X One" --role business --as fin2
expect_rc 0 "the active PMO does"
run -C "$P" verify
expect_rc 0 "the roster's history verifies"
git -C "$P" fsck --no-progress >/dev/null 2>&1 && pass || fail "git fsck"
expect_eq "$(git -C "$P" status --porcelain)" "" "a clean working tree"

# In Chinese.
run -C "$P" --lang zh people retire x1 --date 2026-11-12 --as fin2
expect_rc 0 "retire in zh"
expect_err "x1 已于 2026-11-12 离任"

finish
