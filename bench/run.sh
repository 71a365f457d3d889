#!/usr/bin/env bash
# bench/run.sh [PROJECTS...] — pmo against its peers on synthetic portfolios (default 100, 1000
# and 10000 projects), side by side, $RUNS repetitions each (default 5; tj3 at 10000: 1), medians
# in ms and ratios, peak memory (/usr/bin/time). Prints Markdown tables; also writes them to
# $PMO_BENCH_WORK/{results,verify,office,writes}.md. BENCH_TABLES="office writes" runs only those
# (default: peers ledger office writes). Portfolios and tools live in $PMO_BENCH_WORK (default
# /tmp/pmo-bench), the build in build-bench/.
#   validate:  pmo validate | yamllint (same files) | ajv-cli (the schemas `pmo schema --out`
#              writes, one run per record type) | parse floor
#   report:    pmo report   | tj3 on the same plan (pmo-bench-generate --tjp)
#   history:   pmo status ID (gate history from git) | git log --grep=Pmo-Project: ID
#   ledger:    pmo verify (whole history; HEAD~10..HEAD) | git log --name-status -m (same)
#              and pmo status of the whole portfolio, and pmo kpi (the year's KPIs)
#   writes:    pmo risk add / review / propose / update | git add + git commit of a file of the
#              same size, each on a reset clone (bench/writes.sh, on a copy of the portfolio);
#              then 16 concurrent pmo writers, every one of which must land
#   office:    pmo validate --changed-since HEAD~1 (and with --no-untracked, as a CI checkout runs
#              it) after a commit that edits one project, against a full pmo validate of the same
#              tree; pmo portfolio rank, resources, kpi, report
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PMO_BENCH_BUILD_DIR:-$here/build-bench}
work=${PMO_BENCH_WORK:-/tmp/pmo-bench}
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
mkdir -p "$work"

cmake -S "$here" -B "$build" -G Ninja -DPMO_BENCH=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target pmo pmo-bench-generate pmo-bench-parse-floor >/dev/null
pmo=$build/pmo
floor=$build/bench/pmo-bench-parse-floor
generate=$build/bench/pmo-bench-generate

ajv=$work/npm/node_modules/.bin/ajv
if [ ! -x "$ajv" ] && command -v npm >/dev/null; then
  npm install --prefix "$work/npm" --no-audit --no-fund --loglevel=error ajv-cli@5.0.0 >/dev/null 2>&1 ||
    echo "bench: npm install ajv-cli failed; no ajv column" >&2
fi
command -v yamllint >/dev/null || echo "bench: yamllint missing (apt-get install yamllint)" >&2
command -v tj3 >/dev/null || echo "bench: tj3 missing (apt-get install tj3)" >&2

source "$here/bench/lib.sh" # times_ms, median_ms, peak_kb
# BENCH_TABLES: which of the tables to run (default all): peers ledger office writes.
tables=" ${BENCH_TABLES:-peers ledger office writes} "
wants() { [[ $tables == *" $1 "* ]]; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
ratio3() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }

export PMO_NOW=2027-03-01T00:00:00Z LANG=C.UTF-8 NO_COLOR=1
yamllint_config='{extends: default, rules: {line-length: disable, document-start: disable}}'
out=$work/results.md
{
  echo "| projects | records | on disk (KiB) | pmo validate | yamllint | ajv-cli | parse floor | pmo report | tj3 | pmo status ID | git log --grep | peak KiB validate / report / status |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$out"
for n in "${sizes[@]}"; do
  dir=$work/p$n
  # Generated again when the generator changed (the marker holds its checksum).
  stamp=$(sha1sum <"$generate" | cut -d' ' -f1)
  if [ "$(cat "$dir/.generated-$n" 2>/dev/null)" != "$stamp" ]; then
    bash "$here/bench/make-portfolio.sh" "$generate" "$n" "$dir"
    "$generate" --tjp "$n" >"$work/p$n.tjp"
    echo "$stamp" >"$dir/.generated-$n"
    echo ".generated-*" >"$dir/.git/info/exclude"
  fi
done
for n in "${sizes[@]}"; do
  wants peers || break
  dir=$work/p$n
  # Today is the day after the generated history ends: its status reports are for periods under
  # way or ended (validate refuses a period that has not started).
  PMO_NOW=$(date -u -d "@$(($(git -C "$dir" log -1 --format=%ct) + 86400))" +%Y-%m-%dT%H:%M:%SZ)
  records=$(find "$dir/pmo.yaml" "$dir/people" "$dir/projects" -name '*.yaml' | wc -l)
  disk_kib=$(($(find "$dir/pmo.yaml" "$dir/people" "$dir/projects" -name '*.yaml' -printf '%s\n' | awk '{s+=$1} END {print s}') / 1024))
  "$pmo" -C "$dir" validate >/dev/null || { echo "bench: pmo validate fails on p$n" >&2; exit 1; }
  # The oldest project with decisions (P00001 is a proposal without any, so its status reads no
  # history): its first decisions are near the root, so its history is almost the whole log.
  id=P00004

  v=$(median_ms "$runs" "$pmo" -C "$dir" validate)
  y=-
  command -v yamllint >/dev/null && y=$(cd "$dir" && median_ms "$runs" yamllint -d "$yamllint_config" pmo.yaml people projects)
  a=-
  if [ -x "$ajv" ]; then
    # pmo's own schemas, but for one thing: ajv-cli reads YAML with js-yaml, which turns dates and
    # timestamps into Date objects (an editor keeps them text), so those two definitions also
    # take an object.
    s=$work/schema
    "$pmo" schema --out "$s" >/dev/null
    for f in "$s"/*.json; do
      jq '(.definitions // {}) as $d
          | if $d.date then .definitions.date = {anyOf: [$d.date, {type: "object"}]} else . end
          | if $d.timestamp then .definitions.timestamp = {anyOf: [$d.timestamp, {type: "object"}]} else . end' \
        "$f" >"$f.tmp" && mv "$f.tmp" "$f"
    done
    a=$(cd "$dir" && median_ms "$runs" bash -c "'$ajv' validate --allow-union-types -s '$s/office.json' -d pmo.yaml && '$ajv' validate --allow-union-types -s '$s/person.json' -d 'people/*.yaml' && '$ajv' validate --allow-union-types -s '$s/project.json' -d 'projects/*/project.yaml' && '$ajv' validate --allow-union-types -s '$s/decision.json' -d 'projects/*/decisions/*.yaml' && '$ajv' validate --allow-union-types -s '$s/status.json' -d 'projects/*/status/*.yaml' && '$ajv' validate --allow-union-types -s '$s/risk.json' -d 'projects/*/risks/*.yaml' && '$ajv' validate --allow-union-types -s '$s/issue.json' -d 'projects/*/issues/*.yaml' && '$ajv' validate --allow-union-types -s '$s/change.json' -d 'projects/*/changes/*.yaml' && '$ajv' validate --allow-union-types -s '$s/closure.json' -d 'projects/*/closure.yaml'")
  fi
  f=$(median_ms "$runs" "$floor" "$dir")
  r=$(median_ms "$runs" "$pmo" -C "$dir" report --out "$work/report-$n.md")
  t=-
  if command -v tj3 >/dev/null; then
    tj_runs=$runs
    [ "$n" -ge 10000 ] && tj_runs=1
    mkdir -p "$work/tj-$n"
    t=$(median_ms "$tj_runs" tj3 --silent --no-color -o "$work/tj-$n" "$work/p$n.tjp")
  fi
  s_ms=$(median_ms "$runs" "$pmo" -C "$dir" status "$id")
  g=$(median_ms "$runs" git -C "$dir" log --format='%h %an %s' --grep="^Pmo-Project: $id\$")
  mv=$(peak_kb "$pmo" -C "$dir" validate)
  mr=$(peak_kb "$pmo" -C "$dir" report --out "$work/report-$n.md")
  ms=$(peak_kb "$pmo" -C "$dir" status "$id")
  echo "| $n | $records | $disk_kib | $v | $y | $a | $f | $r | $t | $s_ms | $g | $mv / $mr / $ms |" >>"$out"
  echo "p$n: validate $v ms (yamllint ×$(ratio "$y" "$v"), ajv ×$(ratio "$a" "$v"), floor $f ms: pmo/floor $(ratio "$v" "$f"));" \
    "report $r ms (tj3 ×$(ratio "$t" "$r")); status $s_ms ms vs git log $g ms (pmo/git $(ratio "$s_ms" "$g"));" \
    "peak $mv KiB validate = $(ratio "$mv" "$disk_kib")× the records" >&2
done
echo
# The ledger: pmo verify over the whole history (all parents, every decision proved) against
# git log --name-status -m over the same history (git's own walk with a diff of every commit),
# the same for the last 10 commits (a pull request), and pmo status of the whole portfolio (its
# stages taken from the light ledger).
verify_out=$work/verify.md
{
  echo "| projects | commits | pmo verify | git log --name-status -m | pmo / git | pmo verify HEAD~10..HEAD | git log … HEAD~10..HEAD | pmo status | pmo kpi | peak KiB verify |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$verify_out"
for n in "${sizes[@]}"; do
  wants ledger || break
  dir=$work/p$n
  "$pmo" -q -C "$dir" verify || { echo "bench: pmo verify fails on p$n" >&2; exit 1; }
  commits=$(git -C "$dir" rev-list --count HEAD)
  vf=$(median_ms "$runs" "$pmo" -q -C "$dir" verify)
  gl=$(median_ms "$runs" git -C "$dir" log --name-status -m --format=%H)
  vr=$(median_ms "$runs" "$pmo" -q -C "$dir" verify HEAD~10..HEAD)
  glr=$(median_ms "$runs" git -C "$dir" log --name-status -m --format=%H HEAD~10..HEAD)
  st=$(median_ms "$runs" "$pmo" -q -C "$dir" status)
  kp=$(median_ms "$runs" "$pmo" -q -C "$dir" kpi)
  mvf=$(peak_kb "$pmo" -q -C "$dir" verify)
  echo "| $n | $commits | $vf | $gl | $(ratio "$vf" "$gl") | $vr | $glr | $st | $kp | $mvf |" >>"$verify_out"
  echo "p$n: verify $vf ms vs git log $gl ms (pmo/git $(ratio "$vf" "$gl")); range $vr ms vs $glr ms; status $st ms; kpi $kp ms" >&2
done
echo
# The office and a pull request: a full validate against validate --changed-since on a copy of
# the portfolio with one commit that edits one project (its title, as a pull request would), and
# the office's whole-portfolio reads: portfolio rank, resources, kpi and report.
office_out=$work/office.md
{
  echo "| projects | pmo validate | --changed-since, 1 project | changed / full | --no-untracked | changed / full | projects checked | portfolio rank | resources | kpi | report |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$office_out"
for n in "${sizes[@]}"; do
  wants office || break
  dir=$work/p$n
  pr=$work/pr$n
  rm -rf "$pr" && cp -a "$dir" "$pr"
  PMO_NOW=$(date -u -d "@$(($(git -C "$pr" log -1 --format=%ct) + 86400))" +%Y-%m-%dT%H:%M:%SZ)
  # The project in the middle of the portfolio: neither the oldest nor the newest.
  changed=$(ls "$pr/projects" | sed -n "$(((n + 1) / 2))p")
  sed -i 's/^title: \(.*\)$/title: \1 (revised)/' "$pr/projects/$changed/project.yaml"
  git -C "$pr" -c user.name=Bench -c user.email=bench@example.com commit -qam "Revise $changed"
  "$pmo" -C "$pr" validate --changed-since HEAD~1 >/dev/null ||
    { echo "bench: pmo validate --changed-since fails on pr$n" >&2; exit 1; }
  checked=$("$pmo" -C "$pr" validate --changed-since HEAD~1 2>&1 >/dev/null |
    sed -nE 's/.*: ([0-9]+) project\(s\); checked with ([0-9]+) .*/\1 + \2/p')
  full=$(median_ms "$runs" "$pmo" -C "$pr" validate)
  cs=$(median_ms "$runs" "$pmo" -C "$pr" validate --changed-since HEAD~1)
  csn=$(median_ms "$runs" "$pmo" -C "$pr" validate --changed-since HEAD~1 --no-untracked)
  rk=$(median_ms "$runs" "$pmo" -q -C "$pr" portfolio rank)
  rs=$(median_ms "$runs" "$pmo" -q -C "$pr" resources)
  kp=$(median_ms "$runs" "$pmo" -q -C "$pr" kpi)
  rp=$(median_ms "$runs" "$pmo" -q -C "$pr" report --out "$work/report-$n.md")
  echo "| $n | $full | $cs | $(ratio3 "$cs" "$full") | $csn | $(ratio3 "$csn" "$full") | ${checked:--} | $rk | $rs | $kp | $rp |" >>"$office_out"
  echo "p$n: validate $full ms, --changed-since (one project) $cs ms ($(ratio "$cs" "$full") of full; ${checked:-?}), with --no-untracked $csn ms ($(ratio "$csn" "$full")); rank $rk ms, resources $rs ms, kpi $kp ms, report $rp ms" >&2
  rm -rf "$pr"
done
echo
for n in "${sizes[@]}"; do
  wants writes || break
  # On a copy: the write benchmark resets its clone between runs.
  rm -rf "$work/w$n" && cp -a "$work/p$n" "$work/w$n"
  PMO_BENCH_WORK=$work bash "$here/bench/writes.sh" "$pmo" "$work/w$n" "$runs" | tee -a "$work/writes.md"
  rm -rf "$work/w$n"
done
echo
echo "Times: median wall ms of $runs runs (tj3 at 10000 projects: 1 run). $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')."
cat "$out"
echo
cat "$verify_out"
echo
cat "$office_out"
