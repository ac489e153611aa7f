#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/mse/bootstrap.hpp>
#include <tipstats/mse/capture_table.hpp>

#include <cmath>
#include <vector>

namespace ms = tipstats::mse;

// numpy 2: np.quantile([1, 2, 4, 7, 11], p, method="median_unbiased"), Hyndman & Fan's type 8.
TEST_CASE("type 8 quantiles", "[mse][bootstrap]") {
    const std::vector<double> x{1, 2, 4, 7, 11};
    // position n p + (p + 1) / 3, clamped to the sample
    CHECK(ms::quantile_type8(x, 0.0) == 1);
    CHECK(ms::quantile_type8(x, 0.1) == 1);  // position 0.87
    CHECK(ms::quantile_type8(x, 0.25) == Approx(1.6666666666666667).epsilon(1e-15));
    CHECK(ms::quantile_type8(x, 0.5) == 4);
    CHECK(ms::quantile_type8(x, 0.9) == 11);  // position 5.13
    CHECK(ms::quantile_type8(x, 1.0) == 11);
    const std::vector<double> y{1, 2, 4, 7, 11, 12, 20, 21, 30, 31};
    CHECK(ms::quantile_type8(y, 0.37) == Approx(7.626666666666669).epsilon(1e-13));
}

TEST_CASE("the bootstrap is reproducible whatever the threads", "[mse][bootstrap]") {
    const ms::capture_table kosovo({"EXH", "ABA", "OSCE", "HRW"},
                                   {0, 1131, 845, 177, 936, 228, 217, 181, 306, 106, 31, 18, 123, 42, 32, 27});
    ms::bootstrap_options o;
    o.replicates = 40;
    o.seed = 99;
    o.threads = 1;
    const auto one = ms::bootstrap(kosovo, o);
    o.threads = 3;
    const auto three = ms::bootstrap(kosovo, o);
    CHECK(one.replicates == three.replicates);
    CHECK(one.jackknife == three.jackknife);
    CHECK(one.acceleration == three.acceleration);
    CHECK(one.seed == 99);
    CHECK(one.jackknife_cells.size() == 15);
    const std::vector<double> p{0.025, 0.975};
    const auto q = ms::bca_quantiles(one.replicates, one.estimate, one.acceleration, p);
    CHECK(q[0] < one.estimate);
    CHECK(q[1] > one.estimate);
}

TEST_CASE("bootstrap arguments are checked", "[mse][bootstrap]") {
    const ms::capture_table t({"A", "B", "C"}, {0, 40, 30, 6, 20, 0, 0, 0});
    ms::bootstrap_options o;
    o.replicates = 1;
    CHECK_THROWS_AS(ms::bootstrap(t, o), tipstats::domain_error);
    const std::vector<double> all_above{3, 4, 5}, p{0.5}, bad_p{1.0};
    CHECK_THROWS_AS(ms::bca_quantiles(all_above, 2, 0, p), tipstats::domain_error);
    CHECK_THROWS_AS(ms::bca_quantiles(all_above, 4.5, 0, bad_p), tipstats::domain_error);
}
