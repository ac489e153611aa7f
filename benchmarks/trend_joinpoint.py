"""Joinpoint regression timings.

1. One series of 30 points, up to 3 joinpoints, 4,499 permutations (NCI's defaults): target under
   2 s on 2 cores. NCI's Joinpoint program is a Windows GUI and cannot run in the same process, so
   the in-process peer is a plain numpy grid search (every admissible placement refitted with
   lstsq), timed on the same permutation work scaled from a subset.
2. 1,000 series of 25 points, up to 3 joinpoints, BIC selection, batch on all cores, against the
   same plain numpy search on a subset, scaled.

Run: PYTHONPATH=python python3 benchmarks/trend_joinpoint.py
"""

import itertools
import math
import os
import time

import numpy as np
import pandas  # noqa: F401 - imported before timing: the batch returns a DataFrame

from tipstats import trend


def plain_best_sse(z, x, k, min_end=2, min_between=2):
    """The peer: refit every admissible placement from scratch with numpy's lstsq."""
    n = len(x)
    best = math.inf
    for idx in itertools.combinations(range(min_end, n - min_end), k):
        if any(b - a - 1 < min_between for a, b in zip(idx, idx[1:])):
            continue
        X = np.column_stack([np.ones(n), x] + [np.maximum(x - x[i], 0) for i in idx])
        beta, *_ = np.linalg.lstsq(X, z, rcond=None)
        best = min(best, float(np.sum((z - X @ beta) ** 2)))
    return best


def series(rng, n):
    x = np.arange(1990.0, 1990.0 + n)
    ly = np.where(x < 2000, 0.05 * (x - 1990), 0.5 - 0.03 * (x - 2000))
    ly = np.where(x < 2010, ly, 0.2 + 0.06 * (x - 2010))
    return x, 100 * np.exp(ly + rng.normal(0, 0.03, n))


def main():
    rng = np.random.default_rng(1)
    cores = os.cpu_count()

    x, y = series(rng, 30)
    start = time.perf_counter()
    r = trend.joinpoint(y, x, max_joinpoints=3, permutations=4499, seed=1)
    ours = time.perf_counter() - start
    # The permutation test fits both models of each test to every permuted data set.
    fits = sum(4499 for _ in r.tests)
    sample = 20
    z = np.log(y)
    start = time.perf_counter()
    for _ in range(sample):
        perm = rng.permutation(z)
        plain_best_sse(perm, x, 3)
        plain_best_sse(perm, x, 0)
    peer = (time.perf_counter() - start) / sample * fits
    print(f"Joinpoint, 1 series x 30 points, up to 3 joinpoints, 4499 permutations, {cores} cores")
    print(f"  tipstats joinpoint : {ours:8.3f} s (target < 2 s on 2 cores); chose {len(r.joinpoints)} "
          f"joinpoints at {list(r.joinpoints)}, p-values {[round(p, 4) for p in r.p_values]}")
    print(f"  plain numpy search : {peer:8.1f} s (timed on {sample} permuted sets, scaled)   ratio {peer / ours:,.0f}x")

    Y = np.stack([series(rng, 25)[1] for _ in range(1000)])
    x25 = np.arange(1990.0, 2015.0)
    start = time.perf_counter()
    frame = trend.joinpoint_batch(Y, x25, max_joinpoints=3, selection="bic")
    ours = time.perf_counter() - start
    subset = 5
    start = time.perf_counter()
    for row in Y[:subset]:
        for k in range(4):
            plain_best_sse(np.log(row), x25, k)
    peer = (time.perf_counter() - start) / subset * len(Y)
    print(f"Joinpoint batch, 1000 series x 25 points, up to 3 joinpoints, BIC, {cores} cores")
    print(f"  tipstats joinpoint_batch : {ours:8.3f} s; joinpoints chosen: "
          f"{dict(zip(*np.unique(frame['joinpoints'], return_counts=True)))}")
    print(f"  plain numpy search       : {peer:8.1f} s (timed on {subset} series, scaled)   ratio {peer / ours:,.0f}x")


if __name__ == "__main__":
    main()
