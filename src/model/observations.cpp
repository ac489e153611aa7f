#include <tipstats/model/observations.hpp>

#include <array>
#include <map>
#include <string>
#include <vector>

namespace tipstats {
namespace {

using Key = std::array<Observations::code_type, dimension_names.size()>;

/// Period categories that cover the same days ("2019-H1", "2019-01/2019-06") share one code here.
std::vector<Observations::code_type> same_days_codes(const Observations& table) {
    const auto& periods = table.periods();
    std::vector<Observations::code_type> first(periods.size());
    for (std::size_t i = 0; i < periods.size(); ++i) {
        std::size_t j = 0;
        while (!(periods[j] == periods[i])) ++j;
        first[i] = static_cast<Observations::code_type>(j);
    }
    return first;
}

std::map<Key, std::vector<std::size_t>> group_rows(const Observations& table, std::optional<Dimension> leave_out) {
    const auto period_code = same_days_codes(table);
    std::map<Key, std::vector<std::size_t>> groups;
    for (std::size_t row = 0; row < table.size(); ++row) {
        Key key{};
        for (std::size_t d = 0; d < key.size(); ++d) {
            const auto dimension = static_cast<Dimension>(d);
            const auto code = table.codes(dimension)[row];
            key[d] = leave_out == dimension ? -1
                     : dimension == Dimension::period ? period_code[static_cast<std::size_t>(code)]
                                                      : code;
        }
        groups[key].push_back(row);
    }
    return groups;
}

std::string rows_text(const std::vector<std::size_t>& rows) {
    std::string out;
    for (auto r : rows) out += (out.empty() ? "" : ", ") + std::to_string(r);
    return out;
}

std::string format_bound(double x) { return std::isinf(x) ? "unbounded" : Quantity::format(x); }

/// Whether each category of a breakdown dimension is its total ("all").
std::vector<bool> total_categories(const Observations& table, Dimension d) {
    std::vector<bool> total;
    if (d == Dimension::age)
        for (const auto& band : table.age_bands()) total.push_back(band.is_all());
    else
        for (const auto& label : table.labels(d)) total.push_back(label == "all");
    return total;
}

bool parts_overlap(const Observations& table, Dimension d, std::size_t a, std::size_t b) {
    if (d != Dimension::age) return table.codes(d)[a] == table.codes(d)[b];
    const auto& bands = table.age_bands();
    return bands[static_cast<std::size_t>(table.codes(d)[a])].overlaps(bands[static_cast<std::size_t>(table.codes(d)[b])]);
}

/// Parts of a breakdown (age, sex, offence) against the total of the same measure, period, place
/// and source.
void check_breakdown(const Observations& table, Dimension d, std::vector<Finding>& findings) {
    const std::string name(dimension_names[static_cast<std::size_t>(d)]);
    const std::vector<bool> is_total = total_categories(table, d);
    for (const auto& [key, rows] : group_rows(table, d)) {
        if (!table[rows.front()].is_count()) continue;  // only counts add up
        std::vector<std::size_t> totals, parts;
        for (auto r : rows) (is_total[static_cast<std::size_t>(table.codes(d)[r])] ? totals : parts).push_back(r);
        if (totals.empty() || parts.empty()) continue;

        std::vector<std::size_t> overlapping;
        for (std::size_t i = 0; i < parts.size(); ++i)
            for (std::size_t j = i + 1; j < parts.size(); ++j)
                if (parts_overlap(table, d, parts[i], parts[j])) {
                    overlapping.push_back(parts[i]);
                    overlapping.push_back(parts[j]);
                }
        std::sort(overlapping.begin(), overlapping.end());
        overlapping.erase(std::unique(overlapping.begin(), overlapping.end()), overlapping.end());
        if (!overlapping.empty())
            findings.push_back({Finding::kind::overlapping_bands, name, overlapping,
                                "rows " + rows_text(overlapping) + " break down by " + name +
                                    " into overlapping parts, which cannot be summed as if disjoint"});

        // Disjoint parts are summed; overlapping ones can only be held against the total one by one.
        std::vector<std::vector<std::size_t>> sums;
        if (overlapping.empty()) sums.push_back(parts);
        else
            for (auto p : parts) sums.push_back({p});
        for (auto total : totals) {
            const Bounds whole = table.quantities()[total].bounds(true);
            for (const auto& summed : sums) {
                std::vector<Quantity> values;
                for (auto p : summed) values.push_back(table.quantities()[p]);
                const Bounds sum = sum_bounds(values, true);
                if (sum.lower <= whole.upper) continue;
                std::vector<std::size_t> involved = summed;
                involved.insert(involved.begin(), total);
                findings.push_back({Finding::kind::exceeds_total, name, involved,
                                    "the " + name + " breakdown in rows " + rows_text(summed) + " adds up to at least " +
                                        format_bound(sum.lower) + ", more than the total in row " +
                                        std::to_string(total) + " (at most " + format_bound(whole.upper) + ")"});
            }
        }
    }
}

/// Periods of the same series: partial overlaps, and finer periods adding up to more than the
/// coarser period that contains them.
void check_periods(const Observations& table, std::vector<Finding>& findings) {
    const auto& periods = table.periods();
    const auto period_of = [&](std::size_t row) { return periods[static_cast<std::size_t>(table.codes(Dimension::period)[row])]; };
    for (const auto& [key, rows] : group_rows(table, Dimension::period)) {
        for (std::size_t i = 0; i < rows.size(); ++i)
            for (std::size_t j = i + 1; j < rows.size(); ++j) {
                const Period a = period_of(rows[i]), b = period_of(rows[j]);
                if (a.overlaps(b) && !a.contains(b) && !b.contains(a))
                    findings.push_back({Finding::kind::periods_do_not_nest, "period", {rows[i], rows[j]},
                                        "periods " + a.to_string() + " (row " + std::to_string(rows[i]) + ") and " +
                                            b.to_string() + " (row " + std::to_string(rows[j]) +
                                            ") overlap without one containing the other"});
            }
        if (!table[rows.front()].is_count()) continue;
        for (auto outer : rows) {
            const Period whole = period_of(outer);
            // The largest periods strictly inside `whole`; disjoint ones add up.
            std::vector<std::size_t> inside;
            for (auto r : rows)
                if (whole.contains(period_of(r)) && !(period_of(r) == whole)) inside.push_back(r);
            std::vector<std::size_t> maximal;
            for (auto r : inside) {
                bool covered = false;
                for (auto s : inside)
                    covered = covered || (period_of(s).contains(period_of(r)) && !(period_of(s) == period_of(r)));
                bool disjoint = true;
                for (auto m : maximal) disjoint = disjoint && !period_of(m).overlaps(period_of(r));
                if (!covered && disjoint) maximal.push_back(r);
            }
            if (maximal.empty()) continue;
            std::vector<Quantity> values;
            for (auto m : maximal) values.push_back(table.quantities()[m]);
            const Bounds sum = sum_bounds(values, true);
            const Bounds total = table.quantities()[outer].bounds(true);
            if (sum.lower <= total.upper) continue;
            std::vector<std::size_t> involved = maximal;
            involved.insert(involved.begin(), outer);
            findings.push_back({Finding::kind::exceeds_total, "period", involved,
                                "periods within " + whole.to_string() + " (rows " + rows_text(maximal) +
                                    ") add up to at least " + format_bound(sum.lower) + ", more than row " +
                                    std::to_string(outer) + " (at most " + format_bound(total.upper) + ")"});
        }
    }
}

}  // namespace

std::vector<Finding> Observations::check() const {
    std::vector<Finding> findings;
    for (const auto& [key, rows] : group_rows(*this, std::nullopt)) {
        if (rows.size() < 2) continue;
        bool same = true;
        for (auto r : rows) same = same && values_[r] == values_[rows.front()];
        findings.push_back({Finding::kind::duplicate, "", rows,
                            "rows " + rows_text(rows) + " give the same figure from the same source" +
                                (same ? "" : ", with different values")});
    }
    for (auto d : {Dimension::age, Dimension::sex, Dimension::offence}) check_breakdown(*this, d, findings);
    check_periods(*this, findings);
    return findings;
}

}  // namespace tipstats

namespace tipstats {

Series Observations::series(const std::string& measure, const SeriesFilter& filter) const {
    const auto measure_code = measures_.find(measure);
    if (!measure_code) throw not_found_error("measure", measure);
    const std::string offence = filter.offence.value_or("all");
    const AgeBand age = filter.age.value_or(AgeBand::all());
    const Sex sex = filter.sex.value_or(Sex::all);

    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < size(); ++r) {
        if (measure_[r] != *measure_code || offences_[offence_[r]] != offence || !(ages_[age_[r]] == age) ||
            static_cast<Sex>(sex_[r]) != sex)
            continue;
        if ((filter.unit && units_[unit_[r]] != *filter.unit) || (filter.area && areas_[area_[r]] != *filter.area) ||
            (filter.source && sources_[source_[r]] != *filter.source))
            continue;
        rows.push_back(r);
    }
    if (rows.empty())
        throw not_found_error("series", measure + " (offence=" + offence + ", age=" + age.to_string() +
                                            ", sex=" + std::string(to_string(sex)) + ")");

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
    std::map<std::pair<long, long>, std::size_t> by_period;  // same days, however written
    for (auto r : rows) {
        const Period& p = periods_[period_[r]];
        const auto [it, inserted] = by_period.try_emplace(
            std::pair<long, long>{static_cast<long>(p.start().day_number()), static_cast<long>(p.end().day_number())}, r);
        if (!inserted)
            throw validation_error("rows " + std::to_string(it->second) + " and " + std::to_string(r) + " both give '" +
                                       measure + "' for " + periods_[period_[r]].to_string() +
                                       (source_[r] != source_[it->second] ? ": choose one with source=" : ""),
                                   "source");
    }
    std::vector<Period> periods;
    std::vector<Quantity> values;
    for (auto r : rows) {
        periods.push_back(periods_[period_[r]]);
        values.push_back(values_[r]);
    }
    return Series(measure, units_[unit_[rows.front()]], std::move(periods), std::move(values));
}

}  // namespace tipstats
