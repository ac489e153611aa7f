"""Observations.to_parquet / read_parquet: a table comes back equal (dimensions, extra dimensions,
censored values, ranges, missing values, notes), the file says what it is in its schema metadata,
writing is atomic, and a file that is not such a table raises ParseError naming the file and field."""

import json
import os

import numpy as np
import pandas as pd
import pytest

pa = pytest.importorskip("pyarrow")  # tipstats[dask]: skipped where the extra is not installed
pq = pytest.importorskip("pyarrow.parquet")

import tipstats as ts  # noqa: E402 - after the skip


def table():
    obs = ts.Observations(dimensions=["citizenship", "repatriation"])
    obs.add("victims_detected", "106-111", "2019", area="KHM", citizenship="Romania", note="ជួញដូរ, \"quoted\"")
    obs.add("victims_detected", "<5", "2020-H1", area="KHM", age="0-14", sex="female", source="unodc")
    obs.add("victims_detected", ">1000", "2020-H2", area="THA", repatriation="Lao People's Democratic Republic")
    obs.add("victims_detected", None, "2021", area="KHM")
    obs.add("victims_detected", 0, "2021-Q3", area="KHM", offence="forced_labour")
    obs.add("victims_detected", 2**40, "2019-06-14", area="VNM", age="18+", sex="unknown")
    obs.add("share_girls", 0.25, "2021", unit="proportion", age="15-17")
    obs.add("rate", 1.5, "2019-01-01/2019-06-30", unit="per_100000")
    return obs


def test_a_table_comes_back_equal(tmp_path):
    obs = table()
    obs.to_parquet(tmp_path / "victims.parquet")
    back = ts.Observations.read_parquet(tmp_path / "victims.parquet")
    assert back == obs
    assert back.extra_dimensions == ["citizenship", "repatriation"]
    assert [str(q) for q in back.quantities] == [str(q) for q in obs.quantities]
    pd.testing.assert_frame_equal(back.to_pandas(), obs.to_pandas())
    assert back.series("victims_detected", area="KHM").to_pandas().equals(
        obs.series("victims_detected", area="KHM").to_pandas())


def test_the_columns_are_typed_and_the_metadata_says_what_the_file_is(tmp_path):
    table().to_parquet(tmp_path / "victims.parquet")
    schema = pq.read_schema(tmp_path / "victims.parquet")
    for name in ("measure", "period", "area", "age", "sex", "citizenship", "repatriation", "censoring"):
        assert pa.types.is_dictionary(schema.field(name).type), name
    for name in ("value", "bound", "lower", "upper"):
        assert schema.field(name).type == pa.float64()
    assert json.loads(schema.metadata[b"tipstats"]) == {
        "format": "observations", "version": 1, "extra_dimensions": ["citizenship", "repatriation"]}
    # pandas reads it too, with the categorical dimensions and the bounds
    frame = pd.read_parquet(tmp_path / "victims.parquet")
    assert isinstance(frame["area"].dtype, pd.CategoricalDtype)
    assert frame.loc[1, ["censoring", "bound", "lower", "upper"]].tolist() == ["below", 5.0, 0.0, 4.0]
    assert frame.loc[0, ["censoring", "lower", "upper"]].tolist() == ["range", 106.0, 111.0]


def test_an_empty_table_round_trips(tmp_path):
    obs = ts.Observations(dimensions=["citizenship"])
    obs.to_parquet(tmp_path / "empty.parquet")
    back = ts.Observations.read_parquet(tmp_path / "empty.parquet")
    assert len(back) == 0 and back == obs and back.extra_dimensions == ["citizenship"]


def test_writing_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "victims.parquet"
    first = ts.datasets.cambodia_2019().observations
    first.to_parquet(path)

    def interrupted(table, where, **options):
        with open(where, "wb") as half:
            half.write(b"PAR1 half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(pq, "write_table", interrupted)
    with pytest.raises(KeyboardInterrupt):
        table().to_parquet(path)
    monkeypatch.undo()
    assert ts.Observations.read_parquet(path) == first
    assert os.listdir(tmp_path) == ["victims.parquet"]
    table().to_parquet(path)
    assert ts.Observations.read_parquet(path) == table()
    assert os.listdir(tmp_path) == ["victims.parquet"]


def test_the_temporary_file_is_hidden_from_readers_of_the_folder(tmp_path, monkeypatch):
    seen = []
    real = pq.write_table
    monkeypatch.setattr(pq, "write_table", lambda table, where, **options: (seen.append(where),
                                                                           real(table, where, **options)))
    table().to_parquet(tmp_path / "victims.parquet")
    name = os.path.basename(seen[0])
    assert os.path.dirname(seen[0]) == str(tmp_path)
    assert name.startswith(".") and not name.endswith(".parquet")  # pyarrow and dask skip such files


def write(path, frame, stamp):
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(arrow.schema.metadata or {})
    if stamp is not None:
        metadata[b"tipstats"] = stamp if isinstance(stamp, bytes) else json.dumps(stamp).encode()
    pq.write_table(arrow.replace_schema_metadata(metadata), path)


STAMP = {"format": "observations", "version": 1, "extra_dimensions": []}


@pytest.mark.parametrize("stamp, field, message", [
    (None, None, "not a tipstats table of observations"),
    (b"{not json", "tipstats", "not that of a table of observations"),
    ({"format": "dataset", "version": 1, "extra_dimensions": []}, "tipstats", "not that of a table of observations"),
    ({**STAMP, "version": 2}, "tipstats.version", "format version 2, this tipstats reads version 1"),
    ({**STAMP, "extra_dimensions": "citizenship"}, "tipstats.extra_dimensions", "must be a list"),
])
def test_a_file_without_the_right_metadata_is_refused(tmp_path, stamp, field, message):
    path = tmp_path / "other.parquet"
    write(path, ts.datasets.cambodia_2019().observations.to_pandas(), stamp)
    with pytest.raises(ts.ParseError, match=message) as info:
        ts.Observations.read_parquet(path)
    assert info.value.file == str(path) and info.value.field == field
    assert str(info.value).startswith(str(path))


def test_columns_that_do_not_match_the_metadata_are_named(tmp_path):
    frame = table().to_pandas()
    write(tmp_path / "unlisted.parquet", frame, {**STAMP, "extra_dimensions": ["citizenship"]})
    with pytest.raises(ts.ParseError, match="extra dimensions recorded") as info:
        ts.Observations.read_parquet(tmp_path / "unlisted.parquet")
    assert info.value.field == "repatriation"
    write(tmp_path / "absent.parquet", frame.drop(columns="repatriation"),
          {**STAMP, "extra_dimensions": ["citizenship", "repatriation"]})
    with pytest.raises(ts.ParseError) as info:
        ts.Observations.read_parquet(tmp_path / "absent.parquet")
    assert info.value.field == "repatriation"
    write(tmp_path / "no_period.parquet", frame.drop(columns="period"), {**STAMP, "extra_dimensions":
                                                                         ["citizenship", "repatriation"]})
    with pytest.raises(ts.ParseError, match="the column is missing") as info:
        ts.Observations.read_parquet(tmp_path / "no_period.parquet")
    assert info.value.field == "period"


def test_a_bad_value_is_named_by_file_field_and_row(tmp_path):
    frame = ts.datasets.cambodia_2019().observations.to_pandas()
    frame["censoring"] = frame["censoring"].cat.add_categories(["guessed"])
    frame.loc[2, "censoring"] = "guessed"
    path = tmp_path / "bad.parquet"
    write(path, frame, STAMP)
    with pytest.raises(ts.ParseError, match="row 2") as info:
        ts.Observations.read_parquet(path)
    assert info.value.file == str(path) and info.value.field == "observations[2].censoring"


def test_a_missing_file_is_a_file_error_and_a_foreign_one_a_parse_error_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError) as missing:
        ts.Observations.read_parquet(tmp_path / "absent.parquet")
    assert isinstance(missing.value, ts.MissingFileError) and missing.value.filename == str(tmp_path / "absent.parquet")
    (tmp_path / "victims.csv").write_text("measure,value,period\nvictims,3,2019\n", encoding="utf-8")
    with pytest.raises(ts.ParseError, match="not a Parquet file") as info:
        ts.Observations.read_parquet(tmp_path / "victims.csv")
    assert info.value.file == str(tmp_path / "victims.csv")


def test_many_rows_round_trip(tmp_path):
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({
        "measure": "victims_detected",
        "value": np.where(rng.random(5000) < 0.3, "<5", rng.integers(5, 500, 5000).astype(str)).astype(object),
        "period": rng.integers(2000, 2024, 5000).astype(str),
        "area": rng.choice(["KHM", "THA", "LAO"], 5000),
        "citizenship": rng.choice(["Romania", "Viet Nam", None], 5000),
    })
    obs = ts.Observations.from_pandas(frame)
    obs.to_parquet(tmp_path / "many.parquet")
    assert ts.Observations.read_parquet(tmp_path / "many.parquet") == obs
