import datetime as dt
import pickle

import pytest

import tipstats as ts


@pytest.mark.parametrize(
    "text, kind, start, end, days",
    [
        ("2019", "year", dt.date(2019, 1, 1), dt.date(2019, 12, 31), 365),
        ("2019-H1", "half", dt.date(2019, 1, 1), dt.date(2019, 6, 30), 181),
        ("2019-Q3", "quarter", dt.date(2019, 7, 1), dt.date(2019, 9, 30), 92),
        ("2020-02", "month", dt.date(2020, 2, 1), dt.date(2020, 2, 29), 29),
        ("2019-06-14", "day", dt.date(2019, 6, 14), dt.date(2019, 6, 14), 1),
        ("2019-01-01/2019-06-30", "interval", dt.date(2019, 1, 1), dt.date(2019, 6, 30), 181),
    ],
)
def test_period_grammar_round_trips(text, kind, start, end, days):
    p = ts.Period.parse(text)
    assert (p.kind, p.start, p.end, p.days) == (kind, start, end, days)
    assert str(p) == text
    assert ts.Period(str(p)) == p
    assert repr(p) == f"Period('{text}')"
    assert pickle.loads(pickle.dumps(p)) == p


def test_period_relations_and_shift():
    h1 = ts.Period("2019-H1")
    assert h1.contains(dt.date(2019, 6, 30))
    assert dt.date(2019, 7, 1) not in h1
    assert ts.Period("2019-Q2") in h1
    assert h1.overlaps(ts.Period("2019-06-30/2019-07-31"))
    assert str(h1.shift(years=-1)) == "2018-H1"
    assert ts.Period("2020-02-29").shift(years=-1).start == dt.date(2019, 2, 28)
    assert ts.Period("2019-01/2019-06") == h1
    assert hash(ts.Period("2019-01/2019-06")) == hash(h1)
    assert sorted([ts.Period("2019"), ts.Period("2018-H2"), ts.Period("2018")]) == [
        ts.Period("2018"), ts.Period("2018-H2"), ts.Period("2019")]
    assert ts.Period.between(dt.date(2019, 1, 1), dt.date(2019, 1, 31)) == ts.Period("2019-01")


@pytest.mark.parametrize("bad", ["", "2019-H3", "2019-13", "2019-02-30", "2019-06-30/2019-01-01", "H1 2019"])
def test_bad_periods_raise_parse_error(bad):
    with pytest.raises(ts.ParseError) as info:
        ts.Period.parse(bad)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ts.Error)


def test_impossible_date_names_the_date():
    with pytest.raises(ts.ParseError, match="2019-02-30"):
        ts.parse_date("2019-02-30")
    assert ts.parse_date("2019-08-01") == dt.date(2019, 8, 1)


def test_period_between_rejects_reversed_ends_and_datetimes():
    with pytest.raises(ts.ValidationError):
        ts.Period.between(dt.date(2019, 2, 1), dt.date(2019, 1, 1))
    with pytest.raises(TypeError):
        ts.Period.between(dt.datetime(2019, 1, 1, 12), dt.date(2019, 2, 1))


def test_partial_dates():
    d = ts.PartialDate("2019")
    assert (d.precision, d.year, d.month, d.day) == ("year", 2019, None, None)
    assert (d.earliest, d.latest) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert d.admits(dt.date(2019, 5, 2)) and not d.is_exact
    assert ts.PartialDate(dt.date(2019, 8, 1)) == ts.PartialDate("2019-08-01")
    assert ts.PartialDate("2019") < ts.PartialDate("2019-01") < ts.PartialDate("2019-01-01")
    assert pickle.loads(pickle.dumps(ts.PartialDate("2020-02"))) == ts.PartialDate("2020-02")
    assert repr(ts.PartialDate("2020-02")) == "PartialDate('2020-02')"
    with pytest.raises(ts.ParseError):
        ts.PartialDate("Thursday")


def test_version_is_set():
    assert ts.__version__.count(".") == 2
