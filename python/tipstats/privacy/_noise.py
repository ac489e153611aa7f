"""Differentially private counts: the geometric and Laplace mechanisms, then consistent post-processing."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from typing import Literal, Optional

import numpy as np
import pandas as pd

from .._display import ValueEquality
from .._errors import domain_error
from . import _table
from ._table import Columns, Grid

MECHANISMS = ("geometric", "laplace")


@dataclass(frozen=True, eq=False)
class NoisyCounts(ValueEquality):
    """A table of counts released under epsilon-differential privacy, with the terms of the release.

    The result of :func:`noisy_counts`. `table` holds the noisy counts (totals recomputed from the
    noisy cells); `epsilon`, `mechanism`, `sensitivity` and `seed` state how they were made."""

    table: pd.DataFrame = field(repr=False)
    epsilon: float
    mechanism: str
    sensitivity: float
    seed: Optional[int]

    @property
    def statement(self) -> str:
        """A sentence for the publication saying how the counts were protected."""
        return noise_statement(self.epsilon, self.mechanism, self.sensitivity)

    def to_pandas(self) -> pd.DataFrame:
        """A copy of `table`, the noisy counts.

        >>> table = pd.DataFrame({"age": ["0-14", "15-17"], "count": [70, 31]})
        >>> noisy_counts(table, epsilon=1.0, seed=1).to_pandas().columns.tolist()
        ['age', 'count']
        """
        return self.table.copy()

    def __repr__(self) -> str:
        return (f"NoisyCounts(epsilon={self.epsilon:g}, mechanism={self.mechanism!r}, sensitivity={self.sensitivity:g}, "
                f"seed={self.seed!r}, cells={len(self.table)})")

    def _repr_html_(self) -> str:
        import html

        return f"<p><b>{html.escape(repr(self))}</b><br>{html.escape(self.statement)}</p>" + self.table.to_html(index=False)


def noise_statement(epsilon: float, mechanism: str, sensitivity: float) -> str:
    """A sentence for the publication saying how noisy counts were made."""
    scale = (f"two-sided geometric noise, alpha = exp(-{epsilon:g}/{sensitivity:g})"
             if mechanism == "geometric" else f"Laplace noise, scale {sensitivity / epsilon:g}")
    return (f"Counts released under {epsilon:g}-differential privacy ({scale}; each person changes the "
            f"cells by at most {sensitivity:g} in total). Negative counts were raised to 0 and totals "
            "recomputed from the cells: post-processing, which costs no privacy.")


def _positive(name: str, x, integral: bool = False) -> float:
    ok = not isinstance(x, bool) and isinstance(x, numbers.Real) and np.isfinite(x) and x > 0
    if not ok or (integral and x != int(x)):
        kind = "a positive whole number" if integral else "a positive finite number"
        raise domain_error(name, f"must be {kind}, not {x!r}")
    return float(x)


def noisy_counts(table: pd.DataFrame, epsilon: float, mechanism: Literal["geometric", "laplace"] = "geometric",
                 seed: Optional[int] = None, *, by: Optional[Columns] = None, value: str = "count",
                 sensitivity: float = 1, margins: bool = False) -> NoisyCounts:
    """Release a table of counts under epsilon-differential privacy.

    Noise is added to the inner cells only (rows with no "all" label): when each person is counted in
    one inner cell, adding or removing a person changes them by 1 in total (L1 `sensitivity` 1; raise it
    when a person can be counted in several cells). By parallel composition the whole table then costs
    `epsilon`.

    - "geometric" (default): the two-sided geometric mechanism of Ghosh, Roughgarden & Sundararajan
      (2009, STOC; SIAM J. Comput. 41:1673-1693, 2012), P(noise = z) = (1 - a)/(1 + a) a^|z| with
      a = exp(-epsilon / sensitivity); whole numbers in, whole numbers out. Sampled as the difference of
      two independent geometric variables.
    - "laplace": the Laplace mechanism of Dwork, McSherry, Nissim & Smith (2006, TCC), scale
      sensitivity / epsilon; real-valued counts.

    Post-processing, which costs no privacy (Dwork & Roth 2014, Prop. 2.1): negative cells are raised to
    0, then every total (rows labelled "all", plus all margins when `margins=True`) is recomputed as the
    sum of its noisy cells, so the table adds up and no total is negative. `seed` makes the draw
    reproducible (`numpy.random.default_rng(seed)`); leave it None for a release.

    `by` names the label columns (default: every column but `value` and "suppressed"). A bad
    `epsilon`, `mechanism`, `sensitivity` or `seed` raises :class:`tipstats.DomainError`; totals
    that do not add up a :class:`tipstats.ValidationError`.

    Victims rescued in 2019-H1 by age, released with epsilon = 1 (the counts drawn depend on the
    seed, so none are shown here):

    >>> table = pd.DataFrame({"age": ["0-14", "15-17", "18+"], "count": [70, 31, 162]})
    >>> release = noisy_counts(table, epsilon=1.0, seed=1)
    >>> release
    NoisyCounts(epsilon=1, mechanism='geometric', sensitivity=1, seed=1, cells=3)
    >>> print(release.statement)
    Counts released under 1-differential privacy (two-sided geometric noise, alpha = exp(-1/1); ...
    """
    epsilon = _positive("epsilon", epsilon)
    if mechanism not in MECHANISMS:
        raise domain_error("mechanism", f"must be one of {MECHANISMS}, not {mechanism!r}")
    sensitivity = _positive("sensitivity", sensitivity, integral=mechanism == "geometric")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0):
        raise domain_error("seed", f"must be None or a non-negative whole number, not {seed!r}")
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, not {type(table).__name__}")
    if by is None:
        by = [c for c in table.columns if c not in (value, "suppressed")]
    by = _table.check_by(table, by, value)
    grid = _table.read_grid(table, by, value)
    _table.check_additive(grid, np.ones(grid.values.size, dtype=bool))
    inner = grid.values[tuple(slice(0, len(levels)) for levels in grid.levels)]

    rng = np.random.default_rng(seed)
    if mechanism == "geometric":
        alpha = np.exp(-epsilon / sensitivity)
        noise = (rng.geometric(1.0 - alpha, inner.shape) - rng.geometric(1.0 - alpha, inner.shape)).astype(float)
    else:
        noise = rng.laplace(0.0, sensitivity / epsilon, inner.shape)
    noisy = np.maximum(inner + noise, 0.0)

    inner_grid = Grid(grid.by, grid.levels, [False] * len(by), noisy)
    released = _table.add_margins(inner_grid, None if margins else grid.has_total)
    values = released.values.ravel()
    out = _table.to_table(released, value, values.astype(np.int64) if mechanism == "geometric" else values)
    out.attrs["tipstats.privacy"] = {"method": "noise", "epsilon": epsilon, "mechanism": mechanism,
                                     "sensitivity": sensitivity}
    return NoisyCounts(table=out, epsilon=epsilon, mechanism=mechanism, sensitivity=sensitivity,
                       seed=None if seed is None else int(seed))

