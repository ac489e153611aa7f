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
// column and column name, never a guess. The one exception is the Dimension column: a dimension
// tipstats has no place for is kept in the measure's name (see glotip_dimensions), so that a full
// export reads without filtering. Country, Region and Subregion are not kept: they follow from
// Iso3_code.

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

/// What a Dimension puts its Category into. The GLOTIP export breaks each indicator down along
/// several dimensions, each of them a partition of the same total: the form of exploitation, the
/// age group or sex, the citizenship or area of citizenship of the victims or offenders, the country
/// of repatriation, and others in later editions.
enum class glotip_role {
    offence,    ///< Category -> offence through glotip_offences ("Total" -> "all")
    age,        ///< Category -> age band (the Age column must then be Total)
    sex,        ///< Category -> sex (the Sex column must then be Total)
};

struct glotip_dimension {
    std::string_view text;
    glotip_role role;
};

/// Dimensions with a place among tipstats' dimensions. Every other Dimension (by citizenship, by
/// area of citizenship, by country of repatriation, by region of origin, ... and any the export adds
/// later) is kept, not dropped or refused: its rows get the measure
/// `<measure>:<dimension>=<Category>`, the dimension written in lower case without its leading
/// "by " and with runs of other characters than letters and digits as "_", the Category as
/// exported (trimmed); e.g. "victims_detected:citizenship=Foreign" or
/// "victims_detected:country_of_repatriation=Thailand". Each category is then a series of its own
/// and never summed with the total or with another dimension's breakdown.
inline constexpr std::array<glotip_dimension, 5> glotip_dimensions{{
    {"Total", glotip_role::offence},
    {"by form of exploitation", glotip_role::offence},
    {"by age group", glotip_role::age},
    {"by age", glotip_role::age},
    {"by sex", glotip_role::sex},
}};

/// Age wordings of the export that AgeBand::from_label does not know; looked up first.
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

/// Reads the CSV export. Sex goes through parse_sex ("Total", "Female", "Male"), Age through
/// glotip_ages and then AgeBand::from_label ("Total", "18 years or over", "Adult", "Minor"), Year
/// becomes a calendar-year period.
/// `file` only names the source in error messages.
Observations read_glotip(std::string_view text, const std::string& file = {});
Observations load_glotip(const std::filesystem::path& path);

}  // namespace tipstats::io
