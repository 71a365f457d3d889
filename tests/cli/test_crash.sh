# Crash consistency: pmo killed with SIGKILL at random moments of `review` and `propose`.
# After every kill: git fsck is clean, HEAD is a sound commit, the write is either fully
# committed (file in HEAD, commit with its trailers) or absent, no decision file exists outside
# HEAD, a lock of git left behind is reported by the next pmo with its path (the index.lock a
# killed pmo held, marked as pmo's, is cleared by the next pmo), and the next write succeeds
# and leaves `git status` clean (it finishes a write interrupted after its commit).
# PMO_CRASH_KILLS sets the number of kills (default 200).
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

kills=${PMO_CRASH_KILLS:-200}
base=$(date -u -d 2027-01-01T00:00:00Z +%s)
stamp_of() { date -u -d "@$((base + $1))" +%Y-%m-%dT%H:%M:%SZ; }
file_stamp_of() { date -u -d "@$((base + $1))" +%Y%m%dT%H%M%SZ; }

# The time one uninterrupted write takes, in ms: kills are spread over 0..that (at least 30 ms).
t0=$(date +%s%N)
PMO_NOW=$(stamp_of 0) "$PMO" -q -C "$P" review EX --gate G3 --decision approve --as pmo1 >/dev/null 2>&1
window=$((($(date +%s%N) - t0) / 1000000))
[ "$window" -lt 30 ] && window=30

ref_lock=$P/.git/refs/heads/main.lock
index_lock=$P/.git/index.lock
committed=0 absent=0 unfinished=0 lock_left=0 pmo_locks=0 exited=0 repaired=0
check_failures=0
problem() { check_failures=$((check_failures + 1)); echo "kill $i ($op, after ${delay_ms} ms): $*" >&2; }

for ((i = 1; i <= kills; i++)); do
  head_before=$(git -C "$P" rev-parse HEAD)
  export PMO_NOW
  PMO_NOW=$(stamp_of $((3 * i)))
  if ((i % 2)); then
    op=review
    path=projects/EX/decisions/$(file_stamp_of $((3 * i)))-G3-pmo1.yaml
    "$PMO" -q -C "$P" review EX --gate G3 --decision approve --as pmo1 >/dev/null 2>&1 &
  else
    op=propose
    path=projects/K-$i/project.yaml
    "$PMO" -q -C "$P" propose --id "K-$i" --from "$T/proposal.yaml" >/dev/null 2>&1 &
  fi
  pid=$!
  delay_ms=$((RANDOM % (window + 1)))
  sleep "$(printf '0.%03d' "$delay_ms")"
  kill -KILL "$pid" 2>/dev/null || exited=$((exited + 1))
  wait "$pid" 2>/dev/null

  # The repository is sound and HEAD is a commit with a tree.
  git -C "$P" fsck --strict --no-progress --no-dangling >"$T/fsck" 2>&1 || problem "git fsck: $(cat "$T/fsck")"
  git -C "$P" cat-file -e 'HEAD^{tree}' 2>/dev/null || problem "HEAD is not a commit with a tree"
  head_now=$(git -C "$P" rev-parse HEAD)
  # Fully committed, or absent.
  if git -C "$P" cat-file -e "HEAD:$path" 2>/dev/null; then
    committed=$((committed + 1))
    [ "$(git -C "$P" rev-parse HEAD^)" == "$head_before" ] || problem "the commit of $path is not on top of the previous HEAD"
    if [ "$op" == review ]; then
      trailers=$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Project,valueonly,separator=%x2C)/%(trailers:key=Pmo-Decision,valueonly,separator=%x2C)/%(trailers:key=Pmo-Reviewer,valueonly,separator=%x2C)')
      [ "$trailers" == "EX/approve/pmo1" ] || problem "decision commit trailers: $trailers"
    else
      [ "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Project,valueonly,separator=%x2C)')" == "K-$i" ] || problem "propose commit trailers"
    fi
    [ -n "$(git -C "$P" status --porcelain)" ] && unfinished=$((unfinished + 1))
  else
    absent=$((absent + 1))
    [ "$head_now" == "$head_before" ] || problem "HEAD moved without $path"
    [ -e "$P/$path" ] && problem "$path is in the working tree but not in HEAD"
  fi
  # No decision or project file anywhere that HEAD does not have (pmo temp files aside).
  git -C "$P" ls-files --others --exclude-standard -- projects | grep -v '/\.[^/]*\.pmo-[0-9a-f]\{8\}$' |
    while read -r file; do
      git -C "$P" cat-file -e "HEAD:$file" 2>/dev/null || echo "$file"
    done >"$T/stray"
  [ -s "$T/stray" ] && problem "files outside HEAD: $(cat "$T/stray")"

  # A git lock left behind: the next pmo reports it with its path and writes nothing; then the
  # documented recovery (remove the lock once no git process runs).
  for lock in "$ref_lock" "$index_lock"; do
    [ -e "$lock" ] || continue
    lock_left=$((lock_left + 1))
    if [ "$lock" == "$index_lock" ] && [ "$(head -c 15 "$lock")" == "pmo write lock" ]; then
      pmo_locks=$((pmo_locks + 1)) # the killed pmo's own: the next write clears it
      continue
    fi
    head=$(git -C "$P" rev-parse HEAD)
    PMO_NOW=$(stamp_of $((3 * i + 1))) run -C "$P" review EX --gate G3 --decision approve --as pmo1
    [ "$RC" -eq 3 ] || problem "with $lock left, pmo exited $RC"
    grep -qF "$lock" "$ERR" || problem "the message does not name $lock: $(cat "$ERR")"
    [ "$(git -C "$P" rev-parse HEAD)" == "$head" ] || problem "pmo wrote despite $lock"
    rm -f "$lock"
  done

  # A write interrupted after its commit is finished by the next write; every 25 kills, a write
  # anyway: the repository stays usable and clean.
  if [ -n "$(git -C "$P" status --porcelain)" ] || [ -e "$index_lock" ] || ((i % 25 == 0)); then
    PMO_NOW=$(stamp_of $((3 * i + 2))) run -C "$P" review EX --gate G3 --decision approve --as pmo1
    [ "$RC" -eq 0 ] || problem "the next review failed ($RC): $(cat "$ERR")"
    grep -q "restored in the working tree" "$ERR" && repaired=$((repaired + 1))
    status=$(git -C "$P" status --porcelain)
    [ -z "$status" ] || problem "git status after the next write: $status"
    [ -e "$index_lock" ] && problem "$index_lock left after the next write"
  fi
done
echo "$kills kills over 0..${window} ms: $committed committed, $absent absent," \
  "$unfinished interrupted after the commit ($repaired finished by the next write)," \
  "$lock_left lock(s) left ($pmo_locks index.lock of a killed pmo, cleared by the next write)," \
  "$exited exited before the kill"
expect_eq "$check_failures" 0 "problems after kills"

# The end: a last write, a clean and valid repository, each decision file once in HEAD.
PMO_NOW=$(stamp_of $((3 * kills + 3))) run -C "$P" review EX --gate G3 --decision approve --as pmo1
expect_rc 0 "the last review"
expect_git_clean "$P"
run -C "$P" validate
expect_rc 0 "validate after the kills"
files=$(git -C "$P" ls-tree -r --name-only HEAD -- projects/EX/decisions | wc -l)
commits=$(git -C "$P" log --format=%H --grep='^Pmo-Project: EX$' -- projects/EX/decisions | wc -l)
expect_eq "$files" "$commits" "decision files in HEAD vs decision commits"
finish
