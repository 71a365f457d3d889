# Concurrency stress: 8 processes record decisions on one clone at once, 50 rounds (400 writes).
# Every decision is present exactly once (file in HEAD, one commit each), history stays linear
# and sound. PMO_STRESS_ROUNDS sets the number of rounds (default 50).
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P"
write_proposal "$T/proposal.yaml"
for i in 1 2 3 4 5 6 7 8; do
  "$PMO" -q -C "$P" propose --id "S-$i" --from "$T/proposal.yaml" >/dev/null 2>&1
  for who in biz tech fin law; do
    "$PMO" -q -C "$P" review "S-$i" --gate G1 --decision approve --as "$who" >/dev/null 2>&1
  done
  "$PMO" -q -C "$P" review "S-$i" --gate G2 --decision approve --as pmo1 >/dev/null 2>&1
done
run -C "$P" status --json
expect_eq "$(grep -c '"stage": "executing"' "$OUT")" 8 "every project executing"

rounds=${PMO_STRESS_ROUNDS:-50}
before=$(commit_count "$P")
base=$(date -u -d 2027-01-01T00:00:00Z +%s)
start=$(date +%s%N)
for ((r = 1; r <= rounds; r++)); do
  now=$(date -u -d "@$((base + r))" +%Y-%m-%dT%H:%M:%SZ)
  for i in 1 2 3 4 5 6 7 8; do
    PMO_NOW=$now "$PMO" -q -C "$P" review "S-$i" --gate G3 --decision approve --as pmo1 \
      >/dev/null 2>>"$T/errors" || echo "round $r S-$i failed" >>"$T/errors" &
  done
  wait
done
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "$((rounds * 8)) concurrent writes in $rounds rounds: ${elapsed_ms} ms"
[ ! -s "$T/errors" ] && pass || fail "concurrent writers failed: $(head -20 "$T/errors")"

expect_eq "$(commit_count "$P")" $((before + rounds * 8)) "every decision committed"
expect_eq "$(git -C "$P" rev-list --merges --count HEAD)" 0 "linear history"
# Exactly once: one file per (project, round) in HEAD, one commit adding each.
for i in 1 2 3 4 5 6 7 8; do
  files=$(git -C "$P" ls-tree -r --name-only HEAD -- "projects/S-$i/decisions" | grep -c -- '-G3-pmo1\.yaml$')
  expect_eq "$files" "$rounds" "G3 decision files of S-$i"
done
dupes=$(git -C "$P" log --format= --name-only --diff-filter=A -- projects | sort | uniq -d)
expect_eq "$dupes" "" "files added twice"
expect_eq "$(git -C "$P" log --format=%H --grep='^Pmo-Gate: G3$' | wc -l)" $((rounds * 8)) "G3 commits"
expect_git_clean "$P"
run -C "$P" validate
expect_rc 0 "validate after the stress"
finish
