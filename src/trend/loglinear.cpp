#include <tipstats/trend/loglinear.hpp>

#include "input.hpp"

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace tipstats::trend {
namespace {

void check_counts(std::span<const double> counts) {
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (std::isnan(counts[i])) throw domain_error("counts", "is NaN (a log-linear fit takes no missing values)", i);
        if (!std::isfinite(counts[i])) throw domain_error("counts", "must be finite", i);
        if (counts[i] < 0) throw domain_error("counts", "negative count " + std::to_string(counts[i]), i);
    }
}

std::vector<double> log_exposure(std::span<const double> exposure, std::size_t n) {
    std::vector<double> offset(n, 0.0);
    if (exposure.empty()) return offset;
    if (exposure.size() != n)
        throw domain_error("exposure", "has " + std::to_string(exposure.size()) + " values but counts has " + std::to_string(n));
    for (std::size_t i = 0; i < n; ++i) {
        if (!(exposure[i] > 0) || !std::isfinite(exposure[i]))
            throw domain_error("exposure", "must be positive and finite", i);
        offset[i] = std::log(exposure[i]);
    }
    return offset;
}

}  // namespace

loglinear_result loglinear(std::span<const double> counts, std::span<const double> x,
                           std::span<const double> exposure, dispersion_model dispersion, double level) {
    detail::check_level(level);
    const std::size_t n = counts.size();
    const std::size_t needed = dispersion == dispersion_model::quasi ? 3 : 2;
    if (n < needed)
        throw domain_error("counts", "needs at least " + std::to_string(needed) + " values for a " +
                                         std::string(to_string(dispersion)) + " log-linear fit, got " + std::to_string(n));
    check_counts(counts);
    const auto t = detail::time_values(x, n);
    const auto offset = log_exposure(exposure, n);

    // A finite maximum exists only if the counts are not all at one end of the x range: the
    // score equation sets the count-weighted mean of x to a fitted mean strictly inside it.
    std::size_t first_positive = n, last_positive = 0;
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        total += counts[i];
        if (counts[i] > 0) {
            if (first_positive == n) first_positive = i;
            last_positive = i;
        }
    }
    if (first_positive == n) throw domain_error("counts", "are all zero: the log-linear slope is not defined");
    if (first_positive == last_positive && (first_positive == 0 || first_positive == n - 1))
        throw domain_error("counts", "are positive only at the " + std::string(first_positive == 0 ? "first" : "last") +
                                         " x: the log-linear slope is infinite",
                           first_positive);

    // Centred x keeps the 2x2 system well conditioned; the slope and its variance do not change.
    double x_mean = 0;
    for (double v : t) x_mean += v;
    x_mean /= static_cast<double>(n);

    std::vector<double> mu(n), eta(n);
    const double mean_count = total / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        mu[i] = (counts[i] + mean_count) / 2;  // statsmodels' starting values
        eta[i] = std::log(mu[i]);
    }
    Eigen::Vector2d beta = Eigen::Vector2d::Zero();
    Eigen::Matrix2d information;
    loglinear_result r;
    constexpr std::size_t max_iterations = 100;
    for (r.iterations = 1; r.iterations <= max_iterations; ++r.iterations) {
        information.setZero();
        Eigen::Vector2d score = Eigen::Vector2d::Zero();
        for (std::size_t i = 0; i < n; ++i) {
            const double xc = t[i] - x_mean;
            const double working = eta[i] - offset[i] + (counts[i] - mu[i]) / mu[i];
            const double w = mu[i];
            information(0, 0) += w;
            information(0, 1) += w * xc;
            information(1, 1) += w * xc * xc;
            score(0) += w * working;
            score(1) += w * xc * working;
        }
        information(1, 0) = information(0, 1);
        const Eigen::Vector2d next = information.ldlt().solve(score);
        const double change = (next - beta).cwiseAbs().maxCoeff();
        beta = next;
        for (std::size_t i = 0; i < n; ++i) {
            eta[i] = beta(0) + beta(1) * (t[i] - x_mean) + offset[i];
            mu[i] = std::exp(eta[i]);
        }
        if (change <= 1e-13 * (1 + beta.cwiseAbs().maxCoeff())) break;
    }
    if (r.iterations > max_iterations) throw error("loglinear: IRLS did not converge in 100 iterations");

    // Information at the estimate (the weights of the last update are one step old).
    information.setZero();
    for (std::size_t i = 0; i < n; ++i) {
        const double xc = t[i] - x_mean;
        information(0, 0) += mu[i];
        information(0, 1) += mu[i] * xc;
        information(1, 1) += mu[i] * xc * xc;
        const double y = counts[i];
        r.deviance += 2 * ((y > 0 ? y * std::log(y / mu[i]) : 0.0) - (y - mu[i]));
        r.pearson_chi2 += (y - mu[i]) * (y - mu[i]) / mu[i];
    }
    information(1, 0) = information(0, 1);
    const Eigen::Matrix2d covariance = information.inverse();

    r.n = n;
    r.level = level;
    r.slope = beta(1);
    r.intercept = beta(0) - beta(1) * x_mean;
    r.dispersion = dispersion == dispersion_model::quasi ? r.pearson_chi2 / static_cast<double>(n - 2) : 1.0;
    r.se = std::sqrt(covariance(1, 1) * r.dispersion);
    r.z = r.slope / r.se;
    const boost::math::normal normal{};
    r.p_value = 2 * boost::math::cdf(boost::math::complement(normal, std::abs(r.z)));
    const double q = boost::math::quantile(normal, (1 + level) / 2);
    r.slope_lower = r.slope - q * r.se;
    r.slope_upper = r.slope + q * r.se;
    r.apc = 100 * std::expm1(r.slope);
    r.apc_lower = 100 * std::expm1(r.slope_lower);
    r.apc_upper = 100 * std::expm1(r.slope_upper);
    return r;
}

linear_result linear(std::span<const double> y, std::span<const double> x, double level) {
    detail::check_level(level);
    const std::size_t n = y.size();
    if (n < 3) throw domain_error("y", "needs at least 3 values for a linear trend with an interval, got " + std::to_string(n));
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(y[i])) throw domain_error("y", "must be finite (no missing values)", i);
    const auto t = detail::time_values(x, n);

    // Centred sums (Welford-style two passes) are the stable closed form of the 2-parameter fit.
    double x_mean = 0, y_mean = 0;
    for (std::size_t i = 0; i < n; ++i) {
        x_mean += t[i];
        y_mean += y[i];
    }
    x_mean /= static_cast<double>(n);
    y_mean /= static_cast<double>(n);
    double sxx = 0, sxy = 0, sst = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxx += (t[i] - x_mean) * (t[i] - x_mean);
        sxy += (t[i] - x_mean) * (y[i] - y_mean);
        sst += (y[i] - y_mean) * (y[i] - y_mean);
    }
    const double slope = sxy / sxx;
    double sse = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double e = y[i] - y_mean - slope * (t[i] - x_mean);
        sse += e * e;
    }

    linear_result r;
    r.n = n;
    r.level = level;
    r.slope = slope;
    r.intercept = y_mean - slope * x_mean;
    const double df = static_cast<double>(n - 2);
    r.sigma = std::sqrt(sse / df);
    r.se = r.sigma / std::sqrt(sxx);
    r.t = r.slope / r.se;
    r.r_squared = sst > 0 ? 1 - sse / sst : std::numeric_limits<double>::quiet_NaN();
    const boost::math::students_t student(df);
    // A perfect fit (se = 0) leaves no doubt about a non-zero slope; a flat perfect fit has no test.
    r.p_value = r.se > 0      ? 2 * boost::math::cdf(boost::math::complement(student, std::abs(r.t)))
                : r.slope != 0 ? 0.0
                               : std::numeric_limits<double>::quiet_NaN();
    const double q = boost::math::quantile(student, (1 + level) / 2);
    r.lower = r.slope - q * r.se;
    r.upper = r.slope + q * r.se;
    return r;
}

}  // namespace tipstats::trend
