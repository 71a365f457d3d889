# validate --changed-since REV, as a pull request check uses it: only the projects changed since
# REV's merge base with HEAD (committed or not) and those that depend on them or share their
# people are checked, and for those projects the findings are exactly a full run's. Each change
# below is checked both ways: the scoped run against the full run restricted to the projects the
# scoped run names.
source "$(dirname "$0")/lib.sh"
D=$T/demo
PMO=$PMO bash "$PMO_SOURCE_DIR/examples/build.sh" "$D" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "examples/build.sh"
export PMO_NOW=2027-03-01T00:00:00Z
base=$(git -C "$D" rev-parse HEAD)

# The findings of a run, one JSON line each (validate's JSON, whatever its wrapping).
findings() { jq -c ".findings[]" "$1" | sort; }

# same REV LABEL: the scoped run's findings are the full run's, for the projects it checked.
same() {
  local rev=$1 label=$2
  "$PMO" -C "$D" validate --changed-since "$rev" --format json --output junit="$T/scoped.xml" \
    >"$T/scoped.json" 2>"$T/scoped.err"
  local scoped_rc=$?
  "$PMO" -C "$D" validate --format json >"$T/full.json" 2>/dev/null
  grep -o 'name="projects/[^/"]*' "$T/scoped.xml" | sed 's/^name="//' | sort -u >"$T/dirs"
  findings "$T/scoped.json" >"$T/scoped.lines"
  findings "$T/full.json" |
    jq -c --rawfile dirs "$T/dirs" '
      ($dirs | split("\n") | map(select(. != ""))) as $d
      | select(.file as $f | $d | any(. as $p | $f == $p or ($f | startswith($p + "/"))))' |
    sort >"$T/full.lines"
  if diff "$T/full.lines" "$T/scoped.lines" >"$T/diff"; then
    pass
  else
    fail "$label: --changed-since $rev differs from the full run: $(cat "$T/diff") (checked: $(tr '\n' ' ' <"$T/dirs"); $(cat "$T/scoped.err"))"
  fi
  # An error among the shown findings, and only then, fails the run.
  local errors
  errors=$(jq -s '[.[] | select(.severity == "error")] | length' "$T/scoped.lines")
  [ "$errors" -gt 0 ] && expected=1 || expected=0
  expect_eq "$scoped_rc" "$expected" "$label: exit code with $errors error(s) shown"
}

# Nothing changed since HEAD: nothing to check, no finding, exit 0.
run -C "$D" validate --changed-since HEAD
expect_rc 0 "nothing changed"
expect_err "0 个项目"
expect_err "0 个文件中有 0 个错误、0 个警告"

# Every range of the demo's history to HEAD (its decisions, changes, status reports): the
# decisions before the range are taken as proved, those in it judged, and the result is the
# full run's.
count=$(git -C "$D" rev-list --count HEAD)
for k in 1 2 3 5 8 13 21 34 55 $((count - 2)); do
  same "HEAD~$k" "history HEAD~$k"
done

# The data platform (XH-2026-003) loses the milestone the CRM upgrade (XH-2026-005) waits for:
# 005 did not change, but its finding is shown.
sed -i 's/数据集成完成/数据集成上线/' "$D/projects/XH-2026-003/project.yaml"
run -C "$D" validate --changed-since HEAD
expect_rc 1 "a dependency's milestone removed"
expect_out "projects/XH-2026-005/project.yaml"
expect_out "数据集成完成"
expect_err "有变更的项目：1 个"
same HEAD "milestone removed"
git -C "$D" checkout -q -- .

# The financial shared-services project (planning) takes huangting, already at 1.3 FTE: an over-allocation is shown at the one
# that should yield, even though only the new assignment changed.
cat >>"$D/projects/XH-2026-004/project.yaml" <<'YAML'
assignments:
  - {person: huangting, fte: 0.4, from: 2027-02-01, to: 2027-03-31}
YAML
grep -c "^assignments:" "$D/projects/XH-2026-004/project.yaml" | grep -qx 1 && pass ||
  fail "the test's project already had assignments"
run -C "$D" validate --changed-since HEAD
expect_out "huangting"
same HEAD "a third project takes huangting"
git -C "$D" checkout -q -- .

# The data platform lets huangting go: the warning at the CRM upgrade goes away in both runs
# (the person the base version assigned counts).
sed -i 's/^  - {person: huangting, fte: 0.8, role: 项目经理}$/  - {person: liuyang, fte: 0.1}/' \
  "$D/projects/XH-2026-003/project.yaml"
grep -q "person: liuyang, fte: 0.1" "$D/projects/XH-2026-003/project.yaml" && pass ||
  fail "the demo's assignment of huangting changed"
run -C "$D" validate --changed-since HEAD
expect_no_out "huangting"
same HEAD "huangting leaves the data platform"
git -C "$D" checkout -q -- .

# A cycle made by one change: reported at its lowest id, which is the changed project here.
cat >>"$D/projects/XH-2026-003/project.yaml" <<'YAML'
depends_on: [XH-2026-005]
YAML
run -C "$D" validate --changed-since HEAD
expect_rc 1 "a cycle"
expect_out "XH-2026-003 → XH-2026-005 → XH-2026-003"
same HEAD "a cycle"
git -C "$D" checkout -q -- .

# A dependency written with a YAML escape ("\x2D" is "-") is still found.
cat >>"$D/projects/XH-2026-004/project.yaml" <<'YAML'
depends_on: ["XH\x2D2026-003"]
YAML
git -C "$D" commit -qam "004 waits for the data platform" 
sed -i 's/数据集成完成/数据集成上线/' "$D/projects/XH-2026-003/project.yaml"
run -C "$D" validate --changed-since HEAD --format junit
expect_out "projects/XH-2026-004/project.yaml"
same HEAD "an escaped dependency"
git -C "$D" reset -q --hard "$base"

# The data platform deleted (not committed): what depended on it names an unknown project.
rm -r "$D/projects/XH-2026-003"
run -C "$D" validate --changed-since HEAD
expect_rc 1 "a project deleted"
expect_out "projects/XH-2026-005/project.yaml"
same HEAD "a project deleted"
git -C "$D" checkout -q -- .

# A decision written by hand into a project no commit touched: an error, as in a full run.
dec=$(ls "$D/projects/XH-2026-004/decisions" | head -1)
sed 's/^verdict: .*/verdict: reject/' "$D/projects/XH-2026-004/decisions/$dec" \
  >"$D/projects/XH-2026-004/decisions/20270101T000000Z-G1-sunli.yaml"
run -C "$D" validate --changed-since HEAD
expect_rc 1 "a hand-written decision"
expect_out "projects/XH-2026-004/decisions/20270101T000000Z-G1-sunli.yaml"
same HEAD "a hand-written decision (untracked)"
git -C "$D" add -A && git -C "$D" commit -qm "a decision by hand"
same HEAD~1 "a hand-written decision, committed by plain git"
# An existing decision edited and committed by plain git: the commit is in the range.
sed -i 's/^comment: .*/comment: changed later/' "$D/projects/XH-2026-004/decisions/$dec"
git -C "$D" commit -qam "a decision edited"
same HEAD~2 "a decision edited by plain git"
run -C "$D" validate --changed-since HEAD~2
expect_rc 1 "edits in the range"
git -C "$D" reset -q --hard "$base"

# A new project, untracked: checked.
mkdir -p "$D/projects/XH-2027-001"
printf 'title: 新项目\nsponsor: nobody\n' >"$D/projects/XH-2027-001/project.yaml"
run -C "$D" validate --changed-since HEAD
expect_rc 1 "an untracked new project"
expect_out "projects/XH-2027-001/project.yaml"
same HEAD "an untracked new project"
# PATH narrows further: nothing of the new project under XH-2026-001.
run -C "$D" validate --changed-since HEAD projects/XH-2026-001
expect_rc 0 "PATH and --changed-since together"
# --no-untracked leaves out what git does not track, as git diff HEAD does: the new project is
# not seen; a tracked file edited beside it is, with the same findings as a full run.
run -C "$D" validate --changed-since HEAD --no-untracked
expect_rc 0 "--no-untracked: an untracked new project is not seen"
expect_err "有变更的项目（仅 git 跟踪的文件）：0 个；"
sed -i 's/数据集成完成/数据集成上线/' "$D/projects/XH-2026-003/project.yaml"
run -C "$D" --lang en validate --changed-since HEAD --no-untracked --format json
grep -q "XH-2027-001" "$OUT" && fail "--no-untracked: the untracked project was checked" || pass
expect_err "changed since HEAD ($(git -C "$D" rev-parse --short=7 HEAD)), in files git tracks: 1 project(s)"
jq -e '[.findings[] | select(.file | startswith("projects/XH-2026-005/"))] | length > 0' "$OUT" \
  >/dev/null && pass || fail "--no-untracked: the project depending on the edited one is checked"
git -C "$D" checkout -q -- projects/XH-2026-003/project.yaml
# Deleted and replaced by a symbolic link, not staged: tracked changes both.
mv "$D/projects/XH-2026-004" "$T/moved-004"
ln -s XH-2026-001 "$D/projects/XH-2026-004"
run -C "$D" --lang en validate --changed-since HEAD --no-untracked
expect_err "in files git tracks: 1 project(s)"
rm "$D/projects/XH-2026-004" && mv "$T/moved-004" "$D/projects/XH-2026-004"
rm -r "$D/projects/XH-2027-001"
run -C "$D" --lang en validate --no-untracked
expect_rc 2 "--no-untracked alone"
expect_err "--no-untracked goes with --changed-since REV"

# pmo.yaml or people/ changed: every project depends on them, so everything is checked.
echo "# a comment" >>"$D/people/sunli.yaml"
run -C "$D" validate --changed-since HEAD
expect_err "people/sunli.yaml"
expect_err "检查整个项目组合"
expect_err "73 个文件"
git -C "$D" checkout -q -- .
echo "# 星河科技 PMO" >"$D/README.md" # not a record: validate does not read it
run -C "$D" validate --changed-since HEAD
expect_err "0 个项目"
rm "$D/README.md"

# In English, and the refusals.
run -C "$D" --lang en validate --changed-since HEAD~3
expect_err "changed since HEAD~3 ("
run -C "$D" validate --changed-since no-such-rev
expect_rc 2 "an unknown revision"
expect_err "未知的修订“no-such-rev”"
git -C "$D" checkout -q --orphan lonely && git -C "$D" commit -qm "unrelated" --allow-empty
run -C "$D" --lang en validate --changed-since main
expect_rc 2 "no shared history"
expect_err "main and HEAD share no history"
git -C "$D" checkout -q main
mkdir "$T/nogit" && cp -r "$D/pmo.yaml" "$D/people" "$D/projects" "$T/nogit/"
run -C "$T/nogit" --lang en validate --changed-since HEAD
expect_rc 2 "no git"
expect_err "--changed-since needs a git repository"
run -C "$D" validate --changed-since $'\e]0;x\a'
expect_rc 2 "a hostile revision"
grep -q $'\e' "$ERR" && fail "raw ESC on stderr" || pass
expect_git_clean "$D"

finish
