"""Publishing tables of victim counts without exposing anyone.

- `suppress` and `audit`: cell suppression of tables with totals, and the linear-programming attack
  that checks no withheld cell can be narrowed below the threshold;
- `k_anonymity`, `generalize_age`, `generalize_year`: record-level data such as CTDC's;
- `noisy_counts`: differentially private counts (geometric or Laplace mechanism);
- `protect`: the one entry point tabulations and the command line call; `complete` adds the
  combinations without records as zeros before it;
- `publication_table`: the protected table laid out for a report, withheld cells marked, with a
  footnote, as CSV, Excel or HTML; `sparse_advice` says when too much of a table is withheld.

See docs/privacy.md for when each fits, the threat model and the references.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Literal, Optional, Tuple

import pandas as pd

from .._errors import domain_error
from ._kanon import CTDC_K, KAnonymity, generalize_age, generalize_year, k_anonymity
from ._noise import MECHANISMS, NoisyCounts, noisy_counts
from ._publish import PublicationTable, publication_table, sparse_advice
from ._suppress import Audit, audit, suppress
from ._table import Columns, complete

if TYPE_CHECKING:
    import argparse

PROTECTIONS = (None, "suppress", "noise")


def protect(table: pd.DataFrame, by: Columns, method: Optional[Literal["suppress", "noise"]] = None,
            **options: Any) -> pd.DataFrame:
    """A table of counts made safe to publish by `method`, for `tabulate(..., protect=method)`.

    - None: the table unchanged (a copy);
    - "suppress": `suppress(table, by, **options)` (threshold=10 and margins=True unless given);
    - "noise": `noisy_counts(table, by=by, **options).table`; `epsilon` is required, since the privacy
      budget is a decision the publisher must make.

    The DataFrame's `attrs["tipstats.privacy"]` records the method and its parameters. The methods
    and their references: :func:`suppress` (Kelly, Golden & Assad 1992, Networks 22:397-417) and
    :func:`noisy_counts` (Ghosh, Roughgarden & Sundararajan 2009). An unknown method, or options
    without a method, raise :class:`tipstats.DomainError` naming ``protect``.

    Victims rescued in 2019-H1 by age (70 under 15, 31 aged 15 to 17, as in the seed article) and
    an illustrative split by sex:

    >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
    ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    >>> published = protect(table, ["age", "sex"], "suppress")
    >>> published.attrs["tipstats.privacy"]
    {'method': 'suppress', 'threshold': 10.0, 'cost': 'value'}
    >>> int(published["count"].isna().sum())
    6
    """
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


def add_protect_arguments(parser: argparse.ArgumentParser) -> None:
    """Add `--protect suppress|noise`, `--threshold`, `--epsilon` and `--seed` to an argparse parser.

    For your own command-line tools that print tables of counts (as ``tipstats tabulate`` does);
    pair with :func:`protect_from_arguments`. The options choose :func:`suppress` (Kelly, Golden &
    Assad 1992) or :func:`noisy_counts` (Ghosh, Roughgarden & Sundararajan 2009); without
    ``--protect`` nothing is protected. The options go into a group of their own.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="victims-table")
    >>> add_protect_arguments(parser)
    >>> args = parser.parse_args(["--protect", "suppress", "--threshold", "5"])
    >>> args.protect, args.threshold, args.epsilon
    ('suppress', 5.0, None)
    """
    group = parser.add_argument_group("disclosure control (see docs/privacy.md)")
    group.add_argument("--protect", choices=[m for m in PROTECTIONS if m], default=None,
                       help="withhold small cells (suppress) or add differentially private noise (noise)")
    group.add_argument("--threshold", type=float, default=10,
                       help="with --protect suppress: smallest count published, default 10")
    group.add_argument("--epsilon", type=float, default=None, help="with --protect noise: the privacy budget")
    group.add_argument("--seed", type=int, default=None, help="with --protect noise: reproducible noise (not for releases)")


def protect_from_arguments(table: pd.DataFrame, by: Columns, arguments: argparse.Namespace) -> pd.DataFrame:
    """:func:`protect` with the options that :func:`add_protect_arguments` added and argparse parsed.

    ``--protect suppress`` calls :func:`suppress` (Kelly, Golden & Assad 1992) with ``--threshold``;
    ``--protect noise`` calls :func:`noisy_counts` (Ghosh, Roughgarden & Sundararajan 2009) with
    ``--epsilon`` and ``--seed``, and raises :class:`tipstats.DomainError` naming ``epsilon`` when
    it is missing; no ``--protect`` gives a copy of the table.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="victims-table")
    >>> add_protect_arguments(parser)
    >>> table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
    ...                       "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    >>> args = parser.parse_args(["--protect", "suppress", "--threshold", "5"])
    >>> protect_from_arguments(table, ["age", "sex"], args)["suppressed"].value_counts().to_dict()
    {'': 8, 'secondary': 3, 'primary': 1}
    """
    method, options = _options_from_arguments(arguments)
    return protect(table, by, method, **options)


def _options_from_arguments(arguments: argparse.Namespace) -> Tuple[Optional[Literal["suppress", "noise"]],
                                                                    Dict[str, Any]]:
    """The method and options of :func:`protect` that the parsed ``--protect`` options ask for."""
    if arguments.protect == "suppress":
        return "suppress", {"threshold": arguments.threshold}
    if arguments.protect == "noise":
        if arguments.epsilon is None:
            raise domain_error("epsilon", "--protect noise needs --epsilon, the privacy budget")
        return "noise", {"epsilon": arguments.epsilon, "seed": arguments.seed}
    return None, {}


__all__ = [
    "Audit",
    "CTDC_K",
    "KAnonymity",
    "MECHANISMS",
    "NoisyCounts",
    "PROTECTIONS",
    "PublicationTable",
    "add_protect_arguments",
    "audit",
    "complete",
    "generalize_age",
    "generalize_year",
    "k_anonymity",
    "noisy_counts",
    "protect",
    "protect_from_arguments",
    "publication_table",
    "sparse_advice",
    "suppress",
]
