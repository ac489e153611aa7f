#pragma once
// Log-linear (Poisson) models of multiple systems estimation, as R's SparseMSE fits them (Chan,
// Silverman & Vincent 2021): main effects of every list plus chosen two-list interactions, fitted
// to all 2^k - 1 observable cells (zero cells included); the dark figure is exp(intercept).
//
// Sparse tables need care. A pair of lists in the model that nobody is on together ("an empty
// overlap") has a parameter of minus infinity: its cells are deleted and its term dropped, and it
// costs 2 in the AIC. Before fitting, the maximum likelihood estimate must exist (the linear
// program of Fienberg & Rinaldo 2012, as SparseMSE's checkident) and be identifiable (a design of
// full column rank); a model that fails either check raises domain_error naming the cells, lists
// and pairs responsible.

#include <tipstats/interval.hpp>
#include <tipstats/mse/capture_table.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace tipstats::mse {

/// A two-list interaction: the indices of two lists, first < second.
using list_pair = std::pair<std::size_t, std::size_t>;

/// What `check` finds out about a model on a table.
struct model_check {
    bool exists = true;              ///< a strictly positive table has the same sufficient statistics
    bool identifiable = true;        ///< the design of the kept cells has full column rank
    double lp_objective = 0;         ///< max s of the linear program, per person observed (0: no estimate)
    std::size_t rank_deficiency = 0;
    std::vector<list_pair> empty_overlaps;   ///< pairs of the model nobody is on together
    std::vector<pattern> zero_cells;         ///< when the estimate does not exist: cells forced to 0
    std::vector<std::string> confounded;     ///< when not identifiable: the terms that cannot be told apart
    std::string message;                     ///< empty when the model passes both checks
    bool ok() const noexcept { return exists && identifiable; }
};

/// Checks that the maximum likelihood estimate of main effects plus `interactions` exists and is
/// identifiable: SparseMSE's `checkident` (Chan, Silverman & Vincent 2021, sec. 2.3; Fienberg &
/// Rinaldo 2012). Throws domain_error for a pair out of range, repeated or of one list.
model_check check(const capture_table& table, std::span<const list_pair> interactions = {});

struct loglinear_fit {
    std::vector<list_pair> interactions;     ///< as asked, in that order
    std::vector<list_pair> empty_overlaps;   ///< those nobody is on together: cells deleted, term dropped
    std::vector<double> empty_overlap_p;     ///< SparseMSE's poisspempty: P(overlap empty) without the term
    std::vector<pattern> terms;              ///< lists of each fitted term: 0 intercept, one bit main, two bits pair
    std::vector<std::string> term_names;     ///< "(Intercept)", "LA", "LA:NG"
    std::vector<double> coefficients;
    std::vector<double> standard_errors;
    std::vector<double> covariance;          ///< inverse Fisher information, row-major (terms x terms)
    std::vector<double> fitted;              ///< expected count of every pattern; [0] is the dark figure, deleted cells 0
    double observed = 0;                     ///< people found
    double dark_figure = 0;                  ///< exp(intercept)
    double total = 0;                        ///< observed + dark figure
    double deviance = 0;
    double aic = 0;                          ///< -2 log-likelihood + 2 (terms + empty overlaps), as SparseMSE
    std::size_t df_residual = 0;             ///< cells used - terms
    std::size_t cells_used = 0;
    std::size_t iterations = 0;              ///< Newton (IRLS) iterations
};

/// Fits main effects plus `interactions` by maximum likelihood (Newton-Raphson, i.e. IRLS for the
/// canonical log link; McCullagh & Nelder 1989). Runs `check` first and throws domain_error with
/// its message when the model fails it.
loglinear_fit loglinear(const capture_table& table, std::span<const list_pair> interactions = {});

/// SparseMSE's interval for the total: observed + exp(b0 -+ z se(b0)), z the normal quantile of
/// (1 + level) / 2 (a normal interval on the log of the dark figure).
interval total_interval(const loglinear_fit& fit, double level = 0.95);

struct stepwise_step {
    list_pair added;
    double p_value = 0;  ///< min(P(X <= n*), P(X >= n*)), X Poisson with the fitted mean of the overlap
};

struct stepwise_result {
    loglinear_fit fit;
    std::vector<stepwise_step> steps;  ///< the terms in the order chosen
    double threshold = 0.02;
};

/// The stepwise selection of Chan, Silverman & Vincent (2021), SparseMSE's `stepwisefit`: from main
/// effects, add the two-list term with the smallest Poisson p-value of its overlap while that is
/// below `threshold` and the model passes `check`. threshold 0 gives main effects; threshold 1 the
/// model with every pair when it passes `check` (as SparseMSE).
stepwise_result stepwise(const capture_table& table, double threshold = 0.02);

}  // namespace tipstats::mse
