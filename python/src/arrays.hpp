#pragma once
// numpy arrays in and out of the bindings: one-dimensional float input checked, vectors copied out.
#include <tipstats/error.hpp>

#include <pybind11/numpy.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace tipstats::python {

/// A C-contiguous float64 array; pybind11 converts any array-like to it.
using float_array = pybind11::array_t<double, pybind11::array::c_style | pybind11::array::forcecast>;

/// The values of a one-dimensional array, else a domain_error naming the argument.
inline std::span<const double> vector_of(const float_array& a, const char* name) {
    if (a.ndim() != 1) throw domain_error(name, "must be one-dimensional, got " + std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

/// A 1-D numpy array holding a copy of `values`. Shape and strides are spelled out: with pybind11 3.1
/// and numpy 2.4 the (count, pointer) constructor gave an array whose elements all aliased the first.
template <class T>
pybind11::array_t<T> as_array(const std::vector<T>& values) {
    const std::vector<pybind11::ssize_t> shape{static_cast<pybind11::ssize_t>(values.size())};
    const std::vector<pybind11::ssize_t> strides{static_cast<pybind11::ssize_t>(sizeof(T))};
    return pybind11::array_t<T>(shape, strides, values.data());
}

}  // namespace tipstats::python
