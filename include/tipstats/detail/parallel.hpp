#pragma once
// A small std::thread loop over indices, used by the batch runners and the permutation test.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tipstats::detail {

/// Threads to use: `requested`, or every core when 0; never more than `work_items`.
inline unsigned thread_count(unsigned requested, std::size_t work_items) {
    unsigned threads = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    if (work_items < threads) threads = static_cast<unsigned>(std::max<std::size_t>(work_items, 1));
    return threads;
}

/// Calls `body(i)` for every i in [0, n) on `threads` threads (0: all cores), handing out indices
/// in chunks. If bodies throw, the exception of the lowest failing index is rethrown after all
/// threads joined, so a batch fails the same way whatever the thread count.
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
