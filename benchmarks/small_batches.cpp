// Small batches cost no more than a loop of scalar calls (issue 18): every batch form runs on one
// persistent thread pool, and a batch too small to share stays on the calling thread. For each
// batch size, the time per element of the batch form and of a loop calling the scalar function,
// and their ratio (batch / loop: 1 or below is the goal). Built and run by small_batches.sh.
#include <tipstats/tipstats.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

// Seconds per run of `body`, the best of 5 rounds of enough runs to last about 20 ms.
double seconds_per_run(const std::function<void()>& body) {
    using clock = std::chrono::steady_clock;
    std::size_t runs = 1;
    for (;;) {
        const auto start = clock::now();
        for (std::size_t i = 0; i < runs; ++i) body();
        if (std::chrono::duration<double>(clock::now() - start).count() > 0.02) break;
        runs *= 2;
    }
    double best = 1e9;
    for (int round = 0; round < 5; ++round) {
        const auto start = clock::now();
        for (std::size_t i = 0; i < runs; ++i) body();
        best = std::min(best, std::chrono::duration<double>(clock::now() - start).count() / static_cast<double>(runs));
    }
    return best;
}

volatile double sink = 0;

void report(const char* what, std::size_t n, double batch, double loop) {
    std::printf("%-28s %6zu %12.3f %12.3f %8.2f\n", what, n, batch / static_cast<double>(n) * 1e6,
                loop / static_cast<double>(n) * 1e6, batch / loop);
}

}  // namespace

int main() {
    namespace st = tipstats::stats;
    namespace tt = tipstats::trend;
    std::printf("%-28s %6s %12s %12s %8s\n", "function", "n", "batch us/el", "loop us/el", "ratio");
    for (const std::size_t n : {1, 2, 4, 8, 16, 64, 256, 4096}) {
        std::vector<double> x(n), trials(n), lower(n), upper(n);
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = static_cast<double>(1 + i % 50);  // every element a real interval (none at 0)
            trials[i] = 100;
        }
        const double batch = seconds_per_run([&] { st::proportion_ci(x, trials, lower, upper, {.method = st::proportion_method::exact}); });
        const double loop = seconds_per_run([&] {
            for (std::size_t i = 0; i < n; ++i)
                sink = sink + st::proportion_ci(x[i], trials[i], {.method = st::proportion_method::exact}).lower;
        });
        report("stats::proportion_ci exact", n, batch, loop);
    }
    for (const std::size_t rows : {1, 2, 4, 8, 16, 64, 256}) {
        constexpr std::size_t cols = 20;
        std::vector<double> y(rows * cols);
        for (std::size_t i = 0; i < y.size(); ++i) y[i] = static_cast<double>((i * 7919) % 101 + i % cols);
        const tt::series_matrix m{y.data(), rows, cols};
        const double mk_batch = seconds_per_run([&] { sink = sink + tt::mann_kendall_batch(m).front().tau; });
        const double mk_loop = seconds_per_run([&] {
            for (std::size_t r = 0; r < rows; ++r) sink = sink + tt::mann_kendall(m.row(r)).tau;
        });
        report("trend::mann_kendall (20)", rows, mk_batch, mk_loop);
        const double ll_batch = seconds_per_run([&] { sink = sink + tt::loglinear_batch(m).front().slope; });
        const double ll_loop = seconds_per_run([&] {
            for (std::size_t r = 0; r < rows; ++r) sink = sink + tt::loglinear(m.row(r)).slope;
        });
        report("trend::loglinear (20)", rows, ll_batch, ll_loop);
    }
    return 0;
}
