#pragma once
// Percent changes, the baseline a reported change implies, and shares.

#include <tipstats/stats/common.hpp>

namespace tipstats::stats {

/// Percent change from `previous` to `current`: 100 * (current - previous) / previous.
/// Both are counts (finite, >= 0); `previous` must be positive (a change from zero is undefined).
/// percent_change(263, 105) = 150.476...
double percent_change(double current, double previous);

/// The previous value a reported percent change implies: current / (1 + percent_change / 100).
/// implied_baseline(263, 150) = 105.2. `percent_change` must exceed -100.
double implied_baseline(double current, double percent_change);

/// The share of `total` that `part` makes up, as a fraction in [0, 1]: part / total.
/// Requires 0 <= part <= total and total > 0.
double share(double part, double total);

// Batch forms: out[i] for every element (see batch_options).

void percent_change(number_span current, number_span previous, std::span<double> out, const batch_options& run = {});
void implied_baseline(number_span current, number_span percent_change, std::span<double> out,
                      const batch_options& run = {});
void share(number_span part, number_span total, std::span<double> out, const batch_options& run = {});

}  // namespace tipstats::stats
