#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/logistic.hpp>
#include <tipstats/trend/loglinear.hpp>
#include <tipstats/trend/mann_kendall.hpp>
#include <tipstats/trend/table.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace tt = tipstats::trend;

// Reference: statsmodels 0.15, sm.GLM(column_stack([s, m - s]), add_constant(x),
// family=Binomial()).fit(tol=1e-14).
TEST_CASE("logistic trend agrees with statsmodels' binomial GLM", "[trend][logistic]") {
    const std::vector<double> s{12, 15, 14, 20, 22, 25, 24, 30, 33, 35}, m{60, 66, 58, 70, 71, 75, 69, 80, 82, 84};
    std::vector<double> x;
    for (int i = 0; i < 10; ++i) x.push_back(2012 + i);
    const auto r = tt::logistic(s, m, {}, x);
    CHECK(r.intercept == Approx(-231.95109527105222).epsilon(1e-9));
    CHECK(r.slope == Approx(0.11462954046496433).epsilon(1e-9));
    CHECK(r.se == Approx(0.028858255124939204).epsilon(1e-9));
    CHECK(r.log_likelihood == Approx(-22.849436292668067).epsilon(1e-12));
    CHECK(r.deviance == Approx(0.2801199091475568).epsilon(1e-8));
    CHECK(r.pearson_chi2 == Approx(0.27997930424387807).epsilon(1e-8));
    CHECK(r.odds_ratio == Approx(std::exp(r.slope)));
    // all successes zero, successes above the trials
    const std::vector<double> zero(10, 0.0);
    CHECK_THROWS_AS(tt::logistic(zero, m), tipstats::domain_error);
    std::vector<double> too_many = s;
    too_many[3] = 71;
    CHECK_THROWS_AS(tt::logistic(too_many, m), tipstats::domain_error);
}

TEST_CASE("the trend table fits series of different lengths, with a note for those it cannot fit",
          "[trend][table]") {
    const double nan = std::nan("");
    // Three series laid end to end: 5 exact counts; 4 with a "<5" and a missing year; 1 count.
    const std::vector<double> counts{10, 14, 13, 19, 24, /**/ nan, 8, nan, 12, /**/ 7};
    const std::vector<double> lower{10, 14, 13, 19, 24, /**/ 0, 8, nan, 12, /**/ 7};
    const std::vector<double> upper{10, 14, 13, 19, 24, /**/ 4, 8, nan, 12, /**/ 7};
    const std::vector<double> x{2015, 2016, 2017, 2018, 2019, /**/ 2012, 2013, 2015, 2016, /**/ 2019};
    const std::vector<std::size_t> offsets{0, 5, 9, 10};
    const tt::ragged_counts data{counts, lower, upper, x, offsets};
    const auto rows = tt::trend_table(data, {.model = tt::count_model::poisson}, {.threads = 2});
    REQUIRE(rows.size() == 3);
    const std::span<const double> first_counts(counts.data(), 5), first_x(x.data(), 5);
    const auto fit = tt::loglinear(first_counts, first_x);
    CHECK(rows[0].apc == fit.apc);
    CHECK(rows[0].note.empty());
    CHECK(rows[0].sen_slope == tt::mann_kendall(first_counts, first_x).slope);
    CHECK(rows[1].n == 3);
    CHECK(rows[1].n_censored == 1);
    CHECK(rows[1].n_missing == 1);
    const std::span<const double> second_x(x.data() + 5, 4);
    const auto censored_fit = tt::loglinear(std::span<const double>(counts.data() + 5, 4),
                                            {std::span<const double>(lower.data() + 5, 4),
                                             std::span<const double>(upper.data() + 5, 4)},
                                            second_x);
    CHECK(rows[1].slope == censored_fit.slope);
    // "<5" is the detection limit 5 to the censored Mann-Kendall test
    const std::vector<double> limits{5, 8, nan, 12};
    const std::vector<unsigned char> left{1, 0, 0, 0};
    CHECK(rows[1].mk_tau == tt::mann_kendall(limits, left, second_x).tau);
    CHECK(rows[2].n == 1);
    CHECK(std::isnan(rows[2].apc));
    CHECK(std::isnan(rows[2].mk_tau));
    CHECK(rows[2].note.find("log-linear") != std::string::npos);
    CHECK(rows[2].note.find("Mann-Kendall") != std::string::npos);
    // malformed offsets are the caller's error, not a row's
    const std::vector<std::size_t> bad{0, 5, 11};
    CHECK_THROWS_AS(tt::trend_table({counts, lower, upper, x, bad}), tipstats::domain_error);
}
