# Progress on stderr: a whole-portfolio command that takes longer than about a second says what
# it is doing, on a terminal only, and erases the line when done. Never in a pipe or a file,
# never with -q or TERM=dumb. PMO_PROGRESS_AFTER_MS=0 makes every run "long".
source "$(dirname "$0")/lib.sh"
if ! command -v script >/dev/null; then
  echo "skipped: script (util-linux) is needed for a terminal"
  exit 77
fi
D=$T/demo
PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$D" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "examples/build.sh"
export PMO_NOW=2027-03-01T00:00:00Z TERM=xterm

# on_tty LABEL CMD...: runs pmo under a terminal (script), its output in $OUT.
on_tty() {
  local label=$1 cmd
  shift
  printf -v cmd '%q ' "$PMO" "$@"
  script -qec "$cmd 2>&1" /dev/null >"$OUT" </dev/null
  RC=$?
  : "$label"
}

for args in "verify" "validate" "status" "report" "kpi" "resources"; do
  PMO_PROGRESS_AFTER_MS=0 on_tty "$args" -C "$D" $args
  grep -qF "pmo: 读取" "$OUT" && pass || fail "$args on a terminal shows no progress: $(head -c 300 "$OUT" | od -c | head -5)"
  # The line is erased before anything else is printed: after the last progress text, an
  # erase ("\r\e[K") comes before the next newline.
  python3 - "$OUT" <<'PY' && pass || fail "$args: the progress line is not erased: $(od -c "$OUT" | head -8)"
import sys
data = open(sys.argv[1], "rb").read()
at = data.rfind("pmo: 读取".encode())
rest = data[at:]
newline = rest.find(b"\n")
sys.exit(0 if at >= 0 and b"\r\x1b[K" in rest[: newline if newline >= 0 else len(rest)] else 1)
PY

  # In a pipe or file: nothing but what the command says, even with the delay at 0.
  PMO_PROGRESS_AFTER_MS=0 "$PMO" -C "$D" $args >"$T/o" 2>"$T/e"
  grep -qaF "pmo: 读取" "$T/e" && fail "$args: progress in a file" || pass
  grep -qa $'\r' "$T/e" && fail "$args: a carriage return in a file" || pass
done

# With -q, or TERM=dumb, none on a terminal either; and a run shorter than a second shows none.
PMO_PROGRESS_AFTER_MS=0 on_tty "-q" -C "$D" -q verify
grep -qF "pmo: 读取" "$OUT" && fail "-q shows progress" || pass
TERM=dumb PMO_PROGRESS_AFTER_MS=0 on_tty "dumb" -C "$D" verify
grep -qF "pmo: 读取" "$OUT" && fail "TERM=dumb shows progress" || pass
on_tty "fast" -C "$D" verify
grep -qF "pmo: 读取" "$OUT" && fail "a run shorter than a second shows progress" || pass
expect_rc 0 "verify on a terminal"
# English.
PMO_PROGRESS_AFTER_MS=0 on_tty "en" -C "$D" --lang en verify
expect_out "pmo: reading history"

finish
