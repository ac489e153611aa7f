#pragma once
// Bayesian model averaging over decomposable graphical models (Madigan & York 1997), as R's dga
// `bma.cr`: every decomposable graph on the lists is a log-linear model with a hyper-Dirichlet
// prior (Dawid & Lauritzen 1993), whose marginal likelihood factorises over its cliques and
// separators; the posterior over the number of people on no list averages over all graphs.

#include <tipstats/mse/capture_table.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tipstats::mse {

/// An undirected graph on the lists whose cliques and separators make it decomposable (chordal).
struct decomposable_graph {
    std::vector<pattern> edges;       ///< each edge as the mask of its two lists
    std::vector<pattern> cliques;     ///< maximal cliques, in a perfect (running intersection) order
    std::vector<pattern> separators;  ///< the non-empty separators of that order (a multiset)
};

/// Every decomposable graph on k lists (1 <= k <= 6): 1, 2, 8, 61, 822, 18154 of them. A graph is
/// kept when maximum cardinality search finds a perfect elimination order (Tarjan & Yannakakis
/// 1984); its cliques are ordered by that search, which gives the running intersection property.
std::vector<decomposable_graph> decomposable_graphs(std::size_t k);

/// "[LA,NG][NG,GP][PF]": the cliques of a graph with the list names, lists in table order and
/// cliques ordered by their lists.
std::string clique_text(const decomposable_graph& graph, const std::vector<std::string>& lists);

struct bma_options {
    double delta = 0;                  ///< hyper-Dirichlet prior parameter per cell; 0: dga's default 2^-k
    std::span<const double> log_prior; ///< log p(N) for each value of n_missing; empty: -log N, as dga
    unsigned threads = 0;              ///< 0: every core
};

struct bma_result {
    std::vector<double> n_missing;     ///< as given
    std::vector<double> posterior;     ///< posterior probability of each value of n_missing (sums to 1)
    std::vector<decomposable_graph> graphs;
    std::vector<double> graph_weights; ///< posterior probability of each graph (sums to 1)
    double delta = 0;
    double observed = 0;
};

/// The posterior of the number of people on no list over `n_missing` (non-negative, strictly
/// increasing) averaged over every decomposable graph, with equal prior weight on the graphs, as
/// dga's bma.cr. For 3 to 6 lists (dga: 3 to 5). Throws domain_error for bad input.
bma_result bma(const capture_table& table, std::span<const double> n_missing, const bma_options& options = {});

}  // namespace tipstats::mse
