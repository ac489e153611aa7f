#pragma once
// Confidence intervals for the mean of a Poisson count x.
//
//   exact  Garwood (1936), chi-square form: lower = χ²(α/2; 2x) / 2 (0 at x = 0),
//          upper = χ²(1-α/2; 2x+2) / 2. Guaranteed coverage; what R's poisson.test reports.
//   byar   Byar's approximation (Breslow & Day 1987, vol. II, p. 69; Rothman & Boice 1979):
//          lower = x (1 - 1/(9x) - z/(3 sqrt x))³, upper = (x+1) (1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))³,
//          lower 0 at x = 0 (and clipped at 0 where the cube base turns negative for tiny x, high levels).
// α = 1 - level; z is the standard normal quantile at 1 - α/2.

#include <tipstats/stats/common.hpp>
#include <tipstats/text.hpp>

#include <string_view>

namespace tipstats::stats {

enum class poisson_method { exact, byar };

/// "exact" or "byar".
std::string_view to_string(poisson_method method);
/// The method of that name; anything else is a domain_error on `method`.
poisson_method parse_poisson_method(std::string_view name);

struct poisson_ci_options {
    double level = 0.95;
    poisson_method method = poisson_method::exact;
};

/// Confidence interval for a Poisson mean given the count x (finite, >= 0; need not be whole).
interval poisson_ci(double x, const poisson_ci_options& options = {});

/// Batch form: lower[i], upper[i] receive each interval (see batch_options).
void poisson_ci(number_span x, std::span<double> lower, std::span<double> upper, const poisson_ci_options& options = {},
                const batch_options& run = {});

}  // namespace tipstats::stats
