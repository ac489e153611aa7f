#pragma once
// Rates per population, their intervals, and the comparison of two Poisson counts.
//
//   rate        count / population * per
//   rate_ci     exact (Garwood) or Byar interval of the count, scaled by per / population
//   rate_ratio  (x1/t1) / (x2/t2) with the exact conditional interval: given x1 + x2, x1 is binomial with
//               p = r t1 / (r t1 + t2); the Clopper-Pearson interval (pL, pU) of p maps to
//               r = p/(1-p) * t2/t1. The p-value tests r = 1 with the two-sided binomial test that sums
//               the probabilities of outcomes no more likely than x1 (R's poisson.test and binom.test,
//               scipy.stats.binomtest, statsmodels' test_poisson_2indep(method="exact-cond")).
//   change_ci   the percent change 100 (current/previous - 1) between two counts over equal exposure,
//               with the interval 100 (r - 1) from rate_ratio(current, 1, previous, 1).

#include <tipstats/detail/parallel.hpp>
#include <tipstats/stats/poisson.hpp>
#include <tipstats/stats/proportion.hpp>

#include <boost/math/distributions/binomial.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tipstats::stats {

/// count / population * per. population and per must be positive.
inline double rate(double count, double population, double per = 100'000, element_index index = {}) {
    detail::require_count("count", count, index);
    detail::require_positive("population", population, index);
    detail::require_positive("per", per, index);
    return count / population * per;
}

/// Interval of a rate: the Poisson interval of `count` (exact by default), times per / population.
inline interval rate_ci(double count, double population, double per = 100'000, double level = 0.95,
                        poisson_method method = poisson_method::exact, element_index index = {}) {
    const double scale = rate(1.0, population, per, index);
    const auto ci = poisson_ci(count, level, method, index);
    return {ci.lower * scale, ci.upper * scale};
}

namespace detail {

/// Two-sided p-value of the exact binomial test of k successes in n trials against p: the total
/// probability of outcomes whose probability does not exceed that of k (with scipy's and R's relative
/// tolerance 1e-7). Follows scipy.stats.binomtest step by step, including its binary searches.
inline double binomial_two_sided_p(double k, double n, double p) {
    using binomial = boost::math::binomial_distribution<double, policy>;
    if (p <= 0) return k == 0 ? 1.0 : 0.0;
    if (p >= 1) return k == n ? 1.0 : 0.0;
    const binomial dist(n, p);
    const double d = pdf(dist, k);
    const double rerr = 1 + 1e-7;
    const double mode_point = p * n;
    if (k == mode_point) return 1.0;
    // Largest i in [lo, hi] with f(i) <= target for f non-decreasing on [lo, hi] (lo - 1 if none).
    const auto search = [](auto f, double target, double lo, double hi) {
        while (lo < hi) {
            const double mid = lo + std::floor((hi - lo) / 2);
            const double v = f(mid);
            if (v < target) lo = mid + 1;
            else if (v > target) hi = mid - 1;
            else return mid;
        }
        return f(lo) <= target ? lo : lo - 1;
    };
    double pval;
    if (k < mode_point) {
        const double ix = search([&](double i) { return -pdf(dist, i); }, -d * rerr, std::ceil(mode_point), n);
        const double y = n - ix + (d * rerr == pdf(dist, ix) ? 1 : 0);
        pval = cdf(dist, k) + (n - y >= n ? 0.0 : cdf(complement(dist, n - y)));
    } else {
        const double ix = search([&](double i) { return pdf(dist, i); }, d * rerr, 0, std::floor(mode_point));
        const double y = ix + 1;
        pval = (y - 1 < 0 ? 0.0 : cdf(dist, y - 1)) + (k - 1 < 0 ? 1.0 : cdf(complement(dist, k - 1)));
    }
    return std::min(1.0, pval);
}

}  // namespace detail

/// The ratio of two Poisson rates with its exact conditional interval and two-sided p-value (H0: ratio 1).
struct rate_ratio_result {
    double ratio = 0;   ///< (x1/t1) / (x2/t2); NaN when x1 = x2 = 0, +inf when only x2 = 0
    double lower = 0;   ///< 0 when x1 = 0
    double upper = 0;   ///< +inf when x2 = 0
    double p_value = 1;
};

/// Compares x1 events over exposure t1 with x2 events over t2 (see the header comment for the method).
/// Counts must be whole numbers, exposures positive.
inline rate_ratio_result rate_ratio(double x1, double t1, double x2, double t2, double level = 0.95,
                                    element_index index = {}) {
    detail::require_whole_count("x1", x1, index);
    detail::require_positive("t1", t1, index);
    detail::require_whole_count("x2", x2, index);
    detail::require_positive("t2", t2, index);
    detail::require_level(level, index);
    constexpr double inf = std::numeric_limits<double>::infinity();
    const double total = x1 + x2;
    if (total == 0) return {std::numeric_limits<double>::quiet_NaN(), 0.0, inf, 1.0};
    const auto p = proportion_ci(x1, total, level, proportion_method::exact, count_kind::counts, index);
    const auto odds = [](double q) { return q >= 1 ? inf : q / (1 - q); };
    const double scale = t2 / t1;
    return {x2 == 0 ? inf : (x1 / t1) / (x2 / t2), odds(p.lower) * scale, odds(p.upper) * scale,
            detail::binomial_two_sided_p(x1, total, t1 / (t1 + t2))};
}

/// A percent change between two Poisson counts with its interval and p-value (H0: no change).
struct change_result {
    double percent_change = 0;  ///< 100 (current / previous - 1)
    double lower = 0;           ///< in percent
    double upper = 0;           ///< in percent
    double p_value = 1;
};

/// The percent change from `previous` to `current` (counts over periods of equal length), with the
/// exact conditional interval of rate_ratio(current, 1, previous, 1) expressed as percent change.
/// change_ci(263, 105): +150.5 %, 95 % CI about +100 % to +217 %. `previous` must be positive.
inline change_result change_ci(double current, double previous, double level = 0.95, element_index index = {}) {
    detail::require_whole_count("current", current, index);
    detail::require_whole_count("previous", previous, index);
    if (previous == 0) throw domain_error("previous", "must be positive: a change from zero is undefined", index);
    const auto r = rate_ratio(current, 1.0, previous, 1.0, level, index);
    return {100 * (r.ratio - 1), 100 * (r.lower - 1), 100 * (r.upper - 1), r.p_value};
}

// Batch forms: inputs of one element broadcast; a bad element raises domain_error with its index.

inline void rate(std::span<const double> count, std::span<const double> population, std::span<const double> per,
                 std::span<double> out, unsigned threads = 0) {
    const auto n = detail::batch_size({{"count", count}, {"population", population}, {"per", per}}, {out});
    tipstats::detail::parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i)
            out[i] = rate(detail::at(count, i), detail::at(population, i), detail::at(per, i), i);
    });
}

inline void rate_ci(std::span<const double> count, std::span<const double> population, std::span<const double> per,
                    std::span<const double> level, poisson_method method, std::span<double> lower,
                    std::span<double> upper, unsigned threads = 0) {
    const auto n = detail::batch_size(
        {{"count", count}, {"population", population}, {"per", per}, {"level", level}}, {lower, upper});
    tipstats::detail::parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const auto ci = rate_ci(detail::at(count, i), detail::at(population, i), detail::at(per, i),
                                    detail::at(level, i), method, i);
            lower[i] = ci.lower;
            upper[i] = ci.upper;
        }
    });
}

inline void rate_ratio(std::span<const double> x1, std::span<const double> t1, std::span<const double> x2,
                       std::span<const double> t2, std::span<const double> level, std::span<double> ratio,
                       std::span<double> lower, std::span<double> upper, std::span<double> p_value,
                       unsigned threads = 0) {
    const auto n = detail::batch_size({{"x1", x1}, {"t1", t1}, {"x2", x2}, {"t2", t2}, {"level", level}},
                                      {ratio, lower, upper, p_value});
    tipstats::detail::parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const auto r = rate_ratio(detail::at(x1, i), detail::at(t1, i), detail::at(x2, i), detail::at(t2, i),
                                      detail::at(level, i), i);
            ratio[i] = r.ratio;
            lower[i] = r.lower;
            upper[i] = r.upper;
            p_value[i] = r.p_value;
        }
    });
}

inline void change_ci(std::span<const double> current, std::span<const double> previous,
                      std::span<const double> level, std::span<double> change, std::span<double> lower,
                      std::span<double> upper, std::span<double> p_value, unsigned threads = 0) {
    const auto n = detail::batch_size({{"current", current}, {"previous", previous}, {"level", level}},
                                      {change, lower, upper, p_value});
    tipstats::detail::parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const auto r = change_ci(detail::at(current, i), detail::at(previous, i), detail::at(level, i), i);
            change[i] = r.percent_change;
            lower[i] = r.lower;
            upper[i] = r.upper;
            p_value[i] = r.p_value;
        }
    });
}

}  // namespace tipstats::stats
