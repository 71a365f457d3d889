# What every write refuses, or does so that git reads what pmo wrote: user text that git's own
# trailer parsers would cut, a record the reader would refuse, a clock behind HEAD, a merge or
# rebase in progress, attributes that make git store other content; and writes in a shallow clone.
source "$(dirname "$0")/lib.sh"
P=$T/office
make_office "$P"
write_proposal "$T/proposal.yaml"
"$PMO" -q -C "$P" propose --id EX --from "$T/proposal.yaml" >/dev/null 2>&1

# --- A comment git would read as a patch divider, a comment or scissors: git's trailer parsers
# still read every trailer pmo wrote.
n=0
for comment in '---' '# not a comment' '-- >8 --' '# ------------------------ >8 ------------------------'; do
  n=$((n + 1))
  who=(biz tech fin law)
  run -C "$P" review EX --gate G1 --decision approve --as "${who[$((n - 1))]}" --comment "$comment"
  expect_rc 0 "review with comment '$comment'"
  parsed=$(git -C "$P" log -1 --format=%B | git interpret-trailers --parse)
  expect_eq "$(grep -c '^Pmo-' <<<"$parsed")" 5 "git interpret-trailers --parse with comment '$comment'"
  expect_eq "$(git -C "$P" log -1 --format='%(trailers:key=Pmo-Reviewer,valueonly)' | head -1)" "${who[$((n - 1))]}" \
    "git log %(trailers) with comment '$comment'"
  git -C "$P" log -1 --format=%B | grep -qF -- "$comment" && pass || fail "the comment '$comment' is in the message"
done
expect_git_clean "$P"

# --- A decision the reader would refuse (over 4 MiB) is never committed: option text is capped
# at 64 KiB an argument (the write path also decodes every record it commits with the reader, see
# tests/unit/test_write_writer.cpp).
big=$(head -c 110000 /dev/zero | tr '\0' x)
head=$(git -C "$P" rev-parse HEAD)
args=()
for i in 1 2 3 4 5 6 7 8 9 10; do args+=(--condition "$big"); done
run -C "$P" review EX --gate G2 --decision approve-with-conditions --as pmo1 "${args[@]}"
expect_rc 2 "review of ten 110 KB conditions"
expect_err "more than 65536"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "no commit for an unreadable decision"
# One argument over the cap is a usage error, before anything is read.
run -C "$P" review EX --gate G2 --decision approve --as pmo1 --comment "$(head -c 70000 /dev/zero | tr '\0' y)"
expect_rc 2 "an option of 70,000 bytes"
expect_err "65536"
run -C "$P" review EX --gate G2 --decision approve --as pmo1
expect_rc 0 "the next write on that project"

# --- A clock behind HEAD: refused, naming both times.
PMO_NOW=2026-11-01T00:00:00Z run -C "$P" risk add EX --description "Late vendor" --probability 3 --impact 4 --owner mgr --response mitigate
expect_rc 3 "a write dated before HEAD"
expect_err "2026-11-01T00:00:00Z"
expect_err "2026-11-02T09:00:00Z"
expect_err "PMO_NOW"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$(git -C "$P" rev-parse HEAD)" "nothing written"

# --- A merge in progress: refused, naming it.
git -C "$P" checkout -q -b side
echo one >"$P/notes.txt" && git -C "$P" add notes.txt && git -C "$P" commit -qm "side notes"
git -C "$P" checkout -q main
echo two >"$P/notes.txt" && git -C "$P" add notes.txt && git -C "$P" commit -qm "main notes"
git -C "$P" merge side >/dev/null 2>&1
head=$(git -C "$P" rev-parse HEAD)
run -C "$P" risk add EX --description "Late vendor" --probability 3 --impact 4 --owner mgr --response mitigate
expect_rc 3 "a write during a conflicted merge"
expect_err "merge is in progress"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "no commit during the merge"
git -C "$P" merge --abort
run -C "$P" risk add EX --description "Late vendor" --probability 3 --impact 4 --owner mgr --response mitigate
expect_rc 0 "the write after the merge is aborted"
expect_git_clean "$P"

# --- Attributes: eol conversion on checkout leaves git status clean; ident is refused.
printf '*.yaml text eol=crlf\n' >"$P/.gitattributes"
git -C "$P" add .gitattributes && git -C "$P" commit -qm "attributes: crlf"
run -C "$P" risk add EX --description "Staff turnover" --probability 2 --impact 3 --owner mgr --response accept
expect_rc 0 "a write with eol=crlf"
expect_git_clean "$P"
git -C "$P" diff-files --quiet && pass || fail "stat data of the written files: $(git -C "$P" diff-files)"
printf '*.yaml ident\n' >"$P/.gitattributes"
git -C "$P" add .gitattributes && git -C "$P" commit -qm "attributes: ident"
head=$(git -C "$P" rev-parse HEAD)
run -C "$P" risk add EX --description "Scope creep" --probability 2 --impact 3 --owner mgr --response accept
expect_rc 1 "a write with ident"
expect_err "ident"
expect_err "projects/EX/risks/"
expect_eq "$(git -C "$P" rev-parse HEAD)" "$head" "no commit with ident"
git -C "$P" rm -q .gitattributes && git -C "$P" commit -qm "attributes: none"
expect_git_clean "$P"

# --- A shallow clone (what CI checks out): writes work; reads too.
S=$T/shallow
git clone -q --depth 1 "file://$P" "$S"
run -C "$S" risk add EX --description "Shallow" --probability 2 --impact 2 --owner mgr --response accept
expect_rc 0 "a write in a shallow clone"
run -C "$S" review EX --gate G3 --decision approve --as pmo1
expect_rc 0 "a review in a shallow clone"
run -C "$S" status EX
expect_rc 0 "status in a shallow clone"
expect_git_clean "$S"
finish
