"""Cell suppression: time to protect and to audit, and secondary suppressions against a simple baseline.

Tables: 50 x 50 and 20 x 20 x 10, with all margins, counts Poisson with log-normal means (log mean 3.5:
about one cell in eight below the threshold of 10; 4.5: about one in seventy), as in tables of victims
by place and age.
The baseline is the rule of thumb the issue names: while the audit fails, suppress the smallest other
cell in each row and column (every line of every dimension) where a failing primary cell is the only
withheld cell; when none is, the smallest published cell in one of its lines.

Run: PYTHONPATH=python python3 benchmarks/suppress.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from tipstats import privacy
from tipstats.privacy import _table
from tipstats.privacy._suppress import _Attacker, _Seen, _protected


def random_table(shape, rng, log_mean: float) -> pd.DataFrame:
    names = [f"d{i}" for i in range(len(shape))]
    table = pd.MultiIndex.from_product([range(n) for n in shape], names=names).to_frame(index=False)
    table["count"] = rng.poisson(np.exp(rng.normal(log_mean, 1.0, len(table))))
    return table


def baseline(table: pd.DataFrame, by, threshold: float = 10) -> int:
    """Secondary suppressions of the smallest-cell rule; checked with the same attacker as `audit`."""
    grid = _table.add_margins(_table.read_grid(table, by, "count"))
    x = grid.values.ravel()
    matrix = _table.relations(grid.shape, grid.has_total).tocsr()
    by_cell = matrix.T.tocsr()
    primary = (x > 0) & (x < threshold)
    withheld = primary.copy()
    seen = _Seen(x)  # tables that agree with the publication stay so as more cells are withheld
    while True:
        attacker = _Attacker(matrix, x, withheld)
        failing = [c for c in np.flatnonzero(primary) if not seen.protects(int(c), threshold)
                   and not _protected(np.diff(attacker.interval(int(c), seen))[0], threshold)]
        if not failing:
            return int((withheld & ~primary).sum())
        added = withheld.copy()
        for cell in failing:
            lines = [matrix.indices[matrix.indptr[r]:matrix.indptr[r + 1]] for r in by_cell.indices[by_cell.indptr[cell]:by_cell.indptr[cell + 1]]]
            exposed = [line for line in lines if withheld[line].sum() == 1]
            for line in exposed or lines:
                candidates = line[~added[line]]
                if candidates.size:
                    added[candidates[np.argmin(x[candidates])]] = True
                    if not exposed:
                        break  # not exposed anywhere: one more cell in one of its lines
        if (added == withheld).all():
            added[np.flatnonzero(~withheld)[np.argmin(x[~withheld])]] = True
        withheld = added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print(f"{'table':>12} {'log mean':>8} {'cells':>6} {'primary':>8} {'secondary':>10} {'baseline':>9} {'ratio':>6} "
          f"{'protect s':>10} {'audit s':>8} {'baseline s':>11} passed")
    for shape, log_mean in [((50, 50), 3.5), ((50, 50), 4.5), ((20, 20, 10), 3.5)]:
        table = random_table(shape, rng, log_mean)
        by = list(table.columns[:-1])
        start = time.perf_counter()
        published = privacy.suppress(table, by)
        protect_s = time.perf_counter() - start
        start = time.perf_counter()
        result = privacy.audit(published, by)
        audit_s = time.perf_counter() - start
        start = time.perf_counter()
        simple = baseline(table, by)
        baseline_s = time.perf_counter() - start
        marks = published["suppressed"]
        primary, secondary = int((marks == "primary").sum()), int((marks == "secondary").sum())
        print(f"{' x '.join(map(str, shape)):>12} {log_mean:>8} {len(published):>6} {primary:>8} {secondary:>10} {simple:>9} "
              f"{secondary / simple if simple else float('nan'):>6.2f} {protect_s:>10.1f} {audit_s:>8.1f} "
              f"{baseline_s:>11.1f} {result.passed}", flush=True)


if __name__ == "__main__":
    main()
