# The whole foundation flow, as a new user would run it: init, people, propose, four G1 reviews,
# G2, status, report, validate; history checked with the real git.
source "$(dirname "$0")/lib.sh"
P=$T/office

run init "$P" --name "Test PMO" --lang en
expect_rc 0 "init"
expect_err "Initialised portfolio 'Test PMO'"
expect_eq "$(commit_count "$P")" 1 "commits after init"
expect_git_clean "$P"
[ -f "$P/pmo.yaml" ] && pass || fail "no pmo.yaml"

rm -rf "$P"
make_office "$P"
expect_eq "$(commit_count "$P")" 8 "commits after init and 7 people"
run -C "$P" people list
expect_rc 0 "people list"
expect_out "Fei Finance"
run -C "$P" people list --json
expect_out '"id": "fin"'

write_proposal "$T/proposal.yaml"
run -C "$P" propose --id CP-1 --from "$T/proposal.yaml"
expect_rc 0 "propose"
expect_eq "$(cat "$OUT")" "CP-1" "propose prints the id"
expect_git_clean "$P"

# Flags alone give a generated id and a proposal to fill in.
run -C "$P" propose --title "Data platform" --sponsor spon
expect_rc 0 "propose with flags"
GEN=$(cat "$OUT")
[[ "$GEN" =~ ^P2026-[a-z2-9]{6}$ ]] && pass || fail "generated id '$GEN'"
expect_err "objectives"
grep -q "^title: Data platform" "$P/projects/$GEN/project.yaml" && pass || fail "title not in record"

before=$(commit_count "$P")
for r in biz:business tech:technical fin:finance; do
  PMO_NOW=2026-11-03T10:00:00Z run -C "$P" review CP-1 --gate G1 --decision approve --as "${r%%:*}" --comment "fine by ${r##*:}"
  expect_rc 0 "G1 approve by ${r%%:*}"
done
expect_err "3 of 4 approvals; still to decide: Legal."
run -C "$P" status CP-1
expect_out "roles still to decide: Legal"
PMO_NOW=2026-11-03T11:00:00Z run -C "$P" review CP-1 --gate G1 --decision approve-with-conditions --as law --condition "Sign the DPA first"
expect_rc 0 "G1 last approval"
expect_err "G1 passed"
expect_eq "$(commit_count "$P")" $((before + 4)) "one commit per decision"
expect_git_clean "$P"

# The decision commits carry the reviewer as author and the trailers as the last paragraph.
git -C "$P" log -1 --format='%an <%ae>' >"$T/author"
expect_eq "$(cat "$T/author")" "Lu Legal <law@example.com>" "author of the decision"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Gate,valueonly)' | head -1)" "G1" "Pmo-Gate"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Decision,valueonly)' | head -1)" "approve-with-conditions" "Pmo-Decision"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Role,valueonly)' | head -1)" "legal" "Pmo-Role"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Project,valueonly)' | head -1)" "CP-1" "Pmo-Project"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Reviewer,valueonly)' | head -1)" "law" "Pmo-Reviewer"
expect_eq "$(git -C "$P" log --format=%H --grep='^Pmo-Gate: G1' | wc -l)" 4 "four G1 decisions in history"
# The decision commit adds exactly one file: the decision record.
expect_eq "$(git -C "$P" show --format= --name-status HEAD | wc -l)" 1 "files in the decision commit"
git -C "$P" show --format= --name-status HEAD | grep -q "^A	projects/CP-1/decisions/20261103T110000Z-G1-law.yaml" && pass || fail "decision file added"

PMO_NOW=2026-11-10T09:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2"
expect_err "enters 'executing'"

run -C "$P" status
expect_rc 0 "status"
expect_out "CP-1"
expect_out "executing"
run -C "$P" status CP-1 --json
expect_rc 0 "status --json"
expect_out '"stage": "executing"'

run -C "$P" report --out "$T/report.md"
expect_rc 0 "report"
grep -q "Customer portal" "$T/report.md" && pass || fail "report lacks the project"
grep -q "G2" "$T/report.md" && pass || fail "report lacks the recent decision"
if command -v cmark-gfm >/dev/null; then
  cmark-gfm --extension table "$T/report.md" >"$T/report.html" && pass || fail "cmark-gfm"
  grep -q "<table>" "$T/report.html" && pass || fail "report has no table"
fi

run -C "$P" validate
expect_rc 0 "validate"
expect_git_clean "$P"

# Subcommands find the portfolio from a subdirectory, as git does.
(cd "$P/projects/CP-1" && "$PMO" status CP-1 >"$OUT" 2>"$ERR"); RC=$?
expect_rc 0 "status from a subdirectory"

finish
