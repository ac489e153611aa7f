#include <tipstats/trend/logistic.hpp>

#include "count_likelihood.hpp"
#include "input.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace tipstats::trend {

logistic_result logistic(number_span successes_values, number_span trials_values, const count_bounds& bounds,
                         std::span<const double> x, double level) {
    std::vector<double> successes_storage;
    const std::span<const double> successes = successes_values.doubles(successes_storage);
    std::vector<double> trials_storage;
    const std::span<const double> trials = trials_values.doubles(trials_storage);
    detail::check_level(level);
    const std::size_t n = successes.size();
    if (trials.size() != n)
        throw domain_error("trials", "has " + std::to_string(trials.size()) + " values but successes has " +
                                         std::to_string(n));
    if (bounds.lower.size() != bounds.upper.size() || (!bounds.lower.empty() && bounds.lower.size() != n))
        throw domain_error("lower", "lower and upper must both have one value per period (or be empty)");
    const auto t = detail::time_values(x, n);
    logistic_result r;
    r.level = level;
    std::vector<detail::count_observation> data;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < n; ++i) {
        double lower = successes[i], upper = successes[i];
        if (std::isnan(lower) && !bounds.lower.empty()) {
            lower = bounds.lower[i];
            upper = bounds.upper[i];
            if (std::isnan(lower) != std::isnan(upper))
                throw domain_error(std::isnan(lower) ? "lower" : "upper",
                                   "is NaN where the other bound is not (both NaN mark a missing value)", i);
        }
        if (std::isnan(lower)) {
            ++r.n_missing;
            continue;
        }
        const double m = trials[i];
        if (!(m > 0) || !std::isfinite(m)) throw domain_error("trials", "must be positive and finite", i);
        const char* argument = std::isnan(successes[i]) ? "lower" : "successes";
        if (!std::isfinite(lower)) throw domain_error(argument, "must be finite", i);
        if (lower < 0) throw domain_error(argument, "must not be negative", i);
        if (upper < lower) throw domain_error("upper", "is below the lower bound", i);
        if (lower > m) throw domain_error(argument, "exceeds the trials", i);
        if (lower != upper) {
            lower = std::ceil(lower);
            upper = std::min(std::floor(upper), m);
            if (lower > upper) throw domain_error("upper", "no whole count lies between the bounds", i);
            ++r.n_censored;
        }
        data.push_back({.x = t[i], .offset = 0, .lower = lower, .upper = upper, .trials = m});
        positions.push_back(i);
    }
    r.n = data.size();
    if (r.n < 2) throw domain_error("successes", "a logistic trend needs at least 2 periods, got " + std::to_string(r.n));
    std::size_t at = 0;
    const std::string separated = detail::separation(data, detail::family::binomial, at);
    if (!separated.empty()) throw domain_error("successes", separated, positions[at]);

    double x_mean = 0, total = 0, total_trials = 0;
    for (const auto& o : data) {
        x_mean += o.x;
        total += o.exact() ? o.lower : (o.lower + o.upper) / 2;
        total_trials += o.trials;
    }
    x_mean /= static_cast<double>(r.n);
    for (auto& o : data) o.x -= x_mean;
    const double share = std::clamp(total / total_trials, 1e-6, 1 - 1e-6);
    const auto fit = detail::maximise(data, detail::family::binomial, {std::log(share / (1 - share)), 0.0, 0.0});
    if (fit.status != detail::maximum_likelihood::outcome::converged)
        throw error("logistic: the fit failed: " + fit.failure);
    r.iterations = fit.iterations;
    r.log_likelihood = fit.loglik;
    r.slope = fit.params(1);
    r.intercept = fit.params(0) - r.slope * x_mean;
    r.se = std::sqrt(fit.covariance(1, 1));
    for (const auto& o : data) {
        if (!o.exact()) continue;
        const detail::count_distribution d(detail::family::binomial, fit.params(0) + fit.params(1) * o.x, 0.0, o.trials);
        r.deviance += d.unit_deviance(o.lower);
        r.pearson_chi2 += (o.lower - d.mean()) * (o.lower - d.mean()) / d.variance();
    }
    const auto inference = detail::wald(r.slope, r.se, level);
    r.z = inference.z;
    r.p_value = inference.p_value;
    r.slope_ci = inference.ci;
    r.odds_ratio = std::exp(r.slope);
    r.odds_ratio_ci = {std::exp(r.slope_ci.lower), std::exp(r.slope_ci.upper)};
    return r;
}

}  // namespace tipstats::trend
