"""Plots of series, agreements and partnerships (matplotlib, an optional extra: ``pip install tipstats[plot]``).

``import tipstats`` never imports matplotlib; importing this module does, and raises ImportError
saying how to install it when it is missing. Every function draws on ``ax`` (a new figure's axes by
default) and returns the Axes, so a caller can add to it, save it or test what was drawn.

- :func:`series`: counts as bars with exact Poisson 95 % intervals (Garwood), censored values as
  hatched bars over what they can be, and a log-linear fit with its band (censored counts used
  through their bounds) or a joinpoint fit, with the APC labelled per segment;
- :func:`agreements`: a timeline of agreements, one row per set of parties, renewal chains joined,
  dates known only in part shown as hatched ranges, "today" marked;
- :func:`partners`: the partnership network: who has agreements with whom, and who is part of whom.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from itertools import combinations
from typing import Any, Optional, Union

try:
    import matplotlib.dates as mdates
    from matplotlib.axes import Axes
    from matplotlib.patches import Patch
except ImportError as error:  # pragma: no cover - exercised in a subprocess without matplotlib
    raise ImportError("tipstats.plot needs matplotlib: pip install tipstats[plot]") from error

import numpy as np

from . import trend as _trend
from ._core import Dataset, Series
from ._errors import domain_error
from .stats import poisson_ci

__all__ = ["agreements", "partners", "series"]

_CERTAIN = "tab:blue"
_UNCERTAIN = "tab:blue"
_FIT = "tab:red"
_CENSORED = "grey"


def _axes(ax: Optional[Axes]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # noqa: PLC0415 - pyplot only when a new figure is needed

    return plt.figure(figsize=(8, 4.5)).add_subplot()


def _apc_label(apc: float, lower: float, upper: float) -> str:
    return f"APC {apc:+.1f}% ({lower:+.1f}, {upper:+.1f})"


def series(data: Series, fit: Union[None, str, "_trend.LogLinearResult", "_trend.JoinpointResult"] = None, *,
           ax: Optional[Axes] = None, title: Optional[str] = None, **fit_options: Any) -> Axes:
    """Counts of a :class:`tipstats.Series` as bars at their periods' midpoints (x in decimal years),
    each exact count with its exact Poisson 95 % interval (:func:`tipstats.poisson_ci`, Garwood 1936),
    each censored count as an unfilled hatched bar from 0 to its bound (``"<5"``: up to 4: the value
    lies somewhere in it), missing values left out and counted in the legend.

    ``fit`` draws a trend over them: ``"loglinear"`` (:func:`tipstats.trend.loglinear` on the series,
    censored counts used through the probability of their bounds, as every trend function uses
    them; ``fit_options`` go to it, e.g. ``model="negbin"``) with its pointwise confidence band, or
    ``"joinpoint"`` (:func:`tipstats.trend.joinpoint`, e.g. ``max_joinpoints=1, seed=1``; it has no
    model for censored counts and raises :class:`tipstats.DomainError` when the series has any), or
    a result of either computed beforehand on the same x. Each segment is labelled with its APC and
    interval, and the legend says how censored counts were used. Returns the Axes.

    >>> import tipstats as ts, tipstats.plot
    >>> ax = ts.plot.series(ts.datasets.cambodia_2019().series("victims_rescued", offence="sexual_assault"))
    """
    ax = _axes(ax)
    x = np.asarray(data.x, dtype=float)
    widths = np.array([0.8 * p.days / 365.25 for p in data.periods])
    exact = np.array([q.is_exact for q in data.quantities], dtype=bool)
    values = np.asarray(data.values, dtype=float)
    lower, upper = np.asarray(data.lower, dtype=float), np.asarray(data.upper, dtype=float)
    missing = ~exact & (lower <= 0) & np.isinf(upper)
    bounded = ~exact & ~missing
    if exact.any():
        low, high = poisson_ci(values[exact])
        ax.bar(x[exact], values[exact], width=widths[exact], color=_CERTAIN, alpha=0.6, label="count",
               yerr=np.vstack([values[exact] - low, high - values[exact]]), capsize=3,
               error_kw={"label": "95% interval (exact Poisson)"})
    if bounded.any():
        # "<5" spans 0 to 4; a sum known within [130, 134] spans that; an open-ended ">1000" is drawn
        # from 0 to its bound with an arrow up.
        open_ended = np.isinf(upper) & bounded
        bottom = np.where(open_ended, 0.0, lower)[bounded]
        top = np.where(open_ended, lower, upper)[bounded]
        ax.bar(x[bounded], top - bottom, bottom=bottom, width=widths[bounded], fill=False, hatch="//",
               edgecolor=_CENSORED, linestyle="--", label="censored: somewhere in the hatched range")
        if open_ended.any():
            ax.plot(x[open_ended], lower[open_ended], "^", color=_CENSORED, label="censored: above the bar")
    if missing.any():
        ax.plot([], [], " ", label=f"{int(missing.sum())} period(s) missing, left out")

    if isinstance(fit, str):
        if fit == "loglinear":
            fit = _trend.loglinear(data, **fit_options)
        elif fit == "joinpoint":
            if bounded.any():
                raise domain_error("fit", "joinpoint regression has no model for censored counts; use "
                                   "fit='loglinear' (censored counts through their bounds)", int(np.argmax(bounded)))
            fit = _trend.joinpoint(values[exact], x=x[exact], **fit_options)
        else:
            raise ValueError(f"fit: 'loglinear', 'joinpoint' or a trend result, not {fit!r}")
    if isinstance(fit, _trend.LogLinearResult):
        shown = x[exact | bounded]
        grid = np.linspace(shown.min(), shown.max(), 100)
        mean, band_low, band_high = fit.fitted(grid)
        how = (f"; {fit.n_censored} censored count(s) used through their bounds" if fit.n_censored else "")
        ax.plot(grid, mean, color=_FIT, label=f"log-linear fit ({fit.model}{how})")
        ax.fill_between(grid, band_low, band_high, color=_FIT, alpha=0.15,
                        label=f"{100 * fit.level:g}% confidence band of the fit")
        ax.annotate(_apc_label(fit.apc, *fit.apc_ci), (grid[50], mean[50]),
                    textcoords="offset points", xytext=(0, 10), ha="center", color=_FIT)
    elif isinstance(fit, _trend.JoinpointResult):
        fx, fy = np.asarray(fit.x), np.asarray(fit.fitted)
        ax.plot(fx, fy, color=_FIT, marker="", label=f"joinpoint fit ({len(fit.joinpoints)} joinpoint(s))")
        for segment in fit.segments:
            middle = (segment.start + segment.end) / 2
            text = (_apc_label(segment.apc, *segment.apc_ci) if fit.model == "loglinear"
                    else f"slope {segment.slope:+.3g}")
            ax.annotate(text, (middle, float(np.interp(middle, fx, fy))), textcoords="offset points",
                        xytext=(0, 10), ha="center", color=_FIT)
    elif fit is not None:
        raise ValueError(f"fit: 'loglinear', 'joinpoint' or a trend result, not {type(fit).__name__}")

    ax.set_xlabel("year")
    ax.set_ylabel(f"{data.measure} ({data.unit})")
    ax.set_title(title if title is not None else data.measure)
    ax.set_ylim(bottom=0)
    ax.legend(loc="best", fontsize=8)
    return ax


def _titled(what: str, dataset: Dataset) -> str:
    return what + ("\n" + textwrap.shorten(dataset.title, 70) if dataset.title else "")


def _day(date: dt.date) -> float:
    return float(mdates.date2num(date))


def agreements(dataset: Dataset, *, today: Optional[dt.date] = None, ax: Optional[Axes] = None,
               title: Optional[str] = None) -> Axes:
    """A timeline of the dataset's agreements: one row per set of parties (labelled with their
    acronyms or ids), one bar per agreement over the days it certainly runs, hatched ranges where
    its start or end is known only in part (a date known to the year spans that year; a term in
    months from such a date spans as much), an open hatched bar to ``today`` where the end is not
    known at all, a grey line joining each renewal to the agreement it renews, and ``today``
    (default: the current date) as a vertical line. Returns the Axes.

    >>> import tipstats as ts, tipstats.plot
    >>> ax = ts.plot.agreements(ts.datasets.cambodia_2019())
    """
    new_figure = ax is None
    ax = _axes(ax)
    today = today or dt.date.today()
    label = {p.id: p.acronym or p.id for p in dataset.partners}
    rows: dict = {}
    for a in dataset.agreements:
        rows.setdefault(tuple(sorted(a.party_ids)), []).append(a)
    order = sorted(rows)
    place = {}
    for y, parties in enumerate(order):
        for a in rows[parties]:
            place[a.id] = y
            start, end = a.start_bounds, a.end_bounds
            if start is None:  # no date at all: say so where the row begins
                ax.annotate(f"{a.id}: dates unknown", (_day(today), y), ha="right", va="center", fontsize=8)
                continue
            certain_from = _day(start[1])
            if start[0] < start[1]:
                ax.barh(y, certain_from - _day(start[0]), left=_day(start[0]), height=0.5, fill=False,
                        hatch="//", edgecolor=_UNCERTAIN)
            if end is None:  # running for all we know, up to today at least
                ax.barh(y, max(_day(today) - certain_from, 0.0), left=certain_from, height=0.5, fill=False,
                        hatch="..", edgecolor=_UNCERTAIN)
                ax.annotate("end unknown", (max(_day(today), certain_from), y), xytext=(3, 0),
                            textcoords="offset points", va="center", fontsize=8)
            else:
                if _day(end[0]) > certain_from:
                    ax.barh(y, _day(end[0]) - certain_from, left=certain_from, height=0.5, color=_CERTAIN,
                            alpha=0.7)
                if end[0] < end[1]:
                    ax.barh(y, _day(end[1]) - _day(end[0]), left=_day(end[0]), height=0.5, fill=False,
                            hatch="//", edgecolor=_UNCERTAIN)
            ax.annotate(a.id, (certain_from, y + 0.3), fontsize=8)
    for a in dataset.agreements:
        renewed = a.renews
        if renewed in place and a.start_bounds is not None:
            before = dataset.agreements[renewed]
            joined_from = _day(before.end_bounds[0]) if before.end_bounds is not None else _day(a.start_bounds[0])
            ax.plot([joined_from, _day(a.start_bounds[0])], [place[renewed], place[a.id]], color="grey",
                    linestyle="-", marker="o", markersize=3, label="_renewal")
    ax.axvline(_day(today), color="black", linestyle="--", linewidth=1)
    ax.annotate(f"today ({today.isoformat()})", (_day(today), len(order) - 0.4), ha="right", fontsize=8)
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([" / ".join(label.get(p, p) for p in parties) for parties in order])
    ax.set_ylim(-0.6, len(order) - 0.2)
    ax.xaxis_date()
    ax.set_title(title if title is not None else _titled("Agreements", dataset))
    ax.legend(handles=[Patch(color=_CERTAIN, alpha=0.7, label="in force (certain)"),
                       Patch(fill=False, hatch="//", edgecolor=_UNCERTAIN, label="date known only in part")],
              loc="lower left", fontsize=8)
    if new_figure:  # room for the party labels
        ax.figure.tight_layout()
    return ax


def partners(dataset: Dataset, *, ax: Optional[Axes] = None, title: Optional[str] = None) -> Axes:
    """The partnership network: every partner a labelled node on a circle, a line between two
    partners for each pair that are parties to an agreement together (wider and annotated with the
    number when there are several), and a dotted arrow from a partner to the organisation it is part
    of. Returns the Axes.

    >>> import tipstats as ts, tipstats.plot
    >>> ax = ts.plot.partners(ts.datasets.cambodia_2019())
    """
    ax = _axes(ax)
    nodes = [p for p in dataset.partners]
    angle = {p.id: 2 * math.pi * i / max(len(nodes), 1) for i, p in enumerate(nodes)}
    at = {pid: (math.cos(t), math.sin(t)) for pid, t in angle.items()}
    pairs: dict = {}
    for a in dataset.agreements:
        for first, second in combinations(sorted(set(a.party_ids)), 2):
            pairs[(first, second)] = pairs.get((first, second), 0) + 1
    for (first, second), count in sorted(pairs.items()):
        (x0, y0), (x1, y1) = at[first], at[second]
        ax.plot([x0, x1], [y0, y1], color=_CERTAIN, linewidth=1 + 1.5 * (count - 1), zorder=1)
        if count > 1:
            ax.annotate(str(count), ((x0 + x1) / 2, (y0 + y1) / 2), ha="center", fontsize=8)
    for p in nodes:
        if p.parent_id in at:
            ax.annotate("", at[p.parent_id], xytext=at[p.id],
                        arrowprops={"arrowstyle": "->", "linestyle": ":", "color": "grey"})
    xs, ys = zip(*at.values()) if at else ((), ())
    ax.scatter(xs, ys, s=300, color="white", edgecolors="black", zorder=2)
    for p in nodes:
        x, y = at[p.id]
        ax.annotate(p.acronym or p.id, (x, y), xytext=(0, -18), textcoords="offset points", ha="center",
                    fontsize=9)
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title if title is not None else _titled("Who has agreements with whom", dataset))
    return ax
