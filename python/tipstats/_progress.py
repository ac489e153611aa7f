"""Progress of long runs, shared by the batch functions and the command line.

``progress`` arguments take False (nothing), True (a bar on standard error: tqdm when it is installed,
else a one-line counter) or a callable ``progress(done, total)`` called with counts that never go down
and end at ``total``.
"""

from __future__ import annotations

import math
import os
import sys
from typing import Callable, Iterator, Optional, Tuple, Union

from ._errors import domain_error

#: A ``progress=`` argument: False, True (a bar on standard error) or ``progress(done, total)``.
ProgressArg = Union[bool, Callable[[int, int], object]]

# About this many updates over a run: enough to see it move, few enough that the chunks stay large.
_UPDATES = 100


class _Counter:
    """A one-line counter on standard error, "fitting 12/40 series", rewritten in place."""

    def __init__(self, total: int, description: str, unit: str):
        self.total, self.description, self.unit = total, description, unit

    def update(self, done: int) -> None:
        sys.stderr.write(f"\r{self.description} {done}/{self.total} {self.unit}")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


class _Bar:
    """A tqdm bar on standard error."""

    def __init__(self, total: int, description: str, unit: str):
        from tqdm import tqdm  # noqa: PLC0415 - tqdm is optional

        self.bar = tqdm(total=total, desc=description, unit=f" {unit}", file=sys.stderr)

    def update(self, done: int) -> None:
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()


class _Callback:
    def __init__(self, function: Callable[[int, int], object], total: int):
        self.function, self.total = function, total

    def update(self, done: int) -> None:
        self.function(done, self.total)

    def close(self) -> None:
        pass


def _display(total: int, description: str, unit: str):
    try:
        return _Bar(total, description, unit)
    except ImportError:
        return _Counter(total, description, unit)


class Progress:
    """``with Progress(progress, total, "fitting", "series") as report: ... report(done)``.

    Reports ``done`` (counts that do not go down) to the display ``progress`` asks for; on leaving
    without an error, reports ``total`` if it was not reached, so a run always ends at its total."""

    def __init__(self, progress: Optional[ProgressArg], total: int, description: str, unit: str):
        if progress is None or progress is False:
            self._sink = None
        elif progress is True:
            self._sink = _display(total, description, unit)
        elif callable(progress):
            self._sink = _Callback(progress, total)
        else:
            raise domain_error("progress", f"must be False, True or a callable progress(done, total), not {progress!r}")
        self.total = total
        self.done: Optional[int] = None

    def __enter__(self) -> "Progress":
        return self

    def __call__(self, done: int) -> None:
        self.done = done
        if self._sink is not None:
            self._sink.update(done)

    def __exit__(self, kind, error, traceback) -> None:
        if self._sink is None:
            return
        if kind is None and self.done != self.total:
            self(self.total)
        self._sink.close()


def chunks(total: int, threads: Optional[int] = None) -> Iterator[Tuple[int, int]]:
    """``(start, stop)`` row ranges covering ``range(total)``: about ``_UPDATES`` of them, none smaller
    than the number of threads (so every core has a row to work on while it lasts)."""
    workers = int(threads) if threads else (os.cpu_count() or 1)
    size = max(math.ceil(total / _UPDATES), workers, 1)
    for start in range(0, total, size):
        yield start, min(start + size, total)
