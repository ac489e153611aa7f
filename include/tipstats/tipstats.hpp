#pragma once
// Umbrella header: everything tipstats offers to C++ users.

#include <tipstats/error.hpp>
#include <tipstats/version.hpp>

#include <tipstats/time/date.hpp>
#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>
#include <tipstats/time/age_band.hpp>

#include <tipstats/stats/tabulate.hpp>

#include <tipstats/model/observation.hpp>
#include <tipstats/model/observations.hpp>
#include <tipstats/model/quantity.hpp>
#include <tipstats/model/series.hpp>
#include <tipstats/io/csv.hpp>
