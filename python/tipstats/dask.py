"""tipstats on a Dask cluster: counts and trends of data that do not fit in one process.

- :func:`tabulate` counts the records of a dask DataFrame, or of Parquet files read a batch of row
  groups at a time, by any columns: ``tipstats.tabulate`` on each partition (each file), the partial
  counts added up by a tree reduction, ``protect=`` applied once to the whole table.
- :func:`mann_kendall_batch`, :func:`sens_slope_batch`, :func:`loglinear_batch`,
  :func:`linear_batch` and :func:`joinpoint_batch` are the batch functions of
  :mod:`tipstats.trend` on a dask array (one series per row, chunked along rows) or a dask
  DataFrame (one series per row).
- :func:`trends` is :meth:`tipstats.Observations.trends` over a dask DataFrame of tidy
  observations (the columns of ``Observations.to_pandas``; a directory of files written by
  ``Observations.to_parquet`` read with ``dask.dataframe.read_parquet``).

Everything returned is a lazy dask DataFrame with its ``meta`` (column names and types); nothing
runs until ``.compute()`` (or ``client.compute``), on a ``distributed`` cluster or dask's local
scheduler, and what it computes equals the in-memory function on the same data. Each task is a pure
function of its inputs (joinpoint's permutation seed is fixed when the graph is built), so a task
that Dask re-runs after losing a worker gives the same result. Each task computes on ``threads=1``
thread by default: Dask runs one task per worker thread.

Needs ``pip install tipstats[dask]`` (dask[dataframe], distributed, pyarrow); ``import tipstats``
does not import dask.
"""

from __future__ import annotations

import functools
import os
import re
import secrets
from typing import TYPE_CHECKING, Any, Callable, Dict, Hashable, Iterator, List, Literal, Optional, Sequence, Union

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from . import trend
from ._core import DomainError, NotFoundError, Observations
from ._errors import domain_error, file_error, not_found_error, parse_error
from ._optional import require
from ._partial_counts import PartialCounts, add_up, coded
from .tabulate import protected
from .tabulate import tabulate as _tabulate_frame

if TYPE_CHECKING:
    import dask
    import dask.array as da
    import dask.dataframe as dd
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from ._partial_counts import Coded
else:  # with an error that names the extra to install
    dask = require("dask", "tipstats.dask")
    da = require("dask.array", "tipstats.dask")
    dd = require("dask.dataframe", "tipstats.dask")
    pa = require("pyarrow", "tipstats.dask")
    pc = require("pyarrow.compute", "tipstats.dask")
    pq = require("pyarrow.parquet", "tipstats.dask")

__all__ = [
    "joinpoint_batch",
    "linear_batch",
    "loglinear_batch",
    "mann_kendall_batch",
    "sens_slope_batch",
    "tabulate",
    "trends",
]

Collection = Union["da.Array", "dd.DataFrame"]
Path = Union[str, "os.PathLike[str]"]


# --- Counting ------------------------------------------------------------------------------------


def _names(by: Union[Hashable, Sequence[Hashable]]) -> List[Hashable]:
    return [by] if isinstance(by, str) or not isinstance(by, Sequence) else list(by)


def _count_partition(part: pd.DataFrame, names: List[Hashable], threads: int) -> PartialCounts:
    counts = PartialCounts.of_frame(part, names, threads)
    # Dask's Parquet reader leaves Arrow's pool holding the partition's pages for its next read; the
    # counts are numpy's from here on, so the pool hands them back.
    pa.default_memory_pool().release_unused()
    return counts


# Rows a task reads from a Parquet file at a time: a row group as files are usually written (pyarrow
# writes 1,048,576 rows), enough for the counting kernel to run at full speed; counting a file by five
# columns then needs about 115 MiB, where reading 4 million rows at a time needs 230.
_BATCH_ROWS = 1 << 20


def _parquet_dataset(source: Union[Path, Sequence[Path]]) -> pq.ParquetDataset:
    """The Parquet files at ``source`` as ``pandas.read_parquet`` finds them (a file, a folder with
    hive partitions such as ``year=2019/``, or a list of files)."""
    paths: Union[str, List[str]] = (os.fspath(source) if isinstance(source, (str, os.PathLike))
                                    else [os.fspath(path) for path in source])
    where = paths if isinstance(paths, str) else ", ".join(paths)
    try:
        return pq.ParquetDataset(paths)
    except (OSError, pa.ArrowException) as error:
        raise _read_error(error, where, "not a Parquet file or folder of them") from None


def _read_error(error: Exception, file: str, what: str) -> Exception:
    """A FileError for a file that cannot be opened, else a ParseError for one that is not what it should
    be (pyarrow raises OSError for both)."""
    if isinstance(error, OSError) and (error.errno or isinstance(error, (FileNotFoundError, PermissionError,
                                                                         IsADirectoryError))):
        return file_error(error, error.filename or file)
    return parse_error(f"{what} ({error})", file)


def _batches(fragment: Any, columns: pa.Schema, batch_rows: int) -> Iterator[pa.Table]:
    """The ``columns`` of one Parquet file (a fragment of the dataset) with the dataset's types, whole
    row groups at a time, about ``batch_rows`` rows (a larger row group is one batch)."""
    names = columns.names
    with fragment.open() as source, pq.ParquetFile(source) as file:
        if not all(name in file.schema_arrow.names for name in names):
            # a hive partition's values are not in the file: the dataset scanner adds them (with one
            # batch read ahead, not 16, which would hold the file)
            for batch in fragment.to_batches(schema=columns, columns=names, batch_size=batch_rows,
                                             batch_readahead=1, fragment_readahead=1):
                yield pa.Table.from_batches([batch])
            return
        # Else the file reader, which needs half the memory of the scanner (measured: 46 against
        # 80-135 MiB for a million rows of five columns).
        last = file.num_row_groups - 1
        groups: List[int] = []
        rows = 0
        for group in range(file.num_row_groups):
            groups.append(group)
            rows += file.metadata.row_group(group).num_rows
            if rows >= batch_rows or group == last:
                # one thread, as the count: Dask runs a task per worker thread (measured on two
                # workers of one thread on 2 cores: 0.7 s a file, 1.0 s with Arrow's threads)
                table = file.read_row_groups(groups, columns=names, use_threads=False)
                # the dataset's types and pandas metadata (the first file's), as pandas.read_parquet reads
                yield (table if table.schema.equals(columns) else table.cast(columns)).replace_schema_metadata(
                    columns.metadata)
                groups, rows = [], 0


def _arrow_coded(batch: pa.Table, name: Hashable) -> Coded:
    """A column of a batch coded as :func:`coded` codes the column that ``pandas.read_parquet`` makes
    of it. A categorical's codes and integers without missing values come straight from Arrow's
    buffers (converting the columns to pandas took as long as counting them); other columns are
    converted."""
    one = batch.select([name])
    column = one.column(0)
    if column.num_chunks == 1:
        chunk = column.chunk(0)
        # the type pandas.read_parquet gives the column (by the pandas metadata), from none of its rows
        kind = pa.Table.from_arrays([chunk.slice(0, 0)], schema=one.schema).to_pandas()[name].dtype
        if (isinstance(kind, pd.CategoricalDtype) and pa.types.is_dictionary(chunk.type)
                and pa.types.is_signed_integer(chunk.type.index_type) and len(kind.categories) == len(chunk.dictionary)):
            indices = chunk.indices
            return (pc.fill_null(indices, -1) if indices.null_count else indices).to_numpy(), kind, -1
        if pa.types.is_integer(chunk.type) and chunk.null_count == 0 and kind == chunk.type.to_pandas_dtype():
            return coded(chunk.to_numpy())
    return coded(one.to_pandas(use_threads=False)[name])


def _count_file(fragment: Any, schema: pa.Schema, names: List[Hashable], threads: int,
                batch_rows: int) -> PartialCounts:
    """The counts of one Parquet file (a fragment of the dataset, with its hive partition values),
    read ``batch_rows`` rows at a time (whole row groups): a worker holds one batch, not the file.
    Each batch's columns are counted as ``pandas.read_parquet`` makes them (the schema's pandas metadata)."""
    columns = pa.schema([schema.field(name) for name in names], metadata=schema.metadata)
    parts: List[PartialCounts] = []
    try:
        for batch in _batches(fragment, columns, batch_rows):
            parts.append(PartialCounts.of_coded(names, [_arrow_coded(batch, name) for name in names], batch.num_rows,
                                                threads))
            if len(parts) == 8:  # a huge file: its counts added up as it goes
                parts = [add_up(parts)]
    except (OSError, pa.ArrowException) as error:
        raise _read_error(error, fragment.path, "cannot be read as Parquet") from None
    if not parts:  # a file without rows
        parts.append(PartialCounts.of_frame(columns.empty_table().to_pandas(), names, threads))
    # Arrow's pool keeps what it freed for its next reads; what comes next (adding up, the table) is
    # numpy's, so it hands it back (measured in one process: the peak of counting 20 files by 5 columns
    # and making the table 250 -> 184 MiB)
    pa.default_memory_pool().release_unused()
    return add_up(parts)


def _file_schema(dataset: pq.ParquetDataset, names: List[Hashable]) -> pa.Schema:
    """The dataset's schema, which is its first file's, except that a ``by`` column the first file
    leaves all missing (or has no rows of: Parquet type null) takes the type the other files give it;
    with the first file's, pyarrow (and pandas.read_parquet) would read the others' values as missing."""
    schema = dataset.schema
    if not any(pa.types.is_null(schema.field(name).type) for name in names if name in schema.names):
        return schema
    files = pa.unify_schemas([fragment.physical_schema for fragment in dataset.fragments], promote_options="permissive")
    return pa.schema([files.field(field.name) if field.name in files.names else field for field in schema],
                     metadata=schema.metadata)


def _file_counts(dataset: pq.ParquetDataset, schema: pa.Schema, names: List[Hashable], threads: int,
                 batch_rows: int) -> List[Any]:
    """One task per file, named by what it reads."""
    count = dask.delayed(_count_file, pure=True)
    return [count(fragment, schema, names, threads, batch_rows,
                  dask_key_name="tipstats-count-file-" + dask.base.tokenize(
                      fragment.path, str(fragment.partition_expression), str(schema), names, threads, batch_rows))
            for fragment in dataset.fragments]


def _table(counts: PartialCounts, share: int, shares: int, names: List[Hashable], protect: Optional[str],
           protect_options: Dict[str, Any]) -> pd.DataFrame:
    return protected(counts.to_table(share, shares), names, protect, **protect_options)


def _shares(split_out: int, protect: Optional[str], protect_options: Dict[str, Any]) -> int:
    """How many partitions the table comes in: one when protected (protection reasons over the
    whole table)."""
    _positive("split_out", split_out)
    if split_out > 1 and (protect is not None or protect_options):
        raise domain_error("split_out", "must be 1 with protect=: protection works on the whole table")
    return int(split_out)


def _positive(argument: str, value: Any, least: int = 1) -> None:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < least:
        raise domain_error(argument, f"must be an integer of at least {least}, got {value!r}")


def tabulate(data: Union[dd.DataFrame, Path, Sequence[Path]], by: Union[Hashable, Sequence[Hashable]],
             protect: Optional[str] = None, *, threads: int = 1, split_every: Optional[int] = None,
             split_out: int = 1, batch_rows: Optional[int] = None, **protect_options: Any) -> dd.DataFrame:
    """Count the rows of a dask DataFrame, or of Parquet files, by the ``by`` columns, lazily:
    :func:`tipstats.tabulate` on every partition (every file), the partial counts added up by a tree
    reduction (``split_every`` at a time, default 8). Partial counts with few possible combinations
    (years, age bands, sexes, exploitation types, countries) are arrays with a cell for each, which
    add up without sorting; others are lists of groups, added up by the counting kernel. The table
    comes in ``split_out`` partitions (default 1), consecutive shares of its sorted rows made on
    different workers: for a table too large for one worker or the client, to write out with
    ``.to_parquet`` (``.compute()`` has Dask concatenate them on a worker). With ``protect=`` it is
    one.

    ``data``
        A dask DataFrame: Dask reads each partition (only the ``by`` columns: Dask pushes the
        selection into ``read_parquet``), and a task counts it.
        Or the path of a Parquet file, of a folder of them (with hive partitions such as
        ``year=2019/``, which become categorical columns) or a list of files, as
        ``pandas.read_parquet`` takes them: one task per file reads its ``by`` columns
        ``batch_rows`` rows at a time (default 1,048,576, whole row groups) and counts them, so a
        worker holds one batch, not the file. This needs less memory than Dask's reader (which
        converts whole partitions) and counts exactly the same rows. A ``by`` column that the first
        file leaves all missing (or that has no rows) takes the type the other files give it, where
        ``pandas.read_parquet`` would take the first file's and read the others' values as missing.

    ``.compute()`` equals ``tipstats.tabulate(data.compute(), by)`` (for files,
    ``tipstats.tabulate(pandas.read_parquet(data), by)``) and
    ``data.groupby(by, observed=True, dropna=False).size()`` (as a table: ``reset_index(name="count")``,
    rows sorted): missing values are a group of their own, sorted last. Categorical columns whose
    categories differ between partitions (Dask's "unknown categories", as Parquet files written one by
    one give) count by value and come out with the categories of every partition, in partition
    order, as ``data.compute()`` unites them. ``protect=`` and its options act as in
    :func:`tipstats.tabulate` (``"suppress"``, or ``"noise"`` with ``epsilon=``), once, on the whole
    table. ``threads``: threads of each partition's count (Dask runs one task per worker thread).

    Bad ``by`` names raise at once, as :func:`tipstats.tabulate` raises them (NotFoundError,
    ValidationError, DomainError), and so do ``threads``, ``split_every``, ``split_out`` or
    ``batch_rows`` out of range (DomainError), a path that does not exist (MissingFileError) or is not
    Parquet (ParseError naming it); a file that cannot be read when computed raises ParseError or
    FileError naming it. Ordered categories that differ between partitions raise ValidationError when
    computed (pandas cannot unite them either).

    >>> import dask.dataframe as dd
    >>> records = pd.DataFrame({"year": [2019, 2019, 2020, 2020], "sex": ["female", None, "female", "female"]})
    >>> counts = tabulate(dd.from_pandas(records, npartitions=2), by=["year", "sex"])
    >>> counts.compute()
       year     sex  count
    0  2019  female      1
    1  2019    <NA>      1
    2  2020  female      2
    >>> records.to_parquet(tmp / "records.parquet")
    >>> tabulate(tmp / "records.parquet", by="sex").compute()
          sex  count
    0  female      3
    1     NaN      1
    """
    _positive("threads", threads)
    if split_every is not None:
        _positive("split_every", split_every, least=2)
    if batch_rows is not None:
        _positive("batch_rows", batch_rows)
    names = _names(by)
    shares = _shares(split_out, protect, protect_options)
    if isinstance(data, dd.DataFrame):
        if batch_rows is not None:
            raise domain_error("batch_rows", "applies to Parquet files given by path; Dask reads a dask DataFrame's "
                                             "partitions whole")
        meta = data._meta
    elif isinstance(data, (str, os.PathLike)) or (isinstance(data, Sequence) and data
                                                  and all(isinstance(path, (str, os.PathLike)) for path in data)):
        dataset = _parquet_dataset(data)
        schema = _file_schema(dataset, names)
        # each file has categories of its own
        meta = dd.utils.clear_known_categories(schema.empty_table().to_pandas())
    else:
        raise domain_error("data", f"must be a dask DataFrame or the path of Parquet files, got {type(data).__name__}"
                                   + (" (tipstats.tabulate counts a pandas DataFrame)"
                                      if isinstance(data, pd.DataFrame) else ""))
    # tipstats.tabulate checks the names and gives the columns' types, here on Dask's example rows.
    sample = _tabulate_frame(dd.utils.meta_nonempty(meta), names)
    # Categories that Dask does not know stay unknown in the result's meta.
    unknown = [name for name in names
               if isinstance(meta[name].dtype, pd.CategoricalDtype) and not dd.utils.has_known_categories(meta[name])]
    result_meta = protected(sample, names, protect, **protect_options).iloc[:0]
    result_meta = dd.utils.clear_known_categories(  # protection's margins may have made them text
        result_meta, cols=[name for name in unknown if isinstance(result_meta[name].dtype, pd.CategoricalDtype)])
    if isinstance(data, dd.DataFrame):
        # One task per partition reads it and counts it, so a worker holds one partition at a time. Left
        # to itself, Dask would concatenate the reads of files whose selected columns are small into one
        # partition, a copy that costs more time and memory than counting them.
        count = dask.delayed(_count_partition, pure=True)
        with dask.config.set({"optimization.fuse.delayed": True}):
            level = list(dask.optimize(*(count(part, names, threads) for part in data[names].to_delayed())))
    else:
        level = _file_counts(dataset, schema, names, threads, batch_rows or _BATCH_ROWS)
    # The partial counts added up ``split_every`` at a time, in partition order (categories that
    # the partitions do not share come out in that order). The sum becomes tables in tasks of their
    # own, which hold the sum but no longer the parts.
    split_every = split_every or 8
    combine = dask.delayed(add_up, pure=True)
    while len(level) > 1:
        level = [combine(level[i:i + split_every]) for i in range(0, len(level), split_every)]
    table = dask.delayed(_table, pure=True)
    tables = [table(level[0], share, shares, names, protect, protect_options) for share in range(shares)]
    # the table as tipstats.tabulate gives it: Dask would turn columns of objects (protection's
    # margins) into strings
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed(tables, meta=result_meta, verify_meta=False)


# --- Trend batch functions -----------------------------------------------------------------------

_ROW_ARGUMENT = re.compile(r"Y\[(\d+)\]")
# pandas' type for a column of text (str from pandas 3, object before)
_TEXT = pd.Series(["text"]).dtype


def _renamed_row(error: DomainError, name: Callable[[int], str]) -> DomainError:
    """A kernel's error about row i of a block, naming the row of the whole collection instead."""
    row = _ROW_ARGUMENT.fullmatch(getattr(error, "argument", "") or "")
    if row is None:
        return error
    return domain_error(name(int(row.group(1))), str(error).split(": ", 1)[-1], error.index)


def _frame(columns: Dict[str, Any], index: Any, meta: Optional[pd.DataFrame]) -> pd.DataFrame:
    frame = pd.DataFrame(columns, index=index)
    # an empty block's text columns are empty lists: give every block the types of the whole
    return frame if meta is None else frame.astype(meta.dtypes.to_dict())


def _run(kernel: Callable[..., Dict[str, Any]], block: Any, exposure: Any, index: Any,
         name: Callable[[int], str], meta: Optional[pd.DataFrame]) -> pd.DataFrame:
    values = np.ascontiguousarray(np.asarray(block, dtype=float))
    if values.ndim != 2:
        raise domain_error("Y", f"must be two-dimensional (one series per row), got {values.ndim} dimensions")
    if exposure is not None:
        exposure = np.asarray(exposure, dtype=float)
    try:
        columns = kernel(values) if exposure is None else kernel(values, exposure=exposure)
    except DomainError as error:
        raise _renamed_row(error, name) from None
    return _frame(columns, index, meta)


def _run_array_block(kernel: Callable[..., Dict[str, Any]], block: NDArray[np.float64], exposure: Any, start: int,
                     meta: pd.DataFrame) -> pd.DataFrame:
    index = pd.RangeIndex(start, start + len(block))
    return _run(kernel, block, exposure, index, lambda i: f"Y[{start + i}]", meta)


def _run_frame_partition(part: pd.DataFrame, exposure: Any, kernel: Callable[..., Dict[str, Any]],
                         meta: pd.DataFrame) -> pd.DataFrame:
    labels = part.index
    return _run(kernel, part, exposure, labels, lambda i: f"Y.loc[{labels[i]!r}]", meta)


def _batch(Y: Any, kernel: Callable[..., Dict[str, Any]], exposure: Any = None) -> dd.DataFrame:
    """``kernel`` (a batch function with ``as_frame=False``) on every block of rows of ``Y``, as a
    lazy DataFrame with one partition per block."""
    is_array = isinstance(Y, da.Array)
    if not is_array and not isinstance(Y, dd.DataFrame):
        raise domain_error("Y", f"must be a dask array or dask DataFrame, got {type(Y).__name__} (for data in "
                           "memory, use tipstats.trend)")
    if is_array and Y.ndim != 2:
        raise domain_error("Y", f"must be two-dimensional (one series per row), got {Y.ndim} dimensions")
    width = Y.shape[1] if is_array else len(Y.columns)
    shared = exposure if exposure is None or np.ndim(exposure) == 1 else None
    # The columns and their types: the kernel on no rows (which also checks the options).
    empty = kernel(np.empty((0, width))) if shared is None else kernel(np.empty((0, width)), exposure=shared)
    meta = pd.DataFrame({name: (pd.Series([], dtype=_TEXT) if isinstance(values, list) else values)
                         for name, values in empty.items()})
    per_series = exposure is not None and shared is None

    if not is_array:
        meta.index = Y._meta.index[:0]
        if per_series and not isinstance(exposure, dd.DataFrame):
            raise domain_error("exposure", "with one row per series of a dask DataFrame, must be a dask DataFrame "
                               "partitioned as Y")
        return Y.map_partitions(_run_frame_partition, exposure if per_series else shared, kernel, meta,
                                meta=meta, align_dataframes=False, enforce_metadata=False)

    if any(np.isnan(size) for size in Y.chunks[0]):
        raise domain_error("Y", "has blocks of unknown length: call Y.compute_chunk_sizes() first")
    rows = Y.rechunk({1: -1})  # whole series in every block
    starts = np.concatenate([[0], np.cumsum(rows.chunks[0])]).astype(int)
    blocks = rows.to_delayed().ravel()
    if per_series:
        if np.shape(exposure) != tuple(Y.shape):
            raise domain_error("exposure", f"must have shape ({width},) or {tuple(Y.shape)} like Y")
        if isinstance(exposure, da.Array):
            exposures = exposure.rechunk((rows.chunks[0], -1)).to_delayed().ravel()
        else:
            exposures = [np.asarray(exposure, dtype=float)[a:b] for a, b in zip(starts[:-1], starts[1:])]
    else:
        exposures = [shared] * len(blocks)
    run = dask.delayed(_run_array_block, pure=True)
    parts = [run(kernel, block, e, int(start), meta) for block, e, start in zip(blocks, exposures, starts[:-1])]
    sizes = rows.chunks[0]
    divisions = (tuple(int(s) for s in starts[:-1]) + (int(starts[-1]) - 1,)
                 if len(sizes) and all(size > 0 for size in sizes) else None)
    return dd.from_delayed(parts, meta=meta, divisions=divisions, verify_meta=False)


def mann_kendall_batch(Y: Collection, x: Optional[ArrayLike] = None,
                       method: Literal["original", "hamed_rao", "yue_wang"] = "original",
                       period: Optional[int] = None, lag: Optional[int] = None, alpha: float = 0.05,
                       threads: int = 1) -> dd.DataFrame:
    """:func:`tipstats.trend.mann_kendall_batch` on a dask array or DataFrame, lazily.

    The Mann (1945) - Kendall (1975) test of every row of ``Y`` (one series per row; a dask array
    chunked along rows, or a dask DataFrame), one task per block of rows; the options and columns of
    :func:`tipstats.trend.mann_kendall_batch`. Returns a dask DataFrame, one partition per block; its
    ``.compute()`` equals the in-memory function on ``Y.compute()`` exactly (row labels kept; a dask
    array's rows numbered 0 to n-1). A bad row raises DomainError naming it in the whole of ``Y``
    (``Y[12]``, or ``Y.loc[label]`` for a DataFrame) when the block is computed; bad options raise
    at once.

    >>> import dask.array as da
    >>> Y = da.from_array(np.array([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                             [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]]), chunks=(1, 10))
    >>> mann_kendall_batch(Y, x=np.arange(2010, 2020)).compute()[["trend", "tau", "slope"]].round(3)
            trend    tau   slope
    0  increasing  0.956  11.000
    1  decreasing -0.911  -1.667
    """
    xs = None if x is None else np.asarray(x, dtype=float)
    return _batch(Y, functools.partial(trend.mann_kendall_batch, x=xs, method=method, period=period, lag=lag,
                                       alpha=alpha, threads=threads, as_frame=False))


def sens_slope_batch(Y: Collection, x: Optional[ArrayLike] = None, level: float = 0.95,
                     threads: int = 1) -> dd.DataFrame:
    """:func:`tipstats.trend.sens_slope_batch` on a dask array or DataFrame, lazily.

    The Theil (1950) - Sen (1968) slope of every row, one task per block of rows; otherwise as
    :func:`mann_kendall_batch` in this module.

    >>> import dask.array as da
    >>> Y = da.from_array(np.array([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                             [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]]), chunks=(1, 10))
    >>> sens_slope_batch(Y, x=np.arange(2010, 2020)).compute()[["slope", "lower", "upper"]].round(2)
       slope  lower  upper
    0  11.00    9.0   13.8
    1  -1.67   -2.0   -1.4
    """
    xs = None if x is None else np.asarray(x, dtype=float)
    return _batch(Y, functools.partial(trend.sens_slope_batch, x=xs, level=level, threads=threads, as_frame=False))


def loglinear_batch(Y: Collection, x: Optional[ArrayLike] = None, exposure: Any = None,
                    model: Literal["poisson", "quasi", "negbin"] = "poisson", level: float = 0.95,
                    threads: int = 1) -> dd.DataFrame:
    """:func:`tipstats.trend.loglinear_batch` on a dask array or DataFrame, lazily.

    Log-linear trends (McCullagh & Nelder 1989) of every row, one task per block of rows; otherwise
    as :func:`mann_kendall_batch` in this module. ``exposure`` is one row shared by every series, or
    one row per series: for a dask array ``Y`` a numpy or dask array of its shape, for a dask
    DataFrame a dask DataFrame partitioned as ``Y``.

    >>> import dask.array as da
    >>> Y = da.from_array(np.array([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                             [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]]), chunks=(1, 10))
    >>> loglinear_batch(Y, x=np.arange(2010, 2020)).compute()[["apc", "apc_lower", "apc_upper"]].round(2)
        apc  apc_lower  apc_upper
    0  9.24       7.15      11.37
    1 -7.44     -11.65      -3.02
    """
    xs = None if x is None else np.asarray(x, dtype=float)
    return _batch(Y, functools.partial(trend.loglinear_batch, x=xs, model=model, level=level, threads=threads,
                                       as_frame=False), exposure)


def linear_batch(Y: Collection, x: Optional[ArrayLike] = None, level: float = 0.95, threads: int = 1) -> dd.DataFrame:
    """:func:`tipstats.trend.linear_batch` on a dask array or DataFrame, lazily.

    Least-squares trends (Draper & Smith 1998) of every row, one task per block of rows; otherwise
    as :func:`mann_kendall_batch` in this module.

    >>> import dask.array as da
    >>> Y = da.from_array(np.array([[88, 95, 102, 99, 121, 134, 140, 151, 176, 190],
    ...                             [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]]), chunks=(1, 10))
    >>> linear_batch(Y, x=np.arange(2010, 2020)).compute()[["slope", "lower", "upper"]].round(2)
       slope  lower  upper
    0  11.31   9.23  13.39
    1  -1.69  -2.01  -1.37
    """
    xs = None if x is None else np.asarray(x, dtype=float)
    return _batch(Y, functools.partial(trend.linear_batch, x=xs, level=level, threads=threads, as_frame=False))


def joinpoint_batch(Y: Collection, x: Optional[ArrayLike] = None, model: Literal["loglinear", "linear"] = "loglinear",
                    min_joinpoints: int = 0, max_joinpoints: int = 3,
                    selection: Literal["permutation", "bic", "wbic"] = "bic", permutations: int = 4499,
                    alpha: float = 0.05, min_obs_end: int = 2, min_obs_between: int = 2,
                    weights: Optional[ArrayLike] = None, seed: Optional[int] = None, level: float = 0.95,
                    adjustment: Literal["nci", "bonferroni"] = "nci", zeros: Literal["error", "add_half"] = "error",
                    threads: int = 1) -> dd.DataFrame:
    """:func:`tipstats.trend.joinpoint_batch` on a dask array or DataFrame, lazily.

    Joinpoint regression (Kim, Fay, Feuer & Midthune 2000) of every row, one task per block of
    rows; otherwise as :func:`mann_kendall_batch` in this module. As in memory, every row runs its
    permutation test with ``seed``, so a row's result is ``tipstats.trend.joinpoint(row, seed=seed)``
    whatever the chunking. Without a seed, one is drawn when this function builds the graph (not in
    the tasks): a task that Dask re-runs repeats its rows exactly, and ``.compute()`` twice gives the
    same table.

    >>> import dask.array as da
    >>> y = [60, 66, 71, 80, 86, 95, 90, 84, 80, 74, 70, 65]
    >>> Y = da.from_array(np.array([y, y[::-1]]), chunks=(1, 12))
    >>> joinpoint_batch(Y, x=np.arange(2008, 2020), max_joinpoints=1).compute()["joinpoint_1"].tolist()
    [2013.0, 2014.0]
    """
    xs = None if x is None else np.asarray(x, dtype=float)
    w = None if weights is None else np.asarray(weights, dtype=float)
    drawn = secrets.randbits(64) if seed is None else seed
    return _batch(Y, functools.partial(
        trend.joinpoint_batch, x=xs, model=model, min_joinpoints=min_joinpoints, max_joinpoints=max_joinpoints,
        selection=selection, permutations=permutations, alpha=alpha, min_obs_end=min_obs_end,
        min_obs_between=min_obs_between, weights=w, seed=drawn, level=level, adjustment=adjustment, zeros=zeros,
        threads=threads, as_frame=False))


# --- Observations.trends -------------------------------------------------------------------------


# Dimensions Observations.from_pandas gives a default value when the DataFrame lacks their column.
_DEFAULT_DIMENSIONS = ("unit", "area", "offence", "age", "sex", "source")


def _series_trends(part: pd.DataFrame, measure: str, by: List[str], options: Dict[str, Any],
                   meta: pd.DataFrame) -> pd.DataFrame:
    """Observations.trends of the series in one partition (each series whole in it), by labels as text."""
    if len(part) == 0:
        return meta
    try:
        table = Observations.from_pandas(part.reset_index(drop=True)).trends(measure, by=by, **options)
    except NotFoundError:  # none of this partition's series is selected
        return meta
    return table.astype({name: _TEXT for name in by}).astype(meta.dtypes.to_dict())


def _sorted_table(tables: pd.DataFrame, by: List[str], measure: str, filters: Dict[str, Any],
                  meta: pd.DataFrame) -> pd.DataFrame:
    if len(tables) == 0:
        selection = ", ".join(f"{name}={value}" for name, value in filters.items())
        raise not_found_error("series", f"{measure} ({selection})" if selection else measure)
    table = tables.sort_values(by, kind="stable").reset_index(drop=True) if by else tables.reset_index(drop=True)
    return table.astype({name: "category" for name in by})


def _trends_meta(by: List[str], model: str, level: float) -> pd.DataFrame:
    """The columns and types of Observations.trends, from a small table's."""
    table = Observations()
    for year, count in [(2015, 3), (2016, 5), (2017, 4)]:
        table.add("m", count, str(year), area="A")
    example = table.trends("m", by="area", model=model, level=level)  # type: ignore[arg-type]
    columns = {name: pd.Series([], dtype=_TEXT) for name in by}
    columns.update({name: example[name].iloc[:0] for name in example.columns if name != "area"})
    return pd.DataFrame(columns)


def trends(data: dd.DataFrame, measure: str, by: Union[str, Sequence[str]] = "area",
           model: Literal["poisson", "quasi", "negbin"] = "negbin", level: float = 0.95, threads: int = 1,
           npartitions: Optional[int] = None, **filters: Any) -> dd.DataFrame:
    """:meth:`tipstats.Observations.trends` over a dask DataFrame of tidy observations, lazily.

    ``data`` has the columns of ``Observations.to_pandas`` (or those ``Observations.from_pandas``
    reads: ``measure``, ``value``, ``period``, dimensions); a directory of files written by
    ``Observations.to_parquet`` reads into one with ``dask.dataframe.read_parquet``. The rows of
    ``measure`` are shuffled by the ``by`` columns so that every series lies whole in one of
    ``npartitions`` partitions (default: as many as ``data`` has); each partition is one task that
    fits its series as :meth:`tipstats.Observations.trends` does (log-linear trends, McCullagh &
    Nelder 1989, with the Mann-Kendall test and the Akritas-Theil-Sen slope), and the tables are
    gathered into one partition sorted by the ``by`` labels (categorical columns of the labels
    present). Each row equals the in-memory table's row for its series exactly
    (``Observations.from_pandas(data.compute()).trends(...)``, which orders the rows by first
    appearance). ``model``, ``level`` and the ``filters`` as there; ``threads`` per task.

    Errors as in memory: a filter or measure that selects nothing raises NotFoundError when the
    table is computed.

    >>> import dask.dataframe as dd
    >>> obs = ts.Observations()
    >>> for year, kh, th in [(2015, 40, 5), (2016, 52, "<5"), (2017, 61, 7), (2018, 80, "<5"), (2019, 96, 9)]:
    ...     obs.add("victims_detected", kh, str(year), area="KHM")
    ...     obs.add("victims_detected", th, str(year), area="THA")
    >>> tidy = dd.from_pandas(obs.to_pandas(), npartitions=2)
    >>> trends(tidy, "victims_detected", by="area", model="poisson").compute()[["area", "n_censored", "apc"]].round(1)
      area  n_censored   apc
    0  KHM           0  24.2
    1  THA           2  16.7
    """
    by = [by] if isinstance(by, str) else list(by)
    for name in [*by, *filters]:
        if name not in data.columns and name not in _DEFAULT_DIMENSIONS:
            raise domain_error("by" if name in by else name, f"unknown dimension {name!r}: not a column of data")
    options = {"model": model, "level": level, "threads": threads, **filters}
    meta = _trends_meta(by, model, level)
    rows = data[data["measure"] == measure]
    grouped = [name for name in by if name in data.columns]
    shuffled = (rows.shuffle(on=grouped, npartitions=npartitions or data.npartitions) if grouped
                else rows.repartition(npartitions=1))
    tables = shuffled.map_partitions(_series_trends, measure, by, options, meta, meta=meta, enforce_metadata=False)
    final_meta = meta.astype({name: pd.CategoricalDtype([dd.utils.UNKNOWN_CATEGORIES]) for name in by})
    return tables.repartition(npartitions=1).map_partitions(_sorted_table, by, measure, filters, meta,
                                                            meta=final_meta, enforce_metadata=False)
