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
# One finding, the story's: 黄婷 leads the data platform (0.8) and the CRM upgrade (0.5) at once.
expect_eq "$(jq -r '[.findings[] | .code + " " + .severity + " " + .file] | join(";")' "$OUT")" \
  "over-allocated warning projects/XH-2026-005/project.yaml" "only the over-allocation"
expect_eq "$(jq -r '.findings[0].message' "$OUT")" \
  "人员超负荷：huangting 负荷 1.3 FTE，超过产能 1（2027-01-04 至 2027-06-30）：XH-2026-003 0.8，XH-2026-005 0.5；应由优先级最低的 XH-2026-005 让出资源" \
  "the over-allocation, and who yields"
# Every record is counted, the control records too (73 files: 12 people, 9 projects, 37
# decisions, status reports, risks, issues, change requests, a closure report, pmo.yaml).
expect_err "73 个文件中有 0 个错误、1 个警告"
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

# The report renders as GitHub-flavoured Markdown.
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" report --out "$T/report.md"
expect_rc 0 "report"
grep -q "XH-2026-004" "$T/report.md" && pass || fail "report lacks a project"
grep -q "G4" "$T/report.md" && pass || fail "report lacks the recent G4 decision"
# Project control in the demo, as of its last day: the health table, the overdue report, the
# escalated risks, the change the CCB decided and the project that ended.
# On 2026-11-21 the 2026-10 report (due by 2026-11-04, three working days after October) is the
# one that counts, and it was filed: nothing is overdue while November runs.
grep -qF '| `XH-2026-003` 数据中台一期 | 红 | 0.98 | 0.77 | `2026-10` | 1 (1) | 1 | 0 |' "$T/report.md" && pass || fail "report: health row of XH-2026-003"
grep -qF '## 逾期未交的 2026-10 状态报告（截止 2026-11-04）' "$T/report.md" && pass || fail "report: the due period"
grep -qF '| `XH-2026-002` | `R-4e944` | 16 |' "$T/report.md" && pass || fail "report: escalated risk"
# A closed project shows its outcome where the others show health; its SPI and CPI are gone.
grep -qF '| `XH-2026-001` 网络安全等级保护 2.0 三级整改 | 目标达成 | — | — | `2026-10` | 0 (0) | 0 | 0 |' "$T/report.md" && pass || fail "report: the closed project's outcome"
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" status
expect_out "已收尾          张伟（zhangwei）   —                              5 天  目标达成     —     —"
# A project on hold says so in the stage column.
expect_out "XH-2026-003  数据中台一期                   执行中（暂停）"
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" status --json
expect_out '"outcome": "achieved"' 
grep -qF '| `XH-2026-002` | `CR-rmcc2` | 增加工单语音转写 | 批准：基线已调整 | +30 | +150,000 |' "$T/report.md" && pass || fail "report: decided change"
grep -qF '| `XH-2026-001` 网络安全等级保护 2.0 三级整改 | 目标达成 | 2026-11-06 | +6 天 | -4.1% | 3 | 已验收 |' "$T/report.md" && pass || fail "report: ended project"
# On 2026-12-04, November's report is one working day late where it is missing.
PMO_NOW=2026-12-04T09:00:00Z run -C "$T/demo" report --out "$T/report-dec.md"
grep -qF '| `XH-2026-003` 数据中台一期 | 红 | 0.98 | 0.77 | `2026-10` **逾期** | 1 (1) | 1 | 0 |' "$T/report-dec.md" && pass || fail "report in December: XH-2026-003 overdue"
grep -qF '## 逾期未交的 2026-11 状态报告（截止 2026-12-03）' "$T/report-dec.md" && pass || fail "report in December: the due period"
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" --lang en status XH-2026-002
expect_out "v2 — 1,350,000 CNY, 2026-09-14 to 2027-04-30, since 2026-11-06 (CR-rmcc2)"
expect_out "SPI 1.01  CPI 0.95"
PMO_NOW=2026-11-21T12:00:00Z run -C "$T/demo" lessons --tag 测评
expect_rc 0 "lessons"
expect_out "测评机构排期应在立项时锁定"
expect_no_out "割接"
# The history reads in order: every commit is dated at or after the one before it.
git -C "$T/demo" log --reverse --format=%aI | sort -C && pass || fail "commit dates out of order"

if command -v cmark-gfm >/dev/null; then
  cmark-gfm --extension table "$T/report.md" >"$T/report.html" && pass || fail "cmark-gfm"
  grep -q "<table>" "$T/report.html" && pass || fail "no table in the rendered report"
  ! grep -qi "<script\|<img" "$T/report.html" && pass || fail "raw HTML in the report"
fi
finish
