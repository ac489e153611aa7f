// tipstats.AgeBand: half-open age intervals in whole years, `all` and `unknown`.
#include "pickle_state.hpp"
#include "register.hpp"

#include <tipstats/time/age_band.hpp>

#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <functional>
#include <optional>
#include <string>

namespace py = pybind11;
using tipstats::age_band;

void register_age(py::module_& m) {
    py::class_<age_band> band(m, "AgeBand", R"doc(
An age band: ages [lower, upper) in whole years, the upper end possibly open, or ``all`` or
``unknown``.

Canonical text, for parsing and printing: ``"0-14"`` is ages 0 to 14 inclusive, i.e. [0, 15);
``"15-17"`` is [15, 18); ``"18+"`` is [18, inf); ``"all"`` (every age, unknown included: a total)
and ``"unknown"``. ``AgeBand.from_label`` also reads wordings from reports and datasets through one
table (``AgeBand.labels()``): "children under the age of 15" is 0-14, "aged between 15 and 18
years old" is 15-17 (minors, as the Phnom Penh Post article means it), CTDC's ageBroad "9--17" is
9-17.

Bands sort as table rows: by lower bound, narrower first, then ``all``, then ``unknown``.

>>> AgeBand("0-14").upper
15
>>> AgeBand.from_label("aged between 15 and 18 years old")
AgeBand('15-17')
>>> AgeBand("0-17").contains(AgeBand("15-17"))
True
)doc");
    band.def(py::init(&age_band::parse), py::arg("text"), "Parse a canonical form, as ``AgeBand.parse``.")
        .def_static("parse", &age_band::parse, py::arg("text"), R"doc(
Parse ``0-14``, ``18+``, ``all`` or ``unknown``; raises ParseError naming the text.

>>> ts.AgeBand.parse("18+").lower
18
)doc")
        .def_static("from_label", &age_band::from_label, py::arg("label"), R"doc(
The band a label means: first the table ``AgeBand.labels()`` (case and spacing ignored), then the
canonical forms. Raises ParseError naming an unknown label.

>>> ts.AgeBand.from_label("Children under the age of 15")
AgeBand('0-14')
)doc")
        .def_static("range", &age_band::range, py::arg("lower"), py::arg("upper") = std::nullopt, R"doc(
Ages [lower, upper); ``upper=None`` is open-ended. Raises DomainError when upper <= lower or an age
is outside 0-150.

>>> ts.AgeBand.range(15, 18), ts.AgeBand.range(18)
(AgeBand('15-17'), AgeBand('18+'))
)doc")
        .def_static("all", &age_band::all, R"doc(
Every age, unknown ages included (a total).

>>> ts.AgeBand.all().contains(ts.AgeBand.unknown())
True
)doc")
        .def_static("unknown", &age_band::unknown, R"doc(
Age not known.

>>> ts.AgeBand.unknown() == ts.AgeBand("unknown")
True
)doc")
        .def_static("labels", [] {
            py::dict table;
            for (const auto& row : tipstats::age_band_labels())
                table[py::str(std::string(row.label))] = py::str(std::string(row.band));
            return table;
        }, R"doc(
The label table ``from_label`` uses (a dict): wording (lower case) -> canonical band.

>>> ts.AgeBand.labels()["aged between 15 and 18 years old"]
'15-17'
)doc")
        .def_property_readonly("lower", &age_band::lower, "First age in the band (years); 0 for ``all``, None for ``unknown``.")
        .def_property_readonly("upper", &age_band::upper,
                               "First age past the band (years, exclusive); None when open (``18+``, ``all``) or ``unknown``.")
        .def_property_readonly("is_all", &age_band::is_all, "Whether it is ``all`` (every age, a total).")
        .def_property_readonly("is_unknown", &age_band::is_unknown, "Whether it is ``unknown`` (age not known).")
        .def("contains", &age_band::contains, py::arg("other"), R"doc(
Whether every age of ``other`` lies in this band; ``other in band`` is the same. ``all`` contains
every band, ``unknown`` included; ``unknown`` contains only itself.

>>> ts.AgeBand("0-17").contains(ts.AgeBand("0-14")), ts.AgeBand("15-17") in ts.AgeBand("0-14")
(True, False)
)doc")
        .def("__contains__", &age_band::contains)
        .def("contains_age", &age_band::contains_age, py::arg("age"), R"doc(
Whether someone aged ``age`` (whole years) falls in the band; never for ``unknown``.

>>> ts.AgeBand("0-14").contains_age(14), ts.AgeBand("0-14").contains_age(15)
(True, False)
)doc")
        .def("overlaps", &age_band::overlaps, py::arg("other"), R"doc(
Whether some age can be in both bands.

>>> ts.AgeBand("0-17").overlaps(ts.AgeBand("15+")), ts.AgeBand("0-14").overlaps(ts.AgeBand("15-17"))
(True, False)
)doc")
        .def("__str__", &age_band::to_string)
        .def("__repr__", [](const age_band& b) { return "AgeBand('" + b.to_string() + "')"; })
        .def("__hash__", [](const age_band& b) { return std::hash<std::string>{}(b.to_string()); })
        .def(py::self == py::self)
        .def(py::self != py::self)
        .def(py::self < py::self)
        .def(py::self <= py::self)
        .def(py::self > py::self)
        .def(py::self >= py::self)
        // Pickled state: (format version, canonical text).
        .def(py::pickle([](const age_band& b) { return py::make_tuple(tipstats::python::pickle_state_version, b.to_string()); },
                        [](const py::tuple& state) {
                            tipstats::python::check_pickled_state<age_band>(state, 2);
                            return age_band::parse(state[1].cast<std::string>());
                        }));
}
