#pragma once
// Reading a history ahead of its walk, on several threads. The ledger's walk is sequential (each
// decision is judged by what came before it), but most of its cost is not: reading each commit,
// diffing its trees and decoding the records it adds depend on that commit alone. Readers, each
// with its own view of the repository (libgit2 objects are not shared across threads), read
// commits in chunks, in order, at most a window ahead of the walk; the walk takes each commit's
// slot when its chunk is read and hands it back when done with it.
//
// A slot a reader could not fill (it threw, or its repository would not open) is handed over
// unread: the walk then reads that commit itself and meets the error where it would have without
// readers. Readers never decide anything, so a slot read ahead or not gives the same ledger.
#include <pmo/git/graph.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace pmo::ledger {

template <class Slot> class Readahead {
public:
  // Fills `slot` for commit `index` of the walk; may throw (the slot is then left unread).
  using Read = std::function<void(const git::Graph&, std::size_t index, Slot& slot)>;

  static constexpr std::size_t k_chunk = 64;  // commits a reader takes at a time
  static constexpr std::size_t k_window = 32; // chunks the readers may be ahead of the walk

  // `threads` readers over `count` commits; none when there are too few commits to pay for a
  // thread (wait() then returns null and the walk reads for itself).
  Readahead(const git::Repository& repo, std::size_t count, unsigned threads, Read read)
      : m_repo(repo), m_read(std::move(read)), m_slots(count), m_filled(count, 0),
        m_chunks((count + k_chunk - 1) / k_chunk), m_chunk_done(m_chunks, false) {
    if (threads == 0 || m_chunks < 2)
      return;
    const auto readers = static_cast<unsigned>(std::min<std::size_t>(threads, m_chunks));
    m_threads.reserve(readers);
    for (unsigned t = 0; t < readers; ++t)
      m_threads.emplace_back([this] { reader(); });
  }

  Readahead(const Readahead&) = delete;
  Readahead& operator=(const Readahead&) = delete;

  ~Readahead() {
    m_stop_hint.store(true, std::memory_order_relaxed);
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_more.notify_all();
    for (auto& t : m_threads)
      t.join();
  }

  // The slot of commit `index` once its chunk is read; null when it was not read ahead. While
  // the chunk is not taken yet (the readers are behind), the walk reads chunks itself on `own`.
  Slot* wait(std::size_t index, const git::Graph& own) {
    if (m_threads.empty())
      return nullptr;
    const std::size_t chunk = index / k_chunk;
    std::unique_lock lock(m_mutex);
    while (!m_chunk_done[chunk] && m_next <= chunk) {
      const std::size_t taken = m_next++;
      lock.unlock();
      read_chunk(own, taken);
      lock.lock();
    }
    m_ready.wait(lock, [&] { return m_chunk_done[chunk]; });
    return m_filled[index] ? &m_slots[index] : nullptr;
  }

  // The walk is done with commit `index`: its slot is freed, and at the end of a chunk the
  // readers may go one chunk further.
  void done(std::size_t index) {
    if (m_threads.empty())
      return;
    m_slots[index] = Slot{};
    if ((index + 1) % k_chunk != 0 && index + 1 != m_slots.size())
      return;
    {
      std::lock_guard lock(m_mutex);
      m_walked = index / k_chunk + 1;
    }
    m_more.notify_all();
  }

private:
  void reader() {
    std::optional<git::Graph> graph;
    try {
      graph.emplace(m_repo);
    } catch (...) {
      // Chunks are still taken and handed over unread, so the walk never waits for them.
    }
    while (true) {
      std::size_t chunk = 0;
      {
        std::unique_lock lock(m_mutex);
        m_more.wait(lock,
                    [&] { return m_stop || m_next >= m_chunks || m_next < m_walked + k_window; });
        if (m_stop || m_next >= m_chunks)
          return;
        chunk = m_next++;
      }
      if (graph)
        read_chunk(*graph, chunk);
      else
        finish(chunk);
    }
  }

  void read_chunk(const git::Graph& graph, std::size_t chunk) {
    const std::size_t end = std::min(m_slots.size(), (chunk + 1) * k_chunk);
    for (std::size_t i = chunk * k_chunk; i < end; ++i) {
      try {
        m_read(graph, i, m_slots[i]);
        m_filled[i] = 1;
      } catch (...) {
        m_slots[i] = Slot{};
      }
      if (m_stop_hint.load(std::memory_order_relaxed))
        break;
    }
    finish(chunk);
  }

  void finish(std::size_t chunk) {
    {
      std::lock_guard lock(m_mutex);
      m_chunk_done[chunk] = true;
    }
    m_ready.notify_all();
  }

  const git::Repository& m_repo;
  Read m_read;
  std::vector<Slot> m_slots;
  std::vector<char> m_filled; // written by the chunk's reader before the chunk is done
  const std::size_t m_chunks;
  std::vector<bool> m_chunk_done;       // guarded by m_mutex
  std::size_t m_next = 0;               // the next chunk to read; guarded by m_mutex
  std::size_t m_walked = 0;             // chunks the walk is done with; guarded by m_mutex
  bool m_stop = false;                  // guarded by m_mutex
  std::atomic<bool> m_stop_hint{false}; // stop within a chunk (the walk ended early)
  std::mutex m_mutex;
  std::condition_variable m_ready; // a chunk is read
  std::condition_variable m_more;  // the walk moved on, or stop
  std::vector<std::thread> m_threads;
};

} // namespace pmo::ledger
