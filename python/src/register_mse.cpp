// tipstats._core.mse: the numeric core of tipstats.mse. A capture table crosses the boundary as its
// list names and the count of every pattern (a numpy array of 2^k values indexed by bit mask);
// results come back as dicts that python/tipstats/mse wraps in frozen result classes.
#include "arrays.hpp"
#include "register.hpp"

#include <tipstats/error.hpp>
#include <tipstats/mse/bma.hpp>
#include <tipstats/mse/bootstrap.hpp>
#include <tipstats/mse/capture_table.hpp>
#include <tipstats/mse/closed.hpp>
#include <tipstats/mse/loglinear.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace py = pybind11;
namespace ms = tipstats::mse;

namespace {

using array = tipstats::python::float_array;
using pattern_array = py::array_t<ms::pattern, py::array::c_style | py::array::forcecast>;

using tipstats::python::as_array;
using tipstats::python::vector_of;

ms::capture_table table_of(const std::vector<std::string>& lists, const array& counts) {
    const auto c = vector_of(counts, "counts");
    return ms::capture_table(lists, std::vector<double>(c.begin(), c.end()));
}

template <class T>
py::array_t<T> as_array(std::span<const T> values) {
    return as_array(std::vector<T>(values.begin(), values.end()));
}

py::list pairs_list(const std::vector<ms::list_pair>& pairs) {
    py::list out;
    for (const auto& [a, b] : pairs) out.append(py::make_tuple(a, b));
    return out;
}

py::dict to_dict(const ms::model_check& c) {
    py::dict d;
    d["exists"] = c.exists;
    d["identifiable"] = c.identifiable;
    d["lp_objective"] = c.lp_objective;
    d["rank_deficiency"] = c.rank_deficiency;
    d["empty_overlaps"] = pairs_list(c.empty_overlaps);
    d["zero_cells"] = c.zero_cells;
    d["confounded"] = c.confounded;
    d["message"] = c.message;
    return d;
}

py::dict to_dict(const ms::loglinear_fit& f) {
    py::dict d;
    d["interactions"] = pairs_list(f.interactions);
    d["empty_overlaps"] = pairs_list(f.empty_overlaps);
    d["empty_overlap_p"] = f.empty_overlap_p;
    d["terms"] = f.term_names;
    d["coefficients"] = as_array(f.coefficients);
    d["standard_errors"] = as_array(f.standard_errors);
    const auto terms = static_cast<py::ssize_t>(f.coefficients.size());
    d["covariance"] = as_array(f.covariance).reshape({terms, terms});
    d["fitted"] = as_array(f.fitted);
    d["observed"] = f.observed;
    d["dark_figure"] = f.dark_figure;
    d["total"] = f.total;
    d["deviance"] = f.deviance;
    d["aic"] = f.aic;
    d["df_residual"] = f.df_residual;
    d["cells_used"] = f.cells_used;
    d["iterations"] = f.iterations;
    return d;
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

    m.def("check",
          [](const std::vector<std::string>& lists, const array& counts, const std::vector<ms::list_pair>& pairs) {
              return to_dict(ms::check(table_of(lists, counts), pairs));
          },
          py::arg("lists"), py::arg("counts"), py::arg("interactions"),
          "Existence and identifiability of main effects plus the pairs (SparseMSE's checkident).");

    m.def("loglinear",
          [](const std::vector<std::string>& lists, const array& counts, const std::vector<ms::list_pair>& pairs) {
              return to_dict(ms::loglinear(table_of(lists, counts), pairs));
          },
          py::arg("lists"), py::arg("counts"), py::arg("interactions"),
          "The Poisson log-linear fit of main effects plus the pairs.");

    m.def("stepwise",
          [](const std::vector<std::string>& lists, const array& counts, double threshold) {
              const auto r = ms::stepwise(table_of(lists, counts), threshold);
              py::dict d = to_dict(r.fit);
              py::list steps;
              for (const auto& s : r.steps) steps.append(py::make_tuple(s.added.first, s.added.second, s.p_value));
              d["steps"] = steps;
              d["threshold"] = r.threshold;
              return d;
          },
          py::arg("lists"), py::arg("counts"), py::arg("threshold"),
          "Stepwise selection of two-list terms (SparseMSE's stepwisefit).");

    m.def("bootstrap",
          [](const std::vector<std::string>& lists, const array& counts, const std::string& method,
             const std::vector<ms::list_pair>& pairs, double threshold, std::size_t n, std::optional<std::uint64_t> seed,
             unsigned threads) {
              ms::bootstrap_options o;
              if (method == "stepwise") o.method = ms::bootstrap_method::stepwise;
              else if (method == "fixed") o.method = ms::bootstrap_method::fixed;
              else throw tipstats::domain_error("method", "must be 'stepwise' or 'fixed', got '" + method + "'");
              o.interactions = pairs;
              o.threshold = threshold;
              o.replicates = n;
              o.seed = seed;
              o.threads = threads;
              const auto table = table_of(lists, counts);
              ms::bootstrap_result r;
              {
                  py::gil_scoped_release release;
                  r = ms::bootstrap(table, o);
              }
              py::dict d;
              d["total"] = r.estimate;
              d["interactions"] = pairs_list(r.interactions);
              d["replicates"] = as_array(r.replicates);
              d["jackknife"] = as_array(r.jackknife);
              d["jackknife_cells"] = r.jackknife_cells;
              d["acceleration"] = r.acceleration;
              d["bias_correction"] = r.bias_correction;
              d["seed"] = r.seed;
              d["dropped_list_replicates"] = r.dropped_list_replicates;
              return d;
          },
          py::arg("lists"), py::arg("counts"), py::arg("method"), py::arg("interactions"), py::arg("threshold"),
          py::arg("n"), py::arg("seed"), py::arg("threads"),
          "Bootstrap replicates of the total with the jackknife acceleration (SparseMSE's estimatepopulation).");

    m.def("bca_quantiles",
          [](const array& replicates, double estimate, double acceleration, const array& probabilities) {
              return as_array(ms::bca_quantiles(vector_of(replicates, "replicates"), estimate, acceleration,
                                                vector_of(probabilities, "probabilities")));
          },
          py::arg("replicates"), py::arg("estimate"), py::arg("acceleration"), py::arg("probabilities"),
          "BCa quantiles of bootstrap replicates (SparseMSE's bcaconfvalues).");

    m.def("closed_models",
          [](const std::vector<std::string>& lists, const array& counts) {
              py::list out;
              for (const auto& f : ms::closed_models(table_of(lists, counts))) {
                  py::dict d;
                  d["model"] = std::string(ms::to_string(f.model));
                  d["fitted"] = f.fitted;
                  d["abundance"] = f.abundance;
                  d["stderr"] = f.stderr_abundance;
                  d["deviance"] = f.deviance;
                  d["df"] = f.df;
                  d["aic"] = f.aic;
                  d["bic"] = f.bic;
                  d["parameters"] = f.parameters;
                  d["coefficients"] = f.coefficients;
                  d["note"] = f.note;
                  out.append(d);
              }
              return out;
          },
          py::arg("lists"), py::arg("counts"), "Every closed-population model of Rcapture's closedp.t.");

    m.def("profile_interval",
          [](const std::vector<std::string>& lists, const array& counts, const std::string& model, double level) {
              const auto r = ms::profile_interval(table_of(lists, counts), ms::closed_model_from_string(model), level);
              py::dict d;
              d["model"] = std::string(ms::to_string(r.model));
              d["abundance"] = r.abundance;
              d["lower"] = r.ci.lower;
              d["upper"] = r.ci.upper;
              d["level"] = r.level;
              d["max_log_likelihood"] = r.max_log_likelihood;
              d["lower_at_observed"] = r.lower_at_observed;
              d["poisson_abundance"] = r.poisson_abundance;
              return d;
          },
          py::arg("lists"), py::arg("counts"), py::arg("model"), py::arg("level"),
          "The profile-likelihood interval of Rcapture's closedpCI.t.");

    m.def("profile_log_likelihood",
          [](const std::vector<std::string>& lists, const array& counts, const std::string& model, const array& N) {
              const auto table = table_of(lists, counts);
              const auto which = ms::closed_model_from_string(model);
              const auto values = vector_of(N, "N");
              std::vector<double> out;
              for (double v : values) out.push_back(ms::profile_log_likelihood(table, which, v));
              return as_array(out);
          },
          py::arg("lists"), py::arg("counts"), py::arg("model"), py::arg("N"),
          "The multinomial profile log-likelihood of closedpCI.t at each N.");

    m.def("decomposable_graphs",
          [](const std::vector<std::string>& lists) {
              py::list out;
              for (const auto& g : ms::decomposable_graphs(lists.size())) {
                  py::dict d;
                  d["edges"] = g.edges;
                  d["cliques"] = g.cliques;
                  d["separators"] = g.separators;
                  d["text"] = ms::clique_text(g, lists);
                  out.append(d);
              }
              return out;
          },
          py::arg("lists"), "Every decomposable graph on the lists: edges, cliques, separators (bit masks) and text.");

    m.def("bma",
          [](const std::vector<std::string>& lists, const array& counts, const array& n_missing, double delta,
             const std::optional<array>& log_prior, unsigned threads) {
              const auto table = table_of(lists, counts);
              ms::bma_options o;
              o.delta = delta;
              if (log_prior) o.log_prior = vector_of(*log_prior, "log_prior");
              o.threads = threads;
              const auto values = vector_of(n_missing, "n_missing");
              ms::bma_result r;
              {
                  py::gil_scoped_release release;
                  r = ms::bma(table, values, o);
              }
              py::dict d;
              d["posterior"] = as_array(r.posterior);
              d["graph_weights"] = as_array(r.graph_weights);
              std::vector<std::string> texts;
              for (const auto& g : r.graphs) texts.push_back(ms::clique_text(g, lists));
              d["graphs"] = texts;
              d["delta"] = r.delta;
              return d;
          },
          py::arg("lists"), py::arg("counts"), py::arg("n_missing"), py::arg("delta"), py::arg("log_prior"),
          py::arg("threads"), "Bayesian model averaging over decomposable graphs (dga's bma.cr).");

    m.def("total_interval",
          [](double observed, double intercept, double se, double level) {
              ms::loglinear_fit f;
              f.observed = observed;
              f.coefficients = {intercept};
              f.standard_errors = {se};
              const auto ci = ms::total_interval(f, level);
              return std::pair{ci.lower, ci.upper};
          },
          py::arg("observed"), py::arg("intercept"), py::arg("se"), py::arg("level"),
          "observed + exp(intercept -+ z se): SparseMSE's interval for the total.");
}
