"""tipstats.privacy: tables are attacked with an LP written here independently of the library, records
are counted with collections.Counter, noise is tested against scipy.stats' distributions."""

import collections
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
