"""Which tipstats the suite tests: pytest's header names it. With TIPSTATS_TEST_INSTALLED set (CI and
cibuildwheel test the installed wheel) the source tree's python/tipstats is refused, so a stray
PYTHONPATH cannot make the suite pass against a development build instead of the wheel."""

import os
from pathlib import Path

import pytest

import tipstats

PACKAGE = Path(tipstats.__file__).resolve().parent
SOURCE_TREE_PACKAGE = Path(__file__).resolve().parents[2] / "python" / "tipstats"


def pytest_report_header() -> str:
    return f"tipstats {tipstats.__version__} from {PACKAGE}"


def pytest_configure() -> None:
    if os.environ.get("TIPSTATS_TEST_INSTALLED") and PACKAGE == SOURCE_TREE_PACKAGE:
        raise pytest.UsageError(f"TIPSTATS_TEST_INSTALLED is set but tipstats comes from the source tree ({PACKAGE})")
