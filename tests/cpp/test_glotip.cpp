#include "catch.hpp"

#include <tipstats/io/csv.hpp>
#include <tipstats/io/files.hpp>
#include <tipstats/io/glotip.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace io = tipstats::io;
using tipstats::age_band;
using tipstats::quantity;
using tipstats::sex;

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
    CHECK(table[0].value == quantity::exact(1234));  // thousands separator
    CHECK(table[0].area == "KHM");
    CHECK(table[0].period == tipstats::period::year(2019));
    CHECK(table[0].offence == "all");
    CHECK(table[0].sex == sex::all);
    CHECK(table[0].age.is_all());
    CHECK(table[0].unit == "count");
    CHECK(table[0].source == "unodc-glotip");
    CHECK(table[0].note == "National authorities");
    CHECK(table[1].sex == sex::female);
    CHECK(table[1].age == age_band::parse("18+"));
    CHECK(table[2].value == quantity::below(5));  // "<5" stays censored
    CHECK(table[2].age == age_band::parse("0-17"));
    CHECK(table[3].offence == "sexual_exploitation");
    CHECK(table[4].offence == "forced_labour");
    CHECK(table[4].value == quantity::exact(1002003));
    CHECK(table[5].measure == "persons_convicted");
    CHECK(table[5].value.is_missing());
    CHECK(table[6].note == "Police, court records");
    CHECK(table[6].measure == "persons_prosecuted");
    CHECK(table[7].unit == "per_100000");
    CHECK(table[7].value == quantity::exact(0.37));
}

TEST_CASE("every GLOTIP dimension reads: offence, age and sex built in, the others extra dimensions", "[glotip]") {
    const auto table = io::load_glotip(data_dir + "/glotip_sample.csv");
    REQUIRE(table.size() == 15);
    CHECK(table.extra_dimensions() ==
          std::vector<std::string>{"citizenship", "area_of_citizenship", "country_of_repatriation"});
    CHECK(table[8].category("citizenship") == "Domestic");
    CHECK(table[8].value == quantity::exact(1100));
    CHECK(table[9].category("citizenship") == "Foreign");
    CHECK(table[10].category("area_of_citizenship") == "South-eastern Asia");
    CHECK(table[11].category("country_of_repatriation") == "Thailand");
    CHECK(table[11].value == quantity::below(5));
    for (std::size_t i = 8; i <= 11; ++i) {
        CHECK(table[i].measure == "victims_detected");
        CHECK(table[i].offence == "all");
        CHECK(table[i].age.is_all());
        CHECK(table[i].sex == sex::all);
        CHECK(table[i].area == "KHM");
    }
    CHECK(table[0].category("citizenship") == "all");
    CHECK(table[12].measure == "victims_detected");  // "by age group": the category is the age band
    CHECK(table[12].age == age_band::parse("0-17"));
    CHECK(table[13].age == age_band::parse("18+"));  // the export's own wording in the Age column
    CHECK(table[13].sex == sex::female);
    CHECK(table[14].measure == "persons_convicted");  // "by sex": the category is the sex
    CHECK(table[14].sex == sex::female);
    CHECK(table[14].area == "THA");
    // A category of an extra dimension is a series of its own; the total is what an unnamed one means.
    CHECK(table.series("victims_detected", {.extra = {{"citizenship", "Foreign"}}}).values()[0] == quantity::exact(134));
    CHECK(table.series("victims_detected", {.unit = "count", .area = "KHM"}).values()[0] == quantity::exact(1234));
    // Each row knows its line (the title row is line 1, the header line 2).
    CHECK(table.lines().front() == 3);
    CHECK(table.lines().back() == 17);
    CHECK(table.origin() == data_dir + "/glotip_sample.csv");
    // The one finding is the forced-labour figure (1,002,003: thousands separators) above its total;
    // Domestic + Foreign = 1,234 is consistent with the total.
    const auto findings = table.check();
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].dimension == "offence");
    CHECK(findings[0].rows == std::vector<std::size_t>{0, 3, 4});
    CHECK(findings[0].lines == std::vector<std::size_t>{3, 6, 7});
}

namespace {
/// The rows of the real excerpt whose cells match, by 0-based row.
std::vector<std::size_t> rows_where(const tipstats::observations& t, const std::function<bool(const tipstats::observation&)>& keep) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (keep(t[i])) out.push_back(i);
    return out;
}
std::size_t count_kind(const std::vector<tipstats::finding>& findings, tipstats::finding::kind k) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const auto& f) { return f.what == k; }));
}
}  // namespace

TEST_CASE("UNODC's own export reads whole: every row, in the file's terms", "[glotip][real]") {
    // Real rows of the dataUNODC GLOTIP export of 14/04/2025 (tests/data/glotip/README.md).
    const std::string path = data_dir + "/glotip/data_glotip_excerpt.csv";
    const auto table = io::load_glotip(path);
    REQUIRE(table.size() == 1322);  // every data row, none dropped, none invented
    CHECK(table.lines().front() == 4);  // two preamble rows and the header come first
    CHECK(table.lines().back() == 1325);
    CHECK(table.labels(tipstats::dimension::measure) ==
          std::vector<std::string>{"persons_convicted", "victims_detected", "persons_prosecuted", "offences",
                                   "persons_in_formal_contact"});
    CHECK(table.extra_dimensions() == std::vector<std::string>{"citizenship", "country_of_repatriation"});

    // Albania 2017: victims whose citizenship was not recorded (an empty Category) are "unknown".
    const auto unknown = rows_where(table, [](const auto& o) { return o.category("citizenship") == "unknown"; });
    REQUIRE(!unknown.empty());
    CHECK(table.lines()[unknown.front()] == 107);
    CHECK(table[unknown.front()].value == quantity::exact(60));

    // Sark has no ISO code: the place's name is kept, and check() says so.
    const auto sark = rows_where(table, [](const auto& o) { return o.area == "Sark"; });
    CHECK(sark.size() == 26);
    const auto findings = table.check();
    const auto uncoded = std::find_if(findings.begin(), findings.end(),
                                      [](const auto& f) { return f.what == tipstats::finding::kind::uncoded_area; });
    REQUIRE(uncoded != findings.end());
    CHECK(uncoded->rows == sark);

    // Pakistan 2019, persons convicted: a total "<5" under citizenship rows of millions (questionnaire
    // cell references such as Q6.1_10s_2019 leaked into the export as categories).
    const auto pakistan = std::find_if(findings.begin(), findings.end(), [&](const auto& f) {
        return f.what == tipstats::finding::kind::exceeds_total && f.dimension == "citizenship" &&
               table[f.rows.front()].area == "PAK";
    });
    REQUIRE(pakistan != findings.end());
    CHECK(table[pakistan->rows.front()].value == quantity::below(5));
    CHECK(pakistan->lines.front() == 330);
    CHECK(pakistan->rows.size() == 22);  // the total and 21 citizenship rows
    CHECK(table[pakistan->rows[1]].value == quantity::exact(6112019));

    // A label damaged in UNODC's own file is kept as given and reported.
    const std::string damaged = "Ciudadanos de su pa\xEF\xBF\xBDs";
    CHECK(rows_where(table, [&](const auto& o) { return o.category("citizenship") == damaged; }).size() == 4);
    CHECK(count_kind(findings, tipstats::finding::kind::damaged_text) == 2);  // and Espa?a

    // Albania 2017, detected victims, Other forms of exploitation: four rows under one label
    // (27, <5, 5, 20), unnamed sub-categories, reported as such and added in a series.
    const auto repeated = std::find_if(findings.begin(), findings.end(), [&](const auto& f) {
        return f.what == tipstats::finding::kind::repeated_label && f.lines.front() == 1158;
    });
    REQUIRE(repeated != findings.end());
    CHECK(repeated->lines == std::vector<std::size_t>{1158, 1159, 1160, 1161});
    CHECK(repeated->dimension == "offence");
    const auto other = table.series("victims_detected", {.area = "ALB", .offence = "other_exploitation"});
    const auto year = static_cast<std::size_t>(std::find(other.periods().begin(), other.periods().end(),
                                                         tipstats::period::year(2017)) - other.periods().begin());
    REQUIRE(year < other.size());
    CHECK(other.lower()[year] == 52);
    CHECK(other.upper()[year] == 56);
    CHECK(other.censored()[year] == 1);
    CHECK(count_kind(findings, tipstats::finding::kind::overlapping_bands) == 0);  // not "overlapping bands by offence"
}

TEST_CASE("GLOTIP wordings the reader has never seen are kept in their own words", "[glotip]") {
    const auto table = io::read_glotip(header +
                                       row("Persons prosecuted", "By Region of Origin (2024 edition)", " East Asia ",
                                           "Total", "Total", "2021", "Counts", "12") +
                                       row("Persons arrested", "by form of exploitation", "Forced criminality", "Total",
                                           "Total", "2021", "Counts", "3") +
                                       row("Persons arrested", "by citizenship", "Total", "Total", "Total", "2021",
                                           "Counts", "3"));
    REQUIRE(table.size() == 3);
    CHECK(table.extra_dimensions() == std::vector<std::string>{"region_of_origin_2024_edition", "citizenship"});
    CHECK(table[0].category("region_of_origin_2024_edition") == "East Asia");
    CHECK(table[1].measure == "persons_arrested");
    CHECK(table[1].offence == "forced_criminality");
    CHECK(table[2].category("citizenship") == "all");  // "Total" of an extra dimension is its total
}

TEST_CASE("a GLOTIP export reads with any preamble of up to 19 rows before its header", "[glotip]") {
    const std::string data = row("Detected trafficking victims", "Total", "Total", "Total", "Total", "2019", "Counts",
                                 "\"12,345\"");
    for (const std::string& preamble : {std::string(), std::string("UNODC,\n14/04/2025\n"),
                                       std::string("\"Title, quoted\",,,\n\n"), std::string(19, '\n')}) {
        const auto table = io::read_glotip("\xEF\xBB\xBF" + preamble + header + data, "glotip.csv");
        REQUIRE(table.size() == 1);
        CHECK(table[0].value == quantity::exact(12345));
        CHECK(table.lines()[0] == 2 + static_cast<std::size_t>(std::count(preamble.begin(), preamble.end(), '\n')));
    }
    CHECK(glotip_error(std::string(20, '\n') + header + data).message().find("no header row") != std::string::npos);
}

TEST_CASE("a GLOTIP sheet read cell by cell gives what its CSV gives", "[glotip]") {
    const std::string path = data_dir + "/glotip/data_glotip_excerpt.csv";
    const std::string text = tipstats::read_text_file(path);
    const auto from_csv = io::read_glotip(text, path);
    // The sheet as a reader of .xlsx hands it over: preamble rows of other widths, then the table.
    const auto body = tipstats::parse_csv(text.substr(text.find("Iso3_code")));
    std::vector<std::vector<std::string>> cells{{"UNODC", ""}, {"14/04/2025"}, body.header};
    std::vector<std::size_t> lines{1, 2, 3};
    for (std::size_t i = 0; i < body.rows.size(); ++i) {
        cells.push_back(body.rows[i]);
        lines.push_back(body.lines[i] + 2);
    }
    cells.push_back({"", "", ""});  // sheets end with empty rows
    lines.push_back(lines.back() + 1);
    const auto from_cells = io::read_glotip_cells(cells, lines, path, io::bad_rows::raise);
    CHECK(from_cells.observations == from_csv);
    CHECK(from_cells.observations.lines() == from_csv.lines());
    CHECK(from_cells.rejected.empty());
    CHECK_THROWS_AS(io::read_glotip_cells(std::vector<std::vector<std::string>>{{"a"}}, std::vector<std::size_t>{1},
                                          "x.xlsx", io::bad_rows::raise),
                    tipstats::parse_error);
}

TEST_CASE("bad GLOTIP rows can be set aside with their place, and nothing else is dropped", "[glotip]") {
    const std::string text = header + row("Persons convicted", "Total", "Total", "Total", "Total", "2019", "Counts", "7") +
                             row("Persons convicted", "Total", "Total", "Total", "Total", "2020", "Counts", "seven") +
                             row("Persons convicted", "Total", "Total", "Robot", "Total", "2021", "Counts", "5") +
                             row("Persons convicted", "Total", "Total", "Total", "Total", "2022", "Counts", "<5");
    CHECK_THROWS_AS(io::read_glotip(text, "glotip.csv"), tipstats::parse_error);
    const auto read = io::read_glotip(text, "glotip.csv", io::bad_rows::collect);
    REQUIRE(read.observations.size() == 2);
    CHECK(read.observations.lines() == std::vector<std::size_t>{2, 5});
    REQUIRE(read.rejected.size() == 2);
    CHECK(read.rejected[0].line == 3);
    CHECK(read.rejected[0].column == 12);
    CHECK(read.rejected[0].field == "txtVALUE");
    CHECK(read.rejected[0].reason.find("not a number") != std::string::npos);
    CHECK(read.rejected[1].line == 4);
    CHECK(read.rejected[1].field == "Sex");
    // The header is never a row to set aside.
    CHECK_THROWS_AS(io::read_glotip("Iso3_code,Colour\n", "glotip.csv", io::bad_rows::collect), tipstats::parse_error);
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
             Case{title + header + ok + row("...", "Total", "Total", "Total", "Total", "2019", "Counts", "5"), 4, 5,
                  "Indicator", "an indicator is needed"},
             Case{title + header + row("Persons convicted", " ", "Nationals", "Total", "Total", "2019", "Counts", "5"),
                  3, 6, "Dimension", "a dimension is needed"},
             Case{header + row("Persons convicted", "Total", "Piracy", "Total", "Total", "2019", "Counts", "5"), 2, 7,
                  "Category", "the Category of the dimension Total is Total"},
             Case{header + row("Persons convicted", "by source", "Police", "Total", "Total", "2019", "Counts", "5"), 2,
                  6, "Dimension", "the name is taken"},
             Case{header + row("Persons convicted", "by 2nd citizenship", "X", "Total", "Total", "2019", "Counts", "5"),
                  2, 6, "Dimension", "starting with a letter"},
             Case{header + row("Persons convicted", "by age group", "Elderly", "Total", "Total", "2019", "Counts", "5"),
                  2, 7, "Category", "unknown age band label"},
             Case{header + row("Persons convicted", "by age group", "0 to 17 years", "Total", "Adult", "2019", "Counts",
                               "5"),
                  2, 7, "Category", "the age is given twice"},
             Case{header + row("Persons convicted", "by sex", "Female", "Male", "Total", "2019", "Counts", "5"), 2, 7,
                  "Category", "the sex is given twice"},
             Case{header + row("Persons convicted", "by sex", "Robot", "Total", "Total", "2019", "Counts", "5"), 2, 7,
                  "Category", "unknown sex label"},
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
             Case{header + ",,Europe,Northern Europe,Persons convicted,Total,Total,Total,Total,2019,Counts,5,GLOTIP\n",
                  2, 2, "Country", "an area is needed"},
             Case{title + header + "KHM,Cambodia\n", 3, 1, "", "fields"},
             Case{title + header + "KHM,Cambodia,Asia,\"South-eastern", 3, 19, "", "never closed"},
             Case{"Iso3_code,Country,Colour\n", 1, 3, "Colour", "unknown column"},
             Case{"Iso3_code,Country\n", 1, 0, "Indicator", "is missing"},
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
