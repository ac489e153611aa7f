"""`import tipstats` loads numpy and the compiled core only: pandas, matplotlib, scipy, python-calamine,
dask and pyarrow load when first needed, and the pandas-based submodules on first use."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tipstats as ts

HEAVY = ["pandas", "matplotlib", "scipy", "python_calamine", "dask", "distributed", "pyarrow", "tipstats.io",
         "tipstats.mse", "tipstats.privacy", "tipstats.dask"]


def _loaded_after(code: str, tmp_path: Path) -> list:
    """The HEAVY modules loaded after running ``code`` in a fresh interpreter (this suite's tipstats)."""
    script = f"import sys\n{code}\nimport json\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    env = dict(os.environ, PYTHONPATH=str(Path(ts.__file__).resolve().parents[1]))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_import_tipstats_loads_no_heavy_module(tmp_path):
    assert _loaded_after("import tipstats", tmp_path) == []


def test_core_work_without_frames_loads_no_heavy_module(tmp_path):
    code = ("import tipstats as ts\n"
            "ds = ts.datasets.cambodia_2019()\n"
            "ts.proportion_ci(60, 70); ts.trend.mann_kendall([1.0, 3.0, 2.0, 5.0, 4.0, 6.0])\n"
            "s = ds.observations.series('victims_rescued', offence='sexual_assault')\n"
            "assert s == s and ds.observations[0] == ds.observations[0]")
    assert _loaded_after(code, tmp_path) == []


@pytest.mark.parametrize("code, loaded", [
    ("import tipstats as ts; ts.datasets.cambodia_2019().observations.to_pandas()", ["pandas"]),
    ("import tipstats as ts; ts.io", ["pandas", "tipstats.io"]),
    ("from tipstats import mse", ["pandas", "tipstats.mse"]),
    ("import tipstats.privacy", ["pandas", "tipstats.privacy"]),
])
def test_pandas_and_the_submodules_load_on_first_use(tmp_path, code, loaded):
    assert set(loaded) <= set(_loaded_after(code, tmp_path))


def test_lazy_submodules_are_attributes():
    assert ts.io.read_glotip is not None and ts.mse.stepwise is not None and ts.privacy.suppress is not None
    assert {"io", "mse", "privacy"} <= set(dir(ts))
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        ts.nonesuch  # noqa: B018
