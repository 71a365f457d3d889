#!/usr/bin/env bash
# The roll-up's cost against its parts (docs/PERFORMANCE.md): two bench portfolios a and b
# (bench/make-portfolio.sh, /tmp/rollup-bench/a; b a clone of a) and an enterprise office over
# plain clones of them; the median CPU time (user + sys) of RUNS runs of each command, in ms.
#   bash bench/make-portfolio.sh GENERATOR 1000 /tmp/rollup-bench/a
#   git clone -q /tmp/rollup-bench/a /tmp/rollup-bench/b
#   PMO=build/pmo RUNS=3 bash bench/rollup.sh
set -euo pipefail
PMO=${PMO:?set PMO to the pmo binary}
B=${ROLLUP_BENCH:-/tmp/rollup-bench}
RUNS=${RUNS:-3}
export PMO_NOW=2026-12-02T12:00:00Z HOME=$B/home GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "Bench" ; git config --global user.email bench@example.com
E=$B/ent
if [ ! -d "$E" ]; then
  "$PMO" -q init "$E" --name "Group" --lang en >/dev/null
  git clone -q "$B/a" "$E/depts/a"
  git clone -q "$B/b" "$E/depts/b"
  printf '/depts/\n' >"$E/.gitignore"
  printf '\ndepartments:\n  - {id: a, path: depts/a}\n  - {id: b, path: depts/b}\n' >>"$E/pmo.yaml"
  git -C "$E" add -A && git -C "$E" commit -qm "roll up a and b"
fi
ms() { # median CPU ms (user + sys) of RUNS runs of pmo ARGS
  local t=()
  for _ in $(seq "$RUNS"); do
    local line
    line=$( { TIMEFORMAT='%3U %3S'; time "$PMO" -q "$@" >/dev/null 2>&1; } 2>&1 | tail -1)
    t+=($(awk -v l="$line" 'BEGIN { split(l, a, " "); printf "%d", (a[1] + a[2]) * 1000 }'))
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}
printf '| command (CPU ms) | a | b | a + b | roll-up | roll-up / (a + b) |\n|---|---:|---:|---:|---:|---:|\n'
for cmd in "status" "resources" "kpi" "report" "validate"; do
  ta=$(ms -C "$B/a" $cmd); tb=$(ms -C "$B/b" $cmd); te=$(ms -C "$E" $cmd)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$cmd" "$ta" "$tb" "$((ta + tb))" "$te" \
    "$(awk -v e="$te" -v s="$((ta + tb))" 'BEGIN { printf "%.2f", e / s }')"
done
