"""Observations.trends: one row per series, every row equal to the one-series functions on what
Observations.series gives for it, and a note (never an exception) for a series that cannot be fitted."""

import math

import numpy as np
import pandas as pd
import pytest

import tipstats as ts
from tipstats import trend


def table(seed=0, areas=("ARG", "KHM", "THA", "ALB"), years=range(2008, 2020)):
    """Yearly detected victims by area and sex with small counts published as "<5" and gaps."""
    rng = np.random.default_rng(seed)
    obs = ts.Observations()
    for area in areas:
        level = rng.uniform(2, 60)
        growth = rng.normal(0.04, 0.08)
        for sex in ("all", "female", "male"):
            share = 1.0 if sex == "all" else rng.uniform(0.3, 0.7)
            for year in years:
                if rng.random() < 0.1:
                    continue  # a year not published: a gap
                mu = level * share * math.exp(growth * (year - years[0]))
                count = int(rng.negative_binomial(2, 2 / (2 + mu)))
                value = "<5" if count < 5 else (None if rng.random() < 0.05 else count)
                obs.add("victims_detected", value, str(year), area=area, sex=sex)
                obs.add("persons_convicted", max(count // 3, 0), str(year), area=area, sex=sex)
    return obs


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.mark.parametrize("model", ["poisson", "negbin"])
def test_each_row_is_the_one_series_fit_of_its_series(model):
    obs = table()
    rows = obs.trends("victims_detected", by=["area", "sex"], model=model, threads=2)
    assert list(rows.columns[:3]) == ["area", "sex", "periods"]
    assert len(rows) == 4 * 3
    fitted = 0
    for row in rows.to_dict("records"):
        s = obs.series("victims_detected", area=row["area"], sex=row["sex"])
        assert row["periods"] == f"{s.periods[0]}..{s.periods[-1]}"
        try:
            fit = trend.loglinear(s, model=model)
        except ts.DomainError as error:  # the row says the same, with NaN in place of numbers
            assert str(error).split(": ", 1)[1] in row["note"] and math.isnan(row["apc"])
        else:
            fitted += 1
            assert (row["n"], row["n_censored"], row["n_missing"]) == (fit.n, fit.n_censored, fit.n_missing)
            assert row["apc"] == fit.apc and row["apc_lower"] == fit.apc_ci[0] and row["p_value"] == fit.p_value
            assert row["dispersion"] == (fit.alpha if model == "negbin" else fit.dispersion)
            assert same(row["pearson_ratio"], fit.pearson_ratio)
        try:
            mk = trend.mann_kendall(s)
        except ts.DomainError as error:
            assert str(error).split(": ", 1)[1] in row["note"] and math.isnan(row["mk_tau"])
        else:
            assert row["mk_tau"] == mk.tau and same(row["mk_p"], mk.p) and row["sen_slope"] == mk.slope
            assert row["mk_trend"] == mk.trend
    assert fitted >= 10 and rows["n_censored"].sum() > 0 and rows["n_missing"].sum() > 0


def test_unnamed_breakdowns_are_totals_and_filters_select():
    obs = table()
    totals = obs.trends("victims_detected", by="area", model="poisson")
    assert list(totals["area"]) == ["ARG", "KHM", "THA", "ALB"]
    named = obs.trends("victims_detected", by="area", sex="all", model="poisson")
    assert totals["apc"].tolist() == named["apc"].tolist()
    women = obs.trends("victims_detected", by="area", sex="female", model="poisson")
    assert women["apc"][0] == trend.loglinear(obs.series("victims_detected", area="ARG", sex="female")).apc
    one = obs.trends("victims_detected", by=[], area="KHM", model="poisson")
    assert len(one) == 1 and one["apc"][0] == totals["apc"][1]
    # any dimension the table knows works as a by column: a dimension is a name codes() knows
    assert len(obs.trends("victims_detected", by=["sex", "area"])) == 12
    assert list(obs.trends("victims_detected", by=["area", "source"])["source"]) == [""] * 4


def test_gaps_stay_gaps_and_x_is_the_real_year():
    obs = ts.Observations()
    for year, value in [(2010, 12), (2011, 15), (2014, 25), (2015, 31), (2019, 60)]:
        obs.add("victims_detected", value, str(year), area="ARG")
    row = obs.trends("victims_detected", by="area", model="poisson").iloc[0]
    x = np.array([2010, 2011, 2014, 2015, 2019]) + 0.5
    fit = trend.loglinear([12, 15, 25, 31, 60], x=x)
    assert row["periods"] == "2010..2019" and row["n"] == 5
    assert row["slope"] == pytest.approx(fit.slope, rel=1e-14)


def test_a_series_that_cannot_be_fitted_gets_a_note_and_the_others_still_fit():
    obs = ts.Observations()
    rows = {
        "AAA": [(2015, 10), (2016, 14), (2017, 20), (2018, 24)],  # fine
        "BBB": [(2015, "<5"), (2016, "<5"), (2017, "<5")],          # every value censored
        "CCC": [(2015, 0), (2016, 0), (2017, 0)],                   # all zeros
        "DDD": [(2019, 12)],                                        # one period
        "EEE": [(2015, None), (2016, None)],                        # every value missing
    }
    for area, values in rows.items():
        for year, value in values:
            obs.add("victims_detected", value, str(year), area=area)
    obs.add("victims_detected", 30, "2016", area="FFF", source="police")  # a period given twice
    obs.add("victims_detected", 31, "2016", area="FFF", source="ngo")
    obs.add("victims_detected", 40, "2017", area="FFF", source="ngo")
    obs.add("victims_detected", 0.25, "2016", area="GGG", unit="proportion")
    obs.add("victims_detected", 0.5, "2017", area="GGG", unit="proportion")
    result = obs.trends("victims_detected", by="area").set_index("area")
    assert result.loc["AAA", "note"] == "" and not math.isnan(result.loc["AAA", "apc"])
    notes = result["note"].to_dict()
    assert "all counts are zero (or censored down to zero)" in notes["BBB"]
    assert "every value is censored" in notes["BBB"]
    assert "all counts are zero" in notes["CCC"]
    assert "at least 3" in notes["DDD"] and result.loc["DDD", "n"] == 1
    assert notes["EEE"] == "every value is missing" and result.loc["EEE", "n_missing"] == 2
    assert "two sources give 2016" in notes["FFF"] and "source=" in notes["FFF"]
    assert "unit 'proportion'" in notes["GGG"]
    for area in "BBB", "CCC", "DDD", "EEE", "FFF", "GGG":
        assert math.isnan(result.loc[area, "apc"])  # NaN with the reason beside it, never a number
    assert (result.loc["BBB", "n"], result.loc["BBB", "n_censored"]) == (3, 3)


def test_ambiguous_selections_and_bad_names():
    obs = table(areas=("ARG", "KHM"))
    row = obs.trends("victims_detected", by="sex").iloc[0]  # two areas in one series
    assert "more than one area ('ARG', 'KHM')" in row["note"] and math.isnan(row["apc"])
    with pytest.raises(ts.DomainError) as e:
        obs.trends("victims_detected", by="citizenship")
    assert e.value.argument == "dimension"
    with pytest.raises(ts.DomainError, match="by"):
        obs.trends("victims_detected", by=["period"])
    with pytest.raises(ts.DomainError, match="both"):
        obs.trends("victims_detected", by=["area"], area="ARG")
    with pytest.raises(ts.NotFoundError):
        obs.trends("arrests")
    with pytest.raises(ts.NotFoundError):
        obs.trends("victims_detected", by="area", age="0-14")  # no such breakdown in the table
    with pytest.raises(ts.DomainError, match="model"):
        obs.trends("victims_detected", model="zip")  # type: ignore[arg-type]


def test_quasi_refuses_censored_series_in_a_note():
    rows = table().trends("victims_detected", by=["area", "sex"], model="quasi")
    censored = rows[rows["n_censored"] > 0]
    assert len(censored) and censored["note"].str.contains("quasi-Poisson has no likelihood").all()
    partly = censored[censored["n_censored"] < censored["n"]]
    assert len(partly) and partly["mk_tau"].notna().all()  # the rank methods still run


def test_progress_reports_and_gives_the_same_rows():
    obs = table(seed=4)
    seen = []
    with_progress = obs.trends("victims_detected", by=["area", "sex"], progress=lambda done, total: seen.append(done))
    pd.testing.assert_frame_equal(with_progress, obs.trends("victims_detected", by=["area", "sex"]))
    assert seen and seen[-1] == 12
