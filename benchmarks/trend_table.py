"""Observations.trends on every (area x sex x age) series of detected victims in a GLOTIP-sized table,
against a loop of statsmodels negative binomial fits over the same series (those without a censored
or missing count, which statsmodels cannot fit).

The table is synthetic, shaped after UNODC's GLOTIP export of 14/04/2025 (dataUNODC; 58,769 rows,
about 200 areas, 2003-2022, 29,558 values published as "<5"): detected victims by sex and age
(all/female/male x all/0-17/18+) and by form of exploitation, and four other indicators (persons
prosecuted, convicted, brought into formal contact, offences) in total and by sex; each area reports
some years and not others, and counts are negative binomial around area levels spread so that about
half of all values fall below 5 and are published as "<5". Exactly 58,769 rows are kept.

Run: PYTHONPATH=python python3 benchmarks/trend_table.py [--rows 58769] [--areas 200] [--model negbin]
The tipstats time covers all of Observations.trends (grouping the table with numpy, the log-linear
fit, the Mann-Kendall test and Sen slope of every series, censored ones included), best of
--repeats runs after a warm-up; the peer time covers only the statsmodels fits (default optimiser)
of the series statsmodels can take, those without a censored or missing count. The like-for-like
ratio times tipstats on a table holding only those series; the first line also scales the peer's
per-series time to all series. Everything runs in this process.
"""

import argparse
import os
import time
import warnings

import numpy as np
import statsmodels.api as sm

import tipstats as ts

YEARS = range(2003, 2023)
OTHER_MEASURES = ("persons_prosecuted", "persons_convicted", "persons_in_formal_contact", "offences")


def glotip_like(rows: int, areas: int, seed: int = 2025) -> ts.Observations:
    """A synthetic table of the GLOTIP export's shape (see the module docstring)."""
    rng = np.random.default_rng(seed)
    names = [f"A{i:03d}" for i in range(areas)]
    # Breakdowns of detected victims: (offence, age, sex) and their share of the total.
    breakdowns = [("all", age, sex, a * s) for age, a in (("all", 1.0), ("0-17", 0.3), ("18+", 0.7))
                  for sex, s in (("all", 1.0), ("female", 0.6), ("male", 0.4))]
    breakdowns += [(offence, "all", "all", share) for offence, share in
                   (("sexual_exploitation", 0.5), ("forced_labour", 0.35), ("other_exploitation", 0.15))]
    lines = ["measure,value,unit,period,area,offence,age,sex,source,note"]
    for area in names:
        level = rng.lognormal(3.0, 1.6)  # spread so that about half the published values are "<5"
        growth = rng.normal(0.0, 0.08)
        reported = rng.random(len(YEARS)) < rng.uniform(0.7, 1.0)
        for y, year in enumerate(YEARS):
            if not reported[y]:
                continue
            mean = level * np.exp(growth * y)
            for offence, age, sex, share in breakdowns:
                if rng.random() < 0.93:
                    lines.append(_row("victims_detected", rng, mean * share, year, area, offence, age, sex))
            for measure in OTHER_MEASURES:
                for sex, share in (("all", 0.5), ("female", 0.15), ("male", 0.35)):
                    if rng.random() < 0.55:
                        lines.append(_row(measure, rng, mean * share, year, area, "all", "all", sex))
    if len(lines) - 1 < rows:
        raise SystemExit(f"only {len(lines) - 1} rows generated; ask for fewer or more areas")
    keep = np.sort(rng.choice(np.arange(1, len(lines)), size=rows, replace=False))
    text = "\n".join([lines[0]] + [lines[i] for i in keep]) + "\n"
    return ts.Observations.from_csv_text(text)


def _row(measure, rng, mean, year, area, offence, age, sex):
    count = int(rng.negative_binomial(2.0, 2.0 / (2.0 + mean)))
    value = "<5" if count < 5 else str(count)
    return f"{measure},{value},count,{year},{area},{offence},{age},{sex},GLOTIP,"


def best_time(run, repeats):
    """The best of `repeats` timed runs (after one warm-up), and the last result."""
    result = run()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=58_769)
    parser.add_argument("--areas", type=int, default=200)
    parser.add_argument("--model", default="negbin", choices=["poisson", "negbin"])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    table = glotip_like(args.rows, args.areas)
    frame = table.to_pandas()
    censored_share = (frame["censoring"] == "below").mean()
    by = ["area", "sex", "age"]

    ours_time, ours = best_time(lambda: table.trends("victims_detected", by=by, model=args.model), args.repeats)

    # The peer: statsmodels on every series it can take, those whose counts are all exact and
    # present, and tipstats on a table of those series alone (like for like).
    exact = ours[(ours["n_censored"] == 0) & (ours["n_missing"] == 0) & (ours["n"] >= 3)]
    keys = set(zip(exact["area"], exact["sex"], exact["age"]))
    rows = frame[(frame["measure"] == "victims_detected") & (frame["offence"] == "all")]
    rows = rows[[key in keys for key in zip(rows["area"], rows["sex"], rows["age"])]]
    subset = ts.Observations.from_pandas(rows.drop(columns=["period_start", "period_end"]))
    subset_time, ours_subset = best_time(lambda: subset.trends("victims_detected", by=by, model=args.model),
                                         args.repeats)
    peer_series = []
    for row in ours_subset.itertuples():
        s = subset.series("victims_detected", area=row.area, sex=row.sex, age=row.age)
        peer_series.append((row.Index, np.asarray(s.values), np.asarray(s.x)))
    family = sm.families.Poisson()
    start = time.perf_counter()
    peer = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for index, y, x in peer_series:
            design = sm.add_constant(x - x.mean())
            if args.model == "negbin":
                fit = sm.NegativeBinomial(y, design, loglike_method="nb2").fit(disp=0, maxiter=200)
            else:
                fit = sm.GLM(y, design, family=family).fit()
            peer[index] = fit.params[1]
    peer_time = time.perf_counter() - start

    # statsmodels' default stopping rules are looser than ours; agreement to 1e-4 where both converged
    agree = [abs(ours_subset.loc[i, "slope"] - b) <= 1e-4 * (1 + abs(b)) for i, b in peer.items()
             if np.isfinite(b) and np.isfinite(ours_subset.loc[i, "slope"])]
    per_series_peer = peer_time / len(peer_series)
    print(f"Observations.trends, GLOTIP-sized synthetic table: {len(table):,} rows, "
          f"{frame['area'].nunique()} areas, {censored_share:.1%} of values '<5', {os.cpu_count()} cores, "
          f"model {args.model}")
    print(f"  all {len(ours):,} series of victims_detected by area x sex x age "
          f"({int((ours['n_censored'] > 0).sum()):,} with censored counts, {int((ours['note'] != '').sum()):,} "
          f"with a note):")
    print(f"    tipstats Observations.trends            : {ours_time:8.3f} s"
          f"   (statsmodels at its per-series time would take {per_series_peer * len(ours):.1f} s: "
          f"{per_series_peer * len(ours) / ours_time:,.0f}x)")
    print(f"  the {len(peer_series):,} series without censored or missing counts (slopes agree on "
          f"{sum(agree)}/{len(agree)}):")
    print(f"    statsmodels loop                        : {peer_time:8.3f} s")
    print(f"    tipstats Observations.trends            : {subset_time:8.3f} s   ratio {peer_time / subset_time:,.0f}x")


if __name__ == "__main__":
    main()
