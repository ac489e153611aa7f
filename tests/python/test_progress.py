"""progress= of the batch functions and the privacy audit: the same results with and without it, counts
that never go down and end at the total, a bar or counter on standard error, one compiled call without."""

import sys
import types

import numpy as np
import pandas as pd
import pytest

import tipstats as ts
from tipstats import privacy, trend

ROWS = 250  # several chunks: about 100 updates, so chunks of 3 rows with threads=2


def counts(rows=ROWS, n=12, seed=7):
    rng = np.random.default_rng(seed)
    return rng.poisson(np.exp(rng.normal(3, 1, (rows, 1)) + 0.05 * np.arange(n)), (rows, n)).astype(float)


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, done, total):
        self.calls.append((done, total))

    def check(self, total):
        done = [d for d, _ in self.calls]
        assert done == sorted(done) and done[-1] == total and len(done) > 1
        assert {t for _, t in self.calls} == {total}


BATCHES = {
    "mann_kendall_batch": lambda Y, **kw: trend.mann_kendall_batch(Y, method="yue_wang", **kw),
    "sens_slope_batch": lambda Y, **kw: trend.sens_slope_batch(Y, level=0.9, **kw),
    "loglinear_batch": lambda Y, **kw: trend.loglinear_batch(Y, model="quasi", **kw),
    "linear_batch": lambda Y, **kw: trend.linear_batch(Y, **kw),
    "joinpoint_batch": lambda Y, **kw: trend.joinpoint_batch(Y[:40], max_joinpoints=1, zeros="add_half", **kw),
}


@pytest.mark.parametrize("name", BATCHES)
def test_batch_results_are_the_same_with_progress(name):
    Y = counts()
    recorder = Recorder()
    plain = BATCHES[name](Y, threads=2)
    shown = BATCHES[name](Y, threads=2, progress=recorder)
    pd.testing.assert_frame_equal(plain, shown, check_exact=True)
    recorder.check(len(plain))
    as_dict = BATCHES[name](Y, threads=2, as_frame=False, progress=recorder)
    assert list(as_dict) == list(plain.columns)


def test_joinpoint_permutation_batch_with_progress_keeps_the_seed():
    Y = counts(rows=5, n=11)
    options = dict(max_joinpoints=1, selection="permutation", permutations=49, seed=11, threads=1)
    plain = trend.joinpoint_batch(Y, **options)
    recorder = Recorder()
    pd.testing.assert_frame_equal(plain, trend.joinpoint_batch(Y, progress=recorder, **options), check_exact=True)
    assert recorder.calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]  # threads=1: one row per chunk


def test_exposure_per_series_is_chunked_with_its_rows():
    Y = counts()
    exposure = np.random.default_rng(3).uniform(1e4, 1e5, Y.shape)
    plain = trend.loglinear_batch(Y, exposure=exposure, threads=2)
    pd.testing.assert_frame_equal(plain, trend.loglinear_batch(Y, exposure=exposure, threads=2, progress=Recorder()),
                                  check_exact=True)
    shared = exposure[0]
    pd.testing.assert_frame_equal(trend.loglinear_batch(Y, exposure=shared, threads=2),
                                  trend.loglinear_batch(Y, exposure=shared, threads=2, progress=Recorder()),
                                  check_exact=True)
    with pytest.raises(ts.DomainError):
        trend.loglinear_batch(Y, exposure=exposure[:3], progress=Recorder())


def test_a_bad_row_is_named_by_its_row_of_Y_not_of_its_chunk():
    Y = counts()
    Y[200, 4] = -1
    with pytest.raises(ts.DomainError) as plain:
        trend.loglinear_batch(Y, threads=2)
    with pytest.raises(ts.DomainError) as shown:
        trend.loglinear_batch(Y, threads=2, progress=Recorder())
    assert shown.value.argument == plain.value.argument == "Y[200]"
    assert shown.value.index == plain.value.index == 4
    assert str(shown.value) == str(plain.value)


def test_without_progress_the_compiled_function_runs_once(monkeypatch):
    calls = []
    compiled = trend._core.linear_batch

    def counting(*args):
        calls.append(len(args[0]))
        return compiled(*args)

    monkeypatch.setattr(trend._core, "linear_batch", counting)
    Y = counts()
    trend.linear_batch(Y, threads=2)
    assert calls == [ROWS]
    calls.clear()
    trend.linear_batch(Y, threads=2, progress=Recorder())
    assert len(calls) > 1 and sum(calls) == ROWS and max(calls) >= 2  # every chunk keeps both threads busy


def test_progress_true_writes_a_counter_to_stderr_without_tqdm(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if tqdm were not installed
    trend.sens_slope_batch(counts(), progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"\rfitting {ROWS}/{ROWS} series\n" in captured.err


def test_progress_true_uses_tqdm_when_installed(monkeypatch):
    bars = []

    class FakeTqdm:
        def __init__(self, total, desc, unit, file):
            assert file is sys.stderr
            self.total, self.n, self.closed = total, 0, False
            bars.append(self)

        def update(self, step):
            assert step >= 0
            self.n += step

        def close(self):
            self.closed = True

    monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeTqdm))
    trend.sens_slope_batch(counts(), progress=True)
    [bar] = bars
    assert bar.n == bar.total == ROWS and bar.closed


def test_empty_batch_reports_its_total_once():
    recorder = Recorder()
    frame = trend.linear_batch(np.empty((0, 5)), progress=recorder)
    assert len(frame) == 0 and recorder.calls == [(0, 0)]


def test_a_bad_progress_argument_is_a_domain_error():
    with pytest.raises(ts.DomainError) as error:
        trend.linear_batch(counts(), progress="yes")
    assert error.value.argument == "progress"


def test_audit_reports_each_withheld_cell():
    rng = np.random.default_rng(5)
    table = pd.MultiIndex.from_product([range(6), range(5)], names=["area", "age"]).to_frame(index=False)
    table["count"] = rng.poisson(np.exp(rng.normal(2.5, 1.3, len(table))))
    published = privacy.suppress(table, ["area", "age"], threshold=10)
    recorder = Recorder()
    shown = privacy.audit(published, ["area", "age"], progress=recorder)
    plain = privacy.audit(published, ["area", "age"])
    pd.testing.assert_frame_equal(plain.intervals, shown.intervals, check_exact=True)
    withheld = int(published["count"].isna().sum())
    assert withheld > 1
    assert recorder.calls == [(i, withheld) for i in range(1, withheld + 1)]


def test_suppress_reports_each_primary_cell_verified():
    rng = np.random.default_rng(9)
    table = pd.MultiIndex.from_product([range(8), range(6)], names=["area", "age"]).to_frame(index=False)
    table["count"] = rng.poisson(np.exp(rng.normal(2.5, 1.3, len(table))))
    recorder = Recorder()
    shown = privacy.suppress(table, ["area", "age"], threshold=10, progress=recorder)
    pd.testing.assert_frame_equal(privacy.suppress(table, ["area", "age"], threshold=10), shown, check_exact=True)
    primary = int((shown["suppressed"] == "primary").sum())
    assert primary > 1
    assert recorder.calls == [(i, primary) for i in range(1, primary + 1)]
    nothing_small = Recorder()
    privacy.suppress(table.assign(count=table["count"] + 10), ["area", "age"], progress=nothing_small)
    assert nothing_small.calls == [(0, 0)]
