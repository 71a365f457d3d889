# Every chart of the report drawn by a real Mermaid: the demo office's report in zh and en, and a
# report whose project title and risk carry every character that has broken a chart, each
# ```mermaid block rendered by mmdc (@mermaid-js/mermaid-cli) in Debian's chromium; a chart that
# does not parse fails. The whole report rendered by cmark-gfm must be well-formed, with a <table>
# per GFM table and a code block per chart.
# mermaid-cli is installed once into a cache beside the pmo binary ($PMO_MMDC_CACHE overrides),
# without puppeteer's own browser (PUPPETEER_SKIP_DOWNLOAD=1); when npm cannot install it or
# chromium is missing (scripts/install-deps.sh installs it) the test is skipped with exit 77.
source "$(dirname "$0")/lib.sh"
PMO_SOURCE_DIR=$(cd "$PMO_SOURCE_DIR" && pwd)

mmdc_version=11.12.0
cache=${PMO_MMDC_CACHE:-$(cd "$(dirname "$PMO")" && pwd)/mermaid-cli-$mmdc_version}
MMDC=$cache/node_modules/.bin/mmdc
CHROMIUM=${PMO_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIPPED: no chromium at $CHROMIUM for mmdc (Debian package chromium; scripts/install-deps.sh)"
  exit 77
fi
if [ ! -x "$MMDC" ]; then
  if ! command -v npm >/dev/null; then
    echo "SKIPPED: npm is not installed (scripts/install-deps.sh installs it), so no mmdc"
    exit 77
  fi
  mkdir -p "$cache"
  if ! PUPPETEER_SKIP_DOWNLOAD=1 timeout 300 npm install --prefix "$cache" --no-audit --no-fund \
    --no-save --loglevel=error "@mermaid-js/mermaid-cli@$mmdc_version" >"$T/npm.log" 2>&1; then
    echo "SKIPPED: npm install @mermaid-js/mermaid-cli@$mmdc_version failed (registry unreachable?): $(tail -3 "$T/npm.log")"
    exit 77
  fi
fi
printf '{"args":["--no-sandbox","--disable-gpu"],"executablePath":"%s"}\n' "$CHROMIUM" >"$T/puppeteer.json"
# The browser must start: a chart that renders proves it does.
printf 'pie title t\n    "a" : 1\n' >"$T/probe.mmd"
if ! timeout 120 "$MMDC" -p "$T/puppeteer.json" -i "$T/probe.mmd" -o "$T/probe.svg" >"$T/probe.log" 2>&1; then
  echo "SKIPPED: mmdc cannot draw with $CHROMIUM: $(tail -3 "$T/probe.log")"
  exit 77
fi

# charts FILE PREFIX: each ```mermaid block of FILE as PREFIX-N.mmd; prints how many.
charts() {
  awk -v prefix="$2" '
    /^```mermaid$/ { n++; file = sprintf("%s-%d.mmd", prefix, n); inside = 1; next }
    inside && /^```$/ { inside = 0; close(file); next }
    inside { print > file }
    END { print n + 0 }' "$1"
}

# render FILE PREFIX: every chart of FILE drawn by mmdc; KINDS gets each chart's first word.
render() {
  local file=$1 prefix=$2 n i
  n=$(charts "$file" "$prefix")
  [ "$n" -gt 0 ] && pass || fail "no mermaid chart in $file"
  KINDS=""
  for i in $(seq 1 "$n"); do
    KINDS+="$(head -1 "$prefix-$i.mmd" | cut -d' ' -f1) "
    if timeout 120 "$MMDC" -p "$T/puppeteer.json" -i "$prefix-$i.mmd" -o "$prefix-$i.svg" >"$T/mmdc.log" 2>&1 &&
      [ -s "$prefix-$i.svg" ] && ! grep -q "Syntax error" "$prefix-$i.svg"; then
      pass
    else
      fail "mmdc cannot draw chart $i of $file ($(head -1 "$prefix-$i.mmd")): $(grep -v '^\s*at ' "$T/mmdc.log" | head -8)
$(cat "$prefix-$i.mmd" | head -40)"
    fi
  done
  echo "$file: $n charts drawn: $KINDS"
}

# well_formed FILE: cmark-gfm turns FILE into well-formed HTML, a <table> per GFM table and a
# code block per chart.
well_formed() {
  local file=$1 tables charts_md
  cmark-gfm --extension table --extension strikethrough --extension autolink "$file" >"$file.html" &&
    pass || fail "cmark-gfm cannot render $file"
  { echo "<div>"; cat "$file.html"; echo "</div>"; } >"$file.xml"
  xmllint --noout "$file.xml" 2>"$T/xmllint.log" && pass ||
    fail "cmark-gfm's HTML of $file is not well-formed: $(head -5 "$T/xmllint.log")"
  tables=$(grep -c '^| --- |\|^| ---: |' "$file")
  expect_eq "$(grep -c '<table>' "$file.html")" "$tables" "tables in the HTML of $file"
  charts_md=$(grep -c '^```mermaid$' "$file")
  expect_eq "$(grep -c '<pre><code class="language-mermaid">' "$file.html")" "$charts_md" "charts in the HTML of $file"
  ! grep -qi "<script\|<img\|<br/>\|<br>" "$file.html" && pass || fail "raw HTML from records in $file.html"
}

PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$T/demo" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "examples/build.sh"
export PMO_NOW=2026-11-21T12:00:00Z

run -C "$T/demo" report --out "$T/zh.md"
expect_rc 0 "report (zh, the office's language)"
render "$T/zh.md" "$T/zh"
for kind in pie gantt quadrantChart xychart-beta flowchart; do
  [[ " $KINDS" == *" $kind "* ]] && pass || fail "no $kind chart in the zh report (charts: $KINDS)"
done
grep -qF '## 项目组合时间线' "$T/zh.md" && pass || fail "zh: no timeline section"
grep -qF '## 风险矩阵' "$T/zh.md" && pass || fail "zh: no risk matrix"
grep -qF '## SPI 与 CPI 趋势' "$T/zh.md" && pass || fail "zh: no SPI/CPI trend"
well_formed "$T/zh.md"

run -C "$T/demo" --lang en report --out "$T/en.md"
expect_rc 0 "report --lang en"
render "$T/en.md" "$T/en"
grep -qF '## Portfolio timeline' "$T/en.md" && pass || fail "en: no timeline section"
grep -qF '| Impact \\ probability | 1 | 2 | 3 | 4 | 5 |' "$T/en.md" && pass || fail "en: no 5x5 risk table"
grep -qF '## SPI and CPI by period' "$T/en.md" && pass || fail "en: no SPI/CPI trend"
well_formed "$T/en.md"

# The same portfolio, the same bytes.
run -C "$T/demo" --lang en report --out "$T/en2.md"
cmp -s "$T/en.md" "$T/en2.md" && pass || fail "two reports of the same portfolio differ"

# Hostile text in a project's title (timeline section, dependency graph) and in a risk
# (quadrant label): every character that breaks some chart, a newline and a control character.
# hostile FILE KEY: KEY's value in FILE becomes the hostile text (a JSON string is YAML).
hostile() {
  python3 - "$1" "$2" <<'PY'
import json, re, sys
path, key = sys.argv[1], sys.argv[2]
text = 'Hostile: a; #b "c" [d] (e) {f} |g| %%h <br/> i --> x-axis\nj\tk\x01l'
source = open(path, encoding="utf-8").read()
source = re.sub("^" + key + ": .*$", lambda m: key + ": " + json.dumps(text), source, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(source)
PY
}
hostile "$T/demo/projects/XH-2026-003/project.yaml" title
hostile "$T/demo/projects/XH-2026-003/risks/R-9z2vy.yaml" description
for lang in zh en; do
  run -C "$T/demo" --lang $lang report --out "$T/hostile-$lang.md"
  expect_rc 0 "report with hostile names ($lang)"
  grep -qF 'Hostile#58; a#59; #35;b #34;c#34; [d] (e) #123;f#125; |g| #37;#37;h #60;br/#62; i --#62; x-axis j k l' "$T/hostile-$lang.md" &&
    pass || fail "the hostile title is not in the charts of the $lang report"
  render "$T/hostile-$lang.md" "$T/hostile-$lang"
  well_formed "$T/hostile-$lang.md"
done
grep -qF 'Hostile: a; #b' "$T"/hostile-en-*.svg && pass || fail "no chart shows the hostile title as text"

finish
