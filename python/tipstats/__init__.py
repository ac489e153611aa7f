"""tipstats: statistics for research on human trafficking and child abuse.

Partners and the agreements between them, victim counts, rates, intervals and trends that hold up to
scrutiny, and safe publishing of small counts.

``import tipstats`` loads numpy and the compiled core only; pandas loads when a function first needs
it, and the submodules ``io``, ``mse`` and ``privacy`` (all built on pandas) on first use.
"""

from typing import TYPE_CHECKING

from ._core import (
    AgeBand,
    Agreement,
    AgreementRegistry,
    Continuity,
    Coverage,
    Dataset,
    DomainError,
    Error,
    FileError,
    FilePermissionError,
    MissingFileError,
    Note,
    NotAFileError,
    NotFoundError,
    ParseError,
    PartialDate,
    Partner,
    PartnerRegistry,
    Party,
    Period,
    Signatory,
    Source,
    SourceRef,
    SourceRegistry,
    StatusChange,
    Transition,
    ValidationError,
    __version__,
    fold_name,
    parse_date,
)
from . import datasets
from . import _display  # notebook views and pickling of the compiled classes
from .model import ConsistencyWarning
from .stats import (
    CLAIM_TOLERANCE,
    Change,
    ClaimCheck,
    ProportionRange,
    RateRatio,
    StandardizedRate,
    change_ci,
    check_claim,
    implied_baseline,
    percent_change,
    poisson_ci,
    proportion_ci,
    proportion_ci_range,
    rate,
    rate_ci,
    rate_ratio,
    share,
    standardized_rate,
)
from .observations import Finding, Observation, Observations, Quantity, Series
from .tabulate import tabulate
from . import trend
from . import _trends  # noqa: F401 - adds Observations.trends

# Submodules loaded on first use (``ts.io.read_glotip``, ``from tipstats import mse``): each imports
# pandas. Type checkers see them as imported.
_LAZY_SUBMODULES = ("io", "mse", "privacy")
if TYPE_CHECKING:
    from . import io, mse, privacy
else:
    def __getattr__(name: str):
        if name in _LAZY_SUBMODULES:
            import importlib

            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(globals()) | set(_LAZY_SUBMODULES))

__all__ = [
    "AgeBand",
    "Agreement",
    "AgreementRegistry",
    "Change",
    "change_ci",
    "check_claim",
    "CLAIM_TOLERANCE",
    "ClaimCheck",
    "Continuity",
    "ConsistencyWarning",
    "Coverage",
    "Dataset",
    "datasets",
    "DomainError",
    "Error",
    "FileError",
    "FilePermissionError",
    "Finding",
    "fold_name",
    "io",
    "mse",
    "implied_baseline",
    "MissingFileError",
    "Note",
    "NotAFileError",
    "NotFoundError",
    "Observation",
    "Observations",
    "parse_date",
    "ParseError",
    "PartialDate",
    "Partner",
    "PartnerRegistry",
    "Party",
    "percent_change",
    "Period",
    "poisson_ci",
    "proportion_ci",
    "proportion_ci_range",
    "ProportionRange",
    "Quantity",
    "rate",
    "rate_ci",
    "rate_ratio",
    "RateRatio",
    "Series",
    "share",
    "Signatory",
    "Source",
    "SourceRef",
    "SourceRegistry",
    "standardized_rate",
    "StandardizedRate",
    "StatusChange",
    "tabulate",
    "Transition",
    "ValidationError",
    "__version__",
    "parse_date",
    "trend",
    "privacy",
]
