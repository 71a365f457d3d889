#include "context.hpp"

#include <random>

namespace pmo::cli {

std::uint64_t RandomSource::next() {
  if (!m_seeded) {
    std::random_device entropy;
    return (std::uint64_t{entropy()} << 32) ^ entropy();
  }
  // splitmix64: a well-mixed sequence from any seed, 0 included.
  std::uint64_t x = m_state += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

} // namespace pmo::cli
