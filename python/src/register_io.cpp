// tipstats._core.io: the importers written in C++ (GLOTIP) and the CSV reader the Python ones use
// (CTDC), so that every CSV error has the same form. tipstats.io wraps them.
#include "register.hpp"

#include <tipstats/io/csv.hpp>
#include <tipstats/io/glotip.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace py = pybind11;

namespace {

using tipstats::io::bad_rows;

/// (Observations, [(line, column, field, reason), ...]) for tipstats.io to wrap.
py::tuple import_result(tipstats::io::glotip_import result) {
    py::list rejected;
    for (const auto& r : result.rejected) rejected.append(py::make_tuple(r.line, r.column, r.field, r.reason));
    return py::make_tuple(std::move(result.observations), rejected);
}

bad_rows policy_of(bool collect) { return collect ? bad_rows::collect : bad_rows::raise; }

}  // namespace

void register_io(py::module_& m) {
    py::module_ io = m.def_submodule("io", "Importers for published data (compiled part).");
    io.def(
        "load_glotip",
        [](const std::filesystem::path& path, bool collect) {
            tipstats::io::glotip_import result;
            {
                py::gil_scoped_release release;
                result = tipstats::io::load_glotip(path, policy_of(collect));
            }
            return import_result(std::move(result));
        },
        py::arg("path"), py::arg("collect") = false,
        "A UNODC GLOTIP CSV export -> (Observations, rows set aside as (line, column, field, reason)).");
    io.def(
        "read_glotip_text",
        [](std::string_view text, const std::string& file, bool collect) {
            tipstats::io::glotip_import result;
            {
                py::gil_scoped_release release;
                result = tipstats::io::read_glotip(text, file, policy_of(collect));
            }
            return import_result(std::move(result));
        },
        py::arg("text"), py::arg("file") = "", py::arg("collect") = false,
        "The same, from text; `file` names it in errors.");
    io.def(
        "read_glotip_cells",
        [](const std::vector<std::vector<std::string>>& cells, const std::vector<std::size_t>& lines,
           const std::string& file, bool collect) {
            tipstats::io::glotip_import result;
            {
                py::gil_scoped_release release;
                result = tipstats::io::read_glotip_cells(cells, lines, file, policy_of(collect));
            }
            return import_result(std::move(result));
        },
        py::arg("cells"), py::arg("lines"), py::arg("file") = "", py::arg("collect") = false,
        "The same, from a sheet's rows of cells as text and their sheet row numbers.");
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
    tables["Dimension"] = table(tipstats::io::glotip_dimensions);
    tables["Category"] = table(tipstats::io::glotip_offences);
    tables["Unit of measurement"] = table(tipstats::io::glotip_units);
    tables["Age"] = table(tipstats::io::glotip_ages);
    io.attr("glotip_terms") = tables;
}
