#include <tipstats/model/series.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace tipstats {
namespace {

period enclosing(const period& p, period_kind to) {
    const int year = p.start().year();
    const int month = p.start().month();
    switch (to) {
        case period_kind::year: return period::year(year);
        case period_kind::half: return period::half(year, (month - 1) / 6 + 1);
        case period_kind::quarter: return period::quarter(year, (month - 1) / 3 + 1);
        case period_kind::month: return period::month(year, month);
        case period_kind::day:
        case period_kind::interval: break;
    }
    throw domain_error("to", "resample to 'year', 'half', 'quarter' or 'month', not '" +
                                 std::string(to_string(to)) + "'");
}

}  // namespace

series::series(std::string measure, std::string unit, std::vector<period> periods, std::vector<quantity> values)
    : series(std::move(measure), std::move(unit), periods, values, [&] {
          std::vector<bounds> bounds;
          for (const auto& v : values) bounds.push_back(v.bounds(unit == "count"));
          return bounds;
      }()) {}

series::series(std::string measure, std::string unit, std::vector<period> periods, std::vector<quantity> values,
               std::vector<bounds> bounds)
    : measure_(std::move(measure)), unit_(std::move(unit)) {
    if (values.size() != periods.size() || bounds.size() != periods.size())
        throw validation_error("a series needs one value and one bound per period", "values");
    std::vector<std::size_t> order(periods.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return periods[a] < periods[b]; });
    for (auto i : order) {
        periods_.push_back(periods[i]);
        values_.push_back(values[i]);
        numbers_.push_back(values[i].value_or_nan());
        lower_.push_back(bounds[i].lower);
        upper_.push_back(bounds[i].upper);
        const bool unbounded = bounds[i].lower == 0 && std::isinf(bounds[i].upper);
        censored_.push_back(!values[i].is_exact() && !unbounded ? 1 : 0);
        x_.push_back(decimal_midpoint(periods[i]));
    }
}

double series::decimal_midpoint(const period& p) {
    const double middle = (static_cast<double>(p.start().days_since_epoch()) + static_cast<double>(p.end().days_since_epoch())) / 2.0;
    // The year the midpoint falls in; half a day added so a whole year's midpoint is exactly .5.
    const date mid_day = p.start() + (p.end() - p.start()) / 2;
    const int year = mid_day.year();
    const double first = static_cast<double>(date(year, 1, 1).days_since_epoch());
    const double length = static_cast<double>(period::year(year).days());
    return year + (middle - first + 0.5) / length;
}

quantity series::sum() const {
    bounds total{0, 0};
    for (std::size_t i = 0; i < size(); ++i) {
        total.lower += lower_[i];
        total.upper += upper_[i];
    }
    return quantity::from_bounds(total, unit_ == "count");
}

series::year_on_year series::same_period_last_year() const {
    year_on_year out;
    for (std::size_t i = 0; i < size(); ++i) {
        const period previous = periods_[i].shift(-1);
        out.periods.push_back(periods_[i]);
        out.values.push_back(values_[i]);
        out.previous_periods.push_back(previous);
        const auto it = std::find(periods_.begin(), periods_.end(), previous);
        out.previous_values.push_back(it == periods_.end() ? quantity::missing()
                                                           : values_[static_cast<std::size_t>(it - periods_.begin())]);
    }
    return out;
}

series::resampled series::resample(period_kind to) const {
    std::map<std::pair<long, long>, std::vector<std::size_t>> members;
    std::vector<period> targets;
    for (std::size_t i = 0; i < size(); ++i) {
        const period target = enclosing(periods_[i], to);
        const std::pair<long, long> key{static_cast<long>(target.start().days_since_epoch()),
                                        static_cast<long>(target.end().days_since_epoch())};
        auto [it, inserted] = members.try_emplace(key);
        if (inserted) targets.push_back(target);
        it->second.push_back(i);
    }
    resampled out;
    std::vector<period> periods;
    std::vector<quantity> values;
    std::vector<bounds> value_bounds;
    for (const auto& target : targets) {
        const auto& rows = members[{static_cast<long>(target.start().days_since_epoch()),
                                    static_cast<long>(target.end().days_since_epoch())}];
        // A figure for the whole coarser period is taken as published.
        const auto whole = std::find_if(rows.begin(), rows.end(), [&](auto r) { return periods_[r] == target; });
        if (whole != rows.end()) {
            periods.push_back(target);
            values.push_back(values_[*whole]);
            value_bounds.push_back({lower_[*whole], upper_[*whole]});
            continue;
        }
        long covered = 0;
        bool disjoint = true, inside = true;
        for (std::size_t a = 0; a < rows.size(); ++a) {
            covered += periods_[rows[a]].days();
            inside = inside && target.contains(periods_[rows[a]]);
            for (std::size_t b = a + 1; b < rows.size(); ++b)
                disjoint = disjoint && !periods_[rows[a]].overlaps(periods_[rows[b]]);
        }
        if (!disjoint || !inside || covered != target.days()) {
            out.incomplete.push_back(target);
            continue;
        }
        bounds sum{0, 0};
        bool exact = true;
        for (auto r : rows) {
            sum.lower += lower_[r];
            sum.upper += upper_[r];
            exact = exact && values_[r].is_exact();
        }
        periods.push_back(target);
        values.push_back(exact ? quantity::exact(sum.lower) : quantity::missing());
        value_bounds.push_back(sum);
    }
    out.series = series(measure_, unit_, std::move(periods), std::move(values), std::move(value_bounds));
    return out;
}

}  // namespace tipstats
