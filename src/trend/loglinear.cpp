#include <tipstats/trend/loglinear.hpp>

#include "count_likelihood.hpp"
#include "input.hpp"

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace tipstats::trend {
namespace {

using detail::count_observation;
using detail::family;

constexpr double inf = std::numeric_limits<double>::infinity();

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

// The counts to fit: exact ones and censored ones with whole-number bounds, missing ones left out.
struct prepared {
    std::vector<count_observation> data;
    std::vector<std::size_t> positions;  // of each kept count in the input
    std::size_t n_censored = 0, n_missing = 0;
    std::size_t first_censored = 0;
    double x_mean = 0;
};

prepared prepare(std::span<const double> counts, const count_bounds& bounds, std::span<const double> x,
                 std::span<const double> exposure) {
    const std::size_t n = counts.size();
    if (bounds.lower.size() != bounds.upper.size())
        throw domain_error("upper", "has " + std::to_string(bounds.upper.size()) + " values but lower has " +
                                        std::to_string(bounds.lower.size()));
    const bool bounded = !bounds.lower.empty();
    if (bounded && bounds.lower.size() != n)
        throw domain_error("lower", "has " + std::to_string(bounds.lower.size()) + " values but counts has " +
                                        std::to_string(n));
    const auto t = detail::time_values(x, n);
    const auto offset = log_exposure(exposure, n);
    prepared p;
    for (std::size_t i = 0; i < n; ++i) {
        const double c = counts[i];
        double lower = c, upper = c;
        if (!std::isnan(c)) {
            if (!std::isfinite(c)) throw domain_error("counts", "must be finite (NaN marks a missing count)", i);
            if (c < 0) throw domain_error("counts", "negative count " + tipstats::detail::number_text(c), i);
            if (bounded) {
                if (!std::isnan(bounds.lower[i]) && bounds.lower[i] != c)
                    throw domain_error("lower", "differs from the count given (bounds are for NaN counts)", i);
                if (!std::isnan(bounds.upper[i]) && bounds.upper[i] != c)
                    throw domain_error("upper", "differs from the count given (bounds are for NaN counts)", i);
            }
        } else {
            lower = bounded ? bounds.lower[i] : c;
            upper = bounded ? bounds.upper[i] : c;
            if (std::isnan(lower) != std::isnan(upper))
                throw domain_error(std::isnan(lower) ? "lower" : "upper",
                                   "is NaN where the other bound is not (both NaN mark a missing count)", i);
            if (!std::isnan(lower)) {
                if (lower < 0) throw domain_error("lower", "negative bound " + tipstats::detail::number_text(lower), i);
                if (!std::isfinite(lower)) throw domain_error("lower", "must be finite", i);
                if (upper < lower) throw domain_error("upper", "is below the lower bound", i);
            }
            if (std::isnan(lower) || (lower == 0 && upper == inf)) {  // nothing known: missing
                ++p.n_missing;
                continue;
            }
            if (lower != upper) {
                lower = std::ceil(lower);
                upper = std::floor(upper);
                if (lower > upper) throw domain_error("upper", "no whole count lies between the bounds", i);
                if (p.n_censored++ == 0) p.first_censored = i;
            }
        }
        p.data.push_back({.x = t[i], .offset = offset[i], .lower = lower, .upper = upper});
        p.positions.push_back(i);
    }
    // Centred x keeps the systems well conditioned; the slope and its variance do not change.
    for (const auto& o : p.data) p.x_mean += o.x;
    p.x_mean /= static_cast<double>(std::max<std::size_t>(p.data.size(), 1));
    for (auto& o : p.data) o.x -= p.x_mean;
    return p;
}

struct irls_fit {
    Eigen::Vector2d beta;  // a at the centre of x, b
    Eigen::Matrix2d covariance;
    std::size_t iterations = 0;
};

// Poisson regression of exact counts by iteratively reweighted least squares (McCullagh & Nelder
// 1989, sec. 2.5), starting as statsmodels does.
irls_fit poisson_irls(const std::vector<count_observation>& data) {
    const std::size_t n = data.size();
    double total = 0;
    for (const auto& o : data) total += o.lower;
    std::vector<double> mu(n), eta(n);
    const double mean_count = total / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        mu[i] = (data[i].lower + mean_count) / 2;  // statsmodels' starting values
        eta[i] = std::log(mu[i]);
    }
    irls_fit r;
    r.beta = Eigen::Vector2d::Zero();
    Eigen::Matrix2d information;
    constexpr std::size_t max_iterations = 100;
    for (r.iterations = 1; r.iterations <= max_iterations; ++r.iterations) {
        information.setZero();
        Eigen::Vector2d score = Eigen::Vector2d::Zero();
        for (std::size_t i = 0; i < n; ++i) {
            const double xc = data[i].x;
            const double working = eta[i] - data[i].offset + (data[i].lower - mu[i]) / mu[i];
            const double w = mu[i];
            information(0, 0) += w;
            information(0, 1) += w * xc;
            information(1, 1) += w * xc * xc;
            score(0) += w * working;
            score(1) += w * xc * working;
        }
        information(1, 0) = information(0, 1);
        const Eigen::Vector2d next = information.ldlt().solve(score);
        const double change = (next - r.beta).cwiseAbs().maxCoeff();
        r.beta = next;
        for (std::size_t i = 0; i < n; ++i) {
            eta[i] = r.beta(0) + r.beta(1) * data[i].x + data[i].offset;
            mu[i] = std::exp(eta[i]);
        }
        if (change <= 1e-13 * (1 + r.beta.cwiseAbs().maxCoeff())) break;
    }
    if (r.iterations > max_iterations) throw error("loglinear: IRLS did not converge in 100 iterations");
    // Information at the estimate (the weights of the last update are one step old).
    information.setZero();
    for (std::size_t i = 0; i < n; ++i) {
        information(0, 0) += mu[i];
        information(0, 1) += mu[i] * data[i].x;
        information(1, 1) += mu[i] * data[i].x * data[i].x;
    }
    information(1, 0) = information(0, 1);
    r.covariance = information.inverse();
    return r;
}

// A Poisson start for the censored fits: IRLS with each censored count at the middle of its
// bounds (at its lower bound when open-ended).
Eigen::Vector3d poisson_start(std::vector<count_observation> data) {
    for (auto& o : data) {
        const double guess = o.upper == inf ? o.lower : (o.lower + o.upper) / 2;
        o.lower = o.upper = guess;
    }
    try {
        const auto fit = poisson_irls(data);
        return {fit.beta(0), fit.beta(1), 0.0};
    } catch (const error&) {  // a poor start only costs Newton iterations
        double total = 0;
        for (const auto& o : data) total += o.lower;
        return {std::log(total / static_cast<double>(data.size()) + 0.5), 0.0, 0.0};
    }
}

// Score of the NB2 log-likelihood for alpha at alpha = 0 (the Poisson fit): the sum over counts of
// E[((Y - mu)^2 - Y) / 2 | bounds] under the Poisson model (Cameron & Trivedi 2013, sec. 3.4).
double alpha_score_at_zero(const std::vector<count_observation>& data, const Eigen::Vector3d& params) {
    double score = 0;
    for (const auto& o : data) {
        const detail::count_distribution d(family::poisson, params(0) + params(1) * o.x + o.offset, 0.0, 0.0);
        const auto t = o.exact() ? d.exact(o.lower) : d.interval(o.lower, o.upper);
        // E[Y - mu] = g and E[(Y - mu)^2] = h + mu + g^2 from the conditional moments.
        score += (t.h_eta + t.g_eta * t.g_eta - t.g_eta) / 2;
    }
    return score;
}

}  // namespace

loglinear_result loglinear(number_span counts_values, const count_bounds& bounds, std::span<const double> x,
                           number_span exposure_values, const loglinear_options& options) {
    std::vector<double> counts_storage;
    const std::span<const double> counts = counts_values.doubles(counts_storage);
    std::vector<double> exposure_storage;
    const std::span<const double> exposure = exposure_values.doubles(exposure_storage);
    const count_model model = options.model;
    const double level = options.level;
    detail::check_level(level);
    const prepared p = prepare(counts, bounds, x, exposure);
    const std::size_t n = p.data.size();
    const std::size_t needed = model == count_model::poisson ? 2 : 3;
    if (n < needed)
        throw domain_error("counts", "a " + std::string(to_string(model)) + " log-linear fit needs at least " +
                                         std::to_string(needed) + " non-missing counts, got " + std::to_string(n));
    if (model == count_model::quasi && p.n_censored > 0)
        throw domain_error("model", "quasi-Poisson has no likelihood for censored counts: use 'negbin' (or 'poisson')",
                           p.first_censored);
    std::size_t at = 0;
    const std::string separated = detail::separation(p.data, family::poisson, at);
    if (!separated.empty()) throw domain_error("counts", separated, p.positions[at]);

    loglinear_result r;
    r.model = model;
    r.level = level;
    r.n = n;
    r.n_censored = p.n_censored;
    r.n_missing = p.n_missing;
    Eigen::Vector3d params;
    Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero();
    // IRLS (statsmodels' algorithm) where every count is exact; it has no line search, so where it
    // does not converge, and for censored counts, Newton's method with one.
    std::optional<irls_fit> irls;
    if (p.n_censored == 0) {
        try {
            irls = poisson_irls(p.data);
        } catch (const error&) {
        }
    }
    if (irls && model != count_model::negbin) {
        params << irls->beta(0), irls->beta(1), 0.0;
        covariance.topLeftCorner<2, 2>() = irls->covariance;
        r.iterations = irls->iterations;
    } else {
        const Eigen::Vector3d start = irls ? Eigen::Vector3d(irls->beta(0), irls->beta(1), 0.0) : poisson_start(p.data);
        const auto fit = detail::maximise(p.data, family::poisson, start);
        if (fit.status != detail::maximum_likelihood::outcome::converged)
            throw error("loglinear: the Poisson fit failed: " + fit.failure);
        params = fit.params;
        covariance = fit.covariance;
        r.iterations = fit.iterations;
        if (model == count_model::negbin) {
            const double score = alpha_score_at_zero(p.data, params);
            if (score > 0) {  // overdispersed: alpha > 0 raises the likelihood
                double mu2 = 0;
                for (const auto& o : p.data) mu2 += std::exp(2 * (params(0) + params(1) * o.x + o.offset));
                const double alpha = std::clamp(2 * score / mu2, 1e-3, 10.0);
                const auto nb = detail::maximise(p.data, family::negbin, {params(0), params(1), std::log(alpha)});
                using outcome = detail::maximum_likelihood::outcome;
                // alpha growing without bound (zeros beside very large or open-ended counts): the
                // likelihood has no finite maximum, and the fit stops where it no longer can go on.
                if (nb.status == outcome::dispersion_unbounded || (nb.status == outcome::failed && nb.params(2) > 5))
                    throw domain_error("counts", "the negative binomial dispersion alpha runs to infinity (zeros beside "
                                                 "very large or open-ended counts): no finite maximum likelihood fit");
                if (nb.status == outcome::failed) throw error("loglinear: the negative binomial fit failed: " + nb.failure);
                r.iterations += nb.iterations;
                if (nb.status == outcome::converged) {
                    params = nb.params;
                    covariance = nb.covariance;
                    r.alpha = std::exp(params(2));
                    r.alpha_se = r.alpha * std::sqrt(covariance(2, 2));
                }
            }
        }
    }

    // Fit statistics over the exact counts, under the fitted model's variance.
    const family fitted = r.alpha > 0 ? family::negbin : family::poisson;
    std::size_t exact = 0;
    for (const auto& o : p.data) {
        const detail::count_distribution d(fitted, params(0) + params(1) * o.x + o.offset, r.alpha, 0.0);
        const auto terms = o.exact() ? d.exact(o.lower) : d.interval(o.lower, o.upper);
        r.log_likelihood += terms.loglik;
        if (!o.exact()) continue;
        ++exact;
        r.deviance += d.unit_deviance(o.lower);
        r.pearson_chi2 += (o.lower - d.mean()) * (o.lower - d.mean()) / d.variance();
    }
    r.df = static_cast<double>(exact) - (model == count_model::negbin ? 3.0 : 2.0);
    r.deviance_ratio = r.df > 0 ? r.deviance / r.df : std::numeric_limits<double>::quiet_NaN();
    r.pearson_ratio = r.df > 0 ? r.pearson_chi2 / r.df : std::numeric_limits<double>::quiet_NaN();

    r.slope = params(1);
    r.intercept = params(0) - params(1) * p.x_mean;
    r.dispersion = model == count_model::quasi ? r.pearson_chi2 / static_cast<double>(n - 2) : 1.0;
    if (!(r.dispersion > 0))
        throw domain_error("counts", "lie exactly on the fitted curve: the quasi-Poisson dispersion is 0, which gives "
                                     "no standard error (use model 'poisson' or 'negbin')");
    r.se = std::sqrt(covariance(1, 1) * r.dispersion);
    r.x_centre = p.x_mean;
    r.centre_variance = covariance(0, 0) * r.dispersion;
    r.centre_slope_covariance = covariance(0, 1) * r.dispersion;
    const auto inference = detail::wald(r.slope, r.se, level);
    r.z = inference.z;
    r.p_value = inference.p_value;
    r.slope_ci = inference.ci;
    r.apc = 100 * std::expm1(r.slope);
    r.apc_ci = {100 * std::expm1(r.slope_ci.lower), 100 * std::expm1(r.slope_ci.upper)};
    return r;
}

linear_result linear(number_span y_values, std::span<const double> x, double level) {
    std::vector<double> y_storage;
    const std::span<const double> y = y_values.doubles(y_storage);
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
    r.slope_ci = {r.slope - q * r.se, r.slope + q * r.se};
    return r;
}

}  // namespace tipstats::trend
