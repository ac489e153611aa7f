#include <tipstats/model/iso3166.hpp>
#include <tipstats/model/observations.hpp>

#include <map>
#include <string>
#include <vector>

namespace tipstats {
namespace {

using Key = std::vector<observations::code_type>;
using Rows = std::vector<std::size_t>;

/// period categories that cover the same days ("2019-H1", "2019-01/2019-06") share one code here.
std::vector<observations::code_type> same_days_codes(const observations& table) {
    const auto& periods = table.periods();
    std::map<std::pair<long, long>, observations::code_type> first;
    std::vector<observations::code_type> out(periods.size());
    for (std::size_t i = 0; i < periods.size(); ++i)
        out[i] = first.try_emplace({static_cast<long>(periods[i].start().days_since_epoch()),
                                    static_cast<long>(periods[i].end().days_since_epoch())},
                                   static_cast<observations::code_type>(i))
                     .first->second;
    return out;
}

/// The rows of the table grouped by every dimension but `leave_out` (none: all of them), periods
/// by the days they cover. Groups come in the order of their first row.
std::vector<Rows> group_rows(const observations& table, const std::string& leave_out) {
    const auto period_code = same_days_codes(table);
    const auto names = table.dimensions();
    std::vector<const std::vector<observations::code_type>*> columns;
    for (const auto& name : names) columns.push_back(name == leave_out ? nullptr : &table.codes(name));
    const auto period_column = &table.codes(dimension::period);

    std::map<Key, std::size_t> index;
    std::vector<Rows> groups;
    Key key(names.size());
    for (std::size_t row = 0; row < table.size(); ++row) {
        for (std::size_t d = 0; d < names.size(); ++d) {
            const auto* column = columns[d];
            key[d] = column == nullptr            ? -1
                     : column == period_column ? period_code[static_cast<std::size_t>((*column)[row])]
                                               : (*column)[row];
        }
        const auto [it, inserted] = index.try_emplace(key, groups.size());
        if (inserted) groups.emplace_back();
        groups[it->second].push_back(row);
    }
    return groups;
}

/// How a finding names rows: by their lines in the file the table was read from, else by position.
class Locator {
public:
    explicit Locator(const observations& table) : lines_(table.lines()) {}

    std::string operator()(const Rows& rows) const {
        constexpr std::size_t shown = 10;
        const bool by_line = !lines_.empty();
        std::string out = rows.size() == 1 ? (by_line ? "line " : "row ") : (by_line ? "lines " : "rows ");
        for (std::size_t i = 0; i < rows.size() && i < shown; ++i)
            out += (i ? ", " : "") + std::to_string(by_line ? lines_[rows[i]] : rows[i]);
        if (rows.size() > shown) out += " and " + std::to_string(rows.size() - shown) + " more";
        return out;
    }
    tipstats::finding finding(tipstats::finding::kind what, std::string dimension, Rows rows, std::string message) const {
        Rows lines;
        if (!lines_.empty())
            for (auto r : rows) lines.push_back(lines_[r]);
        return tipstats::finding{what, std::move(dimension), std::move(rows), std::move(message), std::move(lines)};
    }

private:
    const std::vector<std::size_t>& lines_;
};

std::string format_bound(double x) { return std::isinf(x) ? "unbounded" : quantity::format(x); }

/// Whether each category of a breakdown dimension is its total ("all").
std::vector<bool> total_categories(const observations& table, const std::string& d) {
    std::vector<bool> total;
    if (d == "age")
        for (const auto& band : table.age_bands()) total.push_back(band.is_all());
    else
        for (const auto& label : table.labels(d)) total.push_back(label == "all");
    return total;
}

/// The breakdown's labels of a row other than their totals, e.g. "offence=other_exploitation".
std::string labels_text(const observations& table, std::size_t row) {
    const observation o = table[row];
    std::string out = o.measure + ", " + o.period.to_string();
    if (!o.area.empty()) out += ", area=" + o.area;
    if (o.offence != "all") out += ", offence=" + o.offence;
    if (!o.age.is_all()) out += ", age=" + o.age.to_string();
    if (o.sex != sex::all) out += ", sex=" + std::string(to_string(o.sex));
    for (const auto& [name, category] : o.extra_dimensions) out += ", " + name + "=" + category;
    return out;
}

/// The first breakdown dimension (offence, age, sex, then the extra ones) whose category in `row`
/// is not the total; empty when the row is a total on all of them.
std::string broken_down_by(const observations& table, std::size_t row) {
    const observation o = table[row];
    if (o.offence != "all") return "offence";
    if (!o.age.is_all()) return "age";
    if (o.sex != sex::all) return "sex";
    return o.extra_dimensions.empty() ? std::string() : o.extra_dimensions.begin()->first;
}

/// Rows with the same labels: one figure given twice (the same exact value) or unnamed sub-categories.
void check_repeated_labels(const observations& table, const Locator& where, std::vector<finding>& findings) {
    for (const auto& rows : group_rows(table, {})) {
        if (rows.size() < 2) continue;
        // Equal censored values ("<5" four times) need not be the same figure: only exact ones are.
        bool same = table.quantities()[rows.front()].is_exact();
        for (auto r : rows) same = same && table.quantities()[r] == table.quantities()[rows.front()];
        const std::string labels = labels_text(table, rows.front());
        if (same)
            findings.push_back(where.finding(
                finding::kind::duplicate, broken_down_by(table, rows.front()), rows,
                where(rows) + " give the same figure for " + labels +
                    ": one figure entered twice, or unnamed sub-categories that happen to be equal; "
                    "they are added when held against a total"));
        else
            findings.push_back(where.finding(
                finding::kind::repeated_label, broken_down_by(table, rows.front()), rows,
                where(rows) + " give " + std::to_string(rows.size()) + " figures under the same labels (" +
                    labels + "): read as unnamed sub-categories of that category (UNODC's GLOTIP export repeats a "
                    "label so) and added when held against a total"));
    }
}

bool bands_overlap(const observations& table, std::size_t a, std::size_t b) {
    const auto& bands = table.age_bands();
    const auto& codes = table.codes(dimension::age);
    const age_band& x = bands[static_cast<std::size_t>(codes[a])];
    const age_band& y = bands[static_cast<std::size_t>(codes[b])];
    return !(x == y) && x.overlaps(y);  // the same band twice is a repeated label, not an overlap
}

/// Parts of a breakdown against the total of the same measure, period, place, source and other
/// breakdowns. Parts with the same category are added (repeated labels are sub-categories).
void check_breakdown(const observations& table, const std::string& d, const Locator& where,
                     std::vector<finding>& findings) {
    const std::vector<bool> is_total = total_categories(table, d);
    const auto& codes = table.codes(d);
    for (const auto& rows : group_rows(table, d)) {
        if (!table[rows.front()].is_count()) continue;  // only counts add up
        Rows totals, parts;
        for (auto r : rows) (is_total[static_cast<std::size_t>(codes[r])] ? totals : parts).push_back(r);
        if (totals.empty() || parts.empty()) continue;

        Rows overlapping;
        if (d == "age") {
            for (std::size_t i = 0; i < parts.size(); ++i)
                for (std::size_t j = i + 1; j < parts.size(); ++j)
                    if (bands_overlap(table, parts[i], parts[j])) {
                        overlapping.push_back(parts[i]);
                        overlapping.push_back(parts[j]);
                    }
            std::sort(overlapping.begin(), overlapping.end());
            overlapping.erase(std::unique(overlapping.begin(), overlapping.end()), overlapping.end());
            if (!overlapping.empty())
                findings.push_back(where.finding(finding::kind::overlapping_bands, d, overlapping,
                                                 where(overlapping) + " break down by age into overlapping bands, "
                                                 "which cannot be summed as if disjoint"));
        }

        // Disjoint parts are summed; overlapping bands can only be held against the total band by band.
        std::vector<Rows> sums;
        if (overlapping.empty()) sums.push_back(parts);
        else {
            std::map<observations::code_type, Rows> by_band;
            for (auto p : parts) by_band[codes[p]].push_back(p);
            for (auto& [band, members] : by_band) sums.push_back(members);
        }
        // Several totals have the same labels: they are parts of the total (a repeated label).
        std::vector<quantity> total_values;
        for (auto t : totals) total_values.push_back(table.quantities()[t]);
        const bounds whole = sum_bounds(total_values, true);
        for (const auto& summed : sums) {
            std::vector<quantity> values;
            for (auto p : summed) values.push_back(table.quantities()[p]);
            const bounds sum = sum_bounds(values, true);
            if (sum.lower <= whole.upper) continue;
            Rows involved = totals;
            involved.insert(involved.end(), summed.begin(), summed.end());
            findings.push_back(where.finding(
                finding::kind::exceeds_total, d, involved,
                "the " + d + " breakdown in " + where(summed) + " adds up to at least " + format_bound(sum.lower) +
                    ", more than the total in " + where(totals) + " (at most " + format_bound(whole.upper) + ")"));
        }
    }
}

/// Periods of the same series: partial overlaps, and finer periods adding up to more than the
/// coarser period that contains them.
void check_periods(const observations& table, const Locator& where, std::vector<finding>& findings) {
    const auto& periods = table.periods();
    const auto period_of = [&](std::size_t row) {
        return periods[static_cast<std::size_t>(table.codes(dimension::period)[row])];
    };
    for (const auto& rows : group_rows(table, "period")) {
        for (std::size_t i = 0; i < rows.size(); ++i)
            for (std::size_t j = i + 1; j < rows.size(); ++j) {
                const period a = period_of(rows[i]), b = period_of(rows[j]);
                if (a.overlaps(b) && !a.contains(b) && !b.contains(a))
                    findings.push_back(where.finding(finding::kind::periods_do_not_nest, "period", {rows[i], rows[j]},
                                                     "periods " + a.to_string() + " (" + where({rows[i]}) + ") and " +
                                                         b.to_string() + " (" + where({rows[j]}) +
                                                         ") overlap without one containing the other"));
            }
        if (!table[rows.front()].is_count()) continue;
        for (auto outer : rows) {
            const period whole = period_of(outer);
            // The largest periods strictly inside `whole`; disjoint ones add up, and rows of the
            // same period are parts that add up too.
            Rows inside;
            for (auto r : rows)
                if (whole.contains(period_of(r)) && !(period_of(r) == whole)) inside.push_back(r);
            Rows maximal;
            for (auto r : inside) {
                bool covered = false;
                for (auto s : inside)
                    covered = covered || (period_of(s).contains(period_of(r)) && !(period_of(s) == period_of(r)));
                bool fits = true;
                for (auto m : maximal) fits = fits && (period_of(m) == period_of(r) || !period_of(m).overlaps(period_of(r)));
                if (!covered && fits) maximal.push_back(r);
            }
            if (maximal.empty()) continue;
            std::vector<quantity> values;
            for (auto m : maximal) values.push_back(table.quantities()[m]);
            const bounds sum = sum_bounds(values, true);
            const bounds total = table.quantities()[outer].bounds(true);
            if (sum.lower <= total.upper) continue;
            Rows involved = maximal;
            involved.insert(involved.begin(), outer);
            findings.push_back(where.finding(finding::kind::exceeds_total, "period", involved,
                                             "periods within " + whole.to_string() + " (" + where(maximal) +
                                                 ") add up to at least " + format_bound(sum.lower) + ", more than " +
                                                 where({outer}) + " (at most " + format_bound(total.upper) + ")"));
        }
    }
}

Rows rows_with_code(const std::vector<observations::code_type>& codes, std::size_t code) {
    Rows rows;
    for (std::size_t r = 0; r < codes.size(); ++r)
        if (static_cast<std::size_t>(codes[r]) == code) rows.push_back(r);
    return rows;
}

/// Areas that are neither an ISO 3166-1 alpha-3 code nor a subdivision code; empty is "not stated".
void check_areas(const observations& table, const Locator& where, std::vector<finding>& findings) {
    const auto areas = table.labels(dimension::area);
    for (std::size_t code = 0; code < areas.size(); ++code) {
        if (areas[code].empty() || is_area_code(areas[code])) continue;
        const Rows rows = rows_with_code(table.codes(dimension::area), code);
        findings.push_back(where.finding(finding::kind::uncoded_area, "area", rows,
                                         "area " + detail::quoted(areas[code]) + " in " + where(rows) +
                                             " is not an ISO 3166 code: it is kept as the place's name and will "
                                             "not match tables keyed by country code"));
    }
}

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

/// Text in which an earlier conversion replaced bytes it could not read by U+FFFD.
void check_damaged_text(const observations& table, const Locator& where, std::vector<finding>& findings) {
    const auto damaged = [](const std::string& text) { return text.find(replacement_character) != std::string::npos; };
    for (const auto& d : table.dimensions()) {
        if (d == "period" || d == "age" || d == "sex") continue;  // parsed, so never damaged
        const auto labels = table.labels(d);
        for (std::size_t code = 0; code < labels.size(); ++code) {
            if (!damaged(labels[code])) continue;
            const Rows rows = rows_with_code(table.codes(d), code);
            findings.push_back(where.finding(finding::kind::damaged_text, d, rows,
                                             "the " + d + " " + detail::quoted(labels[code]) + " in " + where(rows) +
                                                 " contains U+FFFD, the mark of characters lost in an earlier "
                                                 "conversion; it is kept as given"));
        }
    }
    Rows notes;
    for (std::size_t r = 0; r < table.size(); ++r)
        if (damaged(table.notes()[r])) notes.push_back(r);
    if (!notes.empty())
        findings.push_back(where.finding(finding::kind::damaged_text, "note", notes,
                                         "the notes in " + where(notes) + " contain U+FFFD, the mark of characters "
                                         "lost in an earlier conversion; they are kept as given"));
}

}  // namespace

std::vector<finding> observations::check() const {
    std::vector<finding> findings;
    const Locator where(*this);
    check_repeated_labels(*this, where, findings);
    for (const std::string d : {"age", "sex", "offence"}) check_breakdown(*this, d, where, findings);
    for (const auto& d : extra_names_) check_breakdown(*this, d, where, findings);
    check_periods(*this, where, findings);
    check_areas(*this, where, findings);
    check_damaged_text(*this, where, findings);
    return findings;
}

namespace {

/// "a, b, c and 4 more".
std::string list_text(const std::vector<std::string>& items) {
    constexpr std::size_t shown = 8;
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < shown; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > shown) out += " and " + std::to_string(items.size() - shown) + " more";
    return out;
}

}  // namespace

std::string observations::what_exists(const std::string& measure) const {
    const auto measure_code = measures_.find(measure);
    if (!measure_code) return "the measures are " + list_text(measures_.values());
    std::string out;
    for (const auto& d : dimensions()) {
        if (d == "measure" || d == "period" || d == "note") continue;
        const auto& column = codes(d);
        const auto labels_of = labels(d);
        std::vector<bool> present(labels_of.size(), false);
        for (std::size_t r = 0; r < size(); ++r)
            if (measure_[r] == *measure_code) present[static_cast<std::size_t>(column[r])] = true;
        std::vector<std::string> names;
        for (std::size_t c = 0; c < labels_of.size(); ++c)
            if (present[c]) names.push_back(labels_of[c].empty() ? "(none)" : labels_of[c]);
        out += (out.empty() ? "" : "; ") + d + ": " + list_text(names);
    }
    return measure + " has " + out;
}

series observations::series(const std::string& measure, const series_filter& filter) const {
    const auto measure_code = measures_.find(measure);
    if (!measure_code) throw not_found_error("measure", measure, what_exists(measure));
    const std::string offence = filter.offence.value_or("all");
    const age_band age = filter.age.value_or(age_band::all());
    const sex wanted_sex = filter.sex.value_or(sex::all);
    std::vector<std::optional<code_type>> extra_codes;  // nullopt: the category is not in the table
    for (std::size_t d = 0; d < extra_names_.size(); ++d) {
        const auto wanted = filter.extra.find(extra_names_[d]);
        extra_codes.push_back(extra_[d].categories.find(wanted == filter.extra.end() ? "all" : wanted->second));
    }
    for (const auto& [name, category] : filter.extra) extra_column_named(name);  // names an unknown dimension

    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < size(); ++r) {
        if (measure_[r] != *measure_code || offences_[offence_[r]] != offence || !(ages_[age_[r]] == age) ||
            static_cast<sex>(sex_[r]) != wanted_sex)
            continue;
        if ((filter.unit && units_[unit_[r]] != *filter.unit) || (filter.area && areas_[area_[r]] != *filter.area) ||
            (filter.source && sources_[source_[r]] != *filter.source))
            continue;
        bool match = true;
        for (std::size_t d = 0; d < extra_.size() && match; ++d)
            match = extra_codes[d] && extra_[d].codes[r] == *extra_codes[d];
        if (match) rows.push_back(r);
    }
    if (rows.empty()) {
        std::string described = "offence=" + offence + ", age=" + age.to_string() + ", sex=" + std::string(to_string(wanted_sex));
        for (const auto& [name, category] : filter.extra) described += ", " + name + "=" + category;
        for (const auto& [name, value] : {std::pair{"area", filter.area}, {"unit", filter.unit}, {"source", filter.source}})
            if (value) described += ", " + std::string(name) + "=" + *value;
        throw not_found_error("series", measure + " (" + described + ")", what_exists(measure));
    }

    const auto require_single = [&](const std::vector<code_type>& column, const auto& categories, const char* name) {
        for (auto r : rows)
            if (column[r] != column[rows.front()])
                throw validation_error("the rows of '" + measure + "' have more than one " + name + " ('" +
                                           categories[column[rows.front()]] + "', '" + categories[column[r]] +
                                           "'): choose one with " + name + "=",
                                       name);
    };
    require_single(unit_, units_, "unit");
    require_single(area_, areas_, "area");
    // Rows of the same days, however written, from one source are parts of one figure.
    std::map<std::pair<long, long>, std::vector<std::size_t>> by_period;
    std::vector<std::pair<long, long>> order;
    for (auto r : rows) {
        const period& p = periods_[period_[r]];
        const std::pair<long, long> days{static_cast<long>(p.start().days_since_epoch()), static_cast<long>(p.end().days_since_epoch())};
        auto [it, inserted] = by_period.try_emplace(days);
        if (inserted) order.push_back(days);
        else if (source_[r] != source_[it->second.front()])
            throw validation_error("rows " + std::to_string(it->second.front()) + " and " + std::to_string(r) +
                                       " both give '" + measure + "' for " + p.to_string() + ": choose one with source=",
                                   "source");
        it->second.push_back(r);
    }
    const bool integer = units_[unit_[rows.front()]] == "count";
    std::vector<period> periods;
    std::vector<quantity> values;
    std::vector<bounds> value_bounds;
    for (const auto& days : order) {
        const auto& parts = by_period[days];
        periods.push_back(periods_[period_[parts.front()]]);
        if (parts.size() == 1) {
            values.push_back(values_[parts.front()]);
            value_bounds.push_back(values_[parts.front()].bounds(integer));
            continue;
        }
        std::vector<quantity> summed;
        bool exact = true;
        for (auto r : parts) {
            summed.push_back(values_[r]);
            exact = exact && values_[r].is_exact();
        }
        const bounds total = sum_bounds(summed, integer);
        values.push_back(exact ? quantity::exact(total.lower) : quantity::missing());
        value_bounds.push_back(total);
    }
    return tipstats::series(measure, units_[unit_[rows.front()]], std::move(periods), std::move(values), std::move(value_bounds));
}

}  // namespace tipstats
