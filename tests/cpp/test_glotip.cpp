#include "catch.hpp"

#include <tipstats/io/glotip.hpp>

#include <string>

namespace io = tipstats::io;
using tipstats::AgeBand;
using tipstats::Quantity;
using tipstats::Sex;

namespace {

const std::string data_dir = TIPSTATS_TEST_DATA_DIR;
const std::string header =
    "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source\n";

std::string row(const std::string& indicator, const std::string& dimension, const std::string& category,
                const std::string& sex, const std::string& age, const std::string& year, const std::string& unit,
                const std::string& value) {
    return "KHM,Cambodia,Asia,South-eastern Asia," + indicator + "," + dimension + "," + category + "," + sex + "," +
           age + "," + year + "," + unit + "," + value + ",National authorities\n";
}

tipstats::parse_error glotip_error(const std::string& text) {
    try {
        (void)io::read_glotip(text, "glotip.csv");
    } catch (const tipstats::parse_error& e) {
        return e;
    }
    FAIL("accepted: " << text);
    throw;
}

}  // namespace

TEST_CASE("the GLOTIP sample export reads into observations", "[glotip]") {
    const auto table = io::load_glotip(data_dir + "/glotip_sample.csv");
    REQUIRE(table.size() == 8);
    CHECK(table[0].measure == "victims_detected");
    CHECK(table[0].value == Quantity::exact(1234));  // thousands separator
    CHECK(table[0].area == "KHM");
    CHECK(table[0].period == tipstats::Period::year(2019));
    CHECK(table[0].offence == "all");
    CHECK(table[0].sex == Sex::all);
    CHECK(table[0].age.is_all());
    CHECK(table[0].unit == "count");
    CHECK(table[0].source == "unodc-glotip");
    CHECK(table[0].note == "National authorities");
    CHECK(table[1].sex == Sex::female);
    CHECK(table[1].age == AgeBand::parse("18+"));
    CHECK(table[2].value == Quantity::below(5));  // "<5" stays censored
    CHECK(table[2].age == AgeBand::parse("0-17"));
    CHECK(table[3].offence == "sexual_exploitation");
    CHECK(table[4].offence == "forced_labour");
    CHECK(table[4].value == Quantity::exact(1002003));
    CHECK(table[5].measure == "persons_convicted");
    CHECK(table[5].value.is_missing());
    CHECK(table[6].note == "Police, court records");
    CHECK(table[6].measure == "persons_prosecuted");
    CHECK(table[7].unit == "per_100000");
    CHECK(table[7].value == Quantity::exact(0.37));
}

TEST_CASE("a GLOTIP export without the title row reads too", "[glotip]") {
    const auto table = io::read_glotip("\xEF\xBB\xBF" + header +
                                       row("Detected trafficking victims", "Total", "Total", "Total", "Total", "2019",
                                           "Counts", "\"12,345\""));
    REQUIRE(table.size() == 1);
    CHECK(table[0].value == Quantity::exact(12345));
}

TEST_CASE("GLOTIP errors name file, line, column and column name", "[glotip]") {
    const std::string title = "Title row,,,,,,,,,,,,\n";
    struct Case {
        std::string text;
        std::size_t line, column;
        std::string field;
        std::string message;
    };
    const std::string ok = row("Detected trafficking victims", "Total", "Total", "Total", "Total", "2019", "Counts", "5");
    for (const Case& c : {
             Case{title + header + ok + row("Victims of war", "Total", "Total", "Total", "Total", "2019", "Counts", "5"),
                  4, 5, "Indicator", "unknown indicator"},
             Case{title + header + row("Persons convicted", "by citizenship", "Nationals", "Total", "Total", "2019",
                                       "Counts", "5"),
                  3, 6, "Dimension", "no place"},
             Case{title + header + row("Persons convicted", "by form of exploitation", "Piracy", "Total", "Total",
                                       "2019", "Counts", "5"),
                  3, 7, "Category", "unknown category"},
             Case{header + row("Persons convicted", "Total", "Total", "Both", "Elderly", "2019", "Counts", "5"), 2, 9,
                  "Age", "unknown age band label"},
             Case{header + row("Persons convicted", "Total", "Total", "Total", "Total", "2019-H1", "Counts", "5"), 2, 10,
                  "Year", "not a year"},
             Case{header + row("Persons convicted", "Total", "Total", "Total", "Total", "2019", "Tonnes", "5"), 2, 11,
                  "Unit of measurement", "unknown unit"},
             Case{header + row("Persons convicted", "Total", "Total", "Total", "Total", "2019", "Counts", "\"1,5\""), 2,
                  12, "txtVALUE", "thousands separator"},
             Case{header + row("Persons convicted", "Total", "Total", "Total", "Total", "2019", "Counts", "\"12,34\""),
                  2, 12, "txtVALUE", "thousands separator"},
             Case{header + row("Persons convicted", "Total", "Total", "Total", "Total", "2019", "Counts", "2.5"), 2, 12,
                  "txtVALUE", "whole number"},
             Case{header + row("Persons convicted", "Total", "Total", "Total", "Total", "2019", "Counts", "1e400"), 2,
                  12, "txtVALUE", "not a number"},
             Case{title + header + "KHM,Cambodia\n", 3, 1, "", "fields"},
             Case{"a,b\nc,d\n", 1, 1, "", "not a GLOTIP export"},
             Case{"", 1, 1, "", "not a GLOTIP export"},
         }) {
        INFO(c.text);
        const auto e = glotip_error(c.text);
        CHECK(e.file() == "glotip.csv");
        CHECK(e.line() == c.line);
        CHECK(e.column() == c.column);
        CHECK(e.field() == c.field);
        CHECK(e.message().find(c.message) != std::string::npos);
    }
}
