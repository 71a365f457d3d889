# The demo office: examples/build.sh replays its history with the real binary, the result is
# exactly examples/office/, it validates, and its history reads as a decision journal.
source "$(dirname "$0")/lib.sh"
EX=$PMO_SOURCE_DIR/examples

PMO=$PMO bash "$EX/build.sh" "$T/demo" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "examples/build.sh"
expect_git_clean "$T/demo"

# examples/office is the committed result of build.sh.
diff -r --exclude=.git "$T/demo" "$EX/office" >"$T/diff" 2>&1 && pass || fail "examples/office differs from build.sh output: $(head -20 "$T/diff")"

run -C "$EX/office" validate
expect_rc 0 "validate examples/office"
run -C "$T/demo" validate --format json
expect_rc 0 "validate the built demo"
expect_eq "$(cat "$OUT")" "[]" "no findings"

# One commit per decision, each authored by its reviewer, with the trailers.
decisions=$(find "$T/demo/projects" -path '*/decisions/*.yaml' | wc -l)
expect_eq "$(git -C "$T/demo" log --format=%H --grep='^Pmo-Decision: ' | wc -l)" "$decisions" "decision commits"
git -C "$T/demo" log -1 --format='%an%n%(trailers:key=Pmo-Gate,valueonly)' --grep='^Pmo-Gate: G4' >"$T/g4"
grep -q "G4" "$T/g4" && pass || fail "no G4 decision commit"

# Every stage of the lifecycle is present.
run -C "$T/demo" status --json
for stage in proposed planning executing closed rejected; do
  expect_out "\"stage\": \"$stage\""
done

# A second build gives the same history, commit for commit.
PMO=$PMO bash "$EX/build.sh" "$T/demo2" >/dev/null 2>&1
expect_eq "$(git -C "$T/demo2" rev-parse HEAD)" "$(git -C "$T/demo" rev-parse HEAD)" "reproducible HEAD"

# The report renders as GitHub-flavoured Markdown.
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" report --out "$T/report.md"
expect_rc 0 "report"
grep -q "XH-2026-004" "$T/report.md" && pass || fail "report lacks a project"
grep -q "G4" "$T/report.md" && pass || fail "report lacks the recent G4 decision"
if command -v cmark-gfm >/dev/null; then
  cmark-gfm --extension table "$T/report.md" >"$T/report.html" && pass || fail "cmark-gfm"
  grep -q "<table>" "$T/report.html" && pass || fail "no table in the rendered report"
  ! grep -qi "<script\|<img" "$T/report.html" && pass || fail "raw HTML in the report"
fi
finish
