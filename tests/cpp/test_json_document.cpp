#include "catch.hpp"

#include <tipstats/io/json_document.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using tipstats::date;
using tipstats::agreement_status;
namespace io = tipstats::io;

namespace {

const std::string data_dir = TIPSTATS_TEST_DATA_DIR;

std::string document(const std::string& agreements, const std::string& partners = R"(
    {"id": "moi", "name": "Ministry of Interior"},
    {"id": "aple", "name": "Action Pour Les Enfants", "acronym": "APLE"})") {
    return "{\n  \"tipstats\": 1,\n  \"partners\": [" + partners + "\n  ],\n  \"agreements\": [\n" + agreements +
           "\n  ]\n}\n";
}

struct Failure {
    std::string kind;
    std::string field;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string what;
};

Failure failure_of(const std::string& text) {
    try {
        (void)io::from_json(text, "doc.json");
    } catch (const tipstats::parse_error& e) {
        return {"parse", e.field(), e.line(), e.column(), e.what()};
    } catch (const tipstats::validation_error& e) {
        return {"validation", e.field(), e.line(), e.column(), e.what()};
    }
    return {"none", {}, 0, 0, {}};
}

}  // namespace

TEST_CASE("a document loads into a consistent dataset", "[io]") {
    const auto ds = io::load(data_dir + "/partnership.json");
    CHECK(ds.title() == "A partnership renewed twice, with a gap");
    CHECK(ds.partners().size() == 4);
    CHECK(ds.agreements().size() == 4);
    CHECK(ds.sources().get("report").date == tipstats::partial_date(2020, 3));
    CHECK(ds.partners().find("ACTION pour les énfants").id == "aple");
    CHECK(ds.partners().find("អង្គការ").id == "khmer");
    CHECK_THROWS_AS(ds.partners().find("អង្គ"), tipstats::not_found_error);

    const auto third = ds.agreements().get("third");
    CHECK(third.parties.size() == 3);
    CHECK(third.parties[1].role == tipstats::party_role::signatory);  // role defaults to signatory
    CHECK(third.parties[2].role == tipstats::party_role::witness);
    CHECK(third.sources.at(0).quote == "renewed for the third time");
    CHECK(third.renewal_count() == 2);
    CHECK(third.status_on(date(2020, 5, 1)) == agreement_status::suspended);
    CHECK(third.status_on(date(2021, 12, 1)) == agreement_status::terminated);
    CHECK(ds.agreements().get("second").end_bounds()->earliest == date(2019, 7, 31));
    CHECK(ds.agreements().continuity("moi", "aple").transitions.at(1).gap_days == 31L);
    CHECK(ds.notes().at(0).text == "Made up for the tests.");
}

TEST_CASE("documents round-trip through text and files", "[io]") {
    const auto ds = io::load(data_dir + "/partnership.json");
    const std::string text = io::to_json(ds);
    CHECK(text.rfind("{\n  \"tipstats\": 2,", 0) == 0);
    CHECK(text.find("\"observations\": []") != std::string::npos);
    CHECK(text.find("អង្គការ") != std::string::npos);  // UTF-8 kept readable
    const auto again = io::from_json(text);
    CHECK(again == ds);
    CHECK(io::to_json(again) == text);

    const auto path = std::filesystem::temp_directory_path() / "tipstats_round_trip.json";
    io::save(ds, path);
    CHECK(io::load(path) == ds);
    std::filesystem::remove(path);

    const auto aple = ds.partners().get("aple");
    CHECK(io::partner_from_json(io::to_json(aple)) == aple);
    const auto third = ds.agreements().get("third");
    CHECK(io::agreement_from_json(io::to_json(third)) == third);
    CHECK(io::from_json(io::to_json(tipstats::dataset())) == tipstats::dataset());
}

TEST_CASE("syntax errors give file, line, column and the field being read", "[io]") {
    try {
        (void)io::load(data_dir + "/malformed.json");
        FAIL("no exception");
    } catch (const tipstats::parse_error& e) {
        CHECK(e.file() == data_dir + "/malformed.json");
        CHECK(e.line() == 5);
        CHECK(e.column() == 19);  // the second string where a ':' or ',' belongs
        CHECK(e.field() == "partners[1].id");
        CHECK(std::string(e.what()).find("malformed.json:5:19") != std::string::npos);
    }
    const auto truncated = failure_of("{\"tipstats\": 1, \"partners\": [");
    CHECK(truncated.kind == "parse");
    CHECK(truncated.line == 1);
    CHECK(failure_of("").kind == "parse");
    CHECK(failure_of("{\"tipstats\": 1, \"title\": \"\xff\"}").kind == "parse");  // not UTF-8
}

TEST_CASE("bad values give the line of the value and its field", "[io]") {
    struct Case {
        std::string text;
        std::string kind;
        std::string field;
        std::size_t line;
        std::string message;
    };
    const std::string ok = R"(    {"id": "a", "parties": ["moi", "aple"], "signed": "2019"})";
    const Case cases[] = {
        {document(ok + ",\n    {\"id\": \"b\", \"parties\": [\"moi\", \"apple\"]}"), "validation",
         "agreements[1].parties[1].partner_id", 9, "unknown partner 'apple'"},
        {document(ok + ",\n" + ok), "validation", "agreements[1].id", 9, "duplicate id 'a'"},
        {document(R"(    {"id": "a", "parties": ["moi"],
     "start": "2019-08-01", "end": "2019-07-31"})"),
         "validation", "agreements[0].end", 9, "before start"},
        {document(R"(    {"id": "a", "parties": ["moi"],
     "signed": "2019-02-30"})"),
         "parse", "agreements[0].signed", 9, "impossible date 2019-02-30"},
        {document(R"(    {"id": "a", "parties": ["moi"], "sigend": "2019"})"), "parse", "agreements[0].sigend", 8,
         "unknown field 'sigend'"},
        {document(R"(    {"id": "a", "parties": ["moi"], "term_months": "36"})"), "parse",
         "agreements[0].term_months", 8, "expected a whole number"},
        {document(R"(    {"id": "a", "kind": "treaty", "parties": ["moi"]})"), "parse", "agreements[0].kind", 8,
         "unknown agreement kind 'treaty'"},
        {document(R"(    {"parties": ["moi"]})"), "parse", "agreements[0].id", 8, "missing required field 'id'"},
        {document(R"(    {"id": "a", "parties": ["moi"], "renews": "z"})"), "validation", "agreements[0].renews", 8,
         "renews unknown agreement 'z'"},
        {document("", R"(
    {"id": "moi", "name": "Ministry of Interior"},
    {"id": "ncct", "name": "NCCT", "parent_id": "mio"})"),
         "validation", "partners[1].parent_id", 5, "unknown parent partner 'mio'"},
        {document("", R"(
    {"id": "moi", "name": "Ministry of Interior", "kind": "ministry"})"),
         "parse", "partners[0].kind", 4, "unknown partner kind 'ministry'"},
        {"{\"tipstats\": 3, \"partners\": []}", "parse", "tipstats", 1, "unsupported document version 3"},
        {"{\"partners\": []}", "parse", "tipstats", 1, "not a tipstats document"},
        {"[1, 2]", "parse", "", 1, "expected an object"},
        {"{\"tipstats\": 1,\n \"observations\": [{\"measure\": \"cases\", \"period\": \"2019\"}]}", "parse",
         "observations[0].value", 2, "missing required field 'value'"},
        {"{\"tipstats\": 1,\n \"observations\": [\n{\"measure\": \"cases\", \"period\": \"2019\", \"value\": -3}]}",
         "validation", "observations[0].value", 3, "whole number"},
        {"{\"tipstats\": 1,\n \"observations\": [{\"measure\": \"cases\", \"period\": \"2019\",\n \"value\": \"<\"}]}",
         "parse", "observations[0].value", 3, "bound"},
        {"{\"tipstats\": 1,\n \"observations\": [{\"measure\": \"cases\", \"period\": \"2019\", \"value\": 1e400}]}",
         "parse", "observations[0].value", 2, "number overflow"},
        {"{\"tipstats\": 1,\n \"observations\": [{\"measure\": \"cases\", \"period\": \"2019-H3\", \"value\": 1}]}",
         "parse", "observations[0].period", 2, "not a period"},
        {"{\"tipstats\": 1,\n \"observations\": [{\"measure\": \"cases\", \"period\": \"2019\", \"value\": 1,\n"
         " \"age\": \"teens\"}]}",
         "parse", "observations[0].age", 3, "not an age band"},
        {"{\"tipstats\": 1,\n \"observations\": [{\"measure\": \"cases\", \"period\": \"2019\", \"value\": 1,\n"
         " \"source\": \"nowhere\"}]}",
         "validation", "observations[0].source", 3, "unknown source"},
        {"{\"tipstats\": 1,\n \"title\": \"a\",\n \"title\": \"b\"}", "parse", "title", 3, "duplicate key 'title'"},
        {"{\"tipstats\": 1,\n \"sources\": [{\"id\": \"s\"}],\n \"partners\": [{\"id\": \"moi\", \"name\": \"M\",\n"
         " \"sources\": [\"s\", \"t\"]}]}",
         "validation", "partners[0].sources[1]", 4, "cites unknown source 't'"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto f = failure_of(c.text);
        CHECK(f.kind == c.kind);
        CHECK(f.field == c.field);
        CHECK(f.line == c.line);
        CHECK(f.what.find(c.message) != std::string::npos);
        CHECK(f.what.find("doc.json:" + std::to_string(c.line)) == 0);
    }
}

TEST_CASE("the column points at the start of the offending value", "[io]") {
    const auto f = failure_of(document(R"(    {"id": "a", "parties": ["moi"], "term_months": -3})"));
    CHECK(f.field == "agreements[0].term_months");
    CHECK(f.line == 8);
    CHECK(f.column == 52);  // 4 spaces + 47 characters before the value
    const auto g = failure_of(document(R"(    {"id": "a", "parties": ["moi"], "signed": "2019-13"})"));
    CHECK(g.field == "agreements[0].signed");
    CHECK(g.column == 47);
}

TEST_CASE("a file that cannot be read is a tipstats error", "[io]") {
    CHECK_THROWS_AS(io::load(data_dir + "/no such file.json"), tipstats::io_error);
}

TEST_CASE("the bundled Cambodia 2019 document loads in C++ too", "[io]") {
    const auto ds = io::load(data_dir + "/../../python/tipstats/data/cambodia_2019.json");
    CHECK(ds.partners().size() == 7);
    CHECK(ds.agreements().size() == 5);
    CHECK(ds.partners().find("APLE").name == "Action Pour Les Enfants");
    const auto cpu = ds.agreements().get("moi-cpu-2019");
    CHECK(cpu.term_months == 36);
    CHECK(cpu.renewal_count() == 1);
    CHECK(cpu.status_on(date(2020, 6, 1)) == agreement_status::active);
    CHECK(io::from_json(io::to_json(ds)) == ds);
}

TEST_CASE("observations round-trip through documents", "[io][observations]") {
    const std::string text = R"({"tipstats": 1,
 "sources": [{"id": "s"}],
 "observations": [
  {"measure": "victims_rescued", "value": 263, "period": "2019-H1", "area": "KHM", "offence": "sexual_assault", "source": "s"},
  {"measure": "victims_rescued", "value": "<5", "period": "2018-H1", "age": "15-17", "sex": "female"},
  {"measure": "victims_detected", "value": null, "period": "2019-01-01/2019-06-30", "note": "not published"},
  {"measure": "victims_detected", "value": 123456789012345, "period": "2020"},
  {"measure": "rate", "value": 0.1, "unit": "per_100000", "period": "2020"}
 ]})";
    const auto ds = tipstats::io::from_json(text);
    REQUIRE(ds.observations().size() == 5);
    CHECK(ds.observations()[1].value == tipstats::quantity::below(5));
    CHECK(ds.observations()[2].value.is_missing());
    CHECK(ds.observations()[3].value.value() == 123456789012345.0);
    CHECK(ds.observations()[4].value.value() == 0.1);
    const auto again = tipstats::io::from_json(tipstats::io::to_json(ds));
    CHECK(again == ds);
    CHECK(tipstats::io::to_json(again) == tipstats::io::to_json(ds));
    CHECK(tipstats::io::to_json(ds).find("\"value\": 123456789012345,") != std::string::npos);
    CHECK(ds.series("victims_rescued", {.offence = "sexual_assault"}).size() == 1);

    // Adding observations to a dataset checks them and their sources, all or nothing.
    tipstats::dataset copy = ds;
    const std::vector<tipstats::observation> rows{
        {.measure = "cases", .value = tipstats::quantity::exact(3), .period = tipstats::period::parse("2021")},
        {.measure = "cases", .value = tipstats::quantity::exact(4), .period = tipstats::period::parse("2022"),
         .source = "unknown"}};
    CHECK_THROWS_AS(copy.add_observations(rows), tipstats::validation_error);
    CHECK(copy == ds);
    copy.add_observations(std::span(rows.data(), 1));
    CHECK(copy.observations().size() == 6);
}
