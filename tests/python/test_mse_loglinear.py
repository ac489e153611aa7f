"""Log-linear models of tipstats.mse against statsmodels' GLM, scipy's HiGHS and an independent
re-implementation of R's SparseMSE (sparsemse_reference.py), and against published figures."""

import itertools
import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import tipstats as ts
from tipstats import mse

import sparsemse_reference as ref

NAMES = ["UKdat", "UKdat_5", "Ned", "Ned_5", "NewOrl", "NewOrl_5", "Western", "Artificial_3", "Kosovo"]


def names(table, pairs):
    return [f"{table.lists[a]}:{table.lists[b]}" for a, b in pairs]


def assert_matches_glm(result, table, pairs):
    fit, aic, empty, fitted = ref.modelfit(table.counts, len(table.lists), pairs)
    np.testing.assert_allclose(result.coefficients.to_numpy(), fit.params, rtol=1e-8, atol=1e-9)
    # statsmodels' bse comes from the weights of its last iteration, one step old; the inverse
    # Fisher information at its estimate is the exact covariance.
    np.testing.assert_allclose(result.standard_errors.to_numpy(), fit.bse, rtol=1e-6)
    X = fit.model.exog
    covariance = np.linalg.inv(X.T @ (np.exp(X @ fit.params)[:, None] * X))
    np.testing.assert_allclose(result.covariance.to_numpy(), covariance, rtol=1e-7, atol=1e-12)
    assert result.deviance == pytest.approx(fit.deviance, rel=1e-9, abs=1e-8)
    assert result.aic == pytest.approx(aic, rel=1e-10)
    assert result.df_residual == fit.df_resid
    assert result.empty_overlaps == tuple(names(table, empty))
    np.testing.assert_allclose(result.fitted.to_numpy()[1:], fitted[1:], rtol=1e-7, atol=1e-9)
    assert result.dark_figure == pytest.approx(np.exp(fit.params[0]), rel=1e-9)
    assert result.total == pytest.approx(table.n_observed + np.exp(fit.params[0]), rel=1e-10)


@pytest.mark.parametrize("name", NAMES)
def test_stepwise_matches_sparsemse_reimplementation_and_glm(name):
    table = ts.datasets.mse(name)
    chosen, _ = ref.stepwisefit(table.counts, len(table.lists))
    result = mse.stepwise(table)
    assert result.interactions == tuple(names(table, chosen))
    assert len(result.p_values) == len(chosen) and all(p < 0.02 for p in result.p_values)
    assert_matches_glm(result, table, chosen)


@pytest.mark.parametrize("name", NAMES)
def test_main_effects_and_random_models_match_glm(name):
    table = ts.datasets.mse(name)
    k = len(table.lists)
    assert_matches_glm(mse.loglinear(table), table, [])
    rng = np.random.default_rng(len(name))
    pairs = list(itertools.combinations(range(k), 2))
    tried = 0
    for _ in range(40):
        chosen = [pairs[i] for i in sorted(rng.choice(len(pairs), size=rng.integers(1, min(5, len(pairs)) + 1),
                                                      replace=False))]
        if ref.checkident(table.counts, k, chosen) == 0:
            assert_matches_glm(mse.loglinear(table, names(table, chosen)), table, chosen)
            tried += 1
        if tried == 3:
            break
    assert tried > 0


def test_empty_overlaps_are_deleted_and_cost_two_aic_points():
    table = ts.datasets.mse("Ned_5")
    result = mse.loglinear(table, ["K:R", "IO:Z"])
    assert result.empty_overlaps == ("K:R",)
    assert "K:R" not in result.coefficients.index
    assert result.fitted["K&R"] == 0 and result.fitted["IO&K&R"] == 0
    assert_matches_glm(result, table, [(1, 3), (0, 4)])
    # poisspempty: exp(-expected overlap of K and R) under the model without K:R
    without = mse.loglinear(table, ["IO:Z"])
    expected = sum(v for cell, v in without.fitted.items() if {"K", "R"} <= set(cell.split("&")))
    assert result.empty_overlap_p == pytest.approx((np.exp(-expected),), rel=1e-9)


def test_interval_is_normal_on_the_log_dark_figure():
    result = mse.loglinear(ts.datasets.mse("Kosovo"), ["EXH:ABA", "OSCE:HRW"])
    b0, se = result.coefficients["(Intercept)"], result.standard_errors["(Intercept)"]
    for level in (0.5, 0.8, 0.95, 0.99):
        z = stats.norm.ppf((1 + level) / 2)
        assert result.interval(level) == pytest.approx((4400 + np.exp(b0 - z * se), 4400 + np.exp(b0 + z * se)),
                                                       rel=1e-12)
    with pytest.raises(ts.DomainError):
        result.interval(1.0)


def test_uk_2013_reproduces_the_published_estimate():
    # Home Office (2014) and Silverman (2020): the 5-list stepwise model gives about 11,300 victims,
    # "between 10 thousand and 13 thousand".
    result = mse.stepwise(ts.datasets.mse("UKdat_5"))
    assert round(result.total, -2) == 11300
    lower, upper = result.interval()
    assert round(lower, -3) == 10000 and round(upper, -3) == 13000


def test_sparsemse_documented_checks_on_artificial_3():
    # SparseMSE's Artificial_3 documentation (Chan, Silverman & Vincent 2021, Table 2): every pair
    # -> LP positive but not identifiable; AB alone or with one of AC, BC -> no estimate; main
    # effects, AC, BC or both (without AB) -> both checks pass.
    table = ts.datasets.mse("Artificial_3")
    full = mse.check(table, ["A:B", "A:C", "B:C"])
    assert full.exists and not full.identifiable and full.rank_deficiency == 1
    assert full.empty_overlaps == ("A:C", "B:C")
    for model in (["A:B"], ["A:B", "A:C"], ["A:B", "B:C"]):
        c = mse.check(table, model)
        assert not c.exists and c.identifiable and not c.ok
        assert c.lp_objective == pytest.approx(0, abs=1e-12)
    for model in ([], ["A:C"], ["B:C"], ["A:C", "B:C"]):
        assert mse.check(table, model).ok
    assert mse.check(table, ["A:B"]).zero_cells == ("A&C", "B&C", "A&B&C")


def test_failing_models_raise_errors_naming_what_is_responsible():
    table = ts.datasets.mse("Artificial_3")
    with pytest.raises(ts.DomainError, match=r"does not exist.*A&C, B&C, A&B&C.*lists involved: A, B, C.*pairs "
                                             r"involved: A:B") as info:
        mse.loglinear(table, ["A:B"])
    assert info.value.argument == "interactions"
    with pytest.raises(ts.DomainError, match=r"not identifiable: the terms .*A:B"):
        mse.loglinear(table, [("A", "B"), ("A", "C"), ("B", "C")])
    nobody = mse.CaptureTable(["A", "B", "C"], ["A", "A&B", "B"], [3, 2, 5])
    with pytest.raises(ts.DomainError, match="nobody was found on list C"):
        mse.loglinear(nobody)
    everybody = mse.CaptureTable(["A", "B", "C"], ["A", "A&B", "A&C"], [3, 2, 5])
    with pytest.raises(ts.DomainError, match="everybody found is on list A"):
        mse.loglinear(everybody)


@pytest.mark.parametrize("interactions, index", [(["A:Z"], 0), (["A:B", "B:A"], 1), (["A:A"], 0), (["A:B:C"], 0),
                                                 ([("A",)], 0)])
def test_bad_interactions(interactions, index):
    with pytest.raises(ts.DomainError) as info:
        mse.loglinear(ts.datasets.mse("Artificial_3"), interactions)
    assert info.value.argument == "interactions" and info.value.index == index


def random_table(rng, k):
    means = rng.choice([0.0, 0.3, 2.0, 20.0], size=2 ** k, p=[0.35, 0.25, 0.25, 0.15])
    counts = rng.poisson(means).astype(float)
    counts[0] = 0
    for i in range(k):  # every list has someone, so that main effects exist
        counts[1 << i] += 1
    return counts


def test_existence_check_agrees_with_highs_on_random_sparse_tables():
    rng = np.random.default_rng(2021)
    disagreements, fails = 0, 0
    for trial in range(150):
        k = int(rng.integers(3, 6))
        counts = random_table(rng, k)
        table = mse.CaptureTable._from_cells([f"L{i}" for i in range(k)], counts)
        pairs = list(itertools.combinations(range(k), 2))
        chosen = [pairs[i] for i in sorted(rng.choice(len(pairs), size=rng.integers(0, len(pairs) + 1), replace=False))]
        result = mse.check(table, names(table, chosen))
        X, y, _, kept = ref.build(counts, k, chosen)
        objective = ref.lp_objective(X, y)
        assert result.lp_objective == pytest.approx(objective / y.sum(), abs=1e-9)
        assert result.exists == (objective > 1e-9 * y.sum())
        assert result.identifiable == (np.linalg.matrix_rank(X) == X.shape[1])
        fails += not result.exists
        if not result.exists:  # the cells forced to zero: those whose largest value is 0 (HiGHS)
            forced = []
            for r in np.flatnonzero(y == 0):
                c = np.zeros(len(y))
                c[r] = -1
                res = ref.optimize.linprog(c, A_eq=X.T, b_eq=X.T @ y, bounds=[(0, None)] * len(y), method="highs")
                if -res.fun <= 1e-9:
                    forced.append(int(kept[r]))
            expected = tuple("&".join(f"L{i}" for i in range(k) if m >> i & 1) for m in forced)
            disagreements += result.zero_cells != expected
    assert disagreements == 0
    assert 10 < fails < 140  # the trials cover both outcomes


def test_result_views_and_pickling():
    result = mse.stepwise(ts.datasets.mse("UKdat_5"))
    again = pickle.loads(pickle.dumps(result))
    assert again.total == result.total and again.interactions == result.interactions
    pd.testing.assert_series_equal(again.coefficients, result.coefficients)
    assert again.table == result.table
    assert repr(result).startswith("StepwiseResult(total=11313, interval=(9884.4, 13027.4), dark_figure=8568.99,")
    html = result._repr_html_()
    assert "StepwiseResult" in html and "11,313.0" in html and "SparseMSE" in html
    summary = result.summary(0.9)
    assert list(summary.columns) == ["estimate", "lower", "upper", "level", "model", "method", "reference"]
    assert summary.loc["log-linear", "level"] == 0.9 and summary.loc["log-linear", "method"] == "stepwise"
    assert summary.loc["log-linear", "model"].startswith("main effects + LA:NG, NG:GP")
    d = result.to_dict()
    assert d["coefficients"]["LA:NG"] == pytest.approx(result.coefficients["LA:NG"])
    assert d["table"] is result.table or d["table"] == result.table
    check = mse.check(ts.datasets.mse("Artificial_3"), ["A:B"])
    assert pickle.loads(pickle.dumps(check)).zero_cells == check.zero_cells
    assert "ModelCheck(ok=False" in repr(check) and "A&amp;C" in check._repr_html_()


def test_threshold_edges():
    table = ts.datasets.mse("Kosovo")
    assert mse.stepwise(table, threshold=0).interactions == ()
    full = mse.stepwise(table, threshold=1)  # every pair when the model passes the checks (SparseMSE)
    assert full.interactions == ("EXH:ABA", "EXH:OSCE", "EXH:HRW", "ABA:OSCE", "ABA:HRW", "OSCE:HRW")
    assert_matches_glm(full, table, list(itertools.combinations(range(4), 2)))
    with pytest.raises(ts.DomainError):
        mse.stepwise(table, threshold=1.5)
