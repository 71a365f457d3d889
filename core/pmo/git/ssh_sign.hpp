#pragma once
// SSH signatures of commits as git makes them with gpg.format=ssh: `ssh-keygen -Y sign -n git`
// over the commit buffer, checked with `ssh-keygen -Y verify -n git` against an allowed-signers
// file. ssh-keygen runs as a child process (posix_spawn, no shell) with the data on stdin and a
// timeout; its failures are GitError (an environment error, exit 3). Temporary files live in a
// private directory (mkdtemp, mode 0700) removed with the SshKeygen that made it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmo::git {

// A public key without its comment: "ssh-ed25519" and its base64 blob.
struct PublicKey {
  std::string type;
  std::string blob;

  std::string text() const { return type + ' ' + blob; }
  bool operator==(const PublicKey&) const = default;
};

// The key of an OpenSSH public key line ("ssh-ed25519 AAAA… comment"; also ecdsa-… and sk-…),
// nullopt when `line` is not one (options before the key are not accepted).
std::optional<PublicKey> parse_public_key(std::string_view line);

// Whether an armored signature is an SSH signature ("-----BEGIN SSH SIGNATURE-----").
bool is_ssh_signature(std::string_view signature);

// One line of an allowed-signers file: who may sign, with which key.
struct AllowedSigner {
  std::string principal; // a literal, see is_literal_principal
  PublicKey key;
};

// Whether `principal` matches only itself in an allowed-signers file: not empty, no whitespace,
// quote, comma or pattern character (* ? !), no control character.
bool is_literal_principal(std::string_view principal);

// The allowed-signers file (ssh-keygen(1), ALLOWED SIGNERS) for signers of commits:
// `principal namespaces="git" type blob`, one line each. Signers whose principal is not a literal
// are left out.
std::string allowed_signers_text(const std::vector<AllowedSigner>& signers);

// `path` with a leading "~/" (or a lone "~") replaced by `home`, as git expands user.signingkey.
std::string expand_home(std::string_view path, std::string_view home);

// What git's configuration says about signing commits.
struct SigningConfig {
  bool gpgsign = false;               // commit.gpgsign
  std::string format = "openpgp";     // gpg.format
  std::string key;                    // user.signingkey, "~/" expanded ("" when unset)
  std::string program = "ssh-keygen"; // gpg.ssh.program

  // Whether the user asked git to sign every commit with SSH (commit.gpgsign, gpg.format=ssh).
  bool signs_with_ssh() const { return gpgsign && format == "ssh"; }
};

// The key that signs, from user.signingkey: a path to a private key or to a public key whose
// private half is in the ssh-agent, or a literal public key ("key::ssh-ed25519 AAAA…", or the
// older "ssh-ed25519 AAAA…"), then signed through the agent.
struct SigningKey {
  std::string path;                 // when a path
  std::optional<PublicKey> literal; // when a literal key
  std::string configured;           // user.signingkey as configured, for messages
};
SigningKey signing_key(std::string_view configured);

// What a child process did.
struct ProcessResult {
  int status = 0; // exit code; 128 + signal when killed by a signal
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up on PATH when it has no '/') with `input` on stdin, no shell, and waits
// at most `timeout`: then kills it (timed_out). Output beyond 1 MiB per stream is dropped.
// Throws GitError when it cannot start (naming the program; "not found" when it does not exist).
ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input,
                          std::chrono::milliseconds timeout);

class SshKeygen {
public:
  // `program`: gpg.ssh.program (ssh-keygen by default).
  explicit SshKeygen(std::string program = "ssh-keygen");
  SshKeygen(const SshKeygen&) = delete;
  SshKeygen& operator=(const SshKeygen&) = delete;
  ~SshKeygen();

  // The public half of `key`: the literal key; the key of a public key file; else the
  // <path>.pub beside a private key; else `ssh-keygen -y -f <path>`. Throws GitError when none
  // can be read.
  PublicKey public_key(const SigningKey& key);

  // `ssh-keygen -Y sign -n git -f <key>` (-U for a literal key: the agent signs) over `data`:
  // the armored signature, without its final newline (as git stores it in a gpgsig header).
  // Throws GitError when ssh-keygen is missing, fails or hangs.
  std::string sign(std::string_view data, const SigningKey& key);

  enum class Verdict {
    good,      // made by a key of `principal` over exactly `data`
    other_key, // intact, but made by another key (signer: its principal, "" when not listed)
    bad,       // does not verify over `data` (altered data, corrupt, wrong namespace)
  };
  struct Check {
    Verdict verdict = Verdict::bad;
    std::string signer;
    std::string detail; // ssh-keygen's message when bad
  };
  // Checks `signature` over `data` as made by `principal` under `allowed_signers` (file text);
  // an empty principal checks only that the signature is intact (check-novalidate).
  // Throws GitError when ssh-keygen is missing or hangs.
  Check verify(std::string_view allowed_signers, std::string_view principal,
               std::string_view signature, std::string_view data);

private:
  const std::string& dir();
  std::string write_temp(const std::string& name, std::string_view content);
  ProcessResult run(std::vector<std::string> args, std::string_view input,
                    std::chrono::milliseconds timeout, std::string_view doing);

  std::string m_program;
  std::string m_dir; // created on first use
  std::vector<std::string> m_files;
  std::optional<std::string> m_allowed; // what the allowed-signers file holds, once written
};

} // namespace pmo::git
