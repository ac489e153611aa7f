#pragma once
// Seeds for parallel random streams: each task's generator is seeded from the user's seed and the
// task's number, so results do not depend on how many threads run the tasks.

#include <cstdint>

namespace tipstats::detail {

/// SplitMix64's output function (Steele, Lea & Flood 2014): a bijective mix of 64 bits, so that
/// nearby seeds (seed, seed + 1) give unrelated streams.
constexpr std::uint64_t splitmix64(std::uint64_t v) {
    v += 0x9E3779B97F4A7C15ULL;
    v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ULL;
    v = (v ^ (v >> 27)) * 0x94D049BB133111EBULL;
    return v ^ (v >> 31);
}

}  // namespace tipstats::detail
