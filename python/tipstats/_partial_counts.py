"""Counts of a table's rows by some columns, in pieces that add up.

``tipstats.dask.tabulate`` counts each partition into a :class:`PartialCounts` and adds them up by a
tree reduction. The partitions need not code their values alike (Parquet files written one by one
have categories of their own; an integer column spans another range in every file): each piece
keeps its own *levels* per column, and adding up maps them into the levels of every piece.

A piece is *dense* (an array with a cell for every combination of levels, missing included) when
that is no larger than a list of its groups, which is the rule for few categories (years, age bands,
sexes, exploitation types, countries): adding up is then adding arrays, with no sort and no copy of
the groups. Otherwise it is *sparse* (the groups' codes and counts), added up by the counting
kernel with the counts as weights.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Hashable, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core
from ._errors import validation_error
from .tabulate import decoded, factorized

if TYPE_CHECKING:
    import pandas as pd

    Level = Union[pd.CategoricalDtype, pd.Index]
    # A column's codes, its level and its missing code (see ``coded``).
    Coded = Tuple[np.ndarray, Level, Optional[int]]

# A space of combinations this small is always counted densely.
_SMALL_SPACE = 1 << 16
# The most cells a partition is counted into (8 bytes each while counting).
_LARGEST_DENSE = 1 << 31
# How many cells of a dense count are turned into groups at a time.
_CELLS_AT_A_TIME = 1 << 20
# An integer column whose values span fewer than this many is coded as its values less the smallest:
# no sort, a cell for every value in the span. A wider one is factorized.
_INTEGER_SPAN = 1 << 16


def _code_dtype(size: int) -> np.dtype:
    """The narrowest signed integer type that holds the codes 0..size (size: the missing slot), as
    pandas chooses it for ``size`` categories, so that a categorical takes the codes without a copy."""
    return np.dtype(next(t for t in (np.int8, np.int16, np.int32, np.int64) if size < np.iinfo(t).max))


def _count_dtype(total: int) -> np.dtype:
    return np.dtype(np.uint32 if total <= np.iinfo(np.uint32).max else np.int64)


def _size(level: Level) -> int:
    """How many values a level has; the code ``_size(level)`` is the missing value's."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    return len(level.categories) if isinstance(level, pd.CategoricalDtype) else len(level)


def coded(column: Union[pd.Series, np.ndarray]) -> Coded:
    """A column's codes from 0 (a categorical's own, no copy), its level and its missing code (None:
    no value is missing)."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return np.ascontiguousarray(column.array.codes), dtype, -1
    if isinstance(dtype, np.dtype) and dtype.kind in "iu" and len(column):
        values = np.asarray(column)
        low, high = values.min(), values.max()
        span = int(high) - int(low)
        if span < _INTEGER_SPAN:
            # subtracted as unsigned numbers of the same width, which wrap where signed ones would overflow,
            # into the narrow codes at once (no temporary of the values' width)
            unsigned = np.dtype(f"u{dtype.itemsize}")
            codes = np.subtract(values.view(unsigned), np.asarray(low).view(unsigned),
                                out=np.empty(len(values), _code_dtype(span + 1)), casting="unsafe")
            return codes, pd.Index(low + np.arange(span + 1, dtype=dtype)), None
    codes, level = factorized(column)
    return codes, level, -1


def _dense_pays(space: int, groups: int, columns: int, total: int) -> bool:
    """A cell for every combination costs no more than the groups as codes (a 4-byte code per
    column, an 8-byte count), which is what the sparse way of adding up holds."""
    return space <= _SMALL_SPACE or space * _count_dtype(total).itemsize <= groups * (4 * columns + 8)


class PartialCounts:
    """The counts of some rows by the columns ``names``: ``levels`` (per column the categorical
    dtype, or the distinct values sorted as ``tipstats.tabulate`` sorts them), and either ``dense``
    (counts with one axis per column, the last cell of each axis its missing value) or ``codes`` and
    ``counts`` (the groups present, each column's code ``len(level)`` its missing value). Counts are
    of records, so a combination with a count of 0 is no group."""

    __slots__ = ("codes", "counts", "dense", "groups", "levels", "names", "total")

    def __init__(self, names: Sequence[Hashable], levels: Sequence[Level], total: int, *,
                 dense: Optional[np.ndarray] = None, codes: Optional[Sequence[np.ndarray]] = None,
                 counts: Optional[np.ndarray] = None) -> None:
        self.names = tuple(names)
        self.levels = tuple(levels)
        self.total = total
        self.dense = dense
        self.codes = None if codes is None else tuple(codes)
        self.counts = counts
        self.groups = int(np.count_nonzero(dense)) if dense is not None else len(counts)

    @classmethod
    def of_frame(cls, frame: pd.DataFrame, names: Sequence[Hashable], threads: int = 1) -> PartialCounts:
        """The counts of a DataFrame's rows by its ``names`` columns, as ``tipstats.tabulate`` counts
        them (which checks the names; here they are taken as good), on ``threads`` threads."""
        return cls.of_coded(names, [coded(frame[name]) for name in names], len(frame), threads)

    @classmethod
    def of_coded(cls, names: Sequence[Hashable], columns: Sequence[Coded], rows: int, threads: int = 1) -> PartialCounts:
        """The counts of ``rows`` rows by columns given as :func:`coded` gives them. When a cell for
        every combination of the columns' values is no more than twice the rows, the rows are counted
        straight into such cells; else into groups."""
        levels = [level for _, level, _ in columns]
        shape = tuple(_size(level) + 1 for level in levels)
        kernel_columns = [(str(name), codes, missing) for name, (codes, _, missing) in zip(names, columns)]
        if math.prod(shape) <= min(max(_SMALL_SPACE, 2 * rows), _LARGEST_DENSE):
            dense = _core.tabulate_dense(kernel_columns, shape, threads)
            return cls(names, levels, rows, dense=dense.astype(_count_dtype(rows)))
        group_codes, counts = _core.tabulate_codes(kernel_columns, threads, None)
        codes = []
        for code, size in zip(group_codes, shape):
            code = code.astype(_code_dtype(size - 1))
            code[code < 0] = size - 1
            codes.append(code)
        return cls._packed(names, levels, codes, counts)

    @classmethod
    def _packed(cls, names: Sequence[Hashable], levels: Sequence[Level], codes: Sequence[np.ndarray],
                counts: np.ndarray) -> PartialCounts:
        """Groups (each combination once), densely when that pays."""
        total = int(counts.sum())
        shape = tuple(_size(level) + 1 for level in levels)
        if not _dense_pays(math.prod(shape), len(counts), len(levels), total):
            return cls(names, levels, total, codes=codes, counts=counts)
        dense = np.zeros(shape, _count_dtype(total))
        dense.reshape(-1)[_flat(codes, shape)] = counts
        return cls(names, levels, total, dense=dense)

    def sparse(self, share: int = 0, shares: int = 1) -> Tuple[List[np.ndarray], np.ndarray, int]:
        """The groups present, sorted by their codes: each column's codes (narrow), the int64 counts,
        and the number of groups before them. ``share`` of ``shares``: only that share of the
        groups (of the combinations, when dense), in order."""
        if self.dense is None:
            first, last = (self.groups * share // shares, self.groups * (share + 1) // shares)
            return [code[first:last] for code in self.codes], self.counts[first:last], first
        cells = self.dense.reshape(-1)
        first, last = (cells.size * share // shares, cells.size * (share + 1) // shares)
        groups = int(np.count_nonzero(cells[first:last]))
        codes = [np.empty(groups, _code_dtype(size - 1)) for size in self.dense.shape]
        counts = np.empty(groups, np.int64)
        # 32-bit positions divide faster than 64-bit ones
        position = np.int32 if cells.size <= np.iinfo(np.int32).max else np.int64
        done = 0
        for start in range(first, last, _CELLS_AT_A_TIME):  # a block of cells at a time: small temporaries
            flat = np.flatnonzero(cells[start:min(start + _CELLS_AT_A_TIME, last)]).astype(position)
            flat += start
            end = done + len(flat)
            counts[done:end] = cells[flat]
            for code, size in zip(reversed(codes), reversed(self.dense.shape)):
                rest = flat // size
                code[done:end] = flat - rest * size
                flat = rest
            done = end
        return codes, counts, int(np.count_nonzero(cells[:first]))

    def to_table(self, share: int = 0, shares: int = 1) -> pd.DataFrame:
        """The table ``tipstats.tabulate`` gives: the columns with their types, int64 ``count``,
        one row per combination present, sorted. ``share`` of ``shares``: that share of its rows,
        with their row numbers in the whole table, so that the shares concatenate into it."""
        import pandas as pd  # noqa: PLC0415 - pandas loads on first use

        codes, counts, before = self.sparse(share, shares)
        columns = {}
        for name, level, code in zip(self.names, self.levels, codes):
            if self.dense is None:
                code = code.copy()  # its own, not the counts' codes, before the change below
            code[code == _size(level)] = -1
            columns[name] = (pd.Categorical.from_codes(code, dtype=level) if isinstance(level, pd.CategoricalDtype)
                             else decoded(level, code))
        columns["count"] = counts
        return pd.DataFrame(columns, index=pd.RangeIndex(before, before + len(counts)), copy=False)


def add_up(parts: Sequence[PartialCounts]) -> PartialCounts:
    """The counts of all the parts' rows together (the parts count by the same columns)."""
    if len(parts) == 1:
        return parts[0]
    names = parts[0].names
    levels, maps = zip(*(_united([part.levels[j] for part in parts], name) for j, name in enumerate(names)))
    total = sum(part.total for part in parts)
    shape = tuple(_size(level) + 1 for level in levels)
    space = math.prod(shape)
    if _dense_pays(space, min(space, sum(part.groups for part in parts)), len(names), total):
        dense = np.zeros(shape, _count_dtype(total))
        for i, part in enumerate(parts):
            place = [column_maps[i] for column_maps in maps]
            if part.dense is None:  # each group once, so no cell is added to twice
                codes = [code if m is None else m[code] for m, code in zip(place, part.codes)]
                dense.reshape(-1)[_flat(codes, shape)] += part.counts.astype(dense.dtype)
            elif part.dense.shape == shape and all(m is None for m in place):
                dense += part.dense
            else:
                dense[np.ix_(*(np.arange(size) if m is None else m for m, size in zip(place, part.dense.shape)))] \
                    += part.dense
        return PartialCounts(names, levels, total, dense=dense)
    codes: List[List[np.ndarray]] = [[] for _ in names]
    weights = []
    for i, part in enumerate(parts):
        part_codes, counts, _ = part.sparse()
        for j, code in enumerate(part_codes):
            codes[j].append(code if maps[j][i] is None else maps[j][i][code])
        weights.append(counts)
    united = [(str(name), np.concatenate(column).astype(_code_dtype(size - 1)), None)
              for name, column, size in zip(names, codes, shape)]
    group_codes, counts = _core.tabulate_codes(united, 1, np.concatenate(weights))
    return PartialCounts(names, levels, total,
                         codes=[code.astype(_code_dtype(size - 1)) for code, size in zip(group_codes, shape)],
                         counts=counts)


def _flat(codes: Sequence[np.ndarray], shape: Tuple[int, ...]) -> np.ndarray:
    """The position of each group in a C-ordered array of ``shape``."""
    flat = np.zeros(len(codes[0]), np.int64)
    for code, size in zip(codes, shape):
        flat *= size
        flat += code
    return flat


def _united(levels: Sequence[Level], name: Hashable) -> Tuple[Level, List[Optional[np.ndarray]]]:
    """One column's levels in every part united, and for each part where its codes go (None: the
    same place); the missing value's code goes to the united missing value's."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    first = levels[0]
    categorical = [isinstance(level, pd.CategoricalDtype) for level in levels]
    if all(categorical) and all(level.categories.equals(first.categories) and level.ordered == first.ordered
                                and level.categories.dtype == first.categories.dtype for level in levels):
        return first, [None] * len(levels)
    if not any(categorical) and all(level.equals(first) and level.dtype == first.dtype for level in levels):
        return first, [None] * len(levels)
    if all(categorical):
        # as pandas (and Dask's compute) unite categoricals: every category, in the parts' order (a part
        # without categories, as an empty file gives, whatever the type of its none, adds none)
        some = [level for level in levels if len(level.categories)] or [first]
        try:
            united: Level = pd.api.types.union_categoricals([pd.Categorical([], dtype=level) for level in some]).dtype
        except TypeError as error:
            raise validation_error(f"has categories that differ between partitions and cannot be united: {error}",
                                   str(name)) from None
        places = [united.categories.get_indexer(level.categories) for level in levels]
    else:
        values = [pd.Index(level.categories) if is_categorical else level
                  for level, is_categorical in zip(levels, categorical)]
        joined, united = factorized(values[0].append(values[1:]))
        places = np.split(joined, np.cumsum([len(v) for v in values])[:-1])
    missing = _size(united)
    return united, [np.append(place, missing).astype(_code_dtype(missing)) for place in places]
