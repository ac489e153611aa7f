// tipstats._core.io: the importers written in C++ (GLOTIP) and the CSV reader the Python ones use
// (CTDC), so that every CSV error has the same form. tipstats.io wraps them.
#include "register.hpp"

#include <tipstats/io/csv.hpp>
#include <tipstats/io/glotip.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

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

/// A parsed CSV by column, each column as integer codes into its distinct texts (in order of first
/// appearance): a 100,000-row file of 64 columns becomes 64 small lists of texts and one array of
/// codes instead of 6.4 million Python strings.
py::tuple parse_csv_columns(std::string_view text, const std::string& file, char delimiter) {
    tipstats::csv_table table;
    std::vector<std::vector<std::string>> categories;
    auto codes = std::make_unique<std::vector<std::int32_t>>();
    {
        py::gil_scoped_release release;
        table = tipstats::parse_csv(text, file, delimiter);
        const std::size_t rows = table.rows.size(), columns = table.header.size();
        categories.resize(columns);
        codes->resize(rows * columns);
        std::vector<std::unordered_map<std::string_view, std::int32_t>> index(columns);
        for (std::size_t i = 0; i < rows; ++i)
            for (std::size_t j = 0; j < columns; ++j) {
                const std::string& cell = table.rows[i][j];
                const auto [at, added] = index[j].try_emplace(cell, static_cast<std::int32_t>(categories[j].size()));
                if (added) categories[j].push_back(cell);
                (*codes)[j * rows + i] = at->second;
            }
    }
    const auto rows = static_cast<py::ssize_t>(table.rows.size());
    const auto columns = static_cast<py::ssize_t>(table.header.size());
    std::vector<std::int32_t>* data = codes.release();
    const py::capsule owner(data, [](void* p) { delete static_cast<std::vector<std::int32_t>*>(p); });
    const py::array_t<std::int32_t> code_array({columns, rows}, data->data(), owner);
    py::array_t<std::int64_t> lines(rows);
    for (py::ssize_t i = 0; i < rows; ++i) lines.mutable_at(i) = static_cast<std::int64_t>(table.lines[i]);
    return py::make_tuple(table.header, categories, code_array, lines);
}

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
        [](std::string_view text, const std::string& file, char delimiter) {
            tipstats::csv_table table;
            {
                py::gil_scoped_release release;
                table = tipstats::parse_csv(text, file, delimiter);
            }
            return py::make_tuple(table.header, table.rows, table.lines);
        },
        py::arg("text"), py::arg("file") = "", py::arg("delimiter") = ',',
        "RFC 4180 CSV -> (header, rows, 1-based line of each row); ParseError names file, line, column.");
    io.def("parse_csv_columns", &parse_csv_columns, py::arg("text"), py::arg("file") = "",
           py::arg("delimiter") = ',',
           "The same by column: (header, distinct texts of each column in order of first appearance, "
           "int32 codes into them of shape (columns, rows), 1-based line of each row).");
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
