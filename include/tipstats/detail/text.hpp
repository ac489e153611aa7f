#pragma once
// Small text helpers the parsers share: trimming, quoting in messages, comparing wordings and
// turning a wording into a name.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace tipstats::detail {

/// Reads exactly `width` ASCII digits starting at `pos`; nullopt when they are not all digits.
inline std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!std::isdigit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

/// The shortest text that reads back to the same double ("80", "0.1", "1e-07", "inf"): how
/// numbers appear in every message.
inline std::string number_text(double value) {
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, ec == std::errc() ? end : buffer);
}

inline std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

/// The text in single quotes for a message; long garbage is cut so messages stay readable.
inline std::string quoted(std::string_view text) {
    constexpr std::size_t shown = 60;
    std::string out = "'";
    out += text.size() > shown ? std::string(text.substr(0, shown)) + "..." : std::string(text);
    return out + "'";
}

/// Equal ignoring ASCII case and the white space around `a`.
inline bool same_wording(std::string_view a, std::string_view b) {
    a = trim(a);
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

/// A wording as a name: ASCII letters and digits in lower case, every run of other characters one
/// "_", none at either end ("Persons arrested (total)" -> "persons_arrested_total"). Empty when the
/// wording has no ASCII letter or digit.
inline std::string slug(std::string_view wording) {
    std::string out;
    for (const char c : wording) {
        if (std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80)
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    if (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

}  // namespace tipstats::detail
