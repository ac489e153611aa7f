"""What every result of tipstats.mse shares: a short repr, an HTML view, a dict, versioned pickling and
a one-line ``summary()`` table (estimate, interval, model, method, reference)."""

from __future__ import annotations

import dataclasses
import html
from typing import Any, ClassVar, Dict, List, Sequence, Tuple

import numpy as np
import pandas as pd

from .._core import DomainError
from .._display import VersionedState, html_table

SUMMARY_COLUMNS = ["estimate", "lower", "upper", "level", "model", "method", "reference"]


def format_value(value: Any) -> str:
    """Numbers to 6 significant digits, tuples and lists element by element."""
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(format_value(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return repr(value)


def plain(value: Any) -> Any:
    """A field as plain Python data: Series and DataFrames as dicts, arrays as lists."""
    if isinstance(value, pd.Series):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, pd.DataFrame):
        return {str(c): plain(value[c]) for c in value.columns}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def frame_html(frame: pd.DataFrame, caption: str) -> str:
    """A small DataFrame as an HTML table (numbers to one decimal, or four significant digits below 1)."""

    def cell(v: Any) -> Any:
        if isinstance(v, (float, np.floating)):
            return f"{v:,.1f}" if abs(v) >= 1 else f"{v:.4g}"
        return v

    rows = [[index] + [cell(v) for v in row] for index, row in zip(frame.index, frame.itertuples(index=False))]
    return html_table([""] + [str(c) for c in frame.columns], rows, caption)


def summary_frame(rows: Sequence[Sequence[Any]], index: Sequence[str]) -> pd.DataFrame:
    """The ``summary()`` table: one row per estimate."""
    return pd.DataFrame([list(r) for r in rows], columns=SUMMARY_COLUMNS, index=list(index))


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class Result(VersionedState):
    """Base of the result classes: subclasses name the fields shown in the repr (``_SHOWN``) and
    build the summary table."""

    _SHOWN: ClassVar[Tuple[str, ...]] = ()

    def to_dict(self) -> Dict[str, Any]:
        """The fields as plain Python data (Series and DataFrames as dicts, arrays as lists).

        >>> d = ts.mse.loglinear(ts.datasets.mse("Artificial_3")).to_dict()
        >>> round(d["total"], 1), d["interactions"]
        (539.1, ())
        """
        return {f.name: plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    def summary(self, level: float = 0.95) -> pd.DataFrame:  # pragma: no cover - every subclass defines it
        """The estimate, its interval at ``level``, the model, the method and the reference, as a
        one-row table (one row per model for tables of models).

        >>> ts.mse.loglinear(ts.datasets.mse("Artificial_3")).summary()[["estimate", "method"]].round(1)
                    estimate method
        log-linear     539.1  fixed
        """
        raise NotImplementedError

    def _shown(self) -> List[Tuple[str, Any]]:
        """The fields of the repr; a method (such as ``interval``) is shown with its default value."""
        shown = []
        for name in self._SHOWN:
            value = getattr(self, name)
            if callable(value):
                try:
                    value = value()
                except DomainError as error:  # e.g. a BCa interval that is not defined
                    value = f"undefined: {error}"
            shown.append((name, value))
        return shown

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={format_value(value)}" for name, value in self._shown())
        return f"{type(self).__name__}({fields})"

    def _details_html(self) -> str:
        return ""

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><th style='text-align:left'>{html.escape(name)}</th>"
                       f"<td style='text-align:left'>{html.escape(format_value(value))}</td></tr>"
                       for name, value in self._shown())
        fields = f"<table><caption>{html.escape(type(self).__name__)}</caption>{rows}</table>"
        return f"<div>{fields}{frame_html(self.summary(), 'summary')}{self._details_html()}</div>"
