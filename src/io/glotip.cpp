#include <tipstats/io/glotip.hpp>

#include <tipstats/io/csv.hpp>
#include <tipstats/io/files.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace tipstats::io {
namespace {

bool same_text(std::string_view a, std::string_view b) {
    a = detail::trim(a);
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

template <std::size_t N>
std::string_view look_up(const std::array<glotip_term, N>& table, std::string_view text, const char* what) {
    for (const glotip_term& term : table)
        if (same_text(text, term.text)) return term.value;
    throw parse_error("unknown " + std::string(what) + " " + detail::quoted(text) +
                      " (the accepted wordings are in tipstats/io/glotip.hpp and docs/format.md)");
}

/// The dimension's row in glotip_dimensions, or none when it is kept in the measure's name.
std::optional<glotip_role> dimension_role(std::string_view dimension) {
    for (const glotip_dimension& d : glotip_dimensions)
        if (same_text(dimension, d.text)) return d.role;
    return std::nullopt;
}

/// "by area of citizenship" -> "area_of_citizenship".
std::string dimension_slug(std::string_view dimension) {
    std::string_view d = detail::trim(dimension);
    if (d.size() > 3 && same_text(d.substr(0, 2), "by") && d[2] == ' ') d.remove_prefix(3);
    std::string slug;
    for (const char c : d) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!slug.empty() && slug.back() != '_')
            slug += '_';
    }
    if (!slug.empty() && slug.back() == '_') slug.pop_back();
    return slug;
}

AgeBand glotip_age(std::string_view text) {
    for (const glotip_term& term : glotip_ages)
        if (same_text(text, term.text)) return AgeBand::parse(term.value);
    return AgeBand::from_label(text);
}

/// "1,234" -> "1234": commas only as separators of three-digit groups, so that a decimal comma
/// ("1,5") is an error and not fifteen.
std::string without_thousands_separators(std::string_view number) {
    if (number.find(',') == std::string_view::npos) return std::string(number);
    const std::size_t point = std::min(number.find('.'), number.size());
    const std::string_view whole = number.substr(0, point);
    std::string out;
    std::size_t digits_in_group = 0;
    bool first_group = true;
    for (const char c : whole) {
        if (c == ',') {
            if (digits_in_group == 0 || digits_in_group > 3 || (!first_group && digits_in_group != 3))
                throw parse_error("a comma that is not a thousands separator: " + detail::quoted(number));
            first_group = false;
            digits_in_group = 0;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c)))
            throw parse_error("not a number: " + detail::quoted(number));
        ++digits_in_group;
        out += c;
    }
    if (digits_in_group != 3) throw parse_error("a comma that is not a thousands separator: " + detail::quoted(number));
    return out.append(number.substr(point));
}

/// txtVALUE: a number (perhaps with thousands separators), "<5", ">b", or empty for not published.
Quantity glotip_value(std::string_view text) {
    std::string_view t = detail::trim(text);
    std::string prefix;
    if (!t.empty() && (t.front() == '<' || t.front() == '>')) {
        prefix = t.front();
        t = detail::trim(t.substr(1));
    }
    return Quantity::parse(prefix + without_thousands_separators(t));
}

enum column : std::size_t {
    iso3_code, country, region, subregion, indicator, dimension, category, sex, age, year, unit, value, source,
    column_count
};
constexpr std::array<std::string_view, column_count> column_names{
    "Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category",
    "Sex", "Age", "Year", "Unit of measurement", "txtVALUE", "Source"};

bool starts_with_header(std::string_view text) {
    return text.starts_with(column_names[iso3_code]) || text.starts_with("\"" + std::string(column_names[iso3_code]));
}

}  // namespace

Observations read_glotip(std::string_view text, const std::string& file) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    // The export puts a title row above the header: skip one line that is not the header.
    std::size_t skipped_lines = 0;
    if (!starts_with_header(text)) {
        const auto newline = text.find('\n');
        if (newline != std::string_view::npos) text.remove_prefix(newline + 1);
        skipped_lines = 1;
        if (!starts_with_header(text))
            throw parse_error("not a GLOTIP export: neither of the first two lines is the header starting with "
                              "Iso3_code",
                              {file, 1, 1, {}});
    }
    CsvTable csv;
    try {
        csv = parse_csv(text, file);
    } catch (const parse_error& e) {
        throw parse_error(e.message(), {file, e.line() + skipped_lines, e.column(), e.field()});
    }
    const std::size_t header_line = 1 + skipped_lines;

    std::array<std::optional<std::size_t>, column_count> position{};
    for (std::size_t j = 0; j < csv.header.size(); ++j) {
        const std::string_view name = detail::trim(csv.header[j]);
        const auto k = static_cast<std::size_t>(std::find(column_names.begin(), column_names.end(), name) - column_names.begin());
        if (k == column_count)
            throw parse_error("unknown column " + detail::quoted(name) + " in a GLOTIP export",
                              {file, header_line, j + 1, std::string(name)});
        if (position[k])
            throw parse_error("column " + detail::quoted(name) + " appears twice", {file, header_line, j + 1, std::string(name)});
        position[k] = j;
    }
    for (const column k : {iso3_code, indicator, dimension, category, sex, age, year, unit, value, source})
        if (!position[k])
            throw parse_error("the column '" + std::string(column_names[k]) + "' is missing",
                              {file, header_line, 0, std::string(column_names[k])});

    std::vector<Observation> rows;
    rows.reserve(csv.rows.size());
    for (std::size_t i = 0; i < csv.rows.size(); ++i) {
        const std::size_t line = csv.lines[i] + skipped_lines;
        column at = iso3_code;
        const auto cell = [&](column k) -> const std::string& {
            at = k;
            return csv.rows[i][*position[k]];
        };
        try {
            std::string measure(look_up(glotip_indicators, cell(indicator), "indicator"));
            const std::string& sex_text = cell(sex);
            Sex sex_value = parse_sex(sex_text);
            const std::string& age_text = cell(age);
            AgeBand age_band = glotip_age(age_text);
            const std::string& dimension_text = cell(dimension);
            const std::optional<glotip_role> role = dimension_role(dimension_text);
            const std::string& category_text = cell(category);
            const auto given_twice = [&](const char* what, const std::string& column_text) {
                return parse_error("the " + std::string(what) + " is given twice: Category " +
                                   detail::quoted(category_text) + " of " + detail::quoted(dimension_text) + " and " +
                                   detail::quoted(column_text));
            };
            std::string offence = "all";
            if (!role) {
                const std::string slug = dimension_slug(dimension_text);
                if (slug.empty()) {
                    at = dimension;
                    throw parse_error("a dimension is needed (Total, by form of exploitation, by citizenship, ...)");
                }
                if (detail::trim(category_text).empty())
                    throw parse_error("a category of " + detail::quoted(dimension_text) + " is needed");
                measure += ":" + slug + "=" + std::string(detail::trim(category_text));
            } else if (*role == glotip_role::offence) {
                offence = look_up(glotip_offences, category_text, "category");
            } else if (*role == glotip_role::age) {
                if (!age_band.is_all()) throw given_twice("age", age_text);
                age_band = glotip_age(category_text);
            } else {
                if (sex_value != Sex::all) throw given_twice("sex", sex_text);
                sex_value = parse_sex(category_text);
            }
            const Period period = Period::parse(cell(year));
            if (period.kind() != period_kind::year) throw parse_error("not a year: " + detail::quoted(cell(year)));
            std::string unit_value(look_up(glotip_units, cell(unit), "unit of measurement"));
            const Quantity quantity = glotip_value(cell(value));
            std::string area(detail::trim(cell(iso3_code)));
            if (area.empty()) throw parse_error("an ISO 3166-1 alpha-3 code is needed");
            Observation o{.measure = std::move(measure),
                          .value = quantity,
                          .period = period,
                          .unit = std::move(unit_value),
                          .area = std::move(area),
                          .offence = std::move(offence),
                          .age = age_band,
                          .sex = sex_value,
                          .source = std::string(glotip_source_id),
                          .note = std::string(detail::trim(cell(source)))};
            try {
                o.validate();
            } catch (const validation_error& e) {
                // validate() names tipstats' field; in the export that is the unit's or the value's column.
                at = e.field() == "unit" ? unit : value;
                throw parse_error(e.message());
            }
            rows.push_back(std::move(o));
        } catch (const parse_error& e) {
            throw parse_error(e.message(), {file, line, *position[at] + 1, std::string(column_names[at])});
        } catch (const error& e) {  // a domain_error from a bound such as "<0"
            throw parse_error(e.what(), {file, line, *position[at] + 1, std::string(column_names[at])});
        }
    }
    Observations table;
    table.extend(rows);
    return table;
}

Observations load_glotip(const std::filesystem::path& path) { return read_glotip(read_text_file(path), path.string()); }

}  // namespace tipstats::io
