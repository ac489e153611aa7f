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

#include <tipstats/stats/common.hpp>
#include <tipstats/text.hpp>

#include <string_view>

namespace tipstats::stats {

enum class proportion_method { wilson, exact, jeffreys, agresti_coull, wald };

/// "wilson", "exact", "jeffreys", "agresti_coull" or "wald".
std::string_view to_string(proportion_method method);
/// The method of that name; anything else is a domain_error on `method`.
proportion_method parse_proportion_method(std::string_view name);

/// What x and n are: counts (the default; a fractional x below 1 is refused as a likely share) or
/// weighted counts (any non-negative numbers).
enum class count_kind { counts, weighted };

struct proportion_ci_options {
    double level = 0.95;
    proportion_method method = proportion_method::wilson;
    count_kind counts = count_kind::counts;
};

/// Confidence interval for the proportion x / n (see the methods above):
/// proportion_ci(86, 100, {.method = proportion_method::exact}). Requires 0 <= x <= n, n > 0,
/// 0 < level < 1; x and n need not be whole numbers (weighted counts), but with count_kind::counts
/// an x strictly between 0 and 1 is refused as a likely share (see above).
interval proportion_ci(double x, double n, const proportion_ci_options& options = {});

/// Batch form: lower[i], upper[i] receive each interval (see batch_options).
void proportion_ci(number_span x, number_span n, std::span<double> lower, std::span<double> upper,
                   const proportion_ci_options& options = {}, const batch_options& run = {});

}  // namespace tipstats::stats
