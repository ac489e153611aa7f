"""The bootstrap of tipstats.mse: reproducible for a seed whatever the threads, its jackknife and BCa
interval against an independent computation with numpy/scipy (DiCiccio & Efron 1996, as SparseMSE's
estimatepopulation and bcaconfvalues)."""

import pickle

import numpy as np
import pytest
from scipy import stats

import tipstats as ts
from tipstats import mse


def bca_reference(replicates, estimate, a, probabilities):
    """SparseMSE's bcaconfvalues: R's quantile(type = 8) is numpy's 'median_unbiased'."""
    z0 = stats.norm.ppf(np.mean(np.asarray(replicates) < estimate))
    za0 = z0 + stats.norm.ppf(probabilities)
    return np.quantile(replicates, stats.norm.cdf(z0 + za0 / (1 - a * za0)), method="median_unbiased")


def test_same_seed_same_replicates_whatever_the_threads():
    table = ts.datasets.mse("UKdat")
    runs = [mse.bootstrap(table, n=60, seed=7, threads=t) for t in (1, 2, 3, 0)]
    for r in runs[1:]:
        np.testing.assert_array_equal(r.replicates, runs[0].replicates)
        assert r.acceleration == runs[0].acceleration
    other = mse.bootstrap(table, n=60, seed=8, threads=2)
    assert not np.array_equal(other.replicates, runs[0].replicates)
    unseeded = mse.bootstrap(table, method="fixed", n=20)
    again = mse.bootstrap(table, method="fixed", n=20, seed=unseeded.seed)
    np.testing.assert_array_equal(again.replicates, unseeded.replicates)


def test_jackknife_and_acceleration_against_direct_refits():
    table = ts.datasets.mse("Western")
    result = mse.bootstrap(table, n=50, seed=3)
    observed = table.to_pandas()
    estimates, weights = [], []
    for row in observed.itertuples(index=False):
        counts = table.counts.copy()
        mask = sum(int(getattr(row, name)) << i for i, name in enumerate(table.lists))
        counts[mask] -= 1
        left_out = mse.CaptureTable._from_cells(table.lists, counts)
        estimates.append(mse.stepwise(left_out).total)
        weights.append(table.counts[mask])
        name = "&".join(n for n in table.lists if getattr(row, n))
        assert result.jackknife[name] == pytest.approx(estimates[-1], rel=1e-10)
    estimates, weights = np.array(estimates), np.array(weights, dtype=float)
    residual = np.average(estimates, weights=weights) - estimates
    a = np.sum(weights * residual ** 3) / (6 * np.sum(weights * residual ** 2) ** 1.5)
    assert result.acceleration == pytest.approx(a, rel=1e-9)
    assert result.total == pytest.approx(mse.stepwise(table).total, rel=1e-12)


@pytest.mark.parametrize("name, method", [("UKdat_5", "stepwise"), ("Kosovo", "fixed"), ("NewOrl_5", "stepwise")])
def test_bca_quantiles_match_the_definition(name, method):
    result = mse.bootstrap(ts.datasets.mse(name), method=method, n=150, seed=11)
    probabilities = np.array([0.025, 0.05, 0.1, 0.16, 0.5, 0.84, 0.9, 0.95, 0.975])
    expected = bca_reference(result.replicates, result.total, result.acceleration, probabilities)
    np.testing.assert_allclose(result.quantiles(probabilities).to_numpy(), expected, rtol=1e-12)
    assert result.interval(0.9) == pytest.approx(tuple(expected[[1, 7]]), rel=1e-12)
    assert result.bias_correction == pytest.approx(stats.norm.ppf(np.mean(result.replicates < result.total)))
    assert list(result.quantiles().index) == [0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975]


def test_type_8_quantile_on_ties_and_extremes():
    rng = np.random.default_rng(5)
    for size in (2, 3, 7, 100):
        replicates = np.round(rng.normal(10, 3, size=size))  # many ties
        estimate = float(np.median(replicates)) + 0.5
        if not 0 < np.mean(replicates < estimate) < 1:
            continue
        probabilities = np.array([0.001, 0.025, 0.5, 0.975, 0.999])
        got = ts._core.mse.bca_quantiles(replicates, estimate, 0.05, probabilities)
        np.testing.assert_allclose(got, bca_reference(replicates, estimate, 0.05, probabilities), rtol=1e-12)


def test_bca_is_undefined_when_every_replicate_is_on_one_side():
    with pytest.raises(ts.DomainError, match="bias correction is infinite"):
        ts._core.mse.bca_quantiles(np.array([3.0, 4.0, 5.0]), 2.0, 0.0, np.array([0.5]))


def test_fixed_bootstrap_spreads_like_the_model_interval():
    # With a well-fitting fixed model the bootstrap's spread of log(dark figure) is close to the
    # model's standard error of the intercept (both estimate the same sampling variation).
    table = ts.datasets.mse("Kosovo")
    model = mse.loglinear(table, ["EXH:ABA", "OSCE:HRW"])
    result = mse.bootstrap(table, method="fixed", interactions=["EXH:ABA", "OSCE:HRW"], n=400, seed=1)
    spread = np.std(np.log(result.replicates - table.n_observed))
    assert spread == pytest.approx(model.standard_errors["(Intercept)"], rel=0.15)
    assert abs(np.median(result.replicates) / model.total - 1) < 0.03


def test_a_list_with_one_person_is_dropped_in_replicates_that_miss_it():
    table = mse.CaptureTable(["A", "B", "C", "D"], ["A", "B", "C", "A&B", "A&C", "B&C", "D"], [50, 40, 30, 10, 8, 6, 1])
    result = mse.bootstrap(table, method="fixed", n=200, seed=4)
    assert 30 < result.dropped_lists < 120  # about exp(-1) of the replicates miss D
    assert np.all(np.isfinite(result.replicates))


def test_bad_arguments():
    table = ts.datasets.mse("Artificial_3")
    for kwargs, argument in [({"n": 1}, "n"), ({"method": "bic"}, "method"), ({"threads": -1}, "threads"),
                             ({"threshold": 2.0}, "threshold"), ({"method": "fixed", "interactions": ["A:Z"]},
                                                                 "interactions"),
                             ({"interactions": ["A:C"]}, "interactions")]:
        with pytest.raises(ts.DomainError) as info:
            mse.bootstrap(table, **kwargs)
        assert info.value.argument == argument
    with pytest.raises(ts.DomainError, match="does not exist"):
        mse.bootstrap(table, method="fixed", interactions=["A:B"], n=10, seed=1)


def test_replicate_failures_name_the_replicate():
    # One person on A alone: replicates that miss them have A only with B, where A:B has no estimate.
    table = mse.CaptureTable._from_cells(["A", "B", "C"], [0, 1, 29, 2, 4, 0, 29, 6])
    assert mse.check(table, ["A:B"]).ok
    with pytest.raises(ts.Error, match=r"bootstrap replicate \d+ of 50 \(seed 1\): .*does not exist"):
        mse.bootstrap(table, method="fixed", interactions=["A:B"], n=50, seed=1)


def test_views_and_pickling():
    result = mse.bootstrap(ts.datasets.mse("UKdat_5"), n=40, seed=2)
    again = pickle.loads(pickle.dumps(result))
    np.testing.assert_array_equal(again.replicates, result.replicates)
    assert again.interval() == result.interval()
    assert repr(result).startswith("BootstrapResult(total=11313, interval=(")
    assert "DiCiccio" in result._repr_html_()
    summary = result.summary()
    assert summary.iloc[0]["method"] == "bootstrap stepwise"
    assert summary.iloc[0]["lower"] < result.total < summary.iloc[0]["upper"]
