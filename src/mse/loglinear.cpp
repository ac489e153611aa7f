#include <tipstats/error.hpp>
#include <tipstats/mse/loglinear.hpp>

#include "model.hpp"
#include "simplex.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <string>

namespace tipstats::mse {
namespace detail {

std::vector<list_pair> all_pairs(std::size_t k) {
    std::vector<list_pair> out;
    for (std::size_t i = 0; i + 1 < k; ++i)
        for (std::size_t j = i + 1; j < k; ++j) out.emplace_back(i, j);
    return out;
}

std::vector<list_pair> normalised_pairs(std::size_t k, std::span<const list_pair> pairs) {
    std::vector<list_pair> out;
    std::set<list_pair> seen;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        auto [a, b] = pairs[i];
        if (a >= k || b >= k)
            throw domain_error("interactions", "names a list beyond the " + std::to_string(k) + " lists", i);
        if (a == b) throw domain_error("interactions", "pairs a list with itself", i);
        if (a > b) std::swap(a, b);
        if (!seen.insert({a, b}).second) throw domain_error("interactions", "names the same pair twice", i);
        out.emplace_back(a, b);
    }
    return out;
}

namespace {
pattern mask_of(const list_pair& p) { return (pattern{1} << p.first) | (pattern{1} << p.second); }
}  // namespace

model build_model(std::size_t k, std::span<const double> counts, std::span<const list_pair> pairs) {
    model md;
    md.k = k;
    const pattern cells = pattern{1} << k;
    std::vector<bool> deleted(cells, false);
    md.terms.push_back(0);
    for (std::size_t i = 0; i < k; ++i) md.terms.push_back(pattern{1} << i);
    for (const auto& p : pairs) {
        const pattern m = mask_of(p);
        double overlap = 0;
        for (pattern c = 1; c < cells; ++c)
            if ((c & m) == m) overlap += counts[c];
        if (overlap == 0) {
            md.empty_overlaps.push_back(p);
            for (pattern c = 1; c < cells; ++c)
                if ((c & m) == m) deleted[c] = true;
        } else {
            md.terms.push_back(m);
        }
    }
    for (pattern c = 1; c < cells; ++c)
        if (!deleted[c]) md.cells.push_back(c);
    return md;
}

Eigen::MatrixXd design(const model& md) {
    Eigen::MatrixXd X(static_cast<Eigen::Index>(md.cells.size()), static_cast<Eigen::Index>(md.terms.size()));
    for (std::size_t r = 0; r < md.cells.size(); ++r)
        for (std::size_t t = 0; t < md.terms.size(); ++t)
            X(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(t)) =
                (md.cells[r] & md.terms[t]) == md.terms[t] ? 1.0 : 0.0;
    return X;
}

Eigen::VectorXd kept_counts(const model& md, std::span<const double> counts) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(md.cells.size()));
    for (std::size_t r = 0; r < md.cells.size(); ++r) y(static_cast<Eigen::Index>(r)) = counts[md.cells[r]];
    return y;
}

namespace {
double poisson_deviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
    double d = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        d += 2 * ((y(i) > 0 ? y(i) * std::log(y(i) / mu(i)) : 0.0) - (y(i) - mu(i)));
    return d;
}
}  // namespace

poisson_fit fit_poisson(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd* start) {
    poisson_fit f;
    Eigen::VectorXd mu = start ? *start : Eigen::VectorXd((y.array() + y.mean()) / 2);
    // The first step is a weighted least squares fit of the working response at the start.
    Eigen::VectorXd z = mu.array().log() + (y - mu).array() / mu.array();
    Eigen::MatrixXd info = X.transpose() * mu.asDiagonal() * X;
    Eigen::VectorXd beta = info.ldlt().solve(X.transpose() * (mu.array() * z.array()).matrix());
    mu = (X * beta).array().exp();
    double dev = poisson_deviance(y, mu);
    constexpr std::size_t max_iterations = 100;
    for (f.iterations = 1;; ++f.iterations) {
        if (f.iterations > max_iterations) throw error("log-linear fit: Newton-Raphson did not converge in 100 iterations");
        info.noalias() = X.transpose() * mu.asDiagonal() * X;
        const Eigen::VectorXd step = info.ldlt().solve(X.transpose() * (y - mu));
        double scale = 1;
        Eigen::VectorXd next = beta + step;
        Eigen::VectorXd next_mu = (X * next).array().exp();
        double next_dev = poisson_deviance(y, next_mu);
        // Step halving guards against overshooting far from the optimum; near it Newton converges.
        while (!(next_dev <= dev + 1e-10 * (1 + std::abs(dev))) && scale > 1e-6) {
            scale /= 2;
            next = beta + scale * step;
            next_mu = (X * next).array().exp();
            next_dev = poisson_deviance(y, next_mu);
        }
        const double change = (scale * step).cwiseAbs().maxCoeff();
        beta = next;
        mu = next_mu;
        dev = next_dev;
        if (!std::isfinite(dev)) throw error("log-linear fit: the fitted counts overflowed");
        if (change <= 1e-10 * (1 + beta.cwiseAbs().maxCoeff())) break;
    }
    info.noalias() = X.transpose() * mu.asDiagonal() * X;
    f.beta = beta;
    f.mu = mu;
    f.deviance = dev;
    f.covariance = info.ldlt().solve(Eigen::MatrixXd::Identity(info.rows(), info.cols()));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        f.log_likelihood += (y(i) > 0 ? y(i) * std::log(mu(i)) : 0.0) - mu(i) - detail::log_gamma(y(i) + 1);
    return f;
}

bool estimate_exists(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double* objective) {
    const double n = y.sum();
    if (y.minCoeff() > 0) {  // the data themselves are a strictly positive table
        if (objective) *objective = y.minCoeff() / n;
        return true;
    }
    // max s subject to X'x = X'y, x >= s (SparseMSE's checkident): with x = u + s 1, u >= 0,
    // X'u + s X'1 = X'y / n (scaled to one person so that tolerances are relative).
    const Eigen::Index m = X.rows(), p = X.cols();
    Eigen::MatrixXd A(p, m + 1);
    A.leftCols(m) = X.transpose();
    A.col(m) = X.transpose() * Eigen::VectorXd::Ones(m);
    Eigen::VectorXd c = Eigen::VectorXd::Zero(m + 1);
    c(m) = 1;
    const auto lp = maximize(A, X.transpose() * y / n, c);
    if (!lp.feasible) throw error("existence check: the linear program found no solution");
    if (objective) *objective = lp.objective;
    return lp.objective > 1e-9 / static_cast<double>(m);
}

std::size_t rank_of(const Eigen::MatrixXd& X) {
    Eigen::FullPivLU<Eigen::MatrixXd> lu(X);
    return static_cast<std::size_t>(lu.rank());
}

}  // namespace detail

namespace {

using detail::model;

std::string term_name(const capture_table& table, pattern term) {
    if (term == 0) return "(Intercept)";
    std::string out;
    for (std::size_t i = 0; i < table.size(); ++i)
        if (term & (pattern{1} << i)) out.append(out.empty() ? "" : ":").append(table.lists()[i]);
    return out;
}

std::string pair_name(const capture_table& table, const list_pair& p) {
    return table.lists()[p.first] + ":" + table.lists()[p.second];
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& s : parts) out.append(out.empty() ? "" : ", ").append(s);
    return out;
}

std::string model_name(const capture_table& table, std::span<const list_pair> pairs) {
    if (pairs.empty()) return "main effects only";
    std::vector<std::string> names;
    for (const auto& p : pairs) names.push_back(pair_name(table, p));
    return "main effects + " + joined(names);
}

// The cells that are zero in every table with the data's sufficient statistics (outside the facial
// set): those whose largest possible value, a linear program each, is zero.
std::vector<pattern> forced_zero_cells(const model& md, const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
    std::vector<pattern> out;
    const double n = y.sum();
    const Eigen::MatrixXd A = X.transpose();
    const Eigen::VectorXd b = A * y / n;
    for (Eigen::Index r = 0; r < y.size(); ++r) {
        if (y(r) > 0) continue;
        Eigen::VectorXd c = Eigen::VectorXd::Zero(X.rows());
        c(r) = 1;
        const auto lp = detail::maximize(A, b, c);
        if (!(lp.feasible && lp.objective > 1e-9)) out.push_back(md.cells[static_cast<std::size_t>(r)]);
    }
    return out;
}

std::string no_estimate_message(const capture_table& table, std::span<const list_pair> pairs, const model& md,
                                 const std::vector<pattern>& zero_cells) {
    std::string msg = "the maximum likelihood estimate does not exist for " + model_name(table, pairs) +
                      " (linear programming check of Fienberg & Rinaldo 2012)";
    for (std::size_t i = 0; i < table.size(); ++i) {
        const pattern list = pattern{1} << i;
        if (table.on_all(list) == 0) return msg + ": nobody was found on list " + table.lists()[i];
        if (table.on_all(list) == table.observed())
            return msg + ": everybody found is on list " + table.lists()[i] + ", so nothing says who it misses";
    }
    std::vector<std::string> cells, lists, involved;
    pattern lists_mask = 0;
    for (pattern c : zero_cells) {
        cells.push_back(table.name_of(c));
        lists_mask |= c;
    }
    for (std::size_t i = 0; i < table.size(); ++i)
        if (lists_mask & (pattern{1} << i)) lists.push_back(table.lists()[i]);
    for (pattern t : md.terms)
        if (std::popcount(t) == 2)
            for (pattern c : zero_cells)
                if ((c & t) == t) {
                    involved.push_back(term_name(table, t));
                    break;
                }
    msg += ": every table with the same margins has nobody in the cells " + joined(cells) +
           ", so the likelihood has its supremum only in the limit where their fitted counts are 0 and some"
           " parameters infinite; lists involved: " + joined(lists);
    if (!involved.empty()) msg += "; pairs involved: " + joined(involved);
    return msg;
}

std::vector<std::string> confounded_terms(const capture_table& table, const model& md, const Eigen::MatrixXd& X) {
    Eigen::FullPivLU<Eigen::MatrixXd> lu(X);
    const Eigen::MatrixXd kernel = lu.kernel();
    std::vector<std::string> out;
    for (Eigen::Index t = 0; t < kernel.rows(); ++t)
        if (kernel.row(t).cwiseAbs().maxCoeff() > 1e-9) out.push_back(term_name(table, md.terms[static_cast<std::size_t>(t)]));
    return out;
}

}  // namespace

model_check check(const capture_table& table, std::span<const list_pair> interactions) {
    const auto pairs = detail::normalised_pairs(table.size(), interactions);
    const model md = detail::build_model(table.size(), table.counts(), pairs);
    const Eigen::MatrixXd X = detail::design(md);
    const Eigen::VectorXd y = detail::kept_counts(md, table.counts());
    model_check r;
    r.empty_overlaps = md.empty_overlaps;
    const std::size_t rank = detail::rank_of(X);
    r.rank_deficiency = md.terms.size() - rank;
    r.identifiable = r.rank_deficiency == 0;
    r.exists = detail::estimate_exists(X, y, &r.lp_objective);
    if (!r.exists) {
        r.zero_cells = forced_zero_cells(md, X, y);
        r.message = no_estimate_message(table, pairs, md, r.zero_cells);
    }
    if (!r.identifiable) {
        r.confounded = confounded_terms(table, md, X);
        const std::string why = "the model " + model_name(table, pairs) + " is not identifiable: the terms " +
                                joined(r.confounded) + " cannot be told apart on the " + std::to_string(md.cells.size()) +
                                " cells left (rank deficiency " + std::to_string(r.rank_deficiency) + ")";
        r.message = r.message.empty() ? why : r.message + "; and " + why;
    }
    return r;
}

namespace {

loglinear_fit fit_checked(const capture_table& table, const std::vector<list_pair>& pairs, const model& md,
                          const Eigen::MatrixXd& X, const Eigen::VectorXd& y, bool with_empty_p);

// SparseMSE's poisspempty: for each empty overlap of the model, the chance that it is empty under
// the model without that pair, exp(-fitted overlap). NaN when that model has no estimate.
std::vector<double> empty_overlap_probabilities(const capture_table& table, const std::vector<list_pair>& pairs,
                                                const model& md) {
    std::vector<double> out;
    for (const auto& e : md.empty_overlaps) {
        std::vector<list_pair> without;
        for (const auto& p : pairs)
            if (p != e) without.push_back(p);
        const model reduced = detail::build_model(table.size(), table.counts(), without);
        const Eigen::MatrixXd X = detail::design(reduced);
        const Eigen::VectorXd y = detail::kept_counts(reduced, table.counts());
        if (detail::rank_of(X) < reduced.terms.size() || !detail::estimate_exists(X, y)) {
            out.push_back(std::numeric_limits<double>::quiet_NaN());
            continue;
        }
        const auto fit = fit_checked(table, without, reduced, X, y, false);
        const pattern m = (pattern{1} << e.first) | (pattern{1} << e.second);
        double lambda = 0;
        for (pattern c = 1; c < fit.fitted.size(); ++c)
            if ((c & m) == m) lambda += fit.fitted[c];
        out.push_back(std::exp(-lambda));
    }
    return out;
}

loglinear_fit fit_checked(const capture_table& table, const std::vector<list_pair>& pairs, const model& md,
                          const Eigen::MatrixXd& X, const Eigen::VectorXd& y, bool with_empty_p) {
    const auto pf = detail::fit_poisson(X, y);
    loglinear_fit f;
    f.interactions = pairs;
    f.empty_overlaps = md.empty_overlaps;
    f.terms = md.terms;
    for (pattern t : md.terms) f.term_names.push_back(term_name(table, t));
    f.coefficients.assign(pf.beta.data(), pf.beta.data() + pf.beta.size());
    for (Eigen::Index i = 0; i < pf.beta.size(); ++i) f.standard_errors.push_back(std::sqrt(pf.covariance(i, i)));
    f.covariance.resize(static_cast<std::size_t>(pf.covariance.size()));
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        f.covariance.data(), pf.covariance.rows(), pf.covariance.cols()) = pf.covariance;
    f.fitted.assign(table.cells(), 0.0);
    for (std::size_t r = 0; r < md.cells.size(); ++r) f.fitted[md.cells[r]] = pf.mu(static_cast<Eigen::Index>(r));
    f.observed = table.observed();
    f.dark_figure = std::exp(pf.beta(0));
    f.fitted[0] = f.dark_figure;
    f.total = f.observed + f.dark_figure;
    f.deviance = pf.deviance;
    f.aic = -2 * pf.log_likelihood + 2 * static_cast<double>(md.terms.size() + md.empty_overlaps.size());
    f.cells_used = md.cells.size();
    f.df_residual = md.cells.size() - md.terms.size();
    f.iterations = pf.iterations;
    if (with_empty_p) f.empty_overlap_p = empty_overlap_probabilities(table, pairs, md);
    return f;
}

loglinear_fit fit_or_throw(const capture_table& table, const std::vector<list_pair>& pairs, bool details) {
    const model md = detail::build_model(table.size(), table.counts(), pairs);
    const Eigen::MatrixXd X = detail::design(md);
    const Eigen::VectorXd y = detail::kept_counts(md, table.counts());
    if (detail::rank_of(X) < md.terms.size() || !detail::estimate_exists(X, y)) {
        const auto r = check(table, pairs);
        throw domain_error("interactions", r.message);
    }
    return fit_checked(table, pairs, md, X, y, details);
}

}  // namespace

loglinear_fit detail::fixed_fit(const capture_table& table, std::span<const list_pair> interactions, bool details) {
    return fit_or_throw(table, detail::normalised_pairs(table.size(), interactions), details);
}

loglinear_fit loglinear(const capture_table& table, std::span<const list_pair> interactions) {
    return detail::fixed_fit(table, interactions, true);
}

interval total_interval(const loglinear_fit& fit, double level) {
    if (!(level > 0 && level < 1)) throw domain_error("level", "must lie strictly between 0 and 1");
    const double z = boost::math::quantile(boost::math::normal{}, (1 + level) / 2);
    const double b0 = fit.coefficients.at(0), se = fit.standard_errors.at(0);
    return {fit.observed + std::exp(b0 - z * se), fit.observed + std::exp(b0 + z * se)};
}

namespace {
// min(P(X <= n), P(X >= n)) for X Poisson(mean), as SparseMSE's min(ppois(n, m), ppois(n - 1, m, FALSE)).
double overlap_p_value(double n, double mean) {
    if (!(mean > 0)) return n == 0 ? 1.0 : 0.0;
    const boost::math::poisson_distribution<> d(mean);
    const double lower = boost::math::cdf(d, n);
    const double upper = n >= 1 ? boost::math::cdf(boost::math::complement(d, n - 1)) : 1.0;
    return std::min(lower, upper);
}
}  // namespace

stepwise_result stepwise(const capture_table& table, double threshold) { return detail::stepwise_fit(table, threshold, true); }

stepwise_result detail::stepwise_fit(const capture_table& table, double threshold, bool details) {
    if (!(threshold >= 0 && threshold <= 1)) throw domain_error("threshold", "must lie between 0 and 1");
    stepwise_result out;
    out.threshold = threshold;
    const auto pairs = detail::all_pairs(table.size());
    if (threshold == 1 && check(table, pairs).ok()) {
        out.fit = fit_or_throw(table, pairs, details);
        return out;
    }
    std::vector<list_pair> chosen;
    out.fit = fit_or_throw(table, chosen, details);
    if (threshold == 0) return out;
    std::vector<double> overlap(pairs.size());
    for (std::size_t j = 0; j < pairs.size(); ++j)
        overlap[j] = table.on_all((pattern{1} << pairs[j].first) | (pattern{1} << pairs[j].second));
    std::vector<bool> included(pairs.size(), false);
    for (;;) {
        std::vector<std::pair<double, std::size_t>> candidates;
        for (std::size_t j = 0; j < pairs.size(); ++j) {
            if (included[j]) continue;
            const pattern m = (pattern{1} << pairs[j].first) | (pattern{1} << pairs[j].second);
            double expected = 0;
            for (pattern c = 1; c < out.fit.fitted.size(); ++c)
                if ((c & m) == m) expected += out.fit.fitted[c];
            const double p = overlap_p_value(overlap[j], expected);
            if (p < threshold) candidates.emplace_back(p, j);
        }
        // The smallest p-value among the models that pass the check (ties: the first pair), as
        // SparseMSE, which sets the p-value of a failing model to 1; only the candidates below
        // the threshold need checking, in order.
        std::sort(candidates.begin(), candidates.end());
        bool added = false;
        for (const auto& [p, j] : candidates) {
            auto trial = chosen;
            trial.push_back(pairs[j]);
            const model md = detail::build_model(table.size(), table.counts(), trial);
            const Eigen::MatrixXd X = detail::design(md);
            const Eigen::VectorXd y = detail::kept_counts(md, table.counts());
            if (detail::rank_of(X) < md.terms.size() || !detail::estimate_exists(X, y)) continue;
            chosen = std::move(trial);
            included[j] = true;
            out.fit = fit_checked(table, chosen, md, X, y, details);
            out.steps.push_back({pairs[j], p});
            added = true;
            break;
        }
        if (!added) return out;
    }
}

}  // namespace tipstats::mse
