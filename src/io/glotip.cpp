#include <tipstats/io/glotip.hpp>

#include <tipstats/detail/text.hpp>
#include <tipstats/io/csv.hpp>
#include <tipstats/io/files.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace tipstats::io {
namespace {

constexpr std::string_view terms_hint = " (the known wordings are tipstats.io.GLOTIP_TERMS and docs/format.md)";

template <std::size_t N>
std::optional<std::string_view> find_term(const std::array<glotip_term, N>& table, std::string_view text) {
    for (const glotip_term& term : table)
        if (detail::same_wording(text, term.text)) return term.value;
    return std::nullopt;
}

template <std::size_t N>
std::string_view look_up(const std::array<glotip_term, N>& table, std::string_view text, const char* what) {
    if (const auto value = find_term(table, text)) return *value;
    throw parse_error("unknown " + std::string(what) + " " + detail::quoted(text) + std::string(terms_hint));
}

/// A known wording's value, else the wording as a name; `what` names the column for an empty one.
template <std::size_t N>
std::string value_or_slug(const std::array<glotip_term, N>& table, std::string_view text, const char* what) {
    if (const auto value = find_term(table, text)) return std::string(*value);
    std::string name = detail::slug(text);
    if (name.empty()) throw parse_error("an " + std::string(what) + " is needed, got " + detail::quoted(text));
    return name;
}

/// "by region of origin" -> "region_of_origin": where an unknown Dimension's Category goes.
std::string dimension_target(std::string_view dimension) {
    if (const auto value = find_term(glotip_dimensions, dimension)) return std::string(*value);
    std::string_view d = detail::trim(dimension);
    if (d.size() > 3 && detail::same_wording(d.substr(0, 2), "by") && d[2] == ' ') d.remove_prefix(3);
    std::string name = detail::slug(d);
    if (name.empty())
        throw parse_error("a dimension is needed (Total, by form of exploitation, by citizenship, ...), got " +
                          detail::quoted(dimension));
    if (const auto problem = observations::dimension_name_problem(name))
        throw parse_error("the dimension " + detail::quoted(dimension) + " cannot be kept as '" + name + "': " + *problem);
    return name;
}

age_band glotip_age(std::string_view text) {
    if (const auto value = find_term(glotip_ages, text)) return age_band::parse(*value);
    return age_band::from_label(text);
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
        if (!std::isdigit(static_cast<unsigned char>(c))) throw parse_error("not a number: " + detail::quoted(number));
        ++digits_in_group;
        out += c;
    }
    if (digits_in_group != 3) throw parse_error("a comma that is not a thousands separator: " + detail::quoted(number));
    return out.append(number.substr(point));
}

/// txtVALUE: a number (perhaps with thousands separators), "<5", ">b", or empty for not published.
quantity glotip_value(std::string_view text) {
    std::string_view t = detail::trim(text);
    std::string prefix;
    if (!t.empty() && (t.front() == '<' || t.front() == '>')) {
        prefix = t.front();
        t = detail::trim(t.substr(1));
    }
    return quantity::parse(prefix + without_thousands_separators(t));
}

enum column : std::size_t {
    iso3_code, country, region, subregion, indicator, dimension, category, sex, age, year, unit, value, source,
    column_count
};
constexpr std::array<std::string_view, column_count> column_names{
    "Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category",
    "Sex", "Age", "Year", "Unit of measurement", "txtVALUE", "Source"};

/// The export's preamble is two rows; a few more are tolerated, a sheet with no header is not read.
constexpr std::size_t preamble_limit = 20;

std::string_view without_bom(std::string_view text) {
    return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

bool is_header_cell(std::string_view first_cell) {
    return detail::trim(without_bom(first_cell)) == column_names[iso3_code];
}

/// The first CSV field of a line, without its quotes.
std::string_view first_field(std::string_view line) {
    if (line.starts_with('"')) return line.substr(1, line.find('"', 1) - 1);
    return line.substr(0, line.find_first_of(",\r\n"));
}

parse_error no_header(const std::string& file) {
    return parse_error("not a GLOTIP export: no header row starting with Iso3_code in the first " +
                           std::to_string(preamble_limit) + " rows",
                       {file, 1, 1, {}});
}

using positions = std::array<std::optional<std::size_t>, column_count>;

positions read_header(const std::vector<std::string>& header, const std::string& file, std::size_t line) {
    positions position{};
    for (std::size_t j = 0; j < header.size(); ++j) {
        const std::string_view name = detail::trim(without_bom(header[j]));
        if (name.empty() && j + 1 == header.size()) continue;  // a spreadsheet's trailing empty cell
        const auto k = static_cast<std::size_t>(std::find(column_names.begin(), column_names.end(), name) -
                                                column_names.begin());
        if (k == column_count)
            throw parse_error("unknown column " + detail::quoted(name) + " in a GLOTIP export",
                              {file, line, j + 1, std::string(name)});
        if (position[k])
            throw parse_error("column " + detail::quoted(name) + " appears twice", {file, line, j + 1, std::string(name)});
        position[k] = j;
    }
    for (const column k : {iso3_code, indicator, dimension, category, sex, age, year, unit, value, source})
        if (!position[k])
            throw parse_error("the column '" + std::string(column_names[k]) + "' is missing",
                              {file, line, 0, std::string(column_names[k])});
    return position;
}

/// Reads data rows into observations, declaring the extra dimensions the rows use.
class row_reader {
public:
    row_reader(positions position, std::string file, bad_rows policy)
        : position_(position), file_(std::move(file)), policy_(policy) {}

    void read(const std::vector<std::string>& cells, std::size_t line) {
        column at = iso3_code;
        try {
            rows_.push_back(parse_row(cells, at));
            lines_.push_back(line);
        } catch (const error& e) {
            const auto* parse = dynamic_cast<const parse_error*>(&e);
            std::string reason = parse ? parse->message() : std::string(e.what());
            const std::size_t column_number = position_[at] ? *position_[at] + 1 : 0;
            if (policy_ == bad_rows::raise)
                throw parse_error(std::move(reason), {file_, line, column_number, std::string(column_names[at])});
            rejected_.push_back({line, column_number, std::string(column_names[at]), std::move(reason)});
        }
    }

    glotip_import finish() {
        glotip_import out{observations(extra_), std::move(rejected_)};
        out.observations.extend(rows_);
        out.observations.set_origin(file_, std::move(lines_));
        return out;
    }

private:
    observation parse_row(const std::vector<std::string>& cells, column& at) const {
        const auto cell = [&](column k) -> std::string_view {
            at = k;
            return position_[k] && *position_[k] < cells.size() ? std::string_view(cells[*position_[k]])
                                                                : std::string_view();
        };
        const std::string_view year_text = cell(year);
        observation o{.measure = {}, .period = period::parse(year_text)};
        if (o.period.kind() != period_kind::year) throw parse_error("not a year: " + detail::quoted(year_text));
        o.measure = value_or_slug(glotip_indicators, cell(indicator), "indicator");
        const std::string_view sex_text = cell(sex);
        o.sex = parse_sex(sex_text);
        const std::string_view age_text = cell(age);
        o.age = glotip_age(age_text);
        const std::string_view dimension_text = cell(dimension);
        const std::string target = dimension_target(dimension_text);
        const std::string_view category_text = detail::trim(cell(category));
        const auto given_twice = [&](const char* what, std::string_view column_text) {
            return parse_error("the " + std::string(what) + " is given twice: Category " + detail::quoted(category_text) +
                               " of " + detail::quoted(dimension_text) + " and " + detail::quoted(column_text));
        };
        // An empty Category is a real category whose name the export lost: "unknown".
        if (detail::same_wording(dimension_text, "Total") && !detail::same_wording(category_text, "Total"))
            throw parse_error("the Category of the dimension Total is Total, got " + detail::quoted(category_text));
        if (target == "offence") {
            o.offence = category_text.empty() ? "unknown" : value_or_slug(glotip_offences, category_text, "offence");
        } else if (target == "age") {
            if (!o.age.is_all()) throw given_twice("age", age_text);
            o.age = category_text.empty() ? age_band::unknown() : glotip_age(category_text);
        } else if (target == "sex") {
            if (o.sex != sex::all) throw given_twice("sex", sex_text);
            o.sex = category_text.empty() ? sex::unknown : parse_sex(category_text);
        } else {
            if (std::find(extra_.begin(), extra_.end(), target) == extra_.end()) extra_.push_back(target);
            // "Unknown" is tipstats' word, as for sex, age and offence: the export's own "Unknown" and an
            // empty Category are one category.
            if (category_text.empty() || detail::same_wording(category_text, "Unknown"))
                o.extra_dimensions.emplace(target, "unknown");
            else if (!detail::same_wording(category_text, "Total"))
                o.extra_dimensions.emplace(target, std::string(category_text));
        }
        o.unit = look_up(glotip_units, cell(unit), "unit of measurement");
        o.value = glotip_value(cell(value));
        o.area = detail::trim(cell(iso3_code));
        if (o.area.empty()) {  // a place without an ISO code (Sark) keeps its name
            o.area = detail::trim(cell(country));
            if (o.area.empty()) throw parse_error("an area is needed: Iso3_code and Country are both empty");
        }
        o.source = glotip_source_id;
        o.note = detail::trim(cell(source));
        try {
            o.validate();
        } catch (const validation_error& e) {
            // validate() names tipstats' field; in the export that is the unit's or the value's column.
            at = e.field() == "unit" ? unit : value;
            throw parse_error(e.message());
        }
        return o;
    }

    positions position_;
    std::string file_;
    bad_rows policy_;
    mutable std::vector<std::string> extra_;
    std::vector<observation> rows_;
    std::vector<std::size_t> lines_;
    std::vector<rejected_row> rejected_;
};

}  // namespace

glotip_import read_glotip(std::string_view text, const std::string& file, bad_rows policy) {
    text = without_bom(text);
    // Skip the preamble line by line: its rows have fewer fields than the header, so the CSV parser
    // starts at the header.
    std::size_t skipped_lines = 0;
    while (!is_header_cell(first_field(text))) {
        const auto newline = text.find('\n');
        if (newline == std::string_view::npos || skipped_lines + 1 >= preamble_limit) throw no_header(file);
        text.remove_prefix(newline + 1);
        ++skipped_lines;
    }
    csv_table csv;
    try {
        csv = parse_csv(text, file);
    } catch (const parse_error& e) {
        throw parse_error(e.message(), {file, e.line() + skipped_lines, e.column(), e.field()});
    }
    row_reader reader(read_header(csv.header, file, 1 + skipped_lines), file, policy);
    for (std::size_t i = 0; i < csv.rows.size(); ++i) reader.read(csv.rows[i], csv.lines[i] + skipped_lines);
    return reader.finish();
}

glotip_import read_glotip_cells(std::span<const std::vector<std::string>> cells, std::span<const std::size_t> lines,
                                const std::string& file, bad_rows policy) {
    if (cells.size() != lines.size())
        throw domain_error("lines", "has " + std::to_string(lines.size()) + " entries for " +
                                        std::to_string(cells.size()) + " rows");
    std::size_t header = 0;
    while (header < cells.size() && header < preamble_limit && !(!cells[header].empty() && is_header_cell(cells[header][0])))
        ++header;
    if (header == cells.size() || header == preamble_limit) throw no_header(file);
    const positions position = read_header(cells[header], file, lines[header]);
    std::size_t width = 0;
    for (const auto& p : position)
        if (p) width = std::max(width, *p + 1);
    row_reader reader(position, file, policy);
    for (std::size_t i = header + 1; i < cells.size(); ++i) {
        const auto& row = cells[i];
        if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return detail::trim(c).empty(); }))
            continue;  // sheets often end with empty rows
        for (std::size_t j = width; j < row.size(); ++j)
            if (!detail::trim(row[j]).empty())
                throw parse_error("a cell beyond the header's columns", {file, lines[i], j + 1, {}});
        reader.read(row, lines[i]);
    }
    return reader.finish();
}

observations read_glotip(std::string_view text, const std::string& file) {
    return read_glotip(text, file, bad_rows::raise).observations;
}

observations load_glotip(const std::filesystem::path& path) { return load_glotip(path, bad_rows::raise).observations; }

glotip_import load_glotip(const std::filesystem::path& path, bad_rows policy) {
    return read_glotip(read_text_file(path), path.string(), policy);
}

}  // namespace tipstats::io
