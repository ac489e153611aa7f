#include "catch.hpp"

#include <tipstats/time/date.hpp>
#include <tipstats/time/partial_date.hpp>
#include <tipstats/time/period.hpp>

using tipstats::Date;
using tipstats::PartialDate;
using tipstats::Period;
using tipstats::period_kind;

TEST_CASE("dates parse strictly and print as ISO 8601", "[time]") {
    CHECK(tipstats::parse_date("2019-06-14") == Date(2019, 6, 14));
    CHECK(tipstats::parse_date(" 2020-02-29 ") == Date(2020, 2, 29));
    CHECK(tipstats::format_date(Date(2019, 1, 5)) == "2019-01-05");
    CHECK_THROWS_AS(tipstats::parse_date("2019-02-30"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::parse_date("2019-02-29"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::parse_date("2019-13-01"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::parse_date("2019-6-14"), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::parse_date(""), tipstats::parse_error);
    CHECK_THROWS_AS(tipstats::parse_date("0999-01-01"), tipstats::parse_error);
    try {
        tipstats::parse_date("2019-02-30");
        FAIL("no exception");
    } catch (const tipstats::parse_error& e) {
        CHECK(std::string(e.what()).find("2019-02-30") != std::string::npos);
        CHECK(std::string(e.what()).find("28 days") != std::string::npos);
    }
}

TEST_CASE("calendar arithmetic clamps to the end of shorter months", "[time]") {
    CHECK(tipstats::add_years(Date(2020, 2, 29), -1) == Date(2019, 2, 28));
    CHECK(tipstats::add_years(Date(2019, 8, 1), 3) == Date(2022, 8, 1));
    CHECK(tipstats::add_months(Date(2019, 1, 31), 1) == Date(2019, 2, 28));
    CHECK(tipstats::add_months(Date(2019, 11, 15), 3) == Date(2020, 2, 15));
    CHECK(tipstats::add_months(Date(2019, 3, 15), -3) == Date(2018, 12, 15));
}

TEST_CASE("partial dates know their precision and range", "[time]") {
    const auto y = PartialDate::parse("2019");
    CHECK(y.precision() == tipstats::date_precision::year);
    CHECK(y.earliest() == Date(2019, 1, 1));
    CHECK(y.latest() == Date(2019, 12, 31));
    CHECK(y.to_string() == "2019");
    CHECK(y.admits(Date(2019, 7, 4)));
    CHECK_FALSE(y.admits(Date(2020, 1, 1)));

    const auto m = PartialDate::parse("2020-02");
    CHECK(m.precision() == tipstats::date_precision::month);
    CHECK(m.latest() == Date(2020, 2, 29));
    CHECK(m.to_string() == "2020-02");

    const auto d = PartialDate::parse("2019-08-01");
    CHECK(d.is_exact());
    CHECK(d.earliest() == d.latest());
    CHECK(d.to_string() == "2019-08-01");

    CHECK(PartialDate(2019) < PartialDate(2019, 1));
    CHECK(PartialDate(2019, 1) < PartialDate(Date(2019, 1, 1)));
    CHECK_THROWS_AS(PartialDate::parse("2019-13"), tipstats::parse_error);
    CHECK_THROWS_AS(PartialDate::parse("2019-02-30"), tipstats::parse_error);
    CHECK_THROWS_AS(PartialDate::parse("Thursday"), tipstats::parse_error);
    CHECK_THROWS_AS(PartialDate(2019, 0), tipstats::parse_error);
}

TEST_CASE("periods follow one grammar both ways", "[time]") {
    struct Case {
        const char* text;
        period_kind kind;
        Date start;
        Date end;
        long days;
    };
    const Case cases[] = {
        {"2019", period_kind::year, Date(2019, 1, 1), Date(2019, 12, 31), 365},
        {"2020", period_kind::year, Date(2020, 1, 1), Date(2020, 12, 31), 366},
        {"2019-H1", period_kind::half, Date(2019, 1, 1), Date(2019, 6, 30), 181},
        {"2019-H2", period_kind::half, Date(2019, 7, 1), Date(2019, 12, 31), 184},
        {"2019-Q1", period_kind::quarter, Date(2019, 1, 1), Date(2019, 3, 31), 90},
        {"2019-Q3", period_kind::quarter, Date(2019, 7, 1), Date(2019, 9, 30), 92},
        {"2020-02", period_kind::month, Date(2020, 2, 1), Date(2020, 2, 29), 29},
        {"2019-06-14", period_kind::day, Date(2019, 6, 14), Date(2019, 6, 14), 1},
        {"2019-01-01/2019-06-30", period_kind::interval, Date(2019, 1, 1), Date(2019, 6, 30), 181},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const Period p = Period::parse(c.text);
        CHECK(p.kind() == c.kind);
        CHECK(p.start() == c.start);
        CHECK(p.end() == c.end);
        CHECK(p.days() == c.days);
        CHECK(p.to_string() == c.text);
        CHECK(Period::parse(p.to_string()) == p);
    }
    // An interval's ends may be coarser periods; it prints with full dates.
    const Period coarse = Period::parse("2019-01/2019-06");
    CHECK(coarse == Period::parse("2019-H1"));
    CHECK(coarse.to_string() == "2019-01-01/2019-06-30");
}

TEST_CASE("bad period strings are parse errors", "[time]") {
    for (const char* bad : {"", "19", "2019-H3", "2019-Q0", "2019-Q5", "2019-13", "2019-00", "2019-02-30",
                            "2019-06-30/2019-01-01", "2019/", "/2019", "H1-2019", "2019-h1", "20190"}) {
        INFO(bad);
        CHECK_THROWS_AS(Period::parse(bad), tipstats::parse_error);
    }
    CHECK_THROWS_AS(Period::between(Date(2019, 2, 1), Date(2019, 1, 1)), tipstats::validation_error);
    CHECK_THROWS_AS(Period::half(2019, 3), tipstats::domain_error);
}

TEST_CASE("periods relate and shift", "[time]") {
    const Period h1 = Period::parse("2019-H1");
    CHECK(h1.contains(Date(2019, 6, 30)));
    CHECK_FALSE(h1.contains(Date(2019, 7, 1)));
    CHECK(h1.contains(Period::parse("2019-Q2")));
    CHECK_FALSE(h1.contains(Period::parse("2019-Q3")));
    CHECK(h1.overlaps(Period::parse("2019-06-30/2019-07-31")));
    CHECK_FALSE(h1.overlaps(Period::parse("2019-H2")));

    CHECK(h1.shift(-1).to_string() == "2018-H1");
    CHECK(Period::parse("2020-02").shift(-1).end() == Date(2019, 2, 28));
    CHECK(Period::parse("2019-02").shift(1).end() == Date(2020, 2, 29));
    CHECK(Period::parse("2020-02-29").shift(-1).to_string() == "2019-02-28");
    CHECK(Period::parse("2019-03-01/2019-08-31").shift(-1).to_string() == "2018-03-01/2018-08-31");
    CHECK(Period::parse("2019-Q3").shift(-2).to_string() == "2017-Q3");
    CHECK(Period::parse("2018") < Period::parse("2018-H2"));
    CHECK(Period::parse("2018-H1") < Period::parse("2018"));
}
