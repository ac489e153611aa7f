"""Multiple systems estimation: how many victims were never found.

Capture-recapture with several lists (police, NGOs, local authorities, ...): from how the lists
overlap, estimate the people found on none of them, the *dark figure*. The methods of R's
SparseMSE (log-linear models with the existence checks of sparse tables, stepwise selection, BCa
bootstrap), Rcapture (closed-population models with heterogeneity, profile intervals) and dga
(Bayesian model averaging over decomposable graphs), checked against them and against
statsmodels, computed in C++ on all cores.

A table is a :class:`CaptureTable`; the published tables are bundled
(``ts.datasets.mse("UKdat")``). Errors are :class:`tipstats.DomainError` naming the argument (and
row), or the lists and pairs that make a model impossible to fit.
"""

from ._bma import BMAResult, bma, decomposable_graphs
from ._closed import ProfileInterval, closed_models, profile_interval
from ._loglinear import (BootstrapResult, LogLinearResult, ModelCheck, StepwiseResult, bootstrap, check, loglinear,
                         stepwise)
from ._table import CaptureTable

__all__ = [
    "BMAResult",
    "BootstrapResult",
    "CaptureTable",
    "LogLinearResult",
    "ModelCheck",
    "ProfileInterval",
    "StepwiseResult",
    "bma",
    "bootstrap",
    "check",
    "closed_models",
    "decomposable_graphs",
    "loglinear",
    "profile_interval",
    "stepwise",
]
