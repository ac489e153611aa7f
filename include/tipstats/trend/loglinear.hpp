#pragma once
// Log-linear trends of counts with their annual percent change (Poisson, quasi-Poisson and NB2
// negative binomial, counts exact or known only within bounds), and the ordinary least squares
// trend. Numbers only: counts and exposure as any contiguous numbers (number_span), bounds and x as
// spans of doubles.

#include <tipstats/interval.hpp>
#include <tipstats/number_span.hpp>
#include <tipstats/text.hpp>

#include <cstddef>
#include <limits>
#include <span>
#include <string_view>

namespace tipstats::trend {

enum class count_model {
    poisson,  ///< variance = mean
    quasi,    ///< variance = phi * mean, phi = Pearson chi-square / (n - 2) (McCullagh & Nelder 1989)
    negbin,   ///< NB2: variance = mean + alpha mean^2, alpha by maximum likelihood (Cameron & Trivedi 2013)
};

inline std::string_view to_string(count_model m) {
    switch (m) {
        case count_model::poisson: return "poisson";
        case count_model::quasi: return "quasi";
        case count_model::negbin: return "negbin";
    }
    return "poisson";
}

/// Inclusive bounds of counts known only in part, used where the count itself is NaN: "<5" is
/// [0, 4], ">1000" is [1001, inf]; NaN bounds (or [0, inf]) mean missing. Empty spans: every NaN
/// count is missing.
struct count_bounds {
    std::span<const double> lower, upper;
};

struct loglinear_result {
    count_model model = count_model::poisson;
    double intercept = 0;   ///< log rate at x = 0
    double slope = 0;       ///< b in log E[count] = a + b x + log(exposure)
    double se = 0;          ///< standard error of b (scaled by sqrt(dispersion) for quasi)
    double z = 0;           ///< b / se
    double p_value = 1;     ///< two-sided normal p-value of b = 0
    interval slope_ci;      ///< b -+ z_{(1+level)/2} se (normal, as statsmodels)
    double apc = 0;         ///< annual (per unit x) percent change 100 (e^b - 1)
    interval apc_ci;        ///< 100 (e^{slope_ci} - 1)
    double dispersion = 1;  ///< phi: Pearson chi-square / (n - 2) for quasi, else 1
    double alpha = 0;       ///< NB2 dispersion for negbin (0 at the Poisson boundary), else 0
    double alpha_se = std::numeric_limits<double>::quiet_NaN();  ///< its standard error (negbin, alpha > 0)
    double log_likelihood = 0;  ///< of the fitted model, censored counts by their probability (Poisson for quasi)
    double deviance = 0;        ///< over the exact counts, under the fitted model's variance
    double pearson_chi2 = 0;    ///< sum over exact counts of (y - mu)^2 / V(mu)
    double df = 0;              ///< exact counts - parameters (2; 3 for negbin)
    double deviance_ratio = 0;  ///< deviance / df (NaN when df <= 0): well above 1 means overdispersion
    double pearson_ratio = 0;   ///< pearson_chi2 / df (NaN when df <= 0)
    double x_centre = 0;           ///< mean x of the counts used
    double centre_variance = 0;    ///< variance of the fitted log mean at x_centre (scaled as se)
    double centre_slope_covariance = 0;  ///< its covariance with the slope: the band of the line needs both
    double level = 0.95;
    std::size_t n = 0;           ///< counts used: exact and censored
    std::size_t n_censored = 0;  ///< of which known only within bounds
    std::size_t n_missing = 0;   ///< left out
    std::size_t iterations = 0;  ///< IRLS or Newton iterations used
};

struct loglinear_options {
    count_model model = count_model::poisson;
    double level = 0.95;  ///< of slope_ci and apc_ci
};

/// Log-linear regression of counts on x (default 0..n-1) with offset log(exposure):
/// loglinear(counts, x, {}, {.model = count_model::negbin}).
///
/// Without censored counts, poisson and quasi are fitted by iteratively reweighted least squares
/// (McCullagh & Nelder 1989, sec. 2.5), quasi scaling the standard error by sqrt(phi). With
/// censored counts, or for negbin, the log-likelihood in which an exact count contributes its
/// probability and a censored one P(lower <= Y <= upper) is maximised by Newton's method with a
/// line search, and the standard error comes from the observed information. negbin estimates alpha
/// jointly by maximum likelihood; when the score for alpha at 0 is not positive the maximum is the
/// Poisson fit (alpha = 0). quasi has no likelihood for censored counts and refuses them.
///
/// Throws domain_error for negative, infinite or (for censored bounds) non-whole counts, an upper
/// bound below a lower one, non-positive exposure, too few counts, no count known to be positive,
/// and counts whose maximum likelihood slope is infinite (e.g. positive only at the first or only
/// at the last x); error when the fit does not converge.
loglinear_result loglinear(number_span counts, const count_bounds& bounds, std::span<const double> x = {},
                           number_span exposure = {}, const loglinear_options& options = {});

/// The same for counts without bounds (a NaN count is missing).
inline loglinear_result loglinear(number_span counts, std::span<const double> x = {}, number_span exposure = {},
                                  const loglinear_options& options = {}) {
    return loglinear(counts, count_bounds{}, x, exposure, options);
}

struct linear_result {
    double intercept = 0;
    double slope = 0;
    double se = 0;
    double t = 0;           ///< slope / se
    double p_value = 1;     ///< two-sided, Student t with n - 2 degrees of freedom
    interval slope_ci;      ///< slope -+ t_{(1+level)/2, n-2} se
    double sigma = 0;       ///< residual standard deviation sqrt(SSE / (n - 2))
    double r_squared = 0;
    double level = 0.95;
    std::size_t n = 0;
};

/// Ordinary least squares trend y = a + b x (x default 0..n-1), t-based interval for b.
/// Needs at least 3 finite values.
linear_result linear(number_span y, std::span<const double> x = {}, double level = 0.95);

}  // namespace tipstats::trend
