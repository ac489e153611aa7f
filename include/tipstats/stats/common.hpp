#pragma once
// What every function in tipstats::stats shares: the interval type, the options of batch forms and
// the number views they take.

#include <tipstats/error.hpp>
#include <tipstats/interval.hpp>
#include <tipstats/number_span.hpp>

#include <span>

namespace tipstats::stats {

/// How a batch form runs: on the shared thread pool, with at most `threads` threads (0: all of it).
/// Inputs of one element stand for every element (broadcasting); a bad element raises domain_error
/// with its index.
struct batch_options {
    unsigned threads = 0;
};

}  // namespace tipstats::stats
