# Reading history ahead on threads (core/pmo/ledger/readahead.hpp) never changes what the ledger
# proves. A history long enough for several chunks of 64 commits, with decisions, routine work, a
# merge and tamperings spread across chunk boundaries: verify (whole history and a range), status
# and validate print the same, byte for byte, with no reader (PMO_THREADS=0), one, and several.
source "$(dirname "$0")/lib.sh"
D=$T/long
make_office "$D"
write_proposal "$T/proposal.yaml"
PMO_NOW=2026-11-02T10:00:00Z "$PMO" -q -C "$D" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null

# filler N DAY: N plain commits of notes (not records) on 2026-11-DAY, one second apart.
filler() {
  local n=$1 day=$2 i
  for ((i = 0; i < n; i++)); do
    local at
    at=$(printf '2026-11-%02dT08:%02d:%02dZ' "$day" $((i / 60)) $((i % 60)))
    echo "$day $i" >>"$D/notes.txt"
    git -C "$D" add notes.txt
    GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at git -C "$D" commit -q -m "note $day $i"
  done
}

filler 70 3
t=11
for r in biz:business tech:technical fin:finance law:legal; do
  PMO_NOW=2026-11-03T$t:00:00Z "$PMO" -q -C "$D" review CP-1 --gate G1 --decision approve \
    --as "${r%%:*}" >/dev/null
  t=$((t + 1))
done
filler 80 4
# A branch of routine work merged back with a merge commit, across a chunk boundary.
git -C "$D" checkout -q -b side
filler 30 5
git -C "$D" checkout -q main
PMO_NOW=2026-11-05T10:00:00Z "$PMO" -q -C "$D" review CP-1 --gate G2 --decision approve \
  --as pmo1 >/dev/null
GIT_AUTHOR_DATE=2026-11-05T11:00:00Z GIT_COMMITTER_DATE=2026-11-05T11:00:00Z \
  git -C "$D" merge -q --no-edit side
mid=$(git -C "$D" rev-parse HEAD)
filler 40 6
# A decision commit that also changes another file.
PMO_NOW=2026-11-06T12:00:00Z "$PMO" -q -C "$D" review CP-1 --gate G3 --decision approve \
  --as pmo1 >/dev/null
mkdir -p "$D/minutes"
echo "slipped in" >"$D/minutes/g3.txt"
git -C "$D" add minutes
GIT_COMMITTER_DATE=2026-11-06T12:00:00Z git -C "$D" commit -q --amend --no-edit
more=$(git -C "$D" rev-parse --short=7 HEAD)
filler 20 6
# Tamperings far into the history: a decision record edited by hand, one deleted.
sed -i 's/^decision: approve/decision: reject/' "$(ls "$D"/projects/CP-1/decisions/*-G1-fin.yaml)"
GIT_AUTHOR_DATE=2026-11-07T09:00:00Z GIT_COMMITTER_DATE=2026-11-07T09:00:00Z \
  git -C "$D" commit -q -am "fix the finance decision"
edited=$(git -C "$D" rev-parse --short=7 HEAD)
filler 70 8
git -C "$D" rm -q "$(ls "$D"/projects/CP-1/decisions/*-G1-law.yaml)"
GIT_AUTHOR_DATE=2026-11-09T09:00:00Z GIT_COMMITTER_DATE=2026-11-09T09:00:00Z \
  git -C "$D" commit -q -m "tidy"
deleted=$(git -C "$D" rev-parse --short=7 HEAD)
filler 10 10
export PMO_NOW=2026-11-11T09:00:00Z GIT_AUTHOR_DATE=2026-11-11T09:00:00Z
export GIT_COMMITTER_DATE=2026-11-11T09:00:00Z

commits=$(git -C "$D" rev-list --count HEAD)
[ "$commits" -gt 300 ] && pass || fail "the history has $commits commits, not more than 300"

# same NAME ARGS...: the command's stdout, stderr and exit code with 1, 2 and 5 readers are those
# with none.
same() {
  local name=$1
  shift
  PMO_THREADS=0 "$PMO" "$@" >"$T/$name.0.out" 2>"$T/$name.0.err"
  local rc0=$?
  for readers in 1 2 5; do
    PMO_THREADS=$readers "$PMO" "$@" >"$T/$name.$readers.out" 2>"$T/$name.$readers.err"
    local rc=$?
    { [ "$rc" -eq "$rc0" ] && cmp -s "$T/$name.0.out" "$T/$name.$readers.out" &&
      cmp -s "$T/$name.0.err" "$T/$name.$readers.err"; } && pass ||
      fail "$name with $readers readers differs from none (exit $rc against $rc0)"
  done
  cp "$T/$name.0.out" "$OUT"
  cp "$T/$name.0.err" "$ERR"
  RC=$rc0
}

same verify -C "$D" verify
expect_rc 1 "verify finds the tamperings"
expect_out "$edited"
expect_out "$deleted"
expect_out "edits the decision record"
expect_out "deletes the decision record"
expect_out "$more"
expect_out "but it also adds minutes/g3.txt"
same verify-json -C "$D" verify --format json
expect_rc 1 "verify --format json"
same verify-range -C "$D" verify "$mid..HEAD"
expect_rc 1 "verify of the range after the merge"
expect_out "$edited"
same status -C "$D" status
expect_rc 1 "status says which project is affected"
same status-json -C "$D" status CP-1 --format json
same validate -C "$D" validate
expect_rc 1 "validate flags the edited record"

# The honest part of the history verifies the same way with and without readers.
same verify-honest -C "$D" verify "$mid"
expect_rc 0 "the history up to the merge verifies"
expect_err "every decision is proved"

run -C "$D" verify
PMO_THREADS=x "$PMO" -C "$D" verify >"$OUT" 2>"$ERR"
RC=$?
expect_rc 2 "PMO_THREADS must be a number"
expect_err "PMO_THREADS='x' is not a whole number from 0 to 64"

finish
