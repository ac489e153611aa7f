// tipstats.Period and tipstats.PartialDate; dates cross as datetime.date (casters.hpp).
#include "casters.hpp"
#include "pickle_state.hpp"
#include "register.hpp"

#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>

#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <functional>

namespace py = pybind11;
using tipstats::partial_date;
using tipstats::period;

namespace {
// Pickled state: (format version, text form). The text form is the stable, documented grammar.
template <class T>
void add_text_pickling(py::class_<T>& cls) {
    cls.def(py::pickle([](const T& value) { return py::make_tuple(tipstats::python::pickle_state_version, value.to_string()); },
                       [](const py::tuple& state) {
                           tipstats::python::check_pickled_state<T>(state, 2);
                           return T::parse(state[1].cast<std::string>());
                       }));
}
}  // namespace

void register_time(py::module_& m) {
    m.def("parse_date", &tipstats::date::parse, py::arg("text"), R"doc(
Parse an ISO 8601 calendar date ``YYYY-MM-DD`` into a ``datetime.date``.

Raises ParseError for other forms and impossible dates such as 2019-02-30.

>>> ts.parse_date("2019-08-01")
datetime.date(2019, 8, 1)
)doc");

    py::class_<period> period_cls(m, "Period", R"doc(
A reporting period with inclusive start and end dates.

One grammar for parsing and printing: ``2019`` (year), ``2019-H1`` (half), ``2019-Q3``
(quarter), ``2019-06`` (month), ``2019-06-14`` (day) and ISO 8601 intervals
``2019-01-01/2019-06-30`` whose ends may also be coarser forms (``2019-01/2019-06``).
Two periods are equal when they cover the same days, whatever their written form.

>>> p = Period("2019-H1")
>>> p.start, p.end, p.days
(datetime.date(2019, 1, 1), datetime.date(2019, 6, 30), 181)
>>> str(p.shift(years=-1))
'2018-H1'
)doc");
    period_cls.def(py::init(&period::parse), py::arg("text"), "Parse a period, as ``Period.parse``.")
        .def_static("parse", &period::parse, py::arg("text"), R"doc(
Parse a period written in the grammar of the class; raises ParseError naming the text otherwise.

>>> ts.Period.parse("2019-Q3")
Period('2019-Q3')
>>> ts.Period.parse("2019-01/2019-06") == ts.Period("2019-H1")
True
)doc")
        .def_static("between", &period::between, py::arg("start"), py::arg("end"), R"doc(
The days from ``start`` to ``end`` (``datetime.date``), both included; raises ValidationError if
``end`` is before ``start``.

>>> q = ts.Period.between(ts.parse_date("2019-01-01"), ts.parse_date("2019-03-31"))
>>> q, q == ts.Period("2019-Q1")
(Period('2019-01-01/2019-03-31'), True)
)doc")
        .def_property_readonly("start", &period::start, "First day (datetime.date).")
        .def_property_readonly("end", &period::end, "Last day, inclusive (datetime.date).")
        .def_property_readonly("kind", [](const period& p) { return std::string(tipstats::to_string(p.kind())); },
                               "'year', 'half', 'quarter', 'month', 'day' or 'interval'.")
        .def_property_readonly("days", &period::days, "Number of days covered (days).")
        .def("contains", py::overload_cast<const tipstats::date&>(&period::contains, py::const_), py::arg("other"),
             R"doc(
Whether a date (or every day of a period) lies within this period; ``other in period`` is the same.

>>> ts.Period("2019").contains(ts.Period("2019-H1")), ts.parse_date("2020-01-01") in ts.Period("2019")
(True, False)
)doc")
        .def("contains", py::overload_cast<const period&>(&period::contains, py::const_), py::arg("other"))
        .def("__contains__", py::overload_cast<const tipstats::date&>(&period::contains, py::const_))
        .def("__contains__", py::overload_cast<const period&>(&period::contains, py::const_))
        .def("overlaps", &period::overlaps, py::arg("other"), R"doc(
Whether the two periods share a day.

>>> ts.Period("2019-H1").overlaps(ts.Period("2019-06/2019-09")), ts.Period("2019-H1").overlaps(ts.Period("2019-H2"))
(True, False)
)doc")
        .def("shift", &period::shift, py::kw_only(), py::arg("years"), R"doc(
The same period ``years`` later; ``shift(years=-1)`` is the same period last year, the baseline of a
year-on-year change. 29 February becomes 28 February in a common year.

>>> ts.Period("2019-H1").shift(years=-1)
Period('2018-H1')
>>> ts.Period("2020-02-29").shift(years=1)
Period('2021-02-28')
)doc")
        .def("__str__", &period::to_string)
        .def("__repr__", [](const period& p) { return "Period('" + p.to_string() + "')"; })
        .def("__hash__", [](const period& p) {
            return std::hash<long>{}(p.start().days_since_epoch()) ^ (std::hash<long>{}(p.end().days_since_epoch()) << 1);
        })
        .def(py::self == py::self)
        .def(py::self != py::self)
        .def(py::self < py::self)
        .def("__le__", [](const period& a, const period& b) { return !(b < a); })
        .def("__gt__", [](const period& a, const period& b) { return b < a; })
        .def("__ge__", [](const period& a, const period& b) { return !(a < b); });
    add_text_pickling(period_cls);

    py::class_<partial_date> partial(m, "PartialDate", R"doc(
A date known to the year, the month or the day (``2019``, ``2019-06``, ``2019-06-14``).

News often gives only part of a date ("on Thursday", "in 2019"); a PartialDate keeps exactly what is
known and says which days it can be (``earliest``, ``latest``). Built from text or a
``datetime.date``; raises ParseError naming the text for another form or an impossible date.

>>> d = ts.PartialDate("2019-06")
>>> d.precision, d.earliest, d.latest
('month', datetime.date(2019, 6, 1), datetime.date(2019, 6, 30))
)doc");
    partial.def(py::init(&partial_date::parse), py::arg("text"))
        .def(py::init<const tipstats::date&>(), py::arg("date"))
        .def_static("parse", &partial_date::parse, py::arg("text"), R"doc(
Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises ParseError naming the text otherwise.

>>> ts.PartialDate.parse("2019-08")
PartialDate('2019-08')
)doc")
        .def_property_readonly("precision",
                               [](const partial_date& d) { return std::string(tipstats::to_string(d.precision())); },
                               "How much is known: 'year', 'month' or 'day'.")
        .def_property_readonly("year", &partial_date::year, "The year (always known).")
        .def_property_readonly("month", [](const partial_date& d) { return d.month() ? py::object(py::int_(d.month())) : py::none(); },
                               "The month (1-12), or None when only the year is known.")
        .def_property_readonly("day", [](const partial_date& d) { return d.day() ? py::object(py::int_(d.day())) : py::none(); },
                               "The day of the month, or None when not known.")
        .def_property_readonly("earliest", &partial_date::earliest, "First day it can be (datetime.date).")
        .def_property_readonly("latest", &partial_date::latest, "Last day it can be (datetime.date).")
        .def_property_readonly("is_exact", &partial_date::is_exact, "Whether it is known to the day.")
        .def("admits", &partial_date::admits, py::arg("date"), R"doc(
Whether ``date`` (a ``datetime.date``) is one of the days it can be.

>>> ts.PartialDate("2019").admits(ts.parse_date("2019-08-01"))
True
)doc")
        .def("__str__", &partial_date::to_string)
        .def("__repr__", [](const partial_date& d) { return "PartialDate('" + d.to_string() + "')"; })
        .def("__hash__", [](const partial_date& d) { return std::hash<std::string>{}(d.to_string()); })
        .def(py::self == py::self)
        .def(py::self != py::self)
        .def(py::self < py::self)
        .def(py::self <= py::self)
        .def(py::self > py::self)
        .def(py::self >= py::self);
    add_text_pickling(partial);
    py::implicitly_convertible<tipstats::date, partial_date>();
}
