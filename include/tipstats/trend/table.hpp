#pragma once
// One trend row per series for many count series of different lengths at once: the log-linear fit
// (APC), the Mann-Kendall test and the Sen slope, censored counts used as loglinear and
// mann_kendall use them, on every core. A series that cannot be fitted gets a note saying why,
// never an exception and never a number standing in for a missing result.

#include <tipstats/batch_options.hpp>
#include <tipstats/trend/loglinear.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace tipstats::trend {

/// Series laid end to end: series i is positions offsets[i] .. offsets[i + 1] - 1 of each span.
/// counts is NaN where a count is censored (then lower and upper are its inclusive bounds, as in
/// loglinear) or missing (NaN bounds); x is strictly increasing within each series.
struct ragged_counts {
    std::span<const double> counts, lower, upper, x;
    std::span<const std::size_t> offsets;  ///< series + 1 values, from 0 to counts.size(), non-decreasing
};

struct trend_row {
    std::size_t n = 0;           ///< counts used (exact and censored)
    std::size_t n_censored = 0;
    std::size_t n_missing = 0;
    // Log-linear fit (NaN when not fitted; the note says why).
    double slope = 0, se = 0, apc = 0, p_value = 0;
    interval apc_ci;
    double dispersion = 0;     ///< 1 (poisson), phi (quasi) or alpha (negbin)
    double pearson_ratio = 0;  ///< Pearson chi-square / df over the exact counts: > 1 is overdispersion
    // Mann-Kendall (Akritas-Theil-Sen with left-censored counts; NaN when not computed).
    double mk_tau = 0, mk_p_value = 0, sen_slope = 0;
    std::string mk_trend;  ///< "increasing", "decreasing" or "no trend" at the 5 % level; empty when not computed
    std::string note;  ///< empty when everything was computed
};

/// For counts a left-censored value [0, u] is "< u + 1" to the Mann-Kendall test (cenken's
/// detection limit); series with right- or interval-censored counts get no Mann-Kendall result.
/// The log-linear fits use `options` (negative binomial by default). Throws domain_error only for
/// malformed offsets or spans.
std::vector<trend_row> trend_table(const ragged_counts& data,
                                   const loglinear_options& options = {.model = count_model::negbin},
                                   const batch_options& run = {});

}  // namespace tipstats::trend
