"""Tidy tables of counts as dense arrays with their additive structure.

A tidy table has one row per combination of the `by` dimensions and a count column. A dimension may
hold a total level labelled "all"; then every line of cells along that dimension adds up to its total
(the relations that cell suppression protects and an attacker exploits).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import List, Optional, Sequence, Union

import numpy as np
import pandas as pd

from .._errors import domain_error, validation_error
from .._optional import require

TOTAL = "all"

#: The `by` argument: one column name or several.
Columns = Union[str, Sequence[str]]


@dataclass
class Grid:
    """A table as a dense array: axis i runs over `levels[i]`, then over TOTAL if `has_total[i]`."""

    by: List[str]
    levels: List[list]
    has_total: List[bool]
    values: np.ndarray  # float64; NaN marks a cell whose value is withheld
    rows: Optional[np.ndarray] = None  # flat index of each row of the table it was read from

    @property
    def shape(self) -> tuple:
        return tuple(len(lv) + int(t) for lv, t in zip(self.levels, self.has_total))

    def labels(self) -> pd.DataFrame:
        """The `by` columns of every cell, in the order of `values.ravel()`."""
        axes = [list(lv) + ([TOTAL] if t else []) for lv, t in zip(self.levels, self.has_total)]
        rows = list(product(*axes))
        return pd.DataFrame(rows, columns=self.by) if rows else pd.DataFrame(columns=self.by)

    def total_mask(self) -> np.ndarray:
        """True for cells that are a total in at least one dimension."""
        mask = np.zeros(self.shape, dtype=bool)
        for axis, has in enumerate(self.has_total):
            if has:
                index = [slice(None)] * len(self.shape)
                index[axis] = -1
                mask[tuple(index)] = True
        return mask.ravel()


def check_columns(frame: pd.DataFrame, columns: Columns, argument: str, frame_name: str) -> List[str]:
    """`columns` (one name or several) as a list of distinct columns of `frame`; errors name `argument`."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{frame_name} must be a pandas DataFrame, not {type(frame).__name__}")
    names = [columns] if isinstance(columns, str) else list(columns)
    if not names:
        raise domain_error(argument, "name at least one column")
    for i, column in enumerate(names):
        if column not in frame.columns:
            raise domain_error(argument, f"no column {column!r} in {frame_name}", i)
    if len(set(names)) != len(names):
        raise domain_error(argument, "a column is named twice")
    return names


def check_by(table: pd.DataFrame, by: Columns, value: str, argument: str = "table") -> List[str]:
    """The `by` argument as a list of known, distinct columns other than `value`."""
    by = check_columns(table, by, "by", argument)
    if value in by:
        raise domain_error("by", f"column {value!r} is also the value column", by.index(value))
    if value not in table.columns:
        raise domain_error("value", f"no column {value!r} in {argument}")
    return by


def check_counts(column: pd.Series, argument: str = "table", allow_missing: bool = False,
                 whole: bool = True) -> np.ndarray:
    """The counts as float64, after checking they are non-negative (whole unless `whole` is False;
    NaN only if allowed)."""
    if not (pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)):
        raise domain_error(argument, f"column {column.name!r} must hold numbers, not {column.dtype}")
    values = column.to_numpy(dtype=float, na_value=np.nan)
    missing = np.isnan(values)
    if missing.any() and not allow_missing:
        raise domain_error(argument, f"column {column.name!r} has a missing count", int(np.flatnonzero(missing)[0]))
    present = ~missing
    bad = present & ~np.isfinite(values)
    if whole:
        bad |= present & np.isfinite(values) & (values != np.round(values))
    if bad.any():
        kind = "whole counts" if whole else "finite counts"
        raise domain_error(argument, f"column {column.name!r} must hold {kind}", int(np.flatnonzero(bad)[0]))
    negative = present & (values < 0)
    if negative.any():
        raise domain_error(argument, f"column {column.name!r} must not be negative", int(np.flatnonzero(negative)[0]))
    return values


def _levels(column: pd.Series) -> list:
    """Distinct levels other than TOTAL: a categorical's categories, else in order of appearance."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        levels = [c for c in column.cat.categories if c != TOTAL and (column == c).any()]
    else:
        levels = [v for v in pd.unique(column) if not (isinstance(v, str) and v == TOTAL)]
    return levels


def check_labels(table: pd.DataFrame, by: Sequence[str]) -> None:
    """Raise if a label is missing: a group of unknown label cannot be protected or published as such."""
    for column in by:
        missing = table[column].isna().to_numpy()
        if missing.any():
            raise validation_error(
                f"missing label in column {column!r} at row {int(np.flatnonzero(missing)[0])}; name the group, "
                "e.g. with .fillna('unknown'), as the command line names empty cells '(empty)'", "table")


def is_total(column: pd.Series) -> np.ndarray:
    """True where a label is TOTAL."""
    return column.astype(object).map(lambda v: isinstance(v, str) and v == TOTAL).to_numpy(dtype=bool)


def read_grid(table: pd.DataFrame, by: Sequence[str], value: str, allow_missing: bool = False,
              whole: bool = True) -> Grid:
    """The table as a Grid; every combination of levels (totals included) must appear exactly once."""
    by = list(by)
    values = check_counts(table[value], allow_missing=allow_missing, whole=whole)
    check_labels(table, by)
    levels, has_total, positions = [], [], []
    for column in by:
        series = table[column]
        inner = _levels(series)
        if not inner:
            raise validation_error(f"column {column!r} has only totals", "table")
        totals = is_total(series)
        has_total.append(bool(totals.any()))
        codes = pd.Index(inner).get_indexer(series.where(~totals, None).astype(object))
        codes = np.where(totals, len(inner), codes)
        levels.append(inner)
        positions.append(codes)
    grid = Grid(by, levels, has_total, np.full(0, np.nan))
    shape = grid.shape
    flat = np.ravel_multi_index(tuple(positions), shape) if len(table) else np.zeros(0, dtype=np.intp)
    seen = np.bincount(flat, minlength=int(np.prod(shape)))
    if (seen > 1).any():
        duplicate = int(np.flatnonzero(seen[flat] > 1)[1])
        raise validation_error(f"row {duplicate} repeats a combination of {by}", "table")
    if (seen == 0).any():
        missing = np.unravel_index(int(np.flatnonzero(seen == 0)[0]), shape)
        labels = grid.labels().iloc[int(np.ravel_multi_index(missing, shape))].to_dict()
        raise validation_error(
            f"combination {labels} is missing ({int((seen == 0).sum())} missing in all); a table needs every "
            "combination, with a count of 0 where there is none (privacy.complete adds them)", "table")
    array = np.full(int(np.prod(shape)), np.nan)
    array[flat] = values
    grid.values = array.reshape(shape)
    grid.rows = flat
    return grid


def add_margins(grid: Grid, dimensions: Optional[Sequence[bool]] = None) -> Grid:
    """The grid with a TOTAL level added to each chosen dimension (default: all) that lacks one; the
    totals of totals (up to the grand total) come with them."""
    values = grid.values
    wanted = [True] * len(grid.by) if dimensions is None else list(dimensions)
    for axis, (has, want) in enumerate(zip(grid.has_total, wanted)):
        if want and not has:
            values = np.concatenate([values, values.sum(axis=axis, keepdims=True)], axis=axis)
    return Grid(grid.by, grid.levels, [h or w for h, w in zip(grid.has_total, wanted)], values)


def relations(shape: Sequence[int], has_total: Sequence[bool]):
    """The additive relations as a sparse matrix R (relations x cells) with R @ cells = 0: for each
    dimension with a total and each line of cells along it, +1 on the inner cells and -1 on the total."""
    sparse = require("scipy.sparse", "tipstats.privacy")

    cells = np.arange(int(np.prod(shape))).reshape(shape)
    blocks = []
    for axis, has in enumerate(has_total):
        if not has:
            continue
        lines = np.moveaxis(cells, axis, -1).reshape(-1, shape[axis])
        n_lines, width = lines.shape
        coefficients = np.ones(width)
        coefficients[-1] = -1.0
        rows = np.repeat(np.arange(n_lines), width)
        blocks.append(sparse.csr_matrix((np.tile(coefficients, n_lines), (rows, lines.ravel())),
                                        shape=(n_lines, cells.size)))
    if not blocks:
        return sparse.csr_matrix((0, cells.size))
    return sparse.vstack(blocks, format="csr")


def check_additive(grid: Grid, known: np.ndarray, argument: str = "table") -> None:
    """Raise if a relation whose cells are all known does not add up."""
    matrix = relations(grid.shape, grid.has_total)
    x = np.where(known, grid.values.ravel(), 0.0)
    complete = np.asarray(matrix[:, ~known].getnnz(axis=1) == 0 if (~known).any() else np.ones(matrix.shape[0], bool))
    residual = matrix @ x
    bad = complete & (np.abs(residual) > 1e-9 * max(1.0, float(np.nanmax(np.abs(x), initial=0.0))))
    if bad.any():
        raise validation_error(
            f"the totals labelled {TOTAL!r} do not equal the sum of their cells ({int(bad.sum())} relations fail)",
            argument)


def to_table(grid: Grid, value: str, values: np.ndarray) -> pd.DataFrame:
    """The tidy table of a grid with the given flat values (NaN or NA where withheld)."""
    out = grid.labels()
    out[value] = values
    return out


def complete(table: pd.DataFrame, by: Columns, value: str = "count") -> pd.DataFrame:
    """The table with every combination of the `by` columns' levels, a count of 0 where it had none.

    Cell suppression and noisy counts need every combination (a missing row could be a zero or a row
    forgotten); a tabulation of records leaves out the combinations nobody has, which are zeros.
    :func:`tipstats.tabulate` with ``protect=`` and ``tipstats tabulate --protect`` complete their
    tables with this function. The levels of a column are its categories when it is categorical (the
    declared groups), else the values present, sorted. The result has the `by` columns and `value`
    only, sorted by the `by` columns; the counts keep their type.

    `table` must hold cells, not totals: a label "all" raises :class:`tipstats.ValidationError`, as
    do a repeated combination and a missing label (name the group first, e.g. ``fillna("unknown")``).
    Bad counts or an unknown column raise :class:`tipstats.DomainError`. Completing a table is
    bookkeeping before protection: the methods that follow are Kelly, Golden & Assad (1992) for
    :func:`suppress` and Ghosh, Roughgarden & Sundararajan (2009) for :func:`noisy_counts`.

    >>> counts = pd.DataFrame({"age": ["0-14", "15-17", "15-17"], "sex": ["female", "female", "male"],
    ...                        "count": [62, 27, 4]})
    >>> complete(counts, ["age", "sex"])
         age     sex  count
    0   0-14  female     62
    1   0-14    male      0
    2  15-17  female     27
    3  15-17    male      4
    """
    by = check_by(table, by, value)
    check_counts(table[value])
    check_labels(table, by)
    levels = []
    for column in by:
        series = table[column]
        if is_total(series).any():
            raise validation_error(f"column {column!r} has a total labelled {TOTAL!r}; complete a table of cells "
                                   "and let the protection add the totals", "table")
        levels.append(_sorted_levels(series))
    keys = pd.MultiIndex.from_frame(table[by])
    if not keys.is_unique:
        raise validation_error(f"row {int(np.flatnonzero(keys.duplicated())[0])} repeats a combination of {by}",
                               "table")
    full = pd.MultiIndex.from_product(levels, names=by) if len(by) > 1 else levels[0].rename(by[0])
    return table.set_index(by)[value].reindex(full, fill_value=0).reset_index()


def _sorted_levels(column: pd.Series) -> pd.Index:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.CategoricalIndex(column.cat.categories, dtype=column.dtype)
    levels = pd.Index(pd.unique(column))
    try:
        return levels.sort_values()
    except TypeError:  # labels of mixed types: keep the order they came in
        return levels
