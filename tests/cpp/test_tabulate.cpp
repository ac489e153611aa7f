#include "catch.hpp"

#include <tipstats/error.hpp>
#include <tipstats/stats/tabulate.hpp>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <utility>
#include <vector>

using tipstats::code_column;
using tipstats::tabulation;

namespace {

// Independent reference: a std::map keyed by (is missing, code) per column, so missing sorts last.
tabulation reference(const std::vector<code_column>& columns, const std::vector<std::int64_t>& weights = {}) {
    using key = std::vector<std::pair<bool, std::int64_t>>;
    std::map<key, std::int64_t> counts;
    const std::size_t n = columns.empty() ? 0 : columns[0].size();
    for (std::size_t i = 0; i < n; ++i) {
        key k;
        for (const auto& c : columns) {
            const std::int64_t v = std::visit([i](const auto& view) { return static_cast<std::int64_t>(view[i]); }, c.codes);
            k.emplace_back(c.missing_code && v == *c.missing_code, v);
        }
        counts[k] += weights.empty() ? 1 : weights[i];
    }
    tabulation out;
    out.codes.assign(columns.size(), {});
    for (const auto& [k, count] : counts) {
        for (std::size_t j = 0; j < k.size(); ++j) out.codes[j].push_back(k[j].second);
        out.counts.push_back(count);
    }
    return out;
}

void check_same(const tabulation& got, const tabulation& want) {
    REQUIRE(got.groups() == want.groups());
    CHECK(got.counts == want.counts);
    REQUIRE(got.codes.size() == want.codes.size());
    for (std::size_t j = 0; j < got.codes.size(); ++j) CHECK(got.codes[j] == want.codes[j]);
}

template <class T>
std::vector<T> random_codes(std::size_t n, std::int64_t lo, std::int64_t hi, std::mt19937_64& rng) {
    std::uniform_int_distribution<std::int64_t> pick(lo, hi);
    std::vector<T> v(n);
    for (auto& x : v) x = static_cast<T>(pick(rng));
    return v;
}

}  // namespace

TEST_CASE("tabulate counts a hand-made table", "[tabulate]") {
    const std::vector<std::int16_t> year{2019, 2018, 2019, 2019, 2018, 2020};
    const std::vector<std::int8_t> sex{1, 0, 1, -1, 0, 1};  // -1: missing, as pandas' category codes
    const std::vector<code_column> columns{{"year", std::span<const std::int16_t>(year)},
                                           {"sex", std::span<const std::int8_t>(sex), -1}};
    const auto t = tipstats::tabulate(columns);
    CHECK(t.codes[0] == std::vector<std::int64_t>{2018, 2019, 2019, 2020});
    CHECK(t.codes[1] == std::vector<std::int64_t>{0, 1, -1, 1});
    CHECK(t.counts == std::vector<std::int64_t>{2, 2, 1, 1});
}

TEST_CASE("tabulate agrees with a map on random columns of every width, dense and sparse", "[tabulate]") {
    std::mt19937_64 rng(20191128);
    for (const std::size_t n : {std::size_t{1}, std::size_t{7}, std::size_t{5000}, std::size_t{100000}}) {
        const auto a = random_codes<std::int8_t>(n, -1, 8, rng);                // category codes with missing
        const auto b = random_codes<std::uint16_t>(n, 0, 2, rng);
        const auto c = random_codes<std::int32_t>(n, -50, 200, rng);            // negative codes
        const auto d = random_codes<std::int64_t>(n, 2002, 2023, rng);          // years
        const auto e = random_codes<std::uint8_t>(n, 250, 255, rng);
        const auto f = random_codes<std::uint32_t>(n, 0, std::numeric_limits<std::uint32_t>::max(), rng);
        const auto g = random_codes<std::int64_t>(n, std::numeric_limits<std::int64_t>::min(),
                                                  std::numeric_limits<std::int64_t>::max(), rng);  // wide: ranked
        const auto h = random_codes<std::int16_t>(n, -1, 3, rng);
        // Missing codes in the middle of the values, wide (ranked) and narrow (dense).
        auto w = random_codes<std::int64_t>(n, std::numeric_limits<std::int64_t>::min() / 2,
                                            std::numeric_limits<std::int64_t>::max() / 2, rng);
        for (std::size_t i = 0; i < n; i += 5) w[i] = 0;
        const auto x = random_codes<std::int32_t>(n, -5, 5, rng);
        const std::vector<code_column> all{
            {"a", std::span<const std::int8_t>(a), -1},   {"b", std::span<const std::uint16_t>(b)},
            {"c", std::span<const std::int32_t>(c)},      {"d", std::span<const std::int64_t>(d)},
            {"e", std::span<const std::uint8_t>(e), 255}, {"f", std::span<const std::uint32_t>(f)},
            {"g", std::span<const std::int64_t>(g)},      {"h", std::span<const std::int16_t>(h), -1},
            {"w", std::span<const std::int64_t>(w), 0},   {"x", std::span<const std::int32_t>(x), 0}};
        const std::vector<std::vector<std::size_t>> selections{
            {0}, {3}, {0, 1}, {3, 0, 1}, {0, 1, 2, 3, 4}, {2, 4, 7}, {5}, {6}, {6, 5, 0}, {5, 6, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 7},
            {8}, {9}, {8, 9}, {9, 0, 8}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}};
        for (const auto& pick : selections) {
            std::vector<code_column> columns;
            for (const auto j : pick) columns.push_back(all[j]);
            const auto want = reference(columns);
            INFO("rows " << n << ", first column " << columns[0].name << ", " << columns.size() << " columns");
            for (const unsigned threads : {1u, 2u, 3u}) check_same(tipstats::tabulate(columns, {.threads = threads}), want);
        }
    }
}

TEST_CASE("threads with tables of their own add up to the same counts", "[tabulate]") {
    std::mt19937_64 rng(7);
    const std::size_t n = 400000;  // several times 2^16 rows per possible key: one table per thread
    const auto year = random_codes<std::int64_t>(n, 2002, 2023, rng);
    const auto age = random_codes<std::int8_t>(n, -1, 8, rng);
    const auto sex = random_codes<std::int8_t>(n, -1, 2, rng);
    const std::vector<code_column> columns{{"year", std::span<const std::int64_t>(year)},
                                           {"age", std::span<const std::int8_t>(age), -1},
                                           {"sex", std::span<const std::int8_t>(sex), -1}};
    const auto want = reference(columns);
    for (const unsigned threads : {1u, 2u, 3u, 8u}) check_same(tipstats::tabulate(columns, {.threads = threads}), want);
}

TEST_CASE("tabulate handles missing-only columns, one row, no rows and huge counts", "[tabulate]") {
    const std::vector<std::int8_t> missing(10, -1);
    const std::vector<std::int32_t> value{5, 5, 5, 5, 5, 6, 6, 6, 6, 6};
    const std::vector<code_column> columns{{"m", std::span<const std::int8_t>(missing), -1},
                                           {"v", std::span<const std::int32_t>(value)}};
    check_same(tipstats::tabulate(columns), reference(columns));
    CHECK(tipstats::tabulate(columns).counts == std::vector<std::int64_t>{5, 5});

    const std::vector<std::int64_t> none;
    const std::vector<code_column> empty{{"x", std::span<const std::int64_t>(none)}, {"y", std::span<const std::int64_t>(none)}};
    const auto t = tipstats::tabulate(empty);
    CHECK(t.groups() == 0);
    CHECK(t.codes.size() == 2);

    // One group holding every row, counted by two threads.
    const std::vector<std::uint8_t> same(3'000'000, 7);
    const std::vector<code_column> one{{"s", std::span<const std::uint8_t>(same)}};
    const auto u = tipstats::tabulate(one, {.threads = 2});
    CHECK(u.counts == std::vector<std::int64_t>{3'000'000});
    CHECK(u.codes[0] == std::vector<std::int64_t>{7});
}

TEST_CASE("tabulate rejects no columns and columns of different lengths, naming the column", "[tabulate]") {
    CHECK_THROWS_AS(tipstats::tabulate({}), tipstats::domain_error);
    const std::vector<std::int64_t> three{1, 2, 3};
    const std::vector<std::int8_t> two{1, 2};
    const std::vector<code_column> columns{{"year", std::span<const std::int64_t>(three)},
                                           {"gender", std::span<const std::int8_t>(two)}};
    try {
        tipstats::tabulate(columns);
        FAIL("no exception");
    } catch (const tipstats::validation_error& e) {
        CHECK(e.field() == "gender");
        CHECK(std::string(e.what()).find("2 rows") != std::string::npos);
    }
}

TEST_CASE("weighted rows count as their weights; a group weighing 0 is kept, dense and sparse", "[tabulate]") {
    std::mt19937_64 rng(20250414);
    for (const std::size_t n : {std::size_t{1}, std::size_t{9}, std::size_t{5000}, std::size_t{300000}}) {
        const auto year = random_codes<std::int64_t>(n, 2002, 2023, rng);
        const auto sex = random_codes<std::int8_t>(n, -1, 2, rng);
        const auto wide = random_codes<std::int64_t>(n, std::numeric_limits<std::int64_t>::min() / 2,
                                                     std::numeric_limits<std::int64_t>::max() / 2, rng);
        auto weights = random_codes<std::int64_t>(n, 0, 3, rng);  // many zeros: groups that weigh 0
        weights[0] = std::int64_t{1} << 40;                        // a huge count
        const std::vector<code_column> dense{{"year", std::span<const std::int64_t>(year)},
                                             {"sex", std::span<const std::int8_t>(sex), -1}};
        const std::vector<code_column> sparse{{"wide", std::span<const std::int64_t>(wide)},
                                              {"sex", std::span<const std::int8_t>(sex), -1}};
        for (const auto& columns : {dense, sparse}) {
            INFO("rows " << n << ", first column " << columns[0].name);
            const auto want = reference(columns, weights);
            for (const unsigned threads : {1u, 2u, 3u}) check_same(tipstats::tabulate(columns, weights, {.threads = threads}), want);
        }
    }
}

TEST_CASE("weights of another length or below 0 are refused, naming them", "[tabulate]") {
    const std::vector<std::int64_t> year{2019, 2020, 2020};
    const std::vector<code_column> columns{{"year", std::span<const std::int64_t>(year)}};
    const std::vector<std::int64_t> two{1, 2};
    try {
        tipstats::tabulate(columns, two);
        FAIL("no exception");
    } catch (const tipstats::validation_error& e) {
        CHECK(e.field() == "weights");
    }
    const std::vector<std::int64_t> negative{1, -2, 3};
    try {
        tipstats::tabulate(columns, negative);
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "weights");
        CHECK(e.index() == std::optional<std::size_t>{1});
    }
}

namespace {

// Independent reference for tabulate_dense: each row's cell in a C-ordered table, computed directly.
std::vector<std::int64_t> dense_reference(const std::vector<code_column>& columns, const std::vector<std::uint64_t>& cells) {
    std::uint64_t entries = 1;
    for (const auto c : cells) entries *= c;
    std::vector<std::int64_t> table(entries, 0);
    for (std::size_t i = 0; i < columns[0].size(); ++i) {
        std::uint64_t at = 0;
        for (std::size_t j = 0; j < columns.size(); ++j) {
            const std::int64_t v = std::visit([i](const auto& view) { return static_cast<std::int64_t>(view[i]); },
                                              columns[j].codes);
            const bool missing = columns[j].missing_code && v == *columns[j].missing_code;
            at = at * cells[j] + (missing ? cells[j] - 1 : static_cast<std::uint64_t>(v));
        }
        ++table[at];
    }
    return table;
}

}  // namespace

TEST_CASE("tabulate_dense counts every row in its cell, missing values last, unused codes empty", "[tabulate]") {
    std::mt19937_64 rng(20261130);
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{5000}, std::size_t{300000}}) {
        const auto age = random_codes<std::int8_t>(n, -1, 8, rng);     // 9 age bands, some missing
        const auto sex = random_codes<std::int8_t>(n, 0, 1, rng);      // the third category never used
        const auto year = random_codes<std::uint16_t>(n, 0, 21, rng);  // years less the first
        const auto country = random_codes<std::int16_t>(n, -1, 180, rng);
        const std::vector<std::int32_t> none(n, -1);                   // a column without categories
        const std::vector<code_column> all{{"age", std::span<const std::int8_t>(age), -1},
                                           {"sex", std::span<const std::int8_t>(sex), -1},
                                           {"year", std::span<const std::uint16_t>(year)},
                                           {"country", std::span<const std::int16_t>(country), -1},
                                           {"none", std::span<const std::int32_t>(none), -1}};
        const std::vector<std::uint64_t> all_cells{10, 4, 23, 182, 1};
        for (const std::vector<std::size_t>& pick : {std::vector<std::size_t>{0}, {4}, {0, 1}, {2, 3}, {0, 1, 2, 3, 4}}) {
            std::vector<code_column> columns;
            std::vector<std::uint64_t> cells;
            for (const auto j : pick) {
                columns.push_back(all[j]);
                cells.push_back(all_cells[j]);
            }
            const auto want = dense_reference(columns, cells);
            INFO("rows " << n << ", first column " << columns[0].name << ", " << columns.size() << " columns");
            for (const unsigned threads : {1u, 2u, 3u}) CHECK(tipstats::tabulate_dense(columns, cells, {.threads = threads}) == want);
        }
    }
}

TEST_CASE("tabulate_dense refuses codes outside their cells and bad cells, naming them", "[tabulate]") {
    const std::vector<std::int8_t> sex{0, 1, -1, 2, 1};
    const std::vector<std::int8_t> negative{0, 0, -2, 1, -1};
    const std::vector<std::int8_t> short_column{0, 1};
    const std::vector<code_column> columns{{"sex", std::span<const std::int8_t>(sex), -1}};
    try {
        tipstats::tabulate_dense(columns, std::vector<std::uint64_t>{3});  // codes 0 and 1, then missing
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "sex");
        CHECK(e.index() == std::optional<std::size_t>{3});
    }
    CHECK(tipstats::tabulate_dense(columns, std::vector<std::uint64_t>{4}) == std::vector<std::int64_t>{1, 2, 1, 1});
    const std::vector<code_column> below{{"age", std::span<const std::int8_t>(negative), -1}};
    try {
        tipstats::tabulate_dense(below, std::vector<std::uint64_t>{3});
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "age");
        CHECK(e.index() == std::optional<std::size_t>{2});
    }
    CHECK_THROWS_AS(tipstats::tabulate_dense({}, {}), tipstats::domain_error);
    try {
        tipstats::tabulate_dense(columns, std::vector<std::uint64_t>{0});
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "cells");
    }
    const std::vector<code_column> two{columns[0], columns[0]};
    try {
        tipstats::tabulate_dense(two, std::vector<std::uint64_t>{std::uint64_t{1} << 16, std::uint64_t{1} << 16});
        FAIL("no exception");
    } catch (const tipstats::domain_error& e) {
        CHECK(e.argument() == "cells");
    }
    CHECK_THROWS_AS(tipstats::tabulate_dense(columns, std::vector<std::uint64_t>{4, 4}), tipstats::validation_error);
    const std::vector<code_column> uneven{columns[0], {"gender", std::span<const std::int8_t>(short_column), -1}};
    try {
        tipstats::tabulate_dense(uneven, std::vector<std::uint64_t>{4, 4});
        FAIL("no exception");
    } catch (const tipstats::validation_error& e) {
        CHECK(e.field() == "gender");
    }
}
