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
class categories {
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
    std::tuple<long, long, period_kind> operator()(const period& p) const {
        return {static_cast<long>(p.start().days_since_epoch()), static_cast<long>(p.end().days_since_epoch()), p.kind()};
    }
};
struct age_key {
    std::string operator()(const age_band& a) const { return a.to_string(); }
};
}  // namespace detail

/// The built-in dimensions an observation is classified by. A table may declare more (its extra
/// dimensions, e.g. "citizenship"), which behave like offence, age and sex: categorical, "all" for
/// the total, filterable and checked against their totals.
enum class dimension { measure, unit, period, area, offence, age, sex, source };

inline constexpr std::array<std::string_view, 8> dimension_names{"measure", "unit",  "period", "area",
                                                                 "offence", "age",   "sex",    "source"};
/// "measure", "unit", ...: the dimension's column name.
inline std::string_view to_string(dimension d) { return dimension_names[static_cast<std::size_t>(d)]; }

/// Names an extra dimension cannot take: the built-in dimensions and the other columns of the tidy
/// table and its pandas form.
inline constexpr std::array<std::string_view, 8> reserved_column_names{
    "value", "censoring", "bound", "lower", "upper", "note", "period_start", "period_end"};

/// Something `observations::check()` found, naming the rows (0-based) involved and, for a table
/// read from a file, their lines in that file.
struct finding {
    enum class kind {
        exceeds_total,        ///< parts of a breakdown add up to more than their total
        overlapping_bands,    ///< a breakdown's age bands overlap, so they cannot be summed
        duplicate,            ///< rows with the same labels and the same exact value: one figure given twice?
        repeated_label,       ///< rows with the same labels and other values: unnamed sub-categories
        periods_do_not_nest,  ///< periods that overlap without one containing the other
        uncoded_area,         ///< an area that is not an ISO 3166 code (a place's name, such as Sark)
        damaged_text,         ///< text with U+FFFD, the mark of bytes lost in an earlier conversion
    };
    kind what;
    std::string dimension;  ///< the dimension concerned (age, sex, offence, citizenship, period, area, ...)
    std::vector<std::size_t> rows;
    std::string message;
    std::vector<std::size_t> lines = {};  ///< the rows' lines in the file the table was read from, if any
};

inline constexpr std::array<std::string_view, 7> finding_kind_names{
    "exceeds_total", "overlapping_bands", "duplicate", "repeated_label", "periods_do_not_nest", "uncoded_area",
    "damaged_text"};

inline std::string_view to_string(finding::kind k) { return finding_kind_names[static_cast<std::size_t>(k)]; }

/// Which rows make a series. Unset breakdowns (offence, age, sex and the extra dimensions) mean
/// their total ("all"); unset area, unit and source must be unambiguous among the selected rows.
struct series_filter {
    std::optional<std::string> unit = {}, area = {}, offence = {}, source = {};
    std::optional<age_band> age = {};
    std::optional<tipstats::sex> sex = {};
    std::map<std::string, std::string> extra = {};  ///< extra dimension -> category
};

class observations {
public:
    using code_type = std::int32_t;

    /// An empty table with the given extra dimensions (names as `check_dimension_name` allows).
    observations() = default;
    explicit observations(const std::vector<std::string>& extra_dimensions) {
        for (const auto& name : extra_dimensions) add_dimension(name);
    }

    std::size_t size() const noexcept { return values_.size(); }
    bool empty() const noexcept { return values_.empty(); }

    /// Why `name` cannot name an extra dimension: not lower-case ASCII letters, digits and "_"
    /// starting with a letter (at most 64), or taken by a built-in dimension or another column of
    /// the tidy table. Nothing when it can.
    static std::optional<std::string> dimension_name_problem(std::string_view name) {
        const bool shaped = !name.empty() && name.size() <= 64 && name.front() >= 'a' && name.front() <= 'z' &&
                            std::all_of(name.begin(), name.end(), [](char c) {
                                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                            });
        if (!shaped)
            return "a dimension's name is lower-case ASCII letters, digits and '_', starting with a letter, at most "
                   "64 characters";
        const auto taken = [&](const auto& names) {
            return std::find(names.begin(), names.end(), name) != names.end();
        };
        if (taken(dimension_names) || taken(reserved_column_names))
            return "the name is taken by a column every table has";
        return std::nullopt;
    }
    /// A validation_error (field "dimensions") for a name dimension_name_problem refuses.
    static void check_dimension_name(const std::string& name) {
        if (const auto problem = dimension_name_problem(name))
            throw validation_error(detail::quoted(name) + " cannot be an extra dimension: " + *problem, "dimensions");
    }

    /// Declares one more extra dimension; the rows already in the table are its total ("all").
    /// Declaring one the table has is a no-op.
    void add_dimension(const std::string& name) {
        if (std::find(extra_names_.begin(), extra_names_.end(), name) != extra_names_.end()) return;
        check_dimension_name(name);
        extra_column column;
        const code_type total = column.categories.code_of("all");
        column.codes.assign(size(), total);
        extra_names_.push_back(name);
        extra_.push_back(std::move(column));
    }
    /// The extra dimensions, in the order declared.
    const std::vector<std::string>& extra_dimensions() const noexcept { return extra_names_; }
    /// Every dimension: the built-in ones, then the extra ones.
    std::vector<std::string> dimensions() const {
        std::vector<std::string> out(dimension_names.begin(), dimension_names.end());
        out.insert(out.end(), extra_names_.begin(), extra_names_.end());
        return out;
    }

    /// Appends a row after validating it; on error nothing is added. The error names the row.
    void add(const observation& o) {
        validate_row(o, size());
        append(o);
    }

    /// Appends all rows or none: every row is validated before the first is added.
    void extend(std::span<const observation> rows) {
        for (std::size_t i = 0; i < rows.size(); ++i) validate_row(rows[i], size() + i);
        for (const auto& o : rows) append(o);
    }
    /// Appends another table's rows (all or none), declaring its extra dimensions here first.
    void extend(const observations& other) {
        for (const auto& name : other.extra_names_) check_dimension_name(name);
        std::vector<observation> rows;
        rows.reserve(other.size());
        for (std::size_t i = 0; i < other.size(); ++i) rows.push_back(other[i]);
        observations grown = *this;
        for (const auto& name : other.extra_names_) grown.add_dimension(name);
        grown.extend(rows);
        *this = std::move(grown);
    }

    observation operator[](std::size_t row) const {
        observation o{.measure = measures_[measure_[row]],
                      .value = values_[row],
                      .period = periods_[period_[row]],
                      .unit = units_[unit_[row]],
                      .area = areas_[area_[row]],
                      .offence = offences_[offence_[row]],
                      .age = ages_[age_[row]],
                      .sex = static_cast<sex>(sex_[row]),
                      .source = sources_[source_[row]],
                      .note = notes_[row]};
        for (std::size_t d = 0; d < extra_.size(); ++d) {
            const std::string& category = extra_[d].categories[extra_[d].codes[row]];
            if (category != "all") o.extra_dimensions.emplace(extra_names_[d], category);
        }
        return o;
    }
    observation at(std::size_t row) const {
        if (row >= size())
            throw domain_error("row", "out of range for " + std::to_string(size()) + " observations", row);
        return (*this)[row];
    }

    // Columns: each row's code into the dimension's categories (sex codes index sex_names).
    const std::vector<code_type>& codes(dimension d) const {
        switch (d) {
            case dimension::measure: return measure_;
            case dimension::unit: return unit_;
            case dimension::period: return period_;
            case dimension::area: return area_;
            case dimension::offence: return offence_;
            case dimension::age: return age_;
            case dimension::sex: return sex_;
            case dimension::source: return source_;
        }
        return measure_;
    }
    /// The categories of a dimension as text (periods and age bands in their canonical form).
    std::vector<std::string> labels(dimension d) const {
        switch (d) {
            case dimension::measure: return measures_.values();
            case dimension::unit: return units_.values();
            case dimension::area: return areas_.values();
            case dimension::offence: return offences_.values();
            case dimension::source: return sources_.values();
            case dimension::period: return texts(periods_.values());
            case dimension::age: return texts(ages_.values());
            case dimension::sex: break;
        }
        return {sex_names.begin(), sex_names.end()};
    }
    /// The same for any dimension by name, built-in or extra; a domain_error naming the table's
    /// dimensions for another name.
    const std::vector<code_type>& codes(std::string_view dimension) const {
        if (const auto d = builtin(dimension)) return codes(*d);
        return extra_column_named(dimension).codes;
    }
    std::vector<std::string> labels(std::string_view dimension) const {
        if (const auto d = builtin(dimension)) return labels(*d);
        return extra_column_named(dimension).categories.values();
    }
    const std::vector<period>& periods() const noexcept { return periods_.values(); }
    const std::vector<age_band>& age_bands() const noexcept { return ages_.values(); }

    /// Each row's value as a number: NaN when censored or missing.
    const std::vector<double>& numbers() const noexcept { return numbers_; }
    const std::vector<quantity>& quantities() const noexcept { return values_; }
    const std::vector<std::string>& notes() const noexcept { return notes_; }

    /// Where the rows came from, for a table read from a file: the file's name and each row's
    /// 1-based line (or sheet row) in it, so that findings can be traced to the file. Empty for a
    /// table built in memory; rows added later have line 0. Not part of the data: saving, pickling
    /// and comparing ignore it.
    const std::string& origin() const noexcept { return origin_; }
    const std::vector<std::size_t>& lines() const noexcept { return lines_; }
    void set_origin(std::string file, std::vector<std::size_t> lines) {
        if (lines.size() != size())
            throw domain_error("lines", "has " + std::to_string(lines.size()) + " lines for " + std::to_string(size()) +
                                            " rows");
        origin_ = std::move(file);
        lines_ = std::move(lines);
    }

    /// Breakdowns (age, sex, offence and the extra dimensions, sub-periods) that exceed their totals,
    /// overlapping age bands in a breakdown, rows repeating the same labels (duplicate or
    /// repeated_label), periods that do not nest, areas that are not ISO 3166 codes and text with
    /// U+FFFD. Empty when the table is consistent.
    std::vector<finding> check() const;

    /// The rows of `measure` that match `filter`, in time order. Rows with the same labels and
    /// period are unnamed parts of their category and are added (bounds when some are censored).
    /// Throws not_found_error when no row matches and validation_error when the selection is
    /// ambiguous (two areas, units or sources for one period), naming what to filter on.
    tipstats::series series(const std::string& measure, const series_filter& filter = {}) const;

    /// What a not-found message lists: the categories each dimension has among the rows of
    /// `measure`, or the measures when there is none of that name.
    std::string what_exists(const std::string& measure) const;

    friend bool operator==(const observations& a, const observations& b) {
        if (a.size() != b.size() || a.extra_names_ != b.extra_names_) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const observation x = a[i], y = b[i];
            if (std::tie(x.measure, x.unit, x.area, x.offence, x.source, x.note, x.extra_dimensions) !=
                    std::tie(y.measure, y.unit, y.area, y.offence, y.source, y.note, y.extra_dimensions) ||
                !(x.value == y.value) || !(x.period == y.period) || x.period.kind() != y.period.kind() ||
                !(x.age == y.age) || x.sex != y.sex)
                return false;
        }
        return true;
    }

private:
    struct extra_column {
        tipstats::categories<std::string, detail::string_key> categories;
        std::vector<code_type> codes;
    };

    static std::optional<dimension> builtin(std::string_view name) {
        for (std::size_t d = 0; d < dimension_names.size(); ++d)
            if (dimension_names[d] == name) return static_cast<dimension>(d);
        return std::nullopt;
    }
    const extra_column& extra_column_named(std::string_view name) const {
        for (std::size_t d = 0; d < extra_names_.size(); ++d)
            if (extra_names_[d] == name) return extra_[d];
        std::string known;
        for (const auto& n : dimensions()) known += (known.empty() ? "" : ", ") + n;
        throw domain_error("dimension", "unknown dimension " + detail::quoted(name) + " (this table has " + known + ")");
    }

    void validate_row(const observation& o, std::size_t row) const {
        const std::string where = "observations[" + std::to_string(row) + "].";
        try {
            o.validate();
        } catch (const validation_error& e) {
            throw validation_error("observation " + std::to_string(row) + ": " + e.message(), where + e.field());
        }
        for (const auto& [name, category] : o.extra_dimensions)
            if (std::find(extra_names_.begin(), extra_names_.end(), name) == extra_names_.end()) {
                std::string known;
                for (const auto& n : extra_names_) known += (known.empty() ? "" : ", ") + n;
                throw validation_error("observation " + std::to_string(row) + ": unknown dimension " +
                                           detail::quoted(name) + " (this table's extra dimensions: " +
                                           (known.empty() ? "none" : known) + "; declare it first)",
                                       where + name);
            }
    }

    void append(const observation& o) {
        measure_.push_back(measures_.code_of(o.measure));
        unit_.push_back(units_.code_of(o.unit));
        period_.push_back(periods_.code_of(o.period));
        area_.push_back(areas_.code_of(o.area));
        offence_.push_back(offences_.code_of(o.offence));
        age_.push_back(ages_.code_of(o.age));
        sex_.push_back(static_cast<code_type>(o.sex));
        source_.push_back(sources_.code_of(o.source));
        for (std::size_t d = 0; d < extra_.size(); ++d) {
            const std::string& category = o.category(extra_names_[d]);
            extra_[d].codes.push_back(extra_[d].categories.code_of(category.empty() ? "all" : category));
        }
        values_.push_back(o.value);
        numbers_.push_back(o.value.value_or_nan());
        notes_.push_back(o.note);
        if (!lines_.empty()) lines_.push_back(0);
    }

    template <class T>
    static std::vector<std::string> texts(const std::vector<T>& values) {
        std::vector<std::string> out;
        out.reserve(values.size());
        for (const auto& v : values) out.push_back(v.to_string());
        return out;
    }

    categories<std::string, detail::string_key> measures_, units_, areas_, offences_, sources_;
    categories<period, detail::period_key> periods_;
    categories<age_band, detail::age_key> ages_;
    std::vector<code_type> measure_, unit_, period_, area_, offence_, age_, sex_, source_;
    std::vector<std::string> extra_names_;
    std::vector<extra_column> extra_;
    std::vector<quantity> values_;
    std::vector<double> numbers_;
    std::vector<std::string> notes_;
    std::string origin_;
    std::vector<std::size_t> lines_;
};

}  // namespace tipstats
