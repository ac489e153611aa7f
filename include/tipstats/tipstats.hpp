#pragma once
// Umbrella header: everything tipstats offers to C++ users.

#include <tipstats/error.hpp>
#include <tipstats/version.hpp>

#include <tipstats/time/date.hpp>
#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>

#include <tipstats/detail/parallel.hpp>
#include <tipstats/stats/changes.hpp>
#include <tipstats/stats/claims.hpp>
#include <tipstats/stats/poisson.hpp>
#include <tipstats/stats/proportion.hpp>
#include <tipstats/stats/rates.hpp>
#include <tipstats/stats/standardize.hpp>
