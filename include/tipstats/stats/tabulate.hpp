#pragma once
// Counting case records by any set of columns of integer codes: the distinct key combinations and
// how many rows hold each, as `groupby(by, dropna=False).size()` gives them, without copying the
// columns.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace tipstats {

/// One column of integer codes, viewed, not copied: category codes, years, country numbers.
struct code_column {
    using codes_view = std::variant<std::span<const std::int8_t>, std::span<const std::int16_t>,
                                    std::span<const std::int32_t>, std::span<const std::int64_t>,
                                    std::span<const std::uint8_t>, std::span<const std::uint16_t>,
                                    std::span<const std::uint32_t>>;

    std::string name;  ///< named in error messages
    codes_view codes;
    /// Rows holding this code are missing (pandas' categorical code -1): they form their own group,
    /// ordered after every other code of the column.
    std::optional<std::int64_t> missing_code = std::nullopt;

    std::size_t size() const {
        return std::visit([](const auto& view) { return view.size(); }, codes);
    }
};

/// Distinct key combinations in lexicographic order of the columns' codes (missing last within a
/// column), with the number of rows holding each.
struct tabulation {
    /// codes[j][g] is column j's code in group g; the column's missing code for its missing group.
    std::vector<std::vector<std::int64_t>> codes;
    std::vector<std::int64_t> counts;

    std::size_t groups() const noexcept { return counts.size(); }
};

/// Counts the rows of each combination of codes in `columns` (all of the same length).
///
/// When the product of the columns' code ranges is at most twice the rows (the usual case: years,
/// age bands, sexes, exploitation types, countries), each thread counts its share of rows into a
/// dense mixed-radix table and the tables are summed: two passes over the columns, no per-row
/// allocation, extra memory of 8 bytes per possible key and table (no more tables than fit in half
/// the input's bytes) plus the result. Otherwise the combined keys are ranked by a radix sort and
/// counted (one thread; about six 64-bit words of memory per row).
///
/// `weights`, when given, holds one non-negative whole number per row: the row counts as that many
/// records (a table of counts being added up, as `groupby(by).sum()` adds a count column). A
/// combination whose rows all weigh 0 is still a group, with count 0.
///
/// `threads` = 0 uses every hardware thread. Throws domain_error when `columns` is empty or a
/// weight is negative (its index) and validation_error naming the column, or `weights`, when the
/// lengths differ.
tabulation tabulate(std::span<const code_column> columns, unsigned threads = 0,
                    std::span<const std::int64_t> weights = {});

}  // namespace tipstats
