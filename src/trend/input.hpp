#pragma once
// Checks shared by the trend functions (private to src/trend).

#include <tipstats/detail/text.hpp>
#include <tipstats/error.hpp>

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace tipstats::trend::detail {

/// The time values: x as given (finite, strictly increasing, as many as y) or 0, 1, ..., n - 1.
inline std::vector<double> time_values(std::span<const double> x, std::size_t n) {
    if (x.empty()) {
        std::vector<double> t(n);
        for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<double>(i);
        return t;
    }
    if (x.size() != n)
        throw domain_error("x", "has " + std::to_string(x.size()) + " values but y has " + std::to_string(n));
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i])) throw domain_error("x", "must be finite, got " + tipstats::detail::number_text(x[i]), i);
        if (i > 0 && !(x[i] > x[i - 1]))
            throw domain_error("x", x[i] == x[i - 1] ? "duplicate value (x must be strictly increasing)"
                                                     : "not sorted (x must be strictly increasing)",
                               i);
    }
    return {x.begin(), x.end()};
}

inline void check_level(double level, const char* name = "level") {
    if (!(level > 0 && level < 1)) throw domain_error(name, "must lie strictly between 0 and 1");
}

}  // namespace tipstats::trend::detail
