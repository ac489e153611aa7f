#pragma once
// Calendar dates: tipstats' own value type, so that no Boost type or exception crosses the API.
// The proleptic Gregorian calendar from 1400-01-01 to 9999-12-31 (Boost.Date_Time's range; the
// calendar arithmetic is Boost.Date_Time's, inside the compiled library). Converts to and from
// std::chrono::year_month_day and std::chrono::sys_days; the text form is ISO 8601 YYYY-MM-DD.

#include <tipstats/error.hpp>
#include <tipstats/text.hpp>

#include <chrono>
#include <compare>
#include <iosfwd>
#include <string>
#include <string_view>

namespace tipstats {

class date {
public:
    /// 1970-01-01.
    constexpr date() noexcept = default;
    /// A valid date; anything else (2020-02-30, month 13, year 1399) is a domain_error naming the part.
    date(int year, int month, int day);
    /// From the standard calendar: a domain_error when `ymd` is not ok() or outside 1400-9999.
    date(std::chrono::year_month_day ymd);  // NOLINT(google-explicit-constructor): the same value
    explicit date(std::chrono::sys_days day);

    explicit operator std::chrono::sys_days() const noexcept {
        return std::chrono::sys_days{std::chrono::days{days_}};
    }
    explicit operator std::chrono::year_month_day() const noexcept {
        return std::chrono::year_month_day{static_cast<std::chrono::sys_days>(*this)};
    }

    /// Exactly `YYYY-MM-DD` (surrounding white space allowed); a parse_error naming the text or
    /// the impossible part otherwise.
    static date parse(std::string_view text);

    int year() const noexcept;
    int month() const noexcept;  ///< 1-12
    int day() const noexcept;    ///< 1-31
    /// Days since 1970-01-01 (negative before): a number that orders and subtracts like the dates.
    long days_since_epoch() const noexcept { return days_; }

    /// The last day of this date's month.
    date end_of_month() const;
    /// `YYYY-MM-DD`.
    std::string to_string() const;

    /// The day `n` days later (earlier when negative); a domain_error outside 1400-9999.
    friend date operator+(date d, std::chrono::days n) { return from_days(d.days_ + static_cast<long>(n.count())); }
    friend date operator-(date d, std::chrono::days n) { return from_days(d.days_ - static_cast<long>(n.count())); }
    /// Days from `b` to `a`.
    friend std::chrono::days operator-(date a, date b) noexcept { return std::chrono::days{a.days_ - b.days_}; }

    friend constexpr bool operator==(date, date) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(date, date) noexcept = default;

private:
    static date from_days(long days);
    long days_ = 0;
};

/// `YYYY-MM-DD`.
std::ostream& operator<<(std::ostream& out, const date& d);

/// The same calendar day `years` later (earlier when negative); 29 February becomes 28 February
/// in a common year.
date add_years(const date& d, int years);

/// The day `months` calendar months later, clamped to the end of a shorter month
/// (2019-01-31 + 1 month = 2019-02-28).
date add_months(const date& d, int months);

/// Days in a month of a year (28-31); a domain_error for a month outside 1-12 or a year outside
/// 1400-9999.
int days_in_month(int year, int month);

}  // namespace tipstats
