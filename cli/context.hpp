#pragma once
// What every command receives: no globals. Options common to all commands, the streams,
// the clock, the random source, and where the command was started.

#include <pmo/model/types.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pmo::cli {

// The random values new ids are drawn from: the system's random source, or with a seed
// (PMO_SEED=N, for tests and the reproducible demo, like PMO_NOW) a fixed sequence from it.
class RandomSource {
public:
  RandomSource() = default;
  explicit RandomSource(std::uint64_t seed) : m_seeded(true), m_state(seed) {}
  std::uint64_t next();

private:
  bool m_seeded = false;
  std::uint64_t m_state = 0;
};

struct Context {
  std::string start_dir;           // -C DIR, or the current directory
  std::optional<model::Lang> lang; // --lang; otherwise the office's language
  bool color = false;        // colour on stderr/stdout (TTY or forced, no NO_COLOR, no --no-color)
  bool color_forced = false; // FORCE_COLOR or CLICOLOR_FORCE: colour where there is no terminal
  bool quiet = false;        // -q: no progress messages, data only
  bool progress = false;     // stderr is a terminal (not TERM=dumb, no -q): long work says so
  model::Clock clock;        // PMO_NOW or the system clock
  RandomSource random;       // PMO_SEED or the system's random source
  std::optional<unsigned> history_readers; // PMO_THREADS: threads reading history ahead
  std::ostream* out = nullptr;             // data
  std::ostream* err = nullptr;             // messages

  model::Lang language(model::Lang office_default) const { return lang.value_or(office_default); }
};

// Exit codes, everywhere.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_findings = 1; // findings or a refusal
inline constexpr int k_exit_usage = 2;
inline constexpr int k_exit_env = 3; // not a pmo repository, git failure, lock held

// Thrown by commands; main() prints it once, in one place, and returns its exit code.
class Failure : public std::runtime_error {
public:
  Failure(int exit_code, std::string message, std::vector<model::Finding> findings = {})
      : std::runtime_error(std::move(message)), m_exit(exit_code), m_findings(std::move(findings)) {
  }
  int exit_code() const { return m_exit; }
  const std::vector<model::Finding>& findings() const { return m_findings; }

private:
  int m_exit;
  std::vector<model::Finding> m_findings;
};

// Every problem of one command line, reported together rather than one per run: each check adds
// its message, and raise() throws them as one Failure, one line each ("pmo: …" before each).
class Problems {
public:
  void add(std::string message) { m_messages.push_back(std::move(message)); }
  // Runs `check`; a Failure it throws becomes one more problem.
  template <class Check> void collect(Check&& check) {
    try {
      check();
    } catch (const Failure& failure) {
      add(failure.what());
    }
  }
  bool empty() const { return m_messages.empty(); }
  // Throws a Failure with exit code `exit_code` holding every problem; nothing when none.
  void raise(int exit_code) const {
    if (m_messages.empty())
      return;
    std::string joined;
    for (const auto& message : m_messages)
      joined += (joined.empty() ? "" : "\n") + message;
    throw Failure(exit_code, joined);
  }

private:
  std::vector<std::string> m_messages;
};

} // namespace pmo::cli
