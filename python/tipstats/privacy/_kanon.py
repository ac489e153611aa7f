"""k-anonymity of record-level data and the generalisations that reach it."""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass, field
from typing import Any, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from .._display import ValueEquality
from .._errors import domain_error
from ._table import Columns, check_columns

CTDC_K = 11  # CTDC publishes k-anonymised records with k = 11 (CTDC data codebook)


@dataclass(frozen=True, eq=False)
class KAnonymity(ValueEquality):
    """Equivalence classes of records under their quasi-identifiers.

    The result of :func:`k_anonymity`. `classes`: one row per distinct combination of the
    quasi-identifiers (missing values form their own class, as an attacker sees them) with its
    `size`; `violations`: the records in classes smaller than `k`, with the `class_size` they fall
    in; `satisfied`: no such record; `quasi_identifiers` and `k` as checked."""

    classes: pd.DataFrame = field(repr=False)
    violations: pd.DataFrame = field(repr=False)
    quasi_identifiers: tuple
    k: int

    @property
    def satisfied(self) -> bool:
        """True when every record shares its quasi-identifiers with at least k - 1 others."""
        return self.violations.empty

    @property
    def smallest_class(self) -> int:
        """The number of records in the smallest equivalence class (0 when there are no records)."""
        return int(self.classes["size"].min()) if len(self.classes) else 0

    def __repr__(self) -> str:
        small = int((self.classes["size"] < self.k).sum())
        return (f"KAnonymity(k={self.k}, satisfied={self.satisfied}, classes={len(self.classes)}, "
                f"classes_below_k={small}, records_below_k={len(self.violations)}, smallest_class={self.smallest_class})")

    def _repr_html_(self) -> str:
        import html

        return f"<p><b>{html.escape(repr(self))}</b></p>" + self.classes.sort_values("size").to_html(index=False)


def k_anonymity(records: pd.DataFrame, quasi_identifiers: Columns, k: int = CTDC_K) -> KAnonymity:
    """Check that every combination of quasi-identifiers is shared by at least `k` records.

    A table of records is k-anonymous when each record is indistinguishable from at least k - 1 others
    on the attributes an attacker could link to outside knowledge (Samarati & Sweeney 1998; Sweeney
    2002, Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 10:557-570). CTDC publishes its
    global victim dataset with k = 11 on age, gender, citizenship, country of exploitation and year.

    `records` is a DataFrame with one row per person; `quasi_identifiers` names its columns an
    attacker could link (a name or a list). A missing column or a bad `k` raises
    :class:`tipstats.DomainError`; `records` that are not a DataFrame a TypeError.

    >>> records = pd.DataFrame({"year": [2019, 2019, 2019, 2019, 2020, 2020, 2020],
    ...                         "gender": ["F", "F", "F", "M", "F", "F", "M"]})
    >>> result = k_anonymity(records, ["year", "gender"], k=3)
    >>> result
    KAnonymity(k=3, satisfied=False, classes=4, classes_below_k=3, records_below_k=4, smallest_class=1)
    >>> result.violations["class_size"].tolist()
    [1, 2, 2, 1]
    """
    quasi_identifiers = check_columns(records, quasi_identifiers, "quasi_identifiers", "records")
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
        raise domain_error("k", f"must be a whole number of at least 1, not {k!r}")
    k = int(k)
    sizes = records.groupby(quasi_identifiers, dropna=False, sort=True, observed=True).size()
    classes = sizes.rename("size").reset_index()
    class_size = records.groupby(quasi_identifiers, dropna=False, observed=True)[quasi_identifiers[0]].transform("size")
    violations = records.assign(class_size=class_size.to_numpy())[class_size.to_numpy() < k]
    return KAnonymity(classes=classes, violations=violations, quasi_identifiers=tuple(quasi_identifiers), k=k)


_BAND = re.compile(r"^\s*(\d+)\s*(?:-{1,2}|to)\s*(\d+)\s*$|^\s*(\d+)\s*\+\s*$")


def _band_labels(edges: Sequence[int]) -> List[str]:
    return [f"{lo}-{hi - 1}" for lo, hi in zip(edges[:-1], edges[1:])] + [f"{edges[-1]}+"]


def generalize_age(ages: Union[pd.Series[Any], NDArray[Any], Sequence[Union[float, str, None]]],
                   bands: Sequence[int] = (0, 9, 18, 21, 24, 27, 30, 39, 48)) -> pd.Series[str]:
    """Ages (whole years) or age bands mapped to coarser bands.

    `bands` are the increasing lower edges in years; band i covers [bands[i], bands[i+1]) and is
    labelled "lo-hi" with hi inclusive (the last is "lo+"). The default follows CTDC's `ageBroad`
    (0-8, 9-17, 18-20, ..., 39-47, 48+). Band labels such as "9--17", "9-17", "48+" are accepted too and
    must fall within one target band. Missing ages stay missing. Returns an ordered categorical Series.

    Generalisation is how records reach k-anonymity (Samarati & Sweeney 1998; Sweeney 2002, Int. J.
    Uncertainty, Fuzziness and Knowledge-Based Systems 10:571-588). Bad `bands`, a negative age, or
    a band that straddles two target bands raise :class:`tipstats.DomainError` naming the argument
    and the index.

    >>> generalize_age([3, 12, 16, 25, None, "9--17"]).tolist()
    ['0-8', '9-17', '9-17', '24-26', nan, '9-17']
    >>> generalize_age([3, 12, 16, 17, 25], bands=(0, 15, 18)).tolist()   # the seed article's bands
    ['0-14', '0-14', '15-17', '15-17', '18+']
    """
    edges = list(bands)
    if not edges or any(isinstance(e, bool) or not isinstance(e, numbers.Integral) for e in edges):
        raise domain_error("bands", "must be a non-empty sequence of whole numbers of years")
    if any(b <= a for a, b in zip(edges[:-1], edges[1:])):
        raise domain_error("bands", "lower edges must increase", next(i + 1 for i, (a, b) in enumerate(zip(edges[:-1], edges[1:])) if b <= a))
    series = ages if isinstance(ages, pd.Series) else pd.Series(np.asarray(ages, dtype=object), dtype=object)
    labels = _band_labels(edges)
    codes = np.full(len(series), -1, dtype=int)
    for i, age in enumerate(series.to_numpy(dtype=object)):
        if age is None or (isinstance(age, float) and np.isnan(age)) or age is pd.NA:
            continue
        lo, hi = _age_range(age, i)
        band = int(np.searchsorted(edges, lo, side="right")) - 1
        if band < 0:
            raise domain_error("ages", f"age {lo:g} is below the first band's lower edge {edges[0]}", i)
        if band + 1 < len(edges) and hi >= edges[band + 1]:
            raise domain_error("ages", f"band {age!r} straddles bands {labels[band]} and {labels[band + 1]}", i)
        codes[i] = band
    categorical = pd.Categorical.from_codes(codes, categories=labels, ordered=True)
    return pd.Series(categorical, index=series.index, name=getattr(ages, "name", None))


def _age_range(age: object, index: int) -> Tuple[float, float]:
    """[lo, hi] in years, hi inclusive (inf for an open band), of an age or an age band label."""
    if isinstance(age, str):
        match = _BAND.match(age)
        if not match:
            raise domain_error("ages", f"{age!r} is neither an age nor a band such as '9--17' or '48+'", index)
        if match.group(3) is not None:
            return float(match.group(3)), np.inf
        lo, hi = float(match.group(1)), float(match.group(2))
        if hi < lo:
            raise domain_error("ages", f"band {age!r} ends before it starts", index)
        return lo, hi
    if isinstance(age, bool) or not isinstance(age, numbers.Real) or not np.isfinite(age):
        raise domain_error("ages", f"{age!r} is not an age", index)
    if age < 0:
        raise domain_error("ages", f"age {age!r} is negative", index)
    return float(np.floor(age)), float(np.floor(age))


def generalize_year(years: Union[pd.Series[Any], NDArray[Any], Sequence[Union[float, str, None]]], width: int = 5,
                    origin: Optional[int] = 0) -> pd.Series[str]:
    """Years mapped to periods of `width` years, labelled "2015-2019", aligned so that a period starts
    at `origin` + a multiple of `width` (origin 0: 2015-2019, 2020-2024 for width 5). Missing years stay
    missing. Returns an ordered categorical Series covering the observed range.

    Generalisation of a quasi-identifier toward k-anonymity (Samarati & Sweeney 1998; Sweeney 2002,
    Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 10:571-588). A `width` below 1, a
    non-whole `origin` or a value that is not a whole year raise :class:`tipstats.DomainError`.

    >>> generalize_year([2012, 2016, 2019, 2021]).tolist()
    ['2010-2014', '2015-2019', '2015-2019', '2020-2024']
    """
    if isinstance(width, bool) or not isinstance(width, numbers.Integral) or width < 1:
        raise domain_error("width", f"must be a whole number of at least 1, not {width!r}")
    if isinstance(origin, bool) or not isinstance(origin, numbers.Integral):
        raise domain_error("origin", f"must be a whole year, not {origin!r}")
    series = years if isinstance(years, pd.Series) else pd.Series(years)
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
    unreadable = np.isnan(values) & series.notna().to_numpy()
    unreadable |= ~np.isnan(values) & (values != np.floor(values))
    if unreadable.any():
        i = int(np.flatnonzero(unreadable)[0])
        raise domain_error("years", f"{series.iloc[i]!r} is not a whole year", i)
    starts = origin + np.floor((values - origin) / width) * width
    present = ~np.isnan(starts)
    if not present.any():
        return pd.Series(pd.Categorical([None] * len(series), categories=[], ordered=True), index=series.index)
    first, last = int(starts[present].min()), int(starts[present].max())
    periods = list(range(first, last + 1, int(width)))
    labels = [str(p) if width == 1 else f"{p}-{p + width - 1}" for p in periods]
    codes = np.where(present, ((np.nan_to_num(starts) - first) // width).astype(int), -1)
    return pd.Series(pd.Categorical.from_codes(codes, categories=labels, ordered=True), index=series.index,
                     name=getattr(years, "name", None))
