#include <tipstats/trend/batch.hpp>

#include <tipstats/detail/parallel.hpp>
#include <tipstats/error.hpp>

#include <string>

namespace tipstats::trend {
namespace {

// Runs `one(i)` for every row index; an error in a row is rethrown naming the row.
template <class Result, class One>
std::vector<Result> for_each_row_indexed(const series_matrix& y, unsigned threads, One&& one) {
    std::vector<Result> out(y.rows);
    tipstats::detail::parallel_for(y.rows, threads, [&](std::size_t i) {
        try {
            out[i] = one(i);
        } catch (const domain_error& e) {
            throw domain_error("Y[" + std::to_string(i) + "]", e.what(), e.index());
        }
    });
    return out;
}

template <class Result, class One>
std::vector<Result> for_each_row(const series_matrix& y, unsigned threads, One&& one) {
    return for_each_row_indexed<Result>(y, threads, [&](std::size_t i) { return one(y.row(i)); });
}

}  // namespace

std::vector<mann_kendall_result> mann_kendall_batch(const series_matrix& y, std::span<const double> x,
                                                    const mann_kendall_options& options, unsigned threads) {
    return for_each_row<mann_kendall_result>(y, threads, [&](std::span<const double> row) {
        return mann_kendall(row, x, options);
    });
}

std::vector<sens_slope_result> sens_slope_batch(const series_matrix& y, std::span<const double> x, double level,
                                                unsigned threads) {
    return for_each_row<sens_slope_result>(y, threads, [&](std::span<const double> row) {
        return sens_slope(row, x, level);
    });
}

std::vector<loglinear_result> loglinear_batch(const series_matrix& counts, std::span<const double> x,
                                              const series_matrix& exposure, dispersion_model dispersion,
                                              double level, unsigned threads) {
    if (exposure.rows != 0 && ((exposure.rows != 1 && exposure.rows != counts.rows) || exposure.cols != counts.cols))
        throw domain_error("exposure", "must have shape (" + std::to_string(counts.cols) + ",) or (" +
                                           std::to_string(counts.rows) + ", " + std::to_string(counts.cols) +
                                           ") like the counts");
    return for_each_row_indexed<loglinear_result>(counts, threads, [&](std::size_t i) {
        const auto e = exposure.rows == 0 ? std::span<const double>{} : exposure.row(exposure.rows == 1 ? 0 : i);
        return loglinear(counts.row(i), x, e, dispersion, level);
    });
}

std::vector<linear_result> linear_batch(const series_matrix& y, std::span<const double> x, double level,
                                        unsigned threads) {
    return for_each_row<linear_result>(y, threads, [&](std::span<const double> row) { return linear(row, x, level); });
}

std::vector<joinpoint_result> joinpoint_batch(const series_matrix& y, std::span<const double> x,
                                              const joinpoint_options& options, unsigned threads) {
    joinpoint_options one_thread = options;
    one_thread.threads = 1;
    return for_each_row<joinpoint_result>(
        y, threads, [&](std::span<const double> row) { return joinpoint(row, x, one_thread); });
}

}  // namespace tipstats::trend
