# The working calendar (工作日历): a Chinese office counts its day figures in working days of the
# official China calendar (pmo.yaml `calendar: {base: cn}`, `control.days: working`), with the
# Spring Festival 2026 off (02-15..02-23) and its make-up Saturdays (02-14, 02-28) worked. The same
# office with `control.days: calendar` counts calendar days. A year not yet announced (2027) is a
# warning. Every figure below is worked out by hand from the State Council's 2026 notice.
source "$(dirname "$0")/lib.sh"
P=$T/office
export PMO_NOW=2026-01-05T09:00:00Z
make_office "$P" --lang zh
grep -q "^  days: working" "$P/pmo.yaml" && pass || fail "the zh template counts working days"
grep -q "^  base: cn" "$P/pmo.yaml" && pass || fail "the zh template uses the China calendar"
run -C "$P" validate
expect_rc 0 "a new zh office is valid"
expect_no_out "尚未公布"

cat >"$T/proposal.yaml" <<'YAML'
title: 客户门户
sponsor: spon
manager: mgr
budget: 500000
start: 2026-01-12
end: 2026-03-31
objectives: [减少客服来电]
scope:
  in: [自助门户]
strategic_alignment: 数字化服务战略
business_case:
  benefits: [降低客服成本]
  cost_estimate: 500000
feasibility: 技术成熟
risks: [数据迁移]
resources: [四名工程师]
plan:
  scope: 见 scope.in
  schedule: 见里程碑
  cost: 按版本
  quality: 验收测试
  resources: 四名工程师
  communication: 周报
  risk: 每周评审风险登记册
  procurement: 托管合同
milestones:
  - {name: 设计评审, date: 2026-02-10, weight: 1}
  - {name: 上线, date: 2026-03-31, weight: 1}
YAML
"$PMO" -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1
for r in biz tech fin law; do
  PMO_NOW=2026-01-06T10:00:00Z "$PMO" -C "$P" review CP-1 --gate G1 --decision approve --as $r >/dev/null 2>&1
done
PMO_NOW=2026-01-09T10:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 approve"

# A change of +5 schedule days approved on 2026-02-02, before the milestone is due. From Tue
# 02-10: Wed 11 (1), Thu 12 (2), Fri 13 (3), Sat 14 (4, the make-up workday), 02-15..02-23 off,
# Tue 24 (5): the milestone moves to 2026-02-24. The end, Tue 03-31: Wed 04-01 (1), Thu 02 (2),
# Fri 03 (3), 04-04..04-06 off (清明), Tue 07 (4), Wed 08 (5): 2026-04-08.
export PMO_NOW=2026-02-02T09:00:00Z
run -C "$P" change request CP-1 --title "增加单点登录" --reason "客户要求" --schedule-days 5
expect_rc 0 "change request"; CR=$(cat "$OUT")
"$PMO" -C "$P" review CP-1 --change "$CR" --decision approve --as pmo1 >/dev/null 2>&1
run -C "$P" review CP-1 --change "$CR" --decision approve --as fin
expect_rc 0 "the CCB approves"
run -C "$P" status CP-1
expect_out "2026-01-12 至 2026-04-08"
expect_out "2026-02-24 设计评审"
expect_out "+5 个工作日"
run -C "$P" status CP-1 --json
expect_eq "$(jq -r .days "$OUT")" "working" "JSON says the unit"
expect_eq "$(jq -r '.control.baselines[-1].end' "$OUT")" "2026-04-08" "the end moved by 5 working days"
expect_eq "$(jq -r '.control.baselines[-1].milestones[0].date' "$OUT")" "2026-02-24" "the milestone moved across the Spring Festival"

# The report of 2026-W08 (Mon 02-16 .. Sun 02-22, the holiday week), 40% done, 200,000 spent,
# the design review forecast for Mon 03-02: after the baseline's 02-24, Wed 25, Thu 26, Fri 27,
# Sat 28 (make-up) and Mon 03-02: 5 working days late (6 calendar days).
# Planned value at Sun 02-22, baseline v2 (the milestone 02-24 weighs half): working days of
# (01-12, 02-24] are 26 (Jan 13-16, 4 full weeks to Feb 13, Sat 14, Tue 24), of (01-12, 02-22]
# 25 -> 0.5 x 25/26 = 48.08%, PV 240,384.62; SPI 200,000 / 240,384.62 = 0.83.
export PMO_NOW=2026-02-23T09:00:00Z
run -C "$P" update CP-1 --period 2026-W08 --percent 40 --actual-cost 200000 --forecast 设计评审=2026-03-02
expect_rc 0 "update W08"
run -C "$P" status CP-1 --json
expect_eq "$(jq -r '.control.forecasts[0].slip_days' "$OUT")" "5" "slip in working days"
expect_eq "$(jq -r '.control.earned_value.pv | . * 100 | round / 100' "$OUT")" "240384.62" "PV in working days"
expect_eq "$(jq -r '.control.earned_value.spi | . * 100 | round / 100' "$OUT")" "0.83" "SPI in working days"
# In the stage since G2 on Fri 01-09: Jan 12 .. Feb 13 (25), Sat 14 (26), then the holiday: 26.
expect_eq "$(jq -r '.state.days_in_stage' "$OUT")" "26" "days in stage in working days"
run -C "$P" status CP-1
expect_out "+5 个工作日"
expect_out "26 个工作日"
run -C "$P" report
expect_out "本阶段工作日"
expect_out "+5 个工作日"
run -C "$P" report --json
expect_eq "$(jq -r .days "$OUT")" "working" "report JSON says the unit"
run -C "$P" --lang en status CP-1
expect_out "+5 working days"
run -C "$P" validate
expect_rc 0 "valid"
expect_no_out "尚未公布"
expect_git_clean "$P"

# The same office counting calendar days: the change moves the milestone 5 days, to Sun 02-15,
# and the end to Sun 04-05; the forecast 03-02 is 15 days after 02-15. PV at 02-22: past the
# milestone (half), 7 of the 49 days to the end -> 0.5 + 0.5 x 7/49 = 57.14%, PV 285,714.29.
C=$T/calendar-days
cp -r "$P" "$C"
sed -i 's/^  days: working .*/  days: calendar/' "$C/pmo.yaml"
git -C "$C" commit -qam "Count calendar days"
run -C "$C" status CP-1 --json
expect_eq "$(jq -r .days "$OUT")" "calendar" "JSON says calendar days"
expect_eq "$(jq -r '.control.baselines[-1].milestones[0].date' "$OUT")" "2026-02-15" "moved 5 calendar days"
expect_eq "$(jq -r '.control.baselines[-1].end' "$OUT")" "2026-04-05" "end moved 5 calendar days"
expect_eq "$(jq -r '.control.forecasts[0].slip_days' "$OUT")" "15" "slip in calendar days"
expect_eq "$(jq -r '.control.earned_value.pv | . * 100 | round / 100' "$OUT")" "285714.29" "PV in calendar days"
expect_eq "$(jq -r '.state.days_in_stage' "$OUT")" "45" "days in stage in calendar days"
run -C "$C" status CP-1
expect_out "+15 天"
expect_no_out "工作日"

# 2027 has not been announced: a plan into it is counted Monday to Friday there, and validate
# says so (a warning, PMO112), naming where the year is first used.
run -C "$P" propose --id CP-2 --title "明年的项目" --start 2026-11-02 --end 2027-03-31
expect_rc 0 "a plan into 2027"
run -C "$P" validate
expect_rc 0 "a warning only"
expect_out "projects/CP-2/project.yaml:"
expect_out "2027"
expect_out "尚未公布"
run -C "$P" --lang en validate --format json
expect_eq "$(jq -r '[.findings[] | select(.code == "calendar-uncovered")] | length' "$OUT")" "1" "one warning for 2027"
# Counting calendar days, no year is missing.
run -C "$C" propose --id CP-2 --title "Next year" --start 2026-11-02 --end 2027-03-31
run -C "$C" validate --format json
expect_eq "$(jq -r '[.findings[] | select(.code == "calendar-uncovered")] | length' "$OUT")" "0" "no warning for calendar days"

# Bad calendar input: file:line:col and exit 1.
B=$T/bad
cp -r "$P" "$B"
sed -i 's/^  base: cn$/  base: jp/' "$B/pmo.yaml"
run -C "$B" validate
expect_rc 1 "an unknown base"
line=$(grep -n "^  base: jp" "$B/pmo.yaml" | cut -d: -f1)
expect_out "pmo.yaml:$line:9: error: calendar.base：“jp”不是 pmo 自带的日历：cn"
sed -i 's/^  base: jp$/  base: cn/; s/^  holidays: \[\]$/  holidays: [{date: 2026-02-14}]/; s/^  workdays: \[\]$/  workdays: [{date: 2026-02-14}]/' "$B/pmo.yaml"
run -C "$B" --lang en validate
expect_rc 1 "a day both off and worked"
expect_out "is also listed in calendar.holidays"
finish
