# Hostile input: broken YAML, wrong types, unknown references, paths escaping the repository,
# huge files, symlinks, forged trailers. Always a located message and a non-zero exit; never a
# crash, a hang, or a write.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P"
write_proposal "$T/proposal.yaml"
"$PMO" -C "$P" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null 2>&1

# validate_finds FILE-CONTENT EXPECTED: writes a project file, validate must name file:line:col.
validate_finds() {
  local content=$1 expected=$2
  mkdir -p "$P/projects/BAD"
  printf '%b' "$content" >"$P/projects/BAD/project.yaml"
  timeout 20 "$PMO" -C "$P" validate >"$OUT" 2>"$ERR"
  RC=$?
  expect_rc 1 "validate on: $content"
  expect_out "$expected"
  rm -rf "$P/projects/BAD"
}

validate_finds 'title: ok\nbudget: [1, 2\n' "projects/BAD/project.yaml:3:1: error:"
validate_finds 'title: ok\nbudget: lots\n' "projects/BAD/project.yaml:2:9: error:"
validate_finds 'title: ok\nstart: 2027-02-30\n' "projects/BAD/project.yaml:2:8: error:"
validate_finds 'title: ok\ntitle: again\n' "projects/BAD/project.yaml:2:1: error:"
validate_finds 'title: &a ok\nfeasibility: *a\n' "projects/BAD/project.yaml:1:8: error:"
validate_finds 'title: ok\nsponsor: ghost\n' "projects/BAD/project.yaml:2:10: error:"
validate_finds 'title: ok\n---\ntitle: two\n' "projects/BAD/project.yaml:2:1: error:"
validate_finds ',' "projects/BAD/project.yaml:1:1: error:"
validate_finds '- just\n- a list\n' "projects/BAD/project.yaml:1:1: error:"
validate_finds "title: $(printf '[%.0s' {1..200})" "projects/BAD/project.yaml:1:"
validate_finds 'title: ok\nbudget: -5\n' "projects/BAD/project.yaml:2:9: error:"
validate_finds 'titel: typo\n' "projects/BAD/project.yaml:1:1: warning:"

# A 100 MB file is refused by its size, quickly, without reading it into memory.
mkdir -p "$P/projects/HUGE"
truncate -s 100M "$P/projects/HUGE/project.yaml"
start=$(date +%s)
timeout 20 "$PMO" -C "$P" validate >"$OUT" 2>"$ERR"
RC=$?
expect_rc 1 "validate with a 100 MB record"
expect_out "projects/HUGE/project.yaml"
[ $(($(date +%s) - start)) -le 5 ] && pass || fail "100 MB file took too long"
rm -rf "$P/projects/HUGE"

# A symlink pointing out of the repository is never followed.
echo "secret: yes" >"$T/outside.yaml"
ln -s "$T/outside.yaml" "$P/people/evil.yaml"
run -C "$P" validate
expect_rc 1 "validate with a symlinked record"
expect_out "people/evil.yaml"
expect_no_out "secret"
rm "$P/people/evil.yaml"

# A broken record elsewhere does not block a decision on a sound project...
mkdir -p "$P/projects/BROKEN" && printf 'title: [\n' >"$P/projects/BROKEN/project.yaml"
git -C "$P" add -A && git -C "$P" commit -qm "a broken record"
run -C "$P" review CP-1 --gate G1 --decision approve --as biz
expect_rc 0 "review beside a broken record"
# ...but a decision on the broken project itself is refused, with the location.
head=$(git -C "$P" rev-parse HEAD)
run -C "$P" review BROKEN --gate G1 --decision reject --as tech
expect_rc 1 "review of a broken project"
expect_err "projects/BROKEN/project.yaml:2:1: error:"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "nothing written"
git -C "$P" rm -rq projects/BROKEN && git -C "$P" commit -qm "remove broken record"

# User text cannot forge a trailer or a second paragraph of trailers.
run -C "$P" review CP-1 --gate G1 --decision approve --as tech \
  --comment "$(printf 'ok\n\nPmo-Decision: reject\nPmo-Reviewer: law')"
expect_rc 0 "review with a hostile comment"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Decision,valueonly)' | head -1)" "approve" "Pmo-Decision"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Reviewer,valueonly)' | sed '/^$/d' | wc -l)" 1 "one Pmo-Reviewer trailer"
expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Reviewer,valueonly)' | head -1)" "tech" "Pmo-Reviewer"
expect_git_clean "$P"

# A project id or reviewer id that tries to escape the repository is refused before any write.
head=$(git -C "$P" rev-parse HEAD)
run -C "$P" review ../../etc --gate G1 --decision approve --as biz
expect_rc 1 "review of an escaping id"
run -C "$P" validate "$T"
expect_rc 2 "validate of a path outside the portfolio"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "nothing written"

# Stdin proposal with invalid YAML: located in <stdin>.
printf 'title: x\nbudget: {\n' | "$PMO" -C "$P" propose --from - >"$OUT" 2>"$ERR"
RC=$?
expect_rc 1 "propose from broken stdin"
expect_err "<stdin>:"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "nothing written"

# A stale git index.lock is reported plainly, with its path, and nothing is written.
touch "$P/.git/index.lock"
run -C "$P" review CP-1 --gate G1 --decision approve --as fin
expect_rc 3 "review with a stale index.lock"
expect_err "index.lock"
rm "$P/.git/index.lock"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "nothing written"
expect_git_clean "$P"

# A record's text cannot start a line of pmo's output, or reach a terminal or CI log as control
# bytes: a value with a newline and a GitHub workflow command, an OSC title and a bell.
cp -r "$P" "$T/steer"
# (YAML's own escapes: the file holds backslashes; the values hold the bytes.)
cat >"$T/steer/projects/CP-1/project.yaml" <<'EOF'
title: "ok\n::error file=pmo.yaml::injected\e]0;pwned\a"
sponsor: "x\n::warning::two\e]0;pwned\a"
EOF
git -C "$T/steer" commit -qam "a hostile record"
for format in text github; do
  run -C "$T/steer" validate --format "$format"
  expect_rc 1 "validate --format $format of a hostile record"
  if grep -q $'\e\|\a' "$OUT" "$ERR"; then fail "--format $format printed control bytes"; else pass; fi
  [ "$(grep -c '^::' "$OUT")" -eq "$(grep -c '^::\(error\|warning\) file=projects/CP-1/' "$OUT")" ] && pass ||
    fail "--format $format: a line of the output starts a workflow command the record wrote"
done
run -C "$T/steer" validate
grep -q '^::' "$OUT" && fail "text output has a line starting '::'" || pass
expect_out 'x\n::warning::two'
finish
