"""The ``tipstats`` command line.

``tipstats report [FILE] [--date YYYY-MM-DD]`` prints a readable summary of a dataset document
(partners, agreements and their status on a date, renewal chains, notes and sources); without FILE it
uses the bundled example, ``tipstats.datasets.cambodia_2019()``.
"""

import argparse
import datetime as dt
import os
import sys

from . import __version__, datasets
from ._core import Dataset, Error, parse_date


def _bounds_text(bounds):
    if bounds is None:
        return "unknown"
    earliest, latest = bounds
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}..{latest.isoformat()}"


def _term_text(agreement):
    start = "unknown" if agreement.start_bounds is None else (
        str(agreement.start) if agreement.start is not None else f"{agreement.signed} (signing)")
    if agreement.end is not None:
        end = str(agreement.end)
    elif agreement.term_months is not None:
        end = f"{_bounds_text(agreement.end_bounds)} ({agreement.term_months} months)"
    else:
        end = "unknown"
    return f"{start} to {end}"


def _table(rows, indent="  "):
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def render_report(dataset, on):
    """The report as a list of lines: the dataset seen on the date ``on``."""
    lines = [dataset.title or "Untitled dataset", ""]

    partners = list(dataset.partners)
    lines.append(f"Partners ({len(partners)})")
    if partners:
        rows = [("id", "name", "kind", "country", "part of")]
        for p in partners:
            name = p.name + (f" ({p.acronym})" if p.acronym else "")
            rows.append((p.id, name, p.kind, p.country or "-", p.parent_id or "-"))
        lines += _table(rows)
    lines.append("")

    agreements = list(dataset.agreements)
    statuses = dataset.agreements.status_on(on)
    lines.append(f"Agreements ({len(agreements)}), status on {on.isoformat()}")
    if agreements:
        rows = [("id", "kind", "parties", "signed", "term", "status")]
        for a in agreements:
            rows.append((a.id, a.kind, ", ".join(a.party_ids), str(a.signed) if a.signed else "-",
                         _term_text(a), statuses[a.id]))
        lines += _table(rows)
        counts = {}
        for status in statuses.values():
            counts[status] = counts.get(status, 0) + 1
        lines.append("  " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    lines.append("")

    lines.append("Renewal chains")
    seen = set()
    chains = 0
    for a in agreements:
        if a.id in seen or not (a.is_renewal or dataset.agreements.renewed_by(a.id)):
            continue
        chain = dataset.agreements.chain(a.id)
        seen.update(link.id for link in chain)
        chains += 1
        text = " -> ".join(link.id for link in chain)
        if chain[0].is_renewal:
            text = "(an earlier agreement not in the dataset) -> " + text
        lines.append(f"  {text}: {chain[-1].renewal_count} renewal(s)")
    if not chains:
        lines.append("  none recorded")
    lines.append("")

    if dataset.notes:
        lines.append("Notes")
        lines += [f"  - {note.text}" for note in dataset.notes]
        lines.append("")

    sources = list(dataset.sources)
    lines.append(f"Sources ({len(sources)})")
    for s in sources:
        described = ", ".join(x for x in (s.title, s.publisher, str(s.date) if s.date else None, s.url) if x)
        lines.append(f"  {s.id}: {described or 'no description'}")
    return lines


def _report(args):
    dataset = Dataset.load(args.file) if args.file else datasets.cambodia_2019()
    on = parse_date(args.date) if args.date else dt.date.today()
    print("\n".join(render_report(dataset, on)))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tipstats", description="Statistics on partnerships against human "
                                     "trafficking and on victim counts.")
    parser.add_argument("--version", action="version", version=f"tipstats {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser("report", help="summarise a dataset document",
                                 description="Summarise a dataset: partners, agreements and their status, "
                                 "renewal chains. Without FILE, the bundled Cambodia 2019 example.")
    report.add_argument("file", nargs="?", metavar="FILE", help="a tipstats JSON document")
    report.add_argument("--date", metavar="YYYY-MM-DD", help="the day to report statuses on (default: today)")
    report.set_defaults(run=_report)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `tipstats report | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (Error, OSError) as error:
        print(f"tipstats: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
