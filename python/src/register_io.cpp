// tipstats._core.io: the importers written in C++ (GLOTIP) and the CSV reader the Python ones use
// (CTDC), so that every CSV error has the same form. tipstats.io wraps them.
#include "register.hpp"

#include <tipstats/io/csv.hpp>
#include <tipstats/io/glotip.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace py = pybind11;

void register_io(py::module_& m) {
    py::module_ io = m.def_submodule("io", "Importers for published data (compiled part).");
    io.def("load_glotip", &tipstats::io::load_glotip, py::arg("path"), py::call_guard<py::gil_scoped_release>(),
           "Read a UNODC GLOTIP long-format CSV export into Observations.");
    io.def("read_glotip_text", &tipstats::io::read_glotip, py::arg("text"), py::arg("file") = "",
           py::call_guard<py::gil_scoped_release>(), "The same, from text; `file` names it in errors.");
    io.def(
        "parse_csv",
        [](std::string_view text, const std::string& file) {
            tipstats::CsvTable table;
            {
                py::gil_scoped_release release;
                table = tipstats::parse_csv(text, file);
            }
            return py::make_tuple(table.header, table.rows, table.lines);
        },
        py::arg("text"), py::arg("file") = "",
        "RFC 4180 CSV -> (header, rows, 1-based line of each row); ParseError names file, line, column.");
    py::dict tables;
    const auto table = [](const auto& terms) {
        py::dict d;
        for (const auto& term : terms) d[py::str(std::string(term.text))] = std::string(term.value);
        return d;
    };
    tables["Indicator"] = table(tipstats::io::glotip_indicators);
    tables["Category"] = table(tipstats::io::glotip_offences);
    tables["Unit of measurement"] = table(tipstats::io::glotip_units);
    tables["Age"] = table(tipstats::io::glotip_ages);
    py::dict dimensions;
    for (const auto& d : tipstats::io::glotip_dimensions)
        dimensions[py::str(std::string(d.text))] = d.role == tipstats::io::glotip_role::offence ? "offence"
                                                   : d.role == tipstats::io::glotip_role::age   ? "age"
                                                                                                : "sex";
    tables["Dimension"] = dimensions;
    io.attr("glotip_terms") = tables;
}
