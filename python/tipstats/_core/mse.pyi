"""
Numeric core of tipstats.mse.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['check_table', 'table_from_rows']
def check_table(lists: collections.abc.Sequence[str], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> None:
    """
    Checks a table given as list names and the count of every pattern.
    """
def table_from_rows(lists: collections.abc.Sequence[str], patterns: typing.Annotated[numpy.typing.ArrayLike, numpy.uint32], counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    The count of every pattern (2^k values by bit mask) from rows of (pattern, count); checks them.
    """
