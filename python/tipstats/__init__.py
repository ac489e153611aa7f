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
from .stats import (
    CLAIM_TOLERANCE,
    Change,
    ClaimCheck,
    RateRatio,
    StandardizedRate,
    change_ci,
    check_claim,
    implied_baseline,
    percent_change,
    poisson_ci,
    proportion_ci,
    rate,
    rate_ci,
    rate_ratio,
    share,
    standardized_rate,
)

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
    "CLAIM_TOLERANCE",
    "Change",
    "ClaimCheck",
    "RateRatio",
    "StandardizedRate",
    "change_ci",
    "check_claim",
    "implied_baseline",
    "percent_change",
    "poisson_ci",
    "proportion_ci",
    "rate",
    "rate_ci",
    "rate_ratio",
    "share",
    "standardized_rate",
]
