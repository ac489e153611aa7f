#pragma once
// A small dense simplex method for the linear programs of the existence check (private to src/mse).
//
// Why not a library: no LP solver is both well kept and installable from PyPI with CMake files (the
// wheel builds from PyPI alone), and these programs are tiny (at most 1 + k + k(k-1)/2 equality rows
// over 2^k - 1 cells, k <= 16, a 0/1 matrix and integer counts). The method is the textbook
// two-phase tableau simplex (Dantzig; Chvatal 1983, ch. 2-3) with Bland's (1977) smallest-index rule,
// which cannot cycle, so it always terminates; the tests compare it with HiGHS (scipy's linprog).

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace tipstats::mse::detail {

struct lp_solution {
    bool feasible = false;
    double objective = 0;        ///< max c'x (when feasible)
    Eigen::VectorXd x;           ///< an optimal vertex
};

/// Maximises c'x subject to A x = b, x >= 0, for b >= 0 and a bounded objective. `tolerance` is
/// the size below which a tableau entry counts as zero (the data should be scaled to order 1).
inline lp_solution maximize(const Eigen::MatrixXd& A, const Eigen::VectorXd& b, const Eigen::VectorXd& c,
                            double tolerance = 1e-11) {
    const Eigen::Index m = A.rows(), n = A.cols();
    // Tableau: constraint rows [A | I | b], then the reduced costs; artificial columns n .. n+m-1.
    Eigen::MatrixXd t = Eigen::MatrixXd::Zero(m + 1, n + m + 1);
    t.topLeftCorner(m, n) = A;
    t.block(0, n, m, m).setIdentity();
    t.col(n + m).head(m) = b;
    std::vector<Eigen::Index> basis(static_cast<std::size_t>(m));
    for (Eigen::Index i = 0; i < m; ++i) basis[static_cast<std::size_t>(i)] = n + i;
    std::vector<bool> active_row(static_cast<std::size_t>(m), true);
    const Eigen::Index rhs = n + m;

    const auto pivot = [&](Eigen::Index row, Eigen::Index col) {
        t.row(row) /= t(row, col);
        for (Eigen::Index r = 0; r <= m; ++r)
            if (r != row && t(r, col) != 0) t.row(r) -= t(r, col) * t.row(row);
        basis[static_cast<std::size_t>(row)] = col;
    };
    // Reduced costs of objective `cost` (over all columns) for the current basis: row m holds
    // d_j = cost_j - cost_B' column_j, and t(m, rhs) = -cost_B' x_B.
    const auto price = [&](const Eigen::VectorXd& cost) {
        t.row(m).setZero();
        t.row(m).head(n + m) = cost.transpose();
        for (Eigen::Index i = 0; i < m; ++i) {
            if (!active_row[static_cast<std::size_t>(i)]) continue;
            const double cb = cost(basis[static_cast<std::size_t>(i)]);
            if (cb != 0) t.row(m) -= cb * t.row(i);
        }
    };
    // Bland's rule: the entering column is the lowest index with a positive reduced cost; the
    // leaving row the lowest basic index among the minimum ratios.
    const auto optimise = [&](Eigen::Index columns) {
        for (;;) {
            Eigen::Index enter = -1;
            for (Eigen::Index j = 0; j < columns; ++j)
                if (t(m, j) > tolerance) {
                    enter = j;
                    break;
                }
            if (enter < 0) return true;
            const auto eligible = [&](Eigen::Index i) {
                return active_row[static_cast<std::size_t>(i)] && t(i, enter) > tolerance;
            };
            double best = std::numeric_limits<double>::infinity();
            for (Eigen::Index i = 0; i < m; ++i)
                if (eligible(i)) best = std::min(best, t(i, rhs) / t(i, enter));
            if (best == std::numeric_limits<double>::infinity()) return false;  // unbounded
            Eigen::Index leave = -1;
            for (Eigen::Index i = 0; i < m; ++i)
                if (eligible(i) && t(i, rhs) / t(i, enter) <= best + tolerance &&
                    (leave < 0 || basis[static_cast<std::size_t>(i)] < basis[static_cast<std::size_t>(leave)]))
                    leave = i;
            pivot(leave, enter);
        }
    };

    // Phase I: maximise minus the sum of the artificial variables.
    Eigen::VectorXd phase1 = Eigen::VectorXd::Zero(n + m);
    phase1.tail(m).setConstant(-1);
    price(phase1);
    optimise(n + m);
    lp_solution out;
    const double scale = 1 + b.cwiseAbs().sum();
    if (-t(m, rhs) < -tolerance * scale) return out;  // artificial variables remain positive
    // Drive artificial variables out of the basis; a row with no original entry left is redundant.
    for (Eigen::Index i = 0; i < m; ++i) {
        if (basis[static_cast<std::size_t>(i)] < n) continue;
        Eigen::Index col = -1;
        for (Eigen::Index j = 0; j < n; ++j)
            if (std::abs(t(i, j)) > tolerance) {
                col = j;
                break;
            }
        if (col >= 0) pivot(i, col);
        else active_row[static_cast<std::size_t>(i)] = false;
    }
    // Phase II over the original columns only.
    Eigen::VectorXd cost = Eigen::VectorXd::Zero(n + m);
    cost.head(n) = c;
    price(cost);
    if (!optimise(n)) return out;  // callers pass bounded programs; treat as no answer
    out.feasible = true;
    out.objective = -t(m, rhs);
    out.x = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < m; ++i)
        if (active_row[static_cast<std::size_t>(i)] && basis[static_cast<std::size_t>(i)] < n)
            out.x(basis[static_cast<std::size_t>(i)]) = t(i, rhs);
    return out;
}

}  // namespace tipstats::mse::detail
