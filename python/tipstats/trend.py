"""Trend analysis: Mann-Kendall tests, Theil-Sen slopes, log-linear (APC), logistic and joinpoint regression.

Every function takes a series ``y`` (list, numpy array, pandas Series) and optional time values
``x`` (finite, strictly increasing; default 0, 1, ..., n-1). :func:`loglinear`, :func:`logistic`,
:func:`mann_kendall` and :func:`sens_slope` also take a :class:`tipstats.Series` (``x`` and the
censoring come from it) and use censored values (``"<5"``) rather than drop them: the log-linear and
logistic fits through the probability of the censored count, the rank methods as the
Akritas-Theil-Sen approach of R's NADA ``cenken``. A NaN without bounds is a missing value, left
out and counted: every result reports ``n``, ``n_censored`` and ``n_missing``. The ``*_batch`` functions take a 2-D
array with one series per row, run on all cores without the GIL (``threads=`` limits them) and
return a pandas DataFrame (one row per series) or, with ``as_frame=False``, a dict of arrays; each row
equals what the one-series function returns. ``progress=True`` shows a progress bar on standard error
(tqdm when installed: ``pip install tipstats[progress]``), ``progress=callable`` is called as
``callable(done, total)``.

Errors are ``tipstats.DomainError`` (a ``ValueError``) naming the argument and index.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Literal, Optional, Tuple, Union, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._core import DomainError, Series
from ._core import trend as _core
from ._display import VersionedState
from ._errors import domain_error
from ._progress import Progress, ProgressArg, chunks

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AverageChange",
    "JoinpointResult",
    "JoinpointSegment",
    "JoinpointTest",
    "LinearResult",
    "LogLinearResult",
    "LogisticResult",
    "MannKendallResult",
    "SensSlopeResult",
    "joinpoint",
    "joinpoint_batch",
    "linear",
    "linear_batch",
    "logistic",
    "loglinear",
    "loglinear_batch",
    "mann_kendall",
    "mann_kendall_batch",
    "sens_slope",
    "sens_slope_batch",
]


_MannKendallMethod = Literal["original", "hamed_rao", "yue_wang"]
#: The count models of :func:`loglinear`: Poisson, quasi-Poisson, negative binomial (NB2).
CountModel = Literal["poisson", "quasi", "negbin"]
_JoinpointModel = Literal["loglinear", "linear"]
_Selection = Literal["permutation", "bic", "wbic"]
_Adjustment = Literal["nci", "bonferroni"]
_Zeros = Literal["error", "add_half"]
#: What the ``*_batch`` functions return with ``as_frame=False``: one array (or list of str) per column.
_Columns = Dict[str, Union[NDArray[Any], List[str]]]


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_format(v) for v in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_format(v) for v in value) + "]"
    return repr(value)


_NAN = ("nan",)  # what a NaN field compares and hashes as


def _comparable(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return _NAN
    if isinstance(value, (tuple, list)):
        return tuple(_comparable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _comparable(v)) for k, v in value.items())
    if isinstance(value, _Result):
        return (type(value).__name__,) + value._key()
    return value


@dataclass(frozen=True, repr=False, eq=False)
class _Result(VersionedState):
    """Common behaviour of the result classes: readable repr, HTML table, dict, versioned pickling."""

    def to_dict(self) -> Dict[str, Any]:
        """The fields as a plain dict (nested results become dicts too).

        >>> sens_slope([88, 95, 102, 99, 121]).to_dict()
        {'slope': 7.0, 'intercept': 85.0, 'lower': -3.0, 'upper': 22.0, 'level': 0.95, 'n': 5}
        """
        return dataclasses.asdict(self)

    def _key(self) -> Tuple[Any, ...]:
        return tuple(_comparable(getattr(self, f.name)) for f in dataclasses.fields(self))

    def __eq__(self, other: object) -> bool:
        """Field by field, a NaN ("not available") equal to a NaN, so a result equals its pickled copy."""
        return type(other) is type(self) and self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

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


def _vector(values: ArrayLike, name: str) -> NDArray[np.float64]:
    a = np.asarray(values, dtype=float)
    if a.ndim != 1:
        raise domain_error(name, f"must be one-dimensional, got {a.ndim} dimensions")
    return np.ascontiguousarray(a)


def _optional_vector(values: Optional[ArrayLike], name: str) -> Optional[NDArray[np.float64]]:
    return None if values is None else _vector(values, name)


def _no_arrays_with_series(name: str, **given: Any) -> None:
    for argument, value in given.items():
        if value is not None:
            raise domain_error(argument, f"comes from the Series given as {name}: pass either a Series or arrays")


def _count_input(counts: Union[ArrayLike, Series], x: Optional[ArrayLike], lower: Optional[ArrayLike],
                 upper: Optional[ArrayLike], name: str = "counts") -> Tuple[
                     NDArray[np.float64], Optional[NDArray[np.float64]], Optional[NDArray[np.float64]],
                     Optional[NDArray[np.float64]]]:
    """Counts, x and bounds for the likelihood fits, from a Series (its bounds: "<5" as [0, 4],
    missing as [0, inf]) or from arrays."""
    if isinstance(counts, Series):
        _no_arrays_with_series(name, x=x, lower=lower, upper=upper)
        if counts.unit != "count":
            raise domain_error(name, f"the series is in '{counts.unit}', not counts: this fit takes counts")
        return (np.ascontiguousarray(counts.values), np.ascontiguousarray(counts.x),
                np.ascontiguousarray(counts.lower), np.ascontiguousarray(counts.upper))
    return (_vector(counts, name), _optional_vector(x, "x"), _optional_vector(lower, "lower"),
            _optional_vector(upper, "upper"))


def _ranked_input(y: Union[ArrayLike, Series], x: Optional[ArrayLike], censored: Optional[ArrayLike]) -> Tuple[
        NDArray[np.float64], Optional[NDArray[np.float64]], Optional[NDArray[np.uint8]]]:
    """y, x and left-censoring flags for the rank methods. From a Series a left-censored value gets
    its detection limit as cenken takes it: "<5" is 5 (a count's bounds [0, 4] mean "< 4 + 1")."""
    if not isinstance(y, Series):
        flags = None if censored is None else np.ascontiguousarray(np.asarray(censored, dtype=bool), dtype=np.uint8)
        return _vector(y, "y"), _optional_vector(x, "x"), flags
    _no_arrays_with_series("y", x=x, censored=censored)
    values, lower, upper = np.array(y.values, dtype=float), np.asarray(y.lower), np.asarray(y.upper)
    known = ~np.isnan(values) | ~((lower <= 0) & np.isinf(upper))
    bounded = known & np.isnan(values)
    left = bounded & (lower <= 0) & np.isfinite(upper)
    other = np.flatnonzero(bounded & ~left)
    if len(other):
        raise domain_error("y", f"the value for {y.periods[other[0]]} is known only to lie between bounds that are not "
                           "'<b' (e.g. '>1000'): the censored Mann-Kendall test (Akritas-Theil-Sen, as NADA's cenken) "
                           "takes left-censored values only", int(other[0]))
    values[left] = upper[left] + 1 if y.unit == "count" else upper[left]
    return values, np.ascontiguousarray(y.x), left.astype(np.uint8)


def _matrix(values: ArrayLike) -> Tuple[NDArray[np.float64], Any]:
    if type(values).__module__.split(".")[0] == "dask":  # never compute a cluster's data behind the user's back
        raise domain_error("Y", "is a dask collection: the function of the same name in tipstats.dask fits it "
                                "lazily on the cluster; call .compute() first to fit it in this process")
    index = values.index if hasattr(values, "iloc") else None  # keep a pandas DataFrame's row labels
    return np.ascontiguousarray(np.asarray(values, dtype=float)), index


_ROW_ARGUMENT = re.compile(r"Y\[(\d+)\]")


def _run_batch(run: Callable[[slice], Dict[str, Any]], matrix: NDArray[np.float64], progress: ProgressArg,
               threads: int) -> Dict[str, Any]:
    """The columns of ``run(slice(None))``, the compiled batch function on every row of ``matrix``,
    in one call; or, with ``progress``, chunk by chunk (each chunk on all cores), reporting the rows
    done, and joined: the same values, since every row is computed on its own."""
    if not progress or matrix.ndim != 2 or len(matrix) == 0:  # a malformed Y gets the compiled error
        with Progress(progress, len(matrix) if matrix.ndim == 2 else 0, "fitting", "series"):
            return run(slice(None))
    pieces = []
    with Progress(progress, len(matrix), "fitting", "series") as report:
        for start, stop in chunks(len(matrix), threads):
            try:
                pieces.append(run(slice(start, stop)))
            except DomainError as error:  # name the row of Y, not of the chunk
                row = _ROW_ARGUMENT.fullmatch(error.argument or "")
                if row is None:
                    raise
                message = str(error).split(": ", 1)[-1]
                raise domain_error(f"Y[{start + int(row.group(1))}]", message, error.index) from None
            report(stop)
    return {name: (sum((piece[name] for piece in pieces), []) if isinstance(pieces[0][name], list)
                   else np.concatenate([piece[name] for piece in pieces]))
            for name in pieces[0]}


def _frame(columns: Dict[str, Any], index: Any, as_frame: bool) -> Union[pd.DataFrame, _Columns]:
    if not as_frame:
        return columns
    import pandas as pd  # noqa: PLC0415 - pandas is only needed for frames

    return pd.DataFrame(columns, index=index)


# --- Mann-Kendall and Sen ------------------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class MannKendallResult(_Result):
    """Result of :func:`mann_kendall`.

    ``trend`` is "increasing", "decreasing" or "no trend"; ``s`` the statistic S, ``var_s`` its
    (corrected) variance, ``z`` the normal score and ``p`` its two-sided p-value; ``tau`` Kendall's
    tau; ``slope`` the Theil-Sen slope (per unit of x) and ``intercept``; ``n`` the values used, of
    which ``n_censored`` left-censored (then the test and line are Akritas-Theil-Sen's), and
    ``n_missing`` the values left out; ``method`` and ``period`` as given.
    """

    trend: str
    s: float
    var_s: float
    z: float
    p: float
    tau: float
    slope: float
    intercept: float
    n: int
    n_censored: int
    n_missing: int
    method: str
    period: Optional[int]


def mann_kendall(y: Union[ArrayLike, Series], x: Optional[ArrayLike] = None, method: _MannKendallMethod = "original",
                 period: Optional[int] = None, lag: Optional[int] = None, alpha: float = 0.05, *,
                 censored: Optional[ArrayLike] = None) -> MannKendallResult:
    """Mann-Kendall trend test, for left-censored values as the Akritas-Theil-Sen test.

    ``S = sum_{i<j} sign(y_j - y_i)``; ``Var S = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18`` over tie
    groups of size t; ``z = (S - sign S) / sqrt(Var S)`` (continuity corrected); ``p`` two-sided
    normal; ``tau = S / (n(n-1)/2)``; ``trend`` is "increasing"/"decreasing" when ``|z| >
    z_{1-alpha/2}``, else "no trend". ``slope`` is the Theil-Sen slope and ``intercept`` is
    ``median(y) - slope * median(x)`` (Conover 1980). NaN values of ``y`` are missing: left out and
    counted in ``n_missing``.

    Methods (Mann 1945, Kendall 1975; pymannkendall's names and formulas):

    - ``"original"``; with ``period=k`` the seasonal test of Hirsch & Slack (1984): S and Var S
      summed over the k seasons (observation i is in season i mod k); without ``x`` the slope is
      per cycle, as in pymannkendall's ``seasonal_test``.
    - ``"hamed_rao"`` (Hamed & Rao 1998, J. Hydrol. 204:182-196): Var S multiplied by
      ``1 + 2/(n(n-1)(n-2)) sum_k (n-k)(n-k-1)(n-k-2) r_k`` over the lags whose autocorrelation
      ``r_k`` of the ranks of the detrended series ``y - slope * x`` is significant at ``alpha``.
    - ``"yue_wang"`` (Yue & Wang 2004, Water Resour. Manag. 18:201-218): Var S multiplied by
      ``1 + 2 sum_k (1 - k/n) r_k`` of the detrended series.

    Censored values: ``y`` may be a :class:`tipstats.Series` (x and censoring from it; a count
    ``"<5"`` has the detection limit 5), or ``censored`` flags the values of ``y`` that are
    detection limits (``y[i] = 5, censored[i] = True`` for ``"<5"``), as R's NADA ``cenken`` takes
    them. With a censored value the test is Kendall's for censored data and the line the
    Akritas-Theil-Sen line, as ``cenken`` computes them (Akritas, Murphy & LaValley 1995, JASA
    90:170-177; Helsel 2012, Statistics for Censored Environmental Data, 2nd ed., ch. 12): a pair
    counts only where its order is known ("<5" before 9 is an increase, "<5" before 3 or before "<5"
    a tie), Var S carries ``cenken``'s tie corrections, ``slope`` makes S of the residuals ``y -
    slope x`` against x zero (``cenken``'s bisection) and ``intercept`` is their Turnbull median;
    ``tau`` is S over all n(n-1)/2 pairs. Only the original method without seasons is defined
    then. A right-censored value (``">1000"``) has no such test and raises
    :class:`tipstats.DomainError`, as does a series censored everywhere.

    ``lag`` limits the autocorrelation lags (default all, n - 1). The series is detrended against
    its time values ``x``; pymannkendall detrends against the positions of the non-missing values,
    which is the same unless NaN values lie before the last observation. Bad input (NaN or unsorted
    x, an unknown method, fewer than 2 values) raises :class:`tipstats.DomainError`. On short,
    strongly autocorrelated series (or heavily censored ones) Var S can come out at or below zero:
    there is no test then, so ``z`` and ``p`` are NaN and ``trend`` is ``"no trend"`` (as in
    pymannkendall).

    An illustrative series of yearly victim counts, 2010-2019, and the same with small counts
    published as ``"<5"``:

    >>> y = [88, 95, 102, 99, 121, 134, 140, 151, 176, 190]
    >>> r = mann_kendall(y, x=np.arange(2010, 2020))
    >>> r.trend, r.s, round(r.tau, 3), round(r.p, 5), r.slope
    ('increasing', 43.0, 0.956, 0.00017, 11.0)
    >>> small = [5, 5, 3, 5, 6, 8, 5, 9, 12, 11]
    >>> flags = [True, True, False, True, False, False, True, False, False, False]
    >>> r = mann_kendall(small, x=np.arange(2010, 2020), censored=flags)
    >>> r.trend, r.s, round(r.p, 4), round(r.slope, 3), r.n_censored
    ('increasing', 29.0, 0.0074, 1.333, 4)
    """
    ys, xs, flags = _ranked_input(y, x, censored)
    r = _core.mann_kendall(ys, xs, method, period, lag, alpha, flags)
    return MannKendallResult(method=method, period=period, **r)


@overload
def mann_kendall_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, method: _MannKendallMethod = "original",
                       period: Optional[int] = None, lag: Optional[int] = None, alpha: float = 0.05,
                       threads: int = 0, as_frame: Literal[True] = True,
                       progress: ProgressArg = False) -> pd.DataFrame: ...


@overload
def mann_kendall_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, method: _MannKendallMethod = "original",
                       period: Optional[int] = None, lag: Optional[int] = None, alpha: float = 0.05,
                       threads: int = 0, *, as_frame: Literal[False], progress: ProgressArg = False) -> _Columns: ...


@overload
def mann_kendall_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, method: _MannKendallMethod = "original",
                       period: Optional[int] = None, lag: Optional[int] = None, alpha: float = 0.05,
                       threads: int = 0, *, as_frame: bool,
                       progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]: ...


def mann_kendall_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, method: _MannKendallMethod = "original",
                       period: Optional[int] = None, lag: Optional[int] = None, alpha: float = 0.05,
                       threads: int = 0, as_frame: bool = True,
                       progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]:
    """:func:`mann_kendall` on every row of ``Y`` (one series per row), on all cores.

    The test of Mann (1945) and Kendall (1975), with the options of :func:`mann_kendall`.
    Columns: s, var_s, z, p, tau, trend, slope, intercept, n, n_missing (NaN values left out).

    ``Y`` is a 2-D array or DataFrame (its row labels are kept), one series per row, all with the
    time values ``x``. Rows run on ``threads`` threads (0: every core) without the GIL; a bad row
    raises :class:`tipstats.DomainError` whose ``argument`` names it (``"Y[12]"``) and whose ``index``
    is the bad value's position in the row. Returns a DataFrame, or a dict of arrays with
    ``as_frame=False``. ``progress=True`` shows a progress bar on standard error (tqdm when installed,
    else a counter), a callable is called as ``progress(done, total)`` with the rows done; either way
    the rows go to the compiled function in chunks that each use all cores, with the same results.

    >>> years = np.arange(2010, 2020)
    >>> Y = pd.DataFrame([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                   [40, 38, 45, 41, 39, 44, 40, 42, 38, 41],
    ...                   [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]], index=["north", "centre", "south"])
    >>> mann_kendall_batch(Y, x=years)[["trend", "tau", "p", "slope"]].round(3)
                 trend    tau    p   slope
    north   increasing  0.956  0.0  11.000
    centre    no trend  0.000  1.0   0.000
    south   decreasing -0.911  0.0  -1.667
    """
    matrix, index = _matrix(Y)
    xs = _optional_vector(x, "x")
    columns = _run_batch(lambda rows: _core.mann_kendall_batch(matrix[rows], xs, method, period, lag, alpha, threads),
                         matrix, progress, threads)
    return _frame(columns, index, as_frame)


@dataclass(frozen=True, repr=False, eq=False)
class SensSlopeResult(_Result):
    """Result of :func:`sens_slope`.

    ``slope`` is the median pairwise slope (per unit of x), ``intercept`` the line's intercept,
    ``lower`` and ``upper`` the slope's confidence interval at ``level`` (NaN with censored values:
    the Akritas-Theil-Sen line has none), ``n`` the values used, of which ``n_censored``
    left-censored, and ``n_missing`` the values left out.
    """

    slope: float
    intercept: float
    lower: float
    upper: float
    level: float
    n: int
    n_censored: int
    n_missing: int


def sens_slope(y: Union[ArrayLike, Series], x: Optional[ArrayLike] = None, level: float = 0.95, *,
               censored: Optional[ArrayLike] = None) -> SensSlopeResult:
    """Theil (1950) - Sen (1968) slope with its rank-based confidence interval.

    ``slope`` is the median of the N pairwise slopes ``(y_j - y_i) / (x_j - x_i)``, ``intercept``
    is ``median(y) - slope * median(x)``. The interval is the one of R's ``trend::sens.slope``
    (Sen 1968; Gilbert 1987, sec. 16.5): with ``C = z_{(1+level)/2} sqrt(Var S)`` (tie-corrected
    Mann-Kendall variance), ``lower`` and ``upper`` are the sorted slopes of 1-based ranks
    ``round((N - C)/2)`` and ``round((N + C)/2 + 1)`` (rounding half to even, as R); NaN when a
    rank falls outside 1..N (very short series). NaN values of ``y`` are missing: left out and
    counted in ``n_missing``. Bad input (NaN or unsorted x, ``level`` outside (0, 1), fewer than 2
    values) raises :class:`tipstats.DomainError`.

    With left-censored values (``y`` a :class:`tipstats.Series`, or ``censored`` flags as in
    :func:`mann_kendall`) the line is the Akritas-Theil-Sen line of R's NADA ``cenken``
    (Akritas, Murphy & LaValley 1995; Helsel 2012): the slope that makes Kendall's S of the
    residuals zero and their Turnbull median as intercept. ``cenken`` gives no interval for it, so
    ``lower`` and ``upper`` are NaN then.

    >>> r = sens_slope([88, 95, 102, 99, 121, 134, 140, 151, 176, 190], x=np.arange(2010, 2020))
    >>> r.slope, r.lower, round(r.upper, 1)
    (11.0, 9.0, 13.8)
    """
    ys, xs, flags = _ranked_input(y, x, censored)
    return SensSlopeResult(**_core.sens_slope(ys, xs, level, flags))


@overload
def sens_slope_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0,
                     as_frame: Literal[True] = True, progress: ProgressArg = False) -> pd.DataFrame: ...


@overload
def sens_slope_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0, *,
                     as_frame: Literal[False], progress: ProgressArg = False) -> _Columns: ...


@overload
def sens_slope_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0, *,
                     as_frame: bool, progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]: ...


def sens_slope_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0,
                     as_frame: bool = True, progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]:
    """:func:`sens_slope` on every row of ``Y``: the Theil (1950) - Sen (1968) slope and its interval.

    Columns: slope, intercept, lower, upper, n, n_missing (NaN values left out).

    ``Y`` is a 2-D array or DataFrame (its row labels are kept), one series per row, all with the
    time values ``x``. Rows run on ``threads`` threads (0: every core) without the GIL; a bad row
    raises :class:`tipstats.DomainError` whose ``argument`` names it (``"Y[12]"``) and whose ``index``
    is the bad value's position in the row. Returns a DataFrame, or a dict of arrays with
    ``as_frame=False``. ``progress=True`` shows a progress bar on standard error (tqdm when installed,
    else a counter), a callable is called as ``progress(done, total)`` with the rows done; either way
    the rows go to the compiled function in chunks that each use all cores, with the same results.

    >>> years = np.arange(2010, 2020)
    >>> Y = pd.DataFrame([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                   [40, 38, 45, 41, 39, 44, 40, 42, 38, 41],
    ...                   [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]], index=["north", "centre", "south"])
    >>> sens_slope_batch(Y, x=years)[["slope", "lower", "upper"]].round(2)
            slope  lower  upper
    north   11.00   9.00   13.8
    centre   0.00  -0.75    0.5
    south   -1.67  -2.00   -1.4
    """
    matrix, index = _matrix(Y)
    xs = _optional_vector(x, "x")
    columns = _run_batch(lambda rows: _core.sens_slope_batch(matrix[rows], xs, level, threads), matrix, progress, threads)
    return _frame(columns, index, as_frame)


# --- Log-linear and linear trends ---------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class LogLinearResult(_Result):
    """Result of :func:`loglinear`.

    ``slope`` is the coefficient of x (per unit of x) on the log scale, with standard error ``se``,
    interval ``slope_ci``, ``z`` and two-sided ``p_value``; ``apc`` the percent change per unit of x
    and ``apc_ci`` its interval (per cent); ``intercept`` the constant. ``dispersion`` is phi
    (1 unless ``model="quasi"``), ``alpha`` the negative binomial dispersion (``model="negbin"``; 0
    at the Poisson boundary) with standard error ``alpha_se``. ``log_likelihood`` counts censored
    values by their probability; ``deviance`` and ``pearson_chi2`` are over the exact counts, with
    ``df`` degrees of freedom, and ``deviance_ratio`` and ``pearson_ratio`` (their ratios to df)
    show overdispersion when well above 1. ``n`` counts used, of which ``n_censored`` censored;
    ``n_missing`` left out; ``iterations`` of the fit; ``model`` and ``level`` as given.
    ``x_centre`` (the mean x of the counts used) and ``covariance`` (variance of the fitted log
    mean at ``x_centre``, its covariance with the slope, the slope's variance) give the band of the
    fitted line: :meth:`fitted`.
    """

    slope: float
    se: float
    apc: float
    apc_ci: Tuple[float, float]
    slope_ci: Tuple[float, float]
    p_value: float
    z: float
    intercept: float
    dispersion: float
    alpha: float
    alpha_se: float
    log_likelihood: float
    deviance: float
    pearson_chi2: float
    df: float
    deviance_ratio: float
    pearson_ratio: float
    model: str
    level: float
    n: int
    n_censored: int
    n_missing: int
    iterations: int
    x_centre: float
    covariance: Tuple[float, float, float]

    def fitted(self, x: ArrayLike) -> Tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """The fitted mean count at ``x`` (without exposure) and its pointwise interval at ``level``:
        ``exp(eta -+ z se(eta))`` with ``eta = log mean`` and ``se(eta)`` from the covariance of the
        level and slope (normal, as statsmodels' ``get_prediction``).

        >>> r = loglinear([88, 95, 102, 99, 121, 134, 140, 151, 176, 190], x=np.arange(2010, 2020))
        >>> [round(float(v[0]), 1) for v in r.fitted([2015.0])]  # mean, lower, upper
        [131.2, 124.2, 138.6]
        """
        t = np.asarray(x, dtype=float) - self.x_centre
        centre_variance, covariance, slope_variance = self.covariance
        eta = self.intercept + self.slope * np.asarray(x, dtype=float)
        se = np.sqrt(centre_variance + 2 * t * covariance + t * t * slope_variance)
        z = NormalDist().inv_cdf((1 + self.level) / 2)
        return np.exp(eta), np.exp(eta - z * se), np.exp(eta + z * se)


def loglinear(counts: Union[ArrayLike, Series], x: Optional[ArrayLike] = None, exposure: Optional[ArrayLike] = None,
              model: CountModel = "poisson", level: float = 0.95, *, lower: Optional[ArrayLike] = None,
              upper: Optional[ArrayLike] = None) -> LogLinearResult:
    """Log-linear trend of counts and its annual percent change (APC), censored counts included.

    Fits ``log E[count_i] = a + b x_i + log(exposure_i)``; ``apc = 100 (e^b - 1)``, the percent
    change per unit of ``x``. Intervals and the p-value use the normal distribution, as
    statsmodels does: ``apc_ci = 100 (e^{b -+ z se} - 1)``.

    ``counts`` is a :class:`tipstats.Series` (x and censoring come from it: ``"<5"`` is a count in
    [0, 4], ``">1000"`` one in [1001, inf), a missing period is left out) or an array with NaN where
    a count is censored, its inclusive bounds in ``lower`` and ``upper`` (NaN without bounds: missing).
    An exact count contributes its probability to the likelihood, a censored one the probability of
    its bounds, so no value is replaced by a guess such as 2.5 and none is dropped.

    Models:

    - ``"poisson"``: variance = mean. Right when counts vary no more than Poisson counts do: check
      ``pearson_ratio`` (about 1). Fitted by iteratively reweighted least squares (McCullagh &
      Nelder 1989, sec. 2.5) when no count is censored, else by Newton's method on the censored
      likelihood; ``se`` from the observed information.
    - ``"quasi"``: the Poisson estimate with ``se`` multiplied by ``sqrt(phi)``, ``phi = Pearson
      chi^2 / (n - 2)`` (statsmodels' ``fit(scale="X2")``; McCullagh & Nelder 1989, sec. 9.2). A
      quick correction for overdispersion when every count is exact; it has no likelihood, so it
      refuses censored counts (:class:`tipstats.DomainError`): use ``"negbin"``.
    - ``"negbin"``: negative binomial NB2, variance = mean + alpha mean^2, alpha estimated jointly
      by maximum likelihood (Cameron & Trivedi 2013, Regression Analysis of Count Data, 2nd ed.,
      ch. 3), as statsmodels' ``NegativeBinomial(loglike_method="nb2")``. Prefer it for real
      yearly counts of victims, which are usually overdispersed (``pearson_ratio`` of a Poisson fit
      well above 1) and often censored. When the score for alpha at 0 is not positive the maximum
      is the Poisson fit and ``alpha`` is 0.

    Zero counts are data. Bad input raises :class:`tipstats.DomainError` naming the argument and
    index: negative counts or bounds, an upper bound below a lower one, non-positive exposure, too
    few counts (2; 3 for quasi and negbin), no count known to be positive, and counts whose slope is
    infinite (e.g. positive only at the first or only at the last x, or every count but one
    censored down to zero); :class:`tipstats.Error` when a fit does not converge.

    An illustrative series of yearly victim counts, 2010-2019: about +9 % a year; then a series
    with counts published as ``"<5"``, fitted as negative binomial:

    >>> r = loglinear([88, 95, 102, 99, 121, 134, 140, 151, 176, 190], x=np.arange(2010, 2020))
    >>> round(r.apc, 2), round(r.apc_ci[0], 2), round(r.apc_ci[1], 2)
    (9.24, 7.15, 11.37)
    >>> counts = [np.nan, 6, np.nan, 9, 7, 12, np.nan, 15, 21, 18]
    >>> low = [0, 6, 0, 9, 7, 12, 0, 15, 21, 18]
    >>> high = [4, 6, 4, 9, 7, 12, 4, 15, 21, 18]
    >>> r = loglinear(counts, x=np.arange(2010, 2020), model="negbin", lower=low, upper=high)
    >>> round(r.apc, 1), r.n, r.n_censored
    (21.4, 10, 3)
    """
    values, xs, low, high = _count_input(counts, x, lower, upper)
    r = _core.loglinear(values, xs, _optional_vector(exposure, "exposure"), model, level, low, high)
    return LogLinearResult(
        slope=r["slope"], se=r["se"], apc=r["apc"], apc_ci=(r["apc_lower"], r["apc_upper"]),
        slope_ci=(r["slope_lower"], r["slope_upper"]), p_value=r["p_value"], z=r["z"], intercept=r["intercept"],
        dispersion=r["dispersion"], alpha=r["alpha"], alpha_se=r["alpha_se"], log_likelihood=r["log_likelihood"],
        deviance=r["deviance"], pearson_chi2=r["pearson_chi2"], df=r["df"], deviance_ratio=r["deviance_ratio"],
        pearson_ratio=r["pearson_ratio"], model=model, level=level, n=r["n"], n_censored=r["n_censored"],
        n_missing=r["n_missing"], iterations=r["iterations"], x_centre=r["x_centre"],
        covariance=(r["centre_variance"], r["centre_slope_covariance"], r["se"] ** 2))


@overload
def loglinear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, exposure: Optional[ArrayLike] = None,
                    model: CountModel = "poisson", level: float = 0.95, threads: int = 0,
                    as_frame: Literal[True] = True, progress: ProgressArg = False) -> pd.DataFrame: ...


@overload
def loglinear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, exposure: Optional[ArrayLike] = None,
                    model: CountModel = "poisson", level: float = 0.95, threads: int = 0, *,
                    as_frame: Literal[False], progress: ProgressArg = False) -> _Columns: ...


@overload
def loglinear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, exposure: Optional[ArrayLike] = None,
                    model: CountModel = "poisson", level: float = 0.95, threads: int = 0, *, as_frame: bool,
                    progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]: ...


def loglinear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, exposure: Optional[ArrayLike] = None,
                    model: CountModel = "poisson", level: float = 0.95, threads: int = 0,
                    as_frame: bool = True, progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]:
    """:func:`loglinear` on every row of ``Y``: log-linear trends (McCullagh & Nelder 1989), with
    ``model`` as there; a NaN in ``Y`` is a missing count. Series of different lengths with
    censored counts: :meth:`tipstats.Observations.trends`.

    ``exposure`` is one row shared by all series or one row per series. Columns: intercept, slope,
    se, z, p_value, slope_lower, slope_upper, apc, apc_lower, apc_upper, dispersion, alpha,
    alpha_se, log_likelihood, deviance, pearson_chi2, df, deviance_ratio, pearson_ratio, n,
    n_censored, n_missing.

    ``Y`` is a 2-D array or DataFrame (its row labels are kept), one series per row, all with the
    time values ``x``. Rows run on ``threads`` threads (0: every core) without the GIL; a bad row
    raises :class:`tipstats.DomainError` whose ``argument`` names it (``"Y[12]"``) and whose ``index``
    is the bad value's position in the row. Returns a DataFrame, or a dict of arrays with
    ``as_frame=False``. ``progress=True`` shows a progress bar on standard error (tqdm when installed,
    else a counter), a callable is called as ``progress(done, total)`` with the rows done; either way
    the rows go to the compiled function in chunks that each use all cores, with the same results.

    >>> years = np.arange(2010, 2020)
    >>> Y = pd.DataFrame([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                   [40, 38, 45, 41, 39, 44, 40, 42, 38, 41],
    ...                   [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]], index=["north", "centre", "south"])
    >>> loglinear_batch(Y, x=years)[["apc", "apc_lower", "apc_upper", "p_value"]].round(2)
             apc  apc_lower  apc_upper  p_value
    north   9.24       7.15      11.37     0.00
    centre -0.06      -3.38       3.37     0.97
    south  -7.44     -11.65      -3.02     0.00
    """
    matrix, index = _matrix(Y)
    e = None if exposure is None else np.ascontiguousarray(np.asarray(exposure, dtype=float))
    xs = _optional_vector(x, "x")

    def run(rows: slice) -> Dict[str, Any]:
        # exposure with one row per series goes with its rows; a shared row (or a bad shape) as it is
        per_series = e is not None and e.ndim == 2 and len(e) == len(matrix) > 1
        return _core.loglinear_batch(matrix[rows], xs, e[rows] if per_series else e, model, level, threads)

    columns = _run_batch(run, matrix, progress, threads)
    return _frame(columns, index, as_frame)


@dataclass(frozen=True, repr=False, eq=False)
class LogisticResult(_Result):
    """Result of :func:`logistic`.

    ``slope`` is the change of the log-odds per unit of x, with standard error ``se``, interval
    ``slope_ci``, ``z`` and two-sided ``p_value``; ``odds_ratio`` = e^slope is the factor by which
    the odds change per unit of x, ``odds_ratio_ci`` its interval (``100 (odds_ratio - 1)`` is the
    annual percent change of the odds); ``intercept`` the log-odds at x = 0; ``log_likelihood``,
    ``deviance`` and ``pearson_chi2`` the fit (the last two over exact successes); ``n`` periods
    used, of which ``n_censored`` with censored successes, ``n_missing`` left out.
    """

    slope: float
    se: float
    odds_ratio: float
    odds_ratio_ci: Tuple[float, float]
    slope_ci: Tuple[float, float]
    p_value: float
    z: float
    intercept: float
    log_likelihood: float
    deviance: float
    pearson_chi2: float
    level: float
    n: int
    n_censored: int
    n_missing: int
    iterations: int


def _aligned_trials(successes: Series, trials: Union[ArrayLike, Series]) -> NDArray[np.float64]:
    """The trials for each period of ``successes``: a Series is matched by period, and every one
    needed must be an exact count."""
    if not isinstance(trials, Series):
        return _vector(trials, "trials")
    found = {str(p): q for p, q in zip(trials.periods, trials.quantities)}
    out = np.empty(len(successes))
    for i, period in enumerate(successes.periods):
        q = found.get(str(period))
        if q is None or not q.is_exact:
            raise domain_error("trials", f"has no exact count for {period}, where successes has a value", i)
        out[i] = q.value
    return out


def logistic(successes: Union[ArrayLike, Series], trials: Union[ArrayLike, Series], x: Optional[ArrayLike] = None,
             level: float = 0.95, *, lower: Optional[ArrayLike] = None,
             upper: Optional[ArrayLike] = None) -> LogisticResult:
    """Trend of a proportion: binomial logistic regression ``logit(successes_i / trials_i) = a + b x_i``.

    For shares over time, e.g. girls among detected victims year by year. Maximum likelihood by
    Newton's method (Fisher scoring for this canonical link: McCullagh & Nelder 1989, ch. 4; as
    statsmodels' ``GLM(family=Binomial())``); ``se`` from the observed information, normal
    intervals and p-value. ``odds_ratio = e^b`` is the factor by which the odds change per unit of
    x, with ``odds_ratio_ci``.

    ``successes`` is a :class:`tipstats.Series` (then ``trials`` is a Series too, matched by period,
    or an array; x and censoring come from ``successes``) or an array with NaN where censored (its
    inclusive bounds in ``lower`` and ``upper``, as in :func:`loglinear`) or missing (no bounds: the
    period is left out). A censored number of successes contributes the binomial probability of its
    bounds. Bad input raises :class:`tipstats.DomainError`: trials not positive where successes are
    given, successes below 0 or above their trials, fewer than 2 periods, and successes all 0, all
    equal to their trials or separated in x (the slope would be infinite).

    An illustrative share of girls among detected victims, 2012-2021:

    >>> girls = [12, 15, 14, 20, 22, 25, 24, 30, 33, 35]
    >>> victims = [60, 66, 58, 70, 71, 75, 69, 80, 82, 84]
    >>> r = logistic(girls, victims, x=np.arange(2012, 2022))
    >>> round(r.odds_ratio, 3), round(r.odds_ratio_ci[0], 3), round(r.odds_ratio_ci[1], 3)
    (1.121, 1.06, 1.187)
    """
    if isinstance(successes, Series):
        trial_counts = _aligned_trials(successes, trials)
    elif isinstance(trials, Series):
        raise domain_error("trials", "is a Series: pass successes as a Series too (their periods are matched)")
    else:
        trial_counts = _vector(trials, "trials")
    values, xs, low, high = _count_input(successes, x, lower, upper, "successes")
    r = _core.logistic(values, trial_counts, xs, level, low, high)
    return LogisticResult(
        slope=r["slope"], se=r["se"], odds_ratio=r["odds_ratio"],
        odds_ratio_ci=(r["odds_ratio_lower"], r["odds_ratio_upper"]), slope_ci=(r["slope_lower"], r["slope_upper"]),
        p_value=r["p_value"], z=r["z"], intercept=r["intercept"], log_likelihood=r["log_likelihood"],
        deviance=r["deviance"], pearson_chi2=r["pearson_chi2"], level=level, n=r["n"], n_censored=r["n_censored"],
        n_missing=r["n_missing"], iterations=r["iterations"])


@dataclass(frozen=True, repr=False, eq=False)
class LinearResult(_Result):
    """Result of :func:`linear`.

    ``slope`` is the change of y per unit of x, with standard error ``se``, interval ``ci`` at
    ``level``, ``t`` and two-sided ``p_value``; ``intercept`` the constant; ``sigma`` the residual
    standard deviation (units of y); ``r_squared`` the share of variance explained; ``n`` the values
    used.
    """

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


def linear(y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95) -> LinearResult:
    """Ordinary least squares trend ``y = a + b x``.

    ``se = sigma / sqrt(sum (x - mean x)^2)`` with ``sigma^2 = SSE / (n - 2)``; ``ci = b -+
    t_{(1+level)/2, n-2} se``; two-sided Student t p-value (Draper & Smith 1998, Applied
    Regression Analysis, 3rd ed., ch. 1). Needs 3 or more finite values; bad input raises
    :class:`tipstats.DomainError`.

    >>> r = linear([88, 95, 102, 99, 121, 134, 140, 151, 176, 190], x=np.arange(2010, 2020))
    >>> round(r.slope, 2), round(r.ci[0], 2), round(r.ci[1], 2), round(r.r_squared, 3)
    (11.31, 9.23, 13.39, 0.952)
    """
    r = _core.linear(_vector(y, "y"), _optional_vector(x, "x"), level)
    return LinearResult(slope=r["slope"], se=r["se"], ci=(r["lower"], r["upper"]), p_value=r["p_value"], t=r["t"],
                        intercept=r["intercept"], sigma=r["sigma"], r_squared=r["r_squared"], level=level, n=r["n"])


@overload
def linear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0,
                 as_frame: Literal[True] = True, progress: ProgressArg = False) -> pd.DataFrame: ...


@overload
def linear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0, *,
                 as_frame: Literal[False], progress: ProgressArg = False) -> _Columns: ...


@overload
def linear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0, *,
                 as_frame: bool, progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]: ...


def linear_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 0,
                 as_frame: bool = True, progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]:
    """:func:`linear` on every row of ``Y``: least-squares trends (Draper & Smith 1998).

    Columns: intercept, slope, se, t, p_value, lower, upper, sigma, r_squared, n.

    ``Y`` is a 2-D array or DataFrame (its row labels are kept), one series per row, all with the
    time values ``x``. Rows run on ``threads`` threads (0: every core) without the GIL; a bad row
    raises :class:`tipstats.DomainError` whose ``argument`` names it (``"Y[12]"``) and whose ``index``
    is the bad value's position in the row. Returns a DataFrame, or a dict of arrays with
    ``as_frame=False``. ``progress=True`` shows a progress bar on standard error (tqdm when installed,
    else a counter), a callable is called as ``progress(done, total)`` with the rows done; either way
    the rows go to the compiled function in chunks that each use all cores, with the same results.

    >>> years = np.arange(2010, 2020)
    >>> Y = pd.DataFrame([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                   [40, 38, 45, 41, 39, 44, 40, 42, 38, 41],
    ...                   [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]], index=["north", "centre", "south"])
    >>> linear_batch(Y, x=years)[["slope", "lower", "upper", "p_value"]].round(2)
            slope  lower  upper  p_value
    north   11.31   9.23  13.39     0.00
    centre  -0.02  -0.66   0.61     0.93
    south   -1.69  -2.01  -1.37     0.00
    """
    matrix, index = _matrix(Y)
    xs = _optional_vector(x, "x")
    columns = _run_batch(lambda rows: _core.linear_batch(matrix[rows], xs, level, threads), matrix, progress, threads)
    return _frame(columns, index, as_frame)


# --- Joinpoint regression -----------------------------------------------------------------------


@dataclass(frozen=True, repr=False, eq=False)
class JoinpointSegment(_Result):
    """One segment of a joinpoint fit: its x range, slope (of ln y or y) and APC with intervals.

    ``start`` and ``end`` are its ends in units of x; ``slope`` and ``slope_ci`` the slope per unit
    of x; ``apc`` and ``apc_ci`` the percent change per unit of x (NaN in the linear model);
    ``p_value`` tests a zero slope.
    """

    start: float
    end: float
    slope: float
    slope_ci: Tuple[float, float]
    apc: float
    apc_ci: Tuple[float, float]
    p_value: float


@dataclass(frozen=True, repr=False, eq=False)
class JoinpointTest(_Result):
    """One permutation test H0: ``null_joinpoints`` against H1: ``alternative_joinpoints``.

    ``statistic`` is ``SSE(null) / SSE(alternative)``, ``p_value`` its permutation p-value,
    ``alpha`` the level it was judged at and ``rejected`` whether H0 was rejected.
    """

    null_joinpoints: int
    alternative_joinpoints: int
    statistic: float
    p_value: float
    alpha: float
    rejected: bool


@dataclass(frozen=True, repr=False, eq=False)
class AverageChange(_Result):
    """Average annual percent change (AAPC) over ``[start, end]`` and the average slope.

    ``aapc`` and ``aapc_ci`` are in per cent per unit of x, ``slope`` and ``slope_ci`` the
    length-weighted mean segment slope; ``t_based`` says whether the interval uses the t
    distribution (the range within one segment) or the normal one (across segments).
    """

    start: float
    end: float
    aapc: float
    aapc_ci: Tuple[float, float]
    slope: float
    slope_ci: Tuple[float, float]
    t_based: bool


def _average_change(d: Dict[str, Any]) -> AverageChange:
    return AverageChange(start=d["start"], end=d["end"], aapc=d["aapc"], aapc_ci=(d["aapc_lower"], d["aapc_upper"]),
                         slope=d["slope"], slope_ci=(d["slope_lower"], d["slope_upper"]), t_based=d["t_based"])


@dataclass(frozen=True, repr=False, eq=False)
class JoinpointResult(_Result):
    """Result of :func:`joinpoint`.

    ``joinpoints`` are the x values where the trend changes and ``segments`` the
    :class:`JoinpointSegment` between them; ``aapc`` and ``aapc_ci`` (per cent per unit of x) cover
    ``aapc_range`` (default all of x), and :meth:`average_change` gives the AAPC over any other
    sub-range. ``sse`` and ``bic`` measure the fit; ``tests`` (with their ``p_values``) are the
    permutation tests run, ``candidates`` the best fit for each number of joinpoints; ``model``,
    ``selection``, ``level`` and ``seed`` (the one used) as given, ``df`` the residual degrees of
    freedom and ``n`` the points. ``x``, ``fitted``, ``coefficients``, ``covariance`` and
    ``x_centre`` describe the fitted curve.
    """

    joinpoints: Tuple[float, ...]
    segments: Tuple[JoinpointSegment, ...]
    aapc: float
    aapc_ci: Tuple[float, float]
    aapc_range: Tuple[float, float]
    sse: float
    bic: float
    p_values: Tuple[float, ...]
    tests: Tuple[JoinpointTest, ...]
    candidates: Tuple[dict, ...]
    model: str
    selection: str
    df: int
    n: int
    level: float
    seed: int
    x: Tuple[float, ...]
    fitted: Tuple[float, ...]
    coefficients: Tuple[float, ...]
    covariance: Tuple[float, ...]
    x_centre: float

    def average_change(self, start: float, end: float) -> AverageChange:
        """AAPC over ``[start, end]``: ``100 (e^s - 1)`` with ``s`` the mean slope of the fitted
        ln y there, i.e. the segment slopes weighted by their length within the range. Its interval
        is t-based within one segment and normal across segments, as NCI's program does (Clegg,
        Hankey, Tiwari, Feuer & Edwards 2009, Stat Med 28:3670-3682).

        >>> y = [60, 66, 71, 80, 86, 95, 90, 84, 80, 74, 70, 65]
        >>> r = joinpoint(y, x=np.arange(2008, 2020), max_joinpoints=2, selection="bic")
        >>> a = r.average_change(2014, 2019)
        >>> round(a.aapc, 2), round(a.aapc_ci[0], 2), round(a.aapc_ci[1], 2), a.t_based
        (-6.06, -6.41, -5.7, True)
        """
        return _average_change(_core.joinpoint_average_change(
            self.model, list(self.joinpoints), list(self.x), list(self.coefficients), list(self.covariance),
            self.x_centre, self.df, self.level, float(start), float(end)))

    def to_pandas(self) -> pd.DataFrame:
        """The segments as a DataFrame: start, end, slope, slope_lower, slope_upper, apc, apc_lower,
        apc_upper, p_value.

        >>> y = [60, 66, 71, 80, 86, 95, 90, 84, 80, 74, 70, 65]
        >>> r = joinpoint(y, x=np.arange(2008, 2020), max_joinpoints=2, selection="bic")
        >>> r.to_pandas()[["start", "end", "apc", "apc_lower", "apc_upper"]].round(2)
            start     end   apc  apc_lower  apc_upper
        0  2008.0  2013.0  9.75       9.25      10.26
        1  2013.0  2019.0 -6.06      -6.41      -5.70
        """
        import pandas as pd  # noqa: PLC0415 - pandas is only needed here

        return pd.DataFrame([
            {"start": s.start, "end": s.end, "slope": s.slope, "slope_lower": s.slope_ci[0],
             "slope_upper": s.slope_ci[1], "apc": s.apc, "apc_lower": s.apc_ci[0], "apc_upper": s.apc_ci[1],
             "p_value": s.p_value}
            for s in self.segments])

    def __repr__(self) -> str:
        segments = "; ".join(
            f"{s.start:g}-{s.end:g}: " + (f"APC {s.apc:.3g}% ({s.apc_ci[0]:.3g}, {s.apc_ci[1]:.3g})"
                                          if self.model == "loglinear" else f"slope {s.slope:.4g}")
            for s in self.segments)
        aapc = f", AAPC {self.aapc:.3g}% ({self.aapc_ci[0]:.3g}, {self.aapc_ci[1]:.3g})" if self.model == "loglinear" else ""
        return (f"JoinpointResult(model={self.model!r}, joinpoints={list(self.joinpoints)}, "
                f"segments=[{segments}]{aapc}, sse={self.sse:.6g}, bic={self.bic:.6g}, "
                f"p_values={[round(p, 6) for p in self.p_values]}, n={self.n})")

    def _repr_html_(self) -> str:
        head = ("<tr><th>segment</th><th>slope</th><th>slope CI</th><th>APC %</th><th>APC CI</th>"
                "<th>p-value</th></tr>")
        rows = "".join(
            f"<tr><td>{s.start:g} to {s.end:g}</td><td>{s.slope:.4g}</td>"
            f"<td>({s.slope_ci[0]:.4g}, {s.slope_ci[1]:.4g})</td><td>{s.apc:.4g}</td>"
            f"<td>({s.apc_ci[0]:.4g}, {s.apc_ci[1]:.4g})</td><td>{s.p_value:.3g}</td></tr>"
            for s in self.segments)
        caption = html.escape(f"Joinpoint ({self.model}, {self.selection}): {len(self.joinpoints)} joinpoint(s); "
                              f"AAPC {self.aapc:.4g}% ({self.aapc_ci[0]:.4g}, {self.aapc_ci[1]:.4g}) over "
                              f"{self.aapc_range[0]:g} to {self.aapc_range[1]:g}")
        return f"<table><caption>{caption}</caption>{head}{rows}</table>"


def _joinpoint_result(d: Dict[str, Any], aapc_range: Optional[Tuple[float, float]]) -> JoinpointResult:
    segments = tuple(JoinpointSegment(start=s["start"], end=s["end"], slope=s["slope"],
                                      slope_ci=(s["slope_lower"], s["slope_upper"]), apc=s["apc"],
                                      apc_ci=(s["apc_lower"], s["apc_upper"]), p_value=s["p_value"])
                     for s in d["segments"])
    tests = tuple(JoinpointTest(**t) for t in d["tests"])
    result = JoinpointResult(
        joinpoints=tuple(d["joinpoints"]), segments=segments, aapc=d["aapc"]["aapc"],
        aapc_ci=(d["aapc"]["aapc_lower"], d["aapc"]["aapc_upper"]), aapc_range=(d["aapc"]["start"], d["aapc"]["end"]),
        sse=d["sse"], bic=d["bic"], p_values=tuple(t.p_value for t in tests), tests=tests,
        candidates=tuple(d["candidates"]), model=d["model"], selection=d["selection"], df=d["df"], n=d["n"],
        level=d["level"], seed=d["seed"], x=tuple(d["x"]), fitted=tuple(d["fitted"]),
        coefficients=tuple(d["coefficients"]), covariance=tuple(d["covariance"]), x_centre=d["x_centre"])
    if aapc_range is not None:
        a = result.average_change(*aapc_range)
        result = dataclasses.replace(result, aapc=a.aapc, aapc_ci=a.aapc_ci, aapc_range=(a.start, a.end))
    return result


def joinpoint(y: ArrayLike, x: Optional[ArrayLike] = None, model: _JoinpointModel = "loglinear",
              min_joinpoints: int = 0, max_joinpoints: int = 3, selection: _Selection = "permutation",
              permutations: int = 4499, alpha: float = 0.05, min_obs_end: int = 2, min_obs_between: int = 2,
              weights: Optional[ArrayLike] = None, seed: Optional[int] = None, level: float = 0.95,
              aapc_range: Optional[Tuple[float, float]] = None, adjustment: _Adjustment = "nci",
              zeros: _Zeros = "error", threads: int = 0) -> JoinpointResult:
    """Joinpoint regression as NCI's Joinpoint program fits it.

    Model: continuous segmented regression ``E[z] = b0 + b1 x + sum_m d_m (x - tau_m)_+`` of
    ``z = ln y`` (``model="loglinear"``) or ``z = y`` (``"linear"``), by (weighted) least squares.
    The joinpoints ``tau_m`` lie on observed x values with at least ``min_obs_end`` observations
    between a joinpoint and either end and ``min_obs_between`` between joinpoints (joinpoints not
    counted); for each k the global minimum of the SSE over that grid is found (Lerman 1980). The
    search is exhaustive (about C(n, k) placements); more than 4 million placements raise
    ``DomainError`` (e.g. 120 points with 5 joinpoints): lower ``max_joinpoints`` or raise
    ``min_obs_between``.

    Selection of k in ``[min_joinpoints, max_joinpoints]``:

    - ``"permutation"`` (Kim, Fay, Feuer & Midthune 2000, Stat Med 19:335-351): tests H0: k_a vs
      H1: k_b starting from (min, max), raising k_a after a rejection and lowering k_b otherwise.
      Statistic ``SSE(k_a) / SSE(k_b)``; its null distribution from ``permutations`` data sets made of
      the k_a fit plus its permuted (standardised) residuals; ``p = (1 + #{T* >= T}) / (1 +
      permutations)``. Each test is judged at ``alpha / (max - k_a)`` (NCI's rule since Joinpoint
      3.0, ``adjustment="nci"``) or ``alpha / (max - min)`` (``"bonferroni"``).
    - ``"bic"``: minimises ``ln(SSE/n) + (2k + 2) ln(n) / n`` (each joinpoint counts as a parameter).
    - ``"wbic"``: minimises ``ln(SSE/n) + ((2 + R2max) k + 2) ln(n) / n`` (Kim et al. 2023, J Appl
      Stat 50:1992-2013), ``R2max`` the largest partial R^2 of a joinpoint's hinge against a line on
      the data between its neighbouring joinpoints (or the ends).

    With ``min_joinpoints == max_joinpoints`` the best fit with exactly that many joinpoints is
    returned. Segment slopes have t intervals with ``df = n - 2k - 2`` (NCI counts joinpoint
    locations as parameters); ``apc = 100 (e^slope - 1)`` (log-linear only; NaN for linear).
    AAPC over ``aapc_range`` (default the whole x range) is ``100 (e^s - 1)``, ``s`` the
    length-weighted mean of the segment slopes, with a t interval within one segment and a normal
    one across segments (NCI). Deterministic for a given ``seed`` whatever ``threads``.

    Zeros in the log-linear model: NCI's program refuses a zero dependent variable in a log-linear
    run, but for counts it adds 0.5 to each zero count (when some count is positive).
    ``zeros="add_half"`` states that rule; the default ``"error"`` raises.

    Bad input raises ``DomainError``: too few points for ``max_joinpoints`` (the message says how
    many are needed), negative y or (without a stated rule) zero y in the log-linear model, NaN in
    y or x, unsorted or duplicate x, non-positive weights.

    An illustrative series that rises to 2013 and falls after it:

    >>> y = [60, 66, 71, 80, 86, 95, 90, 84, 80, 74, 70, 65]
    >>> r = joinpoint(y, x=np.arange(2008, 2020), max_joinpoints=2, selection="bic")
    >>> r.joinpoints, [round(s.apc, 2) for s in r.segments]
    ((2013.0,), [9.75, -6.06])
    """
    d = _core.joinpoint(_vector(y, "y"), _optional_vector(x, "x"), model, min_joinpoints, max_joinpoints, selection,
                        permutations, alpha, min_obs_end, min_obs_between, _optional_vector(weights, "weights"), seed,
                        level, adjustment, zeros, threads)
    return _joinpoint_result(d, aapc_range)


@overload
def joinpoint_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, model: _JoinpointModel = "loglinear",
                    min_joinpoints: int = 0, max_joinpoints: int = 3, selection: _Selection = "bic",
                    permutations: int = 4499, alpha: float = 0.05, min_obs_end: int = 2, min_obs_between: int = 2,
                    weights: Optional[ArrayLike] = None, seed: Optional[int] = None, level: float = 0.95,
                    adjustment: _Adjustment = "nci", zeros: _Zeros = "error", threads: int = 0,
                    as_frame: Literal[True] = True, progress: ProgressArg = False) -> pd.DataFrame: ...


@overload
def joinpoint_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, model: _JoinpointModel = "loglinear",
                    min_joinpoints: int = 0, max_joinpoints: int = 3, selection: _Selection = "bic",
                    permutations: int = 4499, alpha: float = 0.05, min_obs_end: int = 2, min_obs_between: int = 2,
                    weights: Optional[ArrayLike] = None, seed: Optional[int] = None, level: float = 0.95,
                    adjustment: _Adjustment = "nci", zeros: _Zeros = "error", threads: int = 0, *,
                    as_frame: Literal[False], progress: ProgressArg = False) -> _Columns: ...


@overload
def joinpoint_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, model: _JoinpointModel = "loglinear",
                    min_joinpoints: int = 0, max_joinpoints: int = 3, selection: _Selection = "bic",
                    permutations: int = 4499, alpha: float = 0.05, min_obs_end: int = 2, min_obs_between: int = 2,
                    weights: Optional[ArrayLike] = None, seed: Optional[int] = None, level: float = 0.95,
                    adjustment: _Adjustment = "nci", zeros: _Zeros = "error", threads: int = 0, *, as_frame: bool,
                    progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]: ...


def joinpoint_batch(Y: ArrayLike, x: Optional[ArrayLike] = None, model: _JoinpointModel = "loglinear",
                    min_joinpoints: int = 0, max_joinpoints: int = 3, selection: _Selection = "bic",
                    permutations: int = 4499, alpha: float = 0.05, min_obs_end: int = 2, min_obs_between: int = 2,
                    weights: Optional[ArrayLike] = None, seed: Optional[int] = None, level: float = 0.95,
                    adjustment: _Adjustment = "nci", zeros: _Zeros = "error", threads: int = 0,
                    as_frame: bool = True, progress: ProgressArg = False) -> Union[pd.DataFrame, _Columns]:
    """:func:`joinpoint` on every row of ``Y`` (default selection BIC; the permutation test works
    too, each row on one thread, every row with the same ``seed``).

    Joinpoint regression as NCI's program fits it (Kim, Fay, Feuer & Midthune 2000, Stat Med
    19:335-351). Columns: joinpoints (how many), joinpoint_1..joinpoint_K (x, NaN when absent),
    slope_1.., apc_1.. (per segment), average_slope, aapc, aapc_lower, aapc_upper (whole range),
    sse, bic.

    ``Y`` is a 2-D array or DataFrame (its row labels are kept), one series per row, all with the
    time values ``x``. Rows run on ``threads`` threads (0: every core) without the GIL; a bad row
    raises :class:`tipstats.DomainError` whose ``argument`` names it (``"Y[12]"``) and whose ``index``
    is the bad value's position in the row. Returns a DataFrame, or a dict of arrays with
    ``as_frame=False``. ``progress=True`` shows a progress bar on standard error (tqdm when installed,
    else a counter), a callable is called as ``progress(done, total)`` with the rows done; either way
    the rows go to the compiled function in chunks that each use all cores, with the same results.

    >>> years = np.arange(2010, 2020)
    >>> Y = pd.DataFrame([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                   [40, 38, 45, 41, 39, 44, 40, 42, 38, 41],
    ...                   [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]], index=["north", "centre", "south"])
    >>> joinpoint_batch(Y, x=years, max_joinpoints=1)[["joinpoints", "joinpoint_1", "aapc"]].round(2)
            joinpoints  joinpoint_1  aapc
    north            1       2013.0  8.83
    centre           0          NaN -0.05
    south            0          NaN -7.54
    """
    matrix, index = _matrix(Y)
    xs, w = _optional_vector(x, "x"), _optional_vector(weights, "weights")
    columns = _run_batch(lambda rows: _core.joinpoint_batch(
        matrix[rows], xs, model, min_joinpoints, max_joinpoints, selection, permutations, alpha, min_obs_end,
        min_obs_between, w, seed, level, adjustment, zeros, threads), matrix, progress, threads)
    return _frame(columns, index, as_frame)
