// tipstats._core.mse: the numeric core of tipstats.mse. A capture table crosses the boundary as its
// list names and the count of every pattern (a numpy array of 2^k values indexed by bit mask);
// results come back as dicts that python/tipstats/mse wraps in frozen result classes.
#include "register.hpp"

#include <tipstats/error.hpp>
#include <tipstats/mse/capture_table.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <span>
#include <string>
#include <vector>

namespace py = pybind11;
namespace ms = tipstats::mse;

namespace {

using array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using pattern_array = py::array_t<ms::pattern, py::array::c_style | py::array::forcecast>;

std::span<const double> vector_of(const array& a, const char* name) {
    if (a.ndim() != 1) throw tipstats::domain_error(name, "must be one-dimensional, got " + std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

ms::capture_table table_of(const std::vector<std::string>& lists, const array& counts) {
    const auto c = vector_of(counts, "counts");
    return ms::capture_table(lists, std::vector<double>(c.begin(), c.end()));
}

// A 1-D numpy array holding a copy of `values` (shape and strides spelled out, as register_trend does).
template <class T>
py::array_t<T> as_array(const std::vector<T>& values) {
    const std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(values.size())};
    const std::vector<py::ssize_t> strides{static_cast<py::ssize_t>(sizeof(T))};
    return py::array_t<T>(shape, strides, values.data());
}

template <class T>
py::array_t<T> as_array(std::span<const T> values) {
    return as_array(std::vector<T>(values.begin(), values.end()));
}

}  // namespace

void register_mse(py::module_& parent) {
    auto m = parent.def_submodule("mse", "Numeric core of tipstats.mse.");

    m.def("table_from_rows",
          [](const std::vector<std::string>& lists, const pattern_array& patterns, const array& counts) {
              if (patterns.ndim() != 1) throw tipstats::domain_error("patterns", "must be one-dimensional");
              const std::span<const ms::pattern> p{patterns.data(), static_cast<std::size_t>(patterns.shape(0))};
              return as_array(ms::capture_table::from_rows(lists, p, vector_of(counts, "counts")).counts());
          },
          py::arg("lists"), py::arg("patterns"), py::arg("counts"),
          "The count of every pattern (2^k values by bit mask) from rows of (pattern, count); checks them.");

    m.def("check_table", [](const std::vector<std::string>& lists, const array& counts) { table_of(lists, counts); },
          py::arg("lists"), py::arg("counts"), "Checks a table given as list names and the count of every pattern.");
}
