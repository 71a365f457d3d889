#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ (or $PMO_FUZZ_BUILD_DIR)
# and runs their ctest entries (fuzz.*), each fuzzing for $PMO_FUZZ_SECONDS (default 60) from the
# seed corpus tests/fuzz/corpus/. A crash leaves its input in <build>/tests/fuzz/artifacts/;
# replay it with: <build>/tests/fuzz_records <that file>.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${PMO_FUZZ_BUILD_DIR:-$here/build-fuzz}
seconds=${PMO_FUZZ_SECONDS:-60}
command -v clang++ >/dev/null ||
  { echo "fuzz: clang++ is missing (scripts/install-deps.sh installs clang)" >&2; exit 1; }
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DPMO_FUZZ=ON -DPMO_WERROR=ON \
  -DPMO_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz_records
cd "$build"
ctest --output-on-failure -R '^fuzz\.'
