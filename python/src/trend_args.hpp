#pragma once
// Arguments the trend bindings share (register_trend.cpp, register_trend_table.cpp).
#include <tipstats/error.hpp>
#include <tipstats/trend/loglinear.hpp>

#include <string>

namespace tipstats::python {

/// The count model named `name` ("poisson", "quasi", "negbin"), else a domain_error naming `model`.
inline trend::count_model count_model_of(const std::string& name) {
    if (name == "poisson") return trend::count_model::poisson;
    if (name == "quasi") return trend::count_model::quasi;
    if (name == "negbin") return trend::count_model::negbin;
    throw domain_error("model", "must be 'poisson', 'quasi' or 'negbin', got '" + name + "'");
}

}  // namespace tipstats::python
