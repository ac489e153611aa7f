"""
Numeric core of tipstats.mse.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['bca_quantiles', 'bma', 'bootstrap', 'check', 'check_table', 'closed_models', 'decomposable_graphs', 'loglinear', 'profile_interval', 'profile_log_likelihood', 'stepwise', 'table_from_rows', 'total_interval']
def bca_quantiles(replicates: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], estimate: typing.SupportsFloat | typing.SupportsIndex, acceleration: typing.SupportsFloat | typing.SupportsIndex, probabilities: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    BCa quantiles of bootstrap replicates (SparseMSE's bcaconfvalues).
    """
def bma(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], n_missing: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], delta: typing.SupportsFloat | typing.SupportsIndex, log_prior: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None, threads: typing.SupportsInt | typing.SupportsIndex) -> dict:
    """
    Bayesian model averaging over decomposable graphs (dga's bma.cr).
    """
def bootstrap(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], method: str, interactions: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]], threshold: typing.SupportsFloat | typing.SupportsIndex, n: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex | None, threads: typing.SupportsInt | typing.SupportsIndex) -> dict:
    """
    Bootstrap replicates of the total with the jackknife acceleration (SparseMSE's estimatepopulation).
    """
def check(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], interactions: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]]) -> dict:
    """
    Existence and identifiability of main effects plus the pairs (SparseMSE's checkident).
    """
def check_table(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> None:
    """
    Checks a table given as list names and the count of every pattern.
    """
def closed_models(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> list:
    """
    Every closed-population model of Rcapture's closedp.t.
    """
def decomposable_graphs(lists: collections.abc.Sequence[str]) -> list:
    """
    Every decomposable graph on the lists: edges, cliques, separators (bit masks) and text.
    """
def loglinear(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], interactions: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]]) -> dict:
    """
    The Poisson log-linear fit of main effects plus the pairs.
    """
def profile_interval(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], model: str, level: typing.SupportsFloat | typing.SupportsIndex) -> dict:
    """
    The profile-likelihood interval of Rcapture's closedpCI.t.
    """
def profile_log_likelihood(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], model: str, N: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    The multinomial profile log-likelihood of closedpCI.t at each N.
    """
def stepwise(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], threshold: typing.SupportsFloat | typing.SupportsIndex) -> dict:
    """
    Stepwise selection of two-list terms (SparseMSE's stepwisefit).
    """
def table_from_rows(lists: collections.abc.Sequence[str], patterns: typing.Annotated[numpy.typing.ArrayLike, numpy.uint32], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    The count of every pattern (2^k values by bit mask) from rows of (pattern, count); checks them.
    """
def total_interval(observed: typing.SupportsFloat | typing.SupportsIndex, intercept: typing.SupportsFloat | typing.SupportsIndex, se: typing.SupportsFloat | typing.SupportsIndex, level: typing.SupportsFloat | typing.SupportsIndex) -> tuple[float, float]:
    """
    observed + exp(intercept -+ z se): SparseMSE's interval for the total.
    """
