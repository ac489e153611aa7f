// Exits 0 only if the library works as a consumer sees it.
#include <tipstats/tipstats.hpp>

#include <iostream>
#include <sstream>
#include <vector>

int main() {
    const auto period = tipstats::period::parse("2019-H1");
    if (period.shift(-1).to_string() != "2018-H1") return 1;
    if (tipstats::library_version() != TIPSTATS_VERSION_STRING) return 2;
    try {
        tipstats::period::parse("2019-02-30");
        return 3;
    } catch (const tipstats::error&) {
    }
    // The compiled part (JSON documents) links from the package too.
    const auto ds = tipstats::io::from_json(
        R"({"tipstats": 1, "partners": [{"id": "moi", "name": "Ministry of Interior"},
            {"id": "aple", "name": "Action Pour Les Enfants", "acronym": "APLE"}],
            "agreements": [{"id": "mou", "parties": ["moi", "aple"], "start": "2019-08-01", "term_months": 36}]})");
    if (ds.agreements().between("moi", "APLE").at(0)->end_bounds()->earliest != tipstats::date(2022, 7, 31)) return 4;
    try {
        (void)tipstats::io::from_json(R"({"tipstats": 1, "agreements": [{"id": "x", "parties": ["nobody"]}]})");
        return 5;
    } catch (const tipstats::validation_error&) {
    }
    // Values and enumerations print as they are written; numbers come in any contiguous range.
    std::ostringstream printed;
    printed << tipstats::date(2020, 2, 29) << ' ' << tipstats::trend::count_model::negbin << ' '
            << tipstats::stats::proportion_method::exact;
    if (printed.str() != "2020-02-29 negbin exact") return 6;
    const std::vector<int> found{86, 12}, total{100, 40};
    std::vector<double> lower(2), upper(2);
    tipstats::stats::proportion_ci(found, total, lower, upper, {.method = tipstats::stats::proportion_method::exact});
    if (!(lower[0] < 0.86 && 0.86 < upper[0])) return 7;
    std::cout << "tipstats " << tipstats::library_version() << " works from a consumer project\n";
    return 0;
}
