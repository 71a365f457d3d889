# Shared helpers for the CLI tests: each test script runs the real pmo binary ($PMO) in
# throwaway git repositories and checks the results with the real git.
set -uo pipefail

: "${PMO:?set PMO to the pmo binary}"
: "${PMO_SOURCE_DIR:?set PMO_SOURCE_DIR to the source tree}"

T=$(mktemp -d /tmp/pmo-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME=$T/home GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 LANG=C.UTF-8
mkdir -p "$HOME"
git config --global user.name "Pat PMO"
git config --global user.email "pmo@example.com"
git config --global init.defaultBranch main
export PMO_NOW=2026-11-02T09:00:00Z
# Plain git commits of the tests carry the same time: a pmo write refuses a clock behind HEAD.
export GIT_COMMITTER_DATE=$PMO_NOW GIT_AUTHOR_DATE=$PMO_NOW

passed=0
failed=0
OUT=$T/out ERR=$T/err RC=0

# run ARGS...: runs pmo, keeping stdout, stderr and the exit code for the checks below.
run() {
  "$PMO" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}

pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*" >&2
  echo "  command stdout:" >&2; sed 's/^/    /' "$OUT" >&2
  echo "  command stderr:" >&2; sed 's/^/    /' "$ERR" >&2
}

expect_rc() { [ "$RC" -eq "$1" ] && pass || fail "${2:-exit code} expected $1, got $RC"; }
expect_out() { grep -qF -- "$1" "$OUT" && pass || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" "$ERR" && pass || fail "stderr lacks: $1"; }
expect_no_out() { grep -qF -- "$1" "$OUT" && fail "stdout has: $1" || pass; }
expect_eq() { [ "$1" == "$2" ] && pass || fail "${3:-value}: expected '$2', got '$1'"; }

# The repository is clean and sound, as the real git sees it.
expect_git_clean() {
  local dir=$1 status
  status=$(git -C "$dir" status --porcelain)
  [ -z "$status" ] && pass || fail "git status not clean in $dir: $status"
  git -C "$dir" fsck --strict --no-progress >"$T/fsck" 2>&1 && pass || fail "git fsck: $(cat "$T/fsck")"
}

commit_count() { git -C "$1" rev-list --count HEAD; }

# A portfolio with the G1 board, a PMO reviewer, a sponsor and a manager.
make_office() {
  local dir=$1
  shift
  "$PMO" init "$dir" --name "Test PMO" "$@" >/dev/null 2>&1 || { echo "init failed" >&2; exit 1; }
  "$PMO" -C "$dir" people add biz --name "Bo Business" --email biz@example.com --role business >/dev/null 2>&1
  "$PMO" -C "$dir" people add tech --name "Tina Tech" --email tech@example.com --role technical >/dev/null 2>&1
  "$PMO" -C "$dir" people add fin --name "Fei Finance" --email fin@example.com --role finance >/dev/null 2>&1
  "$PMO" -C "$dir" people add law --name "Lu Legal" --email law@example.com --role legal >/dev/null 2>&1
  "$PMO" -C "$dir" people add pmo1 --name "Pat PMO" --email pmo@example.com --role pmo >/dev/null 2>&1
  "$PMO" -C "$dir" people add spon --name "Sam Sponsor" --email spon@example.com --role sponsor --role business >/dev/null 2>&1
  "$PMO" -C "$dir" people add mgr --name "Meg Manager" --email mgr@example.com --role manager --role finance >/dev/null 2>&1
}

# A complete proposal (everything G1 and G2 require).
write_proposal() {
  cat >"$1" <<'YAML'
title: Customer portal
sponsor: spon
manager: mgr
budget: 500000
start: 2027-01-04
end: 2027-06-30
objectives: [Cut support calls by 30%]
scope:
  in: [Self-service portal]
  out: [Phone support]
strategic_alignment: Digital service strategy
business_case:
  benefits: [Lower support cost]
  cost_estimate: 500000
  roi: 120
feasibility: Proven stack; team available
risks: [Data migration]
resources: [Four engineers]
plan:
  scope: Portal features as listed in scope.in
  schedule: Two releases, see milestones
  cost: Budget by release
  quality: Acceptance tests per release
  resources: Four engineers, one designer
  communication: Weekly status report
  risk: Risk register reviewed weekly
  procurement: Hosting contract
milestones:
  - name: Design
    date: 2027-02-28
    weight: 1
  - name: Release 1
    date: 2027-04-30
    weight: 2
  - name: Release 2
    date: 2027-06-30
    weight: 1
YAML
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
