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

class Period {
public:
    static Period year(int y) { return Period(make_date(y, 1, 1), make_date(y, 12, 31), period_kind::year); }
    static Period half(int y, int h) {
        if (h < 1 || h > 2) throw domain_error("half", "must be 1 or 2, got " + std::to_string(h));
        return months(y, 6 * (h - 1) + 1, 6, period_kind::half);
    }
    static Period quarter(int y, int q) {
        if (q < 1 || q > 4) throw domain_error("quarter", "must be 1 to 4, got " + std::to_string(q));
        return months(y, 3 * (q - 1) + 1, 3, period_kind::quarter);
    }
    static Period month(int y, int m) { return months(y, m, 1, period_kind::month); }
    static Period day(const Date& d) { return Period(d, d, period_kind::day); }
    /// Any run of days, both ends included.
    static Period between(const Date& start, const Date& end) {
        if (end < start)
            throw validation_error("period ends (" + format_date(end) + ") before it starts (" +
                                   format_date(start) + ")");
        return Period(start, end, period_kind::interval);
    }

    static Period parse(std::string_view text) {
        const std::string_view t = detail::trim(text);
        const auto slash = t.find('/');
        if (slash == std::string_view::npos) return parse_simple(t, text);
        const Period first = parse_simple(t.substr(0, slash), text);
        const Period last = parse_simple(t.substr(slash + 1), text);
        if (last.end_ < first.start_)
            throw parse_error("period ends before it starts: " + detail::quoted(text));
        return Period(first.start_, last.end_, period_kind::interval);
    }

    const Date& start() const noexcept { return start_; }
    /// The last day, inclusive.
    const Date& end() const noexcept { return end_; }
    period_kind kind() const noexcept { return kind_; }
    long days() const { return (end_ - start_).days() + 1; }

    bool contains(const Date& d) const { return start_ <= d && d <= end_; }
    bool contains(const Period& p) const { return start_ <= p.start_ && p.end_ <= end_; }
    bool overlaps(const Period& p) const { return start_ <= p.end_ && p.start_ <= end_; }

    /// The same period `years` later (earlier when negative): shift(-1) is "the same period last
    /// year". Calendar periods move whole; an interval or a day moves each end by calendar years.
    Period shift(int years) const {
        switch (kind_) {
            case period_kind::year:
            case period_kind::half:
            case period_kind::quarter:
            case period_kind::month: {
                const Date s = add_years(start_, years);
                return Period(s, add_years(end_, years).end_of_month(), kind_);
            }
            case period_kind::day:
            case period_kind::interval: break;
        }
        return Period(add_years(start_, years), add_years(end_, years), kind_);
    }

    std::string to_string() const {
        const std::string y = std::to_string(static_cast<int>(start_.year()));
        const int m = start_.month();
        switch (kind_) {
            case period_kind::year: return y;
            case period_kind::half: return y + "-H" + std::to_string((m - 1) / 6 + 1);
            case period_kind::quarter: return y + "-Q" + std::to_string((m - 1) / 3 + 1);
            case period_kind::month: return format_date(start_).substr(0, 7);
            case period_kind::day: return format_date(start_);
            case period_kind::interval: break;
        }
        return format_date(start_) + "/" + format_date(end_);
    }

    /// Same days covered; the kind only says how the period is written.
    friend bool operator==(const Period& a, const Period& b) { return a.start_ == b.start_ && a.end_ == b.end_; }
    /// Time order: by start, then the shorter first.
    friend bool operator<(const Period& a, const Period& b) {
        return a.start_ < b.start_ || (a.start_ == b.start_ && a.end_ < b.end_);
    }

private:
    Period(Date start, Date end, period_kind kind) : start_(start), end_(end), kind_(kind) {}

    static Period months(int y, int first_month, int count, period_kind kind) {
        const Date s = make_date(y, first_month, 1);
        return Period(s, add_months(s, count - 1).end_of_month(), kind);
    }

    static Period parse_simple(std::string_view t, std::string_view whole) {
        const auto y = detail::read_digits(t, 0, 4);
        const auto fail = [&]() -> Period {
            throw parse_error("not a period (expected 2019, 2019-H1, 2019-Q3, 2019-06, 2019-06-14 or "
                              "2019-01-01/2019-06-30): " + detail::quoted(whole));
        };
        if (!y) return fail();
        if (t.size() == 4) return year(*y);
        if (t.size() < 7 || t[4] != '-') return fail();
        if (t.size() == 7 && t[5] == 'H' && (t[6] == '1' || t[6] == '2')) return half(*y, t[6] - '0');
        if (t.size() == 7 && t[5] == 'Q' && t[6] >= '1' && t[6] <= '4') return quarter(*y, t[6] - '0');
        if (t.size() == 7) {
            const auto m = detail::read_digits(t, 5, 2);
            if (!m) return fail();
            return month(*y, *m);
        }
        if (t.size() == 10) return day(parse_date(t));
        return fail();
    }

    Date start_;
    Date end_;
    period_kind kind_;
};

}  // namespace tipstats
