#pragma once
// UNODC's Global Report on Trafficking in Persons data (GLOTIP) in its long format: the CSV export
// of data_glotip.xlsx from the UNODC data portal (dataunodc.un.org), one figure per row, columns
//
//   Iso3_code, Country, Region, Subregion, Indicator, Dimension, Category, Sex, Age, Year,
//   Unit of measurement, txtVALUE, Source
//
// read into tipstats observations. The export's quirks are handled: a title row above the header
// (the "two header rows"), a UTF-8 BOM, "<5" for a censored count, thousands separators ("1,234"),
// and "Total" rows, which become the dimension's total "all". Every text the export uses is mapped
// through the tables below, in one place; an unknown text is a parse_error naming the file, line,
// column and column name, never a guess. Country, Region and Subregion are not kept: they follow
// from Iso3_code.

#include <tipstats/model/observations.hpp>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace tipstats::io {

/// One row of a mapping table: the export's wording (compared ignoring case and surrounding space)
/// and what tipstats stores.
struct glotip_term {
    std::string_view text;
    std::string_view value;
};

/// Indicator -> measure.
inline constexpr std::array<glotip_term, 5> glotip_indicators{{
    {"Detected trafficking victims", "victims_detected"},
    {"Persons brought into formal contact", "persons_in_formal_contact"},
    {"Persons brought into formal contact with the police and/or criminal justice system",
     "persons_in_formal_contact"},
    {"Persons prosecuted", "persons_prosecuted"},
    {"Persons convicted", "persons_convicted"},
}};

/// Category of the dimensions "Total" and "by form of exploitation" -> offence.
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

/// Dimensions the reader knows; rows of other dimensions (e.g. "by citizenship") have no place
/// among tipstats' dimensions and are an error, so that nothing is dropped silently.
inline constexpr std::array<std::string_view, 2> glotip_dimensions{"Total", "by form of exploitation"};

/// Unit of measurement -> unit.
inline constexpr std::array<glotip_term, 4> glotip_units{{
    {"Counts", "count"},
    {"Count", "count"},
    {"Rate per 100,000 population", "per_100000"},
    {"Percentage", "percent"},
}};

/// The source id every GLOTIP observation gets; the Source column's text goes to the note.
inline constexpr std::string_view glotip_source_id = "unodc-glotip";

/// Reads the CSV export. Sex goes through parse_sex ("Total", "Female", "Male"), Age through
/// AgeBand::from_label ("Total", "Adult", "Minor"/"Children"), Year becomes a calendar-year period.
/// `file` only names the source in error messages.
Observations read_glotip(std::string_view text, const std::string& file = {});
Observations load_glotip(const std::filesystem::path& path);

}  // namespace tipstats::io
