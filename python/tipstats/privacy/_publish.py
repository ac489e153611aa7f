"""The wide table of a protected tabulation that goes into a report: withheld cells marked, margins as
published, a footnote saying how the table was protected."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

from .._display import VersionedState
from .._errors import domain_error, validation_error
from . import _table
from ._noise import noise_statement
from .._optional import require
from ._table import TOTAL, Columns

#: Above this share of inner cells withheld, a publication table suggests noise or coarser categories.
SPARSE_SHARE = 1 / 3


def _withheld_inner(table: pd.DataFrame, by: List[str], value: str) -> Tuple[int, int]:
    """(withheld, all) inner cells: those labelled "all" in no dimension."""
    inner = ~np.logical_or.reduce([_table.is_total(table[column]) for column in by])
    return int(table.loc[inner, value].isna().sum()), int(inner.sum())


def sparse_advice(table: pd.DataFrame, by: Columns, value: str = "count") -> Optional[str]:
    """What to tell the publisher when more than a third of the inner cells of a protected table are withheld.

    None when at most a third are. Inner cells are those labelled "all" in no dimension; withheld
    ones hold a missing `value`. A table withheld this much says little: noise (:func:`noisy_counts`,
    ``--protect noise``) publishes every cell, and coarser categories (:func:`generalize_age`,
    :func:`generalize_year`, merged groups) make cells larger, so fewer fall below the threshold
    (Hundepool et al. 2012, Statistical Disclosure Control, Wiley, ch. 4, on choosing between
    suppression, recoding and perturbation). :func:`publication_table` and ``tipstats tabulate
    --protect suppress`` report it.

    >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
    ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    >>> sparse_advice(suppress(table, ["age", "sex"]), ["age", "sex"])
    '6 of 6 inner cells (100 %) are withheld, so the table says little. Consider privacy.noisy_counts ...'
    """
    by = _table.check_by(table, by, value)
    withheld, inner = _withheld_inner(table, by, value)
    if inner == 0 or withheld <= SPARSE_SHARE * inner:
        return None
    return (f"{withheld} of {inner} inner cells ({100 * withheld / inner:.0f} %) are withheld, so the table says little. "
            "Consider privacy.noisy_counts (--protect noise: every cell published, with noise) or coarser "
            "categories (privacy.generalize_age, privacy.generalize_year, or merging small groups) before tabulating.")


def _footnote(protection: Dict[str, Any], mark: str) -> str:
    """What a reader of the table needs to know about its protection, from `attrs["tipstats.privacy"]`."""
    method = protection.get("method")
    if method == "suppress":
        threshold = float(protection["threshold"])
        small = (f"Counts from 1 to {threshold - 1:g}" if threshold == int(threshold) and threshold >= 2
                 else f"Counts above 0 and below {threshold:g}")
        return (f"{mark}: withheld to protect the people counted. {small} are withheld, and other cells too, so "
                f"that none of them can be narrowed down from the rest of the table to a range shorter than "
                f"{threshold:g} (cell suppression).")
    if method == "noise":
        return noise_statement(float(protection["epsilon"]), str(protection["mechanism"]),
                               float(protection["sensitivity"]))
    raise validation_error(f"unknown protection {method!r}", "protected")


@dataclass(frozen=True, repr=False, eq=False)
class PublicationTable(VersionedState):
    """A protected table of counts laid out for a report, the result of :func:`publication_table`.

    `counts` is the wide table: the `rows` dimensions down, the `cols` dimensions across, totals
    labelled `total_label` (as published: withheld where the protection withheld them), ``<NA>``
    where a cell is withheld. `mark` replaces those in the views and files; `footnote` says how the
    table was protected, for its readers. `advice` is for the publisher: set when more than a third
    of the inner cells are withheld (`withheld_inner` of `inner_cells`), naming the alternatives."""

    counts: pd.DataFrame = field(repr=False)
    rows: Tuple[str, ...]
    cols: Tuple[str, ...]
    mark: str
    footnote: str
    advice: Optional[str]
    withheld_inner: int
    inner_cells: int

    def to_pandas(self) -> pd.DataFrame:
        """The table as it is printed: counts, and `mark` where a cell is withheld (object columns).

        >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
        ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
        >>> publication_table(suppress(table, ["age", "sex"]), rows="age", cols="sex").to_pandas()
        sex   female male Total
        age
        0-14       x    x    70
        15-17      x    x    31
        18+        x    x   162
        Total    239   24   263
        """
        shown = self.counts.astype(object)
        return shown.where(self.counts.notna(), self.mark)

    def to_csv(self, path: Union[str, os.PathLike[str], None] = None) -> Optional[str]:
        """Write the table as CSV with the footnote as a last line starting with "#" (the text if no path).

        The first columns hold the `rows` levels and the header rows the `cols` levels (one row per
        dimension when there are several), as :meth:`pandas.DataFrame.to_csv` writes them;
        ``pandas.read_csv(path, index_col=..., header=..., comment="#")`` reads the table back
        without the footnote.

        >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
        ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
        >>> print(publication_table(suppress(table, ["age", "sex"]), rows="age", cols="sex").to_csv(), end="")
        age,female,male,Total
        0-14,x,x,70
        15-17,x,x,31
        18+,x,x,162
        Total,239,24,263
        # x: withheld to protect the people counted. Counts from 1 to 9 are withheld, ...
        """
        text = self.to_pandas().to_csv(lineterminator="\n") + f"# {self.footnote}\n"
        if path is None:
            return text
        with open(path, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        return None

    def to_excel(self, path: Union[str, os.PathLike[str]], sheet_name: str = "Table") -> None:
        """Write the table to an .xlsx workbook: counts as numbers, `mark` where withheld, the footnote
        below the table. Needs openpyxl (``pip install tipstats[excel]``).

        >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
        ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
        >>> published = publication_table(suppress(table, ["age", "sex"]), rows="age", cols="sex")
        >>> published.to_excel(tmp / "victims.xlsx")
        >>> pd.read_excel(tmp / "victims.xlsx", header=None, engine="openpyxl").iloc[-1, 0]
        'x: withheld to protect the people counted. Counts from 1 to 9 are withheld, and other cells too, so that none of them can be narrowed down from the rest of the table to a range shorter than 10 (cell suppression).'
        """
        require("openpyxl", "PublicationTable.to_excel")
        frame = self.to_pandas()
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name=sheet_name)
            sheet = writer.sheets[sheet_name]
            sheet.cell(row=sheet.max_row + 2, column=1, value=self.footnote)

    def __str__(self) -> str:
        return f"{self.to_pandas().to_string()}\n{self.footnote}"

    def __repr__(self) -> str:
        return (f"PublicationTable(rows={list(self.rows)}, cols={list(self.cols)}, withheld_inner={self.withheld_inner}, "
                f"inner_cells={self.inner_cells}, sparse={self.advice is not None})")

    def _repr_html_(self) -> str:
        advice = f"<p><b>For the publisher:</b> {html.escape(self.advice)}</p>" if self.advice else ""
        return (advice + self.to_pandas().to_html() + f"<p><small>{html.escape(self.footnote)}</small></p>")


def publication_table(protected: pd.DataFrame, rows: Columns, cols: Optional[Columns] = None, *,
                      value: str = "count", mark: str = "x", total_label: str = "Total",
                      footnote: Optional[str] = None) -> PublicationTable:
    """A protected table of counts laid out for a report: `rows` down, `cols` across, withheld cells marked.

    `protected` is what :func:`suppress`, :func:`protect` or ``tipstats.tabulate(..., protect=...)``
    return (or the ``table`` of :func:`noisy_counts`): a tidy table with totals labelled "all" and
    ``attrs["tipstats.privacy"]`` recording the protection. Its label columns (all but `value` and
    ``suppressed``) must be split between `rows` and `cols`. Nothing is recomputed: the margins are
    the totals as published, withheld where the protection withheld them, so the layout publishes
    exactly what `protected` does and :func:`audit` holds for it. The footnote states the method and
    its threshold or privacy budget (cell suppression after Kelly, Golden & Assad 1992; noise after
    Ghosh, Roughgarden & Sundararajan 2009); pass `footnote` to word it yourself, which a table
    without ``attrs["tipstats.privacy"]`` (e.g. one read back from a file) needs.

    When more than a third of the inner cells are withheld the result's `advice` says so and names
    the alternatives: :func:`noisy_counts`, or coarser categories (:func:`generalize_age`,
    :func:`generalize_year`). A bad column raises :class:`tipstats.DomainError`; a table that is
    not complete or carries no record of its protection a :class:`tipstats.ValidationError`.

    Victims rescued in 2019-H1 by age (70 under 15, 31 aged 15 to 17, as in the seed article) and
    an illustrative split by sex:

    >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
    ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    >>> published = publication_table(suppress(table, ["age", "sex"]), rows="age", cols="sex")
    >>> print(published)
    sex   female male Total
    age
    0-14       x    x    70
    15-17      x    x    31
    18+        x    x   162
    Total    239   24   263
    x: withheld to protect the people counted. Counts from 1 to 9 are withheld, and other cells too, ...
    >>> published.advice
    '6 of 6 inner cells (100 %) are withheld, so the table says little. Consider privacy.noisy_counts ...'
    """
    if not isinstance(protected, pd.DataFrame):
        raise TypeError(f"protected must be a pandas DataFrame, not {type(protected).__name__}")
    row_names = _table.check_columns(protected, rows, "rows", "protected")
    col_names = [] if cols is None else _table.check_columns(protected, cols, "cols", "protected")
    for i, column in enumerate(col_names):
        if column in row_names:
            raise domain_error("cols", f"column {column!r} is also in rows", i)
    by = _table.check_by(protected, row_names + col_names, value, argument="protected")
    labels = [c for c in protected.columns if c not in (value, "suppressed")]
    left_out = [c for c in labels if c not in by]
    if left_out:
        raise domain_error("cols", f"columns {left_out} are neither in rows nor in cols")
    if not isinstance(mark, str) or not mark:
        raise domain_error("mark", f"must be a non-empty string, not {mark!r}")
    if footnote is None:
        protection = protected.attrs.get("tipstats.privacy")
        if not protection:
            raise validation_error("the table carries no record of its protection (attrs['tipstats.privacy']): "
                                   "protect it with privacy.protect, suppress or noisy_counts, or pass footnote=",
                                   "protected")
        footnote = _footnote(protection, mark)

    grid = _table.read_grid(protected, by, value, allow_missing=True, whole=False)
    axes = [[total_label if isinstance(v, str) and v == TOTAL else v for v in levels + [TOTAL] * has]
            for levels, has in zip(grid.levels, grid.has_total)]
    n_rows = int(np.prod([len(a) for a in axes[:len(row_names)]]))
    counts = pd.DataFrame(grid.values.reshape(n_rows, -1), index=_axis(axes[:len(row_names)], row_names),
                          columns=_axis(axes[len(row_names):], col_names) if col_names else pd.Index([value]))
    if pd.api.types.is_integer_dtype(protected[value]):  # whole counts stay whole (noise may give real ones)
        counts = counts.astype("Int64")
    withheld, inner = _withheld_inner(protected, by, value)
    return PublicationTable(counts=counts, rows=tuple(row_names), cols=tuple(col_names), mark=mark, footnote=footnote,
                            advice=sparse_advice(protected, by, value), withheld_inner=withheld, inner_cells=inner)


def _axis(axes: List[list], names: List[str]) -> pd.Index:
    if len(axes) == 1:
        return pd.Index(axes[0], name=names[0], dtype=object)
    return pd.MultiIndex.from_product(axes, names=names)
