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
#include <tipstats/text.hpp>

#include <string_view>

namespace tipstats::stats {

enum class standardize_method { fay_feuer, tiwari };

/// "fay_feuer" or "tiwari".
std::string_view to_string(standardize_method method);
/// The method of that name; anything else is a domain_error on `method`.
standardize_method parse_standardize_method(std::string_view name);

struct standardized_rate_options {
    double per = 100'000;
    double level = 0.95;
    standardize_method method = standardize_method::fay_feuer;
};

struct standardized_rate_result {
    double rate = 0;        ///< directly standardised rate, per `per`
    interval ci;            ///< per `per`
    double crude_rate = 0;  ///< Σ x_i / Σ n_i, per `per`
};

/// Directly standardised rate of `counts` over `populations` (one element per stratum) to the `standard`
/// population, with a gamma interval (see the header comment). Counts >= 0, populations > 0, standard
/// >= 0 with a positive sum; all three of the same length.
standardized_rate_result standardized_rate(number_span counts, number_span populations, number_span standard,
                                           const standardized_rate_options& options = {});

}  // namespace tipstats::stats
