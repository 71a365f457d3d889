#!/usr/bin/env bash
# bench/commits.sh COMMIT... — the same portfolio through several versions of pmo: the
# before-and-after tables of docs/PERFORMANCE.md. Each commit is built (Release, target pmo only)
# in a detached worktree under $PMO_BENCH_WORK/commits/<commit>; then `pmo report` and
# `pmo validate` run $RUNS times each (default 5) on the portfolio of $PROJECTS projects (default
# 1000; bench/run.sh generates it), and the script prints a Markdown table: median wall ms, the
# range, peak resident KiB (one run), and whether the report is byte-for-byte the first commit's.
#   RUNS=3 bash bench/commits.sh 0c7d44c 3fc2755 567f08d 8747a56
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${PMO_BENCH_WORK:-/tmp/pmo-bench}
runs=${RUNS:-5}
n=${PROJECTS:-1000}
dir=$work/p$n
[ $# -gt 0 ] || { echo "usage: bench/commits.sh COMMIT..." >&2; exit 2; }
[ -f "$dir/pmo.yaml" ] || { echo "bench: no portfolio in $dir (run: bash bench/run.sh $n)" >&2; exit 1; }
mkdir -p "$work/commits"

source "$here/bench/lib.sh" # times_ms, peak_kb

export PMO_NOW=2027-03-01T00:00:00Z LANG=C.UTF-8 NO_COLOR=1
first_report=
rows=()
for commit in "$@"; do
  sha=$(git -C "$here" rev-parse --short=7 "$commit^{commit}")
  tree=$work/commits/$sha
  if [ ! -d "$tree" ]; then
    git -C "$here" worktree add --detach -q "$tree" "$sha"
  fi
  cmake -S "$tree" -B "$tree/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$tree/build" -j "$(nproc)" --target pmo >/dev/null
  pmo=$tree/build/pmo
  report=$work/commits/report-$sha.md
  read -r r r_min r_max < <(times_ms "$runs" "$pmo" -C "$dir" report --out "$report")
  read -r v v_min v_max < <(times_ms "$runs" "$pmo" -C "$dir" validate)
  mr=$(peak_kb "$pmo" -C "$dir" report --out "$report")
  mv=$(peak_kb "$pmo" -C "$dir" validate)
  same=yes
  if [ -z "$first_report" ]; then
    first_report=$report
  elif ! cmp -s "$first_report" "$report"; then
    same=no
  fi
  rows+=("| $sha | $r ($r_min–$r_max) | $mr | $v ($v_min–$v_max) | $mv | $same |")
  echo "bench: $sha done" >&2
done
echo "Portfolio: $n projects ($dir). Median wall ms of $runs runs (range); peak KiB: one run."
echo
echo "| commit | pmo report ms | peak KiB report | pmo validate ms | peak KiB validate | same report |"
echo "|---|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
