# 项目间依赖 as a user meets it: depends_on in a proposal, validate on unknown ids, stages,
# milestones and cycles (named), status and the report showing what waits, and a gate refused
# (or warned, in a supportive office) while what it needs is not there.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en

# CP-1 is a complete proposal; CP-2 needs CP-1's "Release 1" and CP-1 to be executing.
write_proposal "$T/cp1.yaml"
run -C "$P" propose --id CP-1 --from "$T/cp1.yaml"
expect_rc 0 "propose CP-1"
write_proposal "$T/cp2.yaml"
# (write_proposal has no depends_on: it is added at the end.)
cat >>"$T/cp2.yaml" <<'YAML'
depends_on:
  - {project: CP-1, milestone: Release 1}
  - {project: CP-1, stage: executing}
YAML
run -C "$P" propose --id CP-2 --from "$T/cp2.yaml"
expect_rc 0 "propose CP-2 with depends_on"
grep -qF -- "- {project: CP-1, milestone: Release 1}" "$P/projects/CP-2/project.yaml" && pass ||
  fail "the record keeps depends_on: $(grep -A3 depends_on "$P/projects/CP-2/project.yaml")"
run -C "$P" validate
expect_rc 0 "validate: the dependencies are sound"

# status: what CP-2 waits for, with where CP-1 is now.
PMO_NOW=2026-11-03T09:00:00Z run -C "$P" status CP-2
expect_rc 0 "status CP-2"
expect_out "Waits for"
expect_out "CP-1 Customer portal: needs its milestone Release 1 (due 2027-04-30); now proposed"
expect_out "CP-1 Customer portal: needs it executing; now proposed"
run -C "$P" status CP-2 --json
expect_eq "$(jq -r '.state.blocked_by | length' "$OUT")" 2 "blocked_by in JSON"
expect_eq "$(jq -c '.record.depends_on[0]' "$OUT")" \
  '{"milestone":"Release 1","project":"CP-1","stage":null}' "the record's depends_on in JSON"
expect_eq "$(jq -r '.state.blocked_by[0].milestone + " " + .state.blocked_by[0].due' "$OUT")" \
  "Release 1 2027-04-30" "the milestone and its date"
run -C "$P" status --json
expect_eq "$(jq -r '.projects[] | select(.id == "CP-2") | .blocked_by[1].stage' "$OUT")" \
  "executing" "portfolio status JSON: blocked_by"

# G1 of CP-2 goes ahead with a warning: the plan may still wait for CP-1.
for r in biz tech fin law; do
  PMO_NOW=2026-11-03T10:00:00Z run -C "$P" review CP-2 --gate G1 --decision approve --as $r
  expect_rc 0 "G1 of CP-2 by $r"
done
expect_err "warning: CP-2 depends on what is not there yet (needed by G2): CP-1 Customer portal"
expect_err "projects/CP-2/project.yaml:"

# G2 of CP-2 is refused in this controlling office, naming the line of the dependency.
before=$(commit_count "$P")
PMO_NOW=2026-11-04T10:00:00Z run -C "$P" review CP-2 --gate G2 --decision approve --as pmo1
expect_rc 1 "G2 refused while CP-1 is not executing"
line=$(grep -n -- "- {project: CP-1, milestone: Release 1}" "$P/projects/CP-2/project.yaml" | cut -d: -f1)
expect_err "projects/CP-2/project.yaml:$line:5: error: G2 needs what CP-2 depends on: CP-1 Customer portal: needs its milestone Release 1 (due 2027-04-30); now proposed"
expect_err "nothing written"
expect_eq "$(commit_count "$P")" "$before" "a refused gate commits nothing"
expect_git_clean "$P"

# CP-1 through G1 and G2: the stage is met; the milestone only once its date has come.
for r in biz tech fin law; do
  PMO_NOW=2026-11-05T10:00:00Z run -C "$P" review CP-1 --gate G1 --decision approve --as $r
done
PMO_NOW=2026-11-06T10:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 of CP-1"
PMO_NOW=2026-11-07T10:00:00Z run -C "$P" status CP-2
expect_out "needs its milestone Release 1 (due 2027-04-30); now executing"
expect_no_out "needs it executing"
PMO_NOW=2026-11-07T10:00:00Z run -C "$P" review CP-2 --gate G2 --decision approve --as pmo1
expect_rc 1 "G2 still refused: Release 1 is not due yet"
# A status report forecasting Release 1 earlier moves the date the dependency is met on.
PMO_NOW=2026-11-30T10:00:00Z run -C "$P" update CP-1 --period 2026-W48 --percent 30 --actual-cost 90000 \
  --forecast "Release 1=2026-11-30" --summary "Release 1 brought forward"
expect_rc 0 "status report with a forecast"
PMO_NOW=2026-12-01T10:00:00Z run -C "$P" review CP-2 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 once the forecast date has come"
expect_err "enters 'executing'"
run -C "$P" verify
expect_rc 0 "verify accepts the history"

# The report: the section, the table, and a Mermaid graph of numbered nodes (met: solid).
PMO_NOW=2026-12-01T11:00:00Z run -C "$P" report --out "$T/report.md"
expect_rc 0 "report"
grep -q "^## Dependencies" "$T/report.md" && pass || fail "report lacks the Dependencies section"
grep -q "Every dependency is met." "$T/report.md" && pass || fail "report: all met"
grep -qF 'n0 -->|"Release 1"| n1' "$T/report.md" && pass ||
  fail "report: the met edge: $(grep -A6 'flowchart LR' "$T/report.md")"
grep -qF 'n1["CP-1 Customer portal"]' "$T/report.md" && pass || fail "report: the node label"

# validate: unknown project, unknown stage, unknown milestone, a project depending on itself.
Q=$T/bad
cp -r "$P" "$Q"
sed -i '/^depends_on:/d' "$Q/projects/CP-1/project.yaml"
cat >>"$Q/projects/CP-1/project.yaml" <<'YAML'
depends_on:
  - NOPE-1
  - {project: CP-2, stage: finished}
  - {project: CP-2, milestone: Launch}
  - CP-1
  - {project: CP-2, when: later}
YAML
run -C "$Q" validate
expect_rc 1 "validate rejects bad dependencies"
f=projects/CP-1/project.yaml
n=$(grep -n "^depends_on:" "$Q/$f" | cut -d: -f1)
expect_out "$f:$((n + 1)):5: error: depends_on[0]: project 'NOPE-1' is not in the portfolio (projects/NOPE-1/)"
expect_out "$f:$((n + 2)):5: error: depends_on[1]: 'finished' is not a stage of the lifecycle (proposed, planning, executing, closed)"
expect_out "$f:$((n + 3)):5: error: depends_on[2]: CP-2 has no milestone 'Launch'"
expect_out "$f:$((n + 4)):5: error: depends_on[3]: CP-1 depends on itself"
expect_out "$f:$((n + 5)):21: warning: unknown field 'depends_on[4].when'"
# A dependency on a stage and a milestone at once is not read at all.
printf '  - {project: CP-2, stage: planning, milestone: Design}\n' >>"$Q/$f"
run -C "$Q" validate
expect_rc 1 "stage and milestone"
expect_out "$f:$((n + 6)):5: error: depends_on[5]: give a stage or a milestone, not both"

# A cycle of three, named once, at its lowest id; a chain into it is no cycle of its own.
R=$T/cycle
make_office "$R" --lang en
for id in A-1 B-1 C-1 D-1; do
  write_proposal "$T/$id.yaml"
  "$PMO" -C "$R" propose --id $id --from "$T/$id.yaml" >/dev/null 2>&1
done
needs() { sed -i "s/^depends_on: \[\]/depends_on: [$2]/" "$R/projects/$1/project.yaml"; }
needs A-1 B-1
needs B-1 C-1
needs C-1 "{project: A-1, stage: planning}"
needs D-1 A-1
run -C "$R" validate --format json
expect_rc 1 "validate finds the cycle"
expect_eq "$(jq -r '[.findings[] | select(.code == "dependency-cycle")] | length' "$OUT")" 1 "one cycle, once"
expect_eq "$(jq -r '.findings[] | select(.code == "dependency-cycle") | .message' "$OUT")" \
  "depends_on makes a cycle: A-1 → B-1 → C-1 → A-1; none of them can ever start" "the cycle named"
expect_eq "$(jq -r '.findings[] | select(.code == "dependency-cycle") | .file' "$OUT")" \
  "projects/A-1/project.yaml" "at the lowest id"
run -C "$R" --lang zh validate
expect_out "depends_on 形成循环依赖：A-1 → B-1 → C-1 → A-1"

# A supportive office warns at G2 instead of refusing.
S=$T/supportive
make_office "$S" --lang zh --type supportive
write_proposal "$T/s1.yaml"
"$PMO" -C "$S" propose --id S-1 --from "$T/s1.yaml" >/dev/null 2>&1
write_proposal "$T/s2.yaml"
printf 'depends_on: [S-1]\n' >>"$T/s2.yaml" # (write_proposal has none)
"$PMO" -C "$S" propose --id S-2 --from "$T/s2.yaml" >/dev/null 2>&1
for r in biz tech fin law; do
  PMO_NOW=2026-11-03T10:00:00Z run -C "$S" review S-2 --gate G1 --decision approve --as $r
done
PMO_NOW=2026-11-04T10:00:00Z run -C "$S" review S-2 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 in a supportive office: a warning"
expect_err "G2 需要 S-2 所依赖的项目就绪：S-1 Customer portal：需其达到“已收尾”阶段；当前：立项申请"
PMO_NOW=2026-11-04T11:00:00Z run -C "$S" report --out "$T/s-report.md"
grep -q "^## 项目间依赖" "$T/s-report.md" && pass || fail "zh report lacks 项目间依赖"
grep -qF 'n0 -.->|"已收尾"| n1' "$T/s-report.md" && pass ||
  fail "zh report: the unmet edge: $(grep -A6 'flowchart LR' "$T/s-report.md")"
grep -qF "S-1 Customer portal：需其达到“已收尾”阶段；当前：立项申请" "$T/s-report.md" && pass ||
  fail "zh report: the waiting row"

# Many dependencies: past 400 edges only the unmet ones are drawn (Mermaid stops at 500), and
# past 400 unmet ones none. 110 spokes need HUB-1 proposed (met), 300 need it planning (not).
M=$T/many
make_office "$M" --lang en
write_proposal "$T/m.yaml"
"$PMO" -C "$M" propose --id HUB-1 --from "$T/m.yaml" >/dev/null 2>&1
for i in $(seq 1 410); do
  stage=planning
  [ "$i" -le 110 ] && stage=proposed
  mkdir -p "$M/projects/M-$i"
  sed "s/^title: .*/title: Spoke $i/" "$T/m.yaml" >"$M/projects/M-$i/project.yaml" # no depends_on
  printf 'depends_on: [{project: HUB-1, stage: %s}]\n' $stage >>"$M/projects/M-$i/project.yaml"
done
run -C "$M" report --out "$T/m-report.md"
expect_rc 0 "report with 410 dependencies"
grep -qF "410 dependencies: only the 300 not met are drawn." "$T/m-report.md" && pass ||
  fail "report: too many edges: $(grep -n dependencies "$T/m-report.md" | head -3)"
expect_eq "$(grep -c -- '-.->' "$T/m-report.md")" 300 "the unmet edges drawn"
sed -i 's/stage: proposed}/stage: planning}/' "$M"/projects/M-*/project.yaml
run -C "$M" report --out "$T/m-report.md"
grep -qF "410 dependencies (410 not met): too many to draw." "$T/m-report.md" && pass ||
  fail "report: over the limit, no chart"
grep -q "flowchart" "$T/m-report.md" && fail "a chart Mermaid cannot draw" || pass

finish
