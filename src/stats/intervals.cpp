// Changes, shares, proportion and Poisson intervals, rates, rate ratios and standardised rates:
// the bodies behind include/tipstats/stats/{changes,proportion,poisson,rates,standardize}.hpp, with
// Boost.Math's distributions kept here, out of the headers.
#include <tipstats/stats/changes.hpp>
#include <tipstats/stats/poisson.hpp>
#include <tipstats/stats/proportion.hpp>
#include <tipstats/stats/rates.hpp>
#include <tipstats/stats/standardize.hpp>

#include "../detail/parallel.hpp"
#include <tipstats/detail/text.hpp>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/policies/policy.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace tipstats::stats {
namespace {

/// Which element of a batch is being checked; empty for a scalar call.
using element_index = std::optional<std::size_t>;

// Double precision throughout (no promotion to long double): the same choice scipy makes for its
// Boost.Math ufuncs, accurate to a few ulp and several times faster on x86-64.
using policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

using tipstats::detail::number_text;

void require_finite(const char* argument, double value, element_index index) {
    if (!std::isfinite(value)) throw domain_error(argument, "must be finite, got " + number_text(value), index);
}

/// A count: finite and >= 0.
void require_count(const char* argument, double value, element_index index) {
    require_finite(argument, value, index);
    if (value < 0) throw domain_error(argument, "must not be negative, got " + number_text(value), index);
}

/// A whole count: finite, >= 0 and an integer (needed where a discrete distribution is evaluated).
void require_whole_count(const char* argument, double value, element_index index) {
    require_count(argument, value, index);
    if (value != std::floor(value))
        throw domain_error(argument, "must be a whole number, got " + number_text(value), index);
}

void require_positive(const char* argument, double value, element_index index) {
    require_finite(argument, value, index);
    if (!(value > 0)) throw domain_error(argument, "must be positive, got " + number_text(value), index);
}

void require_level(double level, element_index index) {
    if (!(level > 0 && level < 1))
        throw domain_error("level", "must lie strictly between 0 and 1, got " + number_text(level), index);
}

/// The standard normal quantile z with P(Z > z) = (1 - level) / 2.
double two_sided_z(double level) {
    return quantile(complement(boost::math::normal_distribution<double, policy>(), (1 - level) / 2));
}

struct named_input {
    const char* argument;
    number_span values;
};

/// The length of a batch: every input has that many elements or exactly one; every output has it.
std::size_t batch_size(std::initializer_list<named_input> inputs, std::initializer_list<std::span<double>> outputs) {
    std::size_t n = 1;
    for (const auto& in : inputs)
        if (in.values.size() != 1) n = in.values.size();
    for (const auto& in : inputs)
        if (in.values.size() != 1 && in.values.size() != n)
            throw domain_error(in.argument, "has " + std::to_string(in.values.size()) + " elements; expected " +
                                                std::to_string(n) + " or 1");
    for (const auto& out : outputs)
        if (out.size() != n)
            throw domain_error("output", "has " + std::to_string(out.size()) + " elements; expected " + std::to_string(n));
    return n;
}

/// Element i of a batch input; an input of one element stands for every element (broadcasting).
double at(number_span values, std::size_t i) noexcept { return values[values.size() == 1 ? 0 : i]; }

/// Runs kernel(i) for every element of a batch of n on the shared pool.
template <class Kernel>
void for_each_element(std::size_t n, const batch_options& run, Kernel&& kernel) {
    tipstats::detail::parallel_ranges(n, run.threads, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) kernel(i);
    });
}

/// Runs interval_at(i) for every element of a batch of n and stores each interval's bounds.
template <class IntervalAt>
void for_each_interval(std::size_t n, const batch_options& run, std::span<double> lower, std::span<double> upper,
                       IntervalAt&& interval_at) {
    for_each_element(n, run, [&](std::size_t i) {
        const auto ci = interval_at(i);
        lower[i] = ci.lower;
        upper[i] = ci.upper;
    });
}

// --- changes and shares

double percent_change_at(double current, double previous, element_index index) {
    require_count("current", current, index);
    require_positive("previous", previous, index);
    return 100.0 * (current - previous) / previous;
}

double implied_baseline_at(double current, double percent_change, element_index index) {
    require_count("current", current, index);
    require_finite("percent_change", percent_change, index);
    if (!(percent_change > -100))
        throw domain_error("percent_change",
                           "must exceed -100 (a fall of 100 % or more leaves no baseline), got " +
                               number_text(percent_change),
                           index);
    return current / (1.0 + percent_change / 100.0);
}

double share_at(double part, double total, element_index index) {
    require_count("part", part, index);
    require_positive("total", total, index);
    if (part > total)
        throw domain_error("part", "must not exceed total (" + number_text(part) + " > " + number_text(total) + ")",
                           index);
    return part / total;
}

// --- proportions

/// A fractional x below 1 is almost surely a share: refuse it, saying what to pass instead.
void require_not_a_share(double x, double n, count_kind kind, element_index index) {
    if (kind == count_kind::weighted || !(x > 0 && x < 1)) return;
    // The suggested x is a product: 6 significant digits, not its rounding noise (60.199999999999996).
    char product[32];
    std::snprintf(product, sizeof product, "%.6g", x * n);
    throw domain_error("x", "is a fraction below 1 (" + number_text(x) + "): did you mean a share? pass x = share * n (" +
                                number_text(x) + " * " + number_text(n) + " = " + product +
                                "); for a weighted count below 1, pass weighted=True",
                       index);
}

interval clipped(double lower, double upper) { return {std::clamp(lower, 0.0, 1.0), std::clamp(upper, 0.0, 1.0)}; }

/// Equal-tailed interval from Beta(a_lower, b_lower) and Beta(a_upper, b_upper) quantiles.
interval beta_interval(double x, double n, double tail, double a_lo, double b_lo, double a_hi, double b_hi) {
    using beta = boost::math::beta_distribution<double, policy>;
    const double lower = x == 0 ? 0.0 : quantile(beta(a_lo, b_lo), tail);
    const double upper = x == n ? 1.0 : quantile(complement(beta(a_hi, b_hi), tail));
    return {lower, upper};
}

interval proportion_ci_at(double x, double n, const proportion_ci_options& o, element_index index) {
    require_count("x", x, index);
    require_positive("n", n, index);
    require_not_a_share(x, n, o.counts, index);
    if (x > n) throw domain_error("x", "must not exceed n (" + number_text(x) + " > " + number_text(n) + ")", index);
    require_level(o.level, index);
    const double tail = (1 - o.level) / 2;
    const double q = x / n;
    switch (o.method) {
        case proportion_method::exact: return beta_interval(x, n, tail, x, n - x + 1, x + 1, n - x);
        case proportion_method::jeffreys: return beta_interval(x, n, tail, x + 0.5, n - x + 0.5, x + 0.5, n - x + 0.5);
        case proportion_method::wilson: {
            const double z = two_sided_z(o.level);
            const double z2 = z * z;
            const double denom = 1 + z2 / n;
            const double center = (q + z2 / (2 * n)) / denom;
            const double half = z * std::sqrt(q * (1 - q) / n + z2 / (4 * n * n)) / denom;
            // At x = 0 (x = n) the lower (upper) end is exactly 0 (1); the formula leaves rounding dust.
            return clipped(x == 0 ? 0.0 : center - half, x == n ? 1.0 : center + half);
        }
        case proportion_method::agresti_coull: {
            const double z = two_sided_z(o.level);
            const double n_c = n + z * z;
            const double q_c = (x + z * z / 2) / n_c;
            const double half = z * std::sqrt(q_c * (1 - q_c) / n_c);
            return clipped(q_c - half, q_c + half);
        }
        case proportion_method::wald: {
            const double half = two_sided_z(o.level) * std::sqrt(q * (1 - q) / n);
            return clipped(q - half, q + half);
        }
    }
    return {};
}

// --- Poisson counts and rates

interval poisson_ci_at(double x, const poisson_ci_options& o, element_index index) {
    require_count("x", x, index);
    require_level(o.level, index);
    const double tail = (1 - o.level) / 2;
    if (o.method == poisson_method::exact) {
        using chi2 = boost::math::chi_squared_distribution<double, policy>;
        const double lower = x == 0 ? 0.0 : quantile(chi2(2 * x), tail) / 2;
        const double upper = quantile(complement(chi2(2 * x + 2), tail)) / 2;
        return {lower, upper};
    }
    const double z = two_sided_z(o.level);
    const auto cube = [](double v) { return v * v * v; };
    const double lower = x == 0 ? 0.0 : x * cube(std::max(0.0, 1 - 1 / (9 * x) - z / (3 * std::sqrt(x))));
    const double upper = (x + 1) * cube(1 - 1 / (9 * (x + 1)) + z / (3 * std::sqrt(x + 1)));
    return {lower, upper};
}

double rate_at(double count, double population, double per, element_index index) {
    require_count("count", count, index);
    require_positive("population", population, index);
    require_positive("per", per, index);
    return count / population * per;
}

interval rate_ci_at(double count, double population, const rate_ci_options& o, element_index index) {
    const double scale = rate_at(1.0, population, o.per, index);
    const auto ci = poisson_ci_at(count, {o.level, o.method}, index);
    return {ci.lower * scale, ci.upper * scale};
}

/// Two-sided p-value of the exact binomial test of k successes in n trials against p: the total
/// probability of outcomes whose probability does not exceed that of k (with scipy's and R's relative
/// tolerance 1e-7). Follows scipy.stats.binomtest step by step, including its binary searches.
double binomial_two_sided_p(double k, double n, double p) {
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

rate_ratio_result rate_ratio_at(double x1, double t1, double x2, double t2, double level, element_index index) {
    require_whole_count("x1", x1, index);
    require_positive("t1", t1, index);
    require_whole_count("x2", x2, index);
    require_positive("t2", t2, index);
    require_level(level, index);
    constexpr double inf = std::numeric_limits<double>::infinity();
    const double total = x1 + x2;
    if (total == 0) return {std::numeric_limits<double>::quiet_NaN(), {0.0, inf}, 1.0};
    const auto p = proportion_ci_at(x1, total, {level, proportion_method::exact, count_kind::counts}, index);
    const auto odds = [](double q) { return q >= 1 ? inf : q / (1 - q); };
    const double scale = t2 / t1;
    return {x2 == 0 ? inf : (x1 / t1) / (x2 / t2), {odds(p.lower) * scale, odds(p.upper) * scale},
            binomial_two_sided_p(x1, total, t1 / (t1 + t2))};
}

change_result change_ci_at(double current, double previous, double level, element_index index) {
    require_whole_count("current", current, index);
    require_whole_count("previous", previous, index);
    if (previous == 0) throw domain_error("previous", "must be positive: a change from zero is undefined", index);
    const auto r = rate_ratio_at(current, 1.0, previous, 1.0, level, index);
    return {100 * (r.ratio - 1), {100 * (r.ci.lower - 1), 100 * (r.ci.upper - 1)}, r.p_value};
}

}  // namespace

// --- scalar forms

double percent_change(double current, double previous) { return percent_change_at(current, previous, {}); }
double implied_baseline(double current, double percent_change) {
    return implied_baseline_at(current, percent_change, {});
}
double share(double part, double total) { return share_at(part, total, {}); }
interval proportion_ci(double x, double n, const proportion_ci_options& options) {
    return proportion_ci_at(x, n, options, {});
}
interval poisson_ci(double x, const poisson_ci_options& options) { return poisson_ci_at(x, options, {}); }
double rate(double count, double population, double per) { return rate_at(count, population, per, {}); }
interval rate_ci(double count, double population, const rate_ci_options& options) {
    return rate_ci_at(count, population, options, {});
}
rate_ratio_result rate_ratio(double x1, double t1, double x2, double t2, double level) {
    return rate_ratio_at(x1, t1, x2, t2, level, {});
}
change_result change_ci(double current, double previous, double level) {
    return change_ci_at(current, previous, level, {});
}

// --- batch forms

void percent_change(number_span current, number_span previous, std::span<double> out, const batch_options& run) {
    const auto n = batch_size({{"current", current}, {"previous", previous}}, {out});
    for_each_element(n, run, [&](std::size_t i) { out[i] = percent_change_at(at(current, i), at(previous, i), i); });
}

void implied_baseline(number_span current, number_span percent_change, std::span<double> out,
                      const batch_options& run) {
    const auto n = batch_size({{"current", current}, {"percent_change", percent_change}}, {out});
    for_each_element(n, run,
                     [&](std::size_t i) { out[i] = implied_baseline_at(at(current, i), at(percent_change, i), i); });
}

void share(number_span part, number_span total, std::span<double> out, const batch_options& run) {
    const auto n = batch_size({{"part", part}, {"total", total}}, {out});
    for_each_element(n, run, [&](std::size_t i) { out[i] = share_at(at(part, i), at(total, i), i); });
}

void proportion_ci(number_span x, number_span n, std::span<double> lower, std::span<double> upper,
                   const proportion_ci_options& options, const batch_options& run) {
    const auto size = batch_size({{"x", x}, {"n", n}}, {lower, upper});
    for_each_interval(size, run, lower, upper,
                      [&](std::size_t i) { return proportion_ci_at(at(x, i), at(n, i), options, i); });
}

void poisson_ci(number_span x, std::span<double> lower, std::span<double> upper, const poisson_ci_options& options,
                const batch_options& run) {
    const auto size = batch_size({{"x", x}}, {lower, upper});
    for_each_interval(size, run, lower, upper, [&](std::size_t i) { return poisson_ci_at(at(x, i), options, i); });
}

void rate(number_span count, number_span population, std::span<double> out, double per, const batch_options& run) {
    const auto n = batch_size({{"count", count}, {"population", population}}, {out});
    for_each_element(n, run, [&](std::size_t i) { out[i] = rate_at(at(count, i), at(population, i), per, i); });
}

void rate_ci(number_span count, number_span population, std::span<double> lower, std::span<double> upper,
             const rate_ci_options& options, const batch_options& run) {
    const auto n = batch_size({{"count", count}, {"population", population}}, {lower, upper});
    for_each_interval(n, run, lower, upper,
                      [&](std::size_t i) { return rate_ci_at(at(count, i), at(population, i), options, i); });
}

void rate_ratio(number_span x1, number_span t1, number_span x2, number_span t2, std::span<double> ratio,
                std::span<double> lower, std::span<double> upper, std::span<double> p_value, double level,
                const batch_options& run) {
    const auto n = batch_size({{"x1", x1}, {"t1", t1}, {"x2", x2}, {"t2", t2}}, {ratio, lower, upper, p_value});
    for_each_element(n, run, [&](std::size_t i) {
        const auto r = rate_ratio_at(at(x1, i), at(t1, i), at(x2, i), at(t2, i), level, i);
        ratio[i] = r.ratio;
        lower[i] = r.ci.lower;
        upper[i] = r.ci.upper;
        p_value[i] = r.p_value;
    });
}

void change_ci(number_span current, number_span previous, std::span<double> change, std::span<double> lower,
               std::span<double> upper, std::span<double> p_value, double level, const batch_options& run) {
    const auto n = batch_size({{"current", current}, {"previous", previous}}, {change, lower, upper, p_value});
    for_each_element(n, run, [&](std::size_t i) {
        const auto r = change_ci_at(at(current, i), at(previous, i), level, i);
        change[i] = r.percent_change;
        lower[i] = r.ci.lower;
        upper[i] = r.ci.upper;
        p_value[i] = r.p_value;
    });
}

// --- standardised rates

standardized_rate_result standardized_rate(number_span counts, number_span populations, number_span standard,
                                           const standardized_rate_options& o) {
    const std::size_t k = counts.size();
    if (k == 0) throw domain_error("counts", "needs at least one stratum");
    if (populations.size() != k)
        throw domain_error("populations", "has " + std::to_string(populations.size()) + " strata, counts has " +
                                              std::to_string(k));
    if (standard.size() != k)
        throw domain_error("standard", "has " + std::to_string(standard.size()) + " strata, counts has " +
                                           std::to_string(k));
    require_positive("per", o.per, {});
    require_level(o.level, {});
    double standard_total = 0, count_total = 0, population_total = 0;
    for (std::size_t i = 0; i < k; ++i) {
        require_count("counts", counts[i], i);
        require_positive("populations", populations[i], i);
        require_count("standard", standard[i], i);
        standard_total += standard[i];
        count_total += counts[i];
        population_total += populations[i];
    }
    if (!(standard_total > 0)) throw domain_error("standard", "must not be all zero");

    double y = 0, v = 0, w_max = 0, w_sum = 0, w2_sum = 0;
    for (std::size_t i = 0; i < k; ++i) {
        const double w = standard[i] / standard_total / populations[i];
        y += w * counts[i];
        v += w * w * counts[i];
        w_max = std::max(w_max, w);
        w_sum += w;
        w2_sum += w * w;
    }
    const double strata = static_cast<double>(k);
    const bool fay_feuer = o.method == standardize_method::fay_feuer;
    const double y_star = y + (fay_feuer ? w_max : w_sum / strata);
    const double v_star = v + (fay_feuer ? w_max * w_max : w2_sum / strata);

    using gamma = boost::math::gamma_distribution<double, policy>;
    const double tail = (1 - o.level) / 2;
    const double lower = y == 0 ? 0.0 : quantile(gamma(y * y / v, v / y), tail);
    const double upper = quantile(complement(gamma(y_star * y_star / v_star, v_star / y_star), tail));
    return {y * o.per, {lower * o.per, upper * o.per}, count_total / population_total * o.per};
}

// --- method names

std::string_view to_string(proportion_method method) {
    switch (method) {
        case proportion_method::wilson: return "wilson";
        case proportion_method::exact: return "exact";
        case proportion_method::jeffreys: return "jeffreys";
        case proportion_method::agresti_coull: return "agresti_coull";
        case proportion_method::wald: return "wald";
    }
    return "wilson";
}

proportion_method parse_proportion_method(std::string_view name) {
    for (auto m : {proportion_method::wilson, proportion_method::exact, proportion_method::jeffreys,
                   proportion_method::agresti_coull, proportion_method::wald})
        if (name == to_string(m)) return m;
    throw domain_error("method", "unknown proportion interval '" + std::string(name) +
                                     "'; expected wilson, exact, jeffreys, agresti_coull or wald");
}

std::string_view to_string(poisson_method method) { return method == poisson_method::exact ? "exact" : "byar"; }

poisson_method parse_poisson_method(std::string_view name) {
    if (name == "exact") return poisson_method::exact;
    if (name == "byar") return poisson_method::byar;
    throw domain_error("method", "unknown Poisson interval '" + std::string(name) + "'; expected exact or byar");
}

std::string_view to_string(standardize_method method) {
    return method == standardize_method::fay_feuer ? "fay_feuer" : "tiwari";
}

standardize_method parse_standardize_method(std::string_view name) {
    if (name == "fay_feuer") return standardize_method::fay_feuer;
    if (name == "tiwari") return standardize_method::tiwari;
    throw domain_error("method", "unknown standardised-rate interval '" + std::string(name) +
                                     "'; expected fay_feuer or tiwari");
}

}  // namespace tipstats::stats
