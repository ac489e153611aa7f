#pragma once
// Confidence intervals for the mean of a Poisson count x.
//
//   exact  Garwood (1936), chi-square form: lower = χ²(α/2; 2x) / 2 (0 at x = 0),
//          upper = χ²(1-α/2; 2x+2) / 2. Guaranteed coverage; what R's poisson.test reports.
//   byar   Byar's approximation (Breslow & Day 1987, vol. II, p. 69; Rothman & Boice 1979):
//          lower = x (1 - 1/(9x) - z/(3 sqrt x))³, upper = (x+1) (1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))³,
//          lower 0 at x = 0 (and clipped at 0 where the cube base turns negative for tiny x, high levels).
// α = 1 - level; z is the standard normal quantile at 1 - α/2.

#include <tipstats/detail/parallel.hpp>
#include <tipstats/stats/common.hpp>

#include <boost/math/distributions/chi_squared.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace tipstats::stats {

enum class poisson_method { exact, byar };

inline std::string_view to_string(poisson_method method) {
    return method == poisson_method::exact ? "exact" : "byar";
}

/// "exact" or "byar"; anything else is a domain_error on `method`.
inline poisson_method parse_poisson_method(std::string_view name) {
    if (name == "exact") return poisson_method::exact;
    if (name == "byar") return poisson_method::byar;
    throw domain_error("method", "unknown Poisson interval '" + std::string(name) + "'; expected exact or byar");
}

/// Confidence interval for a Poisson mean given the count x (finite, >= 0; need not be whole).
inline interval poisson_ci(double x, double level = 0.95, poisson_method method = poisson_method::exact,
                           element_index index = {}) {
    detail::require_count("x", x, index);
    detail::require_level(level, index);
    const double tail = (1 - level) / 2;
    if (method == poisson_method::exact) {
        using chi2 = boost::math::chi_squared_distribution<double, detail::policy>;
        const double lower = x == 0 ? 0.0 : quantile(chi2(2 * x), tail) / 2;
        const double upper = quantile(complement(chi2(2 * x + 2), tail)) / 2;
        return {lower, upper};
    }
    const double z = detail::two_sided_z(level);
    const auto cube = [](double v) { return v * v * v; };
    const double lower = x == 0 ? 0.0 : x * cube(std::max(0.0, 1 - 1 / (9 * x) - z / (3 * std::sqrt(x))));
    const double upper = (x + 1) * cube(1 - 1 / (9 * (x + 1)) + z / (3 * std::sqrt(x + 1)));
    return {lower, upper};
}

/// Batch form: inputs of one element broadcast; a bad element raises domain_error with its index.
inline void poisson_ci(std::span<const double> x, std::span<const double> level, poisson_method method,
                       std::span<double> lower, std::span<double> upper, unsigned threads = 0) {
    const auto size = detail::batch_size({{"x", x}, {"level", level}}, {lower, upper});
    tipstats::detail::parallel_ranges(size, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            const auto ci = poisson_ci(detail::at(x, i), detail::at(level, i), method, i);
            lower[i] = ci.lower;
            upper[i] = ci.upper;
        }
    });
}

}  // namespace tipstats::stats
