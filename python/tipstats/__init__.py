"""tipstats: statistics for research on human trafficking and child abuse.

Partners and the agreements between them, victim counts, rates, intervals and trends that hold up to
scrutiny, and safe publishing of small counts.
"""

from ._core import (
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
from . import privacy

__all__ = [
    "DomainError",
    "Error",
    "NotFoundError",
    "ParseError",
    "PartialDate",
    "Period",
    "ValidationError",
    "__version__",
    "parse_date",
    "privacy",
]
