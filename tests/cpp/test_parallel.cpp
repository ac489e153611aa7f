#include "catch.hpp"

#include "../../src/detail/parallel.hpp"

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

using namespace tipstats::detail;

TEST_CASE("every thread loop covers each index once", "[parallel]") {
    for (unsigned threads : {0u, 1u, 2u, 7u}) {
        for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{10'007}}) {
            INFO("threads " << threads << ", n " << n);
            std::vector<std::atomic<int>> seen_ranges(n), seen_items(n);
            parallel_ranges(n, threads, [&](std::size_t b, std::size_t e) {
                for (auto i = b; i < e; ++i) ++seen_ranges[i];
            }, 100);
            parallel_for(n, threads, [&](std::size_t i) { ++seen_items[i]; }, 3);
            for (std::size_t i = 0; i < n; ++i) {
                CHECK(seen_ranges[i] == 1);
                CHECK(seen_items[i] == 1);
            }
        }
    }
    std::vector<unsigned> parts_seen(3, 0);
    parallel_slices(10, 3, [&](std::size_t b, std::size_t e, unsigned part) { parts_seen[part] = unsigned(e - b); });
    CHECK(parts_seen == std::vector<unsigned>{4, 3, 3});
}

TEST_CASE("the error at the lowest index wins, whatever the thread count", "[parallel]") {
    for (unsigned threads : {1u, 2u, 4u}) {
        INFO("threads " << threads);
        try {
            parallel_for(1000, threads, [](std::size_t i) {
                if (i == 900 || i == 123) throw std::runtime_error(std::to_string(i));
            }, 7);
            FAIL("no exception");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) == "123");
        }
        try {
            parallel_ranges(10'000, threads, [](std::size_t b, std::size_t e) {
                for (auto i = b; i < e; ++i)
                    if (i == 9000 || i == 4321) throw std::runtime_error(std::to_string(i));
            }, 10);
            FAIL("no exception");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) == "4321");
        }
    }
    CHECK(thread_count(0, 1) == 1);
    CHECK(thread_count(8, 3) == 3);
    CHECK(thread_count(2, 0) == 1);
}
