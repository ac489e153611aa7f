#include <tipstats/time/period.hpp>

#include <tipstats/detail/text.hpp>

#include <ostream>

namespace tipstats {
namespace {

period parse_simple(std::string_view t, std::string_view whole) {
    const auto y = detail::read_digits(t, 0, 4);
    const auto fail = [&]() -> period {
        throw parse_error("not a period (expected 2019, 2019-H1, 2019-Q3, 2019-06, 2019-06-14 or "
                          "2019-01-01/2019-06-30): " + detail::quoted(whole));
    };
    if (!y) return fail();
    try {
        if (t.size() == 4) return period::year(*y);
        if (t.size() < 7 || t[4] != '-') return fail();
        if (t.size() == 7 && t[5] == 'H' && (t[6] == '1' || t[6] == '2')) return period::half(*y, t[6] - '0');
        if (t.size() == 7 && t[5] == 'Q' && t[6] >= '1' && t[6] <= '4') return period::quarter(*y, t[6] - '0');
        if (t.size() == 7) {
            const auto m = detail::read_digits(t, 5, 2);
            if (!m) return fail();
            return period::month(*y, *m);
        }
    } catch (const domain_error& e) {  // a year or month out of range, in text
        throw parse_error(e.message());
    }
    if (t.size() == 10) return period::day(date::parse(t));
    return fail();
}

}  // namespace

period period::year(int y) { return period(date(y, 1, 1), date(y, 12, 31), period_kind::year); }

period period::half(int y, int h) {
    if (h < 1 || h > 2) throw domain_error("half", "must be 1 or 2, got " + std::to_string(h));
    return months(y, 6 * (h - 1) + 1, 6, period_kind::half);
}

period period::quarter(int y, int q) {
    if (q < 1 || q > 4) throw domain_error("quarter", "must be 1 to 4, got " + std::to_string(q));
    return months(y, 3 * (q - 1) + 1, 3, period_kind::quarter);
}

period period::month(int y, int m) { return months(y, m, 1, period_kind::month); }

period period::between(const date& start, const date& end) {
    if (end < start)
        throw validation_error("period ends (" + end.to_string() + ") before it starts (" + start.to_string() + ")");
    return period(start, end, period_kind::interval);
}

period period::months(int y, int first_month, int count, period_kind kind) {
    const date s(y, first_month, 1);
    return period(s, add_months(s, count - 1).end_of_month(), kind);
}

period period::parse(std::string_view text) {
    const std::string_view t = detail::trim(text);
    const auto slash = t.find('/');
    if (slash == std::string_view::npos) return parse_simple(t, text);
    const period first = parse_simple(t.substr(0, slash), text);
    const period last = parse_simple(t.substr(slash + 1), text);
    if (last.end_ < first.start_) throw parse_error("period ends before it starts: " + detail::quoted(text));
    return period(first.start_, last.end_, period_kind::interval);
}

period period::shift(int years) const {
    switch (kind_) {
        case period_kind::year:
        case period_kind::half:
        case period_kind::quarter:
        case period_kind::month: return period(add_years(start_, years), add_years(end_, years).end_of_month(), kind_);
        case period_kind::day:
        case period_kind::interval: break;
    }
    return period(add_years(start_, years), add_years(end_, years), kind_);
}

std::string period::to_string() const {
    const std::string y = std::to_string(start_.year());
    const int m = start_.month();
    switch (kind_) {
        case period_kind::year: return y;
        case period_kind::half: return y + "-H" + std::to_string((m - 1) / 6 + 1);
        case period_kind::quarter: return y + "-Q" + std::to_string((m - 1) / 3 + 1);
        case period_kind::month: return start_.to_string().substr(0, 7);
        case period_kind::day: return start_.to_string();
        case period_kind::interval: break;
    }
    return start_.to_string() + "/" + end_.to_string();
}

std::ostream& operator<<(std::ostream& out, const period& p) { return out << p.to_string(); }

}  // namespace tipstats
