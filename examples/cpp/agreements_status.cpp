// Loads a dataset document and prints each agreement with its parties and its status on a date,
// e.g. `agreements_status python/tipstats/data/cambodia_2019.json 2020-06-01`.
#include <tipstats/tipstats.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: agreements_status FILE [YYYY-MM-DD]\n";
        return 2;
    }
    try {
        const tipstats::dataset ds = tipstats::io::load(argv[1]);
        const tipstats::date on = argc == 3 ? tipstats::date::parse(argv[2])
                                            : tipstats::date(std::chrono::floor<std::chrono::days>(
                                                  std::chrono::system_clock::now()));
        std::cout << ds.partners().size() << " partners, " << ds.agreements().size() << " agreements; status on "
                  << on << ":\n";
        for (const auto& agreement : ds.agreements()) {
            std::cout << "  " << agreement.id << " (" << agreement.kind << "):";
            for (const auto& party : agreement.parties) std::cout << ' ' << ds.partners().get(party.partner_id).name << ';';
            std::cout << ' ' << agreement.status_on(on);
            if (agreement.renewal_count() > 0) std::cout << ", renewal " << agreement.renewal_count();
            std::cout << '\n';
        }
    } catch (const tipstats::error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
