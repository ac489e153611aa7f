"""Type annotations of the public API, so that `mypy --strict` accepts code that calls tipstats.

Every public Python function and method (the API that test_docstrings walks) annotates all its
parameters and its return; mypy infers floats for scalar calls, arrays for array calls and DataFrames
from the batch functions; and the typed example script runs.
"""

import inspect
import os
import pathlib
import subprocess
import sys
import types

import pytest

import tipstats as ts
from test_docstrings import API

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _python_function(obj):
    """The Python function behind a public function or method (static, class or plain), or None for a
    compiled one, whose annotations come from its pybind11 signature."""
    function = getattr(obj, "__func__", obj)
    return function if isinstance(function, types.FunctionType) else None


FUNCTIONS = [(qualified, _python_function(obj)) for qualified, obj, kind, _ in API
             if kind in ("function", "method") and _python_function(obj) is not None]


def test_the_walk_finds_the_python_functions():
    names = {qualified for qualified, _ in FUNCTIONS}
    assert {"tipstats.proportion_ci", "tipstats.Dataset.load", "tipstats.Dataset.series",
            "tipstats.AgreementRegistry.to_pandas", "tipstats.trend.joinpoint_batch",
            "tipstats.trend.JoinpointResult.to_pandas", "tipstats.privacy.protect"} <= names


@pytest.mark.parametrize("qualified, function", FUNCTIONS, ids=[q for q, _ in FUNCTIONS])
def test_annotated(qualified, function):
    signature = inspect.signature(function, follow_wrapped=False)
    missing = [name for name, parameter in signature.parameters.items()
               if parameter.annotation is inspect.Parameter.empty and name not in ("self", "cls")]
    if signature.return_annotation is inspect.Signature.empty:
        missing.append("return")
    assert not missing, f"{qualified} does not annotate {', '.join(missing)}"


# What mypy infers for typical calls: scalars give floats, arrays give arrays, batch functions give a
# DataFrame unless as_frame=False.
REVEALED = {
    "ts.proportion_ci(70, 263)": "tuple[float, float]",
    "ts.proportion_ci(np.array([70, 31]), 263, method='exact')[0]": "numpy.ndarray[",
    "ts.share(70, 263)": "float",
    "ts.share([70, 31], 263)": "numpy.ndarray[",
    "ts.rate_ci(263, 15_552_211)": "tuple[float, float]",
    "ts.change_ci(263, 106)": "tipstats.stats.Change",
    "ts.check_claim('an increase of nearly 150 per cent', 263)": "tipstats.stats.ClaimCheck",
    "ts.trend.mann_kendall([1, 3, 2, 5, 4]).p": "float",
    "ts.trend.loglinear([3, 5, 4, 8], model='negbin').alpha": "float",
    "ts.trend.loglinear([3, 5, 4, 8]).fitted([2020.0])[1]": "numpy.ndarray[",
    "ts.trend.logistic([1, 2, 3], [5, 6, 7]).odds_ratio_ci": "tuple[float, float]",
    "ts.Observations().trends('victims_detected', by=['area', 'sex'], model='negbin')": "pandas.core.frame.DataFrame",
    "ts.trend.mann_kendall_batch(pd.DataFrame([[1, 3, 2, 5]]))": "pandas.core.frame.DataFrame",
    "ts.trend.sens_slope_batch([[1, 3, 2, 5]], as_frame=False)": "dict[str, ",
    "ts.trend.joinpoint([1, 3, 2, 5, 4, 6]).to_pandas()": "pandas.core.frame.DataFrame",
    "ts.privacy.suppress(pd.DataFrame(), ['age'])": "pandas.core.frame.DataFrame",
    "ts.privacy.publication_table(pd.DataFrame(), rows='age', cols='sex')": "tipstats.privacy._publish.PublicationTable",
    "ts.proportion_ci_range('86 per cent', n=[7, 14]).lowest": "float",
    "ts.check_claim('86 per cent').denominators": "tuple[int, ...]",
    "ts.Dataset.from_json('{}')": "tipstats._core.Dataset",
}


def test_mypy_infers_precise_types(tmp_path):
    pytest.importorskip("mypy")
    lines = ["import numpy as np", "import pandas as pd", "import tipstats as ts"]
    lines += [f"reveal_type({call})" for call in REVEALED]
    source = tmp_path / "calls.py"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # tipstats is found where it was imported from; errors inside it are not this test's business.
    package_parent = str(pathlib.Path(ts.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
                             "--cache-dir", str(tmp_path / "cache"), str(source)],
                            capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=600)
    revealed = {}
    for line in result.stdout.splitlines():
        where, _, message = line.partition(": note: Revealed type is ")
        if message:
            # mypy before 2.0 writes builtins.float, 2.0 float
            revealed[int(where.rsplit(":", 1)[1]) - 4] = message.strip('"').replace("builtins.", "")
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert not errors, "\n".join(errors)
    for i, (call, expected) in enumerate(REVEALED.items()):
        found = revealed.get(i, "")
        # "numpy.ndarray[" and "dict[str, " are prefixes (the element types vary with numpy); the rest exact
        matches = found.startswith(expected) if expected.endswith(("[", ", ")) else found == expected
        assert matches, f"{call}: mypy infers {found!r}, not {expected!r}"


def test_a_misspelt_model_name_is_a_type_error(tmp_path):
    pytest.importorskip("mypy")
    source = tmp_path / "misspelt.py"
    source.write_text("import tipstats as ts\n"
                      "ts.trend.loglinear([3, 5, 4], model='negative_binomial')\n"
                      "ts.Observations().trends('victims', model='nb')\n", encoding="utf-8")
    package_parent = str(pathlib.Path(ts.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
                             "--cache-dir", str(tmp_path / "cache"), str(source)],
                            capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=600)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["2", "3"], result.stdout


def test_typed_calls_example_runs(tmp_path):
    script = ROOT / "examples" / "python" / "typed_calls.py"
    result = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "under 15: 26.6% (95% CI 21.6% to 32.3%)" in result.stdout
    assert "north: increasing (tau 0.96, Sen slope 11.00 a year)" in result.stdout
    assert "negative binomial APC: 21.4% (censored: 3)" in result.stdout
    assert "withheld cells: 6; audit passed: True" in result.stdout
    assert "0-14,x,x,70" in result.stdout
    assert "86 per cent of 7 or more cases: 48.7% to 97.4%" in result.stdout
    assert "series: Series(victims_rescued, 2 periods: 2018-H1: 106, 2019-H1: 263)" in result.stdout
    assert (tmp_path / "cambodia.json").exists()
