#include "catch.hpp"

#include <tipstats/io/csv.hpp>
#include <tipstats/model/iso3166.hpp>
#include <tipstats/model/observations.hpp>

#include <cmath>
#include <limits>

using tipstats::age_band;
using tipstats::finding;
using tipstats::observation;
using tipstats::observations;
using tipstats::period;
using tipstats::quantity;
using tipstats::sex;

namespace {
observation rescued(const char* period, quantity value, const char* age = "all", const char* source = "ppp") {
    return observation{.measure = "victims_rescued",
                       .value = value,
                       .period = period::parse(period),
                       .area = "KHM",
                       .offence = "sexual_assault",
                       .age = age_band::parse(age),
                       .source = source};
}

std::size_t count_kind(const std::vector<finding>& findings, finding::kind k) {
    std::size_t n = 0;
    for (const auto& f : findings) n += f.what == k ? 1 : 0;
    return n;
}
}  // namespace

TEST_CASE("quantities keep censoring and give bounds", "[observations]") {
    const auto five = quantity::parse("<5");
    CHECK(five.is_censored());
    CHECK(five.bound() == 5);
    CHECK(std::isnan(five.value_or_nan()));
    CHECK_THROWS_AS(five.value(), tipstats::validation_error);
    CHECK(five.bounds(true) == tipstats::bounds{0, 4});
    CHECK(five.bounds(false) == tipstats::bounds{0, 5});
    CHECK(quantity::parse("> 1000").bounds(true) == tipstats::bounds{1001, std::numeric_limits<double>::infinity()});
    CHECK(quantity::parse("263").value() == 263);
    CHECK(quantity::parse("2.5e3").value() == 2500);
    CHECK(quantity::parse("").is_missing());
    CHECK(quantity::parse("NA").is_missing());
    CHECK(quantity::parse("<5").to_string() == "<5");
    CHECK(quantity::parse("0.1").to_string() == "0.1");
    CHECK(quantity::exact(1e15 + 1).to_string() == "1000000000000001");
    for (const char* bad : {"<", "five", "1e400", "<0", "12abc", "nan5", "NaN", "inf", "-inf"}) {
        INFO(bad);
        CHECK_THROWS_AS(quantity::parse(bad), tipstats::parse_error);
    }
    CHECK_THROWS_AS(quantity::exact(std::nan("")), tipstats::domain_error);

    const std::vector<quantity> parts{quantity::exact(70), quantity::parse("<5"), quantity::missing()};
    const auto sum = tipstats::sum_bounds(parts, true);
    CHECK(sum.lower == 70);
    CHECK(std::isinf(sum.upper));
}

TEST_CASE("rows are validated and added all or nothing", "[observations]") {
    observations table;
    table.add(rescued("2019-H1", quantity::exact(263)));
    auto bad = rescued("2019-H1", quantity::exact(2.5), "0-14");
    CHECK_THROWS_AS(table.add(bad), tipstats::validation_error);
    bad.value = quantity::exact(-1);
    try {
        table.add(bad);
        FAIL("accepted a negative count");
    } catch (const tipstats::validation_error& e) {
        CHECK(e.field() == "observations[1].value");
    }
    std::vector<observation> batch{rescued("2019-H1", quantity::exact(70), "0-14"), bad};
    CHECK_THROWS_AS(table.extend(batch), tipstats::validation_error);
    CHECK(table.size() == 1);
    auto unit = rescued("2019-H1", quantity::exact(1));
    unit.unit = "people";
    CHECK_THROWS_AS(table.add(unit), tipstats::validation_error);
    auto proportion = rescued("2019-H1", quantity::exact(86));
    proportion.unit = "proportion";
    CHECK_THROWS_AS(table.add(proportion), tipstats::validation_error);
    proportion.unit = "percent";
    CHECK_NOTHROW(table.add(proportion));
    CHECK(table.at(1).unit == "percent");
    CHECK_THROWS_AS(table.at(5), tipstats::domain_error);
}

TEST_CASE("columns are categorical", "[observations]") {
    observations table;
    table.add(rescued("2019-H1", quantity::exact(263)));
    table.add(rescued("2019-H1", quantity::exact(70), "0-14"));
    table.add(rescued("2019-H1", quantity::exact(31), "15-17"));
    table.add(rescued("2018-H1", quantity::parse("<5"), "15-17"));
    CHECK(table.labels(tipstats::dimension::measure) == std::vector<std::string>{"victims_rescued"});
    CHECK(table.codes(tipstats::dimension::measure) == std::vector<int>{0, 0, 0, 0});
    CHECK(table.labels(tipstats::dimension::age) == std::vector<std::string>{"all", "0-14", "15-17"});
    CHECK(table.codes(tipstats::dimension::age) == std::vector<int>{0, 1, 2, 2});
    CHECK(table.labels(tipstats::dimension::period) == std::vector<std::string>{"2019-H1", "2018-H1"});
    CHECK(std::isnan(table.numbers()[3]));
    CHECK(table[3].value == quantity::below(5));
    CHECK(table[1].age == age_band::parse("0-14"));
}

TEST_CASE("the seed's breakdown holds and an impossible one is reported", "[observations]") {
    observations seed;
    seed.add(rescued("2019-H1", quantity::exact(263)));
    seed.add(rescued("2019-H1", quantity::exact(70), "0-14"));
    seed.add(rescued("2019-H1", quantity::exact(31), "15-17"));
    CHECK(seed.check().empty());

    observations wrong;
    wrong.add(rescued("2019-H1", quantity::exact(263)));
    wrong.add(rescued("2019-H1", quantity::exact(200), "0-14"));
    wrong.add(rescued("2019-H1", quantity::exact(100), "15-17"));
    const auto findings = wrong.check();
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].what == finding::kind::exceeds_total);
    CHECK(findings[0].dimension == "age");
    CHECK(findings[0].rows == std::vector<std::size_t>{0, 1, 2});

    // Censored parts count with their least possible value: "<5" may be zero.
    observations censored;
    censored.add(rescued("2019-H1", quantity::exact(10)));
    censored.add(rescued("2019-H1", quantity::exact(10), "0-14"));
    censored.add(rescued("2019-H1", quantity::parse("<5"), "15-17"));
    CHECK(censored.check().empty());
    // A censored total bounds the parts from above: "<5" is at most 4.
    observations small;
    small.add(rescued("2019-H1", quantity::parse("<5")));
    small.add(rescued("2019-H1", quantity::exact(5), "0-14"));
    CHECK(count_kind(small.check(), finding::kind::exceeds_total) == 1);
}

TEST_CASE("overlapping bands, duplicates and periods that do not nest", "[observations]") {
    observations table;
    table.add(rescued("2019-H1", quantity::exact(263)));
    table.add(rescued("2019-H1", quantity::exact(101), "0-17"));
    table.add(rescued("2019-H1", quantity::exact(70), "0-14"));
    table.add(rescued("2019-H1", quantity::exact(70), "0-14"));                    // duplicate
    table.add(rescued("2019-H1", quantity::exact(70), "0-14", "another_source"));  // not a duplicate
    table.add(rescued("2019-04-01/2019-09-30", quantity::exact(150)));
    const auto findings = table.check();
    CHECK(count_kind(findings, finding::kind::duplicate) == 1);
    CHECK(count_kind(findings, finding::kind::overlapping_bands) == 1);
    CHECK(count_kind(findings, finding::kind::periods_do_not_nest) >= 1);
    CHECK(count_kind(findings, finding::kind::exceeds_total) == 0);
}

TEST_CASE("finer periods may not add up to more than the coarser one", "[observations]") {
    observations table;
    table.add(rescued("2019", quantity::exact(300)));
    table.add(rescued("2019-H1", quantity::exact(263)));
    table.add(rescued("2019-Q3", quantity::exact(40)));
    table.add(rescued("2019-Q1", quantity::exact(100)));  // inside H1: not summed with it
    const auto findings = table.check();
    REQUIRE(count_kind(findings, finding::kind::exceeds_total) == 1);
    CHECK(findings.back().rows == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("series select, order, compare and resample", "[observations]") {
    observations table;
    table.add(rescued("2019-H1", quantity::exact(263)));
    table.add(rescued("2018-H1", quantity::exact(105)));
    table.add(rescued("2018-H2", quantity::parse("<5")));
    table.add(rescued("2019-H1", quantity::exact(70), "0-14"));
    table.add(rescued("2017-Q1", quantity::exact(7)));

    const auto s = table.series("victims_rescued", {.offence = "sexual_assault"});
    REQUIRE(s.size() == 4);
    CHECK(s.periods()[0].to_string() == "2017-Q1");
    CHECK(s.periods()[3].to_string() == "2019-H1");
    CHECK(s.numbers()[3] == 263);
    CHECK(s.censored()[2] == 1);
    CHECK(s.upper()[2] == 4);
    CHECK(s.x()[0] == Approx(2017 + 45.5 / 365));

    const auto yoy = s.same_period_last_year();
    CHECK(yoy.previous_periods[3].to_string() == "2018-H1");
    CHECK(yoy.previous_values[3].value() == 105);
    CHECK(yoy.previous_values[0].is_missing());

    const auto years = s.resample(tipstats::period_kind::year);
    REQUIRE(years.series.size() == 1);
    CHECK(years.series.periods()[0].to_string() == "2018");
    CHECK(years.series.values()[0].is_missing());  // 105 + "<5": bounds only
    CHECK(years.series.lower()[0] == 105);
    CHECK(years.series.upper()[0] == 109);
    CHECK(years.incomplete.size() == 2);  // 2017 (one quarter), 2019 (H1 only)

    const auto children = table.series("victims_rescued", {.offence = "sexual_assault", .age = age_band::parse("0-14")});
    CHECK(children.size() == 1);
    CHECK_THROWS_AS(table.series("arrests"), tipstats::not_found_error);
    CHECK_THROWS_AS(table.series("victims_rescued"), tipstats::not_found_error);  // offence defaults to all

    table.add(rescued("2019-H1", quantity::exact(260), "all", "another_source"));
    CHECK_THROWS_AS(table.series("victims_rescued", {.offence = "sexual_assault"}), tipstats::validation_error);
    CHECK(table.series("victims_rescued", {.offence = "sexual_assault", .source = "ppp"}).size() == 4);
}

TEST_CASE("decimal midpoints", "[observations]") {
    CHECK(tipstats::series::decimal_midpoint(period::parse("2019")) == Approx(2019.5));
    CHECK(tipstats::series::decimal_midpoint(period::parse("2019-07-02")) == Approx(2019 + 182.5 / 365));
    CHECK(tipstats::series::decimal_midpoint(period::parse("2020")) == Approx(2020.5));
}

TEST_CASE("periods written differently but covering the same days are the same period", "[observations]") {
    observations table;
    table.add(rescued("2019-H1", quantity::exact(263)));
    table.add(rescued("2019-01-01/2019-06-30", quantity::exact(263)));
    CHECK(table.labels(tipstats::dimension::period) == std::vector<std::string>{"2019-H1", "2019-01-01/2019-06-30"});
    CHECK(count_kind(table.check(), finding::kind::duplicate) == 1);
    // Rows with the same labels and days are parts of one figure: the series adds them.
    const auto series = table.series("victims_rescued", {.offence = "sexual_assault"});
    REQUIRE(series.size() == 1);
    CHECK(series.values()[0] == quantity::exact(526));
}

namespace {
/// A GLOTIP-shaped row: victims detected in Albania in 2017, by citizenship when `citizenship` is set.
observation detected(quantity value, const std::string& citizenship = {}, const std::string& offence = "all") {
    observation o{.measure = "victims_detected",
                  .value = value,
                  .period = period::year(2017),
                  .area = "ALB",
                  .offence = offence,
                  .source = "unodc-glotip"};
    if (!citizenship.empty()) o.extra_dimensions = {{"citizenship", citizenship}};
    return o;
}
}  // namespace

TEST_CASE("extra dimensions are declared, categorical, and 'all' where a row does not name them", "[observations]") {
    observations table({"citizenship"});
    table.add(detected(quantity::exact(105)));
    table.add(detected(quantity::exact(60), "unknown"));
    table.add(detected(quantity::exact(45), "Albania"));
    CHECK(table.extra_dimensions() == std::vector<std::string>{"citizenship"});
    CHECK(table.dimensions().back() == "citizenship");
    CHECK(table.labels("citizenship") == std::vector<std::string>{"all", "unknown", "Albania"});
    CHECK(table.codes("citizenship") == std::vector<int>{0, 1, 2});
    CHECK(table.codes("area") == table.codes(tipstats::dimension::area));
    CHECK(table[0].extra_dimensions.empty());
    CHECK(table[2].category("citizenship") == "Albania");
    CHECK(table.check().empty());  // 60 + 45 = 105

    // An undeclared dimension is refused, naming the row and field; nothing is added.
    auto typo = detected(quantity::exact(1));
    typo.extra_dimensions = {{"citizenshp", "Albania"}};
    try {
        table.add(typo);
        FAIL("accepted an undeclared dimension");
    } catch (const tipstats::validation_error& e) {
        CHECK(e.field() == "observations[3].citizenshp");
    }
    CHECK(table.size() == 3);
    CHECK_THROWS_AS(table.codes("citizenshp"), tipstats::domain_error);
    for (const std::string& bad : std::vector<std::string>{"Citizenship", "1st", "", "offence", "value", "note", std::string(65, 'a')})
        CHECK_THROWS_AS(observations({bad}), tipstats::validation_error);

    // Declaring later: the rows already there are the total.
    table.add_dimension("country_of_repatriation");
    CHECK(table.labels("country_of_repatriation") == std::vector<std::string>{"all"});
    CHECK(table.codes("country_of_repatriation") == std::vector<int>{0, 0, 0});

    // Tables compare by their dimensions too, and extend() brings another table's dimensions along.
    observations other({"citizenship"});
    other.add(detected(quantity::exact(3), "Kosovo"));
    observations merged;
    merged.extend(other);
    CHECK(merged.extra_dimensions() == std::vector<std::string>{"citizenship"});
    CHECK(merged == other);
    CHECK(!(merged == observations({"citizenship", "sex_at_birth"})));
}

TEST_CASE("a breakdown along an extra dimension is checked against its total", "[observations]") {
    observations table({"citizenship"});
    table.add(detected(quantity::below(5)));  // the Pakistan 2019 pattern: a total "<5" ...
    table.add(detected(quantity::exact(6112019), "Nationals"));  // ... under parts of millions
    table.add(detected(quantity::exact(61102019), "Q6.1_10s_2019"));
    const auto findings = table.check();
    REQUIRE(count_kind(findings, finding::kind::exceeds_total) == 1);
    const auto& f = findings.front();
    CHECK(f.dimension == "citizenship");
    CHECK(f.rows == std::vector<std::size_t>{0, 1, 2});
    CHECK(f.lines.empty());  // built in memory
    CHECK(f.message.find("rows 1, 2 adds up to at least 67214038") != std::string::npos);
    CHECK(f.message.find("total in row 0 (at most 4)") != std::string::npos);

    // Censored parts count with their least value: "<5" parts never exceed a total.
    observations censored({"citizenship"});
    censored.add(detected(quantity::exact(3)));
    censored.add(detected(quantity::below(5), "Romania"));
    censored.add(detected(quantity::below(5), "Albania"));
    CHECK(censored.check().empty());
}

TEST_CASE("rows under one label: a duplicate when exactly equal, else a repeated label; both are added",
          "[observations]") {
    // Albania 2017, Other forms of exploitation, as UNODC's export has it: 27, <5, 5, 20 under one label.
    observations table;
    table.add(detected(quantity::exact(60)));
    for (const auto& v : {quantity::exact(27), quantity::below(5), quantity::exact(5), quantity::exact(20)})
        table.add(detected(v, {}, "other_exploitation"));
    auto findings = table.check();
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].what == finding::kind::repeated_label);
    CHECK(findings[0].dimension == "offence");
    CHECK(findings[0].rows == std::vector<std::size_t>{1, 2, 3, 4});
    const auto series = table.series("victims_detected", {.offence = "other_exploitation"});
    REQUIRE(series.size() == 1);
    CHECK(series.numbers()[0] != series.numbers()[0]);  // NaN: no single value
    CHECK(series.lower()[0] == 52);
    CHECK(series.upper()[0] == 56);
    CHECK(series.censored()[0] == 1);

    // Added against the total too: 52 at least, more than a total of 50.
    table.add(detected(quantity::exact(50), {}, "all"));
    findings = table.check();
    CHECK(count_kind(findings, finding::kind::exceeds_total) == 1);

    // Four "<5" need not be one figure: a repeated label. Two equal exact values: a duplicate.
    observations small;
    for (int i = 0; i < 4; ++i) small.add(detected(quantity::below(5), {}, "forced_labour"));
    small.add(detected(quantity::exact(9), {}, "begging"));
    small.add(detected(quantity::exact(9), {}, "begging"));
    findings = small.check();
    CHECK(count_kind(findings, finding::kind::repeated_label) == 1);
    CHECK(count_kind(findings, finding::kind::duplicate) == 1);
    CHECK(small.series("victims_detected", {.offence = "forced_labour"}).upper()[0] == 16);
}

TEST_CASE("areas without an ISO 3166 code and damaged text are reported", "[observations]") {
    observations table({"citizenship"});
    auto sark = detected(quantity::below(5));
    sark.area = "Sark";
    table.add(sark);
    auto subdivision = detected(quantity::exact(7));
    subdivision.area = "KH-12";
    table.add(subdivision);
    auto kosovo = detected(quantity::exact(3));
    kosovo.area = "XKX";
    table.add(kosovo);
    table.add(detected(quantity::exact(4), "Ciudadanos de su pa\xEF\xBF\xBDs"));
    const auto findings = table.check();
    REQUIRE(count_kind(findings, finding::kind::uncoded_area) == 1);
    REQUIRE(count_kind(findings, finding::kind::damaged_text) == 1);
    for (const auto& f : findings) {
        if (f.what == finding::kind::uncoded_area) {
            CHECK(f.rows == std::vector<std::size_t>{0});
            CHECK(f.message.find("'Sark'") != std::string::npos);
        }
        if (f.what == finding::kind::damaged_text) {
            CHECK(f.dimension == "citizenship");
            CHECK(f.rows == std::vector<std::size_t>{3});
        }
    }
    CHECK(tipstats::is_area_code("KHM"));
    CHECK(tipstats::is_area_code("GB-ENG"));
    CHECK(!tipstats::is_area_code("KHMR"));
    CHECK(!tipstats::is_area_code("ZZ-12"));
    CHECK(!tipstats::is_area_code("khm"));
}

TEST_CASE("extra dimensions filter series and survive the tidy CSV", "[observations]") {
    observations table({"citizenship"});
    table.add(detected(quantity::exact(105)));
    table.add(detected(quantity::exact(60), "unknown"));
    auto later = detected(quantity::exact(70), "unknown");
    later.period = period::year(2018);
    table.add(later);
    const auto unknown = table.series("victims_detected", {.extra = {{"citizenship", "unknown"}}});
    CHECK(unknown.size() == 2);
    CHECK(table.series("victims_detected").size() == 1);  // unnamed: the total
    CHECK_THROWS_AS(table.series("victims_detected", {.extra = {{"citizenship", "Mars"}}}), tipstats::not_found_error);
    CHECK_THROWS_AS(table.series("victims_detected", {.extra = {{"colour", "red"}}}), tipstats::domain_error);

    const std::string text = tipstats::observations_to_csv(table);
    CHECK(text.substr(0, text.find('\n')) == "measure,value,unit,period,area,offence,age,sex,source,citizenship,note");
    const auto again = tipstats::read_observations_csv(text, "again.csv");
    CHECK(again == table);
    CHECK(again.lines() == std::vector<std::size_t>{2, 3, 4});
    CHECK(tipstats::read_observations_csv(text).lines().empty());  // text without a name: no lines
}

TEST_CASE("values known as ranges: parsed, printed, bounded, validated and summed", "[observations]") {
    const auto baseline = quantity::parse("106-111");
    CHECK(baseline.is_range());
    CHECK(!baseline.is_exact());
    CHECK(!baseline.is_censored());
    CHECK(baseline == quantity::parse("[106, 111]"));
    CHECK(baseline == quantity::range(106, 111));
    CHECK(baseline.to_string() == "106-111");
    CHECK(baseline.bounds(true) == tipstats::bounds{106, 111});
    CHECK(quantity::parse(" 1.5 - 2.5 ").bounds(true) == tipstats::bounds{2, 2});  // whole counts within
    CHECK(quantity::parse("1.5-2.5").bounds(false) == tipstats::bounds{1.5, 2.5});
    CHECK(quantity::range(5, 5) == quantity::exact(5));
    CHECK(quantity::range(-5, -3).to_string() == "[-5, -3]");
    CHECK(quantity::parse("[-5, -3]") == quantity::range(-5, -3));
    CHECK(quantity::parse("-5").value() == -5);     // a sign, not a range
    CHECK(quantity::parse("1e-5").value() == 1e-5);  // an exponent, not a range
    CHECK(quantity::parse("1e2-2e2") == quantity::range(100, 200));
    CHECK_THROWS_AS(baseline.value(), tipstats::validation_error);
    for (const char* bad : {"111-106", "5-", "[5]", "[5, x]", "2019-06", "[1, inf]", "1-2-3"}) {
        INFO(bad);
        CHECK_THROWS_AS(quantity::parse(bad), tipstats::parse_error);
    }
    CHECK_THROWS_AS(quantity::range(1, std::numeric_limits<double>::infinity()), tipstats::domain_error);
    CHECK(quantity::from_bounds({106, 111}, true) == baseline);
    CHECK(quantity::from_bounds({52, std::numeric_limits<double>::infinity()}, true) == quantity::above(51));
    CHECK(quantity::from_bounds({0, std::numeric_limits<double>::infinity()}, true).is_missing());

    // A count's range has whole ends; a proportion's lies in [0, 1].
    observation o{.measure = "victims_rescued", .value = quantity::parse("105.5-111"), .period = period::year(2018)};
    CHECK_THROWS_AS(o.validate(), tipstats::validation_error);
    o.unit = "proportion";
    o.value = quantity::parse("0.8-1.2");
    CHECK_THROWS_AS(o.validate(), tipstats::validation_error);

    // In a table: checked against totals as bounds, summed in a series, written and read back.
    observations table;
    table.add(rescued("2019-H1", quantity::exact(100)));
    table.add(rescued("2019-H1", quantity::parse("60-70"), "0-14"));
    table.add(rescued("2019-H1", quantity::parse("30-45"), "15-17"));
    CHECK(table.check().empty());  // at least 90, at most 100
    table.add(rescued("2018-H1", baseline));
    const auto series = table.series("victims_rescued", {.offence = "sexual_assault"});
    CHECK(series.censored() == std::vector<unsigned char>{1, 0});
    CHECK(series.sum() == quantity::range(206, 211));
    CHECK(tipstats::read_observations_csv(tipstats::observations_to_csv(table)) == table);
    observations too_many;
    too_many.add(rescued("2019-H1", quantity::exact(100)));
    too_many.add(rescued("2019-H1", quantity::parse("70-80"), "0-14"));
    too_many.add(rescued("2019-H1", quantity::parse("31-40"), "15-17"));
    CHECK(count_kind(too_many.check(), finding::kind::exceeds_total) == 1);  // at least 101
}

TEST_CASE("a series that is not there names what is", "[observations]") {
    observations table;
    table.add(rescued("2019-H1", quantity::exact(263)));
    table.add(rescued("2019-H1", quantity::exact(70), "0-14"));
    try {
        (void)table.series("victims_rescued");
        FAIL("found");
    } catch (const tipstats::not_found_error& e) {
        const std::string what = e.what();
        CHECK(what.find("offence: sexual_assault") != std::string::npos);
        CHECK(what.find("age: all, 0-14") != std::string::npos);
        CHECK(e.key() == "victims_rescued (offence=all, age=all, sex=all)");
    }
    try {
        (void)table.series("victims");
        FAIL("found");
    } catch (const tipstats::not_found_error& e) {
        CHECK(std::string(e.what()).find("the measures are victims_rescued") != std::string::npos);
        CHECK(e.key() == "victims");
    }
}
