#pragma once
// Mann-Kendall trend tests (original, Hamed-Rao and Yue-Wang variance corrections, seasonal) and
// the Theil-Sen slope with the rank-based confidence interval of R's trend::sens.slope.
//
// Numbers only: y, optional left-censoring flags and optional x as spans. Missing values (NaN in y)
// are left out and counted, as pymannkendall leaves them out; x, when given, must be finite and
// strictly increasing. With a left-censored value ("<5": y holds the detection limit 5 and its
// flag is set) the test and the slope are those of the Akritas-Theil-Sen approach as R's NADA
// cenken computes them (akritas_theil_sen.hpp).

#include <tipstats/interval.hpp>
#include <tipstats/number_span.hpp>
#include <tipstats/text.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace tipstats::trend {

enum class mk_method {
    original,   ///< Mann (1945), Kendall (1975), tie-corrected variance (Gilbert 1987)
    hamed_rao,  ///< Hamed & Rao (1998): variance inflated by significant autocorrelations of ranks
    yue_wang,   ///< Yue & Wang (2004): effective sample size from the detrended series' autocorrelation
};

enum class trend_direction { increasing, decreasing, no_trend };

/// "increasing", "decreasing" or "no trend" (pymannkendall's words).
inline std::string_view to_string(trend_direction d) {
    switch (d) {
        case trend_direction::increasing: return "increasing";
        case trend_direction::decreasing: return "decreasing";
        case trend_direction::no_trend: return "no trend";
    }
    return "no trend";
}

inline std::string_view to_string(mk_method m) {
    switch (m) {
        case mk_method::original: return "original";
        case mk_method::hamed_rao: return "hamed_rao";
        case mk_method::yue_wang: return "yue_wang";
    }
    return "original";
}

struct mann_kendall_options {
    mk_method method = mk_method::original;
    /// Seasonal test (Hirsch & Slack 1984) when > 0: observation i belongs to season i mod period.
    /// Only with the original method.
    std::size_t period = 0;
    /// Hamed-Rao / Yue-Wang: number of autocorrelation lags used; all (n - 1) when unset.
    std::optional<std::size_t> lag;
    /// Significance level for `trend` (and Hamed-Rao's test of each autocorrelation).
    double alpha = 0.05;
};

struct mann_kendall_result {
    double s = 0;          ///< Kendall's S = sum over i < j of sign(y_j - y_i)
    double var_s = 0;      ///< variance of S, tie-corrected (and corrected for autocorrelation)
    double z = 0;          ///< (S - sign(S)) / sqrt(var_s): continuity corrected; NaN when a corrected var_s <= 0
    double p_value = 1;    ///< two-sided normal p-value; NaN (and no trend) when z is NaN
    double tau = 0;        ///< Kendall's tau-a: S / (number of pairs)
    trend_direction trend = trend_direction::no_trend;  ///< direction when p_value < alpha
    double slope = 0;      ///< Theil-Sen slope per unit of x (per cycle for a seasonal test without x)
    double intercept = 0;  ///< median(y) - slope * median(x) (Conover 1980, as pymannkendall); censored: Turnbull median residual
    std::size_t n = 0;     ///< observations used
    std::size_t n_censored = 0;  ///< of which left-censored
    std::size_t n_missing = 0;   ///< NaN values left out
};

/// Mann-Kendall test. Without x, x is the position 0, 1, ..., n-1 in the original series (before
/// NaN are dropped); a seasonal test without x measures time in cycles (position / period).
/// Throws domain_error if fewer than 2 values remain, x is not strictly increasing or finite, or
/// options are inconsistent.
mann_kendall_result mann_kendall(number_span y, std::span<const double> x = {},
                                 const mann_kendall_options& options = {});

/// The same with left-censoring flags (empty: none). With a censored value the test is cenken's
/// (original method only, no seasons: Hamed-Rao, Yue-Wang and the seasonal test are not defined
/// for censored values and raise domain_error), the slope the Akritas-Theil-Sen slope and the
/// intercept the Turnbull median residual.
mann_kendall_result mann_kendall(number_span y, std::span<const unsigned char> censored,
                                 std::span<const double> x = {}, const mann_kendall_options& options = {});

struct sens_slope_result {
    double slope = 0;      ///< median of the pairwise slopes (y_j - y_i) / (x_j - x_i)
    double intercept = 0;  ///< median(y) - slope * median(x)
    interval slope_ci;     ///< rank-based confidence limits (an end NaN when its rank falls outside)
    double level = 0.95;
    std::size_t n = 0;
    std::size_t n_censored = 0;  ///< left-censored values used (Akritas-Theil-Sen; no interval then)
    std::size_t n_missing = 0;   ///< NaN values left out
};

/// Theil (1950) - Sen (1968) slope with the confidence interval of Sen (1968) as R's
/// trend::sens.slope computes it: with N pairwise slopes sorted and C = z_{(1+level)/2} sqrt(var S)
/// (tie-corrected), lower = slope[round((N - C) / 2)], upper = slope[round((N + C) / 2 + 1)],
/// 1-based, rounding half to even as R does.
sens_slope_result sens_slope(number_span y, std::span<const double> x = {}, double level = 0.95);

/// The same with left-censoring flags (empty: none). With a censored value the slope and intercept
/// are the Akritas-Theil-Sen line of cenken, which has no rank interval: slope_ci is NaN.
sens_slope_result sens_slope(number_span y, std::span<const unsigned char> censored,
                             std::span<const double> x = {}, double level = 0.95);

}  // namespace tipstats::trend
