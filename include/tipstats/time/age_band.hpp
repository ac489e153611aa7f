#pragma once
// Age bands: half-open intervals of whole years [lower, upper), the upper end possibly open, plus the
// special bands `all` (every age, including unknown ones: a total) and `unknown`.
//
// Canonical text (parse and to_string round-trip): "0-14" is ages 0 to 14 inclusive, i.e. [0, 15);
// "18+" is [18, inf); "all"; "unknown". Reports word bands in many ways ("under 15", "aged between
// 15 and 18 years old", CTDC's "9--17"): from_label maps them through one documented table,
// age_band_labels().

#include <tipstats/detail/text.hpp>
#include <tipstats/error.hpp>
#include <tipstats/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <compare>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace tipstats {

class age_band {
public:
    /// Oldest lower bound accepted; ages are whole years and nobody is this old.
    static constexpr int max_age = 150;

    /// Ages [lower, upper); no upper means open-ended ("18+").
    static age_band range(int lower, std::optional<int> upper = std::nullopt) {
        if (lower < 0 || lower > max_age)
            throw domain_error("lower", "must be an age from 0 to " + std::to_string(max_age) + ", got " +
                                            std::to_string(lower));
        if (upper && (*upper <= lower || *upper > max_age + 1))
            throw domain_error("upper", "must be above lower (" + std::to_string(lower) + ") and at most " +
                                            std::to_string(max_age + 1) + ", got " + std::to_string(*upper));
        return age_band(kind::range, lower, upper ? *upper : open_upper);
    }
    static age_band all() { return age_band(kind::all, 0, open_upper); }
    static age_band unknown() { return age_band(kind::unknown, 0, 0); }

    /// The canonical forms only: "0-14", "18+", "all", "unknown" (surrounding white space allowed).
    static age_band parse(std::string_view text) {
        const std::string_view t = detail::trim(text);
        if (t == "all") return all();
        if (t == "unknown") return unknown();
        const auto fail = [&]() -> age_band {
            throw parse_error("not an age band (expected 0-14, 18+, all or unknown): " + detail::quoted(text));
        };
        std::size_t pos = 0;
        const auto lower = read_age(t, pos);
        if (!lower) return fail();
        if (pos + 1 == t.size() && t[pos] == '+') return checked_range(*lower, std::nullopt, text);
        if (pos >= t.size() || t[pos] != '-') return fail();
        ++pos;
        const auto last = read_age(t, pos);
        if (!last || pos != t.size()) return fail();
        return checked_range(*lower, *last + 1, text);
    }

    /// A band from a label as reports and datasets write it: first the table age_band_labels()
    /// (case and spacing ignored), then the canonical forms. An unknown label is a parse_error
    /// naming it; callers reading files add the file, line and field with parse_error::located.
    static age_band from_label(std::string_view label);

    bool is_all() const noexcept { return kind_ == kind::all; }
    bool is_unknown() const noexcept { return kind_ == kind::unknown; }
    bool is_range() const noexcept { return kind_ == kind::range; }
    /// First age in the band; 0 for `all`, nullopt for `unknown`.
    std::optional<int> lower() const noexcept {
        return is_unknown() ? std::nullopt : std::optional<int>(lower_);
    }
    /// First age past the band (exclusive); nullopt when open (`18+`, `all`) or `unknown`.
    std::optional<int> upper() const noexcept {
        return upper_ == open_upper || is_unknown() ? std::nullopt : std::optional<int>(upper_);
    }

    /// Whether someone aged `age` (whole years) falls in the band; never for `unknown`.
    bool contains_age(int age) const noexcept {
        return !is_unknown() && age >= lower_ && (upper_ == open_upper || age < upper_);
    }
    /// Every age of `other` lies in this band. `all` contains every band, `unknown` included (a
    /// total counts people of unknown age too); `unknown` contains only itself.
    bool contains(const age_band& other) const noexcept {
        if (is_all()) return true;
        if (is_unknown() || other.is_unknown()) return is_unknown() && other.is_unknown();
        if (other.is_all()) return false;
        return lower_ <= other.lower_ && other.upper_ <= upper_;  // open_upper is above every bound
    }
    /// Some age (or, for `unknown`, some person) can be in both.
    bool overlaps(const age_band& other) const noexcept {
        if (is_all() || other.is_all()) return true;
        if (is_unknown() || other.is_unknown()) return is_unknown() && other.is_unknown();
        return lower_ < other.upper_ && other.lower_ < upper_;
    }

    std::string to_string() const {
        switch (kind_) {
            case kind::all: return "all";
            case kind::unknown: return "unknown";
            case kind::range: break;
        }
        if (upper_ == open_upper) return std::to_string(lower_) + "+";
        return std::to_string(lower_) + "-" + std::to_string(upper_ - 1);
    }

    /// Ranges by lower bound, then the narrower first ("0-14" < "0-17" < "15-17" < "18+"), then
    /// `all`, then `unknown`: the order of a table's rows.
    friend std::strong_ordering operator<=>(const age_band& a, const age_band& b) noexcept {
        if (const auto c = a.kind_ <=> b.kind_; c != 0) return c;
        if (const auto c = a.lower_ <=> b.lower_; c != 0) return c;
        return a.upper_ <=> b.upper_;
    }
    friend bool operator==(const age_band& a, const age_band& b) noexcept = default;

private:
    enum class kind : unsigned char { range, all, unknown };
    static constexpr int open_upper = max_age + 2;  // past every closed upper bound, so ordering works

    age_band(kind k, int lower, int upper) : kind_(k), lower_(lower), upper_(upper) {}

    static std::optional<int> read_age(std::string_view t, std::size_t& pos) {
        const std::size_t start = pos;
        int value = 0;
        while (pos < t.size() && pos - start < 4 && std::isdigit(static_cast<unsigned char>(t[pos])))
            value = value * 10 + (t[pos++] - '0');
        if (pos == start || (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))))
            return std::nullopt;
        return value;
    }

    static age_band checked_range(int lower, std::optional<int> upper, std::string_view text) {
        if (lower > max_age || (upper && *upper > max_age + 1))
            throw parse_error("age band beyond " + std::to_string(max_age) + " years: " + detail::quoted(text));
        if (upper && *upper <= lower)
            throw parse_error("age band ends before it starts: " + detail::quoted(text));
        return range(lower, upper);
    }

    kind kind_;
    int lower_;
    int upper_;
};

/// One row of the label table: a wording and the band it means.
struct age_band_label {
    std::string_view label;
    std::string_view band;  ///< canonical form
};

/// The label table from_label uses, in one place. Lower case, single spaces. Sources of wordings:
/// the seed article (Phnom Penh Post: "children under the age of 15", "aged between 15 and 18
/// years old", which means minors, i.e. [15, 18)) and CTDC's ageBroad categories, written with
/// double hyphens ("9--17" is ages 9 to 17 inclusive). Note that the wording "15-18 years old" means
/// 15-17 here, as the article uses it, while the canonical "15-18" is ages 15 to 18 inclusive.
inline constexpr std::array<age_band_label, 42> age_band_labels() {
    return {{
        {"under 15", "0-14"},
        {"under 15 years", "0-14"},
        {"under 15 years old", "0-14"},
        {"under the age of 15", "0-14"},
        {"children under 15", "0-14"},
        {"children under the age of 15", "0-14"},
        {"15 to 18", "15-17"},
        {"15 to 18 years", "15-17"},
        {"15 to 18 years old", "15-17"},
        {"between 15 and 18", "15-17"},
        {"aged between 15 and 18", "15-17"},
        {"aged between 15 and 18 years old", "15-17"},
        {"15-18 years old", "15-17"},
        {"adult", "18+"},
        {"adults", "18+"},
        {"18 and over", "18+"},
        {"18 and older", "18+"},
        {"18 years and over", "18+"},
        {"18+ years", "18+"},
        {"minor", "0-17"},
        {"minors", "0-17"},
        {"child", "0-17"},
        {"children", "0-17"},
        {"under 18", "0-17"},
        {"under 18 years", "0-17"},
        {"under the age of 18", "0-17"},
        {"all ages", "all"},
        {"total", "all"},
        {"age unknown", "unknown"},
        {"unknown age", "unknown"},
        {"not stated", "unknown"},
        {"not known", "unknown"},
        {"missing", "unknown"},
        // CTDC ageBroad (Counter-Trafficking Data Collaborative global dataset codebook).
        {"0--8", "0-8"},
        {"9--17", "9-17"},
        {"18--20", "18-20"},
        {"21--23", "21-23"},
        {"24--26", "24-26"},
        {"27--29", "27-29"},
        {"30--38", "30-38"},
        {"39--47", "39-47"},
        {"48+", "48+"},
    }};
}

inline age_band age_band::from_label(std::string_view label) {
    // Normalise: lower case, runs of white space as one space, no leading or trailing space.
    std::string key;
    for (const char c : detail::trim(label)) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isspace(u)) {
            if (!key.empty() && key.back() != ' ') key += ' ';
        } else {
            key += static_cast<char>(std::tolower(u));
        }
    }
    constexpr auto table = age_band_labels();
    const auto* row = std::find_if(table.begin(), table.end(), [&](const age_band_label& l) { return l.label == key; });
    if (row != table.end()) return parse(row->band);
    try {
        return parse(key);
    } catch (const parse_error&) {
        throw parse_error("unknown age band label " + detail::quoted(label) +
                          " (expected a form such as 0-14, 18+, all, unknown or a wording in "
                          "tipstats::age_band_labels())");
    }
}

/// "15-17", "18+", "all" or "unknown" (age_band::to_string).
std::ostream& operator<<(std::ostream& out, const age_band& band);

}  // namespace tipstats
