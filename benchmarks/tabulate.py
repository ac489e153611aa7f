"""tipstats.tabulate against pandas groupby(...).size() on 10 million synthetic case records.

Run: PYTHONPATH=python python3 benchmarks/tabulate.py [--rows N] [--repeat R]

The records are shaped like CTDC's global dataset (one row per victim): year of registration
(int64, as read_csv gives it), ageBroad, gender, exploitation type and citizenship (categoricals,
with missing values as CTDC has them) and country of exploitation (int16 ISO 3166 numeric codes).
Both libraries count the same groups: pandas with observed=True, dropna=False (missing values as
their own group, as tipstats does); the results are checked equal before any figure is printed.

Peak extra memory is the growth of the peak resident set (VmHWM, reset through
/proc/self/clear_refs) over the resident set before one call, each method in a fresh process of its
own so neither inherits memory the other freed: it sees C++ and numpy allocations alike, which
tracemalloc does not.
"""

import argparse
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd

import tipstats as ts

AGE_BANDS = ["0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+"]
GENDERS = ["Female", "Male", "Transgender/NonConforming"]
EXPLOITATION = ["Sexual exploitation", "Forced labour", "Forced marriage", "Slavery and similar practices",
                "Organ removal", "Other"]


def case_records(rows, seed=2019):
    rng = np.random.default_rng(seed)
    countries = np.sort(rng.choice(np.arange(4, 895), size=180, replace=False)).astype(np.int16)
    citizenship = [f"C{code:03d}" for code in countries]

    def categorical(categories, missing_share, weights=None):
        codes = rng.choice(len(categories), size=rows, p=weights).astype(np.int8 if len(categories) < 127 else np.int16)
        codes[rng.random(rows) < missing_share] = -1
        return pd.Categorical.from_codes(codes, categories=categories)

    return pd.DataFrame({
        "yearOfRegistration": rng.integers(2002, 2024, rows),
        "ageBroad": categorical(AGE_BANDS, 0.3),
        "gender": categorical(GENDERS, 0.02, [0.7, 0.29, 0.01]),
        "exploitationType": categorical(EXPLOITATION, 0.1),
        "citizenship": categorical(citizenship, 0.05),
        "countryOfExploitation": rng.choice(countries, size=rows),
    })


def input_bytes(df):
    return sum(df[c].array.codes.nbytes if isinstance(df[c].dtype, pd.CategoricalDtype) else df[c].to_numpy().nbytes
               for c in df.columns)


def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def best_time(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def peak_extra_bytes(fn):
    """Growth of the peak resident set during one call of fn."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current resident set
    before = status_kib("VmRSS")
    fn()
    return (status_kib("VmHWM") - before) * 1024


GROUPINGS = {
    "by 3": ["yearOfRegistration", "ageBroad", "gender"],
    "by 5": ["yearOfRegistration", "ageBroad", "gender", "exploitationType", "citizenship"],
}


def method(name, df, by, threads):
    if name == "tipstats":
        return lambda: ts.tabulate(df, by=by, threads=threads)
    return lambda: df.groupby(by, observed=True, dropna=False).size()


def peak_in_fresh_process(name, label, args):
    command = [sys.executable, __file__, "--rows", str(args.rows), "--memory-of", name, label]
    if args.threads:
        command += ["--threads", str(args.threads)]
    return int(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="tipstats threads (default: every core)")
    parser.add_argument("--memory-of", nargs=2, metavar=("METHOD", "GROUPING"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    df = case_records(args.rows)
    if args.memory_of:
        name, label = args.memory_of
        print(peak_extra_bytes(method(name, df, GROUPINGS[label], args.threads)))
        return

    size = input_bytes(df)
    print(f"{args.rows:,} case records, 6 columns, {size / 2**20:.0f} MiB of input columns; "
          f"{os.cpu_count()} cores, tipstats threads: {args.threads or 'all'}; "
          f"pandas {pd.__version__}, tipstats {ts.__version__}")
    print(f"{'':6} {'groups':>8} {'pandas s':>9} {'tipstats s':>10} {'speed-up':>8} "
          f"{'pandas MiB':>10} {'tipstats MiB':>12} {'tipstats mem / input':>20}")
    for label, by in GROUPINGS.items():
        ours, theirs = method("tipstats", df, by, args.threads), method("pandas", df, by, args.threads)
        pd.testing.assert_frame_equal(ours(), theirs().reset_index(name="count"))
        ours_time, theirs_time = best_time(ours, args.repeat), best_time(theirs, args.repeat)
        ours_peak, theirs_peak = (peak_in_fresh_process(name, label, args) for name in ("tipstats", "pandas"))
        print(f"{label:6} {len(ours()):>8,} {theirs_time:>9.3f} {ours_time:>10.3f} {theirs_time / ours_time:>7.1f}x "
              f"{theirs_peak / 2**20:>10.1f} {ours_peak / 2**20:>12.1f} {ours_peak / size:>20.3f}")
    print("results equal: yes (pandas.testing.assert_frame_equal, before timing)")


if __name__ == "__main__":
    main()
