# A full disk: the portfolio on a small tmpfs, filled to leave 0..128 KiB free before each
# `pmo review`. A failing write exits non-zero with a clear message ("No space left on device");
# whatever the moment, git fsck stays clean and the write is fully committed or absent; once space
# is freed, the next write succeeds and leaves `git status` clean.
# Needs root (mount); skipped (exit 77) otherwise.
source "$(dirname "$0")/lib.sh"
D=$T/disk
mkdir -p "$D"
[ "$(id -u)" -eq 0 ] || { echo "SKIPPED: mounting a tmpfs needs root"; exit 77; }
mount -t tmpfs -o size=4m,mode=0755 pmo-test-disk "$D" 2>"$T/mount.err" ||
  { echo "SKIPPED: cannot mount a tmpfs here: $(cat "$T/mount.err")"; exit 77; }
trap 'umount "$D" 2>/dev/null; rm -rf "$T"' EXIT

P=$D/office
make_office "$P"
write_proposal "$T/proposal.yaml"
"$PMO" -q -C "$P" propose --id EX --from "$T/proposal.yaml" >/dev/null 2>&1
for who in biz tech fin law; do
  "$PMO" -q -C "$P" review EX --gate G1 --decision approve --as "$who" >/dev/null 2>&1
done
"$PMO" -q -C "$P" review EX --gate G2 --decision approve --as pmo1 >/dev/null 2>&1
expect_git_clean "$P"

base=$(date -u -d 2027-01-01T00:00:00Z +%s)
stamp_of() { date -u -d "@$((base + $1))" +%Y-%m-%dT%H:%M:%SZ; }
fill() { dd if=/dev/zero of="$D/filler" bs=4k >/dev/null 2>&1; sync; }
failed_writes=0 succeeded=0 partial=0 problems=0
problem() { problems=$((problems + 1)); echo "with $free KiB free: $*" >&2; }
n=0
for free in 0 0 4 8 12 16 20 24 32 40 48 64 96 128; do
  n=$((n + 1))
  fill
  [ "$free" -gt 0 ] && truncate -s "-${free}K" "$D/filler"
  head=$(git -C "$P" rev-parse HEAD)
  PMO_NOW=$(stamp_of $((2 * n))) run -C "$P" review EX --gate G3 --decision approve --as pmo1
  if [ "$RC" -eq 0 ]; then
    succeeded=$((succeeded + 1))
  else
    failed_writes=$((failed_writes + 1))
    [ "$RC" -eq 3 ] || problem "exit $RC, expected 3"
    grep -q "No space left on device" "$ERR" || problem "unclear message: $(cat "$ERR")"
    # libgit2's own words for a short write ("object not found - failed to find pack entry")
    # never come alone.
    if grep -qE "failed to find pack entry|object not found" "$ERR" && ! grep -q "file system holding" "$ERR"; then
      problem "the message does not say the disk is full: $(cat "$ERR")"
    fi
    [ -e "$P/.git/index.lock" ] && problem "index.lock left by a refused write"
  fi
  git -C "$P" fsck --strict --no-progress --no-dangling >"$T/fsck" 2>&1 || problem "git fsck: $(cat "$T/fsck")"
  path=projects/EX/decisions/$(date -u -d "@$((base + 2 * n))" +%Y%m%dT%H%M%SZ)-G3-pmo1.yaml
  if git -C "$P" cat-file -e "HEAD:$path" 2>/dev/null; then
    [ "$(git -C "$P" rev-parse HEAD^)" == "$head" ] || problem "commit not on the previous HEAD"
    [ "$RC" -eq 0 ] || partial=$((partial + 1)) # committed, working tree not updated
  else
    [ "$(git -C "$P" rev-parse HEAD)" == "$head" ] || problem "HEAD moved without the decision"
  fi
  # Space again: the next write succeeds and the repository is clean.
  rm -f "$D/filler"
  PMO_NOW=$(stamp_of $((2 * n + 1))) run -C "$P" review EX --gate G3 --decision approve --as pmo1
  [ "$RC" -eq 0 ] || problem "the write after freeing space failed ($RC): $(cat "$ERR")"
  status=$(git -C "$P" status --porcelain)
  [ -z "$status" ] || problem "git status after freeing space: $status"
done
echo "full disk: $failed_writes write(s) refused with ENOSPC ($partial after the commit), $succeeded fitted"
expect_eq "$problems" 0 "problems on a full disk"
[ "$failed_writes" -ge 2 ] && pass || fail "the disk was never full enough to refuse a write"
expect_git_clean "$P"
run -C "$P" validate
expect_rc 0 "validate after the full disk"
finish
