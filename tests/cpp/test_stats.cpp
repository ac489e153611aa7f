#include "catch.hpp"

#include "../../src/detail/parallel.hpp"

#include <array>
#include <tipstats/stats/changes.hpp>
#include <tipstats/stats/claims.hpp>
#include <tipstats/stats/poisson.hpp>
#include <tipstats/stats/proportion.hpp>
#include <tipstats/stats/rates.hpp>
#include <tipstats/stats/standardize.hpp>

#include <atomic>
#include <cmath>
#include <limits>
#include <vector>

namespace st = tipstats::stats;

namespace {
// Relative closeness for reference values quoted to full double precision.
bool close(double actual, double expected, double rel = 1e-9) {
    return std::abs(actual - expected) <= rel * std::abs(expected);
}
}  // namespace

TEST_CASE("percent change, implied baseline and share", "[stats]") {
    CHECK(close(st::percent_change(263, 105), 150.47619047619048));
    CHECK(st::percent_change(50, 100) == -50);
    CHECK(close(st::implied_baseline(263, 150), 105.2));  // the article's "increase of 150 per cent"
    CHECK(st::share(86, 100) == 0.86);
    CHECK_THROWS_AS(st::percent_change(10, 0), tipstats::domain_error);
    CHECK_THROWS_AS(st::percent_change(-1, 5), tipstats::domain_error);
    CHECK_THROWS_AS(st::implied_baseline(10, -100), tipstats::domain_error);
    CHECK_THROWS_AS(st::share(5, 4), tipstats::domain_error);
    try {
        st::percent_change(std::numeric_limits<double>::quiet_NaN(), 5);
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "current");
        CHECK_FALSE(e.index().has_value());
    }
}

TEST_CASE("proportion intervals match statsmodels' proportion_confint", "[stats]") {
    // Reference: statsmodels 0.15 proportion_confint(86, 100, alpha=0.05, method=...).
    struct row {
        st::proportion_method method;
        double lower, upper;
    };
    const row rows[] = {
        {st::proportion_method::wilson, 0.7786281178903616, 0.9147365634006086},
        {st::proportion_method::exact, 0.7762720186294323, 0.9212945950730342},
        {st::proportion_method::jeffreys, 0.7821016190218997, 0.9174340372533154},
        {st::proportion_method::agresti_coull, 0.7773846053522597, 0.9159800759387107},
        {st::proportion_method::wald, 0.7919917915239952, 0.9280082084760047},
    };
    for (const auto& r : rows) {
        INFO(st::to_string(r.method));
        const auto ci = st::proportion_ci(86, 100, {.method = r.method});
        CHECK(close(ci.lower, r.lower));
        CHECK(close(ci.upper, r.upper));
    }
    // R binom 1.1 binom.confint(x = 4, n = 20, tol = 1e-8), as quoted in statsmodels'
    // stats/tests/results/results_proportion.py: exact and wilson.
    CHECK(std::abs(st::proportion_ci(4, 20, {.method = st::proportion_method::exact}).lower - 0.05733399705003284) < 1e-12);
    CHECK(std::abs(st::proportion_ci(4, 20, {.method = st::proportion_method::exact}).upper - 0.436614002996668) < 1e-12);
    CHECK(std::abs(st::proportion_ci(4, 20, {.method = st::proportion_method::wilson}).lower - 0.0806576625797981) < 1e-12);
    CHECK(std::abs(st::proportion_ci(4, 20, {.method = st::proportion_method::wilson}).upper - 0.4160174322518935) < 1e-12);
}

TEST_CASE("proportion intervals at x = 0 and x = n", "[stats]") {
    for (auto m : {st::proportion_method::wilson, st::proportion_method::exact, st::proportion_method::jeffreys,
                   st::proportion_method::agresti_coull, st::proportion_method::wald}) {
        INFO(st::to_string(m));
        const auto zero = st::proportion_ci(0, 30, {.method = m});
        const auto all = st::proportion_ci(30, 30, {.method = m});
        CHECK(zero.lower == 0);
        CHECK(all.upper == 1);
        CHECK(zero.upper <= 1);
        CHECK(all.lower >= 0);
    }
    // Clopper-Pearson at 0/30: 1 - 0.025^(1/30) (the closed form of Beta(0.975; 1, 30)).
    CHECK(close(st::proportion_ci(0, 30, {.method = st::proportion_method::exact}).upper, 1 - std::pow(0.025, 1.0 / 30)));
    CHECK_THROWS_AS(st::proportion_ci(31, 30), tipstats::domain_error);
    CHECK_THROWS_AS(st::proportion_ci(1, 0), tipstats::domain_error);
    CHECK_THROWS_AS(st::proportion_ci(1, 3, {.level = 1.0}), tipstats::domain_error);
    CHECK_THROWS_AS(st::parse_proportion_method("score"), tipstats::domain_error);
}

TEST_CASE("Poisson intervals", "[stats]") {
    // Reference: scipy.stats.chi2.ppf(0.025, 526) / 2 and chi2.isf(0.025, 528) / 2.
    const auto ci = st::poisson_ci(263);
    CHECK(close(ci.lower, 232.17221476950488));
    CHECK(close(ci.upper, 296.78196452315933));
    // x = 0: the upper limit is -ln(0.025) exactly (Garwood).
    CHECK(st::poisson_ci(0).lower == 0);
    CHECK(close(st::poisson_ci(0).upper, -std::log(0.025)));
    const auto byar = st::poisson_ci(263, {.method = st::poisson_method::byar});
    CHECK(std::abs(byar.lower - ci.lower) < 0.05);  // Byar is accurate to a few hundredths at this size
    CHECK(std::abs(byar.upper - ci.upper) < 0.05);
    CHECK_THROWS_AS(st::poisson_ci(-1), tipstats::domain_error);
}

TEST_CASE("rate ratio and change match R's exactci and scipy's binomtest", "[stats]") {
    // R exactci: poisson.exact(c(60, 30), c(51477.5, 54308.7)), central interval and minlike p-value,
    // as quoted in statsmodels' stats/tests/test_rates_poisson.py and results/results_rates.py.
    const auto r = st::rate_ratio(60, 51477.5, 30, 54308.7);
    CHECK(close(r.ratio, 2.10999757175465, 1e-12));
    CHECK(close(r.ci.lower, 1.339735721772650));
    CHECK(close(r.ci.upper, 3.388365573616252));
    CHECK(close(r.p_value, 0.000675182658686321));
    // The article: 263 victims against 105 (150 % up). Reference: scipy.stats.binomtest(263, 368).
    const auto c = st::change_ci(263, 105);
    CHECK(close(c.percent_change, 150.47619047619048));
    CHECK(close(c.ci.lower, 99.0213651280768));
    CHECK(close(c.ci.upper, 217.15234498609342));
    CHECK(close(c.p_value, 9.149771107843775e-17, 1e-6));
    // Edges: no events in the second group, none at all.
    CHECK(std::isinf(st::rate_ratio(3, 1, 0, 1).ci.upper));
    CHECK(std::isnan(st::rate_ratio(0, 1, 0, 1).ratio));
    CHECK(st::rate_ratio(0, 1, 4, 1).ci.lower == 0);
    CHECK_THROWS_AS(st::rate_ratio(1.5, 1, 2, 1), tipstats::domain_error);
    CHECK_THROWS_AS(st::change_ci(5, 0), tipstats::domain_error);
}

TEST_CASE("rates per population", "[stats]") {
    CHECK(close(st::rate(263, 8'000'000), 3.2875));
    const auto ci = st::rate_ci(263, 8'000'000);
    CHECK(close(ci.lower, 232.17221476950488 / 80));
    CHECK_THROWS_AS(st::rate(1, 0), tipstats::domain_error);
}

TEST_CASE("direct standardisation: Fay-Feuer and Tiwari", "[stats]") {
    // Fleiss (1981) table 14.4: Down syndrome by maternal age, birth order 5+, standard = all births by age
    // (the example of Fay & Feuer 1997 and epitools::ageadjust.direct). Reference computed from the paper's
    // formula with scipy.stats.gamma (see tests/python/test_stats.py, which recomputes it).
    const std::vector<double> cases{0, 8, 63, 112, 262, 295};
    const std::vector<double> births{327, 30666, 123419, 149919, 104088, 34392};
    const std::vector<double> standard{319933, 931318, 786511, 488235, 237863, 61313};
    const auto ff = st::standardized_rate(cases, births, standard);
    const auto tw = st::standardized_rate(cases, births, standard, {.method = st::standardize_method::tiwari});
    CHECK(ff.rate == tw.rate);
    CHECK(ff.ci.lower == tw.ci.lower);
    CHECK(ff.ci.lower < ff.rate);
    CHECK(tw.ci.upper < ff.ci.upper);  // Tiwari's correction is smaller than Fay-Feuer's w_M
    // All-zero counts: lower 0, upper from the gamma with shape 1, i.e. -ln(alpha/2) * w_M.
    const std::vector<double> zeros(6, 0.0);
    const auto z = st::standardized_rate(zeros, births, standard, {.per = 1.0});
    CHECK(z.ci.lower == 0);
    const double w_max = 319933.0 / 2825173.0 / 327.0;
    CHECK(close(z.ci.upper, -std::log(0.025) * w_max));
    const std::vector<double> short_pop{1, 2};
    CHECK_THROWS_AS(st::standardized_rate(cases, short_pop, standard), tipstats::domain_error);
    std::vector<double> bad = births;
    bad[3] = 0;
    try {
        st::standardized_rate(cases, bad, standard);
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "populations");
        CHECK(e.index() == 3u);
    }
}

TEST_CASE("batch forms broadcast, use threads, and name the first bad index", "[stats]") {
    const std::size_t n = 10'000;
    std::vector<double> x(n), trials{5000.0}, lower(n), upper(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i % 5001);
    st::proportion_ci(x, trials, lower, upper, {.method = st::proportion_method::exact}, {.threads = 4});
    for (std::size_t i : {0ul, 17ul, 5000ul, 9999ul}) {
        const auto ci = st::proportion_ci(x[i], 5000, {.method = st::proportion_method::exact});
        CHECK(lower[i] == ci.lower);
        CHECK(upper[i] == ci.upper);
    }
    x[7000] = -1;
    x[9000] = -2;
    try {
        st::proportion_ci(x, trials, lower, upper, {.method = st::proportion_method::exact}, {.threads = 4});
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "x");
        CHECK(e.index() == 7000u);
    }
    std::vector<double> wrong(3);
    CHECK_THROWS_AS(st::poisson_ci(x, lower, wrong), tipstats::domain_error);

    // Any contiguous range of numbers: integer counts, floats, a C array; an Eigen vector (tested
    // where Eigen is at hand, in test_mse_loglinear.cpp).
    const std::vector<int> counts{263, 105};
    const std::array<float, 2> previous{105.0f, 42.0f};
    const long populations[] = {8'000'000, 4'000'000};
    std::vector<double> change(2), rates(2);
    st::percent_change(counts, previous, change);
    st::rate(counts, populations, rates);
    CHECK(change[0] == st::percent_change(263, 105));
    CHECK(change[1] == st::percent_change(105, 42));
    CHECK(rates[1] == st::rate(105, 4'000'000));

    std::atomic<std::size_t> covered{0};
    tipstats::detail::parallel_ranges(100'000, 3, [&](std::size_t b, std::size_t e) { covered += e - b; });
    CHECK(covered == 100'000u);
}

TEST_CASE("claims: the article's figures", "[stats][claims]") {
    const auto c = st::parse_claim("an increase of nearly 150 per cent compared to the same period last year");
    CHECK(c.kind == st::claim_kind::change);
    CHECK(c.qualifier == st::claim_qualifier::nearly);
    CHECK(c.stated == 150);
    CHECK_FALSE(c.decrease);

    // Only the current count: 263 = previous * (1 + v/100) with 135 <= v < 150 gives previous 106 to 111.
    const auto only_current = st::check_change_claim(c, 263);
    REQUIRE(only_current.baseline_range);
    CHECK(only_current.baseline_range->low == 106);
    CHECK(only_current.baseline_range->high == 111);
    CHECK_FALSE(only_current.consistent.has_value());

    // 105 would be +150.5 %: more than 150, so "nearly 150" does not fit; 106 (+148.1 %) does.
    CHECK(st::check_change_claim(c, 263, 105).consistent == false);
    CHECK(st::check_change_claim(c, 263, 106).consistent == true);
    CHECK(close(*st::check_change_claim(c, 263, 106).exact, 100.0 * 157 / 106));

    const auto share = st::parse_claim("arrests in 86 per cent of cases");
    CHECK(share.kind == st::claim_kind::share);
    CHECK(share.qualifier == st::claim_qualifier::none);
    // Of 70 cases (the article's children under 15), only 60 arrests round to 86 %.
    const auto of70 = st::check_share_claim(share, std::nullopt, 70.0);
    REQUIRE(of70.part_range);
    CHECK(of70.part_range->low == 60);
    CHECK(of70.part_range->high == 60);
    CHECK(st::check_share_claim(share, 60.0, 70.0).consistent == true);
    CHECK(st::check_share_claim(share, 59.0, 70.0).consistent == false);
}

TEST_CASE("claims without counts list the smallest denominators that fit", "[stats][claims]") {
    // "86 per cent" admits [85.5, 86.5) %: 6/7 = 85.71 % is the first; 13/15 = 86.67 % and 12/14 = 85.71 %
    // show why 15 is missing and 14 is there. Worked out by hand from k / n for k = round(0.86 n).
    const auto share = st::check_share_claim(st::parse_claim("arrests in 86 per cent of cases"), {}, {});
    CHECK(share.denominators == std::vector<double>{7, 14, 21, 22, 28, 29, 35, 36, 37, 42});
    CHECK(share.explanation.find("the smallest totals that fit: 7, 14, 21") != std::string::npos);
    CHECK_FALSE(share.consistent.has_value());
    // "nearly 150 per cent": the current count is in [2.35 p, 2.5 p); p = 1 to 4 leave no whole number
    // there, p = 5 gives 12 (+140 %).
    const auto change = st::check_change_claim(st::parse_claim("an increase of nearly 150 per cent"));
    REQUIRE_FALSE(change.denominators.empty());
    CHECK(change.denominators.front() == 5);
    CHECK(change.explanation.find("previous counts that fit with a whole current count: 5,") != std::string::npos);
    // A share cannot be more than 100 %: nothing fits, and the search stops at once.
    const auto none = st::check_share_claim(st::parse_claim("more than 100 per cent of victims"), {}, {});
    CHECK(none.denominators.empty());
    CHECK(none.explanation.find("no whole totals") != std::string::npos);
    // With a count given, the check says what fits that count instead.
    CHECK(st::check_share_claim(st::parse_claim("86 per cent"), {}, 70.0).denominators.empty());
    CHECK(st::smallest_denominators(st::parse_claim("86 per cent"), 3) == std::vector<double>{7, 14, 21});
}

TEST_CASE("parts of each total that fit a share claim", "[stats][claims]") {
    const auto c = st::parse_claim("about 86 per cent");  // [77.4, 94.6] %
    const std::vector<double> totals{7, 10, 70};
    std::vector<double> low(3), high(3);
    st::parts_fitting(c, totals, low, high);
    CHECK(low == std::vector<double>{6, 8, 55});   // 6/7 = 85.7; 8/10 = 80; 55/70 = 78.6 (54/70 = 77.1)
    CHECK(high == std::vector<double>{6, 9, 66});  // 9/10 = 90; 66/70 = 94.3 (67/70 = 95.7)
    const std::vector<double> small{2};
    std::vector<double> one_low(1), one_high(1);
    st::parts_fitting(st::parse_claim("86 per cent"), small, one_low, one_high);
    CHECK(std::isnan(one_low[0]));
    CHECK(std::isnan(one_high[0]));
    CHECK_THROWS_AS(st::parts_fitting(st::parse_claim("up 86 per cent"), 70), tipstats::domain_error);
    CHECK_THROWS_AS(st::parts_fitting(c, 0), tipstats::domain_error);
}

TEST_CASE("a fraction below 1 is refused as x unless the counts are weighted", "[stats]") {
    try {
        st::proportion_ci(0.86, 70);
        FAIL("a share passed as x was accepted");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "x");
        CHECK(std::string(e.what()).find("did you mean a share? pass x = share * n (0.86 * 70 = 60.2)") !=
              std::string::npos);
    }
    const auto weighted = st::proportion_ci(0.86, 70, {.method = st::proportion_method::wilson, .counts = st::count_kind::weighted});
    // The Wilson interval of 0.86 weighted successes in 70 trials, from its formula.
    const double z = 1.959963984540054, q = 0.86 / 70, z2n = z * z / 70;
    const double centre = (q + z2n / 2) / (1 + z2n), half = z * std::sqrt(q * (1 - q) / 70 + z2n / 280) / (1 + z2n);
    CHECK(close(weighted.lower, std::max(0.0, centre - half)));
    CHECK(close(weighted.upper, centre + half));
    // whole counts, zero, and weighted counts of 1 or more are unchanged
    CHECK(st::proportion_ci(0, 70).lower == 0);
    CHECK(st::proportion_ci(1.5, 70).lower > 0);
    const std::vector<double> x{60, 0.5}, n{70};
    std::vector<double> lower(2), upper(2);
    try {
        st::proportion_ci(x, n, lower, upper, {.method = st::proportion_method::exact});
        FAIL("a share in a batch was accepted");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.index() == std::optional<std::size_t>(1));
    }
    st::proportion_ci(x, n, lower, upper, {.method = st::proportion_method::exact, .counts = st::count_kind::weighted},
                      {.threads = 1});
    CHECK(lower[1] == st::proportion_ci(0.5, 70, {.method = st::proportion_method::exact, .counts = st::count_kind::weighted}).lower);
}

TEST_CASE("claims: qualifiers and directions", "[stats][claims]") {
    CHECK(st::parse_claim("down about 30%").decrease);
    CHECK(st::parse_claim("down about 30%").qualifier == st::claim_qualifier::about);
    CHECK(st::parse_claim("a rise of more than 20 percent").qualifier == st::claim_qualifier::more_than);
    CHECK(st::parse_claim("up to 40% of victims").kind == st::claim_kind::share);
    CHECK(st::parse_claim("up to 40% of victims").qualifier == st::claim_qualifier::at_most);
    CHECK(st::parse_claim("86.0 per cent").decimals == 1);
    CHECK(st::parse_claim("a rise of 1,200 per-cent").stated == 1200);
    CHECK_THROWS_AS(st::parse_claim("up 5 percentage points"), tipstats::parse_error);
    CHECK_THROWS_AS(st::parse_claim("a big increase"), tipstats::parse_error);

    // "a fall of about 30 %" from 70 now: the previous count p has 27 <= 100 (p - 70) / p <= 33.
    const auto fall = st::check_change_claim(st::parse_claim("a fall of about 30 per cent"), 70);
    REQUIRE(fall.baseline_range);
    CHECK(fall.baseline_range->low == 96);    // 70/96 - 1 = -27.1 %
    CHECK(fall.baseline_range->high == 104);  // 70/104 - 1 = -32.7 %
    // "more than 150 %" has no lowest baseline limit other than 1.
    const auto more = st::check_change_claim(st::parse_claim("an increase of more than 150%"), 263);
    REQUIRE(more.baseline_range);
    CHECK(more.baseline_range->low == 1);
    CHECK(more.baseline_range->high == 105);
}
