#pragma once
// What every function in tipstats::stats shares: the interval type, the Boost.Math policy, the
// checks that turn bad input into a domain_error naming the argument (and the index in a batch).

#include <tipstats/error.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/policies/policy.hpp>

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>

namespace tipstats::stats {

/// A two-sided confidence interval.
struct interval {
    double lower = 0.0;
    double upper = 0.0;
    friend bool operator==(const interval&, const interval&) = default;
};

/// Which element of a batch is being checked; empty for a scalar call.
using element_index = std::optional<std::size_t>;

namespace detail {

// Double precision throughout (no promotion to long double): the same choice scipy makes for its
// Boost.Math ufuncs, accurate to a few ulp and several times faster on x86-64.
using policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

inline void require_finite(const char* argument, double value, element_index index) {
    if (!std::isfinite(value)) throw domain_error(argument, "must be finite, got " + std::to_string(value), index);
}

/// A count: finite and >= 0.
inline void require_count(const char* argument, double value, element_index index) {
    require_finite(argument, value, index);
    if (value < 0) throw domain_error(argument, "must not be negative, got " + std::to_string(value), index);
}

/// A whole count: finite, >= 0 and an integer (needed where a discrete distribution is evaluated).
inline void require_whole_count(const char* argument, double value, element_index index) {
    require_count(argument, value, index);
    if (value != std::floor(value))
        throw domain_error(argument, "must be a whole number, got " + std::to_string(value), index);
}

inline void require_positive(const char* argument, double value, element_index index) {
    require_finite(argument, value, index);
    if (!(value > 0)) throw domain_error(argument, "must be positive, got " + std::to_string(value), index);
}

inline void require_level(double level, element_index index) {
    if (!(level > 0 && level < 1))
        throw domain_error("level", "must lie strictly between 0 and 1, got " + std::to_string(level), index);
}

/// The standard normal quantile z with P(Z > z) = (1 - level) / 2.
inline double two_sided_z(double level) {
    return quantile(complement(boost::math::normal_distribution<double, policy>(), (1 - level) / 2));
}

/// Element i of a batch input; an input of one element stands for every element (broadcasting).
inline double at(std::span<const double> values, std::size_t i) noexcept {
    return values.size() == 1 ? values[0] : values[i];
}

struct named_span {
    const char* argument;
    std::span<const double> values;
};

/// The length of a batch: every input has that many elements or exactly one; every output has it.
inline std::size_t batch_size(std::initializer_list<named_span> inputs, std::initializer_list<std::span<double>> outputs) {
    std::size_t n = 1;
    for (const auto& in : inputs)
        if (in.values.size() != 1) n = in.values.size();
    for (const auto& in : inputs)
        if (in.values.size() != 1 && in.values.size() != n)
            throw domain_error(in.argument, "has " + std::to_string(in.values.size()) +
                                                " elements; expected " + std::to_string(n) + " or 1");
    for (const auto& out : outputs)
        if (out.size() != n)
            throw domain_error("output", "has " + std::to_string(out.size()) + " elements; expected " +
                                             std::to_string(n));
    return n;
}

}  // namespace detail
}  // namespace tipstats::stats
