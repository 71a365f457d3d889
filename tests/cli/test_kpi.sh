# pmo kpi (PMO 年度目标与 KPI): a proposal made 2026-03-02 whose G1 the four board roles pass on
# 03-05, 03-06, 03-09 and 03-12 (each at 09:00 UTC), measured against pmo.yaml targets; bad
# targets rejected by validate with file:line:col.
source "$(dirname "$0")/lib.sh"

at() { export PMO_NOW=$1 GIT_COMMITTER_DATE=$1 GIT_AUTHOR_DATE=$1; }

P=$T/en
at 2026-03-02T09:00:00Z
make_office "$P" --lang en
# The template's targets are for the clock's year; tighten the gate cycle to 7 days.
expect_eq "$(grep -c 'year: 2026' "$P/pmo.yaml")" "1" "the template's targets are for 2026"
sed -i 's/gate_cycle_days: 30 /gate_cycle_days: 7  /' "$P/pmo.yaml"
write_proposal "$T/proposal.yaml"
run -C "$P" propose --id P1 --from "$T/proposal.yaml"
expect_rc 0 "propose"
for step in "2026-03-05 biz" "2026-03-06 tech" "2026-03-09 fin" "2026-03-12 law"; do
  set -- $step
  at "$1T09:00:00Z"
  run -C "$P" review P1 --gate G1 --decision approve --as "$2"
  expect_rc 0 "G1 by $2"
done

# By hand: G1 opened at the submission day (03-02T00:00) and passed 03-12T09:00: 10.375 days,
# over the 7 allowed. The roles decided after 3.375, 4.375, 7.375 and 10.375 days: 6.375 on
# average, within 10. One proposal, complete. Nothing closed: no data.
at 2026-03-20T09:00:00Z
run -C "$P" kpi --json
expect_rc 0 "kpi --json"
kpi() { jq -r --arg k "$1" ".figures[] | select(.kpi == \$k) | $2" "$OUT"; }
expect_eq "$(jq -r '.schema_version' "$OUT")" "1" "schema_version"
expect_eq "$(jq -r '.year' "$OUT")" "2026" "the year of the clock"
expect_eq "$(kpi gate_cycle_days .value)" "10.375" "gate cycle"
expect_eq "$(kpi gate_cycle_days .status)" "not-met" "gate cycle against 7"
expect_eq "$(kpi gate_cycle_days '.entries[0].project + " " + .entries[0].subject')" "P1 G1" \
  "the pass behind the gate cycle"
expect_eq "$(kpi decision_latency_days .value)" "6.375" "decision latency"
expect_eq "$(kpi decision_latency_days .status)" "met" "decision latency against 10"
expect_eq "$(kpi decision_latency_days '[.groups[].subject] | join(",")')" \
  "business,technical,finance,legal" "latency by role"
expect_eq "$(kpi business_case_complete '.value, .status')" "$(printf '1\nmet')" "business cases"
expect_eq "$(kpi on_time_delivery .status)" "no-data" "nothing closed"
expect_eq "$(kpi on_time_delivery .target)" "0.8" "the template's target"

run -C "$P" kpi --year 2025 --json
expect_eq "$(kpi gate_cycle_days .status)" "no-data" "2025: no gate passed"
expect_eq "$(kpi success_rate .target)" "null" "2025: no targets"

run -C "$P" kpi
expect_rc 0 "kpi, text"
expect_out "KPIs 2026 — Test PMO"
expect_out "Gate cycle time (days)     10.4     7.0  not met"
expect_out "P1       G1    10.4"
run -C "$P" --lang zh kpi
expect_out "2026 年度 KPI — Test PMO"
expect_out "关口周期（天）"
expect_out "未达标"
expect_out "2026 年提交 1 份建议，1 份完整"

run -C "$P" report --json
expect_eq "$(jq -r '.kpis.year' "$OUT")" "2026" "the report's KPIs"
expect_eq "$(jq -r '.kpis.figures[] | select(.kpi == "gate_cycle_days") | .status' "$OUT")" \
  "not-met" "the report's gate cycle"
run -C "$P" report
expect_out "## KPIs 2026"
expect_out "### Gate cycle time (days)"

# Bad targets: an unknown KPI, a percentage for a rate, negative days, a year twice.
Z=$T/zh
make_office "$Z"
cat >>"$Z/pmo.yaml" <<'YAML'
    - year: 2027
      on_time: 0.8
      success_rate: 80
      gate_cycle_days: -1
    - year: 2026
YAML
base=$(($(wc -l <"$Z/pmo.yaml") - 5))
run -C "$Z" --lang en validate
expect_rc 1 "validate rejects bad targets"
expect_out "pmo.yaml:$((base + 2)):7: error: kpis.targets[1]: 'on_time' is not a KPI"
expect_out "pmo.yaml:$((base + 3)):21: error: kpis.targets[1].success_rate is a rate from 0 to 1 (0.8 for 80%), not 80"
expect_out "pmo.yaml:$((base + 4)):24: error: kpis.targets[1].gate_cycle_days is a number of days: not negative, not -1"
expect_out "pmo.yaml:$((base + 5)):7: error: kpis.targets: 2026 is listed twice"
run -C "$Z" validate --format json
expect_rc 1 "validate --format json"
expect_eq "$(jq -r '[.. | objects | select(.code? and (.file? // "" | endswith("pmo.yaml"))) | .code] | join(",")' "$OUT")" \
  "unknown-kpi,bad-kpi-target,bad-kpi-target,duplicate-kpi-year" "the findings' codes"
run -C "$Z" --lang zh validate
expect_out "“on_time”不是 KPI"
expect_out "是 0 到 1 之间的比率（80% 写作 0.8），而不是 80"

finish
