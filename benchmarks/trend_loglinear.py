"""Poisson log-linear trend (APC) of 10,000 series of 20 counts: tipstats batch vs looping
statsmodels GLM Poisson.

Run: PYTHONPATH=python python3 benchmarks/trend_loglinear.py [--series N] [--peer-series M]
The peer is timed on a subset (default 500 series) and scaled; the results are compared there.
"""

import argparse
import os
import time
import warnings

import numpy as np
import statsmodels.api as sm

from tipstats import trend


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--peer-series", type=int, default=500)
    args = parser.parse_args()
    rng = np.random.default_rng(42)
    x = np.arange(2000, 2000 + args.points, dtype=float)
    rates = rng.uniform(5, 500, size=(args.series, 1)) * np.exp(rng.normal(0, 0.05, size=(args.series, 1)) * (x - x[0]))
    Y = rng.poisson(rates).astype(float)
    Y[:, 0] += 1  # keep every slope finite
    Y[:, -1] += 1

    start = time.perf_counter()
    ours = trend.loglinear_batch(Y, x, as_frame=False)
    ours_time = time.perf_counter() - start

    subset = min(args.peer_series, args.series)
    design = sm.add_constant(x)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        peer = [sm.GLM(row, design, family=sm.families.Poisson()).fit() for row in Y[:subset]]
    peer_time = (time.perf_counter() - start) * args.series / subset

    # statsmodels stops at a relative deviance change of 1e-8 (its default), so agreement is to
    # that precision here; the tests compare at tol=1e-14.
    assert np.allclose(ours["slope"][:subset], [f.params[1] for f in peer], rtol=1e-5, atol=1e-9)
    assert np.allclose(ours["se"][:subset], [f.bse[1] for f in peer], rtol=1e-5)
    print(f"Poisson log-linear trend, {args.series} series x {args.points} points, {os.cpu_count()} cores")
    print(f"  statsmodels GLM Poisson loop : {peer_time:8.3f} s (timed on {subset} series, scaled)")
    print(f"  tipstats loglinear_batch     : {ours_time:8.3f} s   ratio {peer_time / ours_time:,.0f}x")


if __name__ == "__main__":
    main()
