#pragma once
// Enumerations written as snake_case words in documents and in Python: one table per enum gives both
// directions.

#include <tipstats/error.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace tipstats::detail {

template <class Enum, std::size_t N>
using enum_names = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
std::string_view enum_to_string(const enum_names<Enum, N>& names, Enum value) {
    for (const auto& [e, text] : names)
        if (e == value) return text;
    return "unknown";
}

/// The enumerator spelled `text`, or a parse_error listing the allowed words.
template <class Enum, std::size_t N>
Enum enum_from_string(const enum_names<Enum, N>& names, std::string_view text, std::string_view what) {
    for (const auto& [e, word] : names)
        if (word == text) return e;
    std::string allowed;
    for (const auto& [e, word] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(word);
    throw parse_error("unknown " + std::string(what) + " '" + std::string(text) + "' (expected one of: " + allowed + ")");
}

/// Ids are slugs: lower-case ASCII letters, digits, '-', '_' and '.', starting with a letter or digit.
inline bool is_slug(std::string_view id) {
    if (id.empty()) return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
    }
    return true;
}

/// "agreements[2]" and "end" give "agreements[2].end"; a record checked on its own has no prefix.
inline std::string subfield(const std::string& prefix, const std::string& name) {
    return prefix.empty() ? name : prefix + "." + name;
}

inline void require_slug(std::string_view id, const std::string& field) {
    if (!is_slug(id))
        throw validation_error("'" + std::string(id) +
                                   "' is not a valid id (lower-case letters, digits, '-', '_', '.'; "
                                   "starting with a letter or digit)",
                               field);
}

}  // namespace tipstats::detail
