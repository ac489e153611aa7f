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

#include <tipstats/stats/poisson.hpp>

namespace tipstats::stats {

/// count / population * per. population and per must be positive.
double rate(double count, double population, double per = 100'000);

struct rate_ci_options {
    double per = 100'000;
    double level = 0.95;
    poisson_method method = poisson_method::exact;
};

/// Interval of a rate: the Poisson interval of `count` (exact by default), times per / population.
interval rate_ci(double count, double population, const rate_ci_options& options = {});

/// The ratio of two Poisson rates with its exact conditional interval and two-sided p-value (H0: ratio 1).
struct rate_ratio_result {
    double ratio = 0;  ///< (x1/t1) / (x2/t2); NaN when x1 = x2 = 0, +inf when only x2 = 0
    interval ci;       ///< lower 0 when x1 = 0, upper +inf when x2 = 0
    double p_value = 1;
};

/// Compares x1 events over exposure t1 with x2 events over t2 (see the header comment for the method).
/// Counts must be whole numbers, exposures positive.
rate_ratio_result rate_ratio(double x1, double t1, double x2, double t2, double level = 0.95);

/// A percent change between two Poisson counts with its interval and p-value (H0: no change).
struct change_result {
    double percent_change = 0;  ///< 100 (current / previous - 1)
    interval ci;                ///< in percent
    double p_value = 1;
};

/// The percent change from `previous` to `current` (counts over periods of equal length), with the
/// exact conditional interval of rate_ratio(current, 1, previous, 1) expressed as percent change.
/// change_ci(263, 105): +150.5 %, 95 % CI about +100 % to +217 %. `previous` must be positive.
change_result change_ci(double current, double previous, double level = 0.95);

// Batch forms: each output receives element i (see batch_options).

void rate(number_span count, number_span population, std::span<double> out, double per = 100'000,
          const batch_options& run = {});
void rate_ci(number_span count, number_span population, std::span<double> lower, std::span<double> upper,
             const rate_ci_options& options = {}, const batch_options& run = {});
void rate_ratio(number_span x1, number_span t1, number_span x2, number_span t2, std::span<double> ratio,
                std::span<double> lower, std::span<double> upper, std::span<double> p_value, double level = 0.95,
                const batch_options& run = {});
void change_ci(number_span current, number_span previous, std::span<double> change, std::span<double> lower,
               std::span<double> upper, std::span<double> p_value, double level = 0.95, const batch_options& run = {});

}  // namespace tipstats::stats
