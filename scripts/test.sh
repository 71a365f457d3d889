#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a green test suite: installs what is missing,
# builds with warnings as errors and runs every test (unit and CLI) with ctest; then the same
# suite built with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/, leak checking on);
# then the libFuzzer target on the record reader for a bounded time (tests/fuzz/run.sh).
# PMO_TEST_QUICK=1 runs only the first configuration.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$here/scripts/install-deps.sh"
export PMO_BUILD_DIR=${PMO_BUILD_DIR:-$here/build}
bash "$here/scripts/build.sh" -DPMO_WERROR=ON
(cd "$PMO_BUILD_DIR" && ctest --output-on-failure -j "$(nproc)")
[ "${PMO_TEST_QUICK:-0}" = 1 ] && exit 0

echo "== the same suite under AddressSanitizer + UndefinedBehaviorSanitizer"
asan=${PMO_ASAN_BUILD_DIR:-$here/build-asan}
PMO_BUILD_DIR=$asan bash "$here/scripts/build.sh" -DPMO_WERROR=ON -DPMO_SANITIZE=ON
(
  cd "$asan"
  export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:strict_init_order=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # test_mermaid is left out here: its time goes to chromium drawing charts (4-5 minutes, with
  # a second npm install of mermaid-cli beside this build), and the pmo runs in it make the same
  # reports test_golden, test_examples and test_json make under the sanitizers.
  ctest --output-on-failure -j "$(nproc)" -E '^cli\.test_mermaid$'
)

echo "== libFuzzer on the record reader"
bash "$here/tests/fuzz/run.sh"
