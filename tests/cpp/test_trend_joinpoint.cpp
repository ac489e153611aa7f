#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/joinpoint.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace tt = tipstats::trend;

namespace {
// 100 * 1.06^t up to 2008, then -3 % a year to 2016, then +10 % a year: exact geometric pieces.
std::vector<double> three_pieces(std::vector<double>& x) {
    std::vector<double> y;
    double log_y = std::log(100.0);
    for (int year = 2000; year < 2025; ++year) {
        if (year > 2000) log_y += std::log(year <= 2008 ? 1.06 : year <= 2016 ? 0.97 : 1.10);
        x.push_back(year);
        y.push_back(std::exp(log_y));
    }
    return y;
}
}  // namespace

TEST_CASE("joinpoint recovers exact geometric pieces", "[trend][joinpoint]") {
    std::vector<double> x;
    const auto y = three_pieces(x);
    tt::joinpoint_options o;
    o.min_joinpoints = o.max_joinpoints = 2;
    const auto r = tt::joinpoint(y, x, o);
    REQUIRE(r.joinpoints.size() == 2);
    CHECK(r.joinpoints[0] == 2008);
    CHECK(r.joinpoints[1] == 2016);
    CHECK(r.segments[0].apc == Approx(6.0).epsilon(1e-9));
    CHECK(r.segments[1].apc == Approx(-3.0).epsilon(1e-9));
    CHECK(r.segments[2].apc == Approx(10.0).epsilon(1e-9));
    const double mean_log = (8 * std::log(1.06) + 8 * std::log(0.97) + 8 * std::log(1.10)) / 24;
    CHECK(r.aapc.percent == Approx(100 * std::expm1(mean_log)).epsilon(1e-9));
    const auto inside = tt::average_percent_change(r, 2009, 2015);
    CHECK(inside.percent == Approx(-3.0).epsilon(1e-9));
    CHECK(inside.t_based);
}

TEST_CASE("joinpoint selection finds two joinpoints and is reproducible", "[trend][joinpoint]") {
    std::vector<double> x;
    auto y = three_pieces(x);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] *= std::exp(0.01 * std::sin(7.3 * static_cast<double>(i)));
    tt::joinpoint_options o;
    o.permutations = 199;
    o.seed = 7;
    const auto a = tt::joinpoint(y, x, o);
    CHECK(a.joinpoints.size() == 2);
    REQUIRE(a.tests.size() == 3);
    o.threads = 1;
    const auto b = tt::joinpoint(y, x, o);
    for (std::size_t i = 0; i < a.tests.size(); ++i) CHECK(a.tests[i].p_value == b.tests[i].p_value);
    o.selection = tt::joinpoint_selection::bic;
    CHECK(tt::joinpoint(y, x, o).joinpoints.size() == 2);
    o.selection = tt::joinpoint_selection::wbic;
    CHECK(tt::joinpoint(y, x, o).joinpoints.size() == 2);
}

TEST_CASE("joinpoint input errors", "[trend][joinpoint]") {
    const std::vector<double> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    try {
        tt::joinpoint(ten);
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "y");
        CHECK(std::string(e.what()).find("at least 11 points") != std::string::npos);
    }
    CHECK(tt::joinpoint_points_needed(0, 2, 2) == 3);
    CHECK(tt::joinpoint_points_needed(1, 2, 2) == 5);
    CHECK(tt::joinpoint_points_needed(3, 2, 2) == 11);
    std::vector<double> with_zero{5, 4, 0, 6, 7, 8, 9};
    tt::joinpoint_options one;
    one.max_joinpoints = 1;
    CHECK_THROWS_AS(tt::joinpoint(with_zero, {}, one), tipstats::domain_error);
}

TEST_CASE("joinpoint batch equals one-series fits", "[trend][joinpoint][batch]") {
    std::vector<double> x;
    const auto base = three_pieces(x);
    std::vector<double> data;
    for (int row = 0; row < 6; ++row)
        for (std::size_t i = 0; i < base.size(); ++i)
            data.push_back(base[i] * std::exp(0.02 * std::cos(1.7 * row + 3.1 * static_cast<double>(i))));
    const tt::series_matrix m{data.data(), 6, base.size()};
    tt::joinpoint_options o;
    o.selection = tt::joinpoint_selection::bic;
    const auto batch = tt::joinpoint_batch(m, x, o, {.threads = 2});
    for (std::size_t i = 0; i < m.rows; ++i) {
        const auto one = tt::joinpoint(m.row(i), x, o);
        CHECK(batch[i].joinpoints == one.joinpoints);
        CHECK(batch[i].aapc.percent == one.aapc.percent);
    }
}
