#!/usr/bin/env bash
# Configures and builds pmo in build/ (or $PMO_BUILD_DIR). Extra arguments go to cmake.
# PMO_TARGET=pmo builds only the binary (the demo does not need the tests).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PMO_BUILD_DIR:-$here/build}
cmake -S "$here" -B "$build" -G Ninja "$@" >/dev/null
cmake --build "$build" -j "$(nproc)" ${PMO_TARGET:+--target "$PMO_TARGET"}
