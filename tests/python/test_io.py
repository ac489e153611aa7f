"""Importers: GLOTIP exports (C++) and CTDC case files (Python), with errors that name their place."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tipstats
from tipstats import io

DATA = Path(__file__).resolve().parents[1] / "data"


def test_glotip_sample_reads_with_censoring_and_separators():
    table = io.read_glotip(DATA / "glotip_sample.csv", check=False)
    df = table.to_pandas() if hasattr(table, "to_pandas") else None
    assert len(table) == 15
    first = table[0]
    assert first.measure == "victims_detected"
    assert str(first.value) == "1234"
    assert str(table[2].value) == "<5"
    assert str(table[2].age) == "0-17"
    assert str(table[4].value) == "1002003"
    assert table[4].offence == "forced_labour"
    assert table[5].value.is_missing
    assert table[7].unit == "per_100000"
    assert df is None or len(df) == 15


def test_glotip_reads_every_dimension():
    with pytest.warns(tipstats.ConsistencyWarning, match="1 exceeds_total"):
        table = io.read_glotip(DATA / "glotip_sample.csv")
    assert table.extra_dimensions == ["citizenship", "area_of_citizenship", "country_of_repatriation"]
    df = table.to_pandas()
    broken_down = df[(df[table.extra_dimensions] != "all").any(axis=1)]
    assert broken_down.index.tolist() == [8, 9, 10, 11]
    assert set(broken_down["measure"]) == {"victims_detected"}
    assert df.loc[8:11, "citizenship"].tolist() == ["Domestic", "Foreign", "all", "all"]
    assert df.loc[10, "area_of_citizenship"] == "South-eastern Asia"
    assert df.loc[11, "country_of_repatriation"] == "Thailand"
    assert set(broken_down["offence"]) == {"all"} and set(broken_down["age"]) == {"all"}
    assert str(table[12].age) == "0-17" and table[12].measure == "victims_detected"  # by age group
    assert str(table[13].age) == "18+"  # "18 years or over"
    assert table[14].sex == "female" and table[14].measure == "persons_convicted"  # by sex
    # Domestic and Foreign add up to the total; each is a series of its own, the total is the default.
    domestic = table.series("victims_detected", citizenship="Domestic").values[0]
    foreign = table.series("victims_detected", citizenship="Foreign").values[0]
    total = table.series("victims_detected", area="KHM", unit="count").values[0]
    assert domestic + foreign == total == 1234
    # The sample's one finding is its forced-labour figure above the total (rows 0, 3, 4), on lines 3, 6, 7.
    [finding] = table.check()
    assert (finding.kind, finding.dimension, finding.rows, finding.lines) == ("exceeds_total", "offence", [0, 3, 4],
                                                                             [3, 6, 7])
    assert io.GLOTIP_TERMS["Dimension"]["by form of exploitation"] == "offence"
    assert io.GLOTIP_TERMS["Dimension"]["by citizenship"] == "citizenship"
    assert io.GLOTIP_TERMS["Age"]["18 years or over"] == "18+"


def test_glotip_errors_carry_their_place(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,"
        "txtVALUE,Source\nKHM,Cambodia,Asia,SEA,Detected trafficking victims,Total,Piracy,Total,Total,2019,"
        "Counts,5,X\n", encoding="utf-8")
    with pytest.raises(tipstats.ParseError) as caught:
        io.read_glotip(path)
    e = caught.value
    assert (e.file, e.line, e.column, e.field) == (str(path), 2, 7, "Category")
    assert f"{path}:2:7: field 'Category'" in str(e)
    assert "Sexual exploitation" in io.GLOTIP_TERMS["Category"]


def test_ctdc_sample_is_ready_for_tabulate():
    df = io.read_ctdc(DATA / "ctdc_sample.csv")
    assert len(df) == 7
    assert str(df["yearOfRegistration"].dtype) == "Int64"
    assert df["yearOfRegistration"].isna().tolist() == [False] * 6 + [True]
    assert df["isForcedLabour"].dtype == bool
    assert df["isForcedLabour"].tolist() == [False, True, False, True, False, True, False]
    assert df["typeOfLabourAquafarming"].tolist() == [False, True, False, False, False, True, False]
    age = df["ageBroad"]
    assert age.cat.ordered
    assert list(age.cat.categories) == ["0-8", "9-17", "18-20", "24-26", "30-38", "48+"]
    assert age.isna().tolist() == [False, False, False, False, True, False, False]
    assert df["citizenship"].dtype == "category"
    assert pd.isna(df["majorityStatus"][5])

    counts = tipstats.tabulate(df, ["citizenship", "isForcedLabour"])
    expected = (df.groupby(["citizenship", "isForcedLabour"], observed=True, dropna=False)
                  .size().reset_index(name="count"))
    pd.testing.assert_frame_equal(counts.reset_index(drop=True), expected, check_dtype=False)


def test_the_older_ctdc_fixture_reads_too():
    df = io.read_ctdc(DATA / "ctdc_like.csv")
    assert len(df) == 85
    assert set(df["ageBroad"].cat.categories) <= {"0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38",
                                                  "39-47", "48+"}


@pytest.mark.parametrize("text, line, column, field, message", [
    ("yearOfRegistration,ageBroad\n2019,9--17\n20x9,0--8\n", 3, 1, "yearOfRegistration", "not a year"),
    ("# a comment\nyearOfRegistration,ageBroad\n2019,elderly\n", 3, 2, "ageBroad", "not an age band"),
    ("gender,isForcedLabour\nFemale,yes\n", 2, 2, "isForcedLabour", "a flag is 1"),
    ("gender,isForcedLabour\nFemale,\"1\n", 2, 2, "isForcedLabour", "never closed"),
])
def test_ctdc_errors_carry_their_place(tmp_path, text, line, column, field, message):
    path = tmp_path / "cases.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(tipstats.ParseError) as caught:
        io.read_ctdc(path)
    e = caught.value
    assert (e.file, e.line, e.field) == (str(path), line, field)
    assert e.column == column
    assert message in str(e)


def test_ctdc_refuses_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"gender,citizenship\nFemale,KHM\nF\xe9minin,KHM\n")
    with pytest.raises(tipstats.ParseError) as caught:
        io.read_ctdc(path)
    assert caught.value.line == 3


def _latin1(path, text):
    """Write ``text`` as Latin-1 (é is the single byte 0xE9), as a spreadsheet saving "ANSI" does."""
    path.write_bytes(text.encode("latin-1"))
    return path


@pytest.mark.parametrize("read", [tipstats.Observations.load_csv, tipstats.Observations.read_csv])
def test_observations_csv_with_latin1_bytes_names_line_and_column(tmp_path, read):
    path = _latin1(tmp_path / "latin1.csv", "measure,value,period,note\nvictims,263,2019,ok\nvictims,70,2019,café\n")
    with pytest.raises(tipstats.ParseError) as caught:
        read(path if read is tipstats.Observations.read_csv else str(path))
    e = caught.value
    assert (e.file, e.line, e.column) == (str(path), 3, 20)  # "victims,70,2019,caf" is 19 characters
    assert "not UTF-8" in str(e)


def test_glotip_with_latin1_bytes_names_line_and_column(tmp_path):
    path = _latin1(tmp_path / "glotip_latin1.csv",
                   "Title row,,,,,,,,,,,,\n"
                   "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,"
                   "txtVALUE,Source\n"
                   "CIV,Côte d'Ivoire,Africa,Western Africa,Detected trafficking victims,Total,Total,Total,Total,"
                   "2019,Counts,5,National authorities\n")
    with pytest.raises(tipstats.ParseError) as caught:
        io.read_glotip(path)
    e = caught.value
    assert (e.file, e.line, e.column) == (str(path), 3, 6)  # the title row counts: ô is on line 3
    assert "not UTF-8" in str(e)
