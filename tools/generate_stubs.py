"""Write the type stubs of the compiled module ``tipstats._core`` with pybind11-stubgen.

    python tools/generate_stubs.py OUTPUT_DIR      # writes OUTPUT_DIR/tipstats/_core/*.pyi

The whole package is imported first, so the stubs also describe the methods that the Python
package adds to the compiled classes (``Observations.to_pandas``, ``Dataset.load``, the HTML
views): a type checker sees every method a user can call. Their annotations are written relative
to their own modules (``pd.DataFrame``); they are rewritten as full names (``pandas.DataFrame``),
which pybind11-stubgen can import. CI regenerates the stubs and compares them with
python/tipstats/_core/*.pyi; after changing the bindings or those methods, run
``python tools/generate_stubs.py python`` (with the dev build in python/tipstats) and commit the
result. The pybind11-stubgen version is pinned in pyproject.toml's ``typing`` extra.
"""

import builtins
import importlib
import inspect
import re
import sys
import types

import pybind11_stubgen

# A dotted name, or a quoted string (a Literal's value), which is left as it is.
DOTTED_NAME = re.compile(r"\"[^\"]*\"|'[^']*'|[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*")
# Modules the package imports only for type checkers (``if TYPE_CHECKING: import pandas as pd``), so
# that ``import tipstats`` does not load them: absent from the functions' globals at run time.
TYPE_CHECKING_MODULES = {"pd": "pandas"}


def _full_name(name: str, namespace: dict) -> str:
    """``pd.DataFrame`` -> ``pandas.DataFrame``, ``Resampled`` -> ``tipstats.observations.Resampled``."""
    if name[0] in "\"'":
        return name
    head, _, rest = name.partition(".")
    if head in namespace:
        target = namespace[head]
    elif head in TYPE_CHECKING_MODULES:
        target = importlib.import_module(TYPE_CHECKING_MODULES[head])
    elif hasattr(builtins, head) or head == "None":
        return name
    else:
        raise SystemExit(f"cannot resolve the annotation {name!r}")
    if isinstance(target, types.ModuleType):
        prefix = target.__name__
    elif inspect.isclass(target):
        prefix = f"{target.__module__}.{target.__qualname__}"
    else:  # a typing alias such as Any
        prefix = f"{getattr(target, '__module__', 'typing')}.{head}"
    return f"{prefix}.{rest}" if rest else prefix


def _qualify_annotations(function: types.FunctionType) -> None:
    namespace = function.__globals__
    for key, annotation in function.__annotations__.items():
        if isinstance(annotation, str):
            function.__annotations__[key] = DOTTED_NAME.sub(lambda m: _full_name(m.group(0), namespace), annotation)


def _python_methods(module: types.ModuleType):
    """The Python functions attached to the classes of a compiled module and its submodules."""
    for value in vars(module).values():
        if isinstance(value, types.ModuleType) and value.__name__.startswith(module.__name__ + "."):
            yield from _python_methods(value)
        elif inspect.isclass(value) and value.__module__.startswith("tipstats._core"):
            for member in vars(value).values():
                function = getattr(member, "__func__", member)
                if isinstance(function, types.FunctionType):
                    yield function


def main(output: str) -> None:
    import tipstats  # noqa: F401  (runs the package, which adds its methods to the compiled classes)
    from tipstats import _core

    for function in _python_methods(_core):
        _qualify_annotations(function)
    sys.argv = ["pybind11-stubgen", "tipstats._core", "-o", output, "--exit-code"]
    pybind11_stubgen.main()


if __name__ == "__main__":
    main(sys.argv[1])
