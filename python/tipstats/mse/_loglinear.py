"""Log-linear models of multiple systems estimation, as R's SparseMSE fits and chooses them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Type, TypeVar, Union

import numpy as np
import pandas as pd

from .._core import mse as _core
from .._errors import domain_error
from ._results import Result, summary_frame
from ._table import CaptureTable

__all__ = ["BootstrapResult", "LogLinearResult", "ModelCheck", "StepwiseResult", "bootstrap", "check", "loglinear", "stepwise"]

#: A two-list term: ``("LA", "NG")`` or ``"LA:NG"``.
Interaction = Union[str, Tuple[str, str], Sequence[str]]

SPARSEMSE = "Chan, Silverman & Vincent (2021); R SparseMSE"


def pair_indices(table: CaptureTable, interactions: Iterable[Interaction]) -> List[Tuple[int, int]]:
    """Two-list terms as pairs of list indices; a bad one raises DomainError naming its position."""
    out = []
    for i, term in enumerate(interactions):
        names = [n.strip() for n in term.split(":")] if isinstance(term, str) else [str(n) for n in term]
        if len(names) != 2:
            raise domain_error("interactions", f"a two-list term names two lists ('LA:NG' or ('LA', 'NG')), got {term!r}",
                               i)
        for name in names:
            if name not in table.lists:
                raise domain_error("interactions", f"names the list '{name}', which is not one of {list(table.lists)}", i)
        out.append((table.lists.index(names[0]), table.lists.index(names[1])))
    return out


def pair_name(table: CaptureTable, pair: Sequence[int]) -> str:
    a, b = sorted(pair)
    return f"{table.lists[a]}:{table.lists[b]}"


def _cell_name(table: CaptureTable, mask: int) -> str:
    return "&".join(name for i, name in enumerate(table.lists) if mask >> i & 1) or "(none)"


def _cells(table: CaptureTable) -> np.ndarray:
    return np.ascontiguousarray(table.counts, dtype=float)


@dataclass(frozen=True, repr=False, eq=False)
class ModelCheck(Result):
    """Result of :func:`check`: whether the maximum likelihood estimate of a log-linear model exists
    and is identifiable on a table.

    ``exists``: a strictly positive table has the same margins as the data (the linear program of
    Fienberg & Rinaldo 2012 has a positive optimum, ``lp_objective``, per person observed);
    ``identifiable``: the design has full column rank (``rank_deficiency`` 0). ``ok`` when both
    hold. ``empty_overlaps`` are the pairs of the model nobody is on together (handled by deleting
    their cells); when the estimate does not exist ``zero_cells`` are the patterns that are empty in
    every table with the same margins; when it is not identifiable ``confounded`` are the terms
    that cannot be told apart. ``message`` says so in words (empty when ``ok``).
    """

    exists: bool
    identifiable: bool
    interactions: Tuple[str, ...]
    empty_overlaps: Tuple[str, ...]
    zero_cells: Tuple[str, ...]
    confounded: Tuple[str, ...]
    rank_deficiency: int
    lp_objective: float
    message: str

    _SHOWN: ClassVar[Tuple[str, ...]] = ("ok", "exists", "identifiable", "interactions", "empty_overlaps",
                                         "zero_cells", "confounded")

    @property
    def ok(self) -> bool:
        """True when the estimate exists and is identifiable: the model can be fitted."""
        return self.exists and self.identifiable

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """The check as a one-row table: ``ok``, ``exists``, ``identifiable`` and the message.

        >>> check(ts.datasets.mse("Artificial_3"), ["A:B"]).summary()[["ok", "exists", "identifiable"]]
                     ok  exists  identifiable
        A:B       False   False          True
        """
        label = ", ".join(self.interactions) or "main effects"
        return pd.DataFrame([[self.ok, self.exists, self.identifiable, self.message]],
                            columns=["ok", "exists", "identifiable", "message"], index=[label])


def check(table: CaptureTable, interactions: Iterable[Interaction] = ()) -> ModelCheck:
    """Does the maximum likelihood estimate of main effects plus ``interactions`` exist, and is it
    identifiable? SparseMSE's ``checkident`` (Chan, Silverman & Vincent 2021, sec. 2).

    Existence is the linear program of Fienberg & Rinaldo (2012): the estimate exists when some
    table with strictly positive counts has the same sufficient statistics (list totals and the
    overlaps of the model's pairs) as the data; ``max s`` such that every cell is at least ``s``
    must be positive. It is solved by a two-phase simplex method with Bland's rule (exact
    termination; compared with HiGHS in the tests). Identifiability is the full column rank of the
    design. Pairs of the model that nobody is on together are handled first as SparseMSE does:
    their cells are deleted and their terms dropped.

    ``interactions`` are two-list terms, ``"LA:NG"`` or ``("LA", "NG")``.

    >>> t = ts.datasets.mse("Artificial_3")
    >>> check(t, ["A:B"]).exists, check(t, ["A:C", "B:C"]).ok, check(t, ["A:B", "A:C", "B:C"]).identifiable
    (False, True, False)
    """
    pairs = pair_indices(table, interactions)
    d = _core.check(list(table.lists), _cells(table), pairs)
    return ModelCheck(exists=d["exists"], identifiable=d["identifiable"],
                      interactions=tuple(pair_name(table, p) for p in pairs),
                      empty_overlaps=tuple(pair_name(table, p) for p in d["empty_overlaps"]),
                      zero_cells=tuple(_cell_name(table, c) for c in d["zero_cells"]),
                      confounded=tuple(d["confounded"]), rank_deficiency=d["rank_deficiency"],
                      lp_objective=d["lp_objective"], message=d["message"])


@dataclass(frozen=True, repr=False, eq=False)
class LogLinearResult(Result):
    """Result of :func:`loglinear`: a Poisson log-linear model of a capture table.

    ``total`` is the estimated population, ``n_observed`` the people found plus ``dark_figure``,
    ``exp(intercept)``, the people found on no list. ``coefficients`` and ``standard_errors`` are
    Series named ``"(Intercept)"``, ``"LA"``, ``"LA:NG"``; ``covariance`` their covariance
    (inverse Fisher information). ``interactions`` are the two-list terms of the model (pairs
    nobody is on together included), ``empty_overlaps`` those pairs (cells deleted, term dropped)
    and ``empty_overlap_p`` the chance, under the model without each, that it would be empty
    (SparseMSE's ``poisspempty``; NaN when that model has no estimate). ``fitted`` is the expected
    count of every pattern (``"(none)"``: the dark figure; deleted cells 0). ``deviance``,
    ``df_residual`` and ``aic`` (2 added per empty overlap, as SparseMSE) describe the fit;
    ``iterations`` counts the Newton steps. ``table`` is the data.
    """

    total: float
    dark_figure: float
    n_observed: int
    interactions: Tuple[str, ...]
    coefficients: pd.Series
    standard_errors: pd.Series
    covariance: pd.DataFrame
    fitted: pd.Series
    deviance: float
    df_residual: int
    aic: float
    empty_overlaps: Tuple[str, ...]
    empty_overlap_p: Tuple[float, ...]
    iterations: int
    table: CaptureTable

    _SHOWN: ClassVar[Tuple[str, ...]] = ("total", "interval", "dark_figure", "n_observed", "interactions",
                                         "deviance", "df_residual", "aic", "empty_overlaps")
    _METHOD: ClassVar[str] = "fixed"

    def interval(self, level: float = 0.95) -> Tuple[float, float]:
        """The interval of the total that SparseMSE reports: ``n_observed + exp(b0 -+ z se(b0))``,
        normal on the log of the dark figure, z the normal quantile of (1 + level) / 2 (Chan,
        Silverman & Vincent 2021).

        >>> lo, hi = loglinear(ts.datasets.mse("Artificial_3")).interval(0.9)
        >>> round(lo), round(hi)
        (307, 1028)
        """
        b0 = float(self.coefficients.iloc[0])
        se = float(self.standard_errors.iloc[0])
        lower, upper = _core.total_interval(float(self.n_observed), b0, se, level)
        return float(lower), float(upper)

    @property
    def model(self) -> str:
        """The model in words: ``"main effects + LA:NG, NG:GP"``."""
        return "main effects" + (" + " + ", ".join(self.interactions) if self.interactions else "")

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """The total, its interval at ``level``, the model, the method and the reference, as a
        one-row table.

        >>> loglinear(ts.datasets.mse("Artificial_3")).summary()[["estimate", "lower", "upper"]].round(1)
                    estimate  lower   upper
        log-linear     539.1  278.6  1170.9
        """
        lower, upper = self.interval(level)
        return summary_frame([[self.total, lower, upper, level, self.model, self._METHOD, SPARSEMSE]],
                             ["log-linear"])


_Fit = TypeVar("_Fit", bound="LogLinearResult")


def _loglinear_result(cls: Type[_Fit], table: CaptureTable, d: Dict[str, Any], **extra: Any) -> _Fit:
    terms = list(d["terms"])
    names = [_cell_name(table, m) for m in range(len(d["fitted"]))]
    return cls(total=d["total"], dark_figure=d["dark_figure"], n_observed=table.n_observed,
               interactions=tuple(pair_name(table, p) for p in d["interactions"]),
               coefficients=pd.Series(d["coefficients"], index=terms, name="coefficient"),
               standard_errors=pd.Series(d["standard_errors"], index=terms, name="standard error"),
               covariance=pd.DataFrame(d["covariance"], index=terms, columns=terms),
               fitted=pd.Series(d["fitted"], index=names, name="fitted"),
               deviance=d["deviance"], df_residual=d["df_residual"], aic=d["aic"],
               empty_overlaps=tuple(pair_name(table, p) for p in d["empty_overlaps"]),
               empty_overlap_p=tuple(float(p) for p in d["empty_overlap_p"]), iterations=d["iterations"],
               table=table, **extra)


def loglinear(table: CaptureTable, interactions: Iterable[Interaction] = ()) -> LogLinearResult:
    """The Poisson log-linear model of multiple systems estimation: main effects of every list plus
    the two-list terms ``interactions`` (``"LA:NG"`` or ``("LA", "NG")``), fitted by maximum
    likelihood to all 2^k - 1 observable cells, zero cells included; the dark figure is
    ``exp(intercept)``. SparseMSE's ``modelfit`` (Chan, Silverman & Vincent 2021; Bales, Hesketh &
    Silverman 2015), fitted by Newton-Raphson (IRLS, McCullagh & Nelder 1989).

    A pair of lists in the model that nobody is on together has the value minus infinity: as in
    SparseMSE its cells are deleted, its term dropped and 2 added to the AIC. The model is first
    checked (:func:`check`); if its estimate does not exist or is not identifiable,
    :class:`tipstats.DomainError` (argument ``interactions``) names the cells, lists and pairs
    responsible.

    >>> r = loglinear(ts.datasets.mse("UKdat_5"), ["LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO"])
    >>> round(r.total), [round(x) for x in r.interval()]
    (11313, [9884, 13027])
    """
    pairs = pair_indices(table, interactions)
    return _loglinear_result(LogLinearResult, table, _core.loglinear(list(table.lists), _cells(table), pairs))


@dataclass(frozen=True, repr=False, eq=False)
class StepwiseResult(LogLinearResult):
    """Result of :func:`stepwise`: a :class:`LogLinearResult` whose ``interactions`` are in the
    order chosen, with ``p_values`` the p-value of each term when it was added and ``threshold``
    the threshold used."""

    p_values: Tuple[float, ...]
    threshold: float

    _SHOWN: ClassVar[Tuple[str, ...]] = LogLinearResult._SHOWN + ("p_values", "threshold")
    _METHOD: ClassVar[str] = "stepwise"

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """The total, its interval at ``level`` (conditional on the model chosen), the model, the
        method and the reference, as a one-row table.

        >>> stepwise(ts.datasets.mse("UKdat_5")).summary()[["estimate", "method"]].round(0)
                    estimate    method
        log-linear   11313.0  stepwise
        """
        return super().summary(level)


def stepwise(table: CaptureTable, threshold: float = 0.02) -> StepwiseResult:
    """The stepwise model choice of Chan, Silverman & Vincent (2021), as SparseMSE's
    ``estimatepopulation.0(method="stepwise")``.

    From main effects, add the two-list term with the smallest p-value while it is below
    ``threshold`` and the model passes :func:`check`. The p-value of a pair is
    ``min(P(X <= n*), P(X >= n*))``, n* the people on both lists and X Poisson with the current
    model's expected overlap; ties go to the first pair. ``threshold=0`` gives main effects;
    ``threshold=1`` the model with every pair when it passes :func:`check` (as SparseMSE).

    On the UK 2013 data (five lists) this is the published estimate of about 11,300 victims with
    an interval of about 10,000 to 13,000 (Home Office 2014; Silverman 2020):

    >>> r = stepwise(ts.datasets.mse("UKdat_5"))
    >>> r.interactions
    ('LA:NG', 'NG:GP', 'PFNCA:GP', 'LA:PFNCA', 'GO:GP', 'NG:GO')
    >>> round(r.total), [round(x) for x in r.interval()]
    (11313, [9884, 13027])
    """
    d = _core.stepwise(list(table.lists), _cells(table), float(threshold))
    steps = d["steps"]
    # the fit's interactions come in the order added; keep them so
    d["interactions"] = [(a, b) for a, b, _ in steps] if steps else d["interactions"]
    return _loglinear_result(StepwiseResult, table, d, p_values=tuple(float(p) for _, _, p in steps),
                             threshold=float(threshold))



#: SparseMSE's default BCa quantiles (estimatepopulation's alpha).
SPARSEMSE_QUANTILES = (0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975)


@dataclass(frozen=True, repr=False, eq=False)
class BootstrapResult(Result):
    """Result of :func:`bootstrap`.

    ``total`` is the estimate from the data and ``interactions`` its model (for ``"stepwise"``, in
    the order chosen); ``replicates`` the total of every bootstrap table, ``n`` of them, drawn
    with ``seed``; ``acceleration`` the BCa acceleration a from the jackknife and
    ``bias_correction`` z0 (infinite when every replicate lies on one side of the estimate);
    ``jackknife`` the total with one person left out of each observed pattern; ``dropped_lists``
    the replicates in which a list had nobody (fitted without it). ``method`` and ``threshold`` as
    given; ``table`` the data.
    """

    total: float
    method: str
    interactions: Tuple[str, ...]
    threshold: float
    n: int
    seed: int
    replicates: np.ndarray
    acceleration: float
    bias_correction: float
    jackknife: pd.Series
    dropped_lists: int
    table: CaptureTable

    _SHOWN: ClassVar[Tuple[str, ...]] = ("total", "interval", "method", "interactions", "n", "seed",
                                         "acceleration", "bias_correction")

    def quantiles(self, probabilities: Sequence[float] = SPARSEMSE_QUANTILES) -> pd.Series:
        """BCa quantiles of the total at ``probabilities`` (SparseMSE's defaults: 0.025, 0.05, 0.1,
        0.16, 0.84, 0.9, 0.95, 0.975), as SparseMSE's ``bcaconfvalues`` (DiCiccio & Efron 1996):
        the replicates' type-8 quantile (Hyndman & Fan 1996) at ``Phi(z0 + (z0 + za) / (1 - a (z0 +
        za)))``, ``za = Phi^-1(p)``. Raises :class:`tipstats.DomainError` when every replicate lies
        on one side of the estimate.

        >>> r = bootstrap(ts.datasets.mse("Artificial_3"), method="fixed", n=200, seed=1)
        >>> r.quantiles([0.5]).round(-1).tolist()
        [530.0]
        """
        probs = np.asarray(list(probabilities), dtype=float)
        values = _core.bca_quantiles(self.replicates, self.total, self.acceleration, probs)
        return pd.Series(values, index=probs, name="total")

    def interval(self, level: float = 0.95) -> Tuple[float, float]:
        """The BCa interval of the total at ``level``: the quantiles at (1 - level) / 2 and
        (1 + level) / 2 (DiCiccio & Efron 1996; Chan, Silverman & Vincent 2021).

        >>> r = bootstrap(ts.datasets.mse("Artificial_3"), method="fixed", n=200, seed=1)
        >>> [round(x, -1) for x in r.interval(0.8)]
        [340.0, 800.0]
        """
        if not 0 < level < 1:
            raise domain_error("level", "must lie strictly between 0 and 1")
        lower, upper = self.quantiles([(1 - level) / 2, (1 + level) / 2])
        return float(lower), float(upper)

    @property
    def model(self) -> str:
        """The model of the data in words: ``"main effects + LA:NG, NG:GP"``."""
        return "main effects" + (" + " + ", ".join(self.interactions) if self.interactions else "")

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """The total, its BCa interval at ``level``, the model, the method and the reference, as a
        one-row table.

        >>> r = bootstrap(ts.datasets.mse("Artificial_3"), method="fixed", n=200, seed=1)
        >>> r.summary()[["estimate", "method"]].round(1)
                              estimate         method
        log-linear, BCa          539.1  bootstrap fixed
        """
        lower, upper = self.interval(level)
        return summary_frame([[self.total, lower, upper, level, self.model, f"bootstrap {self.method}",
                               SPARSEMSE + "; DiCiccio & Efron (1996)"]], ["log-linear, BCa"])


def bootstrap(table: CaptureTable, method: Literal["stepwise", "fixed"] = "stepwise", n: int = 1000,
              seed: Optional[int] = None, *, interactions: Iterable[Interaction] = (), threshold: float = 0.02,
              threads: int = 0) -> BootstrapResult:
    """Bootstrap interval of the total, as SparseMSE's ``estimatepopulation`` (Chan, Silverman &
    Vincent 2021, sec. 3.3): the people observed are resampled (multinomially over the observed
    patterns) ``n`` times, and on every replicate the model is chosen again by :func:`stepwise`
    (``method="stepwise"``, with ``threshold``) or fitted as given (``method="fixed"``: main
    effects plus ``interactions``). The interval is the BCa interval of DiCiccio & Efron (1996),
    its acceleration from the jackknife leaving out one person at a time
    (:meth:`BootstrapResult.interval`).

    Replicates run on ``threads`` threads (0: every core) without the GIL. Replicate i draws from
    its own generator seeded from (``seed``, i), so a seed gives the same replicates whatever the
    number of threads; without a seed one is drawn and kept in the result. In a replicate where a
    list has nobody, the model is fitted without that list (the limit the estimate reaches as its
    main effect goes to minus infinity); a replicate whose model has no estimate raises
    :class:`tipstats.Error` naming it. R's random numbers are not reproduced: a seed gives other
    replicates than ``set.seed`` in R.

    >>> r = bootstrap(ts.datasets.mse("UKdat_5"), n=200, seed=2013)
    >>> round(r.total), r.n
    (11313, 200)
    """
    if method not in ("stepwise", "fixed"):
        raise domain_error("method", f"must be 'stepwise' or 'fixed', got {method!r}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise domain_error("n", f"needs at least 2 bootstrap replicates, got {n!r}")
    if not isinstance(threads, (int, np.integer)) or threads < 0:
        raise domain_error("threads", f"must be 0 (every core) or a positive number, got {threads!r}")
    pairs = pair_indices(table, interactions)
    if pairs and method == "stepwise":
        raise domain_error("interactions", "are chosen by the stepwise method; give them with method='fixed'")
    d = _core.bootstrap(list(table.lists), _cells(table), method, pairs, float(threshold), int(n), seed, int(threads))
    replicates = np.asarray(d["replicates"], dtype=float)
    replicates.setflags(write=False)
    jackknife = pd.Series(d["jackknife"], index=[_cell_name(table, c) for c in d["jackknife_cells"]], name="total")
    return BootstrapResult(total=d["total"], method=method,
                           interactions=tuple(pair_name(table, p) for p in d["interactions"]),
                           threshold=float(threshold), n=int(n), seed=int(d["seed"]), replicates=replicates,
                           acceleration=d["acceleration"], bias_correction=d["bias_correction"],
                           jackknife=jackknife, dropped_lists=d["dropped_list_replicates"], table=table)
