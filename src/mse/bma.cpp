#include "../detail/parallel.hpp"
#include <tipstats/error.hpp>
#include <tipstats/mse/bma.hpp>

#include "model.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>

namespace tipstats::mse {
namespace {

bool decompose(std::size_t k, decomposable_graph& g) {
    std::vector<pattern> neighbours(k, 0);
    for (pattern e : g.edges) {
        const auto a = static_cast<std::size_t>(std::countr_zero(e));
        const auto b = static_cast<std::size_t>(31 - std::countl_zero(e));
        neighbours[a] |= pattern{1} << b;
        neighbours[b] |= pattern{1} << a;
    }
    std::vector<std::size_t> order;
    std::vector<pattern> earlier(k, 0);  // neighbours numbered before, by vertex
    pattern numbered = 0;
    for (std::size_t step = 0; step < k; ++step) {
        std::size_t best = k;
        int best_count = -1;
        for (std::size_t v = 0; v < k; ++v) {
            if (numbered & (pattern{1} << v)) continue;
            const int count = std::popcount(neighbours[v] & numbered);
            if (count > best_count) {
                best = v;
                best_count = count;
            }
        }
        earlier[best] = neighbours[best] & numbered;
        order.push_back(best);
        numbered |= pattern{1} << best;
    }
    for (std::size_t v = 0; v < k; ++v)
        for (std::size_t u = 0; u < k; ++u)
            if ((earlier[v] >> u & 1u) && ((earlier[v] & ~(pattern{1} << u)) & ~neighbours[u]) != 0) return false;
    // Cliques {v} + earlier(v) that no other contains, in the order of their vertex: a perfect sequence.
    std::vector<pattern> candidates;
    for (std::size_t v : order) candidates.push_back(earlier[v] | (pattern{1} << v));
    pattern covered = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        bool maximal = true;
        for (std::size_t j = 0; j < candidates.size() && maximal; ++j)
            if (j != i && (candidates[i] & candidates[j]) == candidates[i] && (candidates[i] != candidates[j] || j < i))
                maximal = false;
        if (!maximal) continue;
        const pattern separator = candidates[i] & covered;
        g.cliques.push_back(candidates[i]);
        if (separator != 0) g.separators.push_back(separator);
        covered |= candidates[i];
    }
    return true;
}

std::vector<decomposable_graph> enumerate_graphs(std::size_t k) {
    std::vector<pattern> pairs;
    for (std::size_t a = 0; a + 1 < k; ++a)
        for (std::size_t b = a + 1; b < k; ++b) pairs.push_back((pattern{1} << a) | (pattern{1} << b));
    std::vector<decomposable_graph> out;
    for (std::uint64_t set = 0; set < (std::uint64_t{1} << pairs.size()); ++set) {
        decomposable_graph g;
        for (std::size_t i = 0; i < pairs.size(); ++i)
            if (set >> i & 1u) g.edges.push_back(pairs[i]);
        if (decompose(k, g)) out.push_back(std::move(g));
    }
    return out;
}

const std::vector<decomposable_graph>& cached_graphs(std::size_t k) {
    static std::array<std::vector<decomposable_graph>, 7> graphs;
    static std::array<std::once_flag, 7> once;
    std::call_once(once[k], [k] { graphs[k] = enumerate_graphs(k); });
    return graphs[k];
}

}  // namespace

std::vector<decomposable_graph> decomposable_graphs(std::size_t k) {
    if (k < 1 || k > 6) throw domain_error("k", "decomposable graphs are enumerated for 1 to 6 lists, got " + std::to_string(k));
    return cached_graphs(k);
}

std::string clique_text(const decomposable_graph& graph, const std::vector<std::string>& lists) {
    // Cliques in a canonical order: by their lists, compared in table order.
    std::vector<std::vector<std::size_t>> members;
    for (pattern c : graph.cliques) {
        std::vector<std::size_t> m;
        for (std::size_t i = 0; i < lists.size(); ++i)
            if (c >> i & 1u) m.push_back(i);
        members.push_back(std::move(m));
    }
    std::sort(members.begin(), members.end());
    std::string out;
    for (const auto& m : members) {
        out += "[";
        for (std::size_t i = 0; i < m.size(); ++i) out.append(i ? "," : "").append(lists[m[i]]);
        out += "]";
    }
    return out;
}

namespace {

// The log-posterior pieces of every margin, as functions of the people on no list (dga's
// CompLogML, MakeCompMatrix and bma.cr), for one table, delta and prior.
struct posterior_terms {
    std::size_t k = 0, rows = 0;            // rows = 2^k - 1 margins S, row S - 1
    std::span<const double> missing, log_prior;
    double n = 0, beta = 0;                 // beta = n + 2^k delta
    double log_factorials = 0;
    std::vector<double> alpha, constant;    // per margin: people off it + its prior; its constant part

    // a_S(j): the margin's log marginal likelihood plus dga's denominator lgamma(2^k delta) - lgamma(N + 2^k delta).
    double margin(std::size_t row, std::size_t j) const {
        return constant[row] + detail::log_gamma(missing[j] + alpha[row]) - detail::log_gamma(missing[j] + beta);
    }
    // b(j): the multinomial coefficient and the log prior of N.
    double base(std::size_t j) const {
        const double N = missing[j] + n;
        return detail::log_gamma(N + 1) - log_factorials - detail::log_gamma(missing[j] + 1) + prior(j);
    }
    double prior(std::size_t j) const { return log_prior.empty() ? -std::log(missing[j] + n) : log_prior[j]; }
};

// Sum over a graph's cliques minus its separators of row values `at(row)`.
template <class At>
double graph_sum(const decomposable_graph& g, At&& at) {
    double s = 0;
    for (pattern c : g.cliques) s += at(c - 1);
    for (pattern c : g.separators) s -= at(c - 1);
    return s;
}

// The largest value of a function on [0, L] with f(0) = s0, f(L) = s1 and slopes in [l, u].
double bound_max(double s0, double s1, double l, double u, double L) {
    if (L == 0 || u <= 0) return std::max(s0, s1);
    if (l >= 0) return std::max(s0, s1);
    const double x = std::clamp((s1 - s0 - l * L) / (u - l), 0.0, L);
    return std::max({s0, s1, s0 + u * x});
}

// The smallest such value.
double bound_min(double s0, double s1, double l, double u, double L) {
    if (L == 0 || u <= 0 || l >= 0) return std::min(s0, s1);
    const double x = std::clamp((s1 - s0 - u * L) / (l - u), 0.0, L);
    return std::min({s0, s1, s0 + l * x});
}

}  // namespace

bma_result bma(const capture_table& table, std::span<const double> n_missing, const bma_options& options) {
    const std::size_t k = table.size();
    if (k < 3 || k > 6)
        throw domain_error("table", "model averaging over decomposable graphs takes 3 to 6 lists, got " + std::to_string(k));
    const std::size_t J = n_missing.size();
    if (J == 0) throw domain_error("n_missing", "needs at least one value");
    for (std::size_t j = 0; j < J; ++j) {
        if (!std::isfinite(n_missing[j]) || n_missing[j] < 0)
            throw domain_error("n_missing", "must be a finite number of people, at least 0", j);
        if (j > 0 && !(n_missing[j] > n_missing[j - 1])) throw domain_error("n_missing", "must be strictly increasing", j);
    }
    const double delta = options.delta == 0 ? std::ldexp(1.0, -static_cast<int>(k)) : options.delta;
    if (!(delta > 0) || !std::isfinite(delta)) throw domain_error("delta", "must be positive and finite");
    if (!options.log_prior.empty()) {
        if (options.log_prior.size() != J)
            throw domain_error("log_prior", "has " + std::to_string(options.log_prior.size()) + " values but n_missing has " +
                                                std::to_string(J));
        bool any_finite = false;
        for (std::size_t j = 0; j < J; ++j) {
            const double v = options.log_prior[j];
            if (std::isnan(v) || v == std::numeric_limits<double>::infinity())
                throw domain_error("log_prior", "must be a finite log-probability or -inf", j);
            any_finite = any_finite || std::isfinite(v);
        }
        if (!any_finite) throw domain_error("log_prior", "gives every value of n_missing probability 0");
    }

    const auto& graphs = cached_graphs(k);
    const std::size_t G = graphs.size(), cells = table.cells();
    const auto Y = table.counts();
    posterior_terms t;
    t.k = k;
    t.rows = cells - 1;
    t.missing = n_missing;
    t.log_prior = options.log_prior;
    t.n = table.observed();
    t.beta = t.n + static_cast<double>(cells) * delta;
    for (std::size_t c = 1; c < cells; ++c) t.log_factorials += detail::log_gamma(Y[c] + 1);
    for (std::size_t s = 1; s < cells; ++s) {
        const pattern S = static_cast<pattern>(s);
        const double cell_delta = delta * std::ldexp(1.0, static_cast<int>(k) - std::popcount(S));
        std::vector<double> margin(std::size_t{1} << std::popcount(S), 0.0);
        for (std::size_t c = 1; c < cells; ++c) {
            std::size_t m = 0, bit = 0;
            for (std::size_t i = 0; i < k; ++i)
                if (S >> i & 1u) m |= ((c >> i) & 1u) << bit++;
            margin[m] += Y[c];
        }
        double constant = detail::log_gamma(static_cast<double>(cells) * delta) - static_cast<double>(margin.size()) * detail::log_gamma(cell_delta);
        for (std::size_t m = 1; m < margin.size(); ++m) constant += detail::log_gamma(margin[m] + cell_delta);
        t.alpha.push_back(margin[0] + cell_delta);
        t.constant.push_back(constant);
    }

    // log p(graph, N_j | data) = sum over cliques of a_C(j) - over separators a_S(j) + b(j). The
    // values of N come in blocks. Within a block of consecutive whole values (and a finite prior)
    // the ratio of neighbouring likelihoods is rational, (N + alpha)/(N + beta) per margin (the
    // gamma function's recurrence), and each log-ratio is monotone in N: the slopes of a graph are
    // bounded from the block's ends, so is its largest value. Pairs (graph, block) that cannot come
    // within 60 of the largest value found (e^-60: below double precision of the total) are
    // skipped; the others are summed exactly, by multiplying the ratios from the block's larger
    // end. Other blocks are evaluated term by term.
    constexpr std::size_t block = 64;
    const std::size_t blocks = (J + block - 1) / block;
    constexpr double negligible = 60, underflow = 600;
    struct block_info {
        std::size_t first = 0, last = 0;  // inclusive
        bool unit = false;                // consecutive whole values, finite prior
        std::vector<double> a0, a1;       // margins at the ends
        double b0 = 0, b1 = 0;
        std::vector<double> slope_first, slope_last;  // log ratio of each margin at the first and last step
        double base_slope_min = 0, base_slope_max = 0;
    };
    std::vector<block_info> info(blocks);
    tipstats::detail::parallel_for(blocks, options.threads, [&](std::size_t b) {
        block_info& bi = info[b];
        bi.first = b * block;
        bi.last = std::min(J, bi.first + block) - 1;
        bi.unit = true;
        for (std::size_t j = bi.first; j <= bi.last; ++j) {
            if (j < bi.last && n_missing[j + 1] - n_missing[j] != 1) bi.unit = false;
            if (!std::isfinite(t.prior(j))) bi.unit = false;
        }
        bi.a0.resize(t.rows);
        bi.a1.resize(t.rows);
        for (std::size_t r = 0; r < t.rows; ++r) {
            bi.a0[r] = t.margin(r, bi.first);
            bi.a1[r] = t.margin(r, bi.last);
        }
        bi.b0 = t.base(bi.first);
        bi.b1 = t.base(bi.last);
        if (!bi.unit || bi.last == bi.first) return;
        bi.slope_first.resize(t.rows);
        bi.slope_last.resize(t.rows);
        const double N0 = n_missing[bi.first], N1 = n_missing[bi.last - 1];
        for (std::size_t r = 0; r < t.rows; ++r) {
            bi.slope_first[r] = std::log((N0 + t.alpha[r]) / (N0 + t.beta));
            bi.slope_last[r] = std::log((N1 + t.alpha[r]) / (N1 + t.beta));
        }
        // b's slope: log((N + n + 1) / (N + 1)) falls with N; the prior's steps are taken as they are.
        double prior_min = std::numeric_limits<double>::infinity(), prior_max = -prior_min;
        for (std::size_t j = bi.first; j < bi.last; ++j) {
            const double step = t.prior(j + 1) - t.prior(j);
            prior_min = std::min(prior_min, step);
            prior_max = std::max(prior_max, step);
        }
        bi.base_slope_max = std::log((N0 + t.n + 1) / (N0 + 1)) + prior_max;
        bi.base_slope_min = std::log((N1 + t.n + 1) / (N1 + 1)) + prior_min;
    }, 1);

    // Exact values of a block term by term: rows[r * len + i] for margin r, base[i].
    const auto exact_rows = [&](const block_info& bi, std::vector<double>& rows, std::vector<double>& base) {
        const std::size_t len = bi.last - bi.first + 1;
        rows.resize(t.rows * len);
        base.resize(len);
        for (std::size_t r = 0; r < t.rows; ++r)
            for (std::size_t i = 0; i < len; ++i) rows[r * len + i] = t.margin(r, bi.first + i);
        for (std::size_t i = 0; i < len; ++i) base[i] = t.base(bi.first + i);
    };
    const auto exact_values = [&](const decomposable_graph& g, const std::vector<double>& rows,
                                  const std::vector<double>& base, std::vector<double>& out) {
        const std::size_t len = base.size();
        out.assign(base.begin(), base.end());
        for (pattern c : g.cliques)
            for (std::size_t i = 0; i < len; ++i) out[i] += rows[(c - 1) * len + i];
        for (pattern c : g.separators)
            for (std::size_t i = 0; i < len; ++i) out[i] -= rows[(c - 1) * len + i];
    };
    struct pair_bounds {
        double s0, s1, hi, lo;
    };
    const auto bounds_of = [&](const decomposable_graph& g, const block_info& bi) {
        pair_bounds p;
        p.s0 = bi.b0 + graph_sum(g, [&](std::size_t r) { return bi.a0[r]; });
        p.s1 = bi.b1 + graph_sum(g, [&](std::size_t r) { return bi.a1[r]; });
        const double L = static_cast<double>(bi.last - bi.first);
        double u = bi.base_slope_max, l = bi.base_slope_min;
        for (pattern c : g.cliques) {
            u += bi.slope_last[c - 1];
            l += bi.slope_first[c - 1];
        }
        for (pattern c : g.separators) {
            u -= bi.slope_first[c - 1];
            l -= bi.slope_last[c - 1];
        }
        p.hi = bound_max(p.s0, p.s1, l, u, L);
        p.lo = bound_min(p.s0, p.s1, l, u, L);
        return p;
    };

    // Pass 1: the largest value attained that we know of (ends of unit blocks, every value of
    // the others): a lower bound of the maximum, the reference of the exponentials.
    std::vector<double> block_best(blocks, -std::numeric_limits<double>::infinity());
    tipstats::detail::parallel_for(blocks, options.threads, [&](std::size_t b) {
        const block_info& bi = info[b];
        double best = -std::numeric_limits<double>::infinity();
        if (bi.unit) {
            for (const auto& g : graphs) {
                const double s0 = bi.b0 + graph_sum(g, [&](std::size_t r) { return bi.a0[r]; });
                const double s1 = bi.b1 + graph_sum(g, [&](std::size_t r) { return bi.a1[r]; });
                best = std::max({best, s0, s1});
            }
        } else {
            std::vector<double> rows, base, values;
            exact_rows(bi, rows, base);
            for (const auto& g : graphs) {
                exact_values(g, rows, base, values);
                for (double v : values) best = std::max(best, v);
            }
        }
        block_best[b] = best;
    }, 1);
    const double reference = *std::max_element(block_best.begin(), block_best.end());
    if (!std::isfinite(reference)) throw domain_error("log_prior", "leaves no value of n_missing with a finite posterior");

    // Pass 2: the exact sums, by a fixed partition of the blocks (whatever the threads) whose
    // per-graph partial sums are added in order afterwards.
    std::vector<double> by_n(J, 0.0);
    const std::size_t slices = std::min<std::size_t>(blocks, 64);
    std::vector<std::vector<double>> slice_weights(slices, std::vector<double>(G, 0.0));
    tipstats::detail::parallel_for(slices, options.threads, [&](std::size_t slice) {
        std::vector<double>& weights = slice_weights[slice];
        std::vector<double> rows, base, values, ratio_up, ratio_down, factor, w, steps, level;
        std::vector<std::size_t> forward, backward, direct;
        std::vector<double> start_forward, start_backward;
        for (std::size_t b = slice * blocks / slices; b < (slice + 1) * blocks / slices; ++b) {
            const block_info& bi = info[b];
            const std::size_t len = bi.last - bi.first + 1;
            forward.clear();
            backward.clear();
            direct.clear();
            start_forward.clear();
            start_backward.clear();
            for (std::size_t gi = 0; gi < G; ++gi) {
                if (!bi.unit) {
                    direct.push_back(gi);
                    continue;
                }
                const auto p = bounds_of(graphs[gi], bi);
                if (p.hi < reference - negligible) continue;
                if (p.lo < reference - underflow) direct.push_back(gi);  // a range too wide for the ratios
                else if (p.s0 >= p.s1) {
                    forward.push_back(gi);
                    start_forward.push_back(p.s0);
                } else {
                    backward.push_back(gi);
                    start_backward.push_back(p.s1);
                }
            }
            if (!forward.empty() || !backward.empty()) {
                // ratio_up[r * len + i]: (N + alpha_r) / (N + beta) at step i (N to N + 1); ratio_down its inverse.
                ratio_up.resize(t.rows * len);
                ratio_down.resize(t.rows * len);
                factor.resize(len);
                for (std::size_t r = 0; r < t.rows; ++r)
                    for (std::size_t i = 0; i + 1 < len; ++i) {
                        const double N = n_missing[bi.first + i];
                        ratio_up[r * len + i] = (N + t.alpha[r]) / (N + t.beta);
                        ratio_down[r * len + i] = (N + t.beta) / (N + t.alpha[r]);
                    }
                for (std::size_t i = 0; i + 1 < len; ++i) {
                    const double N = n_missing[bi.first + i];
                    factor[i] = (N + t.n + 1) / (N + 1) * std::exp(t.prior(bi.first + i + 1) - t.prior(bi.first + i));
                }
            }
            // Each group's step ratios laid out by step then graph, so that the running products of
            // all its graphs advance together (steps[i * count + g]).
            const auto run = [&](const std::vector<std::size_t>& group, const std::vector<double>& starts, bool ahead) {
                const std::size_t count = group.size();
                if (count == 0) return;
                steps.resize((len - 1) * count);
                for (std::size_t g = 0; g < count; ++g) {
                    values.assign(factor.begin(), factor.begin() + static_cast<std::ptrdiff_t>(len - 1));
                    for (pattern c : graphs[group[g]].cliques)
                        for (std::size_t i = 0; i + 1 < len; ++i) values[i] *= ratio_up[(c - 1) * len + i];
                    for (pattern c : graphs[group[g]].separators)
                        for (std::size_t i = 0; i + 1 < len; ++i) values[i] *= ratio_down[(c - 1) * len + i];
                    for (std::size_t i = 0; i + 1 < len; ++i) steps[i * count + g] = ahead ? values[i] : 1 / values[i];
                }
                level.resize(count);
                w.assign(count, 0.0);
                for (std::size_t g = 0; g < count; ++g) level[g] = std::exp(starts[g] - reference);
                for (std::size_t n_step = 0; n_step < len; ++n_step) {
                    const std::size_t i = ahead ? n_step : len - 1 - n_step;
                    if (n_step > 0) {
                        const double* ratio = &steps[(ahead ? i - 1 : i) * count];
                        for (std::size_t g = 0; g < count; ++g) level[g] *= ratio[g];
                    }
                    double sum = 0;
                    for (std::size_t g = 0; g < count; ++g) {
                        sum += level[g];
                        w[g] += level[g];
                    }
                    by_n[bi.first + i] += sum;
                }
                for (std::size_t g = 0; g < count; ++g) weights[group[g]] += w[g];
            };
            run(forward, start_forward, true);
            run(backward, start_backward, false);
            for (std::size_t gi : direct) {
                if (rows.empty() || base.size() != len) exact_rows(bi, rows, base);
                exact_values(graphs[gi], rows, base, values);
                double sum = 0;
                for (std::size_t i = 0; i < len; ++i) {
                    const double v = std::exp(values[i] - reference);
                    by_n[bi.first + i] += v;
                    sum += v;
                }
                weights[gi] += sum;
            }
            rows.clear();
        }
    }, 1);

    bma_result r;
    r.n_missing.assign(n_missing.begin(), n_missing.end());
    r.graphs = graphs;
    r.delta = delta;
    r.observed = t.n;
    const double total = std::accumulate(by_n.begin(), by_n.end(), 0.0);
    r.posterior.resize(J);
    for (std::size_t j = 0; j < J; ++j) r.posterior[j] = by_n[j] / total;
    r.graph_weights.assign(G, 0.0);
    for (std::size_t g = 0; g < G; ++g) {
        double sum = 0;
        for (std::size_t slice = 0; slice < slices; ++slice) sum += slice_weights[slice][g];
        r.graph_weights[g] = sum / total;
    }
    return r;
}

}  // namespace tipstats::mse
