"""Censored values in the trend functions: the Mann-Kendall test and Sen slope on left-censored data
(Akritas-Theil-Sen, as R's NADA cenken) against a line-by-line transliteration of cenken
(cenken_reference.py; Akritas, Murphy & LaValley 1995; Helsel 2012), and the same censored values
reaching every trend function from a Series."""

import math
import pickle

import numpy as np
import pytest

import tipstats as ts
from tipstats import trend
from cenken_reference import cenken


def censored_series(seed):
    """Counts with small values published as "<limit": (y with limits, censored flags, x)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 22))
    x = np.arange(2003, 2003 + n, dtype=float)
    if seed % 3 == 0:  # gaps: years not every year
        x = np.sort(rng.choice(np.arange(1995, 2030), n, replace=False)).astype(float)
    y = rng.poisson(rng.uniform(0.5, 15) * np.exp(rng.normal(0, 0.12) * (x - x[0]))).astype(float)
    limit = float(rng.choice([1, 3, 5, 10]))
    censored = y < limit
    if seed % 4 == 0:  # heavily censored: most values published as "<limit"
        censored |= rng.random(n) < 0.7
    return np.where(censored, limit, y), censored, x


def cases(count):
    out = []
    for seed in range(count * 3):
        y, censored, x = censored_series(seed)
        if censored.any() and not censored.all():
            out.append(seed)
    return out[:count]


@pytest.mark.parametrize("seed", cases(60))
def test_censored_mann_kendall_is_cenken(seed):
    y, censored, x = censored_series(seed)
    reference = cenken(y, censored, x)
    ours = trend.mann_kendall(y, x=x, censored=censored)
    assert ours.n_censored == censored.sum() and ours.n == len(y) and ours.n_missing == 0
    assert ours.s == reference["s"]
    assert ours.tau == pytest.approx(reference["tau"], rel=1e-14, abs=1e-15)
    assert ours.var_s == pytest.approx(reference["var_s"], rel=1e-12)
    if math.isnan(reference["p"]):
        assert math.isnan(ours.p) and ours.trend == "no trend"
    else:
        assert ours.p == pytest.approx(reference["p"], rel=1e-9, abs=1e-15)
    # the same bisection steps: equal to rounding, far inside cenken's tolerance of 1e-7
    assert ours.slope == pytest.approx(reference["slope"], rel=1e-12, abs=1e-12)
    assert ours.intercept == pytest.approx(reference["intercept"], rel=1e-12, abs=1e-9)
    sen = trend.sens_slope(y, x=x, censored=censored)
    assert (sen.slope, sen.intercept, sen.n_censored) == (ours.slope, ours.intercept, ours.n_censored)
    assert math.isnan(sen.lower) and math.isnan(sen.upper)


def test_the_slope_zeroes_kendalls_s_of_the_residuals():
    # The ATS slope is a root of S(b), S of the residuals y - b x against x over the known orders
    # (Akritas et al. 1995): S just below it is >= 0 and just above it <= 0.
    y, censored, x = censored_series(5)
    slope = trend.mann_kendall(y, x=x, censored=censored).slope

    def s_of(b):
        r = y - (y.min() / 1000) * censored - b * x
        s = 0
        for i in range(len(y)):
            for j in range(len(y)):
                if i == j:
                    continue
                order = np.sign(r[i] - r[j]) * np.sign(x[i] - x[j])
                if not censored[i] and not censored[j] and i < j:
                    s += order
                elif censored[i] and not censored[j] and r[i] <= r[j]:
                    s += order
        return s

    assert s_of(slope - 1e-6) >= 0 >= s_of(slope + 1e-6)


def test_edge_cases_of_censored_ranks():
    x = np.arange(2010, 2016, dtype=float)
    # a detected zero: cenken does not pull the censored values below their limit then
    y, censored = np.array([0, 5, 5, 7, 9, 5.0]), np.array([False, True, True, False, False, True])
    reference = cenken(y, censored, x)
    ours = trend.mann_kendall(y, x=x, censored=censored)
    assert (ours.s, ours.slope) == (reference["s"], pytest.approx(reference["slope"], rel=1e-12, abs=1e-12))
    # ties among detected values and among censored ones with different limits
    y, censored = np.array([5, 3, 3, 10, 7, 7.0]), np.array([True, False, False, True, False, False])
    reference = cenken(y, censored, x)
    ours = trend.mann_kendall(y, x=x, censored=censored)
    assert ours.var_s == pytest.approx(reference["var_s"], rel=1e-12)
    assert ours.p == pytest.approx(reference["p"], rel=1e-9)
    # two values (cenken's n(n-1)(n-2) tie term divides 0 by 0; it is 0)
    two = trend.mann_kendall([5, 9], x=[2019, 2020], censored=[True, False])
    assert two.s == 1 and two.var_s == pytest.approx(1.0)
    # missing values are left out and counted
    r = trend.mann_kendall([5, np.nan, 3, 7, 9], censored=[True, False, False, False, False])
    assert (r.n, r.n_missing, r.s) == (4, 1, 5)


def test_censored_ranks_refuse_what_they_cannot_test():
    with pytest.raises(ts.DomainError, match="every value is censored"):
        trend.mann_kendall([5, 5, 5], censored=[True, True, True])
    with pytest.raises(ts.DomainError, match="method") as e:
        trend.mann_kendall([5, 3, 7, 9], censored=[True, False, False, False], method="hamed_rao")
    assert e.value.argument == "method"
    with pytest.raises(ts.DomainError, match="seasonal"):
        trend.mann_kendall([5, 3, 7, 9, 4, 8], censored=[True] + [False] * 5, period=2)
    with pytest.raises(ts.DomainError) as e:
        trend.mann_kendall([5, np.nan, 7], censored=[False, True, False])
    assert (e.value.argument, e.value.index) == ("y", 1)
    with pytest.raises(ts.DomainError, match="detection limit must be positive") as e:  # "<0"
        trend.mann_kendall([0, 0, 0], censored=[False, True, True])
    assert e.value.index == 1


def observations(values, measure="victims_detected", first=2010, **dimensions):
    obs = ts.Observations()
    for i, value in enumerate(values):
        obs.add(measure, value, str(first + i), area="ARG", **dimensions)
    return obs


def test_a_series_carries_its_censoring_to_every_trend_function():
    values = ["<5", 6, "<5", 9, 7, None, "<5", 15, 21, 18]
    s = observations(values).series("victims_detected")
    limits = np.array([5, 6, 5, 9, 7, np.nan, 5, 15, 21, 18.0])
    flags = np.array([v == "<5" for v in values])
    # rank methods: "<5" has the detection limit 5
    mk = trend.mann_kendall(s)
    assert mk == trend.mann_kendall(limits, x=s.x, censored=flags)
    assert (mk.n, mk.n_censored, mk.n_missing) == (9, 3, 1)
    sen, arrays = trend.sens_slope(s), trend.sens_slope(limits, x=s.x, censored=flags)
    assert (sen.slope, sen.intercept, sen.n_censored) == (arrays.slope, arrays.intercept, 3)
    # likelihood: "<5" is a count in [0, 4]
    for model in ("poisson", "negbin"):
        fit = trend.loglinear(s, model=model)
        counts = np.where(flags, np.nan, limits)
        assert fit == trend.loglinear(counts, x=s.x, model=model, lower=np.where(flags, 0, counts),
                                      upper=np.where(flags, 4, counts))
        assert (fit.n, fit.n_censored, fit.n_missing) == (9, 3, 1)
    with pytest.raises(ts.DomainError, match="quasi") as e:
        trend.loglinear(s, model="quasi")
    assert (e.value.argument, e.value.index) == ("model", 0)
    with pytest.raises(ts.DomainError, match="Series"):
        trend.loglinear(s, x=np.arange(10))


def test_right_censored_values_are_a_likelihood_matter_only():
    s = observations([20, 26, 31, ">40", 44, 52]).series("victims_detected")
    fit = trend.loglinear(s, model="negbin")
    assert fit.n_censored == 1
    with pytest.raises(ts.DomainError, match="left-censored values only") as e:
        trend.mann_kendall(s)
    assert (e.value.argument, e.value.index) == ("y", 3)


def test_results_report_counts_print_and_pickle():
    r = trend.mann_kendall([5, 3, 7, 9], censored=[True, False, False, False])
    assert "n_censored=1" in repr(r) and pickle.loads(pickle.dumps(r)) == r


def test_extreme_inputs_give_a_fit_or_a_typed_error():
    # Random short series mixing zeros, "<b", ">b", missing values and counts up to 10^7: every
    # call returns finite numbers or raises tipstats.Error (DomainError saying why), never another
    # exception, and quickly (this once found a hang and a leaked Boost exception).
    rng = np.random.default_rng(0)
    fitted = refused = 0
    for _ in range(300):
        n = int(rng.integers(1, 12))
        y = rng.choice([0, 0, 1, 2, 3, 5, 8, 20, 100, 1e4, 1e7], size=n).astype(float)
        counts, lower, upper = y.copy(), y.copy(), y.copy()
        for i in range(n):
            r = rng.random()
            if r < 0.3:
                counts[i], lower[i], upper[i] = np.nan, 0, rng.choice([0, 1, 4, 9])
            elif r < 0.4:
                counts[i], lower[i], upper[i] = np.nan, rng.choice([1, 5, 31, 1001]), np.inf
            elif r < 0.45:
                counts[i], lower[i], upper[i] = np.nan, np.nan, np.nan
        for model in ("poisson", "negbin", "quasi"):
            try:
                r = trend.loglinear(counts, model=model, lower=lower, upper=upper)
            except ts.Error:
                refused += 1
            else:
                fitted += 1
                assert np.isfinite([r.slope, r.se, r.apc, r.log_likelihood]).all()
        left = np.isnan(counts) & np.isfinite(upper) & (upper > 0)
        try:
            trend.mann_kendall(np.where(left, upper + 1, counts), censored=left)
        except ts.Error:
            pass
    assert fitted > 100 and refused > 100
