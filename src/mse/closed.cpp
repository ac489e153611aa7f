#include <tipstats/error.hpp>
#include <tipstats/mse/closed.hpp>

#include "model.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/roots.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace tipstats::mse {
namespace {

enum class heterogeneity { none, chao, poisson2, darroch, gamma35 };

struct model_spec {
    bool time_effects = false;  ///< one column per list (Mt, Mth) rather than the number of captures (M0, Mh)
    heterogeneity h = heterogeneity::none;
};

model_spec spec_of(closed_model m) {
    switch (m) {
        case closed_model::m0: return {false, heterogeneity::none};
        case closed_model::mt: return {true, heterogeneity::none};
        case closed_model::mh_chao: return {false, heterogeneity::chao};
        case closed_model::mh_poisson2: return {false, heterogeneity::poisson2};
        case closed_model::mh_darroch: return {false, heterogeneity::darroch};
        case closed_model::mh_gamma35: return {false, heterogeneity::gamma35};
        case closed_model::mth_chao: return {true, heterogeneity::chao};
        case closed_model::mth_poisson2: return {true, heterogeneity::poisson2};
        case closed_model::mth_darroch: return {true, heterogeneity::darroch};
        case closed_model::mth_gamma35: return {true, heterogeneity::gamma35};
    }
    return {};
}

constexpr closed_model all_models[] = {
    closed_model::m0,          closed_model::mt,           closed_model::mh_chao,     closed_model::mh_poisson2,
    closed_model::mh_darroch,  closed_model::mh_gamma35,   closed_model::mth_chao,    closed_model::mth_poisson2,
    closed_model::mth_darroch, closed_model::mth_gamma35};

constexpr const char* short_names[] = {"M0", "Mt", "MhC", "MhP", "MhD", "MhG", "MthC", "MthP", "MthD", "MthG"};

// The design of a model over the histories 1 .. 2^t - 1 (Rcapture's Xclosedp): intercept, then the
// number of captures (beta) or one column per list (beta1..betat), then the heterogeneity columns.
struct closed_design {
    Eigen::MatrixXd X;
    std::vector<std::string> names;
    std::size_t fixed_columns = 0;  ///< columns not modelling heterogeneity, intercept included (Rcapture's nca)
};

closed_design design_of(std::size_t t, model_spec s) {
    const std::size_t rows = (std::size_t{1} << t) - 1;
    closed_design d;
    d.names.push_back("(Intercept)");
    if (s.time_effects)
        for (std::size_t i = 0; i < t; ++i) d.names.push_back("beta" + std::to_string(i + 1));
    else
        d.names.push_back("beta");
    d.fixed_columns = d.names.size();
    if (s.h == heterogeneity::chao)
        for (std::size_t j = 3; j <= t; ++j) d.names.push_back("eta" + std::to_string(j));
    else if (s.h != heterogeneity::none)
        d.names.push_back("tau");
    d.X = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(d.names.size()));
    for (std::size_t r = 0; r < rows; ++r) {
        const pattern cell = static_cast<pattern>(r + 1);
        const double captures = std::popcount(cell);
        const auto row = static_cast<Eigen::Index>(r);
        Eigen::Index col = 0;
        d.X(row, col++) = 1;
        if (s.time_effects)
            for (std::size_t i = 0; i < t; ++i) d.X(row, col++) = (cell >> i) & 1u;
        else
            d.X(row, col++) = captures;
        switch (s.h) {
            case heterogeneity::none: break;
            case heterogeneity::chao:
                for (std::size_t j = 3; j <= t; ++j) d.X(row, col++) = std::max(captures - static_cast<double>(j) + 1, 0.0);
                break;
            case heterogeneity::poisson2: d.X(row, col++) = std::pow(2.0, captures) - 1; break;
            case heterogeneity::darroch: d.X(row, col++) = captures * captures / 2; break;
            case heterogeneity::gamma35: d.X(row, col++) = -std::log(3.5 + captures) + std::log(3.5); break;
        }
    }
    return d;
}

// Keeps the columns that add to the rank, in order (R's glm reports the others as aliased, NA).
closed_design full_rank(closed_design d) {
    std::vector<Eigen::Index> keep;
    for (Eigen::Index c = 0; c < d.X.cols(); ++c) {
        keep.push_back(c);
        Eigen::MatrixXd trial(d.X.rows(), static_cast<Eigen::Index>(keep.size()));
        for (std::size_t i = 0; i < keep.size(); ++i) trial.col(static_cast<Eigen::Index>(i)) = d.X.col(keep[i]);
        if (detail::rank_of(trial) < keep.size()) keep.pop_back();
    }
    if (static_cast<Eigen::Index>(keep.size()) == d.X.cols()) return d;
    closed_design out;
    out.X.resize(d.X.rows(), static_cast<Eigen::Index>(keep.size()));
    for (std::size_t i = 0; i < keep.size(); ++i) {
        out.X.col(static_cast<Eigen::Index>(i)) = d.X.col(keep[i]);
        out.names.push_back(d.names[static_cast<std::size_t>(keep[i])]);
        if (keep[i] < static_cast<Eigen::Index>(d.fixed_columns)) ++out.fixed_columns;
    }
    return out;
}

closed_design without_column(const closed_design& d, Eigen::Index c) {
    closed_design out = d;
    out.X.resize(d.X.rows(), d.X.cols() - 1);
    out.X << d.X.leftCols(c), d.X.rightCols(d.X.cols() - c - 1);
    out.names.erase(out.names.begin() + c);
    return out;
}

struct chao_fit {
    detail::poisson_fit fit;
    closed_design design;
    std::vector<std::string> removed;
};

// The coefficients R's glm.fit reaches for a Poisson model whose estimate does not exist: IRLS from
// mu = y + 0.1 until the deviance changes by less than 1e-8 relative, at most 25 iterations. Only
// their signs are used, to find the negative eta that Rcapture removes; the diverging ones are far
// from zero by then.
Eigen::VectorXd r_glm_coefficients(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
    Eigen::VectorXd mu = y.array() + 0.1;
    Eigen::VectorXd eta = mu.array().log();
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(X.cols());
    double previous = std::numeric_limits<double>::infinity();
    for (int iteration = 0; iteration < 25; ++iteration) {
        const Eigen::VectorXd z = eta.array() + (y - mu).array() / mu.array();
        const Eigen::MatrixXd info = X.transpose() * mu.asDiagonal() * X;
        beta = info.ldlt().solve(X.transpose() * (mu.array() * z.array()).matrix());
        eta = X * beta;
        mu = eta.array().exp();
        double deviance = 0;
        for (Eigen::Index i = 0; i < y.size(); ++i)
            deviance += 2 * ((y(i) > 0 ? y(i) * std::log(y(i) / mu(i)) : 0.0) - (y(i) - mu(i)));
        if (std::abs(deviance - previous) / (std::abs(deviance) + 0.1) < 1e-8) break;
        previous = deviance;
    }
    return beta;
}

// Fits the design; for Chao's models, removes the first negative eta and refits until none is
// negative (Rcapture's Chao.neg). A Chao model whose estimate does not exist has an eta going to
// minus infinity: its sign is read from R's iterations so that the same eta is removed. Throws
// domain_error when the estimate does not exist (after the removals).
chao_fit fit_design(closed_design d, const Eigen::VectorXd& y, bool chao) {
    chao_fit out;
    for (;;) {
        d = full_rank(std::move(d));
        const bool exists = detail::estimate_exists(d.X, y);
        if (!exists && !chao)
            throw domain_error("table", "the maximum likelihood estimate does not exist (linear programming check)");
        Eigen::VectorXd beta;
        if (exists) {
            out.fit = detail::fit_poisson(d.X, y);
            beta = out.fit.beta;
        } else {
            beta = r_glm_coefficients(d.X, y);
        }
        Eigen::Index negative = -1;
        if (chao)
            for (Eigen::Index c = static_cast<Eigen::Index>(d.fixed_columns); c < d.X.cols(); ++c)
                if (beta(c) < 0) {
                    negative = c;
                    break;
                }
        if (negative < 0) {
            if (!exists)
                throw domain_error("table", "the maximum likelihood estimate does not exist (linear programming check)");
            break;
        }
        out.removed.push_back(d.names[static_cast<std::size_t>(negative)]);
        d = without_column(d, negative);
    }
    out.design = std::move(d);
    return out;
}

Eigen::VectorXd history_counts(const capture_table& table) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(table.cells() - 1));
    for (std::size_t c = 1; c < table.cells(); ++c) y(static_cast<Eigen::Index>(c - 1)) = table.counts()[c];
    return y;
}

void check_lists(const capture_table& table, closed_model m) {
    if (table.size() < 3 && spec_of(m).h != heterogeneity::none)
        throw domain_error("model", std::string(to_string(m)) + " needs at least 3 lists (Rcapture fits only M0 and Mt to 2)");
}

// Cormack's (1992) correction of the Poisson deviance to the multinomial likelihood,
// log(n0^n0 N! / (N^N n0!)), computed exactly with log-gamma. (Rcapture switches to Stirling's
// formula above 100 people, whose n0! term is far off for n0 below a few people and even tends to
// infinity as n0 -> 0 between its special cases n0 = 0 and 1; the difference elsewhere is about
// 1 / (12 n0) in the log-likelihood.)
double cormack_correction(double n0, double N) {
    const double n0_log_n0 = n0 > 0 ? n0 * std::log(n0) : 0.0;
    return n0_log_n0 + detail::log_gamma(N + 1) - N * std::log(N) - detail::log_gamma(n0 + 1);
}

}  // namespace

std::string_view to_string(closed_model m) {
    switch (m) {
        case closed_model::m0: return "M0";
        case closed_model::mt: return "Mt";
        case closed_model::mh_chao: return "Mh Chao (LB)";
        case closed_model::mh_poisson2: return "Mh Poisson2";
        case closed_model::mh_darroch: return "Mh Darroch";
        case closed_model::mh_gamma35: return "Mh Gamma3.5";
        case closed_model::mth_chao: return "Mth Chao (LB)";
        case closed_model::mth_poisson2: return "Mth Poisson2";
        case closed_model::mth_darroch: return "Mth Darroch";
        case closed_model::mth_gamma35: return "Mth Gamma3.5";
    }
    return "M0";
}

closed_model closed_model_from_string(std::string_view name) {
    for (std::size_t i = 0; i < std::size(all_models); ++i)
        if (name == to_string(all_models[i]) || name == short_names[i]) return all_models[i];
    std::string known;
    for (closed_model m : all_models) known.append(known.empty() ? "'" : ", '").append(to_string(m)).append("'");
    throw domain_error("model", "must be one of " + known + " (or Rcapture's short names MhC, MthP, ...), got '" +
                                    std::string(name) + "'");
}

closed_fit fit_closed(const capture_table& table, closed_model model) {
    check_lists(table, model);
    const model_spec s = spec_of(model);
    const Eigen::VectorXd y = history_counts(table);
    closed_fit out;
    out.model = model;
    chao_fit f;
    try {
        f = fit_design(design_of(table.size(), s), y, s.h == heterogeneity::chao);
    } catch (const domain_error&) {
        out.note = "no finite estimate: the maximum likelihood estimate does not exist on this table";
        return out;
    } catch (const error& e) {
        out.note = std::string("no estimate: ") + e.what();
        return out;
    }
    const double n = table.observed();
    const double b0 = f.fit.beta(0), var_b0 = f.fit.covariance(0, 0);
    const double rank = static_cast<double>(f.design.X.cols());
    out.fitted = true;
    out.abundance = n + std::exp(b0);
    out.stderr_abundance = std::sqrt(std::exp(b0) + std::exp(2 * b0) * var_b0);
    out.deviance = f.fit.deviance;
    out.df = static_cast<std::size_t>(y.size() - f.design.X.cols());
    out.aic = -2 * f.fit.log_likelihood + 2 * rank;
    out.bic = -2 * f.fit.log_likelihood + std::log(n) * rank;
    out.parameters = f.design.names;
    out.coefficients.assign(f.fit.beta.data(), f.fit.beta.data() + f.fit.beta.size());
    out.removed_etas = f.removed;
    for (const auto& eta : f.removed) out.note.append(out.note.empty() ? "" : "; ").append(eta + " < 0 set to 0");
    return out;
}

std::vector<closed_fit> closed_models(const capture_table& table) {
    std::vector<closed_fit> out;
    for (closed_model m : all_models)
        if (table.size() >= 3 || spec_of(m).h == heterogeneity::none) out.push_back(fit_closed(table, m));
    return out;
}

double profile_log_likelihood(const capture_table& table, closed_model model, double N) {
    check_lists(table, model);
    const double n = table.observed();
    if (!(N >= n) || !std::isfinite(N))
        throw domain_error("N", "the population cannot be smaller than the " + std::to_string(static_cast<long long>(n)) +
                                    " people observed");
    const model_spec s = spec_of(model);
    const closed_design d = design_of(table.size(), s);
    // The people on no list join as one more history, described by the intercept alone.
    closed_design augmented = d;
    augmented.X = Eigen::MatrixXd::Zero(d.X.rows() + 1, d.X.cols());
    augmented.X.topRows(d.X.rows()) = d.X;
    augmented.X(d.X.rows(), 0) = 1;
    Eigen::VectorXd y(d.X.rows() + 1);
    y.head(d.X.rows()) = history_counts(table);
    const double n0 = N - n;
    y(d.X.rows()) = n0;
    const auto f = fit_design(augmented, y, s.h == heterogeneity::chao);
    return -(f.fit.deviance - 2 * cormack_correction(n0, N)) / 2;
}

profile_interval_result profile_interval(const capture_table& table, closed_model model, double level) {
    if (!(level > 0 && level < 1)) throw domain_error("level", "must lie strictly between 0 and 1");
    const closed_fit poisson = fit_closed(table, model);
    if (!poisson.fitted) throw domain_error("model", std::string(to_string(model)) + ": " + poisson.note);
    profile_interval_result r;
    r.model = model;
    r.level = level;
    r.poisson_abundance = poisson.abundance;
    const double n = table.observed();
    const auto loglik = [&](double N) { return profile_log_likelihood(table, model, N); };

    // The maximum over (n, 1.5 N), as Rcapture's optimize (the multinomial estimate lies below the Poisson one).
    const auto best = boost::math::tools::brent_find_minima([&](double N) { return -loglik(N); }, n,
                                                            1.5 * poisson.abundance, std::numeric_limits<double>::digits / 2);
    r.abundance = best.first;
    r.max_log_likelihood = -best.second;
    const double cut = r.max_log_likelihood - boost::math::quantile(boost::math::chi_squared(1), level) / 2;
    const auto above_cut = [&](double N) { return loglik(N) - cut; };
    const auto tolerance = boost::math::tools::eps_tolerance<double>(std::numeric_limits<double>::digits - 6);

    if (above_cut(n) >= 0) {
        r.ci.lower = n;
        r.lower_at_observed = true;
    } else {
        std::uintmax_t iterations = 200;
        const auto root = boost::math::tools::toms748_solve(above_cut, n, r.abundance, tolerance, iterations);
        r.ci.lower = (root.first + root.second) / 2;
    }
    double from = r.abundance, to = 3 * poisson.abundance;
    while (above_cut(to) > 0) {
        if (to > 1e15) {
            r.ci.upper = std::numeric_limits<double>::infinity();
            return r;
        }
        from = to;
        to *= 2;
    }
    std::uintmax_t iterations = 200;
    const auto root = boost::math::tools::toms748_solve(above_cut, from, to, tolerance, iterations);
    r.ci.upper = (root.first + root.second) / 2;
    return r;
}

}  // namespace tipstats::mse
