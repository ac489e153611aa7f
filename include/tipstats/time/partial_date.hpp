#pragma once
// A date known only to the year or the month, as news reports give them ("in 2019", "last June").

#include <tipstats/time/date.hpp>

#include <compare>
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

class PartialDate {
public:
    /// Known to the year.
    explicit PartialDate(int year) : PartialDate(year, 0, 0) {}
    /// Known to the month.
    PartialDate(int year, int month) : PartialDate(year, month, 0) {
        if (month < 1 || month > 12) throw parse_error("month " + std::to_string(month) + " is outside 1-12");
    }
    /// Known to the day.
    PartialDate(const Date& date) // NOLINT(google-explicit-constructor): a full date is a partial one
        : year_(date.year()), month_(date.month()), day_(date.day()) {}

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    static PartialDate parse(std::string_view text) {
        const std::string_view t = detail::trim(text);
        const auto year = detail::read_digits(t, 0, 4);
        if (t.size() == 4 && year) return PartialDate(*year);
        const auto month = detail::read_digits(t, 5, 2);
        if (t.size() == 7 && year && t[4] == '-' && month) return PartialDate(*year, *month);
        if (t.size() == 10) return PartialDate(parse_date(t));
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
    Date earliest() const { return make_date(year_, month_ ? month_ : 1, day_ ? day_ : 1); }
    /// The last day the date can be.
    Date latest() const {
        if (day_) return earliest();
        const int month = month_ ? month_ : 12;
        return make_date(year_, month,
                         boost::gregorian::gregorian_calendar::end_of_month_day(
                             static_cast<unsigned short>(year_), static_cast<unsigned short>(month)));
    }
    /// Whether `date` is one of the days this partial date can be.
    bool admits(const Date& date) const { return earliest() <= date && date <= latest(); }

    std::string to_string() const {
        const std::string full = format_date(earliest());
        return full.substr(0, day_ ? 10 : month_ ? 7 : 4);
    }

    friend bool operator==(const PartialDate&, const PartialDate&) = default;
    /// Orders by earliest day, then the less precise first.
    friend std::strong_ordering operator<=>(const PartialDate& a, const PartialDate& b) {
        if (auto c = a.year_ <=> b.year_; c != 0) return c;
        if (auto c = a.month_ <=> b.month_; c != 0) return c;
        return a.day_ <=> b.day_;
    }

private:
    PartialDate(int year, int month, int day) : year_(year), month_(month), day_(day) {
        if (day_ == 0) earliest();  // validates year and month
    }

    int year_;
    int month_;
    int day_;
};

}  // namespace tipstats
