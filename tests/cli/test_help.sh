# --help in the office's language: every command and subcommand (found by walking the help
# itself, not from a list) describes itself, its options and its subcommands in Chinese with
# --lang zh and in English with --lang en; without --lang the help follows the office's pmo.yaml.
source "$(dirname "$0")/lib.sh"

# A Chinese description has a CJK ideograph; an English one has no CJK character at all (wide
# punctuation included) but for the glosses the English text gives on purpose.
IDEOGRAPH='[\x{4e00}-\x{9fff}]'
ANY_CJK='[\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}]'
GLOSSES=('(项目建议书)' '(项目管理办公室)')
has() { printf '%s' "$2" | LC_ALL=C.UTF-8 grep -qP -- "$1"; }

# help_entries FILE: one line per entry of the help, "SECTION NAME DESCRIPTION" with the unit
# separator (\037) between the fields, as one may be empty: the command's own description (section
# "about": the first line, unless it is the usage line), the name of each section (section
# "heading"), then each line of a section ("Options:", "子命令：", …). A line is "  NAME[ TYPE]"
# and, after two spaces or more, the description; when NAME reaches the description column, the
# description is on the next line, indented.
help_entries() {
  LC_ALL=C awk '
    function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
    function flush() {
      if (pending != "")
        print section "\037" pending "\037"
      pending = ""
    }
    NR == 1 && $0 !~ /^(Usage:|用法：)/ { print "about\037\037" $0; next }
    pending != "" && /^   +[^ ]/ { print section "\037" pending "\037" trim($0); pending = ""; next }
    { flush() }
    /^[^ ].*:$/ { section = substr($0, 1, length($0) - 1); print "heading\037\037" section; next }
    /^[^ ].*：$/ { section = substr($0, 1, length($0) - 3); print "heading\037\037" section; next }
    /^$/ { section = ""; next }
    section != "" && /^  [^ ]/ {
      line = substr($0, 3)
      gap = index(line, "  ")
      if (gap == 0)
        pending = trim(line)
      else
        print section "\037" trim(substr(line, 1, gap - 1)) "\037" trim(substr(line, gap))
    }
    END { flush() }
  ' "$1"
}

# The column where each entry's description starts, in display columns (a CJK character takes
# two): one column for a whole page, as in English.
description_columns() {
  python3 -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.startswith("  ") or line.startswith("   "):
        continue
    gap = line.find("  ", 2)
    if gap < 0:
        continue
    start = gap + len(line[gap:]) - len(line[gap:].lstrip(" "))
    cols.add(width(line[:start]))
print(" ".join(str(c) for c in sorted(cols)))
' "$1"
}

# A failure of one help line: said once per line, the page it is on shown once (show_page).
page_bad=0
fail_line() {
  failed=$((failed + 1))
  page_bad=1
  echo "FAIL: $*" >&2
}
show_page() {
  [ "$page_bad" -eq 1 ] && sed 's/^/    /' "$1" >&2
  page_bad=0
}

# Walk every subcommand path from the top, breadth first, from the Subcommands sections.
paths=("")
walked=()
i=0
while [ "$i" -lt "${#paths[@]}" ]; do
  path=${paths[$i]}
  i=$((i + 1))
  read -ra words <<<"$path"
  name="pmo${path:+ $path}"
  walked+=("$path")

  "$PMO" --lang zh "${words[@]}" --help >"$T/zh.txt" 2>"$T/zh.err"
  rc=$?
  [ "$rc" -eq 0 ] && pass || fail_line "$name --help (zh) exited $rc: $(cat "$T/zh.err")"
  "$PMO" --lang en "${words[@]}" --help >"$T/en.txt" 2>"$T/en.err"
  rc=$?
  [ "$rc" -eq 0 ] && pass || fail_line "$name --help (en) exited $rc: $(cat "$T/en.err")"

  # Chinese: the description of the command and of every line is Chinese.
  help_entries "$T/zh.txt" >"$T/zh.entries"
  [ -s "$T/zh.entries" ] && pass || fail_line "$name --help (zh): no entries found"
  grep -q '^用法：pmo' "$T/zh.txt" && pass || fail_line "$name --help (zh): no 用法 line"
  columns=$(description_columns "$T/zh.txt")
  [ -z "$columns" ] || [ "$columns" == 30 ] && pass ||
    fail_line "$name --help (zh): descriptions start at columns $columns, not all at 30"
  while IFS=$'\037' read -r section entry desc; do
    if has "$IDEOGRAPH" "$desc"; then
      pass
    else
      fail_line "$name --help (zh): [$section] ${entry:+'$entry' }not in Chinese: '$desc'"
    fi
  done <"$T/zh.entries"
  show_page "$T/zh.txt"

  # English: no CJK, but for the glosses.
  help_entries "$T/en.txt" >"$T/en.entries"
  grep -q '^Usage: ' "$T/en.txt" && pass || fail_line "$name --help (en): no Usage line"
  while IFS=$'\037' read -r section entry desc; do
    plain=$desc
    for gloss in "${GLOSSES[@]}"; do plain=${plain//"$gloss"/}; done
    if has "$ANY_CJK" "$section$entry$plain"; then
      fail_line "$name --help (en): [$section] ${entry:+'$entry' }has CJK text: '$desc'"
    else
      pass
    fi
  done <"$T/en.entries"
  show_page "$T/en.txt"

  # The same subcommands, in both languages; each one is walked in turn.
  zh_subs=$(awk -F$'\037' '$1 == "子命令" { print $2 }' "$T/zh.entries" | awk '{ print $1 }')
  en_subs=$(awk -F$'\037' '$1 == "Subcommands" { print $2 }' "$T/en.entries" | awk '{ print $1 }')
  expect_eq "$zh_subs" "$en_subs" "$name: the subcommands of the zh and en help"
  for sub in $en_subs; do
    paths+=("${path:+$path }$sub")
  done
done

# The walk went down to the sub-subcommands (a broken walk would check next to nothing).
[ "${#walked[@]}" -ge 25 ] && pass || fail "only ${#walked[@]} help pages walked: ${walked[*]}"
for want in "review" "people retire" "risk add" "risk list" "issue resolve" "change request" \
  "condition met" "verify"; do
  printf '%s\n' "${walked[@]}" | grep -qxF "$want" && pass || fail "the walk missed '$want'"
done

# --lang zh help is a success: exit code 0, on stdout.
run --lang zh review --help
expect_rc 0 "pmo --lang zh review --help"
expect_out "用法：pmo review"
expect_out "记录关口决策（一次提交）"
expect_out "项目编号"
expect_out "选项："

# Without --lang the help follows the office: -C, the office directory, or a directory inside it.
make_office "$T/zh-office" --lang zh
make_office "$T/en-office" --lang en
run -C "$T/zh-office" review --help
expect_rc 0 "help in a zh office"
expect_out "用法：pmo review"
expect_out "记录关口决策（一次提交）"
expect_out "批准条件（可重复）"
expect_no_out "Usage:"
expect_no_out "Record a gate decision"
run -C "$T/en-office" review --help
expect_rc 0 "help in an en office"
expect_out "Usage: pmo review"
expect_out "Record a gate decision (one commit)"
expect_out "A condition of approval (repeatable)"
expect_no_out "用法"
expect_no_out "关口"
(cd "$T/zh-office/people" && "$PMO" risk add --help) >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "help inside a zh office"
expect_out "用法：pmo risk add"
expect_out "可能发生的情况（必填）"
# --lang wins over the office.
run -C "$T/zh-office" --lang en review --help
expect_rc 0 "--lang en in a zh office"
expect_out "Usage: pmo review"
expect_no_out "用法"
run -C "$T/en-office" --lang zh review --help
expect_rc 0 "--lang zh in an en office"
expect_out "用法：pmo review"
# Outside any office, English.
mkdir -p "$T/nowhere"
(cd "$T/nowhere" && "$PMO" --help) >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "help outside an office"
expect_out "Usage: pmo"
expect_out "pmo — the Project Management Office, as code (项目管理办公室)"
expect_no_out "用法"

finish
