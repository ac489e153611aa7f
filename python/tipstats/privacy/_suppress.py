"""Cell suppression of tables of counts and the linear-programming audit that checks it."""

from __future__ import annotations

import html
import numbers
from dataclasses import dataclass, field
from typing import Dict, Literal, Optional, Tuple

import numpy as np
import pandas as pd

from .._display import ValueEquality
from .._errors import domain_error, validation_error
from .._progress import Progress, ProgressArg
from . import _table
from .._optional import require
from ._table import TOTAL, Columns

PRIMARY = "primary"
SECONDARY = "secondary"
_PURPOSE = "cell suppression and its audit (linear programming with HiGHS)"

# HiGHS meets equalities to about 1e-7; a width is judged with this much slack per unit of threshold.
_WIDTH_SLACK = 1e-6
# Deviations smaller than this are rounding noise of the solver, not a cell the attacker must guess.
_ZERO_DEVIATION = 1e-7


def _check_threshold(threshold) -> float:
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real) or not np.isfinite(threshold):
        raise domain_error("threshold", f"must be a finite number, not {threshold!r}")
    if threshold < 1:
        raise domain_error("threshold", f"must be at least 1, not {threshold!r}")
    return float(threshold)


class _Attacker:
    """What someone who does the arithmetic can derive from a published table: for each withheld cell,
    the least and greatest value over all non-negative tables that agree with every published cell and
    satisfy every additive relation (a pair of linear programs solved by HiGHS).

    Withheld cells that share no relation through other withheld cells are independent, so each
    connected group is solved on its own: the programs stay small however large the table."""

    def __init__(self, matrix, x: np.ndarray, withheld: np.ndarray):
        connected_components = require("scipy.sparse.csgraph", _PURPOSE).connected_components

        self.matrix = matrix
        self.withheld = withheld
        self.withheld_cells = np.flatnonzero(withheld)
        self.published = published = np.where(withheld, 0.0, x)
        self.rhs = -(matrix @ published)  # R_withheld @ y = -R_published @ x_published
        sub = matrix[:, self.withheld_cells].tocsc()
        self.sub = sub
        self.withheld_count = sub.getnnz(axis=1)
        adjacency = (sub.T @ sub).tocsr()
        _, self.component = connected_components(adjacency, directed=False)
        self.position = {int(c): i for i, c in enumerate(self.withheld_cells)}
        self._programs: Dict[int, Tuple[np.ndarray, object, np.ndarray]] = {}
        self.ceiling = self._ceiling()

    def _program(self, component: int):
        if component not in self._programs:
            members = np.flatnonzero(self.component == component)
            block = self.sub[:, members]
            rows = np.flatnonzero(block.getnnz(axis=1) > 0)
            self._programs[component] = (members, block[rows].tocsr(), self.rhs[rows])
        return self._programs[component]

    def _fixed_by_a_relation(self, cell: int) -> Optional[float]:
        """The cell's value when some relation has it as its only withheld cell (no program needed)."""
        column = self.sub.getcol(self.position[cell])
        for row, coefficient in zip(column.indices, column.data):
            if self.withheld_count[row] == 1:
                return float(self.rhs[row] / coefficient)
        return None

    def _ceiling(self) -> np.ndarray:
        """For each cell, the least (total - published cells) over the relations it is a part of whose
        total is published: a bound no program can exceed (inf where there is none)."""
        x = self.published
        coo = self.matrix.tocoo()
        parts = coo.data > 0
        totals = np.full(self.matrix.shape[0], -1)
        totals[coo.row[~parts]] = coo.col[~parts]
        known = ~self.withheld[totals]
        room = np.where(known, x[totals] - (self.matrix.multiply(self.matrix > 0) @ x), np.inf)
        ceiling = np.full(x.size, np.inf)
        np.minimum.at(ceiling, coo.col[parts], room[coo.row[parts]])
        return ceiling

    def interval(self, cell: int, seen: Optional["_Seen"] = None) -> Tuple[float, float]:
        """The least and greatest value of a withheld cell. With `seen`, the optimal tables are recorded
        and a bound that a recorded table already attains (0 below, `_ceiling` above) needs no program."""
        exact = self._fixed_by_a_relation(cell)
        if exact is not None:
            return exact, exact
        members, a_eq, b_eq = self._program(int(self.component[self.position[cell]]))
        if a_eq.shape[0] == 0:
            return 0.0, np.inf
        if seen is not None and seen.low[cell] <= _ZERO_DEVIATION:
            low = 0.0
        else:
            low = self._optimum(cell, members, a_eq, b_eq, 1.0, seen)
        if seen is not None and seen.high[cell] >= self.ceiling[cell] - _ZERO_DEVIATION:
            high = float(self.ceiling[cell])
        else:
            high = self._optimum(cell, members, a_eq, b_eq, -1.0, seen)
        return max(0.0, low), high

    def _optimum(self, cell, members, a_eq, b_eq, sign: float, seen: Optional["_Seen"]) -> float:
        linprog = require("scipy.optimize", _PURPOSE).linprog

        objective = np.zeros(len(members))
        objective[np.searchsorted(members, self.position[cell])] = sign
        result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        if result.status == 3:  # unbounded: only the maximum can be
            if seen is not None:
                seen.high[cell] = np.inf
            return np.inf
        if result.status == 2:
            raise validation_error("the published cells and totals contradict each other", "published")
        if result.status != 0:
            raise RuntimeError(f"HiGHS failed on the audit program: {result.message}")
        if seen is not None:
            seen.add(self.withheld_cells[members], result.x)
        return sign * result.fun


class _Seen:
    """The range of each cell over tables known to agree with the publication (the true one, and the
    optimal tables of the programs solved so far). Withholding more cells keeps them all feasible, so a
    cell whose range is `threshold` wide is protected without solving its own programs."""

    def __init__(self, x: np.ndarray):
        known = ~np.isnan(x)
        self.low = np.where(known, x, np.inf)
        self.high = np.where(known, x, -np.inf)

    def add(self, cells: np.ndarray, values: np.ndarray) -> None:
        self.low[cells] = np.minimum(self.low[cells], values)
        self.high[cells] = np.maximum(self.high[cells], values)

    def protects(self, cell: int, threshold: float) -> bool:
        return bool(_protected(np.array(self.high[cell] - self.low[cell]), threshold))


@dataclass(frozen=True, eq=False)
class Audit(ValueEquality):
    """The attacker's view of a published table, the result of :func:`audit`.

    `intervals` has the `by` columns of every withheld cell, its `suppressed` mark when the table
    carries one, and the `lower` and `upper` bounds (and their `width`) that linear programming
    derives from the published cells, the totals and non-negativity. `passed` is True when every
    sensitive cell has a width of at least `threshold`: sensitive are the withheld cells not marked
    "secondary" in a `suppressed` column (all withheld cells if the table has no such column)."""

    intervals: pd.DataFrame = field(repr=False)
    threshold: float
    passed: bool

    @property
    def failures(self) -> pd.DataFrame:
        """The rows of `intervals` that are sensitive and not protected."""
        return self.intervals[self.intervals["sensitive"] & ~self.intervals["protected"]]

    def __repr__(self) -> str:
        sensitive = int(self.intervals["sensitive"].sum())
        return (f"Audit(passed={self.passed}, threshold={self.threshold:g}, withheld={len(self.intervals)}, "
                f"sensitive={sensitive}, failures={len(self.failures)})")

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(repr(self))}</b></p>" + self.intervals.to_html(index=False)

    def to_pandas(self) -> pd.DataFrame:
        """A copy of `intervals`: one row per withheld cell with its bounds.

        >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
        ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
        >>> audit(suppress(table, ["age", "sex"]), ["age", "sex"]).to_pandas()
             age     sex suppressed  lower  upper  width  sensitive  protected
        0   0-14  female  secondary   46.0   70.0   24.0      False       True
        1   0-14    male    primary    0.0   24.0   24.0       True       True
        2  15-17  female  secondary    7.0   31.0   24.0      False       True
        3  15-17    male    primary    0.0   24.0   24.0       True       True
        4    18+  female  secondary  138.0  162.0   24.0      False       True
        5    18+    male  secondary    0.0   24.0   24.0      False       True
        """
        return self.intervals.copy()


def _protected(width: np.ndarray, threshold: float) -> np.ndarray:
    return width >= threshold * (1.0 - _WIDTH_SLACK) - _WIDTH_SLACK


def audit(published: pd.DataFrame, by: Columns, value: str = "count", threshold: float = 10, *,
          progress: ProgressArg = False) -> Audit:
    """Attack a published table by linear programming and report what it reveals.

    For every withheld cell (`value` missing: ``<NA>`` or NaN), solves min and max of the cell subject
    to: each cell labelled "all" in a dimension equals the sum of the cells it totals (every relation
    of the table, for every dimension), every published cell fixed at its value, every withheld cell
    >= 0. The programs are
    solved with scipy's HiGHS (`scipy.optimize.linprog(method="highs")`) on a sparse constraint matrix,
    one group of linked withheld cells at a time; a bound that a table found by an earlier program
    already reaches (0 below, a published total minus its published cells above) needs no program.

    These are the bounds of the linear relaxation: an attacker who also uses that counts are whole
    numbers can, in tables of three or more dimensions, sometimes narrow them further (see
    docs/privacy.md). A cell is `protected` when `upper - lower >= threshold` (up to a relative
    slack of 1e-6 for the solver's rounding). The formulation is the audit of Fischetti &
    Salazar-Gonzalez (2000, JASA 95:916-928); see also Hundepool et al. (2012), Statistical
    Disclosure Control, Wiley, ch. 4.

    `published` is a table such as :func:`suppress` returns: totals labelled "all" included, missing
    where withheld. Totals that do not add up, or published cells that contradict each other, raise
    :class:`tipstats.ValidationError`; a bad `threshold` or `by` a :class:`tipstats.DomainError`.
    `progress` (False, True for a bar or counter on standard error, or a callable
    ``progress(done, total)``) reports the withheld cells attacked so far.

    Victims rescued in 2019-H1 by age (70 under 15, 31 aged 15 to 17) and an illustrative split by
    sex, suppressed and then attacked:

    >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
    ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    >>> audit(suppress(table, ["age", "sex"], threshold=10), ["age", "sex"], threshold=10)
    Audit(passed=True, threshold=10, withheld=6, sensitive=2, failures=0)
    """
    threshold = _check_threshold(threshold)
    by = _table.check_by(published, by, value, argument="published")
    grid = _table.read_grid(published, by, value, allow_missing=True)
    x = grid.values.ravel()
    withheld = np.isnan(x)
    _table.check_additive(grid, ~withheld, argument="published")
    matrix = _table.relations(grid.shape, grid.has_total)
    attacker = _Attacker(matrix, np.nan_to_num(x), withheld)
    seen = _Seen(x)
    bounds = np.empty((len(attacker.withheld_cells), 2))
    with Progress(progress, len(bounds), "auditing", "withheld cells") as report:
        for i, cell in enumerate(attacker.withheld_cells):
            bounds[i] = attacker.interval(int(cell), seen)
            report(i + 1)

    intervals = grid.labels().iloc[attacker.withheld_cells].reset_index(drop=True)
    marks = None
    if "suppressed" in published.columns:
        marks = np.empty(x.size, dtype=object)
        marks[grid.rows] = published["suppressed"].fillna("").to_numpy(dtype=object)
        intervals["suppressed"] = marks[attacker.withheld_cells]
    intervals["lower"] = bounds[:, 0]
    intervals["upper"] = bounds[:, 1]
    intervals["width"] = bounds[:, 1] - bounds[:, 0]
    # a withheld cell not marked secondary is treated as sensitive: the audit errs on the safe side
    sensitive = (intervals["suppressed"] != SECONDARY).to_numpy() if marks is not None else np.ones(len(intervals), bool)
    intervals["sensitive"] = sensitive
    intervals["protected"] = _protected(intervals["width"].to_numpy(), threshold)
    passed = bool(np.all(intervals["protected"].to_numpy()[sensitive]))
    return Audit(intervals=intervals, threshold=threshold, passed=passed)


def _cheapest_deviation(matrix, x: np.ndarray, cost: np.ndarray, cell: int, rise: float) -> np.ndarray:
    """The least costly change d to the table that keeps it additive and non-negative and raises `cell`
    by `rise`: min sum cost_i |d_i| s.t. R d = 0, x + d >= 0, d_cell = rise. Cells that d changes are
    the ones to withhold so that the table x + d is as consistent with the publication as x is."""
    sparse = require("scipy.sparse", _PURPOSE)
    linprog = require("scipy.optimize", _PURPOSE).linprog

    n = x.size
    a_eq = sparse.hstack([matrix, -matrix], format="csr")  # d = up - down
    upper_up = np.full(n, np.inf)
    upper_down = x.copy()
    lower_up = np.zeros(n)
    lower_up[cell] = upper_up[cell] = rise
    upper_down[cell] = 0.0
    bounds = np.column_stack([np.concatenate([lower_up, np.zeros(n)]), np.concatenate([upper_up, upper_down])])
    result = linprog(np.concatenate([cost, cost]), A_eq=a_eq, b_eq=np.zeros(matrix.shape[0]), bounds=bounds,
                     method="highs")
    if result.status != 0:
        raise RuntimeError(f"HiGHS failed on the suppression program: {result.message}")
    return result.x[:n] - result.x[n:]


_COSTS = ("value", "cells")


def _secondary(matrix, x: np.ndarray, primary: np.ndarray, threshold: float, cost: str,
               is_total: np.ndarray, report) -> np.ndarray:
    """Withhold further cells until every primary cell's attacker interval is `threshold` wide.

    For each primary cell whose interval [lo, hi] is too narrow, solve `_cheapest_deviation` for a
    rise of threshold - (x_p - lo) and withhold every cell it changes. Then the table x + d agrees
    with the publication, so hi >= x_p + rise = lo + threshold: the cell is protected, and withholding
    more cells later only widens intervals. Already withheld cells cost nothing to reuse.
    `report(n)` is told the number of primary cells verified protected so far."""
    weight = (x + 1.0) if cost == "value" else np.ones_like(x)
    weight = weight * np.where(is_total, 2.0, 1.0)  # a total counts as a loss twice: it is what readers use first
    withheld = primary.copy()
    seen = _Seen(x)
    pending = [int(c) for c in np.flatnonzero(primary)]
    verified = 0
    while pending:
        attacker = _Attacker(matrix, x, withheld)
        worked, added = [], False
        for cell in pending:
            if seen.protects(cell, threshold):
                verified += 1
                report(verified)
                continue
            lo, hi = attacker.interval(cell, seen)
            if _protected(np.array(hi - lo), threshold):
                verified += 1
                report(verified)
                continue
            worked.append(cell)
            rise = threshold - (x[cell] - lo)
            deviation = _cheapest_deviation(matrix, x, np.where(withheld, 0.0, weight), cell, rise)
            changed = (np.abs(deviation) > _ZERO_DEVIATION) & ~withheld
            if changed.any():
                withheld |= changed
                added = True
                attacker = _Attacker(matrix, x, withheld)
            moved = np.flatnonzero(withheld)
            seen.add(moved, x[moved] + deviation[moved])
        if worked and not added:
            raise RuntimeError("cell suppression made no progress; please report this table")
        pending = worked  # checked again in the next pass: protected by construction, verified anyway
    return withheld & ~primary


def suppress(table: pd.DataFrame, by: Columns, value: str = "count", threshold: float = 10, margins: bool = True,
             cost: Literal["value", "cells"] = "value", *, progress: ProgressArg = False) -> pd.DataFrame:
    """Withhold the cells of a table of counts that could identify people, and enough others that none
    can be recovered by arithmetic.

    `table` is a tidy DataFrame with one row per combination of the `by` columns (every combination,
    zeros included) and whole, non-negative counts in `value`, such as `tipstats.tabulate` returns.
    With `margins=True` the totals of every dimension are added (label "all", grand total included);
    with `margins=False` rows labelled "all" already in the table are its totals and must add up.

    Primary suppression: every cell, totals included, with 0 < count < threshold. Zeros are published
    (a zero is no person; but see docs/privacy.md on structural zeros).

    Secondary suppression: for each primary cell whose interval under `audit` is narrower than
    `threshold`, the cheapest change to the table that keeps every relation and non-negativity and
    moves that cell by the missing width is found by linear programming (HiGHS), and every cell it
    touches is withheld. This is the linear-programming heuristic for cell suppression of Kelly,
    Golden & Assad (1992, Networks 22:397-417) generalised, as in Fischetti & Salazar-Gonzalez
    (2000, JASA 95:916-928), to any table with linear relations; `cost` is "value" (each withheld cell
    costs its count + 1, the default of tau-argus; totals cost double) or "cells" (each cell costs 1).
    The result passes `audit` by construction; `suppress` verifies each primary cell on tables that
    agree with the publication (solutions of the audit's programs, or of the deviation programs).

    Returns the table (totals included) with whole counts in `value` (pandas' nullable ``Int64``,
    ``<NA>`` where withheld) and a `suppressed` column: "primary", "secondary" or "". Columns other
    than `by` and `value` are not carried over; :func:`publication_table` lays the result out for a
    report.
    A bad `threshold`, `cost` or `by` raises :class:`tipstats.DomainError`; totals that do not add up
    (with `margins=False`) a :class:`tipstats.ValidationError`. `progress` (False, True for a bar
    or counter on standard error, or a callable ``progress(done, total)``) reports the primary cells
    verified protected so far.

    Victims rescued in 2019-H1 by age (70 under 15, 31 aged 15 to 17, as in the seed article) and
    an illustrative split by sex; the 8 and 4 boys are primary cells, and four more cells are
    withheld so that the totals do not give them away:

    >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
    ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    >>> suppress(table, ["age", "sex"], threshold=10)
          age     sex  count suppressed
    0    0-14  female   <NA>  secondary
    1    0-14    male   <NA>    primary
    2    0-14     all     70
    3   15-17  female   <NA>  secondary
    4   15-17    male   <NA>    primary
    5   15-17     all     31
    6     18+  female   <NA>  secondary
    7     18+    male   <NA>  secondary
    8     18+     all    162
    9     all  female    239
    10    all    male     24
    11    all     all    263
    """
    threshold = _check_threshold(threshold)
    if cost not in _COSTS:
        raise domain_error("cost", f"must be one of {_COSTS}, not {cost!r}")
    by = _table.check_by(table, by, value)
    grid = _table.read_grid(table, by, value)
    if margins:
        if any(grid.has_total):
            raise validation_error(f"the table already has totals labelled {TOTAL!r}; pass margins=False", "table")
        grid = _table.add_margins(grid)
    else:
        _table.check_additive(grid, np.ones(grid.values.size, dtype=bool))
    x = grid.values.ravel()
    primary = (x > 0) & (x < threshold)
    matrix = _table.relations(grid.shape, grid.has_total)
    with Progress(progress, int(primary.sum()), "protecting", "primary cells") as report:
        secondary = _secondary(matrix, x, primary, threshold, cost, grid.total_mask(), report)
    # counts stay whole numbers: pandas' nullable integers, <NA> where withheld
    out = _table.to_table(grid, value, pd.array(np.where(primary | secondary, np.nan, x), dtype="Int64"))
    out["suppressed"] = np.select([primary, secondary], [PRIMARY, SECONDARY], "")
    out.attrs["tipstats.privacy"] = {"method": "suppress", "threshold": threshold, "cost": cost}
    return out
