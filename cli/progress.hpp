#pragma once
// A line of progress on stderr while a command reads the whole portfolio or its history: shown
// only when stderr is a terminal (Context::progress) and only once the work has taken longer
// than about a second; rewritten in place ("\r") a few times a second, and erased when the work
// ends, so that nothing of it stays in what the terminal shows or any file receives.

#include "context.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace pmo::cli {

class Progress {
public:
  // `label`: what is being done ("reading history"), in the user's language.
  Progress(const Context& ctx, std::string label);
  ~Progress(); // erases the line, if it was shown
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // How far the work is: `done` of `total` (commits, files); total 0: unknown.
  void count(std::size_t done, std::size_t total) {
    m_done.store(done, std::memory_order_relaxed);
    m_total.store(total, std::memory_order_relaxed);
  }

private:
  void draw(std::chrono::steady_clock::duration elapsed);

  const Context& m_ctx;
  std::string m_label;
  std::atomic<std::size_t> m_done{0}, m_total{0};
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  bool m_shown = false;
  std::thread m_thread;
};

} // namespace pmo::cli
