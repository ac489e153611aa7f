#pragma once
// Log-linear (Poisson) trend of counts with its annual percent change, and the ordinary least
// squares trend. Numbers only: counts, x and exposure as spans.

#include <cstddef>
#include <span>
#include <string_view>

namespace tipstats::trend {

enum class dispersion_model {
    poisson,  ///< variance = mean
    quasi,    ///< variance = phi * mean, phi = Pearson chi-square / (n - 2) (McCullagh & Nelder 1989)
};

inline std::string_view to_string(dispersion_model d) { return d == dispersion_model::quasi ? "quasi" : "poisson"; }

struct loglinear_result {
    double intercept = 0;   ///< log rate at x = 0
    double slope = 0;       ///< b in log E[count] = a + b x + log(exposure)
    double se = 0;          ///< standard error of b (scaled by sqrt(dispersion) for quasi)
    double z = 0;           ///< b / se
    double p_value = 1;     ///< two-sided normal p-value of b = 0
    double slope_lower = 0; ///< b -+ z_{(1+level)/2} se (normal, as statsmodels' GLM)
    double slope_upper = 0;
    double apc = 0;         ///< annual (per unit x) percent change 100 (e^b - 1)
    double apc_lower = 0;   ///< 100 (e^{slope_lower} - 1)
    double apc_upper = 0;
    double dispersion = 1;  ///< 1 (Poisson) or Pearson chi-square / (n - 2) (quasi)
    double deviance = 0;    ///< 2 sum [y log(y / mu) - (y - mu)]
    double pearson_chi2 = 0;///< sum (y - mu)^2 / mu
    double level = 0.95;
    std::size_t n = 0;
    std::size_t iterations = 0;  ///< IRLS iterations used
};

/// Poisson log-linear regression of counts on x (default 0..n-1) with offset log(exposure),
/// fitted by iteratively reweighted least squares (McCullagh & Nelder 1989, sec. 2.5).
/// Throws domain_error for negative, NaN or infinite counts, non-positive exposure, all counts
/// zero, or counts that are positive at only the first or only the last x (no finite estimate).
loglinear_result loglinear(std::span<const double> counts, std::span<const double> x = {},
                           std::span<const double> exposure = {},
                           dispersion_model dispersion = dispersion_model::poisson, double level = 0.95);

struct linear_result {
    double intercept = 0;
    double slope = 0;
    double se = 0;
    double t = 0;           ///< slope / se
    double p_value = 1;     ///< two-sided, Student t with n - 2 degrees of freedom
    double lower = 0;       ///< slope -+ t_{(1+level)/2, n-2} se
    double upper = 0;
    double sigma = 0;       ///< residual standard deviation sqrt(SSE / (n - 2))
    double r_squared = 0;
    double level = 0.95;
    std::size_t n = 0;
};

/// Ordinary least squares trend y = a + b x (x default 0..n-1), t-based interval for b.
/// Needs at least 3 finite values.
linear_result linear(std::span<const double> y, std::span<const double> x = {}, double level = 0.95);

}  // namespace tipstats::trend
