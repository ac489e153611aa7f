#pragma once
// Calendar dates (Boost.Date_Time's proleptic Gregorian calendar, years 1400-9999) and their
// ISO 8601 text form.

#include <tipstats/detail/text.hpp>
#include <tipstats/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace tipstats {

using Date = boost::gregorian::date;

namespace detail {

/// Reads exactly `width` ASCII digits starting at `pos`; nullopt when they are not all digits.
inline std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!std::isdigit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace detail

/// A valid Gregorian date or a parse_error naming the impossible part (e.g. 2019-02-30).
inline Date make_date(int year, int month, int day) {
    if (year < 1400 || year > 9999)
        throw parse_error("year " + std::to_string(year) + " is outside 1400-9999");
    if (month < 1 || month > 12)
        throw parse_error("month " + std::to_string(month) + " is outside 1-12");
    const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(year), static_cast<unsigned short>(month));
    if (day < 1 || day > last) {
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
        throw parse_error(std::string("impossible date ") + text + ": that month has " +
                          std::to_string(last) + " days");
    }
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
}

/// Parses exactly `YYYY-MM-DD` (surrounding white space allowed).
inline Date parse_date(std::string_view text) {
    const std::string_view t = detail::trim(text);
    const auto year = detail::read_digits(t, 0, 4);
    const auto month = detail::read_digits(t, 5, 2);
    const auto day = detail::read_digits(t, 8, 2);
    if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !year || !month || !day)
        throw parse_error("not a date of the form YYYY-MM-DD: " + detail::quoted(text));
    return make_date(*year, *month, *day);
}

/// `YYYY-MM-DD`.
inline std::string format_date(const Date& date) {
    char text[32];
    const auto ymd = date.year_month_day();
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(ymd.year),
                  static_cast<int>(ymd.month), static_cast<int>(ymd.day));
    return text;
}

/// The same calendar day `years` later (earlier when negative); 29 February becomes 28 February
/// in a common year.
inline Date add_years(const Date& date, int years) {
    const auto ymd = date.year_month_day();
    const int year = static_cast<int>(ymd.year) + years;
    const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(year), ymd.month);
    const int day = std::min<int>(ymd.day, last);
    return make_date(year, ymd.month, day);
}

/// The day `months` calendar months later, clamped to the end of a shorter month
/// (2019-01-31 + 1 month = 2019-02-28).
inline Date add_months(const Date& date, int months) {
    const auto ymd = date.year_month_day();
    const int index = static_cast<int>(ymd.year) * 12 + (static_cast<int>(ymd.month) - 1) + months;
    const int year = index / 12;
    const int month = index % 12 + 1;
    const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(year), static_cast<unsigned short>(month));
    return make_date(year, month, std::min<int>(ymd.day, last));
}

}  // namespace tipstats
