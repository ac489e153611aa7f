// The shared thread pool: started on first use, stopped at exit. A job is a number of parts; the
// caller and every idle worker claim parts until none is left, and the caller waits only for parts
// already being run. Jobs from several callers (or nested loops) queue and are worked on in order.
#include "parallel.hpp"

#include <condition_variable>
#include <deque>
#include <thread>

namespace tipstats::detail {
namespace {

struct job {
    part_function fn;
    unsigned parts;
    std::atomic<unsigned> next{0};
    unsigned workers_inside = 0;         ///< workers running work(); guarded by the pool's mutex
    std::condition_variable workers_out;  ///< signalled when workers_inside drops to 0

    job(part_function f, unsigned p) : fn(f), parts(p) {}

    /// Runs parts until none is left to claim.
    void work() {
        for (unsigned part; (part = next.fetch_add(1)) < parts;) fn(part);
    }
};

class pool {
public:
    pool() {
        const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
        workers_.reserve(hardware - 1);
        for (unsigned i = 1; i < hardware; ++i) workers_.emplace_back([this] { serve(); });
    }
    ~pool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& w : workers_) w.join();
    }

    unsigned threads() const noexcept { return static_cast<unsigned>(workers_.size()) + 1; }

    void run(unsigned parts, part_function fn) {
        job j(fn, parts);
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(&j);
        }
        wake_.notify_all();
        j.work();  // every part is claimed when this returns
        std::unique_lock lock(mutex_);
        // No worker may pick the job up any more; wait for those running its last parts.
        if (const auto it = std::find(queue_.begin(), queue_.end(), &j); it != queue_.end()) queue_.erase(it);
        j.workers_out.wait(lock, [&] { return j.workers_inside == 0; });
    }

private:
    void serve() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job* j = queue_.front();
            queue_.pop_front();  // one worker per wake-up; the caller and this worker share the rest
            if (j->next.load() + 1 < j->parts) queue_.push_back(j);  // parts left for another worker
            ++j->workers_inside;
            lock.unlock();
            j->work();
            lock.lock();
            if (--j->workers_inside == 0) j->workers_out.notify_all();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<job*> queue_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

pool& shared_pool() {
    static pool instance;
    return instance;
}

}  // namespace

unsigned pool_threads() noexcept { return shared_pool().threads(); }

void run_parts(unsigned parts, part_function fn) {
    if (parts <= 1) {
        if (parts == 1) fn(0);
        return;
    }
    shared_pool().run(parts, fn);
}

}  // namespace tipstats::detail
