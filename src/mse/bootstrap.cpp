#include <tipstats/detail/random.hpp>
#include "../detail/parallel.hpp"
#include <tipstats/error.hpp>
#include <tipstats/mse/bootstrap.hpp>

#include "model.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/random/binomial_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace tipstats::mse {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): decorrelates the seeds of the replicates' generators.
// The total estimated from `counts` by the bootstrap's method. Lists with nobody are left out
// (with their pairs); `dropped` tells whether that happened.
double estimate_total(const std::vector<std::string>& lists, const std::vector<double>& counts,
                      const bootstrap_options& o, bool& dropped) {
    const std::size_t k = lists.size();
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < k; ++i) {
        double on_list = 0;
        for (std::size_t c = 1; c < counts.size(); ++c)
            if (c & (std::size_t{1} << i)) on_list += counts[c];
        if (on_list > 0) kept.push_back(i);
    }
    dropped = kept.size() < k;
    if (!dropped) {
        const capture_table table(lists, counts);
        return o.method == bootstrap_method::stepwise ? detail::stepwise_fit(table, o.threshold, false).fit.total
                                                      : detail::fixed_fit(table, o.interactions, false).total;
    }
    std::vector<std::string> names;
    std::vector<std::size_t> position(k, k);
    for (std::size_t j = 0; j < kept.size(); ++j) {
        names.push_back(lists[kept[j]]);
        position[kept[j]] = j;
    }
    std::vector<double> reduced(std::size_t{1} << kept.size(), 0.0);
    for (std::size_t c = 1; c < counts.size(); ++c) {
        if (counts[c] == 0) continue;
        std::size_t r = 0;
        for (std::size_t j = 0; j < kept.size(); ++j)
            if (c & (std::size_t{1} << kept[j])) r |= std::size_t{1} << j;
        reduced[r] += counts[c];
    }
    const capture_table table(std::move(names), std::move(reduced));
    if (o.method == bootstrap_method::stepwise) return detail::stepwise_fit(table, o.threshold, false).fit.total;
    std::vector<list_pair> pairs;
    for (const auto& [a, b] : o.interactions)
        if (position[a] < k && position[b] < k) pairs.emplace_back(position[a], position[b]);
    return detail::fixed_fit(table, pairs, false).total;
}

}  // namespace

double quantile_type8(std::span<const double> x, double probability) {
    // R's quantile.default for types 4-9 with a = b = 1/3 (Hyndman & Fan 1996), fuzz included.
    const double n = static_cast<double>(x.size());
    const double a = 1.0 / 3, fuzz = 4 * std::numeric_limits<double>::epsilon();
    const double nppm = a + probability * (n + 1 - 2 * a);
    const double j = std::floor(nppm + fuzz);
    double h = nppm - j;
    if (std::abs(h) < fuzz) h = 0;
    // x padded as R does: c(x[1], x[1], x, x[n], x[n]), indices j + 2 and j + 3 (1-based).
    const auto at = [&](double one_based_padded) {
        const double i = one_based_padded - 2;  // 1-based index into x
        if (i < 1) return x.front();
        if (i > n) return x.back();
        return x[static_cast<std::size_t>(i) - 1];
    };
    const double lo = at(j + 2), hi = at(j + 3);
    if (h == 0) return lo;
    if (h == 1) return hi;
    return lo == hi ? lo : (1 - h) * lo + h * hi;
}

std::vector<double> bca_quantiles(std::span<const double> replicates, double estimate, double acceleration,
                                  std::span<const double> probabilities) {
    if (replicates.empty()) throw domain_error("replicates", "are empty");
    std::vector<double> sorted(replicates.begin(), replicates.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        if (!std::isfinite(sorted[i])) throw domain_error("replicates", "must be finite", i);
    std::sort(sorted.begin(), sorted.end());
    const double below = static_cast<double>(std::count_if(sorted.begin(), sorted.end(), [&](double v) { return v < estimate; }));
    const double share = below / static_cast<double>(sorted.size());
    if (share == 0 || share == 1)
        throw domain_error("replicates", std::string("all lie ") + (share == 0 ? "at or above" : "below") +
                                             " the estimate: the BCa bias correction is infinite");
    const boost::math::normal normal{};
    const double z0 = boost::math::quantile(normal, share);
    std::vector<double> out;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        const double alpha = probabilities[i];
        if (!(alpha > 0 && alpha < 1)) throw domain_error("probabilities", "must lie strictly between 0 and 1", i);
        const double za0 = z0 + boost::math::quantile(normal, alpha);
        out.push_back(quantile_type8(sorted, boost::math::cdf(normal, z0 + za0 / (1 - acceleration * za0))));
    }
    return out;
}

bootstrap_result bootstrap(const capture_table& table, const bootstrap_options& o) {
    if (o.replicates < 2) throw domain_error("n", "needs at least 2 bootstrap replicates, got " + std::to_string(o.replicates));
    if (o.method == bootstrap_method::stepwise && !(o.threshold >= 0 && o.threshold <= 1))
        throw domain_error("threshold", "must lie between 0 and 1");
    bootstrap_options options = o;
    options.interactions = detail::normalised_pairs(table.size(), o.interactions);

    bootstrap_result r;
    r.seed = o.seed ? *o.seed : (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
    if (o.method == bootstrap_method::stepwise) {
        const auto s = detail::stepwise_fit(table, o.threshold, false);
        r.estimate = s.fit.total;
        for (const auto& step : s.steps) r.interactions.push_back(step.added);
        if (s.steps.empty()) r.interactions = s.fit.interactions;
    } else {
        const auto f = detail::fixed_fit(table, options.interactions, false);
        r.estimate = f.total;
        r.interactions = f.interactions;
    }

    const std::vector<double> counts(table.counts().begin(), table.counts().end());
    for (std::size_t c = 1; c < counts.size(); ++c)
        if (counts[c] > 0) r.jackknife_cells.push_back(static_cast<pattern>(c));
    const std::size_t B = o.replicates, J = r.jackknife_cells.size();
    r.replicates.assign(B, 0.0);
    r.jackknife.assign(J, 0.0);
    std::vector<char> dropped(B + J, 0);
    const double n = table.observed();

    tipstats::detail::parallel_for(
        B + J, o.threads,
        [&](std::size_t i) {
            std::vector<double> sample(counts.size(), 0.0);
            if (i < B) {
                // Multinomial(n, counts / n) as successive binomials over the observed cells.
                std::mt19937_64 gen(tipstats::detail::splitmix64(r.seed ^ tipstats::detail::splitmix64(i + 1)));
                double left_people = n, left_weight = n;
                for (std::size_t c = 1; c < counts.size() && left_people > 0; ++c) {
                    if (counts[c] == 0) continue;
                    const double p = std::min(1.0, counts[c] / left_weight);
                    boost::random::binomial_distribution<long long> draw(static_cast<long long>(left_people), p);
                    sample[c] = static_cast<double>(draw(gen));
                    left_people -= sample[c];
                    left_weight -= counts[c];
                }
            } else {
                sample = counts;
                sample[r.jackknife_cells[i - B]] -= 1;
            }
            bool lost_list = false;
            double total;
            try {
                total = estimate_total(table.lists(), sample, options, lost_list);
            } catch (const std::exception& e) {
                const std::string which = i < B ? "bootstrap replicate " + std::to_string(i + 1) + " of " + std::to_string(B) +
                                                      " (seed " + std::to_string(r.seed) + ")"
                                                : "the jackknife leaving one person out of " +
                                                      table.name_of(r.jackknife_cells[i - B]);
                throw error(which + ": " + e.what());
            }
            (i < B ? r.replicates[i] : r.jackknife[i - B]) = total;
            dropped[i] = lost_list;
        },
        1);
    r.dropped_list_replicates = static_cast<std::size_t>(std::count(dropped.begin(), dropped.begin() + static_cast<std::ptrdiff_t>(B), 1));

    // Acceleration from the jackknife, each leave-one-out value counted as often as its cell's
    // people (SparseMSE's estimatepopulation; Efron & Tibshirani 1993, eq. 14.15).
    double weight = 0, mean = 0;
    for (std::size_t j = 0; j < J; ++j) {
        weight += counts[r.jackknife_cells[j]];
        mean += counts[r.jackknife_cells[j]] * r.jackknife[j];
    }
    mean /= weight;
    double s2 = 0, s3 = 0;
    for (std::size_t j = 0; j < J; ++j) {
        const double d = mean - r.jackknife[j], c = counts[r.jackknife_cells[j]];
        s2 += c * d * d;
        s3 += c * d * d * d;
    }
    r.acceleration = s2 > 0 ? s3 / (6 * std::pow(s2, 1.5)) : 0.0;
    const double below = static_cast<double>(std::count_if(r.replicates.begin(), r.replicates.end(),
                                                           [&](double v) { return v < r.estimate; }));
    const double share = below / static_cast<double>(B);
    r.bias_correction = share == 0   ? -std::numeric_limits<double>::infinity()
                        : share == 1 ? std::numeric_limits<double>::infinity()
                                     : boost::math::quantile(boost::math::normal{}, share);
    return r;
}

}  // namespace tipstats::mse
