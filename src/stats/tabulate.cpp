#include <tipstats/error.hpp>
#include <tipstats/stats/tabulate.hpp>

#include "../detail/parallel.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <limits>
#include <type_traits>

namespace tipstats {
namespace {

// Rows are folded into keys this many at a time, so the key buffer stays in the L1 cache.
constexpr std::size_t chunk_rows = 4096;
// A column whose codes span more than this is ranked first, never counted densely.
constexpr std::uint64_t max_dense_span = std::uint64_t{1} << 32;
// Largest dense table (entries per thread); tables this small are always fine, and a thread gets its
// own table only when it has at least this many rows.
constexpr std::uint64_t max_dense_entries = std::uint64_t{1} << 24;
constexpr std::uint64_t min_dense_entries = std::uint64_t{1} << 16;

/// The codes a column holds: smallest and largest present (non-missing) code, and whether any row
/// is missing.
struct code_range {
    std::int64_t min = std::numeric_limits<std::int64_t>::max();
    std::int64_t max = std::numeric_limits<std::int64_t>::min();
    bool has_missing = false;

    bool any_present() const noexcept { return min <= max; }
    /// max - min, exact even across the whole int64 range.
    std::uint64_t span() const noexcept {
        return any_present() ? static_cast<std::uint64_t>(max) - static_cast<std::uint64_t>(min) : 0;
    }
    bool dense() const noexcept { return span() < max_dense_span; }
    /// Slots of a dense column: one per code in [min, max], then the missing slot.
    std::uint64_t radix() const noexcept { return (any_present() ? span() + 1 : 0) + (has_missing ? 1 : 0); }
    std::uint64_t missing_slot() const noexcept { return any_present() ? span() + 1 : 0; }

    void merge(const code_range& other) noexcept {
        min = std::min(min, other.min);
        max = std::max(max, other.max);
        has_missing = has_missing || other.has_missing;
    }
};

/// The missing code as the column's own type, when the type can hold it at all.
template <class T>
std::optional<T> missing_as(const code_column& column) {
    if (!column.missing_code) return std::nullopt;
    const std::int64_t m = *column.missing_code;
    if constexpr (std::is_signed_v<T>) {
        if (m < std::numeric_limits<T>::min() || m > std::numeric_limits<T>::max()) return std::nullopt;
    } else {
        if (m < 0 || static_cast<std::uint64_t>(m) > std::numeric_limits<T>::max()) return std::nullopt;
    }
    return static_cast<T>(m);
}

template <class T>
code_range range_of(std::span<const T> codes, std::optional<T> missing) {
    constexpr T top = std::numeric_limits<T>::max();
    constexpr T bottom = std::numeric_limits<T>::min();
    T lo = top;
    T hi = bottom;
    T any_missing = 0;
    if (missing) {
        // Bit masks rather than branches or selects, so that the compiler vectorizes the loop.
        const T m = *missing;
        for (const T v : codes) {
            const T mask = static_cast<T>(T{0} - static_cast<T>(v == m));
            any_missing |= mask;
            lo = std::min(lo, static_cast<T>((v & static_cast<T>(~mask)) | (top & mask)));
            hi = std::max(hi, static_cast<T>((v & static_cast<T>(~mask)) | (bottom & mask)));
        }
    } else {
        for (const T v : codes) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    const bool has_missing = any_missing != 0;
    code_range r;
    r.has_missing = has_missing;
    if (lo <= hi) {  // else every row was missing (or there were none): no code present
        r.min = static_cast<std::int64_t>(lo);
        r.max = static_cast<std::int64_t>(hi);
    }
    return r;
}

/// keys[i] = keys[i] * radix + slot of row `first + i`; slots count from the column's minimum, the
/// missing code taking the slot after the maximum. Unsigned wrap-around keeps the arithmetic exact
/// because every slot is below 2^32 (dense columns) and the key product fits K.
template <class K, class T>
void fold(std::span<const T> codes, std::size_t first, std::span<K> keys, const code_range& range,
          std::optional<T> missing) {
    const K radix = static_cast<K>(range.radix());
    const K base = static_cast<K>(static_cast<std::uint64_t>(range.any_present() ? range.min : 0));
    const T* in = codes.data() + first;
    K* out = keys.data();
    const std::size_t n = keys.size();
    if (missing && range.has_missing) {
        const T m = *missing;
        const K missing_slot = static_cast<K>(range.missing_slot());
        for (std::size_t i = 0; i < n; ++i) {
            const K mask = static_cast<K>(K{0} - static_cast<K>(in[i] == m));  // a mask vectorizes, a branch not
            const K slot = static_cast<K>(static_cast<K>(in[i]) - base);
            out[i] = out[i] * radix + ((slot & static_cast<K>(~mask)) | (missing_slot & mask));
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) out[i] = out[i] * radix + static_cast<K>(static_cast<K>(in[i]) - base);
    }
}

/// Replaces each key by its rank among the distinct keys (ranks follow key order) and returns how
/// many distinct keys there are: an LSD radix sort of (key, row) pairs, a byte a pass, skipping the
/// bytes every key shares.
template <class Row>
std::uint64_t rank_rows(std::vector<std::uint64_t>& keys) {
    const std::size_t n = keys.size();
    if (n == 0) return 0;
    std::uint64_t varying = 0;
    for (const std::uint64_t k : keys) varying |= k ^ keys[0];
    std::vector<std::uint64_t> sorted(keys);
    std::vector<std::uint64_t> sorted_next(n);
    std::vector<Row> rows(n);
    std::vector<Row> rows_next(n);
    for (std::size_t i = 0; i < n; ++i) rows[i] = static_cast<Row>(i);
    for (unsigned shift = 0; shift < 64; shift += 8) {
        if (((varying >> shift) & 0xff) == 0) continue;
        std::array<std::size_t, 257> next{};  // next[d + 1] counts digit d; then the first free position
        for (const std::uint64_t k : sorted) ++next[((k >> shift) & 0xff) + 1];
        for (std::size_t d = 1; d < next.size(); ++d) next[d] += next[d - 1];
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t at = next[(sorted[i] >> shift) & 0xff]++;
            sorted_next[at] = sorted[i];
            rows_next[at] = rows[i];
        }
        sorted.swap(sorted_next);
        rows.swap(rows_next);
    }
    std::uint64_t rank = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && sorted[i] != sorted[i - 1]) ++rank;
        keys[rows[i]] = rank;
    }
    return rank + 1;
}

std::uint64_t rank_in_place(std::vector<std::uint64_t>& keys) {
    // 32-bit row numbers halve the memory whenever they suffice.
    return keys.size() <= std::numeric_limits<std::uint32_t>::max() ? rank_rows<std::uint32_t>(keys)
                                                                    : rank_rows<std::uint64_t>(keys);
}

/// A code as an unsigned number of the same order.
template <class T>
std::uint64_t ordered_bits(T v) {
    if constexpr (std::is_signed_v<T>)
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(v)) ^ (std::uint64_t{1} << 63);
    else
        return static_cast<std::uint64_t>(v);
}

/// A wide column's rows as ranks of their codes, missing rows taking the rank after every code;
/// returns the number of ranks.
template <class T>
std::uint64_t rank_column(std::span<const T> codes, std::optional<T> missing, std::vector<std::uint64_t>& slots) {
    slots.resize(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) slots[i] = ordered_bits(codes[i]);
    const std::uint64_t ranks = rank_in_place(slots);
    if (!missing) return ranks;
    const auto first_missing = std::find(codes.begin(), codes.end(), *missing);
    if (first_missing == codes.end()) return ranks;
    // Move the missing code's rank from its place among the codes to the end.
    const std::uint64_t missing_rank = slots[static_cast<std::size_t>(first_missing - codes.begin())];
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i] == *missing)
            slots[i] = ranks - 1;
        else if (slots[i] > missing_rank)
            --slots[i];
    }
    return ranks;
}

std::int64_t code_at(const code_column& column, std::size_t row) {
    return std::visit([row](const auto& view) { return static_cast<std::int64_t>(view[row]); }, column.codes);
}

/// Every possible key's count (and, with weights, whether any row holds it): each of `parts` threads
/// counts its slice of rows into a table of its own, and the tables are summed.
struct cell_counts {
    std::vector<std::int64_t> counts;
    std::vector<std::uint8_t> present;  // with weights only: a key can be present with count 0
};

cell_counts count_cells(std::span<const code_column> columns, const std::vector<code_range>& ranges,
                        std::uint64_t entries, std::size_t n, unsigned parts, std::span<const std::int64_t> weights) {
    parts = static_cast<unsigned>(std::clamp<std::uint64_t>(n / std::max(entries, min_dense_entries), 1, parts));
    const bool weighted = !weights.empty();
    std::vector<std::vector<std::int64_t>> tables(parts);
    std::vector<std::vector<std::uint8_t>> present(weighted ? parts : 0);
    detail::parallel_slices(n, parts, [&](std::size_t begin, std::size_t end, unsigned part) {
        auto& table = tables[part];
        table.assign(entries, 0);  // allocated by the thread that uses it
        if (weighted) present[part].assign(entries, 0);
        std::vector<std::uint32_t> keys(chunk_rows);
        for (std::size_t first = begin; first < end; first += chunk_rows) {
            const std::span<std::uint32_t> chunk(keys.data(), std::min(chunk_rows, end - first));
            std::fill(chunk.begin(), chunk.end(), 0u);
            for (std::size_t j = 0; j < columns.size(); ++j)
                std::visit([&](const auto& view) {
                    using T = typename std::decay_t<decltype(view)>::value_type;
                    fold<std::uint32_t, T>(view, first, chunk, ranges[j], missing_as<T>(columns[j]));
                }, columns[j].codes);
            if (weighted) {
                for (std::size_t i = 0; i < chunk.size(); ++i) {
                    table[chunk[i]] += weights[first + i];
                    present[part][chunk[i]] = 1;
                }
            } else {
                for (const std::uint32_t k : chunk) ++table[k];
            }
        }
    });
    cell_counts total{std::move(tables[0]), weighted ? std::move(present[0]) : std::vector<std::uint8_t>{}};
    for (unsigned p = 1; p < parts; ++p) {
        for (std::uint64_t e = 0; e < entries; ++e) total.counts[e] += tables[p][e];
        if (weighted)
            for (std::uint64_t e = 0; e < entries; ++e) total.present[e] |= present[p][e];
    }
    return total;
}

tabulation dense_count(std::span<const code_column> columns, const std::vector<code_range>& ranges,
                       std::uint64_t entries, std::size_t n, unsigned threads, std::span<const std::int64_t> weights) {
    const cell_counts cells = count_cells(columns, ranges, entries, n, threads, weights);
    const bool weighted = !weights.empty();
    const auto is_group = [&](std::uint64_t e) { return weighted ? cells.present[e] != 0 : cells.counts[e] != 0; };

    tabulation out;
    std::size_t groups = 0;
    for (std::uint64_t e = 0; e < entries; ++e) groups += is_group(e) ? 1 : 0;
    out.codes.assign(columns.size(), std::vector<std::int64_t>(groups));
    out.counts.reserve(groups);
    // The key's slots, last column fastest, advanced as an odometer (no division per group).
    std::vector<std::uint64_t> slots(columns.size(), 0);
    for (std::uint64_t e = 0; e < entries; ++e) {
        if (is_group(e)) {
            const std::size_t g = out.counts.size();
            out.counts.push_back(cells.counts[e]);
            for (std::size_t j = 0; j < columns.size(); ++j)
                out.codes[j][g] = ranges[j].has_missing && slots[j] == ranges[j].missing_slot()
                                      ? *columns[j].missing_code
                                      : static_cast<std::int64_t>(static_cast<std::uint64_t>(ranges[j].min) + slots[j]);
        }
        for (std::size_t j = columns.size(); j-- > 0;) {
            if (++slots[j] < ranges[j].radix()) break;
            slots[j] = 0;
        }
    }
    return out;
}

tabulation sparse_count(std::span<const code_column> columns, const std::vector<code_range>& ranges, std::size_t n,
                        std::span<const std::int64_t> weights) {
    std::vector<std::uint64_t> keys(n, 0);
    std::uint64_t key_slots = 1;  // keys lie in [0, key_slots)
    std::vector<std::uint64_t> ranked;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const bool dense = ranges[j].dense();
        std::uint64_t radix = ranges[j].radix();
        if (!dense)
            radix = std::visit([&](const auto& view) {
                using T = typename std::decay_t<decltype(view)>::value_type;
                return rank_column<T>(view, missing_as<T>(columns[j]), ranked);
            }, columns[j].codes);
        if (key_slots > std::numeric_limits<std::uint64_t>::max() / radix) {
            key_slots = rank_in_place(keys);
            if (key_slots > std::numeric_limits<std::uint64_t>::max() / radix)
                throw domain_error("columns", "too many distinct key combinations to count (over 2^64)");
        }
        if (dense) {
            std::visit([&](const auto& view) {
                using T = typename std::decay_t<decltype(view)>::value_type;
                fold<std::uint64_t, T>(view, 0, std::span<std::uint64_t>(keys), ranges[j], missing_as<T>(columns[j]));
            }, columns[j].codes);
        } else {
            for (std::size_t i = 0; i < n; ++i) keys[i] = keys[i] * radix + ranked[i];
        }
        key_slots *= radix;
    }
    // Keys (ranks, when ranked) follow the columns' code order. Count them in a table of every key
    // when that is no longer than the rows; each group takes its codes from its first row.
    if (key_slots > n) key_slots = rank_in_place(keys);
    constexpr std::size_t unseen = std::numeric_limits<std::size_t>::max();
    std::vector<std::int64_t> counts(key_slots, 0);
    std::vector<std::size_t> first_row(key_slots, unseen);
    for (std::size_t i = 0; i < n; ++i) {
        counts[keys[i]] += weights.empty() ? 1 : weights[i];
        if (first_row[keys[i]] == unseen) first_row[keys[i]] = i;
    }
    std::vector<std::size_t> group_rows;
    tabulation out;
    for (std::uint64_t k = 0; k < key_slots; ++k) {
        if (first_row[k] == unseen) continue;
        out.counts.push_back(counts[k]);
        group_rows.push_back(first_row[k]);
    }
    out.codes.assign(columns.size(), std::vector<std::int64_t>(group_rows.size()));
    for (std::size_t j = 0; j < columns.size(); ++j)
        for (std::size_t g = 0; g < group_rows.size(); ++g) out.codes[j][g] = code_at(columns[j], group_rows[g]);
    return out;
}

/// The rows every column has; throws domain_error without columns, validation_error naming a column of
/// another length.
std::size_t common_rows(std::span<const code_column> columns) {
    if (columns.empty()) throw domain_error("columns", "at least one column is needed to tabulate by");
    const std::size_t n = columns[0].size();
    for (const auto& column : columns)
        if (column.size() != n)
            throw validation_error("has " + std::to_string(column.size()) + " rows but column '" +
                                       columns[0].name + "' has " + std::to_string(n),
                                   column.name);
    return n;
}

/// Each column's code range over its `n` rows, in parallel slices.
std::vector<code_range> code_ranges(std::span<const code_column> columns, std::size_t n, unsigned threads) {
    const unsigned parts = static_cast<unsigned>(std::clamp<std::size_t>(n / (chunk_rows * 16), 1, threads));
    std::vector<std::vector<code_range>> partial(parts, std::vector<code_range>(columns.size()));
    detail::parallel_slices(n, parts, [&](std::size_t begin, std::size_t end, unsigned part) {
        for (std::size_t j = 0; j < columns.size(); ++j)
            partial[part][j] = std::visit([&](const auto& view) {
                using T = typename std::decay_t<decltype(view)>::value_type;
                return range_of<T>(view.subspan(begin, end - begin), missing_as<T>(columns[j]));
            }, columns[j].codes);
    });
    std::vector<code_range> ranges(columns.size());
    for (const auto& slice : partial)
        for (std::size_t j = 0; j < columns.size(); ++j) ranges[j].merge(slice[j]);
    return ranges;
}

/// Per-thread tables of `entries` counts, as many as fit in half the input's bytes (at least one):
/// counting must not need more memory than the columns it counts.
unsigned tables_that_fit(std::span<const code_column> columns, std::uint64_t entries, unsigned threads) {
    std::uint64_t input_bytes = 0;
    for (const auto& column : columns)
        input_bytes += std::visit([](const auto& view) { return view.size_bytes(); }, column.codes);
    const std::uint64_t table_bytes = entries * sizeof(std::int64_t);
    return static_cast<unsigned>(std::clamp<std::uint64_t>(input_bytes / 2 / table_bytes, 1, threads));
}

}  // namespace

tabulation tabulate(std::span<const code_column> columns, const batch_options& run) {
    return tabulate(columns, {}, run);
}

tabulation tabulate(std::span<const code_column> columns, std::span<const std::int64_t> weights,
                    const batch_options& run) {
    const std::size_t n = common_rows(columns);
    if (!weights.empty()) {
        if (weights.size() != n)
            throw validation_error("has " + std::to_string(weights.size()) + " values but column '" +
                                       columns[0].name + "' has " + std::to_string(n) + " rows",
                                   "weights");
        const auto negative = std::find_if(weights.begin(), weights.end(), [](std::int64_t w) { return w < 0; });
        if (negative != weights.end())
            throw domain_error("weights", "must not be negative",
                               static_cast<std::size_t>(negative - weights.begin()));
    }
    const unsigned threads = run.threads ? run.threads : detail::pool_threads();
    if (n == 0) {
        tabulation empty;
        empty.codes.assign(columns.size(), {});
        return empty;
    }
    const std::vector<code_range> ranges = code_ranges(columns, n, threads);

    // Count densely when the table of every possible key is at most twice the rows (else mostly
    // empty; the sorting path then costs less time, though more memory per row).
    const std::uint64_t dense_limit =
        std::min(max_dense_entries, std::max<std::uint64_t>(min_dense_entries, 2 * std::uint64_t{n}));
    std::uint64_t entries = 1;
    bool dense = true;
    for (const auto& r : ranges) {
        if (!r.dense() || entries > dense_limit / r.radix()) {
            dense = false;
            break;
        }
        entries *= r.radix();
    }
    if (!dense) return sparse_count(columns, ranges, n, weights);
    return dense_count(columns, ranges, entries, n, tables_that_fit(columns, entries, threads), weights);
}

std::vector<std::int64_t> tabulate_dense(std::span<const code_column> columns, std::span<const std::uint64_t> cells,
                                         const batch_options& run) {
    const std::size_t n = common_rows(columns);
    if (cells.size() != columns.size())
        throw validation_error("has " + std::to_string(cells.size()) + " axes for " + std::to_string(columns.size()) +
                                   " columns",
                               "cells");
    std::uint64_t entries = 1;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        if (cells[j] == 0 || cells[j] > max_dense_span)
            throw domain_error("cells", "must be from 1 to 2^32 per column", j);
        if (entries > std::numeric_limits<std::uint32_t>::max() / cells[j])
            throw domain_error("cells", "must multiply to fewer than 2^32 cells");
        entries *= cells[j];
    }
    const unsigned threads = run.threads ? run.threads : detail::pool_threads();
    if (n == 0) return std::vector<std::int64_t>(entries, 0);
    std::vector<code_range> ranges = code_ranges(columns, n, threads);
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const auto last = static_cast<std::int64_t>(cells[j]) - 2;  // the last cell is the missing value's
        if (ranges[j].any_present() && (ranges[j].min < 0 || ranges[j].max > last)) {
            const std::int64_t bad = ranges[j].min < 0 ? ranges[j].min : ranges[j].max;
            std::size_t row = 0;
            while (code_at(columns[j], row) != bad) ++row;
            throw domain_error(columns[j].name, "has a code outside 0.." + std::to_string(last), row);
        }
        // Cells for every code from 0, then the missing value's, whichever codes are present.
        ranges[j].min = 0;
        ranges[j].max = last;
        ranges[j].has_missing = true;
    }
    return count_cells(columns, ranges, entries, n, tables_that_fit(columns, entries, threads), {}).counts;
}

}  // namespace tipstats
