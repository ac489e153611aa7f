// Checking reported figures against counts (include/tipstats/stats/claims.hpp).
#include <tipstats/stats/claims.hpp>

#include <tipstats/detail/text.hpp>
#include <tipstats/stats/changes.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <regex>

namespace tipstats::stats {

std::string_view to_string(claim_kind kind) { return kind == claim_kind::change ? "change" : "share"; }

std::string_view to_string(claim_qualifier q) {
    switch (q) {
        case claim_qualifier::none: return "none";
        case claim_qualifier::nearly: return "nearly";
        case claim_qualifier::about: return "about";
        case claim_qualifier::more_than: return "more than";
        case claim_qualifier::just_over: return "just over";
        case claim_qualifier::less_than: return "less than";
        case claim_qualifier::at_least: return "at least";
        case claim_qualifier::at_most: return "at most";
    }
    return "none";
}

namespace detail {

std::string number_text(double value) { return tipstats::detail::number_text(value); }

void require_count(const char* argument, double value, std::optional<std::size_t> index) {
    if (!std::isfinite(value)) throw domain_error(argument, "must be finite, got " + number_text(value), index);
    if (value < 0) throw domain_error(argument, "must not be negative, got " + number_text(value), index);
}

void require_positive(const char* argument, double value, std::optional<std::size_t> index) {
    if (!std::isfinite(value)) throw domain_error(argument, "must be finite, got " + number_text(value), index);
    if (!(value > 0)) throw domain_error(argument, "must be positive, got " + number_text(value), index);
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string format_percent(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.4g", v);
    return buffer;
}

std::string format_count(double v) {
    if (std::isinf(v)) return "no limit";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
}

std::string describe(const count_range& r) {
    if (r.low == r.high) return "exactly " + format_count(r.low);
    if (std::isinf(r.high)) return format_count(r.low) + " or more";
    return format_count(r.low) + " to " + format_count(r.high);
}

std::string describe(const percent_range& r) {
    std::string out = r.low_closed ? "[" : "(";
    out += format_percent(r.low) + ", " + (std::isinf(r.high) ? std::string("inf") : format_percent(r.high));
    return out + (r.high_closed && !std::isinf(r.high) ? "]" : ")");
}

/// The run of whole numbers in [first, last] that fit (`fits` holds on one unbroken run). The ends are
/// estimated in closed form by the caller; a short scan around each settles open and closed bounds
/// exactly, on the same arithmetic the check itself uses.
template <class Fits>
std::optional<count_range> whole_numbers_fitting(double low_estimate, double high_estimate, double first, double last,
                                                 Fits fits) {
    double low = std::max(first, std::floor(low_estimate) - 1);
    if (low > last) return std::nullopt;
    while (low - 1 >= first && fits(low - 1)) --low;
    for (int step = 0; step < 8 && low <= last && !fits(low); ++step) ++low;
    if (low > last || !fits(low)) return std::nullopt;
    if (std::isinf(high_estimate) && std::isinf(last)) return count_range{low, std::numeric_limits<double>::infinity()};
    double high = std::min(last, std::max(low, std::ceil(high_estimate) + 1));
    while (high + 1 <= last && fits(high + 1)) ++high;
    while (high > low && !fits(high)) --high;
    return count_range{low, high};
}

}  // namespace detail

/// Reads a claim such as "an increase of nearly 150 per cent", "down about 30%", "arrests in 86 per cent of
/// cases". A change needs a direction word (increase, rise, up, more, higher, growth, jump; decrease, fall,
/// drop, down, fewer, lower, decline, reduction); without one the claim is a share. Raises parse_error when
/// no percentage ("%", "per cent", "percent") is found.
claim parse_claim(std::string_view text) {
    const std::string lower = detail::lowercase(text);
    // Thousands may be grouped with commas ("1,200 per cent"); "percentage points" is not a percentage.
    static const std::regex number_re(
        R"(((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)\s*(?:%|per[\s-]*cent\b|percent\b|pc\b))");
    std::smatch number;
    if (!std::regex_search(lower, number, number_re))
        throw parse_error("no percentage found (expected e.g. '150 per cent' or '86%') in '" + std::string(text) + "'");
    claim c;
    std::string digits = number[1].str();
    std::erase(digits, ',');
    c.stated = std::stod(digits);
    c.decimals = number[2].matched ? static_cast<int>(number[2].length()) : 0;

    // The qualifier is the last qualifying phrase written before the number.
    const std::string before = number.prefix().str();
    struct phrase {
        const char* pattern;
        claim_qualifier qualifier;
    };
    static const phrase phrases[] = {
        {"just over|just above|slightly more than|slightly over", claim_qualifier::just_over},
        {"no less than|at least", claim_qualifier::at_least},
        {"no more than|at most|up to", claim_qualifier::at_most},
        {"more than|over|above|exceeding|upwards of|in excess of", claim_qualifier::more_than},
        {"less than|fewer than|under|below", claim_qualifier::less_than},
        {"nearly|almost|close to|just under|approaching", claim_qualifier::nearly},
        {"about|around|approximately|roughly|some|circa|an estimated", claim_qualifier::about},
        {"exactly|precisely", claim_qualifier::none},
    };
    std::ptrdiff_t best_end = -1;
    std::string without_qualifier = before;
    for (const auto& p : phrases) {
        const std::regex re(std::string(R"(\b(?:)") + p.pattern + R"()\s*$)");
        std::smatch m;
        if (std::regex_search(before, m, re) && m.position(0) + m.length(0) > best_end) {
            best_end = m.position(0) + m.length(0);
            c.qualifier = p.qualifier;
            c.qualifier_text = m.str(0);
            while (!c.qualifier_text.empty() && std::isspace(static_cast<unsigned char>(c.qualifier_text.back())))
                c.qualifier_text.pop_back();
            without_qualifier = before.substr(0, static_cast<std::size_t>(m.position(0)));
        }
    }
    const std::string rest = without_qualifier + " " + number.suffix().str();
    static const std::regex up_re(
        R"(\b(increase[sd]?|increasing|rise|rises|rose|risen|rising|up|more|higher|growth|grew|grown|jump(ed|s)?|surge[sd]?)\b)");
    static const std::regex down_re(
        R"(\b(decrease[sd]?|decreasing|decline[sd]?|declining|fall|falls|fell|fallen|drop(ped|s)?|down|fewer|lower|reduction|reduced|cut)\b)");
    std::smatch up, down;
    const bool has_up = std::regex_search(rest, up, up_re);
    const bool has_down = std::regex_search(rest, down, down_re);
    if (has_up || has_down) {
        c.kind = claim_kind::change;
        c.decrease = has_down && (!has_up || down.position(0) < up.position(0));
    }
    return c;
}

/// The true percentages the claim's wording admits (see the table in the header comment).
percent_range admitted_range(const claim& c) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const double s = c.stated;
    const double t = claim_tolerance;
    percent_range r;  // on the size of the value
    switch (c.qualifier) {
        case claim_qualifier::none: {
            const double h = 0.5 * std::pow(10.0, -c.decimals);
            r = {s - h, s + h, true, false};
            break;
        }
        case claim_qualifier::nearly: r = {s * (1 - t), s, true, false}; break;
        case claim_qualifier::about: r = {s * (1 - t), s * (1 + t), true, true}; break;
        case claim_qualifier::more_than: r = {s, inf, false, false}; break;
        case claim_qualifier::just_over: r = {s, s * (1 + t), false, true}; break;
        case claim_qualifier::less_than: r = {0, s, true, false}; break;
        case claim_qualifier::at_least: r = {s, inf, true, false}; break;
        case claim_qualifier::at_most: r = {0, s, true, true}; break;
    }
    r.low = std::max(r.low, 0.0);
    // A share cannot exceed 100 %, nor can a fall: both cap the size at 100.
    if ((c.kind == claim_kind::share || c.decrease) && r.high >= 100.0) {
        r.high = 100.0;
        r.high_closed = true;
    }
    if (c.kind == claim_kind::change && c.decrease) return {-r.high, -r.low, r.high_closed, r.low_closed};
    return r;
}

double claim_tolerance_of(const claim& c) {
    return c.qualifier == claim_qualifier::none ? 0.5 * std::pow(10.0, -c.decimals) : claim_tolerance;
}

namespace detail {

/// The percentage a numerator k and a denominator m give under a claim of this kind: the share 100 k / m,
/// or the change from m to k. The same arithmetic as the checks, so that lists and checks agree.
double claim_value(const claim& c, double k, double m) {
    return c.kind == claim_kind::share ? 100 * k / m : percent_change(k, m);
}

/// Whether some whole numerator k >= 0 (k <= m for a share) gives a value in `range` with denominator m.
/// The value rises with k, so the least k at or above the range's low end decides: it lies within a
/// step of m times the low end's ratio, and if it does not fit, no k does.
bool some_numerator_fits(const claim& c, const percent_range& range, double m) {
    const double ratio = c.kind == claim_kind::share ? range.low / 100 : 1 + range.low / 100;
    const double estimate = std::floor(m * ratio);
    for (double k = std::max(0.0, estimate - 1); k <= estimate + 2; ++k) {
        if (c.kind == claim_kind::share && k > m) break;
        if (range.contains(claim_value(c, k, m))) return true;
    }
    return false;
}

bool is_empty(const percent_range& r) {
    return r.low > r.high || (r.low == r.high && !(r.low_closed && r.high_closed));
}

/// "; the smallest totals that fit: 7, 14, ..." for the explanation of a check without counts.
std::string describe_denominators(const claim& c, const std::vector<double>& denominators) {
    const std::string what = c.kind == claim_kind::share ? "totals" : "previous counts";
    if (denominators.empty()) return "; no whole " + what + " up to " + format_count(claim_denominator_limit) + " fit";
    std::string out = "; the smallest " + what + " that fit";
    if (c.kind == claim_kind::change) out += " with a whole current count";
    out += ": ";
    for (std::size_t i = 0; i < denominators.size(); ++i) out += (i ? ", " : "") + format_count(denominators[i]);
    return out;
}

}  // namespace detail

/// The `count` smallest whole denominators m (1, 2, ... up to `limit`) for which some whole numerator fits
/// the claim: totals of a share (some part k with 100 k / m admitted), previous counts of a change (some
/// current count k with the change from m to k admitted). Fewer when the wording admits too narrow a
/// range to find `count` of them below `limit`, none when it admits nothing.
std::vector<double> smallest_denominators(const claim& c, std::size_t count, double limit) {
    const percent_range range = admitted_range(c);
    std::vector<double> out;
    if (detail::is_empty(range)) return out;
    for (double m = 1; m <= limit && out.size() < count; ++m)
        if (detail::some_numerator_fits(c, range, m)) out.push_back(m);
    return out;
}

/// Checks a change claim against the current count and, when known, the previous one. Without the
/// previous count, gives the whole previous counts (>= 1) whose change from them fits the wording;
/// without either, the smallest previous counts that fit with some whole current count.
claim_check check_change_claim(const claim& c, std::optional<double> current_count, std::optional<double> previous) {
    if (c.kind != claim_kind::change) throw domain_error("claim", "is a share, not a change");
    claim_check out{c, admitted_range(c), claim_tolerance_of(c), {}, {}, {}, {}, {}, {}};
    std::string text = "\"" + std::string(c.decrease ? "a decrease of " : "an increase of ") +
                       (c.qualifier_text.empty() ? "" : c.qualifier_text + " ") + detail::format_percent(c.stated) +
                       "%\" admits a true change in " + detail::describe(out.admitted) + " %";
    if (!current_count) {
        if (previous) throw domain_error("current", "is needed when the previous count is given");
        out.denominators = smallest_denominators(c);
        out.explanation = text + detail::describe_denominators(c, out.denominators) + ".";
        return out;
    }
    const double current = *current_count;
    detail::require_count("current", current, {});
    const auto& range = out.admitted;
    const auto fits = [&](double p) { return range.contains(percent_change(current, p)); };
    // change = 100 (current / p - 1) falls as p grows: the highest admitted change gives the lowest p.
    const auto baseline_at = [&](double change) {
        return change <= -100 ? std::numeric_limits<double>::infinity() : current / (1 + change / 100);
    };
    const double inf = std::numeric_limits<double>::infinity();
    out.baseline_range = detail::whole_numbers_fitting(std::isinf(range.high) ? 1.0 : baseline_at(range.high),
                                                       baseline_at(range.low), 1.0,
                                                       range.low <= -100 ? inf : std::ceil(baseline_at(range.low)) + 2,
                                                       fits);
    if (previous) {
        const double exact = percent_change(current, *previous);
        out.exact = exact;
        out.consistent = range.contains(exact);
        text += "; " + detail::format_count(current) + " against " + detail::format_count(*previous) + " is " +
                (exact >= 0 ? "+" : "") + detail::format_percent(exact) + " %, " +
                (*out.consistent ? "consistent" : "NOT consistent") + " with the wording";
    }
    if (out.baseline_range)
        text += "; with " + detail::format_count(current) + " now, the wording fits a previous count of " +
                detail::describe(*out.baseline_range);
    else
        text += "; no whole previous count fits " + detail::format_count(current) + " now";
    out.explanation = text + ".";
    return out;
}

namespace {

std::optional<count_range> parts_fitting_at(const claim& c, double total, std::optional<std::size_t> index) {
    if (c.kind != claim_kind::share) throw domain_error("claim", "is a change, not a share");
    detail::require_positive("total", total, index);
    const percent_range range = admitted_range(c);
    return detail::whole_numbers_fitting(total * range.low / 100, total * range.high / 100, 0.0, std::floor(total),
                                         [&](double k) { return range.contains(100 * k / total); });
}

}  // namespace

std::optional<count_range> parts_fitting(const claim& c, double total) { return parts_fitting_at(c, total, {}); }

void parts_fitting(const claim& c, number_span totals, std::span<double> low, std::span<double> high) {
    if (low.size() != totals.size() || high.size() != totals.size())
        throw domain_error("output", "has " + std::to_string(low.size() != totals.size() ? low.size() : high.size()) +
                                         " elements; expected " + std::to_string(totals.size()));
    for (std::size_t i = 0; i < totals.size(); ++i) {
        const auto parts = parts_fitting_at(c, totals[i], i);
        low[i] = parts ? parts->low : std::numeric_limits<double>::quiet_NaN();
        high[i] = parts ? parts->high : std::numeric_limits<double>::quiet_NaN();
    }
}

/// Checks a share claim ("86 per cent of cases") against the part and/or the total. With only the total,
/// gives the parts that fit; with only the part, the totals that fit; with neither, the smallest totals
/// that fit (smallest_denominators).
claim_check check_share_claim(const claim& c, std::optional<double> part, std::optional<double> total) {
    if (c.kind != claim_kind::share) throw domain_error("claim", "is a change, not a share");
    claim_check out{c, admitted_range(c), claim_tolerance_of(c), {}, {}, {}, {}, {}, {}};
    const auto& range = out.admitted;
    std::string text = "\"" + (c.qualifier_text.empty() ? "" : c.qualifier_text + " ") +
                       detail::format_percent(c.stated) + "%\" admits a true share in " + detail::describe(range) + " %";
    if (part && total) {
        const double exact = 100 * share(*part, *total);
        out.exact = exact;
        out.consistent = range.contains(exact);
        text += "; " + detail::format_count(*part) + " of " + detail::format_count(*total) + " is " +
                detail::format_percent(exact) + " %, " + (*out.consistent ? "consistent" : "NOT consistent") +
                " with the wording";
    } else if (total) {
        const double n = *total;
        out.part_range = parts_fitting(c, n);
        out.consistent = out.part_range.has_value();
        text += out.part_range ? "; of " + detail::format_count(n) + ", the wording fits a part of " +
                                     detail::describe(*out.part_range)
                               : "; no whole part of " + detail::format_count(n) + " fits";
    } else if (part) {
        detail::require_count("part", *part, {});
        const double k = *part;
        const double inf = std::numeric_limits<double>::infinity();
        const double high_estimate = range.low > 0 ? 100 * k / range.low : inf;
        out.baseline_range = detail::whole_numbers_fitting(range.high > 0 ? 100 * k / range.high : k, high_estimate,
                                                           std::max(1.0, k), std::isinf(high_estimate) ? inf : high_estimate + 2,
                                                           [&](double n) { return range.contains(100 * k / n); });
        out.consistent = out.baseline_range.has_value();
        text += out.baseline_range ? "; with a part of " + detail::format_count(k) +
                                         ", the wording fits a total of " + detail::describe(*out.baseline_range)
                                   : "; no whole total fits a part of " + detail::format_count(k);
    } else {
        out.denominators = smallest_denominators(c);
        text += detail::describe_denominators(c, out.denominators);
    }
    out.explanation = text + ".";
    return out;
}

/// Parses `text` and checks it against whichever counts are known (parse_claim, check_change_claim,
/// check_share_claim). Counts of the other kind of claim are a domain_error naming them.
claim_check check_claim(std::string_view text, const claim_counts& counts) {
    const claim c = parse_claim(text);
    if (c.kind == claim_kind::change) {
        if (counts.part) throw domain_error("part", "applies to share claims; this is a change claim");
        if (counts.total) throw domain_error("total", "applies to share claims; this is a change claim");
        return check_change_claim(c, counts.current, counts.previous);
    }
    if (counts.current) throw domain_error("current", "applies to change claims; this is a share claim (use part)");
    if (counts.previous) throw domain_error("previous", "applies to change claims; this is a share claim (use total)");
    return check_share_claim(c, counts.part, counts.total);
}

}  // namespace tipstats::stats
