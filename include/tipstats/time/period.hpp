#pragma once
// Reporting periods: one grammar for parsing and printing.
//   2019          a calendar year         2019-06       a month
//   2019-H1       a half year             2019-06-14    a day
//   2019-Q3       a quarter               2019-01-01/2019-06-30   an ISO 8601 interval
// Both ends are inclusive, as people write them. An interval's ends may be any of the forms above
// ("2019-01/2019-06"); it prints with full dates.

#include <tipstats/time/date.hpp>

#include <string>
#include <string_view>

namespace tipstats {

enum class period_kind { year, half, quarter, month, day, interval };

inline std::string_view to_string(period_kind kind) {
    switch (kind) {
        case period_kind::year: return "year";
        case period_kind::half: return "half";
        case period_kind::quarter: return "quarter";
        case period_kind::month: return "month";
        case period_kind::day: return "day";
        case period_kind::interval: return "interval";
    }
    return "interval";
}

class period {
public:
    static period year(int y);
    /// `h` is 1 or 2.
    static period half(int y, int h);
    /// `q` is 1 to 4.
    static period quarter(int y, int q);
    static period month(int y, int m);
    static period day(const date& d) { return period(d, d, period_kind::day); }
    /// Any run of days, both ends included; a validation_error when `end` is before `start`.
    static period between(const date& start, const date& end);

    /// Any form of the grammar above; a parse_error naming the text otherwise.
    static period parse(std::string_view text);

    const date& start() const noexcept { return start_; }
    /// The last day, inclusive.
    const date& end() const noexcept { return end_; }
    period_kind kind() const noexcept { return kind_; }
    long days() const noexcept { return (end_ - start_).count() + 1; }

    bool contains(const date& d) const noexcept { return start_ <= d && d <= end_; }
    bool contains(const period& p) const noexcept { return start_ <= p.start_ && p.end_ <= end_; }
    bool overlaps(const period& p) const noexcept { return start_ <= p.end_ && p.start_ <= end_; }

    /// The same period `years` later (earlier when negative): shift(-1) is "the same period last
    /// year". Calendar periods move whole; an interval or a day moves each end by calendar years.
    period shift(int years) const;

    /// The canonical text: "2019", "2019-H1", "2019-Q3", "2019-06", "2019-06-14" or
    /// "2019-01-01/2019-06-30".
    std::string to_string() const;

    /// Same days covered; the kind only says how the period is written.
    friend bool operator==(const period& a, const period& b) noexcept {
        return a.start_ == b.start_ && a.end_ == b.end_;
    }
    /// Time order: by start, then the shorter first.
    friend bool operator<(const period& a, const period& b) noexcept {
        return a.start_ < b.start_ || (a.start_ == b.start_ && a.end_ < b.end_);
    }

private:
    period(date start, date end, period_kind kind) noexcept : start_(start), end_(end), kind_(kind) {}
    static period months(int y, int first_month, int count, period_kind kind);

    date start_;
    date end_;
    period_kind kind_;
};

/// The canonical text (period::to_string).
std::ostream& operator<<(std::ostream& out, const period& p);

}  // namespace tipstats
