#pragma once
// Joinpoint regression as NCI's Joinpoint program does it: continuous segmented linear regression
// of y (linear model) or ln y (log-linear model) on x, joinpoints at observed x values found by
// grid search (Lerman 1980), the number of joinpoints chosen by the sequential permutation test
// (Kim, Fay, Feuer & Midthune 2000, Stat Med 19:335-351) or by BIC / weighted BIC (Kim et al.
// 2023, J Appl Stat 50:1992-2013), APC and AAPC with confidence intervals.

#include <tipstats/interval.hpp>
#include <tipstats/number_span.hpp>
#include <tipstats/text.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace tipstats::trend {

enum class joinpoint_model { loglinear, linear };
enum class joinpoint_selection { permutation, bic, wbic };
/// Significance of each permutation test H0: k_a vs H1: k_b. `nci` is the rule of Joinpoint 3.0
/// and later, alpha / (max_joinpoints - k_a); `bonferroni` the earlier alpha / (max - min).
enum class joinpoint_adjustment { nci, bonferroni };

/// Zero values in a log-linear model. NCI's Joinpoint refuses a zero dependent variable in a
/// log-linear run, but when the data are counts it adds 0.5 to each zero count (provided some count
/// is positive); `add_half` states that rule. Negative values are always an error.
enum class joinpoint_zeros { error, add_half };

inline std::string_view to_string(joinpoint_model m) { return m == joinpoint_model::linear ? "linear" : "loglinear"; }
inline std::string_view to_string(joinpoint_selection s) {
    return s == joinpoint_selection::bic ? "bic" : s == joinpoint_selection::wbic ? "wbic" : "permutation";
}

struct joinpoint_options {
    joinpoint_model model = joinpoint_model::loglinear;
    std::size_t min_joinpoints = 0;
    std::size_t max_joinpoints = 3;  ///< at most 9, as in NCI's program
    joinpoint_selection selection = joinpoint_selection::permutation;
    joinpoint_adjustment adjustment = joinpoint_adjustment::nci;
    joinpoint_zeros zeros = joinpoint_zeros::error;
    std::size_t permutations = 4499;
    double alpha = 0.05;
    /// Observations strictly between a joinpoint and either end of the data (at least 1).
    std::size_t min_obs_end = 2;
    /// Observations strictly between two joinpoints.
    std::size_t min_obs_between = 2;
    /// Weighted least squares weights (e.g. 1 / variance of ln y); empty for equal weights.
    std::span<const double> weights;
    /// Seed of the permutations; a random seed when unset. Results do not depend on `threads`.
    std::optional<std::uint64_t> seed;
    double level = 0.95;  ///< of the APC / AAPC intervals
    unsigned threads = 0; ///< permutation test threads (0: all cores)
};

struct joinpoint_segment {
    double start = 0, end = 0;  ///< x range of the segment
    double slope = 0;           ///< of y (linear) or ln y (log-linear) per unit x
    interval slope_ci;
    double apc = 0;             ///< 100 (e^slope - 1) for the log-linear model; NaN for linear
    interval apc_ci;
    double p_value = 1;         ///< t test of slope = 0
};

struct joinpoint_test {
    std::size_t null_joinpoints = 0, alternative_joinpoints = 0;
    double statistic = 0;  ///< SSE(null) / SSE(alternative)
    double p_value = 1;    ///< (1 + #{permuted statistic >= observed}) / (1 + permutations)
    double alpha = 0;      ///< the level this test was judged at
    bool rejected = false;
};

/// The best fit with k joinpoints and its information criteria.
struct joinpoint_candidate {
    std::size_t joinpoints = 0;
    std::vector<double> locations;
    double sse = 0;
    double bic = 0;   ///< ln(SSE/n) + (2k + 2) ln(n) / n
    double bic3 = 0;  ///< ln(SSE/n) + (3k + 2) ln(n) / n
    double wbic = 0;  ///< ln(SSE/n) + ((2 + R2max) k + 2) ln(n) / n
};

/// Average (annual) percent change over [from, to]: the mean slope of the fitted curve there.
struct average_change {
    double from = 0, to = 0;
    double slope = 0;
    interval slope_ci;
    double percent = 0;   ///< AAPC = 100 (e^slope - 1) (log-linear)
    interval percent_ci;  ///< its interval
    bool t_based = false;                       ///< within one segment: t interval; else normal
};

struct joinpoint_result {
    joinpoint_model model = joinpoint_model::loglinear;
    joinpoint_selection selection = joinpoint_selection::permutation;
    std::vector<double> joinpoints;              ///< x values
    std::vector<std::size_t> joinpoint_indices;  ///< positions in x
    std::vector<joinpoint_segment> segments;
    average_change aapc;                         ///< over the whole x range
    double sse = 0;                              ///< weighted SSE of the chosen fit (on the ln scale for log-linear)
    double bic = 0;
    std::size_t df = 0;                          ///< n - (2k + 2): the joinpoints count as parameters
    std::vector<joinpoint_test> tests;           ///< permutation tests in the order run
    std::vector<joinpoint_candidate> candidates; ///< best fit for each k in [min, max]
    std::vector<double> x, fitted;               ///< fitted values on the scale of y
    std::vector<double> coefficients;            ///< intercept at x = x_centre, slope, slope changes
    std::vector<double> covariance;              ///< of the coefficients, row-major
    double x_centre = 0;
    double level = 0.95;
    std::uint64_t seed = 0;                      ///< the seed used
    std::size_t n = 0;
};

/// Fits the joinpoint model. Throws domain_error naming argument and index for NaN or infinite
/// values, negative y in the log-linear model, zero y there unless `zeros` states NCI's counts rule
/// (and all-zero y even then), unsorted or duplicate x, non-positive weights, and too few points for
/// max_joinpoints (the message says how many are needed).
joinpoint_result joinpoint(number_span y, std::span<const double> x = {},
                           const joinpoint_options& options = {});

/// AAPC over a sub-range [from, to] of a fit (NCI: normal interval unless within one segment).
average_change average_percent_change(const joinpoint_result& fit, double from, double to);

/// Smallest number of points for k joinpoints: enough to place them (2 min_obs_end + k +
/// (k - 1) min_obs_between) and to leave one residual degree of freedom (2k + 3).
std::size_t joinpoint_points_needed(std::size_t k, std::size_t min_obs_end, std::size_t min_obs_between);

}  // namespace tipstats::trend
