"""An independent re-implementation of R's SparseMSE 2.0.1 (buildmodel, checkident, modelfit,
stepwisefit) with statsmodels' GLM, scipy's Poisson distribution and scipy's HiGHS linear
programming, following its R source line by line. The tests compare tipstats.mse with it."""

import itertools
import warnings

import numpy as np
import statsmodels.api as sm
from scipy import optimize, stats


def cells(k):
    """Every observable pattern of k lists as a (2^k - 1) x k 0/1 matrix, row r is pattern r + 1."""
    return np.array([[(m >> i) & 1 for i in range(k)] for m in range(1, 2 ** k)], dtype=float)


def build(counts, k, pairs):
    """SparseMSE's buildmodel/buildmodelmatrix: design rows of the kept cells, their counts, and the
    pairs nobody is on together (cells deleted, term dropped)."""
    z = cells(k)
    y = np.asarray(counts, dtype=float)[1:]
    keep = np.ones(len(y), dtype=bool)
    fitted_pairs, empty = [], []
    for a, b in pairs:
        if (z[:, a] * z[:, b] * y).sum() == 0:
            empty.append((a, b))
            keep &= z[:, a] * z[:, b] == 0
        else:
            fitted_pairs.append((a, b))
    zk = z[keep]
    columns = [np.ones(len(zk))] + [zk[:, i] for i in range(k)] + [zk[:, a] * zk[:, b] for a, b in fitted_pairs]
    return np.column_stack(columns), y[keep], empty, np.flatnonzero(keep) + 1


def lp_objective(X, y):
    """checkident's linear program: max s subject to X'x = X'y, x - s >= 0, x >= 0 (HiGHS)."""
    m = X.shape[0]
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_eq = np.hstack([X.T, np.zeros((X.shape[1], 1))])
    A_ub = np.hstack([-np.eye(m), np.ones((m, 1))])
    res = optimize.linprog(c, A_ub=A_ub, b_ub=np.zeros(m), A_eq=A_eq, b_eq=X.T @ y,
                           bounds=[(0, None)] * (m + 1), method="highs")
    assert res.status == 0
    return -res.fun


def checkident(counts, k, pairs):
    """0 when fine, 1 when the estimate does not exist, 2 when not identifiable, 3 both (as R)."""
    X, y, _, _ = build(counts, k, pairs)
    objective = lp_objective(X, y)
    rank_deficient = np.linalg.matrix_rank(X) < X.shape[1]
    return int(objective <= 1e-9 * y.sum()) + 2 * int(rank_deficient)


def modelfit(counts, k, pairs):
    """glm(family=poisson) on the kept cells, AIC + 2 per empty overlap; the fit, the empty pairs and
    the expected count of every pattern (deleted cells 0)."""
    X, y, empty, kept = build(counts, k, pairs)
    with warnings.catch_warnings():  # a saturated model has no residual degrees of freedom
        warnings.simplefilter("ignore")
        fit = sm.GLM(y, X, family=sm.families.Poisson()).fit(tol=1e-13, maxiter=200)
    fitted = np.zeros(2 ** k)
    fitted[kept] = fit.mu
    return fit, fit.aic + 2 * len(empty), empty, fitted


def stepwisefit(counts, k, pthresh=0.02):
    """stepwisefit: the chosen pairs in order and the final fit."""
    z = cells(k)
    y = np.asarray(counts, dtype=float)[1:]
    ints = list(itertools.combinations(range(k), 2))
    nstar = [(z[:, a] * z[:, b] * y).sum() for a, b in ints]
    chosen = []
    fit = modelfit(counts, k, chosen)
    included = [False] * len(ints)
    for _ in ints:
        fitted = fit[3][1:]
        pval = np.ones(len(ints))
        for j, (a, b) in enumerate(ints):
            if included[j]:
                continue
            pstar = (fitted * z[:, a] * z[:, b]).sum()
            pval[j] = min(stats.poisson.cdf(nstar[j], pstar), stats.poisson.sf(nstar[j] - 1, pstar))
            if checkident(counts, k, chosen + [ints[j]]) > 0:
                pval[j] = 1
        if pval.min() >= pthresh:
            break
        j = int(np.flatnonzero(pval == pval.min())[0])
        chosen.append(ints[j])
        included[j] = True
        fit = modelfit(counts, k, chosen)
    return chosen, fit
