#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/loglinear.hpp>

#include <cmath>
#include <vector>

namespace tt = tipstats::trend;

TEST_CASE("an exact geometric series has its growth rate as APC", "[trend][loglinear]") {
    std::vector<double> counts;
    for (int i = 0; i < 8; ++i) counts.push_back(1000 * std::pow(1.1, i));
    const auto r = tt::loglinear(counts);
    CHECK(r.apc == Approx(10.0).epsilon(1e-12));
    CHECK(r.deviance == Approx(0.0).margin(1e-9));
    CHECK(r.apc_lower < 10);
    CHECK(r.apc_upper > 10);
}

// Reference values from statsmodels 0.15: sm.GLM(y, add_constant(x), family=Poisson(),
// exposure=e).fit(tol=1e-14), and .fit(scale="X2") for the quasi-Poisson standard error.
TEST_CASE("log-linear fit agrees with statsmodels' GLM", "[trend][loglinear]") {
    const std::vector<double> y{3, 5, 4, 8, 9, 7, 12, 15, 11, 18};
    std::vector<double> x, e;
    for (int i = 0; i < 10; ++i) {
        x.push_back(2010 + i);
        e.push_back(1000 + 500.0 * i / 9);
    }
    const auto r = tt::loglinear(y, x, e);
    CHECK(r.slope == Approx(0.12293025881465958).epsilon(1e-9));
    CHECK(r.se == Approx(0.03895635144762326).epsilon(1e-9));
    CHECK(r.deviance == Approx(3.4071564850186205).epsilon(1e-9));
    const auto q = tt::loglinear(y, x, e, tt::dispersion_model::quasi);
    CHECK(q.se == Approx(0.025048182827314292).epsilon(1e-9));
    CHECK(q.dispersion == Approx(0.4134242038141326).epsilon(1e-9));
}

TEST_CASE("log-linear input errors name the argument and index", "[trend][loglinear]") {
    try {
        tt::loglinear(std::vector<double>{1, 2, -3});
        FAIL("no exception");
    } catch (const tipstats::domain_error& err) {
        CHECK(err.argument() == "counts");
        CHECK(err.index() == 2);
    }
    CHECK_THROWS_AS(tt::loglinear(std::vector<double>{0, 0, 0}), tipstats::domain_error);
    CHECK_THROWS_AS(tt::loglinear(std::vector<double>{5, 0, 0}), tipstats::domain_error);
}

TEST_CASE("linear trend: exact line and batch", "[trend][linear]") {
    const auto r = tt::linear(std::vector<double>{1, 3, 5, 7});
    CHECK(r.slope == Approx(2.0));
    CHECK(r.intercept == Approx(1.0));
    std::vector<double> data;
    for (int row = 0; row < 10; ++row)
        for (int col = 0; col < 6; ++col) data.push_back(row + col * 0.5 + std::sin(row * col));
    const tt::series_matrix m{data.data(), 10, 6};
    const auto batch = tt::linear_batch(m, {}, 0.9, 2);
    for (std::size_t i = 0; i < m.rows; ++i) CHECK(batch[i].upper == tt::linear(m.row(i), {}, 0.9).upper);
    const auto logs = tt::loglinear_batch(m, {}, {}, tt::dispersion_model::poisson, 0.95, 2);
    for (std::size_t i = 0; i < m.rows; ++i) CHECK(logs[i].slope == tt::loglinear(m.row(i)).slope);
}
