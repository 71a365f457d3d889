#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a green test suite: installs what is missing,
# builds with warnings as errors, runs every test (unit and CLI) with ctest.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$here/scripts/install-deps.sh"
export PMO_BUILD_DIR=${PMO_BUILD_DIR:-$here/build}
bash "$here/scripts/build.sh" -DPMO_WERROR=ON
cd "$PMO_BUILD_DIR"
ctest --output-on-failure -j "$(nproc)"
