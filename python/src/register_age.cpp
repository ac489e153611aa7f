// tipstats.AgeBand: half-open age intervals in whole years, `all` and `unknown`.
#include "register.hpp"

#include <tipstats/time/age_band.hpp>

#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <functional>
#include <optional>
#include <string>

namespace py = pybind11;
using tipstats::AgeBand;

namespace {
// Pickled state: (format version, canonical text).
constexpr int age_state_version = 1;
}  // namespace

void register_age(py::module_& m) {
    py::class_<AgeBand> band(m, "AgeBand", R"doc(
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
    band.def(py::init(&AgeBand::parse), py::arg("text"), "Parse a canonical form, as ``AgeBand.parse``.")
        .def_static("parse", &AgeBand::parse, py::arg("text"),
                    "Parse ``0-14``, ``18+``, ``all`` or ``unknown``; raises ParseError naming the text.")
        .def_static("from_label", &AgeBand::from_label, py::arg("label"),
                    "The band a label means: first the table ``AgeBand.labels()`` (case and spacing "
                    "ignored), then the canonical forms. Raises ParseError naming an unknown label.")
        .def_static("range", &AgeBand::range, py::arg("lower"), py::arg("upper") = std::nullopt,
                    "Ages [lower, upper); ``upper=None`` is open-ended. Raises DomainError when "
                    "upper <= lower or an age is outside 0-150.")
        .def_static("all", &AgeBand::all, "Every age, unknown ages included (a total).")
        .def_static("unknown", &AgeBand::unknown, "Age not known.")
        .def_static("labels", [] {
            py::dict table;
            for (const auto& row : tipstats::age_band_labels())
                table[py::str(std::string(row.label))] = py::str(std::string(row.band));
            return table;
        }, "The label table ``from_label`` uses: wording (lower case) -> canonical band.")
        .def_property_readonly("lower", &AgeBand::lower, "First age in the band; 0 for ``all``, None for ``unknown``.")
        .def_property_readonly("upper", &AgeBand::upper,
                               "First age past the band (exclusive); None when open (``18+``, ``all``) or ``unknown``.")
        .def_property_readonly("is_all", &AgeBand::is_all)
        .def_property_readonly("is_unknown", &AgeBand::is_unknown)
        .def("contains", &AgeBand::contains, py::arg("other"),
             "Whether every age of ``other`` lies in this band. ``all`` contains every band, ``unknown`` "
             "included; ``unknown`` contains only itself.")
        .def("__contains__", &AgeBand::contains)
        .def("contains_age", &AgeBand::contains_age, py::arg("age"),
             "Whether someone aged ``age`` (whole years) falls in the band; never for ``unknown``.")
        .def("overlaps", &AgeBand::overlaps, py::arg("other"), "Whether some age can be in both bands.")
        .def("__str__", &AgeBand::to_string)
        .def("__repr__", [](const AgeBand& b) { return "AgeBand('" + b.to_string() + "')"; })
        .def("__hash__", [](const AgeBand& b) { return std::hash<std::string>{}(b.to_string()); })
        .def(py::self == py::self)
        .def(py::self != py::self)
        .def(py::self < py::self)
        .def(py::self <= py::self)
        .def(py::self > py::self)
        .def(py::self >= py::self)
        .def(py::pickle([](const AgeBand& b) { return py::make_tuple(age_state_version, b.to_string()); },
                        [](const py::tuple& state) {
                            if (state.size() != 2 || state[0].cast<int>() != age_state_version)
                                throw tipstats::parse_error("unsupported pickled state for AgeBand");
                            return AgeBand::parse(state[1].cast<std::string>());
                        }));
}
