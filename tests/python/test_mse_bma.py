"""Bayesian model averaging of tipstats.mse against a direct sum over graphs in numpy/scipy (graphs
found by brute force, separators from a maximum spanning tree of the cliques) following dga's
bma.cr, against the known numbers of decomposable graphs, and against Madigan & York (1997)."""

import itertools
import pickle

import numpy as np
import pytest
from scipy.special import gammaln

import tipstats as ts
from tipstats import mse


def is_chordal(k, edges):
    """No induced cycle of four or more vertices (brute force over vertex subsets)."""
    adjacent = {v: {u for e in edges for u in e if v in e and u != v} for v in range(k)}
    for size in range(4, k + 1):
        for subset in itertools.combinations(range(k), size):
            inside = set(subset)
            degrees = [len(adjacent[v] & inside) for v in subset]
            if all(d == 2 for d in degrees):
                # a 2-regular induced subgraph is a cycle when connected
                seen, stack = set(), [subset[0]]
                while stack:
                    v = stack.pop()
                    if v not in seen:
                        seen.add(v)
                        stack.extend(adjacent[v] & inside)
                if seen == inside:
                    return False
    return True


def cliques_and_separators(k, edges):
    """Maximal complete sets by brute force; separators along a maximum-weight spanning tree of the
    clique graph (weights: intersection sizes), empty ones dropped."""
    adjacent = {frozenset(e) for e in edges}
    complete = [set(s) for size in range(1, k + 1) for s in itertools.combinations(range(k), size)
                if all(frozenset(p) in adjacent for p in itertools.combinations(s, 2))]
    cliques = [c for c in complete if not any(c < d for d in complete)]
    pairs = sorted(((len(a & b), i, j) for (i, a), (j, b) in itertools.combinations(enumerate(cliques), 2)),
                   reverse=True)
    component = list(range(len(cliques)))

    def root(i):
        while component[i] != i:
            i = component[i]
        return i

    separators = []
    for weight, i, j in pairs:
        if root(i) != root(j):
            component[root(i)] = root(j)
            if weight > 0:
                separators.append(cliques[i] & cliques[j])
    return cliques, separators


def brute_force_graphs(k):
    pairs = list(itertools.combinations(range(k), 2))
    out = []
    for r in range(len(pairs) + 1):
        for edges in itertools.combinations(pairs, r):
            if is_chordal(k, edges):
                out.append(cliques_and_separators(k, edges))
    return out


def text(sets, names):
    return "".join("[" + ",".join(names[i] for i in s) + "]" for s in sorted(sorted(s) for s in sets))


def bma_reference(counts, k, n_missing, delta, log_prior=None):
    """dga's bma.cr as a direct sum over graphs: the weights of every (graph, N) pair."""
    counts = np.asarray(counts, dtype=float)
    n = counts.sum()
    n_missing = np.asarray(n_missing, dtype=float)
    N = n_missing + n
    if log_prior is None:
        log_prior = -np.log(N)

    def comp(subset):
        d = 2.0 ** (k - len(subset))
        margin = np.zeros(2 ** len(subset))
        for cell in range(1, 2 ** k):
            m = sum(((cell >> v) & 1) << i for i, v in enumerate(sorted(subset)))
            margin[m] += counts[cell]
        return (gammaln(n_missing + margin[0] + delta * d) + gammaln(margin[1:] + delta * d).sum()
                - len(margin) * gammaln(delta * d))

    denominator = gammaln(2 ** k * delta) - gammaln(N + 2 ** k * delta)
    coefficient = gammaln(N + 1) - gammaln(counts[1:] + 1).sum() - gammaln(n_missing + 1)
    graphs = brute_force_graphs(k)
    log_w = np.array([sum(comp(c) for c in cl) - sum(comp(s) for s in se) + (len(cl) - len(se)) * denominator
                      + coefficient + log_prior for cl, se in graphs])
    w = np.exp(log_w - log_w.max())
    return w / w.sum(), graphs


@pytest.mark.parametrize("k, expected", [(1, 1), (2, 2), (3, 8), (4, 61), (5, 822)])
def test_graph_counts_and_structure(k, expected):
    names = [chr(ord("A") + i) for i in range(k)]
    graphs = mse.decomposable_graphs(names)
    assert len(graphs) == expected
    reference = brute_force_graphs(k)
    assert len(reference) == expected
    assert sorted(graphs["cliques"]) == sorted(text(c, names) for c, _ in reference)
    separators = {text(c, names): sorted(text([s], names) for s in se) for c, se in reference}
    for row in graphs.itertuples():
        assert sorted(s + "]" for s in row.separators.split("]")[:-1]) == separators[row.cliques]


def test_six_lists_have_18154_decomposable_graphs():
    assert len(mse.decomposable_graphs(6)) == 18154


def table_of(counts, names):
    return mse.CaptureTable._from_cells(names, counts)


# The five-list example of Madigan & York (1997), in dga's bma.cr examples.
MY5 = [0, 27, 37, 19, 4, 4, 1, 1, 97, 22, 37, 25, 2, 1, 3, 5, 83, 36, 34, 18, 3, 5, 0, 2, 30, 5, 23, 8, 0, 3, 0, 2]
MY3 = [0, 60, 49, 4, 247, 112, 142, 12]


@pytest.mark.parametrize("counts, names, n_missing, delta", [
    (MY5, list("ABCDE"), np.arange(1, 301), 0.5),
    (MY3, list("ABC"), np.arange(1, 301), 1.0),
    (ts.datasets.mse("Kosovo").counts, ["EXH", "ABA", "OSCE", "HRW"], np.arange(0, 15001, 7), 1 / 16),
    (ts.datasets.mse("UKdat_5").counts, ["LA", "NG", "PFNCA", "GO", "GP"], np.arange(0, 3000), None),
])
def test_posterior_matches_a_direct_sum_over_graphs(counts, names, n_missing, delta):
    k = len(names)
    result = mse.bma(table_of(counts, names), n_missing, delta=delta)
    weights, graphs = bma_reference(counts, k, n_missing, 2.0 ** -k if delta is None else delta)
    np.testing.assert_allclose(result.posterior, weights.sum(axis=0), rtol=1e-9, atol=1e-15)
    by_text = dict(zip(result.graphs["cliques"], result.graphs["weight"]))
    for (cliques, _), w in zip(graphs, weights.sum(axis=1)):
        assert by_text[text(cliques, names)] == pytest.approx(w, rel=1e-9, abs=1e-15)
    assert result.posterior.sum() == pytest.approx(1, abs=1e-12)


def test_custom_prior_and_unequal_steps():
    counts, names = MY5, list("ABCDE")
    n_missing = np.array([0, 1, 2, 5, 10, 11, 12, 40, 41, 100, 250.5, 300])
    log_prior = -0.01 * n_missing
    log_prior[3] = -np.inf
    result = mse.bma(table_of(counts, names), n_missing, delta=0.25, log_prior=log_prior)
    weights, _ = bma_reference(counts, 5, n_missing, 0.25, log_prior)
    np.testing.assert_allclose(result.posterior, weights.sum(axis=0), rtol=1e-9, atol=1e-15)
    assert result.posterior[3] == 0


def test_madigan_and_york_three_list_example():
    # dga's tests: "3 lists example against Madigan and York" (Madigan & York 1997, with their prior
    # for N, a = 13.14, b = 55.17): top model weight 0.37, Bayes estimates 731, modes 729 and 728.
    n_missing = np.arange(1, 301)
    N = n_missing + 626
    a, b = 13.14, 55.17
    log_prior = N * np.log(b) - (N + a) * np.log(1 + b) + gammaln(N + a) - gammaln(N + 1) - gammaln(a)
    table = table_of(MY3, list("ABC"))
    result = mse.bma(table, n_missing, delta=1, log_prior=log_prior)
    weights, graphs = bma_reference(MY3, 3, n_missing, 1.0, log_prior)
    top = weights[np.argmax(weights.sum(axis=1))]
    assert round(result.graphs["weight"].iloc[0], 2) == 0.37
    assert round(np.mean(top / N) / np.mean(top / N ** 2)) == 731 and N[np.argmax(top)] == 729
    p = result.posterior
    assert round(np.mean(p / N) / np.mean(p / N ** 2)) == 731
    assert N[np.argmax(p)] == 728


def test_quantiles_mean_and_interval():
    result = mse.bma(ts.datasets.mse("Kosovo"), range(0, 20001, 5))
    cumulative = np.cumsum(result.posterior)
    assert result.median == result.total[np.searchsorted(cumulative, 0.5)]
    assert result.mean == pytest.approx(float(np.sum(result.total * result.posterior)))
    lo, hi = result.interval(0.9)
    assert lo == result.quantile(0.05) and hi == result.quantile(0.95) and lo < result.median < hi
    with pytest.raises(ts.DomainError):
        result.quantile(1.0)


def test_same_result_whatever_the_threads():
    table = ts.datasets.mse("UKdat_5")
    one = mse.bma(table, range(0, 30001), threads=1)
    two = mse.bma(table, range(0, 30001), threads=2)
    np.testing.assert_array_equal(one.posterior, two.posterior)
    np.testing.assert_array_equal(one.graphs["weight"], two.graphs["weight"])


@pytest.mark.parametrize("kwargs, argument", [
    ({"n_missing": [3, 2]}, "n_missing"), ({"n_missing": [-1, 2]}, "n_missing"), ({"n_missing": []}, "n_missing"),
    ({"n_missing": [1, np.nan]}, "n_missing"), ({"n_missing": [1, 2], "delta": 0}, "delta"),
    ({"n_missing": [1, 2], "log_prior": [0.0]}, "log_prior"), ({"n_missing": [1, 2], "log_prior": [0, np.nan]}, "log_prior"),
    ({"n_missing": [1, 2], "log_prior": [-np.inf, -np.inf]}, "log_prior")])
def test_bad_arguments(kwargs, argument):
    with pytest.raises(ts.DomainError) as info:
        mse.bma(ts.datasets.mse("Kosovo"), **kwargs)
    assert info.value.argument == argument


def test_lists_outside_three_to_six():
    with pytest.raises(ts.DomainError, match="3 to 6 lists"):
        mse.bma(ts.datasets.mse("NewOrl"), range(10))
    with pytest.raises(ts.DomainError, match="3 to 6 lists"):
        mse.bma(mse.CaptureTable(["A", "B"], ["A", "B", "A&B"], [5, 5, 2]), range(10))


def test_views_and_pickling():
    result = mse.bma(ts.datasets.mse("Kosovo"), range(0, 20001, 10))
    again = pickle.loads(pickle.dumps(result))
    np.testing.assert_array_equal(again.posterior, result.posterior)
    assert again.graphs.equals(result.graphs)
    assert repr(result).startswith("BMAResult(mean=")
    assert "[EXH,ABA,OSCE][EXH,HRW]" in result._repr_html_()
    assert result.summary().loc["BMA", "reference"].startswith("Madigan & York (1997)")


def test_term_by_term_and_ratio_paths_agree():
    # A prior that is -inf once per block of 64 makes every block go term by term; elsewhere the
    # same prior lets consecutive values use likelihood ratios. Both must give the same posterior.
    table = ts.datasets.mse("UKdat_5")
    n_missing = np.arange(0, 4000)
    N = n_missing + table.n_observed
    masked = -np.log(N)
    masked[5::64] = -np.inf
    by_terms = mse.bma(table, n_missing, log_prior=masked).posterior
    by_ratios = mse.bma(table, n_missing).posterior.copy()
    by_ratios[5::64] = 0
    np.testing.assert_allclose(by_terms, by_ratios / by_ratios.sum(), rtol=1e-10, atol=1e-16)


def test_a_wildly_varying_prior_falls_back_to_terms():
    # Steps of +-900 in the log prior within a block exceed what the ratios can carry.
    n_missing = np.arange(1, 301)
    log_prior = np.where(n_missing % 2 == 0, 0.0, -900.0) - 0.001 * n_missing
    result = mse.bma(table_of(MY5, list("ABCDE")), n_missing, delta=0.5, log_prior=log_prior)
    weights, _ = bma_reference(MY5, 5, n_missing, 0.5, log_prior)
    np.testing.assert_allclose(result.posterior, weights.sum(axis=0), rtol=1e-9, atol=1e-15)
