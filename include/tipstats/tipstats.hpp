#pragma once
// Umbrella header: everything tipstats offers to C++ users.

#include <tipstats/error.hpp>
#include <tipstats/version.hpp>

#include <tipstats/time/date.hpp>
#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>

#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/joinpoint.hpp>
#include <tipstats/trend/loglinear.hpp>
#include <tipstats/trend/mann_kendall.hpp>
