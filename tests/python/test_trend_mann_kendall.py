"""Mann-Kendall family and Sen's slope, cross-checked against pymannkendall 1.4 and R's
trend::sens.slope interval rule."""

import math
import pickle

import numpy as np
import pymannkendall as mk
import pytest
from scipy.stats import norm

import tipstats as ts
from tipstats import trend


def series(seed, n=40, ties=False, nan=0, trend_per_step=0.03):
    rng = np.random.default_rng(seed)
    y = rng.normal(size=n) + trend_per_step * np.arange(n)
    if ties:
        y = np.round(y * 2) / 2
    if nan:
        y[rng.choice(n - 1, size=nan, replace=False)] = np.nan
    return y


def assert_matches(ours, theirs, rtol=1e-10):
    assert ours.trend == theirs.trend
    assert ours.s == theirs.s
    np.testing.assert_allclose(ours.var_s, theirs.var_s, rtol=rtol)
    np.testing.assert_allclose(ours.z, theirs.z, rtol=rtol, atol=1e-14)
    np.testing.assert_allclose(ours.p, theirs.p, rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(ours.tau, theirs.Tau, rtol=rtol)
    np.testing.assert_allclose(ours.slope, theirs.slope, rtol=rtol, atol=1e-14)
    np.testing.assert_allclose(ours.intercept, theirs.intercept, rtol=rtol, atol=1e-12)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("nan", [0, 4])
def test_original_matches_pymannkendall(seed, ties, nan):
    y = series(seed, ties=ties, nan=nan)
    assert_matches(trend.mann_kendall(y), mk.original_test(y))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("lag", [None, 1, 3])
def test_modified_tests_match_pymannkendall(seed, ties, lag):
    y = series(seed, n=50, ties=ties)
    # An AR(1) component makes autocorrelations significant, so the corrections matter.
    for i in range(1, len(y)):
        y[i] += 0.6 * y[i - 1]
    assert_matches(trend.mann_kendall(y, method="hamed_rao", lag=lag), mk.hamed_rao_modification_test(y, lag=lag))
    assert_matches(trend.mann_kendall(y, method="yue_wang", lag=lag), mk.yue_wang_modification_test(y, lag=lag))


def test_modified_tests_with_trailing_missing_values_match_pymannkendall():
    # pymannkendall detrends against positions of the kept values; they equal the time values
    # when the missing values come last.
    y = series(3, n=45, ties=True)
    y[-3:] = np.nan
    assert_matches(trend.mann_kendall(y, method="hamed_rao"), mk.hamed_rao_modification_test(y))
    assert_matches(trend.mann_kendall(y, method="yue_wang"), mk.yue_wang_modification_test(y))


@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt:RuntimeWarning")  # pymannkendall
def test_negative_corrected_variance_gives_nan_as_pymannkendall():
    # Hamed-Rao's correction is below zero on this short series: no test, so z and p are NaN (as in
    # pymannkendall), the trend is "no trend", and S, tau and the slope are still reported. The
    # batch form gives the same row instead of failing the whole batch.
    y = np.array([48, 42, 51, 49, 48, 61, 67, 55, 80, 60, 84, 68], dtype=float)
    theirs = mk.hamed_rao_modification_test(y)
    assert theirs.var_s < 0
    ours = trend.mann_kendall(y, method="hamed_rao")
    assert np.isnan(ours.z) and np.isnan(ours.p) and np.isnan(theirs.p)
    assert ours.trend == theirs.trend == "no trend"
    np.testing.assert_allclose(ours.var_s, theirs.var_s, rtol=1e-10)
    assert ours.s == theirs.s
    np.testing.assert_allclose(ours.slope, theirs.slope, rtol=1e-12)
    other = np.array([1, 3, 2, 5, 4, 6, 8, 7, 9, 11, 10, 12], dtype=float)
    batch = trend.mann_kendall_batch(np.vstack([y, other]), method="hamed_rao")
    assert np.isnan(batch["p"].iloc[0])
    assert batch["p"].iloc[1] == trend.mann_kendall(other, method="hamed_rao").p < 0.05


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("n, period", [(48, 12), (50, 12), (30, 4)])
@pytest.mark.parametrize("nan", [0, 3])
def test_seasonal_matches_pymannkendall(seed, n, period, nan):
    y = series(seed, n=n, ties=seed % 2 == 0, nan=nan)
    assert_matches(trend.mann_kendall(y, period=period), mk.seasonal_test(y, period=period))


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("nan", [0, 5])
def test_sens_slope_matches_pymannkendall(seed, nan):
    y = series(seed, ties=seed % 2 == 1, nan=nan)
    ours, theirs = trend.sens_slope(y), mk.sens_slope(y)
    np.testing.assert_allclose(ours.slope, theirs.slope, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(ours.intercept, theirs.intercept, rtol=1e-12, atol=1e-12)


def r_sens_interval(y, x, level):
    """R's trend::sens.slope rule, written plainly: ranks round((N -+ C)/2 (+1)) of sorted slopes."""
    n = len(y)
    d = sorted((y[j] - y[i]) / (x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    _, counts = np.unique(y, return_counts=True)
    var_s = (n * (n - 1) * (2 * n + 5) - np.sum(counts * (counts - 1) * (2 * counts + 5))) / 18
    c = norm.ppf(1 - (1 - level) / 2) * math.sqrt(var_s)
    lo, up = round((len(d) - c) / 2), round((len(d) + c) / 2 + 1)  # Python rounds half to even, as R
    pick = lambda r: d[r - 1] if 1 <= r <= len(d) else math.nan  # noqa: E731
    return pick(lo), pick(up)


def test_sens_interval_worked_example():
    # y = 1, 3, 2, 5, 4 at x = 0..4: the 10 slopes sorted are -1, -1, 1/3, 1/2, 3/4, 1, 1, 4/3, 2, 3;
    # Var S = 5*4*15/18 = 50/3. level 0.95: C = 1.959964 * 4.082483 = 8.0015, ranks
    # round(0.999) = 1 and round(10.0007) = 10. level 0.80: C = 5.2319, ranks 2 and 9.
    r = trend.sens_slope([1, 3, 2, 5, 4])
    assert r.slope == pytest.approx(0.875)
    assert (r.lower, r.upper) == (-1, 3)
    r = trend.sens_slope([1, 3, 2, 5, 4], level=0.80)
    assert (r.lower, r.upper) == (-1, 2)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("level", [0.8, 0.9, 0.95, 0.99])
def test_sens_interval_follows_r_rule(seed, level):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 40))
    y = np.round(rng.normal(size=n) + 0.1 * np.arange(n), 1 if seed % 2 else 3)
    x = np.cumsum(rng.uniform(0.5, 2.0, size=n))
    r = trend.sens_slope(y, x, level=level)
    lo, up = r_sens_interval(y, x, level)
    np.testing.assert_equal((r.lower, r.upper), (lo, up))
    assert r.lower <= r.slope <= r.upper or math.isnan(r.lower) or math.isnan(r.upper)


def test_sens_uses_x():
    x = np.array([2000.0, 2001, 2003, 2006, 2010])
    y = 3.0 + 2.5 * x
    r = trend.sens_slope(y, x)
    assert r.slope == pytest.approx(2.5)
    assert r.intercept == pytest.approx(3.0, abs=1e-8)
    assert trend.mann_kendall(y, x).slope == pytest.approx(2.5)


def test_edge_cases():
    flat = trend.mann_kendall([4, 4, 4, 4])
    assert (flat.s, flat.var_s, flat.z, flat.p, flat.trend, flat.slope) == (0, 0, 0, 1, "no trend", 0)
    two = trend.mann_kendall([1.0, 2.0])
    assert (two.s, two.tau) == (1, 1)
    big = trend.mann_kendall(np.arange(200) * 1e12)
    assert big.trend == "increasing" and big.tau == 1 and big.p < 1e-30
    with pytest.raises(ts.DomainError, match="at least 2"):
        trend.mann_kendall([1.0, np.nan])
    with pytest.raises(ts.DomainError) as e:
        trend.sens_slope([1, 2, 3], x=[0, 2, 2])
    assert e.value.argument == "x" and e.value.index == 2 and "duplicate" in str(e.value)
    with pytest.raises(ts.DomainError, match="not sorted"):
        trend.mann_kendall([1, 2, 3], x=[0, 2, 1])
    with pytest.raises(ts.DomainError, match="finite") as e:
        trend.mann_kendall([1, 2, 3], x=[0, np.nan, 1])
    assert e.value.index == 1
    with pytest.raises(ts.DomainError, match="method"):
        trend.mann_kendall([1, 2, 3], method="magic")
    with pytest.raises(ts.DomainError, match="seasonal"):
        trend.mann_kendall(np.arange(24.0), method="hamed_rao", period=12)
    with pytest.raises(ts.DomainError, match="level"):
        trend.sens_slope([1, 2, 3], level=1.5)


def test_batch_equals_single_calls():
    Y = np.stack([series(s, n=36, ties=s % 3 == 0, nan=s % 2) for s in range(25)])
    frame = trend.mann_kendall_batch(Y, method="yue_wang", threads=2)
    sens = trend.sens_slope_batch(Y, threads=3)
    for i, row in enumerate(Y):
        one = trend.mann_kendall(row, method="yue_wang")
        assert frame["trend"][i] == one.trend
        for name in ("s", "var_s", "z", "p", "tau", "slope", "intercept", "n"):
            assert frame[name][i] == getattr(one, name)
        s = trend.sens_slope(row)
        assert (sens["slope"][i], sens["lower"][i], sens["upper"][i]) == (s.slope, s.lower, s.upper)
    columns = trend.mann_kendall_batch(Y, period=12, as_frame=False)
    assert columns["s"][3] == trend.mann_kendall(Y[3], period=12).s
    bad = Y.copy()
    bad[7, 2] = np.inf
    with pytest.raises(ts.DomainError) as e:
        trend.mann_kendall_batch(bad)
    assert e.value.argument == "Y[7]" and e.value.index == 2


def test_results_print_and_pickle():
    r = trend.mann_kendall(series(1))
    assert repr(r).startswith("MannKendallResult(trend=")
    assert "<table>" in r._repr_html_() and "var_s" in r._repr_html_()
    assert pickle.loads(pickle.dumps(r)) == r
    assert r.to_dict()["s"] == r.s
    with pytest.raises(AttributeError):
        r.s = 3
    s = trend.sens_slope(series(2))
    assert pickle.loads(pickle.dumps(s)) == s and "SensSlopeResult(slope=" in repr(s)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(st.integers(-4, 4).map(float), st.just(math.nan)), min_size=2, max_size=40)
       .filter(lambda v: sum(not math.isnan(a) for a in v) >= 2))
def test_original_matches_pymannkendall_on_any_small_integer_series(values):
    # Heavy ties, runs of equal values and missing values anywhere.
    y = np.array(values)
    ours, theirs = trend.mann_kendall(y), mk.original_test(y)
    assert ours.s == theirs.s and ours.trend == theirs.trend
    np.testing.assert_allclose([ours.var_s, ours.z, ours.slope, ours.intercept],
                               [theirs.var_s, theirs.z, theirs.slope, theirs.intercept], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.p, theirs.p, rtol=1e-9, atol=1e-14)


def test_seasonal_with_x_measures_time_in_x():
    # x in cycles reproduces the seasonal test without x (whose slope is per cycle).
    y = series(4, n=48, ties=True, nan=2)
    x = np.arange(48) / 12 + 2000
    with_x, without = trend.mann_kendall(y, x, period=12), trend.mann_kendall(y, period=12)
    assert (with_x.s, with_x.var_s) == (without.s, without.var_s)
    assert with_x.slope == pytest.approx(without.slope, rel=1e-12)


def test_batch_accepts_lists_and_keeps_dataframe_labels():
    import pandas as pd

    rows = [[1.0, 2, 3, 5, 4], [5.0, 4, 3, 1, 2]]
    assert list(trend.mann_kendall_batch(rows)["s"]) == [trend.mann_kendall(r).s for r in rows]
    frame = pd.DataFrame(rows, index=["north", "south"])
    assert list(trend.sens_slope_batch(frame).index) == ["north", "south"]
