#include "catch.hpp"

#include <tipstats/time/date.hpp>
#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>

#include <chrono>
#include <string>

using tipstats::date;
using tipstats::partial_date;
using tipstats::period;
using tipstats::period_kind;

TEST_CASE("dates parse strictly and print as ISO 8601", "[time]") {
    CHECK(tipstats::date::parse("2019-06-14") == date(2019, 6, 14));
    CHECK(tipstats::date::parse(" 2020-02-29 ") == date(2020, 2, 29));
    CHECK(date(2019, 1, 5).to_string() == "2019-01-05");
    CHECK_THROWS_AS(tipstats::date::parse("2019-02-30"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::date::parse("2019-02-29"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::date::parse("2019-13-01"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::date::parse("2019-6-14"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::date::parse(""), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::date::parse("0999-01-01"), tipstats::parse_error);
    try {
        tipstats::date::parse("2019-02-30");
        FAIL("no exception");
    } catch (const tipstats::parse_error& e) {
        CHECK(std::string(e.what()).find("2019-02-30") != std::string::npos);
        CHECK(std::string(e.what()).find("28 days") != std::string::npos);
    }
}

TEST_CASE("an impossible date is a tipstats error naming the part, never a Boost exception", "[time]") {
    // As the README writes dates: the error must be catchable as tipstats::error.
    const auto message_of = [](int y, int m, int d) -> std::string {
        try {
            (void)date(y, m, d);
        } catch (const tipstats::domain_error& e) {
            return e.argument() + ": " + e.message();
        }
        return "no error";
    };
    CHECK(message_of(2020, 2, 30) == "day: impossible date 2020-02-30: February 2020 has 29 days");
    CHECK(message_of(2019, 2, 29) == "day: impossible date 2019-02-29: February 2019 has 28 days");
    CHECK(message_of(2019, 4, 0) == "day: impossible date 2019-04-00: April 2019 has 30 days");
    CHECK(message_of(2019, 13, 1) == "month: must be from 1 to 12, got 13");
    CHECK(message_of(1399, 12, 31) == "year: must be from 1400 to 9999, got 1399");
    CHECK(message_of(10000, 1, 1) == "year: must be from 1400 to 9999, got 10000");
    CHECK_THROWS_AS(date(2020, 2, 30), tipstats::error);
    CHECK_THROWS_AS(date(9999, 12, 31) + std::chrono::days{1}, tipstats::domain_error);
    CHECK_THROWS_AS(tipstats::add_years(date(9999, 1, 1), 1), tipstats::domain_error);
    CHECK(date(1400, 1, 1).to_string() == "1400-01-01");
    CHECK(date(9999, 12, 31).to_string() == "9999-12-31");
}

TEST_CASE("dates convert to and from std::chrono without loss", "[time]") {
    using namespace std::chrono;
    const date d(2019, 8, 1);
    CHECK(year_month_day(d) == year{2019} / August / 1);
    CHECK(date(year{2020} / February / 29) == date(2020, 2, 29));
    CHECK_THROWS_AS(date(year{2019} / February / 29), tipstats::domain_error);
    CHECK(sys_days(d) == sys_days(year{2019} / August / 1));
    CHECK(date(sys_days(d) + days{365}) == date(2020, 7, 31));
    CHECK(date() == date(1970, 1, 1));
    CHECK(d.days_since_epoch() == (sys_days(year{2019} / August / 1)).time_since_epoch().count());
    // Every day of four years (a leap year among them) round-trips and matches the standard calendar.
    for (date day(2019, 1, 1); day < date(2023, 1, 1); day = day + days{1}) {
        const year_month_day ymd(day);
        REQUIRE(ymd.ok());
        CHECK((day.year() == static_cast<int>(ymd.year()) && day.month() == static_cast<int>(unsigned(ymd.month())) &&
               day.day() == static_cast<int>(unsigned(ymd.day())) && date(ymd) == day));
        CHECK(day.end_of_month() == date(year_month_day(year_month_day_last(ymd.year(), month_day_last(ymd.month())))));
    }
    CHECK(date(2019, 8, 1) - date(2019, 7, 1) == days{31});
}

TEST_CASE("calendar arithmetic clamps to the end of shorter months", "[time]") {
    CHECK(tipstats::add_years(date(2020, 2, 29), -1) == date(2019, 2, 28));
    CHECK(tipstats::add_years(date(2019, 8, 1), 3) == date(2022, 8, 1));
    CHECK(tipstats::add_months(date(2019, 1, 31), 1) == date(2019, 2, 28));
    CHECK(tipstats::add_months(date(2019, 11, 15), 3) == date(2020, 2, 15));
    CHECK(tipstats::add_months(date(2019, 3, 15), -3) == date(2018, 12, 15));
}

TEST_CASE("partial dates know their precision and range", "[time]") {
    const auto y = partial_date::parse("2019");
    CHECK(y.precision() == tipstats::date_precision::year);
    CHECK(y.earliest() == date(2019, 1, 1));
    CHECK(y.latest() == date(2019, 12, 31));
    CHECK(y.to_string() == "2019");
    CHECK(y.admits(date(2019, 7, 4)));
    CHECK_FALSE(y.admits(date(2020, 1, 1)));

    const auto m = partial_date::parse("2020-02");
    CHECK(m.precision() == tipstats::date_precision::month);
    CHECK(m.latest() == date(2020, 2, 29));
    CHECK(m.to_string() == "2020-02");

    const auto d = partial_date::parse("2019-08-01");
    CHECK(d.is_exact());
    CHECK(d.earliest() == d.latest());
    CHECK(d.to_string() == "2019-08-01");

    CHECK(partial_date(2019) < partial_date(2019, 1));
    CHECK(partial_date(2019, 1) < partial_date(date(2019, 1, 1)));
    CHECK_THROWS_AS(partial_date::parse("2019-13"), tipstats::parse_error);
    CHECK_THROWS_AS(partial_date::parse("2019-02-30"), tipstats::parse_error);
    CHECK_THROWS_AS(partial_date::parse("Thursday"), tipstats::parse_error);
    CHECK_THROWS_AS(partial_date(2019, 0), tipstats::parse_error);
}

TEST_CASE("periods follow one grammar both ways", "[time]") {
    struct Case {
        const char* text;
        period_kind kind;
        date start;
        date end;
        long days;
    };
    const Case cases[] = {
        {"2019", period_kind::year, date(2019, 1, 1), date(2019, 12, 31), 365},
        {"2020", period_kind::year, date(2020, 1, 1), date(2020, 12, 31), 366},
        {"2019-H1", period_kind::half, date(2019, 1, 1), date(2019, 6, 30), 181},
        {"2019-H2", period_kind::half, date(2019, 7, 1), date(2019, 12, 31), 184},
        {"2019-Q1", period_kind::quarter, date(2019, 1, 1), date(2019, 3, 31), 90},
        {"2019-Q3", period_kind::quarter, date(2019, 7, 1), date(2019, 9, 30), 92},
        {"2020-02", period_kind::month, date(2020, 2, 1), date(2020, 2, 29), 29},
        {"2019-06-14", period_kind::day, date(2019, 6, 14), date(2019, 6, 14), 1},
        {"2019-01-01/2019-06-30", period_kind::interval, date(2019, 1, 1), date(2019, 6, 30), 181},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const period p = period::parse(c.text);
        CHECK(p.kind() == c.kind);
        CHECK(p.start() == c.start);
        CHECK(p.end() == c.end);
        CHECK(p.days() == c.days);
        CHECK(p.to_string() == c.text);
        CHECK(period::parse(p.to_string()) == p);
    }
    // An interval's ends may be coarser periods; it prints with full dates.
    const period coarse = period::parse("2019-01/2019-06");
    CHECK(coarse == period::parse("2019-H1"));
    CHECK(coarse.to_string() == "2019-01-01/2019-06-30");
}

TEST_CASE("bad period strings are parse errors", "[time]") {
    for (const char* bad : {"", "19", "2019-H3", "2019-Q0", "2019-Q5", "2019-13", "2019-00", "2019-02-30",
                            "2019-06-30/2019-01-01", "2019/", "/2019", "H1-2019", "2019-h1", "20190"}) {
        INFO(bad);
        CHECK_THROWS_AS(period::parse(bad), tipstats::parse_error);
    }
    CHECK_THROWS_AS(period::between(date(2019, 2, 1), date(2019, 1, 1)), tipstats::validation_error);
    CHECK_THROWS_AS(period::half(2019, 3), tipstats::domain_error);
}

TEST_CASE("periods relate and shift", "[time]") {
    const period h1 = period::parse("2019-H1");
    CHECK(h1.contains(date(2019, 6, 30)));
    CHECK_FALSE(h1.contains(date(2019, 7, 1)));
    CHECK(h1.contains(period::parse("2019-Q2")));
    CHECK_FALSE(h1.contains(period::parse("2019-Q3")));
    CHECK(h1.overlaps(period::parse("2019-06-30/2019-07-31")));
    CHECK_FALSE(h1.overlaps(period::parse("2019-H2")));

    CHECK(h1.shift(-1).to_string() == "2018-H1");
    CHECK(period::parse("2020-02").shift(-1).end() == date(2019, 2, 28));
    CHECK(period::parse("2019-02").shift(1).end() == date(2020, 2, 29));
    CHECK(period::parse("2020-02-29").shift(-1).to_string() == "2019-02-28");
    CHECK(period::parse("2019-03-01/2019-08-31").shift(-1).to_string() == "2018-03-01/2018-08-31");
    CHECK(period::parse("2019-Q3").shift(-2).to_string() == "2017-Q3");
    CHECK(period::parse("2018") < period::parse("2018-H2"));
    CHECK(period::parse("2018-H1") < period::parse("2018"));
}
