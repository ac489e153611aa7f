"""An independent re-implementation of R's Rcapture 1.4-4 closedp.t and closedpCI.t (Xclosedp,
Chao.neg, getN, the profile log-likelihood with Cormack's correction) with statsmodels' GLM,
following its R source (Cormack's correction computed exactly, as tipstats does). The tests compare
tipstats.mse with it."""

import math
import warnings

import numpy as np
import statsmodels.api as sm

from sparsemse_reference import lp_objective

HETEROGENEITY = {"Chao (LB)": "chao", "Poisson2": "poisson", "Darroch": "darroch", "Gamma3.5": "gamma"}


def design(t, model):
    """Xclosedp with the intercept first: the histories 1 .. 2^t - 1 (bit i: list i) and the names."""
    histories = np.array([[(m >> i) & 1 for i in range(t)] for m in range(1, 2 ** t)], dtype=float)
    nbcap = histories.sum(axis=1)
    base, _, het = model.partition(" ")
    columns, names = [np.ones(len(nbcap))], ["(Intercept)"]
    if base in ("Mt", "Mth"):
        columns += list(histories.T)
        names += [f"beta{i + 1}" for i in range(t)]
    else:
        columns.append(nbcap)
        names.append("beta")
    fixed = len(names)
    kind = HETEROGENEITY.get(het)
    if kind == "chao":
        for j in range(3, t + 1):
            columns.append(np.maximum(nbcap - j + 1, 0))
            names.append(f"eta{j}")
    elif kind == "poisson":
        columns.append(2.0 ** nbcap - 1)
        names.append("tau")
    elif kind == "darroch":
        columns.append(nbcap ** 2 / 2)
        names.append("tau")
    elif kind == "gamma":
        columns.append(-np.log(3.5 + nbcap) + np.log(3.5))
        names.append("tau")
    return np.column_stack(columns), names, fixed


def glm(X, y):
    with warnings.catch_warnings():  # fits whose estimate does not exist warn and diverge
        warnings.simplefilter("ignore")
        return sm.GLM(y, X, family=sm.families.Poisson()).fit(tol=1e-13, maxiter=100)


def fit(X, y, names, fixed, chao):
    """glm plus Chao.neg: drop the first negative eta and refit while there is one. Returns the fit,
    the names kept and the etas removed; the fit is None when the estimate does not exist."""
    removed = []
    while True:
        exists = lp_objective(X, y) > 1e-9 * y.sum()
        result = glm(X, y)
        negative = [c for c in range(fixed, X.shape[1]) if result.params[c] < 0] if chao else []
        if not negative:
            return (result if exists else None), names, removed
        c = negative[0]
        removed.append(names[c])
        X = np.delete(X, c, axis=1)
        names = names[:c] + names[c + 1:]


def closedp(counts, t, model):
    """closedp.t's row for `model`: abundance, stderr, deviance, df, AIC, BIC and the removed etas."""
    X, names, fixed = design(t, model)
    y = np.asarray(counts, dtype=float)[1:]
    result, kept, removed = fit(X, y, names, fixed, "Chao" in model)
    if result is None:
        return None, removed
    n = y.sum()
    b0 = result.params[0]
    Xk = result.model.exog
    covariance = np.linalg.inv(Xk.T @ (np.exp(Xk @ result.params)[:, None] * Xk))
    rank = Xk.shape[1]
    llf = result.llf
    return {"abundance": n + math.exp(b0), "stderr": math.sqrt(math.exp(b0) + math.exp(2 * b0) * covariance[0, 0]),
            "deviance": result.deviance, "df": len(y) - rank, "AIC": -2 * llf + 2 * rank,
            "BIC": -2 * llf + math.log(n) * rank}, removed


def cormack(n0, N):
    """log(n0^n0 N! / (N^N n0!)) exactly (Rcapture uses Stirling's formula above N = 100)."""
    return (n0 * math.log(n0) if n0 > 0 else 0.0) + math.lgamma(N + 1) - N * math.log(N) - math.lgamma(n0 + 1)


def profile_loglik(counts, t, model, N):
    """closedpCI.t's loglikemult: the Poisson fit with n0 = N - n people on no list (intercept only)."""
    X, names, fixed = design(t, model)
    y = np.asarray(counts, dtype=float)[1:]
    n0 = N - y.sum()
    Xa = np.vstack([X, np.eye(1, X.shape[1])])
    ya = np.append(y, n0)
    removed = []
    while True:
        result = glm(Xa, ya)
        negative = [c for c in range(fixed, Xa.shape[1]) if result.params[c] < 0] if "Chao" in model else []
        if not negative:
            break
        removed.append(negative[0])
        Xa = np.delete(Xa, negative[0], axis=1)
    return -(result.deviance - 2 * cormack(n0, N)) / 2
