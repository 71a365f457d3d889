# pmo and plain git on one clone at once: pmo holds git's index.lock from before it reads HEAD
# until the index is written (and 100 ms longer when someone read the index meanwhile), so a
# `git commit` racing it waits or fails, and never writes back an index without pmo's record.
# Every write pmo reports is in HEAD at the end, authored by its reviewer; git status is clean
# and git fsck passes.
# PMO_RACE_WRITES sets the number of pmo writes (default 40).
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P"
write_proposal "$T/proposal.yaml"
"$PMO" -q -C "$P" propose --id EX --from "$T/proposal.yaml" >/dev/null 2>&1
for who in biz tech fin law; do
  "$PMO" -q -C "$P" review EX --gate G1 --decision approve --as "$who" >/dev/null 2>&1
done
"$PMO" -q -C "$P" review EX --gate G2 --decision approve --as pmo1 >/dev/null 2>&1
run -C "$P" status EX --json
expect_out '"stage": "executing"'

writes=${PMO_RACE_WRITES:-40}
base=$(date -u -d 2027-01-01T00:00:00Z +%s)
stamp_of() { date -u -d "@$((base + $1))" +%Y-%m-%dT%H:%M:%SZ; }

# The plain git user: commits unrelated files as fast as it can (a failed commit, the index
# being locked, is tried again with the next file).
touch "$T/git-running"
(
  k=0
  while [ -e "$T/git-running" ]; do
    k=$((k + 1))
    echo "note $k" >"$P/notes-$k.txt"
    until git -C "$P" add "notes-$k.txt" 2>/dev/null; do sleep 0.01; done
    until git -C "$P" commit -q -m "notes $k" 2>/dev/null; do
      [ -e "$T/git-running" ] || break
      sleep 0.01
    done
  done
  echo "$k" >"$T/git-commits"
) &
git_loop=$!

: >"$T/reported"
for ((i = 1; i <= writes; i++)); do
  if ((i % 2)); then
    PMO_NOW=$(stamp_of "$i") "$PMO" -q -C "$P" review EX --gate G3 --decision approve --as pmo1 >"$T/id" 2>"$T/err"
    kind=review
  else
    PMO_NOW=$(stamp_of "$i") "$PMO" -q -C "$P" risk add EX --description "Risk $i" --probability 2 --impact 3 --owner mgr --response accept >"$T/id" 2>"$T/err"
    kind=risk
  fi
  rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "$kind $(tail -1 "$T/id")" >>"$T/reported"
  else
    # The only acceptable failure: git held index.lock for the whole bounded wait.
    grep -q "index.lock" "$T/err" || fail "pmo write $i failed ($rc): $(cat "$T/err")"
  fi
done
rm -f "$T/git-running"
wait "$git_loop"

reported=$(wc -l <"$T/reported")
[ "$reported" -ge $((writes * 3 / 4)) ] && pass || fail "only $reported of $writes pmo writes landed"
echo "race: $reported pmo writes reported, $(cat "$T/git-commits") plain git commits attempted"
lost=0
while read -r kind id; do
  if [ "$kind" == risk ]; then
    # risk add prints the new risk's id: its record must be in HEAD.
    git -C "$P" cat-file -e "HEAD:projects/EX/risks/$id.yaml" 2>/dev/null ||
      { lost=$((lost + 1)); echo "risk $id is not in HEAD" >&2; }
    continue
  fi
  # The commit pmo printed is on HEAD's history, and what it added is still in HEAD.
  git -C "$P" merge-base --is-ancestor "$id" HEAD || { lost=$((lost + 1)); echo "not in HEAD's history: $kind $id" >&2; continue; }
  added=$(git -C "$P" diff-tree --no-commit-id --name-only --diff-filter=A -r "$id" -- projects)
  [ -n "$added" ] || { lost=$((lost + 1)); echo "$kind $id added nothing" >&2; continue; }
  for file in $added; do
    git -C "$P" cat-file -e "HEAD:$file" 2>/dev/null || { lost=$((lost + 1)); echo "$file of $kind $id is not in HEAD" >&2; }
  done
  if [ "$kind" == review ]; then
    [ "$(git -C "$P" log -1 --format='%an <%ae>' "$id")" == "Pat PMO <pmo@example.com>" ] ||
      { lost=$((lost + 1)); echo "$id is not authored by its reviewer" >&2; }
  fi
done <"$T/reported"
expect_eq "$lost" 0 "pmo writes lost or misattributed"
expect_git_clean "$P"
run -C "$P" validate
expect_rc 0 "validate after the race"

# A `git commit` stalled between reading the index and taking index.lock (as a loaded machine
# stalls one): it reads the index while pmo holds the lock, waits 30 ms, tries index.lock once,
# and when it gets it, writes back the index it read, as git commit does. pmo holds index.lock
# long enough after its entries are in the index that such a commit fails its lock instead of
# unstaging them (a racing git commit would then delete them).
stalled_commit() {
  local dir=$P/.git deadline=$((SECONDS + 20))
  until [ -e "$dir/index.lock" ]; do
    [ "$SECONDS" -lt "$deadline" ] || return 0
  done
  cp "$dir/index" "$T/stale-index" 2>/dev/null || return 0
  sleep 0.03
  if (set -o noclobber; : >"$dir/index.lock") 2>/dev/null; then
    cat "$T/stale-index" >"$dir/index.lock" && mv "$dir/index.lock" "$dir/index"
    echo "stalled commit wrote back the index it read" >>"$T/stalled"
  fi
}
: >"$T/stalled"
for ((i = 1; i <= 6; i++)); do
  stalled_commit &
  stalled=$!
  run -C "$P" risk add EX --description "Stalled $i" --probability 2 --impact 3 --owner mgr --response accept
  wait "$stalled"
  expect_rc 0 "risk add beside a stalled git commit"
  id=$(tail -1 "$OUT")
  git -C "$P" ls-files --error-unmatch "projects/EX/risks/$id.yaml" >/dev/null 2>&1 && pass ||
    fail "projects/EX/risks/$id.yaml unstaged by a stalled git commit ($(cat "$T/stalled"))"
  expect_git_clean "$P"
done
finish
