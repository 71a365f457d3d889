#!/usr/bin/env bash
# bench/make-portfolio.sh GENERATOR PROJECTS DIR — a synthetic portfolio with PROJECTS projects in
# a new git repository DIR: pmo-bench-generate's stream through `git fast-import`, then checked
# out. One commit per proposal and per decision, as pmo makes them.
set -euo pipefail
generator=$1 projects=$2 dir=$3
rm -rf "$dir"
git init -q -b main "$dir"
"$generator" "$projects" | git -C "$dir" fast-import --quiet
git -C "$dir" reset -q --hard
