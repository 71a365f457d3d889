# Report templates: the report's Markdown comes from a mustache template; an edited template
# committed in the portfolio (.pmo/templates/) changes the report, in zh-CN and in English;
# --template FILE; partials; a broken template names its file and line and writes nothing; a
# template symlinked out of the repository is refused; --period reads the template as committed
# then; --print-template gives the built-in one, which makes the same report.
source "$(dirname "$0")/lib.sh"
D=$T/demo
PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$D" >/dev/null 2>&1 || { echo "build.sh failed" >&2; exit 1; }
export PMO_NOW=2026-11-23T12:00:00Z
# The template commits come after the demo's history, on days of their own.
commit_at() {
  GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 git -C "$D" add -A &&
    GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 git -C "$D" commit -qm "$2"
}

# The built-in reports, before any template of the portfolio.
run -C "$D" report
expect_rc 0 "built-in report"
cp "$OUT" "$T/zh.md"
run -C "$D" --lang en report
cp "$OUT" "$T/en.md"
run -C "$D" report XH-2026-003
cp "$OUT" "$T/one.md"
run -C "$D" report --json
cp "$OUT" "$T/report.json"

# --print-template is the built-in template: copied into the portfolio, the report is the same.
run -C "$D" report --print-template
expect_rc 0 "print-template"
expect_out "{{#projects}}"
expect_out "## 项目一览"
run -C "$D" --lang en report --print-template
expect_out "## Projects by stage"
run -C "$D" report XH-2026-003 --print-template
expect_out "{{#sections.overview}}"
mkdir -p "$D/.pmo/templates"
"$PMO" -C "$D" report --print-template >"$D/.pmo/templates/report.md.mustache"
"$PMO" -C "$D" report XH-2026-003 --print-template >"$D/.pmo/templates/report-project.md.mustache"
run -C "$D" report
cmp -s "$OUT" "$T/zh.md" && pass || fail "the printed template does not make the built-in report"
run -C "$D" report XH-2026-003
cmp -s "$OUT" "$T/one.md" && pass || fail "the printed one-pager template differs"

# An edited template, committed, changes the report: zh-CN, and English (the same template
# serves every language until .pmo/templates/en/ has one).
cat >"$D/.pmo/templates/report.md.mustache" <<'EOF'
# 本月项目简报：{{office}}

{{#projects}}
- {{id}} {{title}}（{{stage_name}}）
{{/projects}}
{{> footer}}
EOF
cat >"$D/.pmo/templates/footer.md.mustache" <<'EOF'
共 {{total}} 个项目，截至 {{date}}。
EOF
commit_at 2026-11-22T10:00:00Z "Report template: a short brief"
run -C "$D" report
expect_rc 0 "edited template"
expect_out "# 本月项目简报：星河科技 PMO"
expect_out "- XH-2026-001 "
expect_out "共 "
expect_no_out "## 项目一览"
run -C "$D" --lang en report
expect_out "# 本月项目简报：星河科技 PMO"
mkdir -p "$D/.pmo/templates/en"
printf '# Brief: {{office}}\n{{#projects}}\n- {{id}}: {{stage_name}}\n{{/projects}}\n' \
  >"$D/.pmo/templates/en/report.md.mustache"
commit_at 2026-11-22T11:00:00Z "Report template in English"
run -C "$D" --lang en report
expect_out "# Brief: 星河科技 PMO"
expect_out "- XH-2026-001: "
run -C "$D" report
expect_out "# 本月项目简报"
# The JSON does not depend on the template.
# The JSON does not depend on the template (only the commit it was made from moved).
run -C "$D" report --json
expect_eq "$(jq -S 'del(.head, .sections.footer)' "$OUT")" \
  "$(jq -S 'del(.head, .sections.footer)' "$T/report.json")" "report --json with a template"
# The one-pager's own template is still the printed built-in one (but for the footer's commit).
run -C "$D" report XH-2026-003
expect_eq "$(head -n -1 "$OUT")" "$(head -n -1 "$T/one.md")" "one-pager with its printed template"
# Without its English template, English readers get the office's again.
git -C "$D" rm -rq .pmo/templates/en
commit_at 2026-11-22T12:00:00Z "Report template: one for every language"
run -C "$D" --lang en report
expect_out "# 本月项目简报：星河科技 PMO"

# User text is escaped by {{ }}: a hostile title cannot break the template's table.
cp -a "$D" "$T/hostile"
sed -i 's/^title: .*/title: "A | B <script>x<\/script> [y](http:\/\/evil)"/' \
  "$T/hostile/projects/XH-2026-003/project.yaml"
printf '| id | title |\n| --- | --- |\n{{#projects}}\n| {{id}} | {{title}} |\n{{/projects}}\n' \
  >"$T/hostile/.pmo/templates/report.md.mustache"
run -C "$T/hostile" report
expect_out '| XH-2026-003 | A \| B &lt;script&gt;x&lt;/script&gt; \[y\](http\://evil) |'

# --template FILE, relative to where pmo starts (-C counts as the start), with a partial beside
# it before the portfolio's.
mkdir -p "$T/mine"
printf 'Mine: {{total}}\n{{> footer}}' >"$T/mine/report.md.mustache"
printf 'mine footer\n' >"$T/mine/footer.md.mustache"
(cd "$T" && "$PMO" -C "$D" report --template "$T/mine/report.md.mustache" >"$OUT" 2>"$ERR")
expect_out "Mine: "
expect_out "mine footer"
(cd "$T" && "$PMO" -C "$D" report --template mine/report.md.mustache >"$OUT" 2>"$ERR")
RC=$?
# -C DIR is the start: mine/ is looked up in the portfolio, where there is none.
expect_rc 2 "--template relative to -C"
expect_err "not a readable file"
(cd "$T/mine" && "$PMO" report --template report.md.mustache >"$OUT" 2>"$ERR") # not in a portfolio
RC=$?
expect_rc 3 "no portfolio"
cp "$T/mine/report.md.mustache" "$D/mine.mustache"
run -C "$D" report --template mine.mustache --out "$T/mine.md"
expect_rc 0 "--template with --out"
grep -q "Mine: " "$T/mine.md" && pass || fail "--out lacks the template's text"
rm "$D/mine.mustache"
run -C "$D" report --template "$T/mine/report.md.mustache" --json
expect_rc 2 "--template with --json"

# A broken template: file, line and column, exit 1, nothing written to --out.
printf '# Brief\n\n{{#projects}}\n- {{id}}\n' >"$D/.pmo/templates/report.md.mustache"
run -C "$D" --lang en report --out "$T/broken.md"
expect_rc 1 "unclosed section"
expect_err ".pmo/templates/report.md.mustache:3:1: error: section 'projects' opened here is never closed"
[ ! -e "$T/broken.md" ] && pass || fail "a broken template wrote --out"
run -C "$D" report
expect_rc 1 "unclosed section, zh"
expect_err ".pmo/templates/report.md.mustache:3:1:"
expect_err "区块“projects”没有结束"
printf 'ok\n{{> nowhere}}\n' >"$D/.pmo/templates/report.md.mustache"
run -C "$D" --lang en report
expect_rc 1 "unknown partial"
expect_err ".pmo/templates/report.md.mustache:2:1:"
expect_err "nowhere.md.mustache"
printf 'a {{title\n' >"$D/.pmo/templates/report.md.mustache"
run -C "$D" report
expect_rc 1 "unclosed tag"
expect_err ".pmo/templates/report.md.mustache:1:3:"
# An escape sequence in a template (it comes in pull requests) never reaches the terminal.
printf '# Brief\n\nok \033]0;pwned\a\033[31m {{total}}\n' >"$D/.pmo/templates/report.md.mustache"
run -C "$D" --lang en report
expect_rc 1 "escape sequence in a template"
expect_err ".pmo/templates/report.md.mustache:3:4: error: a control character (U+001B)"
if grep -q "$(printf '\033')" "$T/out" "$T/err" 2>/dev/null; then fail "ESC printed"; else pass; fi
printf 'ok \302\233 {{total}}\n' >"$D/.pmo/templates/report.md.mustache"
run -C "$D" report
expect_rc 1 "C1 control in a template, zh"
expect_err "模板中有控制字符（U+009B）"
git -C "$D" checkout -q -- .pmo/templates/report.md.mustache

# A template symlinked out of the repository is refused, as a record would be.
printf 'outside {{total}}\n' >"$T/outside.mustache"
ln -sf "$T/outside.mustache" "$D/.pmo/templates/report.md.mustache"
run -C "$D" --lang en report --out "$T/link.md"
expect_rc 1 "symlinked template"
expect_err "is a symbolic link"
expect_no_out "outside"
[ ! -e "$T/link.md" ] && pass || fail "a symlinked template wrote --out"
rm "$D/.pmo/templates/report.md.mustache"
git -C "$D" checkout -q -- .pmo/templates/report.md.mustache

# --period: the template as committed by the end of the period. In December the office changes
# its template; November's report, regenerated later, keeps November's.
printf '# December brief\n' >"$D/.pmo/templates/report.md.mustache"
commit_at 2026-12-10T10:00:00Z "Report template: December"
export PMO_NOW=2027-01-05T09:00:00Z
run -C "$D" report
expect_out "# December brief"
run -C "$D" report --period 2026-11
expect_rc 0 "--period 2026-11"
expect_out "# 本月项目简报：星河科技 PMO"
expect_no_out "December"
# October's, before the portfolio had a template: the built-in one.
run -C "$D" report --period 2026-10
expect_out "## 项目一览"
# An uncommitted edit counts for today's report only.
printf '# Draft\n' >"$D/.pmo/templates/report.md.mustache"
run -C "$D" report
expect_out "# Draft"
run -C "$D" report --period 2026-11
expect_out "# 本月项目简报"

finish
