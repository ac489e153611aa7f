#pragma once
// Capture tables of multiple systems estimation: how many people were found on each combination of
// lists. Numbers only: a pattern is a bit mask (bit i set: on list i), a table is the count of every
// pattern, and the list names serve the messages and the coefficient names.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tipstats::mse {

using pattern = std::uint32_t;  ///< bit i set: the person is on list i

/// Counts of people by capture pattern. `counts()[p]` is the number of people found on exactly the
/// lists of pattern p; `counts()[0]`, the people on no list (the dark figure), is always 0.
class capture_table {
public:
    static constexpr std::size_t max_lists = 16;

    /// Lists named `lists` (2 to max_lists, non-empty and distinct) and the count of every pattern,
    /// `counts.size() == 2^k` with `counts[0] == 0`. Counts must be whole, finite and >= 0, and at
    /// least one must be positive. Throws domain_error naming the argument and index.
    capture_table(std::vector<std::string> lists, std::vector<double> counts);

    /// From rows of (pattern, count), as published tables give them; patterns not given count 0,
    /// a pattern given twice is added up. The pattern with no list (0) is refused: nobody can be
    /// counted there. Errors name the argument ("patterns" or "counts") and the row.
    static capture_table from_rows(std::vector<std::string> lists, std::span<const pattern> patterns,
                                   std::span<const double> counts);

    std::size_t size() const noexcept { return lists_.size(); }  ///< number of lists
    const std::vector<std::string>& lists() const noexcept { return lists_; }
    std::span<const double> counts() const noexcept { return counts_; }
    std::size_t cells() const noexcept { return counts_.size(); }  ///< 2^k, the unobservable cell 0 included
    double count(pattern p) const { return counts_.at(p); }
    double observed() const noexcept { return observed_; }  ///< people on at least one list

    /// People on every list of `lists_mask` (whatever other lists they are on).
    double on_all(pattern lists_mask) const noexcept;
    /// "LA&NG" for a pattern, "(none)" for 0.
    std::string name_of(pattern p) const;

private:
    std::vector<std::string> lists_;
    std::vector<double> counts_;
    double observed_ = 0;
};

}  // namespace tipstats::mse
