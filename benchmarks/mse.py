"""Multiple systems estimation on the UK 2013 data: tipstats.mse against Python peers run in the same
process (the SparseMSE and dga re-implementations of the tests, built on statsmodels, scipy's HiGHS
and numpy), with the issue's targets:

- stepwise selection with its interval on UKdat (6 lists): under 50 ms (R's SparseMSE: over 1 s);
- the stepwise bootstrap with 1,000 replicates on UKdat: under 5 s on 2 cores;
- bma on UKdat_5 with n_missing from 0 to 60,000: under 100 ms (R's dga: about 3 s).

R is not installed here, so R's own times are not measured; they are the issue's figures.

Run: PYTHONPATH=python python3 benchmarks/mse.py [--replicates 1000] [--peer-replicates 3]
"""

import argparse
import functools
import os
import pathlib
import sys
import time

import numpy as np
from scipy.special import gammaln

import tipstats as ts
from tipstats import mse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
import sparsemse_reference  # noqa: E402  (the tests' re-implementation of SparseMSE)
import test_mse_bma  # noqa: E402  (the tests' brute-force decomposable graphs)


def best_of(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def bma_direct_sum(table, n_missing):
    """dga's bma.cr as a direct numpy sum over the 822 graphs (margins cached)."""
    k, counts = len(table.lists), table.counts.astype(float)
    n, delta = counts.sum(), 2.0 ** -k
    N = n_missing + n

    @functools.lru_cache(None)
    def comp(subset):
        d = 2.0 ** (k - len(subset))
        margin = np.zeros(2 ** len(subset))
        for cell in range(1, 2 ** k):
            margin[sum(((cell >> v) & 1) << i for i, v in enumerate(sorted(subset)))] += counts[cell]
        return (gammaln(n_missing + margin[0] + delta * d) + gammaln(margin[1:] + delta * d).sum()
                - len(margin) * gammaln(delta * d))

    denominator = gammaln(2 ** k * delta) - gammaln(N + 2 ** k * delta)
    base = gammaln(N + 1) - gammaln(counts[1:] + 1).sum() - gammaln(n_missing + 1) - np.log(N)
    graphs = test_mse_bma.brute_force_graphs(k)
    log_w = np.array([sum(comp(frozenset(c)) for c in cl) - sum(comp(frozenset(s)) for s in se)
                      + (len(cl) - len(se)) * denominator + base for cl, se in graphs])
    w = np.exp(log_w - log_w.max())
    return w.sum(axis=0) / w.sum()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicates", type=int, default=1000)
    parser.add_argument("--peer-replicates", type=int, default=3)
    parser.add_argument("--n-missing", type=int, default=60_000)
    args = parser.parse_args()
    uk, uk5 = ts.datasets.mse("UKdat"), ts.datasets.mse("UKdat_5")
    print(f"Multiple systems estimation, UK 2013 data, {os.cpu_count()} cores (R not installed: R's times are the "
          "issue's figures)")

    # 1. Stepwise selection and its interval.
    ours, result = best_of(lambda: mse.stepwise(uk), 20)
    interval = result.interval()
    peer, (chosen, _) = best_of(lambda: sparsemse_reference.stepwisefit(uk.counts, 6), 3)
    assert result.interactions == tuple(f"{uk.lists[a]}:{uk.lists[b]}" for a, b in chosen)
    print(f"stepwise on UKdat: total {result.total:,.0f} ({interval[0]:,.0f} to {interval[1]:,.0f})")
    print(f"  Python SparseMSE (statsmodels + HiGHS) : {peer * 1000:9.1f} ms")
    print(f"  tipstats mse.stepwise                  : {ours * 1000:9.2f} ms   ratio {peer / ours:,.0f}x   "
          f"target < 50 ms, R > 1 s")

    # 2. The stepwise bootstrap: every core, then one thread.
    start = time.perf_counter()
    boot = mse.bootstrap(uk, n=args.replicates, seed=2013)
    ours_all = time.perf_counter() - start
    start = time.perf_counter()
    mse.bootstrap(uk, n=args.replicates, seed=2013, threads=1)
    ours_one = time.perf_counter() - start
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    for _ in range(args.peer_replicates):
        counts = uk.counts.copy()
        counts[1:] = rng.multinomial(uk.n_observed, uk.counts[1:] / uk.n_observed)
        sparsemse_reference.stepwisefit(counts, 6)
    peer = (time.perf_counter() - start) * (args.replicates + 25) / args.peer_replicates  # + the jackknife
    lower, upper = boot.interval()
    print(f"stepwise bootstrap on UKdat, {args.replicates} replicates: BCa 95 % {lower:,.0f} to {upper:,.0f}")
    print(f"  Python SparseMSE (timed on {args.peer_replicates} replicates, scaled): {peer:8.1f} s")
    print(f"  tipstats mse.bootstrap, 1 thread               : {ours_one:8.2f} s")
    print(f"  tipstats mse.bootstrap, {os.cpu_count()} cores               : {ours_all:8.2f} s   "
          f"ratio {peer / ours_all:,.0f}x   target < 5 s on 2 cores")

    # 3. Model averaging over the 822 decomposable graphs of five lists.
    n_missing = np.arange(0, args.n_missing + 1, dtype=float)
    ours, average = best_of(lambda: mse.bma(uk5, n_missing), 5)
    subset = n_missing[: len(n_missing) // 10 + 1]
    start = time.perf_counter()
    direct = bma_direct_sum(uk5, subset)
    peer = (time.perf_counter() - start) * len(n_missing) / len(subset)
    check = mse.bma(uk5, subset).posterior
    assert np.allclose(check, direct, rtol=1e-8, atol=1e-15)
    print(f"bma on UKdat_5, n_missing 0 to {args.n_missing:,}: median {average.median:,.0f}, "
          f"95 % {average.interval()[0]:,.0f} to {average.interval()[1]:,.0f}")
    print(f"  numpy direct sum over graphs (on a tenth, scaled): {peer * 1000:9.0f} ms")
    print(f"  tipstats mse.bma                                : {ours * 1000:9.1f} ms   ratio {peer / ours:,.0f}x   "
          "target < 100 ms, R ~3 s")


if __name__ == "__main__":
    main()
