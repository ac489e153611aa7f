"""Victim statistics from a report, checked and analysed: a small table of counts with a censored
value, its consistency check, a yearly series with same-period changes, intervals and a trend, and
pandas in and out. Run with `python examples/python/victim_statistics.py`.

The yearly counts are made up for the example; the 2019 figures are the seed article's.
"""

import pandas as pd

import tipstats as ts


def main() -> None:
    table = ts.Observations()
    for year, rescued in [(2015, 61), (2016, 74), (2017, 90), (2018, 118)]:  # illustrative, not real
        table.add("victims_rescued", rescued, str(year), area="KHM")
    table.add("victims_rescued", 263, "2019", area="KHM")
    table.add("victims_rescued", 70, "2019", area="KHM", age="0-14")
    table.add("victims_rescued", 31, "2019", area="KHM", age="15-17")
    table.add("victims_rescued", "<5", "2019", area="KHM", age="unknown")  # a censored cell
    print(table)
    print("consistency findings:", len(table.check()))

    series = table.series("victims_rescued", area="KHM")
    changes: pd.DataFrame = series.same_period_last_year()
    print(changes[["period", "value", "percent_change"]].to_string(index=False))

    under_15, total = 70, 263
    low, high = ts.proportion_ci(under_15, total, method="wilson")
    print(f"under 15: {under_15 / total:.1%} (95% CI {low:.1%} to {high:.1%})")

    fit = ts.trend.loglinear(series, model="negbin")  # x, and censored counts if any, from the series
    print(f"annual percent change {fit.apc:.1f}% ({fit.apc_ci[0]:.1f} to {fit.apc_ci[1]:.1f})")

    frame: pd.DataFrame = table.to_pandas()
    again = ts.Observations.from_pandas(frame)
    assert len(again) == len(table)
    # A censored count has no value (NaN); its censoring and bound say what is known of it.
    print(frame.loc[frame["period"] == "2019", ["age", "value", "censoring", "bound"]].to_string(index=False))


if __name__ == "__main__":
    main()
