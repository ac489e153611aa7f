"""Rates, changes and confidence intervals that match the reference implementations.

Every function takes scalars or numpy arrays. Arguments broadcast against each other (numpy rules);
scalars in give Python floats out, arrays in give arrays of the broadcast shape. Array work runs in
C++ without the GIL on ``threads`` threads (``None``: every core). Intervals are ``(lower, upper)``.

Bad input (negative counts, ``x > n``, non-finite values, ``level`` outside (0, 1), a zero
population) raises :class:`tipstats.DomainError` (a ``ValueError``) whose ``argument`` names the
argument and, for arrays, whose ``index`` is the flat (C-order) position of the first bad element in
the broadcast shape.

Quantiles come from Boost.Math (the library scipy uses for most of these distributions).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, fields
from typing import Any, Callable, Dict, Iterator, Literal, Optional, Tuple, Union, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._core import DomainError, Quantity
from ._display import VersionedState
from ._errors import domain_error
from ._core import stats as _k

__all__ = [
    "Change",
    "ChangeRange",
    "ClaimCheck",
    "RateRatio",
    "StandardizedRate",
    "change_ci",
    "check_claim",
    "proportion_ci_range",
    "ProportionRange",
    "implied_baseline",
    "percent_change",
    "poisson_ci",
    "proportion_ci",
    "rate",
    "rate_ci",
    "rate_ratio",
    "share",
    "standardized_rate",
    "CLAIM_TOLERANCE",
]

# A scalar argument gives a float; any other argument gives an array (a 0-d array gives a float at
# run time, which numpy's own stubs do not model either).
_Scalar = Union[float, np.floating[Any], np.integer[Any]]
_Array = NDArray[np.float64]
_ProportionMethod = Literal["wilson", "exact", "jeffreys", "agresti_coull", "wald"]
_PoissonMethod = Literal["exact", "byar"]
_StandardizeMethod = Literal["fay_feuer", "tiwari"]
#: A published figure: a Quantity, or its text ("263", "<5", "106-111").
_Figure = Union[Quantity, str]

#: Relative tolerance of the vague qualifiers ("nearly", "about", "just over") in :func:`check_claim`.
CLAIM_TOLERANCE: float = _k.claim_tolerance


def _call(kernel: Callable[..., Any], *args: ArrayLike, threads: Optional[int] = None, **options: Any) -> Any:
    """Broadcast ``args``, run ``kernel`` on flat float64 arrays, and give back the caller's shape."""
    arrays = [np.asarray(a, dtype=np.float64) for a in args]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    flat = [a.reshape(1) if a.size == 1 else np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1)
            for a in arrays]
    result = kernel(*flat, **options, threads=0 if threads is None else int(threads), indexed=shape != ())
    outputs = result if isinstance(result, tuple) else (result,)
    if shape == ():
        shaped = tuple(float(o[0]) for o in outputs)
    else:
        shaped = tuple(o.reshape(shape) for o in outputs)
    return shaped if isinstance(result, tuple) else shaped[0]


def _figure_bounds(value: Any, name: str) -> Tuple[float, float]:
    """What a count can be: a Quantity's bounds (whole numbers), or an exact number's."""
    if isinstance(value, str):
        value = Quantity.parse(value)
    if isinstance(value, Quantity):
        return value.bounds(integer=True)
    number = float(value)
    if not np.isfinite(number):
        raise domain_error(name, f"must be finite, got {number}")
    return number, number


def _is_figure(*values: Any) -> bool:
    return any(isinstance(v, (Quantity, str)) for v in values)


def _count_values(low: float, high: float, most: int = 2000) -> NDArray[np.float64]:
    """Every whole count in [low, high], or only the ends when there are more than ``most``."""
    if high - low + 1 > most:
        return np.array([low, high])
    return np.arange(low, high + 1)


@overload
def percent_change(current: _Scalar, previous: _Scalar, *, threads: Optional[int] = None) -> float: ...


@overload
def percent_change(current: _Figure, previous: Union[_Figure, _Scalar], *,
                   threads: Optional[int] = None) -> Quantity: ...


@overload
def percent_change(current: Union[_Figure, _Scalar], previous: _Figure, *,
                   threads: Optional[int] = None) -> Quantity: ...


@overload
def percent_change(current: ArrayLike, previous: ArrayLike, *, threads: Optional[int] = None) -> _Array: ...


def percent_change(current: Any, previous: Any, *, threads: Optional[int] = None) -> Union[float, _Array, Quantity]:
    """Percent change from ``previous`` to ``current``: ``100 * (current - previous) / previous``.

    Counts must be finite and >= 0; ``previous`` must be positive (a change from zero is undefined).
    Either may be a published figure (a :class:`Quantity` or its text: ``"<5"``, ``"106-111"``): the
    result is then a Quantity, the range of changes the figures allow (the change grows with
    ``current`` and falls with ``previous``, so its ends come from the figures' ends; a previous
    count that may be 0, or a current one with no upper bound, leaves the upper end open).

    >>> round(percent_change(263, 105), 2)
    150.48
    >>> change = percent_change(263, "106-111")    # the baseline "nearly 150 per cent" leaves
    >>> change.kind, [round(end, 1) for end in change.bounds(integer=False)]
    ('range', [136.9, 148.1])
    """
    if not _is_figure(current, previous):
        return _call(_k.percent_change, current, previous, threads=threads)
    (c_low, c_high), (p_low, p_high) = _figure_bounds(current, "current"), _figure_bounds(previous, "previous")
    if p_high <= 0:
        raise domain_error("previous", "must be positive: a change from zero is undefined")
    low = -100.0 if np.isinf(p_high) else _call(_k.percent_change, c_low, p_high)
    if p_low == 0 or np.isinf(c_high):
        return Quantity.above(low)
    return Quantity.range(low, _call(_k.percent_change, c_high, p_low))


@overload
def implied_baseline(current: _Scalar, percent_change: _Scalar, *, threads: Optional[int] = None) -> float: ...


@overload
def implied_baseline(current: ArrayLike, percent_change: ArrayLike, *, threads: Optional[int] = None) -> _Array: ...


def implied_baseline(current: ArrayLike, percent_change: ArrayLike, *,
                     threads: Optional[int] = None) -> Union[float, _Array]:
    """The previous value a reported change implies: ``current / (1 + percent_change / 100)``.

    "263 victims, an increase of 150 %" implies 105.2 the year before. ``percent_change`` > -100.

    >>> implied_baseline(263, 150)
    105.2
    """
    return _call(_k.implied_baseline, current, percent_change, threads=threads)


@overload
def share(part: _Scalar, total: _Scalar, *, threads: Optional[int] = None) -> float: ...


@overload
def share(part: ArrayLike, total: ArrayLike, *, threads: Optional[int] = None) -> _Array: ...


def share(part: ArrayLike, total: ArrayLike, *, threads: Optional[int] = None) -> Union[float, _Array]:
    """The fraction ``part / total`` of a total, in [0, 1].

    Requires ``0 <= part <= total`` and ``total > 0``, else raises :class:`tipstats.DomainError`
    naming the argument (and the flat index for arrays). For its confidence interval use
    :func:`proportion_ci` (Wilson 1927, J Am Stat Assoc 22:209-212, by default).

    Of the 263 victims rescued in Cambodia in 2019-H1, 70 were under 15 and 31 aged 15 to 17:

    >>> round(share(70, 263), 4)
    0.2662
    >>> share([70, 31], 263).round(3)
    array([0.266, 0.118])
    """
    return _call(_k.share, part, total, threads=threads)


@overload
def proportion_ci(x: _Scalar, n: _Scalar, level: _Scalar = 0.95, method: _ProportionMethod = "wilson", *,
                  weighted: bool = False, threads: Optional[int] = None) -> Tuple[float, float]: ...


@overload
def proportion_ci(x: ArrayLike, n: ArrayLike, level: ArrayLike = 0.95, method: _ProportionMethod = "wilson", *,
                  weighted: bool = False, threads: Optional[int] = None) -> Tuple[_Array, _Array]: ...


def proportion_ci(x: ArrayLike, n: ArrayLike, level: ArrayLike = 0.95, method: _ProportionMethod = "wilson", *,
                  weighted: bool = False,
                  threads: Optional[int] = None) -> Union[Tuple[float, float], Tuple[_Array, _Array]]:
    """Confidence interval ``(lower, upper)`` for the binomial proportion ``x / n``.

    With ``q = x / n``, ``alpha = 1 - level`` and ``z`` the normal quantile at ``1 - alpha / 2``:

    ``"wilson"`` (default)
        Wilson (1927): ``(q + z²/2n ± z sqrt(q(1-q)/n + z²/4n²)) / (1 + z²/n)``.
    ``"exact"``
        Clopper & Pearson (1934): ``Beta(alpha/2; x, n-x+1)``, ``Beta(1-alpha/2; x+1, n-x)``; 0 at x = 0,
        1 at x = n. Guaranteed coverage.
    ``"jeffreys"``
        Equal-tailed Jeffreys interval ``Beta(alpha/2 | 1-alpha/2; x+½, n-x+½)``, with the lower end 0 at
        x = 0 and the upper 1 at x = n (Brown, Cai & DasGupta 2001, Stat Sci 16:101-133; statsmodels
        omits this boundary rule).
    ``"agresti_coull"``
        Agresti & Coull (1998): the Wald interval of ``(x + z²/2) / (n + z²)`` with ``n + z²`` trials.
    ``"wald"``
        ``q ± z sqrt(q(1-q)/n)``; poor for small n or extreme q, kept for comparison with old reports.

    Wilson, Agresti-Coull and Wald are clipped to [0, 1], as in statsmodels'
    ``proportion_confint`` (methods ``wilson``, ``agresti_coull``, ``normal``), which they match.
    ``x`` and ``n`` need not be whole numbers (weighted counts), but an ``x`` strictly between 0
    and 1 is refused with :class:`tipstats.DomainError` unless ``weighted=True``: it is nearly
    always a share passed by mistake ("86 per cent of 70" is ``x = 60``, not ``0.86``), and would
    give a plausible-looking wrong interval. For a share whose count is not known, see
    :func:`proportion_ci_range`.

    >>> lo, hi = proportion_ci(86, 100, method="exact")
    >>> round(lo, 4), round(hi, 4)
    (0.7763, 0.9213)
    >>> proportion_ci(0.86, 70)
    Traceback (most recent call last):
    ...
    tipstats.DomainError: argument 'x': is a fraction below 1 (0.86): did you mean a share? pass x = share * n (0.86 * 70 = 60.2); for a weighted count below 1, pass weighted=True
    """
    return _call(_k.proportion_ci, x, n, level, method=method, weighted=bool(weighted), threads=threads)


@overload
def poisson_ci(x: _Scalar, level: _Scalar = 0.95, method: _PoissonMethod = "exact", *,
               threads: Optional[int] = None) -> Tuple[float, float]: ...


@overload
def poisson_ci(x: ArrayLike, level: ArrayLike = 0.95, method: _PoissonMethod = "exact", *,
               threads: Optional[int] = None) -> Tuple[_Array, _Array]: ...


def poisson_ci(x: ArrayLike, level: ArrayLike = 0.95, method: _PoissonMethod = "exact", *,
               threads: Optional[int] = None) -> Union[Tuple[float, float], Tuple[_Array, _Array]]:
    """Confidence interval ``(lower, upper)`` for a Poisson mean given the count ``x``.

    ``"exact"`` (default)
        Garwood (1936): ``chi2(alpha/2; 2x) / 2`` (0 at x = 0) and ``chi2(1 - alpha/2; 2x + 2) / 2``;
        R's ``poisson.test``, scipy's ``chi2.ppf``.
    ``"byar"``
        Byar's approximation (Breslow & Day 1987, II p. 69): ``x (1 - 1/9x - z/3√x)³`` and
        ``(x+1) (1 - 1/9(x+1) + z/3√(x+1))³``.

    Here ``alpha = 1 - level`` and ``z`` is the normal quantile at ``1 - alpha / 2``. References:
    Garwood (1936), Biometrika 28:437-442; Breslow & Day (1987), Statistical Methods in Cancer
    Research II, IARC Sci Publ 82. ``x`` must be finite and >= 0 (it need not be whole); ``level`` in
    (0, 1); bad values raise :class:`tipstats.DomainError`.

    263 victims rescued in 2019-H1, and the 70 of them under 15:

    >>> lo, hi = poisson_ci(263)
    >>> round(lo, 1), round(hi, 1)
    (232.2, 296.8)
    >>> lo, hi = poisson_ci(70)
    >>> round(lo, 1), round(hi, 1)
    (54.6, 88.4)
    """
    return _call(_k.poisson_ci, x, level, method=method, threads=threads)


@overload
def rate(count: _Scalar, population: _Scalar, per: _Scalar = 100_000, *, threads: Optional[int] = None) -> float: ...


@overload
def rate(count: ArrayLike, population: ArrayLike, per: ArrayLike = 100_000, *,
         threads: Optional[int] = None) -> _Array: ...


def rate(count: ArrayLike, population: ArrayLike, per: ArrayLike = 100_000, *,
         threads: Optional[int] = None) -> Union[float, _Array]:
    """A crude rate: ``count / population * per`` (default: per 100,000 people).

    ``count`` must be finite and >= 0, ``population`` and ``per`` positive; bad values raise
    :class:`tipstats.DomainError`. The crude rate of epidemiology (Rothman, Greenland & Lash 2008,
    Modern Epidemiology, 3rd ed., ch. 3); for its interval see :func:`rate_ci`, for an age-adjusted
    rate :func:`standardized_rate`.

    263 victims rescued in 2019-H1 in Cambodia (15,552,211 people in the 2019 census):

    >>> round(rate(263, 15_552_211), 2)
    1.69
    """
    return _call(_k.rate, count, population, per, threads=threads)


@overload
def rate_ci(count: _Scalar, population: _Scalar, per: _Scalar = 100_000, level: _Scalar = 0.95,
            method: _PoissonMethod = "exact", *, threads: Optional[int] = None) -> Tuple[float, float]: ...


@overload
def rate_ci(count: ArrayLike, population: ArrayLike, per: ArrayLike = 100_000, level: ArrayLike = 0.95,
            method: _PoissonMethod = "exact", *, threads: Optional[int] = None) -> Tuple[_Array, _Array]: ...


def rate_ci(count: ArrayLike, population: ArrayLike, per: ArrayLike = 100_000, level: ArrayLike = 0.95,
            method: _PoissonMethod = "exact", *,
            threads: Optional[int] = None) -> Union[Tuple[float, float], Tuple[_Array, _Array]]:
    """Confidence interval ``(lower, upper)`` of a rate ``count / population * per``.

    The :func:`poisson_ci` of ``count`` (``method`` ``"exact"``, Garwood 1936, Biometrika 28:437-442,
    by default, or ``"byar"``) times ``per / population``: the population is taken as known and the
    count as Poisson. Raises :class:`tipstats.DomainError` as :func:`rate` and :func:`poisson_ci` do.

    >>> lo, hi = rate_ci(263, 15_552_211)
    >>> round(lo, 2), round(hi, 2)
    (1.49, 1.91)
    """
    return _call(_k.rate_ci, count, population, per, level, method=method, threads=threads)


class _Result(VersionedState):
    """Shared behaviour of result objects: ``to_dict``, repr, HTML repr and versioned pickling."""

    def to_dict(self) -> Dict[str, Any]:
        """The fields as a plain dict, in their order.

        >>> change_ci(263, 106).to_dict()
        {'percent_change': 148.11..., 'lower': 97.29..., 'upper': 213.89..., 'p_value': 1.60...e-16, 'level': 0.95}
        """
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @staticmethod
    def _format(value: Any) -> str:
        if isinstance(value, (float, np.floating)):
            return f"{value:.6g}"
        if isinstance(value, np.ndarray):
            return np.array2string(value, precision=6, threshold=8)
        return repr(value)

    def __repr__(self) -> str:
        body = ", ".join(f"{name}={self._format(value)}" for name, value in self.to_dict().items())
        return f"{type(self).__name__}({body})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(name)}</th><td>{html.escape(self._format(value))}</td></tr>"
            for name, value in self.to_dict().items())
        return f"<table><caption>{type(self).__name__}</caption>{rows}</table>"


class _Unpacks(_Result):
    """A result that also unpacks as a tuple of its leading fields, e.g. ``ratio, lower, upper = ...``."""

    _unpacked: Tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Any]:
        return iter(tuple(getattr(self, name) for name in self._unpacked))

    def __len__(self) -> int:
        return len(self._unpacked)

    def __getitem__(self, i: int) -> Any:
        return tuple(self)[i]


@dataclass(frozen=True, repr=False, eq=False)
class RateRatio(_Unpacks):
    """Ratio of two Poisson rates, the result of :func:`rate_ratio`; unpacks as ``(ratio, lower, upper)``.

    ``ratio`` is ``(x1/t1) / (x2/t2)``, ``lower`` and ``upper`` its exact conditional confidence
    interval at ``level``, ``p_value`` the two-sided exact test of ``ratio = 1``. Fields are floats
    for scalar input and arrays for array input.
    """

    ratio: Any
    lower: Any
    upper: Any
    p_value: Any
    level: float
    _unpacked = ("ratio", "lower", "upper")


@dataclass(frozen=True, repr=False, eq=False)
class Change(_Unpacks):
    """A percent change between two counts, the result of :func:`change_ci`; unpacks as
    ``(percent_change, lower, upper)``.

    ``percent_change`` is ``100 (current / previous - 1)`` in per cent, ``lower`` and ``upper`` its
    confidence interval at ``level`` (per cent), ``p_value`` the two-sided exact test of no change.
    """

    percent_change: Any
    lower: Any
    upper: Any
    p_value: Any
    level: float
    _unpacked = ("percent_change", "lower", "upper")


@dataclass(frozen=True, repr=False, eq=False)
class StandardizedRate(_Unpacks):
    """A directly standardised rate, the result of :func:`standardized_rate`; unpacks as
    ``(rate, lower, upper)``.

    ``rate`` is the age-adjusted rate per ``per`` people, ``lower`` and ``upper`` its gamma confidence
    interval at ``level`` by ``method``, ``crude_rate`` the unadjusted rate (all counts over all
    populations, per ``per``).
    """

    rate: Any
    lower: Any
    upper: Any
    crude_rate: Any
    per: float
    level: float
    method: str
    _unpacked = ("rate", "lower", "upper")


def rate_ratio(x1: ArrayLike, t1: ArrayLike, x2: ArrayLike, t2: ArrayLike, level: float = 0.95, *,
               threads: Optional[int] = None) -> RateRatio:
    """Ratio ``(x1/t1) / (x2/t2)`` of two Poisson rates with the exact conditional interval.

    Given ``x1 + x2``, ``x1`` is binomial with ``p = r t1 / (r t1 + t2)``; the Clopper-Pearson interval
    ``(pL, pU)`` of ``p`` gives ``r = p / (1 - p) * t2 / t1``. ``p_value`` tests ``r = 1`` with the
    two-sided exact binomial test that sums outcomes no more likely than ``x1`` (R's ``poisson.test``,
    ``scipy.stats.binomtest``, statsmodels' ``test_poisson_2indep(method="exact-cond")``).
    Counts must be whole numbers. ``x2 = 0`` gives an infinite ratio and upper end; ``x1 = x2 = 0`` a NaN
    ratio with the interval (0, inf) and p-value 1.

    References: Clopper & Pearson (1934), Biometrika 26:404-413, for the binomial interval; Breslow &
    Day (1987), Statistical Methods in Cancer Research II, IARC Sci Publ 82, sec. 2.4, for the
    conditional method. Bad input raises :class:`tipstats.DomainError` naming the argument.

    Returns a :class:`RateRatio` (``ratio, lower, upper, p_value, level``) that unpacks as
    ``ratio, lower, upper = rate_ratio(...)``.

    263 victims in the six months of 2019-H1 against 106 in the six months of 2018-H1:

    >>> r = rate_ratio(263, 6, 106, 6)
    >>> round(r.ratio, 2), round(r.lower, 2), round(r.upper, 2), r.p_value < 1e-15
    (2.48, 1.97, 3.14, True)
    """
    ratio, lower, upper, p = _call(_k.rate_ratio, x1, t1, x2, t2, level, threads=threads)
    return RateRatio(ratio, lower, upper, p, level)


@dataclass(frozen=True, repr=False, eq=False)
class ChangeRange(_Unpacks):
    """The percent change between counts known only as ranges, the result of :func:`change_ci` on
    published figures; unpacks as ``(percent_change, lower, upper)``.

    ``percent_change`` is the range of point estimates (a :class:`Quantity`), ``lower`` the least and
    ``upper`` the greatest confidence limit at ``level`` over every pair of counts the figures allow,
    and ``p_value`` the range of p-values of the exact test of no change (a Quantity: the largest is
    the one to report).
    """

    percent_change: Quantity
    lower: float
    upper: float
    p_value: Quantity
    level: float
    _unpacked = ("percent_change", "lower", "upper")


@overload
def change_ci(current: _Figure, previous: Union[_Figure, float], level: float = 0.95, *,
              threads: Optional[int] = None) -> ChangeRange: ...


@overload
def change_ci(current: Union[_Figure, float], previous: _Figure, level: float = 0.95, *,
              threads: Optional[int] = None) -> ChangeRange: ...


@overload
def change_ci(current: ArrayLike, previous: ArrayLike, level: float = 0.95, *,
              threads: Optional[int] = None) -> Change: ...


def change_ci(current: Any, previous: Any, level: float = 0.95, *,
              threads: Optional[int] = None) -> Union[Change, ChangeRange]:
    """Percent change between two Poisson counts over periods of equal length, with interval and p-value.

    ``100 (current / previous - 1)``; the interval is ``100 (r - 1)`` for the exact conditional interval
    of the rate ratio ``r`` (:func:`rate_ratio` with equal exposures) and ``p_value`` tests "no change".
    "263 against 105" is +150.5 % with a 95 % interval of about +99 % to +217 %. References as
    :func:`rate_ratio`: Clopper & Pearson (1934), Biometrika 26:404-413; Breslow & Day (1987), IARC
    Sci Publ 82. ``previous`` must be positive; bad input raises :class:`tipstats.DomainError`.

    Returns a :class:`Change` that unpacks as ``change, lower, upper = change_ci(...)``.

    Either count may be a published figure (a :class:`Quantity` or its text, e.g. the baseline
    :func:`check_claim` gives): the result is then a :class:`ChangeRange`, computed at every pair of
    whole counts the figures allow (their ends only when a range holds over 2,000 counts). A previous
    figure that may be 0 (``"<5"``) leaves the change and its interval open above.

    263 victims rescued in 2019-H1 against about 106 a year earlier:

    >>> change, lower, upper = change_ci(263, 106)
    >>> round(change, 1), round(lower, 1), round(upper, 1)
    (148.1, 97.3, 213.9)

    Against what "an increase of nearly 150 per cent" leaves of the year before (106 to 111):

    >>> r = change_ci(263, check_claim("an increase of nearly 150 per cent", current=263).baseline)
    >>> [round(end, 1) for end in r.percent_change.bounds(integer=False)], round(r.lower, 1), round(r.upper, 1)
    ([136.9, 148.1], 89.1, 213.9)
    """
    if not _is_figure(current, previous):
        change, lower, upper, p = _call(_k.change_ci, current, previous, level, threads=threads)
        return Change(change, lower, upper, p, level)
    (c_low, c_high), (p_low, p_high) = _figure_bounds(current, "current"), _figure_bounds(previous, "previous")
    for name, high in (("current", c_high), ("previous", p_high)):
        if np.isinf(high):
            raise domain_error(name, "has no upper bound: a change needs both counts bounded")
    if p_high == 0:
        raise domain_error("previous", "must be positive: a change from zero is undefined")
    from_zero = p_low == 0  # a change from 0 is undefined: the upper ends stay open
    pairs = np.array(np.meshgrid(_count_values(c_low, c_high), _count_values(max(p_low, 1.0), p_high))).reshape(2, -1)
    changes, lowers, uppers, ps = _call(_k.change_ci, pairs[0], pairs[1], level, threads=threads)
    change = Quantity.above(float(changes.min())) if from_zero else Quantity.range(float(changes.min()),
                                                                                  float(changes.max()))
    return ChangeRange(change, float(lowers.min()), np.inf if from_zero else float(uppers.max()),
                       Quantity.range(float(ps.min()), float(ps.max())), level)


def standardized_rate(counts: ArrayLike, populations: ArrayLike, standard: ArrayLike, per: float = 100_000,
                      level: float = 0.95, method: _StandardizeMethod = "fay_feuer") -> StandardizedRate:
    """Directly standardised (age-adjusted) rate with a gamma confidence interval.

    With weights ``w_i = standard_i / (populations_i * sum(standard))``, the rate is ``y = Σ w_i x_i``
    and its variance ``v = Σ w_i² x_i``. The lower limit is the gamma quantile
    ``G⁻¹(alpha/2; y²/v, v/y)`` (0 when y = 0); the upper limit is ``G⁻¹(1 - alpha/2; y*²/v*, v*/y*)`` with

    ``"fay_feuer"`` (default)
        ``y* = y + w_M``, ``v* = v + w_M²``, ``w_M = max w_i``: Fay & Feuer (1997), Stat Med 16:791-801,
        as in NCI's SEER*Stat and R's ``epitools::ageadjust.direct``.
    ``"tiwari"``
        ``y* = y + mean(w_i)``, ``v* = v + mean(w_i²)``: Tiwari, Clegg & Zou (2006), Stat Methods Med
        Res 15:547-569 (``asht::wspoissonTest(wmtype="tcz")``); less conservative.

    ``counts``, ``populations`` and ``standard`` hold one element per stratum along their last axis and
    broadcast over the leading axes: 2-D ``counts`` and ``populations`` (groups x strata) with a 1-D
    ``standard`` give one rate per group, as arrays. Returns a :class:`StandardizedRate` (also
    ``crude_rate``) that unpacks as ``rate, lower, upper``. A bad element raises DomainError whose
    ``index`` is its stratum, or ``(group..., stratum)`` for several groups.

    Victims by age group (0-14, 15-17, 18 and over) against illustrative populations of those groups
    and a standard population's shares of them:

    >>> r = standardized_rate([70, 31, 162], [4_600_000, 1_000_000, 9_950_000], [0.30, 0.07, 0.63])
    >>> round(r.rate, 3), round(r.lower, 3), round(r.upper, 3), round(r.crude_rate, 3)
    (1.699, 1.5, 1.918, 1.691)
    """
    names = ("counts", "populations", "standard")
    arrays = [np.asarray(a, dtype=np.float64) for a in (counts, populations, standard)]
    for name, a in zip(names, arrays):
        if a.ndim == 0 or a.shape[-1] != arrays[0].shape[-1]:
            raise domain_error(name, f"needs one element per stratum along its last axis; shapes are "
                                      f"{', '.join(f'{n} {b.shape}' for n, b in zip(names, arrays))}")
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        raise domain_error("populations", f"groups do not broadcast: {[a.shape for a in arrays]}") from None
    groups = shape[:-1]
    rows = [np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1, shape[-1]) for a in arrays]
    results = np.empty((len(rows[0]), 4))
    for g, (c, p, s) in enumerate(zip(*rows)):
        try:
            results[g] = _k.standardized_rate(c, p, s, float(per), float(level), method)
        except DomainError as error:
            if not groups or error.index is None:
                raise
            where = tuple(int(i) for i in np.unravel_index(g, groups)) + (error.index,)
            message = str(error).split(": ", 1)[-1]
            raise domain_error(error.argument, message, where) from None
    fields_ = [results[:, j].reshape(groups) if groups else float(results[0, j]) for j in range(4)]
    return StandardizedRate(*fields_, float(per), float(level), method)


@dataclass(frozen=True, repr=False, eq=False)
class ClaimCheck(_Result):
    """The verdict of :func:`check_claim`.

    ``consistent`` is True/False, or None when the counts given cannot decide. ``exact_change`` is the
    exact percentage (the change, or the share) when both counts are known. ``baseline_range`` is the
    (lowest, highest) whole previous count that fits a change claim, or the whole totals that fit a
    share claim given its part (``inf``: no upper limit); ``part_range`` the parts that fit a share claim
    given its total. ``denominators`` lists, when no count is given, the smallest totals (for a
    change, previous counts) for which some whole part (current count) fits the wording; it is empty
    otherwise. ``admitted`` is the range of true percentages the wording admits, as
    ``(low, high, low_closed, high_closed)``; ``tolerance`` the qualifier's tolerance (relative for
    vague qualifiers, half a unit of the last digit written when there is none).
    """

    claim: str
    kind: str
    direction: Optional[str]
    qualifier: str
    stated: float
    admitted: Tuple[float, float, bool, bool]
    tolerance: float
    consistent: Optional[bool]
    exact_change: Optional[float]
    baseline_range: Optional[Tuple[float, float]]
    part_range: Optional[Tuple[float, float]]
    denominators: Tuple[int, ...]
    explanation: str

    def __str__(self) -> str:
        return self.explanation

    @property
    def baseline(self) -> Optional[Quantity]:
        """``baseline_range`` as a :class:`Quantity` (``Quantity('106-111')``), ready to store as the
        figure of the earlier period or to pass to :func:`change_ci`; None when there is none.

        >>> check_claim("an increase of nearly 150 per cent", current=263).baseline
        Quantity('106-111')
        """
        if self.baseline_range is None:
            return None
        low, high = self.baseline_range
        return Quantity.from_bounds(low, high, integer=True)


def check_claim(claim: str, current: Optional[float] = None, previous: Optional[float] = None, *,
                part: Optional[float] = None, total: Optional[float] = None) -> ClaimCheck:
    """Check a reported percentage against counts.

    ``claim`` is the wording, e.g. ``"an increase of nearly 150 per cent"`` (a change: it needs a
    direction word such as increase, rise, up, more; decrease, fall, drop, down, fewer) or
    ``"arrests in 86 per cent of cases"`` (a share: no direction word). Give ``current`` (and, if known,
    ``previous``) for a change; ``part`` and/or ``total`` for a share.

    The qualifier in front of the number sets the admitted true values ``v`` (``s`` the stated figure;
    for a change, ``v`` is the size of the change; tolerance ``CLAIM_TOLERANCE`` = 10 % of ``s``):

    ============================================================  ==================================
    qualifier (synonyms)                                          admits
    ============================================================  ==================================
    none, exactly                                                 ``v`` rounds to ``s`` as written:
                                                                  ``s - h <= v < s + h``, ``h`` half a
                                                                  unit of the last digit (0.5 for 86)
    nearly, almost, close to, just under, approaching             ``0.9 s <= v < s``
    about, around, approximately, roughly, some, circa            ``0.9 s <= v <= 1.1 s``
    more than, over, above, exceeding, upwards of, in excess of   ``v > s``
    just over, just above, slightly more than                     ``s < v <= 1.1 s``
    less than, under, below, fewer than                           ``v < s``
    at least, no less than                                        ``v >= s``
    at most, up to, no more than                                  ``v <= s``
    ============================================================  ==================================

    Without any count, the check lists the ``denominators``: the 10 smallest totals n (up to a
    million) for which some whole part x makes ``100 x / n`` a value the wording admits (for a
    change, the previous counts for which some whole current count does). A share reported as "86
    per cent" cannot come from 15 cases, for instance: no x / 15 lies in [85.5, 86.5) %. Pass them,
    or any plausible totals, to :func:`proportion_ci_range`. This is the arithmetic of granularity
    checks on reported figures (Brown & Heathers 2017, the GRIM test, Soc Psychol Personal Sci
    8:363-369).

    >>> r = check_claim("an increase of nearly 150 per cent", current=263)
    >>> r.baseline_range
    (106.0, 111.0)
    >>> check_claim("an increase of nearly 150 per cent", 263, 105).consistent   # +150.5 %: over, not nearly
    False
    >>> check_claim("arrests in 86 per cent of cases").denominators
    (7, 14, 21, 22, 28, 29, 35, 36, 37, 42)
    """
    d = _k.check_claim(claim, current, previous, part, total)
    return ClaimCheck(claim=claim, kind=d["kind"], direction=d["direction"], qualifier=d["qualifier"],
                      stated=d["stated"], admitted=d["admitted"], tolerance=d["tolerance"],
                      consistent=d["consistent"], exact_change=d["exact"], baseline_range=d["baseline_range"],
                      part_range=d["part_range"], denominators=tuple(d["denominators"]),
                      explanation=d["explanation"])


@dataclass(frozen=True, repr=False, eq=False)
class ProportionRange(_Unpacks):
    """Confidence intervals of a share across plausible totals, the result of :func:`proportion_ci_range`;
    unpacks as ``(lowest, highest)``.

    One element per total in ``n`` (whole numbers): ``part_low`` and ``part_high`` are the least
    and greatest whole parts that fit the share, ``lower`` and ``upper`` the lowest lower and highest
    upper end of their intervals at ``level`` by ``method`` (all NaN where no whole part fits, as
    ``fits`` says). ``lowest`` and ``highest`` span every total that fits (NaN when none does).
    """

    lowest: float
    highest: float
    share: Union[float, str]
    n: NDArray[np.int64]
    part_low: _Array
    part_high: _Array
    lower: _Array
    upper: _Array
    level: float
    method: str
    _unpacked = ("lowest", "highest")

    @property
    def fits(self) -> NDArray[np.bool_]:
        """True for each total of which some whole part fits the share."""
        return ~np.isnan(self.part_low)

    def to_pandas(self) -> Any:
        """One row per total: ``n``, ``part_low``, ``part_high``, ``lower``, ``upper``, ``fits``.

        >>> proportion_ci_range("86 per cent", n=[14, 15, 70]).to_pandas().round(3)
            n  part_low  part_high  lower  upper   fits
        0  14      12.0       12.0  0.601  0.960   True
        1  15       NaN        NaN    NaN    NaN  False
        2  70      60.0       60.0  0.757  0.921   True
        """
        import pandas as pd  # noqa: PLC0415 - pandas only for this view

        return pd.DataFrame({"n": self.n, "part_low": self.part_low, "part_high": self.part_high,
                             "lower": self.lower, "upper": self.upper, "fits": self.fits})


def _parts_nearest(share: Union[float, str], totals: _Array) -> Tuple[_Array, _Array]:
    """The least and greatest whole part of each total that fits `share` (NaN where none does)."""
    if isinstance(share, str):
        low, high = _k.claim_parts(share, totals, indexed=True)
        return low, high
    if isinstance(share, (bool, np.bool_)) or not isinstance(share, (int, float, np.integer, np.floating)) \
            or not 0 <= float(share) <= 1:
        hint = " (a percentage? pass 0.86 for 86 per cent)" if isinstance(share, (int, float)) and share > 1 else ""
        raise domain_error("share", f"must be a number in [0, 1] or the wording of a share claim, not {share!r}{hint}")
    nearest = float(share) * totals
    return np.ceil(nearest - 0.5), np.floor(nearest + 0.5)


def proportion_ci_range(share: Union[float, str], n: ArrayLike, level: float = 0.95,
                        method: _ProportionMethod = "wilson", *, threads: Optional[int] = None) -> ProportionRange:
    """Confidence intervals of a reported share when its total is not known, across plausible totals.

    "Arrests in 86 per cent of cases" gives no n; each plausible total gives an interval, and the
    union of those intervals is what the report supports. ``share`` is either

    - the wording of a share claim (``"86 per cent"``, ``"about 86 %"``; see :func:`check_claim`):
      for each total, the whole parts whose share the wording admits (60 of 70 for "86 per cent");
    - a number in [0, 1]: the whole part nearest ``share * n`` (both, at a tie).

    ``n`` holds whole totals >= 1, e.g. ``check_claim(...).denominators`` or ``range(50, 101)``.
    For each total, ``lower`` and ``upper`` are the lowest and highest ends of
    :func:`proportion_ci` over the parts that fit, i.e. the lower end for the least part and the
    upper end for the greatest (``method``: Wilson 1927 by default; Clopper &
    Pearson 1934 for ``"exact"``; see Brown, Cai & DasGupta 2001, Stat Sci 16:101-133); a total
    that no whole part fits gives NaN. If the true total is among ``n`` and the wording is honest,
    ``(lowest, highest)`` contains the interval of the true count, so it covers the true proportion
    at least as often as that interval does: a conservative statement, the widest the plausible
    totals allow. Bad input raises :class:`tipstats.DomainError` naming ``share``, ``n`` (with the
    index of the first bad total) or the interval's arguments.

    >>> check_claim("arrests in 86 per cent of cases").denominators[:4]
    (7, 14, 21, 22)
    >>> r = proportion_ci_range("arrests in 86 per cent of cases", n=range(50, 101))
    >>> round(r.lowest, 3), round(r.highest, 3)
    (0.738, 0.932)
    >>> lowest, highest = proportion_ci_range(0.86, n=[50, 70, 100], method="exact")
    >>> round(lowest, 3), round(highest, 3)
    (0.733, 0.942)
    """
    totals = np.asarray(n, dtype=np.float64).reshape(-1)
    if totals.size == 0:
        raise domain_error("n", "give at least one plausible total")
    bad = ~np.isfinite(totals) | (totals < 1) | (totals != np.floor(totals))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise domain_error("n", f"totals must be whole numbers of at least 1, got {totals[first]!r}", first)
    _call(_k.proportion_ci, 1, 2, level, method=method, weighted=False)  # level and method, checked once
    part_low, part_high = _parts_nearest(share, totals)
    fits = ~np.isnan(part_low)
    lower = np.full(totals.size, np.nan)
    upper = np.full(totals.size, np.nan)
    if fits.any():
        # Both ends rise with the part for every method (Wald and Agresti-Coull once clipped to [0, 1]:
        # where their lower end falls with x it is below 0), so the least part gives the lowest lower end
        # and the greatest part the highest upper end.
        lower[fits] = _call(_k.proportion_ci, part_low[fits], totals[fits], level, method=method, weighted=False,
                            threads=threads)[0]
        upper[fits] = _call(_k.proportion_ci, part_high[fits], totals[fits], level, method=method, weighted=False,
                            threads=threads)[1]
    return ProportionRange(lowest=float(np.nanmin(lower)) if fits.any() else float("nan"),
                           highest=float(np.nanmax(upper)) if fits.any() else float("nan"),
                           share=share if isinstance(share, str) else float(share), n=totals.astype(np.int64),
                           part_low=part_low, part_high=part_high, lower=lower, upper=upper, level=float(level),
                           method=method)
