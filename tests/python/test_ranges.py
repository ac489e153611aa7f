"""Figures known only as ranges, sums with bounds and helpful not-found errors (issue 17, items 2, 4, 6).

The running example is the seed article's: "263 victims rescued in the first six months, an increase
of nearly 150 per cent" leaves 106 to 111 for the same period a year earlier.
"""

import itertools
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

import tipstats as ts

scipy_stats = pytest.importorskip("scipy.stats")


def test_a_range_is_a_quantity_in_every_form(tmp_path):
    q = ts.Quantity("106-111")
    assert (q.kind, q.is_range, q.is_censored, q.is_exact) == ("range", True, False, False)
    assert q == ts.Quantity("[106, 111]") == ts.Quantity.range(106, 111)
    assert q.bounds() == (106.0, 111.0) and str(q) == "106-111"
    assert ts.Quantity.range(-5, -3) == ts.Quantity("[-5, -3]")
    with pytest.raises(ts.ValidationError, match="a range"):
        q.value
    with pytest.raises(ts.ParseError):
        ts.Quantity("111-106")
    assert pickle.loads(pickle.dumps(q)) == q

    obs = ts.Observations()
    obs.add("victims_rescued", 263, "2019-H1", area="KHM", source="ppp-2019")
    obs.add("victims_rescued", q, "2018-H1", area="KHM", source="ppp-2019")
    df = obs.to_pandas()
    assert df["censoring"].tolist() == ["exact", "range"]
    assert df[["lower", "upper"]].values.tolist() == [[263, 263], [106, 111]]
    assert ts.Observations.from_pandas(df) == obs
    obs.to_csv(tmp_path / "obs.csv")
    assert "2018-H1" in (tmp_path / "obs.csv").read_text() and "106-111" in (tmp_path / "obs.csv").read_text()
    assert ts.Observations.read_csv(tmp_path / "obs.csv") == obs
    ds = ts.Dataset([], sources=[ts.Source("ppp-2019")], observations=obs)
    assert '"value": "106-111"' in ds.to_json()
    assert ts.Dataset.from_json(ds.to_json()).observations == obs
    with pytest.raises(ts.ValidationError, match="whole number"):
        obs.add("victims_rescued", "105.5-111", "2017-H1")


def brute_change(currents, previouses):
    """change_ci at every pair of counts, one call each."""
    return [ts.change_ci(c, p) for c, p in itertools.product(currents, previouses)]


@pytest.mark.parametrize("current, previous", [
    (263, "106-111"), ("250-263", 106), ("<5", "3-9"), ("10-12", "<5"), ("0-2", "5"),
])
def test_changes_of_figures_are_the_range_over_every_pair_of_counts(current, previous):
    def counts(figure):
        low, high = ts.Quantity(str(figure)).bounds()
        return range(int(low), int(high) + 1)

    pairs = [(c, p) for c, p in itertools.product(counts(current), counts(previous)) if p > 0]
    r = ts.change_ci(current, previous)
    each = [ts.change_ci(c, p) for c, p in pairs]
    if 0 in counts(previous):  # a change from 0 is undefined: no upper end
        assert r.percent_change.kind == "above" and r.upper == np.inf
        assert r.percent_change.bounds(integer=False)[0] == pytest.approx(min(e.percent_change for e in each))
        assert r.lower == pytest.approx(min(e.lower for e in each))
    else:
        assert r.percent_change.bounds(integer=False) == pytest.approx(
            (min(e.percent_change for e in each), max(e.percent_change for e in each)), rel=1e-12)
        assert (r.lower, r.upper) == pytest.approx((min(e.lower for e in each), max(e.upper for e in each)),
                                                   rel=1e-12)
        assert r.p_value.bounds(integer=False) == pytest.approx((min(e.p_value for e in each),
                                                                 max(e.p_value for e in each)), rel=1e-12)
        changes = [100 * (c / p - 1) for c, p in pairs]
        assert ts.percent_change(current, previous).bounds(integer=False) == pytest.approx(
            (min(changes), max(changes)), rel=1e-12)
    change, lower, upper = r  # unpacks as a Change does
    assert change is r.percent_change


def test_a_change_from_a_figure_that_may_be_zero():
    assert ts.percent_change(10, "<5").kind == "above"  # from 4: +150 % at least, no upper end
    assert ts.percent_change(10, "<5").bounds(integer=False)[0] == pytest.approx(150.0)
    assert ts.percent_change("<5", 10).bounds(integer=False) == (-100.0, -60.0)
    with pytest.raises(ts.DomainError):
        ts.percent_change(10, "0")
    with pytest.raises(ts.DomainError, match="no upper bound"):
        ts.change_ci(">1000", 10)


def test_the_claims_baseline_is_one_answer_everywhere():
    claim = ts.check_claim("an increase of nearly 150 per cent", current=263)
    assert claim.baseline == ts.Quantity("106-111")
    assert claim.baseline.bounds() == claim.baseline_range
    # Every count the baseline holds fits the wording; its neighbours do not.
    for previous in range(100, 118):
        fits = ts.check_claim("an increase of nearly 150 per cent", current=263, previous=previous).consistent
        assert fits == (106 <= previous <= 111), previous
    assert ts.check_claim("an increase of more than 20 per cent", current=120).baseline == ts.Quantity("1-99")
    assert ts.check_claim("an increase of at least 20 per cent", current=120).baseline == ts.Quantity("1-100")


def test_same_period_last_year_gives_the_range_of_changes():
    obs = ts.Observations()
    for period, value in [("2018-H1", "106-111"), ("2019-H1", 263), ("2019-H2", "<5"), ("2020-H1", None),
                          ("2020-H2", 7), ("2021-H1", 12)]:
        obs.add("victims_rescued", value, period, area="KHM")
    table = obs.series("victims_rescued").same_period_last_year().set_index("period")
    assert tuple(table.loc["2019-H1", ["percent_change_lower", "percent_change_upper"]]) == pytest.approx(
        ts.percent_change(263, "106-111").bounds(integer=False))
    assert np.isnan(table.loc["2019-H1", "percent_change"])
    assert table.loc["2020-H2", "percent_change_lower"] == pytest.approx(75.0)  # 7 against at most 4
    assert table.loc["2020-H2", "percent_change_upper"] == np.inf              # against perhaps 0
    assert table.loc["2021-H1", ["percent_change_lower", "percent_change_upper"]].isna().all()  # 2020-H1 missing


def test_aggregate_adds_censored_and_range_values_as_bounds():
    obs = ts.Observations(dimensions=["citizenship"])
    rows = [("KHM", "2020", 70), ("THA", "2020", 24), ("LAO", "2020", "<5"), ("VNM", "2020", "10-16"),
            ("KHM", "2021", 81), ("THA", "2021", None), ("LAO", "2021", 3)]
    for area, period, value in rows:
        obs.add("victims_detected", value, period, area=area)
    obs.add("victims_detected", 50, "2020", area="KHM", citizenship="Cambodia")  # a breakdown: not added
    obs.add("share_female", 0.6, "2020", unit="proportion", area="KHM")
    by_year = obs.aggregate(by=["period"], measure="victims_detected").set_index("period")
    # Independently: the bounds of every value, added.
    expected = {}
    for area, period, value in rows:
        low, high = (0.0, np.inf) if value is None else ts.Quantity(str(value)).bounds()
        a, b = expected.get(period, (0.0, 0.0))
        expected[period] = (a + low, b + high)
    for period, (low, high) in expected.items():
        assert (by_year.loc[period, "lower"], by_year.loc[period, "upper"]) == (low, high)
    assert np.isnan(by_year.loc["2020", "value"]) and by_year["rows"].tolist() == [4, 3]
    exact = obs.aggregate(by=["area"], measure="victims_detected", period="2020").set_index("area")
    assert exact.loc["KHM", "value"] == 70 and exact.loc["VNM", ["lower", "upper"]].tolist() == [10, 16]
    by_citizenship = obs.aggregate(by=["citizenship"], measure="victims_detected", period="2020")
    assert by_citizenship.set_index("citizenship")["rows"].to_dict() == {"all": 4, "Cambodia": 1}

    with pytest.raises(ts.ValidationError, match="name the measure"):
        obs.aggregate(by=["period"])
    with pytest.raises(ts.ValidationError, match="only counts"):
        obs.aggregate(by=["period"], measure="share_female")
    with pytest.raises(ts.DomainError, match="unknown dimension 'colour'"):
        obs.aggregate(by=["colour"], measure="victims_detected")
    obs.add("victims_detected", 30, "2020-H1", area="KHM")
    with pytest.raises(ts.ValidationError, match="overlaps"):
        obs.aggregate(by=["area"], measure="victims_detected")


def test_series_sum_and_the_glotip_repeated_labels():
    obs = ts.Observations()
    for value in (27, "<5", 5, 20):  # Albania 2017, Other forms of exploitation, as UNODC's export has it
        obs.add("victims_detected", value, "2017", area="ALB", offence="other_exploitation")
    assert obs.series("victims_detected", offence="other_exploitation").sum() == ts.Quantity("52-56")
    assert obs.aggregate(by=["offence"], measure="victims_detected", offence="other_exploitation")[
        ["lower", "upper"]].values.tolist() == [[52, 56]]


def test_not_found_errors_name_what_there_is():
    ds = ts.datasets.cambodia_2019()
    with pytest.raises(ts.NotFoundError) as caught:
        ds.series("victims_rescued")
    text = str(caught.value)
    assert "offence: sexual_assault" in text and "age: all, 0-14, 15-17" in text
    with pytest.raises(ts.NotFoundError, match="the measures are victims_rescued, cases_with_arrest"):
        ds.series("victims")
