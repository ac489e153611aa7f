"""A researcher's script with type annotations, as `mypy --strict` checks it: an interval, a change, a
rate, a trend fit, Mann-Kendall tests over a DataFrame of regional series, a share whose total is not
known, a small table suppressed and laid out for publication, and a dataset saved, loaded and read as a
series. Scalar arguments give floats, arrays give arrays, and the batch functions give DataFrames, so
no casts are needed.

Run with `python examples/python/typed_calls.py [DIRECTORY]`; check with
`PYTHONPATH=python mypy --strict examples/python`.

The 2019-H1 figures are the seed article's (263 victims, 70 under 15, 31 aged 15 to 17); the yearly and
regional series and the split by sex are made up for the example.
"""

import pathlib
import sys
import tempfile

import numpy as np
import pandas as pd

import tipstats as ts

YEARS = np.arange(2010, 2020)


def intervals_and_changes() -> None:
    low, high = ts.proportion_ci(70, 263)  # scalars in: a tuple of floats out
    print(f"under 15: {ts.share(70, 263):.1%} (95% CI {low:.1%} to {high:.1%})")

    change = ts.change_ci(263, 106)
    print(f"2019-H1 against 2018-H1: {change.percent_change:+.1f}% "
          f"(95% CI {change.lower:+.1f}% to {change.upper:+.1f}%)")
    claim = ts.check_claim("an increase of nearly 150 per cent", current=263)
    print("claim fits a previous count of:", claim.baseline)
    over_range = ts.change_ci(263, "106-111")  # a published figure in: the range of results out
    least, most = over_range.percent_change.bounds(integer=False)
    print(f"2019-H1 against 106-111: {least:+.1f}% to {most:+.1f}% "
          f"(95% CI {over_range.lower:+.1f}% to {over_range.upper:+.1f}%)")
    arrests = ts.check_claim("arrests in 86 per cent of cases")  # no total given: the smallest that fit
    lowest, highest = ts.proportion_ci_range("86 per cent", n=arrests.denominators)
    print(f"86 per cent of {arrests.denominators[0]} or more cases: {lowest:.1%} to {highest:.1%}")

    population = 15_552_211  # Cambodia, 2019 census
    rate_low, rate_high = ts.rate_ci(263, population)
    print(f"rate per 100,000: {ts.rate(263, population):.2f} ({rate_low:.2f} to {rate_high:.2f})")
    by_age = ts.share(np.array([70, 31]), 263)  # an array in: an array out
    print("shares by age:", by_age.round(3).tolist())


def trends() -> None:
    national = [88, 95, 102, 99, 121, 134, 140, 151, 176, 190]
    fit = ts.trend.loglinear(national, x=YEARS)
    print(f"annual percent change: {fit.apc:.1f}% ({fit.apc_ci[0]:.1f} to {fit.apc_ci[1]:.1f})")
    joinpoints = ts.trend.joinpoint(national, x=YEARS, max_joinpoints=1, selection="bic")
    print("joinpoints:", list(joinpoints.joinpoints))

    regions = pd.DataFrame([national,
                            [40, 38, 45, 41, 39, 44, 40, 42, 38, 41],
                            [30, 28, 25, 27, 22, 20, 21, 17, 16, 15]],
                           index=["north", "centre", "south"], columns=YEARS)
    tests = ts.trend.mann_kendall_batch(regions, x=YEARS)  # a DataFrame, one row per region
    for region, row in tests.iterrows():
        print(f"{region}: {row['trend']} (tau {row['tau']:.2f}, Sen slope {row['slope']:.2f} a year)")

    # Small counts published as "<5": NaN with their bounds, fitted as negative binomial counts.
    small = [np.nan, 6, np.nan, 9, 7, 12, np.nan, 15, 21, 18]
    low = [0 if np.isnan(v) else v for v in small]
    high = [4 if np.isnan(v) else v for v in small]
    negbin = ts.trend.loglinear(small, x=YEARS, model="negbin", lower=low, upper=high)
    print(f"negative binomial APC: {negbin.apc:.1f}% (censored: {negbin.n_censored})")


def publish() -> None:
    table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
                          "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    published = ts.privacy.suppress(table, ["age", "sex"], threshold=10)
    withheld = int(published["count"].isna().sum())
    print(f"withheld cells: {withheld}; audit passed: {ts.privacy.audit(published, ['age', 'sex']).passed}")
    layout = ts.privacy.publication_table(published, rows="age", cols="sex")  # "x" where withheld, a footnote
    print(layout.to_csv(), end="")


def dataset(directory: pathlib.Path) -> None:
    path = directory / "cambodia.json"
    ts.datasets.cambodia_2019().save(path)
    loaded = ts.Dataset.load(path)
    loaded.add_observation("victims_rescued", 106, "2018-H1", area="KHM", offence="sexual_assault",
                           source="ppp-2019", note="implied by the claimed increase of nearly 150 per cent")
    series = loaded.series("victims_rescued", offence="sexual_assault")
    print("series:", series)


def main(directory: pathlib.Path) -> None:
    intervals_and_changes()
    trends()
    publish()
    dataset(directory)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(pathlib.Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            main(pathlib.Path(folder))
