"""tipstats.tabulate against pandas' groupby(...).size(), the independent implementation."""

import numpy as np
import pandas as pd
import pytest

import tipstats as ts


def expected(df, by, dropna=False):
    return df.groupby(by, observed=True, dropna=dropna).size().reset_index(name="count")


def check(df, by, **kwargs):
    got = ts.tabulate(df, by=by, **kwargs)
    want = expected(df, by)
    assert list(got.columns) == list(by) + ["count"]
    assert got["count"].dtype == np.int64
    pd.testing.assert_frame_equal(got, want)
    return got


def case_records(n, seed, missing=True):
    """Synthetic case records shaped like CTDC's: integer years and countries, categorical bands."""
    rng = np.random.default_rng(seed)
    age = pd.Categorical.from_codes(rng.integers(-1 if missing else 0, 9, n),
                                    categories=["0--8", "9--17", "18--20", "21--23", "24--26", "27--29",
                                                "30--38", "39--47", "48+", "unused"])
    gender = pd.Categorical.from_codes(rng.integers(-1 if missing else 0, 3, n),
                                       categories=["Male", "Female", "Transgender/NonConforming"], ordered=True)
    exploitation = rng.choice(np.array(["sexual", "labour", "other", None] if missing else ["sexual", "labour"],
                                       dtype=object), n)
    return pd.DataFrame({
        "year": rng.integers(2002, 2024, n).astype(np.int16),
        "ageBroad": age,
        "gender": gender,
        "type": exploitation,
        "citizenship": rng.integers(-5, 900, n).astype(np.int32),
        "flag": rng.integers(0, 2, n).astype(bool),
        "small": rng.integers(0, 200, n).astype(np.uint8),
        "u16": rng.integers(0, 60000, n).astype(np.uint16),
        "u32": rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32),
        "wide": rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, n, dtype=np.int64),
        "score": np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 4, n) / 2) if missing else rng.random(n),
        "i8": rng.integers(-128, 128, n).astype(np.int8),
    })


@pytest.mark.parametrize("n", [1, 2, 50, 20_000])
@pytest.mark.parametrize("by", [
    ["year"], ["ageBroad"], ["gender"], ["type"], ["score"], ["flag"], ["small"], ["u16"], ["u32"], ["wide"], ["i8"],
    ["year", "ageBroad", "gender"],
    ["year", "ageBroad", "gender", "type", "citizenship"],
    ["gender", "year"],
    ["citizenship", "u32", "wide"],
    ["u32", "wide", "u16", "citizenship", "year"],
])
def test_tabulate_equals_groupby_size(n, by):
    check(case_records(n, seed=n), by)


def test_every_column_at_once_and_threads_agree():
    df = case_records(30_000, seed=7)
    by = list(df.columns)
    reference = check(df, by)
    for threads in (1, 2, 3):
        pd.testing.assert_frame_equal(ts.tabulate(df, by=by, threads=threads), reference)


def test_threads_share_the_dense_count():
    # Enough rows per possible key that each thread gets a table of its own.
    df = case_records(400_000, seed=9)
    by = ["year", "ageBroad", "gender"]
    reference = check(df, by)
    for threads in (2, 3):
        pd.testing.assert_frame_equal(ts.tabulate(df, by=by, threads=threads), reference)


def test_categoricals_keep_their_categories_and_unused_ones_do_not_appear():
    df = case_records(5_000, seed=3)
    got = check(df, ["ageBroad", "gender"])
    assert got["ageBroad"].dtype == df["ageBroad"].dtype
    assert got["gender"].dtype == df["gender"].dtype
    assert "unused" not in set(got["ageBroad"].dropna())


def test_missing_values_form_their_own_group_sorted_last():
    df = pd.DataFrame({
        "age": pd.Categorical(["0-14", None, "15-17", "0-14", None], categories=["0-14", "15-17", "18+"]),
        "sex": ["female", "female", None, "female", "male"],
    })
    got = check(df, ["age", "sex"])
    assert got["count"].tolist() == [2, 1, 1, 1]
    assert got["age"].isna().tolist() == [False, False, True, True]
    # Without missing values the result is also pandas' default groupby(by).size().
    clean = df.dropna()
    pd.testing.assert_frame_equal(ts.tabulate(clean, by=["age", "sex"]), expected(clean, ["age", "sex"], dropna=True))


def test_nullable_and_string_and_date_columns_are_factorized():
    df = pd.DataFrame({
        "count_of_siblings": pd.array([1, None, 1, 3, None], dtype="Int64"),
        "country": pd.array(["KHM", "THA", None, "KHM", "THA"], dtype="string"),
        "registered": pd.to_datetime(["2019-01-01", None, "2019-01-01", "2020-06-30", "2019-01-01"]),
        "big": np.array([2**63 + 5, 1, 2**63 + 5, 0, 1], dtype=np.uint64),
    })
    for by in (["count_of_siblings"], ["country"], ["registered"], ["big"], list(df.columns)):
        check(df, by)


def test_a_single_name_is_accepted_for_by():
    df = case_records(100, seed=1)
    pd.testing.assert_frame_equal(ts.tabulate(df, by="year"), expected(df, ["year"]))


def test_empty_frame_and_all_missing_column():
    df = case_records(0, seed=1)
    got = ts.tabulate(df, by=["year", "ageBroad"])
    assert list(got.columns) == ["year", "ageBroad", "count"] and len(got) == 0
    assert got["ageBroad"].dtype == df["ageBroad"].dtype
    missing = pd.DataFrame({"age": pd.Categorical([None] * 4, categories=["0-14"]), "year": [2019, 2019, 2020, 2019]})
    got = check(missing, ["age", "year"])
    assert got["count"].tolist() == [3, 1]


def test_dict_of_arrays_is_read_in_place():
    rng = np.random.default_rng(11)
    year = rng.integers(2010, 2020, 10_000).astype(np.int32)
    age = pd.Categorical.from_codes(rng.integers(0, 3, 10_000).astype(np.int8), categories=["0-14", "15-17", "18+"])
    got = ts.tabulate({"year": year, "age": age}, by=["year", "age"])
    pd.testing.assert_frame_equal(got, expected(pd.DataFrame({"year": year, "age": age}), ["year", "age"]))
    assert got["count"].sum() == 10_000
    assert got["year"].dtype == np.int32


def test_the_kernel_sees_the_columns_without_copies(monkeypatch):
    """Integer values and categorical codes reach the kernel as views of the caller's memory."""
    df = case_records(1_000, seed=5, missing=False)
    seen = []
    kernel = ts._core.tabulate_codes

    def spy(columns, threads, weights):
        seen.extend(array for _, array, _ in columns)
        return kernel(columns, threads, weights)

    monkeypatch.setattr(ts._core, "tabulate_codes", spy)
    ts.tabulate(df, by=["year", "ageBroad", "citizenship", "flag"])
    assert np.shares_memory(seen[0], df["year"].to_numpy())
    assert np.shares_memory(seen[1], df["ageBroad"].array.codes)
    assert np.shares_memory(seen[2], df["citizenship"].to_numpy())
    assert np.shares_memory(seen[3], df["flag"].to_numpy())


def test_unknown_column_is_a_not_found_error_naming_it():
    df = case_records(10, seed=2)
    with pytest.raises(ts.NotFoundError, match="agebroad") as info:
        ts.tabulate(df, by=["year", "agebroad"])
    assert info.value.key == "agebroad"
    assert isinstance(info.value, KeyError)
    with pytest.raises(ts.NotFoundError, match="sex"):
        ts.tabulate({"year": np.arange(3)}, by=["sex"])


def test_columns_of_different_lengths_name_the_column():
    with pytest.raises(ts.ValidationError, match="gender") as info:
        ts.tabulate({"year": np.arange(5), "gender": np.zeros(4, dtype=np.int8)}, by=["year", "gender"])
    assert info.value.field == "gender"
    with pytest.raises(ts.ValidationError, match="type"):
        ts.tabulate({"year": np.arange(5), "type": np.array(["a", "b"], dtype=object)}, by=["year", "type"])


def test_bad_arguments_are_typed_errors():
    df = case_records(10, seed=2)
    with pytest.raises(ts.DomainError):
        ts.tabulate(df, by=[])
    with pytest.raises(ts.DomainError, match="threads"):
        ts.tabulate(df, by=["year"], threads=0)
    with pytest.raises(ts.ValidationError, match="count"):
        ts.tabulate(df.rename(columns={"year": "count"}), by=["count"])
    with pytest.raises(ts.ValidationError, match="twice"):
        ts.tabulate(df, by=["year", "year"])
    with pytest.raises(ts.ValidationError, match="one-dimensional"):
        ts.tabulate({"grid": np.zeros((3, 2), dtype=np.int64)}, by=["grid"])
    with pytest.raises(TypeError):
        ts.tabulate([[1, 2]], by=["a"])


def test_strided_integer_views_are_counted_correctly():
    base = np.arange(20, dtype=np.int64) % 3
    got = ts.tabulate({"x": base[::2]}, by=["x"])
    pd.testing.assert_frame_equal(got, expected(pd.DataFrame({"x": base[::2]}), ["x"]))


def test_tabulate_can_protect_its_output():
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"year": rng.integers(2018, 2021, 400), "sex": rng.choice(["female", "male"], 400),
                       "age": rng.choice(["0-14", "15-17", "18+"], 400, p=[0.05, 0.15, 0.8])})
    exact = ts.tabulate(df, by=["year", "sex", "age"])
    protected = ts.tabulate(df, by=["year", "sex", "age"], protect="suppress", threshold=10)
    assert "suppressed" in protected.columns
    small = exact["count"].between(1, 9).sum()
    inner = protected[(protected[["year", "sex", "age"]].astype(str) != "all").all(axis=1)]
    assert len(inner) == len(exact)  # margins ("all") are added around the cells
    assert (inner["suppressed"] == "primary").sum() == small
    assert protected["count"].isna().sum() > small  # secondary suppressions protect the primaries
    assert ts.privacy.audit(protected, by=["year", "sex", "age"], threshold=10).passed
    with pytest.raises(ts.DomainError) as info:
        ts.tabulate(df, by=["year"], protect="noise")
    assert info.value.argument == "epsilon"
    noisy = ts.tabulate(df, by=["year"], protect="noise", epsilon=1.0, seed=3)
    assert (noisy["count"] >= 0).all()


@pytest.mark.parametrize("n", [1, 50, 20_000])
@pytest.mark.parametrize("by", [["year", "ageBroad", "gender"], ["type", "score"], ["wide", "gender"]])
def test_weights_sum_as_groupby_sum_does_zero_weights_included(n, by):
    df = case_records(n, seed=n + 1)
    rng = np.random.default_rng(n)
    df["weight"] = rng.integers(0, 4, n)  # zeros: combinations whose rows all weigh 0 stay, with count 0
    df.loc[0, "weight"] = 2**40
    want = df.groupby(by, observed=True, dropna=False)["weight"].sum().reset_index(name="count")
    for weights in ("weight", df["weight"].to_numpy(), df["weight"].astype("Int64"), df["weight"].astype(float)):
        got = ts.tabulate(df, by=by, weights=weights)
        pd.testing.assert_frame_equal(got, want)


def test_weights_that_are_not_counts_are_typed_errors_naming_the_row():
    df = pd.DataFrame({"year": [2019, 2019, 2020], "sex": ["f", "m", "f"]})
    for weights, message, index in (([1, -1, 2], "negative", 1), ([1.0, 2.5, 1.0], "whole", 1),
                                    (pd.array([1, None, 1], dtype="Int64"), "missing", 1),
                                    ([1.0, 1.0, np.inf], "below 2\\*\\*63", 2)):
        with pytest.raises(ts.DomainError, match=message) as raised:
            ts.tabulate(df, by=["year"], weights=weights)
        assert raised.value.argument == "weights" and raised.value.index == index
    with pytest.raises(ts.DomainError, match="whole numbers"):
        ts.tabulate(df, by=["year"], weights="sex")
    with pytest.raises(ts.NotFoundError):
        ts.tabulate(df, by=["year"], weights="count_of_cases")
    with pytest.raises(ts.ValidationError, match="weights"):
        ts.tabulate(df, by=["year"], weights=[1, 2])
    with pytest.raises(ts.ValidationError, match="one-dimensional"):
        ts.tabulate(df, by=["year"], weights=np.ones((3, 1)))
