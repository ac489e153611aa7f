#pragma once
// What every function in tipstats::stats shares: the interval type, the options of batch forms and
// the number views they take.

#include <tipstats/batch_options.hpp>
#include <tipstats/error.hpp>
#include <tipstats/interval.hpp>
#include <tipstats/number_span.hpp>

#include <span>

// Batch forms of the statistics take their inputs as number_span and write into std::span<double>
// outputs; inputs of one element stand for every element (broadcasting); a bad element raises
// domain_error with its index.
