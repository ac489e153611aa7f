// Mann-Kendall family and Theil-Sen slope. Formulas follow pymannkendall 1.4 (Hussain et al. 2019,
// JOSS 4(39):1556) so results agree with it; the Sen interval follows R's trend::sens.slope.
#include <tipstats/trend/mann_kendall.hpp>

#include <tipstats/trend/akritas_theil_sen.hpp>

#include "input.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace tipstats::trend {
namespace {

struct observations {
    std::vector<double> t;  // time of each kept value
    std::vector<double> y;
    std::vector<std::size_t> season;
    std::vector<unsigned char> censored;
    std::size_t n_censored = 0, n_missing = 0;
};

// Leaves out NaN values of y, keeping the time (season and censoring) of the others.
observations kept(std::span<const double> y, std::span<const unsigned char> censored, std::span<const double> x,
                  std::size_t period, bool cycles) {
    if (!censored.empty() && censored.size() != y.size())
        throw domain_error("censored", "has " + std::to_string(censored.size()) + " values but y has " +
                                           std::to_string(y.size()));
    const auto t = detail::time_values(x, y.size());
    observations out;
    out.t.reserve(y.size());
    out.y.reserve(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) {
        const bool left_censored = !censored.empty() && censored[i];
        if (std::isnan(y[i])) {
            if (left_censored) throw domain_error("y", "is NaN where censored: a censored value needs its detection limit", i);
            ++out.n_missing;
            continue;
        }
        if (std::isinf(y[i])) throw domain_error("y", "must be finite or NaN (missing)", i);
        out.t.push_back(cycles ? t[i] / static_cast<double>(period) : t[i]);
        out.y.push_back(y[i]);
        out.season.push_back(period ? i % period : 0);
        out.censored.push_back(left_censored ? 1 : 0);
        out.n_censored += left_censored;
    }
    return out;
}

// The Akritas-Theil-Sen line and test of the kept values (cenken).
akritas_theil_sen_result censored_fit(const observations& obs) {
    return akritas_theil_sen(obs.y, obs.censored, obs.t);
}

double sign(double v) { return static_cast<double>((v > 0) - (v < 0)); }

double kendall_s(const std::vector<double>& y) {
    double s = 0;
    for (std::size_t i = 0; i + 1 < y.size(); ++i)
        for (std::size_t j = i + 1; j < y.size(); ++j) s += sign(y[j] - y[i]);
    return s;
}

// Var(S) with the tie correction: (n(n-1)(2n+5) - sum over tie groups t(t-1)(2t+5)) / 18.
double variance_s(std::vector<double> y) {
    const double n = static_cast<double>(y.size());
    double ties = 0;
    std::sort(y.begin(), y.end());
    for (std::size_t i = 0; i < y.size();) {
        std::size_t j = i;
        while (j < y.size() && y[j] == y[i]) ++j;
        const double t = static_cast<double>(j - i);
        ties += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    return (n * (n - 1) * (2 * n + 5) - ties) / 18;
}

// Order statistics of v: out[i] = the ranks[i]-th smallest value (0-based, ranks ascending); v may
// be reordered. For long vectors (the N = n(n-1)/2 pairwise slopes) a sample of 65 values
// brackets the wanted ranks, one branch-free pass counts what lies below the bracket and keeps what
// lies inside, and only those few are selected (the idea of Floyd & Rivest 1975); if the bracket
// misses, the selection runs on all of v.
template <std::size_t K>
std::array<double, K> order_statistics(std::vector<double>& v, const std::array<std::size_t, K>& ranks) {
    const std::size_t n = v.size();
    auto first = v.begin();
    auto last = v.end();
    std::size_t offset = 0;
    thread_local std::vector<double> inside;
    if (n >= 512) {
        constexpr std::size_t samples = 65;
        std::array<double, samples> sample;
        for (std::size_t i = 0; i < samples; ++i) sample[i] = v[i * (n - 1) / (samples - 1)];
        const auto position = [&](std::size_t rank, std::ptrdiff_t margin) {
            const auto at = static_cast<std::ptrdiff_t>(rank * (samples - 1) / (n - 1)) + margin;
            return sample.begin() + std::clamp<std::ptrdiff_t>(at, 0, static_cast<std::ptrdiff_t>(samples) - 1);
        };
        // Only the two bracketing sample values are needed, not a sorted sample.
        const auto low_at = position(ranks.front(), -5);
        std::nth_element(sample.begin(), low_at, sample.end());
        const double low = *low_at;
        const auto high_at = position(ranks.back(), 6);
        std::nth_element(low_at, high_at, sample.end());
        const double high = *high_at;
        inside.resize(n);
        std::size_t below = 0;
        std::size_t count = 0;
        for (const double value : v) {
            below += value < low;
            inside[count] = value;
            count += (value >= low) & (value <= high);
        }
        if (below <= ranks.front() && ranks.back() < below + count) {
            first = inside.begin();
            last = first + static_cast<std::ptrdiff_t>(count);
            offset = below;
        }
    }
    std::array<double, K> out{};
    auto from = first;
    for (std::size_t i = 0; i < K; ++i) {
        const auto at = first + static_cast<std::ptrdiff_t>(ranks[i] - offset);
        std::nth_element(from, at, last);
        out[i] = *at;
        from = at;
    }
    return out;
}

// Median as numpy computes it: the mean of the two middle values when n is even.
double median(std::vector<double>& v) {
    const std::size_t m = v.size() / 2;
    if (v.size() % 2) return order_statistics<1>(v, {m})[0];
    const auto middle = order_statistics<2>(v, {m - 1, m});
    return (middle[0] + middle[1]) / 2;
}

double median_of_copy(std::vector<double> v) { return median(v); }

// Pairwise slopes (y_j - y_i) / (t_j - t_i), i < j, within the same season.
std::vector<double> pairwise_slopes(const observations& obs) {
    std::vector<double> d;
    const std::size_t n = obs.y.size();
    d.reserve(n * (n - 1) / 2);
    for (std::size_t i = 0; i + 1 < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (obs.season[i] == obs.season[j]) d.push_back((obs.y[j] - obs.y[i]) / (obs.t[j] - obs.t[i]));
    return d;
}

// Sample autocorrelation with divisor n (as pymannkendall's __acf), lags 0..max_lag.
std::vector<double> autocorrelation(const std::vector<double>& v, std::size_t max_lag) {
    const std::size_t n = v.size();
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(n);
    std::vector<double> c(max_lag + 1, 0.0);
    for (std::size_t k = 0; k <= max_lag; ++k) {
        double sum = 0;
        for (std::size_t t = 0; t + k < n; ++t) sum += (v[t] - mean) * (v[t + k] - mean);
        c[k] = sum;
    }
    const double c0 = c[0];
    for (auto& ck : c) ck /= c0;
    return c;
}

// Average ranks (ties share the mean rank), 1-based.
std::vector<double> average_ranks(const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> rank(v.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && v[order[j]] == v[order[i]]) ++j;
        const double r = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
        for (std::size_t k = i; k < j; ++k) rank[order[k]] = r;
        i = j;
    }
    return rank;
}

const boost::math::normal standard_normal{};

double two_sided_p(double z) { return 2 * boost::math::cdf(boost::math::complement(standard_normal, std::abs(z))); }

}  // namespace

mann_kendall_result mann_kendall(number_span y, std::span<const double> x, const mann_kendall_options& options) {
    return mann_kendall(y, {}, x, options);
}

mann_kendall_result mann_kendall(number_span y_values, std::span<const unsigned char> censored,
                                 std::span<const double> x, const mann_kendall_options& options) {
    std::vector<double> y_storage;
    const std::span<const double> y = y_values.doubles(y_storage);
    if (!(options.alpha > 0 && options.alpha < 1)) throw domain_error("alpha", "must lie strictly between 0 and 1");
    const bool seasonal = options.period > 0;
    if (seasonal && options.method != mk_method::original)
        throw domain_error("method", "the seasonal test (period) is only defined for the original method");
    if (options.period == 1) throw domain_error("period", "must be at least 2 (or unset for a non-seasonal test)");
    if (options.lag && options.method == mk_method::original)
        throw domain_error("lag", "only applies to the hamed_rao and yue_wang methods");

    const observations obs = kept(y, censored, x, options.period, seasonal && x.empty());
    const std::size_t n = obs.y.size();
    if (n < 2) throw domain_error("y", "at least 2 non-missing values are needed, got " + std::to_string(n));
    if (options.lag && (*options.lag < 1 || *options.lag >= n))
        throw domain_error("lag", "must lie between 1 and n - 1 = " + std::to_string(n - 1));

    mann_kendall_result r;
    r.n = n;
    r.n_censored = obs.n_censored;
    r.n_missing = obs.n_missing;
    const double critical = boost::math::quantile(standard_normal, 1 - options.alpha / 2);
    if (obs.n_censored > 0) {
        if (seasonal) throw domain_error("period", "the seasonal test is not defined for censored values");
        if (options.method != mk_method::original)
            throw domain_error("method", "the Hamed-Rao and Yue-Wang corrections are not defined for censored values: "
                                         "use the original method");
        const auto a = censored_fit(obs);
        r.s = a.s;
        r.var_s = a.var_s;
        r.z = a.z;
        r.p_value = a.p_value;
        r.tau = a.tau;
        r.slope = a.slope;
        r.intercept = a.intercept;
        r.trend = !(std::abs(r.z) > critical) ? trend_direction::no_trend
                                               : (r.z > 0 ? trend_direction::increasing : trend_direction::decreasing);
        return r;
    }
    double pairs = 0;
    if (seasonal) {
        for (std::size_t season = 0; season < options.period; ++season) {
            std::vector<double> ys;
            for (std::size_t i = 0; i < n; ++i)
                if (obs.season[i] == season) ys.push_back(obs.y[i]);
            const double m = static_cast<double>(ys.size());
            r.s += kendall_s(ys);
            r.var_s += variance_s(ys);
            pairs += m * (m - 1) / 2;
        }
    } else {
        r.s = kendall_s(obs.y);
        r.var_s = variance_s(obs.y);
        pairs = static_cast<double>(n) * static_cast<double>(n - 1) / 2;
    }
    r.tau = r.s / pairs;
    auto slopes = pairwise_slopes(obs);
    r.slope = median(slopes);
    r.intercept = median_of_copy(obs.y) - median_of_copy(obs.t) * r.slope;

    if (options.method != mk_method::original) {
        const std::size_t lags = options.lag ? *options.lag : n - 1;
        std::vector<double> detrended(n);
        // In exact arithmetic the two points that define the median slope tie after detrending;
        // in floating point the tie depends on rounding. Without x, detrend against positions
        // 1..n as pymannkendall does so the ranks (and Hamed-Rao's variance) agree bit for bit.
        const double shift = x.empty() ? 1.0 : 0.0;
        for (std::size_t i = 0; i < n; ++i) detrended[i] = obs.y[i] - (obs.t[i] + shift) * r.slope;
        const double dn = static_cast<double>(n);
        double correction = 0;
        if (options.method == mk_method::hamed_rao) {
            const auto acf = autocorrelation(average_ranks(detrended), lags);
            const double bound = boost::math::quantile(standard_normal, 1 - options.alpha / 2) / std::sqrt(dn);
            double sum = 0;
            for (std::size_t k = 1; k <= lags; ++k) {
                if (acf[k] <= bound && acf[k] >= -bound) continue;  // not significant (NaN counts, as in pymannkendall)
                const double m = static_cast<double>(n - k);
                sum += m * (m - 1) * (m - 2) * acf[k];
            }
            correction = 1 + 2 / (dn * (dn - 1) * (dn - 2)) * sum;
        } else {
            const auto acf = autocorrelation(detrended, lags);
            double sum = 0;
            for (std::size_t k = 1; k <= lags; ++k) sum += (1 - static_cast<double>(k) / dn) * acf[k];
            correction = 1 + 2 * sum;
        }
        r.var_s *= correction;
    }

    if (r.s != 0 && !(r.var_s > 0)) {
        // A corrected variance can come out at or below zero on short, strongly autocorrelated
        // series: there is no test then. NaN says so (as pymannkendall does), where a number would lie.
        r.z = std::numeric_limits<double>::quiet_NaN();
        r.p_value = std::numeric_limits<double>::quiet_NaN();
        r.trend = trend_direction::no_trend;
        return r;
    }
    r.z = r.s == 0 ? 0.0 : (r.s - sign(r.s)) / std::sqrt(r.var_s);
    r.p_value = two_sided_p(r.z);
    const bool significant = std::abs(r.z) > critical;
    r.trend = !significant ? trend_direction::no_trend
                           : (r.z > 0 ? trend_direction::increasing : trend_direction::decreasing);
    return r;
}

sens_slope_result sens_slope(number_span y, std::span<const double> x, double level) {
    return sens_slope(y, {}, x, level);
}

sens_slope_result sens_slope(number_span y_values, std::span<const unsigned char> censored,
                             std::span<const double> x, double level) {
    std::vector<double> y_storage;
    const std::span<const double> y = y_values.doubles(y_storage);
    detail::check_level(level);
    const observations obs = kept(y, censored, x, 0, false);
    const std::size_t n = obs.y.size();
    if (n < 2) throw domain_error("y", "at least 2 non-missing values are needed, got " + std::to_string(n));

    sens_slope_result r;
    r.n = n;
    r.n_censored = obs.n_censored;
    r.n_missing = obs.n_missing;
    r.level = level;
    if (obs.n_censored > 0) {
        const auto a = censored_fit(obs);
        r.slope = a.slope;
        r.intercept = a.intercept;
        r.slope_ci = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
        return r;
    }
    auto slopes = pairwise_slopes(obs);
    const std::size_t count = slopes.size();
    const double c = boost::math::quantile(standard_normal, (1 + level) / 2) * std::sqrt(variance_s(obs.y));
    // 1-based ranks as R computes them; std::nearbyint rounds half to even (the default rounding
    // mode), like R's round().
    const double rank_lower = std::nearbyint((static_cast<double>(count) - c) / 2);
    const double rank_upper = std::nearbyint((static_cast<double>(count) + c) / 2 + 1);
    const bool lower_exists = rank_lower >= 1 && rank_lower <= static_cast<double>(count);
    const bool upper_exists = rank_upper >= 1 && rank_upper <= static_cast<double>(count);
    // One selection for the median and both limits. Since C >= 0 the lower rank is at most the
    // lower middle and the upper rank at least the upper middle, so the ranks are ascending; a
    // limit outside 1..N borrows a middle rank and is reported as NaN.
    const std::size_t m = count / 2;
    const std::size_t middle_low = count % 2 ? m : m - 1;
    const std::size_t lower_rank = lower_exists ? static_cast<std::size_t>(rank_lower) - 1 : middle_low;
    const std::size_t upper_rank = upper_exists ? static_cast<std::size_t>(rank_upper) - 1 : m;
    const auto stats = order_statistics<4>(slopes, {lower_rank, middle_low, m, upper_rank});
    r.slope = (stats[1] + stats[2]) / 2;
    r.intercept = median_of_copy(obs.y) - median_of_copy(obs.t) * r.slope;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.slope_ci = {lower_exists ? stats[0] : nan, upper_exists ? stats[3] : nan};
    return r;
}

}  // namespace tipstats::trend
