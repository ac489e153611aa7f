#include "count_likelihood.hpp"

#include <tipstats/error.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tipstats::trend::detail {
namespace {

// Double precision throughout: Boost's default promotes to long double, several times slower, for
// digits these likelihoods do not need. Poles and overflows (a line-search trial with alpha out of
// range) give inf or NaN rather than an exception: the likelihood is then not finite, and the line
// search steps back.
namespace policies = boost::math::policies;
using double_precision =
    policies::policy<policies::promote_double<false>, policies::pole_error<policies::ignore_error>,
                     policies::overflow_error<policies::ignore_error>, policies::domain_error<policies::ignore_error>,
                     policies::evaluation_error<policies::ignore_error>>;

double log_gamma_of(double x) { return boost::math::lgamma(x, double_precision()); }
double digamma_of(double x) { return boost::math::digamma(x, double_precision()); }
double trigamma_of(double x) { return boost::math::trigamma(x, double_precision()); }

constexpr double inf = std::numeric_limits<double>::infinity();
// A sum over a censoring interval stops when what is left is below this share of it.
constexpr double tail_share = 1e-17;
// Beyond this many terms a sum gives up: the parameters are far from any sensible fit.
constexpr std::size_t max_terms = 10'000'000;

// log(1 + e^t) without overflow.
double softplus(double t) { return t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t)); }

// digamma(y + r) - digamma(r) and the like lose digits to cancellation when r (1 / alpha) is large
// against y; a whole y up to 64 then gets them as exact sums of y terms instead.
bool sum_exactly(double y, double r) { return y == std::floor(y) && y <= 64 && r > 4 * y; }

}  // namespace

// log p(y) and, for NB2, D = digamma(y + r) - digamma(r) and T = trigamma(y + r) - trigamma(r).
struct count_distribution::state {
    double y = 0;
    double logp = 0;
    double magnitude = 0;  // of the terms logp adds up
    double digamma_difference = 0;
    double trigamma_difference = 0;
};

shape_terms shape_terms::of(double alpha) {
    const double r = 1 / alpha;
    return {log_gamma_of(r), digamma_of(r), trigamma_of(r)};
}

count_distribution::count_distribution(family f, double eta, double alpha, double trials, const shape_terms* shape)
    : family_(f), eta_(eta), alpha_(alpha), trials_(trials) {
    switch (family_) {
        case family::poisson:
            mean_ = std::exp(eta);
            log_mu_ = eta;
            break;
        case family::negbin:
            mean_ = std::exp(eta);
            log_mu_ = eta;
            r_ = 1 / alpha;
            log1p_alpha_mu_ = softplus(std::log(alpha) + eta);
            log_q_ = std::log(alpha) + eta - log1p_alpha_mu_;  // log(alpha mu / (1 + alpha mu))
            shape_ = shape ? *shape : shape_terms::of(alpha);
            break;
        case family::binomial:
            mean_ = trials / (1 + std::exp(-eta));
            log_q_ = eta;
            break;
    }
}

double count_distribution::variance() const {
    switch (family_) {
        case family::poisson: return mean_;
        case family::negbin: return mean_ + alpha_ * mean_ * mean_;
        case family::binomial: break;
    }
    const double p = mean_ / trials_;
    return trials_ * p * (1 - p);
}

double count_distribution::unit_deviance(double y) const {
    const double mu = mean_;
    const auto ylogy = [](double a, double b) { return a > 0 ? a * std::log(a / b) : 0.0; };
    switch (family_) {
        case family::poisson: return 2 * (ylogy(y, mu) - (y - mu));
        case family::negbin: return 2 * (ylogy(y, mu) - (y + r_) * std::log1p((y - mu) / (mu + r_)));
        case family::binomial: break;
    }
    return 2 * (ylogy(y, mu) + ylogy(trials_ - y, trials_ - mu));
}

// Whether summing the negative binomial tail from `from` upward would take more than 100,000 terms:
// past the mode the terms fall by at most max(rho, q) each, q = alpha mu / (1 + alpha mu).
bool count_distribution::slow_tail(double from) const {
    const double y = std::max(from, mode());
    const double rho = std::max((y + r_) / (y + 1), r_ < 1 ? 1.0 : 0.0) * std::exp(log_q_);
    return rho >= 1 || 40 / (1 - rho) > 1e5;
}

double count_distribution::mode() const {
    switch (family_) {
        case family::poisson: return std::floor(mean_);
        case family::negbin: return r_ > 1 ? std::floor((r_ - 1) / r_ * mean_) : 0.0;
        case family::binomial: break;
    }
    return std::min(trials_, std::floor((trials_ + 1) * mean_ / trials_));
}

count_distribution::state count_distribution::at(double y) const {
    state s;
    s.y = y;
    switch (family_) {
        case family::poisson: {
            const double log_factorial = y > 0 ? log_gamma_of(y + 1) : 0.0;
            s.logp = (y > 0 ? y * log_mu_ : 0.0) - log_factorial - mean_;
            s.magnitude = std::abs(y * log_mu_) + log_factorial + mean_;
            break;
        }
        case family::negbin: {
            double log_rising = 0;  // log Gamma(y + r) - log Gamma(r)
            if (sum_exactly(y, r_)) {
                for (double k = 0; k < y; ++k) {
                    log_rising += std::log(r_ + k);
                    s.digamma_difference += 1 / (r_ + k);
                    s.trigamma_difference -= 1 / ((r_ + k) * (r_ + k));
                }
            } else if (y > 0) {
                log_rising = log_gamma_of(y + r_) - shape_.log_gamma;
                s.digamma_difference = digamma_of(y + r_) - shape_.digamma;
                s.trigamma_difference = trigamma_of(y + r_) - shape_.trigamma;
            }
            const double log_factorial = y > 0 ? log_gamma_of(y + 1) : 0.0;
            s.logp = log_rising - log_factorial - r_ * log1p_alpha_mu_ + (y > 0 ? y * log_q_ : 0.0);
            s.magnitude = std::abs(log_rising) + log_factorial + r_ * log1p_alpha_mu_ + std::abs(y * log_q_) +
                          std::abs(shape_.log_gamma);
            break;
        }
        case family::binomial: {
            const double m = trials_;
            const double log_trials_factorial = log_gamma_of(m + 1);
            s.logp = log_trials_factorial - log_gamma_of(y + 1) - log_gamma_of(m - y + 1) - y * softplus(-eta_) -
                     (m - y) * softplus(eta_);
            s.magnitude = 2 * log_trials_factorial + y * softplus(-eta_) + (m - y) * softplus(eta_);
            break;
        }
    }
    return s;
}

void count_distribution::step_up(state& s) const {
    const double y = s.y;
    switch (family_) {
        case family::poisson: s.logp += log_mu_ - std::log(y + 1); break;
        case family::negbin:
            s.logp += std::log((y + r_) / (y + 1)) + log_q_;
            s.digamma_difference += 1 / (y + r_);
            s.trigamma_difference -= 1 / ((y + r_) * (y + r_));
            break;
        case family::binomial: s.logp += std::log((trials_ - y) / (y + 1)) + eta_; break;
    }
    s.y = y + 1;
}

void count_distribution::step_down(state& s) const {
    const double y = s.y;
    switch (family_) {
        case family::poisson: s.logp += std::log(y) - log_mu_; break;
        case family::negbin:
            s.logp += std::log(y / (y - 1 + r_)) - log_q_;
            s.digamma_difference -= 1 / (y - 1 + r_);
            s.trigamma_difference += 1 / ((y - 1 + r_) * (y - 1 + r_));
            break;
        case family::binomial: s.logp += std::log(y / (trials_ - y + 1)) - eta_; break;
    }
    s.y = y - 1;
}

// Score and Hessian of log p(y) in (eta, theta). NB2 with r = 1/alpha (Cameron & Trivedi 2013,
// sec. 3.3): d/deta = (y - mu) / (1 + alpha mu); d/dr = D + log(r / (r + mu)) + (mu - y) / (r + mu);
// theta = log alpha, so d/dtheta = -r d/dr and d2/dtheta2 = r d/dr + r^2 d2/dr2.
observation_terms count_distribution::derivatives(double y, const state& s) const {
    observation_terms t;
    t.loglik = s.logp;
    const double mu = mean_;
    switch (family_) {
        case family::poisson:
            t.g_eta = y - mu;
            t.h_eta = -mu;
            break;
        case family::negbin: {
            const double r = r_;
            const double one_plus = 1 + alpha_ * mu;
            t.g_eta = (y - mu) / one_plus;
            t.h_eta = -mu * (1 + alpha_ * y) / (one_plus * one_plus);
            const double d_r = s.digamma_difference - log1p_alpha_mu_ + (mu - y) / (r + mu);
            const double d_rr = s.trigamma_difference + mu / (r * (r + mu)) - (mu - y) / ((r + mu) * (r + mu));
            t.g_theta = -r * d_r;
            t.h_theta = r * d_r + r * r * d_rr;
            t.h_eta_theta = -r * (y - mu) * mu / ((r + mu) * (r + mu));
            break;
        }
        case family::binomial: {
            const double p = mu / trials_;
            t.g_eta = y - mu;
            t.h_eta = -trials_ * p * (1 - p);
            break;
        }
    }
    return t;
}

observation_terms count_distribution::exact(double y) const {
    const state s = at(y);
    observation_terms t = derivatives(y, s);
    t.magnitude = s.magnitude;
    return t;
}

// Sums over y in [lower, upper] of w = p(y) / p(start) times 1, s, H + s s' (eta-eta, eta-theta,
// theta-theta), where p(start) = e^reference: the terms of the conditional moments.
struct count_distribution::sums {
    double reference = 0;
    double magnitude = 0;  // of the first term
    double s0 = 0, s_eta = 0, s_theta = 0, s_ee = 0, s_et = 0, s_tt = 0;
    bool complete = true;  // false when the sum needed too many terms
};

count_distribution::sums count_distribution::sum_over(double lower, double upper) const {
    // A short interval ("<5") is summed upward from its lower bound, whose term needs no special
    // function when it is 0; a long one outward from the mode, where the terms are largest.
    const bool short_range = upper - lower <= 64;
    const double start = short_range ? lower : std::clamp(mode(), lower, upper);
    sums out;
    state first = at(start);
    out.reference = first.logp;
    out.magnitude = first.magnitude;
    std::size_t terms = 0;
    const auto add = [&](const state& s) {
        if (s.logp > out.reference) {  // keep the largest term at weight 1: no overflow
            const double scale = std::exp(out.reference - s.logp);
            out.s0 *= scale;
            out.s_eta *= scale;
            out.s_theta *= scale;
            out.s_ee *= scale;
            out.s_et *= scale;
            out.s_tt *= scale;
            out.reference = s.logp;
        }
        const double w = std::exp(s.logp - out.reference);
        const observation_terms d = derivatives(s.y, s);
        out.s0 += w;
        out.s_eta += w * d.g_eta;
        out.s_theta += w * d.g_theta;
        out.s_ee += w * (d.h_eta + d.g_eta * d.g_eta);
        out.s_et += w * (d.h_eta_theta + d.g_eta * d.g_theta);
        out.s_tt += w * (d.h_theta + d.g_theta * d.g_theta);
        return w;
    };
    add(first);
    if (short_range) {
        for (state s = first; s.y < upper;) {
            step_up(s);
            add(s);
        }
        return out;
    }
    // Upward: past the mode each term is at most rho times the one before, so what is left is at
    // most w rho / (1 - rho) (and at most w times the terms left before a finite upper bound).
    for (state s = first; s.y < upper;) {
        step_up(s);
        const double w = add(s);
        double rho = 1;
        switch (family_) {
            case family::poisson: rho = mean_ / (s.y + 1); break;
            case family::negbin: rho = std::max((s.y + r_) / (s.y + 1), r_ < 1 ? 1.0 : 0.0) * std::exp(log_q_); break;
            case family::binomial: rho = (trials_ - s.y) / (s.y + 1) * std::exp(eta_); break;
        }
        double left = upper - s.y;
        if (rho < 1) left = std::min(left, rho / (1 - rho));
        if (w * left < tail_share * out.s0) break;
        if (++terms > max_terms) {
            out.complete = false;
            return out;
        }
    }
    // Downward: below the mode terms fall, so what is left is at most w times the terms left.
    for (state s = first; s.y > lower;) {
        step_down(s);
        const double w = add(s);
        if (w * (s.y - lower) < tail_share * out.s0) break;
        if (++terms > max_terms) {
            out.complete = false;
            return out;
        }
    }
    return out;
}

observation_terms count_distribution::interval(double lower, double upper) const {
    if (family_ == family::binomial) upper = std::min(upper, trials_);
    observation_terms t;
    sums a;
    // An open-ended count [lower, inf) with real mass is one minus the finite [0, lower - 1]: the
    // upper tail of a heavy negative binomial would take millions of terms. Since the scores have
    // mean 0 and E[H + s s'] = 0 over all counts, the tail's sums are minus those of the rest.
    if (upper == inf && lower > 0) {
        const sums below = sum_over(0, lower - 1);
        const double log_below = below.reference + std::log(below.s0);
        double log_tail = std::numeric_limits<double>::quiet_NaN();
        if (below.complete && log_below < std::log1p(-1e-3)) {
            log_tail = std::log(-std::expm1(log_below));
        } else if (below.complete && family_ == family::negbin && slow_tail(lower)) {
            // A tiny tail that decays too slowly to sum (r near 0: almost all mass at 0): its
            // probability from the regularised incomplete beta, P(Y >= l) = 1 - I_p(r, l) with
            // p = r / (r + mu); the derivatives' numerators from the rest, to eps / P(tail).
            log_tail = std::log(boost::math::ibetac(r_, lower, 1 / (1 + alpha_ * mean_), double_precision()));
        }
        if (!std::isnan(log_tail)) {
            if (!std::isfinite(log_tail)) {
                t.loglik = -inf;
                return t;
            }
            const double scale = std::exp(below.reference - log_tail);  // p(start) / P(tail)
            t.loglik = log_tail;
            t.magnitude = below.magnitude;
            t.g_eta = -below.s_eta * scale;
            t.g_theta = -below.s_theta * scale;
            t.h_eta = -below.s_ee * scale - t.g_eta * t.g_eta;
            t.h_eta_theta = -below.s_et * scale - t.g_eta * t.g_theta;
            t.h_theta = -below.s_tt * scale - t.g_theta * t.g_theta;
            return t;
        }
    }
    a = sum_over(lower, upper);
    if (!a.complete) {  // a point far from any sensible fit: the line search steps back
        t.loglik = -inf;
        return t;
    }
    t.loglik = a.reference + std::log(a.s0);
    t.magnitude = a.magnitude;
    t.g_eta = a.s_eta / a.s0;
    t.g_theta = a.s_theta / a.s0;
    t.h_eta = a.s_ee / a.s0 - t.g_eta * t.g_eta;
    t.h_eta_theta = a.s_et / a.s0 - t.g_eta * t.g_theta;
    t.h_theta = a.s_tt / a.s0 - t.g_theta * t.g_theta;
    return t;
}

likelihood_value evaluate(const std::vector<count_observation>& data, family f, const Eigen::Vector3d& params) {
    likelihood_value v;
    const double alpha = f == family::negbin ? std::exp(params(2)) : 0.0;
    if (f == family::negbin && !(alpha > 0 && std::isfinite(1 / alpha) && std::isfinite(alpha))) {
        v.loglik = -inf;  // a trial beyond any representable dispersion
        return v;
    }
    const shape_terms shape = f == family::negbin ? shape_terms::of(alpha) : shape_terms{};
    for (const auto& o : data) {
        const count_distribution d(f, params(0) + params(1) * o.x + o.offset, alpha, o.trials, &shape);
        const observation_terms t = o.exact() ? d.exact(o.lower) : d.interval(o.lower, o.upper);
        v.loglik += t.loglik;
        v.magnitude += t.magnitude + std::abs(t.loglik);
        v.gradient(0) += t.g_eta;
        v.gradient(1) += t.g_eta * o.x;
        v.gradient(2) += t.g_theta;
        v.hessian(0, 0) += t.h_eta;
        v.hessian(0, 1) += t.h_eta * o.x;
        v.hessian(1, 1) += t.h_eta * o.x * o.x;
        v.hessian(0, 2) += t.h_eta_theta;
        v.hessian(1, 2) += t.h_eta_theta * o.x;
        v.hessian(2, 2) += t.h_theta;
    }
    v.hessian(1, 0) = v.hessian(0, 1);
    v.hessian(2, 0) = v.hessian(0, 2);
    v.hessian(2, 1) = v.hessian(1, 2);
    return v;
}

maximum_likelihood maximise(const std::vector<count_observation>& data, family f, Eigen::Vector3d start) {
    using outcome = maximum_likelihood::outcome;
    const Eigen::Index k = f == family::negbin ? 3 : 2;
    if (f != family::negbin) start(2) = 0;
    maximum_likelihood fit;
    fit.params = start;
    const auto failed = [&](const char* why) {
        fit.status = outcome::failed;
        fit.failure = why;
        return fit;
    };
    likelihood_value current = evaluate(data, f, fit.params);
    if (!std::isfinite(current.loglik)) return failed("the starting values have no finite likelihood");
    constexpr std::size_t max_iterations = 200;
    for (fit.iterations = 1;; ++fit.iterations) {
        if (fit.iterations > max_iterations) return failed("Newton's method did not converge in 200 iterations");
        const Eigen::VectorXd gradient = current.gradient.head(k);
        const Eigen::MatrixXd information = -current.hessian.topLeftCorner(k, k);
        // Levenberg damping where the information is not positive definite (far from the maximum).
        Eigen::LLT<Eigen::MatrixXd> llt(information);
        double damping = 0;
        while (llt.info() != Eigen::Success || !llt.matrixL().toDenseMatrix().diagonal().allFinite()) {
            damping = damping == 0 ? 1e-8 * (1 + information.diagonal().cwiseAbs().maxCoeff()) : 10 * damping;
            if (!(damping < 1e30)) return failed("the information matrix is not finite");
            llt.compute(information + damping * Eigen::MatrixXd::Identity(k, k));
        }
        Eigen::VectorXd direction = llt.solve(gradient);
        // A trust bound on each step: far from the maximum a Newton step can leap (log alpha from 2
        // to 100 in one step), and a leap says nothing about where the maximum is.
        double longest = direction.head(2).cwiseAbs().maxCoeff() / 20;
        if (k == 3) longest = std::max(longest, std::abs(direction(2)) / 3);
        if (longest > 1) direction /= longest;
        const double decrement = gradient.dot(direction);  // >= 0: the predicted gain is half of it
        // Step halving until the gain is at least a small share of the predicted one (Armijo).
        // Near the maximum the predicted gain falls below the log-likelihood's rounding error (a count
        // of 10^7 makes each term a difference of numbers near 10^8), where the comparison says
        // nothing: then the full Newton step is taken, converging quadratically.
        const double noise = 64 * std::numeric_limits<double>::epsilon() * (1 + current.magnitude);
        double step = 1;
        likelihood_value next;
        Eigen::Vector3d trial = fit.params;
        for (int halvings = 0;; ++halvings) {
            trial.head(k) = fit.params.head(k) + step * direction;
            next = evaluate(data, f, trial);
            if (std::isfinite(next.loglik) &&
                (next.loglik >= current.loglik + 1e-4 * step * decrement || decrement < noise))
                break;
            if (halvings == 60) return failed("the line search found no better point");
            step /= 2;
        }
        const double change = (step * direction).cwiseAbs().maxCoeff();
        fit.params = trial;
        current = next;
        if (f == family::negbin && fit.params(2) > 20) {
            fit.status = outcome::dispersion_unbounded;
            return fit;
        }
        if (f == family::negbin && fit.params(2) < -25) {
            fit.status = outcome::dispersion_zero;
            return fit;
        }
        if (step == 1 && change <= 1e-10 * (1 + fit.params.head(k).cwiseAbs().maxCoeff())) break;
    }
    fit.loglik = current.loglik;
    const Eigen::MatrixXd information = -current.hessian.topLeftCorner(k, k);
    Eigen::LLT<Eigen::MatrixXd> llt(information);
    if (llt.info() != Eigen::Success) return failed("the observed information is not positive definite at the estimate");
    fit.covariance.topLeftCorner(k, k) = llt.solve(Eigen::MatrixXd::Identity(k, k));
    return fit;
}

std::string separation(const std::vector<count_observation>& data, family f, std::size_t& index) {
    const std::size_t n = data.size();
    // Whether each count can sit at the family's lower end (0) or at its upper end (infinity, or
    // all the trials), given its bounds.
    std::vector<char> low(n), high(n);
    for (std::size_t i = 0; i < n; ++i) {
        low[i] = data[i].lower <= 0;
        high[i] = f == family::binomial ? data[i].upper >= data[i].trials : data[i].upper == inf;
    }
    const bool binomial = f == family::binomial;
    index = 0;
    if (std::all_of(low.begin(), low.end(), [](char c) { return c; }))
        return binomial ? "all successes are zero (or censored down to zero): the log-odds are not defined"
                        : "all counts are zero (or censored down to zero): the log-linear slope is not defined";
    if (std::all_of(high.begin(), high.end(), [](char c) { return c; }))
        return binomial ? "all successes equal their trials: the log-odds are not defined"
                        : "all counts are open-ended ('>b'): the log-linear slope is not defined";
    // prefix[k]: counts before k all can be low (resp. high); suffix[k]: counts after k.
    std::vector<char> low_before(n + 1, 1), high_before(n + 1, 1), low_after(n + 1, 1), high_after(n + 1, 1);
    for (std::size_t i = 0; i < n; ++i) {
        low_before[i + 1] = low_before[i] && low[i];
        high_before[i + 1] = high_before[i] && high[i];
    }
    for (std::size_t i = n; i-- > 0;) {
        low_after[i] = low_after[i + 1] && low[i];
        high_after[i] = high_after[i + 1] && high[i];
    }
    for (std::size_t k = 0; k < n; ++k) {
        const bool rising = low_before[k] && high_after[k + 1];
        const bool falling = high_before[k] && low_after[k + 1];
        if (!rising && !falling) continue;
        index = k;
        if (!binomial && low_before[k] && low_after[k + 1] && (k == 0 || k == n - 1))
            return std::string("the counts are positive only at the ") + (k == 0 ? "first" : "last") +
                   " x: the log-linear slope is infinite";
        return binomial ? "the successes are separated: before some x they can all be 0 and after it all equal "
                          "their trials (or the reverse), so the slope is infinite"
                        : "the counts are separated: before some x they can all be 0 and after it all be "
                          "open-ended ('>b'), or the reverse, so the log-linear slope is infinite";
    }
    return {};
}

wald_inference wald(double estimate, double se, double level) {
    const boost::math::normal normal{};
    const double z = estimate / se;
    const double q = boost::math::quantile(normal, (1 + level) / 2);
    return {z, 2 * boost::math::cdf(boost::math::complement(normal, std::abs(z))), {estimate - q * se, estimate + q * se}};
}

}  // namespace tipstats::trend::detail
