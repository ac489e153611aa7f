#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/mse/capture_table.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace ms = tipstats::mse;

namespace {
// Chan, Silverman & Vincent (2021), Table 2: A 40, B 30, C 20, AB 6.
ms::capture_table artificial_3() {
    const std::vector<ms::pattern> patterns{0b001, 0b010, 0b100, 0b011};
    const std::vector<double> counts{40, 30, 20, 6};
    return ms::capture_table::from_rows({"A", "B", "C"}, patterns, counts);
}

template <class Fn>
void check_domain_error(Fn&& fn, const std::string& argument, std::optional<std::size_t> index) {
    try {
        fn();
        FAIL("no domain_error");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == argument);
        CHECK(e.index() == index);
    }
}
}  // namespace

TEST_CASE("a capture table counts people by pattern and overlap", "[mse][table]") {
    const auto t = artificial_3();
    CHECK(t.size() == 3);
    CHECK(t.cells() == 8);
    CHECK(t.observed() == 96);
    CHECK(t.count(0b011) == 6);
    CHECK(t.count(0b111) == 0);
    CHECK(t.on_all(0b001) == 46);
    CHECK(t.on_all(0b011) == 6);
    CHECK(t.on_all(0b101) == 0);
    CHECK(t.name_of(0b101) == "A&C");
    CHECK(t.name_of(0) == "(none)");
}

TEST_CASE("repeated patterns are added up", "[mse][table]") {
    const std::vector<ms::pattern> patterns{1, 2, 1};
    const std::vector<double> counts{3, 4, 5};
    const auto t = ms::capture_table::from_rows({"A", "B"}, patterns, counts);
    CHECK(t.count(1) == 8);
    CHECK(t.observed() == 12);
}

TEST_CASE("bad capture tables raise located domain errors", "[mse][table]") {
    const std::vector<ms::pattern> p{1, 2, 0};
    const std::vector<double> c{3, 4, 5};
    check_domain_error([&] { ms::capture_table::from_rows({"A", "B"}, p, c); }, "patterns", 2);
    const std::vector<ms::pattern> beyond{1, 4};
    const std::vector<double> two{1, 1};
    check_domain_error([&] { ms::capture_table::from_rows({"A", "B"}, beyond, two); }, "patterns", 1);
    const std::vector<ms::pattern> ok{1, 2};
    for (double bad : {-1.0, 2.5, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
        const std::vector<double> counts{1, bad};
        check_domain_error([&] { ms::capture_table::from_rows({"A", "B"}, ok, counts); }, "counts", 1);
    }
    check_domain_error([&] { ms::capture_table({"A"}, {0, 1}); }, "lists", std::nullopt);
    check_domain_error([&] { ms::capture_table({"A", "A"}, {0, 1, 1, 1}); }, "lists", 1);
    check_domain_error([&] { ms::capture_table({"A", ""}, {0, 1, 1, 1}); }, "lists", 1);
    check_domain_error([&] { ms::capture_table({"A", "B"}, {0, 1, 1}); }, "counts", std::nullopt);
    check_domain_error([&] { ms::capture_table({"A", "B"}, {2, 1, 1, 1}); }, "counts", 0);
    check_domain_error([&] { ms::capture_table({"A", "B"}, {0, 0, 0, 0}); }, "counts", std::nullopt);
    const std::vector<double> short_counts{1};
    check_domain_error([&] { ms::capture_table::from_rows({"A", "B"}, ok, short_counts); }, "counts", std::nullopt);
    std::vector<std::string> many;
    for (int i = 0; i < 17; ++i) many.push_back("L" + std::to_string(i));
    check_domain_error([&] { ms::capture_table::from_rows(many, ok, two); }, "lists", std::nullopt);
}
