#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/mse/capture_table.hpp>
#include <tipstats/mse/loglinear.hpp>

#include "../../src/mse/simplex.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace ms = tipstats::mse;

namespace {
// Counts by pattern (bit i: list i) of the bundled tables (python/tipstats/data/mse).
ms::capture_table kosovo() {
    return ms::capture_table({"EXH", "ABA", "OSCE", "HRW"},
                             {0, 1131, 845, 177, 936, 228, 217, 181, 306, 106, 31, 18, 123, 42, 32, 27});
}
ms::capture_table ned_5() {
    return ms::capture_table({"IO", "K", "P", "R", "Z"},
                             {0, 756, 1299, 1, 4466, 81, 44, 0, 650, 5, 0, 0, 82, 2, 0, 0,
                              632, 73, 4, 0, 125, 11, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0});
}
ms::capture_table uk_5() {
    return ms::capture_table({"LA", "NG", "PFNCA", "GO", "GP"},
                             {0, 54, 463, 15, 995, 19, 62, 1, 695, 3, 19, 1, 76, 0, 4, 1,
                              316, 0, 1, 0, 11, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0});
}
ms::capture_table artificial_3() { return ms::capture_table({"A", "B", "C"}, {0, 40, 30, 6, 20, 0, 0, 0}); }
}  // namespace

// Reference values: statsmodels 0.14 GLM(family=Poisson()).fit(tol=1e-13) on the same design
// (tests/python/sparsemse_reference.py); standard errors from the inverse Fisher information at
// its estimate.
TEST_CASE("log-linear fits agree with statsmodels' GLM", "[mse][loglinear]") {
    const std::vector<ms::list_pair> pairs{{0, 1}, {2, 3}};
    const auto f = ms::loglinear(kosovo(), pairs);
    const std::vector<double> beta{8.11133514897663, -1.1368081564793746, -1.4291460404673462, -1.2560543831432724,
                                   -2.4763786705462545, 0.11020640378753827, 0.5343023920016641};
    const std::vector<double> se{0.04827893706993456, 0.04690914938166093, 0.04925228094174083, 0.04234881426136448,
                                 0.05764039035910236, 0.07463743539781925, 0.09179817634676851};
    REQUIRE(f.coefficients.size() == beta.size());
    for (std::size_t i = 0; i < beta.size(); ++i) {
        CHECK(f.coefficients[i] == Approx(beta[i]).epsilon(1e-9));
        CHECK(f.standard_errors[i] == Approx(se[i]).epsilon(1e-8));
    }
    CHECK(f.deviance == Approx(213.03966886496065).epsilon(1e-10));
    CHECK(f.aic == Approx(328.46367358249455).epsilon(1e-12));
    CHECK(f.df_residual == 8);
    CHECK(f.term_names == std::vector<std::string>{"(Intercept)", "EXH", "ABA", "OSCE", "HRW", "EXH:ABA", "OSCE:HRW"});
    CHECK(f.total == Approx(4400 + std::exp(beta[0])).epsilon(1e-12));
}

TEST_CASE("a pair nobody is on together: cells deleted, term dropped, 2 more AIC points", "[mse][loglinear]") {
    const std::vector<ms::list_pair> pairs{{1, 3}, {0, 4}};
    const auto f = ms::loglinear(ned_5(), pairs);
    REQUIRE(f.empty_overlaps.size() == 1);
    CHECK(f.empty_overlaps[0] == ms::list_pair{1, 3});
    CHECK(f.coefficients[0] == Approx(10.843495483702943).epsilon(1e-9));
    CHECK(f.deviance == Approx(189.93057036838775).epsilon(1e-10));
    CHECK(f.aic == Approx(301.37806248239474).epsilon(1e-12));
    CHECK(f.fitted[0b01010] == 0);  // K&R
    CHECK(f.cells_used == 31 - 8);
}

TEST_CASE("stepwise selection on UK 2013 gives the published estimate", "[mse][loglinear]") {
    // Home Office (2014): "between 10 thousand and 13 thousand"; about 11,300 (Silverman 2020).
    const auto r = ms::stepwise(uk_5());
    REQUIRE(r.steps.size() == 6);
    CHECK(r.steps[0].added == ms::list_pair{0, 1});
    CHECK(std::round(r.fit.total / 100) == 113);
    const auto [lower, upper] = ms::total_interval(r.fit);
    CHECK(std::round(lower / 1000) == 10);
    CHECK(std::round(upper / 1000) == 13);
    CHECK(ms::stepwise(uk_5(), 0).steps.empty());
}

TEST_CASE("existence and identifiability as SparseMSE documents them on Artificial_3", "[mse][loglinear]") {
    const auto t = artificial_3();
    const std::vector<ms::list_pair> all{{0, 1}, {0, 2}, {1, 2}}, ab{{0, 1}}, ac_bc{{0, 2}, {1, 2}};
    const auto full = ms::check(t, all);
    CHECK(full.exists);
    CHECK_FALSE(full.identifiable);
    CHECK(full.rank_deficiency == 1);
    const auto only_ab = ms::check(t, ab);
    CHECK_FALSE(only_ab.exists);
    CHECK(only_ab.identifiable);
    CHECK(only_ab.zero_cells == std::vector<ms::pattern>{0b101, 0b110, 0b111});
    CHECK(ms::check(t, ac_bc).ok());
    CHECK(ms::check(t).ok());
    CHECK_THROWS_AS(ms::loglinear(t, ab), tipstats::domain_error);
    try {
        ms::loglinear(t, all);
        FAIL("no domain_error");
    } catch (const tipstats::domain_error& e) {
        CHECK(std::string(e.what()).find("not identifiable") != std::string::npos);
    }
}

TEST_CASE("bad interactions and levels are located", "[mse][loglinear]") {
    const auto t = artificial_3();
    const std::vector<ms::list_pair> beyond{{0, 1}, {0, 3}}, twice{{0, 1}, {1, 0}}, self{{2, 2}};
    for (const auto* pairs : {&beyond, &twice, &self}) {
        try {
            ms::loglinear(t, *pairs);
            FAIL("no domain_error");
        } catch (const tipstats::domain_error& e) {
            CHECK(e.argument() == "interactions");
            CHECK(e.index() == pairs->size() - 1);
        }
    }
    CHECK_THROWS_AS(ms::total_interval(ms::loglinear(t), 1.0), tipstats::domain_error);
    CHECK_THROWS_AS(ms::stepwise(t, -0.1), tipstats::domain_error);
}

// Beale's (1955) example cycles under Dantzig's largest-coefficient rule; Bland's rule reaches
// the optimum 5/4 at x = (3/4, 0, 0, 1, 0, 1, 0).
TEST_CASE("the simplex method terminates on Beale's cycling example", "[mse][simplex]") {
    Eigen::MatrixXd A(3, 7);
    A << 1, 0, 0, 0.25, -8, -1, 9,
         0, 1, 0, 0.5, -12, -0.5, 3,
         0, 0, 1, 0, 0, 1, 0;
    Eigen::VectorXd b(3), c(7);
    b << 0, 0, 1;
    c << 0, 0, 0, 0.75, -20, 0.5, -6;
    const auto lp = tipstats::mse::detail::maximize(A, b, c);
    REQUIRE(lp.feasible);
    CHECK(lp.objective == Approx(1.25).epsilon(1e-12));
    CHECK((A * lp.x - b).cwiseAbs().maxCoeff() < 1e-12);
    CHECK(lp.x(3) == Approx(1.0));
    CHECK(lp.x(5) == Approx(1.0));
}

TEST_CASE("the simplex method reports infeasible programs", "[mse][simplex]") {
    Eigen::MatrixXd A(2, 2);
    A << 1, 1,
         1, 1;
    Eigen::VectorXd b(2), c(2);
    b << 1, 2;
    c << 1, 0;
    CHECK_FALSE(tipstats::mse::detail::maximize(A, b, c).feasible);
    b << 2, 2;  // a redundant row is dropped
    const auto lp = tipstats::mse::detail::maximize(A, b, c);
    REQUIRE(lp.feasible);
    CHECK(lp.objective == Approx(2.0));
}
