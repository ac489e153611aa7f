"""tipstats: statistics for research on human trafficking and child abuse.

Partners and the agreements between them, victim counts, rates, intervals and trends that hold up to
scrutiny, and safe publishing of small counts.
"""

from ._core import (
    AgeBand,
    Agreement,
    AgreementRegistry,
    Continuity,
    Coverage,
    Dataset,
    DomainError,
    Error,
    Note,
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
from . import model as _model  # noqa: F401  (adds the notebook views)
from .observations import Finding, Observation, Observations, Quantity, Series
from .tabulate import tabulate

__all__ = [
    "AgeBand",
    "Agreement",
    "AgreementRegistry",
    "Continuity",
    "Coverage",
    "Dataset",
    "DomainError",
    "Error",
    "Finding",
    "Note",
    "NotFoundError",
    "Observation",
    "Observations",
    "ParseError",
    "PartialDate",
    "Partner",
    "PartnerRegistry",
    "Party",
    "Period",
    "Quantity",
    "Series",
    "Signatory",
    "Source",
    "SourceRef",
    "SourceRegistry",
    "StatusChange",
    "Transition",
    "ValidationError",
    "__version__",
    "datasets",
    "fold_name",
    "parse_date",
    "tabulate",
]
