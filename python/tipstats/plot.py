"""Plots of series, agreements and partnerships (matplotlib, an optional extra: ``pip install tipstats[plot]``).

``import tipstats`` never imports matplotlib; importing this module does, and raises ImportError
saying how to install it when it is missing. Every function draws on ``ax`` (a new figure's axes by
default) and returns the Axes, so a caller can add to it, save it or test what was drawn.

- :func:`series`: counts as bars with exact Poisson 95 % intervals (Garwood), censored values as
  hatched bars over what they can be, and a log-linear fit with its band (censored counts used
  through their bounds) or a joinpoint fit, with the APC labelled per segment;
- :func:`agreements`: a timeline of agreements, one row per set of parties, renewal chains joined,
  dates known only in part shown as hatched ranges, "today" marked;
- :func:`partners`: the partnership network: who has agreements with whom, and who is part of whom;
- :func:`mse`: multiple systems estimates: the posterior of the population (model averaging), or the
  estimates of competing models with their intervals.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from itertools import combinations
from typing import Any, List, Optional, Tuple, Union

try:
    import matplotlib.dates as mdates
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
except ImportError as error:  # pragma: no cover - exercised in a subprocess without matplotlib
    raise ImportError("tipstats.plot needs matplotlib: pip install tipstats[plot]") from error

import numpy as np

from . import trend as _trend
from ._core import Dataset, Partner, Series
from ._errors import domain_error
from .stats import poisson_ci

__all__ = ["MEASURE_LABELS", "agreements", "measure_label", "mse", "partners", "series"]

#: How charts name measures: the measures of the bundled data and of UNODC's GLOTIP export. Add to it
#: for your own; :func:`measure_label` spells any other measure from its name.
MEASURE_LABELS = {
    "victims_detected": "Detected victims",
    "victims_rescued": "Victims rescued",
    "persons_prosecuted": "Persons prosecuted",
    "persons_convicted": "Persons convicted",
    "persons_in_formal_contact": "Persons in formal contact with the police or courts",
    "offences": "Offences of trafficking in persons",
    "cases_with_arrest": "Cases with an arrest",
}
_UNIT_LABELS = {"count": "", "percent": "per cent", "proportion": "proportion", "per_100000": "per 100,000"}

_CERTAIN = "tab:blue"
_UNCERTAIN = "tab:blue"
_FIT = "tab:red"
_CENSORED = "grey"


def _axes(ax: Optional[Axes]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # noqa: PLC0415 - pyplot only when a new figure is needed

    return plt.figure(figsize=(8, 4.5)).add_subplot()


def measure_label(measure: str, unit: str = "count") -> str:
    """A measure's name for a reader: :data:`MEASURE_LABELS`, else its id with spaces and a capital,
    and the unit in brackets unless it is a count.

    >>> measure_label("victims_detected"), measure_label("children_referred", "per_100000")
    ('Detected victims', 'Children referred (per 100,000)')
    """
    text = MEASURE_LABELS.get(measure) or measure.replace("_", " ").strip().capitalize()
    unit_text = _UNIT_LABELS.get(unit, unit.replace("_", " "))
    return f"{text} ({unit_text})" if unit_text else text


def _year_ticks(ax: Axes, data: Series) -> None:
    """Years as whole-year ticks: under each bar for yearly series, at the years' starts otherwise."""
    years = sorted({p.start.year for p in data.periods} | {p.end.year for p in data.periods})
    step = max(1, math.ceil(len(range(years[0], years[-1] + 1)) / 12))
    ticks = list(range(years[0], years[-1] + 1, step))
    yearly = all(p.start == dt.date(p.start.year, 1, 1) and p.end == dt.date(p.start.year, 12, 31)
                 for p in data.periods)
    ax.set_xticks([year + 0.5 if yearly else year for year in ticks], [str(year) for year in ticks])
    if not yearly:
        ax.set_xticks(range(years[0], years[-1] + 2), minor=True)


def _apc_label(apc: float, lower: float, upper: float) -> str:
    return f"APC {apc:+.1f}% ({lower:+.1f}, {upper:+.1f})"


def series(data: Series, fit: Union[None, str, "_trend.LogLinearResult", "_trend.JoinpointResult"] = None, *,
           ax: Optional[Axes] = None, title: Optional[str] = None, **fit_options: Any) -> Axes:
    """Counts of a :class:`tipstats.Series` as bars at their periods' midpoints (x in decimal years),
    each exact count with its exact Poisson 95 % interval (:func:`tipstats.poisson_ci`, Garwood 1936),
    each censored count as an unfilled hatched bar from 0 to its bound (``"<5"``: up to 4: the value
    lies somewhere in it), missing values left out and counted in the legend.

    The axis is named from :data:`MEASURE_LABELS` (``victims_detected`` -> "Detected victims"), years
    sit on whole-year ticks (under the bars of a yearly series), APC labels go above the bars of their
    segment, and the legend sits under the chart, so no text covers data. ``fit`` draws a trend over
    them: ``"loglinear"`` (:func:`tipstats.trend.loglinear` on the series,
    censored counts used through the probability of their bounds, as every trend function uses
    them; ``fit_options`` go to it, e.g. ``model="negbin"``) with its pointwise confidence band, or
    ``"joinpoint"`` (:func:`tipstats.trend.joinpoint`, e.g. ``max_joinpoints=1, seed=1``; it has no
    model for censored counts and raises :class:`tipstats.DomainError` when the series has any), or
    a result of either computed beforehand on the same x. Each segment is labelled with its APC and
    interval, and the legend says how censored counts were used. Returns the Axes.

    >>> import tipstats as ts, tipstats.plot
    >>> ax = ts.plot.series(ts.datasets.cambodia_2019().series("victims_rescued", offence="sexual_assault"))
    """
    new_figure = ax is None
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
        labels = [(_apc_label(fit.apc, *fit.apc_ci), shown.min(), shown.max(), float(np.max(band_high)))]
    elif isinstance(fit, _trend.JoinpointResult):
        fx, fy = np.asarray(fit.x), np.asarray(fit.fitted)
        ax.plot(fx, fy, color=_FIT, marker="", label=f"joinpoint fit ({len(fit.joinpoints)} joinpoint(s))")
        labels = [(_apc_label(g.apc, *g.apc_ci) if fit.model == "loglinear" else f"slope {g.slope:+.3g}", g.start,
                   g.end, float(np.max(fy[(fx >= g.start) & (fx <= g.end)]))) for g in fit.segments]
    elif fit is not None:
        raise ValueError(f"fit: 'loglinear', 'joinpoint' or a trend result, not {type(fit).__name__}")
    else:
        labels = []
    # Each APC label above everything drawn over its segment: bars, intervals, the fit and its band.
    tops = np.where(exact, values, np.where(np.isinf(upper), lower, upper))
    if exact.any():
        tops[exact] = high
    for text, start, end, fitted_top in labels:
        inside = (x >= start - 1e-9) & (x <= end + 1e-9) & (exact | bounded)
        height = max(float(np.max(tops[inside])) if inside.any() else 0.0, fitted_top)
        ax.annotate(text, ((start + end) / 2, height), textcoords="offset points", xytext=(0, 6), ha="center",
                    va="bottom", color=_FIT, fontsize=9)
        ax.set_ylim(top=max(ax.get_ylim()[1], height * 1.15))

    label = measure_label(data.measure, data.unit)
    ax.set_xlabel("year")
    ax.set_ylabel(label)
    ax.set_title(title if title is not None else label)
    ax.set_ylim(bottom=0)
    _year_ticks(ax, data)
    handles, names = ax.get_legend_handles_labels()
    ax.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    if new_figure:
        ax.figure.tight_layout()
    return ax


def _titled(what: str, dataset: Dataset) -> str:
    return what + ("\n" + textwrap.shorten(dataset.title, 70) if dataset.title else "")


def _partner_label(partner: Partner) -> str:
    """One naming rule for every chart: the acronym, else the shortest of the partner's names."""
    if partner.acronym:
        return partner.acronym
    return textwrap.shorten(min([partner.name, *partner.other_names], key=len), 28, placeholder="...")


#: How far past its certain start an agreement whose end is not known is drawn, fading out.
_UNKNOWN_END_SHOWN = dt.timedelta(days=365)
_FADE_STEPS = 8


def _legend_below(ax: Axes, handles: list) -> None:
    """The legend under the axes, where it covers nothing."""
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(len(handles), 2),
              fontsize=8, frameon=False)


def _day(date: dt.date) -> float:
    return float(mdates.date2num(date))


def agreements(dataset: Dataset, *, today: Optional[dt.date] = None, ax: Optional[Axes] = None,
               title: Optional[str] = None) -> Axes:
    """A timeline of the dataset's agreements: one row per set of parties (each labelled by its
    acronym, else its shortest name), one bar per agreement over the days it certainly runs, hatched
    ranges where its start or end is known only in part (a date known to the year spans that year; a
    term in months from such a date spans as much), a bar that fades out over a year where the end is
    not known at all (nothing says it ran longer), a grey line joining each renewal to the agreement
    it renews, and ``today`` (default: the current date) as a vertical line. The legend, under the
    chart, names each of these. Returns the Axes.

    >>> import tipstats as ts, tipstats.plot
    >>> ax = ts.plot.agreements(ts.datasets.cambodia_2019())
    """
    new_figure = ax is None
    ax = _axes(ax)
    today = today or dt.date.today()
    label = {p.id: _partner_label(p) for p in dataset.partners}
    row_labels: dict = {}
    rows: dict = {}
    for a in dataset.agreements:
        rows.setdefault(tuple(sorted(a.party_ids)), []).append(a)
    order = sorted(rows)
    place = {}
    for y, parties in enumerate(order):
        in_row = sorted(rows[parties], key=lambda a: a.start_bounds[0] if a.start_bounds else today)
        for a in in_row:
            place[a.id] = y
            start, end = a.start_bounds, a.end_bounds
            if start is None:  # no date at all: say so where the row begins
                ax.annotate(f"{a.id}: dates unknown", (_day(today), y), ha="right", va="center", fontsize=8)
                continue
            certain_from = _day(start[1])
            if start[0] < start[1]:
                ax.barh(y, certain_from - _day(start[0]), left=_day(start[0]), height=0.5, fill=False,
                        hatch="//", edgecolor=_UNCERTAIN)
            if end is None:  # known to have started, nothing more: fade out rather than claim years
                step = _UNKNOWN_END_SHOWN.days / _FADE_STEPS
                for fade in range(_FADE_STEPS):
                    ax.barh(y, step, left=certain_from + fade * step, height=0.5, color=_CERTAIN, linewidth=0,
                            alpha=0.6 * (1 - fade / _FADE_STEPS))
            else:
                if _day(end[0]) > certain_from:
                    ax.barh(y, _day(end[0]) - certain_from, left=certain_from, height=0.5, color=_CERTAIN,
                            alpha=0.7)
                if end[0] < end[1]:
                    ax.barh(y, _day(end[1]) - _day(end[0]), left=_day(end[0]), height=0.5, fill=False,
                            hatch="//", edgecolor=_UNCERTAIN)
            row_labels.setdefault(y, []).append(ax.annotate(a.id, (certain_from, y + 0.3), fontsize=8))
    renewals_drawn = False
    for a in dataset.agreements:
        renewed = a.renews
        if renewed in place and a.start_bounds is not None:
            renewals_drawn = True
            before = dataset.agreements[renewed]
            joined_from = _day(before.end_bounds[0]) if before.end_bounds is not None else _day(a.start_bounds[0])
            ax.plot([joined_from, _day(a.start_bounds[0])], [place[renewed], place[a.id]], color="grey",
                    linestyle="-", marker="o", markersize=3, label="_renewal")
    ax.axvline(_day(today), color="black", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([" / ".join(label.get(p, p) for p in parties) for parties in order])
    ax.set_ylim(-0.7, len(order) - 0.2)
    ax.xaxis_date()
    ax.set_title(title if title is not None else _titled("Agreements", dataset))
    handles = [Patch(color=_CERTAIN, alpha=0.7, label="in force (certain)"),
               Patch(fill=False, hatch="//", edgecolor=_UNCERTAIN, label="date known only in part"),
               Patch(color=_CERTAIN, alpha=0.25, label="end not known (fades out)"),
               Line2D([], [], color="black", linestyle="--", linewidth=1, label=f"today ({today.isoformat()})")]
    if renewals_drawn:
        handles.append(Line2D([], [], color="grey", marker="o", markersize=3, label="renews (joined to the earlier)"))
    _legend_below(ax, handles)
    if new_figure:  # room for the party labels and the legend
        ax.figure.tight_layout()
    _unoverlap(ax, row_labels)
    return ax


def _unoverlap(ax: Axes, rows: dict) -> None:
    """Moves each label of a row right of the one before it when they would overlap (agreements of
    the same parties that start close together)."""
    renderer = ax.figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    for labels in rows.values():
        right = -math.inf
        for text in labels:
            box = text.get_window_extent(renderer)
            if box.x0 < right:
                x, y = text.get_position()
                text.set_position((to_data.transform((right + 10, 0))[0], y))
                box = text.get_window_extent(renderer)
            right = box.x1


def partners(dataset: Dataset, *, ax: Optional[Axes] = None, title: Optional[str] = None) -> Axes:
    """The partnership network: every partner a node on a circle labelled by its acronym, else its
    shortest name; a line between two partners for each pair that are parties to an agreement
    together (wider and annotated with the number when there are several); and a dotted arrow from a
    partner to the organisation it is part of. The legend, under the chart, says which is which.
    Returns the Axes.

    >>> import tipstats as ts, tipstats.plot
    >>> ax = ts.plot.partners(ts.datasets.cambodia_2019())
    """
    new_figure = ax is None
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
            ax.annotate("", at[p.parent_id], xytext=at[p.id],  # shrunk so the head stops at the node
                        arrowprops={"arrowstyle": "->", "linestyle": ":", "color": "grey", "shrinkA": 10,
                                    "shrinkB": 10})
    xs, ys = zip(*at.values()) if at else ((), ())
    ax.scatter(xs, ys, s=300, color="white", edgecolors="black", zorder=2)
    for p in nodes:
        x, y = at[p.id]
        ax.annotate(_partner_label(p), (x, y), xytext=(0, -18), textcoords="offset points", ha="center",
                    fontsize=9)
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title if title is not None else _titled("Who has agreements with whom", dataset))
    handles = [Line2D([], [], color=_CERTAIN, label="agreement(s) together (number if more than one)")]
    if any(p.parent_id in at for p in nodes):
        handles.append(Line2D([], [], color="grey", linestyle=":", marker=">", markersize=5,
                              label="part of (arrow to the parent body)"))
    _legend_below(ax, handles)
    if new_figure:
        ax.figure.tight_layout()
    return ax


def mse(results: Any, *, level: float = 0.95, ax: Optional[Axes] = None, title: Optional[str] = None) -> Axes:
    """Multiple systems estimates of a population (:mod:`tipstats.mse`).

    A :class:`tipstats.mse.BMAResult` is drawn as its posterior over the population (Madigan & York
    1997) with the equal-tailed credible interval at ``level`` shaded and the median marked. Any
    other result, a list of results, a dict of label to result, or the DataFrame of
    :func:`tipstats.mse.closed_models`, is drawn as competing estimates, one row each, with their
    intervals at ``level`` from ``summary(level)`` (a profile interval keeps the level it was
    computed at; the rows of :func:`tipstats.mse.closed_models` get Chao's (1987) log-normal
    interval of the abundance from its standard error, ``n + (N - n) / C`` to ``n + (N - n) C``,
    ``C = exp(z sqrt(log(1 + se^2 / (N - n)^2)))``, as labelled). A dashed line marks the people
    found on the lists. Returns the Axes.

    >>> import tipstats as ts, tipstats.plot
    >>> uk = ts.datasets.mse("UKdat_5")
    >>> ax = ts.plot.mse([ts.mse.stepwise(uk), ts.mse.loglinear(uk)])
    """
    from . import mse as _mse  # noqa: PLC0415 - the plot imports what it draws

    import pandas as pd  # noqa: PLC0415

    new_figure = ax is None
    ax = _axes(ax)
    if isinstance(results, _mse.BMAResult):
        total, posterior = np.asarray(results.total), np.asarray(results.posterior)
        lower, upper = results.interval(level)
        ax.plot(total, posterior, color=_CERTAIN, label="posterior (model average)")
        inside = (total >= lower) & (total <= upper)
        ax.fill_between(total[inside], posterior[inside], color=_CERTAIN, alpha=0.25,
                        label=f"{level:.0%} credible interval ({lower:,.0f} to {upper:,.0f})")
        ax.axvline(results.median, color=_FIT, label=f"median {results.median:,.0f}")
        ax.axvline(results.n_observed, color="grey", linestyle="--", label=f"people found ({results.n_observed:,})")
        ax.set_xlabel("population (people found + people on no list)")
        ax.set_ylabel("posterior probability")
        ax.set_title(title if title is not None else f"Model average over {len(results.graphs)} decomposable graphs")
        ax.set_ylim(bottom=0)
        _legend_below(ax, ax.get_legend_handles_labels()[0])
        if new_figure:
            ax.figure.tight_layout()
        return ax

    rows: List[Tuple[str, float, float, float]] = []
    observed = None
    if isinstance(results, pd.DataFrame):  # closed_models(table)
        from statistics import NormalDist  # noqa: PLC0415

        z = NormalDist().inv_cdf((1 + level) / 2)
        observed = results.attrs.get("n_observed")
        for name, row in results.dropna(subset=["abundance"]).iterrows():
            dark = row["abundance"] - observed
            c = math.exp(z * math.sqrt(math.log(1 + (row["stderr"] / dark) ** 2)))
            rows.append((f"{name} (log-normal)", row["abundance"], observed + dark / c, observed + dark * c))
    else:
        labelled = results.items() if isinstance(results, dict) else (
            (None, r) for r in (results if isinstance(results, (list, tuple)) else [results]))
        for label, result in labelled:
            for _, row in result.summary(level).iterrows():
                name = label if label is not None else f"{row['method']}: {row['model']}"
                # Model names run long ("stepwise: LA:NG, NG:PFNCA, ..."): three lines at most.
                rows.append((textwrap.fill(textwrap.shorten(str(name), 84), 28), row["estimate"], row["lower"],
                             row["upper"]))
            observed = getattr(result, "n_observed", observed)
    if not rows:
        raise ValueError("mse: nothing to draw (no result with an estimate)")
    y = np.arange(len(rows))[::-1]
    estimates = np.array([r[1] for r in rows], dtype=float)
    lows = np.array([r[2] for r in rows], dtype=float)
    highs = np.array([r[3] for r in rows], dtype=float)
    finite_highs = np.where(np.isfinite(highs), highs, estimates)
    ax.errorbar(estimates, y, xerr=np.vstack([estimates - lows, finite_highs - estimates]), fmt="o",
                color=_CERTAIN, capsize=4, label=f"estimate and {level:.0%} interval")
    if observed is not None:
        ax.axvline(observed, color="grey", linestyle="--", label=f"people found ({observed:,})")
    ax.set_yticks(y)
    ax.set_yticklabels([r[0] for r in rows], fontsize=8)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_xlabel("estimated population")
    ax.set_title(title if title is not None else "Multiple systems estimates")
    _legend_below(ax, ax.get_legend_handles_labels()[0])
    if new_figure:
        ax.figure.tight_layout()
    return ax
