// tipstats::date on Boost.Date_Time's calendar. Every Boost call is checked first, so no Boost
// exception (bad_year, bad_month, bad_day_of_month) can escape.
#include <tipstats/time/date.hpp>

#include <tipstats/detail/text.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace tipstats {
namespace {

namespace greg = boost::gregorian;

constexpr int first_year = 1400;
constexpr int last_year = 9999;

const greg::date& epoch() {
    static const greg::date day(1970, 1, 1);
    return day;
}

greg::date to_boost(long days) { return epoch() + greg::date_duration(days); }

std::string iso(int year, int month, int day) {
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

const char* const month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

}  // namespace

int days_in_month(int year, int month) {
    if (year < first_year || year > last_year)
        throw domain_error("year", "must be from 1400 to 9999, got " + std::to_string(year));
    if (month < 1 || month > 12) throw domain_error("month", "must be from 1 to 12, got " + std::to_string(month));
    return greg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                      static_cast<unsigned short>(month));
}

date::date(int year, int month, int day) {
    const int last = days_in_month(year, month);
    if (day < 1 || day > last)
        throw domain_error("day", "impossible date " + iso(year, month, day) + ": " + month_names[month - 1] + " " +
                                      std::to_string(year) + " has " + std::to_string(last) + " days");
    days_ = static_cast<long>((greg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                          static_cast<unsigned short>(day)) -
                               epoch())
                                  .days());
}

date::date(std::chrono::year_month_day ymd)
    : date(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
           static_cast<int>(static_cast<unsigned>(ymd.day()))) {}

date::date(std::chrono::sys_days day) { *this = from_days(static_cast<long>(day.time_since_epoch().count())); }

date date::from_days(long days) {
    static const long first = (greg::date(first_year, 1, 1) - epoch()).days();
    static const long last = (greg::date(last_year, 12, 31) - epoch()).days();
    if (days < first || days > last)
        throw domain_error("date", "lies outside the calendar's range 1400-01-01 to 9999-12-31");
    date out;
    out.days_ = days;
    return out;
}

date date::parse(std::string_view text) {
    const std::string_view t = detail::trim(text);
    const auto year = detail::read_digits(t, 0, 4);
    const auto month = detail::read_digits(t, 5, 2);
    const auto day = detail::read_digits(t, 8, 2);
    if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !year || !month || !day)
        throw parse_error("not a date of the form YYYY-MM-DD: " + detail::quoted(text));
    try {
        return date(*year, *month, *day);
    } catch (const domain_error& e) {
        throw parse_error(e.message());
    }
}

int date::year() const noexcept { return static_cast<int>(to_boost(days_).year()); }
int date::month() const noexcept { return static_cast<int>(to_boost(days_).month()); }
int date::day() const noexcept { return static_cast<int>(to_boost(days_).day()); }

date date::end_of_month() const {
    date out;
    out.days_ = static_cast<long>((to_boost(days_).end_of_month() - epoch()).days());
    return out;
}

std::string date::to_string() const {
    const auto ymd = to_boost(days_).year_month_day();
    return iso(ymd.year, ymd.month, ymd.day);
}

std::ostream& operator<<(std::ostream& out, const date& d) { return out << d.to_string(); }

date add_years(const date& d, int years) {
    const int year = d.year() + years;
    return date(year, d.month(), std::min(d.day(), days_in_month(year, d.month())));
}

date add_months(const date& d, int months) {
    const int index = d.year() * 12 + (d.month() - 1) + months;
    const int year = index / 12;
    const int month = index % 12 + 1;
    return date(year, month, std::min(d.day(), days_in_month(year, month)));
}

}  // namespace tipstats
