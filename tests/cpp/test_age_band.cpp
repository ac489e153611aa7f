#include "catch.hpp"

#include <tipstats/time/age_band.hpp>

#include <algorithm>
#include <string>
#include <vector>

using tipstats::age_band;

TEST_CASE("age bands parse and print their canonical forms", "[time][age]") {
    const auto child = age_band::parse("0-14");
    CHECK(child.lower() == 0);
    CHECK(child.upper() == 15);  // "0-14" is ages 0 to 14 inclusive: [0, 15)
    CHECK(child.to_string() == "0-14");
    const auto teen = age_band::parse(" 15-17 ");
    CHECK(teen.lower() == 15);
    CHECK(teen.upper() == 18);
    const auto adult = age_band::parse("18+");
    CHECK(adult.lower() == 18);
    CHECK_FALSE(adult.upper().has_value());
    CHECK(age_band::parse("all").is_all());
    CHECK(age_band::parse("unknown").is_unknown());
    CHECK_FALSE(age_band::parse("unknown").lower().has_value());
    CHECK(age_band::parse("7-7").upper() == 8);
    for (const char* text : {"0-14", "15-17", "18+", "all", "unknown", "0-0", "48+", "0-150"})
        CHECK(age_band::parse(text).to_string() == text);
    CHECK(age_band::range(15, 18) == teen);
    CHECK(age_band::range(18) == adult);
}

TEST_CASE("malformed age bands are parse errors naming the text", "[time][age]") {
    for (const char* bad : {"", "15", "14-0", "-14", "0-", "0--14", "18++", "a-b", "0-14 years", "All", "12345+", "0-151",
                            "151+", "1 - 4"}) {
        INFO(bad);
        CHECK_THROWS_AS(age_band::parse(bad), tipstats::parse_error);
    }
    try {
        age_band::parse("14-0");
        FAIL("no exception");
    } catch (const tipstats::parse_error& e) {
        CHECK(std::string(e.what()).find("'14-0'") != std::string::npos);
    }
    CHECK_THROWS_AS(age_band::range(15, 15), tipstats::domain_error);
    CHECK_THROWS_AS(age_band::range(-1, 4), tipstats::domain_error);
}

TEST_CASE("age band relations follow half-open intervals", "[time][age]") {
    const auto b0_14 = age_band::parse("0-14");
    const auto b15_17 = age_band::parse("15-17");
    const auto b0_17 = age_band::parse("0-17");
    const auto adult = age_band::parse("18+");
    const auto all = age_band::all();
    const auto unknown = age_band::unknown();
    CHECK(b0_14.contains_age(14));
    CHECK_FALSE(b0_14.contains_age(15));
    CHECK(b15_17.contains_age(17));
    CHECK_FALSE(b15_17.contains_age(18));  // "aged between 15 and 18" stops before 18
    CHECK(adult.contains_age(99));
    CHECK_FALSE(unknown.contains_age(30));
    CHECK(all.contains_age(0));

    CHECK(b0_17.contains(b0_14));
    CHECK(b0_17.contains(b15_17));
    CHECK_FALSE(b0_14.contains(b0_17));
    CHECK_FALSE(b0_17.contains(adult));
    CHECK(age_band::parse("15+").contains(adult));
    CHECK_FALSE(adult.contains(age_band::parse("15+")));
    CHECK(all.contains(adult));
    CHECK(all.contains(unknown));
    CHECK(unknown.contains(unknown));
    CHECK_FALSE(unknown.contains(b0_14));
    CHECK_FALSE(b0_14.contains(unknown));
    CHECK_FALSE(adult.contains(all));

    CHECK_FALSE(b0_14.overlaps(b15_17));  // they meet at 15 but share no age
    CHECK(b0_17.overlaps(b15_17));
    CHECK(age_band::parse("15+").overlaps(b15_17));
    CHECK_FALSE(adult.overlaps(b15_17));
    CHECK(all.overlaps(unknown));
    CHECK_FALSE(unknown.overlaps(adult));
}

TEST_CASE("age bands order as table rows: by lower bound, narrower first, then all, then unknown", "[time][age]") {
    std::vector<age_band> bands{age_band::unknown(), age_band::parse("18+"), age_band::all(), age_band::parse("15-17"),
                               age_band::parse("0-17"), age_band::parse("0-14")};
    std::sort(bands.begin(), bands.end());
    std::vector<std::string> texts;
    for (const auto& b : bands) texts.push_back(b.to_string());
    CHECK(texts == std::vector<std::string>{"0-14", "0-17", "15-17", "18+", "all", "unknown"});
    CHECK(age_band::parse("0-14") == age_band::range(0, 15));
    CHECK(age_band::parse("0-14") != age_band::parse("0-17"));
}

TEST_CASE("labels from reports and CTDC map to bands through one table", "[time][age]") {
    const auto band = [](const char* label) { return age_band::from_label(label).to_string(); };
    // Phnom Penh Post, seed article: "children under the age of 15", "aged between 15 and 18 years old".
    CHECK(band("children under the age of 15") == "0-14");
    CHECK(band("Under 15") == "0-14");
    CHECK(band("under  15 years") == "0-14");
    CHECK(band("aged between 15 and 18 years old") == "15-17");
    CHECK(band("15 to 18") == "15-17");
    CHECK(band("15-18 years old") == "15-17");
    CHECK(band("Adults") == "18+");
    CHECK(band("18 and over") == "18+");
    CHECK(band("minors") == "0-17");
    CHECK(band("under 18") == "0-17");
    CHECK(band("Total") == "all");
    CHECK(band("all ages") == "all");
    CHECK(band("not stated") == "unknown");
    CHECK(band("Unknown") == "unknown");
    // CTDC ageBroad, double hyphens.
    CHECK(band("0--8") == "0-8");
    CHECK(band("9--17") == "9-17");
    CHECK(band("30--38") == "30-38");
    CHECK(band("48+") == "48+");
    // Canonical forms are labels too.
    CHECK(band("0-14") == "0-14");
    CHECK(band("18+") == "18+");
    // Every row of the table names a canonical band.
    for (const auto& row : tipstats::age_band_labels()) {
        INFO(row.label);
        CHECK(age_band::from_label(row.label).to_string() == row.band);
    }
    try {
        age_band::from_label("teenagers");
        FAIL("no exception");
    } catch (const tipstats::parse_error& e) {
        CHECK(std::string(e.what()).find("'teenagers'") != std::string::npos);
        const auto located = e.located({"ctdc.csv", 12, 0, "ageBroad"});
        CHECK(std::string(located.what()).find("ctdc.csv:12") != std::string::npos);
        CHECK(located.field() == "ageBroad");
    }
}
