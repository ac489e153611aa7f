"""Log-linear (Poisson, quasi-Poisson, NB2) and logistic trends, censored counts included, and linear
trends: cross-checked against statsmodels where there is no censoring, and against the same censored
log-likelihood written with scipy.stats and maximised with scipy.optimize where there is."""

import math
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.optimize
import scipy.special
import scipy.stats
import statsmodels.api as sm

import tipstats as ts
from tipstats import trend


def glm(counts, x, exposure=None, quasi=False):
    model = sm.GLM(counts, sm.add_constant(x), family=sm.families.Poisson(), exposure=exposure)
    return model.fit(scale="X2", tol=1e-14) if quasi else model.fit(tol=1e-14)


def check_against_statsmodels(counts, x, exposure=None, quasi=False, rtol=1e-8):
    ours = trend.loglinear(counts, x, exposure, model="quasi" if quasi else "poisson")
    fit = glm(counts, x, exposure, quasi)
    np.testing.assert_allclose([ours.intercept, ours.slope], fit.params, rtol=rtol, atol=1e-10)
    np.testing.assert_allclose(ours.se, fit.bse[1], rtol=rtol)
    np.testing.assert_allclose(ours.p_value, fit.pvalues[1], rtol=1e-7, atol=1e-300)
    np.testing.assert_allclose(ours.slope_ci, fit.conf_int()[1], rtol=rtol, atol=1e-12)
    np.testing.assert_allclose(ours.apc_ci, 100 * np.expm1(fit.conf_int()[1]), rtol=rtol, atol=1e-10)
    np.testing.assert_allclose(ours.apc, 100 * math.expm1(fit.params[1]), rtol=rtol, atol=1e-10)
    np.testing.assert_allclose(ours.deviance, fit.deviance, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(ours.pearson_chi2, fit.pearson_chi2, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(ours.dispersion, fit.scale, rtol=1e-7)
    np.testing.assert_allclose(ours.log_likelihood, sm.GLM(counts, sm.add_constant(x), family=sm.families.Poisson(),
                                                           exposure=exposure).loglike(fit.params), rtol=1e-10)
    assert ours.pearson_ratio == pytest.approx(fit.pearson_chi2 / (len(counts) - 2), rel=1e-7)
    assert (ours.n, ours.n_censored, ours.n_missing, ours.alpha) == (len(counts), 0, 0, 0)
    return ours


@pytest.mark.parametrize("seed", range(15))
@pytest.mark.parametrize("quasi", [False, True])
def test_loglinear_matches_statsmodels(seed, quasi):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 30))
    x = np.arange(2000, 2000 + n, dtype=float)
    base = rng.choice([0.5, 5, 80, 2e5])
    counts = rng.poisson(base * np.exp(rng.normal(0, 0.06) * np.arange(n)) * rng.uniform(0.7, 1.3, n)).astype(float)
    counts[0] = max(counts[0], 1)  # keep the slope finite
    counts[-1] = max(counts[-1], 1)
    check_against_statsmodels(counts, x, quasi=quasi)


@pytest.mark.parametrize("seed", range(6))
def test_loglinear_with_exposure_matches_statsmodels(seed):
    rng = np.random.default_rng(100 + seed)
    n = 12
    exposure = rng.uniform(1e4, 5e6, n)
    counts = rng.poisson(exposure * 1e-4 * np.exp(0.05 * np.arange(n))).astype(float)
    x = np.cumsum(rng.uniform(0.5, 2, n))
    check_against_statsmodels(counts, x, exposure)
    check_against_statsmodels(counts, x, exposure, quasi=True)


def test_loglinear_edge_cases():
    # Zeros inside the series are data.
    check_against_statsmodels(np.array([0, 3, 0, 5, 0, 9.0]), np.arange(6.0))
    # Huge counts.
    check_against_statsmodels(np.array([1e9, 1.1e9, 1.3e9, 1.2e9, 1.6e9]), np.arange(5.0))
    # An exact geometric series has APC exactly 10 %.
    r = trend.loglinear(1000 * 1.1 ** np.arange(8))
    assert r.apc == pytest.approx(10, rel=1e-12)
    assert r.deviance == pytest.approx(0, abs=1e-9)


def test_loglinear_bad_input():
    with pytest.raises(ts.DomainError, match="negative") as e:
        trend.loglinear([3, 4, -1, 5])
    assert (e.value.argument, e.value.index) == ("counts", 2)
    with pytest.raises(ts.DomainError, match="all counts are zero"):
        trend.loglinear([0, 0, 0])
    with pytest.raises(ts.DomainError, match="only at the last") as e:
        trend.loglinear([0, 0, 0, 7])
    assert e.value.index == 3
    with pytest.raises(ts.DomainError, match="exposure") as e:
        trend.loglinear([1, 2, 3], exposure=[1, 0, 2])
    assert e.value.index == 1
    with pytest.raises(ts.DomainError, match="duplicate") as e:
        trend.loglinear([1, 2, 3], x=[2001, 2002, 2002])
    assert (e.value.argument, e.value.index) == ("x", 2)
    with pytest.raises(ts.DomainError, match="at least 3"):
        trend.loglinear([1, 2], model="quasi")
    with pytest.raises(ts.DomainError, match="model") as e:
        trend.loglinear([1, 2, 3], model="zip")  # type: ignore[arg-type]
    assert e.value.argument == "model"
    with pytest.raises(ts.DomainError, match="at least 2") as e:  # one period is not a trend
        trend.loglinear([7])
    assert e.value.argument == "counts"
    with pytest.raises(ts.DomainError, match="dispersion is 0"):  # quasi on counts exactly on the curve
        trend.loglinear([2, 2, 2], model="quasi")
    assert trend.loglinear([2, 2, 2]).slope == pytest.approx(0, abs=1e-12)


def test_a_nan_count_is_missing_left_out_and_counted():
    r = trend.loglinear([3, np.nan, 1, 5, 8], x=np.arange(2010, 2015))
    assert (r.n, r.n_missing) == (4, 1)
    assert r.slope == pytest.approx(trend.loglinear([3, 1, 5, 8], x=[2010, 2012, 2013, 2014]).slope, rel=1e-13)


@pytest.mark.parametrize("seed", range(10))
def test_linear_matches_statsmodels_ols(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    x = np.sort(rng.choice(np.arange(1990, 2030), size=n, replace=False)).astype(float)
    y = rng.normal(0, 5, n) + 0.3 * x
    ours = trend.linear(y, x, level=0.9)
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    np.testing.assert_allclose([ours.intercept, ours.slope], fit.params, rtol=1e-9)
    np.testing.assert_allclose(ours.se, fit.bse[1], rtol=1e-9)
    np.testing.assert_allclose(ours.p_value, fit.pvalues[1], rtol=1e-7, atol=1e-300)
    np.testing.assert_allclose(ours.ci, fit.conf_int(alpha=0.1)[1], rtol=1e-9)
    np.testing.assert_allclose(ours.r_squared, fit.rsquared, rtol=1e-9)


def test_linear_edge_cases():
    exact = trend.linear([1, 3, 5, 7.0])
    assert exact.slope == pytest.approx(2) and exact.se == pytest.approx(0, abs=1e-12)
    flat = trend.linear([2, 2, 2.0])
    assert flat.slope == 0 and math.isnan(flat.r_squared)
    with pytest.raises(ts.DomainError, match="at least 3"):
        trend.linear([1, 2.0])
    with pytest.raises(ts.DomainError) as e:
        trend.linear([1, np.nan, 2.0])
    assert (e.value.argument, e.value.index) == ("y", 1)


def test_batches_equal_single_calls():
    rng = np.random.default_rng(7)
    Y = rng.poisson(50 * np.exp(0.03 * np.arange(20)), size=(30, 20)).astype(float)
    exposure = rng.uniform(1e3, 1e4, size=(30, 20))
    for e in (None, exposure[0], exposure):
        frame = trend.loglinear_batch(Y, exposure=e, model="quasi", threads=2)
        for i in range(len(Y)):
            row_e = None if e is None else (e if e.ndim == 1 else e[i])
            one = trend.loglinear(Y[i], exposure=row_e, model="quasi")
            assert frame["slope"][i] == one.slope and frame["apc_upper"][i] == one.apc_ci[1]
            assert frame["se"][i] == one.se and frame["deviance"][i] == one.deviance
    lin = trend.linear_batch(Y, as_frame=False)
    assert lin["upper"][4] == trend.linear(Y[4]).ci[1]
    Y[3, 5] = -1
    with pytest.raises(ts.DomainError) as e:
        trend.loglinear_batch(Y)
    assert e.value.argument == "Y[3]" and e.value.index == 5
    with pytest.raises(ts.DomainError, match="shape"):
        trend.loglinear_batch(np.abs(Y), exposure=np.ones((2, 20)))


def test_results_print_and_pickle():
    r = trend.loglinear([10, 12, 15, 13, 19])
    assert repr(r).startswith("LogLinearResult(slope=") and "apc_ci=(" in repr(r)
    assert pickle.loads(pickle.dumps(r)) == r and "<table>" in r._repr_html_()
    assert r.to_dict()["apc_ci"] == r.apc_ci
    lin = trend.linear([1, 2, 4.0])
    assert pickle.loads(pickle.dumps(lin)) == lin and repr(lin).startswith("LinearResult(")
    nb = trend.loglinear([10, 12, 15, 13, 19, 25, 8, 30], model="negbin")
    assert pickle.loads(pickle.dumps(nb)) == nb and "alpha=" in repr(nb)
    lg = trend.logistic([3, 5, 4, 8], [20, 21, 19, 22])
    assert pickle.loads(pickle.dumps(lg)) == lg and repr(lg).startswith("LogisticResult(")


# --- negative binomial (NB2) -------------------------------------------------------------------


def negative_binomial_counts(seed, n=None, alpha=None):
    rng = np.random.default_rng(seed)
    n = n or int(rng.integers(6, 25))
    x = np.arange(2000, 2000 + n, dtype=float)
    alpha = alpha or rng.choice([0.05, 0.3, 1.0, 2.5])
    mu = rng.choice([3, 20, 150, 4000]) * np.exp(rng.normal(0, 0.08) * (x - x[0]))
    y = rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu)).astype(float)
    y[0], y[-1] = max(y[0], 1), max(y[-1], 1)
    return y, x


def statsmodels_nb2(y, x):
    """statsmodels' NB2 maximum, converged: its default BFGS, then Newton from there to tol 1e-14
    (Newton from statsmodels' own start can stop at NaN), on x centred (raw years make the design
    ill-conditioned). The slope, alpha, their standard errors and the log-likelihood do not depend
    on the centring."""
    model = sm.NegativeBinomial(y, sm.add_constant(x - x.mean()), loglike_method="nb2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rough = model.fit(maxiter=5000, disp=0)
        fine = model.fit(start_params=rough.params, method="newton", maxiter=300, tol=1e-14, disp=0)
    return fine if np.isfinite(fine.params).all() else rough  # Newton fails near the boundary alpha = 0


@pytest.mark.parametrize("seed", range(20))
def test_negbin_matches_statsmodels_nb2(seed):
    y, x = negative_binomial_counts(seed)
    fit = statsmodels_nb2(y, x)
    ours = trend.loglinear(y, x, model="negbin")
    if ours.alpha == 0:  # no overdispersion: the maximum is at the Poisson boundary, where BFGS creeps
        assert fit.params[2] < 1e-4 and ours.log_likelihood >= fit.llf - 1e-8 and math.isnan(ours.alpha_se)
        assert ours.slope == pytest.approx(trend.loglinear(y, x).slope, rel=1e-10)
        return
    # statsmodels reports alpha and its standard error on the alpha scale, the params' from the
    # inverse Hessian of the joint likelihood: as ours, to 1e-6 (they agree to about 1e-12).
    centre = ours.intercept + ours.slope * x.mean()
    np.testing.assert_allclose([centre, ours.slope, ours.alpha], fit.params, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose([ours.se, ours.alpha_se], fit.bse[1:], rtol=1e-6)
    assert ours.log_likelihood == pytest.approx(fit.llf, rel=1e-10)
    assert ours.p_value == pytest.approx(fit.pvalues[1], rel=1e-6, abs=1e-300)
    np.testing.assert_allclose(ours.slope_ci, fit.conf_int()[1], rtol=1e-6)
    assert ours.df == len(y) - 3


def test_negbin_sees_the_overdispersion_poisson_hides():
    # Large overdispersed counts, like a country's yearly totals: the Poisson fit's Pearson ratio is
    # far above 1 and its interval too narrow; NB2's ratio is about 1 and its interval wider.
    y, x = negative_binomial_counts(3, n=11, alpha=0.3)
    poisson, negbin = trend.loglinear(y, x), trend.loglinear(y, x, model="negbin")
    assert poisson.pearson_ratio > 20 and poisson.deviance_ratio > 20
    assert 0.3 < negbin.pearson_ratio < 3
    assert negbin.apc_ci[1] - negbin.apc_ci[0] > 3 * (poisson.apc_ci[1] - poisson.apc_ci[0])


def test_negbin_on_underdispersed_counts_is_the_poisson_fit():
    y = np.array([100, 102, 101, 103, 104, 104, 106, 105.0])
    negbin, poisson = trend.loglinear(y, model="negbin"), trend.loglinear(y)
    assert negbin.alpha == 0 and negbin.slope == pytest.approx(poisson.slope, rel=1e-10)
    assert negbin.se == pytest.approx(poisson.se, rel=1e-8)


# --- censored counts -----------------------------------------------------------------------------


def censored_log_likelihood(params, counts, lower, upper, xc, model):
    """The censored log-likelihood written independently: scipy.stats pmf for exact counts, cdf
    differences (sf for open-ended counts) for censored ones; params (a, b[, log alpha])."""
    mu = np.exp(params[0] + params[1] * xc)
    if model == "poisson":
        dist = scipy.stats.poisson(mu)
    else:
        r = np.exp(-params[2])
        dist = scipy.stats.nbinom(r, r / (r + mu))
    exact = ~np.isnan(counts)
    with np.errstate(divide="ignore"):
        probability = np.where(np.isinf(upper), dist.sf(lower - 1), dist.cdf(upper) - dist.cdf(lower - 1))
        return np.sum(np.where(exact, dist.logpmf(np.nan_to_num(counts)), np.log(probability)))


def censored_counts(seed):
    """Counts with "<5" (bounds [0, 4]) and, for some seeds, an open-ended ">b"."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 18))
    x = np.arange(2003, 2003 + n, dtype=float)
    mu = rng.uniform(3, 12) * np.exp(rng.normal(0.05, 0.08) * (x - x[0]))
    alpha = rng.choice([0.01, 0.4, 1.2])
    y = rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu)).astype(float)
    lower, upper = y.copy(), y.copy()
    small = y < 5
    lower[small], upper[small] = 0, 4
    if seed % 3 == 0:
        j = n // 2
        lower[j], upper[j] = max(y[j], 5) + 1, np.inf
        small[j] = True
    counts = np.where(small, np.nan, y)
    return counts, lower, upper, x


def numerical_hessian(f, p, h=1e-4):
    k = len(p)
    hess = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            def shifted(di, dj):
                q = np.array(p, dtype=float)
                q[i] += di
                q[j] += dj
                return f(q)
            hess[i, j] = (shifted(h, h) - shifted(h, -h) - shifted(-h, h) + shifted(-h, -h)) / (4 * h * h)
    return hess


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("model", ["poisson", "negbin"])
def test_censored_fit_maximises_the_censored_likelihood(seed, model):
    counts, lower, upper, x = censored_counts(seed)
    try:
        ours = trend.loglinear(counts, x, model=model, lower=lower, upper=upper)
    except ts.DomainError as error:  # a sample with no finite estimate must say why, not fit
        assert "infinite" in str(error) or "not defined" in str(error)
        return
    assert ours.n_censored == np.isnan(counts).sum() and ours.n == len(counts)
    xc = x - x.mean()
    centre = ours.intercept + ours.slope * x.mean()
    params = [centre, ours.slope] + ([math.log(ours.alpha)] if ours.alpha > 0 else [])
    kind = "negbin" if ours.alpha > 0 else "poisson"
    loglik = lambda p: censored_log_likelihood(p, counts, lower, upper, xc, kind)  # noqa: E731
    assert ours.log_likelihood == pytest.approx(loglik(params), rel=1e-10)
    # no better point from scipy's optimiser started elsewhere
    start = [math.log(np.nanmean(np.where(np.isnan(counts), lower + 1, counts))), 0.0] + [0.0] * (len(params) - 2)
    found = scipy.optimize.minimize(lambda p: -loglik(p), start, method="Nelder-Mead",
                                    options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000, "maxfev": 40000})
    assert -found.fun <= ours.log_likelihood + 1e-8
    np.testing.assert_allclose(found.x[:2], params[:2], rtol=1e-4, atol=1e-5)
    # the standard error from the observed information: the numerical Hessian of the scipy likelihood
    covariance = np.linalg.inv(-numerical_hessian(loglik, params))
    assert ours.se == pytest.approx(math.sqrt(covariance[1, 1]), rel=1e-4)
    if model == "negbin" and ours.alpha > 0:
        assert ours.alpha_se == pytest.approx(ours.alpha * math.sqrt(covariance[2, 2]), rel=1e-3)


def test_censored_edge_cases_from_the_issue():
    nan = np.nan
    # every value censored down to zero: no level; all zeros: no slope
    with pytest.raises(ts.DomainError, match="all counts are zero") as e:
        trend.loglinear([nan, nan, nan], lower=[0, 0, 0], upper=[4, 4, 4])
    assert e.value.argument == "counts"
    with pytest.raises(ts.DomainError, match="all counts are zero"):
        trend.loglinear([0, 0, 0, 0], model="negbin")
    # negative counts and bounds, an upper bound below a lower one: named, with the index
    with pytest.raises(ts.DomainError) as e:
        trend.loglinear([nan, 5, 6], lower=[-1, 5, 6], upper=[4, 5, 6])
    assert (e.value.argument, e.value.index) == ("lower", 0)
    with pytest.raises(ts.DomainError, match="below the lower") as e:
        trend.loglinear([5, nan, 6], lower=[5, 4, 6], upper=[5, 2, 6])
    assert (e.value.argument, e.value.index) == ("upper", 1)
    with pytest.raises(ts.DomainError, match="differs") as e:
        trend.loglinear([5, 7, 6], lower=[5, 6, 6], upper=[5, 7, 6])
    assert (e.value.argument, e.value.index) == ("lower", 1)
    # only the last count known to be positive: the slope is infinite
    with pytest.raises(ts.DomainError, match="only at the last") as e:
        trend.loglinear([nan, nan, nan, 9], lower=[0, 0, 0, 9], upper=[4, 4, 4, 9])
    assert e.value.index == 3
    # a huge count and "<5" together still fit; log P(Y <= 4) of a mean near 10^6 by log-sum-exp
    counts = np.array([nan, 2e6, 2.1e6, 2.3e6])
    r = trend.loglinear(counts, lower=np.nan_to_num(counts), upper=np.where(np.isnan(counts), 4, counts))
    mu = np.exp(r.intercept + r.slope * np.arange(4))
    k = np.arange(5)
    below_five = scipy.special.logsumexp(k * math.log(mu[0]) - mu[0] - scipy.special.gammaln(k + 1))
    exact = scipy.stats.poisson.logpmf(counts[1:], mu[1:]).sum()
    assert r.n_censored == 1
    assert r.log_likelihood == pytest.approx(below_five + exact, rel=1e-12)


# --- logistic ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_logistic_matches_statsmodels_binomial_glm(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 25))
    x = np.sort(rng.choice(np.arange(1995, 2030), n, replace=False)).astype(float)
    trials = rng.integers(1, 400, n).astype(float)
    p = 1 / (1 + np.exp(-(rng.normal(-0.5, 1) + rng.normal(0, 0.1) * (x - x.mean()))))
    successes = rng.binomial(trials.astype(int), p).astype(float)
    successes[0] = min(max(successes[0], 1), trials[0] - 1) if trials[0] > 1 else successes[0]
    try:
        ours = trend.logistic(successes, trials, x, level=0.9)
    except ts.DomainError as error:
        assert "separated" in str(error) or "all" in str(error)
        return
    glm = sm.GLM(np.column_stack([successes, trials - successes]), sm.add_constant(x),
                 family=sm.families.Binomial()).fit(tol=1e-15)
    np.testing.assert_allclose([ours.intercept, ours.slope], glm.params, rtol=1e-8, atol=1e-9)
    assert ours.se == pytest.approx(glm.bse[1], rel=1e-8)
    assert ours.p_value == pytest.approx(glm.pvalues[1], rel=1e-7, abs=1e-300)
    np.testing.assert_allclose(ours.slope_ci, glm.conf_int(alpha=0.1)[1], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours.odds_ratio_ci, np.exp(glm.conf_int(alpha=0.1)[1]), rtol=1e-8)
    assert ours.log_likelihood == pytest.approx(glm.llf, rel=1e-10)
    assert ours.deviance == pytest.approx(glm.deviance, rel=1e-7, abs=1e-9)
    assert ours.pearson_chi2 == pytest.approx(glm.pearson_chi2, rel=1e-7, abs=1e-9)


def test_logistic_with_censored_successes_and_series():
    obs = ts.Observations()
    girls = [12, "<5", 14, 20, 22, "<5", 24, 30]
    victims = [60, 40, 58, 70, 71, 45, 69, 80]
    for year, g, v in zip(range(2012, 2020), girls, victims):
        obs.add("victims_detected", g, str(year), area="ARG", sex="female")
        obs.add("victims_detected", v, str(year), area="ARG")
    r = trend.logistic(obs.series("victims_detected", sex="female"), obs.series("victims_detected"))
    assert (r.n, r.n_censored, r.n_missing) == (8, 2, 0)
    x = obs.series("victims_detected").x
    counts = np.array([12, np.nan, 14, 20, 22, np.nan, 24, 30])
    low, high = np.where(np.isnan(counts), 0, counts), np.where(np.isnan(counts), 4, counts)
    trials = np.array(victims, dtype=float)

    def loglik(p):
        prob = 1 / (1 + np.exp(-(p[0] + p[1] * (x - x.mean()))))
        dist = scipy.stats.binom(trials.astype(int), prob)
        return np.sum(np.where(np.isnan(counts), np.log(dist.cdf(high) - dist.cdf(low - 1)),
                               dist.logpmf(np.nan_to_num(counts))))

    found = scipy.optimize.minimize(lambda p: -loglik(p), [-1.0, 0.0], method="Nelder-Mead",
                                    options={"xatol": 1e-11, "fatol": 1e-13, "maxiter": 20000})
    assert r.slope == pytest.approx(found.x[1], rel=1e-5)
    assert r.log_likelihood == pytest.approx(-found.fun, rel=1e-10)
    with pytest.raises(ts.DomainError, match="separated"):
        trend.logistic([0, 0, 5, 5], [5, 5, 5, 5])
    with pytest.raises(ts.DomainError, match="exceeds") as e:
        trend.logistic([1, 9, 2], [5, 5, 5])
    assert (e.value.argument, e.value.index) == ("successes", 1)
    with pytest.raises(ts.DomainError, match="trials") as e:
        trend.logistic([1, 2, 2], [5, 0, 5])
    assert e.value.index == 1


def test_batches_keep_the_index_of_a_dataframe():
    Y = pd.DataFrame(np.random.default_rng(1).poisson(30, size=(4, 8)).astype(float), index=list("abcd"))
    for frame in (trend.loglinear_batch(Y, model="negbin"), trend.mann_kendall_batch(Y), trend.sens_slope_batch(Y),
                  trend.linear_batch(Y), trend.joinpoint_batch(Y, max_joinpoints=1)):
        assert list(frame.index) == list("abcd")
    Y.iloc[1, 3] = np.nan  # a missing count is left out and counted, in every batch function
    assert trend.loglinear_batch(Y)["n_missing"].tolist() == [0, 1, 0, 0]
    assert trend.mann_kendall_batch(Y)["n_missing"].tolist() == [0, 1, 0, 0]
