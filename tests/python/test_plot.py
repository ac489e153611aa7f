"""The plots, rendered to PNG with the Agg backend; the checks count what was drawn."""

import datetime as dt
import subprocess
import sys

import numpy as np
import pytest

import tipstats as ts

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.container import ErrorbarContainer  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import tipstats.plot  # noqa: E402

COUNTS = [105, 130, 160, 210, 263, 250, 240, 236]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def synthetic_series(values=COUNTS, first=2012, censored_at=None):
    obs = ts.Observations()
    for i, v in enumerate(values):
        obs.add("victims", "<5" if i == censored_at else v, str(first + i), area="KHM")
    return obs.series("victims")


def rendered(ax, tmp_path, name):
    path = tmp_path / f"{name}.png"
    ax.figure.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return ax


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_series_bars_intervals_and_a_loglinear_fit(tmp_path):
    s = synthetic_series()
    ax = rendered(tipstats.plot.series(s, fit="loglinear", title="synthetic"), tmp_path, "loglinear")
    drawn = bars(ax)
    assert len(drawn) == len(COUNTS)
    assert [b.get_height() for b in drawn] == COUNTS
    assert [b.get_x() + b.get_width() / 2 for b in drawn] == pytest.approx(list(np.arange(2012, 2020) + 0.5))
    # error bars are the exact Poisson intervals
    [errorbar] = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    segments = errorbar.lines[2][0].get_segments()
    lower, upper = ts.poisson_ci(np.array(COUNTS, dtype=float))
    assert [seg[0][1] for seg in segments] == pytest.approx(lower)
    assert [seg[1][1] for seg in segments] == pytest.approx(upper)
    fit = ts.trend.loglinear(COUNTS, x=np.arange(2012, 2020) + 0.5)
    [line] = [line for line in ax.get_lines() if line.get_label() == "log-linear fit (poisson)"]
    x, y = line.get_data()
    assert y == pytest.approx(np.exp(fit.intercept + fit.slope * x))
    assert texts(ax) == [f"APC {fit.apc:+.1f}% ({fit.apc_ci[0]:+.1f}, {fit.apc_ci[1]:+.1f})"]
    assert ax.get_title() == "synthetic"
    # the band is statsmodels' pointwise confidence interval of the mean
    sm = pytest.importorskip("statsmodels.api")
    [band] = [c for c in ax.collections if c.get_label() == "95% confidence band of the fit"]
    glm = sm.GLM(COUNTS, sm.add_constant(np.arange(2012, 2020) + 0.5), family=sm.families.Poisson()).fit(tol=1e-14)
    frame = glm.get_prediction(sm.add_constant(x)).summary_frame()
    edges = band.get_paths()[0].vertices[:, 1]
    assert edges.min() == pytest.approx(frame["mean_ci_lower"].min(), rel=1e-6)
    assert edges.max() == pytest.approx(frame["mean_ci_upper"].max(), rel=1e-6)


def test_series_joinpoint_fit_labels_each_segment(tmp_path):
    values = [100, 120, 144, 173, 207, 200, 190, 181, 172, 163]
    s = synthetic_series(values, first=2010)
    fit = ts.trend.joinpoint(values, x=np.arange(2010, 2020) + 0.5, max_joinpoints=1, selection="bic")
    assert len(fit.joinpoints) == 1
    ax = rendered(tipstats.plot.series(s, fit=fit), tmp_path, "joinpoint")
    assert len(bars(ax)) == len(values)
    labels = texts(ax)
    assert len(labels) == 2
    assert labels == [f"APC {g.apc:+.1f}% ({g.apc_ci[0]:+.1f}, {g.apc_ci[1]:+.1f})" for g in fit.segments]
    [line] = [line for line in ax.get_lines() if line.get_label().startswith("joinpoint fit")]
    assert line.get_ydata() == pytest.approx(fit.fitted)


def test_series_censored_value_is_a_hatched_bar_to_its_bound(tmp_path):
    s = synthetic_series(censored_at=2)
    ax = rendered(tipstats.plot.series(s), tmp_path, "censored")
    drawn = bars(ax)
    hatched = [b for b in drawn if b.get_hatch()]
    assert len(drawn) == len(COUNTS) and len(hatched) == 1
    assert hatched[0].get_height() == 4 and hatched[0].get_y() == 0  # "<5" is somewhere in 0 to 4
    assert not [line for line in ax.get_lines() if "fit" in line.get_label()]
    with pytest.raises(ValueError, match="fit"):
        tipstats.plot.series(s, fit="quadratic")


def test_series_fit_uses_censored_counts_and_says_so(tmp_path):
    s = synthetic_series(censored_at=2)
    ax = rendered(tipstats.plot.series(s, fit="loglinear", model="negbin"), tmp_path, "censored_fit")
    fit = ts.trend.loglinear(s, model="negbin")
    assert fit.n_censored == 1
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "log-linear fit (negbin; 1 censored count(s) used through their bounds)" in labels
    assert "censored: somewhere in the hatched range" in labels
    [line] = [line for line in ax.get_lines() if line.get_label().startswith("log-linear fit")]
    x, y = line.get_data()
    assert y == pytest.approx(np.exp(fit.intercept + fit.slope * x))
    # joinpoint regression has no model for censored counts: refused, not fitted to the rest
    with pytest.raises(ts.DomainError, match="censored") as e:
        tipstats.plot.series(s, fit="joinpoint", max_joinpoints=1, selection="bic")
    assert (e.value.argument, e.value.index) == ("fit", 2)
    # a missing year is left out and counted in the legend; an open-ended count gets an arrow
    obs = ts.Observations()
    for year, value in zip(range(2012, 2018), [20, None, 26, ">30", 31, 40]):
        obs.add("victims", value, str(year), area="KHM")
    ax = tipstats.plot.series(obs.series("victims"), fit="loglinear")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "1 period(s) missing, left out" in labels and "censored: above the bar" in labels


def test_agreements_timeline(tmp_path):
    ds = ts.datasets.cambodia_2019()
    today = dt.date(2020, 6, 1)
    ax = rendered(tipstats.plot.agreements(ds, today=today), tmp_path, "agreements")
    rows = sorted({tuple(sorted(a.party_ids)) for a in ds.agreements})
    # One naming rule: the acronym, else the shortest name ("Chab Dai", not the id chab-dai).
    short = {p.id: p.acronym or min([p.name, *p.other_names], key=len) for p in ds.partners}
    assert [t.get_text() for t in ax.get_yticklabels()] == [" / ".join(short[p] for p in row) for row in rows]
    assert "APLE / Ministry of Interior" in [t.get_text() for t in ax.get_yticklabels()]
    assert "NCCT / Terre des Hommes" in [t.get_text() for t in ax.get_yticklabels()]
    labels = texts(ax)
    for a in ds.agreements:
        assert a.id in labels or f"{a.id}: dates unknown" in labels
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["in force (certain)", "date known only in part", "end not known (fades out)",
                      f"today ({today.isoformat()})"]
    [today_line] = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert today_line.get_xdata()[0] == pytest.approx(matplotlib.dates.date2num(today))
    # partial dates (signed "2019") are hatched ranges; every agreement with dates has a drawn bar
    hatched = [b for b in bars(ax) if b.get_hatch()]
    assert hatched
    # the renewal chain moi-cpu: the renewal's predecessor is not recorded, so no joining line here
    joins = [line for line in ax.get_lines() if line.get_label() == "_renewal"]
    assert len(joins) == sum(1 for a in ds.agreements if a.renews in {b.id for b in ds.agreements})


def test_agreements_join_renewals_and_mark_open_ends(tmp_path):
    ds = ts.Dataset()
    ds.add_partner(ts.Partner("a", "Alpha"))
    ds.add_partner(ts.Partner("b", "Beta"))
    ds.add_agreement(ts.Agreement("first", ["a", "b"], start="2015-01-01", term_months=24))
    ds.add_agreement(ts.Agreement("second", ["a", "b"], start="2017-01-01", term_months=24, renews="first"))
    ds.add_agreement(ts.Agreement("open", ["a", "b"], start="2019-03-01"))
    ax = rendered(tipstats.plot.agreements(ds, today=dt.date(2026, 1, 1)), tmp_path, "renewals")
    assert len(ax.get_yticklabels()) == 1
    assert len([line for line in ax.get_lines() if line.get_label() == "_renewal"]) == 1
    assert "renews (joined to the earlier)" in [t.get_text() for t in ax.get_legend().get_texts()]
    solid = [b for b in bars(ax) if not b.get_hatch() and b.get_width() > 0 and b.get_alpha() == 0.7]
    assert len(solid) == 2  # the two agreements with known terms
    # The open one fades out over a year from its start instead of running to "today" (2026).
    fading = [b for b in bars(ax) if not b.get_hatch() and b.get_alpha() != 0.7]
    start = matplotlib.dates.date2num(dt.date(2019, 3, 1))
    assert fading[0].get_x() == pytest.approx(start)
    assert fading[-1].get_x() + fading[-1].get_width() == pytest.approx(start + 365)
    alphas = [b.get_alpha() for b in fading]
    assert alphas == sorted(alphas, reverse=True) and alphas[-1] < alphas[0] / 4
    # Labels of agreements that start close together do not overlap.
    renderer = ax.figure.canvas.get_renderer()
    boxes = sorted((t.get_window_extent(renderer) for t in ax.texts), key=lambda box: box.x0)
    assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:]))


def test_partners_network(tmp_path):
    ds = ts.datasets.cambodia_2019()
    ax = rendered(tipstats.plot.partners(ds), tmp_path, "partners")
    [nodes] = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(nodes.get_offsets()) == len(ds.partners)
    assert sorted(texts(ax)) == sorted([p.acronym or min([p.name, *p.other_names], key=len) for p in ds.partners]
                                       + [str(n) for n in pair_counts(ds).values() if n > 1] + [""] * sum(
                                           1 for p in ds.partners if p.parent_id))
    assert len(ax.get_lines()) == len(pair_counts(ds))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "agreement(s) together (number if more than one)", "part of (arrow to the parent body)"]


def pair_counts(ds):
    counts = {}
    for a in ds.agreements:
        ids = sorted(set(a.party_ids))
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                counts[(first, second)] = counts.get((first, second), 0) + 1
    return counts


def test_import_tipstats_does_not_import_matplotlib_and_plot_says_how_to_install():
    code = ("import sys; import tipstats; assert 'matplotlib' not in sys.modules, 'imported'; "
            "sys.modules['matplotlib'] = None\n"
            "try:\n    import tipstats.plot\nexcept ImportError as e:\n    print(e)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "pip install tipstats[plot]" in result.stdout


def test_series_charts_name_the_measure_tick_whole_years_and_keep_text_off_the_data(tmp_path):
    values = [60, 66, 71, 80, 86, 95, 90, 84, 80, 74, 70, 65]
    obs = ts.Observations()
    for i, v in enumerate(values):
        obs.add("victims_detected", v, str(2008 + i), area="KHM")
    fit = ts.trend.joinpoint(values, x=np.arange(2008, 2020) + 0.5, max_joinpoints=1, selection="bic")
    ax = rendered(tipstats.plot.series(obs.series("victims_detected"), fit=fit), tmp_path, "labelled")
    assert ax.get_ylabel() == "Detected victims" and ax.get_title() == "Detected victims"
    # Whole-year ticks under the bars of a yearly series, labelled by the year.
    assert list(ax.get_xticks()) == [year + 0.5 for year in range(2008, 2020)]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(year) for year in range(2008, 2020)]
    # Each segment's APC label sits above every bar and interval of its segment.
    [errorbar] = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    tops = [seg[1][1] for seg in errorbar.lines[2][0].get_segments()]
    for text, segment in zip(ax.texts, fit.segments):
        inside = [top for year, top in zip(range(2008, 2020), tops) if segment.start <= year + 0.5 <= segment.end]
        assert text.xy[1] >= max(inside) and ax.get_ylim()[1] > text.xy[1]
    # The legend is under the axes, where it covers nothing.
    legend = ax.get_legend()
    assert legend._loc == 9 and legend.get_bbox_to_anchor()._bbox.y0 < 0
    assert tipstats.plot.measure_label("children_referred", "per_100000") == "Children referred (per 100,000)"


def test_series_of_half_years_tick_the_years_themselves(tmp_path):
    obs = ts.Observations()
    for i, v in enumerate([60, 66, "<5", 80]):
        obs.add("victims_rescued", v, f"{2016 + i // 2}-H{i % 2 + 1}")
    ax = rendered(tipstats.plot.series(obs.series("victims_rescued")), tmp_path, "halves")
    assert list(ax.get_xticks()) == [2016, 2017] and ax.get_ylabel() == "Victims rescued"
