# A read-only repository (chmod -R a-w), used by someone who cannot write it: every write exits 3
# with a clear message naming what it could not write, nothing changes; reads still work.
# Root ignores permissions, so as root the commands run as `nobody` (setpriv); skipped (exit 77)
# when that is not possible.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P"
write_proposal "$T/proposal.yaml"
"$PMO" -q -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1
"$PMO" -q -C "$P" review CP-1 --gate G1 --decision approve --as biz >/dev/null 2>&1

as_user=()
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null || { echo "SKIPPED: running as root and setpriv is missing"; exit 77; }
  nobody=$(id -u nobody 2>/dev/null) || { echo "SKIPPED: running as root and there is no user nobody"; exit 77; }
  as_user=(setpriv --reuid="$nobody" --regid="$(id -g nobody)" --clear-groups)
  # The repository belongs to the user (libgit2 and git refuse one owned by someone else).
  chmod a+rx "$T"
  chown -R "$nobody:$(id -g nobody)" "$P"
  git config --global --add safe.directory '*'
fi
head=$(git -C "$P" rev-parse HEAD)
chmod -R a-w "$P"
"${as_user[@]}" touch "$P/probe" 2>/dev/null && { echo "SKIPPED: the repository is still writable"; exit 77; }

# as ARGS...: pmo as the user who cannot write.
as() {
  "${as_user[@]}" "$PMO" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}
as -C "$P" review CP-1 --gate G1 --decision approve --as tech
expect_rc 3 "review in a read-only repository"
expect_err "pmo.lock"
expect_err "Permission denied"
as -C "$P" propose --id CP-2 --from "$T/proposal.yaml"
expect_rc 3 "propose in a read-only repository"
expect_err "Permission denied"
as -C "$P" people add newbie --name "New Bie" --role pmo
expect_rc 3 "people add in a read-only repository"
expect_err "Permission denied"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "nothing written"

# Reads work; a report cannot be written into the read-only directory, and says so.
as -C "$P" validate
expect_rc 0 "validate in a read-only repository"
as -C "$P" status
expect_rc 0 "status in a read-only repository"
as -C "$P" report --out "$P/report.md"
[ "$RC" -ne 0 ] && pass || fail "report --out into a read-only directory succeeded"
expect_err "report.md"
[ ! -e "$P/report.md" ] && pass || fail "report.md written into a read-only directory"

# The lock's directory is writable but the objects are not: refused, nothing half-written.
chmod u+w "$P/.git"
as -C "$P" review CP-1 --gate G1 --decision approve --as tech
expect_rc 3 "review with read-only objects"
expect_err "Permission denied"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "nothing written"
chmod -R u+w "$P"
expect_git_clean "$P"
finish
