#include "catch.hpp"

#include <tipstats/tipstats.hpp>

#include <limits>
#include <sstream>
#include <string>
#include <version>
#if defined(__cpp_lib_format)
#include <format>
#endif

namespace {
template <class T>
std::string streamed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}
}  // namespace

TEST_CASE("time values print as they are written", "[text]") {
    CHECK(streamed(tipstats::date(2020, 2, 29)) == "2020-02-29");
    CHECK(streamed(tipstats::period::quarter(2019, 3)) == "2019-Q3");
    CHECK(streamed(tipstats::period::parse("2019-01/2019-06")) == "2019-01-01/2019-06-30");
    CHECK(streamed(tipstats::partial_date(2019, 6)) == "2019-06");
    CHECK(streamed(tipstats::partial_date(2019)) == "2019");
    CHECK(streamed(tipstats::age_band::from_label("15-17")) == "15-17");
    CHECK(streamed(tipstats::age_band::from_label("18+")) == "18+");
    CHECK(streamed(tipstats::age_band::all()) == "all");
}

TEST_CASE("intervals print their ends shortest round-trip", "[text]") {
    CHECK(streamed(tipstats::interval{0.1, 80}) == "[0.1, 80]");
    CHECK(streamed(tipstats::interval{-1e-7, std::numeric_limits<double>::infinity()}) == "[-1e-07, inf]");
}

TEST_CASE("enumerations print their words in every namespace", "[text]") {
    CHECK(streamed(tipstats::period_kind::quarter) == "quarter");
    CHECK(streamed(tipstats::date_precision::month) == "month");
    CHECK(streamed(tipstats::agreement_status::active) == "active");
    CHECK(streamed(tipstats::sex::female) == tipstats::to_string(tipstats::sex::female));
    CHECK(streamed(tipstats::dimension::offence) == "offence");
    CHECK(streamed(tipstats::stats::proportion_method::agresti_coull) == "agresti_coull");
    CHECK(streamed(tipstats::stats::claim_qualifier::more_than) == "more than");
    CHECK(streamed(tipstats::trend::mk_method::hamed_rao) == "hamed_rao");
    CHECK(streamed(tipstats::trend::trend_direction::no_trend) == "no trend");
    CHECK(streamed(tipstats::trend::count_model::negbin) == "negbin");
    CHECK(streamed(tipstats::mse::closed_model::mth_chao) == tipstats::mse::to_string(tipstats::mse::closed_model::mth_chao));
    CHECK(streamed(tipstats::mse::bootstrap_method::fixed) == "fixed");
    // Output state applies as to any string: width and fill.
    std::ostringstream out;
    out.width(9);
    out.fill('.');
    out << tipstats::period_kind::month;
    CHECK(out.str() == "....month");
}

#if defined(__cpp_lib_format)
TEST_CASE("std::format prints dates, periods, bands and enumerations", "[text]") {
    CHECK(std::format("{}", tipstats::date(2020, 2, 29)) == "2020-02-29");
    CHECK(std::format("{:>8}", tipstats::period::year(2019)) == "    2019");
    CHECK(std::format("{}", tipstats::partial_date(2019, 6)) == "2019-06");
    CHECK(std::format("{:<6}|", tipstats::age_band::from_label("18+")) == "18+   |");
    CHECK(std::format("{}", tipstats::trend::trend_direction::increasing) == "increasing");
}
#endif
