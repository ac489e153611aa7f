"""Capture tables and the bundled data sets of tipstats.mse."""

import csv
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import tipstats as ts
from tipstats.mse import CaptureTable

SHARED = pathlib.Path(ts.__file__).resolve().parent / "data" / "mse"
NAMES = ["UKdat", "UKdat_5", "Ned", "Ned_5", "NewOrl", "NewOrl_5", "Western", "Artificial_3", "Kosovo"]
# Lists and people observed, from the data README (the studies' published totals).
EXPECTED = {"UKdat": (6, 2744), "UKdat_5": (5, 2744), "Ned": (6, 8234), "Ned_5": (5, 8234), "NewOrl": (8, 185),
            "NewOrl_5": (5, 185), "Western": (5, 345), "Artificial_3": (3, 96), "Kosovo": (4, 4400)}


@pytest.mark.parametrize("name", NAMES)
def test_bundled_tables_match_their_files(name):
    table = ts.datasets.mse(name)
    assert (len(table.lists), table.n_observed) == EXPECTED[name]
    assert table.source and any(ch.isdigit() for ch in table.source)  # cites a study with its year
    with open(SHARED / f"{name}.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0][:-1]) == table.lists
    for row in rows[1:]:
        pattern = "&".join(n for n, v in zip(rows[0], row[:-1]) if v == "1")
        assert table.count(pattern) == int(row[-1])
    # every pattern not in the file is zero
    assert int(np.count_nonzero(table.counts)) == len({tuple(r[:-1]) for r in rows[1:] if int(r[-1]) > 0})


def test_unknown_data_set():
    with pytest.raises(ts.NotFoundError, match="UKdat"):
        ts.datasets.mse("UK")


def test_construction_forms_agree():
    by_rows = CaptureTable(["A", "B", "C"], [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0)], [40, 30, 20, 6])
    by_names = CaptureTable(["A", "B", "C"], ["A", "B", "C", "A&B"], [40, 30, 20, 6])
    assert by_rows == by_names == CaptureTable(["A", "B", "C"], ["A", "B", "C", "A & B"], [40, 30, 20, 6])
    frame = pd.DataFrame({"A": [1, 0, 0, 1], "B": [0, 1, 0, 1], "C": [0, 0, 1, 0], "n": [40, 30, 20, 6]})
    assert CaptureTable.from_frame(frame, count="n") == by_rows
    people = pd.DataFrame({"A": [True] * 46 + [False] * 50, "B": [False] * 40 + [True] * 36 + [False] * 20,
                           "C": [False] * 76 + [True] * 20})
    assert CaptureTable.from_records(people, ["A", "B", "C"]) == by_rows
    assert CaptureTable.from_records(people.astype(int), ["A", "B", "C"]) == by_rows
    assert by_rows.counts.tolist() == [0, 40, 30, 6, 20, 0, 0, 0]
    assert by_rows.on_all(["A"]) == 46 and by_rows.on_all("A&B") == 6


def test_repeated_patterns_are_added_up():
    assert CaptureTable(["A", "B"], ["A", "B", "A"], [1, 2, 3]).count("A") == 4


def test_overlaps_against_direct_counting():
    table = ts.datasets.mse("UKdat")
    frame = table.to_pandas()
    overlaps = table.overlaps()
    assert len(overlaps) == 15 + 20
    for row in overlaps.itertuples():
        names = row.lists.split(" & ")
        assert row.count == frame.loc[(frame[names] == 1).all(axis=1), "count"].sum()
        assert row.size == len(names)


def test_to_pandas_round_trip_and_zeros():
    table = ts.datasets.mse("Western")
    assert CaptureTable.from_frame(table.to_pandas(), source=table.source) == table
    full = table.to_pandas(zeros=True)
    assert len(full) == 31 and full["count"].sum() == table.n_observed
    assert CaptureTable.from_frame(full, source=table.source) == table


def test_pickle_and_views():
    table = ts.datasets.mse("Artificial_3")
    again = pickle.loads(pickle.dumps(table))
    assert again == table and again.source == table.source
    assert repr(table) == "CaptureTable(lists=('A', 'B', 'C'), n_observed=96, patterns_observed=4)"
    html = table._repr_html_()
    assert "<table>" in html and "96 people observed" in html and "Chan, Silverman" in html
    with pytest.raises(TypeError):
        hash(table)
    with pytest.raises(ValueError):
        table.counts[1] = 3  # read-only


def test_old_pickle_state_is_refused():
    from tipstats.mse._table import _table_from_state

    with pytest.raises(ts.ParseError, match="state version 99"):
        _table_from_state(99, ["A", "B"], [0, 1, 1, 1], None)


@pytest.mark.parametrize("lists, patterns, counts, argument, index", [
    (["A", "B"], [(1, 0), (0, 0)], [3, 4], "patterns", 1),
    (["A", "B"], [(1, 0), (2, 1)], [3, 4], "patterns", 1),
    (["A", "B"], [(1, 0), (0, 1, 1)], [3, 4], "patterns", 1),
    (["A", "B"], ["A", "Z"], [3, 4], "patterns", 1),
    (["A", "B"], ["A", "B"], [3, -1], "counts", 1),
    (["A", "B"], ["A", "B"], [3, 1.5], "counts", 1),
    (["A", "B"], ["A", "B"], [np.nan, 1], "counts", 0),
    (["A"], ["A"], [3], "lists", None),
    (["A", "A"], ["A"], [3], "lists", 1),
    (["A", "B"], ["A", "B"], [0, 0], "counts", None),
])
def test_bad_tables(lists, patterns, counts, argument, index):
    with pytest.raises(ts.DomainError) as info:
        CaptureTable(lists, patterns, counts)
    assert info.value.argument == argument and info.value.index == index


def test_bad_frames_name_column_and_row():
    frame = pd.DataFrame({"A": [1, 0, 2], "B": [0, 1, 1], "count": [3, 4, 5]})
    with pytest.raises(ts.DomainError) as info:
        CaptureTable.from_frame(frame)
    assert (info.value.argument, info.value.index) == ("A", 2)
    frame = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, np.nan], "count": [3, 4, 5]})
    with pytest.raises(ts.DomainError) as info:
        CaptureTable.from_frame(frame)
    assert (info.value.argument, info.value.index) == ("B", 2)
    frame = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "n": [3, 4, 5.5]})
    with pytest.raises(ts.DomainError) as info:
        CaptureTable.from_frame(frame, count="n")
    assert (info.value.argument, info.value.index) == ("n", 2)
    with pytest.raises(ts.NotFoundError):
        CaptureTable.from_frame(frame)
    frame = pd.DataFrame({"A": [1, 0, 0], "B": [0, 1, 0], "count": [3, 4, 5]})
    with pytest.raises(ts.DomainError) as info:
        CaptureTable.from_frame(frame)
    assert (info.value.argument, info.value.index) == ("patterns", 2)


def test_bad_records():
    people = pd.DataFrame({"A": [True, False, True], "B": [False, False, True]})
    with pytest.raises(ts.DomainError) as info:
        CaptureTable.from_records(people, ["A", "B"])
    assert info.value.index == 1
    people = pd.DataFrame({"A": [True, None, True], "B": [False, True, True]})
    with pytest.raises(ts.DomainError) as info:
        CaptureTable.from_records(people, ["A", "B"])
    assert (info.value.argument, info.value.index) == ("A", 1)
    with pytest.raises(ts.DomainError):
        CaptureTable.from_records(people, ["A"])
    with pytest.raises(ts.NotFoundError):
        CaptureTable.from_records(people, ["A", "Z"])
