// tipstats.Quantity, Observation, Observations, Finding and Series. Series' numeric columns reach
// numpy as views (a Series never changes); an Observations table grows, so its columns are copies.
#include "casters.hpp"
#include "pickle_state.hpp"
#include "register.hpp"

#include <tipstats/io/csv.hpp>
#include <tipstats/model/observations.hpp>

#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace py = pybind11;
using namespace tipstats;

namespace {

using python::check_pickled_state;
using python::pickle_state_version;

finding::kind finding_kind(const std::string& text) {
    for (std::size_t k = 0; k < finding_kind_names.size(); ++k)
        if (finding_kind_names[k] == text) return static_cast<finding::kind>(k);
    throw parse_error("cannot unpickle tipstats.Finding: unknown kind '" + text + "'");
}

/// Keyword arguments naming extra dimensions: name -> category text.
std::map<std::string, std::string> categories_from(const py::kwargs& categories) {
    std::map<std::string, std::string> out;
    for (const auto& [name, category] : categories) out.emplace(py::str(name), py::str(category));
    return out;
}

/// A value as users write it: a number, "<5", ">1000", None/NaN for missing, or a Quantity.
quantity quantity_from(const py::handle& value) {
    if (value.is_none()) return quantity::missing();
    if (py::isinstance<quantity>(value)) return value.cast<quantity>();
    if (py::isinstance<py::str>(value)) return quantity::parse(value.cast<std::string>());
    if (py::isinstance<py::bool_>(value)) throw domain_error("value", "a count cannot be True/False");
    const double number = value.cast<double>();
    if (std::isnan(number)) throw domain_error("value", "NaN is not a value: pass None for a missing value");
    return quantity::exact(number);
}

period period_from(const py::handle& value) {
    if (py::isinstance<period>(value)) return value.cast<period>();
    return period::parse(py::str(value).cast<std::string>());
}

age_band age_from(const py::handle& value) {
    if (py::isinstance<age_band>(value)) return value.cast<age_band>();
    return age_band::parse(py::str(value).cast<std::string>());
}

/// A read-only numpy view of a vector owned by `owner`.
template <class T>
py::array_t<T> view(const std::vector<T>& data, py::handle owner) {
    py::array_t<T> out({static_cast<py::ssize_t>(data.size())}, {static_cast<py::ssize_t>(sizeof(T))}, data.data(),
                       owner);
    py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    return out;
}

/// Rows given column by column, as pandas holds them: each dimension as codes into its category
/// texts, values as kind codes (quantity::state) with a number and, for ranges, an upper end. Each
/// category is read once; an error names the first row that has the bad category or value.
void extend_by_columns(observations& table, const py::dict& dimensions, const py::array_t<std::int8_t>& kinds,
                       const py::array_t<double>& numbers, const py::array_t<double>& uppers,
                       const std::vector<std::string>& notes) {
    const auto n = static_cast<std::size_t>(kinds.size());
    if (static_cast<std::size_t>(numbers.size()) != n || static_cast<std::size_t>(uppers.size()) != n || notes.size() != n)
        throw domain_error("columns", "every column needs one entry per row");
    struct column {
        py::array_t<std::int32_t> codes;
        std::vector<std::string> categories;
    };
    std::map<std::string, column> given;
    for (const auto& [name, value] : dimensions) {
        const auto pair = value.cast<py::tuple>();
        column c{pair[0].cast<py::array_t<std::int32_t>>(), pair[1].cast<std::vector<std::string>>()};
        if (static_cast<std::size_t>(c.codes.size()) != n) throw domain_error(py::str(name), "needs one code per row");
        given.emplace(py::str(name), std::move(c));
    }
    const auto first_row_with = [&](const column& c, std::size_t code) {
        const auto codes = c.codes.unchecked<1>();
        for (std::size_t r = 0; r < n; ++r)
            if (static_cast<std::size_t>(codes(static_cast<py::ssize_t>(r))) == code) return r;
        return n;
    };
    // Each category read once, in the type its dimension has.
    const auto read_categories = [&](const std::string& name, auto parse) {
        using T = decltype(parse(std::string()));
        std::vector<T> out;
        const column& c = given.at(name);
        for (std::size_t k = 0; k < c.categories.size(); ++k) {
            try {
                out.push_back(parse(c.categories[k]));
            } catch (const error& e) {
                const std::size_t row = first_row_with(c, k);
                throw parse_error("row " + std::to_string(row) + ": " + e.what(),
                                  {{}, 0, 0, "observations[" + std::to_string(row) + "]." + name});
            }
        }
        return out;
    };
    for (const char* required : {"measure", "unit", "period", "area", "offence", "age", "sex", "source"})
        if (!given.count(required)) throw domain_error("columns", std::string("the column '") + required + "' is missing");
    const auto periods = read_categories("period", [](const std::string& t) { return period::parse(t); });
    const auto ages = read_categories("age", [](const std::string& t) { return age_band::parse(t); });
    const auto sexes = read_categories("sex", [](const std::string& t) { return parse_sex(t); });
    const auto code_at = [&](const std::string& name, std::size_t row) {
        const column& c = given.at(name);
        const auto code = c.codes.unchecked<1>()(static_cast<py::ssize_t>(row));
        if (code < 0 || static_cast<std::size_t>(code) >= c.categories.size())
            throw domain_error(name, "code out of range", row);
        return static_cast<std::size_t>(code);
    };
    const auto kind = kinds.unchecked<1>();
    const auto number = numbers.unchecked<1>();
    const auto upper = uppers.unchecked<1>();
    std::vector<observation> rows;
    rows.reserve(n);
    for (std::size_t r = 0; r < n; ++r) {
        const auto i = static_cast<py::ssize_t>(r);
        quantity value;
        try {
            switch (static_cast<quantity::state>(kind(i))) {
                case quantity::state::exact: value = quantity::exact(number(i)); break;
                case quantity::state::below: value = quantity::below(number(i)); break;
                case quantity::state::above: value = quantity::above(number(i)); break;
                case quantity::state::range: value = quantity::range(number(i), upper(i)); break;
                case quantity::state::missing: break;
                default: throw domain_error("kinds", "unknown value kind", r);
            }
        } catch (const domain_error& e) {
            throw domain_error("observations[" + std::to_string(r) + "].value", "row " + std::to_string(r) + ": " + e.what());
        }
        observation o{.measure = given.at("measure").categories[code_at("measure", r)],
                      .value = value,
                      .period = periods[code_at("period", r)],
                      .unit = given.at("unit").categories[code_at("unit", r)],
                      .area = given.at("area").categories[code_at("area", r)],
                      .offence = given.at("offence").categories[code_at("offence", r)],
                      .age = ages[code_at("age", r)],
                      .sex = sexes[code_at("sex", r)],
                      .source = given.at("source").categories[code_at("source", r)],
                      .note = notes[r]};
        for (const auto& name : table.extra_dimensions()) {
            if (!given.count(name)) continue;
            const std::string& category = given.at(name).categories[code_at(name, r)];
            if (!category.empty() && category != "all") o.extra_dimensions.emplace(name, category);
        }
        try {
            o.validate();
        } catch (const validation_error& e) {
            throw validation_error("row " + std::to_string(r) + ": " + e.message(),
                                   "observations[" + std::to_string(r) + "]." + e.field());
        }
        rows.push_back(std::move(o));
    }
    table.extend(rows);
}

py::dict observation_dict(const observation& o) {
    py::dict d;
    d["measure"] = o.measure;
    d["value"] = o.value.to_string();
    d["unit"] = o.unit;
    d["period"] = o.period.to_string();
    d["area"] = o.area;
    d["offence"] = o.offence;
    d["age"] = o.age.to_string();
    d["sex"] = std::string(to_string(o.sex));
    d["source"] = o.source;
    for (const auto& [name, category] : o.extra_dimensions) d[py::str(name)] = category;
    d["note"] = o.note;
    return d;
}

}  // namespace

void register_observations(py::module_& m) {
    py::class_<quantity> quantity_cls(m, "Quantity", R"doc(
A published figure that may be censored, known only as a range, or missing.

``Quantity("263")``, ``Quantity("<5")`` (0 <= value < 5), ``Quantity(">1000")``,
``Quantity("106-111")`` (106 to 111, both included: what "an increase of nearly 150 per cent" on
263 leaves of the figure a year earlier), ``Quantity(None)`` (missing, which is not zero). Such a
value is never turned into a number: ``value`` raises, and ``bounds(integer=True)`` gives what it
can be (``<5`` -> (0, 4) for counts).
)doc");
    quantity_cls.def(py::init([](const py::object& value) { return quantity_from(value); }), py::arg("value"))
        .def_static("parse", &quantity::parse, py::arg("text"), R"doc(
Read a value as reports publish it: a number, ``<b`` (censored below b), ``>b`` (above b), a range
``a-b`` or ``[a, b]`` (both ends included), or empty/``NA`` for missing. Raises ParseError on other
text.

>>> Quantity.parse("263"), Quantity.parse("<5"), Quantity.parse("106-111"), Quantity.parse("NA")
(Quantity('263'), Quantity('<5'), Quantity('106-111'), Quantity('NA'))
)doc")
        .def_static("range", &quantity::range, py::arg("lower"), py::arg("upper"), R"doc(
A value known only to lie in ``[lower, upper]`` (both included); exact when they are equal. A
DomainError for ends that are not finite or out of order.

>>> Quantity.range(106, 111), Quantity.range(106, 111).bounds(), Quantity.range(5, 5)
(Quantity('106-111'), (106.0, 111.0), Quantity('5'))
)doc")
        .def_static("from_bounds", [](double lower, double upper, bool integer) {
            if (std::isnan(lower) || std::isnan(upper) || lower < 0 || lower > upper)
                throw domain_error("upper", "bounds need 0 <= lower <= upper");
            return quantity::from_bounds({lower, upper}, integer);
        }, py::arg("lower"), py::arg("upper"), py::kw_only(), py::arg("integer") = true, R"doc(
The narrowest value that says what ``lower <= value <= upper`` says, for a non-negative quantity:
exact, a range, ``>b`` when there is no upper bound (for counts, ``b = lower - 1``), or missing for
``(0, inf)``.

>>> Quantity.from_bounds(106, 111), Quantity.from_bounds(52, float("inf")), Quantity.from_bounds(0, float("inf"))
(Quantity('106-111'), Quantity('>51'), Quantity('NA'))
)doc")
        .def_static("below", &quantity::below, py::arg("bound"), R"doc(
``<bound``: a value in [0, bound), as GLOTIP publishes counts under 5.

>>> Quantity.below(5).bounds()
(0.0, 4.0)
)doc")
        .def_static("above", &quantity::above, py::arg("bound"), R"doc(
``>bound``: a value above ``bound`` with no upper limit.

>>> Quantity.above(1000), Quantity.above(1000).bounds()
(Quantity('>1000'), (1001.0, inf))
)doc")
        .def_static("missing", &quantity::missing, R"doc(
A value that was not published; it is not zero, and it is never summed as zero.

>>> Quantity.missing().is_missing, Quantity.missing().bounds()
(True, (0.0, inf))
)doc")
        .def_property_readonly("kind", [](const quantity& q) {
            switch (q.kind()) {
                case quantity::state::exact: return "exact";
                case quantity::state::below: return "below";
                case quantity::state::above: return "above";
                case quantity::state::range: return "range";
                case quantity::state::missing: break;
            }
            return "missing";
        }, "'exact', 'below' (<b), 'above' (>b), 'range' (a-b) or 'missing'.")
        .def_property_readonly("is_exact", &quantity::is_exact, "True when the value is a known number.")
        .def_property_readonly("is_censored", &quantity::is_censored,
                               "True for ``<b`` and ``>b``: only one bound was published.")
        .def_property_readonly("is_range", &quantity::is_range, "True for a range ``a-b``: only its ends are known.")
        .def_property_readonly("is_missing", &quantity::is_missing, "True when no value was published.")
        .def_property_readonly("value", &quantity::value,
                               "The value; ValidationError when censored, a range or missing.")
        .def_property_readonly("bound", &quantity::bound, "The censoring bound (NaN if not censored).")
        .def("bounds", [](const quantity& q, bool integer) {
            const bounds b = q.bounds(integer);
            return py::make_tuple(b.lower, b.upper);
        }, py::kw_only(), py::arg("integer") = true, R"doc(
What the value can be, ``(lower, upper)``, closed; upper may be inf. With ``integer=True`` (counts)
``<5`` is (0, 4) and ``>1000`` is (1001, inf); with ``integer=False`` ``<5`` is (0, 5). A range is
its ends.

>>> Quantity("<5").bounds(), Quantity("<5").bounds(integer=False), Quantity("106-111").bounds()
((0.0, 4.0), (0.0, 5.0), (106.0, 111.0))
)doc")
        .def("__str__", &quantity::to_string)
        .def("__repr__", [](const quantity& q) { return "Quantity('" + q.to_string() + "')"; })
        .def(py::self == py::self)
        .def("__hash__", [](const quantity& q) { return std::hash<std::string>{}(q.to_string()); })
        .def(py::pickle([](const quantity& q) { return py::make_tuple(pickle_state_version, q.to_string()); },
                        [](const py::tuple& state) {
                            check_pickled_state<quantity>(state, 2);
                            return quantity::parse(state[1].cast<std::string>());
                        }));

    py::class_<observation>(m, "Observation", R"doc(
One published figure, a row of ``Observations``: what was measured, its value, for which period,
place, offence, age band and sex, according to which source.

>>> ts.datasets.cambodia_2019().observations[1]
Observation(victims_rescued=70, period=2019-H1, area=KHM, offence=sexual_assault, age=0-14, sex=all)
)doc")
        .def_readonly("measure", &observation::measure,
                      "What was measured, e.g. ``'victims_rescued'`` or ``'cases_with_arrest'``.")
        .def_readonly("value", &observation::value, "The value, a Quantity (possibly censored or missing).")
        .def_readonly("period", &observation::period, "The Period the figure covers.")
        .def_readonly("unit", &observation::unit, "The unit: count, percent, proportion or per_100000.")
        .def_readonly("area", &observation::area, "Where: an ISO 3166 code or a region's name; empty if unstated.")
        .def_readonly("offence", &observation::offence, "The offence or form of exploitation; ``'all'`` for a total.")
        .def_readonly("age", &observation::age, "The AgeBand of the people counted; ``all`` for every age.")
        .def_property_readonly("sex", [](const observation& o) { return std::string(to_string(o.sex)); },
                               "The sex of the people counted: all, female, male, other or unknown.")
        .def_readonly("source", &observation::source, "The id of the source that published the figure.")
        .def_readonly("note", &observation::note, "Free text: the quoted sentence, a caveat; may be empty.")
        .def_readonly("extra_dimensions", &observation::extra_dimensions,
                      "The categories of the table's extra dimensions that are not their total, e.g. "
                      "``{'citizenship': 'Romania'}`` (a dict; a dimension not in it is ``'all'``).")
        .def("category", &observation::category, py::arg("dimension"), R"doc(
The row's category along an extra dimension: ``'all'`` (the total) when the row does not name it.

>>> obs = Observations(dimensions=["citizenship"])
>>> obs.add("victims_detected", 60, "2017", area="ALB", citizenship="Albania")
>>> obs[0].category("citizenship")
'Albania'
)doc")
        .def("to_dict", &observation_dict, R"doc(
The row as a dict of strings, as in the tidy CSV table (extra dimensions that are not their total
included).

>>> row = ts.datasets.cambodia_2019().observations[1].to_dict()
>>> row["measure"], row["value"], row["period"], row["age"]
('victims_rescued', '70', '2019-H1', '0-14')
)doc")
        .def("__repr__", [](const observation& o) {
            return "Observation(" + o.measure + "=" + o.value.to_string() + (o.is_count() ? "" : " " + o.unit) +
                   ", period=" + o.period.to_string() + (o.area.empty() ? "" : ", area=" + o.area) +
                   ", offence=" + o.offence + ", age=" + o.age.to_string() +
                   ", sex=" + std::string(to_string(o.sex)) + [&] {
                       std::string extra;
                       for (const auto& [name, category] : o.extra_dimensions) extra += ", " + name + "=" + category;
                       return extra;
                   }() + ")";
        });

    py::class_<finding>(m, "Finding", R"doc(
A problem ``Observations.check()`` found, naming the rows (0-based).

>>> obs = Observations()
>>> obs.add("victims_rescued", 263, "2019-H1", area="KHM")
>>> obs.add("victims_rescued", 270, "2019-H1", area="KHM", age="0-14")
>>> finding = obs.check()[0]
>>> finding.kind, finding.dimension, finding.rows
('exceeds_total', 'age', [0, 1])
)doc")
        .def_property_readonly("kind", [](const finding& f) { return std::string(to_string(f.what)); },
                               "What was found: 'exceeds_total', 'overlapping_bands', 'duplicate', "
                               "'repeated_label', 'periods_do_not_nest', 'uncoded_area' or 'damaged_text'.")
        .def_readonly("dimension", &finding::dimension,
                      "The dimension concerned (age, sex, offence, an extra dimension such as citizenship, "
                      "period, area, note); empty when none is.")
        .def_readonly("rows", &finding::rows, "The rows involved, 0-based positions in the table.")
        .def_readonly("lines", &finding::lines,
                      "The rows' lines in the file the table was read from (empty for a table built in memory).")
        .def_readonly("message", &finding::message, "What is wrong, in a sentence that names the figures.")
        .def("__repr__", [](const finding& f) {
            return "Finding(" + std::string(to_string(f.what)) + ": " + f.message + ")";
        })
        .def("__eq__", [](const finding& a, const finding& b) {
            return a.what == b.what && a.dimension == b.dimension && a.rows == b.rows && a.message == b.message &&
                   a.lines == b.lines;
        })
        .def(py::pickle(
            [](const finding& f) {
                return py::make_tuple(pickle_state_version, std::string(to_string(f.what)), f.dimension, f.rows, f.message,
                                      f.lines);
            },
            [](const py::tuple& state) {
                check_pickled_state<finding>(state, 6);
                return finding{finding_kind(state[1].cast<std::string>()), state[2].cast<std::string>(),
                               state[3].cast<std::vector<std::size_t>>(), state[4].cast<std::string>(),
                               state[5].cast<std::vector<std::size_t>>()};
            }));

    py::class_<series> series_cls(m, "Series", R"doc(
One measure over time, in time order: ``periods``, ``values`` (NaN where censored or missing),
``lower``/``upper`` (what each value can be), ``censored`` and ``x`` (period midpoints in decimal
years, the x of a trend). The arrays are read-only views, not copies. ``Observations.series``
makes one.

>>> obs = Observations()
>>> for period, value in [("2019-H1", 263), ("2019-H2", "<5"), ("2020-H1", 120)]:
...     obs.add("victims_rescued", value, period, area="KHM")
>>> obs.series("victims_rescued")
Series(victims_rescued, 3 periods: 2019-H1: 263, 2019-H2: <5, 2020-H1: 120)
)doc");
    series_cls.def(py::init([](std::string measure, std::string unit, const std::vector<py::object>& periods,
                               const std::vector<py::object>& values, std::optional<std::vector<double>> lower,
                               std::optional<std::vector<double>> upper) {
                   if (lower.has_value() != upper.has_value())
                       throw domain_error(lower ? "upper" : "lower", "give both lower and upper bounds, or neither");
                   if (values.size() != periods.size())
                       throw domain_error("values", "has " + std::to_string(values.size()) + " values for " +
                                                        std::to_string(periods.size()) + " periods");
                   std::vector<period> ps;
                   std::vector<quantity> qs;
                   for (const auto& p : periods) ps.push_back(period_from(p));
                   for (const auto& v : values) qs.push_back(quantity_from(v));
                   if (!lower) return series(std::move(measure), std::move(unit), std::move(ps), std::move(qs));
                   if (lower->size() != qs.size() || upper->size() != qs.size())
                       throw domain_error("lower", "needs one lower and one upper bound per value");
                   std::vector<bounds> value_bounds;
                   for (std::size_t i = 0; i < qs.size(); ++i) {
                       const bounds b{(*lower)[i], (*upper)[i]};
                       const bounds own = qs[i].bounds(unit == "count");
                       if (std::isnan(b.lower) || std::isnan(b.upper) || b.lower > b.upper || b.lower < own.lower ||
                           b.upper > own.upper)
                           throw domain_error("lower", "bounds must be ordered and within what the value allows", i);
                       value_bounds.push_back(b);
                   }
                   return series(std::move(measure), std::move(unit), std::move(ps), std::move(qs), std::move(value_bounds));
               }),
               py::arg("measure"), py::arg("unit"), py::arg("periods"), py::arg("values"), py::kw_only(),
               py::arg("lower") = py::none(), py::arg("upper") = py::none(), R"doc(
A series from its periods and values (numbers, ``'<5'``, Quantity or None); ``lower``/``upper``
narrow what values that are not exact can be (e.g. a sum with censored parts). Periods are put
in time order. ``Observations.series`` is the usual way to get one.

>>> Series("victims_detected", "count", ["2018", "2017"], [60, "<5"])
Series(victims_detected, 2 periods: 2017: <5, 2018: 60)
>>> Series("victims_detected", "count", ["2017"], [None], lower=[52], upper=[56]).censored
array([ True])
)doc")
        .def_property_readonly("measure", &series::measure, "The measure the series follows.")
        .def_property_readonly("unit", &series::unit, "The unit of every value (count, percent, ...).")
        .def_property_readonly("periods", &series::periods, "The periods, in time order (a list of Period).")
        .def_property_readonly("quantities", &series::values, "Each value as a Quantity.")
        .def_property_readonly("values", [](py::object self) { return view(self.cast<const series&>().numbers(), self); },
                               "Each value in the series' unit; NaN where censored or missing (float array).")
        .def_property_readonly("lower", [](py::object self) { return view(self.cast<const series&>().lower(), self); },
                               "The least each value can be in the series' unit (``<5`` -> 0; float array).")
        .def_property_readonly("upper", [](py::object self) { return view(self.cast<const series&>().upper(), self); },
                               "The most each value can be in the series' unit (``<5`` -> 4, missing -> inf).")
        .def_property_readonly("x", [](py::object self) { return view(self.cast<const series&>().x(), self); },
                               "Each period's midpoint in decimal years (2019-H1 -> 2019.25), the x of a trend.")
        .def_property_readonly("censored", [](py::object self) {
            return view(self.cast<const series&>().censored(), self).attr("view")("bool");
        }, "True where the value is censored (``<b`` or ``>b``; bool array).")
        .def("__len__", &series::size)
        .def("sum", &series::sum, R"doc(
The total over the periods as a Quantity: exact when every value is, else what the bounds allow (a
range, ``>b`` when a value is missing, so the total has no upper bound). The periods should not
overlap (``resample`` checks that).

>>> obs = Observations()
>>> for period, value in [("2019-Q1", 60), ("2019-Q2", 70), ("2019-Q3", "<5"), ("2019-Q4", "20-25")]:
...     obs.add("victims_rescued", value, period, area="KHM")
>>> obs.series("victims_rescued").sum()
Quantity('150-159')
)doc")
        .def("_same_period_last_year", [](const series& s) {
            const auto y = s.same_period_last_year();
            return py::make_tuple(y.periods, y.values, y.previous_periods, y.previous_values);
        })
        .def("_resample", [](const series& s, const std::string& to) {
            for (auto kind : {period_kind::year, period_kind::half, period_kind::quarter, period_kind::month})
                if (to == to_string(kind)) {
                    auto r = s.resample(kind);
                    return py::make_tuple(std::move(r.series), std::move(r.incomplete));
                }
            throw domain_error("to", "resample to 'year', 'half', 'quarter' or 'month', not '" + to + "'");
        });

    py::class_<observations> table(m, "Observations", R"doc(
A table of observations: measure, value (possibly censored), unit, period, area, offence, age band,
sex, source and note. Dimensions are stored as categorical codes. A dataset's figures are
``Dataset.observations``; ``tipstats.io.read_glotip`` reads UNODC's export into one.

>>> obs = Observations()
>>> obs.add("victims_rescued", 263, "2019-H1", area="KHM", offence="sexual_assault")
>>> obs.add("victims_rescued", 70, "2019-H1", area="KHM", offence="sexual_assault", age="0-14")
>>> obs.check()
[]
)doc");
    table.def(py::init([](const std::vector<std::string>& dimensions) { return observations(dimensions); }),
              py::arg("dimensions") = std::vector<std::string>{}, R"doc(
An empty table; ``dimensions`` declares its extra dimensions (breakdowns beyond offence, age and
sex, such as GLOTIP's ``citizenship``): lower-case names of letters, digits and ``_``.

>>> obs = Observations(dimensions=["citizenship"])
>>> obs.extra_dimensions
['citizenship']
)doc")
        .def("add_dimension", &observations::add_dimension, py::arg("name"), R"doc(
Declare one more extra dimension; the rows already in the table are its total (``'all'``).

>>> obs = ts.datasets.cambodia_2019().observations
>>> obs.add_dimension("province")
>>> obs.extra_dimensions, obs[0].category("province")
(['province'], 'all')
)doc")
        .def_property_readonly("extra_dimensions", &observations::extra_dimensions,
                               "The table's extra dimensions (a list of names), in the order declared.")
        .def_property_readonly("dimensions", &observations::dimensions,
                               "Every dimension: measure, unit, period, area, offence, age, sex, source, then "
                               "the extra dimensions.")
        .def_property_readonly("origin", &observations::origin,
                               "The file the table was read from ('' when built in memory).")
        .def_property_readonly("lines", [](const observations& t) {
            return py::array_t<std::size_t>(static_cast<py::ssize_t>(t.lines().size()), t.lines().data());
        }, "Each row's line in the file the table was read from (empty when built in memory).")
        .def("__len__", &observations::size)
        .def("__getitem__", [](const observations& t, py::ssize_t i) {
            const auto n = static_cast<py::ssize_t>(t.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw py::index_error("observation index out of range");
            return t[static_cast<std::size_t>(i)];
        })
        .def("add", [](observations& t, const std::string& measure, const py::object& value, const py::object& period,
                       const std::string& unit, const std::string& area, const std::string& offence,
                       const py::object& age, const std::string& sex, const std::string& source,
                       const std::string& note, const py::kwargs& categories) {
            t.add(observation{.measure = measure,
                              .value = quantity_from(value),
                              .period = period_from(period),
                              .unit = unit,
                              .area = area,
                              .offence = offence,
                              .age = age_from(age),
                              .sex = parse_sex(sex),
                              .source = source,
                              .note = note,
                              .extra_dimensions = categories_from(categories)});
        }, py::arg("measure"), py::arg("value"), py::arg("period"), py::kw_only(), py::arg("unit") = "count",
             py::arg("area") = "", py::arg("offence") = "all", py::arg("age") = "all", py::arg("sex") = "all",
             py::arg("source") = "", py::arg("note") = "",
             R"doc(
Append one row after validating it: a count must be a whole number >= 0, a proportion lie in
[0, 1]; the value may be a number, ``'<5'``, ``'>1000'``, a Quantity or None for missing; the
period a Period or its text (``'2019'``, ``'2019-H1'``, ``'2019-01-01/2019-06-30'``). Other keyword
arguments give the row's category along the table's extra dimensions (``citizenship="Romania"``);
an extra dimension not given is its total, ``'all'``, and one the table has not declared is an
error. On error (ValidationError, ParseError or DomainError naming the field) nothing is added.

>>> obs = Observations(dimensions=["citizenship"])
>>> obs.add("victims_rescued", 263, "2019-H1", area="KHM", offence="sexual_assault")
>>> obs.add("cases_with_arrest", 86, "2019", unit="percent", area="KHM", age="0-14")
>>> obs.add("victims_rescued", 12, "2019-H1", area="KHM", offence="sexual_assault", citizenship="Viet Nam")
>>> len(obs), obs[1].unit, obs[2].category("citizenship")
(3, 'percent', 'Viet Nam')
)doc")
        .def("codes", [](const observations& t, const std::string& dimension) {
            const auto& codes = t.codes(std::string_view(dimension));
            return py::array_t<std::int32_t>(static_cast<py::ssize_t>(codes.size()), codes.data());
        }, py::arg("dimension"), R"doc(
Each row's code into ``categories(dimension)`` (an int32 array, a copy). ``dimension`` is one of
measure, unit, period, area, offence, age, sex, source or an extra dimension of the table; another
raises DomainError.

>>> ts.datasets.cambodia_2019().observations.codes("measure")
array([0, 0, 0, 1], dtype=int32)
)doc")
        .def("categories", [](const observations& t, const std::string& dimension) {
            return t.labels(std::string_view(dimension));
        }, py::arg("dimension"), R"doc(
The distinct values of a dimension as text, in order of first appearance (for ``sex`` the five
sexes in code order; an extra dimension starts with its total, ``'all'``).

>>> obs = ts.datasets.cambodia_2019().observations
>>> obs.categories("measure"), obs.categories("age")
(['victims_rescued', 'cases_with_arrest'], ['all', '0-14', '15-17'])
)doc")
        .def_property_readonly("values", [](const observations& t) {
            return py::array_t<double>(static_cast<py::ssize_t>(t.size()), t.numbers().data());
        }, "Each row's value; NaN where censored or missing (a copy).")
        .def_property_readonly("quantities", &observations::quantities,
                               "Each row's value as a Quantity (a list), censoring and missing values kept.")
        .def("_value_columns", [](const observations& t) {
            // kind code (0 exact, 1 below, 2 above, 3 missing, 4 range), censoring bound, and what
            // each value can be (whole numbers for counts)
            const auto n = static_cast<py::ssize_t>(t.size());
            py::array_t<std::int8_t> kind(n);
            py::array_t<double> bound(n), lower(n), upper(n);
            auto k = kind.mutable_unchecked<1>();
            auto b = bound.mutable_unchecked<1>();
            auto lo = lower.mutable_unchecked<1>();
            auto hi = upper.mutable_unchecked<1>();
            const auto& units = t.labels(dimension::unit);
            const auto& unit_codes = t.codes(dimension::unit);
            for (py::ssize_t i = 0; i < n; ++i) {
                const auto row = static_cast<std::size_t>(i);
                const quantity& q = t.quantities()[row];
                k(i) = static_cast<std::int8_t>(q.kind());
                b(i) = q.bound();
                const bounds can_be = q.bounds(units[static_cast<std::size_t>(unit_codes[row])] == "count");
                lo(i) = can_be.lower;
                hi(i) = can_be.upper;
            }
            return py::make_tuple(kind, bound, lower, upper);
        })
        .def_property_readonly("notes", &observations::notes, "Each row's note (a list of str; empty where none).")
        .def("check", &observations::check, py::call_guard<py::gil_scoped_release>(), R"doc(
Consistency findings, as a list of Finding (empty when consistent):

- ``exceeds_total``: a breakdown along any dimension (age, sex, offence, an extra dimension such as
  citizenship, sub-periods) adds up to more than its total; censored parts count with their least
  value, a censored total with its greatest;
- ``overlapping_bands``: a breakdown into age bands that overlap;
- ``duplicate`` / ``repeated_label``: rows with the same labels (measure, period, place, breakdown
  and source) and the same value (one figure entered twice?) or different values (unnamed
  sub-categories, as UNODC's GLOTIP export has them). Either way they are added when held against a
  total, and ``series`` adds them;
- ``periods_do_not_nest``: periods that overlap without one containing the other;
- ``uncoded_area``: an area that is not an ISO 3166 code (a place's name such as Sark);
- ``damaged_text``: a label or note with U+FFFD, the mark of characters lost in a conversion.

A table read from a file names the rows by their lines in it (``Finding.lines``). Loading a
document or an export warns (ConsistencyWarning) with the number of findings by kind.

>>> ts.datasets.cambodia_2019().observations.check()
[]
>>> obs = Observations()
>>> obs.add("victims_rescued", 263, "2019-H1", area="KHM")
>>> obs.add("victims_rescued", 263, "2019-H1", area="KHM")
>>> [finding.kind for finding in obs.check()]
['duplicate']
)doc")
        .def("series", [](const observations& t, const std::string& measure, std::optional<std::string> unit,
                          std::optional<std::string> area, std::optional<std::string> offence,
                          const py::object& age, std::optional<std::string> sex, std::optional<std::string> source,
                          const py::kwargs& categories) {
            series_filter filter{.unit = std::move(unit), .area = std::move(area), .offence = std::move(offence),
                                .source = std::move(source), .extra = categories_from(categories)};
            if (!age.is_none()) filter.age = age_from(age);
            if (sex) filter.sex = parse_sex(*sex);
            return t.series(measure, filter);
        }, py::arg("measure"), py::kw_only(), py::arg("unit") = py::none(), py::arg("area") = py::none(),
             py::arg("offence") = py::none(), py::arg("age") = py::none(), py::arg("sex") = py::none(),
             py::arg("source") = py::none(), R"doc(
The rows of ``measure`` matching the filters, in time order. Unset offence, age, sex and extra
dimensions (given as keywords, ``citizenship="Romania"``) mean their totals ("all"); unset unit,
area and source must be unambiguous. Rows with the same labels and period are unnamed parts of
their category and are added (a sum with censored parts is known by its bounds). Raises
NotFoundError when nothing matches and ValidationError (naming what to filter on) when ambiguous.

>>> obs = ts.datasets.cambodia_2019().observations
>>> obs.series("victims_rescued", offence="sexual_assault", age="0-14")
Series(victims_rescued, 1 periods: 2019-H1: 70)
)doc")
        .def("_extend_columns", &extend_by_columns, py::arg("dimensions"), py::arg("kinds"), py::arg("numbers"),
             py::arg("uppers"), py::arg("notes"))
        .def("to_csv_text", &observations_to_csv, R"doc(
The tidy CSV table as text: the header ``measure,value,unit,period,area,offence,age,sex,source,note``
and one line per row (docs/format.md).

>>> lines = ts.datasets.cambodia_2019().observations.to_csv_text().splitlines()
>>> print(lines[0]); print(lines[1])
measure,value,unit,period,area,offence,age,sex,source,note
victims_rescued,263,count,2019-H1,KHM,sexual_assault,all,all,ppp-2019,"A Ministry of Interior report ...
)doc")
        .def("save_csv", &save_observations_csv, py::arg("path"), R"doc(
Write the tidy CSV table to ``path`` (a str); atomic: a temporary file, then a rename, so a crash
never leaves half a file. ``to_csv`` takes any path-like.

>>> obs = ts.datasets.cambodia_2019().observations
>>> obs.save_csv(str(tmp / "cambodia.csv"))
>>> Observations.load_csv(str(tmp / "cambodia.csv")) == obs
True
)doc")
        .def_static("from_csv_text", &read_observations_csv, py::arg("text"), py::arg("file") = "", R"doc(
Read a tidy CSV table from text (all rows or none). ``file`` only names the text in errors.
Raises ParseError with ``file``, ``line``, ``column`` and ``field`` on bad input, or when the
text is not UTF-8.

>>> obs = Observations.from_csv_text("measure,value,period,age\nvictims_rescued,263,2019-H1,all\n"
...                                  "victims_rescued,70,2019-H1,0-14\n")
>>> len(obs), str(obs[1].age)
(2, '0-14')
)doc")
        .def_static("load_csv", &load_observations_csv, py::arg("path"), R"doc(
Read a tidy CSV file (all rows or none); ``read_csv`` takes any path-like. Raises ParseError
naming the file, line, column and field on bad input, bytes that are not UTF-8 included.

>>> ts.datasets.cambodia_2019().observations.save_csv(str(tmp / "cambodia.csv"))
>>> Observations.load_csv(str(tmp / "cambodia.csv"))
<Observations: 4 rows, measures victims_rescued, cases_with_arrest>
)doc")
        .def(py::self == py::self)
        .def(py::pickle([](const observations& t) { return py::make_tuple(pickle_state_version, observations_to_csv(t)); },
                        [](const py::tuple& state) {
                            check_pickled_state<observations>(state, 2);
                            return read_observations_csv(state[1].cast<std::string>());
                        }));
    py::implicitly_convertible<py::str, quantity>();
}
