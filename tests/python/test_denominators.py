"""Shares whose total is not known (issue 17): the smallest denominators that fit a wording, checked by a
brute-force search over every part of every total; intervals across plausible totals, checked against
statsmodels' proportion_confint for each total; and proportion_ci's refusal of a share passed as x."""

import math
import re

import numpy as np
import pytest
import statsmodels.stats.proportion as smp
from hypothesis import given, settings
from hypothesis import strategies as st

import tipstats as ts

SM_METHOD = {"wilson": "wilson", "exact": "beta", "jeffreys": "jeffreys", "agresti_coull": "agresti_coull",
             "wald": "normal"}


def admits(admitted, values):
    """The wording's admitted range (low, high, low_closed, high_closed) applied to an array of percentages."""
    low, high, low_closed, high_closed = admitted
    above = values >= low if low_closed else values > low
    below = values <= high if high_closed else values < high
    return above & below


def brute_force_denominators(check, limit, count=10):
    """Every denominator m up to `limit` for which some whole numerator fits, by trying every numerator:
    parts 0..m for a share (100 k / m), current counts 0..(far above the range) for a change."""
    found = []
    for m in range(1, limit + 1):
        if check.kind == "share":
            values = 100.0 * np.arange(m + 1) / m
        else:
            top = check.admitted[1] if math.isfinite(check.admitted[1]) else check.admitted[0] + 100
            k = np.arange(int(m * (1 + top / 100)) + 3)
            values = 100.0 * (k - m) / m
        if admits(check.admitted, values).any():
            found.append(m)
            if len(found) == count:
                break
    return tuple(found)


SHARE_CLAIMS = ["arrests in 86 per cent of cases", "86.0 per cent", "nearly 90 per cent", "about 12 per cent",
                "more than 99 per cent", "less than 1 per cent", "at least 50%", "at most 0.5%",
                "just over 33.3 per cent", "exactly 14.3 per cent", "100 per cent", "0 per cent", "7.25 per cent"]
CHANGE_CLAIMS = ["an increase of nearly 150 per cent", "a fall of about 30 per cent", "up 0.5%",
                 "a decrease of 100 per cent", "an increase of more than 1,200 per cent", "down exactly 12.5%",
                 "a rise of just over 40 per cent"]


@pytest.mark.parametrize("claim", SHARE_CLAIMS + CHANGE_CLAIMS)
def test_the_smallest_denominators_are_those_a_brute_force_search_finds(claim):
    check = ts.check_claim(claim)
    assert len(check.denominators) == 10
    assert check.denominators == brute_force_denominators(check, check.denominators[-1])
    assert check.consistent is None and check.baseline_range is None and check.part_range is None
    listed = ", ".join(str(m) for m in check.denominators)
    assert listed in check.explanation


def test_the_article_figure_needs_seven_cases_or_more_and_not_fifteen():
    check = ts.check_claim("arrests in 86 per cent of cases")
    assert check.denominators == (7, 14, 21, 22, 28, 29, 35, 36, 37, 42)  # 6/7 = 85.7 %; 13/15 = 86.7 %
    assert ts.check_claim("86 per cent", total=15).part_range is None       # the checks agree on 15
    for n in check.denominators:
        assert ts.check_claim("86 per cent", total=n).consistent is True


def test_a_wording_that_admits_nothing_lists_no_denominator():
    check = ts.check_claim("more than 100 per cent of victims")
    assert check.denominators == ()
    assert "no whole totals" in check.explanation


def test_denominators_are_listed_only_without_counts():
    assert ts.check_claim("86 per cent", total=70).denominators == ()
    assert ts.check_claim("86 per cent", part=60).denominators == ()
    assert ts.check_claim("an increase of nearly 150 per cent", current=263).denominators == ()


# ------------------------------------------------------------------------- intervals across totals

def parts_by_brute_force(share, n):
    """The whole parts of n that fit `share`: a wording's admitted range, or the parts nearest share * n."""
    parts = np.arange(n + 1)
    if isinstance(share, str):
        return parts[admits(ts.check_claim(share).admitted, 100.0 * parts / n)]
    distance = np.abs(parts - share * n)
    return parts[distance == distance.min()]


@pytest.mark.parametrize("method", list(SM_METHOD))
@pytest.mark.parametrize("share, totals", [
    ("arrests in 86 per cent of cases", range(1, 121)),
    ("about 86 per cent", [7, 10, 50, 70, 333]),
    ("about 50 per cent", [1, 2, 3, 4, 5, 6, 8, 13, 40, 200]),   # wide ranges of parts, small totals
    ("under 20 per cent", range(1, 41)),                      # parts from 0: the clipped ends of Wald
    ("less than 5 per cent", [1, 19, 20, 21, 100]),
    (0.86, range(1, 61)),
    (0.5, [1, 2, 3, 9, 10]),       # ties between two nearest parts: both count
    (0.0, [1, 5]), (1.0, [1, 5]),
])
@pytest.mark.parametrize("level", [0.9, 0.99])
def test_intervals_across_totals_match_statsmodels_for_each_total(share, totals, method, level):
    result = ts.proportion_ci_range(share, totals, level, method)
    totals = list(totals)
    np.testing.assert_array_equal(result.n, totals)
    lowest, highest = np.inf, -np.inf
    for i, n in enumerate(totals):
        parts = parts_by_brute_force(share, n)
        if parts.size == 0:
            assert not result.fits[i]
            assert np.isnan([result.part_low[i], result.part_high[i], result.lower[i], result.upper[i]]).all()
            continue
        assert (result.part_low[i], result.part_high[i]) == (parts.min(), parts.max())
        low, high = smp.proportion_confint(parts, n, alpha=1 - level, method=SM_METHOD[method])
        low, high = np.asarray(low, float), np.asarray(high, float)
        if method == "jeffreys":  # Brown, Cai & DasGupta's boundary rule, which statsmodels leaves out
            low, high = np.where(parts == 0, 0.0, low), np.where(parts == n, 1.0, high)
        assert result.lower[i] == pytest.approx(low.min(), rel=1e-9, abs=1e-15)
        assert result.upper[i] == pytest.approx(high.max(), rel=1e-9, abs=1e-15)
        lowest, highest = min(lowest, result.lower[i]), max(highest, result.upper[i])
    if result.fits.any():
        assert (result.lowest, result.highest) == (lowest, highest)
        assert tuple(result) == (lowest, highest)
    else:
        assert math.isnan(result.lowest) and math.isnan(result.highest)


def test_a_range_of_totals_from_the_denominators():
    check = ts.check_claim("arrests in 86 per cent of cases")
    result = ts.proportion_ci_range("arrests in 86 per cent of cases", check.denominators, method="exact")
    assert result.fits.all()
    assert result.to_pandas()["n"].tolist() == list(check.denominators)
    # the widest interval belongs to the smallest total: 6 of 7
    assert result.lowest == pytest.approx(smp.proportion_confint(6, 7, method="beta")[0], rel=1e-9)
    assert "ProportionRange(lowest=" in repr(result) and "<table>" in result._repr_html_()


def test_no_total_fits():
    result = ts.proportion_ci_range("86 per cent", [2, 3, 15])
    assert not result.fits.any() and math.isnan(result.lowest) and math.isnan(result.highest)


@pytest.mark.parametrize("call, argument, words, index", [
    (lambda: ts.proportion_ci_range(0.86, []), "n", "at least one", None),
    (lambda: ts.proportion_ci_range(0.86, [70, 0]), "n", "whole numbers", 1),
    (lambda: ts.proportion_ci_range(0.86, [70, 71, 70.5]), "n", "whole numbers", 2),
    (lambda: ts.proportion_ci_range(0.86, [float("nan")]), "n", "whole numbers", 0),
    (lambda: ts.proportion_ci_range(86, [70]), "share", "pass 0.86 for 86 per cent", None),
    (lambda: ts.proportion_ci_range(-0.1, [70]), "share", "in [0, 1]", None),
    (lambda: ts.proportion_ci_range(True, [70]), "share", "in [0, 1]", None),
    (lambda: ts.proportion_ci_range("up 86 per cent", [70]), "claim", "change", None),
    (lambda: ts.proportion_ci_range(0.86, [70], level=1.0), "level", "between 0 and 1", None),
    (lambda: ts.proportion_ci_range(0.86, [70], method="score"), "method", "unknown", None),
])
def test_bad_input_names_the_argument(call, argument, words, index):
    with pytest.raises(ts.DomainError, match=re.escape(words)) as info:
        call()
    assert info.value.argument == argument
    assert info.value.index == index


def test_a_wording_without_a_percentage_is_a_parse_error():
    with pytest.raises(ts.ParseError):
        ts.proportion_ci_range("most cases", [70])


# ------------------------------------------------------------------------- a share passed as x

def test_a_share_passed_as_x_is_refused_with_a_hint():
    with pytest.raises(ts.DomainError) as info:
        ts.proportion_ci(0.86, 70)
    assert info.value.argument == "x"
    assert "did you mean a share? pass x = share * n (0.86 * 70 = 60.2)" in str(info.value)
    assert "weighted=True" in str(info.value)
    with pytest.raises(ts.DomainError) as info:
        ts.proportion_ci([60, 0.5, 3], 70)
    assert info.value.index == 1


@pytest.mark.parametrize("method", list(SM_METHOD))
def test_weighted_counts_below_one_are_allowed_when_declared(method):
    x, n = np.array([0.86, 0.25, 0.5]), np.array([70.0, 3.5, 1.0])
    lower, upper = ts.proportion_ci(x, n, method=method, weighted=True)
    ref_lower, ref_upper = smp.proportion_confint(x, n, method=SM_METHOD[method])
    np.testing.assert_allclose(lower, ref_lower, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(upper, ref_upper, rtol=1e-9, atol=1e-15)


def test_whole_counts_zero_and_weighted_counts_of_one_or_more_are_unchanged():
    assert ts.proportion_ci(0, 70)[0] == 0
    assert ts.proportion_ci(1, 70) == ts.proportion_ci(1, 70, weighted=True)
    assert ts.proportion_ci(60.2, 70) == ts.proportion_ci(60.2, 70, weighted=True)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 3000), stated=st.integers(0, 100), qualifier=st.sampled_from(["about", "nearly", "under", ""]),
       method=st.sampled_from(list(SM_METHOD)), level=st.sampled_from([0.8, 0.95, 0.999]))
def test_the_least_and_greatest_parts_give_the_extreme_ends(n, stated, qualifier, method, level):
    """The shortcut (lower end of the least part, upper end of the greatest) against every part's interval."""
    claim = f"{qualifier} {stated} per cent".strip()
    result = ts.proportion_ci_range(claim, [n], level, method)
    parts = parts_by_brute_force(claim, n)
    if parts.size == 0:
        assert not result.fits[0]
        return
    lower, upper = ts.proportion_ci(parts, n, level, method)
    assert result.lower[0] == lower.min() and result.upper[0] == upper.max()
