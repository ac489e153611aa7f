"""tipstats.dask.tabulate against Dask's groupby(...).size() on one local cluster, and 1 worker vs 2.

Run: PYTHONPATH=python python3 benchmarks/dask_tabulate.py [--rows 100000000] [--files 20] [--folder DIR]

Writes ``--rows`` synthetic case records (the six integer and categorical columns of
benchmarks/tabulate.py: year, age band, gender, exploitation type, citizenship, country) as
``--files`` Parquet files (kept in ``--folder`` for the next run when given, else in a temporary
folder) and counts them by 3 and by 5 columns on ``distributed.LocalCluster(n_workers=2,
threads_per_worker=1)``: ``tipstats.dask.tabulate`` given the files' folder (each task reads one file
in batches), ``tipstats.dask.tabulate`` of ``dask.dataframe.read_parquet`` of them (one partition per
file) and Dask's ``groupby(by, observed=True, dropna=False).size()`` of the same, after checking that
all give the same count for every group. Then tipstats again on a cluster of one worker.

The client gets results straight from the workers (``Client(direct_to_workers=True)``): through the
scheduler, Dask pickles a pandas result with protocol 4, which copies it twice on the worker (a
4-million-row table: +170 MiB), whoever made it.

Each computation runs once untimed (its first run: Dask's Parquet reader and the allocators of a
worker grow their pools then), then ``--repeat`` times timed; the median time is reported.

Peak memory per worker: the growth of each worker process's peak resident set (VmHWM, reset through
/proc/self/clear_refs before each run) over its resident set just before the run, after the workers
have handed back the memory their allocators kept (glibc's malloc_trim, Arrow's pool), so that it
counts every page the run needs, the largest over
the timed runs and the workers, beside the size of one partition's columns (the in-memory size of one
file's six columns) times 3. The first runs' growth is printed too, and a read-only pass over the
same columns (``map_partitions(len)``) on fresh workers, then once more, shows what Dask's reader
alone takes. By 5 columns, each computation runs once more with its result kept on the
workers (``persist``): the peak without the transfer of the table to this process.
"""

import argparse
import ctypes
import gc
import importlib.util
import logging
import os
import pathlib
import statistics
import tempfile
import time

import numpy as np
import pandas as pd
import pyarrow

import dask.dataframe as dd
from distributed import Client, LocalCluster, wait

import tipstats.dask as tsd

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("tabulate_benchmark", HERE / "tabulate.py")
tabulate_benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tabulate_benchmark)

BY = {3: ["yearOfRegistration", "gender", "exploitationType"],
      5: ["yearOfRegistration", "ageBroad", "gender", "exploitationType", "citizenship"]}


def write_files(folder, rows, files):
    """The case files, one by one (each a partition); returns one partition's in-memory column bytes."""
    per_file = rows // files
    partition_bytes = 0
    for i in range(files):
        path = folder / f"cases-{i:03d}.parquet"
        if not path.exists():
            records = tabulate_benchmark.case_records(per_file, seed=2019 + i)
            records.to_parquet(path, index=False)
            partition_bytes = max(partition_bytes, tabulate_benchmark.input_bytes(records))
    if partition_bytes == 0:
        partition_bytes = tabulate_benchmark.input_bytes(pd.read_parquet(folder / "cases-000.parquet"))
    return partition_bytes


def release_memory():
    """Hands the memory that the allocators keep for reuse back to the system (what Dask's docs
    advise for unmanaged memory), so that a run's growth is what it needs, not what an earlier run
    left."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    pyarrow.default_memory_pool().release_unused()


def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # VmHWM := VmRSS
    return tabulate_benchmark.status_kib("VmRSS")


def read_peak():
    return tabulate_benchmark.status_kib("VmHWM")


def peak_growth(client, build, keep=False):
    """(seconds, result, largest growth of a worker's peak resident set in KiB) of building one
    collection and computing it on the cluster (tipstats.dask.tabulate fixes its graph's partitions
    when it is called); with ``keep``, the result stays on the cluster (``persist``), not sent to
    this process."""
    client.run(release_memory)
    before = client.run(reset_peak)
    start = time.perf_counter()
    if keep:
        result = client.persist(build())
        wait(result)
    else:
        result = client.compute(build()).result()
    seconds = time.perf_counter() - start
    peaks = client.run(read_peak)
    return seconds, result, max(peaks[worker] - before[worker] for worker in peaks)


def timed(client, build, repeat):
    """The first run's peak growth, then the median time, the result and the largest peak growth of
    ``repeat`` runs."""
    first = peak_growth(client, build)[2]
    runs = [peak_growth(client, build) for _ in range(repeat)]
    median = statistics.median(seconds for seconds, _, _ in runs)
    return first, median, runs[-1][1], max(peak for _, _, peak in runs)


def as_counts(table, by):
    """{group as text: count}, to compare tables whose categorical dtypes and row order differ."""
    keys = ("|".join(map(str, row)) for row in table[by].itertuples(index=False))
    return dict(zip(keys, table["count"].astype(np.int64)))


def cluster(workers):
    local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
    return local, Client(local, direct_to_workers=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--folder", type=pathlib.Path, default=None, help="keep the files here between runs")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each computation")
    args = parser.parse_args()

    temporary = None
    folder = args.folder
    if folder is None:
        temporary = tempfile.TemporaryDirectory(prefix="tipstats-dask-benchmark-")
        folder = pathlib.Path(temporary.name)
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    partition_bytes = write_files(folder, args.rows, args.files)
    print(f"{args.rows:,} records in {args.files} Parquet files ({sum(p.stat().st_size for p in folder.glob('*.parquet')) / 2**20:,.0f} MiB "
          f"on disk; written or found in {time.perf_counter() - start:.0f} s); one partition's six columns: "
          f"{partition_bytes / 2**20:,.0f} MiB in memory, times 3: {3 * partition_bytes / 2**20:,.0f} MiB")
    cases = dd.read_parquet(sorted(str(p) for p in folder.glob("cases-*.parquet")))

    def mib(kib):
        return f"{kib / 1024:,.0f} MiB ({kib * 1024 / partition_bytes:.1f}x one partition's columns)"

    timings = {}
    for workers in (2, 1):
        local, client = cluster(workers)
        with local, client:
            if workers == 2:
                read_all = max(BY.values(), key=len)
                first = peak_growth(client, lambda: cases[read_all].map_partitions(len).sum())[2]
                again, _, peak = peak_growth(client, lambda: cases[read_all].map_partitions(len).sum())
                print(f"\nDask's reader alone, {len(read_all)} columns: {again:.2f} s, peak growth {mib(peak)} per "
                      f"worker; first run on fresh workers (imports included) {first / 1024:,.0f} MiB")
            print(f"\n{workers} worker{'s' if workers > 1 else ''} (1 thread each), median of {args.repeat} runs "
                  f"after a first one:")
            for k, by in BY.items():
                ways = {"tipstats.dask.tabulate(folder)": lambda: tsd.tabulate(folder, by),
                        "tipstats.dask.tabulate(ddf)   ": lambda: tsd.tabulate(cases, by),
                        "dask groupby().size()         ": lambda: cases.groupby(by, observed=True, dropna=False).size()}
                if workers == 1:
                    ways = dict(list(ways.items())[:2])
                print(f"  by {k} columns:")
                expected = None
                for way, build in ways.items():
                    first, seconds, result, peak = timed(client, build, args.repeat)
                    timings[workers, k, way] = seconds
                    table = result if isinstance(result, pd.DataFrame) else result.reset_index(name="count")
                    counts = as_counts(table, by)
                    if expected is not None and counts != expected:
                        raise SystemExit(f"the counts by {by} differ: not timing a wrong answer")
                    expected = counts
                    line = (f"    {way} {seconds:6.2f} s, {len(table):,} groups, peak {mib(peak)} per worker; "
                            f"first run {first / 1024:,.0f} MiB")
                    if workers == 2 and k == max(BY):  # the result kept on the workers: no transfer to this process
                        line += f"; kept on the cluster (persist, once) {mib(peak_growth(client, build, keep=True)[2])}"
                    print(line)
                if workers == 2:
                    peer = timings[2, k, list(ways)[2]]
                    print("    the same counts; tipstats is " + ", ".join(
                        f"{peer / timings[2, k, way]:.1f}x faster {way.strip()[22:]}" for way in list(ways)[:2]))
    print()
    for k in BY:
        for way in ways:
            print(f"by {k} columns, {way.strip()}: 1 worker {timings[1, k, way]:.2f} s, 2 workers "
                  f"{timings[2, k, way]:.2f} s: {timings[1, k, way] / timings[2, k, way]:.2f}x with 2 workers on "
                  f"{os.cpu_count()} cores")
    if temporary is not None:
        temporary.cleanup()


if __name__ == "__main__":
    main()
