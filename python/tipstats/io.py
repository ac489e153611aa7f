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
from typing import Any, Dict, List, Literal, Optional, Tuple, Union, overload

import numpy as np
import pandas as pd

from . import _core
from ._core import AgeBand, Observations, ParseError
from ._errors import domain_error, file_error, parse_error
from .model import warn_on_findings

__all__ = ["GLOTIP_SHEET", "GLOTIP_TERMS", "CTDC_RELEASES", "CTDC_RENAMES", "CTDC_COLUMNS", "read_glotip",
           "read_ctdc"]

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
    try:
        with open(file, "rb") as handle:
            head = handle.read(1024)
    except OSError as e:
        raise file_error(e, file) from None
    kind = _content_kind(head)
    if kind == "empty":
        raise parse_error("the file is empty", file)
    if kind == "markup":
        raise parse_error("an HTML or XML page, not a GLOTIP export (portals send one on errors: download the "
                          "file again)", file, _first_line(head), 1)
    collect = errors == "collect"
    if kind == "zip":
        cells, lines = _sheet_cells(file)
        observations, rejected = _core.io.read_glotip_cells(cells, lines, file, collect)
    else:
        observations, rejected = _core.io.load_glotip(file, collect)
    if check:
        warn_on_findings(observations, os.path.basename(file), "its check()", stacklevel=2)
    if not collect:
        return observations
    return observations, pd.DataFrame(rejected, columns=_REJECTED_COLUMNS).astype({"line": "int64", "column": "int64"})


def _content_kind(head: bytes) -> str:
    """What the first bytes of a file say it is: "empty", "zip" (an .xlsx workbook or another zip
    archive), "markup" (an HTML or XML page, which portals send on errors) or "text"."""
    start = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if not start.strip():
        return "empty"
    if start.startswith(b"PK\x03\x04"):
        return "zip"
    if start.lstrip()[:1] == b"<":
        return "markup"
    return "text"


def _first_line(head: bytes) -> int:
    """The line of the first character that is not white space."""
    start = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return 1 + start[: len(start) - len(start.lstrip())].count(b"\n")


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


_GLOBAL_COLUMNS = (
    "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit",
    "majorityEntry", "citizenship", "meansOfControlDebtBondage", "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats", "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement", "meansOfControlRestrictsMedicalCare",
    "meansOfControlExcessiveWorkingHours", "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments", "meansOfControlOther",
    "meansOfControlNotSpecified", "meansOfControlConcatenated", "isForcedLabour", "isSexualExploit",
    "isOtherExploit", "isSexAndLabour", "isForcedMarriage", "isForcedMilitary", "isOrganRemoval",
    "isSlaveryAndPractices", "typeOfExploitConcatenated", "typeOfLabourAgriculture", "typeOfLabourAquafarming",
    "typeOfLabourBegging", "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
    "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
    "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified",
    "typeOfLabourConcatenated", "typeOfSexProstitution", "typeOfSexPornography",
    "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated", "isAbduction",
    "RecruiterRelationship", "CountryOfExploitation", "recruiterRelationIntimatePartner", "recruiterRelationFriend",
    "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
)
# The first Global Synthetic Dataset (CTDC_synthetic_20210825, tab-separated).
_SYNTHETIC_2021_COLUMNS = (
    "yearOfRegistration", "gender", "ageBroad", "majorityStatusAtExploit", "traffickMonths", "citizenship",
    "CountryOfExploitation", "meansOfControlDebtBondage", "meansOfControlTakesEarnings", "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse",
    "meansOfControlFalsePromises", "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours",
    "meansOfControlThreatOfLawEnforcement", "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments",
    "meansOfControlOther", "isForcedLabour", "isSexualExploit", "isOtherExploit", "typeOfLabourAgriculture",
    "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality", "typeOfLabourOther",
    "typeOfSexProstitution", "typeOfSexPornography", "typeOfSexOther", "recruiterRelationIntimatePartner",
    "recruiterRelationFriend", "recruiterRelationFamily", "recruiterRelationOther",
)
# The 27 variables of the Global Synthetic Dataset codebook, version 2 (February 2024).
_SYNTHETIC_2024_COLUMNS = (
    "yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation", "traffickMonths",
    "meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex", "meansFalsePromises", "meansDrugsAlcohol",
    "meansDenyBasicNeeds", "meansExcessiveWorkHours", "meansWithholdDocs", "isForcedLabour", "isSexualExploit",
    "isOtherExploit", "typeOfLabourAgriculture", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
    "typeOfLabourHospitality", "typeOfSexProstitution", "typeOfSexPornography", "recruiterRelationIntimatePartner",
    "recruiterRelationFriend", "recruiterRelationFamily", "recruiterRelationOther",
)
# Later synthetic files name the sectors sectorOfLabour... and sectorOfSex... instead of typeOf...
_SYNTHETIC_2026_COLUMNS = tuple(re.sub(r"^typeOf(Labour|Sex)", r"sectorOf\1", c) for c in _SYNTHETIC_2024_COLUMNS)

#: CTDC's releases that :func:`read_ctdc` tells apart by their header: id -> what the file is.
#: ``df.attrs["ctdc_release"]`` holds the id.
CTDC_RELEASES: dict[str, str] = {
    "global-2018-2020": "The Global Dataset (k-anonymised, k=11) as downloaded in September 2018 and April "
                        "2020: comma-separated, 63 columns (62 without isSlaveryAndPractices), -99 for "
                        "missing, countries as ISO 3166-1 alpha-2 codes.",
    "k-anon-2021": "The Global K-anonymised Dataset of July 2021: ';'-separated, the terms-of-use notice as "
                   "the first header cell over an empty column, the same 63 columns, empty for missing, "
                   "countries as alpha-2 codes.",
    "synthetic-2021": "The first Global Synthetic Dataset (CTDC_synthetic_20210825): tab-separated, 37 "
                      "columns with traffickMonths, empty for missing, countries as alpha-3 codes.",
    "synthetic-2024": "The Global Synthetic Dataset v2024 (codebook version 2, February 2024; also the v2025 "
                      "file): 27 columns, means of control merged or renamed, gender Man/Woman/"
                      "Trans/Transgender/NonConforming, empty for missing, countries as alpha-3 codes.",
    "synthetic-2026": "Later Global Synthetic Dataset files: the 27 columns of v2024 with sectorOfLabour... "
                      "and sectorOfSex... for typeOfLabour... and typeOfSex...",
    "extract": "Any other selection of CTDC columns (from any release), such as a file cut down to the "
               "columns of one study.",
}

#: Column names of a release that differ from the canonical (2021 codebook) name: file -> canonical.
#: Columns that merge several 2021 columns (meansDebtBondageEarnings, meansThreats,
#: meansAbusePsyPhySex, meansDenyBasicNeeds) have no 2021 name and keep their own.
CTDC_RENAMES: dict[str, str] = {
    "meansFalsePromises": "meansOfControlFalsePromises",
    "meansDrugsAlcohol": "meansOfControlPsychoactiveSubstances",
    "meansExcessiveWorkHours": "meansOfControlExcessiveWorkingHours",
    "meansWithholdDocs": "meansOfControlWithholdsDocuments",
    **{s: t for s, t in zip(_SYNTHETIC_2026_COLUMNS, _SYNTHETIC_2024_COLUMNS) if s != t},
}

_CTDC_TEXT = frozenset({
    "Datasource", "gender", "majorityStatus", "majorityStatusAtExploit", "majorityEntry", "citizenship",
    "CountryOfExploitation", "RecruiterRelationship", "meansOfControlConcatenated", "typeOfExploitConcatenated",
    "typeOfLabourConcatenated", "typeOfSexConcatenated", "traffickMonths",
})
_CTDC_LAYOUTS = (_GLOBAL_COLUMNS, _SYNTHETIC_2021_COLUMNS, _SYNTHETIC_2024_COLUMNS, _SYNTHETIC_2026_COLUMNS)
_CTDC_FILE_NAMES = frozenset(c for layout in _CTDC_LAYOUTS for c in layout)

#: Every canonical CTDC column -> how read_ctdc converts it: ``"year"`` (Int64), ``"age"`` (ordered
#: categorical of age bands), ``"flag"`` (bool) or ``"text"`` (categorical).
CTDC_COLUMNS: dict[str, str] = {
    name: ("year" if name == "yearOfRegistration" else "age" if name == "ageBroad"
           else "text" if name in _CTDC_TEXT else "flag")
    for name in dict.fromkeys(CTDC_RENAMES.get(c, c) for layout in _CTDC_LAYOUTS for c in layout)
}

# Each release by the columns its header names (after _file_name); the k-anonymised release of
# 2021 also has the terms-of-use cell.
_CTDC_SIGNATURES = (
    ("k-anon-2021", frozenset(_GLOBAL_COLUMNS), True),
    ("global-2018-2020", frozenset(_GLOBAL_COLUMNS), False),
    ("global-2018-2020", frozenset(_GLOBAL_COLUMNS) - {"isSlaveryAndPractices"}, False),
    ("synthetic-2021", frozenset(_SYNTHETIC_2021_COLUMNS), False),
    ("synthetic-2024", frozenset(_SYNTHETIC_2024_COLUMNS), False),
    ("synthetic-2026", frozenset(_SYNTHETIC_2026_COLUMNS), False),
)
_CTDC_NOTICE = "by using this data you agree to the terms of use"
_CTDC_MISSING = ("", "-99")
# The v2024 codebook's variable list says meansWithholdDocs, its description meansWithholdDocuments.
_CTDC_SPELLINGS: dict[str, str] = {"meansWithholdDocuments": "meansWithholdDocs"}
_STATA_NAME_LENGTH = 32  # Stata (and files exported from it) cut variable names to 32 characters
# Where a value is read: file, the column's position, its name in the file, the line of each row.
_Place = tuple[str, int, str, np.ndarray]


def read_ctdc(path: PathLike) -> pd.DataFrame:
    r"""Read a CTDC case-level CSV, of any release, into a DataFrame with CTDC's 2021 column names.

    The release is told from the header (``df.attrs["ctdc_release"]``, one of
    :data:`CTDC_RELEASES`): the comma-separated Global Dataset of 2018 and 2020 (63 columns, ``-99``
    for missing), the ``;``-separated k-anonymised release of 2021 (its first header cell is the
    terms-of-use notice, over an empty column that is dropped), the tab-separated synthetic dataset of
    2021 and the synthetic datasets of 2024 and later, whose renamed columns get their 2021 names
    (:data:`CTDC_RENAMES`: ``meansFalsePromises`` -> ``meansOfControlFalsePromises``, ...), so code
    written for one release runs on the others. A file with only some CTDC columns reads as
    ``"extract"``. ``df.attrs["ctdc_columns"]`` gives each column's name in the file. Values are kept
    as each release writes them (countries are alpha-2 codes before the synthetic data, alpha-3 after;
    gender is Male/Female before 2024, Man/Woman after). Every row is kept, in file order.

    - ``yearOfRegistration``: nullable integer (``Int64``);
    - ``ageBroad``: CTDC's bands (``0--8``, ``9--17`` or ``09--17``, ... ``48+``) mapped through
      :meth:`AgeBand.from_label` to canonical bands (``"0-8"``, ``"9-17"``, ``"48+"``), an ordered
      categorical in age order;
    - flags (:data:`CTDC_COLUMNS` says which): ``1`` is True; ``0``, empty or ``-99`` False;
    - every other column (gender, citizenship, RecruiterRelationship, the ``*Concatenated`` lists,
      ...): a categorical of its texts.

    Empty cells and ``-99`` (quoted or not) are missing. Lines starting with ``#`` before the header
    are comments. A file that is empty, an HTML page or a workbook, a header with a column of no CTDC
    release, a row cut short or a value that does not fit its column raises ParseError with the file,
    line, column (the field's position) and column name, without quoting the value.

    >>> path = tmp / "ctdc.csv"
    >>> _ = path.write_text("yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour\n"
    ...                     "2019,Female,9--17,KHM,1\n2019,Male,18--20,KHM,\n2020,Female,,THA,1\n")
    >>> cases = read_ctdc(path)
    >>> cases["ageBroad"].tolist(), int(cases["isForcedLabour"].sum()), cases.attrs["ctdc_release"]
    (['9-17', '18-20', nan], 2, 'extract')
    >>> ts.tabulate(cases, ["citizenship", "isForcedLabour"])
      citizenship  isForcedLabour  count
    0         KHM           False      1
    1         KHM            True      1
    2         THA            True      1
    """
    file = os.fspath(path)
    text, skipped = _ctdc_text(file)
    header_line = skipped + 1 + text.count("\n", 0, len(text) - len(text.lstrip("\r\n")))
    first = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
    delimiter, cells = _ctdc_delimiter(first, file, header_line)
    notice = cells[0].strip().lower().startswith(_CTDC_NOTICE)
    names = _ctdc_file_names(cells, notice, file, header_line)
    release = _ctdc_release(names, notice)
    try:
        _, categories, codes, lines = _core.io.parse_csv_columns(text, file, delimiter)
    except ParseError as e:
        raise _ctdc_csv_error(e, text, cells, delimiter, skipped) from None
    lines = lines + skipped
    data = {}
    in_file = {}
    for j, (cell, name) in enumerate(zip(cells, names)):
        place = (file, j + 1, cell.strip(), lines)
        if name is None:  # the terms-of-use column: empty in every row
            _check_empty(categories[j], codes[j], place)
            continue
        canonical = CTDC_RENAMES.get(name, name)
        data[canonical] = _CTDC_CONVERT[CTDC_COLUMNS[canonical]](categories[j], codes[j], place)
        in_file[canonical] = cell.strip()
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(lines)))
    frame.attrs["ctdc_release"] = release
    frame.attrs["ctdc_columns"] = in_file
    return frame


def _ctdc_text(file: str) -> tuple[str, int]:
    """The file's text from its header on, and how many comment lines came before it."""
    try:
        with open(file, "rb") as handle:
            raw = handle.read()
    except OSError as e:
        raise file_error(e, file) from None
    kind = _content_kind(raw[:1024])
    if kind == "zip":
        raise parse_error("a zip archive or an Excel workbook, not CSV: save the sheet as CSV (UTF-8)", file, 1, 1)
    if kind == "markup":
        raise parse_error("an HTML or XML page, not CSV (portals send one on errors: download the file again)",
                          file, _first_line(raw[:1024]), 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise parse_error("bytes that are not UTF-8 (save the file as UTF-8)", file, line) from None
    skipped = 0
    while text.startswith("#"):
        end = text.find("\n")
        text = "" if end < 0 else text[end + 1:]
        skipped += 1
    if not text.strip():
        raise parse_error("the file is empty: a header is needed", file, skipped + 1, 1)
    return text, skipped


def _ctdc_delimiter(first: str, file: str, line: int) -> tuple[str, list[str]]:
    """The delimiter whose split of the header line names the most CTDC columns, and the header."""
    best = None
    for delimiter in (",", ";", "\t"):
        try:
            cells = _core.io.parse_csv(first, file, delimiter)[0]
        except ParseError:
            continue
        known = sum(_file_name(c.strip()) is not None or c.strip().lower().startswith(_CTDC_NOTICE) for c in cells)
        if known and (best is None or known > best[0]):
            best = (known, delimiter, cells)
    if best is None:  # the line is not quoted: it may be a row of case data
        raise parse_error("the first line names no CTDC column: not a CTDC case file, or one without its "
                          "header (tipstats.io.CTDC_RELEASES lists the releases)", file, line, 1)
    return best[1], best[2]


def _file_name(cell: str) -> Optional[str]:
    """The column a header cell names, as its release spells it, or None if no release has it."""
    cell = _CTDC_SPELLINGS.get(cell, cell)
    if cell in _CTDC_FILE_NAMES:
        return cell
    if len(cell) == _STATA_NAME_LENGTH:
        longer = [c for c in _CTDC_FILE_NAMES if c.startswith(cell)]
        if len(longer) == 1:
            return longer[0]
    return None


def _ctdc_file_names(cells: list[str], notice: bool, file: str, line: int) -> list[Optional[str]]:
    """Each header cell's column (None for the terms-of-use cell); an unknown or repeated one fails."""
    names: list[Optional[str]] = [None] if notice else []
    seen: dict[str, int] = {}
    for position, cell in enumerate(cells[len(names):], start=len(names) + 1):
        name = _file_name(cell.strip())
        if name is None:
            raise parse_error("not a column of any CTDC release (tipstats.io.CTDC_RELEASES lists them)"
                              if cell.strip() else "a column without a name", file, line, position, cell.strip())
        canonical = CTDC_RENAMES.get(name, name)
        if canonical in seen:
            raise parse_error(f"the same column as column {seen[canonical]} ('{canonical}')", file, line, position,
                              cell.strip())
        seen[canonical] = position
        names.append(name)
    return names


def _ctdc_release(names: list[Optional[str]], notice: bool) -> str:
    present = frozenset(n for n in names if n)
    for release, columns, with_notice in _CTDC_SIGNATURES:
        if present == columns and notice == with_notice:
            return release
    return "extract"


def _ctdc_csv_error(error: ParseError, text: str, header: list[str], delimiter: str, skipped: int) -> ParseError:
    """The CSV reader's error placed in the file's terms: the line, the field's position and its name."""
    line = (error.line or 0) + skipped or None
    message = _message_of(error)
    counts = re.match(r"row has (\d+) fields, the header has (\d+)", message)
    if counts:
        found = int(counts.group(1))
        if found < len(header):
            return parse_error(f"the row ends after {found} of {len(header)} fields (a file cut short?)", error.file,
                               line, found + 1, header[found].strip())
        return parse_error(f"the row has {found} fields, the header {len(header)} (a delimiter in an unquoted "
                           "field?)", error.file, line, len(header) + 1)
    position = _field_position(text, error.line, error.column, delimiter) if error.line and error.column else None
    if position is None or position > len(header):
        return parse_error(message, error.file, line, error.column, error.field)
    return parse_error(f"{message} (character {error.column} of the line)", error.file, line, position,
                       header[position - 1].strip())


def _field_position(text: str, line: int, column: int, delimiter: str) -> Optional[int]:
    """The position of the field at a character of a line, when that line starts a row."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    if text.count('"', 0, start) % 2:  # the line continues a quoted field of an earlier line
        return None
    prefix = text[start:start + column - 1]
    if not prefix:
        return 1
    try:
        return len(_core.io.parse_csv(prefix, "", delimiter)[0])
    except ParseError:
        return None


def _message_of(error: ParseError) -> str:
    text = str(error)
    return text.split(": ", 1)[1] if error.line and ": " in text else text


def _fail(message: str, place: _Place, bad_rows: np.ndarray) -> ParseError:
    """An error at the first row where ``bad_rows`` is true."""
    file, column, name, lines = place
    return parse_error(message, file, int(lines[int(np.argmax(bad_rows))]), column, name)


def _missing(cell: str) -> bool:
    return cell.strip() in _CTDC_MISSING


def _check_empty(categories: list[str], codes: np.ndarray, place: _Place) -> None:
    full = [k for k, cell in enumerate(categories) if cell.strip()]
    if full:
        raise _fail("the column under the terms-of-use notice holds a value: CTDC leaves it empty, so the row "
                    "may be shifted", place, np.isin(codes, full))


def _years(categories: list[str], codes: np.ndarray, place: _Place) -> pd.api.extensions.ExtensionArray:
    values = np.zeros(len(categories), dtype=np.int64)
    missing = np.zeros(len(categories), dtype=bool)
    bad = []
    for k, cell in enumerate(categories):
        cell = cell.strip()
        if cell in _CTDC_MISSING:
            missing[k] = True
        elif cell.isascii() and cell.isdigit() and len(cell) == 4:
            values[k] = int(cell)
        else:
            bad.append(k)
    if bad:
        raise _fail("not a year (four digits)", place, np.isin(codes, bad))
    return pd.arrays.IntegerArray(values[codes], missing[codes])


def _age_bands(categories: list[str], codes: np.ndarray, place: _Place) -> pd.Categorical:
    bands: list[Optional[AgeBand]] = []
    bad = []
    for k, cell in enumerate(categories):
        cell = cell.strip()
        if cell in _CTDC_MISSING:
            bands.append(None)
            continue
        try:  # CTDC's later files write 09--17 for 9--17
            bands.append(AgeBand.from_label(re.sub(r"\b0+(\d)", r"\1", cell)))
        except ParseError:
            bands.append(None)
            bad.append(k)
    if bad:
        raise _fail("not an age band (CTDC's ageBroad: 0--8, 9--17, 18--20, ..., 48+)", place, np.isin(codes, bad))
    order = sorted({str(b): b for b in bands if b is not None}.items(), key=lambda kv: _age_order(kv[1]))
    position = {name: i for i, (name, _) in enumerate(order)}
    remap = np.array([-1 if b is None else position[str(b)] for b in bands], dtype=np.int32)
    return pd.Categorical.from_codes(remap[codes], categories=pd.Index([name for name, _ in order], dtype=object),
                                     ordered=True)


def _age_order(band: AgeBand) -> tuple[bool, int, str]:
    lower = band.lower
    return (lower is None, lower if lower is not None else 0, str(band))


def _flags(categories: list[str], codes: np.ndarray, place: _Place) -> np.ndarray:
    table = np.zeros(len(categories), dtype=bool)
    bad = []
    for k, cell in enumerate(categories):
        cell = cell.strip()
        if cell == "1":
            table[k] = True
        elif cell not in ("0", *_CTDC_MISSING):
            bad.append(k)
    if bad:
        raise _fail("a flag is 1, or 0, empty or -99 for not recorded", place, np.isin(codes, bad))
    flags: np.ndarray = table[codes]
    return flags


def _texts(categories: list[str], codes: np.ndarray, place: _Place) -> pd.Categorical:
    cells = [cell.strip() for cell in categories]
    present = sorted({cell for cell in cells if cell not in _CTDC_MISSING})
    position = {cell: i for i, cell in enumerate(present)}
    remap = np.array([position.get(cell, -1) for cell in cells], dtype=np.int32)
    return pd.Categorical.from_codes(remap[codes], categories=pd.Index(present, dtype=object))


_CTDC_CONVERT = {"year": _years, "age": _age_bands, "flag": _flags, "text": _texts}
