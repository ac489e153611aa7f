"""Capture tables: how many people were found on each combination of lists."""

from __future__ import annotations

import itertools
from typing import Any, Hashable, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from .._core import DomainError
from .._core import mse as _core
from .._display import check_state_version, html_table, STATE_VERSION
from .._errors import domain_error, not_found_error

__all__ = ["CaptureTable"]


def _bits(mask: int, k: int) -> Tuple[int, ...]:
    return tuple((mask >> i) & 1 for i in range(k))


def _display_order(masks: Iterable[int], k: int) -> List[int]:
    """Patterns by number of lists, then as published tables list them (first list first)."""
    return sorted(masks, key=lambda m: (bin(m).count("1"), tuple(-b for b in _bits(m, k))))


def _pattern_mask(pattern: Any, lists: Sequence[str], row: int) -> int:
    """A pattern as a bit mask: "LA&NG" (list names joined by &) or a row of k zeros and ones."""
    if isinstance(pattern, str):
        mask = 0
        for name in pattern.split("&"):
            name = name.strip()
            if name not in lists:
                raise domain_error("patterns", f"names the list '{name}', which is not one of {list(lists)}", row)
            mask |= 1 << lists.index(name)
        return mask
    values = list(pattern) if isinstance(pattern, Iterable) else [pattern]
    if len(values) != len(lists):
        raise domain_error("patterns", f"has {len(values)} values but there are {len(lists)} lists", row)
    mask = 0
    for i, v in enumerate(values):
        if v not in (0, 1):
            raise domain_error("patterns", f"value for list '{lists[i]}' must be 0 or 1", row)
        mask |= int(v) << i
    return mask


def _zero_one_column(values: Any, column: Hashable) -> NDArray[np.uint32]:
    """A list column as 0/1, or a DomainError naming the column and the first bad row."""
    a = np.asarray(values)
    if a.dtype == bool:
        return a.astype(np.uint32)
    if a.dtype.kind in "iuf":
        bad = ~np.isin(a, (0, 1))
        if a.dtype.kind == "f":
            bad |= np.isnan(a)
        if bad.any():
            raise domain_error(str(column), "must be 0 or 1 (1: on this list)", int(np.argmax(bad)))
        return a.astype(np.uint32)
    for row, v in enumerate(a):
        if not (isinstance(v, (bool, np.bool_, int, np.integer)) and v in (0, 1)):
            raise domain_error(str(column), "must be 0 or 1 (1: on this list)", row)
    return a.astype(np.uint32)


class CaptureTable:
    """How many people were found on each combination of lists: the data of multiple systems
    estimation (capture-recapture with several lists).

    ``lists`` names the lists (2 to 16); ``patterns`` gives one pattern per row, either as a row of
    zeros and ones (one per list) or as list names joined by ``&`` (``"LA&NG"``); ``counts`` gives
    the number of people with each pattern. Patterns not given count 0; a pattern given twice is
    added up. ``source`` cites where the table comes from. A pattern on no list, a value other than
    0 or 1, a negative, fractional or missing count, or fewer than two lists raise
    :class:`tipstats.DomainError` naming the argument and row.

    >>> t = CaptureTable(["A", "B", "C"], [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0)], [40, 30, 20, 6])
    >>> t.n_observed, t.count("A&B")
    (96, 6)
    """

    __slots__ = ("_lists", "_counts", "_source")

    def __init__(self, lists: Sequence[str], patterns: Iterable[Any], counts: ArrayLike, *,
                 source: Optional[str] = None) -> None:
        names = [str(name) for name in lists]
        rows = list(patterns)
        masks = np.array([_pattern_mask(p, names, i) for i, p in enumerate(rows)], dtype=np.uint32)
        self._init(names, _core.table_from_rows(names, masks, np.asarray(counts, dtype=float)), source)

    def _init(self, lists: Sequence[str], cells: NDArray[Any], source: Optional[str]) -> None:
        counts = np.asarray(cells, dtype=np.int64).copy()
        counts.setflags(write=False)
        self._lists = tuple(lists)
        self._counts = counts
        self._source = source

    @classmethod
    def _from_cells(cls, lists: Sequence[str], cells: ArrayLike, source: Optional[str] = None) -> CaptureTable:
        table = cls.__new__(cls)
        names = [str(name) for name in lists]
        values = np.ascontiguousarray(cells, dtype=float)
        _core.check_table(names, values)
        table._init(names, values, source)
        return table

    @classmethod
    def from_frame(cls, data: pd.DataFrame, count: str = "count", *, lists: Optional[Sequence[str]] = None,
                   source: Optional[str] = None) -> CaptureTable:
        """A table from a DataFrame with one 0/1 column per list and a column of counts, as
        published tables (and R's SparseMSE, Rcapture with ``dfreq=TRUE``) give them.

        ``lists`` picks the list columns (default: every column but ``count``). A value other than
        0 or 1 raises :class:`tipstats.DomainError` whose ``argument`` is the column and ``index``
        the row; so does a bad count (``argument`` is the count column).

        >>> df = pd.DataFrame({"A": [1, 0, 0, 1], "B": [0, 1, 0, 1], "C": [0, 0, 1, 0], "count": [40, 30, 20, 6]})
        >>> CaptureTable.from_frame(df).n_observed
        96
        """
        if count not in data.columns:
            raise not_found_error("count column", str(count))
        names = [c for c in data.columns if c != count] if lists is None else list(lists)
        for name in names:
            if name not in data.columns:
                raise not_found_error("list column", str(name))
        masks = np.zeros(len(data), dtype=np.uint32)
        for i, name in enumerate(names):
            masks |= _zero_one_column(data[name].to_numpy(), name) << np.uint32(i)
        try:
            cells = _core.table_from_rows([str(n) for n in names], masks, data[count].to_numpy(dtype=float))
        except DomainError as error:
            if error.argument != "counts":
                raise
            message = str(error).split(": ", 1)[-1]
            raise domain_error(str(count), message, error.index) from None
        table = cls.__new__(cls)
        table._init([str(n) for n in names], cells, source)
        return table

    @classmethod
    def from_records(cls, data: pd.DataFrame, lists: Sequence[str], *, source: Optional[str] = None) -> CaptureTable:
        """A table from case records: one row per person, one column per list, true (or 1) when the
        person is on that list. The records are counted with :func:`tipstats.tabulate`.

        A person on no list, or a value other than true/false/0/1 (missing values included), raises
        :class:`tipstats.DomainError` whose ``argument`` names the column and ``index`` the row.

        >>> people = pd.DataFrame({"police": [True, True, False, True], "ngo": [False, True, True, True]})
        >>> CaptureTable.from_records(people, ["police", "ngo"]).count("police&ngo")
        2
        """
        from ..tabulate import tabulate  # noqa: PLC0415 - tipstats.tabulate imports this package's parent

        names = list(lists)
        if len(names) < 2:
            raise domain_error("lists", f"multiple systems estimation needs at least 2 lists, got {len(names)}")
        for name in names:
            if name not in data.columns:
                raise not_found_error("list column", str(name))
        columns = {name: _zero_one_column(data[name].to_numpy(), name) for name in names}
        on_none = np.logical_and.reduce([columns[name] == 0 for name in names])
        if on_none.any():
            raise domain_error(str(names[0]), f"row {int(np.argmax(on_none))} is on none of the lists {names}",
                               int(np.argmax(on_none)))
        counted = tabulate({name: columns[name].astype(np.uint8) for name in names}, by=names)
        return cls.from_frame(counted, count="count", lists=names, source=source)

    @property
    def lists(self) -> Tuple[str, ...]:
        """The names of the lists, in the order of the pattern bits (list i is bit i)."""
        return self._lists

    @property
    def counts(self) -> NDArray[np.int64]:
        """The count of every pattern, indexed by bit mask (bit i set: on list i); ``counts[0]``, the
        people on no list, is 0. Read-only."""
        return self._counts

    @property
    def n_observed(self) -> int:
        """The number of people found on at least one list."""
        return int(self._counts.sum())

    @property
    def source(self) -> Optional[str]:
        """Where the table comes from (a citation), if known."""
        return self._source

    def _mask(self, lists: Any) -> int:
        names = [n.strip() for n in lists.split("&")] if isinstance(lists, str) else [str(n) for n in lists]
        mask = 0
        for name in names:
            if name not in self._lists:
                raise not_found_error("list", name)
            mask |= 1 << self._lists.index(name)
        return mask

    def count(self, pattern: Any) -> int:
        """The number of people found on exactly the lists of ``pattern`` (``"LA&NG"`` or a list of
        names) and on no other.

        >>> ts.datasets.mse("UKdat").count("PF&GO")
        69
        """
        return int(self._counts[self._mask(pattern)])

    def on_all(self, lists: Any) -> int:
        """The number of people found on every one of ``lists`` (``"LA&NG"`` or a list of names),
        whatever other lists they are on: the overlap of those lists.

        >>> ts.datasets.mse("UKdat").on_all("PF&GO")
        75
        """
        mask = self._mask(lists)
        index = np.arange(len(self._counts))
        return int(self._counts[(index & mask) == mask].sum())

    def overlaps(self) -> pd.DataFrame:
        """The overlap of every pair and every triple of lists: how many people were found on all of
        them (whatever other lists they are on). Columns ``lists`` (``"LA & NG"``), ``size`` (2 or 3)
        and ``count``. Pairs that never overlap are what makes sparse tables hard (Chan, Silverman &
        Vincent 2021).

        >>> ts.datasets.mse("Artificial_3").overlaps()
              lists  size  count
        0     A & B     2      6
        1     A & C     2      0
        2     B & C     2      0
        3 A & B & C     3      0
        """
        rows = []
        for size in (2, 3):
            for combo in itertools.combinations(range(len(self._lists)), size):
                names = [self._lists[i] for i in combo]
                rows.append((" & ".join(names), size, self.on_all(names)))
        return pd.DataFrame(rows, columns=["lists", "size", "count"])

    def to_pandas(self, zeros: bool = False) -> pd.DataFrame:
        """The table as published: one 0/1 column per list and ``count``, one row per pattern with
        anyone on it (every pattern with ``zeros=True``), by number of lists.

        >>> ts.datasets.mse("Artificial_3").to_pandas()
           A  B  C  count
        0  1  0  0     40
        1  0  1  0     30
        2  0  0  1     20
        3  1  1  0      6
        """
        k = len(self._lists)
        masks = [m for m in range(1, len(self._counts)) if zeros or self._counts[m] > 0]
        masks = _display_order(masks, k)
        frame = pd.DataFrame([_bits(m, k) for m in masks], columns=list(self._lists), dtype=np.int64)
        frame["count"] = np.array([self._counts[m] for m in masks], dtype=np.int64)
        return frame

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaptureTable):
            return NotImplemented
        return (self._lists == other._lists and np.array_equal(self._counts, other._counts)
                and self._source == other._source)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        observed = int(np.count_nonzero(self._counts))
        return (f"CaptureTable(lists={self._lists!r}, n_observed={self.n_observed}, "
                f"patterns_observed={observed})")

    def _repr_html_(self) -> str:
        frame = self.to_pandas()
        caption = f"CaptureTable: {len(self._lists)} lists, {self.n_observed} people observed"
        if self._source:
            caption += f". Source: {self._source}"
        return html_table(list(frame.columns), frame.itertuples(index=False), caption)

    def __reduce__(self) -> Tuple[Any, ...]:
        return _table_from_state, (STATE_VERSION, list(self._lists), self._counts.tolist(), self._source)


def _table_from_state(version: int, lists: List[str], counts: List[int], source: Optional[str]) -> CaptureTable:
    check_state_version("tipstats.mse.CaptureTable", version)
    return CaptureTable._from_cells(lists, counts, source)
