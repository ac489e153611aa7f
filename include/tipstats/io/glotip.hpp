#pragma once
// UNODC's Global Report on Trafficking in Persons data (GLOTIP) in its long format, as the UNODC
// data portal (dataunodc.un.org) exports it: the sheet `data_glotip_1` of data_glotip.xlsx, saved as
// CSV or read cell by cell (tipstats.io reads the .xlsx itself). Preamble rows (the export has two:
// "UNODC," and the export date) come before the header
//
//   Iso3_code, Country, Region, Subregion, Indicator, Dimension, Category, Sex, Age, Year,
//   Unit of measurement, txtVALUE, Source
//
// and every data row becomes one observation: none dropped, none invented. The wordings are mapped
// through the tables below, in one place (tipstats.io.GLOTIP_TERMS in Python). What the export adds
// later is kept in its own wording, not refused: an indicator becomes a measure named from it, a
// dimension an extra dimension of the table, an offence a category named from it. An empty Category
// is the category "unknown"; a row without Iso3_code (Sark has none) keeps the Country's name as
// its area. Region and Subregion are not kept: they follow from the area.

#include <tipstats/model/observations.hpp>

#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tipstats::io {

/// One row of a mapping table: the export's wording (compared ignoring case and surrounding space)
/// and what tipstats stores.
struct glotip_term {
    std::string_view text;
    std::string_view value;
};

/// Indicator -> measure. Another indicator becomes the measure named from its wording
/// ("Persons arrested" -> "persons_arrested").
inline constexpr std::array<glotip_term, 6> glotip_indicators{{
    {"Detected trafficking victims", "victims_detected"},
    {"Persons brought into formal contact", "persons_in_formal_contact"},
    {"Persons brought into formal contact with the police and/or criminal justice system",
     "persons_in_formal_contact"},
    {"Persons prosecuted", "persons_prosecuted"},
    {"Persons convicted", "persons_convicted"},
    {"Offences of trafficking in persons", "offences"},
}};

/// Category of the dimensions "Total" and "by form of exploitation" -> offence. Another category
/// becomes the offence named from its wording ("Mixed forms" -> "mixed_forms").
inline constexpr std::array<glotip_term, 10> glotip_offences{{
    {"Total", "all"},
    {"Sexual exploitation", "sexual_exploitation"},
    {"Forced labour", "forced_labour"},
    {"Forced labor", "forced_labour"},
    {"Other purposes", "other_exploitation"},
    {"Other forms of exploitation", "other_exploitation"},
    {"Removal of organs", "organ_removal"},
    {"Forced marriage", "forced_marriage"},
    {"Forced criminal activity", "forced_criminal_activity"},
    {"Begging", "begging"},
}};

/// Dimension -> where its Category goes: "offence", "age", "sex" (built-in dimensions; Age or Sex
/// must then be Total) or the name of an extra dimension of the table. Another dimension becomes
/// the extra dimension named from its wording without the leading "by" ("by region of origin" ->
/// "region_of_origin"). The Category "Total" of an extra dimension is its total, "all", and
/// "Unknown" (like an empty Category) is "unknown".
inline constexpr std::array<glotip_term, 8> glotip_dimensions{{
    {"Total", "offence"},
    {"by form of exploitation", "offence"},
    {"by age group", "age"},
    {"by age", "age"},
    {"by sex", "sex"},
    {"by citizenship", "citizenship"},
    {"by area of citizenship", "area_of_citizenship"},
    {"by country of repatriation", "country_of_repatriation"},
}};

/// Age wordings of the export that age_band::from_label does not know; looked up first.
inline constexpr std::array<glotip_term, 2> glotip_ages{{
    {"0 to 17 years", "0-17"},
    {"18 years or over", "18+"},
}};

/// Unit of measurement -> unit.
inline constexpr std::array<glotip_term, 4> glotip_units{{
    {"Counts", "count"},
    {"Count", "count"},
    {"Rate per 100,000 population", "per_100000"},
    {"Percentage", "percent"},
}};

/// The source id every GLOTIP observation gets; the Source column's text goes to the note.
inline constexpr std::string_view glotip_source_id = "unodc-glotip";

/// What a reader does with a data row it cannot read (a value that is not a number, an unknown sex
/// or unit): stop with a located parse_error, or set the row aside and go on.
enum class bad_rows { raise, collect };

/// A data row set aside by a reader that collects bad rows: where it is and why.
struct rejected_row {
    std::size_t line = 0;    ///< 1-based line of the CSV file, or row of the sheet
    std::size_t column = 0;  ///< 1-based column of the bad cell
    std::string field;       ///< that column's name
    std::string reason;
};

/// Observations read from an export, and the rows set aside (only with bad_rows::collect).
/// `observations.lines()` gives each observation's line in the file.
struct glotip_import {
    tipstats::observations observations;
    std::vector<rejected_row> rejected;
};

/// Reads the CSV export. Sex goes through parse_sex ("Total", "Female", "Male", "Other",
/// "Unknown"), Age through glotip_ages and then age_band::from_label, Year becomes a calendar-year
/// period. `file` only names the source in error messages. A header that is missing, incomplete
/// or not found in the first 20 rows is always a parse_error.
glotip_import read_glotip(std::string_view text, const std::string& file, bad_rows policy);
/// The same from a sheet already split into cells (every cell as text), `lines[i]` the sheet row
/// of `cells[i]`, preamble rows included.
glotip_import read_glotip_cells(std::span<const std::vector<std::string>> cells, std::span<const std::size_t> lines,
                                const std::string& file, bad_rows policy);
/// Stops at the first bad row.
observations read_glotip(std::string_view text, const std::string& file = {});
observations load_glotip(const std::filesystem::path& path);
glotip_import load_glotip(const std::filesystem::path& path, bad_rows policy);

}  // namespace tipstats::io
