#pragma once
// Counting case records by any set of columns of integer codes: the distinct key combinations and
// how many rows hold each, as `groupby(by, dropna=False).size()` gives them, without copying the
// columns.

#include <tipstats/batch_options.hpp>

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
/// Runs on the shared thread pool (see batch_options). Throws domain_error when `columns` is empty and
/// validation_error naming the column when the lengths differ.
tabulation tabulate(std::span<const code_column> columns, const batch_options& run = {});

/// As above, each row counting as its weight: one non-negative whole number per row, the records the
/// row stands for (a table of counts being added up, as `groupby(by).sum()` adds a count column). A
/// combination whose rows all weigh 0 is still a group, with count 0. Throws domain_error naming
/// the index of a negative weight and validation_error naming `weights` when its length differs.
tabulation tabulate(std::span<const code_column> columns, std::span<const std::int64_t> weights,
                    const batch_options& run = {});

/// Counts the rows of every combination of codes into a dense table with a cell for each possible
/// combination, for callers that know every column's codes beforehand (a categorical's categories)
/// and add such tables up: C-ordered (the last column's axis fastest), column j's axis of `cells[j]`
/// cells, code c (0 <= c <= cells[j] - 2) counted in cell c and the column's missing code in the
/// last cell. The same passes as the dense way of `tabulate`, without listing the groups: 8 bytes per
/// cell and table.
///
/// Throws domain_error when `columns` is empty, when a column's cells are 0 or over 2^32, or their
/// product over 2^32 (argument `cells`, index the column), and naming the column and the first row of
/// a code outside its cells; validation_error naming the column whose length differs, or `cells`
/// when it has another length than `columns`.
std::vector<std::int64_t> tabulate_dense(std::span<const code_column> columns, std::span<const std::uint64_t> cells,
                                         const batch_options& run = {});

}  // namespace tipstats
