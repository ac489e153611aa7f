#include "register.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "tipstats' compiled core. Use the public package `tipstats` instead.";
    m.attr("__version__") = TIPSTATS_PYTHON_VERSION;
    register_errors(m);
    register_time(m);
    register_trend(m);
}
