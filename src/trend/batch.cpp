#include <tipstats/trend/batch.hpp>

#include "rows.hpp"

namespace tipstats::trend {
using detail::for_each_row;
using detail::for_each_row_indexed;

std::vector<mann_kendall_result> mann_kendall_batch(const series_matrix& y, std::span<const double> x,
                                                    const mann_kendall_options& options, const batch_options& run) {
    return for_each_row<mann_kendall_result>(y, run.threads, [&](std::span<const double> row) {
        return mann_kendall(row, x, options);
    });
}

std::vector<sens_slope_result> sens_slope_batch(const series_matrix& y, std::span<const double> x, double level,
                                                const batch_options& run) {
    return for_each_row<sens_slope_result>(y, run.threads, [&](std::span<const double> row) {
        return sens_slope(row, x, level);
    });
}

std::vector<loglinear_result> loglinear_batch(const series_matrix& counts, std::span<const double> x,
                                              const series_matrix& exposure, const loglinear_options& options,
                                              const batch_options& run) {
    if (exposure.rows != 0 && ((exposure.rows != 1 && exposure.rows != counts.rows) || exposure.cols != counts.cols))
        throw domain_error("exposure", "must have shape (" + std::to_string(counts.cols) + ",) or (" +
                                           std::to_string(counts.rows) + ", " + std::to_string(counts.cols) +
                                           ") like the counts");
    return for_each_row_indexed<loglinear_result>(counts, run.threads, [&](std::size_t i) {
        const auto e = exposure.rows == 0 ? std::span<const double>{} : exposure.row(exposure.rows == 1 ? 0 : i);
        return loglinear(counts.row(i), x, e, options);
    });
}

std::vector<linear_result> linear_batch(const series_matrix& y, std::span<const double> x, double level,
                                        const batch_options& run) {
    return for_each_row<linear_result>(y, run.threads, [&](std::span<const double> row) { return linear(row, x, level); });
}

}  // namespace tipstats::trend
