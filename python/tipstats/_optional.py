"""Optional dependencies (scipy, openpyxl, dask, pyarrow), imported when first needed, with an error that says
which extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

#: The extra of tipstats that installs each optional dependency (pyproject.toml).
EXTRAS = {"scipy": "privacy", "openpyxl": "excel", "dask": "dask", "distributed": "dask", "pyarrow": "dask"}


def require(module: str, purpose: str) -> ModuleType:
    """`module` imported; if its distribution is not installed, a ModuleNotFoundError naming the extra
    (``pip install tipstats[privacy]``) and what needed it. Other import failures propagate as they are."""
    package = module.split(".")[0]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] != package:
            raise  # the package is there but something it imports is not: not ours to explain
        raise ModuleNotFoundError(
            f"{purpose} needs {package}, which is not installed: pip install tipstats[{EXTRAS[package]}] "
            f"(or pip install {package})", name=package) from error
