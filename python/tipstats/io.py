"""Reading the data researchers already have: UNODC GLOTIP exports and CTDC case-level files.

``read_glotip(path)`` returns :class:`tipstats.Observations` (the C++ importer; its mapping tables are
``GLOTIP_TERMS`` and docs/format.md). ``read_ctdc(path)`` returns a pandas DataFrame of case
records, one row per record, with categorical columns ready for :func:`tipstats.tabulate`.
Every parse error is a :class:`tipstats.ParseError` with ``file``, ``line``, ``column`` and
``field`` (the column's name) as attributes and in its message.
"""

from __future__ import annotations

import os
import re
from typing import Union

import numpy as np
import pandas as pd

from . import _core
from ._core import AgeBand, Observations, ParseError
from ._errors import parse_error

__all__ = ["GLOTIP_TERMS", "CTDC_FLAG_PREFIXES", "read_glotip", "read_ctdc"]

PathLike = Union[str, "os.PathLike[str]"]

#: The GLOTIP wordings the importer knows, by column: export text -> tipstats value.
GLOTIP_TERMS: dict = _core.io.glotip_terms


def read_glotip(path: PathLike) -> Observations:
    r"""Read a UNODC GLOTIP long-format CSV export (``data_glotip.xlsx`` saved as CSV).

    Indicator -> measure, Iso3_code -> area, Year -> a calendar-year period, Unit of measurement
    -> unit, txtVALUE -> a Quantity (``"<5"`` censored, ``"1,234"`` read as 1234), Source -> the
    note (source id ``"unodc-glotip"``), Sex and Age -> sex and age band (``Total`` -> all,
    ``18 years or over`` -> 18+, ``0 to 17 years`` -> 0-17). The Dimension says where the
    Category goes: ``Total`` and ``by form of exploitation`` -> offence, ``by age group`` -> age
    band, ``by sex`` -> sex. Every other dimension (``by citizenship``, ``by area of
    citizenship``, ``by country of repatriation``, and any the export adds later) is kept in the
    measure's name as ``<measure>:<dimension>=<Category>``, so that a full export reads without
    filtering and a breakdown is never summed into its total. An optional title row above the
    header is skipped. Any other unknown wording, or bytes that are not UTF-8, raises ParseError
    naming the file, line, column and column name. The tables are ``GLOTIP_TERMS``.

    >>> path = tmp / "data_glotip.csv"
    >>> _ = path.write_text(
    ...     "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,"
    ...     "Unit of measurement,txtVALUE,Source\n"
    ...     "KHM,Cambodia,Asia,South-eastern Asia,Detected trafficking victims,Total,Total,Total,Total,"
    ...     "2019,Counts,263,National authorities\n"
    ...     "KHM,Cambodia,Asia,South-eastern Asia,Detected trafficking victims,by citizenship,Foreign,"
    ...     "Total,Total,2019,Counts,<5,National authorities\n")
    >>> obs = read_glotip(path)
    >>> obs.categories("measure")
    ['victims_detected', 'victims_detected:citizenship=Foreign']
    >>> obs[1].value, obs[1].source
    (Quantity('<5'), 'unodc-glotip')
    """
    return _core.io.load_glotip(os.fspath(path))


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
