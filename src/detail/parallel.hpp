#pragma once
// The project's only thread loops (private to src/), on one persistent pool of threads started on
// first use: a batch of a few elements costs no thread start. Every form rethrows, after all its
// parts finished, the exception raised at the lowest index, so a batch fails the same way whatever
// the thread count. Loops may nest (a row of a batch running its own loop): a thread that waits
// for a loop works on it, so nesting cannot deadlock.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <type_traits>
#include <vector>

namespace tipstats::detail {

/// Threads of the shared pool, the calling thread included (the hardware's, at least 1).
unsigned pool_threads() noexcept;

/// A type-erased reference to a callable taking the part number (no allocation, no ownership).
class part_function {
public:
    template <class Fn>
        requires(!std::is_same_v<std::remove_cv_t<Fn>, part_function>)
    part_function(Fn& fn) noexcept  // NOLINT(google-explicit-constructor)
        : object_(&fn), call_([](void* f, unsigned part) { (*static_cast<Fn*>(f))(part); }) {}
    void operator()(unsigned part) const { call_(object_, part); }

private:
    void* object_;
    void (*call_)(void*, unsigned);
};

/// Runs fn(part) for every part in [0, parts) on the calling thread and the pool's threads, and
/// returns when all are done. `fn` must not throw (the loops below catch for it).
void run_parts(unsigned parts, part_function fn);

/// Threads to use: `requested`, or every thread of the pool when 0; never more than `work_items`
/// (at least 1).
inline unsigned thread_count(unsigned requested, std::size_t work_items) {
    unsigned threads = requested ? requested : pool_threads();
    if (work_items < threads) threads = static_cast<unsigned>(std::max<std::size_t>(work_items, 1));
    return threads;
}

/// Runs fn(begin, end, part) on exactly `parts` contiguous slices of [0, n): for kernels that keep
/// per-part state indexed by `part`.
template <class Fn>
void parallel_slices(std::size_t n, unsigned parts, Fn&& fn) {
    if (parts <= 1) {
        fn(std::size_t{0}, n, 0u);
        return;
    }
    std::vector<std::exception_ptr> errors(parts);
    auto run = [&](unsigned p) {
        const std::size_t begin = n / parts * p + std::min<std::size_t>(p, n % parts);
        const std::size_t end = begin + n / parts + (p < n % parts ? 1 : 0);
        try {
            fn(begin, end, p);
        } catch (...) {
            errors[p] = std::current_exception();
        }
    };
    run_parts(parts, run);
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
}

/// Calls fn(begin, end) over contiguous ranges of [0, n) on up to `threads` threads (0: all of the
/// pool), each range at least `min_chunk` long so that small inputs stay on the calling thread: for
/// element-wise kernels of even cost.
template <class Fn>
void parallel_ranges(std::size_t n, unsigned threads, Fn&& fn, std::size_t min_chunk = 2048) {
    if (n == 0) return;
    const unsigned parts = thread_count(threads, n / std::max<std::size_t>(1, min_chunk));
    parallel_slices(n, parts, [&](std::size_t begin, std::size_t end, unsigned) { fn(begin, end); });
}

/// Calls body(i) for every i in [0, n) on up to `threads` threads (0: all of the pool), handing out
/// indices in chunks of `chunk` as threads become free: for work items of uneven cost (series of a
/// batch, permutations).
template <class Body>
void parallel_for(std::size_t n, unsigned threads, Body&& body, std::size_t chunk = 16) {
    threads = thread_count(threads, (n + chunk - 1) / chunk);
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    std::atomic<std::size_t> failed_index{n};
    std::exception_ptr failure;
    auto work = [&](unsigned) {
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
    if (threads <= 1) work(0);
    else run_parts(threads, work);
    if (failure) std::rethrow_exception(failure);
}

}  // namespace tipstats::detail
