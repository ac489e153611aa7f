"""Log-linear (Poisson, quasi-Poisson) and linear trends, cross-checked against statsmodels."""

import math
import pickle

import numpy as np
import pytest
import statsmodels.api as sm

import tipstats as ts
from tipstats import trend


def glm(counts, x, exposure=None, quasi=False):
    model = sm.GLM(counts, sm.add_constant(x), family=sm.families.Poisson(), exposure=exposure)
    return model.fit(scale="X2", tol=1e-14) if quasi else model.fit(tol=1e-14)


def check_against_statsmodels(counts, x, exposure=None, quasi=False, rtol=1e-8):
    ours = trend.loglinear(counts, x, exposure, dispersion="quasi" if quasi else "poisson")
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
    with pytest.raises(ts.DomainError, match="NaN") as e:
        trend.loglinear([3, np.nan, 1, 5])
    assert e.value.index == 1
    with pytest.raises(ts.DomainError, match="all zero"):
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
        trend.loglinear([1, 2], dispersion="quasi")
    with pytest.raises(ts.DomainError, match="dispersion"):
        trend.loglinear([1, 2, 3], dispersion="negbin")


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
        frame = trend.loglinear_batch(Y, exposure=e, dispersion="quasi", threads=2)
        for i in range(len(Y)):
            row_e = None if e is None else (e if e.ndim == 1 else e[i])
            one = trend.loglinear(Y[i], exposure=row_e, dispersion="quasi")
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
