"""tipstats.plot.mse, rendered with the Agg backend; the checks read back what was drawn."""

import math

import numpy as np
import pytest
from scipy import stats

import tipstats as ts

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.container import ErrorbarContainer  # noqa: E402

import tipstats.plot  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def points(ax):
    [container] = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    line = container.lines[0]
    return np.asarray(line.get_xdata()), np.asarray(line.get_ydata())


def test_competing_estimates_with_their_intervals(tmp_path):
    uk = ts.datasets.mse("UKdat_5")
    results = {"stepwise": ts.mse.stepwise(uk), "main effects": ts.mse.loglinear(uk),
               "Mt, profile": ts.mse.profile_interval(uk, "Mt")}
    ax = tipstats.plot.mse(results, level=0.95)
    ax.figure.savefig(tmp_path / "mse.png")
    x, y = points(ax)
    np.testing.assert_allclose(x, [r.summary().iloc[0]["estimate"] for r in results.values()])
    labels = {round(t.get_position()[1]): t.get_text() for t in ax.get_yticklabels()}
    assert [labels[round(v)] for v in y] == list(results)
    assert any(line.get_xdata()[0] == uk.n_observed for line in ax.lines if line.get_linestyle() == "--")


def test_closed_models_get_log_normal_intervals():
    frame = ts.mse.closed_models(ts.datasets.mse("Artificial_3"))
    ax = tipstats.plot.mse(frame)
    x, _ = points(ax)
    fitted = frame.dropna(subset=["abundance"])
    np.testing.assert_allclose(x, fitted["abundance"])
    # the bar of M0: n + (N - n) / C to n + (N - n) C
    [container] = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    segments = container.lines[2][0].get_segments()
    m0 = fitted.loc["M0"]
    c = math.exp(stats.norm.ppf(0.975) * math.sqrt(math.log(1 + (m0["stderr"] / (m0["abundance"] - 96)) ** 2)))
    ends = sorted(seg[:, 0].tolist() for seg in segments)
    assert [96 + (m0["abundance"] - 96) / c, 96 + (m0["abundance"] - 96) * c] in [pytest.approx(e) for e in ends]


def test_bma_posterior():
    result = ts.mse.bma(ts.datasets.mse("Kosovo"), range(0, 20001, 10))
    ax = tipstats.plot.mse(result, level=0.9)
    curve = ax.lines[0]
    np.testing.assert_array_equal(curve.get_xdata(), result.total)
    np.testing.assert_array_equal(curve.get_ydata(), result.posterior)
    assert any(line.get_xdata()[0] == result.median for line in ax.lines[1:])
    assert "90% credible interval" in " ".join(t.get_text() for t in ax.get_legend().get_texts())


def test_nothing_to_draw():
    frame = ts.mse.closed_models(ts.datasets.mse("Artificial_3")).iloc[[3]]  # Mh Poisson2: no estimate
    with pytest.raises(ValueError, match="nothing to draw"):
        tipstats.plot.mse(frame)
