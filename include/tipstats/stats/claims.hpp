#pragma once
// Checking reported figures ("an increase of nearly 150 per cent", "arrests in 86 per cent of cases")
// against counts.
//
// A claim is a stated percentage s, a qualifier and a kind: a change (increase or decrease, with the
// qualifier applying to its size) or a share (part of a total). The qualifier sets which true values
// the wording admits (v: the true size of the change, or the true share, in percent):
//
//   qualifier (and synonyms)                               admits
//   none, "exactly"                                        v rounds to s at the precision written:
//                                                          s - h <= v < s + h, h = half a unit of the last
//                                                          digit written (0.5 for "86", 0.05 for "86.0")
//   "nearly", "almost", "close to", "just under",          s (1 - 10 %) <= v < s   (below, within 10 % of s)
//     "approaching"
//   "about", "around", "approximately", "roughly",         s (1 - 10 %) <= v <= s (1 + 10 %)
//     "some", "circa", "an estimated"
//   "more than", "over", "above", "exceeding",             v > s
//     "upwards of", "in excess of"
//   "just over", "just above", "slightly more than"        s < v <= s (1 + 10 %)
//   "less than", "under", "below", "fewer than"            v < s
//   "at least", "no less than"                             v >= s
//   "at most", "up to", "no more than"                     v <= s
//
// The 10 % (relative to s) is `claim_tolerance`. Given the counts, a check says whether the exact value
// fits; given only the current count (or only one side of a share), it gives the whole numbers that fit.
// Given no count at all, it lists the smallest denominators that fit: the totals n for which some whole
// part k has 100 k / n within the admitted range ("86 per cent" needs n = 7, 14, 21, 22, ...), or for a
// change the previous counts for which some whole current count fits.

#include <tipstats/stats/common.hpp>
#include <tipstats/text.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tipstats::stats {

/// Relative tolerance of the vague qualifiers ("nearly", "about", "just over").
inline constexpr double claim_tolerance = 0.10;

enum class claim_kind { change, share };
enum class claim_qualifier { none, nearly, about, more_than, just_over, less_than, at_least, at_most };

/// "change" or "share".
std::string_view to_string(claim_kind kind);

/// The qualifier's canonical words: "none", "nearly", "about", "more than", ...
std::string_view to_string(claim_qualifier q);

struct claim {
    claim_kind kind = claim_kind::share;
    claim_qualifier qualifier = claim_qualifier::none;
    double stated = 0;      ///< the percentage as written (its size; see `decrease`)
    int decimals = 0;       ///< digits written after the decimal point
    bool decrease = false;  ///< a change claim that reports a fall
    std::string qualifier_text;  ///< the words matched, e.g. "nearly"; empty for none
};

/// The set of true percentages a claim admits: [low, high] with open or closed ends (high may be +inf).
/// For a change claim the bounds are on the signed change (negative for a decrease).
struct percent_range {
    double low = 0;
    double high = 0;
    bool low_closed = true;
    bool high_closed = true;
    bool contains(double v) const {
        return (low_closed ? v >= low : v > low) && (high_closed ? v <= high : v < high);
    }
};

/// Whole numbers from low to high, both included; high may be +inf (no upper limit).
struct count_range {
    double low = 0;
    double high = 0;
};

struct claim_check {
    claim stated;
    percent_range admitted;
    double tolerance = 0;  ///< claim_tolerance for vague qualifiers; half a unit of the last digit for none
    std::optional<bool> consistent;     ///< empty when the counts given cannot decide
    std::optional<double> exact;        ///< the exact change (or share), in percent, when both counts are known
    std::optional<count_range> baseline_range;  ///< change: previous counts that fit; share: totals that fit
    std::optional<count_range> part_range;      ///< share with a known total: parts that fit
    std::vector<double> denominators;  ///< no count given: the smallest totals (previous counts) that fit
    std::string explanation;
};

/// How many of the smallest denominators a check without counts lists, and the largest it tries.
inline constexpr std::size_t claim_denominators = 10;
inline constexpr double claim_denominator_limit = 1e6;

/// Reads a claim such as "an increase of nearly 150 per cent", "down about 30%", "arrests in 86 per cent of
/// cases". A change needs a direction word (increase, rise, up, more, higher, growth, jump; decrease, fall,
/// drop, down, fewer, lower, decline, reduction); without one the claim is a share. Raises parse_error when
/// no percentage ("%", "per cent", "percent") is found.
claim parse_claim(std::string_view text);

/// The true percentages the claim's wording admits (see the table in the header comment).
percent_range admitted_range(const claim& c);

/// claim_tolerance for vague qualifiers; half a unit of the last digit written for none.
double claim_tolerance_of(const claim& c);

/// The `count` smallest whole denominators m (1, 2, ... up to `limit`) for which some whole numerator fits
/// the claim: totals of a share (some part k with 100 k / m admitted), previous counts of a change (some
/// current count k with the change from m to k admitted). Fewer when the wording admits too narrow a
/// range to find `count` of them below `limit`, none when it admits nothing.
std::vector<double> smallest_denominators(const claim& c, std::size_t count = claim_denominators,
                                          double limit = claim_denominator_limit);

/// Checks a change claim against the current count and, when known, the previous one. Without the
/// previous count, gives the whole previous counts (>= 1) whose change from them fits the wording;
/// without either, the smallest previous counts that fit with some whole current count.
claim_check check_change_claim(const claim& c, std::optional<double> current_count = {},
                               std::optional<double> previous = {});

/// The whole parts of `total` whose share fits a share claim; none when no part does.
std::optional<count_range> parts_fitting(const claim& c, double total);

/// Batch form: low[i] and high[i] receive the least and greatest part of totals[i] that fit (NaN when
/// none does). A bad total raises domain_error with its index.
void parts_fitting(const claim& c, number_span totals, std::span<double> low, std::span<double> high);

/// Checks a share claim ("86 per cent of cases") against the part and/or the total. With only the total,
/// gives the parts that fit; with only the part, the totals that fit; with neither, the smallest totals
/// that fit (smallest_denominators).
claim_check check_share_claim(const claim& c, std::optional<double> part, std::optional<double> total);

/// Counts a claim can be checked against; which apply depends on the claim's kind.
struct claim_counts {
    std::optional<double> current;   ///< change claims: the count now
    std::optional<double> previous;  ///< change claims: the count it is compared with
    std::optional<double> part;      ///< share claims: the part
    std::optional<double> total;     ///< share claims: the whole
};

/// Parses `text` and checks it against whichever counts are known (parse_claim, check_change_claim,
/// check_share_claim). Counts of the other kind of claim are a domain_error naming them.
claim_check check_claim(std::string_view text, const claim_counts& counts);

}  // namespace tipstats::stats
