import math
import pickle

import numpy as np
import pandas as pd
import pytest

import tipstats as ts


def seed_table(total=263, under_15=70, aged_15_17=31):
    """The seed article's figures: 263 victims of sexual assault rescued in 2019-H1, 70 under 15, 31 aged 15-18."""
    obs = ts.Observations()
    common = dict(area="KHM", offence="sexual_assault", source="ppp-2019")
    obs.add("victims_rescued", total, "2019-H1", **common)
    obs.add("victims_rescued", under_15, "2019-H1", age="0-14", **common)
    obs.add("victims_rescued", aged_15_17, "2019-H1", age=ts.AgeBand("15-17"), **common)
    return obs


def test_the_seed_breakdown_is_consistent_and_an_impossible_one_is_reported():
    assert seed_table().check() == []
    findings = seed_table(263, 200, 100).check()
    assert [f.kind for f in findings] == ["exceeds_total"]
    assert findings[0].dimension == "age"
    assert findings[0].rows == [0, 1, 2]
    assert "at least 300" in findings[0].message


def test_censored_values_are_kept_with_bounds():
    q = ts.Quantity("<5")
    assert (q.kind, q.is_censored, q.bound) == ("below", True, 5.0)
    assert q.bounds() == (0.0, 4.0)
    assert q.bounds(integer=False) == (0.0, 5.0)
    with pytest.raises(ts.ValidationError):
        q.value
    assert ts.Quantity(None).is_missing and ts.Quantity(None).bounds() == (0.0, math.inf)
    assert ts.Quantity(">1000").bounds() == (1001.0, math.inf)
    assert pickle.loads(pickle.dumps(q)) == q
    obs = seed_table()
    obs.add("victims_rescued", "<5", "2019-H1", area="KHM", offence="sexual_assault", sex="female", source="ppp-2019")
    assert math.isnan(obs.values[3])
    assert str(obs[3].value) == "<5"


@pytest.mark.parametrize(
    "value, field",
    [(-1, "value"), (2.5, "value"), (float("nan"), "value"), ("<", "value"), ("<0", "value"), (True, "value")],
)
def test_bad_counts_are_typed_errors_and_nothing_is_added(value, field):
    obs = seed_table()
    with pytest.raises(ts.Error) as info:
        obs.add("victims_rescued", value, "2019-H1")
    assert isinstance(info.value, ValueError)
    assert len(obs) == 3


@pytest.mark.parametrize("kwargs, error", [
    (dict(age="teenagers"), ts.ParseError),
    (dict(sex="robot"), ts.ParseError),
    (dict(unit="people"), ts.ValidationError),
])
def test_unknown_labels_are_parse_errors(kwargs, error):
    obs = ts.Observations()
    with pytest.raises(error):
        obs.add("cases", 1, "2019", **kwargs)
    with pytest.raises(ts.ParseError):
        obs.add("cases", 1, "2019-H3")
    assert len(obs) == 0


def test_pandas_round_trip_with_categoricals():
    obs = seed_table()
    obs.add("victims_rescued", "<5", "2018-H1", area="KHM", offence="sexual_assault", source="ppp-2019",
            note="illustrative, with a comma, and Khmer: កម្ពុជា")
    obs.add("arrest_share", 86, "2019", unit="percent", area="KHM", age="0-14")
    obs.add("victims_detected", None, "2019-01-01/2019-06-30", sex="unknown")
    df = obs.to_pandas()
    assert isinstance(df["age"].dtype, pd.CategoricalDtype)
    assert list(df["age"].cat.categories) == ["all", "0-14", "15-17"]
    assert df["censoring"].tolist() == ["exact", "exact", "exact", "below", "exact", "missing"]
    assert df.loc[3, "bound"] == 5 and math.isnan(df.loc[3, "value"])
    assert df.loc[0, "period_start"] == pd.Timestamp("2019-01-01")
    assert df.loc[5, "period"] == "2019-01-01/2019-06-30"
    back = ts.Observations.from_pandas(df)
    assert back == obs
    assert pickle.loads(pickle.dumps(obs)) == obs


def test_from_pandas_reads_text_values_and_names_the_bad_row():
    df = pd.DataFrame({"measure": ["cases"] * 3, "value": ["12", "<5", "7"], "period": ["2019", "2020", "2021"]})
    obs = ts.Observations.from_pandas(df)
    assert [str(q) for q in obs.quantities] == ["12", "<5", "7"]
    df.loc[2, "value"] = "-7"
    with pytest.raises(ts.ValidationError, match="row 2"):
        ts.Observations.from_pandas(df)
    with pytest.raises(ts.ValidationError, match="Colour"):
        ts.Observations.from_pandas(df.assign(Colour="red"))
    with pytest.raises(ts.ValidationError, match="period"):
        ts.Observations.from_pandas(df.drop(columns="period"))


def test_csv_round_trip_and_errors(tmp_path):
    obs = seed_table()
    obs.add("victims_rescued", "<5", "2018-H1", area="KHM", offence="sexual_assault", source="ppp-2019", note='a "quoted", note\nover two lines')
    path = tmp_path / "observations.csv"
    obs.to_csv(path)
    assert ts.Observations.read_csv(path) == obs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["observations.csv"]
    path.write_text("measure,value,period\ncases,12,2019\ncases,-1,2020\n", encoding="utf-8")
    with pytest.raises(ts.ParseError) as info:
        ts.Observations.read_csv(path)
    assert (info.value.line, info.value.field) == (3, "value")
    assert info.value.file == str(path)


def test_series_selects_orders_and_views_without_copies():
    obs = seed_table()
    common = dict(area="KHM", offence="sexual_assault", source="ppp-2019")
    obs.add("victims_rescued", 105, "2018-H1", **common)
    obs.add("victims_rescued", "<5", "2018-H2", **common)
    s = obs.series("victims_rescued", offence="sexual_assault")
    assert [str(p) for p in s.periods] == ["2018-H1", "2018-H2", "2019-H1"]
    np.testing.assert_array_equal(s.values, [105, np.nan, 263])
    np.testing.assert_array_equal(s.upper, [105, 4, 263])
    np.testing.assert_array_equal(s.censored, [False, True, False])
    assert s.values.base is not None and not s.values.flags.writeable  # a view into the Series
    assert s.x[0] == pytest.approx(2018 + 90.5 / 365)

    yoy = s.same_period_last_year()
    row = yoy[yoy.period == "2019-H1"].iloc[0]
    assert row.previous_period == "2018-H1" and row.previous_value == 105
    assert row.percent_change == pytest.approx(100 * (263 - 105) / 105)

    years = s.resample("year")
    assert [str(p) for p in years.series.periods] == ["2018"]
    assert math.isnan(years.series.values[0])
    assert (years.series.lower[0], years.series.upper[0]) == (105, 109)
    assert [str(p) for p in years.incomplete] == ["2019"]
    assert len(obs.series("victims_rescued", offence="sexual_assault", age="0-14")) == 1
    with pytest.raises(ts.NotFoundError):
        obs.series("arrests")
    with pytest.raises(ts.DomainError):
        s.resample("decade")


def test_ambiguous_series_asks_for_a_filter():
    obs = seed_table()
    obs.add("victims_rescued", 260, "2019-H1", area="KHM", offence="sexual_assault", source="other")
    with pytest.raises(ts.ValidationError, match="source="):
        obs.series("victims_rescued", offence="sexual_assault")
    assert len(obs.series("victims_rescued", offence="sexual_assault", source="other")) == 1


def test_from_pandas_reads_any_value_form_column_by_column():
    # One frame with every form a value can take in pandas: numbers, text, Quantity, None and NaN,
    # categorical and plain dimension columns with missing cells (their defaults).
    frame = pd.DataFrame({
        "measure": pd.Categorical(["victims"] * 6),
        "value": [263, "<5", ts.Quantity("106-111"), None, np.nan, "12"],
        "period": ["2019-H1", "2018-H1", "2018-H2", "2019-H2", "2020-H1", "2020-H2"],
        "area": ["KHM", None, "KHM", "KHM", "KHM", "KHM"],
        "age": pd.Categorical(["all", "0-14", None, "all", "all", "15-17"]),
        "citizenship": [None, "Viet Nam", None, None, "unknown", None],
    })
    obs = ts.Observations.from_pandas(frame)
    expected = ts.Observations(dimensions=["citizenship"])
    for value, period, area, age, citizenship in zip(
            [263, "<5", "106-111", None, None, "12"], frame["period"], ["KHM", "", "KHM", "KHM", "KHM", "KHM"],
            ["all", "0-14", "all", "all", "all", "15-17"], ["all", "Viet Nam", "all", "all", "unknown", "all"]):
        expected.add("victims", value, period, area=area, age=age, citizenship=citizenship)
    assert obs == expected
    with pytest.raises(ts.DomainError, match="True/False"):
        ts.Observations.from_pandas(frame.assign(value=[True] * 6))
    with pytest.raises(ts.ParseError, match="row 1"):
        ts.Observations.from_pandas(frame.assign(value=[1, "lots", 2, 3, 4, 5]))
    with pytest.raises(ts.ParseError, match="row 2"):
        ts.Observations.from_pandas(frame.assign(period=["2019", "2019", "2019-H3", "2019", "2019", "2019"]))
    written = obs.to_pandas()
    with pytest.raises(ts.ValidationError, match="row 0: 'approx' is not exact"):
        ts.Observations.from_pandas(written.assign(censoring=["approx"] + list(written["censoring"][1:])))
    with pytest.raises(ts.ValidationError, match="row 1: censoring is 'exact' but the value is missing"):
        ts.Observations.from_pandas(written.assign(censoring=["exact"] * 6))
