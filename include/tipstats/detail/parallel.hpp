#pragma once
// Element-wise work split over std::thread chunks. Small and generic on purpose: batch kernels call
// parallel_for(n, threads, fn) with fn(begin, end) over a half-open index range.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace tipstats {

/// The number of threads `threads = 0` stands for: every core the machine reports (at least 1).
inline unsigned default_threads() noexcept {
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1u : cores;
}

/// Calls fn(begin, end) over consecutive chunks of [0, n), using up to `threads` threads
/// (0: default_threads()). Chunks have at least `min_chunk` elements, so small inputs stay on the
/// calling thread. If chunks throw, the exception of the lowest chunk is rethrown after all joined.
template <class Fn>
void parallel_for(std::size_t n, unsigned threads, Fn&& fn, std::size_t min_chunk = 2048) {
    if (n == 0) return;
    const std::size_t wanted = threads == 0 ? default_threads() : threads;
    const std::size_t by_size = std::max<std::size_t>(1, n / std::max<std::size_t>(1, min_chunk));
    const std::size_t chunks = std::min(wanted, by_size);
    if (chunks <= 1) {
        fn(std::size_t{0}, n);
        return;
    }
    std::vector<std::exception_ptr> errors(chunks);
    std::vector<std::thread> workers;
    workers.reserve(chunks - 1);
    const auto bounds = [&](std::size_t c) { return n * c / chunks; };
    const auto run = [&](std::size_t c) {
        try {
            fn(bounds(c), bounds(c + 1));
        } catch (...) {
            errors[c] = std::current_exception();
        }
    };
    for (std::size_t c = 1; c < chunks; ++c) workers.emplace_back(run, c);
    run(0);  // the calling thread takes the first chunk
    for (auto& w : workers) w.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace tipstats
