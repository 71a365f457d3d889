# Every --json / --format json output is an object with "schema_version": 1 whose top-level keys
# are exactly the ones docs/JSON.md lists for it (its "Top-level keys:" line), so the doc cannot
# drift; a finding without a place in a file has null line and column.
source "$(dirname "$0")/lib.sh"
DOC=$PMO_SOURCE_DIR/docs/JSON.md
D=$T/demo
PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$D" >/dev/null 2>&1 || { echo "build.sh failed" >&2; exit 1; }
export PMO_NOW=2026-11-23T12:00:00Z

# doc_keys HEADING: the keys docs/JSON.md lists under "## `HEADING`", sorted, one a line.
doc_keys() {
  awk -v h="## \`$1\`" '$0 == h { on = 1; next } /^## / { on = 0 }
    on && /^Top-level keys: / { sub(/^Top-level keys: /, ""); gsub(/[`,]/, ""); print; exit }' "$DOC" |
    tr ' ' '\n' | grep -v '^$' | sort
}

# check HEADING ARGS...: runs pmo ARGS in the demo and checks its JSON against the doc.
checked=()
check() {
  local heading=$1
  shift
  checked+=("$heading")
  run -C "$D" "$@"
  expect_rc 0 "$heading"
  expect_eq "$(jq -r 'type' "$OUT")" "object" "$heading: an object"
  expect_eq "$(jq -r '.schema_version | if type == "number" then tostring else "not a number" end' "$OUT")" "1" \
    "$heading: schema_version"
  local documented
  documented=$(doc_keys "$heading")
  [ -n "$documented" ] || fail "docs/JSON.md has no Top-level keys line for $heading"
  expect_eq "$(jq -r 'keys[]' "$OUT" | sort)" "$documented" "$heading: top-level keys as documented"
}

check "pmo status --json" status --json
check "pmo status ID --json" status XH-2026-003 --json
check "pmo report --json" report --json
# pmo report ID --json is the object of pmo status ID --json with the one-pager's date and sections.
run -C "$D" status XH-2026-003 --json
cp "$OUT" "$T/status-id.json"
run -C "$D" report XH-2026-003 --json
expect_rc 0 "report ID --json"
expect_eq "$(jq -S 'del(.date, .sections)' "$OUT")" "$(jq -S . "$T/status-id.json")" \
  "report ID --json is status ID --json with date and sections"
expect_eq "$(jq -r '.sections | keys | join(" ")' "$OUT")" \
  "checklist earned_value footer gate_history latest_report open_items overview schedule" \
  "report ID --json: the one-pager's sections"
expect_eq "$(jq -r '.date' "$OUT")" "2026-11-23" "report ID --json: date"
check "pmo people list --json" people list --json
check "pmo validate --format json" validate --format json
check "pmo verify --format json" verify --format json
check "pmo lessons --json" lessons --json
check "pmo risk list --json" risk list --json
check "pmo issue list --json" issue list --json
check "pmo change list --json" change list --json
check "pmo kpi --json" kpi --json
check "pmo portfolio rank --json" portfolio rank --json
check "pmo portfolio select --json" portfolio select --budget 3000000 --json
check "pmo resources --json" resources --json

# Every command the doc describes is checked here.
while IFS= read -r heading; do
  printf '%s\n' "${checked[@]}" | grep -qxF -- "$heading" && pass || fail "docs/JSON.md: '$heading' not tested"
done < <(sed -n 's/^## `\(pmo .*\)`$/\1/p' "$DOC")
# And every --json flag of the CLI has a heading (a new one must be documented).
flags=$(grep -l 'add_flag("--json"' "$PMO_SOURCE_DIR"/cli/*.cpp | wc -l)
expect_eq "$flags" 8 "files with a --json flag (add the new one here and to docs/JSON.md)"

run -C "$D" validate --format json
expect_eq "$(jq -r '.command' "$OUT")" validate "validate: command"
run -C "$D" verify --format json
expect_eq "$(jq -r '.command' "$OUT")" verify "verify: command"
run -C "$D" people list --json
expect_eq "$(jq -r '.people | length' "$OUT")" 12 "people list: everyone"

# A finding with no place in its file: line and column are null, not 0; JSON as --output too.
python3 -c "print('name: x\n# ' + 'a' * (20 * 1024 * 1024))" >"$D/people/big.yaml"
run -C "$D" validate --format json --output json="$T/v.json" people/big.yaml
expect_rc 1 "validate a file too large"
expect_eq "$(jq -c '.findings[] | select(.code == "file-too-large") | [.file, .line, .column]' "$OUT")" \
  '["people/big.yaml",null,null]' "no location is null"
expect_eq "$(jq -c '.schema_version' "$T/v.json")" 1 "--output json has the version"
expect_eq "$(jq '[.. | objects | select(has("line")) | .line | select(. == 0)] | length' "$OUT")" 0 "no line 0"

finish
