# Concurrent writers on one clone: every decision lands exactly once, history stays sound.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P"
write_proposal "$T/proposal.yaml"
for i in 1 2 3 4 5 6 7 8; do
  "$PMO" -C "$P" propose --id "CP-$i" --from "$T/proposal.yaml" >/dev/null 2>&1
done
before=$(commit_count "$P")

# 8 processes, each recording G1 decisions on its own project, 4 board roles each: 32 writes.
for i in 1 2 3 4 5 6 7 8; do
  (
    for who in biz tech fin law; do
      "$PMO" -q -C "$P" review "CP-$i" --gate G1 --decision approve --as "$who" >/dev/null 2>>"$T/errors" || echo "CP-$i $who failed" >>"$T/errors"
    done
  ) &
done
wait
[ ! -s "$T/errors" ] && pass || fail "concurrent writers failed: $(cat "$T/errors")"
expect_eq "$(commit_count "$P")" $((before + 32)) "every decision committed"
expect_eq "$(git -C "$P" log --format=%H --grep='^Pmo-Decision: approve' | wc -l)" 32 "decision commits"
expect_eq "$(find "$P/projects" -path '*/decisions/*.yaml' | wc -l)" 32 "decision files"
expect_git_clean "$P"
run -C "$P" status --json
expect_eq "$(grep -c '"stage": "planning"' "$OUT")" 8 "every project passed G1"

# Two reviewers of the same role racing on one project: exactly one approval counts.
"$PMO" -q -C "$P" people add biz2 --name "Bea Business" --role business >/dev/null 2>&1
"$PMO" -q -C "$P" propose --id RACE --from "$T/proposal.yaml" >/dev/null 2>&1
"$PMO" -q -C "$P" review RACE --gate G1 --decision approve --as biz >"$T/r1" 2>&1 &
"$PMO" -q -C "$P" review RACE --gate G1 --decision approve --as biz2 >"$T/r2" 2>&1 &
wait
expect_eq "$(find "$P/projects/RACE/decisions" -name '*.yaml' | wc -l)" 1 "one business approval"
validate_rc=0
"$PMO" -C "$P" validate >/dev/null 2>&1 || validate_rc=$?
expect_eq "$validate_rc" 0 "validate after the race"
expect_git_clean "$P"
finish
