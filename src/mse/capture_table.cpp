#include <tipstats/error.hpp>
#include <tipstats/mse/capture_table.hpp>

#include <cmath>
#include <set>
#include <utility>

namespace tipstats::mse {
namespace {

void check_lists(const std::vector<std::string>& lists) {
    if (lists.size() < 2)
        throw domain_error("lists", "multiple systems estimation needs at least 2 lists, got " + std::to_string(lists.size()));
    if (lists.size() > capture_table::max_lists)
        throw domain_error("lists", "at most " + std::to_string(capture_table::max_lists) + " lists are supported, got " +
                                        std::to_string(lists.size()));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < lists.size(); ++i) {
        if (lists[i].empty()) throw domain_error("lists", "a list name is empty", i);
        if (!seen.insert(lists[i]).second) throw domain_error("lists", "the name '" + lists[i] + "' is used twice", i);
    }
}

// Counts are numbers of people: whole, finite, not negative. The value is not quoted (victim data).
void check_count(double c, std::size_t index) {
    if (std::isnan(c)) throw domain_error("counts", "is missing (NaN); a count of people is needed", index);
    if (!std::isfinite(c)) throw domain_error("counts", "must be finite", index);
    if (c < 0) throw domain_error("counts", "is negative; a count of people cannot be", index);
    if (c != std::floor(c)) throw domain_error("counts", "is not a whole number; a count of people must be", index);
}

}  // namespace

capture_table::capture_table(std::vector<std::string> lists, std::vector<double> counts)
    : lists_(std::move(lists)), counts_(std::move(counts)) {
    check_lists(lists_);
    const std::size_t cells = std::size_t{1} << lists_.size();
    if (counts_.size() != cells)
        throw domain_error("counts", "needs one count per pattern of " + std::to_string(lists_.size()) + " lists (" +
                                         std::to_string(cells) + "), got " + std::to_string(counts_.size()));
    for (std::size_t p = 0; p < cells; ++p) check_count(counts_[p], p);
    if (counts_[0] != 0)
        throw domain_error("counts", "the pattern with no list cannot hold anyone: people on no list were not found", 0);
    for (double c : counts_) observed_ += c;
    if (observed_ == 0) throw domain_error("counts", "are all zero: nobody was found on any list");
}

capture_table capture_table::from_rows(std::vector<std::string> lists, std::span<const pattern> patterns,
                                       std::span<const double> counts) {
    check_lists(lists);
    if (patterns.size() != counts.size())
        throw domain_error("counts", "has " + std::to_string(counts.size()) + " rows but patterns has " +
                                         std::to_string(patterns.size()));
    const std::size_t cells = std::size_t{1} << lists.size();
    std::vector<double> full(cells, 0.0);
    for (std::size_t row = 0; row < patterns.size(); ++row) {
        if (patterns[row] == 0) throw domain_error("patterns", "the pattern is on no list (every list column is 0)", row);
        if (patterns[row] >= cells)
            throw domain_error("patterns", "names a list beyond the " + std::to_string(lists.size()) + " lists", row);
        check_count(counts[row], row);
        full[patterns[row]] += counts[row];
    }
    return capture_table(std::move(lists), std::move(full));
}

double capture_table::on_all(pattern lists_mask) const noexcept {
    double total = 0;
    for (std::size_t p = 1; p < counts_.size(); ++p)
        if ((p & lists_mask) == lists_mask) total += counts_[p];
    return total;
}

std::string capture_table::name_of(pattern p) const {
    if (p == 0) return "(none)";
    std::string out;
    for (std::size_t i = 0; i < lists_.size(); ++i)
        if (p & (pattern{1} << i)) out.append(out.empty() ? "" : "&").append(lists_[i]);
    return out;
}

}  // namespace tipstats::mse
