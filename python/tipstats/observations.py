"""Victim statistics: the observations table, censored values and series, with pandas in and out.

The classes come from the compiled core; this module adds their pandas and CSV faces.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import TYPE_CHECKING, Any, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np
from numpy.typing import NDArray

from . import _core
from ._errors import domain_error, file_error, not_found_error, parse_error, validation_error
from ._core import AgeBand, Finding, Observation, Observations, Quantity, Series
from ._optional import require

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Finding", "Observation", "Observations", "Quantity", "Series", "Resampled"]

_SEXES = ["all", "female", "male", "other", "unknown"]
_VALUE_KINDS = ["exact", "below", "above", "missing", "range"]
_DIMENSIONS = ["measure", "unit", "period", "area", "offence", "age", "sex", "source"]


def _categorical(table: Observations, dimension: str) -> pd.Categorical:
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    categories = _SEXES if dimension == "sex" else table.categories(dimension)
    return pd.Categorical.from_codes(table.codes(dimension), categories=categories)


def _to_pandas(self: Observations) -> pd.DataFrame:
    """The table as a tidy DataFrame.

    Columns: the dimensions as categoricals (``measure``, ``unit``, ``period``, ``area``,
    ``offence``, ``age``, ``sex``, ``source``, then the table's extra dimensions, such as
    ``citizenship``), ``value`` (float; NaN where censored, a range or missing), ``censoring``
    (categorical: exact, below, above, missing, range), ``bound`` (the censoring bound of ``<b`` and
    ``>b``, else NaN), ``lower`` and ``upper`` (what each value can be: ``<5`` counts 0 and 4, a
    range its ends, missing 0 and inf; sum these, not ``value``, to keep censored rows),
    ``period_start`` and ``period_end`` (inclusive, datetime64) and ``note``.
    ``Observations.from_pandas`` reads it back unchanged.

    >>> df = ts.datasets.cambodia_2019().observations.to_pandas()
    >>> df[["measure", "value", "censoring", "period", "age"]]
                 measure  value censoring   period    age
    0    victims_rescued  263.0     exact  2019-H1    all
    1    victims_rescued   70.0     exact  2019-H1   0-14
    2    victims_rescued   31.0     exact  2019-H1  15-17
    3  cases_with_arrest   86.0     exact     2019   0-14
    """
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    kinds, bounds, lower, upper = self._value_columns()
    periods = [_core.Period(p) for p in self.categories("period")]
    period_codes = self.codes("period")
    starts = np.array([p.start for p in periods], dtype="datetime64[D]")
    ends = np.array([p.end for p in periods], dtype="datetime64[D]")
    frame = {
        "measure": _categorical(self, "measure"),
        "value": self.values,
        "censoring": pd.Categorical.from_codes(kinds, categories=_VALUE_KINDS),
        "bound": bounds,
        "lower": lower,
        "upper": upper,
        "unit": _categorical(self, "unit"),
        "period": _categorical(self, "period"),
        "period_start": starts[period_codes] if len(periods) else np.array([], "datetime64[D]"),
        "period_end": ends[period_codes] if len(periods) else np.array([], "datetime64[D]"),
    }
    for dimension in ("area", "offence", "age", "sex", "source", *self.extra_dimensions):
        frame[dimension] = _categorical(self, dimension)
    frame["note"] = pd.array(self.notes, dtype=object)
    return pd.DataFrame(frame)


_KIND_CODES = {name: code for code, name in enumerate(_VALUE_KINDS)}  # Quantity's kinds, in code order
_DEFAULTS = {"unit": "count", "area": "", "offence": "all", "age": "all", "sex": "all", "source": ""}


def _notes(frame: pd.DataFrame) -> List[str]:
    """The ``note`` column as text, a missing cell (None, NaN, ``pd.NA``) or column as ""."""
    if "note" not in frame:
        return [""] * len(frame)
    notes = frame["note"]
    return ["" if missing else str(note) for note, missing in zip(notes, notes.isna())]


def _codes(column: Optional[pd.Series], default: str, n: int) -> Tuple[NDArray[np.int32], List[str]]:
    """A column as codes into its texts; a missing cell (or a missing column) is ``default``."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    if column is None:
        return np.zeros(n, dtype=np.int32), [default]
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = [str(u) for u in uniques]
    codes = np.asarray(codes, dtype=np.int32)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(texts), codes).astype(np.int32)
        texts.append(default)
    return codes, texts


def _figure(value: Any, row: int) -> Quantity:
    """One value of a frame as a Quantity; errors name the row."""
    try:
        if isinstance(value, Quantity):
            return value
        if isinstance(value, str):
            return Quantity.parse(value)
        if isinstance(value, (bool, np.bool_)):
            raise domain_error("value", "a count cannot be True/False")
        return Quantity(float(value))
    except _core.Error as error:
        raise type(error)(f"row {row}: {error}") from error


def _value_arrays(frame: pd.DataFrame) -> Tuple[NDArray[np.int8], NDArray[np.float64], NDArray[np.float64]]:
    """Each row's value as (kind code, number, upper end), from ``value`` (numbers, text such as
    "<5", Quantity) or from the ``censoring``/``bound``/``lower``/``upper`` columns ``to_pandas`` writes."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    n = len(frame)
    kinds = np.full(n, _KIND_CODES["missing"], dtype=np.int8)
    numbers = np.zeros(n)
    uppers = np.zeros(n)
    censoring = frame["censoring"].astype(object) if "censoring" in frame else pd.Series([None] * n, index=frame.index)
    plain = (censoring.isna() | (censoring == "exact")).to_numpy(dtype=bool)
    values = frame["value"]
    if pd.api.types.is_bool_dtype(values.dtype):
        raise domain_error("value", "a count cannot be True/False")
    if pd.api.types.is_numeric_dtype(values.dtype):
        number = values.to_numpy(dtype=float)
        known = plain & ~np.isnan(number)
        kinds[known], numbers[known] = _KIND_CODES["exact"], number[known]
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        codes = np.asarray(codes)
        for k, unique in enumerate(uniques):
            rows = np.flatnonzero((codes == k) & plain)
            if len(rows) == 0:
                continue
            q = _figure(unique, int(rows[0]))
            kinds[rows] = _KIND_CODES[q.kind]
            low, high = q.bounds(integer=False)
            numbers[rows] = q.bound if q.is_censored else low
            uppers[rows] = high
    exact_but_missing = plain & (censoring == "exact").to_numpy(dtype=bool) & (kinds == _KIND_CODES["missing"])
    if exact_but_missing.any():
        row = int(np.flatnonzero(exact_but_missing)[0])
        raise validation_error(f"row {row}: censoring is 'exact' but the value is missing", f"observations[{row}].value")
    stated = censoring.map(_KIND_CODES).to_numpy(dtype=float)
    unknown = ~plain & np.isnan(stated)
    if unknown.any():
        row = int(np.flatnonzero(unknown)[0])
        raise validation_error(f"row {row}: {censoring.iloc[row]!r} is not exact, below, above, range or missing",
                               f"observations[{row}].censoring")
    kinds[~plain] = stated[~plain].astype(np.int8)
    for kind, first, second in (("below", "bound", None), ("above", "bound", None), ("range", "lower", "upper")):
        rows = ~plain & (stated == _KIND_CODES[kind])
        if rows.any():
            numbers[rows] = frame[first].to_numpy(dtype=float)[rows]
            if second:
                uppers[rows] = frame[second].to_numpy(dtype=float)[rows]
    return kinds, numbers, uppers


def _from_pandas(cls: type, frame: pd.DataFrame) -> Observations:
    """Build a table from a tidy DataFrame (all rows or none).

    ``measure``, ``value`` and ``period`` are required. ``value`` holds numbers, or text such as
    ``"<5"``; alternatively the ``censoring`` and ``bound`` columns written by ``to_pandas``.
    Optional: ``unit`` (default count), ``area``, ``offence`` (all), ``age`` (all), ``sex`` (all),
    ``source``, ``note``; ``period_start``/``period_end`` are ignored (``period`` holds them), and so
    are ``lower``/``upper`` except for a range (censoring ``range``).
    Every other column is an extra dimension of the table (missing cells are its total, ``all``),
    so nothing is dropped; a column whose name cannot be a dimension's (lower-case letters, digits
    and ``_``) is an error. Errors (ValidationError, ParseError, DomainError) name the row.

    >>> frame = pd.DataFrame({"measure": "victims_rescued", "value": [263, "<5", None],
    ...                       "period": ["2019-H1", "2019-H2", "2020-H1"], "area": "KHM",
    ...                       "citizenship": [None, "Viet Nam", None]})
    >>> obs = Observations.from_pandas(frame)
    >>> [str(q) for q in obs.quantities], obs.extra_dimensions
    (['263', '<5', 'NA'], ['citizenship'])
    """
    missing = [c for c in ("measure", "value", "period") if c not in frame.columns]
    if missing:
        raise validation_error(f"the DataFrame lacks the required column(s) {', '.join(missing)}", missing[0])
    known = set(_DIMENSIONS) | {"value", "censoring", "bound", "lower", "upper", "note", "period_start",
                                "period_end"}
    extra = [str(c) for c in frame.columns if c not in known]
    table = cls(dimensions=extra)  # ValidationError for a name that cannot be a dimension's
    n = len(frame)
    dimensions = {name: _codes(frame.get(name), default, n)
                  for name, default in {"measure": "", "period": "", **_DEFAULTS, **{e: "all" for e in extra}}.items()}
    table._extend_columns(dimensions, *_value_arrays(frame), _notes(frame))
    return table


def _save_csv(self: Observations, path: str | os.PathLike) -> None:
    """Write the tidy CSV table to ``path`` (any path-like) atomically (docs/format.md).

    >>> obs = ts.datasets.cambodia_2019().observations
    >>> obs.to_csv(tmp / "cambodia.csv")
    >>> (tmp / "cambodia.csv").read_text().splitlines()[0]
    'measure,value,unit,period,area,offence,age,sex,source,note'
    """
    self.save_csv(os.fspath(path))


def _read_csv(path: str | os.PathLike) -> Observations:
    """Read a tidy CSV table from ``path`` (any path-like), all rows or none.

    Raises ParseError naming the file, line, column and field on bad input, bytes that are not
    UTF-8 included.

    >>> ts.datasets.cambodia_2019().observations.to_csv(tmp / "cambodia.csv")
    >>> Observations.read_csv(tmp / "cambodia.csv")
    <Observations: 4 rows, measures victims_rescued, cases_with_arrest>
    """
    return Observations.load_csv(os.fspath(path))


# The Parquet schema metadata key of a table of observations, what it holds and its version.
_PARQUET_KEY = b"tipstats"
_PARQUET_FORMAT = "observations"
_PARQUET_VERSION = 1


def _to_parquet(self: Observations, path: str | os.PathLike) -> None:
    """Write the table to a Parquet file at ``path`` (any path-like), atomically.

    The columns are those of :meth:`to_pandas`: the dimensions (extra ones included) as dictionary
    (categorical) columns, the values with their censoring, bounds and ranges, the notes.
    The schema metadata ``tipstats`` records the format version and the extra dimensions, which
    :meth:`read_parquet` checks. The file is written beside the target under a hidden temporary name
    and renamed over it: an interrupted write leaves the old file whole, and no partial file that a
    reader of the folder (``dask.dataframe.read_parquet``) would take for data. Needs pyarrow
    (``pip install tipstats[dask]``).

    >>> obs = ts.datasets.cambodia_2019().observations
    >>> obs.to_parquet(tmp / "cambodia.parquet")
    >>> Observations.read_parquet(tmp / "cambodia.parquet") == obs
    True
    """
    pa = require("pyarrow", "Observations.to_parquet")
    pq = require("pyarrow.parquet", "Observations.to_parquet")
    table = pa.Table.from_pandas(self.to_pandas(), preserve_index=False)
    stamp = {"format": _PARQUET_FORMAT, "version": _PARQUET_VERSION, "extra_dimensions": list(self.extra_dimensions)}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), _PARQUET_KEY: json.dumps(stamp).encode()})
    target = os.fspath(path)
    folder, name = os.path.split(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def _parquet_stamp(schema: Any, file: str) -> dict:
    """The tipstats metadata of a Parquet file's schema, checked; ParseError naming the file if it is
    not a table of observations this version reads."""
    text = (schema.metadata or {}).get(_PARQUET_KEY)
    if text is None:
        raise parse_error("not a tipstats table of observations: its Parquet schema has no 'tipstats' metadata "
                          "(Observations.to_parquet writes it)", file)
    try:
        stamp = json.loads(text)
    except ValueError:
        stamp = None
    if not isinstance(stamp, dict) or stamp.get("format") != _PARQUET_FORMAT:
        raise parse_error(f"the 'tipstats' metadata is not that of a table of observations: {text[:80]!r}", file,
                          field="tipstats")
    if stamp.get("version") != _PARQUET_VERSION:
        raise parse_error(f"format version {stamp.get('version')!r}, this tipstats reads version {_PARQUET_VERSION}",
                          file, field="tipstats.version")
    extra = stamp.get("extra_dimensions")
    if not isinstance(extra, list) or not all(isinstance(e, str) for e in extra):
        raise parse_error("extra_dimensions must be a list of names", file, field="tipstats.extra_dimensions")
    return stamp


def _read_parquet(path: str | os.PathLike) -> Observations:
    """Read a Parquet file written by :meth:`to_parquet` (any path-like), all rows or none.

    Dimensions, extra dimensions, censored values, ranges, missing values and notes come back as
    they were written (the table equals the one saved). A file that cannot be read, is not Parquet,
    lacks the ``tipstats`` metadata, has another format version, lacks a column or has a column that
    is neither a known field nor a recorded extra dimension raises ParseError naming the file (and
    the field); a bad value raises ParseError naming the file, the field and the row. Needs pyarrow.

    >>> ts.datasets.cambodia_2019().observations.to_parquet(tmp / "cambodia.parquet")
    >>> Observations.read_parquet(tmp / "cambodia.parquet")
    <Observations: 4 rows, measures victims_rescued, cases_with_arrest>
    """
    pa = require("pyarrow", "Observations.read_parquet")
    pq = require("pyarrow.parquet", "Observations.read_parquet")
    file = os.fspath(path)
    try:
        parquet = pq.ParquetFile(file)
    except OSError as error:  # a missing or unreadable file
        raise file_error(error, file) from None
    except pa.ArrowException as error:
        raise parse_error(f"not a Parquet file ({error})", file) from None
    with parquet:
        schema = parquet.schema_arrow
        stamp = _parquet_stamp(schema, file)
        columns = list(schema.names)
        for required in ("measure", "value", "period"):
            if required not in columns:
                raise parse_error("the column is missing", file, field=required)
        known = set(_DIMENSIONS) | {"value", "censoring", "bound", "lower", "upper", "note", "period_start",
                                    "period_end"}
        extra = [c for c in columns if c not in known]
        if extra != stamp["extra_dimensions"]:
            unlisted = [c for c in extra if c not in stamp["extra_dimensions"]]
            absent = [c for c in stamp["extra_dimensions"] if c not in extra]
            raise parse_error(f"the extra dimensions recorded in the metadata ({', '.join(stamp['extra_dimensions'])}) "
                              f"are not the file's other columns ({', '.join(extra)})", file,
                              field=(unlisted or absent or [None])[0])
        frame = parquet.read().to_pandas()
    try:
        return Observations.from_pandas(frame)
    except _core.Error as error:
        raise parse_error(str(error), file, field=getattr(error, "field", None)) from error


_BREAKDOWNS = ("offence", "age", "sex")


def _aggregate(self: Observations, by: Sequence[str], measure: Optional[str] = None,
               **filters: Union[str, AgeBand]) -> pd.DataFrame:
    """Totals of a measure's counts by the dimensions ``by``, adding censored values, ranges and
    missing values as bounds, so that no row drops out of a sum.

    Rows are chosen as :meth:`series` chooses them: breakdowns (offence, age, sex and the extra
    dimensions) that are neither in ``by`` nor filtered are their total ``"all"``; ``filters`` name
    a category of any dimension (``area="KHM"``, ``period="2019"``). ``measure`` may be left out
    when the table has one. Returns one row per combination of ``by``: the ``by`` columns,
    ``lower`` and ``upper`` (the least and greatest the total can be: ``<5`` adds 0 to 4, ``106-111``
    106 to 111, a missing value 0 to inf), ``value`` (the total where they agree, else NaN) and
    ``rows`` (how many rows were added). Only counts add up: another unit is a ValidationError, and
    so are periods that overlap within a total (add "period" to ``by`` or filter by one).

    Three countries' totals, one published as "<5" (summing ``value`` in pandas would drop it):

    >>> obs = Observations()
    >>> for area, value in [("KHM", 70), ("THA", 24), ("LAO", "<5")]:
    ...     obs.add("victims_detected", value, "2020", area=area)
    >>> obs.aggregate(by=["period"])
      period  value  lower  upper  rows
    0   2020    NaN   94.0   98.0     3
    """
    frame = self.to_pandas()
    measures = frame["measure"].unique()
    if measure is None:
        if len(measures) != 1:
            raise validation_error(f"name the measure: the table has {', '.join(map(str, measures)) or 'none'}",
                                   "measure")
        measure = str(measures[0])
    by = list(by)
    dimensions = self.dimensions
    for name in [*by, *filters]:
        if name not in dimensions:
            raise domain_error("by" if name in by else name,
                               f"unknown dimension {name!r} (this table has {', '.join(dimensions)})")
    chosen = (frame["measure"] == measure).to_numpy().copy()
    if not chosen.any():
        raise not_found_error("measure", measure)
    for name in (*_BREAKDOWNS, *self.extra_dimensions):
        if name not in by and name not in filters:
            chosen &= (frame[name].astype(str) == "all").to_numpy()
    for name, wanted in filters.items():
        chosen &= (frame[name].astype(str) == str(wanted)).to_numpy()
    rows = frame[chosen]
    units = set(rows["unit"].astype(str))
    if units - {"count"}:
        raise validation_error(f"only counts add up; the rows of {measure!r} are in {', '.join(sorted(units))}",
                               "unit")
    if "period" not in by:
        _refuse_overlapping_periods(rows, by)
    grouped = rows.groupby(by, observed=True, sort=True) if by else rows.groupby(lambda _: 0)
    totals = grouped.agg(lower=("lower", "sum"), upper=("upper", "sum"), rows=("lower", "size"))
    totals.insert(0, "value", totals["lower"].where(totals["lower"] == totals["upper"]))
    totals["rows"] = totals["rows"].astype("int64")
    return totals.reset_index() if by else totals.reset_index(drop=True)


def _refuse_overlapping_periods(rows: pd.DataFrame, by: List[str]) -> None:
    """A ValidationError when two different periods of one total overlap (a year and its halves)."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    spans = rows[by + ["period_start", "period_end", "period"]].drop_duplicates(by + ["period_start", "period_end"])
    spans = spans.sort_values(by + ["period_start"], kind="stable")
    keys = spans[by].astype(str).agg("|".join, axis=1) if by else pd.Series("", index=spans.index)
    latest_end = spans.groupby(keys.to_numpy())["period_end"].cummax().groupby(keys.to_numpy()).shift()
    overlapping = spans["period_start"] <= latest_end
    if overlapping.any():
        first = spans[overlapping].iloc[0]
        raise validation_error(f"period {first['period']} overlaps another period of the same total: add "
                               "'period' to by, or filter by a period", "period")


Observations.aggregate = _aggregate
Observations.to_pandas = _to_pandas
Observations.from_pandas = classmethod(_from_pandas)
Observations.to_csv = _save_csv
Observations.read_csv = staticmethod(_read_csv)
Observations.to_parquet = _to_parquet
Observations.read_parquet = staticmethod(_read_parquet)
Observations.__repr__ = lambda self: f"<Observations: {len(self)} rows, measures {', '.join(self.categories('measure')) or '-'}>"


class Resampled(NamedTuple):
    """A series over coarser periods and the coarser periods left out as incomplete.

    ``series`` is the resampled Series; ``incomplete`` lists the coarser periods whose parts do not
    cover them (a list of Period). ``Series.resample`` returns it.
    """

    series: Series
    incomplete: list


def _series_to_pandas(self: Series) -> pd.DataFrame:
    """One row per period: value, lower, upper, censored, x; indexed by the period text.

    >>> obs = Observations()
    >>> for period, value in [("2019-H1", 263), ("2019-H2", "<5")]:
    ...     obs.add("victims_rescued", value, period, area="KHM")
    >>> obs.series("victims_rescued").to_pandas().round(2)
             value  lower  upper  censored        x
    period
    2019-H1  263.0  263.0  263.0     False  2019.25
    2019-H2    NaN    0.0    4.0      True  2019.75
    """
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    return pd.DataFrame(
        {"value": self.values, "lower": self.lower, "upper": self.upper, "censored": self.censored, "x": self.x},
        index=pd.Index([str(p) for p in self.periods], name="period"),
    )


def _same_period_last_year(self: Series) -> pd.DataFrame:
    """Each period beside the same period a year earlier, and the percent change.

    Columns: period, value, previous_period, previous_value (NaN where absent, censored, a range or
    missing), percent_change (``100 * (value - previous_value) / previous_value`` where both are
    exact), and percent_change_lower / percent_change_upper: the range of changes that the two
    figures allow when either is censored or a range (the change itself where both are exact; NaN
    where either is absent or missing; inf where the year before may be 0).

    >>> obs = Observations()
    >>> for period, value in [("2018-H1", "106-111"), ("2019-H1", 263), ("2019-H2", 180), ("2020-H1", 120)]:
    ...     obs.add("victims_rescued", value, period, area="KHM")
    >>> table = obs.series("victims_rescued").same_period_last_year()
    >>> table[["period", "percent_change", "percent_change_lower", "percent_change_upper"]].round(1)
        period  percent_change  percent_change_lower  percent_change_upper
    0  2018-H1             NaN                   NaN                   NaN
    1  2019-H1             NaN                 136.9                 148.1
    2  2019-H2             NaN                   NaN                   NaN
    3  2020-H1           -54.4                 -54.4                 -54.4
    """
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    periods, values, previous_periods, previous_values = self._same_period_last_year()
    integer = self.unit == "count"
    current = np.array([q.value if q.is_exact else np.nan for q in values], dtype=float)
    previous = np.array([q.value if q.is_exact else np.nan for q in previous_values], dtype=float)
    now = np.array([(np.nan, np.nan) if q.is_missing else q.bounds(integer=integer) for q in values],
                   dtype=float).reshape(-1, 2)
    before = np.array([(np.nan, np.nan) if q.is_missing else q.bounds(integer=integer) for q in previous_values],
                      dtype=float).reshape(-1, 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(previous > 0, 100.0 * (current - previous) / previous, np.nan)
        lowest = np.where(before[:, 1] > 0, 100.0 * (now[:, 0] - before[:, 1]) / before[:, 1], np.nan)
        highest = np.where(before[:, 0] > 0, 100.0 * (now[:, 1] - before[:, 0]) / before[:, 0],
                           np.where(before[:, 1] > 0, np.inf, np.nan))
    known = ~np.isnan(now[:, 0]) & ~np.isnan(before[:, 0])
    lowest = np.where(known, np.where(np.isinf(before[:, 1]), -100.0, lowest), np.nan)
    highest = np.where(known, highest, np.nan)
    return pd.DataFrame({
        "period": [str(p) for p in periods],
        "value": current,
        "previous_period": [str(p) for p in previous_periods],
        "previous_value": previous,
        "percent_change": change,
        "percent_change_lower": lowest,
        "percent_change_upper": highest,
    })


def _resample(self: Series, to: str = "year") -> Resampled:
    """Totals over coarser periods ('year', 'half', 'quarter' or 'month').

    A coarser period gets a value only where the series' periods inside it are disjoint and cover it
    fully (or it is itself in the series); the others are returned in ``incomplete``. Sums with
    censored parts have no single value (NaN) but keep their bounds in ``lower``/``upper``.
    Another ``to`` raises DomainError.

    >>> obs = Observations()
    >>> for period, value in [("2019-Q1", 60), ("2019-Q2", 70), ("2019-Q3", "<5"), ("2019-Q4", 80),
    ...                       ("2020-Q1", 90)]:
    ...     obs.add("victims_rescued", value, period, area="KHM")
    >>> halves = obs.series("victims_rescued").resample("half")
    >>> halves
    Resampled(series=Series(victims_rescued, 2 periods: 2019-H1: 130, 2019-H2: NA), incomplete=[Period('2020-H1')])
    >>> halves.series.lower, halves.series.upper
    (array([130.,  80.]), array([130.,  84.]))
    """
    series, incomplete = self._resample(to)
    return Resampled(series, list(incomplete))


def _series_repr(self: Series) -> str:
    shown = ", ".join(f"{p}: {q}" for p, q in zip(self.periods[:6], self.quantities[:6]))
    more = ", ..." if len(self) > 6 else ""
    return f"Series({self.measure}, {len(self)} periods: {shown}{more})"


Series.to_pandas = _series_to_pandas
Series.same_period_last_year = _same_period_last_year
Series.resample = _resample
Series.__repr__ = _series_repr
