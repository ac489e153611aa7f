"""Rich display: the text and HTML forms of every public object and result against golden files, and
pickling round trips with a versioned state.

The golden files are tests/python/golden/<name>.txt (``repr``) and <name>.html (``_repr_html_``).
After an intended change of a view, regenerate them and review the diff:

    TIPSTATS_REGENERATE_GOLDEN=1 PYTHONPATH=python python3 -m pytest tests/python/test_display.py

Statuses in the views are taken on a fixed day (2020-06-01), not today, so the files do not age.
"""

import datetime as dt
import os
import pathlib
import pickle

import numpy as np
import pytest

import tipstats as ts
import tipstats.model

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("TIPSTATS_REGENERATE_GOLDEN") == "1"
DAY = dt.date(2020, 6, 1)


def objects():
    ds = ts.datasets.cambodia_2019()
    censored = ts.Observations()
    censored.add("victims_rescued", "<5", "2018-H1", area="KHM", age="15-17", source="ppp-2019", note="small")
    censored.add("victims_rescued", 12, "2019-H1", area="KHM", age="15-17")
    censored.add("victims_rescued", None, "2020-H1", area="KHM", age="15-17")
    counts = [105, 130, 160, 210, 263, 250, 240, 236]
    inconsistent = ts.Observations()
    inconsistent.add("victims_rescued", 263, "2019-H1", area="KHM")
    inconsistent.add("victims_rescued", 270, "2019-H1", area="KHM", age="0-14")
    renewed = ts.Dataset([ts.Partner("moi", "Ministry of Interior"), ts.Partner("cpu", "Child Protection Unit")],
                         [ts.Agreement("first", ["moi", "cpu"], start="2016-01-01", term_months=36),
                          ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first", start="2019-03-01")])
    return {
        "partner": ds.partners["aple"],
        "agreement": ds.agreements["moi-cpu-2019"],
        "dataset": ds,
        "partners": ds.partners,
        "agreements": ds.agreements,
        "sources": ds.sources,
        "source": ds.sources["ppp-2019"],
        "continuity": ds.agreements.continuity("moi", "aple"),
        "transition": renewed.agreements.continuity("moi", "cpu").transitions[0],
        "party": ds.agreements["moi-cpu-2019"].parties[0],
        "signatory": ts.Signatory("James McCabe", title="Executive director", partner_id="cpu"),
        "status_change": ts.StatusChange("terminated", "2021-06", note="made up for the test"),
        "source_ref": ds.agreements["moi-cpu-2019"].sources[0],
        "note": ds.notes[0],
        "finding": inconsistent.check()[0],
        "observations": ds.observations,
        "observation": ds.observations[1],
        "series": censored.series("victims_rescued", age="15-17"),
        "quantity": ts.Quantity("<5"),
        "period": ts.Period("2019-H1"),
        "partial_date": ts.PartialDate("2019"),
        "age_band": ts.AgeBand("15-17"),
        "change": ts.change_ci(263, 105),
        "claim_check": ts.check_claim("an increase of nearly 150 per cent", current=263),
        "rate_ratio": ts.rate_ratio(60, 51477.5, 30, 54308.7),
        "loglinear": ts.trend.loglinear(counts, x=np.arange(2012, 2020)),
        "mann_kendall": ts.trend.mann_kendall(counts),
        "sens_slope": ts.trend.sens_slope(counts),
        "logistic": ts.trend.logistic([12, 15, 14, 20, 22, 25, 24, 30], [60, 66, 58, 70, 71, 75, 69, 80],
                                      x=np.arange(2012, 2020)),
        "joinpoint": ts.trend.joinpoint(counts, x=np.arange(2012, 2020), max_joinpoints=1, selection="bic"),
    }


NAMES = list(objects())


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setattr(tipstats.model, "_today", lambda: DAY)


def check_golden(path, text):
    if REGENERATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} missing: regenerate with TIPSTATS_REGENERATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (see this file's docstring)"


@pytest.mark.parametrize("name", NAMES)
def test_text_form_matches_golden(name):
    check_golden(GOLDEN / f"{name}.txt", repr(objects()[name]) + "\n")


@pytest.mark.parametrize("name", NAMES)
def test_html_form_matches_golden(name):
    html = objects()[name]._repr_html_()
    assert html.startswith("<") and "<table>" in html or "<table" in html
    check_golden(GOLDEN / f"{name}.html", html + "\n")


@pytest.mark.parametrize("name", NAMES)
def test_pickle_round_trips(name):
    original = objects()[name]
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is type(original)
    assert repr(copy) == repr(original)
    assert copy._repr_html_() == original._repr_html_()


@pytest.mark.parametrize("name", NAMES)
def test_pickle_state_carries_a_version(name):
    obj = objects()[name]
    reduced = obj.__reduce_ex__(2)
    if hasattr(type(obj), "__dataclass_fields__"):
        assert obj.__getstate__()["tipstats_state"] == 1
    elif name in ("observation", "series"):
        assert reduced[1][0] == 1
    else:
        assert obj.__getstate__()[0] == 1


def test_series_pickle_keeps_censored_and_missing_values():
    series = objects()["series"]
    copy = pickle.loads(pickle.dumps(series))
    assert [str(q) for q in copy.quantities] == ["<5", "12", str(series.quantities[2])]
    assert copy.quantities[2].is_missing
    np.testing.assert_array_equal(copy.lower, series.lower)
    np.testing.assert_array_equal(copy.upper, series.upper)
    np.testing.assert_array_equal(copy.x, series.x)


def test_a_pickle_of_an_unknown_state_version_is_refused():
    result = objects()["change"]
    state = dict(result.__getstate__(), tipstats_state=99)
    blank = object.__new__(type(result))
    with pytest.raises(ts.ParseError, match="state version 99"):
        blank.__setstate__(state)
    function, arguments = objects()["series"].__reduce__()
    with pytest.raises(ts.ParseError, match="state version 2"):
        function(2, *arguments[1:])
    finding = objects()["finding"]
    state = finding.__getstate__()
    blank = ts.Finding.__new__(ts.Finding)
    with pytest.raises(ts.ParseError, match="Finding: state version 2"):
        blank.__setstate__((2,) + state[1:])
    with pytest.raises(ts.ParseError, match="unknown kind 'typo'"):
        blank.__setstate__(state[:1] + ("typo",) + state[2:])


def test_views_escape_html():
    obs = ts.Observations()
    obs.add("victims", 3, "2019", area="<script>", note="a & b")
    assert "&lt;script&gt;" in obs._repr_html_() and "<script>" not in obs._repr_html_()
    assert "a &amp; b" in obs[0]._repr_html_()
