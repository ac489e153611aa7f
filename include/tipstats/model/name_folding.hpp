#pragma once
// Folding names for lookup: "Action pour les Enfants", "ACTION POUR LES ENFANTS" and
// "Action Pour Lés Enfants" all fold to "action pour les enfants".
//
// The rules, deliberately small and predictable:
//  - ASCII letters are lower-cased;
//  - the letters of Latin-1 Supplement (U+00C0-U+00FF) and Latin Extended-A (U+0100-U+017F) lose
//    their diacritics and case (é -> e, Ł -> l); ligatures and letters without a base letter are
//    spelled out (æ -> ae, œ -> oe, ß -> ss, þ -> th, ĳ -> ij);
//  - runs of white space become one space, and leading and trailing white space is dropped;
//  - everything else (other scripts such as Khmer, punctuation, bytes that are not UTF-8) is kept
//    exactly, so such names must match exactly.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tipstats {

namespace detail {

/// The folded spelling of each code point U+00C0..U+017F; empty for the two symbols (× ÷) kept as
/// they are.
inline constexpr std::array<std::string_view, 0x180 - 0xC0> latin_folding = {
    // U+00C0 ÀÁÂÃÄÅÆÇ ÈÉÊË ÌÍÎÏ
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00D0 ÐÑÒÓÔÕÖ× ØÙÚÛÜÝÞß
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    // U+00E0 àáâãäåæç èéêë ìíîï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 ðñòóôõö÷ øùúûüýþÿ
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100 ĀāĂăĄąĆć ĈĉĊċČčĎď
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    // U+0110 ĐđĒēĔĕĖė ĘęĚěĜĝĞğ
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // U+0120 ĠġĢģĤĥĦħ ĨĩĪīĬĭĮį
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    // U+0130 İıĲĳĴĵĶķ ĸĹĺĻļĽľĿ
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // U+0140 ŀŁłŃńŅņŇ ňŉŊŋŌōŎŏ
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    // U+0150 ŐőŒœŔŕŖŗ ŘřŚśŜŝŞş
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // U+0160 ŠšŢţŤťŦŧ ŨũŪūŬŭŮů
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    // U+0170 ŰűŲųŴŵŶŷ ŸŹźŻżŽžſ
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

}  // namespace detail

/// The lookup key of a name (see the rules at the top of this header).
inline std::string fold_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool pending_space = false;
    const auto append = [&](std::string_view piece) {
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        out += piece;
    };
    for (std::size_t i = 0; i < name.size();) {
        const auto byte = static_cast<unsigned char>(name[i]);
        if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f' || byte == '\v') {
            pending_space = true;
            ++i;
            continue;
        }
        if (byte < 0x80) {
            const char lower = (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte - 'A' + 'a') : static_cast<char>(byte);
            append(std::string_view(&lower, 1));
            ++i;
            continue;
        }
        // U+0080..U+07FF take two bytes: 110xxxxx 10xxxxxx.
        if ((byte & 0xE0) == 0xC0 && i + 1 < name.size() &&
            (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) {
            const std::uint32_t code =
                (static_cast<std::uint32_t>(byte & 0x1F) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3F);
            if (code >= 0xC0 && code < 0x180 && !detail::latin_folding[code - 0xC0].empty()) {
                append(detail::latin_folding[code - 0xC0]);
            } else {
                append(name.substr(i, 2));
            }
            i += 2;
            continue;
        }
        append(name.substr(i, 1));  // other scripts and stray bytes: kept byte for byte
        ++i;
    }
    return out;
}

}  // namespace tipstats
