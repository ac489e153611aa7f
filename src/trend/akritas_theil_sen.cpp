// Kendall's tau and the Akritas-Theil-Sen line for left-censored y, step for step as R's NADA 1.6
// computes them in cenken (kendallATS, ktau_b, ktau_s, ktau_p and turnbull in R/ken.R, EM and its
// helpers from Icens in R/icmle.R), so that the results agree with it. Comments name the R
// function each part follows.
#include <tipstats/trend/akritas_theil_sen.hpp>

#include <tipstats/error.hpp>

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace tipstats::trend {
namespace {

double sign(double v) { return static_cast<double>((v > 0) - (v < 0)); }

// ktau_s: Kendall's S of the residuals y - b x against x over the pairs whose order is known: both
// detected, or a censored residual at or below a detected one.
double kendall_s_of_residuals(const std::vector<double>& y, const std::vector<char>& censored,
                              const std::vector<double>& x, double b) {
    const std::size_t n = y.size();
    std::vector<double> r(n);
    for (std::size_t i = 0; i < n; ++i) r[i] = y[i] - b * x[i];
    double s = 0;
    for (std::size_t i = 0; i + 1 < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            // A censored residual orders below a detected one at or above it; two censored never order.
            const bool known = censored[i] ? !censored[j] && r[i] <= r[j] : !censored[j] || r[j] <= r[i];
            if (known) s += sign(r[i] - r[j]) * sign(x[i] - x[j]);
        }
    return s;
}

// iter_s: bisection for a zero of S(b) between lb and ub, returning the last three points tried
// (as cenken does, not the narrowed ones).
struct bracket {
    double b[3];
    double s[3];
};

template <class S>
bracket bisect(double lb, double ub, double s_lb, double s_ub, const S& s_of) {
    constexpr double tolerance = 1e-7;
    constexpr int iterations = 1000;
    const auto step = [&](double lo, double hi, double s_lo, double s_hi) {
        const double mid = (lo + hi) / 2;
        return bracket{{lo, mid, hi}, {s_lo, s_of(mid), s_hi}};
    };
    bracket bs = step(lb, ub, s_lb, s_ub);
    for (int i = 0; i < iterations; ++i) {
        bracket narrowed = bs;
        if (narrowed.s[0] * narrowed.s[1] <= 0) {
            narrowed.s[2] = narrowed.s[1];
            narrowed.b[2] = narrowed.b[1];
        } else {
            narrowed.s[0] = narrowed.s[1];
            narrowed.b[0] = narrowed.b[1];
        }
        if (narrowed.s[1] == 0 || std::abs(narrowed.b[2] - narrowed.b[0]) <= tolerance) break;
        bs = step(narrowed.b[0], narrowed.b[2], narrowed.s[0], narrowed.s[2]);
    }
    return bs;
}

// Average ranks of v (ties by exact equality), then the lengths of the runs of equal consecutive
// ranks: R's rle(rank(v))$lengths.
std::vector<std::size_t> tie_runs(const std::vector<double>& v) {
    const std::size_t n = v.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> rank(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && v[order[j]] == v[order[i]]) ++j;
        for (std::size_t k = i; k < j; ++k) rank[order[k]] = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
        i = j;
    }
    std::vector<std::size_t> runs;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && rank[j] == rank[i]) ++j;
        runs.push_back(j - i);
        i = j;
    }
    return runs;
}

struct tie_sums {
    double t1 = 0, t2 = 0, t3 = 0, t4 = 0;  // sums over runs of L(L-1)(2L+5), L(L-1)(L-2), L(L-1), L-1
};

tie_sums sums_of(const std::vector<std::size_t>& runs) {
    tie_sums s;
    for (const std::size_t length : runs) {
        const double l = static_cast<double>(length);
        s.t1 += l * (l - 1) * (2 * l + 5);
        s.t2 += l * (l - 1) * (l - 2);
        s.t3 += l * (l - 1);
        s.t4 += l - 1;
    }
    return s;
}

// (x1 + y1)/18 - x2 y2 / (9n(n-1)(n-2)) - x3 y3 / (2n(n-1)), a product over a zero denominator
// (n = 2) being zero (R gives NaN there; the tie groups it counts cannot exist).
double tie_correction(const tie_sums& x, const tie_sums& y, double n) {
    const auto ratio = [](double numerator, double denominator) { return numerator == 0 ? 0.0 : numerator / denominator; };
    return (x.t1 + y.t1) / 18 - ratio(x.t2 * y.t2, 9 * n * (n - 1) * (n - 2)) - ratio(x.t3 * y.t3, 2 * n * (n - 1));
}

// Smallest gap between distinct values, divided by 1000: ktau_p's jitter.
double jitter_of(const std::vector<double>& v) {
    std::vector<double> u(v);
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    double gap = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < u.size(); ++i) gap = std::min(gap, u[i] - u[i - 1]);
    return gap / 1000;
}

// ktau_p: S, tau and the variance of S with the tie corrections (x uncensored here).
struct kendall_test {
    double s = 0, var_s = 0, tau = 0;
};

kendall_test ktau_p(const std::vector<double>& xx, const std::vector<double>& yy, const std::vector<char>& cy) {
    const std::size_t n = xx.size();
    const double dn = static_cast<double>(n);
    const std::vector<char> cx(n, 0);
    const double delx = jitter_of(xx);
    const double dely = jitter_of(yy);
    std::vector<double> dupx(n), dupy(n);
    for (std::size_t i = 0; i < n; ++i) {
        dupx[i] = xx[i] - delx * cx[i];
        dupy[i] = yy[i] - dely * cy[i];
    }
    double itot = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            const double diffx = dupx[i] - dupx[j];
            const double diffy = dupy[i] - dupy[j];
            double signyx = sign(diffy * diffx);
            const bool cix = sign(static_cast<double>(cx[i] - cx[j])) * sign(diffx) > 0;
            const bool ciy = sign(static_cast<double>(cy[i] - cy[j])) * sign(diffy) > 0;
            if (cix || ciy) signyx = 0;  // a censored value above a detected one: order unknown
            const bool xplus = cx[i] + cx[j] > 1;
            const bool yplus = cy[i] + cy[j] > 1;  // both censored
            if (!xplus && !yplus) itot += signyx;
        }
    kendall_test t;
    t.s = itot / 2;
    t.tau = itot / (dn * (dn - 1));
    t.var_s = dn * (dn - 1) * (2 * dn + 5) / 18;

    // The values in sorted order (stable, as R's order) with their censoring.
    const auto sorted = [&](const std::vector<double>& v, const std::vector<char>& c, std::vector<double>& dv,
                            std::vector<char>& dc) {
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
        dv.resize(n);
        dc.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            dv[i] = v[order[i]];
            dc[i] = c[order[i]];
        }
    };
    std::vector<double> dxx, dyy;
    std::vector<char> dcx, dcy;
    sorted(dupx, cx, dxx, dcx);
    sorted(dupy, cy, dyy, dcy);
    // delc: ties among censored values (detected values pulled apart by their position).
    std::vector<double> tmpx(n), tmpy(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double position = static_cast<double>(i + 1);
        tmpx[i] = dxx[i] - position * (1 - dcx[i]) * delx;
        tmpy[i] = dyy[i] - position * (1 - dcy[i]) * dely;
    }
    const tie_sums cx_ties = sums_of(tie_runs(tmpx)), cy_ties = sums_of(tie_runs(tmpy));
    const double delc = tie_correction(cx_ties, cy_ties, dn);
    // deluc: censored values against the detected ones below them.
    tie_sums x_pairs, y_pairs;
    for (std::size_t i = 0; i < n; ++i) {
        const double position = static_cast<double>(i + 1);
        x_pairs.t1 += std::max(0.0, position * dcx[i] - 1);
        y_pairs.t1 += std::max(0.0, position * dcy[i] - 1);
    }
    const double nrx = x_pairs.t1, nry = y_pairs.t1;  // runs of length 2, counted
    x_pairs = {nrx * 2 * 1 * 9, 0.0, nrx * 2 * 1, 0.0};
    y_pairs = {nry * 2 * 1 * 9, 0.0, nry * 2 * 1, 0.0};
    const double deluc = tie_correction(x_pairs, y_pairs, dn) - (cx_ties.t4 + cy_ties.t4);
    // delu: ties among detected values (censored values pulled apart by their position).
    for (std::size_t i = 0; i < n; ++i) {
        const double position = static_cast<double>(i + 1);
        dxx[i] = dxx[i] - position * dcx[i] * delx;
        dyy[i] = dyy[i] - position * dcy[i] * dely;
    }
    const double delu = tie_correction(sums_of(tie_runs(dxx)), sums_of(tie_runs(dyy)), dn);
    t.var_s = t.var_s - delc - deluc - delu;
    return t;
}

// turnbull with Icens' Maclist, MLEintvl, Macmat and EM: the median of interval-censored residuals
// (detected ones as [r, r], censored ones as (r - y, r]).
double turnbull_median(const std::vector<double>& left, const std::vector<double>& right) {
    const std::size_t m = left.size();
    // Maclist (left-open intervals): the maximal antichains in their natural order.
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return left[a] < left[b]; });
    std::vector<std::vector<std::size_t>> antichains;
    std::vector<std::size_t> current{order[0]};
    double min_end = right[order[0]];
    for (std::size_t i = 1; i < m; ++i) {
        const std::size_t interval = order[i];
        if (left[interval] >= min_end) {
            antichains.push_back(current);
            std::vector<std::size_t> kept;
            for (const std::size_t j : current)
                if (left[interval] < right[j]) kept.push_back(j);
            kept.push_back(interval);
            current = kept;
            min_end = right[current[0]];
            for (const std::size_t j : current) min_end = std::min(min_end, right[j]);
        } else {
            current.push_back(interval);
            min_end = std::min(min_end, right[interval]);
        }
    }
    antichains.push_back(current);
    const std::size_t k = antichains.size();
    // MLEintvl: each antichain's right end (its left end is not needed).
    double overall_max = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < m; ++i) overall_max = std::max({overall_max, left[i], right[i]});
    std::vector<double> right_end(k, overall_max);
    // Macmat, kept as each antichain's members.
    for (std::size_t a = 0; a < k; ++a)
        for (const std::size_t j : antichains[a]) right_end[a] = std::min(right_end[a], right[j]);
    for (auto& members : antichains) std::sort(members.begin(), members.end());  // sums in R's column order
    // EM with rescaleP, at most 500 iterations, stopping when the L1 change is below the machine epsilon.
    const double eps = std::numeric_limits<double>::epsilon();
    const auto rescale = [&](std::vector<double>& p) {
        long double total = 0;  // R's sum accumulates in long double
        for (auto& v : p) {
            if (v < eps) v = 0;
            total += v;
        }
        for (auto& v : p) v = static_cast<double>(v / total);
    };
    std::vector<double> p(k);
    double members = 0;
    for (std::size_t a = 0; a < k; ++a) {
        p[a] = static_cast<double>(antichains[a].size());
        members += p[a];
    }
    for (auto& v : p) v /= members;
    rescale(p);
    std::vector<double> mass(m), next(k);
    for (int iteration = 0; iteration < 500; ++iteration) {
        std::fill(mass.begin(), mass.end(), 0.0);
        for (std::size_t a = 0; a < k; ++a)
            for (const std::size_t j : antichains[a]) mass[j] += p[a];
        for (auto& v : mass) v = v > 0 ? 1 / v : 0.0;
        for (std::size_t a = 0; a < k; ++a) {
            double sum = 0;
            for (const std::size_t j : antichains[a]) sum += p[a] * mass[j];
            next[a] = sum / static_cast<double>(m);
        }
        rescale(next);
        long double change = 0;
        for (std::size_t a = 0; a < k; ++a) change += std::abs(next[a] - p[a]);
        p.swap(next);
        if (change < eps) break;
    }
    // The first antichain with at most half the mass above it (to within rounding: a tie at
    // exactly one half is what exact arithmetic gives for an even number of detected values);
    // cenken gives NA where that is the last one, whose right end is the median.
    std::vector<double> above(k, 0.0);  // mass above each antichain: R's rev(cumsum(rev(p))), in long double as R
    long double cumulative = 0;
    for (std::size_t a = k - 1; a-- > 0;) above[a] = static_cast<double>(cumulative += p[a + 1]);
    for (std::size_t a = 0; a + 1 < k; ++a)
        if (above[a] <= 0.5 + 1e-9) return right_end[a];
    return right_end[k - 1];
}

}  // namespace

akritas_theil_sen_result akritas_theil_sen(number_span y_values, std::span<const unsigned char> censored,
                                           std::span<const double> x) {
    std::vector<double> y_storage;
    const std::span<const double> y = y_values.doubles(y_storage);
    const std::size_t n = y.size();
    if (censored.size() != n)
        throw domain_error("censored", "has " + std::to_string(censored.size()) + " values but y has " + std::to_string(n));
    if (x.size() != n) throw domain_error("x", "has " + std::to_string(x.size()) + " values but y has " + std::to_string(n));
    if (n < 2) throw domain_error("y", "needs at least 2 values, got " + std::to_string(n));
    akritas_theil_sen_result r;
    r.n = n;
    std::vector<char> cen(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(y[i])) throw domain_error("y", "must be finite (leave missing values out)", i);
        if (y[i] < 0) throw domain_error("y", "must be non-negative (a censored value is its detection limit)", i);
        if (censored[i] && !(y[i] > 0))
            throw domain_error("y", "a censored value's detection limit must be positive ('<0' cannot happen)", i);
        if (!std::isfinite(x[i])) throw domain_error("x", "must be finite", i);
        cen[i] = censored[i] ? 1 : 0;
        r.n_censored += cen[i];
    }
    if (r.n_censored == n)
        throw domain_error("y", "every value is censored: no pair has a known order, so there is no trend to test");
    if (std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; }))
        throw domain_error("x", "needs at least two distinct values");

    // kendallATS: pull censored values just below their limit so a detected value at the limit is above them.
    const double y_min = *std::min_element(y.begin(), y.end());
    std::vector<double> yj(n), xs(x.begin(), x.end());
    for (std::size_t i = 0; i < n; ++i) yj[i] = y[i] - (y_min / 1000) * cen[i];

    // ktau_b: the range of the pairwise slopes with censored values at zero brackets the slope.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j <= i; ++j) {
            const double slope = (yj[i] * !cen[i] - yj[j] * !cen[j]) / (xs[i] - xs[j]);
            if (std::isfinite(slope)) {
                lo = std::min(lo, slope);
                hi = std::max(hi, slope);
            }
        }
    const auto s_of = [&](double b) { return kendall_s_of_residuals(yj, cen, xs, b); };
    const bracket bs = bisect(lo, hi, s_of(lo), s_of(hi), s_of);
    const bracket upper = bisect(bs.b[1], bs.b[2], bs.s[1], bs.s[2], s_of);
    const bracket lower = bisect(bs.b[0], bs.b[1], bs.s[0], bs.s[1], s_of);
    r.slope = 0.5 * (upper.b[1] + lower.b[1]);

    std::vector<double> left(n), right(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double residual = yj[i] - r.slope * xs[i];
        left[i] = residual - yj[i] * cen[i];
        right[i] = residual;
    }
    r.intercept = turnbull_median(left, right);

    const kendall_test t = ktau_p(xs, yj, cen);
    r.s = t.s;
    r.tau = t.tau;
    r.var_s = t.var_s;
    if (!(r.var_s > 0)) {  // heavy censoring can leave no variance: there is no test then
        r.z = r.p_value = std::numeric_limits<double>::quiet_NaN();
        return r;
    }
    r.z = (r.s - sign(r.s)) / std::sqrt(r.var_s);
    r.p_value = 2 * boost::math::cdf(boost::math::complement(boost::math::normal{}, std::abs(r.z)));
    return r;
}

}  // namespace tipstats::trend
