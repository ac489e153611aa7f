#pragma once
// One registration function per area; module.cpp calls them in order.

#include <pybind11/pybind11.h>

void register_errors(pybind11::module_& m);
void register_time(pybind11::module_& m);
void register_model(pybind11::module_& m);
void register_age(pybind11::module_& m);
void register_tabulate(pybind11::module_& m);
void register_observations(pybind11::module_& m);
void register_stats(pybind11::module_& m);
void register_trend(pybind11::module_& m);
void register_trend_table(pybind11::module_& m);  // after register_trend and register_observations
void register_io(pybind11::module_& m);
void register_mse(pybind11::module_& m);
