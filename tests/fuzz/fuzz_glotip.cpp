// The GLOTIP importer: any bytes give observations or a tipstats::error. What it reads must survive
// the tidy CSV table unchanged.
#include <tipstats/io/csv.hpp>
#include <tipstats/io/glotip.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const tipstats::observations table = tipstats::io::read_glotip(text, "fuzz.csv");
        if (!(tipstats::read_observations_csv(tipstats::observations_to_csv(table)) == table)) std::abort();
    } catch (const tipstats::error&) {
    }
    return 0;
}
