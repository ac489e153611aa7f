#pragma once
// Umbrella header: everything tipstats offers to C++ users.

#include <tipstats/error.hpp>
#include <tipstats/version.hpp>

#include <tipstats/time/age_band.hpp>
#include <tipstats/time/date.hpp>
#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>

#include <tipstats/model/agreement.hpp>
#include <tipstats/model/agreement_registry.hpp>
#include <tipstats/model/dataset.hpp>
#include <tipstats/model/iso3166.hpp>
#include <tipstats/model/name_folding.hpp>
#include <tipstats/model/observation.hpp>
#include <tipstats/model/observations.hpp>
#include <tipstats/model/partner.hpp>
#include <tipstats/model/quantity.hpp>
#include <tipstats/model/series.hpp>
#include <tipstats/model/source.hpp>

#include <tipstats/stats/tabulate.hpp>

#include <tipstats/io/csv.hpp>
#include <tipstats/io/json_document.hpp>
#include <tipstats/io/glotip.hpp>

#include <tipstats/stats/changes.hpp>
#include <tipstats/stats/claims.hpp>
#include <tipstats/stats/poisson.hpp>
#include <tipstats/stats/proportion.hpp>
#include <tipstats/stats/rates.hpp>
#include <tipstats/stats/standardize.hpp>
#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/joinpoint.hpp>
#include <tipstats/trend/loglinear.hpp>
#include <tipstats/trend/mann_kendall.hpp>

#include <tipstats/mse/bma.hpp>
#include <tipstats/mse/bootstrap.hpp>
#include <tipstats/mse/capture_table.hpp>
#include <tipstats/mse/closed.hpp>
#include <tipstats/mse/loglinear.hpp>
