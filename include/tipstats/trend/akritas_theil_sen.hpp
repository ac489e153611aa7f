#pragma once
// Kendall's tau and its test, and the Akritas-Theil-Sen line, for left-censored y ("<5": a value
// known only to lie below its detection limit) against an uncensored x, as R's NADA package
// computes them in cenken (Akritas, Murphy & LaValley 1995, JASA 90:170-177; Helsel 2012,
// Statistics for Censored Environmental Data Using Minitab and R, 2nd ed., ch. 12).
//
// A pair is concordant or discordant only where its order is known: "<1" before 10 is an increase,
// "<1" before 0.5 or before "<5" is a tie. The slope b makes Kendall's S of the residuals y - b x
// against x zero (cenken's bisection, its tolerance and steps); the intercept is the median
// residual, its censored values as intervals, from the Turnbull (1976) estimate by the EM
// algorithm of Icens (Gentleman & Vandal). The variance of S carries cenken's corrections for
// ties among detected values, among censored values and between the two.
//
// Numbers only: y (any contiguous numbers), the left-censoring flags and x as spans; no missing
// values.

#include <tipstats/number_span.hpp>

#include <cstddef>
#include <span>

namespace tipstats::trend {

struct akritas_theil_sen_result {
    double s = 0;          ///< Kendall's S over the pairs whose order is known
    double var_s = 0;      ///< its variance with cenken's tie corrections
    double z = 0;          ///< (S - sign S) / sqrt(var_s); NaN when var_s <= 0
    double p_value = 1;    ///< two-sided normal p-value; NaN when var_s <= 0
    double tau = 0;        ///< S / (n (n - 1) / 2), as cenken reports it
    double slope = 0;      ///< Akritas-Theil-Sen slope per unit of x
    double intercept = 0;  ///< Turnbull median of the residuals y - slope x
    std::size_t n = 0;
    std::size_t n_censored = 0;
};

/// y[i] is a detected value, or where censored[i] is non-zero the detection limit of a value known
/// only to lie below it (cenken's y and ycen). x must be finite with at least two distinct values.
/// Throws domain_error for non-finite y or x, negative y, fewer than 2 values, or every value
/// censored (no pair then has a known order).
akritas_theil_sen_result akritas_theil_sen(number_span y, std::span<const unsigned char> censored,
                                           std::span<const double> x);

}  // namespace tipstats::trend
