#pragma once
// The trend of a proportion: binomial logistic regression logit P(success) = a + b x, e.g. the
// share of girls among detected victims year by year, with the annual odds ratio e^b. Numbers
// only: successes, trials, bounds and x as spans.

#include <tipstats/trend/loglinear.hpp>

#include <cstddef>
#include <span>

namespace tipstats::trend {

struct logistic_result {
    double intercept = 0;        ///< log-odds at x = 0
    double slope = 0;            ///< b: change of the log-odds per unit x
    double se = 0;               ///< its standard error (observed information)
    double z = 0;                ///< b / se
    double p_value = 1;          ///< two-sided normal p-value of b = 0
    interval slope_ci;           ///< b -+ z_{(1+level)/2} se (normal, as statsmodels' GLM)
    double odds_ratio = 1;       ///< e^b: the factor by which the odds change per unit x
    interval odds_ratio_ci{1, 1};  ///< e^{slope_ci}
    double log_likelihood = 0;   ///< binomial, with the binomial coefficients; censored successes by their probability
    double deviance = 0;         ///< over the exact successes
    double pearson_chi2 = 0;     ///< sum over exact successes of (y - m p)^2 / (m p (1 - p))
    double level = 0.95;
    std::size_t n = 0;           ///< periods used
    std::size_t n_censored = 0;  ///< of which with censored successes
    std::size_t n_missing = 0;   ///< periods left out (successes missing)
    std::size_t iterations = 0;  ///< Newton iterations
};

/// Binomial logit trend of successes out of trials over x (default 0..n-1), by maximum likelihood
/// (Newton's method, which is Fisher scoring for the canonical link: McCullagh & Nelder 1989,
/// ch. 4); successes may be NaN with inclusive `bounds` (censored, e.g. "<5" as [0, 4]) or without
/// (missing: the period is left out). Throws domain_error for trials that are not positive and
/// finite where successes are given, successes below 0 or above their trials, fewer than 2
/// periods, and successes that are all 0, all equal to their trials, or separated in x (an
/// infinite slope); error when the fit does not converge.
logistic_result logistic(number_span successes, number_span trials,
                         const count_bounds& bounds = {}, std::span<const double> x = {}, double level = 0.95);

}  // namespace tipstats::trend
