#pragma once
// Printing tipstats' values: `out << value` for every enumeration that has a `to_string` (the
// words documents and Python use: "quarter", "hamed_rao", "no trend"), and std::format for those
// enumerations and for date, period, partial_date and age_band where the standard library has
// <format> (GCC 13, Clang 17 with libc++; not GCC 12). The classes' own `operator<<` are declared
// beside them.

#include <concepts>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>
#include <version>

#if defined(__cpp_lib_format)
#include <format>
#endif

namespace tipstats {

/// An enumeration of tipstats' with its words: `to_string(value)`, found by argument-dependent
/// lookup, gives a std::string_view.
template <class E>
concept worded_enum = std::is_enum_v<E> && requires(E value) {
    { to_string(value) } -> std::same_as<std::string_view>;
};

/// The enumerator's words.
template <class Traits, worded_enum E>
std::basic_ostream<char, Traits>& operator<<(std::basic_ostream<char, Traits>& out, E value) {
    return out << to_string(value);
}

namespace stats {
using tipstats::operator<<;
}
namespace trend {
using tipstats::operator<<;
}
namespace mse {
using tipstats::operator<<;
}

class date;
class period;
class partial_date;
class age_band;

namespace detail {
/// The enumerator's words, found by argument-dependent lookup from outside tipstats' namespaces.
template <worded_enum E>
std::string_view words_of(E value) {
    return to_string(value);
}

/// The classes std::format prints through their to_string().
template <class T>
concept worded_class = std::same_as<T, date> || std::same_as<T, period> || std::same_as<T, partial_date> ||
                       std::same_as<T, age_band>;
}  // namespace detail

}  // namespace tipstats

#if defined(__cpp_lib_format)
namespace std {
/// std::format("{}", value) and its width, fill and alignment ("{:>10}"), as for a string.
template <class T>
    requires tipstats::worded_enum<T> || tipstats::detail::worded_class<T>
struct formatter<T, char> : formatter<string_view, char> {
    template <class Context>
    auto format(const T& value, Context& context) const {
        if constexpr (tipstats::worded_enum<T>) {
            return formatter<string_view, char>::format(tipstats::detail::words_of(value), context);
        } else {
            const string text = value.to_string();
            return formatter<string_view, char>::format(string_view(text), context);
        }
    }
};
}  // namespace std
#endif
