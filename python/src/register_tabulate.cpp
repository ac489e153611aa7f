// tipstats._core.tabulate_codes: the counting kernel behind tipstats.tabulate
// (python/tipstats/tabulate.py), on numpy arrays of integer codes viewed in place.
#include "register.hpp"

#include <tipstats/error.hpp>
#include <tipstats/stats/tabulate.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace py = pybind11;
using tipstats::code_column;

namespace {

template <class T>
std::span<const T> span_of(const py::array& codes) {
    return {static_cast<const T*>(codes.data()), static_cast<std::size_t>(codes.size())};
}

/// A one-dimensional, contiguous integer array as a span of its own type: no copy.
code_column::codes_view view_of(const std::string& name, const py::array& codes) {
    if (codes.ndim() != 1)
        throw tipstats::validation_error("must be one-dimensional, has " + std::to_string(codes.ndim()) + " dimensions",
                                         name);
    // The dtype's kind and width are read through Python: py::array::itemsize() of pybind11 before
    // 2.12 reads NumPy 1's descriptor layout and is wrong under NumPy 2.
    const py::object dtype = codes.attr("dtype");
    const auto kind = dtype.attr("kind").cast<std::string>();
    const auto width = dtype.attr("itemsize").cast<py::ssize_t>();
    if (codes.size() > 1 && codes.strides(0) != width)
        throw tipstats::validation_error("must be contiguous in memory", name);
    const bool is_signed = kind == "i";
    switch (is_signed || kind == "u" ? width : 0) {
        case 1: return is_signed ? code_column::codes_view(span_of<std::int8_t>(codes)) : span_of<std::uint8_t>(codes);
        case 2: return is_signed ? code_column::codes_view(span_of<std::int16_t>(codes)) : span_of<std::uint16_t>(codes);
        case 4: return is_signed ? code_column::codes_view(span_of<std::int32_t>(codes)) : span_of<std::uint32_t>(codes);
        case 8:
            if (is_signed) return span_of<std::int64_t>(codes);
            break;
        default: break;
    }
    throw tipstats::validation_error("has dtype " + py::str(dtype).cast<std::string>() +
                                         "; expected integer codes of at most 64 bits (unsigned: 32)",
                                     name);
}

/// Hands a vector to numpy without copying it, as a C-ordered array of `shape` (default: one axis).
py::array_t<std::int64_t> to_numpy(std::vector<std::int64_t>&& values, std::vector<py::ssize_t> shape = {}) {
    if (shape.empty()) shape.push_back(static_cast<py::ssize_t>(values.size()));
    // Explicit strides: pybind11 before 2.12 derives them from NumPy 1's descriptor layout.
    std::vector<py::ssize_t> strides(shape.size());
    py::ssize_t stride = sizeof(std::int64_t);
    for (std::size_t j = shape.size(); j-- > 0;) {
        strides[j] = stride;
        stride *= shape[j];
    }
    auto* owned = new std::vector<std::int64_t>(std::move(values));
    py::capsule release(owned, [](void* p) { delete static_cast<std::vector<std::int64_t>*>(p); });
    return py::array_t<std::int64_t>(shape, strides, owned->data(), release);
}

std::vector<code_column> views_of(
    const std::vector<std::tuple<std::string, py::array, std::optional<std::int64_t>>>& columns) {
    std::vector<code_column> views;
    views.reserve(columns.size());
    for (const auto& [name, codes, missing] : columns) views.push_back({name, view_of(name, codes), missing});
    return views;
}

}  // namespace

void register_tabulate(py::module_& m) {
    m.def(
        "tabulate_codes",
        [](const std::vector<std::tuple<std::string, py::array, std::optional<std::int64_t>>>& columns,
           unsigned threads, const std::optional<py::array_t<std::int64_t, py::array::c_style>>& weights) {
            const std::vector<code_column> views = views_of(columns);
            std::span<const std::int64_t> weight_view;
            if (weights) {
                if (weights->ndim() != 1)
                    throw tipstats::validation_error(
                        "must be one-dimensional, has " + std::to_string(weights->ndim()) + " dimensions", "weights");
                weight_view = {weights->data(), static_cast<std::size_t>(weights->size())};
                if (weight_view.empty() && !views.empty() && views[0].size() != 0)
                    throw tipstats::validation_error("has no values but the columns have rows", "weights");
            }
            tipstats::tabulation result;
            {
                py::gil_scoped_release release;
                result = tipstats::tabulate(views, weight_view, {.threads = threads});
            }
            py::list codes;
            for (auto& column : result.codes) codes.append(to_numpy(std::move(column)));
            return py::make_tuple(codes, to_numpy(std::move(result.counts)));
        },
        py::arg("columns"), py::arg("threads") = 0, py::arg("weights") = py::none(),
        "Count rows per combination of codes. ``columns``: a list of (name, 1-D contiguous integer "
        "array, missing code or None); ``weights``: None or an int64 array, how many records each row "
        "stands for. Returns (list of int64 code arrays, int64 counts), sorted by the codes, missing "
        "last. Use ``tipstats.tabulate``.");
    m.def(
        "tabulate_dense",
        [](const std::vector<std::tuple<std::string, py::array, std::optional<std::int64_t>>>& columns,
           const std::vector<std::uint64_t>& cells, unsigned threads) {
            const std::vector<code_column> views = views_of(columns);
            std::vector<std::int64_t> counts;
            {
                py::gil_scoped_release release;
                counts = tipstats::tabulate_dense(views, cells, {.threads = threads});
            }
            return to_numpy(std::move(counts), std::vector<py::ssize_t>(cells.begin(), cells.end()));
        },
        py::arg("columns"), py::arg("cells"), py::arg("threads") = 0,
        "Count rows into a table with a cell for every combination of codes. ``columns`` as for "
        "``tabulate_codes``; ``cells``: per column, its codes 0..cells-2 and then the missing code's "
        "cell. Returns an int64 array of shape ``cells``. Used by ``tipstats.dask.tabulate``.");
}
