// Exits 0 only if the library works as a consumer sees it.
#include <tipstats/tipstats.hpp>

#include <iostream>

int main() {
    const auto period = tipstats::Period::parse("2019-H1");
    if (period.shift(-1).to_string() != "2018-H1") return 1;
    if (tipstats::library_version() != TIPSTATS_VERSION_STRING) return 2;
    try {
        tipstats::Period::parse("2019-02-30");
        return 3;
    } catch (const tipstats::error&) {
    }
    std::cout << "tipstats " << tipstats::library_version() << " works from a consumer project\n";
    return 0;
}
