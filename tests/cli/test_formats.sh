# The CI formats of validate and verify, each checked by its real consumer: SARIF through ajv and
# the published SARIF 2.1.0 JSON Schema, JUnit through xmllint and the Jenkins xUnit plugin's JUnit
# XSD, GitLab Code Quality through jq (its fields, types, severities, unique and stable
# fingerprints), the GitHub job summary; a hostile record through every format; and the commands
# of examples/ci/ and .pre-commit-hooks.yaml on a pull request to the demo office.
# ajv-cli and ajv-formats are installed once into a cache beside the pmo binary ($PMO_AJV_CACHE
# overrides); when npm cannot install them the SARIF schema check is skipped and the test ends
# with exit 77 (skipped) after the other checks, saying why.
source "$(dirname "$0")/lib.sh"
PMO_SOURCE_DIR=$(cd "$PMO_SOURCE_DIR" && pwd)
DATA=$PMO_SOURCE_DIR/tests/data
skipped=()

ajv_version=5.0.0 formats_version=2.1.1
cache=${PMO_AJV_CACHE:-$(cd "$(dirname "$PMO")" && pwd)/ajv-cli-$ajv_version}
AJV=$cache/node_modules/.bin/ajv
if [ ! -x "$AJV" ] || [ ! -d "$cache/node_modules/ajv-formats" ]; then
  if command -v npm >/dev/null; then
    mkdir -p "$cache"
    timeout 300 npm install --prefix "$cache" --no-audit --no-fund --no-save --loglevel=error \
      "ajv-cli@$ajv_version" "ajv-formats@$formats_version" >"$T/npm.log" 2>&1 ||
      skipped+=("SARIF schema check: npm install ajv-cli ajv-formats failed (registry unreachable?): $(tail -3 "$T/npm.log")")
  else
    skipped+=("SARIF schema check: npm is not installed (scripts/install-deps.sh installs it)")
  fi
fi
have_ajv=false
if [ -x "$AJV" ] && command -v node >/dev/null; then
  # The schema is draft-04; ajv 8 reads draft-07, to which `ajv migrate` converts it.
  "$AJV" migrate -s "$DATA/sarif-schema-2.1.0.json" -o "$T/sarif-schema-draft7.json" --spec=draft7 >/dev/null 2>&1 &&
    have_ajv=true || skipped+=("SARIF schema check: ajv migrate failed")
fi
# sarif_valid FILE: the SARIF 2.1.0 schema accepts FILE (formats such as uri checked too).
sarif_valid() {
  $have_ajv || return 0
  cp "$1" "$T/sarif-check.json" # ajv reads a file by its extension
  "$AJV" validate --spec=draft7 --strict=false --all-errors -c ajv-formats \
    -s "$T/sarif-schema-draft7.json" -d "$T/sarif-check.json" >"$T/ajv.log" 2>&1 && pass ||
    fail "ajv rejects $1: $(head -30 "$T/ajv.log")"
}
command -v xmllint >/dev/null || { echo "SKIPPED: xmllint is not installed (libxml2-utils; scripts/install-deps.sh)"; exit 77; }
junit_valid() {
  xmllint --noout --schema "$DATA/junit-10.xsd" "$1" >"$T/xmllint.log" 2>&1 && pass ||
    fail "the JUnit XSD rejects $1: $(head -20 "$T/xmllint.log")"
}
# gitlab_valid FILE: what GitLab's code quality report needs, as its documentation says.
gitlab_valid() {
  jq -e 'type == "array" and all(.[];
      (.description | type == "string" and length > 0) and
      (.check_name | type == "string" and test("^PMO[0-9]{3}$")) and
      (.fingerprint | type == "string" and length > 0) and
      (.severity | IN("info", "minor", "major", "critical", "blocker")) and
      (.location.path | type == "string" and length > 0) and
      (.location.lines.begin | type == "number" and . >= 1))' "$1" >/dev/null && pass ||
    fail "$1 is not a GitLab code quality report: $(head -c 600 "$1")"
  expect_eq "$(jq '[.[].fingerprint] | length == (unique | length)' "$1")" true "unique fingerprints in $1"
}
# no_raw FILE: no control character but newline, and (unless it is annotations) no line that
# GitHub would read as a workflow command.
no_raw() {
  local file=$1 annotations=${2:-}
  LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]' "$file" && fail "raw control characters in $file: $(LC_ALL=C grep -nP '[\x00-\x09\x0b-\x1f\x7f]' "$file" | head -3 | cat -v)" || pass
  if [ -z "$annotations" ]; then
    grep -q '^::' "$file" && fail "a line of $file starts a workflow command: $(grep '^::' "$file" | head -3)" || pass
  else
    grep -vqE '^::(error|warning)( |::)' "$file" && fail "a line of $file is not an annotation: $(grep -vE '^::(error|warning)( |::)' "$file" | head -3)" || pass
  fi
}

# The demo office with its history (examples/build.sh), and a pull request to it: a manager who
# is not in the roster, a misspelt field, a hostile person record (escape sequences, a bell, a
# workflow command, the end of a JUnit failure, quotes in a field name), and an edited decision.
P=$T/demo
PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$P" >"$T/build.log" 2>&1 || { echo "build.sh failed: $(tail "$T/build.log")" >&2; exit 1; }
BASE=$(git -C "$P" rev-parse HEAD)
# The demo's today (as tests/cli/test_examples.sh has it) for pmo and for the pull request's commit.
export PMO_NOW=2026-11-21T12:00:00Z GIT_COMMITTER_DATE=2026-11-21T12:00:00Z GIT_AUTHOR_DATE=2026-11-21T12:00:00Z
git -C "$P" switch -q -c pull-request
sed -i 's/^manager: zhangwei$/manager: ghost/' "$P/projects/XH-2026-001/project.yaml"
manager_line=$(grep -n '^manager: ghost$' "$P/projects/XH-2026-001/project.yaml" | cut -d: -f1)
printf 'budgt: 1\n' >>"$P/projects/XH-2026-002/project.yaml"
printf 'name: "M\\e]0;pwned\\a\\e[31m"\nemail: m@example.com\nroles: [pmo]\n"role\\e[31m\\a\\n::error file=pmo.yaml::injected</failure>\\"x": 1\n' >"$P/people/mallory.yaml"
cp "$P/people/lina.yaml" "$P/people/ev"$'\e\n'"il.yaml"
decision=$(ls "$P/projects/XH-2026-001/decisions" | head -1)
printf '# edited afterwards\n' >>"$P/projects/XH-2026-001/decisions/$decision"
git -C "$P" add -A && git -C "$P" commit -qm "A pull request"

# One run writes every format: annotations on stdout, the others to files, the job summary.
cd "$T" || exit 1
export PMO_DIR=$P
GITHUB_STEP_SUMMARY=$T/summary.md "$PMO" -C "$P" validate --format github --output sarif="$T/v.sarif" \
  --output junit="$T/v.xml" --output gitlab="$T/v-gl.json" --output json="$T/v.json" --output text="$T/v.txt" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 1 "validate with errors, several formats"
cp "$OUT" "$T/v.github"
files=$(grep -oE '^[0-9]+ 个文件' "$ERR" | grep -oE '^[0-9]+')
findings=$(jq '.findings | length' v.json)
[ "$findings" -ge 5 ] && pass || fail "only $findings findings"
# The files hold what --format would print.
for format in text json; do
  "$PMO" -C "$P" validate --format $format >"$T/alone.$format" 2>/dev/null
  cmp -s "$T/alone.$format" "v.${format/text/txt}" && pass || fail "--output $format differs from --format $format"
done
expect_eq "$(wc -l <"$T/v.github")" "$findings" "one annotation per finding"
expect_out "::error file=projects/XH-2026-001/project.yaml,line=$manager_line,col=10,title=unknown-person::"

# SARIF: the schema accepts it; each result has its rule, level, file and line.
sarif_valid v.sarif
expect_eq "$(jq '.runs[0].results | length' v.sarif)" "$findings" "SARIF results"
expect_eq "$(jq -r '[.runs[0].results[].ruleId | test("^PMO[0-9]{3}$")] | all' v.sarif)" true "SARIF rule ids"
expect_eq "$(jq -r '.runs[0] as $r | [$r.results[] | $r.tool.driver.rules[.ruleIndex].id == .ruleId] | all' v.sarif)" true "SARIF ruleIndex points to the rule"
expect_eq "$(jq -c '.runs[0].results[] | select(.ruleId == "PMO036") | [.level, .locations[0].physicalLocation.artifactLocation.uri, .locations[0].physicalLocation.region.startLine]' v.sarif)" \
  "[\"error\",\"projects/XH-2026-001/project.yaml\",$manager_line]" "the unknown manager in SARIF"
expect_eq "$(jq -r '.runs[0].tool.driver.rules[] | select(.id == "PMO036") | .name + " " + .defaultConfiguration.level' v.sarif)" "unknown-person error" "SARIF rule"
# A SARIF the schema must refuse: the check can fail.
if $have_ajv; then
  jq '.runs[0].results[0].level = "fatal"' v.sarif >"$T/bad.sarif"
  cp "$T/bad.sarif" "$T/sarif-check.json"
  "$AJV" validate --spec=draft7 --strict=false -c ajv-formats -s "$T/sarif-schema-draft7.json" -d "$T/sarif-check.json" >/dev/null 2>&1 &&
    fail "ajv accepts a result of level fatal" || pass
fi

# JUnit: the XSD accepts it; a case per file checked, a failure per file with errors.
junit_valid v.xml
expect_eq "$(xmllint --xpath 'string(/testsuites/@tests)' v.xml)" "$files" "JUnit tests = files checked"
expect_eq "$(xmllint --xpath 'count(//testcase)' v.xml)" "$files" "JUnit testcases"
failed_files=$(jq -r '[.findings[] | select(.severity == "error") | .file] | unique | length' v.json)
expect_eq "$(xmllint --xpath 'string(/testsuites/@failures)' v.xml)" "$failed_files" "JUnit failures = files with errors"
expect_eq "$(xmllint --xpath 'count(//failure)' v.xml)" "$failed_files" "JUnit failure elements"
expect_eq "$(xmllint --xpath 'string(//testcase[@name="projects/XH-2026-001/project.yaml"]/failure/@type)' v.xml)" "PMO036" "JUnit failure names its rule"
expect_eq "$(xmllint --xpath 'count(//testcase[@name="projects/XH-2026-002/project.yaml"]/failure)' v.xml)" 0 "a file with only warnings passes"
echo '<testsuites><testsuite name="x" tests="1"><testcase/></testsuite></testsuites>' >"$T/bad.xml"
xmllint --noout --schema "$DATA/junit-10.xsd" "$T/bad.xml" >/dev/null 2>&1 && fail "the XSD accepts a testcase without a name" || pass

# GitLab: the fields, and fingerprints that are equal across runs.
gitlab_valid v-gl.json
expect_eq "$(jq length v-gl.json)" "$findings" "GitLab issues"
"$PMO" -C "$P" validate --format gitlab >"$T/gl2.json" 2>/dev/null
expect_eq "$(jq -c '[.[].fingerprint]' "$T/gl2.json")" "$(jq -c '[.[].fingerprint]' v-gl.json)" "fingerprints across runs"
expect_eq "$(jq -r '.[] | select(.check_name == "PMO017") | .severity' v-gl.json | sort -u)" "minor" "a warning is minor"
expect_eq "$(jq -r '.[] | select(.check_name == "PMO036") | .severity' v-gl.json)" "major" "an error is major"

# The job summary: counts, then one table row per finding, nothing else.
summary=$(head -1 "$T/summary.md")
[[ $summary == "### pmo validate："*"个文件中有"* ]] && pass || fail "summary heading: $summary"
expect_eq "$(grep -c '^| \(error\|warning\) |' "$T/summary.md")" "$findings" "summary rows"
grep -vqE '^(\| .* \||### .*|)$' "$T/summary.md" && fail "summary lines outside the table: $(grep -vE '^(\| .* \||### .*|)$' "$T/summary.md" | head -3)" || pass
grep -qF '| error | PMO036 unknown-person | projects/XH-2026-001/project.yaml |' "$T/summary.md" && pass || fail "summary names the rule"

# The hostile record leaks into no format: shown escaped, never raw.
for f in v.txt v.json v.sarif v.xml v-gl.json "$T/summary.md"; do no_raw "$f"; done
no_raw "$T/v.github" annotations
grep -qF '\e[31m\x07\n::error file=pmo.yaml::injected</failure>"x' v.txt && pass || fail "the hostile field name is shown escaped in text"
expect_eq "$(grep -c 'injected' "$T/v.github")" 1 "the injection is one annotation's text"
expect_eq "$(xmllint --xpath 'count(//failure)' v.xml)" "$failed_files" "no forged </failure>"

# verify: the pull request's commits against the history before them.
"$PMO" -C "$P" verify --format sarif --output junit="$T/vf.xml" --output gitlab="$T/vf-gl.json" "$BASE..HEAD" >vf.sarif 2>"$ERR"
RC=$?
expect_rc 1 "verify the pull request"
sarif_valid vf.sarif
junit_valid vf.xml
gitlab_valid vf-gl.json
expect_eq "$(jq -r '[.runs[0].results[].ruleId] | unique | join(",")' vf.sarif)" "PMO071" "verify: the edited decision"
expect_eq "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' vf.sarif)" \
  "projects/XH-2026-001/decisions/$decision" "verify: where"
expect_eq "$(xmllint --xpath 'string(//testcase[failure]/@name)' vf.xml)" "projects/XH-2026-001/decisions/$decision" "verify: the failing file"
"$PMO" -C "$P" verify --format sarif >"$T/whole.sarif" 2>/dev/null
sarif_valid "$T/whole.sarif"
# A clean run: no errors, every file a passing test.
git clone -q "$P" "$T/base" && git -C "$T/base" checkout -q "$BASE"
(cd "$T/base" && "$PMO" validate --format sarif --output junit="$T/clean.xml" --output gitlab="$T/clean-gl.json" >"$T/clean.sarif" 2>/dev/null)
expect_eq "$?" 0 "validate the base"
sarif_valid "$T/clean.sarif"
junit_valid "$T/clean.xml"
# (The demo's warnings stay: 2027 not in the calendar yet, PMO112; 黄婷 over-allocated, PMO107.)
expect_eq "$(jq -r '[.runs[0].results[] | .ruleId + " " + .level] | join(",")' "$T/clean.sarif")" \
  "PMO112 warning,PMO112 warning,PMO112 warning,PMO107 warning,PMO112 warning" "no results but the demo's warnings"
expect_eq "$(xmllint --xpath 'string(/testsuites/@failures)' "$T/clean.xml")" 0 "no failures"
expect_eq "$(jq -r '[.[] | .check_name + " " + .severity] | join(",")' "$T/clean-gl.json")" \
  "PMO112 minor,PMO112 minor,PMO112 minor,PMO107 minor,PMO112 minor" "no code quality issues but the demo's warnings"

# Usage errors: exit 2, named.
run -C "$P" validate --output bogus=x
expect_rc 2 "--output with an unknown format"
expect_err "bogus=x"
run -C "$P" validate --output sarif
expect_rc 2 "--output without a file"
run -C "$P" verify --format xml
expect_rc 2 "--format xml"
run -C "$P" validate --output sarif="$T/no/such/dir/x.sarif"
expect_rc 3 "--output into a missing directory"

# examples/ci: both workflows are YAML, and every pmo command they run works on the pull request
# (exit 0, or 1 with findings) and writes the reports their upload steps name.
cat >"$T/commands.py" <<'PY'
import sys, yaml
def scripts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script", "before_script", "after_script"):
                yield from (value if isinstance(value, list) else [value])
            else:
                yield from scripts(value)
    elif isinstance(node, list):
        for item in node:
            yield from scripts(item)
for path in sys.argv[1:]:
    doc = yaml.safe_load(open(path))
    for script in scripts(doc):
        for line in str(script).replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("pmo "):
                print(line.split(" || ")[0])
PY
for example in github-actions gitlab-ci; do
  python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$PMO_SOURCE_DIR/examples/ci/$example.yml" && pass || fail "examples/ci/$example.yml is not YAML"
done
python3 "$T/commands.py" "$PMO_SOURCE_DIR/examples/ci/github-actions.yml" >"$T/gh-commands"
python3 "$T/commands.py" "$PMO_SOURCE_DIR/examples/ci/gitlab-ci.yml" >"$T/gl-commands"
expect_eq "$(grep -c '^pmo \(validate\|verify\)' "$T/gh-commands") $(grep -c '^pmo \(validate\|verify\)' "$T/gl-commands")" "2 2" "validate and verify in each example"
mkdir -p "$T/bin" && ln -sf "$PMO" "$T/bin/pmo"
for ci in gh gl; do
  git clone -q "$P" "$T/ci-$ci"
  while read -r line; do
    (cd "$T/ci-$ci" && PATH=$T/bin:$PATH PMO_BASE=$BASE GITHUB_STEP_SUMMARY=$T/ci-summary.md bash -c "$line") >"$OUT" 2>"$ERR"
    RC=$?
    case $line in
      "pmo --version") expect_rc 0 "$line" ;;
      *) expect_rc 1 "$ci: $line (the pull request has findings)"
         [ -s "$OUT" ] && pass || fail "$ci: $line printed nothing" ;;
    esac
  done <"$T/$ci-commands"
done
for f in pmo-validate.sarif pmo-verify.sarif; do sarif_valid "$T/ci-gh/$f"; done
for f in pmo-validate.xml pmo-verify.xml; do junit_valid "$T/ci-gh/$f"; junit_valid "$T/ci-gl/$f"; done
for f in gl-code-quality-validate.json gl-code-quality-verify.json; do gitlab_valid "$T/ci-gl/$f"; done
# The files the upload steps name are the files the commands write.
grep -q 'sarif_file: pmo-validate.sarif' "$PMO_SOURCE_DIR/examples/ci/github-actions.yml" && pass || fail "upload-sarif names pmo-validate.sarif"
grep -q -- '- gl-code-quality-validate.json' "$PMO_SOURCE_DIR/examples/ci/gitlab-ci.yml" && pass || fail "codequality names its report"
[ -s "$T/ci-summary.md" ] && pass || fail "the GitHub example writes a job summary"

# .pre-commit-hooks.yaml: its fields, and pre-commit running the hooks where it is installed.
hooks=$PMO_SOURCE_DIR/.pre-commit-hooks.yaml
python3 - "$hooks" >"$T/hooks.log" 2>&1 <<'PY' && pass || fail "hooks: $(cat "$T/hooks.log")"
import re, sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1]))}
assert set(hooks) == {"pmo-validate", "pmo-verify"}, hooks
for h in hooks.values():
    assert h["language"] == "system" and h["entry"].startswith("pmo ") and h["name"], h
files = re.compile(hooks["pmo-validate"]["files"])
for path in ["pmo.yaml", "people/lina.yaml", "projects/P1/project.yaml", "projects/P1/decisions/d.yaml", "office/people/x.yaml"]:
    assert files.search(path), path
for path in ["README.md", "people.yaml", "docs/x.yaml"]:
    assert not files.search(path), path
assert hooks["pmo-verify"]["stages"] == ["push"] and hooks["pmo-verify"]["pass_filenames"] is False
PY
if command -v pre-commit >/dev/null; then
  export PRE_COMMIT_HOME=$T/pre-commit-cache
  mkdir -p "$T/hooks" && cp "$hooks" "$T/hooks/" && git -C "$T/hooks" init -q && git -C "$T/hooks" add -A && git -C "$T/hooks" commit -qm hooks
  cd "$T/ci-gh" && git checkout -q . && git clean -qfd
  PATH=$T/bin:$PATH pre-commit try-repo "$T/hooks" pmo-validate --files projects/XH-2026-001/project.yaml >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 1 "pre-commit: pmo-validate on the pull request"
  expect_out "projects/XH-2026-001/project.yaml:$manager_line:10: error:"
  PATH=$T/bin:$PATH pre-commit try-repo "$T/hooks" pmo-verify --hook-stage push --all-files >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 1 "pre-commit: pmo-verify on the pull request"
  expect_out "projects/XH-2026-001/decisions/$decision"
  cd "$T/base" || exit 1
  PATH=$T/bin:$PATH pre-commit try-repo "$T/hooks" pmo-validate --files projects/XH-2026-001/project.yaml >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "pre-commit: pmo-validate on the base"
  PATH=$T/bin:$PATH pre-commit try-repo "$T/hooks" pmo-verify --hook-stage push --all-files >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 0 "pre-commit: pmo-verify on the base"
else
  skipped+=("pre-commit try-repo: pre-commit is not installed (Debian package pre-commit)")
fi

finish || exit 1
if [ ${#skipped[@]} -gt 0 ]; then
  printf 'SKIPPED: %s\n' "${skipped[@]}"
  exit 77
fi
