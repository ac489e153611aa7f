// A reported change checked against the counts, its exact interval, and the trend of a series of
// yearly counts: `change_and_trend 105 263 "an increase of nearly 150 per cent"`.
#include <tipstats/tipstats.hpp>

#include <cstdlib>
#include <iostream>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: change_and_trend PREVIOUS CURRENT CLAIM\n";
        return 2;
    }
    namespace st = tipstats::stats;
    namespace tt = tipstats::trend;
    try {
        const double previous = std::strtod(argv[1], nullptr);
        const double current = std::strtod(argv[2], nullptr);
        const st::change_result change = st::change_ci(current, previous);
        std::cout << "change " << change.percent_change << " %, 95 % CI " << change.ci << " %, p = " << change.p_value
                  << '\n';
        const st::claim_check check = st::check_claim(argv[3], {.current = current, .previous = previous});
        std::cout << '"' << argv[3] << "\": " << check.explanation << '\n';

        // The two counts and their midpoint as yearly counts: a Poisson log-linear trend, 90 % interval.
        const std::vector<double> counts{previous, (previous + current) / 2, current};
        const tt::loglinear_result fit = tt::loglinear(counts, {}, {}, {.model = tt::count_model::poisson, .level = 0.9});
        std::cout << "trend: " << fit.apc << " % a year, 90 % CI " << fit.apc_ci << ", p = " << fit.p_value << " ("
                  << fit.model << ")\n";
    } catch (const tipstats::error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
