// Joinpoint regression. The grid search is exhaustive over admissible joinpoint positions; for
// speed it never refits from scratch: the Cholesky factor of the normal equations is extended one
// row per joinpoint while the positions are enumerated depth first, the factor rows (which do not
// depend on y) are computed once per model size and kept, and each new y (the data or a permuted
// copy) costs one forward substitution per candidate: SSE = y'y - |L^{-1} X'y|^2.
#include <tipstats/detail/random.hpp>
#include <tipstats/trend/joinpoint.hpp>

#include "input.hpp"
#include "rows.hpp"

#include "../detail/parallel.hpp"
#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>

namespace tipstats::trend {
namespace {

constexpr std::size_t max_supported_joinpoints = 9;
constexpr std::size_t max_parameters = max_supported_joinpoints + 2;
constexpr std::size_t max_grid_nodes = 4'000'000;  // at most about 450 MB of factor rows
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The design as the grid search sees it: x centred and scaled (for conditioning), weights, and
// suffix sums of w, w t, w t^2 from each position to the end.
struct design {
    std::size_t n = 0;
    std::vector<double> t, w, sqrt_w;
    std::vector<double> sum_w, sum_wt, sum_wtt;  // size n + 1, [n] = 0
};

design make_design(const std::vector<double>& x, std::span<const double> weights) {
    design d;
    d.n = x.size();
    const double centre = (x.front() + x.back()) / 2;
    const double scale = std::max((x.back() - x.front()) / 2, std::numeric_limits<double>::min());
    d.t.resize(d.n);
    d.w.assign(d.n, 1.0);
    for (std::size_t i = 0; i < d.n; ++i) d.t[i] = (x[i] - centre) / scale;
    if (!weights.empty()) {
        if (weights.size() != d.n)
            throw domain_error("weights", "has " + std::to_string(weights.size()) + " values but y has " + std::to_string(d.n));
        for (std::size_t i = 0; i < d.n; ++i) {
            if (!(weights[i] > 0) || !std::isfinite(weights[i])) throw domain_error("weights", "must be positive and finite", i);
            d.w[i] = weights[i];
        }
    }
    d.sqrt_w.resize(d.n);
    for (std::size_t i = 0; i < d.n; ++i) d.sqrt_w[i] = std::sqrt(d.w[i]);
    d.sum_w.assign(d.n + 1, 0.0);
    d.sum_wt.assign(d.n + 1, 0.0);
    d.sum_wtt.assign(d.n + 1, 0.0);
    for (std::size_t i = d.n; i-- > 0;) {
        d.sum_w[i] = d.sum_w[i + 1] + d.w[i];
        d.sum_wt[i] = d.sum_wt[i + 1] + d.w[i] * d.t[i];
        d.sum_wtt[i] = d.sum_wtt[i + 1] + d.w[i] * d.t[i] * d.t[i];
    }
    return d;
}

// What a grid search needs of a response r: its weighted sum of squares about the weighted mean
// and the suffix sums of w r and w t r (r centred, so the intercept's component vanishes).
struct response_sums {
    double rr = 0;
    double b1 = 0;  // sum w t r
    std::vector<double> sum_wr, sum_wtr;
};

void make_sums(const design& d, std::span<const double> r, response_sums& s) {
    double mean = 0;
    for (std::size_t i = 0; i < d.n; ++i) mean += d.w[i] * r[i];
    mean /= d.sum_w[0];
    s.sum_wr.assign(d.n + 1, 0.0);
    s.sum_wtr.assign(d.n + 1, 0.0);
    s.rr = 0;
    for (std::size_t i = d.n; i-- > 0;) {
        const double rc = r[i] - mean;
        s.rr += d.w[i] * rc * rc;
        s.sum_wr[i] = s.sum_wr[i + 1] + d.w[i] * rc;
        s.sum_wtr[i] = s.sum_wtr[i + 1] + d.w[i] * d.t[i] * rc;
    }
    s.b1 = s.sum_wtr[0];
}

struct grid_best {
    double sse = std::numeric_limits<double>::infinity();
    std::array<std::size_t, max_supported_joinpoints> index{};
};

// All admissible placements of k joinpoints, as a depth-first list of nodes; node at depth d
// (design column d = 2..k+1, the hinge (t - t_j)_+) keeps row d of the Cholesky factor of X'WX.
class grid_plan {
public:
    grid_plan(const design& d, std::size_t k, std::size_t min_end, std::size_t min_between)
        : k_(k), n_(d.n), min_end_(min_end), min_between_(min_between) {
        // Columns 0 (intercept) and 1 (t): G00 = sum w, G01 = sum w t, G11 = sum w t^2.
        const double l00 = std::sqrt(d.sum_w[0]);
        const double l10 = d.sum_wt[0] / l00;
        l11_ = std::sqrt(d.sum_wtt[0] - l10 * l10);
        if (k_ > 0) {
            std::array<std::array<double, max_parameters>, max_parameters> rows{};
            rows[0][0] = l00;
            rows[1][0] = l10;
            rows[1][1] = l11_;
            std::array<std::size_t, max_parameters> path{};
            build(d, 2, rows, path);
        }
    }

    grid_best best(const design& d, const response_sums& s) const {
        grid_best out;
        std::array<double, max_parameters> q{};
        std::array<double, max_parameters> ssq{};
        std::array<std::size_t, max_parameters> path{};
        q[0] = 0;  // the response is centred
        q[1] = s.b1 / l11_;
        ssq[1] = q[1] * q[1];
        if (k_ == 0) {
            out.sse = std::max(s.rr - ssq[1], 0.0);
            return out;
        }
        const std::size_t leaf = k_ + 1;
        for (std::size_t node = 0; node < depth_.size(); ++node) {
            const std::size_t depth = depth_[node];
            const std::size_t j = index_[node];
            const double* row = &rows_[offset_[node]];
            double b = s.sum_wtr[j] - d.t[j] * s.sum_wr[j];
            for (std::size_t l = 1; l < depth; ++l) b -= row[l] * q[l];
            q[depth] = b * row[depth];  // row[depth] holds 1 / L[depth][depth]
            ssq[depth] = ssq[depth - 1] + q[depth] * q[depth];
            path[depth] = j;
            if (depth == leaf) {
                const double sse = s.rr - ssq[depth];
                if (sse < out.sse) {
                    out.sse = sse;
                    for (std::size_t m = 0; m < k_; ++m) out.index[m] = path[m + 2];
                }
            }
        }
        out.sse = std::max(out.sse, 0.0);
        return out;
    }

private:
    void build(const design& d, std::size_t depth, std::array<std::array<double, max_parameters>, max_parameters>& rows,
               std::array<std::size_t, max_parameters>& path) {
        const std::size_t placed = depth - 2;
        const std::size_t first = placed == 0 ? min_end_ : path[depth - 1] + min_between_ + 1;
        const std::size_t later = k_ - placed - 1;  // joinpoints still to place after this one
        const std::size_t room = later * (min_between_ + 1) + min_end_ + 1;
        if (n_ < room) return;
        const std::size_t last = n_ - room;
        for (std::size_t j = first; j <= last; ++j) {
            const double tau = d.t[j];
            // Gram entries of the hinge at j with the columns before it; sums from j on suffice
            // because the hinge is zero up to and including j.
            std::array<double, max_parameters> g{};
            g[0] = d.sum_wt[j] - tau * d.sum_w[j];
            g[1] = d.sum_wtt[j] - tau * d.sum_wt[j];
            for (std::size_t m = 2; m < depth; ++m) {
                const double other = d.t[path[m]];
                g[m] = d.sum_wtt[j] - (other + tau) * d.sum_wt[j] + other * tau * d.sum_w[j];
            }
            const double gdd = d.sum_wtt[j] - 2 * tau * d.sum_wt[j] + tau * tau * d.sum_w[j];
            auto& row = rows[depth];
            double diag = gdd;
            for (std::size_t i = 0; i < depth; ++i) {
                double v = g[i];
                for (std::size_t l = 0; l < i; ++l) v -= row[l] * rows[i][l];
                row[i] = v / rows[i][i];
                diag -= row[i] * row[i];
            }
            if (!(diag > 1e-12 * gdd)) continue;  // numerically collinear: not a usable placement
            row[depth] = std::sqrt(diag);
            path[depth] = j;
            if (depth_.size() >= max_grid_nodes)
                throw domain_error("max_joinpoints", "too many joinpoint placements to search (over " +
                                                         std::to_string(max_grid_nodes) +
                                                         "); lower max_joinpoints or raise min_obs_between");
            depth_.push_back(static_cast<std::uint8_t>(depth));
            index_.push_back(static_cast<std::uint32_t>(j));
            offset_.push_back(rows_.size());
            rows_.insert(rows_.end(), row.begin(), row.begin() + static_cast<std::ptrdiff_t>(depth));
            rows_.push_back(1 / row[depth]);
            if (depth < k_ + 1) build(d, depth + 1, rows, path);
        }
    }

    std::size_t k_, n_, min_end_, min_between_;
    double l11_ = 0;  // the t column's diagonal; q for the intercept is 0 (centred response)
    std::vector<std::uint8_t> depth_;
    std::vector<std::uint32_t> index_;
    std::vector<std::size_t> offset_;
    std::vector<double> rows_;
};

// A fit with the joinpoints at given positions, in x units (x centred at x_centre).
struct exact_fit {
    Eigen::VectorXd beta;
    Eigen::MatrixXd unscaled_covariance;  // (X'WX)^{-1}
    Eigen::VectorXd fitted;               // on the response scale (ln y or y)
    double sse = 0;
};

Eigen::RowVectorXd design_row(double xv, double centre, std::span<const double> taus) {
    Eigen::RowVectorXd row(static_cast<Eigen::Index>(taus.size() + 2));
    row(0) = 1;
    row(1) = xv - centre;
    for (std::size_t m = 0; m < taus.size(); ++m) row(static_cast<Eigen::Index>(m + 2)) = std::max(xv - taus[m], 0.0);
    return row;
}

exact_fit fit_at(const std::vector<double>& x, double centre, std::span<const double> r, const design& d,
                 std::span<const double> taus) {
    const auto n = static_cast<Eigen::Index>(x.size());
    const auto p = static_cast<Eigen::Index>(taus.size() + 2);
    Eigen::MatrixXd X(n, p);
    Eigen::VectorXd response(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        X.row(i) = design_row(x[ui], centre, taus) * d.sqrt_w[ui];
        response(i) = r[ui] * d.sqrt_w[ui];
    }
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(X);
    exact_fit f;
    f.beta = qr.solve(response);
    f.sse = (response - X * f.beta).squaredNorm();
    f.unscaled_covariance = (X.transpose() * X).ldlt().solve(Eigen::MatrixXd::Identity(p, p));
    f.fitted.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) f.fitted(i) = design_row(x[static_cast<std::size_t>(i)], centre, taus).dot(f.beta);
    return f;
}

// Uniform integer in [0, bound) by rejection: the same numbers on every standard library.
std::size_t uniform_below(std::mt19937_64& gen, std::size_t bound) {
    const std::uint64_t b = bound;
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % b;
    std::uint64_t v;
    do v = gen();
    while (v >= limit);
    return static_cast<std::size_t>(v % b);
}

// Partial R^2 of the hinge at joinpoint m against a straight line on the data between the
// neighbouring joinpoints (the ends of the data for the first and last), for the weighted BIC.
double partial_r2(const std::vector<double>& x, std::span<const double> r, const design& d,
                  const std::vector<std::size_t>& idx, std::size_t m) {
    const std::size_t from = m == 0 ? 0 : idx[m - 1];
    const std::size_t to = m + 1 == idx.size() ? x.size() - 1 : idx[m + 1];
    const auto len = static_cast<Eigen::Index>(to - from + 1);
    Eigen::MatrixXd H(len, 2);
    Eigen::VectorXd yv(len), z(len);
    for (Eigen::Index i = 0; i < len; ++i) {
        const std::size_t k = from + static_cast<std::size_t>(i);
        H(i, 0) = d.sqrt_w[k];
        H(i, 1) = d.sqrt_w[k] * (x[k] - x[idx[m]]);
        yv(i) = d.sqrt_w[k] * r[k];
        z(i) = d.sqrt_w[k] * std::max(x[k] - x[idx[m]], 0.0);
    }
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(H);
    const Eigen::VectorXd ry = yv - H * qr.solve(yv);
    const Eigen::VectorXd rz = z - H * qr.solve(z);
    const double yz = ry.dot(rz);
    const double denom = ry.squaredNorm() * rz.squaredNorm();
    return denom > 0 ? yz * yz / denom : 0.0;
}

// The response-independent part of a joinpoint analysis (checked options, x, weights, the grid
// plans for each k), shared by every series of a batch.
class joinpoint_engine {
public:
    joinpoint_engine(std::span<const double> x, std::size_t n, const joinpoint_options& options);
    joinpoint_result run(std::span<const double> y) const;

private:
    joinpoint_options o_;
    std::size_t n_;
    std::vector<double> x_;
    design d_;
    std::vector<grid_plan> plans_;
};

}  // namespace

std::size_t joinpoint_points_needed(std::size_t k, std::size_t min_obs_end, std::size_t min_obs_between) {
    const std::size_t placed = k == 0 ? 0 : 2 * min_obs_end + k + (k - 1) * min_obs_between;
    return std::max(placed, 2 * k + 3);
}

joinpoint_engine::joinpoint_engine(std::span<const double> x_in, std::size_t n, const joinpoint_options& o)
    : o_(o), n_(n) {
    detail::check_level(o.level);
    if (!(o.alpha > 0 && o.alpha < 1)) throw domain_error("alpha", "must lie strictly between 0 and 1");
    if (o.max_joinpoints > max_supported_joinpoints)
        throw domain_error("max_joinpoints", "at most " + std::to_string(max_supported_joinpoints) + " (as NCI's program)");
    if (o.min_joinpoints > o.max_joinpoints) throw domain_error("min_joinpoints", "exceeds max_joinpoints");
    if (o.min_obs_end < 1) throw domain_error("min_obs_end", "must be at least 1: a joinpoint at an end changes nothing");
    if (o.selection == joinpoint_selection::permutation && o.permutations < 1 && o.min_joinpoints < o.max_joinpoints)
        throw domain_error("permutations", "must be at least 1");
    const std::size_t needed = joinpoint_points_needed(o.max_joinpoints, o.min_obs_end, o.min_obs_between);
    if (n < needed)
        throw domain_error("y", std::to_string(o.max_joinpoints) + " joinpoints need at least " + std::to_string(needed) +
                                    " points with min_obs_end=" + std::to_string(o.min_obs_end) +
                                    " and min_obs_between=" + std::to_string(o.min_obs_between) + "; got " +
                                    std::to_string(n));
    x_ = detail::time_values(x_in, n);
    d_ = make_design(x_, o.weights);
    o_.weights = {};  // copied into the design; the span need not outlive the engine
    for (std::size_t k = o.min_joinpoints; k <= o.max_joinpoints; ++k)
        plans_.emplace_back(d_, k, o.min_obs_end, o.min_obs_between);
}

joinpoint_result joinpoint_engine::run(std::span<const double> y) const {
    const joinpoint_options& o = o_;
    const std::size_t n = n_;
    const std::vector<double>& x = x_;
    const design& d = d_;
    if (y.size() != n)
        throw domain_error("y", "has " + std::to_string(y.size()) + " values but x has " + std::to_string(n));
    std::vector<double> r(n);
    const bool log_scale = o.model == joinpoint_model::loglinear;
    bool any_positive = false;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(y[i])) throw domain_error("y", "must be finite (no missing values)", i);
        any_positive = any_positive || y[i] > 0;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!log_scale) {
            r[i] = y[i];
            continue;
        }
        double value = y[i];
        if (value < 0) throw domain_error("y", "negative value " + tipstats::detail::number_text(value) + " in a log-linear model", i);
        if (value == 0) {
            if (o.zeros == joinpoint_zeros::error)
                throw domain_error("y", "zero in a log-linear model: NCI's Joinpoint refuses zeros unless the data "
                                        "are counts, then it adds 0.5 to each zero count; state that rule "
                                        "(zeros=add_half) or use the linear model",
                                   i);
            if (!any_positive)
                throw domain_error("y", "all values are zero: NCI's Joinpoint does not process such a series");
            value = 0.5;
        }
        r[i] = std::log(value);
    }
    auto plan_for = [&](std::size_t k) -> const grid_plan& { return plans_[k - o.min_joinpoints]; };

    response_sums sums;
    make_sums(d, r, sums);
    std::vector<grid_best> best;
    for (const auto& plan : plans_) best.push_back(plan.best(d, sums));
    auto taus_of = [&](std::size_t k) {
        std::vector<double> taus(k);
        for (std::size_t m = 0; m < k; ++m) taus[m] = x[best[k - o.min_joinpoints].index[m]];
        return taus;
    };
    auto indices_of = [&](std::size_t k) {
        return std::vector<std::size_t>(best[k - o.min_joinpoints].index.begin(),
                                        best[k - o.min_joinpoints].index.begin() + static_cast<std::ptrdiff_t>(k));
    };

    joinpoint_result res;
    res.model = o.model;
    res.selection = o.selection;
    res.level = o.level;
    res.n = n;
    res.x = x;
    res.x_centre = (x.front() + x.back()) / 2;
    // A seed is drawn only when permutations will run (std::random_device is slow to open).
    const bool permuting = o.selection == joinpoint_selection::permutation && o.min_joinpoints < o.max_joinpoints;
    res.seed = o.seed ? *o.seed
               : permuting ? (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()
                           : 0;

    // Information criteria of every candidate, from exact refits.
    const double log_n_over_n = std::log(static_cast<double>(n)) / static_cast<double>(n);
    for (std::size_t k = o.min_joinpoints; k <= o.max_joinpoints; ++k) {
        joinpoint_candidate c;
        c.joinpoints = k;
        c.locations = taus_of(k);
        c.sse = fit_at(x, res.x_centre, r, d, c.locations).sse;
        const double kd = static_cast<double>(k);
        // An SSE at rounding level is an exact fit (ln 0 = -inf), so that the fewest joinpoints
        // fitting exactly win rather than rounding noise.
        const bool exact = !(c.sse > 1e-20 * sums.rr);
        const double fit_term = exact ? -std::numeric_limits<double>::infinity() : std::log(c.sse / static_cast<double>(n));
        c.bic = fit_term + (2 * kd + 2) * log_n_over_n;
        c.bic3 = fit_term + (3 * kd + 2) * log_n_over_n;
        double r2max = 0;
        const auto idx = indices_of(k);
        for (std::size_t m = 0; m < k; ++m) r2max = std::max(r2max, partial_r2(x, r, d, idx, m));
        c.wbic = fit_term + ((2 + r2max) * kd + 2) * log_n_over_n;
        res.candidates.push_back(c);
    }

    std::size_t chosen = o.min_joinpoints;
    if (o.min_joinpoints == o.max_joinpoints) {
        chosen = o.min_joinpoints;
    } else if (o.selection == joinpoint_selection::bic || o.selection == joinpoint_selection::wbic) {
        const bool weighted = o.selection == joinpoint_selection::wbic;
        double best_value = std::numeric_limits<double>::infinity();
        for (const auto& c : res.candidates) {
            const double v = weighted ? c.wbic : c.bic;
            if (v < best_value) {
                best_value = v;
                chosen = c.joinpoints;
            }
        }
    } else {
        std::size_t ka = o.min_joinpoints, kb = o.max_joinpoints;
        std::uint64_t test_number = 0;
        while (ka < kb) {
            joinpoint_test test;
            test.null_joinpoints = ka;
            test.alternative_joinpoints = kb;
            test.alpha = o.adjustment == joinpoint_adjustment::nci
                             ? o.alpha / static_cast<double>(o.max_joinpoints - ka)
                             : o.alpha / static_cast<double>(o.max_joinpoints - o.min_joinpoints);
            const auto null_taus = taus_of(ka);
            const exact_fit null_fit = fit_at(x, res.x_centre, r, d, null_taus);
            // The statistic comes from the same grid computation as the permuted ones, so the
            // identity permutation reproduces it exactly.
            const double sse_a = best[ka - o.min_joinpoints].sse;
            const double sse_b = best[kb - o.min_joinpoints].sse;
            // A null model that already fits exactly cannot be improved on.
            const bool exact_null = !(sse_a > 1e-24 * std::max(sums.rr, 1e-300));
            test.statistic = exact_null ? 1.0 : sse_a / sse_b;
            if (exact_null) {
                test.p_value = 1;
            } else {
                // Standardised residuals of the null fit, permuted and added back (Kim et al. 2000).
                std::vector<double> residual(n);
                for (std::size_t i = 0; i < n; ++i) residual[i] = d.sqrt_w[i] * (r[i] - null_fit.fitted(static_cast<Eigen::Index>(i)));
                const grid_plan& plan_a = plan_for(ka);
                const grid_plan& plan_b = plan_for(kb);
                std::atomic<std::size_t> at_least{0};
                const std::uint64_t stream = tipstats::detail::splitmix64(res.seed ^ tipstats::detail::splitmix64(++test_number));
                const double threshold = test.statistic * (1 - 1e-12);
                tipstats::detail::parallel_for(
                    o.permutations, o.threads,
                    [&](std::size_t b) {
                        thread_local std::vector<std::size_t> order;
                        thread_local std::vector<double> permuted;
                        thread_local response_sums s;
                        std::mt19937_64 gen(tipstats::detail::splitmix64(stream + b));
                        order.resize(n);
                        std::iota(order.begin(), order.end(), 0);
                        for (std::size_t i = n - 1; i > 0; --i) std::swap(order[i], order[uniform_below(gen, i + 1)]);
                        permuted.resize(n);
                        for (std::size_t i = 0; i < n; ++i)
                            permuted[i] = null_fit.fitted(static_cast<Eigen::Index>(i)) + residual[order[i]] / d.sqrt_w[i];
                        make_sums(d, permuted, s);
                        const double a = plan_a.best(d, s).sse;
                        const double bsse = plan_b.best(d, s).sse;
                        const double ratio = bsse > 0 ? a / bsse : std::numeric_limits<double>::infinity();
                        // Ties up to rounding count as ties.
                        if (ratio >= threshold) at_least.fetch_add(1, std::memory_order_relaxed);
                    },
                    64);
                // The observed data count as one of the permutations (hence NCI's N = 4499: 4500 in all).
                test.p_value = static_cast<double>(at_least.load() + 1) / static_cast<double>(o.permutations + 1);
            }
            test.rejected = test.p_value < test.alpha;
            res.tests.push_back(test);
            if (test.rejected) ++ka;
            else --kb;
        }
        chosen = ka;
    }

    // The chosen fit, with intervals. NCI counts each joinpoint as a parameter: df = n - 2k - 2.
    const auto taus = taus_of(chosen);
    const exact_fit f = fit_at(x, res.x_centre, r, d, taus);
    res.joinpoints = taus;
    res.joinpoint_indices = indices_of(chosen);
    res.sse = f.sse;
    res.bic = res.candidates[chosen - o.min_joinpoints].bic;
    res.df = n - 2 * chosen - 2;
    const double sigma2 = f.sse / static_cast<double>(res.df);
    const Eigen::MatrixXd cov = f.unscaled_covariance * sigma2;
    res.coefficients.assign(f.beta.data(), f.beta.data() + f.beta.size());
    res.covariance.assign(cov.data(), cov.data() + cov.size());  // symmetric: layout does not matter
    res.fitted.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = f.fitted(static_cast<Eigen::Index>(i));
        res.fitted[i] = o.model == joinpoint_model::loglinear ? std::exp(v) : v;
    }
    const boost::math::students_t student(static_cast<double>(res.df));
    const double tq = boost::math::quantile(student, (1 + o.level) / 2);
    const auto p = static_cast<Eigen::Index>(chosen + 2);
    for (std::size_t s = 0; s <= chosen; ++s) {
        joinpoint_segment seg;
        seg.start = s == 0 ? x.front() : taus[s - 1];
        seg.end = s == chosen ? x.back() : taus[s];
        Eigen::VectorXd c = Eigen::VectorXd::Zero(p);
        for (std::size_t m = 1; m <= s + 1; ++m) c(static_cast<Eigen::Index>(m)) = 1;  // slope + changes so far
        seg.slope = c.dot(f.beta);
        const double se = std::sqrt(c.dot(cov * c));
        seg.slope_ci = {seg.slope - tq * se, seg.slope + tq * se};
        seg.p_value = se > 0 ? 2 * boost::math::cdf(boost::math::complement(student, std::abs(seg.slope / se))) : 0.0;
        seg.apc = log_scale ? 100 * std::expm1(seg.slope) : nan;
        seg.apc_ci = log_scale ? interval{100 * std::expm1(seg.slope_ci.lower), 100 * std::expm1(seg.slope_ci.upper)}
                               : interval{nan, nan};
        res.segments.push_back(seg);
    }
    res.aapc = average_percent_change(res, x.front(), x.back());
    return res;
}

joinpoint_result joinpoint(number_span y_values, std::span<const double> x, const joinpoint_options& options) {
    std::vector<double> y_storage;
    const std::span<const double> y = y_values.doubles(y_storage);
    return joinpoint_engine(x, y.size(), options).run(y);
}

std::vector<joinpoint_result> joinpoint_batch(const series_matrix& y, std::span<const double> x,
                                              const joinpoint_options& options, const batch_options& run) {
    joinpoint_options one_thread = options;
    one_thread.threads = 1;
    // The grid (x, weights, constraints) is the same for every row: build it once.
    const joinpoint_engine engine(x, y.cols, one_thread);
    return detail::for_each_row<joinpoint_result>(y, run.threads, [&](std::span<const double> row) { return engine.run(row); });
}

average_change average_percent_change(const joinpoint_result& fit, double from, double to) {
    if (fit.x.empty()) throw domain_error("fit", "is empty");
    if (!(from < to)) throw domain_error("from", "must be less than 'to'");
    if (from < fit.x.front() || to > fit.x.back())
        throw domain_error(from < fit.x.front() ? "from" : "to", "lies outside the fitted x range");
    const std::size_t p = fit.coefficients.size();
    const Eigen::Map<const Eigen::VectorXd> beta(fit.coefficients.data(), static_cast<Eigen::Index>(p));
    const Eigen::Map<const Eigen::MatrixXd> cov(fit.covariance.data(), static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
    const Eigen::RowVectorXd c = (design_row(to, fit.x_centre, fit.joinpoints) - design_row(from, fit.x_centre, fit.joinpoints)) / (to - from);
    average_change a;
    a.from = from;
    a.to = to;
    a.slope = c.dot(beta);
    const double se = std::sqrt(c * cov * c.transpose());
    // NCI: within one segment the AAPC is that segment's APC with its t interval; across
    // segments a normal approximation.
    a.t_based = std::none_of(fit.joinpoints.begin(), fit.joinpoints.end(), [&](double tau) { return tau > from && tau < to; });
    const double q = a.t_based ? boost::math::quantile(boost::math::students_t(static_cast<double>(fit.df)), (1 + fit.level) / 2)
                               : boost::math::quantile(boost::math::normal(), (1 + fit.level) / 2);
    a.slope_ci = {a.slope - q * se, a.slope + q * se};
    const bool log_scale = fit.model == joinpoint_model::loglinear;
    a.percent = log_scale ? 100 * std::expm1(a.slope) : nan;
    a.percent_ci = log_scale ? interval{100 * std::expm1(a.slope_ci.lower), 100 * std::expm1(a.slope_ci.upper)}
                             : interval{nan, nan};
    return a;
}

}  // namespace tipstats::trend
