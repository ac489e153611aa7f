"""Notebook views (``_repr_html_``) of partners, agreements, datasets and partnership results.

The classes themselves live in the compiled core and are exported by ``tipstats``; this module only
adds their HTML form.
"""

import datetime as dt
import html

from ._core import Agreement, Continuity, Coverage, Dataset, Partner

__all__ = []


def _cell(value):
    return "" if value is None else html.escape(str(value))


def _table(header, rows):
    head = "".join(f"<th>{_cell(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fields(title, pairs):
    rows = "".join(f"<tr><th style='text-align:left'>{_cell(k)}</th><td>{_cell(v)}</td></tr>"
                   for k, v in pairs if v not in (None, "", []))
    return f"<b>{_cell(title)}</b><table>{rows}</table>"


def _partner_html(self):
    return _fields(f"Partner {self.id}", [
        ("name", self.name), ("acronym", self.acronym), ("kind", self.kind), ("country", self.country),
        ("part of", self.parent_id), ("other names", ", ".join(self.other_names)),
        ("focus", ", ".join(self.focus)), ("sources", ", ".join(s.source for s in self.sources))])


def _agreement_html(self):
    return _fields(f"Agreement {self.id}", [
        ("kind", self.kind), ("title", self.title), ("parties", ", ".join(self.party_ids)),
        ("signed", self.signed), ("start", self.start), ("end", self.end), ("term (months)", self.term_months),
        ("renews", self.renews), ("renewal count", self.renewal_count),
        ("status today", self.status_on(dt.date.today())),
        ("sources", ", ".join(s.source for s in self.sources))])


def _dataset_html(self):
    today = dt.date.today()
    partners = _table(["id", "name", "kind", "country", "part of"],
                      [(p.id, p.name, p.kind, p.country, p.parent_id) for p in self.partners])
    agreements = _table(["id", "kind", "parties", "signed", "term (months)", f"status on {today}"],
                        [(a.id, a.kind, ", ".join(a.party_ids), a.signed, a.term_months, a.status_on(today))
                         for a in self.agreements])
    return (f"<b>{_cell(self.title or 'Dataset')}</b><p>{len(self.partners)} partners</p>{partners}"
            f"<p>{len(self.agreements)} agreements</p>{agreements}")


def _continuity_html(self):
    rows = [(t.from_id, t.to_id, t.gap_days) for t in self.transitions]
    first, second = self.partner_ids
    return (f"<b>Continuity {_cell(first)} / {_cell(second)}</b>: {_cell(', '.join(self.agreement_ids))}"
            + _table(["from", "to", "gap (days; negative: overlap)"], rows))


def _coverage_html(self):
    return _fields(f"Coverage of {self.window}", [
        ("window (days)", self.window_days), ("certainly covered", self.certain_days),
        ("possibly covered", self.possible_days)])


Partner._repr_html_ = _partner_html
Agreement._repr_html_ = _agreement_html
Dataset._repr_html_ = _dataset_html
Continuity._repr_html_ = _continuity_html
Coverage._repr_html_ = _coverage_html
