#pragma once
// Confidence intervals for a binomial proportion x / n.
//
//   wilson         Wilson (1927) score interval: (q + z²/2n ± z sqrt(q(1-q)/n + z²/4n²)) / (1 + z²/n)
//   exact          Clopper & Pearson (1934): Beta(α/2; x, n-x+1), Beta(1-α/2; x+1, n-x); 0 at x = 0, 1 at x = n
//   jeffreys       Jeffreys prior Beta(1/2, 1/2), equal tails: Beta(α/2; x+½, n-x+½), Beta(1-α/2; x+½, n-x+½),
//                  with lower 0 at x = 0 and upper 1 at x = n (Brown, Cai & DasGupta 2001, Stat Sci 16:101-133)
//   agresti_coull  Agresti & Coull (1998): Wald interval around (x + z²/2) / (n + z²) with n + z² trials
//   wald           q ± z sqrt(q(1-q)/n)
// z is the standard normal quantile at 1 - α/2, α = 1 - level. Wilson, Agresti-Coull and Wald are clipped
// to [0, 1], as statsmodels' proportion_confint does; the others lie there by construction.
//
// x and n may be weighted counts (any non-negative numbers), but an x strictly between 0 and 1 is far
// more often a share passed by mistake ("86 per cent of 70": x = 0.86) than a weighted count, and it
// gives a plausible-looking wrong interval; it is refused unless the counts are declared weighted.

#include <tipstats/detail/parallel.hpp>
#include <tipstats/stats/common.hpp>

#include <boost/math/distributions/beta.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

namespace tipstats::stats {

enum class proportion_method { wilson, exact, jeffreys, agresti_coull, wald };

inline std::string_view to_string(proportion_method method) {
    switch (method) {
        case proportion_method::wilson: return "wilson";
        case proportion_method::exact: return "exact";
        case proportion_method::jeffreys: return "jeffreys";
        case proportion_method::agresti_coull: return "agresti_coull";
        case proportion_method::wald: return "wald";
    }
    return "wilson";
}

/// "wilson", "exact", "jeffreys", "agresti_coull" or "wald"; anything else is a domain_error on `method`.
inline proportion_method parse_proportion_method(std::string_view name) {
    for (auto m : {proportion_method::wilson, proportion_method::exact, proportion_method::jeffreys,
                   proportion_method::agresti_coull, proportion_method::wald})
        if (name == to_string(m)) return m;
    throw domain_error("method", "unknown proportion interval '" + std::string(name) +
                                     "'; expected wilson, exact, jeffreys, agresti_coull or wald");
}

/// What x and n are: counts (the default; a fractional x below 1 is refused as a likely share) or
/// weighted counts (any non-negative numbers).
enum class count_kind { counts, weighted };

namespace detail {

/// A fractional x below 1 is almost surely a share: refuse it, saying what to pass instead.
inline void require_not_a_share(double x, double n, count_kind kind, element_index index) {
    if (kind == count_kind::weighted || !(x > 0 && x < 1)) return;
    const auto number = [](double v) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.6g", v);
        return std::string(buffer);
    };
    throw domain_error("x", "is a fraction below 1 (" + number(x) + "): did you mean a share? pass x = share * n (" +
                                number(x) + " * " + number(n) + " = " + number(x * n) +
                                "); for a weighted count below 1, pass weighted=True",
                       index);
}

inline interval clipped(double lower, double upper) { return {std::clamp(lower, 0.0, 1.0), std::clamp(upper, 0.0, 1.0)}; }

/// Equal-tailed interval from Beta(a_lower, b_lower) and Beta(a_upper, b_upper) quantiles.
inline interval beta_interval(double x, double n, double tail, double a_lo, double b_lo, double a_hi, double b_hi) {
    using beta = boost::math::beta_distribution<double, policy>;
    const double lower = x == 0 ? 0.0 : quantile(beta(a_lo, b_lo), tail);
    const double upper = x == n ? 1.0 : quantile(complement(beta(a_hi, b_hi), tail));
    return {lower, upper};
}

}  // namespace detail

/// Confidence interval for the proportion x / n (see the methods above). Requires 0 <= x <= n, n > 0,
/// 0 < level < 1; x and n need not be whole numbers (weighted counts), but with count_kind::counts an x
/// strictly between 0 and 1 is refused as a likely share (see above).
inline interval proportion_ci(double x, double n, double level = 0.95,
                              proportion_method method = proportion_method::wilson,
                              count_kind kind = count_kind::counts, element_index index = {}) {
    detail::require_count("x", x, index);
    detail::require_positive("n", n, index);
    detail::require_not_a_share(x, n, kind, index);
    if (x > n) throw domain_error("x", "must not exceed n (" + std::to_string(x) + " > " + std::to_string(n) + ")", index);
    detail::require_level(level, index);
    const double tail = (1 - level) / 2;
    const double q = x / n;
    switch (method) {
        case proportion_method::exact: return detail::beta_interval(x, n, tail, x, n - x + 1, x + 1, n - x);
        case proportion_method::jeffreys:
            return detail::beta_interval(x, n, tail, x + 0.5, n - x + 0.5, x + 0.5, n - x + 0.5);
        case proportion_method::wilson: {
            const double z = detail::two_sided_z(level);
            const double z2 = z * z;
            const double denom = 1 + z2 / n;
            const double center = (q + z2 / (2 * n)) / denom;
            const double half = z * std::sqrt(q * (1 - q) / n + z2 / (4 * n * n)) / denom;
            // At x = 0 (x = n) the lower (upper) end is exactly 0 (1); the formula leaves rounding dust.
            return detail::clipped(x == 0 ? 0.0 : center - half, x == n ? 1.0 : center + half);
        }
        case proportion_method::agresti_coull: {
            const double z = detail::two_sided_z(level);
            const double n_c = n + z * z;
            const double q_c = (x + z * z / 2) / n_c;
            const double half = z * std::sqrt(q_c * (1 - q_c) / n_c);
            return detail::clipped(q_c - half, q_c + half);
        }
        case proportion_method::wald: {
            const double half = detail::two_sided_z(level) * std::sqrt(q * (1 - q) / n);
            return detail::clipped(q - half, q + half);
        }
    }
    return {};
}

/// Batch form: inputs of one element broadcast; lower[i], upper[i] receive each interval; uses up to
/// `threads` threads (0: every core). A bad element raises domain_error with its index.
inline void proportion_ci(std::span<const double> x, std::span<const double> n, std::span<const double> level,
                          proportion_method method, std::span<double> lower, std::span<double> upper,
                          unsigned threads = 0, count_kind kind = count_kind::counts) {
    const auto size = detail::batch_size({{"x", x}, {"n", n}, {"level", level}}, {lower, upper});
    tipstats::detail::parallel_ranges(size, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const auto ci = proportion_ci(detail::at(x, i), detail::at(n, i), detail::at(level, i), method, kind, i);
            lower[i] = ci.lower;
            upper[i] = ci.upper;
        }
    });
}

}  // namespace tipstats::stats
