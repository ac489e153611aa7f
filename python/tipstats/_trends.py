"""Observations.trends: one trend row per series of a measure, all series fitted at once in C++.

The series are found with numpy from the table's categorical codes (``Observations.codes`` and
``categories``), so any dimension the table knows can be a ``by`` column or a filter: a dimension is
only a name those two methods accept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Literal, Sequence, Union

import numpy as np

from ._core import AgeBand, Observations
from ._core import trend as _core
from ._errors import domain_error, not_found_error
from ._progress import Progress, ProgressArg, chunks

if TYPE_CHECKING:
    import pandas as pd

# The annotations of _trends are spelt out (no ProgressArg or CountModel aliases): the stub generator
# writes them into the compiled class' stub by name.

# Breakdowns whose unnamed value means their total, "all", as in Observations.series (with the
# table's extra dimensions). A table's other dimensions (unit, area, source) must be single-valued
# within a series unless named.
_BREAKDOWNS = ("offence", "age", "sex")
_SINGLE_VALUED = ("unit", "area")
_NOT_GROUPABLE = ("measure", "period")
_RESULT_COLUMNS = ("periods", "n", "n_censored", "n_missing", "slope", "se", "apc", "apc_lower", "apc_upper",
                   "p_value", "dispersion", "pearson_ratio", "mk_trend", "mk_tau", "mk_p", "sen_slope", "note")


def _label(dimension: str, value: Any) -> str:
    """A filter value as the dimension's categories spell it (age bands in their canonical form)."""
    return str(AgeBand(str(value))) if dimension == "age" else str(value)


def _code(table: Observations, dimension: str, label: str) -> int:
    categories = table.categories(dimension)
    return categories.index(label) if label in categories else -1


def _trends(self: Observations, measure: str, by: Union[str, Sequence[str]] = "area",
            model: Literal["poisson", "quasi", "negbin"] = "negbin", level: float = 0.95, threads: int = 0,
            progress: Union[bool, Callable[[int, int], object]] = False, **filters: Any) -> pd.DataFrame:
    """Trends of every series of ``measure``, one row per value of the ``by`` dimensions.

    Each series is what :meth:`Observations.series` would give for its ``by`` values and the
    ``filters``: unnamed breakdowns (offence, age, sex) mean their total, "all"; the series' periods
    in time order with ``x`` the real year (period midpoints: gaps stay gaps, missing values are left
    out and counted). All series are fitted at once in C++ on ``threads`` threads (0: every core),
    without the GIL:

    - :func:`tipstats.trend.loglinear` with ``model`` ("negbin" by default: published yearly counts are
      usually overdispersed): ``slope``, its ``se``, ``apc`` with ``apc_lower``/``apc_upper`` at
      ``level`` and ``p_value``; ``dispersion`` is 1 (poisson), phi (quasi) or alpha (negbin);
      ``pearson_ratio`` (Pearson chi-square / df over the exact counts) shows overdispersion;
    - :func:`tipstats.trend.mann_kendall` and its Sen slope: ``mk_trend``, ``mk_tau``, ``mk_p`` and
      ``sen_slope`` (per year), the Akritas-Theil-Sen versions where counts are left-censored.

    Censored counts (``"<5"``) are used, not dropped (the likelihood takes the probability of their
    bounds; Akritas, Murphy & LaValley 1995 for the rank methods). Columns: the ``by`` dimensions
    (categorical), ``periods`` ("first..last"), ``n``, ``n_censored``, ``n_missing``, the results
    above, and ``note``, which says why a series (or part of its results, left NaN) could not be
    computed: too few counts, every count censored, a period given twice (name a ``source=`` or add
    a dimension to ``by``), a unit other than counts, and so on. A bad series never stops the others.
    ``progress`` as in the ``*_batch`` functions of :mod:`tipstats.trend` (the series then go to C++
    in chunks, each on every core, with the same results).
    An unknown dimension raises :class:`tipstats.DomainError`; a ``measure`` or filter that selects
    nothing raises :class:`tipstats.NotFoundError`.

    >>> obs = ts.Observations()
    >>> for year, kh, th in [(2015, 40, 5), (2016, 52, "<5"), (2017, 61, 7), (2018, 80, "<5"), (2019, 96, 9)]:
    ...     obs.add("victims_detected", kh, str(year), area="KHM")
    ...     obs.add("victims_detected", th, str(year), area="THA")
    >>> table = obs.trends("victims_detected", by="area", model="poisson")
    >>> table[["area", "periods", "n", "n_censored", "mk_trend"]]
      area     periods  n  n_censored    mk_trend
    0  KHM  2015..2019  5           0  increasing
    1  THA  2015..2019  5           2    no trend
    >>> table["apc"].round(1).tolist()
    [24.2, 16.7]
    """
    by = [by] if isinstance(by, str) else list(by)
    for name in by:
        if name in _NOT_GROUPABLE:
            raise domain_error("by", f"'{name}' cannot be a by dimension: a series runs over periods of one measure")
        if name in filters:
            raise domain_error("by", f"'{name}' is both a by dimension and a filter")
    if len(set(by)) != len(by):
        raise domain_error("by", "names a dimension twice")

    measure_code = _code(self, "measure", measure)
    if measure_code < 0:
        raise not_found_error("measure", measure)
    mask = self.codes("measure") == measure_code
    wanted = {name: _label(name, value) for name, value in filters.items()}
    wanted.update({name: "all" for name in (*_BREAKDOWNS, *self.extra_dimensions)
                   if name not in by and name not in filters})
    for name, label in wanted.items():
        mask &= self.codes(name) == _code(self, name, label)
    rows = np.flatnonzero(mask)
    if len(rows) == 0:
        selection = ", ".join(f"{name}={label}" for name, label in wanted.items())
        raise not_found_error("series", f"{measure} ({selection})")

    values, lower, upper, x = (column[rows] for column in _core.observation_columns(self))
    group_codes = np.stack([self.codes(name)[rows] for name in by]) if by else np.zeros((1, len(rows)), np.int32)
    keys, group = np.unique(group_codes, axis=1, return_inverse=True)
    group = group.ravel()
    order = np.lexsort((x, group))
    rows, group = rows[order], group[order]
    values, lower, upper, x = values[order], lower[order], upper[order], x[order]
    groups = keys.shape[1]

    # Rows of one period in a series are parts of one figure (labels GLOTIP repeats for unnamed
    # sub-categories): added, with bounds, as Observations.series adds them; from two sources they
    # are two figures, and the series is refused below.
    starts = np.flatnonzero(np.concatenate([[True], (np.diff(x) != 0) | (np.diff(group) != 0)]))
    sources = self.codes("source")[rows]
    two_sources = np.minimum.reduceat(sources, starts) != np.maximum.reduceat(sources, starts)
    if len(starts) < len(rows):
        exact = np.logical_and.reduceat(~np.isnan(values), starts)
        values = np.where(exact, np.add.reduceat(np.nan_to_num(values), starts), np.nan)
        lower, upper = np.add.reduceat(lower, starts), np.add.reduceat(upper, starts)
        rows, group, x = rows[starts], group[starts], x[starts]
    sizes = np.bincount(group, minlength=groups)
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    first, last = offsets[:-1], offsets[1:] - 1

    # Series the kernel cannot take, with the reason, as Observations.series would refuse them.
    notes: List[str] = [""] * groups
    for name in _SINGLE_VALUED:
        if name in by or name in filters:
            continue
        codes = self.codes(name)[rows]
        labels = self.categories(name)
        low, high = np.minimum.reduceat(codes, first), np.maximum.reduceat(codes, first)
        for g in np.flatnonzero(low != high):
            notes[g] = (f"more than one {name} ('{labels[low[g]]}', '{labels[high[g]]}'): choose one with {name}= "
                        f"or add {name} to by")
    units = self.categories("unit")
    unit_codes = self.codes("unit")[rows][first]
    for g in range(groups):
        if not notes[g] and units[unit_codes[g]] != "count":
            notes[g] = f"unit '{units[unit_codes[g]]}': trends are fitted to counts"
    periods = self.categories("period")
    period_codes = self.codes("period")[rows]
    for at in np.flatnonzero(two_sources):
        g = group[at]
        if not notes[g]:
            notes[g] = (f"two sources give {periods[period_codes[at]]}: choose one with source= or add source "
                        "to by")

    fitted = np.array([not note for note in notes])
    keep = fitted[group]
    kept_offsets = np.concatenate([[0], np.cumsum(sizes[fitted])]).astype(np.int64)
    columns = _fit_all(values[keep], lower[keep], upper[keep], x[keep], kept_offsets, model, level, threads, progress)

    missing = np.isnan(values) & (np.isnan(lower) | ((lower <= 0) & np.isinf(upper)))
    censored = np.isnan(values) & ~missing & (lower != upper)
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    out: Dict[str, Any] = {}
    for i, name in enumerate(by):
        out[name] = pd.Categorical.from_codes(keys[i], categories=self.categories(name))
    out["periods"] = [f"{periods[period_codes[a]]}..{periods[period_codes[b]]}" for a, b in zip(first, last)]
    out["n"] = np.add.reduceat(~missing, first).astype(np.int64)
    out["n_censored"] = np.add.reduceat(censored, first).astype(np.int64)
    out["n_missing"] = np.add.reduceat(missing, first).astype(np.int64)
    for name in _RESULT_COLUMNS[4:-1]:
        text = name == "mk_trend"
        column = np.full(groups, "" if text else np.nan, dtype=object if text else float)
        column[fitted] = columns[name]
        out[name] = column
    note = np.array(notes, dtype=object)
    note[fitted] = columns["note"]
    out["note"] = note
    return pd.DataFrame(out)


def _fit_all(values: np.ndarray, lower: np.ndarray, upper: np.ndarray, x: np.ndarray, offsets: np.ndarray,
             model: str, level: float, threads: int, progress: ProgressArg) -> Dict[str, Any]:
    """The kernel's columns for every series, in one call or, with progress, chunk by chunk."""
    series = len(offsets) - 1
    if not progress:
        return _core.trend_table(values, lower, upper, x, offsets, model, level, threads)
    pieces = []
    with Progress(progress, series, "fitting", "series") as report:
        for start, stop in chunks(series, threads):
            a, b = offsets[start], offsets[stop]
            pieces.append(_core.trend_table(values[a:b], lower[a:b], upper[a:b], x[a:b], offsets[start:stop + 1] - a,
                                            model, level, threads))
            report(stop)
    if not pieces:
        return _core.trend_table(values, lower, upper, x, offsets, model, level, threads)
    return {name: (sum((piece[name] for piece in pieces), []) if isinstance(pieces[0][name], list)
                   else np.concatenate([piece[name] for piece in pieces])) for name in pieces[0]}


Observations.trends = _trends
