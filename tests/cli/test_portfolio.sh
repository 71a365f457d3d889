# pmo portfolio rank / select on the demo office (项目优先级排序), checked against the figures
# worked out by hand in examples/README.md; validate on scores and the scoring model.
source "$(dirname "$0")/lib.sh"
cp -r "$PMO_SOURCE_DIR/examples/office" "$T/demo"
D=$T/demo

# Rank: every open project, by weighted score (DevOps 4,4,4,2,3 -> 22.5+18.75+11.25+11.25+7.5).
run -C "$D" portfolio rank --json
expect_rc 0 "portfolio rank --json"
expect_eq "$(jq -r '[.projects[].id] | join(" ")' "$OUT")" \
  "XH-2026-007 XH-2026-004 XH-2026-003 XH-2026-002 XH-2026-009 XH-2026-008 XH-2026-005" \
  "rank order (closed and rejected projects left out)"
expect_eq "$(jq -r '.projects[0].score' "$OUT")" "71.25" "DevOps' score"
expect_eq "$(jq -r '[.projects[0].criteria[].points] | join(",")' "$OUT")" \
  "22.5,18.75,11.25,11.25,7.5" "each criterion's contribution"
expect_eq "$(jq -r '.schema_version' "$OUT")" "1" "schema_version"
expect_eq "$(jq -r '[.projects[] | select(.candidate) | .id] | join(" ")' "$OUT")" \
  "XH-2026-007 XH-2026-009 XH-2026-008" "candidates: the proposals awaiting G1"

run -C "$D" --lang en portfolio rank
expect_rc 0 "portfolio rank, text"
expect_out "Strategic fit 30"
expect_out "Risk 15↓"
expect_err "7 projects ranked (3 awaiting funding)"
run -C "$D" portfolio rank
expect_out "战略契合度 30"
expect_err "共 7 个项目（其中 3 个待立项）"

# Select: within 1,100,000 the two smaller proposals (118.75) beat DevOps alone (71.25).
run -C "$D" portfolio select --budget 1100000 --json
expect_rc 0 "portfolio select --json"
expect_eq "$(jq -r '[.selected[].id] | join(" ")' "$OUT")" "XH-2026-009 XH-2026-008" "selected"
expect_eq "$(jq -r '.total_score' "$OUT")" "118.75" "total score"
expect_eq "$(jq -r '.total_cost' "$OUT")" "1050000" "total cost"
expect_eq "$(jq -r '.left_out[0].id + " " + .left_out[0].reason' "$OUT")" "XH-2026-007 budget" \
  "left out, and why"
expect_eq "$(jq -r '.unit' "$OUT")" "50000" "exact unit: the costs' common divisor"
# By hand: 009 alone from 400,000; DevOps from 900,000; 009 + 008 from 1,050,000; DevOps + 009
# from 1,300,000 (DevOps + 008, 128.75, is no step); all three at 1,950,000.
expect_eq "$(jq -c '[.frontier[] | [.budget, .score]]' "$OUT")" \
  "[[0,0],[400000,61.25],[900000,71.25],[1050000,118.75],[1300000,132.5],[1950000,190]]" \
  "the efficient frontier"

run -C "$D" --lang en portfolio select --budget 1100000
expect_rc 0 "portfolio select, text"
expect_out "Selected within 1,100,000 CNY"
expect_out "Efficient frontier"
expect_out "does not fit the budget"
expect_out "← budget"
expect_err "Exact 0/1 knapsack over 3 candidates"

# The report draws the same frontier (the three proposals up to their whole cost), table and chart.
PMO_NOW=2026-12-01T10:00:00Z run -C "$D" --lang en report --out "$T/report.md"
expect_rc 0 "report"
grep -q "^## Funding frontier" "$T/report.md" && pass || fail "report lacks the Funding frontier"
grep -qF "| 1,050,000 | 118.75 |" "$T/report.md" && pass || fail "report: a frontier row"
grep -qF 'x-axis ["0", "400,000", "900,000", "1,050,000", "1,300,000", "1,950,000"]' "$T/report.md" &&
  pass || fail "report: the chart's budgets: $(grep -A5 xychart "$T/report.md")"
grep -qF "line [0.00, 61.25, 71.25, 118.75, 132.50, 190.00]" "$T/report.md" && pass ||
  fail "report: the chart's scores"
PMO_NOW=2026-12-01T10:00:00Z run -C "$D" report --json
expect_eq "$(jq -c '[.frontier.points[] | [.budget, .score]]' "$OUT")" \
  "[[0,0],[400000,61.25],[900000,71.25],[1050000,118.75],[1300000,132.5],[1950000,190]]" \
  "report JSON: the frontier"

# Forced in: DevOps first, then nothing else fits in the 200,000 left.
run -C "$D" portfolio select --budget 1100000 --force-in XH-2026-007 --json
expect_rc 0 "force-in"
expect_eq "$(jq -r '[.selected[] | .id + ":" + (.forced_in|tostring)] | join(" ")' "$OUT")" \
  "XH-2026-007:true" "forced in"
run -C "$D" portfolio select --budget 1100000 --force-out XH-2026-009 --json
expect_eq "$(jq -r '[.selected[].id] | join(" ")' "$OUT")" "XH-2026-007" "forced out: DevOps then fits best"
run -C "$D" --lang en portfolio select --budget 800000 --force-in XH-2026-007
expect_rc 1 "forced over budget"
expect_err "the projects forced in cost 900,000 CNY, more than the budget of 800,000 CNY"
run -C "$D" --lang en portfolio select --budget 1100000 --force-in XH-2026-002
expect_rc 2 "an active project cannot be forced in"
expect_err "XH-2026-002 is not a candidate"
run -C "$D" portfolio select
expect_rc 2 "--budget is required"
run -C "$D" --lang en portfolio select --budget abc
expect_rc 2 "--budget must be an amount"
expect_err "--budget"
grep -q 1797693 "$ERR" && fail "the refusal prints CLI11's range" || pass

# A year: DevOps (2027) is outside 2026; the undated proposals count whole, with a warning.
run -C "$D" --lang en portfolio select --budget 1100000 --year 2026 --json
expect_eq "$(jq -r '.not_in_year | join(" ")' "$OUT")" "XH-2026-007" "not in the year"
expect_eq "$(jq -r '.whole_cost_assumed | join(" ")' "$OUT")" "XH-2026-009 XH-2026-008" \
  "whole cost assumed"
expect_err "warning: XH-2026-009 has no start or end: its whole cost is counted in 2026"

# validate: a score on no criterion, a score off the scale, a criterion twice.
python3 - "$D/projects/XH-2026-008/project.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("  urgency: 3\n", "  urgency: 7\n  beauty: 2\n")
open(p, "w").write(s)
PY
run -C "$D" --lang en validate
expect_rc 1 "validate: bad scores"
expect_out "projects/XH-2026-008/project.yaml:"
expect_out "error: scores.urgency is 7: scores run from 1 to 5"
expect_out "error: scores.beauty: 'beauty' is not a criterion of pmo.yaml priorities"
python3 - "$D/pmo.yaml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
# the model pmo init wrote, replaced by a broken one
s = re.sub(r"\npriorities:\n(?:[ #].*\n|\n)*", "\n", s)
s += "\npriorities:\n  criteria:\n    - {id: value, weight: 2}\n    - {id: value, weight: 1}\n    - {id: risk, weight: 0}\n"
open(p, "w").write(s)
PY
run -C "$D" --lang en validate pmo.yaml
expect_rc 1 "validate: a bad scoring model"
expect_out "error: criterion 'value' is listed twice"
expect_out "error: priorities.criteria[2].weight must be more than 0"

# pmo init in the current directory (no DIR): the portfolio is the repository's root.
mkdir "$T/here"
(cd "$T/here" && "$PMO" init --name Here >"$OUT" 2>"$ERR")
RC=$?
expect_rc 0 "pmo init in the current directory"
expect_eq "$(git -C "$T/here" ls-files pmo.yaml)" "pmo.yaml" "pmo.yaml committed at the root"
expect_git_clean "$T/here"

finish
