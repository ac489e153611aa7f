"""Bayesian model averaging over decomposable graphical models, as R's dga."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from .._core import mse as _core
from .._errors import domain_error
from ._results import Result, frame_html, summary_frame
from ._table import CaptureTable

__all__ = ["BMAResult", "bma", "decomposable_graphs"]

DGA = "Madigan & York (1997); R dga"


def decomposable_graphs(lists: Union[int, Sequence[str]]) -> pd.DataFrame:
    """Every decomposable graph on ``lists`` (names, or a number of lists, 1 to 6): one row per
    graph with its ``cliques`` (``"[A,B][B,C]"``), ``separators`` and ``edges``. There are 1, 2, 8,
    61, 822 and 18,154 of them (OEIS A058862). They are generated, not stored: every graph on the
    lists is kept when maximum cardinality search finds a perfect elimination order (Tarjan &
    Yannakakis 1984).

    >>> g = decomposable_graphs(["A", "B", "C", "D"])
    >>> len(g), g["cliques"].iloc[-1]
    (61, '[A,B,C,D]')
    """
    names = [chr(ord("A") + i) for i in range(lists)] if isinstance(lists, int) else [str(x) for x in lists]
    graphs = _core.decomposable_graphs(names)

    def text(masks: Sequence[int]) -> str:
        members = sorted([i for i in range(len(names)) if m >> i & 1] for m in masks)
        return "".join("[" + ",".join(names[i] for i in m) + "]" for m in members)

    return pd.DataFrame({"cliques": [g["text"] for g in graphs],
                         "separators": [text(g["separators"]) for g in graphs],
                         "edges": [len(g["edges"]) for g in graphs]})


@dataclass(frozen=True, repr=False, eq=False)
class BMAResult(Result):
    """Result of :func:`bma`: the posterior of the population averaged over decomposable graphs.

    ``total`` holds the population sizes considered (``n_observed + n_missing``) and ``posterior``
    their posterior probabilities (summing to 1); ``graphs`` the posterior weight of every graph,
    its cliques as text (``"[LA,NG][NG,GP]"``), heaviest first; ``delta`` the prior parameter.
    """

    n_observed: int
    n_missing: np.ndarray
    total: np.ndarray
    posterior: np.ndarray
    graphs: pd.DataFrame
    delta: float
    log_prior: str
    table: CaptureTable

    _SHOWN: ClassVar[Tuple[str, ...]] = ("mean", "median", "interval", "n_observed", "delta", "log_prior",
                                         "top_graph")

    @property
    def mean(self) -> float:
        """The posterior mean of the population."""
        return float(np.dot(self.total, self.posterior))

    @property
    def median(self) -> float:
        """The posterior median of the population: ``quantile(0.5)``."""
        return self.quantile(0.5)

    @property
    def top_graph(self) -> str:
        """The cliques of the graph with the largest posterior weight."""
        return str(self.graphs["cliques"].iloc[0])

    def quantile(self, q: float) -> float:
        """The smallest population size whose posterior cumulative probability reaches ``q``
        (0 < q < 1), the quantile of a discrete distribution (Madigan & York 1997).

        >>> r = bma(ts.datasets.mse("Kosovo"), n_missing=range(0, 20001, 10))
        >>> r.quantile(0.025) < r.median < r.quantile(0.975)
        True
        """
        if not 0 < q < 1:
            raise domain_error("q", "must lie strictly between 0 and 1")
        cumulative = np.cumsum(self.posterior)
        index = int(np.searchsorted(cumulative, q * cumulative[-1], side="left"))
        return float(self.total[min(index, len(self.total) - 1)])

    def interval(self, level: float = 0.95) -> Tuple[float, float]:
        """The equal-tailed credible interval at ``level``: the quantiles at (1 - level) / 2 and
        (1 + level) / 2 (Madigan & York 1997).

        >>> lo, hi = bma(ts.datasets.mse("Kosovo"), n_missing=range(0, 20001, 10)).interval()
        >>> lo < hi
        True
        """
        if not 0 < level < 1:
            raise domain_error("level", "must lie strictly between 0 and 1")
        return self.quantile((1 - level) / 2), self.quantile((1 + level) / 2)

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """The posterior median, the equal-tailed credible interval at ``level``, the graph with the
        largest weight, the method and the reference, as a one-row table.

        >>> bma(ts.datasets.mse("Kosovo"), n_missing=range(0, 20001, 10)).summary()[["method"]]
                         method
        BMA  BMA, decomposable graphs
        """
        lower, upper = self.interval(level)
        return summary_frame([[self.median, lower, upper, level, f"average of {len(self.graphs)} graphs, top "
                               f"{self.top_graph}", "BMA, decomposable graphs", DGA]], ["BMA"])

    def _details_html(self) -> str:
        return frame_html(self.graphs.head(10), f"the 10 heaviest of {len(self.graphs)} graphs")


def bma(table: CaptureTable, n_missing: ArrayLike, delta: Optional[float] = None,
        log_prior: Optional[ArrayLike] = None, threads: int = 0) -> BMAResult:
    """Bayesian model averaging over decomposable graphical models (Madigan & York 1997), as R's
    dga ``bma.cr`` (Johndrow, Lum & Ball): the posterior of the population when every decomposable
    graph on the lists (3 to 6; dga takes 3 to 5) is equally likely a priori.

    Each graph is a log-linear model whose cell probabilities have the hyper-Dirichlet prior of
    Dawid & Lauritzen (1993) with ``delta`` per cell (default ``2^-k``, dga's suggestion); its
    marginal likelihood is the product over cliques of the Dirichlet-multinomial likelihoods of the
    clique margins divided by the same over separators. ``n_missing`` are the numbers of people on
    no list to consider (non-negative, increasing; e.g. ``range(0, 60001)``) and ``log_prior`` the
    log prior of each (default ``-log N``, as dga; any finite values or -inf). The posterior over
    ``n_missing`` and the graphs is computed exactly (terms below e^-60 of the largest are
    dropped, below double precision of the total); with whole, consecutive ``n_missing`` the
    likelihood ratios of neighbouring values are multiplied rather than exponentiated (the
    recurrence of the gamma function), which is fast and as exact.

    >>> r = bma(ts.datasets.mse("Kosovo"), n_missing=range(0, 20001))
    >>> round(r.mean, -1), r.top_graph
    (12750.0, '[EXH,ABA,OSCE][EXH,OSCE,HRW]')
    """
    missing = np.array(n_missing, dtype=float)  # a copy: the result keeps it read-only
    if missing.ndim != 1:
        raise domain_error("n_missing", f"must be one-dimensional, got {missing.ndim} dimensions")
    prior = None if log_prior is None else np.ascontiguousarray(np.asarray(log_prior, dtype=float))
    if not isinstance(threads, (int, np.integer)) or threads < 0:
        raise domain_error("threads", f"must be 0 (every core) or a positive number, got {threads!r}")
    if delta is not None and not delta > 0:
        raise domain_error("delta", "must be positive and finite")
    d = _core.bma(list(table.lists), np.ascontiguousarray(table.counts, dtype=float), missing,
                  0.0 if delta is None else float(delta), prior, int(threads))
    graphs = pd.DataFrame({"cliques": d["graphs"], "weight": d["graph_weights"]})
    graphs = graphs.sort_values("weight", ascending=False, kind="stable").reset_index(drop=True)
    posterior = np.asarray(d["posterior"], dtype=float)
    total = missing + table.n_observed
    for a in (missing, total, posterior):
        a.setflags(write=False)
    return BMAResult(n_observed=table.n_observed, n_missing=missing, total=total, posterior=posterior,
                     graphs=graphs, delta=float(d["delta"]), log_prior="-log N" if prior is None else "given",
                     table=table)
