"""Every public function, method and class documents itself, and every example in a docstring runs.

The public API is what the package modules list in ``__all__``, with the public members of the
classes found there. Functions and methods need a runnable ``>>>`` example; the statistical
functions also a literature reference (a year such as ``1934`` with an author); classes,
properties and attributes need at least a sentence. The examples run as doctests in a fresh
namespace holding ``ts`` (tipstats), ``np``, ``pd``, the names of the module they belong to and
``tmp``, an empty temporary folder.
"""

import doctest
import importlib
import importlib.util
import inspect
import os
import re
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

PUBLIC_MODULES = [
    "tipstats",
    "tipstats.stats",
    "tipstats.trend",
    "tipstats.io",
    "tipstats.tabulate",
    "tipstats.privacy",
    "tipstats.plot",
    "tipstats.datasets",
    "tipstats.model",
    "tipstats.observations",
    "tipstats.mse",
    "tipstats.dask",
]
# Modules and methods whose examples need an optional dependency (pyproject.toml's extras): without it
# they are skipped, visibly (test_optional_examples_are_checked), as where cibuildwheel tests a wheel
# with the reference libraries only.
OPTIONAL = {"tipstats.plot": ("matplotlib",), "tipstats.dask": ("dask", "distributed", "pyarrow"),
            "tipstats.Observations.to_parquet": ("pyarrow",), "tipstats.Observations.read_parquet": ("pyarrow",),
            "tipstats.privacy.PublicationTable.to_excel": ("openpyxl",)}
# Modules whose functions compute statistics: their docstrings cite the literature.
STATISTICAL_MODULES = {"tipstats.stats", "tipstats.trend", "tipstats.privacy", "tipstats.mse"}
REFERENCE = re.compile(r"\b(1[89]|20)\d\d[a-z]?\b")

# Members every class gets from Python or pybind11 rather than from tipstats.
INHERITED = {"name", "value"}


def _is_routine(obj) -> bool:
    return inspect.isroutine(obj) or isinstance(obj, (staticmethod, classmethod))


def _missing(name: str) -> list:
    """The optional packages that the module or function `name` (or the module holding it) needs and lacks."""
    needed = {p for key, packages in OPTIONAL.items() if name == key or name.startswith(key + ".") for p in packages}
    return sorted(package for package in needed if importlib.util.find_spec(package) is None)


def _public_api():
    """(qualified name, object, kind, home module) for every public object, each listed once."""
    seen: set[int] = set()
    found = []
    for module_name in PUBLIC_MODULES:
        if _missing(module_name):
            continue
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or id(obj) in seen or not (callable(obj) or inspect.isclass(obj)):
                continue
            seen.add(id(obj))
            qualified = f"{module_name}.{name}"
            if not inspect.isclass(obj):
                found.append((qualified, obj, "function", module_name))
                continue
            found.append((qualified, obj, "class", module_name))
            if issubclass(obj, BaseException):
                continue
            for member_name, member in vars(obj).items():
                if member_name.startswith("_") or member_name in INHERITED:
                    continue
                if _is_routine(member):
                    found.append((f"{qualified}.{member_name}", getattr(obj, member_name), "method", module_name))
                elif isinstance(member, property) or type(member).__name__ == "property":
                    found.append((f"{qualified}.{member_name}", member, "attribute", module_name))
    return found


API = _public_api()


@pytest.mark.parametrize("name", sorted(OPTIONAL))
def test_optional_examples_are_checked(name):
    if _missing(name):
        pytest.skip(f"the examples of {name} are not run: {', '.join(_missing(name))} not installed")
    assert any(q == name or q.startswith(name + ".") for q, _, _, _ in API)


def _doc(obj) -> str:
    return inspect.getdoc(obj) or ""


@pytest.mark.parametrize("qualified, obj, kind, module_name", API, ids=[entry[0] for entry in API])
def test_documented(qualified, obj, kind, module_name):
    doc = _doc(obj)
    # pybind11 puts the signature first; the text after it must say something.
    text = "\n".join(line for line in doc.splitlines() if not re.match(r"^\w+\(.*\) ->", line)).strip()
    assert len(text) >= 10, f"{qualified} has no docstring"
    if kind in ("function", "method"):
        assert ">>>" in doc, f"{qualified} has no example"
    if kind == "function" and module_name in STATISTICAL_MODULES and not inspect.isclass(obj):
        assert REFERENCE.search(doc), f"{qualified} cites no reference (author and year)"


EXAMPLES = [(q, o, m) for q, o, _, m in API if ">>>" in _doc(o)]


@pytest.mark.parametrize("qualified, obj, module_name", EXAMPLES, ids=[entry[0] for entry in EXAMPLES])
def test_example_runs(qualified, obj, module_name):
    if _missing(qualified):
        pytest.skip(f"needs {', '.join(_missing(qualified))}")
    import numpy as np
    import pandas as pd

    import tipstats as ts

    with tempfile.TemporaryDirectory() as tmp:
        namespace = dict(vars(importlib.import_module(module_name)))
        namespace.update(ts=ts, np=np, pd=pd, tmp=Path(tmp))
        parser = doctest.DocTestParser()
        test = parser.get_doctest(_doc(obj), namespace, qualified, None, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        report: list[str] = []
        runner.run(test, out=report.append)
        assert runner.failures == 0, "".join(report)
