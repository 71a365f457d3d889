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

# Its records, read as files (a copy outside any repository: no history to prove), validate.
cp -r "$EX/office" "$T/snapshot"
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/snapshot" validate
expect_rc 0 "validate a copy of examples/office"
# Inside pmo's own repository its history is the toolkit's, not the office's: no decision commit
# recorded its decisions, and validate says so at each decision file. (A source tree without its
# history — a tarball, a shallow clone — has nothing to prove them against: the files count.)
PMO_NOW=2026-11-21T12:00:00Z run -C "$EX/office" validate --format json
if [ "$(git -C "$EX" rev-parse --is-shallow-repository 2>/dev/null)" = false ]; then
  expect_rc 1 "validate examples/office inside the source repository"
  expect_out '"code": "decision-unrecorded"'
else
  expect_rc 0 "validate examples/office without the source repository's history"
fi
# The demo's history proves every decision.
run -C "$T/demo" verify
expect_rc 0 "verify the demo office"
expect_err "84 个提交、37 项决策：每项决策都由历史证明"
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" validate --format json
expect_rc 0 "validate the built demo"
# 2027 is not in the China calendar yet (PMO112, at each plan's first date in it), and
# the story's: 黄婷 leads the data platform (0.8) and the CRM upgrade (0.5) at once.
expect_eq "$(jq -r '[.findings[] | .code + " " + .severity + " " + .file] | join(";")' "$OUT")" \
  "calendar-uncovered warning projects/XH-2026-002/project.yaml;calendar-uncovered warning projects/XH-2026-003/project.yaml;calendar-uncovered warning projects/XH-2026-004/project.yaml;over-allocated warning projects/XH-2026-005/project.yaml;calendar-uncovered warning projects/XH-2026-007/project.yaml" "2027 not announced, and the over-allocation"
expect_eq "$(jq -r '.findings[3].message' "$OUT")" \
  "人员超负荷：huangting 负荷 1.3 FTE，超过产能 1（2027-01-04 至 2027-06-30）：XH-2026-003 0.8，XH-2026-005 0.5；应由优先级最低的 XH-2026-005 让出资源" \
  "the over-allocation, and who yields"
# Every record is counted, the control records too (73 files: 12 people, 9 projects, 37
# decisions, status reports, risks, issues, change requests, a closure report, pmo.yaml).
expect_err "73 个文件中有 0 个错误、5 个警告"
expect_eq "$(cd "$T/demo" && git ls-files '*.yaml' | wc -l)" "73" "records in the demo"

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

# What status, report, report ID and lessons print on the demo is checked line for line by the
# golden tests (tests/golden/, run by test_golden.sh). Here: the report is GitHub-flavoured
# Markdown that cmark-gfm renders.
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" report --out "$T/report.md"
expect_rc 0 "report"
# The history reads in order: every commit is dated at or after the one before it.
git -C "$T/demo" log --reverse --format=%aI | sort -C && pass || fail "commit dates out of order"

if command -v cmark-gfm >/dev/null; then
  cmark-gfm --extension table "$T/report.md" >"$T/report.html" && pass || fail "cmark-gfm"
  grep -q "<table>" "$T/report.html" && pass || fail "no table in the rendered report"
  ! grep -qi "<script\|<img" "$T/report.html" && pass || fail "raw HTML in the report"
fi
finish
