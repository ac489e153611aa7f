#pragma once
// One measure over time: the periods in time order with their values, as a trend analysis or a
// comparison with the same period last year needs them.

#include <tipstats/model/quantity.hpp>
#include <tipstats/time/period.hpp>

#include <string>
#include <vector>

namespace tipstats {

class series {
public:
    series() = default;
    /// Periods need not be sorted; they are put in time order. `integer` says whether values are
    /// counts (bounds of censored values are then whole numbers).
    series(std::string measure, std::string unit, std::vector<period> periods, std::vector<quantity> values);
    /// For aggregates whose bounds are known but not as a single censoring: values[i] is exact or
    /// missing, bounds[i] what it can be.
    series(std::string measure, std::string unit, std::vector<period> periods, std::vector<quantity> values,
           std::vector<bounds> bounds);

    const std::string& measure() const noexcept { return measure_; }
    const std::string& unit() const noexcept { return unit_; }
    std::size_t size() const noexcept { return periods_.size(); }
    const std::vector<period>& periods() const noexcept { return periods_; }
    const std::vector<quantity>& values() const noexcept { return values_; }
    /// Exact values, NaN where censored or missing.
    const std::vector<double>& numbers() const noexcept { return numbers_; }
    /// What each value can be (closed intervals; exact values have lower == upper).
    const std::vector<double>& lower() const noexcept { return lower_; }
    const std::vector<double>& upper() const noexcept { return upper_; }
    /// 1 where the value is known only by its bounds: published censored ("<5", ">1000"), or a sum
    /// with censored parts; else 0 (exact, or missing with no bounds).
    const std::vector<unsigned char>& censored() const noexcept { return censored_; }
    /// Each period's midpoint in decimal years (2019 -> 2019.5, 2019-H1 -> about 2019.25): the x of a trend.
    const std::vector<double>& x() const noexcept { return x_; }

    /// Each period beside the same period a year earlier (previous value missing when absent).
    struct year_on_year {
        std::vector<period> periods, previous_periods;
        std::vector<quantity> values, previous_values;
    };
    year_on_year same_period_last_year() const;

    /// Totals over coarser periods (year, half, quarter or month). A coarser period gets a value
    /// only where the series' periods inside it are disjoint and cover it fully (or it is itself in
    /// the series); the others are listed in `incomplete`, with no value.
    struct resampled;
    resampled resample(period_kind to) const;

    /// The total over the periods, as bounds when values are censored, ranges or missing (from
    /// quantity::from_bounds: exact when every value is). It does not check that the periods are
    /// disjoint: resample() does.
    quantity sum() const;

    /// Decimal-year midpoint of a period.
    static double decimal_midpoint(const period& p);

private:
    std::string measure_, unit_;
    std::vector<period> periods_;
    std::vector<quantity> values_;
    std::vector<double> numbers_, lower_, upper_, x_;
    std::vector<unsigned char> censored_;
};

struct series::resampled {
    tipstats::series series;
    std::vector<period> incomplete;
};

}  // namespace tipstats
