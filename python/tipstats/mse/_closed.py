"""Closed-population capture-recapture models, as R's Rcapture fits them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Tuple

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from .._core import mse as _core
from ._results import Result, summary_frame
from ._table import CaptureTable

__all__ = ["ProfileInterval", "closed_models", "profile_interval"]

RCAPTURE = "Baillargeon & Rivest (2007); R Rcapture"

#: Rcapture's names of the models of closedp.t, in its order.
CLOSED_MODELS = ("M0", "Mt", "Mh Chao (LB)", "Mh Poisson2", "Mh Darroch", "Mh Gamma3.5",
                 "Mth Chao (LB)", "Mth Poisson2", "Mth Darroch", "Mth Gamma3.5")


def closed_models(table: CaptureTable) -> pd.DataFrame:
    """The closed-population models of R's Rcapture ``closedp.t`` (Baillargeon & Rivest 2007;
    Rivest & Levesque 2001), one row each, indexed by Rcapture's names: M0 (one capture
    probability), Mt (one per list: the main-effects log-linear model), Mh (people differ in how
    catchable they are) and Mth (both), heterogeneity modelled as Chao's lower bound (Chao 1987),
    Poisson2, Darroch (Darroch et al. 1993) or Gamma3.5. Each is a Poisson log-linear model of the
    2^t - 1 capture histories; ``abundance`` is ``n + exp(intercept)``, ``stderr``
    ``sqrt(exp(b0) + exp(2 b0) var(b0))``, ``AIC`` and ``BIC`` use the number of parameters.

    As in Rcapture, a negative eta parameter of a Chao model is set to 0 (the column removed and
    the model refitted, the first negative one at a time; ``note`` names them), and two lists get
    only M0 and Mt. Where Rcapture prints the last iterate of a fit that cannot converge (the
    maximum likelihood estimate does not exist, e.g. a model that fits the number of people seen
    k times exactly when nobody was seen on every list), the row is empty (NaN) and ``note`` says
    why. ``attrs["n_observed"]`` holds the people found.

    >>> closed_models(ts.datasets.mse("Kosovo")).loc[["M0", "Mt", "Mth Chao (LB)"], ["abundance", "stderr"]].round(1)
                   abundance  stderr
    model
    M0                7608.4   136.6
    Mt                7394.6   129.6
    Mth Chao (LB)     8591.2   213.5
    """
    rows = _core.closed_models(list(table.lists), np.ascontiguousarray(table.counts, dtype=float))
    frame = pd.DataFrame(
        {"abundance": [r["abundance"] if r["fitted"] else np.nan for r in rows],
         "stderr": [r["stderr"] if r["fitted"] else np.nan for r in rows],
         "deviance": [r["deviance"] if r["fitted"] else np.nan for r in rows],
         "df": pd.array([r["df"] if r["fitted"] else None for r in rows], dtype="Int64"),
         "AIC": [r["aic"] if r["fitted"] else np.nan for r in rows],
         "BIC": [r["bic"] if r["fitted"] else np.nan for r in rows],
         "note": [r["note"] for r in rows]},
        index=pd.Index([r["model"] for r in rows], name="model"))
    frame.attrs["n_observed"] = table.n_observed
    return frame


@dataclass(frozen=True, repr=False, eq=False)
class ProfileInterval(Result):
    """Result of :func:`profile_interval`.

    ``abundance`` is the multinomial estimate of the population (the maximum of the profile
    likelihood, ``max_log_likelihood``), ``lower`` and ``upper`` the profile-likelihood interval at
    ``level``; ``lower_at_observed`` is true when the likelihood stays above the cut down to the
    people observed (``lower`` is then ``n_observed``, as Rcapture); ``upper`` is infinite when it
    never falls below the cut. ``poisson_abundance`` is :func:`closed_models`' estimate of the
    same ``model``; ``table`` the data.
    """

    abundance: float
    lower: float
    upper: float
    level: float
    model: str
    poisson_abundance: float
    max_log_likelihood: float
    lower_at_observed: bool
    n_observed: int
    table: CaptureTable

    _SHOWN: ClassVar[Tuple[str, ...]] = ("abundance", "lower", "upper", "level", "model", "poisson_abundance")

    def interval(self) -> Tuple[float, float]:
        """``(lower, upper)``: the profile-likelihood interval at :attr:`level`.

        >>> [round(x) for x in profile_interval(ts.datasets.mse("Kosovo"), "Mt").interval()]
        [7148, 7656]
        """
        return self.lower, self.upper

    def log_likelihood(self, N: ArrayLike) -> NDArray[np.float64]:
        """The multinomial profile log-likelihood at population sizes ``N`` (at least the people
        observed), as Rcapture's ``closedpCI.t`` computes it (Cormack 1992; the correction exact).

        >>> r = profile_interval(ts.datasets.mse("Kosovo"), "Mt")
        >>> bool(r.log_likelihood([r.abundance])[0] >= r.log_likelihood([r.lower, r.upper]).max())
        True
        """
        values = np.atleast_1d(np.asarray(N, dtype=float))
        return np.asarray(_core.profile_log_likelihood(list(self.table.lists),
                                                       np.ascontiguousarray(self.table.counts, dtype=float),
                                                       self.model, np.ascontiguousarray(values)))

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """The multinomial estimate, its profile-likelihood interval, the model, the method and the
        reference, as a one-row table. The interval is the one computed, at :attr:`level`
        (``level`` here is ignored; call :func:`profile_interval` again for another).

        >>> profile_interval(ts.datasets.mse("Kosovo"), "Mt").summary()[["estimate", "lower", "upper"]].round(0)
            estimate   lower   upper
        Mt    7393.0  7148.0  7656.0
        """
        return summary_frame([[self.abundance, self.lower, self.upper, self.level, self.model,
                               "profile likelihood", RCAPTURE + "; Cormack (1992)"]], [self.model])


def profile_interval(table: CaptureTable, model: str = "Mt", level: float = 0.95) -> ProfileInterval:
    """Cormack's (1992) profile-likelihood interval of the population size under a closed model, as
    R's Rcapture ``closedpCI.t`` (Baillargeon & Rivest 2007).

    For a population of N, the n0 = N - n people on no list join the table as one more cell,
    fitted by the intercept alone; the multinomial profile log-likelihood is
    ``-(deviance - 2 c(N)) / 2`` with Cormack's correction ``c(N) = log(n0^n0 N! / (N^N n0!))``,
    computed exactly (Rcapture uses Stirling's formula above 100 people, which differs by about
    ``1 / (12 n0)`` and breaks down below a few missing people). Its maximum over (n, 1.5 N_Poisson)
    is the multinomial estimate ``abundance``; the bounds are where it falls
    ``chi2_1(level) / 2`` below the maximum, found by Brent's and TOMS 748 root finding to near
    machine precision (Rcapture's optimize and uniroot stop at 1e-4). When the lower bound would
    lie below the people observed it is set to them, as Rcapture; where Rcapture reports ">3N"
    for an upper bound beyond three times the Poisson estimate, the search goes on.

    ``model`` is a name of :func:`closed_models` (``"Mt"``, ``"Mh Darroch"``, ...) or Rcapture's
    short one (``"MthC"``).

    >>> r = profile_interval(ts.datasets.mse("Kosovo"), "Mt")
    >>> round(r.abundance), round(r.lower), round(r.upper)
    (7393, 7148, 7656)
    """
    d = _core.profile_interval(list(table.lists), np.ascontiguousarray(table.counts, dtype=float), model, level)
    return ProfileInterval(abundance=d["abundance"], lower=d["lower"], upper=d["upper"], level=d["level"],
                           model=d["model"], poisson_abundance=d["poisson_abundance"],
                           max_log_likelihood=d["max_log_likelihood"], lower_at_observed=d["lower_at_observed"],
                           n_observed=table.n_observed, table=table)
