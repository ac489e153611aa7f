#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/mse/capture_table.hpp>
#include <tipstats/mse/closed.hpp>

#include <cmath>
#include <vector>

namespace ms = tipstats::mse;

namespace {
ms::capture_table kosovo() {
    return ms::capture_table({"EXH", "ABA", "OSCE", "HRW"},
                             {0, 1131, 845, 177, 936, 228, 217, 181, 306, 106, 31, 18, 123, 42, 32, 27});
}
}  // namespace

// Reference values: statsmodels 0.14 GLM(family=Poisson()) on Rcapture's designs
// (tests/python/rcapture_reference.py), Rcapture's getN for the standard error.
TEST_CASE("closed models agree with a GLM on Rcapture's designs", "[mse][closed]") {
    const auto fits = ms::closed_models(kosovo());
    REQUIRE(fits.size() == 10);
    const auto& m0 = fits[0];
    CHECK(ms::to_string(m0.model) == "M0");
    CHECK(m0.abundance == Approx(7608.367643866363).epsilon(1e-10));
    CHECK(m0.stderr_abundance == Approx(136.61751322626043).epsilon(1e-8));
    CHECK(m0.deviance == Approx(1104.00196556671).epsilon(1e-10));
    CHECK(m0.df == 13);
    CHECK(m0.aic == Approx(1209.4259702842419).epsilon(1e-12));
    CHECK(m0.bic == Approx(1222.2046899240545).epsilon(1e-12));
    const auto& darroch = fits[4];
    CHECK(ms::to_string(darroch.model) == "Mh Darroch");
    CHECK(darroch.abundance == Approx(12448.385411162955).epsilon(1e-9));
    CHECK(darroch.stderr_abundance == Approx(777.9672892661556).epsilon(1e-7));
    const auto& chao = fits[6];
    CHECK(ms::to_string(chao.model) == "Mth Chao (LB)");
    CHECK(chao.removed_etas == std::vector<std::string>{"eta4"});
    CHECK(chao.abundance == Approx(8591.183637624601).epsilon(1e-9));
    CHECK(chao.df == 9);
    CHECK(chao.aic == Approx(218.9207992184609).epsilon(1e-12));
}

TEST_CASE("the profile interval sits where the likelihood falls by chi2/2", "[mse][closed]") {
    const auto t = kosovo();
    const auto r = ms::profile_interval(t, ms::closed_model::mt, 0.95);
    CHECK(r.abundance == Approx(7392.9177059273425).epsilon(1e-7));
    CHECK(r.ci.lower == Approx(7147.749017520001).epsilon(1e-9));
    CHECK(r.ci.upper == Approx(7656.195480712516).epsilon(1e-9));
    const double cut = r.max_log_likelihood - 3.841458820694124 / 2;
    CHECK(ms::profile_log_likelihood(t, ms::closed_model::mt, r.ci.lower) == Approx(cut).epsilon(1e-12));
    CHECK(ms::profile_log_likelihood(t, ms::closed_model::mt, r.ci.upper) == Approx(cut).epsilon(1e-12));
    CHECK(ms::profile_log_likelihood(t, ms::closed_model::mt, 7500) == Approx(-4522.848761551779).epsilon(1e-11));
}

TEST_CASE("closed model names and bad input", "[mse][closed]") {
    CHECK(ms::closed_model_from_string("MthD") == ms::closed_model::mth_darroch);
    CHECK(ms::closed_model_from_string("Mh Gamma3.5") == ms::closed_model::mh_gamma35);
    CHECK_THROWS_AS(ms::closed_model_from_string("Mb"), tipstats::domain_error);
    const ms::capture_table two({"A", "B"}, {0, 60, 40, 20});
    CHECK(ms::closed_models(two).size() == 2);
    CHECK(ms::fit_closed(two, ms::closed_model::mt).abundance == Approx(240.0).epsilon(1e-10));
    CHECK_THROWS_AS(ms::fit_closed(two, ms::closed_model::mh_darroch), tipstats::domain_error);
    CHECK_THROWS_AS(ms::profile_log_likelihood(kosovo(), ms::closed_model::m0, 4000), tipstats::domain_error);
}
