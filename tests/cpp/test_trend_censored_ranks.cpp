#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/akritas_theil_sen.hpp>
#include <tipstats/trend/mann_kendall.hpp>

#include <cmath>
#include <vector>

namespace tt = tipstats::trend;

// Worked by hand with cenken's rules: y = <5, 3, 7, 9 over x = 1..4. Known orders: (<5, 7), (<5, 9),
// (3, 7), (3, 9), (7, 9) are increases; (<5, 3) is a tie (the censored value may be above 3). S = 5,
// tau = 5 / 6. Var S = 4*3*13/18 = 26/3 less deluc = (sum over censored sorted positions of i - 1
// = 1, since "<5" sorts second) - 0 = 1: 23/3.
TEST_CASE("censored Kendall S, tau and variance on a hand-worked series", "[trend][censored]") {
    const std::vector<double> y{5, 3, 7, 9}, x{1, 2, 3, 4};
    const std::vector<unsigned char> censored{1, 0, 0, 0};
    const auto r = tt::akritas_theil_sen(y, censored, x);
    CHECK(r.s == 5);
    CHECK(r.tau == Approx(5.0 / 6));
    CHECK(r.var_s == Approx(23.0 / 3).epsilon(1e-14));
    CHECK(r.z == Approx(4 / std::sqrt(23.0 / 3)).epsilon(1e-14));
    CHECK(r.n_censored == 1);
}

// Reference: NADA 1.6's cenken transliterated line by line in tests/python/cenken_reference.py,
// cenken(y = 5 5 3 5 6 8 5 9 12 11, ycen = T T F T F F T F F F, x = 2010:2019).
TEST_CASE("Mann-Kendall with left-censored values is cenken's", "[trend][censored][mk]") {
    const std::vector<double> y{5, 5, 3, 5, 6, 8, 5, 9, 12, 11};
    const std::vector<unsigned char> censored{1, 1, 0, 1, 0, 0, 1, 0, 0, 0};
    std::vector<double> x;
    for (int i = 0; i < 10; ++i) x.push_back(2010 + i);
    const auto r = tt::mann_kendall(y, censored, x);
    CHECK(r.s == 29);
    CHECK(r.var_s == Approx(109.33333333333333).epsilon(1e-14));
    CHECK(r.tau == Approx(0.6444444444444445).epsilon(1e-14));
    CHECK(r.p_value == Approx(0.007410254402604282).epsilon(1e-10));
    CHECK(r.slope == Approx(1.333333346992731).epsilon(1e-12));
    CHECK(r.intercept == Approx(-2679.666694149375).epsilon(1e-12));
    CHECK(r.trend == tt::trend_direction::increasing);
    CHECK(r.n_censored == 4);
    const auto s = tt::sens_slope(y, censored, x);
    CHECK(s.slope == r.slope);
    CHECK(s.intercept == r.intercept);
    CHECK(std::isnan(s.slope_ci.lower));
    CHECK(std::isnan(s.slope_ci.upper));
}

TEST_CASE("censored Mann-Kendall: missing values counted, bad input refused", "[trend][censored][mk]") {
    const double nan = std::nan("");
    const std::vector<double> y{5, nan, 3, 7, 9};
    const std::vector<unsigned char> censored{1, 0, 0, 0, 0};
    const auto r = tt::mann_kendall(y, censored);
    CHECK(r.n == 4);
    CHECK(r.n_missing == 1);
    CHECK(r.s == 5);
    // every value censored: no pair has a known order
    const std::vector<double> limits{5, 5, 5};
    const std::vector<unsigned char> all{1, 1, 1};
    CHECK_THROWS_AS(tt::mann_kendall(limits, all), tipstats::domain_error);
    // the autocorrelation corrections and the seasonal test are not defined for censored values
    tt::mann_kendall_options hamed_rao;
    hamed_rao.method = tt::mk_method::hamed_rao;
    CHECK_THROWS_AS(tt::mann_kendall(y, censored, {}, hamed_rao), tipstats::domain_error);
    // a censored value needs its detection limit
    const std::vector<unsigned char> on_missing{0, 1, 0, 0, 0};
    try {
        tt::mann_kendall(y, on_missing);
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "y");
        CHECK(e.index() == 1);
    }
}
