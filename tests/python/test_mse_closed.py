"""Closed-population models of tipstats.mse against an independent re-implementation of R's
Rcapture (rcapture_reference.py: statsmodels' GLM on the same designs) and the profile-likelihood
interval against a brute-force scan of the profile likelihood."""

import pickle

import numpy as np
import pytest
from scipy import stats

import tipstats as ts
from tipstats import mse

import rcapture_reference as ref

NAMES = ["UKdat", "UKdat_5", "Ned_5", "NewOrl_5", "Western", "Artificial_3", "Kosovo"]


@pytest.mark.parametrize("name", NAMES)
def test_closed_models_match_the_rcapture_reimplementation(name):
    table = ts.datasets.mse(name)
    frame = mse.closed_models(table)
    assert list(frame.index) == list(mse._closed.CLOSED_MODELS)
    for model, row in frame.iterrows():
        expected, removed = ref.closedp(table.counts, len(table.lists), model)
        if expected is None:
            assert np.isnan(row["abundance"]) and row["note"].startswith("no finite estimate"), model
            continue
        for column in ("abundance", "stderr", "deviance", "AIC", "BIC"):
            assert row[column] == pytest.approx(expected[column], rel=1e-7, abs=1e-8), (model, column)
        assert row["df"] == expected["df"]
        assert row["note"] == "; ".join(f"{eta} < 0 set to 0" for eta in removed)


def test_mt_is_the_main_effects_loglinear_model():
    table = ts.datasets.mse("Western")
    assert mse.closed_models(table).loc["Mt", "abundance"] == pytest.approx(mse.loglinear(table).total, rel=1e-10)


def test_two_lists_get_m0_and_mt_only():
    table = mse.CaptureTable(["A", "B"], ["A", "B", "A&B"], [60, 40, 20])
    frame = mse.closed_models(table)
    assert list(frame.index) == ["M0", "Mt"]
    # Mt on two lists is Lincoln-Petersen: n1 n2 / m
    assert frame.loc["Mt", "abundance"] == pytest.approx(80 * 60 / 20, rel=1e-10)
    with pytest.raises(ts.DomainError, match="at least 3 lists"):
        mse.profile_interval(table, "Mh Darroch")


def scan(table, model, level, points=150):
    """The profile likelihood on a grid of N from the people observed (statsmodels), extended until
    it falls below the cut: its maximum, the cut crossings and the grid step."""
    counts, t, n = table.counts, len(table.lists), table.n_observed
    poisson = ref.closedp(counts, t, model)[0]["abundance"]
    step = 2 * (poisson - n) / points
    grid = list(n + step * np.arange(points + 1))
    values = [ref.profile_loglik(counts, t, model, N) for N in grid]
    cut = max(values) - stats.chi2.ppf(level, 1) / 2
    while values[-1] >= cut:
        grid.append(grid[-1] + step)
        values.append(ref.profile_loglik(counts, t, model, grid[-1]))
    grid, values = np.array(grid), np.array(values)
    above = values >= cut
    lower = grid[np.argmax(above)]
    upper = grid[len(grid) - 1 - np.argmax(above[::-1])]
    return grid[np.argmax(values)], lower, upper, values[0] >= cut, step


@pytest.mark.parametrize("name, model", [("Kosovo", "Mt"), ("Kosovo", "Mth Chao (LB)"), ("Western", "Mt"),
                                         ("UKdat_5", "Mh Darroch"), ("Artificial_3", "M0")])
def test_profile_interval_against_a_brute_force_scan(name, model):
    table = ts.datasets.mse(name)
    result = mse.profile_interval(table, model)
    best, lower, upper, at_n, step = scan(table, model, 0.95)
    assert result.abundance == pytest.approx(best, abs=step)
    assert result.lower == pytest.approx(lower, abs=step) and result.upper == pytest.approx(upper, abs=step)
    assert result.lower_at_observed == at_n
    # the profile log-likelihood itself, at the bounds and the maximum
    for N in (result.lower, result.abundance, result.upper):
        assert result.log_likelihood([N])[0] == pytest.approx(ref.profile_loglik(table.counts, len(table.lists),
                                                                                  model, N), rel=1e-9)
    cut = result.max_log_likelihood - stats.chi2.ppf(0.95, 1) / 2
    np.testing.assert_allclose(result.log_likelihood([result.lower, result.upper]), [cut, cut], atol=1e-7)


def test_small_dark_figure_puts_the_lower_bound_at_the_people_observed():
    # Nearly everybody is on two or three of the lists: the likelihood stays high down to N = n.
    table = mse.CaptureTable(["A", "B", "C"], ["A", "B", "C", "A&B", "A&C", "B&C", "A&B&C"], [2, 2, 1, 20, 20, 20, 80])
    result = mse.profile_interval(table, "Mt", level=0.95)
    assert result.lower_at_observed and result.lower == table.n_observed
    assert result.upper > result.abundance >= table.n_observed


def test_levels_nest_and_errors():
    table = ts.datasets.mse("Kosovo")
    wide, narrow = mse.profile_interval(table, "Mt", 0.99), mse.profile_interval(table, "Mt", 0.8)
    assert wide.lower < narrow.lower < narrow.abundance < narrow.upper < wide.upper
    assert mse.profile_interval(table, "MthC").model == "Mth Chao (LB)"
    with pytest.raises(ts.DomainError) as info:
        mse.profile_interval(table, "Mx")
    assert info.value.argument == "model"
    with pytest.raises(ts.DomainError):
        mse.profile_interval(table, "Mt", 1.2)
    with pytest.raises(ts.DomainError, match="no finite estimate"):
        mse.profile_interval(ts.datasets.mse("Artificial_3"), "Mh Poisson2")
    with pytest.raises(ts.DomainError):
        wide.log_likelihood([100.0])  # fewer than the people observed


def test_views_and_pickling():
    result = mse.profile_interval(ts.datasets.mse("Kosovo"), "Mt")
    again = pickle.loads(pickle.dumps(result))
    assert again.interval() == result.interval() and again.table == result.table
    assert repr(result).startswith("ProfileInterval(abundance=7392.92, lower=7147.75, upper=7656.2")
    assert "Cormack" in result._repr_html_()
    assert result.summary().loc["Mt", "method"] == "profile likelihood"
