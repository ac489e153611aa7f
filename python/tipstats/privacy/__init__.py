"""Publishing tables of victim counts without exposing anyone.

- `suppress` and `audit`: cell suppression of tables with totals, and the linear-programming attack
  that checks no withheld cell can be narrowed below the threshold;
- `k_anonymity`, `generalize_age`, `generalize_year`: record-level data such as CTDC's;
- `noisy_counts`: differentially private counts (geometric or Laplace mechanism);
- `protect`: the one entry point tabulations and the command line call.

See docs/privacy.md for when each fits, the threat model and the references.
"""

from __future__ import annotations

from typing import Optional

import pandas as pd

from .._errors import domain_error
from ._kanon import CTDC_K, KAnonymity, generalize_age, generalize_year, k_anonymity
from ._noise import MECHANISMS, NoisyCounts, noisy_counts
from ._suppress import Audit, audit, suppress

PROTECTIONS = (None, "suppress", "noise")


def protect(table: pd.DataFrame, by, method: Optional[str] = None, **options) -> pd.DataFrame:
    """A table of counts made safe to publish by `method`, for `tabulate(..., protect=method)`.

    - None: the table unchanged (a copy);
    - "suppress": `suppress(table, by, **options)` (threshold=10 and margins=True unless given);
    - "noise": `noisy_counts(table, by=by, **options).table`; `epsilon` is required, since the privacy
      budget is a decision the publisher must make.

    The DataFrame's `attrs["tipstats.privacy"]` records the method and its parameters."""
    if method not in PROTECTIONS:
        raise domain_error("protect", f"must be one of {PROTECTIONS}, not {method!r}")
    if method is None:
        if options:
            raise domain_error("protect", f"options {sorted(options)} need a protection method")
        return table.copy()
    if method == "suppress":
        return suppress(table, by, **options)
    if "epsilon" not in options:
        raise domain_error("epsilon", "protect='noise' needs a privacy budget epsilon > 0")
    return noisy_counts(table, by=by, **options).table


__all__ = [
    "Audit",
    "CTDC_K",
    "KAnonymity",
    "MECHANISMS",
    "NoisyCounts",
    "PROTECTIONS",
    "audit",
    "generalize_age",
    "generalize_year",
    "k_anonymity",
    "noisy_counts",
    "protect",
    "suppress",
]
