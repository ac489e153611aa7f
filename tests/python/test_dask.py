"""tipstats.dask on a real cluster: distributed.LocalCluster with two worker processes of one thread
each, on the loopback interface. Every result computed on it is compared with the in-process
function on the same data (``collection.compute(scheduler="sync")``), exactly; one test kills a worker
while a tabulation runs. The cluster is started once for the module; the data are small."""

import logging
import os
import pathlib
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest

da = pytest.importorskip("dask.array")  # tipstats[dask]: skipped where the extra is not installed
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
Client, LocalCluster = distributed.Client, distributed.LocalCluster

import tipstats as ts
import tipstats.dask as tsd
from tipstats import mse, privacy

HERE = pathlib.Path(__file__).resolve().parent
PACKAGE_PARENT = pathlib.Path(ts.__file__).resolve().parents[1]
TIMEOUT = 120  # seconds: a hung cluster fails the test rather than CI


@pytest.fixture(scope="module")
def client():
    # The workers import tipstats and this module (its functions build partitions) from these paths.
    path = os.pathsep.join(filter(None, [str(PACKAGE_PARENT), str(HERE), os.environ.get("PYTHONPATH")]))
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL,
                      env={"PYTHONPATH": path}) as cluster, Client(cluster) as client:
        client.wait_for_workers(2, timeout=TIMEOUT)
        yield client


def on_cluster(client, collection):
    return client.compute(collection).result(timeout=TIMEOUT)


def in_process(collection):
    return collection.compute(scheduler="sync")


# --- import ---------------------------------------------------------------------------------------

def run_python(code):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PACKAGE_PARENT), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env,
                          timeout=120)


def test_import_tipstats_imports_neither_dask_nor_pyarrow():
    result = run_python("""
        import sys
        import numpy, pandas  # pandas loads pyarrow itself when installed: count what tipstats adds
        before = set(sys.modules)
        import tipstats
        added = {name.split(".")[0] for name in set(sys.modules) - before}
        print(sorted(added & {"dask", "distributed", "pyarrow"}))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_tipstats_works_without_dask_and_pyarrow_and_says_which_extra_they_need():
    result = run_python("""
        import importlib.abc, sys

        class Absent(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name.split(".")[0] in ("dask", "distributed", "pyarrow"):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None

        sys.meta_path.insert(0, Absent())
        import tipstats
        obs = tipstats.datasets.cambodia_2019().observations
        assert len(tipstats.tabulate(obs.to_pandas(), by=["age"])) == 3
        for attempt in (lambda: __import__("tipstats.dask"), lambda: obs.to_parquet("x.parquet")):
            try:
                attempt()
            except ModuleNotFoundError as error:
                print(error)
    """)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all("pip install tipstats[dask]" in line for line in lines), lines
    assert lines[0].startswith("tipstats.dask needs dask") and lines[1].startswith("Observations.to_parquet needs pyarrow")


# --- tabulate -------------------------------------------------------------------------------------

def records(i, rows=400):
    """Partition i of a synthetic case file: integer and categorical columns, missing values, and
    categories that differ from partition to partition (as in Parquet files written one by one)."""
    rng = np.random.default_rng(i)
    countries = ["KHM", "THA", "LAO", "VNM", "MMR", "PHL"][i % 3:i % 3 + 4]
    country = pd.Categorical(rng.choice(countries, rows), categories=countries)
    country[rng.random(rows) < 0.05] = np.nan
    return pd.DataFrame({
        "year": rng.integers(2015, 2020, rows).astype(np.int16),
        "month": rng.integers(1, 13, rows).astype(np.uint8),
        "country": country,
        "sex": pd.Categorical(rng.choice(["female", "male", "unknown"], rows), categories=["female", "male", "unknown"]),
        "forced": rng.random(rows) < 0.3,
        "age": np.where(rng.random(rows) < 0.1, np.nan, rng.integers(0, 18, rows).astype(float)),
        "recruiter": pd.array(np.where(rng.random(rows) < 0.1, None, rng.choice(["family", "friend", "other"], rows)),
                              dtype=object),
    })


def slow_records(i):
    time.sleep(0.25)  # a slow source (remote storage), so that a worker can be killed mid-run
    return records(i, rows=2000)


def case_files(partitions, *args):
    """The partitions as Dask sees Parquet files written one by one: the country's categories unknown."""
    meta = dd.utils.clear_known_categories(records(0).iloc[:0], cols=["country"])
    return dd.from_map(records, range(partitions), args=list(args), meta=meta)


@pytest.fixture(scope="module")
def cases():
    return case_files(7)


def group_key(values):
    """A group as text, missing values alike (Dask reads Parquet text as pyarrow strings, <NA>; pandas NaN)."""
    return tuple("<missing>" if pd.isna(v) else str(v) for v in values)


def size_counts(client, ddf, by):
    """The peer: Dask's own groupby on the same cluster, as {group: count} (its order is its own)."""
    sizes = on_cluster(client, ddf.groupby(by, observed=True, dropna=False).size())
    return {group_key(key if isinstance(key, tuple) else (key,)): int(n) for key, n in sizes.items()}


@pytest.mark.parametrize("by", [["country"], ["year", "sex"], ["year", "month", "country", "sex", "forced"],
                                ["age", "recruiter", "country"]])
def test_tabulate_equals_the_in_process_count_and_dask_groupby(client, cases, by):
    counts = tsd.tabulate(cases, by, split_every=3)
    result = on_cluster(client, counts)
    everything = in_process(cases)
    pd.testing.assert_frame_equal(result, ts.tabulate(everything, by), check_exact=True)
    for column in by:  # categories the partitions do not share: every one, in partition order
        if isinstance(result[column].dtype, pd.CategoricalDtype):
            assert list(result[column].cat.categories) == list(everything[column].cat.categories)
    counts = {group_key(row[:-1]): int(row[-1]) for row in result.itertuples(index=False)}
    assert counts == size_counts(client, cases, by)
    assert sum(counts.values()) == len(everything)


def test_tabulate_of_wide_integers_and_empty_partitions(client):
    # keys too wide for one 64-bit code (pandas adds them up then), and partitions without rows
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({name: rng.integers(0, 3, 600) * 2**40 - 2**41 for name in "abc"})
    frame["d"] = rng.integers(0, 2, 600).astype(np.int8)
    frame["e"] = rng.integers(-2**62, 2**62, 600, dtype=np.int64)
    parts = dd.from_pandas(frame, npartitions=5)
    parts = parts[parts["d"] >= 0].map_partitions(lambda part: part.iloc[:0] if part.index[0] % 2 else part)
    for by in (["a", "b", "c", "d"], ["a", "e"], ["e", "d"]):
        pd.testing.assert_frame_equal(on_cluster(client, tsd.tabulate(parts, by, split_every=2)),
                                      ts.tabulate(in_process(parts), by), check_exact=True)


def test_tabulate_meta_says_what_compute_gives(cases):
    counts = tsd.tabulate(cases, ["year", "month", "forced", "age", "recruiter"])
    assert counts.npartitions == 1
    pd.testing.assert_series_equal(counts._meta.dtypes, in_process(counts).dtypes)
    unknown = tsd.tabulate(cases, ["country"])._meta["country"]
    assert not dd.utils.has_known_categories(unknown)


@pytest.mark.parametrize("split_out", [1, 2, 5, 40])
def test_tabulate_comes_in_consecutive_shares_of_the_whole_table(client, cases, split_out):
    by = ["year", "month", "country", "sex"]
    counts = tsd.tabulate(cases, by, split_out=split_out)
    assert counts.npartitions == split_out
    parts = [on_cluster(client, counts.partitions[i]) for i in range(split_out)]
    assert sum(len(part) for part in parts) > 0 and (split_out < 40 or any(len(part) == 0 for part in parts))
    expected = ts.tabulate(in_process(cases), by)
    pd.testing.assert_frame_equal(pd.concat(parts), expected, check_exact=True)  # row numbers included
    pd.testing.assert_frame_equal(on_cluster(client, counts), expected, check_exact=True)


def test_tabulate_protects_the_combined_table_once(client, cases):
    by = ["year", "sex"]
    protected = on_cluster(client, tsd.tabulate(cases, by, protect="suppress", threshold=200))
    expected = ts.tabulate(in_process(cases), by, protect="suppress", threshold=200)
    pd.testing.assert_frame_equal(protected, expected)
    assert protected.attrs["tipstats.privacy"] == expected.attrs["tipstats.privacy"]
    assert protected["count"].isna().any()  # cells were withheld, from the whole table's totals
    noisy = on_cluster(client, tsd.tabulate(cases, by, protect="noise", epsilon=1.0, seed=3))
    pd.testing.assert_frame_equal(noisy, ts.tabulate(in_process(cases), by, protect="noise", epsilon=1.0, seed=3))


def test_tabulate_refuses_bad_arguments_at_once(cases):
    with pytest.raises(ts.NotFoundError) as info:
        tsd.tabulate(cases, ["year", "nationality"])
    assert info.value.key == "nationality"
    with pytest.raises(ts.ValidationError):
        tsd.tabulate(cases, ["year", "year"])
    with pytest.raises(ts.DomainError):
        tsd.tabulate(cases, [])
    with pytest.raises(ts.DomainError):
        tsd.tabulate(cases, "year", threads=0)
    for bad in ({"split_every": 1}, {"split_out": 0}, {"split_out": None}, {"split_out": 2, "protect": "suppress"}):
        with pytest.raises(ts.DomainError):
            tsd.tabulate(cases, "year", **bad)


def test_a_worker_killed_while_tabulating_leaves_the_result_complete_and_equal(client):
    by = ["year", "country", "sex"]
    source = dd.from_map(slow_records, range(16), meta=case_files(1)._meta)
    expected = ts.tabulate(in_process(case_files(16, 2000)), by)
    future = client.compute(tsd.tabulate(source, by, split_every=4))
    pids = client.run(os.getpid)
    deadline = time.monotonic() + TIMEOUT
    victim = None
    while victim is None and time.monotonic() < deadline:  # a worker holding counts not yet combined
        victim = next((worker for worker, keys in client.has_what().items() if keys), None)
        time.sleep(0.02)
    assert victim is not None and not future.done()
    os.kill(pids[victim], signal.SIGKILL)
    result = future.result(timeout=TIMEOUT)
    pd.testing.assert_frame_equal(result, expected, check_exact=True)
    client.wait_for_workers(2, timeout=TIMEOUT)  # the nanny starts a new worker
    assert pids[victim] not in client.run(os.getpid).values()


# --- tabulate of Parquet files -------------------------------------------------------------------

@pytest.fixture(scope="module")
def case_folder(tmp_path_factory):
    """records(i) written one file per partition, as case-management exports are (each file with
    categories of its own), in row groups of 200 rows so that a file reads in several batches."""
    folder = tmp_path_factory.mktemp("case-files")
    for i in range(7):
        records(i, rows=900).to_parquet(folder / f"cases-{i}.parquet", row_group_size=200)
    return folder


@pytest.mark.parametrize("batch_rows", [None, 50, 450])
@pytest.mark.parametrize("by", [["country"], ["year", "sex"], ["year", "month", "country", "sex", "forced"],
                                ["age", "recruiter", "country"]])
def test_tabulate_of_parquet_files_equals_pandas_read_parquet_and_dask_groupby(client, case_folder, by, batch_rows):
    counts = tsd.tabulate(case_folder, by, batch_rows=batch_rows, split_every=3)
    result = on_cluster(client, counts)
    everything = pd.read_parquet(case_folder)
    pd.testing.assert_frame_equal(result, ts.tabulate(everything, by), check_exact=True)
    assert list(counts._meta.columns) == list(result.columns)
    assert all(str(meta) == str(dtype) for meta, dtype in zip(counts._meta.dtypes, result.dtypes))  # categories aside
    for column in by:  # categories the files do not share: every one, in file order, unknown beforehand
        if isinstance(result[column].dtype, pd.CategoricalDtype):
            assert list(result[column].cat.categories) == list(everything[column].cat.categories)
            assert not dd.utils.has_known_categories(counts._meta[column])
    counts = {group_key(row[:-1]): int(row[-1]) for row in result.itertuples(index=False)}
    assert counts == size_counts(client, dd.read_parquet(case_folder), by)


def test_tabulate_of_a_file_a_list_of_files_and_hive_partitions(client, case_folder, tmp_path):
    files = sorted(case_folder.glob("*.parquet"))
    by = ["year", "country", "sex"]
    one = on_cluster(client, tsd.tabulate(files[2], ["year", "sex"], protect="suppress", threshold=60))
    pd.testing.assert_frame_equal(one, ts.tabulate(pd.read_parquet(files[2]), ["year", "sex"], protect="suppress",
                                                   threshold=60))
    assert one["count"].isna().any()
    some = [str(files[4]), files[1]]
    pd.testing.assert_frame_equal(on_cluster(client, tsd.tabulate(some, by)), ts.tabulate(pd.read_parquet(some), by),
                                  check_exact=True)
    # year=2015/... folders: the year a categorical of every folder's value, as pandas reads it
    frame = pd.concat([records(i) for i in range(3)], ignore_index=True)
    frame["victims"] = pd.array(np.where(frame["month"] > 10, None, frame["month"] % 4), dtype="Int64")
    frame.to_parquet(tmp_path, partition_cols=["year", "sex"])
    everything = pd.read_parquet(tmp_path)
    assert isinstance(everything["year"].dtype, pd.CategoricalDtype)
    for by in (["year", "sex", "victims"], ["victims", "country"], ["sex"]):
        pd.testing.assert_frame_equal(on_cluster(client, tsd.tabulate(tmp_path, by, batch_rows=70)),
                                      ts.tabulate(everything, by), check_exact=True)


def test_row_groups_with_dictionaries_of_their_own_and_pandas_types_count_as_pandas_reads_them(client, tmp_path):
    # Row groups written one by one from frames whose categoricals differ (an export appended to
    # month by month), beside the types pandas' metadata restores: an ordered categorical, categories
    # of integers, a nullable Int64 without missing values, integers with missing values (floats in
    # pandas), unsigned 64-bit integers at their top, timestamps and plain text.
    rng = np.random.default_rng(11)

    def month(i, rows=300):
        countries = ["KHM", "THA", "LAO", "VNM", "MMR"][i:i + 3]
        country = pd.Categorical(rng.choice(countries, rows), categories=countries)
        country[rng.random(rows) < 0.1] = np.nan
        return pd.DataFrame({
            "country": country,
            "band": pd.Categorical(rng.choice(["0-8", "9-17", "18+"], rows), categories=["0-8", "9-17", "18+"],
                                   ordered=True),
            "district": pd.Categorical(rng.choice([104, 7, 33 + i], rows)),
            "victims": pd.array(rng.integers(0, 4, rows), dtype="Int64"),
            "cases": np.where(rng.random(rows) < 0.2, np.nan, rng.integers(0, 3, rows)),
            "code": np.iinfo(np.uint64).max - rng.integers(0, 3, rows).astype(np.uint64),
            "registered": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 5, rows), unit="D"),
            "source": rng.choice(["hotline", "police"], rows),
        })

    path = tmp_path / "appended.parquet"
    first = pa.Table.from_pandas(month(0), preserve_index=False)
    with pq.ParquetWriter(path, first.schema) as writer:
        writer.write_table(first)
        for i in (1, 2):
            writer.write_table(pa.Table.from_pandas(month(i), preserve_index=False).cast(first.schema))
    everything = pd.read_parquet(path)
    assert list(everything["country"].cat.categories) == ["KHM", "THA", "LAO", "VNM", "MMR"]
    for by in (["country", "band"], ["district", "victims", "cases"], ["code", "registered", "source", "country"]):
        for batch_rows in (300, 600, None):  # a row group a batch (Arrow's buffers), or several (pandas')
            pd.testing.assert_frame_equal(on_cluster(client, tsd.tabulate(path, by, batch_rows=batch_rows)),
                                          ts.tabulate(everything, by), check_exact=True)


def test_a_column_the_first_file_leaves_empty_takes_the_other_files_type(client, tmp_path):
    # an export's first file without rows (or with a column all missing) has Parquet type null there;
    # read with the first file's schema, as pandas.read_parquet reads a folder, the others' values are lost
    empty = pd.DataFrame({"year": pd.Series([], dtype="int64"), "sex": pd.Categorical([]),
                          "recruiter": pd.Series([], dtype=object)})
    empty.to_parquet(tmp_path / "a.parquet")
    records(1).to_parquet(tmp_path / "b.parquet")
    by = ["year", "sex", "recruiter"]
    assert pd.read_parquet(tmp_path, columns=["sex"])["sex"].isna().all()  # the loss this avoids (text: an error)
    result = on_cluster(client, tsd.tabulate(tmp_path, by))
    expected = ts.tabulate(records(1), by)
    pd.testing.assert_frame_equal(result, expected, check_dtype=False, check_categorical=False, check_exact=True)
    assert list(result["sex"].cat.categories) == ["female", "male", "unknown"]


def test_tabulate_of_ctdc_case_files(client, tmp_path):
    # the CTDC global export's real layout (tests/data/README.md): nullable years, flags, coded categories
    cases = ts.io.read_ctdc(HERE.parent / "data" / "ctdc_global_2020.csv")
    for i, rows in enumerate(np.array_split(np.arange(len(cases)), 3)):
        cases.iloc[rows].to_parquet(tmp_path / f"ctdc-{i}.parquet")
    everything = pd.read_parquet(tmp_path)
    for by in (["yearOfRegistration", "gender", "ageBroad"], ["citizenship", "isForcedLabour", "majorityStatus"]):
        pd.testing.assert_frame_equal(on_cluster(client, tsd.tabulate(tmp_path, by)), ts.tabulate(everything, by),
                                      check_exact=True)


def test_tabulate_of_parquet_files_names_what_is_wrong(client, case_folder, tmp_path):
    with pytest.raises(ts.MissingFileError) as missing:
        tsd.tabulate(tmp_path / "absent", "year")
    assert isinstance(missing.value, FileNotFoundError) and missing.value.filename.endswith("absent")
    (tmp_path / "notes.parquet").write_text("victims: 263")
    with pytest.raises(ts.ParseError) as not_parquet:
        tsd.tabulate(tmp_path / "notes.parquet", "year")
    assert not_parquet.value.file.endswith("notes.parquet")
    with pytest.raises(ts.NotFoundError) as absent:
        tsd.tabulate(case_folder, ["year", "nationality"])
    assert absent.value.key == "nationality"
    for bad in ({"batch_rows": 0}, {"batch_rows": 1.5}, {"threads": 0}, {"split_out": 0}):
        with pytest.raises(ts.DomainError):
            tsd.tabulate(case_folder, "year", **bad)
    with pytest.raises(ts.DomainError, match="batch_rows"):
        tsd.tabulate(dd.read_parquet(case_folder), "year", batch_rows=100)
    with pytest.raises(ts.DomainError, match="tipstats.tabulate"):
        tsd.tabulate(pd.read_parquet(case_folder), "year")
    # a file spoilt after the graph was made: the error names it, the other files are not at fault
    folder = tmp_path / "spoilt"
    folder.mkdir()
    for i in range(3):
        records(i).to_parquet(folder / f"cases-{i}.parquet")
    counts = tsd.tabulate(folder, "year")
    (folder / "cases-1.parquet").write_bytes(b"PAR1" + b"\0" * 64 + b"PAR1")
    with pytest.raises(ts.ParseError) as spoilt:
        on_cluster(client, counts)
    assert spoilt.value.file.endswith("cases-1.parquet")


# --- Parquet directories --------------------------------------------------------------------------

def observations(seed=0):
    rng = np.random.default_rng(seed)
    obs = ts.Observations(dimensions=["citizenship"])
    for area in ["KHM", "THA", "LAO", "VNM"]:
        for sex in ["all", "female", "male"]:
            for year in range(2010, 2020):
                count = int(rng.poisson(20))
                value = "<5" if count < 18 and rng.random() < 0.5 else count
                if rng.random() < 0.05:
                    value = None
                if rng.random() < 0.05:
                    value = f"{count}-{count + 4}"
                obs.add("victims_detected", value, str(year), area=area, sex=sex, source="unodc")
                obs.add("victims_detected", count + 3, str(year), area=area, sex=sex, citizenship="Romania")
            obs.add("convictions", 3, "2019", area=area, sex=sex)
    return obs


@pytest.fixture(scope="module")
def observation_files(tmp_path_factory):
    """A directory of Parquet files written one by one (categories differ between files)."""
    folder = tmp_path_factory.mktemp("observations")
    frame = observations().to_pandas()
    for i, rows in enumerate(np.array_split(np.random.default_rng(1).permutation(len(frame)), 3)):
        ts.Observations.from_pandas(frame.iloc[np.sort(rows)]).to_parquet(folder / f"part-{i}.parquet")
    return folder


def test_a_directory_of_parquet_files_reads_into_a_dask_dataframe_that_tipstats_dask_takes(client, observation_files):
    tidy = dd.read_parquet(observation_files)
    assert tidy.npartitions == 3 and not dd.utils.has_known_categories(tidy._meta["area"])
    everything = in_process(tidy)
    whole = ts.Observations.from_pandas(everything)
    assert sorted(whole.extra_dimensions) == ["citizenship"] and len(whole) == len(observations())
    by = ["area", "sex", "censoring"]
    pd.testing.assert_frame_equal(on_cluster(client, tsd.tabulate(tidy, by)), ts.tabulate(everything, by))
    table = on_cluster(client, tsd.trends(tidy, "victims_detected", by=["area", "sex"]))
    assert_same_trends(table, whole.trends("victims_detected", by=["area", "sex"]), ["area", "sex"])


# --- Observations.trends --------------------------------------------------------------------------

def assert_same_trends(result, expected, by):
    """The same rows (in memory ordered by first appearance, here by label) with identical values."""
    assert list(result.columns) == list(expected.columns)
    expected = expected.astype({name: str for name in by})
    if by:
        expected = expected.sort_values(by, kind="stable").reset_index(drop=True)
    result = result.astype({name: str for name in by})
    pd.testing.assert_frame_equal(result, expected.astype(result.dtypes.to_dict()), check_exact=True)


@pytest.mark.parametrize("by, filters", [(["area", "sex"], {}), (["area"], {"sex": "female"}), ([], {"area": "KHM"}),
                                         (["sex", "citizenship"], {"area": "THA"}), (["area", "source"], {})])
def test_trends_over_tidy_observations_equal_the_in_memory_table(client, by, filters):
    frame = observations(seed=2).to_pandas().sample(frac=1.0, random_state=3)  # a series' rows scattered
    tidy = dd.from_pandas(frame, npartitions=4, sort=False)
    table = tsd.trends(tidy, "victims_detected", by=by, model="negbin", **filters)
    result = on_cluster(client, table)
    expected = ts.Observations.from_pandas(in_process(tidy)).trends("victims_detected", by=by, **filters)
    assert len(result) == len(expected) > 0
    assert_same_trends(result, expected, by)
    assert [str(t) for t in result.dtypes] == [str(t) for t in table._meta.dtypes]
    if by:
        assert not dd.utils.has_known_categories(table._meta[by[0]])


def test_trends_name_what_is_wrong(client):
    tidy = dd.from_pandas(observations().to_pandas(), npartitions=2)
    with pytest.raises(ts.DomainError) as info:
        tsd.trends(tidy, "victims_detected", by=["nationality"])
    assert info.value.argument == "by"
    with pytest.raises(ts.NotFoundError):
        on_cluster(client, tsd.trends(tidy, "arrests", by="area"))
    with pytest.raises(ts.NotFoundError):
        on_cluster(client, tsd.trends(tidy, "victims_detected", by="area", sex="other"))


# --- trend batch functions ------------------------------------------------------------------------

YEARS = np.arange(2008, 2020)


def counts_matrix(rows=23):
    rng = np.random.default_rng(5)
    growth = np.exp(rng.normal(0, 0.05, rows)[:, None] * np.arange(len(YEARS)))
    Y = rng.poisson(40 * growth).astype(float)
    Y[3, 4] = np.nan  # a missing count
    return Y


BATCHES = {
    "mann_kendall_batch": {"method": "hamed_rao"},
    "sens_slope_batch": {"level": 0.9},
    "loglinear_batch": {"model": "negbin"},
    "linear_batch": {},
    "joinpoint_batch": {"max_joinpoints": 1, "selection": "permutation", "permutations": 39, "seed": 11},
}


def matrix_for(name):
    Y = counts_matrix()
    return np.nan_to_num(Y, nan=40.0) + 1 if name in ("linear_batch", "joinpoint_batch") else Y


@pytest.mark.parametrize("name", list(BATCHES))
@pytest.mark.parametrize("chunks", [1, 5, 23])
def test_batch_on_a_dask_array_equals_the_in_memory_batch(client, name, chunks):
    Y, options = matrix_for(name), BATCHES[name]
    expected = getattr(ts.trend, name)(Y, x=YEARS, **options)
    lazy = getattr(tsd, name)(da.from_array(Y, chunks=(chunks, 4)), x=YEARS, **options)
    assert lazy.npartitions == -(-len(Y) // chunks)
    pd.testing.assert_series_equal(lazy._meta.dtypes, expected.dtypes)
    pd.testing.assert_frame_equal(on_cluster(client, lazy), expected, check_exact=True)


@pytest.mark.parametrize("name", list(BATCHES))
def test_batch_on_a_dask_dataframe_keeps_its_row_labels(client, name):
    Y, options = matrix_for(name), BATCHES[name]
    frame = dd.from_pandas(pd.DataFrame(Y, index=[f"area{i:02d}" for i in range(len(Y))]), npartitions=4)
    lazy = getattr(tsd, name)(frame, x=YEARS, **options)
    expected = getattr(ts.trend, name)(in_process(frame), x=YEARS, **options)
    pd.testing.assert_frame_equal(on_cluster(client, lazy), expected, check_exact=True)


def test_joinpoint_without_a_seed_is_fixed_when_the_graph_is_built(client):
    Y = matrix_for("joinpoint_batch")
    lazy = tsd.joinpoint_batch(da.from_array(Y, chunks=(6, 12)), x=YEARS, max_joinpoints=2, selection="permutation",
                               permutations=19)
    first, second = on_cluster(client, lazy), on_cluster(client, lazy)
    pd.testing.assert_frame_equal(first, second, check_exact=True)


def test_loglinear_batch_with_an_exposure_per_series(client):
    Y = counts_matrix()
    E = np.random.default_rng(7).uniform(1e5, 2e5, Y.shape)
    expected = ts.trend.loglinear_batch(Y, x=YEARS, exposure=E)
    for exposure in (E, da.from_array(E, chunks=(4, 5))):
        result = on_cluster(client, tsd.loglinear_batch(da.from_array(Y, chunks=(6, 12)), x=YEARS, exposure=exposure))
        pd.testing.assert_frame_equal(result, expected, check_exact=True)
    frames = [dd.from_pandas(pd.DataFrame(m), npartitions=3) for m in (Y, E)]
    result = on_cluster(client, tsd.loglinear_batch(frames[0], x=YEARS, exposure=frames[1]))
    pd.testing.assert_frame_equal(result, expected, check_exact=True)
    shared = on_cluster(client, tsd.loglinear_batch(frames[0], x=YEARS, exposure=E[0]))
    pd.testing.assert_frame_equal(shared, ts.trend.loglinear_batch(Y, x=YEARS, exposure=E[0]), check_exact=True)


def test_a_bad_row_is_named_in_the_whole_collection(client):
    Y = counts_matrix()
    Y[17, 2] = -1
    with pytest.raises(ts.DomainError) as info:
        on_cluster(client, tsd.loglinear_batch(da.from_array(Y, chunks=(5, 12))))
    with pytest.raises(ts.DomainError) as in_memory:
        ts.trend.loglinear_batch(Y)
    assert (info.value.argument, info.value.index, str(info.value)) == (
        in_memory.value.argument, in_memory.value.index, str(in_memory.value)) == ("Y[17]", 2, str(in_memory.value))
    frame = dd.from_pandas(pd.DataFrame(Y, index=[f"area{i:02d}" for i in range(len(Y))]), npartitions=4)
    with pytest.raises(ts.DomainError) as info:
        on_cluster(client, tsd.loglinear_batch(frame))
    assert info.value.argument == "Y.loc['area17']" and info.value.index == 2


def test_batch_refuses_bad_input_at_once():
    with pytest.raises(ts.DomainError) as info:
        tsd.mann_kendall_batch(np.ones((2, 5)))
    assert info.value.argument == "Y"
    with pytest.raises(ts.DomainError):
        tsd.mann_kendall_batch(da.ones(5, chunks=2))
    with pytest.raises(ts.DomainError):  # options are checked when the graph is built
        tsd.joinpoint_batch(da.ones((4, 5), chunks=2), max_joinpoints=3)
    with pytest.raises(ts.DomainError) as info:
        tsd.loglinear_batch(da.ones((4, 5), chunks=2), exposure=np.ones((3, 5)))
    assert info.value.argument == "exposure"


# --- pickling through a worker --------------------------------------------------------------------

def same(value):
    return value


def crossing_objects():
    """Results, observations, series and datasets, one of each kind."""
    ds = ts.datasets.cambodia_2019()
    uk, small = ts.datasets.mse("UKdat_5"), ts.datasets.mse("Artificial_3")
    table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"], "sex": ["female", "male"] * 3,
                          "count": [62, 8, 27, 4, 150, 12]})
    published = privacy.suppress(table, ["age", "sex"])
    obs = observations()
    y = [60, 66, 71, 80, 86, 95, 90, 84, 80, 74, 70, 65]
    return {
        "dataset": ds, "observations": obs, "observation": obs[3], "series": obs.series("victims_detected", area="KHM"),
        "quantity": ts.Quantity("106-111"), "period": ts.Period("2019-H1"),
        "change": ts.change_ci(263, 105), "change_range": ts.change_ci(263, "106-111"),
        "claim": ts.check_claim("an increase of nearly 150 per cent", current=263),
        "rate_ratio": ts.rate_ratio(60, 51477.5, 30, 54308.7),
        "proportion_range": ts.proportion_ci_range("86 per cent", n=range(50, 60)),
        "loglinear": ts.trend.loglinear(obs.series("victims_detected", area="KHM"), model="negbin"),
        "mann_kendall": ts.trend.mann_kendall(y), "sens_slope": ts.trend.sens_slope(y),
        "joinpoint": ts.trend.joinpoint(y, max_joinpoints=1, seed=1),
        "capture_table": uk, "stepwise": mse.stepwise(uk), "closed": mse.profile_interval(uk, "Mt"),
        "bootstrap": mse.bootstrap(small, n=20, seed=1), "bma": mse.bma(small, n_missing=range(0, 2001)),
        "suppressed": published, "audit": privacy.audit(published, by=["age", "sex"]),
        "k_anonymity": privacy.k_anonymity(table.drop(columns="count"), ["age", "sex"], k=2),
        "noisy": privacy.noisy_counts(table, epsilon=1.0, by=["age", "sex"], seed=1),
        "publication": privacy.publication_table(published, rows="age", cols="sex"),
    }


def test_results_observations_series_and_datasets_cross_to_a_worker_and_back_equal(client):
    objects = crossing_objects()
    back = client.gather(client.map(same, list(objects.values()), pure=False), errors="raise")
    for (name, original), copy in zip(objects.items(), back):
        assert type(copy) is type(original), name
        if isinstance(original, pd.DataFrame):
            pd.testing.assert_frame_equal(copy, original)
        else:
            assert copy == original and repr(copy) == repr(original), name
            assert type(original).__hash__ is None or hash(copy) == hash(original), name
    # and a worker computes what this process computes
    remote = client.submit(ts.trend.loglinear, objects["series"], model="negbin").result(timeout=TIMEOUT)
    assert remote == objects["loglinear"]
    assert client.submit(lambda o: o.series("victims_detected", area="KHM"), objects["observations"]).result(
        timeout=TIMEOUT) == objects["series"]


def test_value_equality_tells_different_results_apart():
    objects = crossing_objects()
    assert objects["change"] != ts.change_ci(263, 106)
    assert objects["series"] != observations().series("victims_detected", area="THA")
    assert objects["stepwise"] != mse.loglinear(ts.datasets.mse("UKdat_5"))
    assert objects["noisy"] != privacy.noisy_counts(pd.DataFrame({"age": ["0-14"], "count": [5]}), epsilon=1.0,
                                                    by=["age"], seed=1)
    assert ts.Observations() != objects["observations"]



def test_the_in_process_batch_functions_refuse_a_dask_collection_rather_than_compute_it():
    Y = da.from_array(np.arange(40, dtype=float).reshape(4, 10) + 1, chunks=(2, 10))
    with pytest.raises(ts.DomainError, match="tipstats.dask"):
        ts.trend.loglinear_batch(Y)
    with pytest.raises(ts.DomainError, match="compute"):
        ts.trend.mann_kendall_batch(dd.from_pandas(pd.DataFrame(np.asarray(Y)), npartitions=2))
