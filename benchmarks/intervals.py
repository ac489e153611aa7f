"""Benchmark: exact binomial and Poisson intervals, tipstats against scipy in the same process.

One million (x, n) pairs through ``proportion_ci(method="exact")`` (Clopper-Pearson) against scipy's
``beta.ppf`` / ``beta.isf``, and one million counts through ``poisson_ci`` (Garwood) against
``chi2.ppf`` / ``chi2.isf``. Both sides compute the same quantiles; the results are checked to agree.
Ratios above 1 mean tipstats is faster. Run: ``PYTHONPATH=python python benchmarks/intervals.py``.
"""

import argparse
import os
import time

import numpy as np
import scipy
from scipy import stats

import tipstats as ts


def best_of(repeats, fn):
    """Best wall time of `repeats` runs, with the CPU time of that run (CPU/wall > 1: several cores)."""
    best, cpu, result = float("inf"), 0.0, None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall = time.perf_counter() - start
        if wall < best:
            best, cpu = wall, time.process_time() - start_cpu
    return (best, cpu), result


def scipy_clopper_pearson(x, n, level):
    tail = (1 - level) / 2
    with np.errstate(invalid="ignore"):
        lower = np.where(x == 0, 0.0, stats.beta.ppf(tail, x, n - x + 1))
        upper = np.where(x == n, 1.0, stats.beta.isf(tail, x + 1, n - x))
    return lower, upper


def scipy_garwood(x, level):
    tail = (1 - level) / 2
    with np.errstate(invalid="ignore"):
        lower = np.where(x == 0, 0.0, stats.chi2.ppf(tail, 2 * x) / 2)
    return lower, stats.chi2.isf(tail, 2 * x + 2) / 2


def report(name, scipy_time, times):
    print(f"{name}: scipy {scipy_time[0]:.3f} s (cpu {scipy_time[1]:.3f} s)")
    for label, (wall, cpu) in times.items():
        print(f"  tipstats {label:<10} {wall:.3f} s (cpu {cpu:.3f} s, cpu/wall {cpu / wall:.2f})   "
              f"ratio scipy/tipstats = {scipy_time[0] / wall:.2f}x")
    print("  (on a machine busy with other work the all-cores figure cannot show the gain of the spare cores)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    rng = np.random.default_rng(2019)
    n = rng.integers(1, 10_000, size=args.size).astype(float)
    x = np.floor(rng.random(args.size) * (n + 1))
    counts = rng.poisson(rng.gamma(1.0, 300.0, size=args.size)).astype(float)
    cores = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.size:,} elements, best of {args.repeats}; {cores} cores, load average {load:.1f}; "
          f"scipy {scipy.__version__}, tipstats {ts.__version__}")

    scipy_time, ref = best_of(args.repeats, lambda: scipy_clopper_pearson(x, n, 0.95))
    times = {}
    for label, threads in (("all cores", None), ("1 thread", 1)):
        times[label], got = best_of(args.repeats, lambda: ts.proportion_ci(x, n, 0.95, "exact", threads=threads))
        np.testing.assert_allclose(got, ref, rtol=1e-9)
    report("proportion_ci(method='exact') vs beta.ppf/isf", scipy_time, times)

    scipy_time, ref = best_of(args.repeats, lambda: scipy_garwood(counts, 0.95))
    times = {}
    for label, threads in (("all cores", None), ("1 thread", 1)):
        times[label], got = best_of(args.repeats, lambda: ts.poisson_ci(counts, 0.95, threads=threads))
        np.testing.assert_allclose(got, ref, rtol=1e-9)
    report("poisson_ci(method='exact') vs chi2.ppf/isf", scipy_time, times)


if __name__ == "__main__":
    main()
