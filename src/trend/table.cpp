#include <tipstats/trend/table.hpp>

#include "../detail/parallel.hpp"
#include <tipstats/error.hpp>
#include <tipstats/trend/mann_kendall.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace tipstats::trend {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The message of an error without domain_error's "argument 'x' at index i: " prefix, which names
// the internals of a one-series call rather than anything in a table.
std::string reason(const std::exception& e) {
    const std::string what = e.what();
    if (what.rfind("argument '", 0) == 0) {
        const auto colon = what.find(": ");
        if (colon != std::string::npos) return what.substr(colon + 2);
    }
    return what;
}

void add_note(std::string& note, const std::string& part) {
    if (!note.empty()) note += "; ";
    note += part;
}

trend_row fit_series(std::span<const double> counts, std::span<const double> lower, std::span<const double> upper,
                     std::span<const double> x, const loglinear_options& options) {
    trend_row row;
    row.slope = row.se = row.apc = row.p_value = row.dispersion = row.pearson_ratio = nan;
    row.apc_ci = {nan, nan};
    row.mk_tau = row.mk_p_value = row.sen_slope = nan;
    // What loglinear would use: the same counting for both fits and for a series neither can fit.
    std::vector<double> limits(counts.size());
    std::vector<unsigned char> left(counts.size(), 0);
    bool other_censoring = false;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        limits[i] = counts[i];
        if (!std::isnan(counts[i]) || std::isnan(lower[i])) {
            row.n_missing += std::isnan(counts[i]);
            continue;
        }
        if (lower[i] <= 0 && upper[i] == std::numeric_limits<double>::infinity()) {
            ++row.n_missing;
            limits[i] = nan;
            continue;
        }
        if (lower[i] == upper[i]) {  // bounds that pin the count down
            limits[i] = lower[i];
            continue;
        }
        ++row.n_censored;
        if (lower[i] <= 0 && std::isfinite(upper[i])) {
            limits[i] = std::floor(upper[i]) + 1;  // a count "<= u" is "< u + 1"
            left[i] = 1;
        } else {
            other_censoring = true;
        }
    }
    row.n = counts.size() - row.n_missing;
    if (row.n == 0) {
        row.note = "every value is missing";
        return row;
    }
    try {
        const auto fit = loglinear(counts, count_bounds{lower, upper}, x, {}, options);
        row.slope = fit.slope;
        row.se = fit.se;
        row.apc = fit.apc;
        row.apc_ci = fit.apc_ci;
        row.p_value = fit.p_value;
        row.dispersion = options.model == count_model::negbin ? fit.alpha : fit.dispersion;
        row.pearson_ratio = fit.pearson_ratio;
    } catch (const std::exception& e) {
        add_note(row.note, "log-linear: " + reason(e));
    }
    if (other_censoring) {
        add_note(row.note, "Mann-Kendall: right- or interval-censored counts ('>b') have no censored Kendall test");
        return row;
    }
    try {
        const auto mk = mann_kendall(limits, left, x);
        row.mk_tau = mk.tau;
        row.mk_p_value = mk.p_value;
        row.sen_slope = mk.slope;
        row.mk_trend = to_string(mk.trend);
        if (std::isnan(mk.p_value)) add_note(row.note, "Mann-Kendall: the variance of S is not positive (too many ties)");
    } catch (const std::exception& e) {
        add_note(row.note, "Mann-Kendall: " + reason(e));
    }
    return row;
}

}  // namespace

std::vector<trend_row> trend_table(const ragged_counts& data, const loglinear_options& options, const batch_options& run) {
    const std::size_t total = data.counts.size();
    for (const auto& [name, span] : {std::pair{"lower", data.lower}, std::pair{"upper", data.upper}, std::pair{"x", data.x}})
        if (span.size() != total)
            throw domain_error(name, "has " + std::to_string(span.size()) + " values but counts has " + std::to_string(total));
    if (data.offsets.empty() || data.offsets.front() != 0 || data.offsets.back() != total)
        throw domain_error("offsets", "must run from 0 to the number of values, " + std::to_string(total));
    for (std::size_t i = 1; i < data.offsets.size(); ++i)
        if (data.offsets[i] < data.offsets[i - 1]) throw domain_error("offsets", "must not decrease", i);
    const std::size_t series = data.offsets.size() - 1;
    std::vector<trend_row> rows(series);
    detail::parallel_for(series, run.threads, [&](std::size_t s) {
        const std::size_t begin = data.offsets[s], length = data.offsets[s + 1] - begin;
        rows[s] = fit_series(data.counts.subspan(begin, length), data.lower.subspan(begin, length),
                             data.upper.subspan(begin, length), data.x.subspan(begin, length), options);
    }, 4);
    return rows;
}

}  // namespace tipstats::trend
