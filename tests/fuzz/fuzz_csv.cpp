// The CSV reader and the tidy observations table: any bytes give a table or a tipstats::error.
// A table that reads must write back to CSV that reads to the same table.
#include <tipstats/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const char delimiter : {',', ';', '\t'}) {  // CTDC's releases use all three
        try {
            (void)tipstats::parse_csv(text, "fuzz.csv", delimiter);
        } catch (const tipstats::error&) {
        }
    }
    try {
        const tipstats::observations table = tipstats::read_observations_csv(text, "fuzz.csv");
        const std::string written = tipstats::observations_to_csv(table);
        const tipstats::observations again = tipstats::read_observations_csv(written, "written.csv");
        if (!(again == table) || tipstats::observations_to_csv(again) != written) std::abort();
    } catch (const tipstats::error&) {
    }
    return 0;
}
