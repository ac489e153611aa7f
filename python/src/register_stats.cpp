// tipstats._core.stats: vectorised kernels over flat float64 arrays. Broadcasting and result objects
// live in python/tipstats/stats.py; here every input is a contiguous array of n elements or of one
// (which stands for all), outputs are flat arrays of n, and the work runs without the GIL.
#include "register.hpp"

#include <tipstats/stats/changes.hpp>
#include <tipstats/stats/claims.hpp>
#include <tipstats/stats/poisson.hpp>
#include <tipstats/stats/proportion.hpp>
#include <tipstats/stats/rates.hpp>
#include <tipstats/stats/standardize.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <initializer_list>
#include <span>
#include <string>
#include <vector>

namespace py = pybind11;
namespace st = tipstats::stats;

namespace {

using in_array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using out_array = py::array_t<double>;

tipstats::number_span view(const in_array& a) { return {a.data(), static_cast<std::size_t>(a.size())}; }
std::span<double> view(out_array& a) { return {a.mutable_data(), static_cast<std::size_t>(a.size())}; }

/// A fresh 1-D output of n elements (given as a shape: a bare count can bind to another constructor).
out_array output(std::size_t n) { return out_array(std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}); }

/// The batch length: the size of any input that is not a single element (the C++ side checks the rest).
std::size_t length(std::initializer_list<const in_array*> inputs) {
    std::size_t n = 1;
    for (const auto* a : inputs)
        if (a->size() != 1) n = static_cast<std::size_t>(a->size());
    return n;
}

/// Runs a batch without the GIL. For a scalar call (`indexed` false) a domain_error loses its index 0,
/// which would only confuse: the caller passed no array.
template <class Work>
void run(bool indexed, Work&& work) {
    try {
        py::gil_scoped_release release;
        work();
    } catch (const tipstats::domain_error& e) {
        if (indexed || !e.index()) throw;
        const std::string prefix = "argument '" + e.argument() + "' at index " + std::to_string(*e.index()) + ": ";
        const std::string what = e.what();
        throw tipstats::domain_error(e.argument(), what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what);
    }
}

/// The one value every element of `a` has (a scalar option such as the level, broadcast), or none.
std::optional<double> uniform(const in_array& a) {
    const double* d = a.data();
    for (py::ssize_t i = 1; i < a.size(); ++i)
        if (!(d[i] == d[0])) return std::nullopt;
    return a.size() ? std::optional<double>(d[0]) : std::nullopt;
}

/// A batch whose scalar option (level, per) differs between elements: one scalar call per element,
/// an error naming its element as the batch forms do.
template <class One>
void each_element(std::size_t n, One&& one) {
    for (std::size_t i = 0; i < n; ++i) {
        try {
            one(i);
        } catch (const tipstats::domain_error& e) {
            throw tipstats::domain_error(e.argument(), e.message(), i);
        }
    }
}

double at(const in_array& a, std::size_t i) { return a.data()[a.size() == 1 ? 0 : i]; }

py::dict claim_check_to_dict(const st::claim_check& r) {
    const auto range = [](const std::optional<st::count_range>& c) -> py::object {
        if (!c) return py::none();
        return py::make_tuple(c->low, c->high);
    };
    py::dict d;
    d["kind"] = std::string(st::to_string(r.stated.kind));
    d["direction"] = r.stated.kind == st::claim_kind::share ? py::object(py::none())
                                                             : py::str(r.stated.decrease ? "decrease" : "increase");
    d["qualifier"] = std::string(st::to_string(r.stated.qualifier));
    d["qualifier_text"] = r.stated.qualifier_text;
    d["stated"] = r.stated.stated;
    d["admitted"] = py::make_tuple(r.admitted.low, r.admitted.high, r.admitted.low_closed, r.admitted.high_closed);
    d["tolerance"] = r.tolerance;
    d["consistent"] = r.consistent ? py::object(py::bool_(*r.consistent)) : py::none();
    d["exact"] = r.exact ? py::object(py::float_(*r.exact)) : py::none();
    d["baseline_range"] = range(r.baseline_range);
    d["part_range"] = range(r.part_range);
    py::list denominators;
    for (double m : r.denominators) denominators.append(static_cast<long long>(m));
    d["denominators"] = denominators;
    d["explanation"] = r.explanation;
    return d;
}

}  // namespace

void register_stats(py::module_& root) {
    py::module_ m = root.def_submodule("stats", "Vectorised kernels behind tipstats' rates and intervals.");
    const auto threads_arg = py::arg("threads") = 0u;
    const auto indexed_arg = py::arg("indexed") = true;

    m.def("percent_change", [](const in_array& current, const in_array& previous, unsigned threads, bool indexed) {
        out_array out = output(length({&current, &previous}));
        run(indexed, [&] { st::percent_change(view(current), view(previous), view(out), {threads}); });
        return out;
    }, py::arg("current"), py::arg("previous"), threads_arg, indexed_arg);

    m.def("implied_baseline", [](const in_array& current, const in_array& change, unsigned threads, bool indexed) {
        out_array out = output(length({&current, &change}));
        run(indexed, [&] { st::implied_baseline(view(current), view(change), view(out), {threads}); });
        return out;
    }, py::arg("current"), py::arg("percent_change"), threads_arg, indexed_arg);

    m.def("share", [](const in_array& part, const in_array& total, unsigned threads, bool indexed) {
        out_array out = output(length({&part, &total}));
        run(indexed, [&] { st::share(view(part), view(total), view(out), {threads}); });
        return out;
    }, py::arg("part"), py::arg("total"), threads_arg, indexed_arg);

    m.def("proportion_ci", [](const in_array& x, const in_array& n, const in_array& level, const std::string& method,
                              bool weighted, unsigned threads, bool indexed) {
        st::proportion_ci_options options{.method = st::parse_proportion_method(method),
                                          .counts = weighted ? st::count_kind::weighted : st::count_kind::counts};
        const auto size = length({&x, &n, &level});
        out_array lower = output(size), upper = output(size);
        run(indexed, [&] {
            if (const auto one = uniform(level)) {
                options.level = *one;
                st::proportion_ci(view(x), view(n), view(lower), view(upper), options, {threads});
                return;
            }
            each_element(size, [&](std::size_t i) {
                options.level = at(level, i);
                const auto ci = st::proportion_ci(at(x, i), at(n, i), options);
                lower.mutable_data()[i] = ci.lower;
                upper.mutable_data()[i] = ci.upper;
            });
        });
        return py::make_tuple(lower, upper);
    }, py::arg("x"), py::arg("n"), py::arg("level"), py::arg("method"), py::arg("weighted") = false, threads_arg,
       indexed_arg);

    m.def("poisson_ci", [](const in_array& x, const in_array& level, const std::string& method, unsigned threads,
                           bool indexed) {
        st::poisson_ci_options options{.method = st::parse_poisson_method(method)};
        const auto size = length({&x, &level});
        out_array lower = output(size), upper = output(size);
        run(indexed, [&] {
            if (const auto one = uniform(level)) {
                options.level = *one;
                st::poisson_ci(view(x), view(lower), view(upper), options, {threads});
                return;
            }
            each_element(size, [&](std::size_t i) {
                options.level = at(level, i);
                const auto ci = st::poisson_ci(at(x, i), options);
                lower.mutable_data()[i] = ci.lower;
                upper.mutable_data()[i] = ci.upper;
            });
        });
        return py::make_tuple(lower, upper);
    }, py::arg("x"), py::arg("level"), py::arg("method"), threads_arg, indexed_arg);

    m.def("rate", [](const in_array& count, const in_array& population, const in_array& per, unsigned threads,
                     bool indexed) {
        const auto size = length({&count, &population, &per});
        out_array out = output(size);
        run(indexed, [&] {
            if (const auto one = uniform(per)) {
                st::rate(view(count), view(population), view(out), *one, {threads});
                return;
            }
            each_element(size, [&](std::size_t i) {
                out.mutable_data()[i] = st::rate(at(count, i), at(population, i), at(per, i));
            });
        });
        return out;
    }, py::arg("count"), py::arg("population"), py::arg("per"), threads_arg, indexed_arg);

    m.def("rate_ci", [](const in_array& count, const in_array& population, const in_array& per, const in_array& level,
                        const std::string& method, unsigned threads, bool indexed) {
        st::rate_ci_options options{.method = st::parse_poisson_method(method)};
        const auto size = length({&count, &population, &per, &level});
        out_array lower = output(size), upper = output(size);
        run(indexed, [&] {
            const auto one_per = uniform(per), one_level = uniform(level);
            if (one_per && one_level) {
                options.per = *one_per;
                options.level = *one_level;
                st::rate_ci(view(count), view(population), view(lower), view(upper), options, {threads});
                return;
            }
            each_element(size, [&](std::size_t i) {
                options.per = at(per, i);
                options.level = at(level, i);
                const auto ci = st::rate_ci(at(count, i), at(population, i), options);
                lower.mutable_data()[i] = ci.lower;
                upper.mutable_data()[i] = ci.upper;
            });
        });
        return py::make_tuple(lower, upper);
    }, py::arg("count"), py::arg("population"), py::arg("per"), py::arg("level"), py::arg("method"), threads_arg,
       indexed_arg);

    m.def("rate_ratio", [](const in_array& x1, const in_array& t1, const in_array& x2, const in_array& t2,
                           const in_array& level, unsigned threads, bool indexed) {
        const auto size = length({&x1, &t1, &x2, &t2, &level});
        out_array ratio = output(size), lower = output(size), upper = output(size), p = output(size);
        run(indexed, [&] {
            if (const auto one = uniform(level)) {
                st::rate_ratio(view(x1), view(t1), view(x2), view(t2), view(ratio), view(lower), view(upper), view(p),
                               *one, {threads});
                return;
            }
            each_element(size, [&](std::size_t i) {
                const auto r = st::rate_ratio(at(x1, i), at(t1, i), at(x2, i), at(t2, i), at(level, i));
                ratio.mutable_data()[i] = r.ratio;
                lower.mutable_data()[i] = r.ci.lower;
                upper.mutable_data()[i] = r.ci.upper;
                p.mutable_data()[i] = r.p_value;
            });
        });
        return py::make_tuple(ratio, lower, upper, p);
    }, py::arg("x1"), py::arg("t1"), py::arg("x2"), py::arg("t2"), py::arg("level"), threads_arg, indexed_arg);

    m.def("change_ci", [](const in_array& current, const in_array& previous, const in_array& level, unsigned threads,
                          bool indexed) {
        const auto size = length({&current, &previous, &level});
        out_array change = output(size), lower = output(size), upper = output(size), p = output(size);
        run(indexed, [&] {
            if (const auto one = uniform(level)) {
                st::change_ci(view(current), view(previous), view(change), view(lower), view(upper), view(p), *one,
                              {threads});
                return;
            }
            each_element(size, [&](std::size_t i) {
                const auto r = st::change_ci(at(current, i), at(previous, i), at(level, i));
                change.mutable_data()[i] = r.percent_change;
                lower.mutable_data()[i] = r.ci.lower;
                upper.mutable_data()[i] = r.ci.upper;
                p.mutable_data()[i] = r.p_value;
            });
        });
        return py::make_tuple(change, lower, upper, p);
    }, py::arg("current"), py::arg("previous"), py::arg("level"), threads_arg, indexed_arg);

    m.def("standardized_rate", [](const in_array& counts, const in_array& populations, const in_array& standard,
                                  double per, double level, const std::string& method) {
        const auto kind = st::parse_standardize_method(method);
        st::standardized_rate_result r;
        run(true, [&] {
            r = st::standardized_rate(view(counts), view(populations), view(standard),
                                      {.per = per, .level = level, .method = kind});
        });
        return py::make_tuple(r.rate, r.ci.lower, r.ci.upper, r.crude_rate);
    }, py::arg("counts"), py::arg("populations"), py::arg("standard"), py::arg("per"), py::arg("level"),
       py::arg("method"));

    m.def("check_claim", [](const std::string& text, std::optional<double> current, std::optional<double> previous,
                            std::optional<double> part, std::optional<double> total) {
        return claim_check_to_dict(st::check_claim(text, {current, previous, part, total}));
    }, py::arg("claim"), py::arg("current") = py::none(), py::arg("previous") = py::none(),
       py::arg("part") = py::none(), py::arg("total") = py::none());

    m.def("claim_parts", [](const std::string& text, const in_array& totals, bool indexed) {
        const auto c = st::parse_claim(text);
        const auto size = length({&totals});
        out_array low = output(size), high = output(size);
        run(indexed, [&] { st::parts_fitting(c, view(totals), view(low), view(high)); });
        return py::make_tuple(low, high);
    }, py::arg("claim"), py::arg("totals"), indexed_arg);

    m.attr("claim_tolerance") = st::claim_tolerance;
}
