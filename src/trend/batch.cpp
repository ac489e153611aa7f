#include <tipstats/trend/batch.hpp>

#include <tipstats/detail/parallel.hpp>
#include <tipstats/error.hpp>

#include <string>

namespace tipstats::trend {
namespace {

// Runs `one(row)` for every row; an error in a row is rethrown naming the row.
template <class Result, class One>
std::vector<Result> for_each_row(const series_matrix& y, unsigned threads, One&& one) {
    std::vector<Result> out(y.rows);
    tipstats::detail::parallel_for(y.rows, threads, [&](std::size_t i) {
        try {
            out[i] = one(y.row(i));
        } catch (const domain_error& e) {
            throw domain_error("Y[" + std::to_string(i) + "]", e.what(), e.index());
        }
    });
    return out;
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

}  // namespace tipstats::trend
