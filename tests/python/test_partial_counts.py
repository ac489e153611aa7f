"""Partial counts that add up (tipstats._partial_counts, behind tipstats.dask.tabulate): every way of
holding and adding them gives the table tipstats.tabulate gives for all the rows at once, and pandas'
groupby agrees."""

import pickle

import numpy as np
import pandas as pd
import pytest

import tipstats as ts
from tipstats._partial_counts import PartialCounts, add_up


def counted(parts, by):
    return [PartialCounts.of_frame(part, by) for part in parts]


def check(parts, by, sums):
    """The sum's table equals tabulate of the rows together and pandas' groupby."""
    whole = pd.concat(parts, ignore_index=True)
    for name in by:  # categories that differ united, as Dask's compute unites them
        if isinstance(parts[0][name].dtype, pd.CategoricalDtype):
            whole[name] = pd.api.types.union_categoricals([part[name] for part in parts])
    expected = ts.tabulate(whole, by)
    table = sums.to_table()
    pd.testing.assert_frame_equal(table, expected, check_exact=True)
    for shares in (2, 7):  # consecutive shares of the rows, numbered as in the whole table
        pd.testing.assert_frame_equal(pd.concat([sums.to_table(share, shares) for share in range(shares)]), expected,
                                      check_exact=True)
    sizes = whole.groupby(by, observed=True, dropna=False).size()
    assert sizes.sort_values().tolist() == table["count"].sort_values().tolist()
    assert sums.total == len(whole)


def partitions(seed, count=5, rows=300):
    """Case records modelled on CTDC's columns: a year, an age band and a citizenship whose categories
    differ from partition to partition (Parquet files written one by one), a flag, an age in years
    with gaps and a free-text recruiter with gaps."""
    rng = np.random.default_rng(seed)
    parts = []
    for i in range(count):
        countries = ["KHM", "THA", "LAO", "VNM", "MMR", "PHL"][i % 3:i % 3 + 4]
        citizenship = pd.Categorical(rng.choice(countries, rows), categories=countries)
        citizenship[rng.random(rows) < 0.05] = np.nan
        parts.append(pd.DataFrame({
            "year": rng.integers(2015 + i, 2021 + i, rows).astype(np.int16),
            "age_band": pd.Categorical(rng.choice(["0-8", "9-17", "18+"], rows), categories=["0-8", "9-17", "18+"]),
            "citizenship": citizenship,
            "forced": rng.random(rows) < 0.3,
            "age": np.where(rng.random(rows) < 0.1, np.nan, rng.integers(0, 18, rows).astype(float)),
            "recruiter": pd.array(np.where(rng.random(rows) < 0.1, None, rng.choice(["family", "friend", "other"], rows)),
                                  dtype=object),
            "registered": pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 40, rows), unit="D"),
        }))
    return parts


def integer_edges():
    """Integer columns at the edges of their types and of the span coded as values less the smallest."""
    rng = np.random.default_rng(5)
    rows = 3000
    top = np.iinfo(np.int64).max
    return pd.DataFrame({
        "int64_extremes": rng.choice(np.array([np.iinfo(np.int64).min, -1, 0, top], np.int64), rows),
        "int64_top_span": top - rng.integers(0, 1 << 16, rows),  # a span of 2^16: factorized
        "just_coded": rng.integers(-(1 << 15), (1 << 15) - 1, rows),  # a span of 2^16 - 1: coded
        "uint64_top": np.iinfo(np.uint64).max - rng.integers(0, 3, rows).astype(np.uint64),
        "int8": rng.integers(-128, 128, rows).astype(np.int8),
        "uint8": rng.integers(0, 256, rows).astype(np.uint8),
        "one_value": np.full(rows, 7, np.int16),
        "flag": rng.random(rows) < 0.5,
        "age": pd.array(np.where(rng.random(rows) < 0.2, None, rng.integers(0, 18, rows)), dtype="Int64"),
        "text": pd.array(rng.choice(["a", "b", None], rows), dtype="string"),
    })


@pytest.mark.parametrize("by", [["int64_extremes"], ["int64_top_span"], ["just_coded"], ["uint64_top", "int8"],
                                ["uint8", "one_value", "flag"], ["age", "text", "int8"], ["just_coded", "uint8"]])
@pytest.mark.parametrize("threads", [1, 3])
def test_a_frame_counts_as_tipstats_tabulate_counts_it(by, threads):
    frame = integer_edges()
    counts = PartialCounts.of_frame(frame, by, threads)
    pd.testing.assert_frame_equal(counts.to_table(), ts.tabulate(frame, by), check_exact=True)
    assert counts.total == len(frame)
    empty = PartialCounts.of_frame(frame.iloc[:0], by, threads)
    pd.testing.assert_frame_equal(empty.to_table(), ts.tabulate(frame.iloc[:0], by), check_exact=True)


def test_a_frame_counts_densely_when_its_cells_are_few_else_as_groups():
    rng = np.random.default_rng(6)
    frame = pd.DataFrame({"year": rng.integers(2002, 2024, 5000), "district": rng.integers(0, 10_000, 5000)})
    dense = PartialCounts.of_frame(frame, ["year"])  # 23 cells
    assert dense.dense is not None and dense.dense.shape == (23,)
    # 23 x about 10,000 cells for 5,000 rows: over twice the rows, so the groups
    sparse = PartialCounts.of_frame(frame, ["year", "district"])
    assert sparse.dense is None
    for counts, by in [(dense, ["year"]), (sparse, ["year", "district"])]:
        pd.testing.assert_frame_equal(counts.to_table(), ts.tabulate(frame, by), check_exact=True)


@pytest.mark.parametrize("by", [["year"], ["citizenship"], ["year", "age_band", "citizenship", "forced"],
                                ["age", "recruiter", "citizenship"], ["registered", "recruiter"]])
def test_partial_counts_add_up_to_the_count_of_every_row(by):
    parts = partitions(1)
    pieces = counted(parts, by)
    check(parts, by, add_up(pieces))
    # any tree of sums gives the same table
    check(parts, by, add_up([add_up(pieces[:2]), add_up(pieces[2:4]), pieces[4]]))


def test_dense_parts_whose_union_is_too_large_for_a_dense_sum_add_up_as_groups():
    # each part: 100 x 100 combinations, counted densely; eight parts with values of their own: a
    # space of 800 x 800 combinations for at most 80,000 groups, added up as groups
    rng = np.random.default_rng(2)
    parts = [pd.DataFrame({"a": rng.integers(0, 100, 20_000) + 1000 * i, "b": rng.integers(0, 100, 20_000) - 1000 * i})
             for i in range(8)]
    pieces = counted(parts, ["a", "b"])
    assert all(piece.dense is not None for piece in pieces)
    sums = add_up(pieces)
    assert sums.dense is None
    check(parts, ["a", "b"], sums)


def test_sparse_parts_that_together_fill_their_space_add_up_densely():
    # each part: 2,000 rows in 41^3 possible combinations, a list of groups; eight of them fill the
    # space enough to add up in an array
    rng = np.random.default_rng(3)
    parts = [pd.DataFrame({name: rng.integers(0, 40, 2000) for name in "abc"}) for _ in range(8)]
    pieces = counted(parts, ["a", "b", "c"])
    assert all(piece.dense is None for piece in pieces)
    sums = add_up(pieces)
    assert sums.dense is not None
    check(parts, ["a", "b", "c"], sums)


def test_counts_beyond_32_bits_stay_exact():
    big = 3_000_000_007
    pieces = [PartialCounts._packed(["sex"], [pd.Index(["female", "male"])], [np.array([0, 1], np.int8)],
                                    np.array([big, 5])),
              PartialCounts._packed(["sex"], [pd.Index(["female", "unknown"])], [np.array([0, 1], np.int8)],
                                    np.array([big, 2**40]))]
    assert pieces[0].dense.dtype == np.uint32
    sums = add_up(pieces)
    assert sums.dense.dtype == np.int64
    table = sums.to_table()
    assert table["count"].tolist() == [2 * big, 5, 2**40]
    assert sums.total == 2 * big + 5 + 2**40


def test_ordered_categories_that_differ_cannot_be_united():
    parts = [pd.DataFrame({"band": pd.Categorical(["low"], categories=["low", "high"], ordered=True)}),
             pd.DataFrame({"band": pd.Categorical(["high"], categories=["high", "low"], ordered=True)})]
    with pytest.raises(ts.ValidationError) as info:
        add_up(counted(parts, ["band"]))
    assert info.value.field == "band"


def test_a_part_without_categories_of_another_type_adds_none():
    # an empty Parquet file's categorical has no categories, of whatever type Arrow's null gives them
    empty = pd.DataFrame({"sex": pd.Categorical([], categories=pd.Index([], dtype=object))})
    rows = pd.DataFrame({"sex": pd.Categorical(["female", None, "male", "female"])})
    for parts in ([empty, rows], [rows, empty]):
        table = add_up(counted(parts, ["sex"])).to_table()
        pd.testing.assert_frame_equal(table, ts.tabulate(rows, "sex"), check_exact=True)


def test_partial_counts_pickle_and_add_up_the_same():
    by = ["year", "citizenship", "recruiter"]
    parts = partitions(4)
    pieces = [pickle.loads(pickle.dumps(piece)) for piece in counted(parts, by)]
    check(parts, by, add_up(pieces))
