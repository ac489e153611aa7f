#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/mse/bma.hpp>
#include <tipstats/mse/capture_table.hpp>

#include <cmath>
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

namespace ms = tipstats::mse;

// OEIS A058862: labelled decomposable (chordal) graphs on n vertices.
TEST_CASE("decomposable graphs are counted right", "[mse][bma]") {
    const std::vector<std::size_t> expected{1, 2, 8, 61, 822, 18154};
    for (std::size_t k = 1; k <= 6; ++k) CHECK(ms::decomposable_graphs(k).size() == expected[k - 1]);
    CHECK_THROWS_AS(ms::decomposable_graphs(7), tipstats::domain_error);
}

TEST_CASE("cliques and separators of a decomposable graph", "[mse][bma]") {
    // The path A - B - C - D: cliques AB, BC, CD; separators B and C. The 4-cycle is not decomposable.
    const auto graphs = ms::decomposable_graphs(4);
    const std::vector<std::string> names{"A", "B", "C", "D"};
    bool found_path = false;
    for (const auto& g : graphs) {
        CHECK((g.edges.size() != 4 || g.cliques.size() != 4));  // no chordless 4-cycle
        if (ms::clique_text(g, names) == "[A,B][B,C][C,D]") {
            found_path = true;
            CHECK(g.separators.size() == 2);
            std::vector<ms::pattern> seps = g.separators;
            std::sort(seps.begin(), seps.end());
            CHECK(seps == std::vector<ms::pattern>{0b0010, 0b0100});
        }
    }
    CHECK(found_path);
}

// Madigan & York (1997), as dga's tests check: 3 lists, delta = 1, their prior for N
// (a = 13.14, b = 55.17): the posterior mode of the averaged N is 728.
TEST_CASE("Madigan and York's three-list example", "[mse][bma]") {
    const ms::capture_table t({"A", "B", "C"}, {0, 60, 49, 4, 247, 112, 142, 12});
    std::vector<double> missing(300), prior(300);
    std::iota(missing.begin(), missing.end(), 1.0);
    const double a = 13.14, b = 55.17;
    for (std::size_t j = 0; j < 300; ++j) {
        const double N = missing[j] + 626;
        prior[j] = N * std::log(b) - (N + a) * std::log(1 + b) + std::lgamma(N + a) - std::lgamma(N + 1) - std::lgamma(a);
    }
    ms::bma_options o;
    o.delta = 1;
    o.log_prior = prior;
    const auto r = ms::bma(t, missing, o);
    const auto mode = std::max_element(r.posterior.begin(), r.posterior.end()) - r.posterior.begin();
    CHECK(missing[static_cast<std::size_t>(mode)] + 626 == 728);
    CHECK(std::accumulate(r.posterior.begin(), r.posterior.end(), 0.0) == Approx(1.0).epsilon(1e-12));
    CHECK(std::accumulate(r.graph_weights.begin(), r.graph_weights.end(), 0.0) == Approx(1.0).epsilon(1e-12));
    CHECK(std::round(100 * *std::max_element(r.graph_weights.begin(), r.graph_weights.end())) == 37);
}

TEST_CASE("bma input is checked", "[mse][bma]") {
    const ms::capture_table t({"A", "B", "C"}, {0, 60, 49, 4, 247, 112, 142, 12});
    const std::vector<double> decreasing{3, 2}, negative{-1, 2}, ok{1, 2};
    CHECK_THROWS_AS(ms::bma(t, decreasing), tipstats::domain_error);
    CHECK_THROWS_AS(ms::bma(t, negative), tipstats::domain_error);
    ms::bma_options o;
    o.delta = -1;
    CHECK_THROWS_AS(ms::bma(t, ok, o), tipstats::domain_error);
    const ms::capture_table two({"A", "B"}, {0, 5, 5, 2});
    CHECK_THROWS_AS(ms::bma(two, ok), tipstats::domain_error);
}
