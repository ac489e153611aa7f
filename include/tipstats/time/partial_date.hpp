#pragma once
// A date known only to the year or the month, as news reports give them ("in 2019", "last June").

#include <tipstats/detail/text.hpp>
#include <tipstats/time/date.hpp>

#include <compare>
#include <iosfwd>
#include <string>
#include <string_view>

namespace tipstats {

enum class date_precision { year, month, day };

inline std::string_view to_string(date_precision p) {
    switch (p) {
        case date_precision::year: return "year";
        case date_precision::month: return "month";
        case date_precision::day: return "day";
    }
    return "day";
}

class partial_date {
public:
    /// Known to the year.
    explicit partial_date(int year) : partial_date(year, 0, 0) {}
    /// Known to the month.
    partial_date(int year, int month) : partial_date(year, month, 0) {
        if (month < 1 || month > 12) throw parse_error("month " + std::to_string(month) + " is outside 1-12");
    }
    /// Known to the day.
    partial_date(const date& date) // NOLINT(google-explicit-constructor): a full date is a partial one
        : year_(date.year()), month_(date.month()), day_(date.day()) {}

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    static partial_date parse(std::string_view text) {
        const std::string_view t = detail::trim(text);
        const auto year = detail::read_digits(t, 0, 4);
        if (t.size() == 4 && year) return partial_date(*year);
        const auto month = detail::read_digits(t, 5, 2);
        if (t.size() == 7 && year && t[4] == '-' && month) return partial_date(*year, *month);
        if (t.size() == 10) return partial_date(date::parse(t));
        throw parse_error("not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: " + detail::quoted(text));
    }

    date_precision precision() const noexcept {
        return day_ ? date_precision::day : month_ ? date_precision::month : date_precision::year;
    }
    int year() const noexcept { return year_; }
    /// 1-12, or 0 when unknown.
    int month() const noexcept { return month_; }
    /// 1-31, or 0 when unknown.
    int day() const noexcept { return day_; }
    bool is_exact() const noexcept { return day_ != 0; }

    /// The first day the date can be.
    date earliest() const { return date(year_, month_ ? month_ : 1, day_ ? day_ : 1); }
    /// The last day the date can be.
    date latest() const {
        if (day_) return earliest();
        const int month = month_ ? month_ : 12;
        return date(year_, month, days_in_month(year_, month));
    }
    /// Whether `date` is one of the days this partial date can be.
    bool admits(const date& date) const { return earliest() <= date && date <= latest(); }

    std::string to_string() const {
        const std::string full = earliest().to_string();
        return full.substr(0, day_ ? 10 : month_ ? 7 : 4);
    }

    friend bool operator==(const partial_date&, const partial_date&) = default;
    /// Orders by earliest day, then the less precise first.
    friend std::strong_ordering operator<=>(const partial_date& a, const partial_date& b) {
        if (auto c = a.year_ <=> b.year_; c != 0) return c;
        if (auto c = a.month_ <=> b.month_; c != 0) return c;
        return a.day_ <=> b.day_;
    }

private:
    partial_date(int year, int month, int day) : year_(year), month_(month), day_(day) {
        if (day_ != 0) return;
        try {
            earliest();  // validates year and month
        } catch (const domain_error& e) {
            throw parse_error(e.message());
        }
    }

    int year_;
    int month_;
    int day_;
};

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (partial_date::to_string).
std::ostream& operator<<(std::ostream& out, const partial_date& d);

}  // namespace tipstats
