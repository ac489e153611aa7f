#include "catch.hpp"

#include <tipstats/model/dataset.hpp>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

using tipstats::agreement;
using tipstats::agreement_status;
using tipstats::dataset;
using tipstats::date;
using tipstats::partial_date;
using tipstats::partner;

namespace {

partner make_partner(std::string id, std::string name, std::string acronym = {}, std::string parent = {}) {
    partner p;
    p.id = std::move(id);
    p.name = std::move(name);
    p.acronym = std::move(acronym);
    p.parent_id = std::move(parent);
    return p;
}

agreement make_agreement(std::string id, std::vector<std::string> parties) {
    agreement a;
    a.id = std::move(id);
    for (auto& p : parties) a.parties.push_back({std::move(p), tipstats::party_role::signatory});
    return a;
}

std::vector<partner> cambodian_partners() {
    return {make_partner("moi", "Ministry of Interior"),
            make_partner("ncct", "National Committee for Counter-Trafficking", "NCCT", "moi"),
            make_partner("aple", "Action Pour Les Enfants", "APLE"), make_partner("cpu", "Child Protection Unit", "CPU")};
}

template <class F>
std::string validation_field(F f) {
    try {
        f();
    } catch (const tipstats::validation_error& e) {
        return e.field();
    }
    return "(no validation_error)";
}

// status_on as first written: the status changes sorted by earliest day (stably), then walked in
// that order. The library walks them unsorted, without a copy; both must agree.
agreement_status status_on_sorted(const agreement& a, const date& day) {
    const auto s = a.start_bounds();
    if (!s) return agreement_status::unknown;
    if (day < s->earliest) return agreement_status::pending;
    if (day < s->latest) return agreement_status::unknown;
    std::vector<tipstats::status_change> changes = a.status_changes;
    std::stable_sort(changes.begin(), changes.end(), [](const auto& x, const auto& y) {
        return x.date.earliest() < y.date.earliest();
    });
    const auto e = a.end_bounds();
    std::optional<tipstats::status_change_kind> in_effect;
    for (const auto& change : changes) {
        if (change.date.earliest() > day) break;
        if (e && change.date.earliest() > e->latest) break;
        if (change.date.latest() > day) return agreement_status::unknown;
        if (change.kind == tipstats::status_change_kind::terminated) return agreement_status::terminated;
        in_effect = change.kind;
    }
    if (e && day > e->latest) return agreement_status::expired;
    if (!e || day > e->earliest) return agreement_status::unknown;
    return in_effect == tipstats::status_change_kind::suspended ? agreement_status::suspended : agreement_status::active;
}

}  // namespace

TEST_CASE("status_on walks unsorted status changes as the sorted walk does", "[model]") {
    std::mt19937 random(20261130);
    const auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    for (int trial = 0; trial < 300; ++trial) {
        agreement a = make_agreement("mou", {"moi", "aple"});
        a.start = pick(0, 3) == 0 ? partial_date(2019) : partial_date(date(2019, pick(1, 12), pick(1, 28)));
        if (pick(0, 3) != 0) a.end = partial_date(date(2021, pick(1, 12), pick(1, 28)));
        const int changes = pick(0, 5);
        for (int c = 0; c < changes; ++c) {
            const auto kind = static_cast<tipstats::status_change_kind>(pick(0, 2));
            const int year = pick(2019, 2022);
            // Exact days, months and whole years, with repeats, so that ties and overlaps occur.
            const int precision = pick(0, 2);
            const partial_date when = precision == 0   ? partial_date(year)
                                      : precision == 1 ? partial_date(year, pick(1, 12))
                                                       : partial_date(date(year, pick(1, 12), pick(1, 28)));
            a.status_changes.push_back({kind, when, ""});
        }
        for (int y = 2018; y <= 2023; ++y)
            for (int m = 1; m <= 12; ++m)
                for (const int d : {1, 15, 28}) {
                    const date day(y, m, d);
                    REQUIRE(a.status_on(day) == status_on_sorted(a, day));
                }
    }
}


TEST_CASE("names fold case, Latin diacritics and spaces but keep other scripts", "[model]") {
    using tipstats::fold_name;
    CHECK(fold_name("Action Pour Les Enfants") == "action pour les enfants");
    CHECK(fold_name("  ACTION  pour\tlés ÉNFANTS ") == "action pour les enfants");
    CHECK(fold_name("Łódź Straße Œuvre Ĳssel") == "lodz strasse oeuvre ijssel");
    CHECK(fold_name("×÷") == "×÷");
    CHECK(fold_name("អង្គការ") == "អង្គការ");
    CHECK(fold_name("\xff\xfe") == "\xff\xfe");  // not UTF-8: kept byte for byte
    CHECK(fold_name("") == "");
}

TEST_CASE("partners are found by id, acronym or any name", "[model]") {
    auto partners = cambodian_partners();
    partners[2].other_names = {"Açtion pour les Énfants"};
    const tipstats::partner_registry registry(partners);
    CHECK(registry.find("aple").id == "aple");
    CHECK(registry.find("APLE").id == "aple");
    CHECK(registry.find("action pour les enfants").id == "aple");
    CHECK(registry.find("ACTION POUR LÉS ENFANTS").id == "aple");
    CHECK(registry.find("  ministry   of interior ").id == "moi");
    CHECK(registry.get("cpu").name == "Child Protection Unit");
    CHECK_THROWS_AS(registry.find("Action pour les enfants du monde"), tipstats::not_found_error);
    CHECK_THROWS_AS(registry.get("APLE"), tipstats::not_found_error);  // get takes exact ids only

    const auto chain = registry.parent_chain("ncct");
    REQUIRE(chain.size() == 2);
    CHECK(chain[0]->id == "ncct");
    CHECK(chain[1]->id == "moi");
    CHECK(chain[1] == &registry.get("moi"));
    CHECK(registry.parent_chain("moi").size() == 1);

    partners.push_back(make_partner("aple-kh", "APLE Cambodia", "APLE"));
    const tipstats::partner_registry shared_acronym(partners);
    CHECK_THROWS_AS(shared_acronym.find("apLE "), tipstats::domain_error);
    CHECK(shared_acronym.find("aple").id == "aple");  // an exact id always wins
    CHECK(shared_acronym.find_all("APLE").size() == 2);
}

TEST_CASE("partner registries reject bad partners, naming the field", "[model]") {
    auto with = [](std::vector<partner> ps) { return [ps] { tipstats::partner_registry r(ps); }; };
    auto ps = cambodian_partners();
    ps.push_back(make_partner("aple", "Another"));
    CHECK(validation_field(with(ps)) == "partners[4].id");

    ps = cambodian_partners();
    ps[3].parent_id = "nobody";
    CHECK(validation_field(with(ps)) == "partners[3].parent_id");

    ps = cambodian_partners();
    ps[0].parent_id = "ncct";  // moi -> ncct -> moi
    CHECK(validation_field(with(ps)) == "partners[0].parent_id");

    ps = cambodian_partners();
    ps[1].id = "NCCT";
    CHECK(validation_field(with(ps)) == "partners[1].id");

    ps = cambodian_partners();
    ps[2].country = "KH";
    CHECK(validation_field(with(ps)) == "partners[2].country");

    ps = cambodian_partners();
    ps[2].name = " ";
    CHECK(validation_field(with(ps)) == "partners[2].name");
}

TEST_CASE("the end of a term is start + term - 1 day", "[model]") {
    agreement a = make_agreement("mou", {"moi", "aple"});
    a.start = partial_date(date(2019, 8, 1));
    a.term_months = 36;
    REQUIRE(a.end_bounds());
    CHECK(a.end_bounds()->earliest == date(2022, 7, 31));
    CHECK(a.end_bounds()->is_exact());

    a.start = partial_date(date(2020, 2, 29));  // clamped to the end of a shorter month
    a.term_months = 12;
    CHECK(a.end_bounds()->earliest == date(2021, 2, 27));

    // A start known to the year gives a range of possible ends.
    a.start = partial_date(2019);
    a.term_months = 36;
    CHECK(a.end_bounds()->earliest == date(2021, 12, 31));
    CHECK(a.end_bounds()->latest == date(2022, 12, 30));

    // No start: the agreement starts when signed.
    a.start.reset();
    a.signed_date = partial_date(date(2019, 8, 1));
    CHECK(a.start_bounds()->earliest == date(2019, 8, 1));
    CHECK(a.end_bounds()->earliest == date(2022, 7, 31));
}

TEST_CASE("status on a date, claimed only when the known dates allow one answer", "[model]") {
    agreement a = make_agreement("mou", {"moi", "aple"});
    CHECK(a.status_on(date(2020, 1, 1)) == agreement_status::unknown);  // no date at all

    a.start = partial_date(date(2019, 9, 1));
    a.end = partial_date(date(2022, 7, 31));
    CHECK(a.status_on(date(2019, 8, 31)) == agreement_status::pending);
    CHECK(a.status_on(date(2019, 9, 1)) == agreement_status::active);
    CHECK(a.status_on(date(2022, 7, 31)) == agreement_status::active);
    CHECK(a.status_on(date(2022, 8, 1)) == agreement_status::expired);

    a.status_changes = {{tipstats::status_change_kind::suspended, partial_date(date(2020, 4, 1)), "lockdown"},
                        {tipstats::status_change_kind::resumed, partial_date(date(2020, 7, 1)), ""},
                        {tipstats::status_change_kind::terminated, partial_date(date(2021, 12, 1)), ""}};
    CHECK(a.status_on(date(2020, 3, 31)) == agreement_status::active);
    CHECK(a.status_on(date(2020, 4, 1)) == agreement_status::suspended);
    CHECK(a.status_on(date(2020, 7, 1)) == agreement_status::active);
    CHECK(a.status_on(date(2021, 12, 1)) == agreement_status::terminated);
    CHECK(a.status_on(date(2030, 1, 1)) == agreement_status::terminated);
    CHECK(a.last_day_bounds()->earliest == date(2021, 11, 30));

    // A termination reported to the month: unknown during that month.
    a.status_changes = {{tipstats::status_change_kind::terminated, partial_date(2021, 12), ""}};
    CHECK(a.status_on(date(2021, 11, 30)) == agreement_status::active);
    CHECK(a.status_on(date(2021, 12, 15)) == agreement_status::unknown);
    CHECK(a.status_on(date(2022, 1, 1)) == agreement_status::terminated);
    // A change after the end of the term changes nothing.
    a.status_changes = {{tipstats::status_change_kind::terminated, partial_date(2023), ""}};
    CHECK(a.status_on(date(2024, 1, 1)) == agreement_status::expired);

    // Signed "on Thursday" in 2019, no term: started by 2020, end unknown.
    agreement b = make_agreement("b", {"moi", "aple"});
    b.signed_date = partial_date(2019);
    CHECK(b.status_on(date(2018, 12, 31)) == agreement_status::pending);
    CHECK(b.status_on(date(2019, 6, 1)) == agreement_status::unknown);
    CHECK(b.status_on(date(2020, 6, 1)) == agreement_status::unknown);
    // With a three-year term: certainly active from the last possible start to the first possible end.
    b.term_months = 36;
    CHECK(b.status_on(date(2019, 12, 31)) == agreement_status::active);
    CHECK(b.status_on(date(2021, 12, 31)) == agreement_status::active);
    CHECK(b.status_on(date(2022, 1, 1)) == agreement_status::unknown);
    CHECK(b.status_on(date(2022, 12, 30)) == agreement_status::unknown);
    CHECK(b.status_on(date(2022, 12, 31)) == agreement_status::expired);
}

TEST_CASE("agreements reject inconsistent terms, naming the field", "[model]") {
    agreement a = make_agreement("a", {"moi", "aple"});
    a.start = partial_date(date(2019, 8, 1));
    a.end = partial_date(date(2019, 7, 31));
    CHECK(validation_field([&] { tipstats::validate(a, "agreements[0]"); }) == "agreements[0].end");
    a.end = partial_date(date(2022, 7, 31));
    a.term_months = 36;
    CHECK_NOTHROW(tipstats::validate(a, "agreements[0]"));
    a.term_months = 24;
    CHECK(validation_field([&] { tipstats::validate(a, "agreements[0]"); }) == "agreements[0].end");
    a.term_months = 0;
    CHECK(validation_field([&] { tipstats::validate(a, "agreements[0]"); }) == "agreements[0].term_months");
    a.term_months.reset();
    a.parties.push_back({"aple", tipstats::party_role::witness});
    CHECK(validation_field([&] { tipstats::validate(a, "agreements[0]"); }) == "agreements[0].parties[2].partner_id");
    a.parties.clear();
    CHECK(validation_field([&] { tipstats::validate(a, "agreements[0]"); }) == "agreements[0].parties");
}

TEST_CASE("datasets check references, renewals and citations as a whole", "[model]") {
    const auto build = [](std::vector<agreement> agreements) {
        return [agreements] { dataset({}, cambodian_partners(), agreements); };
    };
    agreement first = make_agreement("first", {"moi", "aple"});
    agreement second = make_agreement("second", {"moi", "aple"});
    second.renews = "first";

    CHECK(validation_field(build({first, make_agreement("x", {"moi", "nobody"})})) == "agreements[1].parties[1].partner_id");
    CHECK(validation_field(build({first, first})) == "agreements[1].id");
    agreement stray = second;
    stray.renews = "zeroth";
    CHECK(validation_field(build({first, stray})) == "agreements[1].renews");
    agreement other_parties = make_agreement("other", {"moi", "cpu"});
    other_parties.renews = "first";
    CHECK(validation_field(build({first, other_parties})) == "agreements[1].renews");
    agreement again = second;
    again.id = "again";
    CHECK(validation_field(build({first, second, again})) == "agreements[2].renews");
    agreement looped = first;
    looped.renews = "second";
    CHECK(validation_field(build({looped, second})) == "agreements[0].renews");
    agreement limited = first;
    limited.max_renewals = 1;
    agreement third = second;
    third.id = "third";
    third.renews = "second";
    CHECK(validation_field(build({limited, second, third})) == "agreements[2].renews");
    CHECK_NOTHROW(build({limited, second})());
    agreement signatory = first;
    signatory.signatories = {{"Samleang Seila", "Country Director", "apple"}};
    CHECK(validation_field(build({signatory})) == "agreements[0].signatories[0].partner_id");
    agreement cited = first;
    cited.sources = {{"nowhere", ""}};
    CHECK(validation_field(build({cited})) == "agreements[0].sources[0]");

    // add_* leaves the dataset unchanged when the addition is refused.
    dataset ds({}, cambodian_partners(), {first});
    CHECK_THROWS_AS(ds.add_agreement(make_agreement("y", {"moi", "nobody"})), tipstats::validation_error);
    CHECK(ds.agreements().size() == 1);
    ds.add_agreement(second);
    CHECK(ds.agreements().size() == 2);
    CHECK(ds.agreements().get("second").renewal_count() == 1);
    CHECK_THROWS_AS(ds.add_partner(make_partner("moi", "Duplicate")), tipstats::validation_error);
    CHECK(ds.partners().size() == 4);
}

TEST_CASE("renewal chains, counts and the continuity of a partnership", "[model]") {
    agreement first = make_agreement("first", {"moi", "aple"});
    first.start = partial_date(date(2013, 8, 1));
    first.term_months = 36;
    agreement second = make_agreement("second", {"moi", "aple"});
    second.kind = tipstats::agreement_kind::renewal;
    second.renews = "first";
    second.start = partial_date(date(2016, 8, 1));
    second.term_months = 36;
    agreement third = second;
    third.id = "third";
    third.renews = "second";
    third.start = partial_date(date(2019, 9, 1));
    third.end = partial_date(date(2022, 7, 31));
    third.term_months.reset();
    agreement overlapping = make_agreement("overlapping", {"aple", "moi"});
    overlapping.start = partial_date(date(2022, 7, 1));
    overlapping.term_months = 12;
    agreement undated = make_agreement("undated", {"moi", "aple"});
    agreement cpu = make_agreement("cpu", {"moi", "cpu"});
    cpu.kind = tipstats::agreement_kind::renewal;  // renews an agreement the dataset does not hold

    // Given out of order on purpose.
    const dataset ds({}, cambodian_partners(), {third, undated, cpu, second, overlapping, first});
    const auto& agreements = ds.agreements();

    const auto chain = agreements.chain("second");
    REQUIRE(chain.size() == 3);
    CHECK(chain[0]->id == "first");
    CHECK(chain[1]->id == "second");
    CHECK(chain[2]->id == "third");
    CHECK(chain[0] == &agreements.get("first"));  // the registry's own agreements, not copies
    CHECK(agreements.chain("first") == chain);
    CHECK(agreements.renewal_count("first") == 0);
    CHECK(agreements.renewal_count("second") == 1);
    CHECK(agreements.get("third").renewal_count() == 2);
    CHECK(agreements.renewal_count("cpu") == 1);
    CHECK(agreements.renewed_by("first") == std::optional<std::string>("second"));
    CHECK_FALSE(agreements.renewed_by("third"));
    CHECK_THROWS_AS(agreements.chain("fourth"), tipstats::not_found_error);

    CHECK(agreements.between("moi", "APLE").size() == 5);
    CHECK(agreements.between("Child Protection Unit", "ministry of interior").size() == 1);
    CHECK(agreements.involving("cpu").size() == 1);
    CHECK_THROWS_AS(agreements.between("moi", "apple"), tipstats::not_found_error);

    const auto active = agreements.active_on(date(2017, 1, 1));
    REQUIRE(active.size() == 1);
    CHECK(active[0]->id == "second");
    CHECK(active[0] == &agreements.get("second"));
    for (const agreement* a : agreements.between("moi", "APLE")) CHECK(a == &agreements.get(a->id));

    const auto c = agreements.continuity("aple", "moi");
    CHECK(c.first_partner_id == "aple");
    CHECK(c.agreement_ids == std::vector<std::string>{"first", "second", "third", "overlapping", "undated"});
    REQUIRE(c.transitions.size() == 4);
    CHECK(c.transitions[0].gap_days == 0L);                   // 2016-07-31 then 2016-08-01
    CHECK(c.transitions[1].gap_days == 31L);                  // August 2019 uncovered
    CHECK(c.transitions[2].gap_days == -31L);                 // both in force 2022-07-01..31
    CHECK(c.transitions[2].overlap_days() == 31L);
    CHECK_FALSE(c.transitions[3].gap_days.has_value());       // undated

    // Window 2016-2019: 1461 days, of which August 2019 (31 days) is uncovered for certain; the
    // undated agreement could have covered any day.
    const auto window = tipstats::period::parse("2016/2019");
    const dataset dated({}, cambodian_partners(), {first, second, third});
    const auto cover = dated.agreements().coverage("moi", "aple", window);
    CHECK(cover.window.days() == 1461);
    CHECK(cover.certain_days == 1461 - 31);
    CHECK(cover.possible_days == 1461 - 31);
    const auto with_undated = agreements.coverage("moi", "aple", window);
    CHECK(with_undated.certain_days == 1461 - 31);
    CHECK(with_undated.possible_days == 1461);
}
