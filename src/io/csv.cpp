#include <tipstats/io/csv.hpp>

#include <tipstats/io/files.hpp>

#include <algorithm>

namespace tipstats {
namespace {

/// Length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    std::size_t length = 0;
    unsigned min = 0;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) length = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0) length = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0) length = 4, min = 0x10000;
    else return 0;
    if (i + length > text.size()) return 0;
    unsigned code = c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

}  // namespace

csv_table parse_csv(std::string_view text, const std::string& file, char delimiter) {
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || static_cast<unsigned char>(delimiter) >= 0x80)
        throw domain_error("delimiter", "a CSV delimiter is one ASCII character other than a quote or a line break");
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    csv_table table;
    std::vector<std::string> row;
    std::string field;
    std::size_t line = 1, column = 1, row_line = 1;
    bool quoted = false, field_was_quoted = false;
    std::size_t quote_line = 0, quote_column = 0;

    const auto fail = [&](const std::string& message, std::size_t at_line, std::size_t at_column) {
        throw parse_error(message, {file, at_line, at_column, {}});
    };
    const auto end_row = [&] {
        const bool blank = row.empty() && field.empty() && !field_was_quoted;
        row.push_back(std::move(field));
        field.clear();
        field_was_quoted = false;
        if (table.header.empty() && !blank) {
            table.header = std::move(row);
        } else if (!blank) {
            if (row.size() != table.header.size())
                fail("row has " + std::to_string(row.size()) + " fields, the header has " +
                         std::to_string(table.header.size()),
                     row_line, 1);
            table.rows.push_back(std::move(row));
            table.lines.push_back(row_line);
        }
        row.clear();
    };

    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const std::size_t length = utf8_length(text, i);
        if (length == 0) fail("bytes that are not UTF-8 (save the file as UTF-8)", line, column);
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    column += 2;
                    continue;
                }
                quoted = false;
                ++i;
                ++column;
                if (i < text.size() && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
                    fail("a closing quote must end the field", line, column);
                continue;
            }
            if (c == '\n') ++line, column = 0;
            field.append(text.substr(i, length));
            i += length;
            column += 1;
            continue;
        }
        if (c == '"') {
            if (!field.empty() || field_was_quoted) fail("a quote inside an unquoted field", line, column);
            quoted = field_was_quoted = true;
            quote_line = line;
            quote_column = column;
        } else if (c == delimiter) {
            row.push_back(std::move(field));
            field.clear();
            field_was_quoted = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_row();
            ++line;
            column = 0;
            row_line = line;
        } else {
            field.append(text.substr(i, length));
        }
        i += length;
        column += 1;
    }
    if (quoted) fail("a quoted field is never closed", quote_line, quote_column);
    if (!field.empty() || !row.empty() || field_was_quoted) end_row();
    if (table.header.empty()) fail("the file is empty: a header is needed", 1, 1);
    return table;
}

std::string csv_field(std::string_view value) {
    const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                              (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!needs_quotes) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

observations read_observations_csv(std::string_view text, const std::string& file) {
    const csv_table csv = parse_csv(text, file);
    std::array<std::optional<std::size_t>, observation_columns.size()> position{};
    std::vector<std::string> extra_names;
    std::vector<std::size_t> extra_position;
    for (std::size_t j = 0; j < csv.header.size(); ++j) {
        const std::string name(detail::trim(csv.header[j]));
        std::size_t k = 0;
        while (k < observation_columns.size() && observation_columns[k] != name) ++k;
        // The header is the file's first line, perhaps not a header at all (a 100 MB line of data):
        // the name goes into the message and the field cut as quoted() cuts it.
        const std::string shown = detail::quoted(name);
        const parse_error::location at{file, 1, j + 1, shown.substr(1, shown.size() - 2)};
        if (k == observation_columns.size()) {  // another column is an extra dimension
            if (const auto problem = observations::dimension_name_problem(name))
                throw parse_error("unknown column " + shown + ": not a column of the tidy table (measure, value, unit, "
                                  "period, area, offence, age, sex, source, note), and " + *problem,
                                  at);
            if (std::find(extra_names.begin(), extra_names.end(), name) != extra_names.end())
                throw parse_error("column " + shown + " appears twice", at);
            extra_names.push_back(name);
            extra_position.push_back(j);
            continue;
        }
        if (position[k]) throw parse_error("column " + shown + " appears twice", at);
        position[k] = j;
    }
    for (const std::size_t k : {std::size_t{0}, std::size_t{1}, std::size_t{3}})
        if (!position[k])
            throw parse_error("the required column '" + std::string(observation_columns[k]) + "' is missing",
                              {file, 1, 0, std::string(observation_columns[k])});

    std::vector<observation> rows;
    rows.reserve(csv.rows.size());
    for (std::size_t i = 0; i < csv.rows.size(); ++i) {
        const auto& fields = csv.rows[i];
        std::string column_name;
        const auto cell = [&](std::size_t k, std::string_view fallback) -> std::string {
            column_name = observation_columns[k];
            return position[k] ? fields[*position[k]] : std::string(fallback);
        };
        try {
            observation o{.measure = cell(0, ""),
                          .value = quantity::parse(cell(1, "")),
                          .period = period::parse(cell(3, "")),
                          .unit = cell(2, "count"),
                          .area = cell(4, ""),
                          .offence = cell(5, "all"),
                          .age = age_band::parse(cell(6, "all")),
                          .sex = parse_sex(cell(7, "all")),
                          .source = cell(8, ""),
                          .note = cell(9, "")};
            if (o.unit.empty()) o.unit = "count";
            if (o.offence.empty()) o.offence = "all";
            for (std::size_t d = 0; d < extra_names.size(); ++d) {
                const std::string& category = fields[extra_position[d]];
                if (!category.empty() && category != "all") o.extra_dimensions.emplace(extra_names[d], category);
            }
            column_name.clear();
            o.validate();
            rows.push_back(std::move(o));
        } catch (const parse_error& e) {
            throw parse_error(e.message(), {file, csv.lines[i], 0, column_name});
        } catch (const validation_error& e) {
            throw parse_error(e.message(), {file, csv.lines[i], 0, e.field()});
        } catch (const domain_error& e) {
            throw parse_error(e.what(), {file, csv.lines[i], 0, column_name});
        }
    }
    observations table(extra_names);
    table.extend(rows);
    if (!file.empty()) table.set_origin(file, csv.lines);  // text without a name has no lines to point to
    return table;
}

observations load_observations_csv(const std::filesystem::path& path) {
    return read_observations_csv(read_text_file(path), path.string());
}

std::string observations_to_csv(const observations& table) {
    // The extra dimensions go between source and note, in the order the table declares them.
    const auto& extra = table.extra_dimensions();
    std::string out;
    for (std::size_t k = 0; k + 1 < observation_columns.size(); ++k)
        out.append(k ? "," : "").append(observation_columns[k]);
    for (const auto& name : extra) out.append(",").append(name);
    out.append(",note\n");
    for (std::size_t i = 0; i < table.size(); ++i) {
        const observation o = table[i];
        const std::string fields[] = {o.measure, o.value.to_string(), o.unit, o.period.to_string(),
                                      o.area, o.offence, o.age.to_string(), std::string(to_string(o.sex)),
                                      o.source};
        for (std::size_t k = 0; k < std::size(fields); ++k) out.append(k ? "," : "").append(csv_field(fields[k]));
        for (const auto& name : extra) out.append(",").append(csv_field(o.category(name)));
        out.append(",").append(csv_field(o.note)).append("\n");
    }
    return out;
}

void save_observations_csv(const observations& table, const std::filesystem::path& path) {
    write_text_file_atomically(path, observations_to_csv(table));
}

}  // namespace tipstats
