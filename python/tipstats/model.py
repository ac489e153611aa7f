"""Notebook views (``_repr_html_``) of partners, agreements, datasets and partnership results, and
``to_pandas()`` on the partner and agreement registries.

The classes themselves live in the compiled core and are exported by ``tipstats``; this module only
adds these views.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import warnings
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ._core import (AgeBand, Agreement, AgreementRegistry, Continuity, Coverage, Dataset, Observations, Partner,
                    PartnerRegistry, Period, Quantity, Series)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ConsistencyWarning"]


def _today() -> dt.date:
    """The day the notebook views report statuses on (a function, so tests can fix it)."""
    return dt.date.today()


def _cell(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{_cell(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fields(title: str, pairs: Sequence[Tuple[str, object]]) -> str:
    rows = "".join(f"<tr><th style='text-align:left'>{_cell(k)}</th><td>{_cell(v)}</td></tr>"
                   for k, v in pairs if v not in (None, "", []))
    return f"<b>{_cell(title)}</b><table>{rows}</table>"


def _partner_html(self: Partner) -> str:
    return _fields(f"Partner {self.id}", [
        ("name", self.name), ("acronym", self.acronym), ("kind", self.kind), ("country", self.country),
        ("part of", self.parent_id), ("other names", ", ".join(self.other_names)),
        ("focus", ", ".join(self.focus)), ("sources", ", ".join(s.source for s in self.sources))])


def _agreement_html(self: Agreement) -> str:
    return _fields(f"Agreement {self.id}", [
        ("kind", self.kind), ("title", self.title), ("parties", ", ".join(self.party_ids)),
        ("signed", self.signed), ("start", self.start), ("end", self.end), ("term (months)", self.term_months),
        ("renews", self.renews), ("renewal count", self.renewal_count),
        ("status today", self.status_on(_today())),
        ("sources", ", ".join(s.source for s in self.sources))])


def _dataset_html(self: Dataset) -> str:
    today = _today()
    partners = _table(["id", "name", "kind", "country", "part of"],
                      [(p.id, p.name, p.kind, p.country, p.parent_id) for p in self.partners])
    agreements = _table(["id", "kind", "parties", "signed", "term (months)", f"status on {today}"],
                        [(a.id, a.kind, ", ".join(a.party_ids), a.signed, a.term_months, a.status_on(today))
                         for a in self.agreements])
    observations = self.observations
    figures = _table(["measure", "value", "unit", "period", "area", "offence", "age", "sex", "source"],
                     [(o.measure, o.value, o.unit, o.period, o.area, o.offence, o.age, o.sex, o.source)
                      for o in (observations[i] for i in range(len(observations)))])
    return (f"<b>{_cell(self.title or 'Dataset')}</b><p>{len(self.partners)} partners</p>{partners}"
            f"<p>{len(self.agreements)} agreements</p>{agreements}"
            f"<p>{len(observations)} observations</p>{figures}")


def _continuity_html(self: Continuity) -> str:
    rows = [(t.from_id, t.to_id, t.gap_days) for t in self.transitions]
    first, second = self.partner_ids
    return (f"<b>Continuity {_cell(first)} / {_cell(second)}</b>: {_cell(', '.join(self.agreement_ids))}"
            + _table(["from", "to", "gap (days; negative: overlap)"], rows))


def _coverage_html(self: Coverage) -> str:
    return _fields(f"Coverage of {self.window}", [
        ("window (days)", self.window_days), ("certainly covered", self.certain_days),
        ("possibly covered", self.possible_days)])


Partner._repr_html_ = _partner_html
Agreement._repr_html_ = _agreement_html
Dataset._repr_html_ = _dataset_html
Continuity._repr_html_ = _continuity_html
Coverage._repr_html_ = _coverage_html


def _partners_to_pandas(self: PartnerRegistry) -> pd.DataFrame:
    """The partners as a pandas DataFrame: one row per partner, indexed by id; list fields joined with "; ".

    >>> frame = ts.datasets.cambodia_2019().partners.to_pandas()
    >>> frame.loc["aple", ["acronym", "kind", "focus"]].tolist()
    ['APLE', 'ngo', 'trafficking; children']
    """
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    rows = [{"id": p.id, "name": p.name, "acronym": p.acronym, "kind": p.kind, "country": p.country,
             "parent_id": p.parent_id, "other_names": "; ".join(p.other_names), "focus": "; ".join(p.focus),
             "sources": "; ".join(s.source for s in p.sources)} for p in self]
    columns = ["id", "name", "acronym", "kind", "country", "parent_id", "other_names", "focus", "sources"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def _agreements_to_pandas(self: AgreementRegistry, on: Optional[dt.date] = None) -> pd.DataFrame:
    """The agreements as a pandas DataFrame: one row per agreement, indexed by id, with its term as
    date ranges (earliest and latest first and last day) and, if ``on`` is given (a ``datetime.date``),
    its status on that day. Partial signing dates stay text ("2019").

    >>> frame = ts.datasets.cambodia_2019().agreements.to_pandas(on=ts.parse_date("2020-06-01"))
    >>> frame.loc["moi-cpu-2019", ["signed", "end_earliest", "end_latest", "status"]].tolist()
    ['2019', datetime.date(2021, 12, 31), datetime.date(2022, 12, 30), 'active']
    >>> frame["term_months"].tolist()
    [<NA>, <NA>, <NA>, <NA>, 36]
    """
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    def bound(bounds: Optional[Tuple[dt.date, dt.date]], i: int) -> Optional[dt.date]:
        return None if bounds is None else bounds[i]

    rows: List[Dict[str, Any]] = []
    for a in self:
        start, end = a.start_bounds, a.end_bounds
        row = {"id": a.id, "kind": a.kind, "parties": "; ".join(a.party_ids),
               "signed": None if a.signed is None else str(a.signed),
               "start_earliest": bound(start, 0), "start_latest": bound(start, 1),
               "end_earliest": bound(end, 0), "end_latest": bound(end, 1), "term_months": a.term_months,
               "renews": a.renews, "renewal_count": a.renewal_count,
               "sources": "; ".join(s.source for s in a.sources)}
        if on is not None:
            row["status"] = a.status_on(on)
        rows.append(row)
    columns = ["id", "kind", "parties", "signed", "start_earliest", "start_latest", "end_earliest", "end_latest",
               "term_months", "renews", "renewal_count", "sources"] + (["status"] if on is not None else [])
    frame = pd.DataFrame(rows, columns=columns).set_index("id")
    frame["term_months"] = frame["term_months"].astype("Int64")
    return frame


def _dataset_series(self: Dataset, measure: str, **filters: Union[str, AgeBand, None]) -> Series:
    """One measure over time, as ``Observations.series``. Unset offence, age, sex and extra
    dimensions mean their totals; raises NotFoundError when no rows match.

    >>> ts.datasets.cambodia_2019().series("victims_rescued", offence="sexual_assault", age="0-14")
    Series(victims_rescued, 1 periods: 2019-H1: 70)
    """
    return self.observations.series(measure, **filters)


def _dataset_add_observation(self: Dataset, measure: str, value: Union[float, str, Quantity, None],
                             period: Union[str, Period], **fields: Union[str, AgeBand]) -> None:
    """Add one observation (as ``Observations.add``); it must cite a known source, if any
    (ValidationError otherwise), and the dataset is unchanged when it fails.

    >>> ds = ts.datasets.cambodia_2019()
    >>> ds.add_observation("victims_rescued", None, "2018-H1", area="KHM", offence="sexual_assault",
    ...                    source="ppp-2019", note="not published; implied by the claimed increase")
    >>> len(ds.observations)
    5
    """
    row = Observations()
    row.add(measure, value, period, **fields)
    self.add_observations(row)


class ConsistencyWarning(UserWarning):
    """Warned when a loaded dataset's observations are inconsistent (see ``Observations.check()``).

    ``Dataset.load`` and ``Dataset.from_json`` warn with the number and kinds of findings only, never
    the values; turn it into an error with ``warnings.simplefilter("error", ts.ConsistencyWarning)``.
    """


def warn_on_findings(observations: Observations, where: str, remedy: str, stacklevel: int) -> None:
    """Warn (ConsistencyWarning) with the number of ``observations.check()`` findings by kind.

    Counts and kinds only: the findings' messages quote values, which are never logged.
    """
    findings = observations.check()
    if not findings:
        return
    counts = Counter(f.kind for f in findings)
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    warnings.warn(f"{len(findings)} consistency finding(s) in {where} ({kinds}); see {remedy}", ConsistencyWarning,
                  stacklevel=stacklevel + 1)


def _checked(dataset: Dataset) -> Dataset:
    warn_on_findings(dataset.observations, "the observations", "dataset.observations.check()", stacklevel=3)
    return dataset


_compiled_load = Dataset.load
_compiled_from_json = Dataset.from_json


def _load(path: Union[str, os.PathLike[str]]) -> Dataset:
    return _checked(_compiled_load(path))


def _from_json(text: str) -> Dataset:
    return _checked(_compiled_from_json(text))


def _checking(loader: Callable[..., Dataset], compiled: Callable[..., Dataset]) -> staticmethod[..., Dataset]:
    """``loader`` as a static method with the compiled function's docstring, less the signature
    pybind11 writes on its first line (the loader's annotations say it), plus the warning."""
    text = re.sub(r"^\w+\(.*\) -> .*\n", "", compiled.__doc__).strip()
    loader.__doc__ = text + "\n\nWarns (ConsistencyWarning) when ``observations.check()`` finds problems."
    return staticmethod(loader)


Dataset.load = _checking(_load, _compiled_load)
Dataset.from_json = _checking(_from_json, _compiled_from_json)
Dataset.series = _dataset_series
Dataset.add_observation = _dataset_add_observation
PartnerRegistry.to_pandas = _partners_to_pandas
AgreementRegistry.to_pandas = _agreements_to_pandas
