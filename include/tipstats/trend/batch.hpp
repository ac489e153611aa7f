#pragma once
// Batch runners: one series per row of a row-major matrix, on the shared thread pool (see
// batch_options), results identical to the one-series functions row by row. A bad row throws the one-series error,
// rethrown as a domain_error whose argument names the row, e.g. "Y[12]".

#include <tipstats/batch_options.hpp>
#include <tipstats/trend/joinpoint.hpp>
#include <tipstats/trend/loglinear.hpp>
#include <tipstats/trend/mann_kendall.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace tipstats::trend {

/// A read-only row-major matrix: `rows` series of `cols` values each.
struct series_matrix {
    const double* data = nullptr;
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::span<const double> row(std::size_t i) const { return {data + i * cols, cols}; }
};

std::vector<mann_kendall_result> mann_kendall_batch(const series_matrix& y, std::span<const double> x = {},
                                                    const mann_kendall_options& options = {},
                                                    const batch_options& run = {});
std::vector<sens_slope_result> sens_slope_batch(const series_matrix& y, std::span<const double> x = {},
                                                double level = 0.95, const batch_options& run = {});

/// `exposure`: no rows (none), one row (the same for every series) or one row per series.
std::vector<loglinear_result> loglinear_batch(const series_matrix& counts, std::span<const double> x = {},
                                              const series_matrix& exposure = {},
                                              const loglinear_options& options = {}, const batch_options& run = {});
std::vector<linear_result> linear_batch(const series_matrix& y, std::span<const double> x = {}, double level = 0.95,
                                        const batch_options& run = {});

/// Joinpoint fits of every row; each row runs its permutations on one thread (rows are spread over
/// the pool), with the same options (and seed) as a one-series call.
std::vector<joinpoint_result> joinpoint_batch(const series_matrix& y, std::span<const double> x = {},
                                              const joinpoint_options& options = {}, const batch_options& run = {});

}  // namespace tipstats::trend
