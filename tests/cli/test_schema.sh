# pmo schema: the JSON Schemas of the records, checked by a real JSON Schema validator (ajv-cli,
# draft-07) against the records pmo reads. Every record of the demo office, of a new office (the
# proposal template's `~` fields too) and of a bench/ portfolio is valid; records pmo validate
# rejects for a wrong type, a missing required field, a value out of range or not among the
# choices are rejected by ajv too; and variants ajv accepts (a scalar for a list, `~`, {zh, en} names) pmo accepts. Every record
# pmo writes starts with a yaml-language-server modeline whose path resolves to its kind's schema.
#
# Records are read from YAML to JSON the way an editor reads them (dates stay text) by
# python3-yaml; ajv-cli is installed from npm into the cache test_formats.sh uses. Without npm or
# the registry the test says why and exits 77 (skipped) after the checks that need neither.
source "$(dirname "$0")/lib.sh"
PMO_SOURCE_DIR=$(cd "$PMO_SOURCE_DIR" && pwd)
EX=$PMO_SOURCE_DIR/examples
skipped=()

# --- the command ---------------------------------------------------------------------------------
kinds="office person project closure status risk issue change condition decision"
run schema
expect_rc 0 "schema"
expect_eq "$(jq -r 'keys_unsorted | join(" ")' "$OUT")" "$kinds" "kinds of pmo schema"
cp "$OUT" "$T/all.json"
run schema risk
expect_rc 0 "schema risk"
expect_eq "$(jq -c . "$OUT")" "$(jq -c .risk "$T/all.json")" "schema risk is the risk of pmo schema"
expect_eq "$(jq -r '.required | join(" ")' "$OUT")" "description probability impact owner response status" "risk's required fields"
expect_eq "$(jq -c '.properties.probability | [.type, .minimum, .maximum]' "$OUT")" '["integer",1,5]' "probability 1 to 5"
expect_eq "$(jq -c '.properties.due.anyOf[1]' "$OUT")" '{"type":"null"}' "due may be ~"
run schema pmo.yaml
expect_eq "$(jq -r .title "$OUT")" "pmo office record (pmo.yaml)" "pmo.yaml is the office's schema"
run --lang zh schema person
expect_eq "$(jq -r .properties.name.description "$OUT")" "姓名（用于提交署名）" "descriptions in Chinese"
run schema nothing
expect_rc 2 "an unknown kind"
expect_err "nothing"
run schema --out "$T/schema"
expect_rc 0 "schema --out"
for kind in $kinds; do
  expect_out "$T/schema/$kind.json"
  expect_eq "$(jq -c . "$T/schema/$kind.json")" "$(jq -c ".$kind" "$T/all.json")" "$kind.json"
done
run schema decision --out "$T/one"
expect_eq "$(ls "$T/one")" "decision.json" "schema KIND --out writes one file"

# --- pmo init writes the schemas, and every record it writes points at them ----------------------
make_office "$T/office"
(cd "$T/office" && write_proposal "$T/proposal.yaml")
P=$("$PMO" -C "$T/office" propose --from "$T/proposal.yaml" 2>/dev/null)
P2=$("$PMO" -C "$T/office" propose --title "Only a title" 2>/dev/null) # the template's ~ fields
"$PMO" -C "$T/office" review "$P" --gate G1 --decision approve-with-conditions --as biz --condition "A condition" >/dev/null 2>&1
"$PMO" -C "$T/office" review "$P" --gate G1 --decision approve --as tech >/dev/null 2>&1
"$PMO" -C "$T/office" review "$P" --gate G1 --decision approve --as fin >/dev/null 2>&1
"$PMO" -C "$T/office" review "$P" --gate G1 --decision approve --as law >/dev/null 2>&1
"$PMO" -C "$T/office" review "$P" --gate G2 --decision approve --as pmo1 >/dev/null 2>&1
"$PMO" -C "$T/office" risk add "$P" --description "A risk" --probability 2 --impact 3 --owner mgr --response accept >/dev/null 2>&1
"$PMO" -C "$T/office" issue add "$P" --description "An issue" --owner mgr --priority low >/dev/null 2>&1
"$PMO" -C "$T/office" change request "$P" --title "A change" --reason "Why" --cost 1000 --as mgr --alternative none >/dev/null 2>&1
"$PMO" -C "$T/office" condition met "$P" G1.1 --evidence "Done" --as pmo1 >/dev/null 2>&1
"$PMO" -C "$T/office" update "$P" --percent 10 --actual-cost 1000 >/dev/null 2>&1
expect_eq "$(git -C "$T/office" ls-files .pmo/schema | tr '\n' ' ')" \
  "$(for k in $(echo "$kinds" | tr ' ' '\n' | sort); do printf '.pmo/schema/%s.json ' "$k"; done)" \
  "init commits the schemas"
expect_eq "$(git -C "$T/office" log --format=%s -- .pmo/schema | wc -l)" "1" "in init's one commit"
for kind in $kinds; do
  git -C "$T/office" show "HEAD:.pmo/schema/$kind.json" | jq -c . >"$T/committed.json"
  expect_eq "$(cat "$T/committed.json")" "$(jq -c ".$kind" "$T/all.json")" "committed $kind.json is pmo schema's"
done
# The kind of a record, from its path in the portfolio.
kind_of() {
  case $1 in
  pmo.yaml) echo office ;;
  people/*) echo person ;;
  projects/*/project.yaml) echo project ;;
  projects/*/closure.yaml) echo closure ;;
  projects/*/status/*) echo status ;;
  projects/*/risks/*) echo risk ;;
  projects/*/issues/*) echo issue ;;
  projects/*/changes/*) echo change ;;
  projects/*/conditions/*) echo condition ;;
  projects/*/decisions/*) echo decision ;;
  esac
}
written=$(cd "$T/office" && git ls-files '*.yaml')
seen_kinds=""
for file in $written; do
  kind=$(kind_of "$file")
  seen_kinds="$seen_kinds $kind"
  first=$(head -1 "$T/office/$file")
  schema=${first#"# yaml-language-server: \$schema="}
  [ "$schema" != "$first" ] && pass || fail "$file does not start with a modeline: $first"
  target=$(cd "$T/office/$(dirname "$file")" && realpath -m "$schema")
  expect_eq "$target" "$(realpath "$T/office/.pmo/schema/$kind.json")" "$file's schema path"
done
for kind in office person project status risk issue change condition decision; do
  case " $seen_kinds " in *" $kind "*) pass ;; *) fail "the new office has no $kind record" ;; esac
done

# --- the validator ---------------------------------------------------------------------------------
command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null ||
  { echo "SKIPPED: python3-yaml is not installed (scripts/install-deps.sh installs it)"; exit 77; }
ajv_version=5.0.0
cache=${PMO_AJV_CACHE:-$(cd "$(dirname "$PMO")" && pwd)/ajv-cli-$ajv_version}
AJV=$cache/node_modules/.bin/ajv
if [ ! -x "$AJV" ]; then
  if command -v npm >/dev/null; then
    mkdir -p "$cache"
    timeout 300 npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error \
      "ajv-cli@$ajv_version" >"$T/npm.log" 2>&1 ||
      skipped+=("npm install ajv-cli failed (registry unreachable?): $(tail -3 "$T/npm.log")")
  else
    skipped+=("npm is not installed (scripts/install-deps.sh installs it)")
  fi
fi
if [ ! -x "$AJV" ] || ! command -v node >/dev/null; then
  echo "test_schema: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] || exit 1
  printf 'SKIPPED: %s\n' "${skipped[@]}"
  exit 77
fi

# to_json DIR FILE...: each YAML record as JSON under DIR/<kind>/, as an editor reads it: YAML
# 1.2 numbers (1e15), dates as text; true/yes/on are booleans as pmo reads them.
to_json() {
  local dir=$1 root=$2
  shift 2
  python3 - "$dir" "$root" "$@" <<'PY'
import json, os, re, sys, yaml
class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != 'tag:yaml.org,2002:timestamp']
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver('tag:yaml.org,2002:float',
    re.compile(r'^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$'), list('-+.0123456789'))
out, root, files = sys.argv[1], sys.argv[2], sys.argv[3:]
for name, kind in zip(files[0::2], files[1::2]):
    with open(os.path.join(root, name), encoding='utf-8') as f:
        data = yaml.load(f, Loader=Loader)
    os.makedirs(os.path.join(out, kind), exist_ok=True)
    with open(os.path.join(out, kind, name.replace('/', '__') + '.json'), 'w') as f:
        json.dump(data, f, ensure_ascii=False)
PY
}
# ajv_valid KIND DIR: every JSON file in DIR/KIND is valid against the kind's schema.
ajv_check() {
  "$AJV" validate --spec=draft7 --allow-union-types --all-errors -s "$T/schema/$1.json" \
    -d "$2/$1/*.json" >"$T/ajv.log" 2>&1
}

# Every schema compiles in ajv's strict mode (no unknown keyword, no ignored one).
for kind in $kinds; do
  "$AJV" compile --spec=draft7 --allow-union-types -s "$T/schema/$kind.json" >"$T/ajv.log" 2>&1 &&
    pass || fail "ajv does not compile $kind.json: $(head -5 "$T/ajv.log")"
done

# json_all ROOT DIR: every record under ROOT as JSON in DIR.
json_all() {
  local root=$1 dir=$2 args=()
  for file in $(cd "$root" && find . -name '*.yaml' -not -path './.git/*' | sed 's|^\./||' | sort); do
    args+=("$file" "$(kind_of "$file")")
  done
  rm -rf "$dir"
  to_json "$dir" "$root" "${args[@]}"
}
json_all "$EX/office" "$T/demo-json"
json_all "$T/office" "$T/new-json"
# And a synthetic portfolio of bench/ (every stage, control records, changes and closures), as the
# benchmarks generate it, 40 projects: pmo validates it, and ajv must accept all its records too.
bench_dirs=()
if c++ -std=c++20 -O1 -o "$T/generate" "$PMO_SOURCE_DIR/bench/generate.cpp" \
  $(pkg-config --cflags --libs libgit2) -lfmt >"$T/cc.log" 2>&1; then
  bash "$PMO_SOURCE_DIR/bench/make-portfolio.sh" "$T/generate" 40 "$T/bench" >/dev/null 2>&1
  PMO_NOW=$(date -u -d "@$(($(git -C "$T/bench" log -1 --format=%ct) + 86400))" +%Y-%m-%dT%H:%M:%SZ) \
    run -C "$T/bench" validate
  expect_rc 0 "validate the bench portfolio"
  json_all "$T/bench" "$T/bench-json"
  bench_dirs=("$T/bench-json")
  expect_eq "$(find "$T/bench-json" -name '*.json' | wc -l)" "$(cd "$T/bench" && find . -name '*.yaml' -not -path './.git/*' | wc -l)" "every bench record checked"
else
  fail "bench/generate.cpp does not build: $(head -5 "$T/cc.log")"
fi
for kind in $kinds; do
  for dir in "$T/demo-json" "$T/new-json" "${bench_dirs[@]}"; do
    [ -d "$dir/$kind" ] || continue
    ajv_check "$kind" "$dir" && pass || fail "ajv rejects $kind records of $dir: $(grep -v ' valid$' "$T/ajv.log" | head -20)"
  done
done
expect_eq "$(find "$T/demo-json" -name '*.json' | wc -l)" "$(cd "$EX/office" && find . -name '*.yaml' | wc -l)" "every demo record checked"

# --- the two validators agree ---------------------------------------------------------------------
# A copy of the demo office outside any repository (no history to prove: the files count).
cp -r "$EX/office" "$T/m"
export PMO_NOW=2026-11-21T12:00:00Z
run -C "$T/m" validate
expect_rc 0 "validate the copy"

# verdict FILE EXPECTED DESCRIPTION SED...: FILE (of $T/m) edited by the sed expressions; pmo
# validate and ajv both say EXPECTED (valid or invalid) of it.
verdict() {
  local file=$1 expected=$2 what=$3
  shift 3
  cp "$T/m/$file" "$T/saved.yaml"
  local edits=()
  for e in "$@"; do edits+=(-e "$e"); done
  sed -i "${edits[@]}" "$T/m/$file"
  cmp -s "$T/saved.yaml" "$T/m/$file" && fail "$what: the edit changed nothing in $file"
  run -C "$T/m" validate "$file"
  local pmo_says=valid ajv_says=valid
  [ "$RC" -eq 0 ] || pmo_says=invalid
  grep -q ': error: ' "$ERR" "$OUT" && pmo_says=invalid
  local kind
  kind=$(kind_of "$file")
  rm -rf "$T/mut-json"
  to_json "$T/mut-json" "$T/m" "$file" "$kind"
  ajv_check "$kind" "$T/mut-json" || ajv_says=invalid
  [ "$pmo_says" = "$expected" ] && pass || fail "$what: pmo validate says $pmo_says of $file"
  [ "$ajv_says" = "$expected" ] && pass ||
    fail "$what: ajv says $ajv_says of $file: $(head -20 "$T/ajv.log"; sed 's/^/    /' "$T/m/$file" | head -30)"
  cp "$T/saved.yaml" "$T/m/$file"
}
risk=projects/XH-2026-002/risks/R-4e944.yaml
status=projects/XH-2026-002/status/2026-10.yaml
issue=projects/XH-2026-002/issues/I-7ukfb.yaml
change=projects/XH-2026-002/changes/CR-rmcc2.yaml
project=projects/XH-2026-002/project.yaml
closure=projects/XH-2026-001/closure.yaml
decision=projects/XH-2026-001/decisions/20260810T020000Z-G1-liuyang.yaml
person=people/lina.yaml

# Rejected by both: a wrong type, a missing required field, out of range, not a choice.
verdict "$risk" invalid "probability out of range" 's/^probability: 4$/probability: 9/'
verdict "$risk" invalid "probability not whole" 's/^probability: 4$/probability: 2.5/'
verdict "$risk" invalid "probability quoted" 's/^probability: 4$/probability: "4"/'
verdict "$risk" invalid "response not a choice" 's/^response: mitigate$/response: ignore/'
verdict "$risk" invalid "owner missing" '/^owner: /d'
verdict "$risk" invalid "required owner ~" 's/^owner: .*/owner: ~/'
verdict "$risk" invalid "owner not an id" 's/^owner: .*/owner: "no such id!"/'
verdict "$risk" invalid "due not a date" 's/^due: .*/due: next week/'
verdict "$risk" invalid "actions a mapping" 's/^actions:$/actions: {a: 1}/' '/^  - /d'
verdict "$status" invalid "percent over 100" 's/^percent_complete: 12$/percent_complete: 120/'
verdict "$status" invalid "negative cost" 's/^actual_cost: .*/actual_cost: -5/'
verdict "$status" invalid "health not a choice" 's/^  quality: amber$/  quality: purple/'
verdict "$status" invalid "health a list" 's/^health:$/health: [amber]/' '/^  quality: /d'
verdict "$status" invalid "actual cost missing" '/^actual_cost: /d'
verdict "$issue" invalid "priority not a choice" 's/^priority: .*/priority: urgent/'
verdict "$change" invalid "title missing" '/^title: /d'
verdict "$project" invalid "budget text" 's/^budget: .*/budget: a lot/'
verdict "$project" invalid "milestone without a date" '0,/^    date: /{/^    date: /d}'
verdict "$project" invalid "closure in project.yaml" '$a closure: {acceptance: done}'
verdict "$closure" invalid "rating out of range" 's/^    rating: [0-9]$/    rating: 6/'
verdict "$closure" invalid "outcome not a choice" 's/^outcome: .*/outcome: great/'
verdict "$decision" invalid "decision not a choice" 's/^decision: approve$/decision: maybe/'
verdict "$decision" invalid "decided_at not a timestamp" 's/^decided_at: .*/decided_at: yesterday/'
verdict "$decision" valid "decided_at a day alone" 's/^decided_at: .*/decided_at: 2026-08-10/'
verdict "$decision" invalid "record not a blob id" 's/^record: .*/record: not-hex/'
verdict "$person" invalid "capacity over 1" 's/^capacity: .*/capacity: 2/'
verdict "$person" invalid "roles missing" '/^roles: /d'
verdict pmo.yaml invalid "office name missing" 's/^  name: 星河科技 PMO$/  name: ~/'
verdict pmo.yaml invalid "type not a choice" 's/^  type: controlling$/  type: relaxed/'
verdict pmo.yaml invalid "quorum not a number" 's/^\(    quorum: \).*/\1some/'
verdict pmo.yaml invalid "risk escalation out of range" 's/^\(  risk_escalation: \)[0-9]*/\199/'

# Accepted by both: `~` where pmo writes unfilled fields, a scalar for a list, the other shapes.
verdict "$risk" valid "due ~" 's/^due: .*/due: ~/'
verdict "$risk" valid "one action as a scalar" 's/^actions:$/actions: Check weekly/' '/^  - /d'
verdict "$project" valid "budget ~ and manager ~" 's/^budget: .*/budget: ~/' 's/^manager: .*/manager: ~/'
verdict "$project" valid "a dependency by id" '$a depends_on: [XH-2026-001]'
verdict "$status" valid "a text summary as a number" 's/^summary: .*/summary: 42/'
verdict "$person" valid "capacity 1" 's/^capacity: .*/capacity: 1/'
verdict pmo.yaml valid "a quorum as a number" '0,/^\(    quorum: \).*/s//\11/'

# An unknown field (a typo): pmo validate warns and passes; the schemas do not allow it
# (additionalProperties: false), so an editor flags it — as a warning, as yaml-language-server
# reports a property not allowed — and ajv, which knows no warnings, rejects it.
cp "$T/m/$risk" "$T/saved.yaml"
echo "descripton: typo" >>"$T/m/$risk"
run -C "$T/m" --lang en validate "$risk"
expect_rc 0 "an unknown field is a warning"
expect_out "warning: unknown field 'descripton' (did you mean 'description'?)"
rm -rf "$T/mut-json"
to_json "$T/mut-json" "$T/m" "$risk" risk
ajv_check risk "$T/mut-json" && fail "ajv accepts an unknown field" || pass
grep -q "must NOT have additional properties" "$T/ajv.log" && pass || fail "ajv's reason: $(cat "$T/ajv.log")"
cp "$T/saved.yaml" "$T/m/$risk"

echo "test_schema: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || exit 1
if [ ${#skipped[@]} -gt 0 ]; then
  printf 'SKIPPED: %s\n' "${skipped[@]}"
  exit 77
fi
exit 0
