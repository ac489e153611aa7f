"""Reading the data researchers already have: UNODC GLOTIP exports and CTDC case-level files.

``read_glotip(path)`` reads the portal's ``data_glotip.xlsx`` or its sheet saved as CSV into
:class:`tipstats.Observations` (the C++ importer; its mapping tables are ``GLOTIP_TERMS`` and
docs/format.md). ``read_ctdc(path)`` returns a pandas DataFrame of case
records, one row per record, with categorical columns ready for :func:`tipstats.tabulate`.
Every parse error is a :class:`tipstats.ParseError` with ``file``, ``line``, ``column`` and
``field`` (the column's name) as attributes and in its message.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any, Dict, List, Literal, Tuple, Union, overload

import numpy as np
import pandas as pd

from . import _core
from ._core import AgeBand, Observations, ParseError
from ._errors import domain_error, parse_error
from .model import warn_on_findings

__all__ = ["GLOTIP_SHEET", "GLOTIP_TERMS", "CTDC_FLAG_PREFIXES", "read_glotip", "read_ctdc"]

PathLike = Union[str, "os.PathLike[str]"]

#: The GLOTIP wordings the importer knows, by column: export text -> tipstats value. Wordings not
#: listed are kept in their own words (an indicator as a measure, a dimension as an extra dimension,
#: an offence as a category), named as ``"Persons arrested" -> "persons_arrested"``.
GLOTIP_TERMS: Dict[str, Dict[str, str]] = _core.io.glotip_terms

#: The sheet of the portal's data_glotip.xlsx that holds the data.
GLOTIP_SHEET = "data_glotip_1"

_ErrorPolicy = Literal["raise", "collect"]
_REJECTED_COLUMNS = ["line", "column", "field", "reason"]


@overload
def read_glotip(path: PathLike, errors: Literal["raise"] = "raise", *, check: bool = True) -> Observations: ...


@overload
def read_glotip(path: PathLike, errors: Literal["collect"], *,
                check: bool = True) -> Tuple[Observations, pd.DataFrame]: ...


def read_glotip(path: PathLike, errors: _ErrorPolicy = "raise", *,
                check: bool = True) -> Union[Observations, Tuple[Observations, pd.DataFrame]]:
    r"""Read UNODC's GLOTIP export as the data portal publishes it: ``data_glotip.xlsx``, or its
    sheet saved as CSV.

    Every data row becomes one observation (none dropped, none invented), with any preamble rows
    (the export has two, ``UNODC,`` and the export date) skipped before the header. Indicator ->
    measure (``victims_detected``, ``persons_prosecuted``, ``persons_convicted``,
    ``persons_in_formal_contact``, ``offences``; an indicator the export adds later becomes a
    measure named from its wording), Iso3_code -> area (the Country's name where there is no code,
    e.g. Sark), Year -> a calendar-year period, txtVALUE -> a Quantity (``"<5"`` censored,
    ``"1,234"`` read as 1234), Source -> the note (source id ``"unodc-glotip"``), Sex and Age -> sex
    and age band. The Dimension says where the Category goes: ``Total`` and ``by form of
    exploitation`` -> offence, ``by sex`` / ``by age group`` -> sex / age, ``by citizenship``,
    ``by area of citizenship``, ``by country of repatriation`` (and any dimension the export adds
    later) -> an extra dimension of the table (``citizenship``, ...). An empty Category is the
    category ``"unknown"``. The mapping tables are :data:`GLOTIP_TERMS`; docs/format.md has all of it.

    A row that cannot be read (a value that is not a number, an unknown sex) raises ParseError
    naming the file, line, column and column name; with ``errors="collect"`` such rows are set aside
    instead and returned beside the observations as a DataFrame (line, column, field, reason), so
    nothing is dropped silently. A file that is not an export (no header in the first 20 rows, an
    HTML page, a damaged workbook, an empty file) always raises ParseError.

    With ``check=True`` the table is checked as :meth:`Dataset.load` checks documents: a
    :class:`tipstats.ConsistencyWarning` gives the number of findings by kind (never values);
    ``obs.check()`` lists them with the file's line numbers (``Finding.lines``).

    >>> path = tmp / "data_glotip.csv"
    >>> _ = path.write_text(
    ...     "UNODC,\n14/04/2025\n"
    ...     "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,"
    ...     "Unit of measurement,txtVALUE,Source\n"
    ...     "KHM,Cambodia,Asia,South-eastern Asia,Detected trafficking victims,Total,Total,Total,Total,"
    ...     "2019,Counts,263,GLOTIP\n"
    ...     "KHM,Cambodia,Asia,South-eastern Asia,Detected trafficking victims,by citizenship,Viet Nam,"
    ...     "Total,Total,2019,Counts,<5,GLOTIP\n")
    >>> obs = read_glotip(path)
    >>> obs.extra_dimensions, obs.categories("citizenship")
    (['citizenship'], ['all', 'Viet Nam'])
    >>> obs[1].value, obs[1].category("citizenship"), obs.lines.tolist()
    (Quantity('<5'), 'Viet Nam', [4, 5])
    """
    if errors not in ("raise", "collect"):
        raise domain_error("errors", f"is 'raise' or 'collect', not {errors!r}")
    file = os.fspath(path)
    kind = _sniff(file)
    collect = errors == "collect"
    if kind == "xlsx":
        cells, lines = _sheet_cells(file)
        observations, rejected = _core.io.read_glotip_cells(cells, lines, file, collect)
    else:
        observations, rejected = _core.io.load_glotip(file, collect)
    if check:
        warn_on_findings(observations, os.path.basename(file), "its check()", stacklevel=2)
    if not collect:
        return observations
    return observations, pd.DataFrame(rejected, columns=_REJECTED_COLUMNS).astype({"line": "int64", "column": "int64"})


def _sniff(file: str) -> str:
    """"xlsx" for a zip container, else "csv"; ParseError for what is neither an export nor a workbook."""
    try:
        with open(file, "rb") as handle:
            head = handle.read(1024)
    except OSError as e:
        raise parse_error(f"cannot read the file: {e.strerror}", file) from None
    if not head:
        raise parse_error("the file is empty", file)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        raise parse_error("an HTML or XML page, not a GLOTIP export (portals send one on errors: download the "
                          "file again)", file, 1, 1)
    return "csv"


def _sheet_cells(file: str) -> Tuple[List[List[str]], List[int]]:
    """The GLOTIP sheet's rows as text, from sheet row 1, and their row numbers."""
    try:
        from python_calamine import CalamineWorkbook  # noqa: PLC0415 - only .xlsx files need it
    except ImportError:  # pragma: no cover - a dependency of tipstats
        raise parse_error("reading .xlsx needs python-calamine: pip install python-calamine", file) from None
    try:
        workbook = CalamineWorkbook.from_path(file)
        names = workbook.sheet_names
        name = GLOTIP_SHEET if GLOTIP_SHEET in names else (names[0] if names else None)
        if name is None:
            raise parse_error("the workbook has no sheet", file)
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except ParseError:
        raise
    except Exception as e:  # calamine reports a damaged or truncated workbook with its own errors
        raise parse_error(f"not a readable .xlsx workbook ({type(e).__name__}: {e})", file) from None
    cells = [[_cell_text(value) for value in row] for row in rows]
    return cells, list(range(1, len(cells) + 1))


def _cell_text(value: Any) -> str:
    """A cell as the sheet shows it when saved as CSV: whole numbers without a decimal point."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


#: Column-name prefixes of CTDC's yes/no flags (isForcedLabour, meansOfControlDebtBondage, ...).
CTDC_FLAG_PREFIXES = ("is", "meansOfControl", "typeOfLabour", "typeOfSex", "recruiterRelation")
_FLAG = re.compile(r"^(?:%s)[A-Z]" % "|".join(CTDC_FLAG_PREFIXES))


def read_ctdc(path: PathLike) -> pd.DataFrame:
    r"""Read a CTDC case-level CSV (the global synthetic dataset's codebook) into a DataFrame.

    - ``yearOfRegistration``: nullable integer (``Int64``);
    - ``ageBroad``: CTDC's bands (``0--8``, ``9--17``, ... ``48+``) mapped through
      :meth:`AgeBand.from_label` to canonical bands (``"0-8"``, ``"9-17"``, ``"48+"``), an ordered
      categorical in age order;
    - flags (columns starting with ``is``, ``meansOfControl``, ``typeOfLabour``, ``typeOfSex``,
      ``recruiterRelation``): ``1`` is True, empty (or ``0``) is False, as the codebook writes them;
    - every other column (gender, citizenship, CountryOfExploitation, Datasource, ...): a
      categorical of its texts, empty cells missing.

    Lines starting with ``#`` before the header are comments. A value that does not fit its column
    raises ParseError naming the file, line, column and column name.

    >>> path = tmp / "ctdc.csv"
    >>> _ = path.write_text("yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour\n"
    ...                     "2019,Female,9--17,KHM,1\n2019,Male,18--20,KHM,\n2020,Female,,THA,1\n")
    >>> cases = read_ctdc(path)
    >>> cases["ageBroad"].tolist(), int(cases["isForcedLabour"].sum())
    (['9-17', '18-20', nan], 2)
    >>> ts.tabulate(cases, ["citizenship", "isForcedLabour"])
      citizenship  isForcedLabour  count
    0         KHM           False      1
    1         KHM            True      1
    2         THA            True      1
    """
    file = os.fspath(path)
    try:
        with open(file, "rb") as handle:
            raw = handle.read()
    except OSError as e:
        raise parse_error(f"cannot read the file: {e.strerror}", file) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise parse_error("bytes that are not UTF-8 (save the file as UTF-8)", file, line) from None
    comment_lines = 0
    while text.startswith("#"):
        end = text.find("\n")
        text = "" if end < 0 else text[end + 1:]
        comment_lines += 1
    try:
        header, rows, lines = _core.io.parse_csv(text, file)
    except ParseError as e:
        raise parse_error(_message_of(e), file, (e.line or 0) + comment_lines or None, e.column, e.field) from None
    lines = [line + comment_lines for line in lines]
    columns = {name.strip(): [row[j] for row in rows] for j, name in enumerate(header)}
    if len(columns) != len(header):
        raise parse_error("a column name appears twice", file, 1 + comment_lines)
    data = {}
    for position, (name, cells) in enumerate(columns.items(), start=1):
        place = (file, position, name, lines)
        if name == "yearOfRegistration":
            data[name] = _years(cells, place)
        elif name == "ageBroad":
            data[name] = _age_bands(cells, place)
        elif _FLAG.match(name):
            data[name] = _flags(cells, place)
        else:
            data[name] = pd.Categorical([c.strip() or None for c in cells])
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _message_of(error: ParseError) -> str:
    text = str(error)
    return text.split(": ", 1)[1] if error.line and ": " in text else text


def _fail(message: str, place: tuple, row: int) -> ParseError:
    file, column, name, lines = place
    return parse_error(message, file, lines[row], column, name)


def _years(cells: list, place: tuple) -> pd.array:
    years = []
    for i, cell in enumerate(cells):
        cell = cell.strip()
        if not cell:
            years.append(pd.NA)
        elif cell.isascii() and cell.isdigit() and len(cell) == 4:
            years.append(int(cell))
        else:
            raise _fail(f"not a year: '{cell}'", place, i)
    return pd.array(years, dtype="Int64")


def _age_bands(cells: list, place: tuple) -> pd.Categorical:
    bands = {}
    codes = []
    for i, cell in enumerate(cells):
        cell = cell.strip()
        if not cell:
            codes.append(None)
            continue
        if cell not in bands:
            try:
                bands[cell] = AgeBand.from_label(cell)
            except ParseError as e:
                raise _fail(str(e), place, i) from None
        codes.append(str(bands[cell]))
    order = sorted({str(b): b for b in bands.values()}.items(), key=lambda kv: _age_order(kv[1]))
    return pd.Categorical(codes, categories=[name for name, _ in order], ordered=True)


def _age_order(band: AgeBand) -> tuple:
    lower = band.lower
    return (lower is None, lower if lower is not None else 0, str(band))


def _flags(cells: list, place: tuple) -> np.ndarray:
    out = np.zeros(len(cells), dtype=bool)
    for i, cell in enumerate(cells):
        cell = cell.strip()
        if cell == "1":
            out[i] = True
        elif cell not in ("", "0"):
            raise _fail(f"a flag is 1 or empty, got '{cell}'", place, i)
    return out
