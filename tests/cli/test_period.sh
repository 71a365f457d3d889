# pmo report --period: the report as of the end of a past period, made from history, so that last
# month's report regenerates byte for byte, whatever happened since.
source "$(dirname "$0")/lib.sh"

PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$T/demo" >/dev/null 2>&1 || { echo "build.sh failed" >&2; exit 1; }
D=$T/demo

# October's report, asked for in March and in May: the same bytes.
PMO_NOW=2027-03-01T00:00:00Z run -C "$D" report --period 2026-10 --out "$T/oct-march.md"
expect_rc 0 "report --period 2026-10"
PMO_NOW=2027-05-01T00:00:00Z run -C "$D" report --period 2026-10 --out "$T/oct-may.md"
cmp -s "$T/oct-march.md" "$T/oct-may.md" && pass || fail "October's report differs between March and May"
grep -qF "截至 2026-10-31（UTC）" "$T/oct-march.md" && pass || fail "the report is not as of 2026-10-31"

# It is exactly the report pmo gave at the end of October: a clone reset to the last commit of
# October, reported at 2026-10-31T23:59:59Z.
last=$(git -C "$D" log --first-parent --until=2026-10-31T23:59:59Z -1 --format=%H)
git clone -q "$D" "$T/then"
git -C "$T/then" reset -q --hard "$last"
PMO_NOW=2026-10-31T23:59:59Z run -C "$T/then" report --out "$T/oct-then.md"
expect_rc 0 "report at the end of October"
diff -u "$T/oct-then.md" "$T/oct-march.md" >"$T/diff" && pass || fail "report --period differs from the report made then: $(head -30 "$T/diff")"
grep -qF "依据提交 \`${last:0:7}\`" "$T/oct-march.md" && pass || fail "the footer names the last commit of October"

# Work after the period changes nothing of it: a new status report, a decision, an uncommitted edit.
head_before=$(git -C "$D" rev-parse HEAD)
PMO_NOW=2026-12-02T09:00:00Z run -C "$D" update XH-2026-002 --period 2026-11 --percent 25 --actual-cost 300000 --amend
expect_rc 0 "November's report amended after the period"
PMO_NOW=2026-12-02T10:00:00Z run -C "$D" risk add XH-2026-002 --description "新风险" --probability 2 --impact 2 --owner chenjie --response mitigate
expect_rc 0 "a risk added after the period"
[ "$(git -C "$D" rev-parse HEAD)" != "$head_before" ] && pass || fail "no new commit after the period"
sed -i 's/^title: .*/title: 改过的标题/' "$D/projects/XH-2026-003/project.yaml"
PMO_NOW=2027-03-01T00:00:00Z run -C "$D" report --period 2026-10 --out "$T/oct-later.md"
cmp -s "$T/oct-march.md" "$T/oct-later.md" && pass || fail "later work changed October's report"
git -C "$D" checkout -q -- projects/XH-2026-003/project.yaml

# A week works too, and a project's one-pager, in English.
PMO_NOW=2027-03-01T00:00:00Z run -C "$D" --lang en report XH-2026-003 --period 2026-W40
expect_rc 0 "report ID --period 2026-W40"
expect_out "As of 2026-10-04 (UTC)."
expect_out "Baseline v1: 2026-09-21 to 2027-06-30"

# Refusals: a period not yet ended, not a period, before the history, no git.
PMO_NOW=2026-11-21T00:00:00Z run -C "$D" report --period 2026-11
expect_rc 2 "a period not ended"
expect_err "2026-11 尚未结束（结束于 2026-11-30）"
PMO_NOW=2026-11-21T00:00:00Z run -C "$D" --lang en report --period 2026-13
expect_rc 2 "not a period"
expect_err "--period '2026-13' is not a week (2026-W47) or a month (2026-11)"
PMO_NOW=2026-11-21T00:00:00Z run -C "$D" --lang en report --period 2025-W10
expect_rc 1 "before the first commit"
expect_err "no commit of the portfolio by the end of 2025-03-09"
cp -r "$PMO_SOURCE_DIR/examples/office" "$T/nogit"
PMO_NOW=2026-11-21T00:00:00Z run -C "$T/nogit" --lang en report --period 2026-10
expect_rc 3 "no git history"
expect_err "made from the portfolio's git history"
[ ! -s "$OUT" ] && pass || fail "a refused report printed something"
expect_git_clean "$D"
finish
