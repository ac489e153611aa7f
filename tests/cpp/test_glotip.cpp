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
    REQUIRE(table.size() == 15);
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

TEST_CASE("every GLOTIP dimension reads: offence, age and sex are mapped, the others kept in the measure",
          "[glotip]") {
    const auto table = io::load_glotip(data_dir + "/glotip_sample.csv");
    REQUIRE(table.size() == 15);
    CHECK(table[8].measure == "victims_detected:citizenship=Domestic");
    CHECK(table[8].value == Quantity::exact(1100));
    CHECK(table[9].measure == "victims_detected:citizenship=Foreign");
    CHECK(table[10].measure == "victims_detected:area_of_citizenship=South-eastern Asia");
    CHECK(table[11].measure == "victims_detected:country_of_repatriation=Thailand");
    CHECK(table[11].value == Quantity::below(5));
    for (std::size_t i = 8; i <= 11; ++i) {
        CHECK(table[i].offence == "all");
        CHECK(table[i].age.is_all());
        CHECK(table[i].sex == Sex::all);
        CHECK(table[i].area == "KHM");
    }
    CHECK(table[12].measure == "victims_detected");  // "by age group": the category is the age band
    CHECK(table[12].age == AgeBand::parse("0-17"));
    CHECK(table[13].age == AgeBand::parse("18+"));  // the export's own wording in the Age column
    CHECK(table[13].sex == Sex::female);
    CHECK(table[14].measure == "persons_convicted");  // "by sex": the category is the sex
    CHECK(table[14].sex == Sex::female);
    CHECK(table[14].area == "THA");
    // A breakdown kept in the measure is a series of its own, never summed into the total.
    CHECK(table.series("victims_detected:citizenship=Foreign").size() == 1);
    // The one finding is the sample's forced-labour figure (1,002,003, for the thousands
    // separators) above its total; none involves the rows kept in the measure.
    const auto findings = table.check();
    REQUIRE(findings.size() == 1);
    for (const std::size_t r : findings[0].rows) CHECK(r < 8);
}

TEST_CASE("a GLOTIP dimension the reader has never seen is kept verbatim", "[glotip]") {
    const auto table = io::read_glotip(header + row("Persons prosecuted", "By Region of Origin (2024 edition)",
                                                    " East Asia ", "Total", "Total", "2021", "Counts", "12"));
    REQUIRE(table.size() == 1);
    CHECK(table[0].measure == "persons_prosecuted:region_of_origin_2024_edition=East Asia");
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
             Case{title + header + row("Persons convicted", " ", "Nationals", "Total", "Total", "2019", "Counts", "5"),
                  3, 6, "Dimension", "a dimension is needed"},
             Case{header + row("Persons convicted", "by citizenship", "", "Total", "Total", "2019", "Counts", "5"), 2,
                  7, "Category", "a category of 'by citizenship' is needed"},
             Case{header + row("Persons convicted", "by age group", "Elderly", "Total", "Total", "2019", "Counts", "5"),
                  2, 7, "Category", "unknown age band label"},
             Case{header + row("Persons convicted", "by age group", "0 to 17 years", "Total", "Adult", "2019", "Counts",
                               "5"),
                  2, 7, "Category", "the age is given twice"},
             Case{header + row("Persons convicted", "by sex", "Female", "Male", "Total", "2019", "Counts", "5"), 2, 7,
                  "Category", "the sex is given twice"},
             Case{header + row("Persons convicted", "by sex", "Robot", "Total", "Total", "2019", "Counts", "5"), 2, 7,
                  "Category", "unknown sex label"},
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
