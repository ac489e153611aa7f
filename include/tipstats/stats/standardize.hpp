#pragma once
// Direct standardisation (age adjustment) with gamma intervals.
//
// With counts x_i, populations n_i and standard population s_i over strata i, weights
// w_i = s_i / (n_i Σ s), the standardised rate is y = Σ w_i x_i and its variance v = Σ w_i² x_i.
//   fay_feuer  Fay & Feuer (1997), Stat Med 16:791-801, as in SEER*Stat and R's epitools::ageadjust.direct:
//              lower = G⁻¹(α/2; shape y²/v, scale v/y) (0 when y = 0),
//              upper = G⁻¹(1-α/2; shape (y+w_M)²/(v+w_M²), scale (v+w_M²)/(y+w_M)), w_M = max w_i.
//   tiwari     Tiwari, Clegg & Zou (2006), Stat Methods Med Res 15:547-569: the same lower limit; the upper
//              uses y* = y + mean(w_i) and v* = v + mean(w_i²) (asht::wspoissonTest wmtype = "tcz").
// G⁻¹ is the gamma quantile; every result is multiplied by `per`.

#include <tipstats/stats/common.hpp>

#include <boost/math/distributions/gamma.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace tipstats::stats {

enum class standardize_method { fay_feuer, tiwari };

inline std::string_view to_string(standardize_method method) {
    return method == standardize_method::fay_feuer ? "fay_feuer" : "tiwari";
}

/// "fay_feuer" or "tiwari"; anything else is a domain_error on `method`.
inline standardize_method parse_standardize_method(std::string_view name) {
    if (name == "fay_feuer") return standardize_method::fay_feuer;
    if (name == "tiwari") return standardize_method::tiwari;
    throw domain_error("method", "unknown standardised-rate interval '" + std::string(name) +
                                     "'; expected fay_feuer or tiwari");
}

struct standardized_rate_result {
    double rate = 0;   ///< directly standardised rate, per `per`
    double lower = 0;
    double upper = 0;
    double crude_rate = 0;  ///< Σ x_i / Σ n_i, per `per`
};

/// Directly standardised rate of `counts` over `populations` (one element per stratum) to the `standard`
/// population, with a gamma interval (see the header comment). Counts >= 0, populations > 0, standard
/// >= 0 with a positive sum; all three of the same length.
inline standardized_rate_result standardized_rate(std::span<const double> counts, std::span<const double> populations,
                                                  std::span<const double> standard, double per = 100'000,
                                                  double level = 0.95,
                                                  standardize_method method = standardize_method::fay_feuer) {
    const std::size_t k = counts.size();
    if (k == 0) throw domain_error("counts", "needs at least one stratum");
    if (populations.size() != k)
        throw domain_error("populations", "has " + std::to_string(populations.size()) + " strata, counts has " +
                                              std::to_string(k));
    if (standard.size() != k)
        throw domain_error("standard", "has " + std::to_string(standard.size()) + " strata, counts has " +
                                           std::to_string(k));
    detail::require_positive("per", per, {});
    detail::require_level(level, {});
    double standard_total = 0, count_total = 0, population_total = 0;
    for (std::size_t i = 0; i < k; ++i) {
        detail::require_count("counts", counts[i], i);
        detail::require_positive("populations", populations[i], i);
        detail::require_count("standard", standard[i], i);
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
    const double y_star = y + (method == standardize_method::fay_feuer ? w_max : w_sum / strata);
    const double v_star = v + (method == standardize_method::fay_feuer ? w_max * w_max : w2_sum / strata);

    using gamma = boost::math::gamma_distribution<double, detail::policy>;
    const double tail = (1 - level) / 2;
    const double lower = y == 0 ? 0.0 : quantile(gamma(y * y / v, v / y), tail);
    const double upper = quantile(complement(gamma(y_star * y_star / v_star, v_star / y_star), tail));
    return {y * per, lower * per, upper * per, count_total / population_total * per};
}

}  // namespace tipstats::stats
