#include "catch.hpp"

#include <tipstats/io/csv.hpp>

#include <filesystem>
#include <system_error>
#include <string>

using tipstats::parse_csv;
using tipstats::parse_error;

namespace {
tipstats::parse_error csv_error(std::string_view text) {
    try {
        tipstats::read_observations_csv(text, "table.csv");
    } catch (const parse_error& e) {
        return e;
    }
    FAIL("no parse error for: " << text);
    throw;
}
}  // namespace

TEST_CASE("CSV follows RFC 4180", "[csv]") {
    const auto t = parse_csv("\xEF\xBB\xBF" "a,b\r\n1,\"x, \"\"quoted\"\"\ny\"\r\n\r\n2,\n");
    CHECK(t.header == std::vector<std::string>{"a", "b"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0][1] == "x, \"quoted\"\ny");
    CHECK(t.rows[1] == std::vector<std::string>{"2", ""});
    CHECK(t.lines == std::vector<std::size_t>{2, 5});
    CHECK(parse_csv("a\n\"\"\n").rows.size() == 1);
    CHECK(tipstats::csv_field("plain") == "plain");
    CHECK(tipstats::csv_field("a,b") == "\"a,b\"");
    CHECK(tipstats::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

TEST_CASE("bad CSV is a parse error with its place", "[csv]") {
    struct Case {
        const char* text;
        std::size_t line;
    };
    for (const Case& c : {Case{"a,b\n1,\"open\n", 2}, Case{"a,b\n1,2,3\n", 2}, Case{"a,b\n1,x\"y\n", 2},
                          Case{"a,b\n1,2\n\"q\"x,3\n", 3}, Case{"a,b\n1,\xff\n", 2}, Case{"", 1}}) {
        INFO(c.text);
        try {
            parse_csv(c.text, "f.csv");
            FAIL("accepted");
        } catch (const parse_error& e) {
            CHECK(e.line() == c.line);
            CHECK(e.file() == "f.csv");
        }
    }
}

TEST_CASE("CSV with another delimiter: semicolons and tabs", "[csv]") {
    // CTDC's 2021 release: ';' between fields, ';' inside quoted fields, commas as plain text.
    const auto t = parse_csv("note;a;b\n;\"x; y\";1,5\n;\"\";\n", "f.csv", ';');
    CHECK(t.header == std::vector<std::string>{"note", "a", "b"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0] == std::vector<std::string>{"", "x; y", "1,5"});
    CHECK(t.rows[1] == std::vector<std::string>{"", "", ""});
    CHECK(parse_csv("a\tb\n1\t\"2\t3\"\n", "", '\t').rows[0][1] == "2\t3");
    // The comma default is unchanged: with ';' data, a row is one field.
    CHECK(parse_csv("a;b\n1;2\n").header == std::vector<std::string>{"a;b"});
    try {
        parse_csv("a;b\n1;\"2\",3\n", "f.csv", ';');  // after a closing quote only the delimiter may follow
        FAIL("accepted");
    } catch (const parse_error& e) {
        CHECK(e.line() == 2);
        CHECK(e.column() == 6);
    }
    for (const char bad : {'"', '\n', '\r', static_cast<char>(0xC3)})
        CHECK_THROWS_AS(parse_csv("a,b\n", "", bad), tipstats::domain_error);
}

TEST_CASE("the tidy observations table round-trips through CSV", "[csv]") {
    const std::string text =
        "measure,value,unit,period,area,offence,age,sex,source,note\n"
        "victims_rescued,263,count,2019-H1,KHM,sexual_assault,all,all,ppp,\"first six months, police\"\n"
        "victims_rescued,70,count,2019-H1,KHM,sexual_assault,0-14,all,ppp,\n"
        "victims_rescued,<5,count,2018-H1,KHM,sexual_assault,15-17,female,ppp,\n"
        "arrest_rate,86,percent,2019,KHM,all,0-14,all,ppp,\xe1\x9e\x80\xe1\x9e\x98\xe1\x9f\x92\xe1\x9e\x96\xe1\x9e\xbb\xe1\x9e\x87\xe1\x9e\xb6\n"
        "victims_detected,NA,count,2019-01-01/2019-06-30,,all,unknown,unknown,,\n";
    const auto table = tipstats::read_observations_csv(text);
    REQUIRE(table.size() == 5);
    CHECK(table[2].value == tipstats::quantity::below(5));
    CHECK(table[2].sex == tipstats::sex::female);
    CHECK(table[0].note == "first six months, police");
    CHECK(table[4].value.is_missing());
    CHECK(table[4].period.kind() == tipstats::period_kind::interval);
    CHECK(tipstats::observations_to_csv(table) == text);
    CHECK(tipstats::read_observations_csv(tipstats::observations_to_csv(table)) == table);

    // Optional columns take their defaults.
    const auto minimal = tipstats::read_observations_csv("period,measure,value\n2019,cases,12\n");
    CHECK(minimal[0].unit == "count");
    CHECK(minimal[0].age.is_all());
}

TEST_CASE("bad observation rows name line and column", "[csv]") {
    const std::string head = "measure,value,period,age,sex\n";
    auto e = csv_error(head + "cases,12,2019,all,all\ncases,-3,2019,0-14,all\n");
    CHECK(e.line() == 3);
    CHECK(e.field() == "value");
    e = csv_error(head + "cases,2.5,2019,all,all\n");
    CHECK(e.field() == "value");
    e = csv_error(head + "cases,<,2019,all,all\n");
    CHECK(e.field() == "value");
    e = csv_error(head + "cases,12,2019-H3,all,all\n");
    CHECK(e.field() == "period");
    e = csv_error(head + "cases,12,2019,teenagers,all\n");
    CHECK(e.field() == "age");
    e = csv_error(head + "cases,12,2019,all,robot\n");
    CHECK(e.field() == "sex");
    CHECK(std::string(e.what()).find("table.csv:2") != std::string::npos);
    e = csv_error("measure,period\ncases,2019\n");
    CHECK(e.field() == "value");
    e = csv_error("measure,value,period,Colour\ncases,1,2019,red\n");
    CHECK(e.field() == "Colour");
    CHECK(e.column() == 4);
    e = csv_error("measure,value,period,bound\ncases,1,2019,red\n");
    CHECK(std::string(e.what()).find("taken by a column every table has") != std::string::npos);
}

TEST_CASE("saving replaces the file atomically", "[csv]") {
    const auto folder = std::filesystem::temp_directory_path() / "tipstats_csv_test";
    std::filesystem::create_directories(folder);
    const auto path = folder / "observations.csv";
    const auto table = tipstats::read_observations_csv("measure,value,period\ncases,12,2019\n");
    tipstats::save_observations_csv(table, path);
    CHECK(tipstats::load_observations_csv(path) == table);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++files;
    CHECK(files == 1);  // no temporary left behind
    std::filesystem::remove_all(folder);
}

TEST_CASE("a file that cannot be read is an io_error with the path and the system's reason", "[csv]") {
    const auto folder = std::filesystem::temp_directory_path() / "tipstats_io_error_test";
    std::filesystem::create_directories(folder);
    const auto absent = folder / "absent.csv";
    try {
        (void)tipstats::load_observations_csv(absent);
        FAIL("no error");
    } catch (const tipstats::io_error& e) {
        CHECK(e.path() == absent.string());
        CHECK(e.reason() == std::errc::no_such_file_or_directory);
        CHECK(std::string(e.what()) == "'" + absent.string() + "': cannot open the file for reading: " +
                                           std::make_error_code(std::errc::no_such_file_or_directory).message());
    }
    // A directory read as a file is not "invalid JSON ... unexpected end of input".
    try {
        (void)tipstats::load_observations_csv(folder);
        FAIL("no error");
    } catch (const tipstats::io_error& e) {
        CHECK(e.reason() == std::errc::is_a_directory);
        CHECK(std::string(e.what()).find("is a directory") != std::string::npos);
    }
    CHECK_THROWS_AS(tipstats::save_observations_csv(tipstats::observations(), folder / "no" / "such.csv"),
                    tipstats::io_error);
    std::filesystem::remove_all(folder);
}
