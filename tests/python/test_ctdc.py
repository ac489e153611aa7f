"""CTDC case files of every release read to one set of columns; bad files are located ParseErrors.

The fixtures (tests/data/ctdc_*.csv, .tsv; tests/data/README.md says what each is modelled on)
hold the same six invented cases, each written in one release's layout and codes.
"""

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tipstats
from tipstats import io

DATA = Path(__file__).resolve().parents[1] / "data"

LAYOUTS = {
    "global-2018-2020": ("ctdc_global_2020.csv", ",", 63),
    "k-anon-2021": ("ctdc_k_anon_2021.csv", ";", 63),
    "synthetic-2021": ("ctdc_synthetic_2021.tsv", "\t", 37),
    "synthetic-2024": ("ctdc_synthetic_2024.csv", ",", 27),
    "synthetic-2026": ("ctdc_synthetic_2026.csv", ",", 27),
}
# What the codebooks write differently for the same case: gender wording and the country code system.
ALPHA3 = {"PH": "PHL", "KH": "KHM", "US": "USA", "ID": "IDN", "UA": "UKR", "MY": "MYS", "TH": "THA", "SA": "SAU",
          "PL": "POL", "RU": "RUS"}
GENDER_2024 = {"Female": "Woman", "Male": "Man"}
NOTICE = "By using this data you agree to the Terms of Use: https://www.ctdatacollaborative.org/terms-use"


def read(release):
    return io.read_ctdc(DATA / LAYOUTS[release][0])


def values(series):
    return [None if pd.isna(v) else v for v in series.astype(object)]


@pytest.mark.parametrize("release", LAYOUTS)
def test_each_layout_reads_to_canonical_columns(release):
    df = read(release)
    assert df.attrs["ctdc_release"] == release
    assert len(df.columns) == LAYOUTS[release][2]
    assert set(df.columns) <= set(io.CTDC_COLUMNS)
    assert not any(name.lower().startswith("by using") for name in df.columns)
    for name in ("yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
                 "isForcedLabour", "isSexualExploit", "meansOfControlFalsePromises", "recruiterRelationFamily",
                 "typeOfSexProstitution", "typeOfLabourConstruction"):
        assert name in df.columns, name
    assert str(df["yearOfRegistration"].dtype) == "Int64"
    assert df["ageBroad"].cat.ordered
    for name, kind in io.CTDC_COLUMNS.items():
        if name not in df.columns:
            continue
        if kind == "flag":
            assert df[name].dtype == bool, name
        elif kind == "text":
            assert df[name].dtype == "category", name
    # attrs says what each column is called in the file.
    in_file = df.attrs["ctdc_columns"]
    assert list(in_file) == list(df.columns)
    header = next(csv.reader(open(DATA / LAYOUTS[release][0], newline="", encoding="utf-8"),
                             delimiter=LAYOUTS[release][1]))
    header = header[1:] if header[0].startswith("By using") else header
    assert [in_file[name] for name in df.columns] == header


def test_renamed_columns_get_their_2021_names():
    assert read("synthetic-2024").attrs["ctdc_columns"]["meansOfControlFalsePromises"] == "meansFalsePromises"
    assert read("synthetic-2024").attrs["ctdc_columns"]["meansOfControlWithholdsDocuments"] == "meansWithholdDocs"
    assert read("synthetic-2026").attrs["ctdc_columns"]["typeOfLabourDomesticWork"] == "sectorOfLabourDomesticWork"
    # The 2021 synthetic file cuts one name to 32 characters, as Stata does.
    names = read("synthetic-2021").attrs["ctdc_columns"]
    assert names["meansOfControlThreatOfLawEnforcement"] == "meansOfControlThreatOfLawEnforce"
    assert io.CTDC_RENAMES["meansDrugsAlcohol"] == "meansOfControlPsychoactiveSubstances"
    # Merged means of control have no 2021 name and keep their own.
    assert {"meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex", "meansDenyBasicNeeds"} <= set(
        read("synthetic-2024").columns)


@pytest.mark.parametrize("release", LAYOUTS)
def test_every_row_is_kept_in_file_order(release):
    name, delimiter, _ = LAYOUTS[release]
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))[1:]
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle, delimiter=delimiter))
    df = read(release)
    assert len(df) == len(rows) == 6
    # Every cell against the rules applied by hand: -99 and empty missing, flags "1", bands without "--".
    in_file = df.attrs["ctdc_columns"]
    for name in df.columns:
        raw = [r[header.index(in_file[name])].strip() for r in rows]
        kind = io.CTDC_COLUMNS[name]
        if kind == "flag":
            expected = [cell == "1" for cell in raw]
        else:
            expected = [None if cell in ("", "-99") else cell for cell in raw]
            if kind == "year":
                expected = [None if cell is None else int(cell) for cell in expected]
            if kind == "age":
                expected = [None if cell is None else re.sub(r"^0(\d)", r"\1", cell).replace("--", "-")
                            for cell in expected]
        assert values(df[name]) == expected, name


def test_the_same_cases_read_the_same_in_every_layout():
    frames = {release: read(release) for release in LAYOUTS}
    # The 2020 download (-99, quoted "-99", 0 for no) and the 2021 k-anonymised file (';', empty) agree
    # on every column and value.
    pd.testing.assert_frame_equal(frames["global-2018-2020"], frames["k-anon-2021"])
    # So do the v2024 file and the later one with sectorOf... names and "09--17".
    pd.testing.assert_frame_equal(frames["synthetic-2024"], frames["synthetic-2026"])
    shared = set.intersection(*(set(f.columns) for f in frames.values()))
    assert len(shared) == 22
    reference = frames["k-anon-2021"]
    for release, frame in frames.items():
        for name in sorted(shared):
            expected = values(reference[name])
            if release.startswith("synthetic") and name in ("citizenship", "CountryOfExploitation"):
                expected = [None if v is None else ALPHA3[v] for v in expected]
            if release in ("synthetic-2024", "synthetic-2026") and name == "gender":
                expected = [None if v is None else GENDER_2024[v] for v in expected]
            assert values(frame[name]) == expected, (release, name)
    first = reference.iloc[0]
    assert (first["yearOfRegistration"], first["ageBroad"], first["RecruiterRelationship"]) == (
        2019, "9-17", "Family/Relative; Intimate Partner")
    assert first["meansOfControlConcatenated"] == "False promises; Psychological abuse"


def test_the_merged_means_of_control_are_the_2021_flags_they_merge():
    """Appendix II of the 2024 codebook: each merged flag is set when any of its 2021 flags is."""
    old, new = read("synthetic-2021"), read("synthetic-2024")
    merged = {
        "meansDebtBondageEarnings": ["meansOfControlDebtBondage", "meansOfControlTakesEarnings"],
        "meansThreats": ["meansOfControlThreats", "meansOfControlThreatOfLawEnforcement"],
        "meansAbusePsyPhySex": ["meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse",
                                "meansOfControlSexualAbuse"],
        "meansDenyBasicNeeds": ["meansOfControlRestrictsMovement", "meansOfControlRestrictsMedicalCare",
                                "meansOfControlWithholdsNecessities"],
    }
    for name, parts in merged.items():
        assert new[name].tolist() == old[parts].any(axis=1).tolist(), name
        assert new[name].any(), name


@pytest.mark.parametrize("release", LAYOUTS)
def test_tabulate_works_on_each_layout(release):
    df = read(release)
    by = ["yearOfRegistration", "gender", "ageBroad", "isSexualExploit"]
    counts = tipstats.tabulate(df, by)
    expected = df.groupby(by, observed=True, dropna=False).size().reset_index(name="count")
    pd.testing.assert_frame_equal(counts.reset_index(drop=True), expected, check_dtype=False,
                                  check_categorical=False)
    assert counts["count"].sum() == len(df)


def test_missing_values_are_missing_in_every_form(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text('yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour\n'
                    '-99,"-99",-99,,-99\n2019, Female ,"09--17",PH,0\n', encoding="utf-8")
    df = io.read_ctdc(path)
    assert values(df["yearOfRegistration"]) == [None, 2019]
    assert values(df["gender"]) == [None, "Female"]
    assert values(df["ageBroad"]) == [None, "9-17"]
    assert values(df["citizenship"]) == [None, "PH"]
    assert df["isForcedLabour"].tolist() == [False, False]
    assert list(df["gender"].cat.categories) == ["Female"]


def test_the_2018_layout_without_isSlaveryAndPractices_is_recognised(tmp_path):
    with open(DATA / "ctdc_global_2020.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    drop = rows[0].index("isSlaveryAndPractices")
    path = tmp_path / "global.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([r[:drop] + r[drop + 1:] for r in rows])
    df = io.read_ctdc(path)
    assert df.attrs["ctdc_release"] == "global-2018-2020"
    assert len(df.columns) == 62 and len(df) == 6


def test_a_selection_of_columns_is_an_extract(tmp_path):
    path = tmp_path / "extract.csv"
    path.write_text(f"{NOTICE};yearOfRegistration;RecruiterRelationship\n"
                    ';2019;"Family/Relative; Intimate Partner"\n;2020;\n', encoding="utf-8")
    df = io.read_ctdc(path)
    assert df.attrs["ctdc_release"] == "extract"
    assert list(df.columns) == ["yearOfRegistration", "RecruiterRelationship"]
    assert values(df["RecruiterRelationship"]) == ["Family/Relative; Intimate Partner", None]


def test_a_header_only_file_gives_no_rows(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text((DATA / "ctdc_synthetic_2024.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
                    encoding="utf-8")
    df = io.read_ctdc(path)
    assert len(df) == 0 and len(df.columns) == 27 and df.attrs["ctdc_release"] == "synthetic-2024"


# Bad input: a typed ParseError with file, line, column (the field's position) and column name; no values
# of the records in the message, and nothing returned.

def _error(path):
    with pytest.raises(tipstats.ParseError) as caught:
        io.read_ctdc(path)
    e = caught.value
    assert e.file == str(path)
    return e


def _k_anon_text():
    return (DATA / "ctdc_k_anon_2021.csv").read_bytes().decode("utf-8")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n", b"# only a comment\n"])
def test_an_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    e = _error(path)
    assert "empty" in str(e) and e.line == content.count(b"#") + 1 and e.column == 1


def test_an_html_page_saved_as_csv(tmp_path):
    path = tmp_path / "ctdc.csv"
    path.write_text("\n<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>"
                    "<body>Try again later</body></html>\n", encoding="utf-8")
    e = _error(path)
    assert "HTML" in str(e) and (e.line, e.column) == (2, 1)


def test_a_workbook_given_as_csv(tmp_path):
    path = tmp_path / "ctdc.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(200)))
    e = _error(path)
    assert "Excel" in str(e) and (e.line, e.column) == (1, 1)


def test_a_header_of_no_known_release(tmp_path):
    path = tmp_path / "glotip.csv"
    path.write_text("Iso3_code,Country,Region,Indicator\nKHM,Cambodia,Asia,Detected trafficking victims\n",
                    encoding="utf-8")
    e = _error(path)
    assert "names no CTDC column" in str(e) and (e.line, e.column, e.field) == (1, 1, None)
    # A file without its header: its first row must not be quoted back.
    rows = _k_anon_text().split("\r\n", 1)[1]
    path.write_text(rows, encoding="utf-8")
    e = _error(path)
    assert "names no CTDC column" in str(e) and "Family/Relative" not in str(e)


def test_a_header_with_a_column_of_no_release(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("# exported\nyearOfRegistration,gender,age,citizenship\n2019,Female,12,PH\n", encoding="utf-8")
    e = _error(path)
    assert "not a column of any CTDC release" in str(e)
    assert (e.line, e.column, e.field) == (2, 3, "age")


def test_a_column_without_a_name(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("yearOfRegistration,gender,\n2019,Female,\n", encoding="utf-8")
    e = _error(path)
    assert "a column without a name" in str(e) and (e.line, e.column) == (1, 3)


def test_the_same_column_twice(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("meansFalsePromises,meansOfControlFalsePromises\n1,1\n", encoding="utf-8")
    e = _error(path)
    assert "same column as column 1" in str(e) and (e.line, e.column, e.field) == (1, 2,
                                                                                     "meansOfControlFalsePromises")


def test_a_file_cut_mid_row(tmp_path):
    text = _k_anon_text()
    cut = text.index(";MY;")  # in the last-but-one fields of the first row
    path = tmp_path / "cut.csv"
    path.write_text(text[:cut], encoding="utf-8")
    e = _error(path)
    assert "ends after 58 of 64 fields" in str(e)
    assert (e.line, e.column, e.field) == (2, 59, "CountryOfExploitation")


def test_a_file_cut_inside_a_quoted_field(tmp_path):
    text = _k_anon_text()
    cut = text.index("Intimate Partner\"")
    path = tmp_path / "cut.csv"
    path.write_text(text[:cut], encoding="utf-8")
    e = _error(path)
    assert "never closed" in str(e)
    assert (e.line, e.column, e.field) == (2, 58, "RecruiterRelationship")


def test_a_file_cut_inside_the_header(tmp_path):
    path = tmp_path / "cut.csv"
    header = _k_anon_text()[: _k_anon_text().index("SexualAbuse") + 3]
    path.write_text(header, encoding="utf-8")
    e = _error(path)
    cells = header.split(";")
    assert cells[-1] == "meansOfControlSex"  # cut inside meansOfControlSexualAbuse
    assert "not a column of any CTDC release" in str(e)
    assert (e.line, e.column, e.field) == (1, len(cells), cells[-1])


def test_a_file_cut_inside_a_character(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes("gender,citizenship\nFemale,PH\nFemale,C\u00f4".encode("utf-8")[:-1])
    e = _error(path)
    assert "not UTF-8" in str(e) and e.line == 3


def test_a_row_with_an_unquoted_delimiter(tmp_path):
    text = _k_anon_text().replace('"Family/Relative; Intimate Partner"', "Family/Relative; Intimate Partner")
    path = tmp_path / "resaved.csv"
    path.write_text(text, encoding="utf-8")
    e = _error(path)
    assert "65 fields, the header 64" in str(e) and (e.line, e.column) == (2, 65)


def test_a_value_in_the_terms_of_use_column(tmp_path):
    lines = _k_anon_text().split("\r\n")
    lines[3] = "x" + lines[3]
    path = tmp_path / "shifted.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    e = _error(path)
    assert "terms-of-use" in str(e) and (e.line, e.column) == (4, 1)


@pytest.mark.parametrize("column, value, message", [
    ("yearOfRegistration", "2019.0", "not a year"),
    ("ageBroad", "9-17 years", "not an age band"),
    ("isSexualExploit", "yes", "a flag is 1"),
])
def test_a_value_that_does_not_fit_its_column(tmp_path, column, value, message):
    name, _, _ = LAYOUTS["synthetic-2024"]
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    position = rows[0].index(column)
    rows[5][position] = value
    path = tmp_path / "bad.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    e = _error(path)
    assert message in str(e) and value not in str(e)
    assert (e.line, e.column, e.field) == (6, position + 1, column)


def test_codes_of_a_large_file_stay_aligned(tmp_path):
    """Many rows in a shuffled order read back row by row (the columnar reader keeps each row's values)."""
    lines = _k_anon_text().split("\r\n")
    header, rows = lines[0], [line for line in lines[1:] if line]
    order = np.random.default_rng(7).integers(0, len(rows), 5000)
    path = tmp_path / "large.csv"
    path.write_text("\r\n".join([header] + [rows[k] for k in order]) + "\r\n", encoding="utf-8")
    df = io.read_ctdc(path)
    reference = read("k-anon-2021")
    assert len(df) == 5000
    expected = reference.iloc[order].reset_index(drop=True)
    expected.attrs = df.attrs
    pd.testing.assert_frame_equal(df, expected)
