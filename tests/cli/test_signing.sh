# Signed decisions (ledger.signing: required): pmo review signs each decision commit with the
# reviewer's SSH key as git does (gpg.format=ssh), the real git accepts the signatures, and
# pmo verify checks each against the reviewer's ssh_key in the roster at the commit's parent.
# A decision signed by another key, an unsigned one, or one changed after signing is caught,
# naming the commit; review refuses, committing nothing, what verify would reject.
source "$(dirname "$0")/lib.sh" || exit 1
command -v ssh-keygen >/dev/null || { echo "ssh-keygen not found (openssh-client): skipped"; exit 77; }
command -v ssh-agent >/dev/null || { echo "ssh-agent not found (openssh-client): skipped"; exit 77; }
eval "$(ssh-agent -s)" >/dev/null
trap 'kill "$SSH_AGENT_PID" 2>/dev/null; rm -rf "$T"' EXIT

# One key for each person, and one for Eve, who is not in the roster.
K=$T/keys
mkdir -p "$K"
for p in biz tech fin law pmo1 eve; do
  ssh-keygen -q -t ed25519 -N '' -C "$p" -f "$K/$p"
done
# git's own allowed-signers file for the roster, to check pmo's signatures with the real git.
for p in biz tech fin law; do
  echo "$p@example.com namespaces=\"git\" $(cat "$K/$p.pub")"
done >"$T/allowed_signers"
echo "pmo@example.com namespaces=\"git\" $(cat "$K/pmo1.pub")" >>"$T/allowed_signers"

H=$T/honest
"$PMO" init "$H" --name "Signed PMO" >/dev/null 2>&1
add() { "$PMO" -q -C "$H" people add "$1" --name "$2" --email "$1@example.com" --role "$3" --ssh-key "$K/$1.pub" >/dev/null; }
add biz "Bo Business" business
add tech "Tina Tech" technical
add fin "Fei Finance" finance
add law "Lu Legal" legal
"$PMO" -q -C "$H" people add pmo1 --name "Pat PMO" --email pmo@example.com --role pmo --ssh-key "$(cat "$K/pmo1.pub")" >/dev/null
"$PMO" -q -C "$H" people add spon --name "Sam Sponsor" --email spon@example.com --role sponsor >/dev/null
"$PMO" -q -C "$H" people add mgr --name "Meg Manager" --email mgr@example.com --role manager >/dev/null
grep -q "^ssh_key: ssh-ed25519 AAAA.* biz$" "$H/people/biz.yaml" && pass || fail "people add --ssh-key FILE"
grep -q "^ssh_key: ssh-ed25519 AAAA.* pmo1$" "$H/people/pmo1.yaml" && pass || fail "people add --ssh-key KEY"
printf '\nledger:\n  signing: required\n' >>"$H/pmo.yaml"
git -C "$H" commit -q -am "decisions are signed"
run -C "$H" people add bad --name Bad --role pmo --ssh-key "not a key"
expect_rc 2 "people add refuses an --ssh-key that is not a public key"

write_proposal "$T/proposal.yaml"
PMO_NOW=2026-11-02T10:00:00Z "$PMO" -q -C "$H" propose --id CP-1 --from "$T/proposal.yaml" >/dev/null
review() { # TIME REVIEWER GATE
  PMO_NOW=$1 run -C "$H" review CP-1 --gate "$3" --decision approve --as "$2"
  expect_rc 0 "review as $2, signed with user.signingkey $(git -C "$H" config user.signingkey)"
}
# A private key by its path.
git -C "$H" config user.signingkey "$K/biz"
review 2026-11-03T11:00:00Z biz G1
expect_eq "$(git -C "$H" cat-file commit HEAD | grep -c '^gpgsig -----BEGIN SSH SIGNATURE-----')" 1 "a gpgsig header"
# A path under ~, as git expands it.
mkdir -p "$HOME/.ssh" && cp "$K/tech" "$HOME/.ssh/id_ed25519" && cp "$K/tech.pub" "$HOME/.ssh/id_ed25519.pub"
git -C "$H" config user.signingkey "~/.ssh/id_ed25519"
review 2026-11-03T12:00:00Z tech G1
# A literal public key whose private half is in the ssh-agent.
ssh-add -q "$K/fin" 2>/dev/null
git -C "$H" config user.signingkey "key::$(cat "$K/fin.pub")"
review 2026-11-03T13:00:00Z fin G1
# A public key file whose private half is only in the ssh-agent.
ssh-add -q "$K/law" 2>/dev/null
mkdir -p "$T/agent-only" && cp "$K/law.pub" "$T/agent-only/law.pub"
git -C "$H" config user.signingkey "$T/agent-only/law.pub"
review 2026-11-03T14:00:00Z law G1
# A private key without its .pub beside it (pmo derives it with ssh-keygen -y).
mkdir -p "$T/bare" && cp "$K/pmo1" "$T/bare/pmo1"
git -C "$H" config user.signingkey "$T/bare/pmo1"
review 2026-11-04T09:00:00Z pmo1 G2
git -C "$H" config --unset user.signingkey
expect_git_clean "$H"

export GIT_AUTHOR_DATE=2026-11-05T09:00:00Z GIT_COMMITTER_DATE=2026-11-05T09:00:00Z
PMO_NOW=2026-11-05T09:00:00Z
run -C "$H" verify
expect_rc 0 "the signed portfolio verifies"
expect_err "5 decisions: every decision is proved"
run -C "$H" status CP-1
expect_out "executing"
# The real git accepts every decision commit's signature, as it accepts its own.
for c in $(git -C "$H" log --format=%H --grep=Pmo-Decision); do
  git -C "$H" -c gpg.ssh.allowedSignersFile="$T/allowed_signers" verify-commit "$c" >/dev/null 2>&1 &&
    pass || fail "git verify-commit $c"
done
git -C "$H" -c gpg.ssh.allowedSignersFile="$T/allowed_signers" log -1 --show-signature >"$OUT" 2>&1
expect_out 'Good "git" signature for pmo@example.com'

fresh() { rm -rf "$T/$1"; cp -a "$H" "$T/$1"; D=$T/$1; }
caught() { # WHAT [COMMIT]: verify exits 1 naming HEAD's short id
  local what=$1 commit=${2:-$(git -C "$D" rev-parse --short=7 HEAD)}
  run -C "$D" verify
  expect_rc 1 "$what: verify exit"
  expect_out "$commit"
}
# A G3 decision by pmo1 made by hand, committed by git with ARGS (the signing options).
g3_by_hand() {
  printf 'gate: G3\ndecision: approve\nreviewer: pmo1\nrole: pmo\ndecided_at: 2026-11-05T09:00:00Z\n' \
    >"$D/projects/CP-1/decisions/20261105T090000Z-G3-pmo1.yaml"
  git -C "$D" add projects
  git -C "$D" "$@" commit -q -m "$(
    printf 'G3 approve: CP-1 Customer portal — Pat PMO (PMO)\n\nPmo-Project: CP-1\nPmo-Gate: G3\nPmo-Decision: approve\nPmo-Reviewer: pmo1\nPmo-Role: pmo\n')"
}
sign_with() { echo -c gpg.format=ssh -c commit.gpgsign=true -c user.signingkey="$K/$1"; }

# The same decision signed by hand with the reviewer's key, as git signs: it verifies.
fresh by-hand
g3_by_hand $(sign_with pmo1)
run -C "$D" verify
expect_rc 0 "a decision signed by git with the reviewer's key verifies"

# 1. Signed with another person's key.
fresh other-key
g3_by_hand $(sign_with tech)
caught "signed by someone else"
expect_out "signed with tech's key, not with pmo1's ssh_key"

# 2. Signed with a key that is in no roster.
fresh eve-key
g3_by_hand $(sign_with eve)
caught "signed with an unknown key"
expect_out "not in the roster at its parent"

# 3. Not signed at all.
fresh unsigned
g3_by_hand -c commit.gpgsign=false
caught "unsigned decision"
expect_out "not signed"

# 4. Changed after signing: the message altered, the gpgsig header kept.
fresh altered
new=$(git -C "$D" cat-file commit HEAD |
  awk '!done && $0 == "" { print; getline; print $0 " (amended)"; done = 1; next } { print }' |
  git -C "$D" hash-object -t commit -w --stdin)
git -C "$D" update-ref refs/heads/main "$new"
git -C "$D" cat-file commit HEAD | grep -q "^gpgsig " && pass || fail "the altered commit keeps its signature"
git -C "$D" -c gpg.ssh.allowedSignersFile="$T/allowed_signers" verify-commit HEAD >/dev/null 2>&1 &&
  fail "git accepts the altered commit" || pass
caught "altered after signing"
expect_out "does not verify"
run -C "$D" verify --format json
expect_out '"code": "bad-signature"'

# 5. With signing optional, a signature that is there is still checked.
fresh optional
sed -i 's/signing: required/signing: optional/' "$D/pmo.yaml"
git -C "$D" commit -q -am "signing optional"
g3_by_hand $(sign_with tech)
caught "optional signing, wrong signer"
run -C "$D" verify --format json
expect_out '"code": "signer-not-reviewer"'
fresh optional-unsigned
sed -i 's/signing: required/signing: optional/' "$D/pmo.yaml"
git -C "$D" commit -q -am "signing optional"
g3_by_hand -c commit.gpgsign=false
run -C "$D" verify
expect_rc 0 "optional signing: an unsigned decision verifies"

# Refusals: review commits nothing verify would reject, and says how to fix it.
refused() { # RC WHAT
  local before=$(commit_count "$D")
  PMO_NOW=2026-11-05T09:00:00Z run -C "$D" review CP-1 --gate G3 --decision approve --as pmo1
  expect_rc "$1" "$2: review exit"
  expect_eq "$(commit_count "$D")" "$before" "$2: no commit"
  expect_git_clean "$D"
}
fresh no-key
refused 3 "no signing key configured"
expect_err "git config user.signingkey ~/.ssh/id_ed25519"
expect_err "ssh_key: in people/pmo1.yaml"

fresh wrong-key
git -C "$D" config user.signingkey "$K/tech"
refused 1 "a key that is not the reviewer's"
expect_err "is not pmo1's ssh_key in people/pmo1.yaml"

fresh stale-pub # the .pub beside the key is pmo1's, the private key is Eve's
cp "$K/eve" "$T/stale" && cp "$K/pmo1.pub" "$T/stale.pub"
git -C "$D" config user.signingkey "$T/stale"
refused 3 "a stale .pub beside the key" # ssh-keygen itself refuses to sign
expect_err "doesn't match private"

fresh no-ssh-key # the reviewer has no ssh_key in the roster
sed -i '/^ssh_key:/d' "$D/people/pmo1.yaml"
git -C "$D" commit -q -am "pmo1 drops their key"
git -C "$D" config user.signingkey "$K/pmo1"
refused 1 "a reviewer without ssh_key"
expect_err "pmo1 has no ssh_key"

fresh no-program
git -C "$D" config user.signingkey "$K/pmo1"
git -C "$D" config gpg.ssh.program "$T/no-such-ssh-keygen"
refused 3 "ssh-keygen missing"
expect_err "not found"
expect_err "openssh-client"

fresh failing
printf '#!/bin/sh\necho "sign_and_send_pubkey: signing failed" >&2\nexit 1\n' >"$T/failing-keygen"
chmod +x "$T/failing-keygen"
git -C "$D" config user.signingkey "$K/pmo1"
git -C "$D" config gpg.ssh.program "$T/failing-keygen"
refused 3 "ssh-keygen failing"
expect_err "signing failed"

# commit.gpgsign with gpg.format=ssh: pmo signs every commit, as git would.
fresh gpgsign
git -C "$D" config commit.gpgsign true
git -C "$D" config gpg.format ssh
git -C "$D" config user.signingkey "$K/pmo1"
PMO_NOW=2026-11-05T09:00:00Z run -C "$D" propose --id CP-2 --from "$T/proposal.yaml"
expect_rc 0 "a proposal under commit.gpgsign"
git -C "$D" -c gpg.ssh.allowedSignersFile="$T/allowed_signers" verify-commit HEAD >/dev/null 2>&1 &&
  pass || fail "git verify-commit of a signed proposal"
PMO_NOW=2026-11-05T10:00:00Z run -C "$D" review CP-1 --gate G3 --decision approve --as pmo1
expect_rc 0 "a signed G3 decision"
run -C "$D" verify
expect_rc 0 "verify after signed writes"
expect_git_clean "$D"

finish
