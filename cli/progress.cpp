#include "progress.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ostream>

namespace pmo::cli {

namespace {

// PMO_PROGRESS_AFTER_MS: how long work goes unannounced (default 1000; tests set 0).
std::chrono::milliseconds delay() {
  if (const char* text = std::getenv("PMO_PROGRESS_AFTER_MS")) {
    char* end = nullptr;
    const long ms = std::strtol(text, &end, 10);
    if (end != text && *end == '\0' && ms >= 0 && ms <= 60'000)
      return std::chrono::milliseconds(ms);
  }
  return std::chrono::milliseconds(1000);
}

} // namespace

Progress::Progress(const Context& ctx, std::string label) : m_ctx(ctx), m_label(std::move(label)) {
  if (!ctx.progress || ctx.err == nullptr)
    return;
  m_thread = std::thread([this] {
    const auto start = std::chrono::steady_clock::now();
    const auto first = start + delay();
    std::unique_lock lock(m_mutex);
    if (m_wake.wait_until(lock, first, [this] { return m_stop; }))
      return;
    while (!m_stop) {
      draw(std::chrono::steady_clock::now() - start);
      m_wake.wait_for(lock, std::chrono::milliseconds(250), [this] { return m_stop; });
    }
  });
}

Progress::~Progress() {
  if (!m_thread.joinable())
    return;
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
  if (m_shown)
    *m_ctx.err << "\r\x1b[K" << std::flush;
}

void Progress::draw(std::chrono::steady_clock::duration elapsed) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  const std::size_t done = m_done.load(std::memory_order_relaxed);
  const std::size_t total = m_total.load(std::memory_order_relaxed);
  std::string line = "pmo: " + m_label;
  if (total > 0)
    line += fmt::format(" {}/{} ({}%)", done, total, done * 100 / total);
  line += fmt::format(" {}s", seconds);
  *m_ctx.err << "\r\x1b[K" << line << std::flush;
  m_shown = true;
}

} // namespace pmo::cli
