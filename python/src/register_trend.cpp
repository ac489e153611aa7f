// tipstats._core.trend: the numeric core of tipstats.trend. Single-series functions return dicts
// that python/tipstats/trend.py wraps in frozen result classes; batch functions return dicts of
// numpy arrays and release the GIL while they run.
#include "arrays.hpp"
#include "register.hpp"
#include "trend_args.hpp"

#include <tipstats/error.hpp>
#include <tipstats/trend/batch.hpp>
#include <tipstats/trend/joinpoint.hpp>
#include <tipstats/trend/logistic.hpp>
#include <tipstats/trend/loglinear.hpp>
#include <tipstats/trend/mann_kendall.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace py = pybind11;
namespace tt = tipstats::trend;

namespace {

using array = tipstats::python::float_array;
using tipstats::python::as_array;
using tipstats::python::count_model_of;
using tipstats::python::vector_of;

std::span<const double> optional_vector(const std::optional<array>& a, const char* name) {
    return a ? vector_of(*a, name) : std::span<const double>{};
}

using flags = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

std::span<const unsigned char> optional_flags(const std::optional<flags>& a, const char* name) {
    if (!a) return {};
    if (a->ndim() != 1) throw tipstats::domain_error(name, "must be one-dimensional, got " + std::to_string(a->ndim()) + " dimensions");
    return {a->data(), static_cast<std::size_t>(a->shape(0))};
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
    d["p"] = r.p_value;
    d["tau"] = r.tau;
    d["trend"] = std::string(tt::to_string(r.trend));
    d["slope"] = r.slope;
    d["intercept"] = r.intercept;
    d["n"] = r.n;
    d["n_censored"] = r.n_censored;
    d["n_missing"] = r.n_missing;
    return d;
}

py::dict to_dict(const tt::sens_slope_result& r) {
    py::dict d;
    d["slope"] = r.slope;
    d["intercept"] = r.intercept;
    d["lower"] = r.slope_ci.lower;
    d["upper"] = r.slope_ci.upper;
    d["level"] = r.level;
    d["n"] = r.n;
    d["n_censored"] = r.n_censored;
    d["n_missing"] = r.n_missing;
    return d;
}

// Columns of a batch result: one numpy array per named field.
template <class Result>
py::array_t<double> column(const std::vector<Result>& rows, double (*get)(const Result&)) {
    std::vector<double> values(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) values[i] = get(rows[i]);
    return as_array(values);
}

// Getters of a result's numbers: a field, or an end of an interval field (Python's `*_lower` and
// `*_upper` keys).
template <auto Field, class Result>
double field(const Result& r) {
    return r.*Field;
}
template <auto Field, class Result>
double lower(const Result& r) {
    return (r.*Field).lower;
}
template <auto Field, class Result>
double upper(const Result& r) {
    return (r.*Field).upper;
}

template <class Result>
py::array_t<std::int64_t> count_column(const std::vector<Result>& rows, std::size_t Result::*field) {
    std::vector<std::int64_t> values(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) values[i] = static_cast<std::int64_t>(rows[i].*field);
    return as_array(values);
}

// The named fields of each result, shared by the one-series dicts and the batch columns.
template <class Result>
using named_fields = std::vector<std::pair<const char*, double (*)(const Result&)>>;
template <class Result>
using named_counts = std::vector<std::pair<const char*, std::size_t Result::*>>;

using LR = tt::loglinear_result;
const named_fields<LR> loglinear_fields{
    {"intercept", field<&LR::intercept>}, {"slope", field<&LR::slope>}, {"se", field<&LR::se>}, {"z", field<&LR::z>},
    {"p_value", field<&LR::p_value>}, {"slope_lower", lower<&LR::slope_ci>}, {"slope_upper", upper<&LR::slope_ci>},
    {"apc", field<&LR::apc>}, {"apc_lower", lower<&LR::apc_ci>}, {"apc_upper", upper<&LR::apc_ci>},
    {"dispersion", field<&LR::dispersion>}, {"alpha", field<&LR::alpha>}, {"alpha_se", field<&LR::alpha_se>},
    {"log_likelihood", field<&LR::log_likelihood>}, {"deviance", field<&LR::deviance>},
    {"pearson_chi2", field<&LR::pearson_chi2>}, {"df", field<&LR::df>}, {"deviance_ratio", field<&LR::deviance_ratio>},
    {"pearson_ratio", field<&LR::pearson_ratio>}};
const named_counts<LR> loglinear_counts{{"n", &LR::n}, {"n_censored", &LR::n_censored}, {"n_missing", &LR::n_missing}};
using LG = tt::logistic_result;
const named_fields<LG> logistic_fields{
    {"intercept", field<&LG::intercept>}, {"slope", field<&LG::slope>}, {"se", field<&LG::se>}, {"z", field<&LG::z>},
    {"p_value", field<&LG::p_value>}, {"slope_lower", lower<&LG::slope_ci>}, {"slope_upper", upper<&LG::slope_ci>},
    {"odds_ratio", field<&LG::odds_ratio>}, {"odds_ratio_lower", lower<&LG::odds_ratio_ci>},
    {"odds_ratio_upper", upper<&LG::odds_ratio_ci>}, {"log_likelihood", field<&LG::log_likelihood>},
    {"deviance", field<&LG::deviance>}, {"pearson_chi2", field<&LG::pearson_chi2>}};
const named_counts<LG> logistic_counts{{"n", &LG::n}, {"n_censored", &LG::n_censored}, {"n_missing", &LG::n_missing}};
using OLS = tt::linear_result;
const named_fields<OLS> linear_fields{
    {"intercept", field<&OLS::intercept>}, {"slope", field<&OLS::slope>}, {"se", field<&OLS::se>},
    {"t", field<&OLS::t>}, {"p_value", field<&OLS::p_value>}, {"lower", lower<&OLS::slope_ci>},
    {"upper", upper<&OLS::slope_ci>}, {"sigma", field<&OLS::sigma>}, {"r_squared", field<&OLS::r_squared>}};
const named_counts<OLS> linear_counts{{"n", &OLS::n}};

template <class Result>
py::dict fields_dict(const Result& r, const named_fields<Result>& fields, const named_counts<Result>& counts) {
    py::dict d;
    for (const auto& [name, get] : fields) d[name] = get(r);
    for (const auto& [name, field] : counts) d[name] = r.*field;
    d["level"] = r.level;
    return d;
}

template <class Result>
py::dict fields_columns(const std::vector<Result>& rows, const named_fields<Result>& fields,
                        const named_counts<Result>& counts) {
    py::dict d;
    for (const auto& [name, get] : fields) d[name] = column(rows, get);
    for (const auto& [name, field] : counts) d[name] = count_column(rows, field);
    return d;
}

tt::joinpoint_options joinpoint_options_of(const std::string& model, std::size_t min_joinpoints,
                                           std::size_t max_joinpoints, const std::string& selection,
                                           std::size_t permutations, double alpha, std::size_t min_obs_end,
                                           std::size_t min_obs_between, std::span<const double> weights,
                                           std::optional<std::uint64_t> seed, double level,
                                           const std::string& adjustment, const std::string& zeros,
                                           unsigned threads) {
    tt::joinpoint_options o;
    if (zeros == "error") o.zeros = tt::joinpoint_zeros::error;
    else if (zeros == "add_half") o.zeros = tt::joinpoint_zeros::add_half;
    else throw tipstats::domain_error("zeros", "must be 'error' or 'add_half', got '" + zeros + "'");
    if (model == "loglinear") o.model = tt::joinpoint_model::loglinear;
    else if (model == "linear") o.model = tt::joinpoint_model::linear;
    else throw tipstats::domain_error("model", "must be 'loglinear' or 'linear', got '" + model + "'");
    if (selection == "permutation") o.selection = tt::joinpoint_selection::permutation;
    else if (selection == "bic") o.selection = tt::joinpoint_selection::bic;
    else if (selection == "wbic") o.selection = tt::joinpoint_selection::wbic;
    else throw tipstats::domain_error("selection", "must be 'permutation', 'bic' or 'wbic', got '" + selection + "'");
    if (adjustment == "nci") o.adjustment = tt::joinpoint_adjustment::nci;
    else if (adjustment == "bonferroni") o.adjustment = tt::joinpoint_adjustment::bonferroni;
    else throw tipstats::domain_error("adjustment", "must be 'nci' or 'bonferroni', got '" + adjustment + "'");
    o.min_joinpoints = min_joinpoints;
    o.max_joinpoints = max_joinpoints;
    o.permutations = permutations;
    o.alpha = alpha;
    o.min_obs_end = min_obs_end;
    o.min_obs_between = min_obs_between;
    o.weights = weights;
    o.seed = seed;
    o.level = level;
    o.threads = threads;
    return o;
}

py::dict to_dict(const tt::average_change& a) {
    py::dict d;
    d["start"] = a.from;
    d["end"] = a.to;
    d["slope"] = a.slope;
    d["slope_lower"] = a.slope_ci.lower;
    d["slope_upper"] = a.slope_ci.upper;
    d["aapc"] = a.percent;
    d["aapc_lower"] = a.percent_ci.lower;
    d["aapc_upper"] = a.percent_ci.upper;
    d["t_based"] = a.t_based;
    return d;
}

py::dict to_dict(const tt::joinpoint_result& r) {
    py::dict d;
    d["model"] = std::string(tt::to_string(r.model));
    d["selection"] = std::string(tt::to_string(r.selection));
    d["joinpoints"] = r.joinpoints;
    d["joinpoint_indices"] = r.joinpoint_indices;
    py::list segments;
    for (const auto& s : r.segments) {
        py::dict sd;
        sd["start"] = s.start;
        sd["end"] = s.end;
        sd["slope"] = s.slope;
        sd["slope_lower"] = s.slope_ci.lower;
        sd["slope_upper"] = s.slope_ci.upper;
        sd["apc"] = s.apc;
        sd["apc_lower"] = s.apc_ci.lower;
        sd["apc_upper"] = s.apc_ci.upper;
        sd["p_value"] = s.p_value;
        segments.append(sd);
    }
    d["segments"] = segments;
    d["aapc"] = to_dict(r.aapc);
    d["sse"] = r.sse;
    d["bic"] = r.bic;
    d["df"] = r.df;
    py::list tests;
    for (const auto& t : r.tests) {
        py::dict td;
        td["null_joinpoints"] = t.null_joinpoints;
        td["alternative_joinpoints"] = t.alternative_joinpoints;
        td["statistic"] = t.statistic;
        td["p_value"] = t.p_value;
        td["alpha"] = t.alpha;
        td["rejected"] = t.rejected;
        tests.append(td);
    }
    d["tests"] = tests;
    py::list candidates;
    for (const auto& c : r.candidates) {
        py::dict cd;
        cd["joinpoints"] = c.joinpoints;
        cd["locations"] = c.locations;
        cd["sse"] = c.sse;
        cd["bic"] = c.bic;
        cd["bic3"] = c.bic3;
        cd["wbic"] = c.wbic;
        candidates.append(cd);
    }
    d["candidates"] = candidates;
    d["x"] = r.x;
    d["fitted"] = r.fitted;
    d["coefficients"] = r.coefficients;
    d["covariance"] = r.covariance;
    d["x_centre"] = r.x_centre;
    d["level"] = r.level;
    d["seed"] = r.seed;
    d["n"] = r.n;
    return d;
}

}  // namespace

void register_trend(py::module_& parent) {
    auto m = parent.def_submodule("trend", "Numeric core of tipstats.trend.");

    m.def("mann_kendall",
          [](const array& y, const std::optional<array>& x, const std::string& method,
             std::optional<std::size_t> period, std::optional<std::size_t> lag, double alpha,
             const std::optional<flags>& censored) {
              return to_dict(tt::mann_kendall(vector_of(y, "y"), optional_flags(censored, "censored"),
                                              optional_vector(x, "x"), mk_options(method, period, lag, alpha)));
          },
          py::arg("y"), py::arg("x") = py::none(), py::arg("method") = "original", py::arg("period") = py::none(),
          py::arg("lag") = py::none(), py::arg("alpha") = 0.05, py::arg("censored") = py::none());

    m.def("sens_slope",
          [](const array& y, const std::optional<array>& x, double level, const std::optional<flags>& censored) {
              return to_dict(tt::sens_slope(vector_of(y, "y"), optional_flags(censored, "censored"),
                                            optional_vector(x, "x"), level));
          },
          py::arg("y"), py::arg("x") = py::none(), py::arg("level") = 0.95, py::arg("censored") = py::none());

    m.def("mann_kendall_batch",
          [](const array& y, const std::optional<array>& x, const std::string& method,
             std::optional<std::size_t> period, std::optional<std::size_t> lag, double alpha, unsigned threads) {
              const auto matrix = matrix_of(y, "Y");
              const auto xs = optional_vector(x, "x");
              const auto options = mk_options(method, period, lag, alpha);
              std::vector<tt::mann_kendall_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::mann_kendall_batch(matrix, xs, options, {.threads = threads});
              }
              py::list trend;
              for (const auto& r : rows) trend.append(py::str(std::string(tt::to_string(r.trend))));
              py::dict d;
              using R = tt::mann_kendall_result;
              d["s"] = column(rows, field<&R::s>);
              d["var_s"] = column(rows, field<&R::var_s>);
              d["z"] = column(rows, field<&R::z>);
              d["p"] = column(rows, field<&R::p_value>);
              d["tau"] = column(rows, field<&R::tau>);
              d["trend"] = trend;
              d["slope"] = column(rows, field<&R::slope>);
              d["intercept"] = column(rows, field<&R::intercept>);
              d["n"] = count_column(rows, &R::n);
              d["n_missing"] = count_column(rows, &R::n_missing);
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
                  rows = tt::sens_slope_batch(matrix, xs, level, {.threads = threads});
              }
              using R = tt::sens_slope_result;
              py::dict d;
              d["slope"] = column(rows, field<&R::slope>);
              d["intercept"] = column(rows, field<&R::intercept>);
              d["lower"] = column(rows, lower<&R::slope_ci>);
              d["upper"] = column(rows, upper<&R::slope_ci>);
              d["n"] = count_column(rows, &R::n);
              d["n_missing"] = count_column(rows, &R::n_missing);
              return d;
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("level") = 0.95, py::arg("threads") = 0);

    m.def("loglinear",
          [](const array& counts, const std::optional<array>& x, const std::optional<array>& exposure,
             const std::string& model, double level, const std::optional<array>& lower,
             const std::optional<array>& upper) {
              const tt::count_bounds bounds{optional_vector(lower, "lower"), optional_vector(upper, "upper")};
              const auto r = tt::loglinear(vector_of(counts, "counts"), bounds, optional_vector(x, "x"),
                                           optional_vector(exposure, "exposure"),
                                           {.model = count_model_of(model), .level = level});
              auto d = fields_dict(r, loglinear_fields, loglinear_counts);
              d["iterations"] = r.iterations;
              d["x_centre"] = r.x_centre;
              d["centre_variance"] = r.centre_variance;
              d["centre_slope_covariance"] = r.centre_slope_covariance;
              return d;
          },
          py::arg("counts"), py::arg("x") = py::none(), py::arg("exposure") = py::none(),
          py::arg("model") = "poisson", py::arg("level") = 0.95, py::arg("lower") = py::none(),
          py::arg("upper") = py::none());

    m.def("logistic",
          [](const array& successes, const array& trials, const std::optional<array>& x, double level,
             const std::optional<array>& lower, const std::optional<array>& upper) {
              const tt::count_bounds bounds{optional_vector(lower, "lower"), optional_vector(upper, "upper")};
              const auto r = tt::logistic(vector_of(successes, "successes"), vector_of(trials, "trials"), bounds,
                                          optional_vector(x, "x"), level);
              auto d = fields_dict(r, logistic_fields, logistic_counts);
              d["iterations"] = r.iterations;
              return d;
          },
          py::arg("successes"), py::arg("trials"), py::arg("x") = py::none(), py::arg("level") = 0.95,
          py::arg("lower") = py::none(), py::arg("upper") = py::none());

    m.def("linear",
          [](const array& y, const std::optional<array>& x, double level) {
              return fields_dict(tt::linear(vector_of(y, "y"), optional_vector(x, "x"), level), linear_fields, linear_counts);
          },
          py::arg("y"), py::arg("x") = py::none(), py::arg("level") = 0.95);

    m.def("loglinear_batch",
          [](const array& counts, const std::optional<array>& x, const std::optional<array>& exposure,
             const std::string& model_name, double level, unsigned threads) {
              const auto matrix = matrix_of(counts, "Y");
              const auto xs = optional_vector(x, "x");
              tt::series_matrix e;
              if (exposure) {
                  if (exposure->ndim() == 1) e = {exposure->data(), 1, static_cast<std::size_t>(exposure->shape(0))};
                  else e = matrix_of(*exposure, "exposure");
              }
              const auto model = count_model_of(model_name);
              std::vector<tt::loglinear_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::loglinear_batch(matrix, xs, e, {.model = model, .level = level}, {.threads = threads});
              }
              return fields_columns(rows, loglinear_fields, loglinear_counts);
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("exposure") = py::none(), py::arg("model") = "poisson",
          py::arg("level") = 0.95, py::arg("threads") = 0);

    m.def("linear_batch",
          [](const array& y, const std::optional<array>& x, double level, unsigned threads) {
              const auto matrix = matrix_of(y, "Y");
              const auto xs = optional_vector(x, "x");
              std::vector<tt::linear_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::linear_batch(matrix, xs, level, {.threads = threads});
              }
              return fields_columns(rows, linear_fields, linear_counts);
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("level") = 0.95, py::arg("threads") = 0);

    m.def("joinpoint",
          [](const array& y, const std::optional<array>& x, const std::string& model, std::size_t min_joinpoints,
             std::size_t max_joinpoints, const std::string& selection, std::size_t permutations, double alpha,
             std::size_t min_obs_end, std::size_t min_obs_between, const std::optional<array>& weights,
             std::optional<std::uint64_t> seed, double level, const std::string& adjustment, const std::string& zeros,
             unsigned threads) {
              const auto ys = vector_of(y, "y");
              const auto xs = optional_vector(x, "x");
              const auto options = joinpoint_options_of(model, min_joinpoints, max_joinpoints, selection, permutations,
                                                        alpha, min_obs_end, min_obs_between,
                                                        optional_vector(weights, "weights"), seed, level, adjustment,
                                                        zeros, threads);
              tt::joinpoint_result r;
              {
                  py::gil_scoped_release release;
                  r = tt::joinpoint(ys, xs, options);
              }
              return to_dict(r);
          },
          py::arg("y"), py::arg("x") = py::none(), py::arg("model") = "loglinear", py::arg("min_joinpoints") = 0,
          py::arg("max_joinpoints") = 3, py::arg("selection") = "permutation", py::arg("permutations") = 4499,
          py::arg("alpha") = 0.05, py::arg("min_obs_end") = 2, py::arg("min_obs_between") = 2,
          py::arg("weights") = py::none(), py::arg("seed") = py::none(), py::arg("level") = 0.95,
          py::arg("adjustment") = "nci", py::arg("zeros") = "error", py::arg("threads") = 0);

    m.def("joinpoint_average_change",
          [](const std::string& model, const std::vector<double>& joinpoints, const std::vector<double>& x,
             const std::vector<double>& coefficients, const std::vector<double>& covariance, double x_centre,
             std::size_t df, double level, double from, double to) {
              tt::joinpoint_result r;
              r.model = model == "linear" ? tt::joinpoint_model::linear : tt::joinpoint_model::loglinear;
              r.joinpoints = joinpoints;
              r.x = x;
              r.coefficients = coefficients;
              r.covariance = covariance;
              r.x_centre = x_centre;
              r.df = df;
              r.level = level;
              if (coefficients.size() != joinpoints.size() + 2 || covariance.size() != coefficients.size() * coefficients.size())
                  throw tipstats::domain_error("coefficients", "do not match the joinpoints");
              return to_dict(tt::average_percent_change(r, from, to));
          });

    m.def("joinpoint_batch",
          [](const array& y, const std::optional<array>& x, const std::string& model, std::size_t min_joinpoints,
             std::size_t max_joinpoints, const std::string& selection, std::size_t permutations, double alpha,
             std::size_t min_obs_end, std::size_t min_obs_between, const std::optional<array>& weights,
             std::optional<std::uint64_t> seed, double level, const std::string& adjustment, const std::string& zeros,
             unsigned threads) {
              const auto matrix = matrix_of(y, "Y");
              const auto xs = optional_vector(x, "x");
              const auto options = joinpoint_options_of(model, min_joinpoints, max_joinpoints, selection, permutations,
                                                        alpha, min_obs_end, min_obs_between,
                                                        optional_vector(weights, "weights"), seed, level, adjustment, zeros, 1);
              std::vector<tt::joinpoint_result> rows;
              {
                  py::gil_scoped_release release;
                  rows = tt::joinpoint_batch(matrix, xs, options, {.threads = threads});
              }
              const std::size_t count = rows.size();
              const std::size_t kmax = max_joinpoints;
              std::vector<std::int64_t> joinpoints(count);
              std::vector<std::vector<double>> location(kmax, std::vector<double>(count, std::nan(""))),
                  apc(kmax + 1, std::vector<double>(count, std::nan(""))),
                  slope(kmax + 1, std::vector<double>(count, std::nan("")));
              std::vector<double> aapc(count), aapc_lower(count), aapc_upper(count), aslope(count), sse(count), bic(count);
              for (std::size_t i = 0; i < count; ++i) {
                  const auto& r = rows[i];
                  joinpoints[i] = static_cast<std::int64_t>(r.joinpoints.size());
                  for (std::size_t j = 0; j < r.joinpoints.size(); ++j) location[j][i] = r.joinpoints[j];
                  for (std::size_t s = 0; s < r.segments.size(); ++s) {
                      apc[s][i] = r.segments[s].apc;
                      slope[s][i] = r.segments[s].slope;
                  }
                  aapc[i] = r.aapc.percent;
                  aapc_lower[i] = r.aapc.percent_ci.lower;
                  aapc_upper[i] = r.aapc.percent_ci.upper;
                  aslope[i] = r.aapc.slope;
                  sse[i] = r.sse;
                  bic[i] = r.bic;
              }
              py::dict d;
              d["joinpoints"] = as_array(joinpoints);
              for (std::size_t j = 0; j < kmax; ++j) d[py::str("joinpoint_" + std::to_string(j + 1))] = as_array(location[j]);
              for (std::size_t s = 0; s <= kmax; ++s) {
                  d[py::str("slope_" + std::to_string(s + 1))] = as_array(slope[s]);
                  d[py::str("apc_" + std::to_string(s + 1))] = as_array(apc[s]);
              }
              d["average_slope"] = as_array(aslope);
              d["aapc"] = as_array(aapc);
              d["aapc_lower"] = as_array(aapc_lower);
              d["aapc_upper"] = as_array(aapc_upper);
              d["sse"] = as_array(sse);
              d["bic"] = as_array(bic);
              return d;
          },
          py::arg("Y"), py::arg("x") = py::none(), py::arg("model") = "loglinear", py::arg("min_joinpoints") = 0,
          py::arg("max_joinpoints") = 3, py::arg("selection") = "bic", py::arg("permutations") = 4499,
          py::arg("alpha") = 0.05, py::arg("min_obs_end") = 2, py::arg("min_obs_between") = 2,
          py::arg("weights") = py::none(), py::arg("seed") = py::none(), py::arg("level") = 0.95,
          py::arg("adjustment") = "nci", py::arg("zeros") = "error", py::arg("threads") = 0);
}
