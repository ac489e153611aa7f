"""Joinpoint regression: the grid search against an exhaustive search written plainly here,
exact geometric pieces with known APCs, model selection on clear cases, intervals against
statsmodels WLS with the joinpoints fixed, input errors, batch."""

import itertools
import math
import pickle

import numpy as np
import pytest
import statsmodels.api as sm

import tipstats as ts
from tipstats import trend


def hinge_design(x, taus):
    return np.column_stack([np.ones_like(x), x] + [np.maximum(x - t, 0) for t in taus])


def exhaustive(z, x, k, w=None, min_end=2, min_between=2):
    """Every admissible placement of k joinpoints at observed x, plain weighted least squares."""
    n = len(x)
    w = np.ones(n) if w is None else np.asarray(w)
    best = (math.inf, None)
    for idx in itertools.combinations(range(n), k):
        if idx and (idx[0] < min_end or idx[-1] > n - 1 - min_end):
            continue
        if any(b - a - 1 < min_between for a, b in zip(idx, idx[1:])):
            continue
        X = hinge_design(x, x[list(idx)]) * np.sqrt(w)[:, None]
        beta, *_ = np.linalg.lstsq(X, z * np.sqrt(w), rcond=None)
        sse = float(np.sum((z * np.sqrt(w) - X @ beta) ** 2))
        if sse < best[0]:
            best = (sse, tuple(x[list(idx)]))
    return best


def noisy_series(seed, n=22, model="loglinear"):
    rng = np.random.default_rng(seed)
    x = np.cumsum(rng.uniform(0.5, 2.0, n)) + 1990
    z = np.cumsum(rng.normal(0, 0.08, n)) + rng.normal(0, 0.05, n)
    return x, (np.exp(3 + z) if model == "loglinear" else 50 + 10 * z)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [0, 1, 2, 3])
@pytest.mark.parametrize("model", ["loglinear", "linear"])
def test_fixed_k_is_the_global_minimum_of_the_grid(seed, k, model):
    x, y = noisy_series(seed, model=model)
    z = np.log(y) if model == "loglinear" else y
    sse, taus = exhaustive(z, x, k)
    r = trend.joinpoint(y, x, model=model, min_joinpoints=k, max_joinpoints=k)
    assert r.sse == pytest.approx(sse, rel=1e-9, abs=1e-12)
    assert r.joinpoints == taus


@pytest.mark.parametrize("seed", range(4))
def test_weighted_fit_and_other_constraints_match_exhaustive_search(seed):
    x, y = noisy_series(100 + seed, n=18)
    w = np.random.default_rng(seed).uniform(0.2, 3, len(x))
    sse, taus = exhaustive(np.log(y), x, 2, w=w, min_end=1, min_between=0)
    r = trend.joinpoint(y, x, min_joinpoints=2, max_joinpoints=2, weights=w, min_obs_end=1, min_obs_between=0)
    assert r.sse == pytest.approx(sse, rel=1e-9)
    assert r.joinpoints == taus


def geometric(x, pieces, start=100.0):
    """Exact geometric pieces: growth factors per unit x changing at the given x values."""
    ly = np.zeros_like(x)
    for i in range(1, len(x)):
        rate = next(g for until, g in pieces if x[i] <= until)
        ly[i] = ly[i - 1] + math.log(rate) * (x[i] - x[i - 1])
    return start * np.exp(ly)


def test_exact_geometric_pieces_give_their_apcs():
    x = np.arange(2000.0, 2025.0)
    y = geometric(x, [(2008, 1.06), (2016, 0.97), (math.inf, 1.10)])
    r = trend.joinpoint(y, x, min_joinpoints=2, max_joinpoints=2)
    assert r.joinpoints == (2008.0, 2016.0)
    np.testing.assert_allclose([s.apc for s in r.segments], [6.0, -3.0, 10.0], rtol=1e-9)
    assert [(s.start, s.end) for s in r.segments] == [(2000, 2008), (2008, 2016), (2016, 2024)]
    # AAPC over everything: the length-weighted mean of the ln growth rates.
    mean_log = (8 * math.log(1.06) + 8 * math.log(0.97) + 8 * math.log(1.10)) / 24
    assert r.aapc == pytest.approx(100 * math.expm1(mean_log), rel=1e-9)
    part = r.average_change(2004, 2012)
    assert part.aapc == pytest.approx(100 * math.expm1((4 * math.log(1.06) + 4 * math.log(0.97)) / 8), rel=1e-9)
    assert not part.t_based
    inside = r.average_change(2009, 2014)
    assert inside.aapc == pytest.approx(-3.0, rel=1e-9) and inside.t_based
    linear = trend.joinpoint(5 + 2 * np.minimum(x - 2000, 10) - 0.5 * np.maximum(x - 2010, 0), x,
                             model="linear", min_joinpoints=1, max_joinpoints=1)
    assert linear.joinpoints == (2010.0,)
    np.testing.assert_allclose([s.slope for s in linear.segments], [2, -0.5], rtol=1e-9)
    assert math.isnan(linear.segments[0].apc)


def test_intervals_match_statsmodels_with_fixed_joinpoints():
    x, y = noisy_series(7, n=25)
    r = trend.joinpoint(y, x, min_joinpoints=2, max_joinpoints=2, level=0.9)
    X = hinge_design(x, r.joinpoints)
    fit = sm.OLS(np.log(y), X).fit()
    n, k = len(x), 2
    scale = (n - (k + 2)) / (n - 2 * k - 2)  # NCI counts joinpoint locations as parameters
    cov = fit.cov_params() * scale
    assert r.df == n - 2 * k - 2
    assert r.sse == pytest.approx(fit.ssr, rel=1e-10)
    from scipy.stats import t as student

    q = student.ppf(0.95, r.df)
    for s, c in enumerate(([0, 1, 0, 0], [0, 1, 1, 0], [0, 1, 1, 1])):
        c = np.array(c, float)
        slope, se = c @ fit.params, math.sqrt(c @ cov @ c)
        seg = r.segments[s]
        assert seg.slope == pytest.approx(slope, rel=1e-9)
        np.testing.assert_allclose(seg.slope_ci, (slope - q * se, slope + q * se), rtol=1e-9)
        np.testing.assert_allclose(seg.apc_ci, 100 * np.expm1(np.array(seg.slope_ci)), rtol=1e-12)


def series_with(joinpoints, seed, n=30, noise=0.01):
    x = np.arange(1990.0, 1990.0 + n)
    pieces = {0: [(math.inf, 1.04)], 1: [(2004, 1.06), (math.inf, 0.95)],
              2: [(2000, 1.08), (2010, 0.96), (math.inf, 1.07)]}[joinpoints]
    y = geometric(x, pieces) * np.exp(np.random.default_rng(seed).normal(0, noise, n))
    return x, y


@pytest.mark.parametrize("true_k", [0, 1, 2])
@pytest.mark.parametrize("selection", ["permutation", "bic", "wbic"])
def test_selection_finds_clear_joinpoints(true_k, selection):
    x, y = series_with(true_k, seed=true_k)
    r = trend.joinpoint(y, x, selection=selection, permutations=499, seed=11)
    assert len(r.joinpoints) == true_k
    if selection == "permutation":
        assert len(r.tests) == 3 and all(0 < p <= 1 for p in r.p_values)
        assert [t.alpha for t in r.tests][0] == pytest.approx(0.05 / 3)
        assert r.tests[-1].rejected is (true_k == 3)


def test_permutations_are_deterministic_for_a_seed_whatever_the_threads():
    x, y = series_with(1, seed=5, noise=0.05)
    a = trend.joinpoint(y, x, permutations=299, seed=42, threads=1)
    b = trend.joinpoint(y, x, permutations=299, seed=42, threads=2)
    assert a.p_values == b.p_values and a.joinpoints == b.joinpoints and a.seed == 42
    c = trend.joinpoint(y, x, permutations=299, seed=43)
    assert c.p_values != a.p_values
    # p-values are multiples of 1/(permutations + 1), at least 1/(permutations + 1).
    for p in a.p_values:
        assert round(p * 300) == pytest.approx(p * 300) and p >= 1 / 300
    bonferroni = trend.joinpoint(y, x, permutations=299, seed=42, adjustment="bonferroni")
    assert all(t.alpha == pytest.approx(0.05 / 3) for t in bonferroni.tests)


def test_bad_input():
    x = np.arange(10.0)
    with pytest.raises(ts.DomainError, match="need at least 11 points") as e:
        trend.joinpoint(np.arange(1.0, 11.0), x, max_joinpoints=3)
    assert e.value.argument == "y"
    with pytest.raises(ts.DomainError, match="zero") as e:
        trend.joinpoint([5, 4, 0, 6, 7, 8, 9.0], max_joinpoints=1)
    assert e.value.index == 2 and "NCI" in str(e.value) and "add_half" in str(e.value)
    # NCI's rule for counts: 0.5 for each zero count.
    half = trend.joinpoint([5, 4, 0, 6, 7, 8, 9.0], max_joinpoints=1, zeros="add_half", selection="bic")
    same = trend.joinpoint([5, 4, 0.5, 6, 7, 8, 9.0], max_joinpoints=1, selection="bic")
    assert half.sse == same.sse and half.joinpoints == same.joinpoints
    with pytest.raises(ts.DomainError, match="all values are zero"):
        trend.joinpoint([0.0] * 7, max_joinpoints=1, zeros="add_half")
    with pytest.raises(ts.DomainError, match="negative") as e:
        trend.joinpoint([5, 4, -1, 6, 7, 8, 9.0], max_joinpoints=1, zeros="add_half")
    assert e.value.index == 2
    trend.joinpoint([5, 4, 0, 6, 7, 8, 9.0], model="linear", max_joinpoints=1, permutations=19, seed=1)
    with pytest.raises(ts.DomainError) as e:
        trend.joinpoint(np.arange(1.0, 13.0), x=[0, 1, 2, np.nan, 4, 5, 6, 7, 8, 9, 10, 11])
    assert (e.value.argument, e.value.index) == ("x", 3)
    with pytest.raises(ts.DomainError, match="not sorted") as e:
        trend.joinpoint(np.arange(1.0, 13.0), x=[0, 1, 2, 3, 4, 5, 7, 6, 8, 9, 10, 11])
    assert e.value.index == 7
    with pytest.raises(ts.DomainError, match="duplicate"):
        trend.joinpoint(np.arange(1.0, 13.0), x=[0, 1, 2, 3, 4, 5, 5, 6, 8, 9, 10, 11])
    with pytest.raises(ts.DomainError, match="weights") as e:
        trend.joinpoint(np.arange(1.0, 13.0), weights=[1] * 5 + [-1] + [1] * 6)
    assert e.value.index == 5
    with pytest.raises(ts.DomainError, match="finite") as e:
        trend.joinpoint([1, 2, np.nan] + [3.0] * 10)
    assert e.value.index == 2
    with pytest.raises(ts.DomainError, match="selection"):
        trend.joinpoint(np.arange(1.0, 13.0), selection="aic")
    with pytest.raises(ts.DomainError, match="at most 9"):
        trend.joinpoint(np.arange(1.0, 100.0), max_joinpoints=10)


def test_batch_equals_single_calls():
    rows = [series_with(k % 3, seed=k, n=25, noise=0.03)[1] for k in range(12)]
    x = np.arange(1990.0, 2015.0)
    Y = np.stack(rows)
    frame = trend.joinpoint_batch(Y, x, threads=2)
    for i, row in enumerate(rows):
        one = trend.joinpoint(row, x, selection="bic")
        assert frame["joinpoints"][i] == len(one.joinpoints)
        assert frame["aapc"][i] == one.aapc and frame["bic"][i] == one.bic
        for m, tau in enumerate(one.joinpoints):
            assert frame[f"joinpoint_{m + 1}"][i] == tau
        assert frame["apc_1"][i] == one.segments[0].apc
    perm = trend.joinpoint_batch(Y[:3], x, selection="permutation", permutations=99, seed=3, as_frame=False)
    for i in range(3):
        assert perm["joinpoints"][i] == len(trend.joinpoint(Y[i], x, permutations=99, seed=3).joinpoints)


def test_result_prints_and_pickles():
    x, y = series_with(1, seed=2)
    r = trend.joinpoint(y, x, selection="bic", aapc_range=(1995, 2005))
    assert r.aapc_range == (1995, 2005)
    assert r.aapc == r.average_change(1995, 2005).aapc
    assert repr(r).startswith("JoinpointResult(model='loglinear', joinpoints=[2004.0]")
    assert "APC" in r._repr_html_() and "<table>" in r._repr_html_()
    assert pickle.loads(pickle.dumps(r)) == r
    assert r.to_dict()["segments"][0]["apc"] == r.segments[0].apc
    assert len(r.fitted) == len(x) and r.fitted[0] == pytest.approx(y[0], rel=0.05)


def test_linear_model_prints_and_segments_frame():
    x = np.arange(2000.0, 2016.0)
    r = trend.joinpoint(3 + 0.5 * x - 1.5 * np.maximum(x - 2007, 0), x, model="linear", selection="bic")
    assert r.joinpoints == (2007.0,)
    assert "slope 0.5" in repr(r) and "AAPC" not in repr(r)
    frame = r.to_pandas()
    assert list(frame["start"]) == [2000, 2007] and frame["slope"].iloc[1] == pytest.approx(-1.0)
    flat = trend.joinpoint(np.full(12, 5.0) + np.arange(12) * 0.1, model="linear", max_joinpoints=1, selection="bic")
    constant = trend.joinpoint(np.full(12, 5.0), max_joinpoints=2, permutations=19, seed=1)
    assert constant.joinpoints == () and constant.segments[0].apc == pytest.approx(0, abs=1e-12)
    assert constant.p_values == (1.0, 1.0)
    assert flat.joinpoints == () and len(flat.segments) == 1
