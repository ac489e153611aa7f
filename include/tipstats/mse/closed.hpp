#pragma once
// Closed-population capture-recapture models as R's Rcapture fits them (`closedp.t`, Baillargeon &
// Rivest 2007; Rivest & Levesque 2001): M0 (one capture probability), Mt (one per list), Mh
// (heterogeneous people) and Mth (both), heterogeneity modelled as Chao's lower bound, Poisson2,
// Darroch or Gamma3.5, each a Poisson log-linear model of the 2^t - 1 capture histories; and the
// profile-likelihood interval of the abundance of `closedpCI.t` (Cormack 1992).

#include <tipstats/interval.hpp>
#include <tipstats/mse/capture_table.hpp>
#include <tipstats/text.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tipstats::mse {

enum class closed_model {
    m0, mt,
    mh_chao, mh_poisson2, mh_darroch, mh_gamma35,
    mth_chao, mth_poisson2, mth_darroch, mth_gamma35,
};

/// Rcapture's row names: "M0", "Mt", "Mh Chao (LB)", "Mh Poisson2", "Mh Darroch", "Mh Gamma3.5",
/// "Mth Chao (LB)", "Mth Poisson2", "Mth Darroch", "Mth Gamma3.5".
std::string_view to_string(closed_model m);
/// Parses a name of `to_string` or Rcapture's short one ("MhC", "MthP", ...); throws domain_error.
closed_model closed_model_from_string(std::string_view name);

struct closed_fit {
    closed_model model = closed_model::m0;
    bool fitted = false;          ///< false when the model has no finite estimate on this table (see note)
    double abundance = 0;         ///< n + exp(intercept)
    double stderr_abundance = 0;  ///< sqrt(exp(b0) + exp(2 b0) var(b0)), Rcapture's getN
    double deviance = 0;
    std::size_t df = 0;           ///< histories - parameters
    double aic = 0;               ///< -2 log-likelihood + 2 parameters
    double bic = 0;               ///< -2 log-likelihood + log(n) parameters
    std::vector<std::string> parameters;     ///< "(Intercept)", "beta", "beta1", ..., "tau", "eta3", ...
    std::vector<double> coefficients;
    std::vector<std::string> removed_etas;   ///< Chao models: negative eta parameters set to 0, as Rcapture
    std::string note;                        ///< why a model has no estimate; which etas were removed
};

/// Every model of `closedp.t` for t >= 3 lists (M0 and Mt only for 2 lists, as Rcapture leaves out
/// the heterogeneity models there).
std::vector<closed_fit> closed_models(const capture_table& table);

/// One model of `closedp.t`.
closed_fit fit_closed(const capture_table& table, closed_model model);

struct profile_interval_result {
    closed_model model = closed_model::mt;
    double level = 0.95;
    double abundance = 0;          ///< the multinomial estimate: the maximum of the profile likelihood
    /// Where the profile log-likelihood falls to the cut: the lower end is the people observed when
    /// it stays above the cut down to them (lower_at_observed), the upper end infinite when it stays
    /// above the cut.
    interval ci;
    double max_log_likelihood = 0;
    bool lower_at_observed = false;
    double poisson_abundance = 0;  ///< closedp.t's estimate of the same model
};

/// The profile-likelihood interval of `closedpCI.t`: the multinomial profile log-likelihood of N,
/// -(deviance of the Poisson fit with n0 = N - n people on no list - 2 c(N)) / 2 with Cormack's
/// (1992) correction c(N) = log(n0^n0 N! / (N^N n0!)) (exact; Rcapture uses Stirling's formula
/// above 100 people, which goes wrong for fewer than a few missing people), maximised over
/// (n, 1.5 N_Poisson); the bounds are where it falls chi2_1(level) / 2 below the maximum. Rcapture
/// reports ">3N" when the upper bound lies beyond 3 N_Poisson: here the search goes on (doubling)
/// and the bound is infinite only when the likelihood never falls enough.
profile_interval_result profile_interval(const capture_table& table, closed_model model, double level = 0.95);

/// The profile log-likelihood of `profile_interval` at N (for plots and checks).
double profile_log_likelihood(const capture_table& table, closed_model model, double N);

}  // namespace tipstats::mse
