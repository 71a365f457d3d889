#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a portfolio report: installs what is missing,
# builds pmo, builds the demo office of examples/ (with its real git history) in a scratch
# directory, shows its status and writes its report.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$here/scripts/install-deps.sh"
PMO_TARGET=pmo bash "$here/scripts/build.sh"
pmo=${PMO_BUILD_DIR:-$here/build}/pmo
demo=${1:-$(mktemp -d /tmp/pmo-demo.XXXXXX)/xinghe}

PMO=$pmo bash "$here/examples/build.sh" "$demo"
echo
"$pmo" -C "$demo" validate
"$pmo" -C "$demo" status
echo
"$pmo" -C "$demo" report --out "$demo/report.md"
echo
echo "Demo portfolio: $demo"
echo "Try:    $pmo -C $demo status <ID>     git -C $demo log --format='%h %an: %s'"
echo "Report: $demo/report.md"
