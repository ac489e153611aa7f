"""tipstats: statistics for research on human trafficking and child abuse.

Partners and the agreements between them, victim counts, rates, intervals and trends that hold up to
scrutiny, and safe publishing of small counts.
"""

from ._core import (
    AgeBand,
    DomainError,
    Error,
    NotFoundError,
    ParseError,
    PartialDate,
    Period,
    ValidationError,
    __version__,
    parse_date,
)
from .observations import Finding, Observation, Observations, Quantity, Series
from .tabulate import tabulate

__all__ = [
    "AgeBand",
    "DomainError",
    "Error",
    "Finding",
    "NotFoundError",
    "Observation",
    "Observations",
    "ParseError",
    "PartialDate",
    "Period",
    "Quantity",
    "Series",
    "ValidationError",
    "__version__",
    "parse_date",
    "tabulate",
]
