#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/mann_kendall.hpp>

#include <cmath>
#include <vector>

namespace tt = tipstats::trend;

// Worked by hand: y = 1, 3, 2, 5, 4 has 8 concordant and 2 discordant pairs, so S = 6,
// Var S = 5*4*15/18 = 50/3, z = 5 / sqrt(50/3) = 1.224745, p = 2(1 - Phi(z)) = 0.220671.
// Its 10 pairwise slopes sorted: -1, -1, 1/3, 1/2, 3/4, 1, 1, 4/3, 2, 3 (median 0.875).
TEST_CASE("Mann-Kendall and Sen on a hand-worked series", "[trend][mk]") {
    const std::vector<double> y{1, 3, 2, 5, 4};
    const auto r = tt::mann_kendall(y);
    CHECK(r.s == 6);
    CHECK(r.var_s == Approx(50.0 / 3).epsilon(1e-14));
    CHECK(r.z == Approx(1.2247448713915890).epsilon(1e-12));
    CHECK(r.p_value == Approx(0.22067136191984682).epsilon(1e-10));
    CHECK(r.tau == Approx(0.6));
    CHECK(r.trend == tt::trend_direction::no_trend);
    CHECK(r.slope == Approx(0.875));
    CHECK(r.intercept == Approx(3 - 2 * 0.875));

    const auto s = tt::sens_slope(y);
    CHECK(s.slope == Approx(0.875));
    CHECK(s.slope_ci.lower == -1);  // rank round((10 - 8.0015) / 2) = 1
    CHECK(s.slope_ci.upper == 3);   // rank round((10 + 8.0015) / 2 + 1) = 10
}

TEST_CASE("ties reduce the variance of S", "[trend][mk]") {
    // y = 1, 1, 2: S = 0 + 1 + 1 = 2; Var S = (3*2*11 - 2*1*9) / 18 = 8/3.
    const auto r = tt::mann_kendall(std::vector<double>{1, 1, 2});
    CHECK(r.s == 2);
    CHECK(r.var_s == Approx(8.0 / 3));
}

TEST_CASE("missing values are dropped and x is checked", "[trend][mk]") {
    const double nan = std::nan("");
    const auto r = tt::mann_kendall(std::vector<double>{1, nan, 2, 3});
    CHECK(r.n == 3);
    CHECK(r.s == 3);
    CHECK(r.slope == Approx(2.0 / 3));  // slopes at positions 0, 2, 3: 1/2, 2/3, 1
    const std::vector<double> x{0, 1, 1, 2};
    try {
        tt::sens_slope(std::vector<double>{1, 2, 3, 4}, x);
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "x");
        CHECK(e.index() == 2);
    }
    CHECK_THROWS_AS(tt::mann_kendall(std::vector<double>{nan, 1}), tipstats::domain_error);
}

TEST_CASE("batch results equal one-series results", "[trend][mk][batch]") {
    std::vector<double> data;
    for (int row = 0; row < 40; ++row)
        for (int col = 0; col < 15; ++col) data.push_back(std::sin(row * 1.7 + col * col * 0.3) + 0.05 * col * (row % 3));
    const tt::series_matrix y{data.data(), 40, 15};
    tt::mann_kendall_options hamed_rao;
    hamed_rao.method = tt::mk_method::hamed_rao;
    const auto batch = tt::mann_kendall_batch(y, {}, hamed_rao, {.threads = 3});
    const auto sens = tt::sens_slope_batch(y, {}, 0.9, {.threads = 2});
    for (std::size_t i = 0; i < y.rows; ++i) {
        const auto one = tt::mann_kendall(y.row(i), {}, hamed_rao);
        CHECK(batch[i].s == one.s);
        CHECK(batch[i].var_s == one.var_s);
        CHECK(batch[i].p_value == one.p_value);
        CHECK(sens[i].slope_ci.lower == tt::sens_slope(y.row(i), {}, 0.9).slope_ci.lower);
    }
}

TEST_CASE("a corrected variance at or below zero gives NaN, not an exception", "[trend][mk]") {
    // pymannkendall 1.4.3, hamed_rao_modification_test: var_s = -29.812..., z = p = NaN, "no trend".
    const std::vector<double> y{48, 42, 51, 49, 48, 61, 67, 55, 80, 60, 84, 68};
    tt::mann_kendall_options hamed_rao;
    hamed_rao.method = tt::mk_method::hamed_rao;
    const auto r = tt::mann_kendall(y, {}, hamed_rao);
    CHECK(r.var_s < 0);
    CHECK(std::isnan(r.z));
    CHECK(std::isnan(r.p_value));
    CHECK(r.trend == tt::trend_direction::no_trend);
    CHECK(r.s == 43);
}

TEST_CASE("Mann-Kendall and Sen take any contiguous numbers", "[trend][mann_kendall]") {
    const std::vector<int> y{5, 7, 6, 9, 12, 11, 15};
    const std::vector<double> as_doubles(y.begin(), y.end());
    CHECK(tt::mann_kendall(y).p_value == tt::mann_kendall(as_doubles).p_value);
    CHECK(tt::sens_slope(y).slope_ci == tt::sens_slope(as_doubles).slope_ci);
    const std::vector<unsigned char> censored{1, 0, 0, 0, 0, 0, 0};
    CHECK(tt::mann_kendall(y, censored).tau == tt::mann_kendall(as_doubles, censored).tau);
}
