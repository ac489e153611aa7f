#pragma once
// A published figure that may be censored ("<5", "more than 1,000"), known only as a range
// ("106-111", what a wording such as "an increase of nearly 150 per cent" leaves of a baseline) or
// missing. Such a value is never turned into a number: it has bounds, and arithmetic on it gives
// bounds.

#include <tipstats/detail/text.hpp>
#include <tipstats/error.hpp>

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tipstats {

/// A closed interval [lower, upper]; `upper` may be +infinity. Exact when lower == upper.
struct bounds {
    double lower = 0;
    double upper = 0;
    bool exact() const noexcept { return lower == upper; }
    friend bool operator==(const bounds&, const bounds&) = default;
};

class quantity {
public:
    enum class state : unsigned char {
        exact,    ///< the value is known
        below,    ///< published as "<b": 0 <= value < b
        above,    ///< published as ">b": value > b
        missing,  ///< not published; missing is not zero
        range,    ///< known to lie in [lower, upper], e.g. "106-111"
    };

    quantity() = default;  // missing

    static quantity exact(double value) {
        require_finite(value, "value");
        return quantity(state::exact, value);
    }
    /// "<bound": a value known only to lie in [0, bound).
    static quantity below(double bound) {
        require_finite(bound, "bound");
        if (bound <= 0) throw domain_error("bound", "a censored value '<b' needs b > 0, got " + format(bound));
        return quantity(state::below, bound);
    }
    /// ">bound": a value known only to exceed bound.
    static quantity above(double bound) {
        require_finite(bound, "bound");
        return quantity(state::above, bound);
    }
    static quantity missing() { return quantity(); }
    /// A value known to lie in [lower, upper] (both included, finite); exact when they are equal.
    static quantity range(double lower, double upper) {
        require_finite(lower, "lower");
        require_finite(upper, "upper");
        if (lower > upper)
            throw domain_error("upper", "a range needs lower <= upper, got " + format(lower) + " and " + format(upper));
        if (lower == upper) return exact(lower);
        quantity q(state::range, lower);
        q.upper_ = upper;
        return q;
    }
    /// The narrowest quantity that says what `b` says: exact, a range, ">b" when only a lower bound
    /// is known (for counts the least whole number above it), or missing for [0, inf).
    static quantity from_bounds(const bounds& b, bool integer) {
        if (std::isinf(b.upper)) {
            if (b.lower <= 0) return missing();
            return above(integer ? std::ceil(b.lower) - 1 : b.lower);
        }
        return range(b.lower, b.upper);
    }

    /// "263", "<5", "< 5", ">1000", a range "106-111" or "[106, 111]" (both ends included), or
    /// "" / "NA" for missing. Numbers in plain or exponent notation. "NaN" is refused: a missing
    /// value is written as nothing or NA, so a NaN is a computation's mistake, not a published figure.
    static quantity parse(std::string_view text) {
        std::string_view t = detail::trim(text);
        if (t.empty() || t == "NA") return missing();
        if (const auto ends = range_ends(t)) {
            try {
                return range(number_of(ends->first, text), number_of(ends->second, text));
            } catch (const domain_error& e) {
                throw parse_error(std::string(e.what()) + ": " + detail::quoted(text));
            }
        }
        state kind = state::exact;
        if (t.front() == '<' || t.front() == '>') {
            kind = t.front() == '<' ? state::below : state::above;
            t = detail::trim(t.substr(1));
            if (t.empty()) throw parse_error("a censored value needs its bound, e.g. '<5': " + detail::quoted(text));
        }
        const double number = number_of(t, text);
        try {
            return kind == state::exact ? exact(number) : kind == state::below ? below(number) : above(number);
        } catch (const domain_error& e) {
            throw parse_error(std::string(e.what()) + ": " + detail::quoted(text));
        }
    }

    state kind() const noexcept { return state_; }
    bool is_exact() const noexcept { return state_ == state::exact; }
    bool is_censored() const noexcept { return state_ == state::below || state_ == state::above; }
    bool is_range() const noexcept { return state_ == state::range; }
    bool is_missing() const noexcept { return state_ == state::missing; }

    /// The value; a validation_error for a censored or missing quantity (there is no single value).
    double value() const {
        if (!is_exact())
            throw validation_error("the value " + to_string() + " is " +
                                   (is_missing() ? "missing" : is_range() ? "a range" : "censored") +
                                   " and has no single value; use its bounds");
        return number_;
    }
    /// The value, or NaN when censored or missing: for numeric columns.
    double value_or_nan() const noexcept {
        return is_exact() ? number_ : std::numeric_limits<double>::quiet_NaN();
    }
    /// The censoring bound ("<5" -> 5); NaN for an exact or missing quantity.
    double bound() const noexcept { return is_censored() ? number_ : std::numeric_limits<double>::quiet_NaN(); }

    /// What the value can be, as a closed interval, for a non-negative quantity. For integer counts
    /// "<5" is [0, 4] and ">1000" is [1001, inf]; for other quantities "<5" is [0, 5]. A range is
    /// its ends (for counts the whole numbers within them).
    tipstats::bounds bounds(bool integer) const {
        constexpr double inf = std::numeric_limits<double>::infinity();
        switch (state_) {
            case state::exact: return {number_, number_};
            case state::below: return {0.0, integer ? std::ceil(number_) - 1.0 : number_};
            case state::above: return {integer ? std::floor(number_) + 1.0 : number_, inf};
            case state::range:
                return integer ? tipstats::bounds{std::ceil(number_), std::floor(upper_)} : tipstats::bounds{number_, upper_};
            case state::missing: break;
        }
        return {0.0, inf};
    }

    /// "263", "<5", ">1000", "106-111" ("[-5, -3]" when an end is negative), "NA".
    std::string to_string() const {
        switch (state_) {
            case state::exact: return format(number_);
            case state::below: return "<" + format(number_);
            case state::above: return ">" + format(number_);
            case state::range:
                return number_ < 0 || upper_ < 0 || std::signbit(number_)
                           ? "[" + format(number_) + ", " + format(upper_) + "]"
                           : format(number_) + "-" + format(upper_);
            case state::missing: break;
        }
        return "NA";
    }

    friend bool operator==(const quantity& a, const quantity& b) noexcept {
        return a.state_ == b.state_ && (a.is_missing() || (a.number_ == b.number_ && a.upper_ == b.upper_));
    }

    /// Shortest text that reads back to the same double.
    static std::string format(double x) {
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
        return std::string(buffer, ec == std::errc() ? end : buffer);
    }

private:
    quantity(state s, double number) : state_(s), number_(number) {}

    static void require_finite(double x, const char* argument) {
        if (!std::isfinite(x)) throw domain_error(argument, "must be finite, got " + format(x));
    }

    /// The two ends of a range as written: "[a, b]", or "a-b" where the "-" follows a digit or a
    /// space (so that "-5" and "1e-5" stay numbers).
    static std::optional<std::pair<std::string_view, std::string_view>> range_ends(std::string_view t) {
        if (t.front() == '[' && t.back() == ']') {
            const std::string_view inside = t.substr(1, t.size() - 2);
            const auto comma = inside.find(',');
            if (comma == std::string_view::npos) return std::nullopt;
            return std::pair{detail::trim(inside.substr(0, comma)), detail::trim(inside.substr(comma + 1))};
        }
        for (std::size_t i = 1; i + 1 < t.size(); ++i) {
            const auto before = static_cast<unsigned char>(t[i - 1]);
            if (t[i] == '-' && (std::isdigit(before) || before == '.' || before == ' '))
                return std::pair{detail::trim(t.substr(0, i)), detail::trim(t.substr(i + 1))};
        }
        return std::nullopt;
    }

    static double number_of(std::string_view t, std::string_view text) {
        double number = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), number);
        if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(number))
            throw parse_error("not a number, '<b', '>b', a range 'a-b' or NA: " + detail::quoted(text));
        return number;
    }

    state state_ = state::missing;
    double number_ = 0;  ///< the value, the censoring bound, or a range's lower end
    double upper_ = 0;   ///< a range's upper end
};

/// The bounds of a sum of non-negative quantities: exact parts add, censored and missing parts
/// widen the interval (a missing part leaves the upper bound open).
template <class Range>
bounds sum_bounds(const Range& quantities, bool integer) {
    bounds total{0.0, 0.0};
    for (const quantity& q : quantities) {
        const bounds b = q.bounds(integer);
        total.lower += b.lower;
        total.upper += b.upper;
    }
    return total;
}

}  // namespace tipstats
