#pragma once
// A columnar table of observations. Dimensions are stored as codes into per-column category lists
// (as pandas' categoricals), values as parallel numeric columns, so that numpy sees them without
// copies and a table of thousands of rows repeats no strings.

#include <tipstats/model/observation.hpp>
#include <tipstats/model/series.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace tipstats {

/// The distinct values of one dimension, in order of first appearance, and each row's code.
template <class T, class Key>
class Categories {
public:
    using code_type = std::int32_t;

    code_type code_of(const T& value) {
        auto [it, inserted] = index_.try_emplace(key(value), static_cast<code_type>(values_.size()));
        if (inserted) values_.push_back(value);
        return it->second;
    }
    std::optional<code_type> find(const T& value) const {
        const auto it = index_.find(key(value));
        return it == index_.end() ? std::nullopt : std::optional<code_type>(it->second);
    }
    const std::vector<T>& values() const noexcept { return values_; }
    const T& operator[](code_type code) const { return values_[static_cast<std::size_t>(code)]; }

private:
    static auto key(const T& value) { return Key{}(value); }
    std::vector<T> values_;
    std::map<std::decay_t<std::invoke_result_t<Key, const T&>>, code_type> index_;
};

namespace detail {
struct string_key {
    const std::string& operator()(const std::string& s) const noexcept { return s; }
};
/// Periods are kept as written: "2019-H1" and "2019-01-01/2019-06-30" are two categories.
struct period_key {
    std::tuple<long, long, period_kind> operator()(const Period& p) const {
        return {static_cast<long>(p.start().day_number()), static_cast<long>(p.end().day_number()), p.kind()};
    }
};
struct age_key {
    std::string operator()(const AgeBand& a) const { return a.to_string(); }
};
}  // namespace detail

/// The dimensions an observation is classified by.
enum class Dimension { measure, unit, period, area, offence, age, sex, source };

inline constexpr std::array<std::string_view, 8> dimension_names{"measure", "unit",  "period", "area",
                                                                 "offence", "age",   "sex",    "source"};

/// Something `Observations::check()` found, naming the rows (0-based) involved.
struct Finding {
    enum class kind {
        exceeds_total,        ///< parts of a breakdown add up to more than their total
        overlapping_bands,    ///< a breakdown's parts overlap, so they cannot be summed
        duplicate,            ///< the same figure twice from the same source
        periods_do_not_nest,  ///< periods that overlap without one containing the other
    };
    kind what;
    std::string dimension;  ///< the breakdown's dimension (age, sex, offence, period); empty for duplicates
    std::vector<std::size_t> rows;
    std::string message;
};

inline std::string_view to_string(Finding::kind k) {
    switch (k) {
        case Finding::kind::exceeds_total: return "exceeds_total";
        case Finding::kind::overlapping_bands: return "overlapping_bands";
        case Finding::kind::duplicate: return "duplicate";
        case Finding::kind::periods_do_not_nest: return "periods_do_not_nest";
    }
    return "duplicate";
}

/// Which rows make a series. Unset breakdowns (offence, age, sex) mean their total ("all");
/// unset area, unit and source must be unambiguous among the selected rows.
struct SeriesFilter {
    std::optional<std::string> unit = {}, area = {}, offence = {}, source = {};
    std::optional<AgeBand> age = {};
    std::optional<Sex> sex = {};
};

class Observations {
public:
    using code_type = std::int32_t;

    std::size_t size() const noexcept { return values_.size(); }
    bool empty() const noexcept { return values_.empty(); }

    /// Appends a row after validating it; on error nothing is added. The error names the row.
    void add(const Observation& o) {
        validate_row(o, size());
        append(o);
    }

    /// Appends all rows or none: every row is validated before the first is added.
    void extend(std::span<const Observation> rows) {
        for (std::size_t i = 0; i < rows.size(); ++i) validate_row(rows[i], size() + i);
        for (const auto& o : rows) append(o);
    }

    Observation operator[](std::size_t row) const {
        return Observation{.measure = measures_[measure_[row]],
                           .value = values_[row],
                           .period = periods_[period_[row]],
                           .unit = units_[unit_[row]],
                           .area = areas_[area_[row]],
                           .offence = offences_[offence_[row]],
                           .age = ages_[age_[row]],
                           .sex = static_cast<Sex>(sex_[row]),
                           .source = sources_[source_[row]],
                           .note = notes_[row]};
    }
    Observation at(std::size_t row) const {
        if (row >= size())
            throw domain_error("row", "out of range for " + std::to_string(size()) + " observations", row);
        return (*this)[row];
    }

    // Columns: each row's code into the dimension's categories (sex codes index sex_names).
    const std::vector<code_type>& codes(Dimension d) const {
        switch (d) {
            case Dimension::measure: return measure_;
            case Dimension::unit: return unit_;
            case Dimension::period: return period_;
            case Dimension::area: return area_;
            case Dimension::offence: return offence_;
            case Dimension::age: return age_;
            case Dimension::sex: return sex_;
            case Dimension::source: return source_;
        }
        return measure_;
    }
    /// The categories of a dimension as text (periods and age bands in their canonical form).
    std::vector<std::string> labels(Dimension d) const {
        switch (d) {
            case Dimension::measure: return measures_.values();
            case Dimension::unit: return units_.values();
            case Dimension::area: return areas_.values();
            case Dimension::offence: return offences_.values();
            case Dimension::source: return sources_.values();
            case Dimension::period: return texts(periods_.values());
            case Dimension::age: return texts(ages_.values());
            case Dimension::sex: break;
        }
        return {sex_names.begin(), sex_names.end()};
    }
    const std::vector<Period>& periods() const noexcept { return periods_.values(); }
    const std::vector<AgeBand>& age_bands() const noexcept { return ages_.values(); }

    /// Each row's value as a number: NaN when censored or missing.
    const std::vector<double>& numbers() const noexcept { return numbers_; }
    const std::vector<Quantity>& quantities() const noexcept { return values_; }
    const std::vector<std::string>& notes() const noexcept { return notes_; }

    /// Breakdowns that exceed their totals, overlapping age bands in a breakdown, duplicate rows and
    /// periods that do not nest. Empty when the table is consistent.
    std::vector<Finding> check() const;

    /// The rows of `measure` that match `filter`, in time order. Throws not_found_error when no row
    /// matches and validation_error when the selection is ambiguous (two areas, units or sources
    /// for one period), naming what to filter on.
    Series series(const std::string& measure, const SeriesFilter& filter = {}) const;

    friend bool operator==(const Observations& a, const Observations& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const Observation x = a[i], y = b[i];
            if (std::tie(x.measure, x.unit, x.area, x.offence, x.source, x.note) !=
                    std::tie(y.measure, y.unit, y.area, y.offence, y.source, y.note) ||
                !(x.value == y.value) || !(x.period == y.period) || x.period.kind() != y.period.kind() ||
                !(x.age == y.age) || x.sex != y.sex)
                return false;
        }
        return true;
    }

private:
    static void validate_row(const Observation& o, std::size_t row) {
        try {
            o.validate();
        } catch (const validation_error& e) {
            throw validation_error("observation " + std::to_string(row) + ": " + e.message(),
                                   "observations[" + std::to_string(row) + "]." + e.field());
        }
    }

    void append(const Observation& o) {
        measure_.push_back(measures_.code_of(o.measure));
        unit_.push_back(units_.code_of(o.unit));
        period_.push_back(periods_.code_of(o.period));
        area_.push_back(areas_.code_of(o.area));
        offence_.push_back(offences_.code_of(o.offence));
        age_.push_back(ages_.code_of(o.age));
        sex_.push_back(static_cast<code_type>(o.sex));
        source_.push_back(sources_.code_of(o.source));
        values_.push_back(o.value);
        numbers_.push_back(o.value.value_or_nan());
        notes_.push_back(o.note);
    }

    template <class T>
    static std::vector<std::string> texts(const std::vector<T>& values) {
        std::vector<std::string> out;
        out.reserve(values.size());
        for (const auto& v : values) out.push_back(v.to_string());
        return out;
    }

    Categories<std::string, detail::string_key> measures_, units_, areas_, offences_, sources_;
    Categories<Period, detail::period_key> periods_;
    Categories<AgeBand, detail::age_key> ages_;
    std::vector<code_type> measure_, unit_, period_, area_, offence_, age_, sex_, source_;
    std::vector<Quantity> values_;
    std::vector<double> numbers_;
    std::vector<std::string> notes_;
};

}  // namespace tipstats
