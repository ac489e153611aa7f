"""Notebook views and pickling for the objects that had none: time periods, partial dates, age bands,
quantities, observations, series, findings, sources, the registries and the small parts of agreements
and notes (``_repr_html_``), pickling of
``Observation`` and ``Series``, and a versioned pickle state for the Python result classes.

The compiled classes pickle as ``(version, text)`` (version 1); the Python results pickle as
``{"tipstats_state": 1, <field>: <value>, ...}`` through :class:`VersionedState`, so a pickle from a
later, incompatible layout fails with a clear message rather than building a wrong object.
"""

from __future__ import annotations

import dataclasses
import html
import math
import sys
from typing import Any, Iterable, Sequence

import numpy as np

from ._core import (
    AgeBand,
    AgreementRegistry,
    Finding,
    Note,
    Observation,
    Observations,
    PartialDate,
    Party,
    PartnerRegistry,
    Period,
    Quantity,
    Series,
    Signatory,
    Source,
    SourceRef,
    SourceRegistry,
    StatusChange,
    Transition,
)
from ._errors import parse_error

STATE_VERSION = 1


def _cell(value: Any) -> str:
    return "" if value is None else html.escape(str(value))


def html_table(header: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "") -> str:
    """An HTML table with an optional caption; every cell escaped."""
    head = "".join(f"<th>{_cell(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    caption = f"<caption>{_cell(caption)}</caption>" if caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fields(caption: str, pairs: Iterable[tuple]) -> str:
    rows = "".join(f"<tr><th style='text-align:left'>{_cell(k)}</th><td>{_cell(v)}</td></tr>"
                   for k, v in pairs if v not in (None, ""))
    return f"<table><caption>{_cell(caption)}</caption>{rows}</table>"


def same_value(a: Any, b: Any) -> bool:
    """Equal as values: a NaN equals a NaN, arrays and pandas objects compare element by element (and
    by type), containers item by item; so a result equals its copy from a pickle or another process."""
    pd = sys.modules.get("pandas")  # a pandas object exists only once pandas is loaded: never load it here
    if pd is not None and isinstance(a, (pd.DataFrame, pd.Series, pd.Index)):
        return type(a) is type(b) and a.equals(b)
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
                and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


class ValueEquality:
    """Equality of a dataclass result field by field with :func:`same_value`; the hash takes the text
    and whole-number fields, which equal results share."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            same_value(getattr(self, f.name), getattr(other, f.name)) for f in dataclasses.fields(self))  # type: ignore[arg-type]

    def __hash__(self) -> int:
        values = (getattr(self, f.name) for f in dataclasses.fields(self))  # type: ignore[arg-type]
        return hash((type(self).__qualname__, *(v for v in values if isinstance(v, (str, int)))))


class VersionedState(ValueEquality):
    """Pickling of a frozen dataclass with a version number in its state."""

    def __getstate__(self) -> dict:
        return {"tipstats_state": STATE_VERSION,
                **{f.name: getattr(self, f.name) for f in dataclasses.fields(self)}}  # type: ignore[arg-type]

    def __setstate__(self, state: dict) -> None:
        check_state_version(f"tipstats.{type(self).__name__}", state.get("tipstats_state"))
        for name, value in state.items():
            if name != "tipstats_state":
                object.__setattr__(self, name, value)


def _period_html(self: Period) -> str:
    return _fields(f"Period {self}", [("kind", self.kind), ("start", self.start), ("end", self.end),
                                      ("days", self.days)])


def _partial_date_html(self: PartialDate) -> str:
    return _fields(f"PartialDate {self}", [("earliest", self.earliest), ("latest", self.latest)])


def _age_band_html(self: AgeBand) -> str:
    upper = "no upper limit" if self.upper is None else self.upper
    return _fields(f"AgeBand {self}", [("ages from", self.lower), ("below", upper)])


def _quantity_html(self: Quantity) -> str:
    bounds = self.bounds() if not self.is_missing else None
    return _fields(f"Quantity {self}", [("kind", self.kind), ("bounds", bounds)])


_OBSERVATION_COLUMNS = ("measure", "value", "unit", "period", "area", "offence", "age", "sex", "source")


def _observation_html(self: Observation) -> str:
    row = self.to_dict()
    extra = tuple(self.extra_dimensions)
    return _fields("Observation", [(c, row[c]) for c in _OBSERVATION_COLUMNS + extra + ("note",)])


def _observations_html(self: Observations) -> str:
    columns = _OBSERVATION_COLUMNS + tuple(self.extra_dimensions)
    rows = [[i] + [r.get(c, "all") for c in columns] for i, r in ((i, self[i].to_dict()) for i in range(len(self)))]
    return html_table(("row",) + columns, rows, f"Observations: {len(self)} rows")


def _series_html(self: Series) -> str:
    rows = [(p, q, lo, hi) for p, q, lo, hi in zip(self.periods, self.quantities, self.lower, self.upper)]
    return html_table(("period", "value", "lower", "upper"), rows,
                      f"Series {self.measure} ({self.unit}): {len(self)} periods")


def _source_html(self: Source) -> str:
    return _fields(f"Source {self.id}", [("title", self.title), ("publisher", self.publisher), ("date", self.date),
                                         ("url", self.url)])


def _sources_html(self: SourceRegistry) -> str:
    return html_table(("id", "title", "publisher", "date", "url"),
                      [(s.id, s.title, s.publisher, s.date, s.url) for s in self], f"{len(self)} sources")


def _partners_html(self: PartnerRegistry) -> str:
    return html_table(("id", "name", "acronym", "kind", "country", "part of"),
                      [(p.id, p.name, p.acronym, p.kind, p.country, p.parent_id) for p in self], f"{len(self)} partners")


def _agreements_html(self: AgreementRegistry) -> str:
    return html_table(("id", "kind", "parties", "signed", "start", "end", "term (months)", "renews"),
                      [(a.id, a.kind, ", ".join(a.party_ids), a.signed, a.start, a.end, a.term_months, a.renews)
                       for a in self], f"{len(self)} agreements")


def _finding_html(self: Finding) -> str:
    located = [("lines", ", ".join(map(str, self.lines)))] if self.lines else []
    return _fields(f"Finding: {self.kind}", [("dimension", self.dimension), ("rows", ", ".join(map(str, self.rows)))]
                   + located + [("message", self.message)])


def _note_html(self: Note) -> str:
    return _fields("Note", [("text", self.text), ("sources", ", ".join(ref.source for ref in self.sources))])


def _party_html(self: Party) -> str:
    return _fields("Party", [("partner", self.partner_id), ("role", self.role)])


def _signatory_html(self: Signatory) -> str:
    return _fields("Signatory", [("name", self.name), ("title", self.title), ("for", self.partner_id)])


def _source_ref_html(self: SourceRef) -> str:
    return _fields("Source reference", [("source", self.source), ("quote", self.quote)])


def _status_change_html(self: StatusChange) -> str:
    return _fields("Status change", [("status", self.status), ("date", self.date), ("note", self.note)])


def _transition_html(self: Transition) -> str:
    return _fields("Transition", [("from", self.from_id), ("to", self.to_id), ("gap (days)", self.gap_days),
                                  ("overlap (days)", self.overlap_days)])


def _observation_from_state(version: int, csv_text: str) -> Observation:
    check_state_version("tipstats.Observation", version)
    return Observations.from_csv_text(csv_text)[0]


def _series_from_state(version: int, measure: str, unit: str, periods: list, values: list, lower: list,
                       upper: list) -> Series:
    check_state_version("tipstats.Series", version)
    return Series(measure, unit, periods, values, lower=lower, upper=upper)


def check_state_version(name: str, version: Any) -> None:
    """The ParseError the compiled classes raise for a pickle of another state version."""
    if version != STATE_VERSION:
        raise parse_error(f"cannot unpickle {name}: state version {version!r}, this tipstats reads version "
                          f"{STATE_VERSION}")


def _observation_reduce(self: Observation) -> tuple:
    one = Observations(dimensions=list(self.extra_dimensions))
    row = self.to_dict()
    one.add(row["measure"], _quantity_argument(self.value), row["period"], unit=row["unit"], area=row["area"],
            offence=row["offence"], age=row["age"], sex=row["sex"], source=row["source"], note=row["note"],
            **self.extra_dimensions)
    return _observation_from_state, (STATE_VERSION, one.to_csv_text())


def _quantity_argument(q: Quantity) -> Any:
    return None if q.is_missing else str(q)


def _series_reduce(self: Series) -> tuple:
    """A series keeps its measure, unit, periods, values and bounds; the filters that selected it are not kept."""
    return _series_from_state, (STATE_VERSION, self.measure, self.unit, [str(p) for p in self.periods],
                                [_quantity_argument(q) for q in self.quantities], self.lower.tolist(),
                                self.upper.tolist())


Period._repr_html_ = _period_html
PartialDate._repr_html_ = _partial_date_html
AgeBand._repr_html_ = _age_band_html
Quantity._repr_html_ = _quantity_html
Observation._repr_html_ = _observation_html
Observations._repr_html_ = _observations_html
Series._repr_html_ = _series_html
Source._repr_html_ = _source_html
SourceRegistry._repr_html_ = _sources_html
PartnerRegistry._repr_html_ = _partners_html
AgreementRegistry._repr_html_ = _agreements_html
Finding._repr_html_ = _finding_html
Note._repr_html_ = _note_html
Party._repr_html_ = _party_html
Signatory._repr_html_ = _signatory_html
SourceRef._repr_html_ = _source_ref_html
StatusChange._repr_html_ = _status_change_html
Transition._repr_html_ = _transition_html
def _same_state(self: object, other: object) -> bool:
    """Observations and series are equal when their pickled states are: the same rows, values and bounds."""
    return type(other) is type(self) and same_value(self.__reduce__()[1], other.__reduce__()[1])


def _observation_hash(self: Observation) -> int:
    return hash(_observation_reduce(self)[1])


def _series_hash(self: Series) -> int:
    return hash((self.measure, self.unit, tuple(str(p) for p in self.periods)))


Observation.__reduce__ = _observation_reduce
Series.__reduce__ = _series_reduce
Observation.__eq__ = _same_state
Series.__eq__ = _same_state
Observation.__hash__ = _observation_hash
Series.__hash__ = _series_hash
