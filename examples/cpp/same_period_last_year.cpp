// Prints each reporting period given on the command line with the same period a year earlier,
// e.g. `same_period_last_year 2019-H1 2020-02`.
#include <tipstats/tipstats.hpp>

#include <iostream>

int main(int argc, char** argv) {
    try {
        for (int i = 1; i < argc; ++i) {
            const auto period = tipstats::period::parse(argv[i]);
            std::cout << period << " (a " << period.kind() << " of " << period.days() << " days) vs "
                      << period.shift(-1) << '\n';
        }
    } catch (const tipstats::error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
