#pragma once
// Building blocks shared by the log-linear, bootstrap and closed-population code (private to src/mse).

#include <tipstats/mse/capture_table.hpp>
#include <tipstats/mse/loglinear.hpp>

#include <Eigen/Dense>
#include <boost/math/special_functions/gamma.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace tipstats::mse::detail {

/// log Gamma(x) in double precision: Boost's default promotes to long double, ten times slower,
/// for accuracy that double results do not keep.
inline double log_gamma(double x) {
    using double_precision = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
    return boost::math::lgamma(x, double_precision());
}

/// A log-linear model on a table of k lists: the cells kept and the terms fitted. Every term is a
/// set of lists (a bit mask: 0 the intercept, one bit a main effect, two bits a pair), and the
/// design entry of cell c and term t is 1 when c holds every list of t.
struct model {
    std::size_t k = 0;
    std::vector<pattern> cells;            ///< observable cells kept, ascending
    std::vector<pattern> terms;            ///< intercept, main effects, pairs with a non-empty overlap
    std::vector<list_pair> empty_overlaps; ///< pairs of the model nobody is on together (cells deleted)
};

/// Main effects plus `pairs` on counts of k lists (2^k cells). A pair whose overlap is empty in
/// `counts` has its cells deleted and its term dropped (SparseMSE's buildmodel).
model build_model(std::size_t k, std::span<const double> counts, std::span<const list_pair> pairs);

/// The 0/1 design matrix: one row per kept cell, one column per term.
Eigen::MatrixXd design(const model& md);

/// The counts of the kept cells.
Eigen::VectorXd kept_counts(const model& md, std::span<const double> counts);

struct poisson_fit {
    Eigen::VectorXd beta;
    Eigen::VectorXd mu;          ///< fitted means of the rows
    Eigen::MatrixXd covariance;  ///< inverse Fisher information at the estimate
    double deviance = 0;
    double log_likelihood = 0;   ///< sum y log mu - mu - log y!
    std::size_t iterations = 0;
};

/// Poisson regression with log link and full-rank X by Newton-Raphson (IRLS; McCullagh & Nelder
/// 1989) with step halving; `start` gives starting means (default (y + mean y) / 2, as statsmodels).
/// Throws tipstats::error if it does not converge in 100 iterations.
poisson_fit fit_poisson(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd* start = nullptr);

/// Whether the maximum likelihood estimate exists (the linear program of Fienberg & Rinaldo 2012):
/// some strictly positive table has the same sufficient statistics X'y. `objective` receives
/// max s of the program per person (x >= s for every cell).
bool estimate_exists(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double* objective = nullptr);

/// Column rank of X (exact for the small 0/1 designs used here).
std::size_t rank_of(const Eigen::MatrixXd& X);

/// The pairs of k lists in SparseMSE's order: (0,1), (0,2), ..., (k-2,k-1).
std::vector<list_pair> all_pairs(std::size_t k);

/// Checks the pairs: in range, first < second (swapped if given the other way), no repeats.
std::vector<list_pair> normalised_pairs(std::size_t k, std::span<const list_pair> pairs);

/// `loglinear` and `stepwise`; without `details` the fits skip what only people read (the
/// probabilities of the empty overlaps), as the bootstrap's replicates do.
loglinear_fit fixed_fit(const capture_table& table, std::span<const list_pair> interactions, bool details);
stepwise_result stepwise_fit(const capture_table& table, double threshold, bool details);

}  // namespace tipstats::mse::detail
