// tipstats._core.trend: the numeric core of tipstats.trend. Single-series functions return dicts
// that python/tipstats/trend.py wraps in frozen result classes; batch functions return dicts of
// numpy arrays and release the GIL while they run.
#include "register.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/loglinear.hpp>
#include <tipstats/trend/mann_kendall.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace py = pybind11;
namespace tt = tipstats::trend;

namespace {

using array = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::span<const double> vector_of(const array& a, const char* name) {
    if (a.ndim() != 1) throw tipstats::domain_error(name, "must be one-dimensional, got " + std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

std::span<const double> optional_vector(const std::optional<array>& a, const char* name) {
    return a ? vector_of(*a, name) : std::span<const double>{};
}

tt::series_matrix matrix_of(const array& a, const char* name) {
    if (a.ndim() != 2) throw tipstats::domain_error(name, "must be two-dimensional (one series per row), got " + std::to_string(a.ndim()) + " dimensions");
    return {a.data(), static_cast<std::size_t>(a.shape(0)), static_cast<std::size_t>(a.shape(1))};
}

tt::mk_method mk_method_of(const std::string& name) {
    if (name == "original") return tt::mk_method::original;
    if (name == "hamed_rao") return tt::mk_method::hamed_rao;
    if (name == "yue_wang") return tt::mk_method::yue_wang;
    throw tipstats::domain_error("method", "must be 'original', 'hamed_rao' or 'yue_wang', got '" + name + "'");
}

tt::mann_kendall_options mk_options(const std::string& method, std::optional<std::size_t> period,
                                    std::optional<std::size_t> lag, double alpha) {
    tt::mann_kendall_options o;
    o.method = mk_method_of(method);
    o.period = period.value_or(0);
    o.lag = lag;
    o.alpha = alpha;
    return o;
}

py::dict to_dict(const tt::mann_kendall_result& r) {
    py::dict d;
    d["s"] = r.s;
    d["var_s"] = r.var_s;
    d["z"] = r.z;
    d["p"] = r.p;
    d["tau"] = r.tau;
    d["trend"] = std::string(tt::to_string(r.trend));
    d["slope"] = r.slope;
    d["intercept"] = r.intercept;
    d["n"] = r.n;
    return d;
}

py::dict to_dict(const tt::sens_slope_result& r) {
    py::dict d;
    d["slope"] = r.slope;
    d["intercept"] = r.intercept;
    d["lower"] = r.lower;
    d["upper"] = r.upper;
    d["level"] = r.level;
    d["n"] = r.n;
    return d;
}

// A 1-D numpy array holding a copy of `values`. Shape and strides are spelled out: with pybind11 3.1
// and numpy 2.4 the (count, pointer) constructor gave an array whose elements all aliased the first.
template <class T>
py::array_t<T> as_array(const std::vector<T>& values) {
    const std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(values.size())};
    const std::vector<py::ssize_t> strides{static_cast<py::ssize_t>(sizeof(T))};
    return py::array_t<T>(shape, strides, values.data());
}

// Columns of a batch result: one numpy array per named field.
template <class Result>
py::array_t<double> column(const std::vector<Result>& rows, double Result::*field) {
    std::vector<double> values(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) values[i] = rows[i].*field;
    return as_array(values);
}

template <class Result>
py::array_t<std::int64_t> count_column(const std::vector<Result>& rows, std::size_t Result::*field) {
    std::vector<std::int64_t> values(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) values[i] = static_cast<std::int64_t>(rows[i].*field);
    return as_array(values);
}

tt::dispersion_model dispersion_of(const std::string& name) {
    if (name == "poisson") return tt::dispersion_model::poisson;
    if (name == "quasi") return tt::dispersion_model::quasi;
    throw tipstats::domain_error("dispersion", "must be 'poisson' or 'quasi', got '" + name + "'");
}

// The named double fields of each result, shared by the one-series dicts and the batch columns.
using LR = tt::loglinear_result;
const std::vector<std::pair<const char*, double LR::*>> loglinear_fields{
    {"intercept", &LR::intercept}, {"slope", &LR::slope}, {"se", &LR::se}, {"z", &LR::z},
    {"p_value", &LR::p_value}, {"slope_lower", &LR::slope_lower}, {"slope_upper", &LR::slope_upper},
    {"apc", &LR::apc}, {"apc_lower", &LR::apc_lower}, {"apc_upper", &LR::apc_upper},
    {"dispersion", &LR::dispersion}, {"deviance", &LR::deviance}, {"pearson_chi2", &LR::pearson_chi2}};
using OLS = tt::linear_result;
const std::vector<std::pair<const char*, double OLS::*>> linear_fields{
    {"intercept", &OLS::intercept}, {"slope", &OLS::slope}, {"se", &OLS::se}, {"t", &OLS::t},
    {"p_value", &OLS::p_value}, {"lower", &OLS::lower}, {"upper", &OLS::upper}, {"sigma", &OLS::sigma},
    {"r_squared", &OLS::r_squared}};

template <class Result>
py::dict fields_dict(const Result& r, const std::vector<std::pair<const char*, double Result::*>>& fields) {
    py::dict d;
    for (const auto& [name, field] : fields) d[name] = r.*field;
    d["n"] = r.n;
    d["level"] = r.level;
    return d;
}

template <class Result>
py::dict fields_columns(const std::vector<Result>& rows, const std::vector<std::pair<const char*, double Result::*>>& fields) {
    py::dict d;
    for (const auto& [name, field] : fields) d[name] = column(rows, field);
    d["n"] = count_column(rows, &Result::n);
    return d;
}

}  // namespace

void register_trend(py::module_& parent) {
    auto m = parent.def_submodule("trend", "Numeric core of tipstats.trend.");

    m.def("mann_kendall",
          [](const array& y, const std::optional<array>& x, const std::string& method,
             std::optional<std::size_t> period, std::optional<std::size_t> lag, double alpha) {
              return to_dict(tt::mann_kendall(vector_of(y, "y"), optional_vector(x, "x"),
                                              mk_options(method, period, lag, alpha)));
          },
          py::arg("y"), py::arg("x") = py::none(), py::arg("method") = "original", py::arg("period") = py::none(),
          py::arg("lag") = py::none(), py::arg("alpha") = 0.05);

    m.def("sens_slope",
          [](const array& y, const std::optional<array>& x, double level) {
              return to_dict(tt::sens_slope(vector_of(y, "y"), optional_vector(x, "x"), level));
          },
          py::arg("y"), py::arg("x") = py::none(), py::arg("level") = 0.95);

    m.def("mann_kendall_batch",
          [](const array& y, const std::optional<array>& x, const std::string& method,
             std::optional<std::size_t> period, std::optional<std::size_t> lag, double alpha, unsigned threads) {
              const auto matrix = matrix_of(y, "Y");
              const auto xs = optional_vector(x, "x");
              const auto options = mk_options(method, period, lag, alpha);
              std::vector<tt::mann_kendall_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::mann_kendall_batch(matrix, xs, options, threads);
              }
              py::list trend;
              for (const auto& r : rows) trend.append(py::str(std::string(tt::to_string(r.trend))));
              py::dict d;
              using R = tt::mann_kendall_result;
              d["s"] = column(rows, &R::s);
              d["var_s"] = column(rows, &R::var_s);
              d["z"] = column(rows, &R::z);
              d["p"] = column(rows, &R::p);
              d["tau"] = column(rows, &R::tau);
              d["trend"] = trend;
              d["slope"] = column(rows, &R::slope);
              d["intercept"] = column(rows, &R::intercept);
              d["n"] = count_column(rows, &R::n);
              return d;
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("method") = "original", py::arg("period") = py::none(),
          py::arg("lag") = py::none(), py::arg("alpha") = 0.05, py::arg("threads") = 0);

    m.def("sens_slope_batch",
          [](const array& y, const std::optional<array>& x, double level, unsigned threads) {
              const auto matrix = matrix_of(y, "Y");
              const auto xs = optional_vector(x, "x");
              std::vector<tt::sens_slope_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::sens_slope_batch(matrix, xs, level, threads);
              }
              using R = tt::sens_slope_result;
              py::dict d;
              d["slope"] = column(rows, &R::slope);
              d["intercept"] = column(rows, &R::intercept);
              d["lower"] = column(rows, &R::lower);
              d["upper"] = column(rows, &R::upper);
              d["n"] = count_column(rows, &R::n);
              return d;
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("level") = 0.95, py::arg("threads") = 0);

    m.def("loglinear",
          [](const array& counts, const std::optional<array>& x, const std::optional<array>& exposure,
             const std::string& dispersion, double level) {
              const auto r = tt::loglinear(vector_of(counts, "counts"), optional_vector(x, "x"),
                                           optional_vector(exposure, "exposure"), dispersion_of(dispersion), level);
              auto d = fields_dict(r, loglinear_fields);
              d["iterations"] = r.iterations;
              return d;
          },
          py::arg("counts"), py::arg("x") = py::none(), py::arg("exposure") = py::none(),
          py::arg("dispersion") = "poisson", py::arg("level") = 0.95);

    m.def("linear",
          [](const array& y, const std::optional<array>& x, double level) {
              return fields_dict(tt::linear(vector_of(y, "y"), optional_vector(x, "x"), level), linear_fields);
          },
          py::arg("y"), py::arg("x") = py::none(), py::arg("level") = 0.95);

    m.def("loglinear_batch",
          [](const array& counts, const std::optional<array>& x, const std::optional<array>& exposure,
             const std::string& dispersion, double level, unsigned threads) {
              const auto matrix = matrix_of(counts, "Y");
              const auto xs = optional_vector(x, "x");
              tt::series_matrix e;
              if (exposure) {
                  if (exposure->ndim() == 1) e = {exposure->data(), 1, static_cast<std::size_t>(exposure->shape(0))};
                  else e = matrix_of(*exposure, "exposure");
              }
              const auto model = dispersion_of(dispersion);
              std::vector<tt::loglinear_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::loglinear_batch(matrix, xs, e, model, level, threads);
              }
              return fields_columns(rows, loglinear_fields);
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("exposure") = py::none(), py::arg("dispersion") = "poisson",
          py::arg("level") = 0.95, py::arg("threads") = 0);

    m.def("linear_batch",
          [](const array& y, const std::optional<array>& x, double level, unsigned threads) {
              const auto matrix = matrix_of(y, "Y");
              const auto xs = optional_vector(x, "x");
              std::vector<tt::linear_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::linear_batch(matrix, xs, level, threads);
              }
              return fields_columns(rows, linear_fields);
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("level") = 0.95, py::arg("threads") = 0);
}
