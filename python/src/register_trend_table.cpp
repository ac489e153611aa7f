// tipstats._core.trend.trend_table and the per-row columns Observations.trends groups: the bridge
// between an observations table and the ragged trend kernel. The grouping itself is in Python
// (numpy over the table's categorical codes), so any dimension the table knows can be a `by`.
#include "arrays.hpp"
#include "register.hpp"
#include "trend_args.hpp"

#include <tipstats/error.hpp>
#include <tipstats/model/observations.hpp>
#include <tipstats/model/series.hpp>
#include <tipstats/trend/table.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace py = pybind11;
namespace tt = tipstats::trend;

namespace {

using array = tipstats::python::float_array;
using index_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

using tipstats::python::as_array;
using tipstats::python::count_model_of;
using tipstats::python::vector_of;

}  // namespace

void register_trend_table(py::module_& m) {
    auto trend = m.attr("trend").cast<py::module_>();

    trend.def("observation_columns", [](const tipstats::observations& table) {
        // Each row's value (NaN unless exact), its bounds as a count or measurement would have them
        // (quantity::bounds, as series does) and its period's midpoint in decimal years (series::x).
        const std::size_t n = table.size();
        const auto& units = table.codes(tipstats::dimension::unit);
        const auto unit_labels = table.labels(tipstats::dimension::unit);
        const auto& period_codes = table.codes(tipstats::dimension::period);
        std::vector<double> midpoints;
        for (const auto& p : table.periods()) midpoints.push_back(tipstats::series::decimal_midpoint(p));
        std::vector<double> value(n), lower(n), upper(n), x(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& q = table.quantities()[i];
            const auto bounds = q.bounds(unit_labels[static_cast<std::size_t>(units[i])] == "count");
            value[i] = q.value_or_nan();
            lower[i] = q.is_missing() ? std::nan("") : bounds.lower;
            upper[i] = q.is_missing() ? std::nan("") : bounds.upper;
            x[i] = midpoints[static_cast<std::size_t>(period_codes[i])];
        }
        return py::make_tuple(as_array(value), as_array(lower), as_array(upper), as_array(x));
    }, py::arg("table"));

    trend.def("trend_table",
              [](const array& counts, const array& lower, const array& upper, const array& x,
                 const index_array& offsets, const std::string& model, double level, unsigned threads) {
                  std::vector<std::size_t> starts;
                  const auto* o = offsets.data();
                  for (py::ssize_t i = 0; i < offsets.size(); ++i) {
                      if (o[i] < 0) throw tipstats::domain_error("offsets", "must not be negative", static_cast<std::size_t>(i));
                      starts.push_back(static_cast<std::size_t>(o[i]));
                  }
                  const tt::ragged_counts data{vector_of(counts, "counts"), vector_of(lower, "lower"),
                                               vector_of(upper, "upper"), vector_of(x, "x"), starts};
                  const auto chosen = count_model_of(model);
                  std::vector<tt::trend_row> rows;
                  {
                      py::gil_scoped_release release;
                      rows = tt::trend_table(data, {.model = chosen, .level = level}, {.threads = threads});
                  }
                  const auto column = [&](auto get) {
                      std::vector<double> v(rows.size());
                      for (std::size_t i = 0; i < rows.size(); ++i) v[i] = std::invoke(get, rows[i]);
                      return as_array(v);
                  };
                  const auto count = [&](std::size_t tt::trend_row::*field) {
                      std::vector<std::int64_t> v(rows.size());
                      for (std::size_t i = 0; i < rows.size(); ++i) v[i] = static_cast<std::int64_t>(rows[i].*field);
                      return as_array(v);
                  };
                  py::list notes, directions;
                  for (const auto& r : rows) {
                      notes.append(py::str(r.note));
                      directions.append(py::str(r.mk_trend));
                  }
                  py::dict d;
                  d["n"] = count(&tt::trend_row::n);
                  d["n_censored"] = count(&tt::trend_row::n_censored);
                  d["n_missing"] = count(&tt::trend_row::n_missing);
                  d["slope"] = column(&tt::trend_row::slope);
                  d["se"] = column(&tt::trend_row::se);
                  d["apc"] = column(&tt::trend_row::apc);
                  d["apc_lower"] = column([](const tt::trend_row& r) { return r.apc_ci.lower; });
                  d["apc_upper"] = column([](const tt::trend_row& r) { return r.apc_ci.upper; });
                  d["p_value"] = column(&tt::trend_row::p_value);
                  d["dispersion"] = column(&tt::trend_row::dispersion);
                  d["pearson_ratio"] = column(&tt::trend_row::pearson_ratio);
                  d["mk_trend"] = directions;
                  d["mk_tau"] = column(&tt::trend_row::mk_tau);
                  d["mk_p"] = column(&tt::trend_row::mk_p_value);
                  d["sen_slope"] = column(&tt::trend_row::sen_slope);
                  d["note"] = notes;
                  return d;
              },
              py::arg("counts"), py::arg("lower"), py::arg("upper"), py::arg("x"), py::arg("offsets"),
              py::arg("model") = "negbin", py::arg("level") = 0.95, py::arg("threads") = 0);
}
