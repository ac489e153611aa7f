#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/logistic.hpp>
#include <tipstats/trend/loglinear.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace tt = tipstats::trend;

TEST_CASE("an exact geometric series has its growth rate as APC", "[trend][loglinear]") {
    std::vector<double> counts;
    for (int i = 0; i < 8; ++i) counts.push_back(1000 * std::pow(1.1, i));
    const auto r = tt::loglinear(counts);
    CHECK(r.apc == Approx(10.0).epsilon(1e-12));
    CHECK(r.deviance == Approx(0.0).margin(1e-9));
    CHECK(r.apc_ci.lower < 10);
    CHECK(r.apc_ci.upper > 10);
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
    const auto q = tt::loglinear(y, x, e, {.model = tt::count_model::quasi});
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
    const auto batch = tt::linear_batch(m, {}, 0.9, {.threads = 2});
    for (std::size_t i = 0; i < m.rows; ++i) CHECK(batch[i].slope_ci == tt::linear(m.row(i), {}, 0.9).slope_ci);
    const auto logs = tt::loglinear_batch(m, {}, {}, {.model = tt::count_model::poisson}, {.threads = 2});
    for (std::size_t i = 0; i < m.rows; ++i) CHECK(logs[i].slope == tt::loglinear(m.row(i)).slope);
}

// Reference: statsmodels 0.15, sm.NegativeBinomial(y, add_constant(x), loglike_method="nb2")
// .fit(method="newton", tol=1e-14): params (a, b, alpha), bse and llf.
TEST_CASE("negative binomial NB2 agrees with statsmodels", "[trend][loglinear][negbin]") {
    const std::vector<double> y{12, 18, 9, 25, 30, 22, 41, 35, 60, 48, 75, 52};
    std::vector<double> x;
    for (int i = 0; i < 12; ++i) x.push_back(2010 + i);
    const auto r = tt::loglinear(y, x, {}, {.model = tt::count_model::negbin});
    CHECK(r.intercept == Approx(-307.86678517540372).epsilon(1e-9));
    CHECK(r.slope == Approx(0.15445555851398632).epsilon(1e-9));
    CHECK(r.alpha == Approx(0.029893168295405826).epsilon(1e-8));
    CHECK(r.se == Approx(0.022051122344984672).epsilon(1e-8));
    CHECK(r.alpha_se == Approx(0.024207875091395166).epsilon(1e-7));
    CHECK(r.log_likelihood == Approx(-41.62678780556628).epsilon(1e-12));
    CHECK(r.df == 9);
    CHECK(r.n == 12);
    CHECK(r.n_censored == 0);
}

// Reference: the censored log-likelihood (exact counts by their Poisson / NB2 probability, "<5" by
// P(Y <= 4) from scipy.stats cdfs) maximised with scipy.optimize (Nelder-Mead, then BFGS), x
// centred: (a, b) Poisson = (2.9027560029, 0.1789307396), loglik -114.8270188558; NB2 (a, b,
// alpha) = (2.8065894374, 0.2383222525, 1.0221761636), loglik -41.3492818409.
TEST_CASE("censored counts enter the likelihood by the probability of their bounds", "[trend][loglinear][censored]") {
    const double nan = std::nan("");
    const std::vector<double> counts{3, nan, 14, nan, 25, 2, 41, nan, 60, 20, 75, 12};
    std::vector<double> x, lower, upper;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        x.push_back(2010.0 + static_cast<double>(i));
        lower.push_back(std::isnan(counts[i]) ? 0 : counts[i]);
        upper.push_back(std::isnan(counts[i]) ? 4 : counts[i]);
    }
    const tt::count_bounds bounds{lower, upper};
    const auto p = tt::loglinear(counts, bounds, x);
    CHECK(p.slope == Approx(0.17893073955548155).epsilon(1e-7));
    CHECK(p.intercept + p.slope * 2015.5 == Approx(2.9027560029240793).epsilon(1e-7));
    CHECK(p.log_likelihood == Approx(-114.82701885579962).epsilon(1e-11));
    CHECK(p.n == 12);
    CHECK(p.n_censored == 3);
    CHECK(p.n_missing == 0);
    const auto nb = tt::loglinear(counts, bounds, x, {}, {.model = tt::count_model::negbin});
    CHECK(nb.slope == Approx(0.23832225248830963).epsilon(1e-6));
    CHECK(nb.alpha == Approx(1.022176163613739).epsilon(1e-6));
    CHECK(nb.log_likelihood == Approx(-41.349281840861416).epsilon(1e-11));
    CHECK(nb.pearson_ratio > 0);

    // Bounds equal to the counts they stand for change nothing.
    const std::vector<double> all_nan(counts.size(), nan);
    const std::vector<double> exact{3, 4, 14, 2, 25, 2, 41, 1, 60, 20, 75, 12};
    const auto direct = tt::loglinear(exact, x);
    const auto through_bounds = tt::loglinear(all_nan, tt::count_bounds{exact, exact}, x);
    CHECK(through_bounds.slope == direct.slope);
    CHECK(through_bounds.n_censored == 0);
}

TEST_CASE("censored and missing counts: what is refused and what is counted", "[trend][loglinear][censored]") {
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();
    const auto argument_of = [](auto&& call) {
        try {
            call();
        } catch (const tipstats::domain_error& e) {
            return e.argument() + (e.index() ? "@" + std::to_string(*e.index()) : std::string());
        }
        return std::string("no exception");
    };
    const std::vector<double> counts{nan, 6, nan, 9, 12};
    const std::vector<double> lower{0, nan, 0, nan, nan}, upper{4, nan, 4, nan, nan};
    // quasi-Poisson has no likelihood for a censored count
    CHECK(argument_of([&] { tt::loglinear(counts, {lower, upper}, {}, {}, {.model = tt::count_model::quasi}); }) == "model@0");
    // every count censored down to zero: nothing says the level is positive
    const std::vector<double> none{nan, nan, nan}, zeros{0, 0, 0}, fours{4, 4, 4};
    CHECK(argument_of([&] { tt::loglinear(none, {zeros, fours}); }) == "counts@0");
    // an upper bound below the lower one, a negative bound
    const std::vector<double> two{nan, 5}, bad_low{3, nan}, bad_high{2, nan}, negative{-1, nan};
    CHECK(argument_of([&] { tt::loglinear(two, {bad_low, bad_high}); }) == "upper@0");
    CHECK(argument_of([&] { tt::loglinear(two, {negative, bad_high}); }) == "lower@0");
    // one period is not a trend
    CHECK(argument_of([&] { tt::loglinear(std::vector<double>{7}); }) == "counts");
    // the only count known to be positive is the last: the slope is infinite
    const std::vector<double> last{nan, nan, 7}, low3{0, 0, 7}, high3{4, 4, 7};
    CHECK(argument_of([&] { tt::loglinear(last, {low3, high3}); }) == "counts@2");
    // missing ([0, inf] or NaN bounds) is left out and counted
    const std::vector<double> with_missing{5, nan, 9, nan, 14};
    const std::vector<double> ml{nan, 0, nan, nan, nan}, mu{nan, inf, nan, nan, nan};
    const auto r = tt::loglinear(with_missing, {ml, mu});
    CHECK(r.n == 3);
    CHECK(r.n_missing == 2);
    const std::vector<double> kept{5, 9, 14}, kept_x{0, 2, 4};
    CHECK(r.slope == Approx(tt::loglinear(kept, kept_x).slope).epsilon(1e-14));
}

// A right-censored count (">b") enters as P(Y >= b + 1), summed from the mode outward: the fit
// agrees with one where the same count is given as [b + 1, 10^6], a finite interval summed term by term.
TEST_CASE("an open-ended count is its upper tail", "[trend][loglinear][censored]") {
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> counts{20, 26, 31, nan, 44, 52};
    const std::vector<double> lower{nan, nan, nan, 31, nan, nan};
    const std::vector<double> open{nan, nan, nan, inf, nan, nan}, wide{nan, nan, nan, 1e6, nan, nan};
    const auto a = tt::loglinear(counts, {lower, open}, {}, {}, {.model = tt::count_model::negbin});
    const auto b = tt::loglinear(counts, {lower, wide}, {}, {}, {.model = tt::count_model::negbin});
    CHECK(a.slope == Approx(b.slope).epsilon(1e-12));
    CHECK(a.log_likelihood == Approx(b.log_likelihood).epsilon(1e-12));
    CHECK(a.n_censored == 1);
}

TEST_CASE("trend inputs are any contiguous numbers, read as the same doubles", "[trend][loglinear]") {
    const std::vector<int> counts{12, 15, 14, 20, 26, 31};
    const std::vector<double> as_doubles(counts.begin(), counts.end());
    const std::array<float, 6> exposure{1000.f, 1010.f, 1030.f, 1040.f, 1050.f, 1075.f};
    const std::vector<double> exposure_doubles(exposure.begin(), exposure.end());
    const auto a = tt::loglinear(counts, {}, exposure, {.model = tt::count_model::negbin});
    const auto b = tt::loglinear(as_doubles, {}, exposure_doubles, {.model = tt::count_model::negbin});
    CHECK(a.slope == b.slope);
    CHECK(a.apc_ci == b.apc_ci);
    const unsigned short small[] = {3, 5, 4, 8, 9};
    CHECK(tt::linear(small).slope_ci == tt::linear(std::vector<double>{3, 5, 4, 8, 9}).slope_ci);
    CHECK(tt::logistic(std::vector<long>{2, 3, 5, 6}, std::vector<int>{10, 10, 10, 10}).slope ==
          tt::logistic(std::vector<double>{2, 3, 5, 6}, std::vector<double>{10, 10, 10, 10}).slope);
}
