"""Cross-checks of tipstats' rates and intervals against scipy, statsmodels and published values.

Each reference names its source. scipy and statsmodels are test-only dependencies.
"""

import math
import pickle

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats import proportion as smp
from statsmodels.stats import rates as smr

import tipstats as ts

LEVELS = [0.8, 0.95, 0.99]
BIG = 1e9

# (x, n) pairs: zeros, ones, all, all but one, middles, and huge counts.
PAIRS = [(0, 1), (1, 1), (0, 30), (1, 30), (15, 30), (29, 30), (30, 30), (86, 100), (4, 20), (18, 20),
         (263, 368), (0, BIG), (1, BIG), (5e8, BIG), (BIG - 1, BIG), (BIG, BIG), (123456, 1e7)]


def grid_arrays():
    x = np.array([p[0] for p in PAIRS])
    n = np.array([p[1] for p in PAIRS])
    return x, n


# ----------------------------------------------------------------------------- percent change


def test_percent_change_and_baseline_of_the_article():
    # "263 victims ... an increase of nearly 150 per cent": 150 % up implies 105.2 the year before.
    assert ts.implied_baseline(263, 150) == pytest.approx(105.2, rel=1e-15)
    assert ts.percent_change(263, 105) == pytest.approx(100 * 158 / 105, rel=1e-15)
    assert ts.share(86, 100) == 0.86
    assert isinstance(ts.percent_change(2, 1), float)


def test_changes_broadcast_like_numpy():
    current = np.array([[10.0], [20.0], [30.0]])
    previous = np.array([5.0, 10.0, 20.0, 40.0])
    got = ts.percent_change(current, previous)
    assert got.shape == (3, 4)
    np.testing.assert_allclose(got, 100 * (current - previous) / previous, rtol=1e-15)
    np.testing.assert_allclose(ts.implied_baseline(current, got), np.broadcast_to(previous, (3, 4)), rtol=1e-13)
    np.testing.assert_array_equal(ts.share([1, 2, 3], 4), [0.25, 0.5, 0.75])


# ----------------------------------------------------------------------------- proportions

SM_METHOD = {"wilson": "wilson", "exact": "beta", "jeffreys": "jeffreys", "agresti_coull": "agresti_coull",
             "wald": "normal"}


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("method", list(SM_METHOD))
def test_proportion_ci_matches_statsmodels(method, level):
    x, n = grid_arrays()
    lower, upper = ts.proportion_ci(x, n, level, method)
    ref_lower, ref_upper = smp.proportion_confint(x, n, alpha=1 - level, method=SM_METHOD[method])
    ref_lower, ref_upper = np.asarray(ref_lower, float), np.asarray(ref_upper, float)
    if method == "jeffreys":
        # Brown, Cai & DasGupta (2001): lower 0 at x = 0, upper 1 at x = n; statsmodels keeps the quantiles.
        assert np.all(lower[x == 0] == 0) and np.all(upper[x == n] == 1)
        keep_lower, keep_upper = x > 0, x < n
    else:
        keep_lower = keep_upper = np.ones(x.shape, bool)
    # Closed forms and Boost.Math quantiles on both sides: agreement to 1e-9 relative; values that are
    # zero in exact arithmetic (Wilson at x = 0) may carry rounding dust of 1e-17 in statsmodels.
    np.testing.assert_allclose(lower[keep_lower], ref_lower[keep_lower], rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(upper[keep_upper], ref_upper[keep_upper], rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("level", LEVELS)
def test_exact_proportion_ci_matches_scipy_binomtest(level):
    for x, n in PAIRS:
        ref = sps.binomtest(int(x), int(n)).proportion_ci(confidence_level=level, method="exact")
        lower, upper = ts.proportion_ci(x, n, level, "exact")
        # binomtest loses digits on ends near 0 (at 0 of 1e9 its upper end is off by 2e-4 relative, while
        # statsmodels' beta.isf, above, agrees to 1e-9), so tiny ends are checked against closed forms below.
        if lower > 1e-6:
            assert lower == pytest.approx(ref.low, rel=1e-9, abs=0)
        if upper > 1e-6:
            assert upper == pytest.approx(ref.high, rel=1e-9, abs=0)
    # Closed forms at the edges: upper(0 of n) = 1 - (alpha/2)^(1/n), lower(n of n) = (alpha/2)^(1/n),
    # lower(1 of n) = 1 - (1 - alpha/2)^(1/n).
    tail = (1 - level) / 2
    for n in [1, 30, 1e4, BIG]:
        assert ts.proportion_ci(1, n, level, "exact")[0] == pytest.approx(-math.expm1(math.log1p(-tail) / n), rel=1e-12)
        assert ts.proportion_ci(0, n, level, "exact")[1] == pytest.approx(-math.expm1(math.log(tail) / n), rel=1e-12)
        assert ts.proportion_ci(n, n, level, "exact")[0] == pytest.approx(math.exp(math.log(tail) / n), rel=1e-14)


# R package binom 1.1, binom.confint(x, n, tol = 1e-8), methods "exact", "wilson", "agresti-coull", as quoted in
# statsmodels' stats/tests/results/results_proportion.py (res_binom). R's asymptotic interval is unclipped.
R_BINOM = {
    (18, 20): {"exact": (0.6830172859809176, 0.9876514728297052), "wilson": (0.6989663547715128, 0.972133518786232),
               "agresti_coull": (0.6867561125596077, 0.984343760998137)},
    (4, 20): {"exact": (0.05733399705003284, 0.436614002996668), "wilson": (0.0806576625797981, 0.4160174322518935),
              "agresti_coull": (0.0749115102767071, 0.4217635845549845)},
    (4, 200): {"exact": (0.005475565879556443, 0.05041360908989634),
               "wilson": (0.00780442641634947, 0.05028708690582643),
               "agresti_coull": (0.005991954548218395, 0.0520995587739575)},
    (190, 200): {"exact": (0.9099724622986486, 0.975765834527891), "wilson": (0.910421851861224, 0.972617354399236),
                 "agresti_coull": (0.909307307911624, 0.973731898348837)},
}


@pytest.mark.parametrize("case", list(R_BINOM))
def test_proportion_ci_matches_r_binom(case):
    x, n = case
    for method, (lo, hi) in R_BINOM[case].items():
        lower, upper = ts.proportion_ci(x, n, 0.95, method)
        assert lower == pytest.approx(lo, rel=1e-9), method
        assert upper == pytest.approx(hi, rel=1e-9), method


def test_proportion_ci_edges():
    for method in SM_METHOD:
        assert ts.proportion_ci(0, 30, method=method)[0] == 0
        assert ts.proportion_ci(30, 30, method=method)[1] == 1
    # Clopper-Pearson at 0 of n has the closed form 1 - (alpha/2)^(1/n).
    assert ts.proportion_ci(0, 30, method="exact")[1] == pytest.approx(1 - 0.025 ** (1 / 30), rel=1e-12)
    lower, upper = ts.proportion_ci(86, 100)
    assert isinstance(lower, float) and lower < 0.86 < upper


# ----------------------------------------------------------------------------- Poisson

COUNTS = np.array([0, 1, 2, 5, 10, 263, 1e4, 123456, BIG])


@pytest.mark.parametrize("level", LEVELS)
def test_poisson_exact_matches_scipy_chi2_and_statsmodels(level):
    lower, upper = ts.poisson_ci(COUNTS, level)
    alpha = 1 - level
    ref_lower = np.where(COUNTS == 0, 0.0, sps.chi2.ppf(alpha / 2, 2 * COUNTS) / 2)
    ref_upper = sps.chi2.isf(alpha / 2, 2 * COUNTS + 2) / 2
    np.testing.assert_allclose(lower, ref_lower, rtol=1e-9, atol=0)
    np.testing.assert_allclose(upper, ref_upper, rtol=1e-9)
    sm_lower, sm_upper = smr.confint_poisson(COUNTS, 1, method="exact-c", alpha=alpha)
    np.testing.assert_allclose(lower, np.nan_to_num(sm_lower), rtol=1e-9)
    np.testing.assert_allclose(upper, sm_upper, rtol=1e-9)


def test_poisson_exact_published_values():
    # Garwood at x = 0: upper = -ln(alpha/2); 95 %: 3.689 (Garwood 1936; Ulm 1990, Am J Epidemiol 131:373).
    assert ts.poisson_ci(0)[1] == pytest.approx(-math.log(0.025), rel=1e-13)
    assert ts.poisson_ci(0) == (0.0, pytest.approx(3.6889, abs=5e-5))


@pytest.mark.parametrize("level", LEVELS)
def test_poisson_byar_matches_its_formula(level):
    # Independent evaluation of Byar's formula (Breslow & Day 1987, vol. II, p. 69) with scipy's normal quantile.
    x = COUNTS[COUNTS > 0]
    z = sps.norm.isf((1 - level) / 2)
    ref_lower = x * np.maximum(0, 1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
    ref_upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
    lower, upper = ts.poisson_ci(x, level, "byar")
    np.testing.assert_allclose(lower, ref_lower, rtol=1e-12)
    np.testing.assert_allclose(upper, ref_upper, rtol=1e-12)
    assert ts.poisson_ci(0, level, "byar")[0] == 0
    # Byar tracks the exact interval closely once counts reach a hundred.
    exact = np.array(ts.poisson_ci(x[x >= 100], level))
    np.testing.assert_allclose(np.array(ts.poisson_ci(x[x >= 100], level, "byar")), exact, rtol=2e-3)


def test_rates_scale_the_poisson_interval():
    assert ts.rate(263, 8_000_000) == pytest.approx(3.2875, rel=1e-15)
    assert ts.rate(263, 8_000_000, per=1000) == pytest.approx(0.032875, rel=1e-15)
    lower, upper = ts.rate_ci(263, 8_000_000)
    ref = sps.chi2.ppf(0.025, 526) / 2 / 80, sps.chi2.isf(0.025, 528) / 2 / 80
    assert (lower, upper) == (pytest.approx(ref[0], rel=1e-12), pytest.approx(ref[1], rel=1e-12))
    lo, hi = ts.rate_ci([0, 10], [1000, 2000], per=1000, level=0.99, method="byar")
    assert lo.shape == (2,) and lo[0] == 0 and hi[1] > 5


# ----------------------------------------------------------------------------- rate ratio, change

RATIO_CASES = [(60, 51477.5, 30, 54308.7), (263, 1, 105, 1), (0, 1, 4, 1), (5, 2, 0, 3), (1, 1, 1, 1),
               (7, 3.5, 20, 8.0), (1_000_000, 1e6, 999_000, 1e6), (2, 10, 50, 1)]


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # statsmodels' own ratio at x2 = 0
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("case", RATIO_CASES)
def test_rate_ratio_matches_statsmodels_and_scipy(case, level):
    x1, t1, x2, t2 = case
    r = ts.rate_ratio(x1, t1, x2, t2, level)
    # p-value: statsmodels' exact conditional test (which calls scipy's minlike binomtest).
    ref_p = smr.test_poisson_2indep(x1, t1, x2, t2, method="exact-cond").pvalue
    assert r.p_value == pytest.approx(ref_p, rel=1e-9)
    # Interval: scipy's Clopper-Pearson interval of x1 / (x1 + x2), mapped to the ratio.
    ci = sps.binomtest(x1, x1 + x2).proportion_ci(confidence_level=level, method="exact")
    odds = lambda p: math.inf if p == 1 else p / (1 - p)  # noqa: E731
    assert r.lower == pytest.approx(odds(ci.low) * t2 / t1, rel=1e-9)
    if math.isinf(odds(ci.high)):
        assert math.isinf(r.upper)
    else:
        assert r.upper == pytest.approx(odds(ci.high) * t2 / t1, rel=1e-9)
    assert r.ratio == (math.inf if x2 == 0 else pytest.approx((x1 / t1) / (x2 / t2), rel=1e-15))


def test_rate_ratio_published_r_exactci():
    # R exactci: poisson.exact(c(60, 30), c(51477.5, 54308.7)): central interval 1.339735721772650 to
    # 3.388365573616252 and the minlike p-value 0.000675182658686321, estimate 2.10999757175465; quoted in
    # statsmodels' stats/tests/test_rates_poisson.py (test_tost_poisson) and results/results_rates.py.
    ratio, lower, upper = ts.rate_ratio(60, 51477.5, 30, 54308.7)
    assert ratio == pytest.approx(2.10999757175465, rel=1e-13)
    assert lower == pytest.approx(1.339735721772650, rel=1e-9)
    assert upper == pytest.approx(3.388365573616252, rel=1e-9)
    assert ts.rate_ratio(60, 51477.5, 30, 54308.7).p_value == pytest.approx(0.000675182658686321, rel=1e-9)


def test_rate_ratio_without_events():
    r = ts.rate_ratio(0, 1, 0, 1)
    assert math.isnan(r.ratio) and r.lower == 0 and math.isinf(r.upper) and r.p_value == 1


def test_change_ci_of_the_article():
    # 263 victims in 2019-H1 against 105 (the baseline "nearly 150 per cent" suggests).
    change, lower, upper = ts.change_ci(263, 105)
    ci = sps.binomtest(263, 368).proportion_ci(method="exact")
    assert change == pytest.approx(100 * (263 / 105 - 1), rel=1e-15)
    assert lower == pytest.approx(100 * (ci.low / (1 - ci.low) - 1), rel=1e-9)
    assert upper == pytest.approx(100 * (ci.high / (1 - ci.high) - 1), rel=1e-9)
    assert ts.change_ci(263, 105).p_value == pytest.approx(sps.binomtest(263, 368).pvalue, rel=1e-9)
    arrays = ts.change_ci([263, 70], [105, 70], level=0.99)
    assert arrays.percent_change.shape == (2,) and arrays.percent_change[1] == 0 and arrays.p_value[1] == 1
    assert arrays.lower[0] == pytest.approx(ts.change_ci(263, 105, 0.99).lower, rel=1e-15)


def test_rate_ratio_on_arrays_matches_the_scalar_calls():
    x1, t1, x2, t2 = (np.array(column, dtype=float) for column in zip(*RATIO_CASES))
    batch = ts.rate_ratio(x1, t1, x2, t2, level=0.9)
    for i, case in enumerate(RATIO_CASES):
        single = ts.rate_ratio(*case, level=0.9)
        assert (batch.ratio[i], batch.lower[i], batch.upper[i], batch.p_value[i]) == tuple(single) + (single.p_value,)


# ----------------------------------------------------------------------------- standardisation

# Fleiss (1981), Statistical Methods for Rates and Proportions, table 14.4 (p. 249): Down syndrome cases and live
# births in Michigan 1950-1964 by maternal age, birth order 5+; the standard is all births by age. This is the
# example of Fay & Feuer (1997) and of epitools::ageadjust.direct. No published interval could be found to cite,
# so the reference below is computed independently from the papers' formulas with scipy.stats.gamma.
FLEISS_CASES = np.array([0, 8, 63, 112, 262, 295])
FLEISS_BIRTHS = np.array([327, 30666, 123419, 149919, 104088, 34392])
FLEISS_STANDARD = np.array([319933, 931318, 786511, 488235, 237863, 61313])


def gamma_reference(x, n, s, level, method):
    w = s / s.sum() / n
    y, v = np.sum(w * x), np.sum(w ** 2 * x)
    if method == "fay_feuer":
        y_star, v_star = y + w.max(), v + w.max() ** 2
    else:
        y_star, v_star = y + w.mean(), v + np.mean(w ** 2)
    alpha = 1 - level
    lower = 0.0 if y == 0 else sps.gamma.ppf(alpha / 2, y ** 2 / v, scale=v / y)
    upper = sps.gamma.isf(alpha / 2, y_star ** 2 / v_star, scale=v_star / y_star)
    return y * 1e5, lower * 1e5, upper * 1e5


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("method", ["fay_feuer", "tiwari"])
def test_standardized_rate_matches_the_gamma_formula(method, level):
    got = ts.standardized_rate(FLEISS_CASES, FLEISS_BIRTHS, FLEISS_STANDARD, level=level, method=method)
    ref = gamma_reference(FLEISS_CASES, FLEISS_BIRTHS, FLEISS_STANDARD, level, method)
    assert tuple(got) == pytest.approx(ref, rel=1e-9)
    assert got.crude_rate == pytest.approx(FLEISS_CASES.sum() / FLEISS_BIRTHS.sum() * 1e5, rel=1e-13)
    zero = ts.standardized_rate(np.zeros(6), FLEISS_BIRTHS, FLEISS_STANDARD, level=level, method=method)
    assert tuple(zero) == pytest.approx(gamma_reference(np.zeros(6), FLEISS_BIRTHS, FLEISS_STANDARD, level, method),
                                        rel=1e-9)


def test_standardized_rates_of_several_groups():
    # Birth orders 1 to 5+ of Fleiss' table 14.4 as five groups, one standard: one rate per group.
    cases = np.array([[107, 141, 60, 40, 39, 25], [25, 150, 110, 84, 82, 39], [3, 71, 114, 103, 108, 75],
                      [1, 26, 64, 89, 137, 96], FLEISS_CASES])
    births = np.array([[230061, 329449, 114920, 39487, 14208, 3052], [72202, 326701, 208667, 83228, 28466, 5375],
                       [15050, 175702, 207081, 117300, 45026, 8660], [2293, 68800, 132424, 98301, 46075, 9834],
                       FLEISS_BIRTHS])
    got = ts.standardized_rate(cases, births, FLEISS_STANDARD, level=0.9)
    assert got.rate.shape == got.lower.shape == got.crude_rate.shape == (5,)
    for g in range(5):
        ref = gamma_reference(cases[g], births[g], FLEISS_STANDARD, 0.9, "fay_feuer")
        assert (got.rate[g], got.lower[g], got.upper[g]) == pytest.approx(ref, rel=1e-9)
    bad = births.copy()
    bad[3, 2] = 0
    with pytest.raises(ts.DomainError) as info:
        ts.standardized_rate(cases, bad, FLEISS_STANDARD)
    assert (info.value.argument, info.value.index) == ("populations", (3, 2))
    assert "(3, 2)" in str(info.value)


def test_tiwari_is_narrower_than_fay_feuer():
    ff = ts.standardized_rate(FLEISS_CASES, FLEISS_BIRTHS, FLEISS_STANDARD)
    tw = ts.standardized_rate(FLEISS_CASES, FLEISS_BIRTHS, FLEISS_STANDARD, method="tiwari")
    assert ff.lower == tw.lower and tw.upper < ff.upper
    # A single stratum reduces Fay-Feuer to the exact Poisson interval of the count, scaled.
    one = ts.standardized_rate([263], [8e6], [1.0])
    assert tuple(one)[1:] == pytest.approx(tuple(ts.rate_ci(263, 8e6)), rel=1e-9)


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("call, argument", [
    (lambda: ts.proportion_ci(-1, 10), "x"),
    (lambda: ts.proportion_ci(11, 10), "x"),
    (lambda: ts.proportion_ci(1, 0), "n"),
    (lambda: ts.proportion_ci(float("nan"), 10), "x"),
    (lambda: ts.proportion_ci(1, float("inf")), "n"),
    (lambda: ts.proportion_ci(1, 10, level=1.0), "level"),
    (lambda: ts.proportion_ci(1, 10, level=0), "level"),
    (lambda: ts.proportion_ci(1, 10, method="score"), "method"),
    (lambda: ts.poisson_ci(-3), "x"),
    (lambda: ts.poisson_ci(3, level=1.5), "level"),
    (lambda: ts.poisson_ci(3, method="wald"), "method"),
    (lambda: ts.rate(5, 0), "population"),
    (lambda: ts.rate_ci(5, -10), "population"),
    (lambda: ts.rate_ratio(1.5, 1, 2, 1), "x1"),
    (lambda: ts.rate_ratio(1, 0, 2, 1), "t1"),
    (lambda: ts.change_ci(5, 0), "previous"),
    (lambda: ts.percent_change(5, 0), "previous"),
    (lambda: ts.implied_baseline(5, -100), "percent_change"),
    (lambda: ts.share(5, 4), "part"),
    (lambda: ts.standardized_rate([1, 2], [10, 0], [1, 1]), "populations"),
    (lambda: ts.standardized_rate([1, 2], [10], [1, 1]), "populations"),
    (lambda: ts.standardized_rate([1, 2], [10, 10], [0, 0]), "standard"),
    (lambda: ts.standardized_rate([1, 2], [10, 10], [1, 1], method="normal"), "method"),
])
def test_bad_input_is_a_domain_error_naming_the_argument(call, argument):
    with pytest.raises(ts.DomainError) as info:
        call()
    assert isinstance(info.value, ValueError)
    assert info.value.argument == argument
    assert argument in str(info.value)


def test_arrays_report_the_first_bad_index():
    x = np.arange(100_000, dtype=float)
    x[70_000] = -1
    x[90_000] = -2
    with pytest.raises(ts.DomainError) as info:
        ts.proportion_ci(x, 200_000, method="exact", threads=2)
    assert (info.value.argument, info.value.index) == ("x", 70_000)
    with pytest.raises(ts.DomainError) as info:
        ts.poisson_ci(5, level=[0.9, 0.95, 1.0])
    assert (info.value.argument, info.value.index) == ("level", 2)
    with pytest.raises(ts.DomainError) as info:
        ts.proportion_ci(-1, 10)
    assert info.value.index is None  # a scalar call has no index


# ----------------------------------------------------------------------------- arrays and threads


def test_threads_do_not_change_results_and_shapes_follow_numpy():
    rng = np.random.default_rng(4)
    n = rng.integers(1, 10_000, size=50_000).astype(float)
    x = np.floor(rng.random(n.size) * (n + 1))
    one = ts.proportion_ci(x, n, method="exact", threads=1)
    many = ts.proportion_ci(x, n, method="exact", threads=4)
    np.testing.assert_array_equal(one[0], many[0])
    np.testing.assert_array_equal(one[1], many[1])
    lower, upper = ts.proportion_ci(np.array([[1.0, 2.0]]), np.array([[10.0], [20.0]]))
    assert lower.shape == upper.shape == (2, 2)
    assert ts.poisson_ci(np.array([], dtype=float))[0].shape == (0,)
    import pandas as pd
    series = pd.Series([1, 2, 3])
    assert ts.rate(series, 100).tolist() == pytest.approx([1000, 2000, 3000])


def test_result_objects_unpack_pickle_and_render():
    r = ts.rate_ratio(60, 51477.5, 30, 54308.7)
    ratio, lower, upper = r
    assert (ratio, lower, upper) == (r.ratio, r.lower, r.upper)
    assert r[1] == r.lower and len(r) == 3
    assert repr(r).startswith("RateRatio(ratio=2.11, lower=1.33974")
    assert "<table>" in r._repr_html_() and "p_value" in r._repr_html_()
    back = pickle.loads(pickle.dumps(r))
    assert back.to_dict() == r.to_dict()
    with pytest.raises(AttributeError):
        r.ratio = 3
    s = ts.standardized_rate(FLEISS_CASES, FLEISS_BIRTHS, FLEISS_STANDARD)
    assert pickle.loads(pickle.dumps(s)).to_dict() == s.to_dict()
    assert "StandardizedRate(rate=" in repr(s)


# ----------------------------------------------------------------------------- claims


def test_claim_from_the_article_with_the_current_count_only():
    # "the police rescued 263 victims of sexual assault - an increase of nearly 150 per cent compared to the
    # same period last year": "nearly 150" admits 135 <= change < 150, so 106 to 111 victims the year before.
    r = ts.check_claim("an increase of nearly 150 per cent compared to the same period last year", current=263)
    assert (r.kind, r.direction, r.qualifier, r.stated) == ("change", "increase", "nearly", 150)
    assert r.baseline_range == (106, 111)
    assert r.consistent is None and r.exact_change is None
    assert r.admitted == (135, 150, True, False)
    assert r.tolerance == ts.CLAIM_TOLERANCE == 0.1
    assert "106 to 111" in r.explanation
    for previous in range(100, 116):
        change = ts.percent_change(263, previous)
        fits = 135 <= change < 150
        assert ts.check_claim("an increase of nearly 150 per cent", 263, previous).consistent == fits
        assert fits == (106 <= previous <= 111)


def test_claim_with_both_counts():
    r = ts.check_claim("an increase of nearly 150 per cent", 263, 105)
    assert r.consistent is False  # 263 / 105 is +150.5 %: more than 150, not nearly
    assert r.exact_change == pytest.approx(ts.percent_change(263, 105))
    assert "NOT consistent" in str(r)
    assert ts.check_claim("an increase of about 150 per cent", 263, 105).consistent is True
    assert ts.check_claim("an increase of more than 150 per cent", 263, 105).consistent is True
    assert ts.check_claim("an increase of 150 per cent", 263, 105).consistent is True  # 150.48 rounds to 150
    assert ts.check_claim("an increase of 150.5 per cent", 263, 105).consistent is True


def test_share_claim_from_the_article():
    # "the police had made arrests in 86 per cent of cases involving crimes against children under the age of
    # 15"; the report counts 70 such cases in 2019-H1. If they are the same cases, 60 arrests is the only fit.
    r = ts.check_claim("arrests in 86 per cent of cases", total=70)
    assert (r.kind, r.qualifier, r.part_range, r.consistent) == ("share", "none", (60, 60), True)
    assert r.admitted == (85.5, 86.5, True, False) and r.tolerance == 0.5
    assert ts.check_claim("arrests in 86 per cent of cases", part=60, total=70).consistent is True
    assert ts.check_claim("arrests in 86 per cent of cases", part=61, total=70).consistent is False
    # Given the arrests only: 43 arrests fit 50 cases (86 %) and no other total.
    assert ts.check_claim("arrests in 86 per cent of cases", part=43).baseline_range == (50, 50)
    assert ts.check_claim("arrests in 86 per cent of cases", part=6).baseline_range == (7, 7)


@pytest.mark.parametrize("wording, current, previous, fits", [
    ("a rise of almost 50%", 149, 100, True),
    ("a rise of almost 50%", 150, 100, False),
    ("a rise of almost 50%", 134, 100, False),
    ("up around 20 percent", 111, 100, False),
    ("up around 20 percent", 122, 100, True),
    ("a fall of about 30 per cent", 70, 100, True),
    ("a fall of about 30 per cent", 60, 100, False),
    ("a drop of more than 10%", 85, 100, True),
    ("a drop of more than 10%", 90, 100, False),
    ("an increase of at least 10%", 110, 100, True),
    ("an increase of less than 10%", 110, 100, False),
    ("an increase of just over 10%", 111, 100, True),
    ("an increase of just over 10%", 112, 100, False),
    ("an increase of up to 10%", 110, 100, True),
])
def test_claim_qualifier_table(wording, current, previous, fits):
    assert ts.check_claim(wording, current, previous).consistent is fits


def test_claim_errors():
    with pytest.raises(ts.ParseError):
        ts.check_claim("a sharp increase", 10, 5)
    with pytest.raises(ts.DomainError) as info:
        ts.check_claim("86 per cent of cases", current=10)
    assert info.value.argument == "current"
    with pytest.raises(ts.DomainError) as info:
        ts.check_claim("an increase of 10 per cent", part=10)
    assert info.value.argument == "part"
    r = ts.check_claim("an increase of nearly 150 per cent", 263)
    assert pickle.loads(pickle.dumps(r)).to_dict() == r.to_dict()
    assert "<table>" in r._repr_html_()


# ----------------------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 10**9), fraction=st.floats(0, 1), method=st.sampled_from(list(SM_METHOD)))
def test_proportion_intervals_are_nested_and_hold_the_estimate(n, fraction, method):
    x = math.floor(fraction * n)
    narrow = ts.proportion_ci(x, n, 0.8, method)
    wide = ts.proportion_ci(x, n, 0.99, method)
    assert 0 <= wide[0] <= narrow[0] <= narrow[1] <= wide[1] <= 1
    if method in ("exact", "jeffreys", "wald"):  # intervals centred on or built around x/n
        assert narrow[0] <= x / n <= narrow[1]


@settings(max_examples=200, deadline=None)
@given(x=st.integers(0, 10**9))
def test_poisson_intervals_hold_the_count(x):
    lower, upper = ts.poisson_ci(x)
    assert 0 <= lower <= x < upper
    assert ts.poisson_ci(x, 0.99)[1] > upper
