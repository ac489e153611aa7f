#pragma once
// Row loops of the batch runners (private to src/trend).

#include "../detail/parallel.hpp"
#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>

#include <string>
#include <vector>

namespace tipstats::trend::detail {

// Runs `one(i)` for every row index on `threads` threads; an error in a row is rethrown naming it.
template <class Result, class One>
std::vector<Result> for_each_row_indexed(const series_matrix& y, unsigned threads, One&& one) {
    std::vector<Result> out(y.rows);
    tipstats::detail::parallel_for(y.rows, threads, [&](std::size_t i) {
        try {
            out[i] = one(i);
        } catch (const domain_error& e) {
            throw domain_error("Y[" + std::to_string(i) + "]", e.what(), e.index());
        }
    });
    return out;
}

template <class Result, class One>
std::vector<Result> for_each_row(const series_matrix& y, unsigned threads, One&& one) {
    return for_each_row_indexed<Result>(y, threads, [&](std::size_t i) { return one(y.row(i)); });
}

}  // namespace tipstats::trend::detail
