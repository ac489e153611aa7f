#pragma once
// One type for every interval of numbers: a confidence interval, the bounds of a censored count.

#include <iosfwd>

namespace tipstats {

/// The closed interval [lower, upper]; `upper` may be +infinity (an open-ended count, ">1000").
struct interval {
    double lower = 0;
    double upper = 0;

    /// Both ends equal: a value known exactly.
    bool exact() const noexcept { return lower == upper; }
    bool contains(double value) const noexcept { return lower <= value && value <= upper; }
    friend bool operator==(const interval&, const interval&) = default;
};

/// "[lower, upper]", numbers in their shortest round-trip form.
std::ostream& operator<<(std::ostream& out, const interval& i);

}  // namespace tipstats
