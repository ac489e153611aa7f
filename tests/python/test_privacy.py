"""tipstats.privacy: tables are attacked with an LP written here independently of the library, records
are counted with collections.Counter, noise is tested against scipy.stats' distributions."""

import collections
import json
import itertools
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

import tipstats as ts
from tipstats import privacy

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"


def grid_table(array, names=None) -> pd.DataFrame:
    array = np.asarray(array)
    names = names or [f"d{i}" for i in range(array.ndim)]
    table = pd.MultiIndex.from_product([range(n) for n in array.shape], names=names).to_frame(index=False)
    table["count"] = array.ravel()
    return table


def random_table(shape, rng, log_mean=2.5) -> pd.DataFrame:
    """Counts like victims by place and age: Poisson with log-normal means (many small cells, some zeros)."""
    return grid_table(rng.poisson(np.exp(rng.normal(log_mean, 1.3, shape))))


def attack(published: pd.DataFrame, by, value="count", integer=False):
    """The attacker, written from scratch: one equation per total (row labelled "all" in one dimension
    equals the sum over that dimension's other labels with the rest fixed), published cells as constants,
    withheld cells >= 0; min and max of each withheld cell with HiGHS on a dense matrix (as whole numbers
    with `integer`, scipy.optimize.milp)."""
    cells = {tuple(row[b] for b in by): row[value] for _, row in published.iterrows()}
    withheld = [key for key, v in cells.items() if pd.isna(v)]
    column = {key: i for i, key in enumerate(withheld)}
    labels = [sorted({key[d] for key in cells}, key=str) for d in range(len(by))]
    equations, rhs = [], []
    for d, key in itertools.product(range(len(by)), cells):
        if key[d] != "all":
            continue
        members = [key[:d] + (label,) + key[d + 1:] for label in labels[d] if label != "all"]
        row, constant = np.zeros(len(withheld)), 0.0
        for sign, member in [(-1.0, key)] + [(1.0, m) for m in members]:
            if member in column:
                row[column[member]] += sign
            else:
                constant += sign * cells[member]
        if row.any():
            equations.append(row)
            rhs.append(-constant)
        else:
            assert constant == 0, f"published total {key} does not add up"
    a_eq = np.array(equations, dtype=float).reshape(len(equations), len(withheld))

    def solve(objective):
        if integer:
            return optimize.milp(objective, constraints=optimize.LinearConstraint(a_eq, rhs, rhs),
                                 integrality=np.ones(len(withheld)), bounds=optimize.Bounds(0, np.inf))
        return optimize.linprog(objective, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs")

    bounds = {}
    for key, i in column.items():
        objective = np.zeros(len(withheld))
        objective[i] = 1.0
        low, high = solve(objective), solve(-objective)
        assert low.status == 0 and high.status in (0, 3, 4)  # 3: unbounded (linprog), 4: unbounded (milp)
        bounds[key] = (low.fun, -high.fun if high.status == 0 else np.inf)
    return bounds


def check_suppression(table, by, threshold=10):
    published = privacy.suppress(table, by, threshold=threshold)
    truth = table.set_index(by)["count"]
    # totals are the sums of the original table
    full = published.copy()
    full["truth"] = [truth.loc[tuple(k)] if "all" not in k else np.nan for k in published[by].itertuples(index=False)]
    inner = ~published[by].isin(["all"]).any(axis=1)
    assert inner.sum() == len(table)
    shown = inner & published["count"].notna()
    np.testing.assert_array_equal(published.loc[shown, "count"], full.loc[shown, "truth"])
    assert published.loc[published["count"].isna(), "suppressed"].isin(["primary", "secondary"]).all()
    assert (published.loc[published["count"].notna(), "suppressed"] == "").all()
    # primary exactly where 0 < count < threshold, totals included (their true value is the sum)
    true_values = np.array([
        truth.loc[tuple(k)] if "all" not in k
        else truth[np.logical_and.reduce([truth.index.get_level_values(b) == v for b, v in zip(by, k) if v != "all"]
                                         or [np.ones(len(truth), bool)])].sum()
        for k in published[by].itertuples(index=False)])
    np.testing.assert_array_equal(published["suppressed"] == "primary", (true_values > 0) & (true_values < threshold))
    # the attack: every primary cell keeps an interval at least `threshold` wide, and contains the truth
    bounds = attack(published, by)
    for k, mark, value in zip(published[by].itertuples(index=False), published["suppressed"], true_values):
        if mark:
            low, high = bounds[tuple(k)]
            assert low - 1e-6 <= value <= high + 1e-6
            if mark == "primary":
                assert high - low >= threshold - 1e-6, (tuple(k), low, high)
    # the library's own audit agrees with the independent attacker
    result = privacy.audit(published, by, threshold=threshold)
    assert result.passed
    for row in result.intervals.itertuples(index=False):
        low, high = bounds[tuple(getattr(row, b) for b in by)]
        assert row.lower == pytest.approx(low, abs=1e-6)
        assert row.upper == pytest.approx(high, abs=1e-6)
    return published


def test_two_by_two_needs_the_whole_inner_cycle():
    # hand-checked: x00 = 5 is fixed by its row total 25 unless x01, x10, x11 go too; then
    # x00 in [0, 25], x01 = 25 - x00, x10 = 35 - x00, x11 = 35 + x00
    published = privacy.suppress(grid_table([[5, 20], [30, 40]]), ["d0", "d1"])
    assert list(published["suppressed"]) == ["primary", "secondary", "", "secondary", "secondary", "", "", "", ""]
    assert list(published["count"].fillna(-1)) == [-1, -1, 25, -1, -1, 70, 35, 60, 95]
    intervals = privacy.audit(published, ["d0", "d1"]).intervals.set_index(["d0", "d1"])
    assert intervals.loc[(0, 0), ["lower", "upper"]].tolist() == pytest.approx([0, 25])
    assert intervals.loc[(0, 1), ["lower", "upper"]].tolist() == pytest.approx([0, 25])
    assert intervals.loc[(1, 0), ["lower", "upper"]].tolist() == pytest.approx([10, 35])
    assert intervals.loc[(1, 1), ["lower", "upper"]].tolist() == pytest.approx([35, 60])


def test_one_dimension_takes_the_cheapest_partner():
    table = pd.DataFrame({"country": ["KH", "TH", "VN"], "count": [3, 50, 60]})
    published = privacy.suppress(table, "country")
    assert published["country"].tolist() == ["KH", "TH", "VN", "all"]
    assert published["suppressed"].tolist() == ["primary", "secondary", "", ""]
    assert published["count"].tolist()[2:] == [60, 113]
    intervals = privacy.audit(published, "country").intervals
    np.testing.assert_allclose(intervals[["lower", "upper"]].to_numpy().tolist(), [[0, 53], [0, 53]])


def test_small_totals_are_primary_and_zeros_are_published():
    # all inner cells and the four one-way totals (3, 7, 4, 6) are below 10; the grand total 10 is not.
    published = privacy.suppress(grid_table([[1, 2], [3, 4]]), ["d0", "d1"])
    assert (published["suppressed"] == "primary").sum() == 8
    assert published["count"].iloc[-1] == 10
    assert privacy.audit(published, ["d0", "d1"]).passed  # each cell ranges over [0, 10]
    zeros = privacy.suppress(grid_table([[0, 40], [0, 35]]), ["d0", "d1"])
    assert (zeros["suppressed"] == "").all() and zeros["count"].tolist() == [0, 40, 40, 0, 35, 35, 0, 75, 75]


def test_threshold_one_suppresses_nothing_and_larger_thresholds_more():
    table = grid_table([[5, 20, 1], [30, 40, 12], [9, 9, 9]])
    assert (privacy.suppress(table, ["d0", "d1"], threshold=1)["suppressed"] == "").all()
    few = (privacy.suppress(table, ["d0", "d1"], threshold=5)["suppressed"] != "").sum()
    many = (check_suppression(table, ["d0", "d1"], threshold=15)["suppressed"] != "").sum()
    assert few < many


def test_existing_totals_are_used_and_checked():
    with_totals = privacy.suppress(grid_table([[5, 20], [30, 40]]), ["d0", "d1"])
    with_totals["count"] = [5, 20, 25, 30, 40, 70, 35, 60, 95]
    again = privacy.suppress(with_totals[["d0", "d1", "count"]], ["d0", "d1"], margins=False)
    assert again["suppressed"].tolist() == ["primary", "secondary", "", "secondary", "secondary", "", "", "", ""]
    with pytest.raises(ts.ValidationError, match="margins=False"):
        privacy.suppress(with_totals[["d0", "d1", "count"]], ["d0", "d1"])
    broken = with_totals[["d0", "d1", "count"]].copy()
    broken.loc[2, "count"] = 26
    with pytest.raises(ts.ValidationError, match="sum of their cells"):
        privacy.suppress(broken, ["d0", "d1"], margins=False)


def test_huge_counts_beside_small_ones():
    check_suppression(grid_table([[10**9, 3, 2 * 10**9], [7, 10**9 + 1, 40], [12, 0, 10**8]]), ["d0", "d1"])


def test_totals_in_one_dimension_only():
    # years are published separately, so only the split by sex adds up to a total
    table = pd.DataFrame({"year": [2019] * 3 + [2020] * 3, "sex": ["f", "m", "all"] * 2,
                          "count": [3, 40, 43, 25, 30, 55]})
    published = privacy.suppress(table, ["year", "sex"], margins=False)
    assert published["suppressed"].tolist() == ["primary", "secondary", "", "", "", ""]
    assert attack(published, ["year", "sex"]) == {(2019, "f"): (0, 43), (2019, "m"): (0, 43)}
    assert privacy.audit(published, ["year", "sex"]).passed


def test_labels_keep_their_order_and_type():
    table = pd.DataFrame({"year": [2019, 2019, 2020, 2020], "sex": ["female", "male"] * 2, "count": [12, 3, 40, 41]})
    published = privacy.suppress(table, ["year", "sex"])
    assert published[["year", "sex"]].values.tolist() == [
        [2019, "female"], [2019, "male"], [2019, "all"], [2020, "female"], [2020, "male"], [2020, "all"],
        ["all", "female"], ["all", "male"], ["all", "all"]]
    assert published.attrs["tipstats.privacy"]["threshold"] == 10


@pytest.mark.parametrize("seed", range(150))
def test_random_two_way_tables_survive_the_attack(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(2, 9, 2))
    check_suppression(random_table(shape, rng), ["d0", "d1"])


@pytest.mark.parametrize("seed", range(100))
def test_random_three_way_tables_survive_the_attack(seed):
    rng = np.random.default_rng(1000 + seed)
    shape = tuple(rng.integers(2, 5, 3))
    check_suppression(random_table(shape, rng), ["d0", "d1", "d2"])


@pytest.mark.parametrize("shape", [(20, 20), (20, 20, 5), (12, 3, 5, 2)])
def test_large_tables_survive_the_attack(shape):
    rng = np.random.default_rng(sum(shape))
    table = random_table(shape, rng, log_mean=3.5)  # about one cell in ten below the threshold
    by = list(table.columns[:-1])
    published = check_suppression(table, by)  # the independent attacker on the largest tables too
    result = privacy.audit(published, by)
    assert result.passed and (result.intervals["sensitive"] == (result.intervals["suppressed"] == "primary")).all()
    primaries = result.intervals[result.intervals["sensitive"]]
    assert len(primaries) == ((published["suppressed"] == "primary").sum()) > 0
    assert (primaries["width"] >= 10 - 1e-6).all()


@pytest.mark.parametrize("seed", range(10))
def test_two_way_lp_bounds_are_the_integer_bounds(seed):
    # two-way tables with margins are network flows: the constraint matrix is totally unimodular, so an
    # attacker gains nothing from knowing that counts are whole numbers (docs/privacy.md)
    rng = np.random.default_rng(500 + seed)
    table = random_table(tuple(rng.integers(3, 8, 2)), rng)
    published = privacy.suppress(table, ["d0", "d1"])
    relaxed = attack(published, ["d0", "d1"])
    whole = attack(published, ["d0", "d1"], integer=True)
    assert relaxed
    for key, (low, high) in relaxed.items():
        assert whole[key][0] == pytest.approx(low, abs=1e-6) and whole[key][1] == pytest.approx(high, abs=1e-6)


def test_audit_catches_an_unprotected_table():
    # only the primary cell withheld: its row total gives it away
    published = grid_table([[5, 20], [30, 40]])
    published = privacy.suppress(published, ["d0", "d1"], threshold=1)
    published.loc[0, "count"] = np.nan
    result = privacy.audit(published, ["d0", "d1"])
    assert not result.passed
    np.testing.assert_allclose(result.failures[["lower", "upper"]].to_numpy().tolist(), [[5, 5]])
    assert "passed=False" in repr(result) and "<table" in result._repr_html_()
    assert pickle.loads(pickle.dumps(result)).passed is False


def test_audit_without_relations_is_unbounded():
    table = pd.DataFrame({"area": ["a", "b"], "count": [np.nan, 40.0]})
    result = privacy.audit(table, "area")
    assert result.intervals[["lower", "upper"]].to_numpy().tolist() == [[0, np.inf]]


@pytest.mark.parametrize(
    "table, kwargs, error, argument",
    [
        (pd.DataFrame({"a": [1, 2], "count": [1.5, 3]}), {}, ts.DomainError, "table"),
        (pd.DataFrame({"a": [1, 2], "count": [-1, 3]}), {}, ts.DomainError, "table"),
        (pd.DataFrame({"a": [1, 2], "count": [np.nan, 3]}), {}, ts.DomainError, "table"),
        (pd.DataFrame({"a": [1, 2], "count": ["1", "3"]}), {}, ts.DomainError, "table"),
        (pd.DataFrame({"a": [1, 2], "count": [1, 3]}), {"by": ["b"]}, ts.DomainError, "by"),
        (pd.DataFrame({"a": [1, 2], "count": [1, 3]}), {"value": "n"}, ts.DomainError, "value"),
        (pd.DataFrame({"a": [1, 2], "count": [1, 3]}), {"threshold": 0.5}, ts.DomainError, "threshold"),
        (pd.DataFrame({"a": [1, 2], "count": [1, 3]}), {"threshold": float("nan")}, ts.DomainError, "threshold"),
        (pd.DataFrame({"a": [1, 2], "count": [1, 3]}), {"cost": "money"}, ts.DomainError, "cost"),
    ],
)
def test_bad_tables_raise_typed_errors(table, kwargs, error, argument):
    by = kwargs.pop("by", ["a"])
    with pytest.raises(error) as info:
        privacy.suppress(table, by, **kwargs)
    assert info.value.argument == argument
    assert argument in str(info.value)


def test_bad_values_name_the_row():
    with pytest.raises(ts.DomainError) as info:
        privacy.suppress(pd.DataFrame({"a": [1, 2, 3], "count": [1, 3, -2]}), "a")
    assert info.value.index == 2


def test_missing_and_repeated_combinations_are_rejected():
    missing = grid_table([[5, 20], [30, 40]]).iloc[:3]
    with pytest.raises(ts.ValidationError, match="missing") as info:
        privacy.suppress(missing, ["d0", "d1"])
    assert info.value.field == "table"
    repeated = pd.concat([grid_table([[5, 20], [30, 40]])] * 2)
    with pytest.raises(ts.ValidationError, match="repeats"):
        privacy.suppress(repeated, ["d0", "d1"])
    with pytest.raises(TypeError):
        privacy.suppress([[1, 2]], ["d0"])


# --- k-anonymity -------------------------------------------------------------------------------------

QI = ["yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation"]


def ctdc_like():
    return pd.read_csv(DATA / "ctdc_like.csv", comment="#", keep_default_na=False, na_values=[""])


def counter_classes(records, columns):
    return collections.Counter(
        tuple(None if (isinstance(v, float) and np.isnan(v)) else v for v in row)
        for row in records[columns].itertuples(index=False))


def test_k_anonymity_of_ctdc_like_records():
    records = ctdc_like()
    result = privacy.k_anonymity(records, QI)  # k = 11 as CTDC
    assert result.k == 11 and not result.satisfied
    # the fixture's 12 blocks: 12, 4, 3, 5, 11, 6, 7, 15, 9, 1, 2, 10 records (see its header)
    assert sorted(result.classes["size"]) == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 15]
    assert len(result.violations) == 4 + 3 + 5 + 6 + 7 + 9 + 1 + 2 + 10
    assert result.smallest_class == 1
    expected = counter_classes(records, QI)
    for row in result.classes.itertuples(index=False):
        key = tuple(None if (isinstance(v, float) and np.isnan(v)) else v for v in row[:-1])
        assert expected[key] == row.size
    sizes = result.violations["class_size"]
    assert (sizes < 11).all() and set(result.violations.columns) >= set(QI)
    assert "satisfied=False" in repr(result) and "<table" in result._repr_html_()
    assert pickle.loads(pickle.dumps(result)).classes.equals(result.classes)


def test_generalising_years_and_ages_merges_classes():
    records = ctdc_like()
    records["yearOfRegistration"] = privacy.generalize_year(records["yearOfRegistration"], width=5)
    records["ageBroad"] = privacy.generalize_age(records["ageBroad"], bands=[0, 18])
    result = privacy.k_anonymity(records, QI, k=11)
    # KH-TH girls 12 + 4, KH-TH women 3 + 5, MM-TH men 11 + 6 + 7, PH girls 15 + 9 + 1, UA-PL 2 and 10
    assert sorted(result.classes["size"]) == [2, 8, 10, 16, 24, 25]
    assert len(result.violations) == 20
    assert privacy.k_anonymity(records, ["yearOfRegistration", "CountryOfExploitation"], k=11).satisfied


def test_generalize_age_bands():
    ages = pd.Series([0, 8, 9, 17.9, 18, 47, 48, 90, None, "9--17", "48+", "21-23"])
    bands = privacy.generalize_age(ages)
    assert bands.astype(object).where(bands.notna(), None).tolist() == [
        "0-8", "0-8", "9-17", "9-17", "18-20", "39-47", "48+", "48+", None, "9-17", "48+", "21-23"]
    assert bands.cat.ordered
    assert privacy.generalize_age([3, 15, 17, 18], bands=[0, 15, 18]).tolist() == ["0-14", "15-17", "15-17", "18+"]
    with pytest.raises(ts.DomainError) as info:
        privacy.generalize_age(["9--17", "15--20"], bands=[0, 18])
    assert (info.value.argument, info.value.index) == ("ages", 1)
    for bad, argument in [([-1], "ages"), (["old"], "ages"), ([5], "ages")]:
        with pytest.raises(ts.DomainError) as info:
            privacy.generalize_age(bad, bands=[10, 20] if bad == [5] else [0, 18])
        assert info.value.argument == argument
    with pytest.raises(ts.DomainError, match="bands"):
        privacy.generalize_age([3], bands=[0, 18, 18])


def test_generalize_year_periods():
    years = privacy.generalize_year([2014, 2015, 2019, 2020, None], width=5)
    assert years.astype(object).where(years.notna(), None).tolist() == [
        "2010-2014", "2015-2019", "2015-2019", "2020-2024", None]
    assert list(years.cat.categories) == ["2010-2014", "2015-2019", "2020-2024"]
    assert privacy.generalize_year([2019, 2020], width=2, origin=2019).tolist() == ["2019-2020", "2019-2020"]
    assert privacy.generalize_year([2019], width=1).tolist() == ["2019"]
    with pytest.raises(ts.DomainError) as info:
        privacy.generalize_year([2019, 2019.5])
    assert (info.value.argument, info.value.index) == ("years", 1)
    with pytest.raises(ts.DomainError, match="width"):
        privacy.generalize_year([2019], width=0)


def test_k_anonymity_bad_input():
    records = ctdc_like()
    with pytest.raises(ts.DomainError) as info:
        privacy.k_anonymity(records, ["gender", "age"])
    assert (info.value.argument, info.value.index) == ("quasi_identifiers", 1)
    with pytest.raises(ts.DomainError, match="'k'"):
        privacy.k_anonymity(records, ["gender"], k=0)
    with pytest.raises(ts.DomainError, match="named twice"):
        privacy.k_anonymity(records, ["gender", "gender"])
    with pytest.raises(ts.DomainError, match="at least one column"):
        privacy.k_anonymity(records, [])
    with pytest.raises(TypeError, match="records must be a pandas DataFrame"):
        privacy.k_anonymity(records.to_numpy(), ["gender"])


# --- noisy counts ------------------------------------------------------------------------------------

def big_table(cells=20000, count=10**6):
    return pd.DataFrame({"cell": np.arange(cells), "count": np.full(cells, count)})


@pytest.mark.parametrize("epsilon", [0.1, 0.5, 1.0, 2.0])
def test_geometric_noise_has_the_two_sided_geometric_law(epsilon):
    # scipy.stats.dlaplace(a) is the two-sided geometric law with alpha = exp(-a)
    noise = privacy.noisy_counts(big_table(), epsilon, seed=7).table["count"].to_numpy() - 10**6
    assert noise.dtype.kind == "i"
    support = np.arange(-40, 41) if epsilon >= 0.5 else np.arange(-150, 151)

    def chi_square(a):
        observed = np.array([(noise < support[0]).sum()] + [(noise == z).sum() for z in support]
                            + [(noise > support[-1]).sum()])
        law = stats.dlaplace(a)
        expected = np.concatenate([[law.cdf(support[0] - 1)], law.pmf(support), [law.sf(support[-1])]]) * noise.size
        keep = expected > 5
        observed = np.append(observed[keep], observed[~keep].sum())
        expected = np.append(expected[keep], expected[~keep].sum())
        return stats.chisquare(observed, expected).pvalue

    assert chi_square(epsilon) > 1e-3
    assert chi_square(epsilon * 1.1) < 1e-6  # the test has the power to see a 10 % error in epsilon


@pytest.mark.parametrize("epsilon, sensitivity", [(0.5, 1), (1.0, 2)])
def test_laplace_noise_has_the_laplace_law(epsilon, sensitivity):
    noise = privacy.noisy_counts(big_table(), epsilon, "laplace", seed=3, sensitivity=sensitivity).table["count"] - 10**6
    assert stats.kstest(noise, stats.laplace(scale=sensitivity / epsilon).cdf).pvalue > 1e-3
    assert stats.kstest(noise, stats.laplace(scale=1.1 * sensitivity / epsilon).cdf).pvalue < 1e-6


def test_noisy_tables_add_up_and_are_reproducible():
    table = grid_table([[0, 1, 2], [30, 0, 1]])
    first = privacy.noisy_counts(table, 0.5, seed=11, margins=True)
    again = privacy.noisy_counts(table, 0.5, seed=11, margins=True)
    assert first.table.equals(again.table)
    draws = [privacy.noisy_counts(table, 0.5, seed=s).table["count"].tolist() for s in range(20)]
    assert len({tuple(d) for d in draws}) > 1
    out = first.table.set_index(["d0", "d1"])["count"]
    assert (out >= 0).all() and len(out) == 12
    for i in (0, 1):
        assert out.loc[(i, "all")] == sum(out.loc[(i, j)] for j in range(3))
    for j in (0, 1, 2, "all"):
        assert out.loc[("all", j)] == out.loc[(0, j)] + out.loc[(1, j)]
    assert "0.5-differential privacy" in first.statement and "costs no privacy" in first.statement
    assert (first.epsilon, first.mechanism, first.sensitivity, first.seed) == (0.5, "geometric", 1.0, 11)
    assert pickle.loads(pickle.dumps(first)).table.equals(first.table)
    assert "epsilon=0.5" in repr(first) and "differential privacy" in first._repr_html_()
    # existing totals are recomputed from the noisy cells, not noised themselves
    totals = privacy.suppress(table, ["d0", "d1"], threshold=1)
    noisy = privacy.noisy_counts(totals, 0.5, seed=11)
    assert noisy.table["count"].tolist() == first.table["count"].tolist()


def test_laplace_counts_are_clamped_at_zero():
    out = privacy.noisy_counts(pd.DataFrame({"a": range(500), "count": 0}), 0.1, "laplace", seed=1).table
    assert (out["count"] >= 0).all() and (out["count"] == 0).mean() > 0.4


@pytest.mark.parametrize("kwargs, argument", [
    ({"epsilon": 0}, "epsilon"), ({"epsilon": -1}, "epsilon"), ({"epsilon": float("inf")}, "epsilon"),
    ({"epsilon": 1, "mechanism": "gaussian"}, "mechanism"), ({"epsilon": 1, "sensitivity": 0}, "sensitivity"),
    ({"epsilon": 1, "sensitivity": 1.5}, "sensitivity"), ({"epsilon": 1, "seed": -3}, "seed"),
])
def test_noisy_counts_bad_arguments(kwargs, argument):
    with pytest.raises(ts.DomainError) as info:
        privacy.noisy_counts(grid_table([[1, 2]]), **kwargs)
    assert info.value.argument == argument


# --- protect -----------------------------------------------------------------------------------------

def test_protect_dispatches():
    table = grid_table([[5, 20], [30, 40]])
    assert privacy.protect(table, ["d0", "d1"]).equals(table)
    assert privacy.protect(table, ["d0", "d1"], "suppress").equals(privacy.suppress(table, ["d0", "d1"]))
    noisy = privacy.protect(table, ["d0", "d1"], "noise", epsilon=1.0, seed=2)
    assert noisy.equals(privacy.noisy_counts(table, 1.0, seed=2, by=["d0", "d1"]).table)
    assert noisy.attrs["tipstats.privacy"]["epsilon"] == 1.0
    for method, kwargs, argument in [("noise", {}, "epsilon"), ("hide", {}, "protect"), (None, {"epsilon": 1}, "protect")]:
        with pytest.raises(ts.DomainError) as info:
            privacy.protect(table, ["d0", "d1"], method, **kwargs)
        assert info.value.argument == argument


def test_command_line_options():
    import argparse

    parser = argparse.ArgumentParser()
    privacy.add_protect_arguments(parser)
    table = grid_table([[5, 20], [30, 40]])
    by = ["d0", "d1"]
    assert privacy.protect_from_arguments(table, by, parser.parse_args([])).equals(table)
    suppressed = privacy.protect_from_arguments(table, by, parser.parse_args(["--protect", "suppress", "--threshold", "6"]))
    assert suppressed.equals(privacy.suppress(table, by, threshold=6))
    noisy = privacy.protect_from_arguments(table, by, parser.parse_args(["--protect", "noise", "--epsilon", "0.5", "--seed", "4"]))
    assert noisy.equals(privacy.noisy_counts(table, 0.5, seed=4, by=by).table)
    with pytest.raises(ts.DomainError, match="epsilon"):
        privacy.protect_from_arguments(table, by, parser.parse_args(["--protect", "noise"]))
    with pytest.raises(SystemExit):
        parser.parse_args(["--protect", "blur"])


# --- publishing end to end (issue 17) ----------------------------------------------------------------

def victims_by_region_form_gender(seed=4, n=400):
    """Case records like the issue's: 5 regions x 5 forms of exploitation x 2 genders, skewed so that some
    combinations have no record at all (tabulate leaves them out) and many are small."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "region": rng.choice(list("ABCDE"), n, p=[0.4, 0.3, 0.15, 0.1, 0.05]),
        "form": rng.choice(["sexual", "labour", "begging", "crime", "other"], n, p=[0.5, 0.3, 0.1, 0.07, 0.03]),
        "gender": rng.choice(["female", "male"], n, p=[0.7, 0.3])})


BY3 = ["region", "form", "gender"]


def test_a_three_way_tabulation_is_protected_end_to_end():
    records = victims_by_region_form_gender()
    present = ts.tabulate(records, BY3)
    assert len(present) < 50  # the combinations nobody has are left out, which protection used to refuse
    published = ts.tabulate(records, BY3, protect="suppress")
    assert published["count"].dtype == "Int64"  # whole counts, <NA> where withheld (not 173.0)
    assert len(published) == 6 * 6 * 3
    # every inner cell is there, and its count (when shown) is the number of records: 0 for the missing ones
    truth = collections.Counter(map(tuple, records[BY3].to_numpy()))
    inner = ~published[BY3].isin(["all"]).any(axis=1)
    assert inner.sum() == 50
    for row in published[inner].itertuples(index=False):
        if not pd.isna(row.count):
            assert row.count == truth[(row.region, row.form, row.gender)]
    assert {row.suppressed for row in published[inner].itertuples() if truth[(row.region, row.form, row.gender)] == 0} \
        <= {"", "secondary"}  # zeros are published (or withheld to protect a neighbour), never primary
    # the independent attacker and the library's audit both fail to narrow any primary cell
    bounds = attack(published, BY3)
    for row in published[published["suppressed"] == "primary"].itertuples(index=False):
        low, high = bounds[(row.region, row.form, row.gender)]
        assert high - low >= 10 - 1e-6
    assert privacy.audit(published, BY3).passed


def test_the_command_line_and_tabulate_share_one_path(tmp_path):
    import subprocess
    import sys

    records = victims_by_region_form_gender(seed=5, n=300)
    path = tmp_path / "records.csv"
    records.to_csv(path, index=False)
    result = subprocess.run([sys.executable, "-m", "tipstats", "tabulate", str(path), "--by", *BY3,
                             "--protect", "suppress", "--json"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    expected = ts.tabulate(records, BY3, protect="suppress")
    got = json.loads(result.stdout)
    assert [[r[b] for b in BY3] for r in got] == expected[BY3].values.tolist()
    assert [r["count"] for r in got] == [None if pd.isna(c) else int(c) for c in expected["count"]]
    text = subprocess.run([sys.executable, "-m", "tipstats", "tabulate", str(path), "--by", *BY3,
                           "--protect", "suppress"], capture_output=True, text=True, timeout=120)
    assert text.returncode == 0, text.stderr
    assert " - " in text.stdout and "<NA>" not in text.stdout
    withheld = int(expected.loc[~expected[BY3].isin(["all"]).any(axis=1), "count"].isna().sum())
    assert withheld > 50 / 3 and f"{withheld} of 50 inner cells" in text.stderr


def test_complete_adds_the_missing_combinations_as_zeros():
    table = pd.DataFrame({"age": ["15-17", "0-14", "15-17"], "sex": ["male", "female", "female"],
                          "count": [4, 62, 27]})
    full = privacy.complete(table, ["age", "sex"])
    assert full.to_dict("list") == {"age": ["0-14", "0-14", "15-17", "15-17"],
                                    "sex": ["female", "male", "female", "male"], "count": [62, 0, 27, 4]}
    assert full["count"].dtype == np.int64
    # categorical columns: every category is a group, present or not (as groupby(observed=False))
    records = pd.DataFrame({"age": pd.Categorical(["0-14", "18+", "18+"], categories=["0-14", "15-17", "18+"]),
                            "sex": ["female", "male", "female"]})
    counted = privacy.complete(ts.tabulate(records, ["age", "sex"]), ["age", "sex"])
    expected = records.groupby(["age", "sex"], observed=False).size().reset_index(name="count")
    assert counted["age"].tolist() == expected["age"].tolist() and counted["count"].tolist() == expected["count"].tolist()
    assert isinstance(counted["age"].dtype, pd.CategoricalDtype)
    one = privacy.complete(pd.DataFrame({"year": [2020, 2018], "count": [3, 1]}), "year")
    assert one.to_dict("list") == {"year": [2018, 2020], "count": [1, 3]}


@pytest.mark.parametrize("table, error, words", [
    (pd.DataFrame({"a": ["x", "all"], "count": [1, 1]}), ts.ValidationError, "total"),
    (pd.DataFrame({"a": ["x", "x"], "count": [1, 1]}), ts.ValidationError, "repeats"),
    (pd.DataFrame({"a": ["x", None], "count": [1, 1]}), ts.ValidationError, "fillna"),
    (pd.DataFrame({"a": ["x", "y"], "count": [1, -1]}), ts.DomainError, "negative"),
])
def test_complete_refuses_what_it_cannot_complete(table, error, words):
    with pytest.raises(error, match=words):
        privacy.complete(table, "a")


def test_tabulate_with_missing_values_asks_to_name_the_group():
    records = pd.DataFrame({"sex": ["female", None, "male"] * 5})
    with pytest.raises(ts.ValidationError, match="fillna"):
        ts.tabulate(records, "sex", protect="suppress")


def suppressed_two_way():
    table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17", "18+", "18+"],
                          "sex": ["female", "male"] * 3, "count": [62, 8, 27, 4, 150, 12]})
    return privacy.suppress(table, ["age", "sex"])


def tidy_from_wide(wide: pd.DataFrame, rows, cols, mark="x", total="Total"):
    """The wide table back in the tidy layout, labels as suppress gives them, marks as missing counts."""
    long = wide.stack(list(range(len(cols))), future_stack=True).rename("count").reset_index()
    long.columns = list(rows) + list(cols) + ["count"]
    long[list(rows) + list(cols)] = long[list(rows) + list(cols)].astype(str).replace(total, "all")
    long["count"] = pd.to_numeric(long["count"].replace(mark, np.nan))
    return long


@pytest.mark.parametrize("rows, cols", [(["region"], ["form", "gender"]), (["region", "form"], ["gender"]),
                                        (["gender"], ["region", "form"]), (["form", "region", "gender"], [])])
def test_publication_tables_publish_exactly_the_protected_table(tmp_path, rows, cols):
    published = ts.tabulate(victims_by_region_form_gender(), BY3, protect="suppress")
    layout = privacy.publication_table(published, rows=rows, cols=cols or None)
    by = rows + cols
    lookup = published.set_index(BY3)["count"]
    # every cell of the wide table is the protected table's cell: numbers where published, marks where withheld
    shown = layout.to_pandas()
    for index_labels, line in shown.iterrows():
        index_labels = index_labels if isinstance(index_labels, tuple) else (index_labels,)
        for column_labels, cell in line.items():
            column_labels = column_labels if isinstance(column_labels, tuple) else (column_labels,)
            labels = dict(zip(by, [("all" if v == "Total" else v) for v in index_labels + column_labels[:len(cols)]]))
            truth = lookup.loc[tuple(labels[b] for b in BY3)]
            assert cell == ("x" if pd.isna(truth) else int(truth))
            assert not isinstance(cell, float)
    assert shown.shape == (int(np.prod([6 if b != "gender" else 3 for b in rows])),
                           int(np.prod([6 if b != "gender" else 3 for b in cols])) if cols else 1)
    # the file says the same: read back, it is the protected table, and the audit still passes on it
    path = tmp_path / "table.csv"
    layout.to_csv(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "# " + layout.footnote and "threshold" not in lines[-1] and "10" in lines[-1]
    if cols:
        wide = pd.read_csv(path, comment="#", index_col=list(range(len(rows))),
                           header=list(range(len(cols))) if len(cols) > 1 else 0, dtype=str)
        back = tidy_from_wide(wide, rows, cols)
    else:
        back = pd.read_csv(path, comment="#", dtype=str).replace("Total", "all")
        back["count"] = pd.to_numeric(back["count"].replace("x", np.nan))
    back = back.set_index(BY3).loc[published.set_index(BY3).index].reset_index()
    assert back["count"].isna().tolist() == published["count"].isna().tolist()
    assert back["count"].dropna().astype(int).tolist() == published["count"].dropna().tolist()
    assert privacy.audit(back, BY3).passed


def test_the_excel_file_holds_numbers_marks_and_the_footnote(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    layout = privacy.publication_table(suppressed_two_way(), rows="age", cols="sex")
    layout.to_excel(tmp_path / "t.xlsx", sheet_name="Victims 2019-H1")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["Victims 2019-H1"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["age", "female", "male", "Total"]
    assert values[1:5] == [["0-14", "x", "x", 70], ["15-17", "x", "x", 31], ["18+", "x", "x", 162],
                           ["Total", 239, 24, 263]]
    assert values[-1][0] == layout.footnote and values[-2] == [None] * 4
    assert all(isinstance(v, int) for v in values[4][1:])


def test_the_views_say_how_the_table_was_protected_and_when_it_is_too_sparse():
    layout = privacy.publication_table(suppressed_two_way(), rows="age", cols="sex")
    assert layout.footnote.startswith("x: withheld") and "1 to 9" in layout.footnote
    assert str(layout).endswith(layout.footnote)
    assert layout.withheld_inner == 6 and layout.inner_cells == 6
    assert "noisy_counts" in layout.advice and "generalize_age" in layout.advice
    page = layout._repr_html_()
    assert "For the publisher" in page and html_escape(layout.footnote) in page and "<table" in page
    assert repr(layout) == ("PublicationTable(rows=['age'], cols=['sex'], withheld_inner=6, inner_cells=6, "
                            "sparse=True)")
    again = pickle.loads(pickle.dumps(layout))
    assert again.counts.equals(layout.counts) and again.footnote == layout.footnote
    # a threshold that is not whole, another mark
    odd = privacy.publication_table(privacy.suppress(grid_table([[5, 20], [30, 40]]), ["d0", "d1"], threshold=5.5),
                                    rows="d0", cols="d1", mark="..")
    assert "above 0 and below 5.5" in odd.footnote and odd.footnote.startswith("..:")
    assert (odd.to_pandas() == "..").sum().sum() == 4


def html_escape(text):
    import html

    return html.escape(text)


@pytest.mark.parametrize("withheld, advised", [(0, False), (3, False), (4, True), (9, True)])
def test_advice_starts_above_a_third_of_the_inner_cells(withheld, advised):
    table = grid_table(np.full((3, 3), 20))
    table["count"] = table["count"].astype("Int64")
    table.loc[:withheld - 1, "count"] = pd.NA
    table.attrs["tipstats.privacy"] = {"method": "suppress", "threshold": 10.0, "cost": "value"}
    layout = privacy.publication_table(table, rows="d0", cols="d1")
    assert (layout.advice is not None) == advised
    assert (privacy.sparse_advice(table, ["d0", "d1"]) is not None) == advised
    assert layout.withheld_inner == withheld and layout.inner_cells == 9


def test_noisy_counts_are_published_with_their_statement():
    table = grid_table(np.array([[12, 3], [40, 7]]), names=["age", "sex"])
    release = privacy.noisy_counts(table, epsilon=1.0, seed=3, margins=True)
    layout = privacy.publication_table(release.table, rows="age", cols="sex")
    assert layout.footnote == release.statement
    assert layout.advice is None and layout.withheld_inner == 0
    assert layout.counts.dtypes.eq("Int64").all()
    assert layout.counts.loc["Total", "Total"] == release.table["count"].iloc[-1]
    laplace = privacy.noisy_counts(table, epsilon=1.0, mechanism="laplace", seed=3)
    real = privacy.publication_table(laplace.table, rows="age", cols="sex")
    assert real.counts.dtypes.eq(float).all() and "Laplace" in real.footnote


def test_publication_table_refuses_unclear_layouts_and_unrecorded_protection():
    published = suppressed_two_way()
    with pytest.raises(ts.DomainError, match="neither in rows nor in cols") as info:
        privacy.publication_table(published, rows="age")
    assert info.value.argument == "cols"
    with pytest.raises(ts.DomainError) as info:
        privacy.publication_table(published, rows="age", cols=["sex", "age"])
    assert info.value.argument == "cols"
    with pytest.raises(ts.DomainError) as info:
        privacy.publication_table(published, rows="place", cols="sex")
    assert info.value.argument == "rows"
    with pytest.raises(ts.DomainError) as info:
        privacy.publication_table(published, rows="age", cols="sex", mark="")
    assert info.value.argument == "mark"
    unrecorded = published.copy()
    unrecorded.attrs = {}
    with pytest.raises(ts.ValidationError, match="footnote="):
        privacy.publication_table(unrecorded, rows="age", cols="sex")
    own = privacy.publication_table(unrecorded, rows="age", cols="sex", footnote="x: withheld (tau-argus, threshold 10).")
    assert own.footnote == "x: withheld (tau-argus, threshold 10)."
    with pytest.raises(TypeError):
        privacy.publication_table([[1]], rows="age")


MISSING_EXTRAS = r"""
import sys
sys.modules["scipy"] = None      # as if scipy were not installed
sys.modules["openpyxl"] = None   # nor openpyxl
import pandas as pd
import tipstats as ts
from tipstats import privacy
from tipstats.cli import main

table = pd.DataFrame({"age": ["0-14", "0-14", "15-17", "15-17"], "sex": ["female", "male"] * 2,
                      "count": [62, 8, 27, 4]})
for name, call in [
        ("suppress", lambda: privacy.suppress(table, ["age", "sex"])),
        ("audit", lambda: privacy.audit(table, ["age", "sex"])),
        ("protect", lambda: privacy.protect(table, ["age", "sex"], "suppress")),
        ("noisy_counts", lambda: privacy.noisy_counts(table, 1.0, seed=1)),
        ("tabulate", lambda: ts.tabulate(table, ["age", "sex"], protect="suppress"))]:
    try:
        call()
        print(name, "did not raise")
    except ModuleNotFoundError as error:
        print(name, error.name, "|", error)
layout = privacy.publication_table(privacy.protect(table, ["age", "sex"]), rows="age", cols="sex",
                                   footnote="not protected")
try:
    layout.to_excel(sys.argv[1])
except ModuleNotFoundError as error:
    print("to_excel", error.name, "|", error)
print("cli", main(["tabulate", sys.argv[2], "--by", "gender", "--protect", "suppress"]))
"""


def test_missing_optional_dependencies_name_the_extra(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", MISSING_EXTRAS, str(tmp_path / "t.xlsx"),
                             str(DATA / "ctdc_like.csv")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    for name in ["suppress", "audit", "protect", "noisy_counts", "tabulate"]:
        assert lines[name].startswith("scipy |") and "pip install tipstats[privacy]" in lines[name], lines[name]
    assert lines["to_excel"].startswith("openpyxl |") and "pip install tipstats[excel]" in lines["to_excel"]
    assert lines["cli"] == "1"
    assert "pip install tipstats[privacy]" in result.stderr
