# Project control, as a PMO runs it: G1 -> G2 fixes the baseline -> weekly status reports with
# earned value and health -> a risk escalates -> a change request approved by the CCB moves the
# baseline -> the closure report -> G4 -> the lessons in the knowledge base; every write one commit,
# checked with the real git.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P" --lang en
"$PMO" -C "$P" people add fin2 --name "Fay Finance" --email fin2@example.com --role finance >/dev/null 2>&1
write_proposal "$T/proposal.yaml"
"$PMO" -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1
for r in biz tech fin law; do
  PMO_NOW=2026-11-03T10:00:00Z "$PMO" -C "$P" review CP-1 --gate G1 --decision approve --as $r >/dev/null 2>&1
done

# Edits of project.yaml not yet committed are refused first, before any readiness check reads the
# committed version: the gate decides on the committed plan.
sed -i 's/^budget: 500000/budget: 400000/' "$P/projects/CP-1/project.yaml"
PMO_NOW=2026-11-03T11:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 1 "review with uncommitted edits"
expect_err "pmo: uncommitted changes in projects/CP-1/project.yaml: pmo decides on the committed version; commit your edits first"
expect_eq "$(grep -c '^pmo: ' "$ERR")" "1" "the uncommitted edits are the only thing said"
[ ! -e "$P/.git/pmo-index.tmp" ] && [ ! -e "$P/.git/index.lock" ] && pass || fail "a refused write leaves files in .git"
git -C "$P" checkout -q -- projects/CP-1/project.yaml

# Money has one parser and one range, in flags and files: no NaN, infinity, hex or 1e308.
for budget in nan .inf 1.8e308 0x10 1e308 -5; do
  run -C "$P" propose --title "Budget $budget" --budget "$budget"
  expect_rc 2 "--budget $budget"; expect_err "pmo: --budget"
done
printf 'title: Hex
budget: 0x10
' >"$T/hex.yaml"
run -C "$P" propose --from "$T/hex.yaml"
expect_rc 1 "budget 0x10 in a file"; expect_err "hex.yaml:2:9: error: budget must be a number"
printf 'title: Huge
budget: 1e308
' >"$T/huge.yaml"
run -C "$P" propose --from "$T/huge.yaml"
expect_rc 1 "budget 1e308 in a file"; expect_err "huge.yaml:2:9: error: budget must be at most 1e15"

# Dates possible but hardly meant are written, with a warning naming the field; validate says the
# same. (In a copy: the story below goes on without them.)
cp -r "$P" "$T/dates"
export PMO_NOW=2026-11-05T09:00:00Z
run -C "$T/dates" propose --id OLD-1 --title "Typo in the year" --start 1990-01-04 --end 2027-06-30
expect_rc 0 "a start in 1990 is written"
expect_err "projects/OLD-1/project.yaml:"
expect_err "warning: start 1990-01-04 is more than 10 years before today (2026-11-05): is the year right?"
expect_err "warning: the plan runs 13691 days, from 1990-01-04 to 2027-06-30"
run -C "$T/dates" propose --id NEAR-1 --title "A plan of two years" --start 2027-01-04 --end 2028-12-29
expect_rc 0 "a plan of two years"
expect_no_out "warning"; expect_err "Proposed NEAR-1"
if grep -q "warning" "$ERR"; then fail "a likely plan warned about: $(cat "$ERR")"; else pass; fi
run -C "$T/dates" validate
expect_rc 0 "warnings only"
expect_out "projects/OLD-1/project.yaml:"
expect_out "warning: start 1990-01-04 is more than 10 years before today"
run -C "$T/dates" --lang zh validate
expect_out "比今天（2026-11-05）早 10 年以上：年份是否有误？"
export PMO_NOW=2026-11-02T09:00:00Z

# A name git would refuse as an author's ("." is all punctuation it trims) is refused up front.
run -C "$P" people add p4 --name '.' --role business
expect_rc 2 "a name of punctuation"; expect_err "--name '.' has nothing git keeps"

# Before the baseline: no status report.
PMO_NOW=2026-11-03T11:00:00Z run -C "$P" update CP-1 --period 2027-W02 --percent 5 --actual-cost 1000
expect_rc 1 "update before the baseline"
expect_err "stage 'planning'"

PMO_NOW=2026-12-01T10:00:00Z run -C "$P" review CP-1 --gate G2 --decision approve --as pmo1
expect_rc 0 "G2 approve"
expect_err "G2 passed"

# The baseline is the plan G2 approved: editing project.yaml afterwards does not move it.
sed -i 's/^budget: 500000/budget: 900000/' "$P/projects/CP-1/project.yaml"
git -C "$P" commit -qam "Budget edited after the baseline"
export PMO_NOW=2027-01-17T09:00:00Z   # Sunday of 2027-W02
run -C "$P" status CP-1
expect_rc 0 "status after G2"
expect_out "v1 — 500,000 CNY, 2027-01-04 to 2027-06-30"

# Bad values: a clear error naming the field, exit 1, nothing written.
before=$(commit_count "$P")
run -C "$P" update CP-1 --period 2027-W02 --percent 170 --actual-cost 1000
expect_rc 1 "percent 170"; expect_err "percent_complete"
run -C "$P" update CP-1 --period 2027-W02 --percent 10 --actual-cost -5
expect_rc 1 "negative cost"; expect_err "--actual-cost must not be negative, not -5"
run -C "$P" update CP-1 --period 2027-01 --percent 10 --actual-cost 5
expect_rc 1 "monthly period in a weekly office"; expect_err "--period"
run -C "$P" update CP-1 --period 2027-W54 --percent 10 --actual-cost 5
expect_rc 1 "week 54"; expect_err "--period"
# A period that has not started cannot be reported (it would become the last report).
run -C "$P" update CP-1 --period 2030-W01 --percent 10 --actual-cost 5
expect_rc 1 "a future period"; expect_err "--period: 2030-W01 has not started (it starts on 2029-12-31)"
run -C "$P" update CP-1 --period 2027-W03 --percent 10 --actual-cost 5
expect_rc 1 "next week"; expect_err "2027-W03 has not started"
expect_eq "$(commit_count "$P")" "$before" "no commit for bad values"

# Three weekly updates. Week 2 ends 2027-01-17: 13 of 55 days to the design milestone (weight 1
# of 4) -> planned 13/55 * 25% = 5.909%, PV = 29,545.45.
run -C "$P" update CP-1 --period 2027-W02 --percent 6 --actual-cost 30000 --summary "Kick-off done" --done "Team on board" --next "Design"
expect_rc 0 "update W02"
expect_eq "$(git -C "$P" log -1 --format=%s)" "Status 2027-W02: CP-1 Customer portal — 6% complete, cost 30,000" "status commit subject"
expect_eq "$(git -C "$P" show --format= --name-only HEAD)" "projects/CP-1/status/2027-W02.yaml" "one file per report"
expect_git_clean "$P"
PMO_NOW=2027-01-24T09:00:00Z run -C "$P" update CP-1 --period 2027-W03 --percent 8 --actual-cost 45000
expect_rc 0 "update W03"
export PMO_NOW=2027-01-31T09:00:00Z
run -C "$P" update CP-1 --percent 10 --actual-cost 62500 --health quality=amber --forecast Design=2027-03-07
expect_rc 0 "update W04 (the current period by default)"
[ -f "$P/projects/CP-1/status/2027-W04.yaml" ] && pass || fail "W04 file"
run -C "$P" update CP-1 --percent 11 --actual-cost 63000
expect_rc 1 "second report for the same period"; expect_err "already exists; to correct it, run pmo update CP-1 --period 2027-W04 --amend"
# A correction is a new commit that replaces the report and says it was amended.
cp -r "$P" "$T/amend"
run -C "$T/amend" update CP-1 --period 2027-W04 --amend --percent 11 --actual-cost 63000
expect_rc 0 "amend W04"; expect_err "Amended the status report projects/CP-1/status/2027-W04.yaml"
expect_eq "$(git -C "$T/amend" log -1 --format=%s)" "Status 2027-W04 (amended): CP-1 Customer portal — 11% complete, cost 63,000" "amended subject"
grep -q "^amended: 2027-01-31$" "$T/amend/projects/CP-1/status/2027-W04.yaml" && pass || fail "amended: in the record"
run -C "$T/amend" status CP-1
expect_out "Last report   2027-W04 (amended 2027-01-31)"
run -C "$T/amend" report
expect_out "\`2027-W04\` (amended)"
run -C "$T/amend" update CP-1 --period 2027-W01 --amend --percent 1 --actual-cost 1
expect_rc 1 "amend a missing report"; expect_err "no status report for 2027-W01 to correct"

# W04 ends 2027-01-31: 27/55 * 25% = 12.27% planned, PV 61,363.64; EV 50,000; AC 62,500.
run -C "$P" status CP-1
expect_out "PV 61,363.64 CNY  EV 50,000 CNY  AC 62,500 CNY"
# The forecast of W04 against the baseline, per milestone; in JSON and the report too.
expect_out "Forecast      2027-03-07 Design (+7 days against the baseline 2027-02-28)"
run -C "$P" status CP-1 --json
expect_out '"milestone": "Design"'
expect_out '"slip_days": 7'
run -C "$P" report
expect_out "## Milestones forecast late"
expect_out '| `CP-1` | Design | 2027-02-28 | 2027-03-07 | +7 days |'
run -C "$P" status CP-1
expect_out "SPI 0.81  CPI 0.80  TCPI 1.03"
expect_out "EAC 625,000 CNY  ETC 562,500 CNY  VAC -125,000 CNY"
expect_out "schedule: red"
expect_out "quality: amber"
run -C "$P" status
expect_out "red"
expect_out "0.81"
expect_no_out "overdue"

# A week's report is due by the third working day after the week: W04 (ending Sunday 01-31) by
# Wednesday 02-03; from Thursday it is overdue, in status, status ID, the report and JSON.
PMO_NOW=2027-02-03T17:00:00Z run -C "$P" status
expect_no_out "overdue"
PMO_NOW=2027-02-11T09:00:00Z run -C "$P" status
expect_out "red (report overdue)"
PMO_NOW=2027-02-11T09:00:00Z run -C "$P" status CP-1
expect_out "2027-W04 — the report for 2027-W05 is overdue (due by 2027-02-10)"
PMO_NOW=2027-02-11T09:00:00Z run -C "$P" status CP-1 --json
expect_out '"due_period": "2027-W05"'
expect_out '"report_due": "2027-02-10"'
expect_out '"overdue": true'
PMO_NOW=2027-02-11T09:00:00Z run -C "$P" report
expect_out "## Status reports overdue for 2027-W05 (due by 2027-02-10)"
expect_out "- \`CP-1\` Customer portal"

# A risk: probability 7 is refused; 4 x 4 = 16 is escalated (threshold 15).
run -C "$P" risk add CP-1 --description "Vendor late" --probability 7 --impact 4 --owner mgr --response mitigate
expect_rc 1 "probability 7"; expect_err "--probability"
# Every mistake of one command line is reported in one run, each on its own line.
run -C "$P" risk add CP-1 --probability 7 --impact 9 --owner nobody --response maybe --due 2027-13-01
expect_rc 1 "five mistakes"
expect_eq "$(grep -c '^pmo: ' "$ERR")" "6" "one line per mistake"
expect_err "pmo: --description is required for a new risk"
expect_err "pmo: --impact must be a whole number from 1 to 5, not 9"
expect_err "pmo: --owner: 'nobody' is not in the roster"
expect_err "pmo: --response: 'maybe' is not one of"
expect_err "pmo: --due: '2027-13-01'"
run -C "$P" issue add CP-1 --priority urgent
expect_rc 1 "issue: three mistakes"
expect_eq "$(grep -c '^pmo: ' "$ERR")" "3" "issue: one line per mistake"
run -C "$P" risk add --help
expect_out "--response TEXT             avoid, mitigate, transfer or accept (required)"
# A new risk's id is R- and five characters two clones cannot both draw; it is printed on stdout.
run -C "$P" risk add CP-1 --description "Vendor late" --cause "Single supplier" --probability 3 --impact 4 --owner mgr --response mitigate --action "Second supplier"
expect_rc 0 "risk add"; RISK=$(cat "$OUT")
[[ $RISK =~ ^R-[23456789abcdefghjkmnpqrstuvwxyz]{5}$ ]] && pass || fail "risk id: '$RISK'"
expect_err "$RISK raised: score 12"
expect_eq "$(git -C "$P" show --format= --name-only HEAD)" "projects/CP-1/risks/$RISK.yaml" "risk file"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Risk,valueonly)' | head -1)" "$RISK" "Pmo-Risk trailer"
# The id is read in any case (said in a meeting, typed in capitals).
run -C "$P" risk update CP-1 "${RISK^^}" --probability 4
expect_rc 0 "risk update"; expect_err "escalated"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Escalated,valueonly)' | head -1)" "16" "Pmo-Escalated trailer"
run -C "$P" report
expect_out "## Escalated risks"
expect_out "| \`CP-1\` | \`$RISK\` | 16 |"

# An issue.
run -C "$P" issue add CP-1 --description "Test server down" --owner mgr --priority high
expect_rc 0 "issue add"; ISSUE=$(cat "$OUT")
[[ $ISSUE =~ ^I-[23456789abcdefghjkmnpqrstuvwxyz]{5}$ ]] && pass || fail "issue id: '$ISSUE'"
run -C "$P" issue resolve CP-1 "$ISSUE" --resolution "Rebuilt"
expect_rc 0 "issue resolve"
# An open issue past its due date is flagged, in a copy (in status ID, the report and JSON).
cp -r "$P" "$T/issues"
run -C "$T/issues" issue add CP-1 --description "Licence expired" --owner mgr --priority critical --due 2027-01-25
expect_rc 0 "an issue due last week"; LATE=$(cat "$OUT")
run -C "$T/issues" status CP-1
expect_out "$LATE [critical] Licence expired (mgr) — due 2027-01-25, OVERDUE"
run -C "$T/issues" --lang zh status CP-1
expect_out "$LATE【紧急】Licence expired（mgr） —— 应于 2027-01-25 解决，已逾期"
run -C "$T/issues" status --json
expect_out '"overdue_issues": 1'
run -C "$T/issues" report
expect_out "1 (1 overdue)"

# A change request states its impact and who requests it (seed 002 §2.4), all said in one run.
run -C "$P" change request CP-1 --title "Add SSO" --reason "Customer demand" --as nobody
expect_rc 1 "a change request without impact, by nobody"
expect_err "pmo: --as: 'nobody' is not in the roster"
expect_err "pmo: a change request states its impact: give at least one of --scope, --schedule-days, --cost, --quality"
expect_eq "$(grep -c '^pmo: ' "$ERR")" "2" "change request: one line per mistake"
# Without --as the requester is the operator (git user.email); without an alternative, a warning.
cp -r "$P" "$T/cr"
git -C "$T/cr" config user.email mgr@example.com
run -C "$T/cr" change request CP-1 --title "Dark mode" --reason "Users ask" --quality "Accessibility review"
expect_rc 0 "a change request by the operator"
expect_err "warning: no alternative considered"
grep -q "^requested_by: mgr$" "$T/cr/projects/CP-1/changes/$(cat "$OUT").yaml" && pass || fail "requested_by from user.email"

# Change control: the CCB (pmo + finance, all) approves the change and the baseline moves.
run -C "$P" change request CP-1 --title "Add SSO" --reason "Customer demand" --scope "SSO login" --schedule-days 14 --cost 50000 --alternative "Defer to phase 2"
expect_rc 0 "change request"; CR=$(cat "$OUT")
[[ $CR =~ ^CR-[23456789abcdefghjkmnpqrstuvwxyz]{5}$ ]] && pass || fail "change id: '$CR'"
run -C "$P" review CP-1 --change "$CR" --decision approve --as mgr --role finance
expect_rc 1 "manager on the CCB"; expect_err "may not decide"
run -C "$P" review CP-1 --change "$CR" --decision approve --as pmo1
expect_rc 0 "CCB pmo"; expect_err "1 of 2 approvals"
run -C "$P" status CP-1
expect_out "$CR Add SSO — pending (+14 days, cost +50,000); approvals 1 of 2"
# The id is matched whatever its case (as risk and issue ids are); the record keeps its own.
run -C "$P" review CP-1 --change "${CR^^}" --decision approve --as fin
expect_rc 0 "CCB finance, id in upper case"; expect_err "$CR approved"
expect_eq "$(git -C "$P" show --name-only --format= HEAD)" "$(git -C "$P" show --name-only --format= HEAD | grep -- "-$CR-fin.yaml")" "decision file names the id as recorded"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Change,valueonly)' | head -1)" "$CR" "Pmo-Change trailer"
run -C "$P" review CP-1 --change "$CR" --decision approve --as fin2
expect_rc 1 "a decided change"; expect_err "already decided"
run -C "$P" status CP-1
expect_out "v2 — 550,000 CNY, 2027-01-04 to 2027-07-14"
expect_out "v1 — 500,000 CNY, 2027-01-04 to 2027-06-30"
run -C "$P" report
expect_out "$CR"
run -C "$P" validate
expect_rc 0 "validate"
expect_git_clean "$P"

# Closure: G4 is refused without the closure report; pmo close records it (one commit, one file);
# bad values are refused naming the option; G4 then passes and the lessons are searchable.
export PMO_NOW=2027-07-20T09:00:00Z
run -C "$P" review CP-1 --gate G4 --decision approve --as spon
expect_rc 1 "G4 without a closure report"; expect_err "pmo close CP-1"
before=$(commit_count "$P")
run -C "$P" close CP-1 --acceptance "Signed" --actual-end 2027-07-16 --outcome done
expect_rc 1 "outcome done"; expect_err "--outcome"
run -C "$P" close CP-1 --acceptance "Signed" --actual-end 2027-07-16 --outcome achieved --actual-cost -1
expect_rc 1 "negative actual cost"; expect_err "--actual-cost"
run -C "$P" close CP-1 --acceptance "Signed" --outcome achieved
expect_rc 1 "no actual end"; expect_err "--actual-end"
run -C "$P" close CP-1 --acceptance "Signed" --actual-end 9999-12-31 --outcome achieved
expect_rc 1 "an end after today"; expect_err "--actual-end 9999-12-31 is after today (2027-07-20)"
rm -rf "$T/dates" && cp -r "$P" "$T/dates"
run -C "$T/dates" close CP-1 --acceptance "Signed" --actual-start 2012-01-04 --actual-end 2027-07-16 --outcome achieved
expect_rc 0 "an actual start in 2012 is written"
expect_err "projects/CP-1/closure.yaml:"
expect_err "warning: actual_start 2012-01-04 is more than 10 years before today (2027-07-20)"
run -C "$P" close CP-1 --acceptance "Signed" --actual-end 2027-07-16 --outcome achieved --manager-rating 6
expect_rc 1 "manager rating 6"; expect_err "--manager-rating"
run -C "$P" close CP-1 --acceptance "Signed" --actual-end 2027-07-16 --outcome achieved --tag x
expect_rc 1 "a tag without a lesson"; expect_err "--tag"
printf 'acceptance: Signed\nactual_end: 2027-07-16\noutcome: done\n' >"$T/closure.yaml"
run -C "$P" close CP-1 --from "$T/closure.yaml"
expect_rc 1 "a bad closure file"; expect_err "closure.yaml:3:10: error: outcome: 'done' is not one of"
expect_eq "$(commit_count "$P")" "$before" "no commit for bad closure values"
# pmo close says exactly what the closure gate still needs (in a copy: the story goes on below).
cp -r "$P" "$T/partial"
run -C "$T/partial" close CP-1 --acceptance "Signed" --actual-end 2027-07-16 --outcome achieved
expect_rc 0 "a closure report without cost and lessons"
expect_err "G4 still requires closure.actual_cost, closure.lessons: run pmo close CP-1 again with them"
expect_no_out "can decide"
run -C "$T/partial" --lang zh close CP-1 --actual-cost 1 --went-well "Demos"
expect_err "G4 仍有未了事项："
expect_err "  - G4 将关闭项目，但风险 $RISK 仍未关闭（评分 16）：请先关闭（pmo risk close CP-1 $RISK）"
expect_no_out "还需要"
run -C "$P" close CP-1 --acceptance "Customer signed the acceptance form" \
  --deliverable "Portal=yes" --deliverable "Admin guide=no" --actual-start 2027-01-04 \
  --actual-end 2027-07-16 --actual-cost 560000 --outcome achieved \
  --project-rating 4 --project-comment "Delivered with SSO" --manager-rating 5 \
  --went-well "Weekly demos with the customer" --tag Communication --tag customer
expect_rc 0 "close"; expect_err "Recorded the closure report projects/CP-1/closure.yaml"
expect_eq "$(commit_count "$P")" "$((before + 1))" "close: one commit"
expect_eq "$(git -C "$P" show --format= --name-only HEAD)" "projects/CP-1/closure.yaml" "close: one file"
expect_eq "$(git -C "$P" log -1 --format=%s)" "Closure CP-1: Customer portal — objectives achieved" "closure subject"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Closure,valueonly)' | head -1)" "recorded" "Pmo-Closure trailer"
expect_git_clean "$P"
# Amend: lessons are added, scalars replaced.
run -C "$P" close CP-1 --to-improve "Estimate SSO integration earlier" --tag estimation
expect_rc 0 "close again amends"; expect_err "Amended"
expect_eq "$(git -C "$P" log -1 --format=%s)" "Closure (amended) CP-1: Customer portal — objectives achieved" "amended subject"
run -C "$P" status CP-1
expect_out "2027-07-16 (+2 days against the baseline end 2027-07-14)"
expect_out "+1.8% against the baseline budget 550,000 CNY"
expect_out "[rejected] Admin guide"
expect_out "5/5"
expect_out "- Estimate SSO integration earlier [estimation]"
run -C "$P" status CP-1 --json
expect_out '"outcome": "achieved"'
expect_out '"earned_value": {'
expect_out '"escalated_risks": 1'
# Not closed yet: the knowledge base shows it only with --all.
run -C "$P" lessons
expect_rc 0 "lessons before G4"; expect_err "No lessons match"
run -C "$P" lessons --all
expect_out "closure not yet accepted"
# G4 decides on the committed closure report: uncommitted edits to it refuse the decision.
cp "$P/projects/CP-1/closure.yaml" "$T/closure.bak"
echo "# edited" >>"$P/projects/CP-1/closure.yaml"
run -C "$P" review CP-1 --gate G4 --decision approve --as spon
expect_rc 1 "G4 with an uncommitted closure edit"; expect_err "uncommitted changes in projects/CP-1/closure.yaml"
cp "$T/closure.bak" "$P/projects/CP-1/closure.yaml"
# G4 lists every loose end: the escalated risk still open, a rejected deliverable while the
# outcome says achieved; status CP-1 shows them in its checklist.
run -C "$P" review CP-1 --gate G4 --decision approve --as spon
expect_rc 1 "G4 with loose ends"
expect_err "projects/CP-1/risks/$RISK.yaml:1:1: error: G4 closes the project, but risk $RISK is still open (score 16): close it first (pmo risk close CP-1 $RISK)"
expect_err "the deliverable 'Admin guide' was not accepted: accept it, or record the outcome as partially_achieved"
run -C "$P" status CP-1
expect_out "risk $RISK is still open"
run -C "$P" risk close CP-1 "$RISK"
expect_rc 0 "the last risk closed"
run -C "$P" close CP-1 --outcome partially_achieved
expect_rc 0 "the outcome corrected"
expect_err "G4 now has every field it requires; its board can decide."
run -C "$P" report
expect_no_out "| \`CP-1\` | \`$RISK\` |" # no longer escalated
run -C "$P" review CP-1 --gate G4 --decision approve --as spon
expect_rc 0 "G4 sponsor"
run -C "$P" review CP-1 --gate G4 --decision approve --as pmo1
expect_rc 0 "G4 pmo"; expect_err "closed"
run -C "$P" close CP-1 --went-well "late"
expect_rc 1 "close after G4"; expect_err "stage"
run -C "$P" lessons
expect_out "CP-1  Customer portal  (closed 2027-07-16, objectives partly achieved)"
expect_out "  + Weekly demos with the customer  [Communication, customer]"
expect_out "  - Estimate SSO integration earlier  [estimation]"
run -C "$P" lessons --tag COMMUNICATION
expect_out "Weekly demos"
expect_no_out "Estimate SSO"
run -C "$P" lessons --search sso
expect_out "Estimate SSO"
expect_no_out "Weekly demos"
run -C "$P" lessons --tag communication --tag estimation
expect_err "No lessons match"
run -C "$P" lessons --json --search DEMOS
expect_out '"kind": "went_well"'
expect_out '"project": "CP-1"'
expect_eq "$(grep -c '"kind":' "$OUT")" "1" "lessons json: one hit"
run -C "$P" validate
expect_rc 0 "validate after closure"
expect_git_clean "$P"
git -C "$P" fsck --strict >/dev/null 2>&1 && pass || fail "fsck after closure"
finish
