#pragma once
// A published figure that may be censored ("<5", "more than 1,000") or missing. A censored value is
// never turned into a number: it has bounds, and arithmetic on it gives bounds.

#include <tipstats/detail/text.hpp>
#include <tipstats/error.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

namespace tipstats {

/// A closed interval [lower, upper]; `upper` may be +infinity. Exact when lower == upper.
struct Bounds {
    double lower = 0;
    double upper = 0;
    bool exact() const noexcept { return lower == upper; }
    friend bool operator==(const Bounds&, const Bounds&) = default;
};

class Quantity {
public:
    enum class state : unsigned char {
        exact,    ///< the value is known
        below,    ///< published as "<b": 0 <= value < b
        above,    ///< published as ">b": value > b
        missing,  ///< not published; missing is not zero
    };

    Quantity() = default;  // missing

    static Quantity exact(double value) {
        require_finite(value, "value");
        return Quantity(state::exact, value);
    }
    /// "<bound": a value known only to lie in [0, bound).
    static Quantity below(double bound) {
        require_finite(bound, "bound");
        if (bound <= 0) throw domain_error("bound", "a censored value '<b' needs b > 0, got " + format(bound));
        return Quantity(state::below, bound);
    }
    /// ">bound": a value known only to exceed bound.
    static Quantity above(double bound) {
        require_finite(bound, "bound");
        return Quantity(state::above, bound);
    }
    static Quantity missing() { return Quantity(); }

    /// "263", "<5", "< 5", ">1000", or "" / "NA" for missing. Numbers in plain or exponent notation.
    /// "NaN" is refused: a missing value is written as nothing or NA, so a NaN is a computation's
    /// mistake, not a published figure.
    static Quantity parse(std::string_view text) {
        std::string_view t = detail::trim(text);
        if (t.empty() || t == "NA") return missing();
        state kind = state::exact;
        if (t.front() == '<' || t.front() == '>') {
            kind = t.front() == '<' ? state::below : state::above;
            t = detail::trim(t.substr(1));
            if (t.empty()) throw parse_error("a censored value needs its bound, e.g. '<5': " + detail::quoted(text));
        }
        double number = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), number);
        if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(number))
            throw parse_error("not a number, '<b', '>b' or NA: " + detail::quoted(text));
        try {
            return kind == state::exact ? exact(number) : kind == state::below ? below(number) : above(number);
        } catch (const domain_error& e) {
            throw parse_error(std::string(e.what()) + ": " + detail::quoted(text));
        }
    }

    state kind() const noexcept { return state_; }
    bool is_exact() const noexcept { return state_ == state::exact; }
    bool is_censored() const noexcept { return state_ == state::below || state_ == state::above; }
    bool is_missing() const noexcept { return state_ == state::missing; }

    /// The value; a validation_error for a censored or missing quantity (there is no single value).
    double value() const {
        if (!is_exact())
            throw validation_error("the value " + to_string() + " is " + (is_missing() ? "missing" : "censored") +
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
    /// "<5" is [0, 4] and ">1000" is [1001, inf]; for other quantities "<5" is [0, 5].
    Bounds bounds(bool integer) const {
        constexpr double inf = std::numeric_limits<double>::infinity();
        switch (state_) {
            case state::exact: return {number_, number_};
            case state::below: return {0.0, integer ? std::ceil(number_) - 1.0 : number_};
            case state::above: return {integer ? std::floor(number_) + 1.0 : number_, inf};
            case state::missing: break;
        }
        return {0.0, inf};
    }

    std::string to_string() const {
        switch (state_) {
            case state::exact: return format(number_);
            case state::below: return "<" + format(number_);
            case state::above: return ">" + format(number_);
            case state::missing: break;
        }
        return "NA";
    }

    friend bool operator==(const Quantity& a, const Quantity& b) noexcept {
        return a.state_ == b.state_ && (a.is_missing() || a.number_ == b.number_);
    }

    /// Shortest text that reads back to the same double.
    static std::string format(double x) {
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
        return std::string(buffer, ec == std::errc() ? end : buffer);
    }

private:
    Quantity(state s, double number) : state_(s), number_(number) {}

    static void require_finite(double x, const char* argument) {
        if (!std::isfinite(x)) throw domain_error(argument, "must be finite, got " + format(x));
    }

    state state_ = state::missing;
    double number_ = 0;
};

/// The bounds of a sum of non-negative quantities: exact parts add, censored and missing parts
/// widen the interval (a missing part leaves the upper bound open).
template <class Range>
Bounds sum_bounds(const Range& quantities, bool integer) {
    Bounds total{0.0, 0.0};
    for (const Quantity& q : quantities) {
        const Bounds b = q.bounds(integer);
        total.lower += b.lower;
        total.upper += b.upper;
    }
    return total;
}

}  // namespace tipstats
