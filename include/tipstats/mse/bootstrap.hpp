#pragma once
// The bootstrap of SparseMSE's `estimatepopulation` (Chan, Silverman & Vincent 2021, sec. 3.3):
// multinomial resampling of the people observed, the model fitted (and, for stepwise, chosen) again
// on every replicate, and the BCa interval of DiCiccio & Efron (1996) with the jackknife
// acceleration. Replicates run on all cores; replicate i draws from its own generator seeded from
// (seed, i), so a seed gives the same replicates whatever the number of threads.

#include <tipstats/mse/capture_table.hpp>
#include <tipstats/mse/loglinear.hpp>
#include <tipstats/text.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace tipstats::mse {

enum class bootstrap_method {
    stepwise,  ///< the model chosen again by `stepwise` on every replicate
    fixed,     ///< main effects plus the given interactions on every replicate
};

inline std::string_view to_string(bootstrap_method m) { return m == bootstrap_method::fixed ? "fixed" : "stepwise"; }

struct bootstrap_options {
    bootstrap_method method = bootstrap_method::stepwise;
    std::vector<list_pair> interactions;  ///< the model, for `fixed`
    double threshold = 0.02;              ///< for `stepwise`
    std::size_t replicates = 1000;
    std::optional<std::uint64_t> seed;    ///< drawn from std::random_device when unset
    unsigned threads = 0;                 ///< 0: every core
};

struct bootstrap_result {
    double estimate = 0;                  ///< the total estimated from the data
    std::vector<list_pair> interactions;  ///< the model of the data (in the order chosen, for stepwise)
    std::vector<double> replicates;       ///< the total estimated from every bootstrap table
    std::vector<double> jackknife;        ///< the total with one person of each observed pattern left out
    std::vector<pattern> jackknife_cells; ///< those patterns
    double acceleration = 0;              ///< a: the jackknife skewness, weighted by the cell counts
    double bias_correction = 0;           ///< z0 = Phi^-1(share of replicates below the estimate); +-inf when 0 or 1
    std::uint64_t seed = 0;
    std::size_t dropped_list_replicates = 0;  ///< replicates in which a list had nobody (fitted without it)
};

/// Bootstraps the total of `table` (see the header comment). In a replicate in which a list has
/// nobody, the model is fitted without that list and its pairs: the limit the estimate reaches as
/// that list's main effect goes to minus infinity. A replicate whose model has no estimate throws
/// tipstats::error naming the replicate.
bootstrap_result bootstrap(const capture_table& table, const bootstrap_options& options = {});

/// BCa quantiles of the replicates at `probabilities`, as SparseMSE's bcaconfvalues: with
/// z0 = Phi^-1(share of replicates below the estimate) and za = Phi^-1(alpha), the replicates'
/// quantile (Hyndman & Fan 1996 type 8, R's type = 8) at Phi(z0 + (z0 + za) / (1 - a (z0 + za))).
/// Throws domain_error when every replicate lies on one side of the estimate (z0 infinite).
std::vector<double> bca_quantiles(std::span<const double> replicates, double estimate, double acceleration,
                                  std::span<const double> probabilities);

/// The sample quantile of type 8 of Hyndman & Fan (1996) (median-unbiased), exactly as R computes it.
double quantile_type8(std::span<const double> sorted_values, double probability);

}  // namespace tipstats::mse
