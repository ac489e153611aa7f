// The dataset document loader: any bytes give a tipstats::dataset or a tipstats::error. A document that
// loads must write back to a document that loads to the same dataset and writes the same text.
#include <tipstats/io/json_document.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const tipstats::dataset dataset = tipstats::io::from_json(text, "fuzz.json");
        const std::string written = tipstats::io::to_json(dataset);
        const tipstats::dataset again = tipstats::io::from_json(written, "written.json");
        if (!(again == dataset) || tipstats::io::to_json(again) != written) std::abort();
    } catch (const tipstats::error&) {
    }
    return 0;
}
