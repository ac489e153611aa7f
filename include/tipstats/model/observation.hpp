#pragma once
// One published figure (after GLOTIP's long format and CTDC's codebook): what was measured, for which
// period, place, offence, age band and sex, according to which source.

#include <tipstats/detail/text.hpp>
#include <tipstats/model/quantity.hpp>
#include <tipstats/text.hpp>
#include <tipstats/time/age_band.hpp>
#include <tipstats/time/period.hpp>

#include <array>
#include <cmath>
#include <map>
#include <string>
#include <string_view>

namespace tipstats {

enum class sex : unsigned char { all, female, male, other, unknown };

inline constexpr std::array<std::string_view, 5> sex_names{"all", "female", "male", "other", "unknown"};

inline std::string_view to_string(sex s) { return sex_names[static_cast<std::size_t>(s)]; }

/// Canonical names and the few synonyms reports use ("total", "both", "girls", "boys", "f", "m");
/// case-insensitive. Anything else is a parse_error naming the label.
inline sex parse_sex(std::string_view text) {
    std::string key(detail::trim(text));
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < sex_names.size(); ++i)
        if (key == sex_names[i]) return static_cast<sex>(i);
    if (key == "total" || key == "both" || key == "both sexes" || key == "t") return sex::all;
    if (key == "f" || key == "women" || key == "girls" || key == "woman" || key == "girl") return sex::female;
    if (key == "m" || key == "men" || key == "boys" || key == "man" || key == "boy") return sex::male;
    if (key == "not stated" || key == "n/a" || key == "") return sex::unknown;
    throw parse_error("unknown sex label " + detail::quoted(text) +
                      " (expected all, female, male, other or unknown)");
}

/// Units a value can have; counts must be whole and non-negative, proportions lie in [0, 1].
inline constexpr std::array<std::string_view, 4> known_units{"count", "percent", "proportion", "per_100000"};

struct observation {
    std::string measure = {};  ///< victims_rescued, victims_detected, cases, arrests, ...
    quantity value = {};
    tipstats::period period;       ///< required: there is no default period
    std::string unit = "count";
    std::string area = {};           ///< ISO 3166-1 alpha-3 or a sub-national code; empty when not stated
    std::string offence = "all";   ///< sexual_assault, trafficking, forced_labour, ...; "all" for a total
    age_band age = age_band::all();  ///< age_band::all() for a total
    tipstats::sex sex = tipstats::sex::all;  ///< sex::all for a total
    std::string source = {};       ///< id of a source in the dataset
    std::string note = {};
    /// Breakdowns beyond the built-in ones, along the table's extra dimensions (e.g. GLOTIP's
    /// citizenship): dimension name -> category. A dimension not named is its total, "all".
    std::map<std::string, std::string> extra_dimensions = {};

    bool is_count() const noexcept { return unit == "count"; }

    /// The category of an extra dimension: "all" when the row does not name it.
    const std::string& category(const std::string& dimension) const {
        static const std::string total = "all";
        const auto it = extra_dimensions.find(dimension);
        return it == extra_dimensions.end() ? total : it->second;
    }

    /// Throws validation_error naming the field when the row cannot be right whatever the data.
    void validate() const {
        if (measure.empty()) throw validation_error("an observation needs a measure", "measure");
        bool unit_known = false;
        for (auto u : known_units) unit_known = unit_known || unit == u;
        if (!unit_known)
            throw validation_error("unknown unit '" + unit + "' (expected count, percent, proportion or per_100000)",
                                   "unit");
        if (value.is_missing()) return;
        // The numbers written: the value, the censoring bound, or both ends of a range.
        const bounds ends = value.is_range() ? value.bounds(false)
                            : value.is_exact() ? bounds{value.value(), value.value()}
                                               : bounds{value.bound(), value.bound()};
        for (const double number : {ends.lower, ends.upper}) {
            if (is_count() && (number < 0 || number != std::floor(number)))
                throw validation_error("a count must be a whole number >= 0, got " + value.to_string(), "value");
            if ((unit == "proportion" || unit == "per_100000") && number < 0)
                throw validation_error("a " + unit + " cannot be negative, got " + value.to_string(), "value");
            if (unit == "proportion" && number > 1)
                throw validation_error("a proportion lies in [0, 1], got " + value.to_string(), "value");
        }
    }
};

}  // namespace tipstats
