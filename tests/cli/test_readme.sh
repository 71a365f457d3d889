# The README's walkthrough is true: its block (between the walkthrough markers) runs as it stands,
# with pmo on PATH, every command succeeding; with the README's PMO_SEED and PMO_NOW it prints
# every line of the README's "What it prints" excerpt; and the same block in an English office
# closes the project the same way. Then the office it leaves verifies, validates and is clean.
source "$(dirname "$0")/lib.sh"
README=$PMO_SOURCE_DIR/README.md
awk '/<!-- walkthrough:begin -->/{f=1;next}/<!-- walkthrough:end -->/{f=0}f' "$README" |
  sed '1d;$d' >"$T/walk.sh"
[ "$(wc -l <"$T/walk.sh")" -gt 40 ] && pass || fail "the walkthrough block was not found"
grep -q '^pmo init office' "$T/walk.sh" && pass || fail "the block starts with pmo init"

mkdir -p "$T/bin"
ln -s "$(cd "$(dirname "$PMO")" && pwd)/$(basename "$PMO")" "$T/bin/pmo"
git config --global user.name "周洋"
git config --global user.email zhouyang@example.cn

# walk DIR SCRIPT: runs SCRIPT in DIR as a user would, stopping at the first failing command.
walk() {
  mkdir -p "$1"
  (cd "$1" && PATH=$T/bin:$PATH PMO_SEED=1 PMO_NOW=2026-12-01T09:00:00Z \
    GIT_AUTHOR_DATE= GIT_COMMITTER_DATE= bash -e "$2") >"$1.out" 2>"$1.err"
}

walk "$T/zh" "$T/walk.sh"
RC=$?
cp "$T/zh.out" "$OUT"
cp "$T/zh.err" "$ERR"
expect_rc 0 "the walkthrough runs (in Chinese)"

# Every line of the excerpt that is not a command ("$ …"), an ellipsis or blank was printed.
awk '/^What it prints, in part/{f=1}f&&/^```text$/{g=1;next}g&&/^```$/{exit}g' "$README" >"$T/excerpt"
[ "$(wc -l <"$T/excerpt")" -gt 20 ] && pass || fail "the excerpt was not found"
cat "$T/zh.out" "$T/zh.err" >"$T/zh.all"
while IFS= read -r line; do
  case "$line" in '' | '…' | '$ '*) continue ;; esac
  grep -qxF -- "$line" "$T/zh.all" && pass || fail "the README says it prints: $line"
done <"$T/excerpt"
# Each command the excerpt shows is one of the block's.
while IFS= read -r line; do
  command=${line#\$ }
  command=${command%% …}
  grep -qF -- "$command" "$T/walk.sh" && pass || fail "the excerpt's command is not in the block: $command"
done < <(grep '^\$ ' "$T/excerpt")

D=$T/zh/office
export PMO_NOW=2026-12-01T09:00:00Z
run -C "$D" status --json
[ "$(jq -r '.projects[0].stage' "$OUT")" = closed ] && pass || fail "the project is closed"
[ "$(jq -r '.projects[0].outcome' "$OUT")" = achieved ] && pass || fail "its outcome"
run -C "$D" verify
expect_rc 0 "verify after the walkthrough"
run -C "$D" validate
expect_rc 0 "validate after the walkthrough"
[ -s "$D/report.md" ] && pass || fail "the report was written"
expect_eq "$(git -C "$D" status --porcelain | tr "\n" " ")" "?? proposal.yaml ?? report.md " "only the proposal and the report are left untracked"
git -C "$D" fsck --no-progress >/dev/null 2>&1 && pass || fail "git fsck"

# The same walkthrough in an English office.
sed 's/ --lang zh / --lang en /' "$T/walk.sh" >"$T/walk-en.sh"
grep -q -- '--lang en' "$T/walk-en.sh" && pass || fail "the English walk"
walk "$T/en" "$T/walk-en.sh"
RC=$?
cp "$T/en.out" "$OUT"
cp "$T/en.err" "$ERR"
expect_rc 0 "the walkthrough runs (in English)"
expect_err "G1 passed: "
expect_err "G4 passed: "
expect_err "escalated: at or over the office threshold 15"
expect_out "Conditions of approval"
expect_err "26 commits, 9 decisions: every decision is proved by the history"
# Its messages are English: the only Chinese left is the block's own data (names, titles).
cp "$T/en.err" "$T/en.messages"
grep -oP '[\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}]+' "$T/walk.sh" | sort -u |
  while IFS= read -r word; do
    sed -i "s/$word//g" "$T/en.messages"
  done
grep -nP '[\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}]' "$T/en.messages" >"$T/left" &&
  fail "Chinese in the English run's messages: $(head -3 "$T/left")" || pass

finish
