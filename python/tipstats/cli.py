"""The ``tipstats`` command line.

- ``tipstats report [FILE] [--date YYYY-MM-DD]``: a readable summary of a dataset document (partners,
  agreements and their status on a date, renewal chains, observations, their consistency checks and
  the change claims quoted in their notes, notes and sources); without FILE, the bundled example
  ``tipstats.datasets.cambodia_2019()``.
- ``tipstats trend FILE --measure M [--by area ...] [--model negbin]``: annual percent changes
  (log-linear, negative binomial by default) and Mann-Kendall tests of one measure, overall or per
  value of one or more dimensions (``Observations.trends``), censored counts used.
- ``tipstats check FILE``: the consistency findings of a dataset document, a tidy CSV table or a GLOTIP
  export, counted by kind, then the first of each kind with their lines in the file.
- ``tipstats tabulate FILE.csv --by COL [COL ...] [--weights COL] [--protect suppress|noise]``: counts of case
  records, protected for publishing if asked.

Every command takes ``--json`` for pipelines: one JSON document on standard output.
"""

import argparse
import datetime as dt
import json
import math
import os
import re
import sys
import warnings
from collections import Counter

from . import __version__, datasets, io, privacy
from ._core import Dataset, DomainError, Error, NotFoundError, Observations, parse_date
from .model import ConsistencyWarning
from .stats import check_claim
from .tabulate import tabulate

# A change claim quoted in a note: "an increase of nearly 150 per cent", "a fall of 20%".
_CHANGE_CLAIM = re.compile(
    r"\b(?:an?\s+)?(?:increase|rise|growth|decrease|fall|drop|decline|reduction)\s+of\s+(?:[a-z]+\s+){0,3}"
    r"\d+(?:\.\d+)?\s*(?:per\s*cent|percent|%)", re.IGNORECASE)
_DIMENSIONS = ("area", "offence", "age", "sex")
_MODEL_NAMES = {"poisson": "Poisson", "quasi": "quasi-Poisson", "negbin": "negative binomial"}
_DISPERSION = {"poisson": "dispersion", "quasi": "phi", "negbin": "alpha"}
EMPTY = "(empty)"  # the label tabulate gives empty CSV cells


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


def _claims(observations):
    """The change claims quoted in the notes of exact counts, each checked against its count (and the
    same period a year earlier, when the table has it)."""
    rows = [observations[i] for i in range(len(observations))]

    def key(o, period):
        return (o.measure, o.unit, o.area, o.offence, str(o.age), o.sex, str(period))

    exact = {key(o, o.period): o.value.value for o in rows if o.value.is_exact}
    checks = []
    for i, o in enumerate(rows):
        if o.unit != "count" or not o.value.is_exact:
            continue
        for match in _CHANGE_CLAIM.finditer(o.note):
            previous = exact.get(key(o, o.period.shift(years=-1)))
            result = check_claim(match.group(0), current=o.value.value, previous=previous)
            checks.append({"row": i, "measure": o.measure, "period": str(o.period), "claim": match.group(0),
                           "current": o.value.value, "previous": previous, "consistent": result.consistent,
                           "baseline_range": None if result.baseline_range is None else list(result.baseline_range),
                           "explanation": result.explanation})
    return checks


def report_data(dataset, on):
    """The report as plain data (what ``tipstats report --json`` prints): the dataset seen on ``on``."""
    statuses = dataset.agreements.status_on(on)
    agreements = list(dataset.agreements)
    chains, seen = [], set()
    for a in agreements:
        if a.id in seen or not (a.is_renewal or dataset.agreements.renewed_by(a.id)):
            continue
        chain = dataset.agreements.chain(a.id)
        seen.update(link.id for link in chain)
        chains.append({"agreements": [link.id for link in chain], "starts_with_unrecorded": chain[0].is_renewal,
                       "renewals": chain[-1].renewal_count})
    observations = dataset.observations

    def bounds(b):
        return None if b is None else [b[0].isoformat(), b[1].isoformat()]

    return {
        "title": dataset.title,
        "date": on.isoformat(),
        "partners": [{"id": p.id, "name": p.name, "acronym": p.acronym, "kind": p.kind, "country": p.country,
                      "parent_id": p.parent_id} for p in dataset.partners],
        "agreements": [{"id": a.id, "kind": a.kind, "parties": list(a.party_ids),
                        "signed": None if a.signed is None else str(a.signed), "term": _term_text(a),
                        "start_bounds": bounds(a.start_bounds), "end_bounds": bounds(a.end_bounds),
                        "term_months": a.term_months, "status": statuses[a.id]} for a in agreements],
        "renewal_chains": chains,
        "observations": [observations[i].to_dict() for i in range(len(observations))],
        "findings": [{"kind": f.kind, "dimension": f.dimension, "rows": list(f.rows), "message": f.message}
                     for f in observations.check()],
        "claims": _claims(observations),
        "notes": [note.text for note in dataset.notes],
        "sources": [{"id": s.id, "title": s.title, "publisher": s.publisher,
                     "date": None if s.date is None else str(s.date), "url": s.url} for s in dataset.sources],
    }


def render_report(dataset, on):
    """The report as a list of lines: the dataset seen on the date ``on``."""
    data = report_data(dataset, on)
    lines = [data["title"] or "Untitled dataset", ""]

    partners = data["partners"]
    lines.append(f"Partners ({len(partners)})")
    if partners:
        rows = [("id", "name", "kind", "country", "part of")]
        for p in partners:
            name = p["name"] + (f" ({p['acronym']})" if p["acronym"] else "")
            rows.append((p["id"], name, p["kind"], p["country"] or "-", p["parent_id"] or "-"))
        lines += _table(rows)
    lines.append("")

    agreements = data["agreements"]
    lines.append(f"Agreements ({len(agreements)}), status on {data['date']}")
    if agreements:
        rows = [("id", "kind", "parties", "signed", "term", "status")]
        for a in agreements:
            rows.append((a["id"], a["kind"], ", ".join(a["parties"]), a["signed"] or "-", a["term"], a["status"]))
        lines += _table(rows)
        counts = {}
        for a in agreements:
            counts[a["status"]] = counts.get(a["status"], 0) + 1
        lines.append("  " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    lines.append("")

    lines.append("Renewal chains")
    for chain in data["renewal_chains"]:
        text = " -> ".join(chain["agreements"])
        if chain["starts_with_unrecorded"]:
            text = "(an earlier agreement not in the dataset) -> " + text
        lines.append(f"  {text}: {chain['renewals']} renewal(s)")
    if not data["renewal_chains"]:
        lines.append("  none recorded")
    lines.append("")

    observations = data["observations"]
    lines.append(f"Observations ({len(observations)})")
    if observations:
        columns = ("measure", "value", "unit", "period", "area", "offence", "age", "sex", "source")
        rows = [("row",) + columns] + [(str(i),) + tuple(o[c] or "-" for c in columns)
                                       for i, o in enumerate(observations)]
        lines += _table(rows)
        lines.append("")
        lines.append("Consistency checks")
        lines += [f"  {f['kind']}: {f['message']}" for f in data["findings"]] or [
            "  none failed: breakdowns within their totals, age bands disjoint, no duplicates, periods nest"]
        lines.append("")
        lines.append("Claims quoted in the notes")
        for c in data["claims"]:
            verdict = {True: "consistent", False: "INCONSISTENT", None: "needs the previous count"}[c["consistent"]]
            lines.append(f"  row {c['row']} ({c['measure']}, {c['period']}): \"{c['claim']}\": {verdict}")
            lines.append(f"    {c['explanation']}")
        if not data["claims"]:
            lines.append("  none found")
    lines.append("")

    if data["notes"]:
        lines.append("Notes")
        lines += [f"  - {note}" for note in data["notes"]]
        lines.append("")

    sources = data["sources"]
    lines.append(f"Sources ({len(sources)})")
    for s in sources:
        described = ", ".join(x for x in (s["title"], s["publisher"], s["date"], s["url"]) if x)
        lines.append(f"  {s['id']}: {described or 'no description'}")
    return lines


def _number(value, digits=3):
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}g}"


def _print_json(data):
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")


def _report(args):
    dataset = Dataset.load(args.file) if args.file else datasets.cambodia_2019()
    on = parse_date(args.date) if args.date else dt.date.today()
    if args.json:
        _print_json(report_data(dataset, on))
    else:
        print("\n".join(render_report(dataset, on)))
    return 0


def _is_glotip_export(path):
    """Whether a .csv file is UNODC's GLOTIP export: its header, after any preamble, starts with Iso3_code."""
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024).decode("utf-8", errors="replace").lstrip("\ufeff")
    return any(line.lstrip('"').startswith("Iso3_code") for line in head.splitlines()[:20])


def _load_observations(path):
    """The observations of a dataset document, a GLOTIP export (.xlsx, or its sheet saved as .csv) or a
    tidy CSV table. Loading does not warn about consistency: the commands report on it themselves."""
    name = str(path).lower()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConsistencyWarning)
        if name.endswith(".xlsx") or (name.endswith(".csv") and _is_glotip_export(path)):
            return io.read_glotip(path, check=False)
        if name.endswith(".csv"):
            return Observations.read_csv(path)
        return Dataset.load(path).observations


def check_data(observations, first=5):
    """What ``tipstats check`` reports: the number of observations, the findings counted by kind, and
    every finding (kind, dimension, rows, lines in the file, message)."""
    findings = observations.check()
    counts = Counter(f.kind for f in findings)
    return {
        "observations": len(observations),
        "counts": dict(sorted(counts.items())),
        "findings": [{"kind": f.kind, "dimension": f.dimension, "rows": list(f.rows), "lines": list(f.lines),
                      "message": f.message} for f in findings],
    }


def _check(args):
    data = {"file": str(args.file), **check_data(_load_observations(args.file))}
    if args.json:
        _print_json(data)
        return 0
    counts = data["counts"]
    print(f"{args.file}: {data['observations']} observations, {len(data['findings'])} finding(s)")
    if not counts:
        print("  none: breakdowns within their totals, age bands disjoint, no repeated labels, periods nest, "
              "areas coded, no damaged text")
        return 0
    print("\n".join(_table([(kind, str(n)) for kind, n in counts.items()])))
    for kind in counts:
        shown = [f for f in data["findings"] if f["kind"] == kind][: args.first]
        print(f"\n{kind} (first {len(shown)} of {counts[kind]})")
        print("\n".join(f"  {f['message']}" for f in shown))
    return 0


def _where(pairs):
    """``--where citizenship=Romania`` -> {"citizenship": "Romania"}: filters on any dimension."""
    filters = {}
    for pair in pairs or []:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise ValueError(f"--where takes DIMENSION=CATEGORY, not {pair!r}")
        filters[name.strip()] = value.strip()
    return filters


def _trend(args):
    filters = {d: getattr(args, d) for d in _DIMENSIONS + ("unit",) if getattr(args, d) is not None}
    filters.update(_where(args.where))
    show_progress = args.progress if args.progress is not None else sys.stderr.isatty()
    by = args.by or []
    table = _load_observations(args.file).trends(args.measure, by=by, model=args.model, progress=show_progress,
                                                 **filters)
    if args.json:
        rows = table.astype(object).where(table.notna(), None).to_dict("records")
        _print_json([{k: (str(v) if k in by else v) for k, v in row.items()} for row in rows])
        return 0
    header = by + ["periods", "n", "<b", "missing", "APC %/yr", "95% CI", "p", f"{_DISPERSION[args.model]}",
                   "Mann-Kendall", "tau", "p", "Sen slope/yr", "note"]
    lines = [tuple(header)]
    for row in table.to_dict("records"):
        fitted = not math.isnan(row["apc"])
        lines.append(tuple([str(row[d]) for d in by] + [
            row["periods"], str(row["n"]), str(row["n_censored"]), str(row["n_missing"]), _number(row["apc"]),
            f"({_number(row['apc_lower'])}, {_number(row['apc_upper'])})" if fitted else "-", _number(row["p_value"]),
            _number(row["dispersion"]), row["mk_trend"] or "-", _number(row["mk_tau"]), _number(row["mk_p"]),
            _number(row["sen_slope"]), row["note"]]))
    print(f"Trend of {args.measure}" + (f" by {', '.join(by)}" if by else "") + f" ({_MODEL_NAMES[args.model]}; "
          "censored counts used through their bounds)")
    print("\n".join(_table(lines)))
    return 0


def _tabulate(args):
    import pandas as pd  # noqa: PLC0415 - only this command reads CSV with pandas

    # Every cell is a label, and an empty one a label of its own: "NA" may be a country (Namibia).
    records = pd.read_csv(args.file, comment="#", dtype=str, keep_default_na=False).replace("", EMPTY)
    missing = [column for column in args.by + ([args.weights] if args.weights else []) if column not in records.columns]
    if missing:
        raise NotFoundError(f"{args.file}: no column {', '.join(repr(m) for m in missing)}; the columns are "
                            + ", ".join(records.columns))
    weights = None
    if args.weights:  # a table of counts: the column's numbers, each checked (not shown: they are victim data)
        weights = pd.to_numeric(records[args.weights].str.replace(",", "").str.strip(), errors="coerce")
        if weights.isna().any():
            row = int(weights.isna().to_numpy().argmax()) + 1
            raise DomainError(f"{args.file}: data row {row}, column {args.weights!r}: not a number")
    method, options = privacy._options_from_arguments(args)
    try:
        table = tabulate(records, by=args.by, weights=weights, protect=method, **options)  # as tipstats.tabulate does
    except DomainError as error:
        if error.argument != "weights" or error.index is None:
            raise
        raise DomainError(f"{args.file}: data row {error.index + 1}, column {args.weights!r}: "
                          + str(error).split(": ", 1)[-1]) from None
    if args.json:
        _print_json(json.loads(table.to_json(orient="records")))
    else:
        withheld = table["count"].isna()
        print(table.assign(count=table["count"].astype(object).where(~withheld, "-")).to_string(index=False))
    statement = table.attrs.get("tipstats.privacy")
    if statement and not args.json:
        print(f"\nprotection: {statement}", file=sys.stderr)
    advice = privacy.sparse_advice(table, args.by) if method == "suppress" else None
    if advice:
        print(f"tipstats: note: {advice}", file=sys.stderr)
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
    report.add_argument("--json", action="store_true", help="print the report as one JSON document")
    report.set_defaults(run=_report)

    fit = commands.add_parser("trend", help="annual percent changes and Mann-Kendall tests of a measure",
                              description="Fit a log-linear trend (APC per year, with its interval; negative "
                              "binomial by default) and a Mann-Kendall test with Sen's slope to every series of one "
                              "measure of a dataset document or tidy observations CSV, overall or per value of the "
                              "--by dimensions (Observations.trends). Censored counts ('<5') are used through "
                              "their bounds (Akritas-Theil-Sen for the Mann-Kendall test), missing ones left out "
                              "and counted. Unset offence, age and sex mean their totals ('all'), as in "
                              "Observations.series.")
    fit.add_argument("file", metavar="FILE", help="a tipstats JSON document, a tidy observations CSV (.csv) or "
                     "a GLOTIP export (.xlsx, or its sheet saved as .csv)")
    fit.add_argument("--measure", required=True, help="the measure, e.g. victims_rescued")
    fit.add_argument("--by", nargs="+", metavar="DIMENSION", help="one series per value of these dimensions, "
                     "e.g. area, or area sex age")
    fit.add_argument("--model", choices=sorted(_MODEL_NAMES), default="negbin",
                     help="count model of the log-linear fit (default: negbin)")
    for dimension in _DIMENSIONS + ("unit",):
        fit.add_argument(f"--{dimension}", help=f"only rows with this {dimension}")
    fit.add_argument("--where", nargs="+", metavar="DIMENSION=CATEGORY",
                     help="only rows with these categories of any dimension, e.g. citizenship=Romania")
    fit.add_argument("--json", action="store_true", help="print the rows as a JSON list")
    fit.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show progress on standard error (default: when it is a terminal)")
    fit.set_defaults(run=_trend)

    inspect = commands.add_parser("check", help="consistency findings of a table of observations",
                                  description="Check the observations of a dataset document, a tidy CSV table or "
                                  "UNODC's GLOTIP export (.xlsx, or its sheet saved as CSV): breakdowns above their "
                                  "totals, overlapping age bands, rows repeating one label, periods that do not nest, "
                                  "areas without an ISO 3166 code, damaged text. Prints the findings counted by "
                                  "kind, then the first of each kind with their lines in the file.")
    inspect.add_argument("file", metavar="FILE", help="a tipstats JSON document, a tidy CSV table or a GLOTIP export")
    inspect.add_argument("--first", type=int, default=5, metavar="N", help="findings shown per kind (default 5)")
    inspect.add_argument("--json", action="store_true", help="print every finding as one JSON document")
    inspect.set_defaults(run=_check)

    count = commands.add_parser("tabulate", help="count case records by columns, protected if asked",
                                description="Count the rows of a CSV of case records (one row per victim) by "
                                f"the --by columns; empty cells are the group '{EMPTY}'. Lines starting with # "
                                "are comments.")
    count.add_argument("file", metavar="FILE.csv", help="a CSV file with a header row")
    count.add_argument("--by", nargs="+", required=True, metavar="COLUMN", help="the columns to count by")
    count.add_argument("--weights", metavar="COLUMN", help="a column of counts: each row stands for that many "
                       "records (a published table of counts rather than one row per victim)")
    count.add_argument("--json", action="store_true", help="print the table as a JSON list of rows")
    privacy.add_protect_arguments(count)
    count.set_defaults(run=_tabulate)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `tipstats report | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (Error, OSError, ValueError, ImportError) as error:  # ImportError: an optional extra is missing
        print(f"tipstats: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
