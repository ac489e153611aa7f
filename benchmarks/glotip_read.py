"""Reading a GLOTIP export of the full size (58,769 data rows, as UNODC's export of 14/04/2025):
tipstats.io.read_glotip from the CSV and from the .xlsx, against pandas reading the same files
(read_csv with every column as text; read_excel with calamine, the engine tipstats uses) in one run.

The file is made from the real excerpt in tests/data/glotip/ (UNODC, dataUNODC GLOTIP export of
14/04/2025): its rows repeated, each copy of a country's rows under another ISO 3166 code, until the
export's row count, written as the portal lays it out (two preamble rows, then the header; sheet
data_glotip_1).
tipstats does more than pandas here: it maps every wording, parses "<5" and "1,234", builds
categorical columns and, with check=True (the default), checks the table.

Run: PYTHONPATH=python python3 benchmarks/glotip_read.py
"""

import csv
import datetime as dt
import re
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

import tipstats as ts
from tipstats import io

ROOT = Path(__file__).resolve().parents[1]
EXCERPT = ROOT / "tests" / "data" / "glotip" / "data_glotip_excerpt.csv"
ROWS = 58_769


def iso_codes():
    """The alpha-3 codes tipstats knows (include/tipstats/model/iso3166.hpp)."""
    header = (ROOT / "include" / "tipstats" / "model" / "iso3166.hpp").read_text(encoding="utf-8")
    alpha3 = header[header.index("iso3166_alpha3"):header.index("iso3166_alpha2")]
    return re.findall(r'"([A-Z]{3})"', alpha3)


def write_files(folder):
    with open(EXCERPT, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    preamble, header, data = rows[:2], rows[2], rows[3:]
    body = []
    codes = iter(iso_codes())
    while len(body) < ROWS:
        copy = {}  # one new code per country of the excerpt, per copy; Sark stays a name
        for row in data[: ROWS - len(body)]:
            if row[0] and row[0] not in copy:
                copy[row[0]] = next(codes)
            body.append([copy.get(row[0], "")] + row[1:])
    csv_path = folder / "data_glotip.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows(preamble + [header] + body)
    import openpyxl  # noqa: PLC0415 - a test dependency, only to write the workbook

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(io.GLOTIP_SHEET)
    sheet.append(["UNODC"])
    sheet.append([dt.datetime(2025, 4, 14)])
    sheet.append(header)
    for row in body:
        sheet.append(row[:9] + [int(row[9])] + row[10:])
    xlsx_path = folder / "data_glotip.xlsx"
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def best_of(runs, function):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = write_files(Path(folder))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ts.ConsistencyWarning)
            ours_csv, table = best_of(5, lambda: io.read_glotip(csv_path))
            unchecked, _ = best_of(5, lambda: io.read_glotip(csv_path, check=False))
            check, findings = best_of(5, table.check)
            ours_xlsx, from_xlsx = best_of(3, lambda: io.read_glotip(xlsx_path))
        peer_csv, frame = best_of(5, lambda: pd.read_csv(csv_path, skiprows=2, dtype=str, keep_default_na=False))
        peer_xlsx, _ = best_of(3, lambda: pd.read_excel(xlsx_path, engine="calamine", skiprows=2, dtype=str))
    assert len(table) == len(frame) == ROWS and from_xlsx == table
    print(f"GLOTIP export, {ROWS:,} data rows ({len(findings):,} findings)")
    print(f"  CSV : tipstats read_glotip {ours_csv:6.3f} s (of which check() {check:.3f} s; "
          f"without it {unchecked:.3f} s)   pandas read_csv {peer_csv:6.3f} s   ratio {peer_csv / ours_csv:.2f}x")
    print(f"  xlsx: tipstats read_glotip {ours_xlsx:6.3f} s   pandas read_excel(calamine) {peer_xlsx:6.3f} s   "
          f"ratio {peer_xlsx / ours_xlsx:.2f}x")


if __name__ == "__main__":
    main()
