#pragma once
// CSV (RFC 4180: quoted fields, doubled quotes, quoted line breaks, LF or CRLF, an optional UTF-8 BOM)
// and the tidy table of observations stored in it.

#include <tipstats/io/files.hpp>
#include <tipstats/model/observations.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tipstats {

/// A CSV file read whole: a header and rows of fields, each row with the line it starts on.
struct csv_table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;  ///< 1-based line on which each row starts
};

/// Parses CSV text. Throws parse_error with the line and column of an unterminated quote, a stray
/// quote, bytes that are not UTF-8, or a row whose number of fields differs from the header's.
/// `file` only names the source in messages. `delimiter` separates fields (',' by RFC 4180; ';' and
/// tab are common in European and spreadsheet exports); a quote, line break or non-ASCII byte is
/// refused as a delimiter with domain_error.
csv_table parse_csv(std::string_view text, const std::string& file = {}, char delimiter = ',');

/// One CSV field, quoted when it has to be.
std::string csv_field(std::string_view value);

/// The columns of the tidy observations table, in the order they are written.
inline constexpr std::array<std::string_view, 10> observation_columns{
    "measure", "value", "unit", "period", "area", "offence", "age", "sex", "source", "note"};

/// Reads a tidy table of observations: `measure`, `value` and `period` are required, the other
/// columns of `observation_columns` optional (their defaults: count, empty, all, all, all, empty,
/// empty). Any other column is an extra dimension of the table (e.g. `citizenship`; empty cells
/// and "all" are its total), so nothing is dropped; a column whose name cannot be a dimension's is
/// an error. Values are numbers, "<b", ">b" or empty/NA for missing. Errors name the file, line
/// and column; nothing is returned half-read. A table read from a named file records each row's
/// line (`lines()`).
observations read_observations_csv(std::string_view text, const std::string& file = {});
observations load_observations_csv(const std::filesystem::path& path);

/// Writes every column, the extra dimensions between `source` and `note`; values in their shortest
/// exact form, censored values as "<b".
std::string observations_to_csv(const observations& table);
/// Writes to a temporary file beside `path`, then renames it over `path`: an interrupted save leaves
/// the old file whole.
void save_observations_csv(const observations& table, const std::filesystem::path& path);

}  // namespace tipstats
