"""Write the type stubs of the compiled module ``tipstats._core`` with pybind11-stubgen.

    python tools/generate_stubs.py OUTPUT_DIR      # writes OUTPUT_DIR/tipstats/_core/*.pyi

The stubs describe the compiled module alone: ``tipstats/__init__.py`` is not run, so the pandas
and notebook methods the Python package adds to these classes (typed in their own modules) are not
in them. CI regenerates the stubs and compares them with python/tipstats/_core/*.pyi; after changing
the bindings, run ``python tools/generate_stubs.py python`` (with the dev build in python/tipstats)
and commit the result. The pybind11-stubgen version is pinned in pyproject.toml's ``typing`` extra.
"""

import importlib.util
import sys
import types

import pybind11_stubgen


def main(output: str) -> None:
    spec = importlib.util.find_spec("tipstats")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("tipstats is not importable")
    package = types.ModuleType("tipstats")  # the package without its __init__: its submodules only
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules["tipstats"] = package
    from tipstats import _core

    # The errors say they live in ``tipstats`` (their __module__), where the stubs import them from.
    for name in ("Error", "ParseError", "ValidationError", "DomainError", "NotFoundError"):
        setattr(package, name, getattr(_core, name))
    sys.argv = ["pybind11-stubgen", "tipstats._core", "-o", output, "--exit-code"]
    pybind11_stubgen.main()


if __name__ == "__main__":
    main(sys.argv[1])
