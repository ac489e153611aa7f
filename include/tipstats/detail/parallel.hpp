#pragma once
// The project's only thread loops (std::thread, no OpenMP). Every form rethrows, after all threads
// joined, the exception raised at the lowest index, so a batch fails the same way whatever the
// thread count.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tipstats::detail {

/// Threads to use: `requested`, or every core when 0; never more than `work_items` (at least 1).
inline unsigned thread_count(unsigned requested, std::size_t work_items) {
    unsigned threads = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    if (work_items < threads) threads = static_cast<unsigned>(std::max<std::size_t>(work_items, 1));
    return threads;
}

/// Runs fn(begin, end, part) on exactly `parts` contiguous slices of [0, n), one thread each (the
/// calling thread takes the first): for kernels that keep per-thread state indexed by `part`.
template <class Fn>
void parallel_slices(std::size_t n, unsigned parts, Fn&& fn) {
    if (parts <= 1) {
        fn(std::size_t{0}, n, 0u);
        return;
    }
    std::vector<std::exception_ptr> errors(parts);
    const auto run = [&](unsigned p) {
        const std::size_t begin = n / parts * p + std::min<std::size_t>(p, n % parts);
        const std::size_t end = begin + n / parts + (p < n % parts ? 1 : 0);
        try {
            fn(begin, end, p);
        } catch (...) {
            errors[p] = std::current_exception();
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(parts - 1);
    for (unsigned p = 1; p < parts; ++p) workers.emplace_back(run, p);
    run(0);
    for (auto& w : workers) w.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

/// Calls fn(begin, end) over contiguous ranges of [0, n) on up to `threads` threads (0: all cores),
/// each range at least `min_chunk` long so that small inputs stay on the calling thread: for
/// element-wise kernels of even cost.
template <class Fn>
void parallel_ranges(std::size_t n, unsigned threads, Fn&& fn, std::size_t min_chunk = 2048) {
    if (n == 0) return;
    const unsigned parts = thread_count(threads, n / std::max<std::size_t>(1, min_chunk));
    parallel_slices(n, parts, [&](std::size_t begin, std::size_t end, unsigned) { fn(begin, end); });
}

/// Calls body(i) for every i in [0, n) on up to `threads` threads (0: all cores), handing out
/// indices in chunks of `chunk` as threads become free: for work items of uneven cost (series of a
/// batch, permutations).
template <class Body>
void parallel_for(std::size_t n, unsigned threads, Body&& body, std::size_t chunk = 16) {
    threads = thread_count(threads, (n + chunk - 1) / chunk);
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    std::atomic<std::size_t> failed_index{n};
    std::exception_ptr failure;
    auto work = [&] {
        for (;;) {
            const std::size_t begin = next.fetch_add(chunk);
            if (begin >= n) return;
            const std::size_t end = std::min(n, begin + chunk);
            for (std::size_t i = begin; i < end; ++i) {
                if (i > failed_index.load(std::memory_order_relaxed)) return;
                try {
                    body(i);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(failure_mutex);
                    if (i < failed_index) {
                        failed_index = i;
                        failure = std::current_exception();
                    }
                }
            }
        }
    };
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads - 1);
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& thread : pool) thread.join();
    }
    if (failure) std::rethrow_exception(failure);
}

}  // namespace tipstats::detail
