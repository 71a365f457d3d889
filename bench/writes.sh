#!/usr/bin/env bash
# bench/writes.sh PMO DIR [RUNS] — the cost of one pmo write on the portfolio in DIR (a git
# repository made by bench/make-portfolio.sh), side by side with `git add` + `git commit` of a
# file of the same size on the same clone. Each run starts from the same commit on a reset clone
# (git reset --hard + git clean, untimed), so runs are comparable. Prints one Markdown row per
# command: median, min and max wall ms of RUNS (default $RUNS or 5), the git baseline and the
# ratio. Then 16 concurrent pmo writers (reviews on 16 projects), each of which must land.
set -euo pipefail
pmo=$1 dir=$2 runs=${3:-${RUNS:-5}}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${PMO_BENCH_WORK:-/tmp/pmo-bench}
mkdir -p "$work"
source "$here/bench/lib.sh"
export LANG=C.UTF-8 NO_COLOR=1 GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
# After the generated history's last commit: a write refuses a clock behind HEAD.
last=$(git -C "$dir" log -1 --format=%ct)
export PMO_NOW
PMO_NOW=$(date -u -d "@$((last + 86400))" +%Y-%m-%dT%H:%M:%SZ)
period=$(date -u -d "@$((last + 86400))" +%Y-%m)
base=$(git -C "$dir" rev-parse HEAD)
reset() { git -C "$dir" reset -q --hard "$base" && git -C "$dir" clean -qfd -e '.generated-*'; }

# An executing project (a G2 decision, no closure report), a reviewer of the pmo role.
project=
for d in "$dir"/projects/*; do
  if compgen -G "$d/decisions/*-G2-*" >/dev/null && [ ! -e "$d/closure.yaml" ]; then
    project=${d##*/}
    break
  fi
done
reviewer=$(cd "$dir/people" && grep -lE '^roles:.*\bpmo\b|^  - pmo$' *.yaml | head -1)
reviewer=${reviewer%.yaml}

# time_write NAME FILE_GLOB CMD...: median/min/max of CMD, each on a reset clone; then git
# add + commit of a new file as large as the one CMD added, on the same reset clone.
time_write() {
  local name=$1 i t0 pmo_times=() git_times=() size file
  shift
  for ((i = 0; i < runs; i++)); do
    reset
    t0=$(date +%s%N)
    "$@" >/dev/null 2>"$work/write.err" || { echo "bench: $name failed: $(cat "$work/write.err")" >&2; exit 1; }
    pmo_times+=($((($(date +%s%N) - t0) / 1000000)))
    file=$(git -C "$dir" diff-tree --no-commit-id --name-only -r HEAD | head -1)
    size=$(git -C "$dir" cat-file -s "HEAD:$file")
    reset
    mkdir -p "$dir/${file%/*}"
    head -c "$size" /dev/zero | tr '\0' 'x' >"$dir/${file%/*}/bench-git-$i.yaml"
    t0=$(date +%s%N)
    git -C "$dir" add "${file%/*}/bench-git-$i.yaml"
    git -C "$dir" commit -q -m "bench: git add + commit"
    git_times+=($((($(date +%s%N) - t0) / 1000000)))
  done
  local p g
  p=$(printf '%s\n' "${pmo_times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2); print m, a[1], a[NR]}')
  g=$(printf '%s\n' "${git_times[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2); print m, a[1], a[NR]}')
  set -- $p
  local pm=$1 pmin=$2 pmax=$3
  set -- $g
  echo "| $name | $pm ($pmin–$pmax) | $1 ($2–$3) | $(awk -v a="$pm" -v b="$1" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }') |"
}

echo "| write ($(ls "$dir/projects" | wc -l) projects, $(git -C "$dir" rev-list --count HEAD) commits) | pmo ms median (min–max) | git add + commit ms | pmo / git |"
echo "|---|---:|---:|---:|"
time_write "pmo risk add $project" "$pmo" -C "$dir" risk add "$project" --description "Bench risk" \
  --probability 3 --impact 4 --owner "$reviewer" --response mitigate
time_write "pmo review $project --gate G3" "$pmo" -C "$dir" review "$project" --gate G3 \
  --decision approve --as "$reviewer"
time_write "pmo propose" "$pmo" -C "$dir" propose --id BENCH-NEW --title "Bench proposal"
time_write "pmo update $project" "$pmo" -C "$dir" update "$project" --period "$period" \
  --percent 50 --actual-cost 1000

# 16 concurrent writers, one review each on its own executing project: every write lands.
reset
projects=()
for d in "$dir"/projects/*; do
  if compgen -G "$d/decisions/*-G2-*" >/dev/null && [ ! -e "$d/closure.yaml" ]; then
    projects+=("${d##*/}")
  fi
  [ ${#projects[@]} -ge 16 ] && break
done
t0=$(date +%s%N)
for p in "${projects[@]}"; do
  "$pmo" -q -C "$dir" review "$p" --gate G3 --decision approve --as "$reviewer" >/dev/null 2>>"$work/concurrent.err" &
done
wait
ms=$((($(date +%s%N) - t0) / 1000000))
landed=$(git -C "$dir" rev-list --count "$base..HEAD")
status=$(git -C "$dir" status --porcelain | wc -l)
echo
echo "16 concurrent reviews: $landed of ${#projects[@]} commits landed in $ms ms; git status: $status changed paths"
git -C "$dir" fsck --no-progress --no-dangling >/dev/null 2>&1 && echo "git fsck: clean" || echo "git fsck: FAILED"
reset
[ "$landed" -eq "${#projects[@]}" ] && [ "$status" -eq 0 ]
