// SSH signatures as git makes them: the pure parts, the child process runner, and a round trip
// through the real ssh-keygen.

#include "temp_dir.hpp"

#include <pmo/git/repo.hpp>
#include <pmo/git/ssh_sign.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace {

using pmo::test::TempDir;

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using pmo::git::GitError;
using pmo::git::PublicKey;
using pmo::git::SshKeygen;

const std::string k_blob = "AAAAC3NzaC1lZDI1NTE5AAAAII6y30M8mMZhg3hmUaNGbtVZq6YY+sWPfHIj920lE6OO";

bool have_ssh_keygen() { return ::access("/usr/bin/ssh-keygen", X_OK) == 0; }

void make_key(const std::string& path, const std::string& comment) {
  const auto made = pmo::git::run_process(
      {"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path}, {}, 30s);
  REQUIRE(made.status == 0);
}

} // namespace

TEST_CASE("ssh: a public key line is its type and blob; anything else is not a key") {
  const auto key = pmo::git::parse_public_key("ssh-ed25519 " + k_blob + " lina@laptop\n");
  REQUIRE(key.has_value());
  CHECK(key->type == "ssh-ed25519");
  CHECK(key->blob == k_blob);
  CHECK(key->text() == "ssh-ed25519 " + k_blob);
  CHECK(pmo::git::parse_public_key("ssh-ed25519 " + k_blob) == key);
  CHECK(pmo::git::parse_public_key("  ssh-ed25519\t" + k_blob + "  other comment") == key);
  CHECK(pmo::git::parse_public_key("ecdsa-sha2-nistp256 AAAAE2VjZHNh").has_value());
  CHECK(pmo::git::parse_public_key("sk-ssh-ed25519@openssh.com AAAAGnNr").has_value());
  CHECK(!pmo::git::parse_public_key("not a key"));
  CHECK(!pmo::git::parse_public_key("ssh-ed25519"));
  CHECK(!pmo::git::parse_public_key("ssh-ed25519 not!base64"));
  CHECK(!pmo::git::parse_public_key("no-touch-required ssh-ed25519 " + k_blob));
  CHECK(!pmo::git::parse_public_key("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n"));
}

TEST_CASE("ssh: an allowed-signers file lists literal principals for the git namespace") {
  CHECK(pmo::git::is_literal_principal("lina@xinghe.example"));
  CHECK(pmo::git::is_literal_principal("lina@pmo.invalid"));
  CHECK(!pmo::git::is_literal_principal(""));
  CHECK(!pmo::git::is_literal_principal("*@xinghe.example"));
  CHECK(!pmo::git::is_literal_principal("a@x,b@x"));
  CHECK(!pmo::git::is_literal_principal("!lina@x"));
  CHECK(!pmo::git::is_literal_principal("li na@x"));
  CHECK(!pmo::git::is_literal_principal("\"lina\"@x"));
  const PublicKey key{"ssh-ed25519", k_blob};
  CHECK(pmo::git::allowed_signers_text({{"lina@x.example", key}, {"*@x.example", key}}) ==
        "lina@x.example namespaces=\"git\" ssh-ed25519 " + k_blob + "\n");
  CHECK(pmo::git::allowed_signers_text({}).empty());
}

TEST_CASE("ssh: user.signingkey is a path (~ expanded) or a literal key for the ssh-agent") {
  CHECK(pmo::git::expand_home("~/.ssh/id_ed25519", "/home/lina") == "/home/lina/.ssh/id_ed25519");
  CHECK(pmo::git::expand_home("~/.ssh/id_ed25519", "/home/lina/") == "/home/lina/.ssh/id_ed25519");
  CHECK(pmo::git::expand_home("~", "/home/lina") == "/home/lina");
  CHECK(pmo::git::expand_home("/keys/id", "/home/lina") == "/keys/id");
  CHECK(pmo::git::expand_home("~other/id", "/home/lina") == "~other/id");
  CHECK(pmo::git::expand_home("~/id", "") == "~/id");

  const auto path = pmo::git::signing_key("/keys/id_ed25519");
  CHECK(path.path == "/keys/id_ed25519");
  CHECK(!path.literal);
  const auto literal = pmo::git::signing_key("key::ssh-ed25519 " + k_blob + " lina");
  CHECK(literal.path.empty());
  REQUIRE(literal.literal.has_value());
  CHECK(literal.literal->blob == k_blob);
  CHECK(pmo::git::signing_key("ssh-ed25519 " + k_blob).literal.has_value()); // git's older form
  CHECK_THROWS_AS(pmo::git::signing_key("key::nonsense"), GitError);
}

TEST_CASE("ssh: a child process gets stdin, gives stdout, stderr and its exit code") {
  const auto echoed = pmo::git::run_process({"cat"}, std::string(200'000, 'x'), 10s);
  CHECK(echoed.status == 0);
  CHECK(!echoed.timed_out);
  CHECK(echoed.out == std::string(200'000, 'x'));
  const auto failed =
      pmo::git::run_process({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, {}, 10s);
  CHECK(failed.status == 3);
  CHECK(failed.out == "out\n");
  CHECK(failed.err == "err\n");
  // A child that reads nothing of a large input does not kill pmo with SIGPIPE.
  const auto ignored = pmo::git::run_process({"true"}, std::string(4 << 20, 'x'), 10s);
  CHECK(ignored.status == 0);
  CHECK_THROWS_WITH_AS(pmo::git::run_process({"/no/such/ssh-keygen"}, {}, 10s),
                       "/no/such/ssh-keygen: not found", GitError);
}

TEST_CASE("ssh: a child that hangs is killed at the timeout") {
  const auto started = std::chrono::steady_clock::now();
  const auto hung = pmo::git::run_process({"sleep", "30"}, {}, 200ms);
  CHECK(hung.timed_out);
  CHECK(std::chrono::steady_clock::now() - started < 10s);
  // One that closes its output but does not exit, too.
  const auto silent =
      pmo::git::run_process({"/bin/sh", "-c", "exec >&- 2>&-; sleep 30"}, {}, 300ms);
  CHECK(silent.timed_out);
  CHECK(std::chrono::steady_clock::now() - started < 20s);
}

TEST_CASE("ssh: ssh-keygen signs as git does and checks who signed, in a private directory") {
  if (!have_ssh_keygen()) {
    MESSAGE("ssh-keygen not installed (openssh-client): skipped");
    return;
  }
  TempDir tmp;
  make_key(tmp / "lina", "lina");
  make_key(tmp / "wang", "wang");
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir == nullptr ? "" : old_tmpdir;
  fs::create_directory(tmp / "scratch");
  ::setenv("TMPDIR", (tmp / "scratch").c_str(), 1);
  {
    SshKeygen keygen;
    const auto lina = pmo::git::signing_key(tmp / "lina");
    const PublicKey lina_key = keygen.public_key(lina);
    CHECK(keygen.public_key(pmo::git::signing_key(tmp / "lina.pub")) == lina_key);
    fs::remove(tmp / "lina.pub"); // derived with ssh-keygen -y
    CHECK(keygen.public_key(lina) == lina_key);
    const PublicKey wang_key = keygen.public_key(pmo::git::signing_key(tmp / "wang"));
    const std::string allowed = pmo::git::allowed_signers_text(
        {{"lina@x.example", lina_key}, {"wang@x.example", wang_key}});

    const std::string data = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nG1 approve\n";
    const std::string signature = keygen.sign(data, lina);
    CHECK(pmo::git::is_ssh_signature(signature));
    CHECK(signature.back() != '\n');
    CHECK(keygen.verify(allowed, "lina@x.example", signature, data).verdict ==
          SshKeygen::Verdict::good);
    const auto other = keygen.verify(allowed, "wang@x.example", signature, data);
    CHECK(other.verdict == SshKeygen::Verdict::other_key);
    CHECK(other.signer == "lina@x.example");
    const auto altered = keygen.verify(allowed, "lina@x.example", signature, data + "x");
    CHECK(altered.verdict == SshKeygen::Verdict::bad);
    CHECK(!altered.detail.empty());
    CHECK(keygen.verify({}, {}, signature, data).verdict == SshKeygen::Verdict::good);
    CHECK(keygen.verify({}, {}, signature, "other").verdict == SshKeygen::Verdict::bad);
    CHECK(!fs::is_empty(tmp / "scratch"));
  }
  CHECK(fs::is_empty(tmp / "scratch")); // the private directory went with the SshKeygen
  if (saved.empty())
    ::unsetenv("TMPDIR");
  else
    ::setenv("TMPDIR", saved.c_str(), 1);

  SshKeygen failing("/bin/false");
  CHECK_THROWS_AS(failing.sign("data", pmo::git::signing_key(tmp / "lina")), GitError);
  SshKeygen missing("/no/such/ssh-keygen");
  CHECK_THROWS_WITH_AS(missing.sign("data", pmo::git::signing_key(tmp / "lina")),
                       doctest::Contains("openssh-client"), GitError);
}
