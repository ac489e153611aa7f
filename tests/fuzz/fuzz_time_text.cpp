// The small grammars: periods, partial dates, age bands (canonical and labels), quantities. Each
// parsed value must print to text that parses back to the same value.
#include <tipstats/model/quantity.hpp>
#include <tipstats/time/age_band.hpp>
#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

template <class Parse>
void round_trip(std::string_view text, Parse parse) {
    try {
        const auto value = parse(text);
        const auto again = parse(value.to_string());
        if (!(again == value) || again.to_string() != value.to_string()) std::abort();
    } catch (const tipstats::error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    round_trip(text, [](std::string_view t) { return tipstats::period::parse(t); });
    round_trip(text, [](std::string_view t) { return tipstats::partial_date::parse(t); });
    round_trip(text, [](std::string_view t) { return tipstats::age_band::parse(t); });
    round_trip(text, [](std::string_view t) { return tipstats::quantity::parse(t); });
    try {
        const tipstats::age_band band = tipstats::age_band::from_label(text);
        if (!(tipstats::age_band::parse(band.to_string()) == band)) std::abort();
    } catch (const tipstats::error&) {
    }
    return 0;
}
