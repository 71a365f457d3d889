# The .deb: `cpack -G DEB` builds it from the build directory pmo was built in; it depends on the
# Debian packages of the libraries pmo links and on git and openssh-client; extracted into a
# scratch root (dpkg -x) its pmo runs, and it carries the completions, the man page, the templates
# and the README where Debian looks for them. The man page renders and names every command.
source "$(dirname "$0")/lib.sh"

skip() {
  echo "SKIPPED: $*"
  exit 77
}
BUILD=$(cd "$(dirname "$PMO")" && pwd)
[ -f "$BUILD/CPackConfig.cmake" ] || skip "no CPackConfig.cmake beside $PMO (not a CMake build directory)"
command -v cpack >/dev/null || skip "cpack is not installed"
command -v dpkg-deb >/dev/null || skip "dpkg-deb is not installed (not a Debian system)"

# What pmo's own help lists: every command the man page and the completion must know.
commands=$("$PMO" --lang en --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ "$(wc -w <<<"$commands")" -ge 15 ] && pass || fail "pmo --help lists only: $commands"

# The man page of the build: it renders without a warning and names every command.
man_page=$BUILD/share/pmo.1
if [ -f "$man_page" ]; then
  # -P-cbou: plain text, no bold or underline, to search in.
  LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww -P-cbou "$man_page" >"$T/man.txt" 2>"$T/man.err"
  [ $? -eq 0 ] && [ ! -s "$T/man.err" ] && pass || fail "groff on pmo.1: $(cat "$T/man.err")"
  for command in $commands; do
    grep -qE "^ +$command( |$)" "$T/man.txt" && pass || fail "the man page does not list '$command'"
  done
  grep -qF "EXIT STATUS" "$T/man.txt" && grep -qF "FORCE_COLOR" "$T/man.txt" && pass ||
    fail "the man page lacks its EXIT STATUS or ENVIRONMENT section (docs/pmo.h2m)"
else
  echo "SKIPPED (man page): $man_page was not built (help2man missing at configure time)"
fi

# cmake --install into a scratch prefix: the same files, under it.
if command -v cmake >/dev/null; then
  cmake --install "$BUILD" --prefix "$T/prefix" >"$T/install.log" 2>&1
  RC=$?
  expect_rc 0 "cmake --install: $(tail -3 "$T/install.log")"
  for file in bin/pmo share/bash-completion/completions/pmo share/zsh/vendor-completions/_pmo \
    share/fish/vendor_completions.d/pmo.fish share/pmo/templates/en/pmo.yaml share/doc/pmo/README.md; do
    [ -s "$T/prefix/$file" ] && pass || fail "cmake --install did not install $file"
  done
  [ ! -f "$man_page" ] || ls "$T"/prefix/share/man/man1/pmo.1* >/dev/null 2>&1 && pass ||
    fail "cmake --install did not install the man page"
fi

# Build the package in a scratch directory (the build directory's own stays untouched).
cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$T/pkg" >"$T/cpack.log" 2>&1
RC=$?
expect_rc 0 "cpack -G DEB: $(tail -5 "$T/cpack.log")"
deb=$(ls "$T"/pkg/pmo_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && pass || { fail "no pmo_*.deb in $T/pkg: $(ls "$T/pkg")"; finish; exit 1; }

# Its control file: the package, its version, and what it depends on.
dpkg-deb -f "$deb" Package Version Depends >"$T/control"
grep -qx "Package: pmo" "$T/control" && pass || fail "control: $(cat "$T/control")"
version=$("$PMO" --version | awk '{ print $2 }')
grep -qx "Version: $version" "$T/control" && pass || fail "control lacks Version: $version: $(cat "$T/control")"
depends=$(sed -n 's/^Depends: //p' "$T/control" | tr ',' '\n' | sed 's/^ *//; s/ .*//')
wanted=(git openssh-client)
command -v dpkg-shlibdeps >/dev/null && command -v file >/dev/null &&
  wanted+=(libgit2-1.5 libyaml-cpp0.7 libfmt9 libutf8proc2 libstdc++6 libc6)
for package in "${wanted[@]}"; do
  grep -qx -- "$package" <<<"$depends" && pass || fail "Depends lacks $package: $(tr '\n' ' ' <<<"$depends")"
done

# Extract it into a scratch root and run what it installs.
dpkg -x "$deb" "$T/root" && pass || fail "dpkg -x $deb"
R=$T/root/usr
for file in bin/pmo share/bash-completion/completions/pmo share/zsh/vendor-completions/_pmo \
  share/fish/vendor_completions.d/pmo.fish share/pmo/templates/en/pmo.yaml \
  share/pmo/templates/zh-CN/proposal.yaml share/doc/pmo/README.md; do
  [ -s "$R/$file" ] && pass || fail "the package lacks /usr/$file"
done
if [ -f "$man_page" ]; then
  [ -s "$R/share/man/man1/pmo.1.gz" ] || [ -s "$R/share/man/man1/pmo.1" ] && pass ||
    fail "the package lacks /usr/share/man/man1/pmo.1(.gz)"
fi
installed=$R/bin/pmo
"$installed" --version >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "the installed pmo --version"
expect_out "pmo $version"
"$installed" init "$T/office" --name "Packaged PMO" --lang en >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "the installed pmo init"
[ -f "$T/office/pmo.yaml" ] && pass || fail "init wrote no pmo.yaml"
[ "$(git -C "$T/office" rev-list --count HEAD)" -ge 1 ] && pass || fail "init made no commit"
"$installed" -C "$T/office" validate >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "the installed pmo validate"
# The installed bash completion completes with the installed pmo.
got=$(cd "$T/office" && bash -c '
  source "$1"
  COMP_WORDS=("$2" review X --gate "")
  COMP_CWORD=4
  _pmo
  printf "%s\n" "${COMPREPLY[@]}"' bash "$R/share/bash-completion/completions/pmo" "$installed" | tr '\n' ' ')
expect_eq "$got" "G1 G2 G3 G4 " "the installed bash completion of --gate"
cmp -s "$R/share/bash-completion/completions/pmo" <("$PMO" --lang en completion bash) && pass ||
  fail "the installed bash completion is not what pmo completion bash prints"

finish
