#pragma once
// The pickled state of a compiled class is a tuple (format version, fields...). A state of another
// version or layout is refused with a ParseError rather than built into a wrong object.
#include <tipstats/error.hpp>

#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>

namespace tipstats::python {

/// The state version the compiled classes write and read.
constexpr int pickle_state_version = 1;

/// Checks that `state` is (pickle_state_version, ...) with `size` entries in all, else throws a
/// parse_error naming the class, the version found and the version this build reads.
template <class T>
void check_pickled_state(const pybind11::tuple& state, std::size_t size) {
    namespace py = pybind11;
    const std::string name = "tipstats." + py::type::of<T>().attr("__name__").template cast<std::string>();
    const py::object version_found = state.empty() ? py::object(py::none()) : py::object(state[0]);
    const std::string version = state.empty() ? std::string("missing") : py::repr(version_found).template cast<std::string>();
    if (!py::isinstance<py::int_>(version_found) || !version_found.equal(py::int_(pickle_state_version)))
        throw parse_error("cannot unpickle " + name + ": state version " + version + ", this tipstats reads version " +
                          std::to_string(pickle_state_version));
    if (state.size() != size)
        throw parse_error("cannot unpickle " + name + ": a version " + std::to_string(pickle_state_version) +
                          " state has " + std::to_string(size) + " entries, this one " + std::to_string(state.size()));
}

}  // namespace tipstats::python
