"""UNODC's GLOTIP export as published (issue 12): the real excerpt in tests/data/glotip/, the .xlsx the
portal gives (written here from the excerpt with openpyxl, as the portal lays it out: sheet
``data_glotip_1``, two preamble rows, the header on the third row), extra dimensions through every
face of the observations table, and bad files."""

import contextlib
import datetime as dt
import io as text_io
import json
import pickle
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tipstats as ts
from tipstats import io

EXCERPT = Path(__file__).resolve().parents[1] / "data" / "glotip" / "data_glotip_excerpt.csv"
ROWS = 1322  # data rows of the excerpt (lines 4 to 1325)

openpyxl = pytest.importorskip("openpyxl")


def read(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ts.ConsistencyWarning)
        return io.read_glotip(path, **options)


@pytest.fixture(scope="module")
def excerpt():
    return read(EXCERPT)


def write_xlsx(path, rows, sheet="data_glotip_1", preamble=(["UNODC"], [dt.datetime(2025, 4, 14)])):
    """The export's layout: preamble rows, then the header and the data; years as numbers, as Excel has them."""
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    sheet_ = workbook.active
    for row in preamble:
        sheet_.append(list(row))
    for i, row in enumerate(rows):
        sheet_.append([int(cell) if i > 0 and j == 9 and cell.isdigit() else cell for j, cell in enumerate(row)])
    workbook.save(path)
    return path


def excerpt_rows():
    import csv  # noqa: PLC0415

    with open(EXCERPT, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[2:]  # header and data, without the preamble


def test_every_row_of_the_real_export_becomes_one_observation(excerpt):
    assert len(excerpt) == ROWS
    assert excerpt.lines.tolist() == list(range(4, 4 + ROWS))
    assert excerpt.origin == str(EXCERPT)
    assert set(excerpt.categories("measure")) == {"victims_detected", "persons_prosecuted", "persons_convicted",
                                                  "persons_in_formal_contact", "offences"}
    assert excerpt.extra_dimensions == ["citizenship", "country_of_repatriation"]
    df = excerpt.to_pandas()
    assert df["citizenship"].dtype == "category" and df["country_of_repatriation"].dtype == "category"
    assert (df["measure"].str.contains(":")).sum() == 0  # nothing glued into a measure's name
    # Half the values are "<5" in the full export; every one of them stays censored here.
    assert (df["censoring"] == "below").sum() == sum(row[11] == "<5" for row in excerpt_rows()[1:])
    assert set(df.loc[df["censoring"] == "below", "bound"]) == {5.0}


def test_empty_categories_places_without_codes_and_damaged_labels_are_kept_as_given(excerpt):
    df = excerpt.to_pandas()
    unknown = df[df["citizenship"] == "unknown"]
    # The empty Category (Albania 2017 and 2018) and the export's own "Unknown" are one category.
    assert len(unknown) == 16 and "Unknown" not in excerpt.categories("citizenship")
    empty = unknown[unknown.index.map(lambda r: excerpt.lines[r] in (107, 138))]
    assert empty["value"].tolist() == [60.0, 33.0]
    sark = df[df["area"] == "Sark"]
    assert len(sark) == 26
    assert "Ciudadanos de su pa\ufffds" in excerpt.categories("citizenship")
    findings = excerpt.check()
    [uncoded] = [f for f in findings if f.kind == "uncoded_area"]
    assert uncoded.rows == sark.index.tolist() and "Sark" in uncoded.message
    damaged = [(f.dimension, f.lines) for f in findings if f.kind == "damaged_text"]
    assert damaged == [("citizenship", [289, 290, 291, 292]), ("country_of_repatriation", [293])]


def test_the_pakistan_rows_are_reported_against_their_total_by_citizenship(excerpt):
    [finding] = [f for f in excerpt.check() if f.kind == "exceeds_total" and f.dimension == "citizenship"
                 and excerpt[f.rows[0]].area == "PAK"]
    total = excerpt[finding.rows[0]]
    assert (total.measure, str(total.period), str(total.value)) == ("persons_convicted", "2019", "<5")
    assert total.category("citizenship") == "all"
    parts = [excerpt[r] for r in finding.rows[1:]]
    assert {p.category("citizenship") for p in parts} >= {"Nationals", "Q6.1_10s_2019"}
    assert sorted(p.value.value for p in parts)[:2] == [6112019, 6122019]  # "6,112,019": thousands separators
    assert finding.lines[0] == 330 and len(finding.lines) == 22


def test_repeated_labels_are_their_own_kind_and_add_up(excerpt):
    findings = excerpt.check()
    repeated = [f for f in findings if f.kind == "repeated_label"]
    albania = next(f for f in repeated if f.lines == [1158, 1159, 1160, 1161])
    assert albania.dimension == "offence" and "unnamed sub-categories" in albania.message
    assert [str(excerpt[r].value) for r in albania.rows] == ["27", "<5", "5", "20"]
    # Thailand's repeated rows are not called "overlapping bands by offence".
    assert not [f for f in findings if f.kind == "overlapping_bands"]
    other = excerpt.series("victims_detected", area="ALB", offence="other_exploitation").to_pandas()
    assert (other.loc["2017", "lower"], other.loc["2017", "upper"]) == (52.0, 56.0)
    assert other.loc["2017", "censored"] and np.isnan(other.loc["2017", "value"])


def test_loading_warns_with_counts_by_kind_and_no_values():
    with pytest.warns(ts.ConsistencyWarning) as caught:
        io.read_glotip(EXCERPT)
    [warning] = caught
    text = str(warning.message)
    assert "data_glotip_excerpt.csv" in text and "17 repeated_label" in text and "1 uncoded_area" in text
    for value in ("6,112,019", "6112019", "Sark", "Ciudadanos", "Albania"):
        assert value not in text


def test_the_portals_xlsx_reads_as_its_csv_does(tmp_path, excerpt):
    xlsx = read(write_xlsx(tmp_path / "data_glotip.xlsx", excerpt_rows()))
    assert xlsx == excerpt
    assert xlsx.lines.tolist() == excerpt.lines.tolist()  # sheet rows are the CSV's lines
    # Another first sheet, an extra empty row at the end, no preamble: still read.
    rows = excerpt_rows()[:50] + [[""] * 13]
    other = read(write_xlsx(tmp_path / "export.xlsx", rows, sheet="Sheet1", preamble=()))
    assert len(other) == 49 and other.lines[0] == 2


def test_bad_rows_are_raised_or_collected_with_their_place(tmp_path):
    rows = excerpt_rows()[:6]
    rows[2][11] = "lots"
    rows[4][7] = "Robot"
    path = tmp_path / "bad.csv"
    path.write_text("UNODC,\n14/04/2025\n" + "\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\n",
                    encoding="utf-8")
    with pytest.raises(ts.ParseError) as caught:
        read(path)
    assert (caught.value.line, caught.value.column, caught.value.field) == (5, 12, "txtVALUE")
    obs, rejected = read(path, errors="collect")
    assert len(obs) == 3 and obs.lines.tolist() == [4, 6, 8]
    assert rejected[["line", "column", "field"]].values.tolist() == [[5, 12, "txtVALUE"], [7, 8, "Sex"]]
    assert "not a number" in rejected["reason"][0]
    assert len(obs) + len(rejected) == len(rows) - 1  # nothing dropped silently
    xlsx = write_xlsx(tmp_path / "bad.xlsx", rows)
    obs, rejected = read(xlsx, errors="collect")
    assert len(obs) == 3 and rejected["line"].tolist() == [5, 7]
    with pytest.raises(ts.DomainError):
        read(path, errors="ignore")


def truncated_xlsx(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", excerpt_rows()[:20])
    data = good.read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def sheet_without_header(tmp_path):
    return write_xlsx(tmp_path / "noheader.xlsx", [r for r in excerpt_rows()[1:20]])


def html_as_xlsx(tmp_path):
    path = tmp_path / "data_glotip.xlsx"
    path.write_text("<!DOCTYPE html>\n<html><body>Service unavailable</body></html>\n", encoding="utf-8")
    return path


def csv_cut_mid_row(tmp_path):
    text = EXCERPT.read_text(encoding="utf-8")
    path = tmp_path / "cut.csv"
    path.write_text(text[: text.index("\n", 5000) + 40], encoding="utf-8")
    return path


def empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    return path


def zip_not_a_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


@pytest.mark.parametrize("make, message", [
    (truncated_xlsx, "not a readable .xlsx workbook"),
    (sheet_without_header, "no header row starting with Iso3_code"),
    (html_as_xlsx, "an HTML or XML page"),
    (csv_cut_mid_row, "fields"),
    (empty_file, "the file is empty"),
    (zip_not_a_workbook, "not a readable .xlsx workbook"),
])
def test_bad_files_are_typed_located_errors(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(ts.ParseError) as caught:
        read(path)
    assert caught.value.file == str(path)
    assert message in str(caught.value)


def test_extra_dimensions_in_add_series_and_errors():
    obs = ts.Observations(dimensions=["citizenship"])
    obs.add("victims_detected", 95, "2017", area="ALB")
    obs.add("victims_detected", 60, "2017", area="ALB", citizenship="unknown")
    obs.add("victims_detected", 35, "2017", area="ALB", citizenship="Albania")
    obs.add("victims_detected", 33, "2018", area="ALB", citizenship="unknown")
    assert obs.check() == []
    assert obs.series("victims_detected", citizenship="unknown").values.tolist() == [60.0, 33.0]
    assert obs.series("victims_detected").values.tolist() == [95.0]
    with pytest.raises(ts.ValidationError, match="citizenshp"):
        obs.add("victims_detected", 1, "2019", citizenshp="Albania")
    assert len(obs) == 4
    with pytest.raises(ts.DomainError, match="unknown dimension 'colour'"):
        obs.series("victims_detected", colour="red")
    with pytest.raises(ts.DomainError):
        obs.codes("colour")
    with pytest.raises(ts.ValidationError):
        ts.Observations(dimensions=["Citizenship"])
    obs.add("victims_detected", 40, "2017", area="ALB", citizenship="Kosovo")
    [finding] = obs.check()
    assert (finding.kind, finding.dimension, finding.rows, finding.lines) == ("exceeds_total", "citizenship",
                                                                             [0, 1, 2, 4], [])


def test_extra_dimensions_survive_every_format(tmp_path, excerpt):
    assert ts.Observations.from_pandas(excerpt.to_pandas()) == excerpt
    excerpt.to_csv(tmp_path / "tidy.csv")
    assert ts.Observations.read_csv(tmp_path / "tidy.csv") == excerpt
    header = (tmp_path / "tidy.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "measure,value,unit,period,area,offence,age,sex,source,citizenship,country_of_repatriation,note"
    assert pickle.loads(pickle.dumps(excerpt)) == excerpt
    row = next(o for o in excerpt if o.extra_dimensions)
    assert pickle.loads(pickle.dumps(row)).extra_dimensions == row.extra_dimensions

    source = ts.Source("unodc-glotip", title="Global Report on Trafficking in Persons data", publisher="UNODC")
    dataset = ts.Dataset([], sources=[source], observations=excerpt)
    dataset.save(tmp_path / "glotip.json")
    document = json.loads((tmp_path / "glotip.json").read_text(encoding="utf-8"))
    assert document["tipstats"] == 2 and document["dimensions"] == excerpt.extra_dimensions
    with pytest.warns(ts.ConsistencyWarning):
        assert ts.Dataset.load(tmp_path / "glotip.json").observations == excerpt

    # A series whose values are sums of repeated labels keeps its bounds through a pickle.
    series = excerpt.series("victims_detected", area="ALB", offence="other_exploitation")
    copy = pickle.loads(pickle.dumps(series))
    np.testing.assert_array_equal(copy.lower, series.lower)
    np.testing.assert_array_equal(copy.upper, series.upper)
    np.testing.assert_array_equal(copy.censored, series.censored)


def test_the_command_line_checks_an_export(tmp_path):
    from tipstats.cli import main  # noqa: PLC0415

    buffer = text_io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["check", str(EXCERPT), "--json"]) == 0
    data = json.loads(buffer.getvalue())
    assert data["observations"] == ROWS
    assert data["counts"]["repeated_label"] == 17 and data["counts"]["uncoded_area"] == 1
    pakistan = [f for f in data["findings"] if f["dimension"] == "citizenship" and f["lines"][0] == 330]
    assert len(pakistan) == 1
    buffer = text_io.StringIO()
    xlsx = write_xlsx(tmp_path / "data_glotip.xlsx", excerpt_rows())
    with contextlib.redirect_stdout(buffer):
        assert main(["check", str(xlsx), "--first", "1"]) == 0
    text = buffer.getvalue()
    assert text.startswith(f"{xlsx}: {ROWS} observations")
    assert "repeated_label (first 1 of 17)" in text and "lines 1158, 1159, 1160, 1161" in text


def test_trends_of_the_export_by_any_dimension_agree_with_series(excerpt):
    # The extra dimensions work as by columns and filters, unnamed ones mean their total, and the
    # repeated labels are added as series() adds them.
    by_citizenship = excerpt.trends("victims_detected", by=["area", "citizenship"], model="poisson")
    albania = by_citizenship[(by_citizenship["area"] == "ALB") & (by_citizenship["citizenship"] == "Albania")]
    assert len(albania) == 1
    one = ts.trend.loglinear(excerpt.series("victims_detected", area="ALB", citizenship="Albania"))
    assert albania["apc"].iloc[0] == pytest.approx(one.apc, rel=1e-12)
    other = excerpt.trends("victims_detected", by="area", offence="other_exploitation", model="negbin")
    alb = other.set_index("area").loc["ALB"]
    series = excerpt.series("victims_detected", area="ALB", offence="other_exploitation")
    assert alb["n"] == len(series) and alb["n_censored"] == int(series.censored.sum())
    assert alb["note"] == "" or "two sources" not in alb["note"]
    fit = ts.trend.loglinear(series, model="negbin")
    assert alb["apc"] == pytest.approx(fit.apc, rel=1e-9)


def test_the_trend_command_filters_by_any_dimension():
    from tipstats.cli import main  # noqa: PLC0415

    buffer = text_io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["trend", str(EXCERPT), "--measure", "victims_detected", "--by", "area", "--where",
                     "citizenship=Nationals", "--json", "--no-progress"]) == 0
    rows = {row["area"]: row for row in json.loads(buffer.getvalue())}
    assert set(rows) == {"ALB", "THA"}
    expected = read(EXCERPT).trends("victims_detected", by="area", citizenship="Nationals").set_index("area")
    assert rows["THA"]["apc"] == pytest.approx(expected.loc["THA", "apc"])
    with pytest.raises(SystemExit):
        main(["trend", str(EXCERPT), "--measure", "victims_detected", "--where"])
    with contextlib.redirect_stderr(text_io.StringIO()) as errors:
        assert main(["trend", str(EXCERPT), "--measure", "victims_detected", "--where", "citizenship"]) == 1
    assert "DIMENSION=CATEGORY" in errors.getvalue()


def test_a_missing_file_or_a_directory_is_a_file_error_naming_it(tmp_path):
    for read in (ts.io.read_glotip, ts.io.read_ctdc):
        with pytest.raises(FileNotFoundError) as missing:
            read(tmp_path / "data_glotip.csv")
        assert isinstance(missing.value, ts.MissingFileError) and isinstance(missing.value, ts.Error)
        assert missing.value.filename == str(tmp_path / "data_glotip.csv")
        with pytest.raises(ts.NotAFileError):
            read(tmp_path)
