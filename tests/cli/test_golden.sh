# Golden tests: each case in tests/golden/ is a portfolio, a command line and the exact output
# expected (see tests/golden/README.md). PMO_UPDATE_GOLDEN=1 writes the outputs instead of
# comparing them, for a change that means to alter them: review the diff before committing.
source "$(dirname "$0")/lib.sh"
GOLDEN=$(cd "$PMO_SOURCE_DIR/tests/golden" && pwd)

# The demo office, built once: the same files and commits on every machine.
PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$T/demo" >/dev/null 2>&1 ||
  { echo "examples/build.sh failed" >&2; exit 1; }

cases=0
for case in "$GOLDEN"/*/; do
  case=${case%/}
  name=${case##*/}
  [ -f "$case/cmd" ] || continue
  cases=$((cases + 1))
  work=$T/case-$name
  rm -rf "$work" && cp -a "$T/demo" "$work"
  # setup.sh, when present, changes the portfolio first (runs in it, with pmo as $PMO).
  if [ -f "$case/setup.sh" ]; then
    (cd "$work" && PMO=$PMO bash "$case/setup.sh") >"$T/setup.out" 2>&1 ||
      { fail "$name: setup.sh failed: $(cat "$T/setup.out")"; continue; }
  fi
  # The command: its lines without comments, `pmo` being the binary under test in the portfolio.
  (
    cd "$work" || exit 99
    pmo() { "$PMO" "$@"; }
    eval "$(grep -v '^#' "$case/cmd")"
  ) >"$OUT" 2>"$ERR"
  RC=$?
  expected_rc=0
  [ -f "$case/rc" ] && expected_rc=$(cat "$case/rc")
  if [ "${PMO_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$OUT" "$case/stdout"
    if [ -s "$ERR" ] || [ -f "$case/stderr" ]; then cp "$ERR" "$case/stderr"; fi
    if [ "$RC" -ne 0 ]; then echo "$RC" >"$case/rc"; else rm -f "$case/rc"; fi
    pass
    continue
  fi
  expect_rc "$expected_rc" "$name: exit code"
  diff -u "$case/stdout" "$OUT" >"$T/diff" && pass || fail "$name: stdout differs from tests/golden/$name/stdout:
$(head -40 "$T/diff")"
  if [ -f "$case/stderr" ]; then
    diff -u "$case/stderr" "$ERR" >"$T/diff" && pass || fail "$name: stderr differs from tests/golden/$name/stderr:
$(head -40 "$T/diff")"
  else
    [ ! -s "$ERR" ] && pass || fail "$name: unexpected stderr (add tests/golden/$name/stderr)"
  fi
done
[ "$cases" -ge 10 ] && pass || fail "only $cases golden cases found in $GOLDEN"
finish
