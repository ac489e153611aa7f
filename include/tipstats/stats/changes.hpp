#pragma once
// Percent changes, the baseline a reported change implies, and shares.

#include <tipstats/detail/parallel.hpp>
#include <tipstats/stats/common.hpp>

namespace tipstats::stats {

/// Percent change from `previous` to `current`: 100 * (current - previous) / previous.
/// Both are counts (finite, >= 0); `previous` must be positive (a change from zero is undefined).
/// percent_change(263, 105) = 150.476...
inline double percent_change(double current, double previous, element_index index = {}) {
    detail::require_count("current", current, index);
    detail::require_positive("previous", previous, index);
    return 100.0 * (current - previous) / previous;
}

/// The previous value a reported percent change implies: current / (1 + percent_change / 100).
/// implied_baseline(263, 150) = 105.2. `percent_change` must exceed -100.
inline double implied_baseline(double current, double percent_change, element_index index = {}) {
    detail::require_count("current", current, index);
    detail::require_finite("percent_change", percent_change, index);
    if (!(percent_change > -100))
        throw domain_error("percent_change", "must exceed -100 (a fall of 100 % or more leaves no baseline), got " +
                                                 std::to_string(percent_change), index);
    return current / (1.0 + percent_change / 100.0);
}

/// The share of `total` that `part` makes up, as a fraction in [0, 1]: part / total.
/// Requires 0 <= part <= total and total > 0.
inline double share(double part, double total, element_index index = {}) {
    detail::require_count("part", part, index);
    detail::require_positive("total", total, index);
    if (part > total)
        throw domain_error("part", "must not exceed total (" + std::to_string(part) + " > " + std::to_string(total) + ")",
                           index);
    return part / total;
}

// Batch forms: inputs of one element broadcast; errors name the first bad index.

inline void percent_change(std::span<const double> current, std::span<const double> previous, std::span<double> out,
                           unsigned threads = 0) {
    const auto n = detail::batch_size({{"current", current}, {"previous", previous}}, {out});
    tipstats::detail::parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) out[i] = percent_change(detail::at(current, i), detail::at(previous, i), i);
    });
}

inline void implied_baseline(std::span<const double> current, std::span<const double> percent_change,
                             std::span<double> out, unsigned threads = 0) {
    const auto n = detail::batch_size({{"current", current}, {"percent_change", percent_change}}, {out});
    tipstats::detail::parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i)
            out[i] = implied_baseline(detail::at(current, i), detail::at(percent_change, i), i);
    });
}

inline void share(std::span<const double> part, std::span<const double> total, std::span<double> out,
                  unsigned threads = 0) {
    const auto n = detail::batch_size({{"part", part}, {"total", total}}, {out});
    tipstats::detail::parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) out[i] = share(detail::at(part, i), detail::at(total, i), i);
    });
}

}  // namespace tipstats::stats
