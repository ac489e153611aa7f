"""The text and HTML views of tipstats.mse's table and results against golden files
(tests/python/golden/mse_<name>.txt and .html); regenerate after an intended change with

    TIPSTATS_REGENERATE_GOLDEN=1 PYTHONPATH=python python3 -m pytest tests/python/test_mse_display.py
"""

import os
import pathlib
import pickle

import pytest

import tipstats as ts
from tipstats import mse

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("TIPSTATS_REGENERATE_GOLDEN") == "1"


def objects():
    artificial, kosovo = ts.datasets.mse("Artificial_3"), ts.datasets.mse("Kosovo")
    return {
        "table": artificial,
        "check": mse.check(artificial, ["A:B"]),
        "loglinear": mse.loglinear(kosovo, ["EXH:ABA"]),
        "stepwise": mse.stepwise(kosovo),
        "bootstrap": mse.bootstrap(artificial, method="fixed", n=50, seed=1, threads=1),
        "profile": mse.profile_interval(kosovo, "Mt"),
        "bma": mse.bma(kosovo, range(0, 20001, 100)),
    }


NAMES = list(objects())


@pytest.mark.parametrize("name", NAMES)
def test_views_match_golden_files(name):
    obj = objects()[name]
    for suffix, text in (("txt", repr(obj) + "\n"), ("html", obj._repr_html_() + "\n")):
        path = GOLDEN / f"mse_{name}.{suffix}"
        if REGENERATE:
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"{path.name} differs"


@pytest.mark.parametrize("name", NAMES)
def test_pickle_round_trip_keeps_the_view(name):
    obj = objects()[name]
    again = pickle.loads(pickle.dumps(obj))
    assert repr(again) == repr(obj) and again._repr_html_() == obj._repr_html_()


def test_a_pickle_of_another_state_version_is_refused():
    state = mse.loglinear(ts.datasets.mse("Kosovo")).__getstate__()
    state["tipstats_state"] = 99
    result = mse.LogLinearResult.__new__(mse.LogLinearResult)
    with pytest.raises(ts.ParseError, match="state version 99"):
        result.__setstate__(state)
