#pragma once
// Maximum likelihood for count regressions with a linear predictor eta = a + b x + offset, counts
// known exactly or only within inclusive bounds (private to src/trend).
//
// A count known to lie in A = [lower, upper] contributes log P(Y in A). Its derivatives are
// conditional moments of the complete-data ones (Louis 1982): with s(y) the score and H(y) the
// Hessian of log p(y),
//     d log P(A)   = E[s | A],      d2 log P(A) = E[H + s s' | A] - E[s | A] E[s | A]'.
// The sums over A run outward from the mode of p within A and stop when the rest is below 1e-17 of
// the sum, in log space, so "<5" costs five terms and ">1000" with a mean of 10 a few dozen; an
// open-ended A with real mass is one minus the finite rest, [0, lower - 1].

#include <tipstats/interval.hpp>

#include <Eigen/Dense>

#include <cstddef>
#include <string>
#include <vector>

namespace tipstats::trend::detail {

enum class family { poisson, negbin, binomial };

/// Log-probability, first and second derivatives of one observation with respect to eta and, for
/// the negative binomial, theta = log alpha.
struct observation_terms {
    double loglik = 0;
    double g_eta = 0, g_theta = 0;
    double h_eta = 0, h_eta_theta = 0, h_theta = 0;
    double magnitude = 0;  ///< size of the terms log p(y) is the sum of: its rounding error is about eps times this
};

/// log Gamma, digamma and trigamma of the NB2 shape r = 1 / alpha: shared by every observation of
/// a fit at one alpha, so computed once per evaluation.
struct shape_terms {
    double log_gamma = 0, digamma = 0, trigamma = 0;
    static shape_terms of(double alpha);
};

/// One observation's distribution: Poisson(mu), NB2(mu, alpha) or Binomial(trials, p), with
/// mu = e^eta or p = 1 / (1 + e^-eta). `shape` (NB2 only) may be given to save recomputing it.
class count_distribution {
public:
    count_distribution(family f, double eta, double alpha, double trials, const shape_terms* shape = nullptr);

    observation_terms exact(double y) const;
    /// For whole-number bounds lower <= upper (upper may be infinite).
    observation_terms interval(double lower, double upper) const;

    double mean() const { return mean_; }
    double variance() const;
    /// Deviance contribution 2 [log p(y; mu = y) - log p(y; mu)] of an exact y.
    double unit_deviance(double y) const;

private:
    struct state;  // one term of a sum over y: log p(y) and, for NB2, the digamma / trigamma differences
    struct sums;
    sums sum_over(double lower, double upper) const;
    state at(double y) const;
    void step_up(state& s) const;
    void step_down(state& s) const;
    observation_terms derivatives(double y, const state& s) const;
    double mode() const;
    bool slow_tail(double from) const;

    family family_;
    double eta_, alpha_, trials_;
    double mean_;        // mu (Poisson, NB2) or trials * p (binomial)
    double r_ = 0;       // NB2: 1 / alpha
    double log_q_ = 0;   // NB2: log(alpha mu / (1 + alpha mu)); binomial: eta
    double log1p_alpha_mu_ = 0;  // NB2: log(1 + alpha mu)
    double log_mu_ = 0;
    shape_terms shape_;  // NB2
};

/// One observed (non-missing) count for a fit.
struct count_observation {
    double x = 0;        // centred x
    double offset = 0;   // log exposure
    double lower = 0;    // inclusive bounds; equal when the count is exact
    double upper = 0;
    double trials = 0;   // binomial only
    bool exact() const { return lower == upper; }
};

struct maximum_likelihood {
    enum class outcome {
        converged,
        dispersion_unbounded,  ///< negbin: alpha grew past e^20, the likelihood still rising
        dispersion_zero,       ///< negbin: alpha fell below e^-25, the Poisson boundary
        failed,                ///< `failure` says why; params are where Newton's method stopped
    };
    outcome status = outcome::converged;
    std::string failure;
    Eigen::Vector3d params = Eigen::Vector3d::Zero();  // a (at the centre of x), b, theta = log alpha
    Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero();  // inverse observed information (2x2 or 3x3 block)
    double loglik = 0;
    std::size_t iterations = 0;
};

/// Log-likelihood, gradient and Hessian in (a, b[, theta]) of the observations.
struct likelihood_value {
    double loglik = 0;
    double magnitude = 0;  ///< sum of the observations' magnitudes: the log-likelihood's rounding scale
    Eigen::Vector3d gradient = Eigen::Vector3d::Zero();
    Eigen::Matrix3d hessian = Eigen::Matrix3d::Zero();
};

likelihood_value evaluate(const std::vector<count_observation>& data, family f, const Eigen::Vector3d& params);

/// Maximises the log-likelihood from `start` by Newton's method (Levenberg-damped where the
/// Hessian is not negative definite) with a step-halving line search, over (a, b) or, for the
/// negative binomial, (a, b, theta). Reports in `status` how it ended rather than throwing, so that
/// callers can say what went wrong in their own terms.
maximum_likelihood maximise(const std::vector<count_observation>& data, family f, Eigen::Vector3d start);

/// Empty when a finite maximum can exist; else why not. The estimate is infinite when every count
/// can be at the family's lower end (0), every count at its upper end (infinity, or all trials),
/// or when, in x order, the counts before some position can all be at one end and those after it
/// at the other (Albert & Anderson 1984's separation, for bounds).
std::string separation(const std::vector<count_observation>& data, family f, std::size_t& index);

/// Wald inference of a maximum likelihood estimate with standard error `se`, as statsmodels' GLM
/// reports it: z = estimate / se, its two-sided normal p-value and the normal interval
/// estimate -+ z_{(1+level)/2} se.
struct wald_inference {
    double z = 0;
    double p_value = 1;
    interval ci;
};
wald_inference wald(double estimate, double se, double level);

}  // namespace tipstats::trend::detail
