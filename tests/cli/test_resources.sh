# 资源协调 as a user meets it: assignments in a plan, pmo resources showing each person's load per
# period with over-allocation marked and who should yield, validate warning (or refusing, as
# pmo.yaml says), and G2 refusing a plan that over-allocates (a warning in a supportive office).
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en
# Monthly periods, so the figures below are by month.
sed -i 's/^  cadence: weekly/  cadence: monthly/' "$P/pmo.yaml"
git -C "$P" commit -qam "monthly status reports"

# CP-1 (score 80) assigns mgr full time from January to June; CP-2 (score 40) wants mgr half
# time from April to September. Both pass G1; CP-1 passes G2.
write_proposal "$T/cp1.yaml"
cat >>"$T/cp1.yaml" <<'YAML'
scores: {strategic_fit: 5, value: 5, urgency: 3, risk: 2, resource_demand: 3}
assignments:
  - {person: mgr, fte: 1, role: Project manager}
  - {person: tech, fte: 0.5, from: 2027-01-04, to: 2027-02-28}
YAML
write_proposal "$T/cp2.yaml"
sed -i 's/^title: .*/title: Data lake/' "$T/cp2.yaml"
cat >>"$T/cp2.yaml" <<'YAML'
scores: {strategic_fit: 2, value: 3, urgency: 2, risk: 4, resource_demand: 4}
assignments:
  - {person: mgr, fte: 0.5, from: 2027-04-01, to: 2027-09-30, role: Architect}
YAML
run -C "$P" propose --id CP-1 --from "$T/cp1.yaml"
expect_rc 0 "propose CP-1"
grep -qF -- "- {person: mgr, fte: 1, role: Project manager}" "$P/projects/CP-1/project.yaml" && pass ||
  fail "the record keeps assignments: $(grep -A3 '^assignments' "$P/projects/CP-1/project.yaml")"
grep -qF -- "- {person: tech, fte: 0.5, from: 2027-01-04, to: 2027-02-28}" "$P/projects/CP-1/project.yaml" &&
  pass || fail "the record keeps an assignment's dates"
run -C "$P" propose --id CP-2 --from "$T/cp2.yaml"
expect_rc 0 "propose CP-2"

# Proposals hold no one yet: no load, no warning.
PMO_NOW=2026-12-01T09:00:00Z run -C "$P" resources --from 2027-01-01 --to 2027-12-31
expect_rc 0 "resources before G1"
expect_out "No one is assigned in this window."
run -C "$P" validate
expect_rc 0 "validate: proposals over-allocate no one"
expect_no_out "over-allocated"

for id in CP-1 CP-2; do
  for r in biz tech fin law; do
    PMO_NOW=2026-12-01T10:00:00Z run -C "$P" review $id --gate G1 --decision approve --as $r
    expect_rc 0 "G1 of $id by $r"
  done
done

# Both are planning now: mgr is at 1.5 from April to June.
PMO_NOW=2026-12-01T11:00:00Z run -C "$P" resources --from 2027-01-01 --to 2027-09-30
expect_rc 0 "resources"
expect_out "Load in FTE, 2027-01-01 to 2027-09-30"
grep -E "^mgr +Meg Manager +1 +1 +1 +1 +1.5! +1.5! +1.5! +0.5 +0.5 +0.5 +CP-1 CP-2$" "$OUT" >/dev/null &&
  pass || fail "mgr's load per month: $(grep '^mgr' "$OUT")"
grep -E "^tech +Tina Tech +1 +0.5 +0.5 +· +· +· +· +· +· +· +CP-1$" "$OUT" >/dev/null && pass ||
  fail "tech's load per month: $(grep '^tech' "$OUT")"
expect_out "mgr at 1.5 FTE of 1 from 2027-04-01 to 2027-06-30: CP-1 1, CP-2 0.5; CP-2 should yield (lowest priority)"
expect_err "2 people across 2 projects that hold people"
expect_err "1 over-allocation."

PMO_NOW=2026-12-01T11:00:00Z run -C "$P" resources --from 2027-01-01 --to 2027-09-30 --json
expect_eq "$(jq -r '.schema_version' "$OUT")" 1 "schema_version"
expect_eq "$(jq -r '.periods | join(" ")' "$OUT")" \
  "2027-01 2027-02 2027-03 2027-04 2027-05 2027-06 2027-07 2027-08 2027-09" "periods"
expect_eq "$(jq -c '.people[] | select(.person == "mgr") | .peaks' "$OUT")" \
  "[1,1,1,1.5,1.5,1.5,0.5,0.5,0.5]" "peaks in JSON"
expect_eq "$(jq -r '.conflicts[0] | [.person, .load, .from, .to, .should_yield] | join(" ")' "$OUT")" \
  "mgr 1.5 2027-04-01 2027-06-30 CP-2" "the conflict in JSON"
expect_eq "$(jq -r '[.conflicts[0].projects[].project] | join(" ")' "$OUT")" "CP-1 CP-2" \
  "highest priority first"

# The report: a Resource conflicts section, and the same in its JSON.
PMO_NOW=2026-12-01T11:00:00Z run -C "$P" report --out "$T/report.md"
expect_rc 0 "report"
grep -q "^## Resource conflicts" "$T/report.md" && pass || fail "report lacks Resource conflicts"
grep -qF '| Meg Manager `mgr` | 1.5 / 1 | 2027-04-01 | 2027-06-30 | `CP-1` 1, `CP-2` 0.5 | `CP-2` |' \
  "$T/report.md" && pass || fail "report: the conflict row: $(grep -A4 'Resource conflicts' "$T/report.md")"
PMO_NOW=2026-12-01T11:00:00Z run -C "$P" report --json
expect_eq "$(jq -r '.over_allocations[0] | [.person, .load, .should_yield] | join(" ")' "$OUT")" \
  "mgr 1.5 CP-2" "report JSON: over_allocations"
# Past conflicts are history, not a report item.
PMO_NOW=2027-07-01T11:00:00Z run -C "$P" report --json
expect_eq "$(jq -r '.over_allocations | length' "$OUT")" 0 "a conflict that has ended"

PMO_NOW=2026-12-01T11:00:00Z run -C "$P" --lang zh resources --from 2027-04-01 --to 2027-04-30
expect_out "人员负荷（FTE），2027-04-01 至 2027-04-30"
expect_out "mgr 负荷 1.5 FTE，超过产能 1（2027-04-01 至 2027-06-30）：CP-1 1，CP-2 0.5；应由优先级最低的 CP-2 让出资源"
run -C "$P" resources --from 2027-02-01 --to 2027-01-01
expect_rc 2 "--to before --from"
run -C "$P" resources --from yesterday
expect_rc 1 "--from must be a date"
expect_err "pmo: --from: 'yesterday' is not a date (YYYY-MM-DD)"

# validate: a warning at the assignment of the project that yields; an error when pmo.yaml says.
run -C "$P" validate
expect_rc 0 "an over-allocation is a warning by default"
line=$(grep -n -- "- {person: mgr, fte: 0.5" "$P/projects/CP-2/project.yaml" | cut -d: -f1)
expect_out "projects/CP-2/project.yaml:$line:5: warning: over-allocated: mgr at 1.5 FTE of 1"
Q=$T/strict
cp -r "$P" "$Q"
grep -q "^  over_allocation: warning" "$Q/pmo.yaml" && pass || fail "the template says over_allocation"
sed -i 's/^  over_allocation: warning/  over_allocation: error/' "$Q/pmo.yaml"
run -C "$Q" validate --format json
expect_rc 1 "over_allocation: error"
expect_eq "$(jq -r '.findings[] | select(.code == "over-allocated") | .severity' "$OUT")" "error" "severity"
sed -i 's/over_allocation: error/over_allocation: sometimes/' "$Q/pmo.yaml"
run -C "$Q" validate
expect_rc 1 "a bad over_allocation"
expect_out "resources.over_allocation: 'sometimes' is not one of: warning, error"

# validate: an unknown person, an fte out of range, dates the wrong way round, no dates at all.
R=$T/bad
cp -r "$P" "$R"
sed -i '/^assignments:/,/^$/d' "$R/projects/CP-2/project.yaml"
sed -i '/^start:/d; /^end:/d' "$R/projects/CP-2/project.yaml"
cat >>"$R/projects/CP-2/project.yaml" <<'YAML'
assignments:
  - {person: nobody, fte: 0.5}
  - {person: mgr, fte: 0.5}
YAML
run -C "$R" validate
expect_rc 1 "bad assignments"
f=projects/CP-2/project.yaml
n=$(grep -n "^assignments:" "$R/$f" | cut -d: -f1)
expect_out "$f:$((n + 1)):14: error: assignments[0]: 'nobody' is not in the roster (people/)"
expect_out "$f:$((n + 2)):5: warning: assignments[1]: no dates (from and to, or the project's start and end): it counts in no one's load"
# A record the reader refuses: no fte, an fte past 1, dates the wrong way round.
printf '  - {person: mgr}\n  - {person: mgr, fte: 2}\n  - {person: mgr, fte: 0.5, from: 2027-05-01, to: 2027-04-01}\n' >>"$R/$f"
run -C "$R" validate
expect_rc 1 "unreadable assignments"
expect_out "$f:$((n + 3)):5: error: missing required field 'assignments[2].fte'"
expect_out "$f:$((n + 4)):"
expect_out "assignments[3].fte"
expect_out "assignments[4]: to (2027-04-01) is before from (2027-05-01)"

# G2 of CP-2 is refused in this controlling office: its plan over-allocates mgr. Nothing written.
before=$(commit_count "$P")
PMO_NOW=2026-12-02T10:00:00Z run -C "$P" review CP-2 --gate G2 --decision approve --as pmo1
expect_rc 1 "G2 refused: over-allocation"
expect_err "projects/CP-2/project.yaml:$line:5: error: G2 would over-allocate: mgr at 1.5 FTE of 1 from 2027-04-01 to 2027-06-30: CP-1 1, CP-2 0.5; CP-2 should yield (lowest priority)"
expect_eq "$(commit_count "$P")" "$before" "nothing committed"
# G2 of CP-1 takes part in the same conflict: refused too, until CP-2's plan yields.
PMO_NOW=2026-12-02T10:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 1 "G2 of CP-1 refused too"
sed -i 's/- {person: mgr, fte: 0.5, from: 2027-04-01/- {person: mgr, fte: 0.5, from: 2027-07-01/' \
  "$P/projects/CP-2/project.yaml"
git -C "$P" commit -qam "CP-2 yields: mgr from July"
PMO_NOW=2026-12-02T11:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 of CP-1 once CP-2 yields"
PMO_NOW=2026-12-02T11:00:00Z run -C "$P" review CP-2 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 of CP-2 once it yields"
run -C "$P" validate
expect_no_out "over-allocated"
run -C "$P" verify
expect_rc 0 "verify"
expect_git_clean "$P"

# A supportive office: G2 warns instead.
S=$T/supportive
make_office "$S" --lang zh --type supportive
for id in S-1 S-2; do
  write_proposal "$T/$id.yaml"
  printf 'assignments: [{person: mgr, fte: 0.6}]\n' >>"$T/$id.yaml"
  PMO_NOW=2026-12-01T09:00:00Z run -C "$S" propose --id $id --from "$T/$id.yaml"
  expect_rc 0 "propose $id"
done
for id in S-1 S-2; do
  for r in biz tech fin law; do
    PMO_NOW=2026-12-01T10:00:00Z "$PMO" -C "$S" review $id --gate G1 --decision approve --as $r >/dev/null 2>&1
  done
done
PMO_NOW=2026-12-02T10:00:00Z run -C "$S" review S-2 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 in a supportive office"
expect_err "G2 将造成人员超负荷：mgr 负荷 1.2 FTE，超过产能 1（2027-01-04 至 2027-06-30）：S-1 0.6，S-2 0.6"

finish
