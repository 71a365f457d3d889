#include "handles.hpp"

#include <pmo/git/repo.hpp>
#include <pmo/git/ssh_sign.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

extern char** environ;

namespace pmo::git {

using namespace detail;

namespace {

constexpr std::size_t k_max_output = 1024 * 1024;
constexpr std::size_t k_max_key_file = 64 * 1024;
// Signing may wait for a passphrase, an agent's confirmation or a security key's touch.
constexpr auto k_sign_timeout = std::chrono::seconds(60);
// Checking a signature or reading a public key waits for nothing.
constexpr auto k_check_timeout = std::chrono::seconds(30);

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_base64(std::string_view text) {
  if (text.empty())
    return false;
  for (char c : text)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
          c == '/' || c == '='))
      return false;
  return true;
}

std::string_view next_word(std::string_view& rest) {
  while (!rest.empty() && is_space(rest.front()))
    rest.remove_prefix(1);
  std::size_t end = 0;
  while (end < rest.size() && !is_space(rest[end]))
    ++end;
  const std::string_view word = rest.substr(0, end);
  rest.remove_prefix(end);
  return word;
}

// The first lines of a tool's message, on one line, for an error.
std::string brief(std::string_view text) {
  std::string out;
  int lines = 0;
  for (std::size_t i = 0; i < text.size() && out.size() < 400; ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ' && ++lines < 3)
        out += "; ";
      else if (lines >= 3)
        break;
      continue;
    }
    out += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';'))
    out.pop_back();
  return out.empty() ? std::string("no message") : out;
}

std::optional<std::string> read_small_file(const std::string& path, int* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = errno;
    return std::nullopt;
  }
  std::string text;
  char buffer[4096];
  while (text.size() <= k_max_key_file) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n < 0)
        *error = errno;
      break;
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

void close_fd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

// SIGPIPE blocked while pmo writes to a child that may exit early; a SIGPIPE raised meanwhile is
// consumed, so that it never kills pmo.
class PipeSignalGuard {
public:
  PipeSignalGuard() {
    sigemptyset(&m_pipe);
    sigaddset(&m_pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
  }
  PipeSignalGuard(const PipeSignalGuard&) = delete;
  PipeSignalGuard& operator=(const PipeSignalGuard&) = delete;
  ~PipeSignalGuard() {
    sigset_t pending;
    sigemptyset(&pending);
    if (!sigismember(&m_old, SIGPIPE) && sigpending(&pending) == 0 &&
        sigismember(&pending, SIGPIPE)) {
      const timespec zero{};
      sigtimedwait(&m_pipe, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }

private:
  sigset_t m_pipe;
  sigset_t m_old;
};

} // namespace

std::optional<PublicKey> parse_public_key(std::string_view line) {
  const auto newline = line.find_first_of("\r\n");
  std::string_view rest = line.substr(0, newline);
  const std::string_view type = next_word(rest);
  const std::string_view blob = next_word(rest);
  if (!(type.starts_with("ssh-") || type.starts_with("ecdsa-") || type.starts_with("sk-")) ||
      type.size() < 5 || !is_base64(blob))
    return std::nullopt;
  for (char c : type)
    if (static_cast<unsigned char>(c) < 0x21 || c == '"' || c == '\x7f')
      return std::nullopt;
  return PublicKey{std::string(type), std::string(blob)};
}

bool is_ssh_signature(std::string_view signature) {
  return signature.starts_with("-----BEGIN SSH SIGNATURE-----");
}

bool is_literal_principal(std::string_view principal) {
  if (principal.empty())
    return false;
  for (char c : principal) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x21 || byte == 0x7f || c == '"' || c == ',' || c == '*' || c == '?' || c == '!')
      return false;
  }
  return true;
}

std::string allowed_signers_text(const std::vector<AllowedSigner>& signers) {
  std::string text;
  for (const auto& signer : signers)
    if (is_literal_principal(signer.principal))
      text += fmt::format("{} namespaces=\"git\" {}\n", signer.principal, signer.key.text());
  return text;
}

std::string expand_home(std::string_view path, std::string_view home) {
  if (home.empty() || !(path == "~" || path.starts_with("~/")))
    return std::string(path);
  std::string out(home);
  while (out.size() > 1 && out.back() == '/')
    out.pop_back();
  out += path.substr(1);
  return out;
}

SigningKey signing_key(std::string_view configured) {
  SigningKey key;
  key.configured = std::string(configured);
  std::string_view literal;
  if (configured.starts_with("key::"))
    literal = configured.substr(5);
  else if (configured.starts_with("ssh-"))
    literal = configured;
  else {
    key.path = std::string(configured);
    return key;
  }
  key.literal = parse_public_key(literal);
  if (!key.literal)
    throw GitError(
        fmt::format("git config user.signingkey '{}' is not an SSH public key", configured),
        GIT_EINVALID);
  return key;
}

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input,
                          std::chrono::milliseconds timeout) {
  if (argv.empty() || argv.front().empty())
    throw GitError("no program to run", GIT_EINVALID);
  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
  auto close_all = [&] {
    for (int* fd : {&in[0], &in[1], &out[0], &out[1], &err[0], &err[1]})
      close_fd(*fd);
  };
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    const int error = errno;
    close_all();
    raise_os_error(error, "cannot create a pipe to", argv.front());
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &pipe_signal);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  PipeSignalGuard guard;
  pid_t pid = -1;
  const int rc =
      ::posix_spawnp(&pid, argv.front().c_str(), &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close_fd(in[0]);
  close_fd(out[1]);
  close_fd(err[1]);
  if (rc != 0) {
    close_all();
    if (rc == ENOENT)
      throw GitError(fmt::format("{}: not found", argv.front()), GIT_ENOTFOUND);
    raise_os_error(rc, "cannot run", argv.front());
  }

  ProcessResult result;
  set_nonblocking(in[1]);
  set_nonblocking(out[0]);
  set_nonblocking(err[0]);
  std::size_t written = 0;
  if (input.empty())
    close_fd(in[1]);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out[0] >= 0 || err[0] >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    pollfd fds[3] = {{in[1], POLLOUT, 0}, {out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    const int ready = ::poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0) {
      if (errno == EINTR)
        continue;
      const int error = errno;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      close_all();
      raise_os_error(error, "cannot wait for", argv.front());
    }
    if (in[1] >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::write(in[1], input.data() + written, input.size() - written);
      if (n > 0)
        written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size())
        close_fd(in[1]); // done, or the child stopped reading (EPIPE)
    }
    for (auto [index, fd, text] :
         {std::tuple{1, &out[0], &result.out}, std::tuple{2, &err[0], &result.err}}) {
      if (*fd < 0 || !(fds[index].revents & (POLLIN | POLLERR | POLLHUP)))
        continue;
      char buffer[65536];
      const ssize_t n = ::read(*fd, buffer, sizeof buffer);
      if (n > 0) {
        const std::size_t room = k_max_output - std::min(k_max_output, text->size());
        text->append(buffer, std::min(room, static_cast<std::size_t>(n)));
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        close_fd(*fd);
      }
    }
  }
  close_all();
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, result.timed_out ? 0 : WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR))
      break;
    if (done == 0 && std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true; // it closed its output but does not exit
      ::kill(pid, SIGKILL);
    } else if (done == 0) {
      ::usleep(2000);
    }
  }
  if (WIFEXITED(status))
    result.status = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.status = 128 + WTERMSIG(status);
  return result;
}

SshKeygen::SshKeygen(std::string program) : m_program(std::move(program)) {
  if (m_program.empty())
    m_program = "ssh-keygen";
}

SshKeygen::~SshKeygen() {
  if (m_dir.empty())
    return;
  for (const auto& file : m_files)
    ::unlink(file.c_str());
  ::rmdir(m_dir.c_str());
}

const std::string& SshKeygen::dir() {
  if (m_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp");
    while (pattern.size() > 1 && pattern.back() == '/')
      pattern.pop_back();
    pattern += "/pmo-ssh.XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      raise_os_error(errno, "cannot create a private temporary directory", pattern);
    m_dir = pattern;
  }
  return m_dir;
}

std::string SshKeygen::write_temp(const std::string& name, std::string_view content) {
  const std::string path = dir() + "/" + name;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    raise_os_error(errno, "cannot create", path);
  if (std::find(m_files.begin(), m_files.end(), path) == m_files.end())
    m_files.push_back(path);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      raise_os_error(error, "cannot write", path);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    raise_os_error(errno, "cannot write", path);
  return path;
}

ProcessResult SshKeygen::run(std::vector<std::string> args, std::string_view input,
                             std::chrono::milliseconds timeout, std::string_view doing) {
  args.insert(args.begin(), m_program);
  ProcessResult result;
  try {
    result = run_process(args, input, timeout);
  } catch (const GitError& error) {
    if (error.code() == GIT_ENOTFOUND)
      throw GitError(fmt::format("{}: {} is needed to {} (install openssh-client, or name it "
                                 "with git config gpg.ssh.program)",
                                 error.what(), m_program, doing),
                     error.code());
    throw;
  }
  if (result.timed_out)
    throw GitError(fmt::format("{} did not finish within {} s while it was to {} (is it waiting "
                               "for a passphrase, the ssh-agent or a security key?)",
                               m_program,
                               std::chrono::duration_cast<std::chrono::seconds>(timeout).count(),
                               doing),
                   GIT_ERROR);
  return result;
}

PublicKey SshKeygen::public_key(const SigningKey& key) {
  if (key.literal)
    return *key.literal;
  int error = 0;
  const auto text = read_small_file(key.path, &error);
  if (!text)
    raise_os_error(error, "cannot read the signing key (git config user.signingkey)", key.path);
  if (auto parsed = parse_public_key(*text))
    return *parsed; // a public key: its private half is in the ssh-agent
  if (const auto pub = read_small_file(key.path + ".pub", &error))
    if (auto parsed = parse_public_key(*pub))
      return *parsed;
  const ProcessResult derived =
      run({"-y", "-f", key.path}, {}, k_check_timeout, "read the public half of the signing key");
  if (derived.status == 0)
    if (auto parsed = parse_public_key(derived.out))
      return *parsed;
  throw GitError(fmt::format("cannot read the public half of the signing key {} ({}): put it "
                             "beside the key as {}.pub",
                             key.path, brief(derived.err), key.path),
                 GIT_ERROR);
}

std::string SshKeygen::sign(std::string_view data, const SigningKey& key) {
  std::string key_file = key.path;
  std::vector<std::string> args{"-Y", "sign", "-n", "git", "-f"};
  if (key.literal) {
    key_file = write_temp("signing_key.pub", key.literal->text() + "\n");
    args.push_back(key_file);
    args.push_back("-U"); // the private half is in the ssh-agent
  } else {
    args.push_back(key_file);
  }
  const ProcessResult result = run(args, data, k_sign_timeout, "sign the commit");
  if (result.status != 0 || !is_ssh_signature(result.out))
    throw GitError(fmt::format("{} -Y sign failed with the key {} (git config user.signingkey): "
                               "{}",
                               m_program, key.configured, brief(result.err)),
                   GIT_ERROR);
  std::string signature = result.out;
  while (!signature.empty() && (signature.back() == '\n' || signature.back() == '\r'))
    signature.pop_back();
  return signature;
}

SshKeygen::Check SshKeygen::verify(std::string_view allowed_signers, std::string_view principal,
                                   std::string_view signature, std::string_view data) {
  const std::string sig_file = write_temp("signature", std::string(signature) + "\n");
  const auto intact = [&] {
    return run({"-Y", "check-novalidate", "-n", "git", "-s", sig_file}, data, k_check_timeout,
               "check a signature");
  };
  Check check;
  if (principal.empty()) {
    const ProcessResult result = intact();
    check.verdict = result.status == 0 ? Verdict::good : Verdict::bad;
    if (result.status != 0)
      check.detail = brief(result.err);
    return check;
  }
  const std::string allowed_file = dir() + "/allowed_signers";
  if (!m_allowed || *m_allowed != allowed_signers) {
    write_temp("allowed_signers", allowed_signers);
    m_allowed = std::string(allowed_signers);
  }
  const ProcessResult result = run({"-Y", "verify", "-n", "git", "-f", allowed_file, "-I",
                                    std::string(principal), "-s", sig_file},
                                   data, k_check_timeout, "check a signature");
  if (result.status == 0) {
    check.verdict = Verdict::good;
    return check;
  }
  if (const ProcessResult whole = intact(); whole.status != 0) {
    check.detail = brief(whole.err);
    return check; // bad
  }
  check.verdict = Verdict::other_key;
  const ProcessResult found = run({"-Y", "find-principals", "-s", sig_file, "-f", allowed_file}, {},
                                  k_check_timeout, "check a signature");
  if (found.status == 0)
    check.signer = found.out.substr(0, found.out.find_first_of("\r\n"));
  return check;
}

} // namespace pmo::git
