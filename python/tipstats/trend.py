"""Trend analysis: Mann-Kendall tests, Theil-Sen slopes, log-linear (APC) and joinpoint regression.

Every function takes a series ``y`` (list, numpy array, pandas Series) and optional time values
``x`` (finite, strictly increasing; default 0, 1, ..., n-1). The ``*_batch`` functions take a 2-D
array with one series per row, run on all cores without the GIL (``threads=`` limits them) and
return a pandas DataFrame (one row per series) or, with ``as_frame=False``, a dict of arrays; each row
equals what the one-series function returns.

Errors are ``tipstats.DomainError`` (a ``ValueError``) naming the argument and index.
"""

from __future__ import annotations

import dataclasses
import html
import math
from dataclasses import dataclass
from typing import Any, Optional, Tuple

import numpy as np

from ._core import trend as _core

__all__ = [
    "LinearResult",
    "LogLinearResult",
    "MannKendallResult",
    "SensSlopeResult",
    "linear",
    "linear_batch",
    "loglinear",
    "loglinear_batch",
    "mann_kendall",
    "mann_kendall_batch",
    "sens_slope",
    "sens_slope_batch",
]


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_format(v) for v in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_format(v) for v in value) + "]"
    return repr(value)


@dataclass(frozen=True, repr=False)
class _Result:
    """Common behaviour of the result classes: readable repr, HTML table, dict, pickling."""

    def to_dict(self) -> dict:
        """The fields as a plain dict (nested results become dicts too)."""
        return dataclasses.asdict(self)

    def __repr__(self) -> str:
        fields = ", ".join(f"{f.name}={_format(getattr(self, f.name))}" for f in dataclasses.fields(self))
        return f"{type(self).__name__}({fields})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(f.name)}</th>"
            f"<td style='text-align:left'>{html.escape(_format(getattr(self, f.name)))}</td></tr>"
            for f in dataclasses.fields(self)
        )
        return f"<table><caption>{html.escape(type(self).__name__)}</caption>{rows}</table>"


def _vector(values, name: str) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    if a.ndim != 1:
        from . import DomainError  # noqa: PLC0415 - avoid a cycle at import time

        raise DomainError(f"argument '{name}': must be one-dimensional, got {a.ndim} dimensions")
    return np.ascontiguousarray(a)


def _optional_vector(values, name: str) -> Optional[np.ndarray]:
    return None if values is None else _vector(values, name)


def _matrix(values) -> Tuple[np.ndarray, Any]:
    index = getattr(values, "index", None)
    return np.ascontiguousarray(np.asarray(values, dtype=float)), index


def _frame(columns: dict, index, as_frame: bool):
    if not as_frame:
        return columns
    import pandas as pd  # noqa: PLC0415 - pandas is only needed for frames

    return pd.DataFrame(columns, index=index)


# --- Mann-Kendall and Sen ------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class MannKendallResult(_Result):
    """Result of :func:`mann_kendall`."""

    trend: str
    s: float
    var_s: float
    z: float
    p: float
    tau: float
    slope: float
    intercept: float
    n: int
    method: str
    period: Optional[int]


def mann_kendall(y, x=None, method: str = "original", period: Optional[int] = None,
                 lag: Optional[int] = None, alpha: float = 0.05) -> MannKendallResult:
    """Mann-Kendall trend test.

    ``S = sum_{i<j} sign(y_j - y_i)``; ``Var S = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18`` over tie
    groups of size t; ``z = (S - sign S) / sqrt(Var S)`` (continuity corrected); ``p`` two-sided
    normal; ``tau = S / (n(n-1)/2)``; ``trend`` is "increasing"/"decreasing" when ``|z| >
    z_{1-alpha/2}``, else "no trend". ``slope`` is the Theil-Sen slope and ``intercept`` is
    ``median(y) - slope * median(x)`` (Conover 1980). NaN values of ``y`` are dropped.

    Methods (Mann 1945, Kendall 1975; pymannkendall's names and formulas):

    - ``"original"``; with ``period=k`` the seasonal test of Hirsch & Slack (1984): S and Var S
      summed over the k seasons (observation i is in season i mod k); without ``x`` the slope is
      per cycle, as in pymannkendall's ``seasonal_test``.
    - ``"hamed_rao"`` (Hamed & Rao 1998, J. Hydrol. 204:182-196): Var S multiplied by
      ``1 + 2/(n(n-1)(n-2)) sum_k (n-k)(n-k-1)(n-k-2) r_k`` over the lags whose autocorrelation
      ``r_k`` of the ranks of the detrended series ``y - slope * x`` is significant at ``alpha``.
    - ``"yue_wang"`` (Yue & Wang 2004, Water Resour. Manag. 18:201-218): Var S multiplied by
      ``1 + 2 sum_k (1 - k/n) r_k`` of the detrended series.

    ``lag`` limits the autocorrelation lags (default all, n - 1). The series is detrended against
    its time values ``x``; pymannkendall detrends against the positions of the non-missing values,
    which is the same unless NaN values lie before the last observation.
    """
    r = _core.mann_kendall(_vector(y, "y"), _optional_vector(x, "x"), method, period, lag, alpha)
    return MannKendallResult(method=method, period=period, **r)


def mann_kendall_batch(Y, x=None, method: str = "original", period: Optional[int] = None,
                       lag: Optional[int] = None, alpha: float = 0.05, threads: int = 0,
                       as_frame: bool = True):
    """:func:`mann_kendall` on every row of ``Y`` (one series per row), on all cores.

    Columns: s, var_s, z, p, tau, trend, slope, intercept, n.
    """
    matrix, index = _matrix(Y)
    columns = _core.mann_kendall_batch(matrix, _optional_vector(x, "x"), method, period, lag, alpha, threads)
    return _frame(columns, index, as_frame)


@dataclass(frozen=True, repr=False)
class SensSlopeResult(_Result):
    """Result of :func:`sens_slope`."""

    slope: float
    intercept: float
    lower: float
    upper: float
    level: float
    n: int


def sens_slope(y, x=None, level: float = 0.95) -> SensSlopeResult:
    """Theil (1950) - Sen (1968) slope with its rank-based confidence interval.

    ``slope`` is the median of the N pairwise slopes ``(y_j - y_i) / (x_j - x_i)``, ``intercept``
    is ``median(y) - slope * median(x)``. The interval is the one of R's ``trend::sens.slope``
    (Sen 1968; Gilbert 1987, sec. 16.5): with ``C = z_{(1+level)/2} sqrt(Var S)`` (tie-corrected
    Mann-Kendall variance), ``lower`` and ``upper`` are the sorted slopes of 1-based ranks
    ``round((N - C)/2)`` and ``round((N + C)/2 + 1)`` (rounding half to even, as R); NaN when a
    rank falls outside 1..N (very short series). NaN values of ``y`` are dropped.
    """
    return SensSlopeResult(**_core.sens_slope(_vector(y, "y"), _optional_vector(x, "x"), level))


def sens_slope_batch(Y, x=None, level: float = 0.95, threads: int = 0, as_frame: bool = True):
    """:func:`sens_slope` on every row of ``Y``. Columns: slope, intercept, lower, upper, n."""
    matrix, index = _matrix(Y)
    return _frame(_core.sens_slope_batch(matrix, _optional_vector(x, "x"), level, threads), index, as_frame)


# --- Log-linear and linear trends ---------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class LogLinearResult(_Result):
    """Result of :func:`loglinear`."""

    slope: float
    se: float
    apc: float
    apc_ci: Tuple[float, float]
    slope_ci: Tuple[float, float]
    p_value: float
    z: float
    intercept: float
    dispersion: float
    deviance: float
    pearson_chi2: float
    model: str
    level: float
    n: int
    iterations: int


def loglinear(counts, x=None, exposure=None, dispersion: str = "poisson", level: float = 0.95) -> LogLinearResult:
    """Poisson log-linear trend and its annual percent change (APC).

    Fits ``log E[count_i] = a + b x_i + log(exposure_i)`` by iteratively reweighted least squares
    (McCullagh & Nelder 1989, sec. 2.5). ``apc = 100 (e^b - 1)``, the percent change per unit of
    ``x``. ``se`` is from the Fisher information; with ``dispersion="quasi"`` it is multiplied by
    ``sqrt(phi)``, ``phi = Pearson chi^2 / (n - 2)`` (statsmodels' ``fit(scale="X2")``). Intervals
    and the p-value use the normal distribution, as statsmodels' GLM does:
    ``apc_ci = 100 (e^{b -+ z se} - 1)``. ``deviance = 2 sum [y log(y/mu) - (y - mu)]``.

    Zero counts are fine (they are data); negative, NaN or infinite counts, non-positive exposure,
    all-zero counts and counts positive only at the first or only at the last x (an infinite
    slope) raise ``DomainError`` naming the argument and index.
    """
    r = _core.loglinear(_vector(counts, "counts"), _optional_vector(x, "x"), _optional_vector(exposure, "exposure"),
                        dispersion, level)
    return LogLinearResult(
        slope=r["slope"], se=r["se"], apc=r["apc"], apc_ci=(r["apc_lower"], r["apc_upper"]),
        slope_ci=(r["slope_lower"], r["slope_upper"]), p_value=r["p_value"], z=r["z"], intercept=r["intercept"],
        dispersion=r["dispersion"], deviance=r["deviance"], pearson_chi2=r["pearson_chi2"], model=dispersion,
        level=level, n=r["n"], iterations=r["iterations"])


def loglinear_batch(Y, x=None, exposure=None, dispersion: str = "poisson", level: float = 0.95,
                    threads: int = 0, as_frame: bool = True):
    """:func:`loglinear` on every row of ``Y``; ``exposure`` is one row shared by all series or
    one row per series. Columns: intercept, slope, se, z, p_value, slope_lower, slope_upper, apc,
    apc_lower, apc_upper, dispersion, deviance, pearson_chi2, n."""
    matrix, index = _matrix(Y)
    e = None if exposure is None else np.ascontiguousarray(np.asarray(exposure, dtype=float))
    columns = _core.loglinear_batch(matrix, _optional_vector(x, "x"), e, dispersion, level, threads)
    return _frame(columns, index, as_frame)


@dataclass(frozen=True, repr=False)
class LinearResult(_Result):
    """Result of :func:`linear`."""

    slope: float
    se: float
    ci: Tuple[float, float]
    p_value: float
    t: float
    intercept: float
    sigma: float
    r_squared: float
    level: float
    n: int


def linear(y, x=None, level: float = 0.95) -> LinearResult:
    """Ordinary least squares trend ``y = a + b x``.

    ``se = sigma / sqrt(sum (x - mean x)^2)`` with ``sigma^2 = SSE / (n - 2)``; ``ci = b -+
    t_{(1+level)/2, n-2} se``; two-sided Student t p-value. Needs 3 or more finite values.
    """
    r = _core.linear(_vector(y, "y"), _optional_vector(x, "x"), level)
    return LinearResult(slope=r["slope"], se=r["se"], ci=(r["lower"], r["upper"]), p_value=r["p_value"], t=r["t"],
                        intercept=r["intercept"], sigma=r["sigma"], r_squared=r["r_squared"], level=level, n=r["n"])


def linear_batch(Y, x=None, level: float = 0.95, threads: int = 0, as_frame: bool = True):
    """:func:`linear` on every row of ``Y``. Columns: intercept, slope, se, t, p_value, lower,
    upper, sigma, r_squared, n."""
    matrix, index = _matrix(Y)
    return _frame(_core.linear_batch(matrix, _optional_vector(x, "x"), level, threads), index, as_frame)
