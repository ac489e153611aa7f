"""Counting case records by any set of columns (``tipstats.tabulate``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Hashable, Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike

from . import _core
from ._errors import domain_error, not_found_error, validation_error

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["tabulate"]

# Integer dtypes the kernel reads in place; other columns are factorized first.
_IN_PLACE_KINDS = {("i", 1), ("i", 2), ("i", 4), ("i", 8), ("u", 1), ("u", 2), ("u", 4)}


def tabulate(data: pd.DataFrame | Mapping[Hashable, Any], by: Hashable | Sequence[Hashable], *,
             weights: Hashable | ArrayLike | None = None, threads: int | None = None, protect: str | None = None,
             **protect_options: Any) -> pd.DataFrame:
    """Count the rows of each combination of values in the ``by`` columns.

    The result equals
    ``data.groupby(by, observed=True, dropna=False).size().reset_index(name="count")``:
    a DataFrame with the ``by`` columns and an int64 ``count`` column, one row per combination
    present, sorted by the ``by`` columns (categories in their category order), index reset.
    With ``weights`` it equals ``groupby(...)[weights].sum()`` instead.

    **Missing values form their own group** (NaN, None, ``pd.NA``, NaT, a categorical's missing
    code), sorted after every other value of their column, as ``dropna=False`` does. Note that
    pandas' default ``groupby(by).size()`` (``dropna=True``) drops such rows instead; on data
    without missing values the two agree.

    ``data``
        A pandas DataFrame, or a mapping of column name to a one-dimensional numpy array, pandas
        Series or Categorical (all of one length).
    ``by``
        A column name or a list of them.
    ``weights``
        How many records each row stands for, when the rows are already counts (a published
        table, partial tables to add up): a column name or an array, of whole numbers, none
        negative or missing. A combination whose rows all weigh 0 is a group with count 0.
    ``threads``
        Threads to count with; default every hardware thread. The kernel releases the GIL.
    ``protect``
        Opt-in disclosure control for publishing the table (see ``tipstats.privacy.protect`` and
        docs/privacy.md): ``"suppress"`` withholds small cells and enough others that no withheld
        cell can be recovered from the totals (``threshold=10``, margins added); ``"noise"`` adds
        differentially private noise (``epsilon=`` required). The table is first completed with
        a count of 0 for every combination without records (``tipstats.privacy.complete``), since
        protection reasons over the whole table. Further keyword arguments go to the method; the
        counts stay whole numbers (``Int64``, ``<NA>`` where withheld). None (default): the exact
        counts, only the combinations present.

    What it costs: categorical columns are read through their codes and integer columns (8 to 64
    bits, unsigned up to 32; bool) through their values, in place: no copy. Other columns
    (strings, objects, floats, dates, nullable extension types, uint64) are factorized first,
    which costs one array of codes per column, as pandas' groupby does. When the product of the columns' value ranges is
    small (years, age bands, sexes, exploitation types, countries) each thread counts into a
    dense table of every possible combination; otherwise the combined keys are ranked by a radix
    sort (one thread, about 48 bytes per row of working memory).

    It raises NotFoundError when ``by`` names a column that ``data`` does not have (the error's
    ``key``); ValidationError for columns of different lengths, a column that is not
    one-dimensional, ``count`` or a repeated name in ``by`` (the error's ``field`` names the
    column); DomainError when ``by`` is empty, ``threads`` is below 1 or a weight is negative,
    missing or not whole (its index).

    >>> df = pd.DataFrame({"year": [2019, 2019, 2020], "gender": ["Female", None, "Female"]})
    >>> tabulate(df, by=["year", "gender"])
       year  gender  count
    0  2019  Female      1
    1  2019     NaN      1
    2  2020  Female      1

    A table that already holds counts (here the seed article's 263 victims of the first half of
    2019: 70 under 15, 31 aged 15 to 18, the age of the others not given) adds up by its counts:

    >>> published = pd.DataFrame({"age": ["under 15", "15-18", "not given"], "victims": [70, 31, 162]})
    >>> tabulate(published.assign(age_given=published["age"] != "not given"), by="age_given", weights="victims")
       age_given  count
    0      False    162
    1       True    101
    """
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    names = [by] if isinstance(by, str) or not isinstance(by, Sequence) else list(by)
    if not names:
        raise domain_error("by", "name at least one column to tabulate by")
    if threads is not None and (not isinstance(threads, (int, np.integer)) or threads < 1):
        raise domain_error("threads", f"must be a positive integer, got {threads!r}")
    seen: set = set()
    for name in names:
        if name == "count":
            raise validation_error("cannot tabulate by a column named 'count', the name of the result's counts",
                                   "count")
        if name in seen:
            raise validation_error("named twice in 'by'", str(name))
        seen.add(name)

    columns = [_encode(name, _column(data, name)) for name in names]
    counts_per_row = None if weights is None else _weights(data, weights)
    codes, counts = _core.tabulate_codes([(str(name), c, missing) for name, (c, missing, _) in zip(names, columns)],
                                         threads or 0, counts_per_row)
    out = {name: decode(group_codes) for name, (_, _, decode), group_codes in zip(names, columns, codes)}
    out["count"] = counts
    return protected(pd.DataFrame(out), names, protect, **protect_options)


def protected(table: pd.DataFrame, names: Sequence[Hashable], protect: str | None,
              **protect_options: Any) -> pd.DataFrame:
    """A table of counts as ``tabulate(..., protect=...)`` returns it: as it is without protection, else
    completed with zero counts and protected (``tipstats.dask.tabulate`` protects its combined table so)."""
    if protect is None and not protect_options:
        return table
    from . import privacy  # scipy is imported only when protection is asked for

    if protect is not None:  # a combination without records is a count of 0, which protection reasons with
        table = privacy.complete(table, names)
    return privacy.protect(table, names, method=protect, **protect_options)


def _column(data: Any, name: Hashable) -> Any:
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    if isinstance(data, pd.DataFrame):
        if name not in data.columns:
            raise not_found_error("column", str(name))
        column = data[name]
        if isinstance(column, pd.DataFrame):
            raise validation_error("the column name is not unique", str(name))
        return column
    if isinstance(data, Mapping):
        if name not in data:
            raise not_found_error("column", str(name))
        return data[name]
    raise TypeError(f"tabulate expects a pandas DataFrame or a mapping of column arrays, got {type(data).__name__}")


def _weights(data: Any, weights: Any) -> np.ndarray:
    """The weights as int64 counts, each checked to be a whole number of at least 0."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    values = _column(data, weights) if isinstance(weights, Hashable) else weights
    if np.ndim(values) != 1:
        raise validation_error(f"must be one-dimensional, has {np.ndim(values)} dimensions", "weights")
    values = values if isinstance(values, pd.Series) else pd.Series(values)
    kind = values.dtype.kind  # numpy's and pandas' nullable dtypes alike
    if kind not in "iubf":
        raise domain_error("weights", f"must be whole numbers, got dtype {values.dtype}")
    floats = values.to_numpy(dtype=float, na_value=np.nan)

    def first(bad: np.ndarray) -> int:
        return int(np.flatnonzero(bad)[0])

    if np.isnan(floats).any():
        raise domain_error("weights", "must not be missing", first(np.isnan(floats)))
    if (floats < 0).any():
        raise domain_error("weights", "must not be negative", first(floats < 0))
    if kind == "f" and (floats != np.floor(floats)).any():
        raise domain_error("weights", "must be whole numbers", first(floats != np.floor(floats)))
    if (floats >= 2.0**63).any():
        raise domain_error("weights", "must be below 2**63", first(floats >= 2.0**63))
    return np.ascontiguousarray(values.to_numpy(dtype=np.int64) if kind in "iub" else floats.astype(np.int64))


def _encode(name: Hashable, column: Any) -> tuple[np.ndarray, int | None, Callable[[np.ndarray], Any]]:
    """Integer codes of a column (a view when possible), its missing code, and the map back."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    dtype = getattr(column, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype):
        categorical = column.array if isinstance(column, pd.Series) else column
        return (np.ascontiguousarray(categorical.codes), -1,
                lambda codes: pd.Categorical.from_codes(codes, dtype=dtype))
    if not isinstance(column, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray, np.ndarray)):
        column = np.asarray(column)
        dtype = column.dtype
    if isinstance(dtype, np.dtype):
        values = column.to_numpy(copy=False) if isinstance(column, (pd.Series, pd.Index)) else column
        if values.ndim != 1:
            raise validation_error(f"must be one-dimensional, has {values.ndim} dimensions", str(name))
        if dtype.kind == "b":
            return np.ascontiguousarray(values).view(np.uint8), None, lambda codes: codes.astype(bool)
        if (dtype.kind, dtype.itemsize) in _IN_PLACE_KINDS:
            return np.ascontiguousarray(values), None, lambda codes: codes.astype(dtype)
    codes, uniques = factorized(column)
    return codes, -1, lambda group_codes: decoded(uniques, group_codes)


def factorized(column: Any) -> tuple[np.ndarray, pd.Index]:
    """A column's codes (-1: missing) and its distinct values, sorted, in their own type."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=True)
    return codes, uniques if isinstance(uniques, pd.Index) else pd.Index(uniques, dtype=uniques.dtype)


def decoded(uniques: pd.Index, codes: np.ndarray) -> Any:
    """The values of ``codes`` (-1: missing) as a column of the type pandas' groupby gives keys."""
    import pandas as pd  # noqa: PLC0415 - pandas loads on first use

    values = uniques.array if isinstance(uniques.dtype, pd.api.extensions.ExtensionDtype) else uniques.to_numpy()
    if values.dtype == object and len(values) == 0:
        values = np.array([], dtype=np.float64)  # every value missing: pandas' group key is a float NaN
    if isinstance(values, np.ndarray) and not (codes < 0).any():
        return values.take(codes)  # no missing value to fill in: numpy's take, much faster
    return pd.api.extensions.take(values, codes, allow_fill=True)
