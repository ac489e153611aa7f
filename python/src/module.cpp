#include "register.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "tipstats' compiled core. Use the public package `tipstats` instead.";
    m.attr("__version__") = TIPSTATS_PYTHON_VERSION;
    register_errors(m);
    register_time(m);
    register_age(m);
    register_tabulate(m);
    register_observations(m);  // before the model: a Dataset holds Observations
    register_model(m);
    register_stats(m);
    register_trend(m);
    register_trend_table(m);
    register_io(m);
    register_mse(m);
}
