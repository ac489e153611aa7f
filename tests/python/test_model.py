import datetime as dt
import pickle
import unicodedata

import pytest

import tipstats as ts


def partners():
    return [
        ts.Partner("moi", "Ministry of Interior", kind="government_ministry", country="KHM"),
        ts.Partner("ncct", "National Committee for Counter-Trafficking", acronym="NCCT",
                   kind="national_committee", country="KHM", parent_id="moi"),
        ts.Partner("aple", "Action Pour Les Enfants", acronym="APLE", kind="ngo", country="KHM"),
        ts.Partner("cpu", "Child Protection Unit", acronym="CPU", kind="ngo"),
    ]


def test_fold_name_agrees_with_unicode_decomposition():
    # Independent reference: NFKD decomposition, combining marks dropped, lower-cased. It covers every
    # letter of U+00C0..U+017F that decomposes to an ASCII letter; the rest are spelled out by hand.
    spelled_out = {"Æ": "ae", "æ": "ae", "Ð": "d", "ð": "d", "Ø": "o", "ø": "o", "Þ": "th", "þ": "th", "ß": "ss",
                   "Đ": "d", "đ": "d", "Ħ": "h", "ħ": "h", "ı": "i", "Ĳ": "ij", "ĳ": "ij", "ĸ": "k", "Ŀ": "l",
                   "ŀ": "l", "Ł": "l", "ł": "l", "ŉ": "n", "Ŋ": "n", "ŋ": "n", "Œ": "oe", "œ": "oe", "Ŧ": "t",
                   "ŧ": "t", "ſ": "s", "×": "×", "÷": "÷"}
    checked = 0
    for code in range(0xC0, 0x180):
        ch = chr(code)
        if ch in spelled_out:
            expected = spelled_out[ch]
        else:
            decomposed = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            assert decomposed.isascii(), ch
            expected = decomposed.lower()
            checked += 1
        assert ts.fold_name(ch) == expected, (hex(code), ch)
    assert checked > 150
    assert ts.fold_name("  Action\tPOUR  lés Énfants ") == "action pour les enfants"
    assert ts.fold_name("អង្គការ") == "អង្គការ"


def test_partner_fields_repr_eq_and_pickle():
    p = partners()[1]
    assert (p.id, p.name, p.acronym, p.kind, p.country, p.parent_id) == (
        "ncct", "National Committee for Counter-Trafficking", "NCCT", "national_committee", "KHM", "moi")
    assert p.url is None and p.other_names == [] and p.sources == []
    assert repr(p) == ("Partner('ncct', 'National Committee for Counter-Trafficking', acronym='NCCT', "
                       "kind='national_committee', country='KHM', parent_id='moi')")
    assert p == partners()[1] and p != partners()[0]
    assert pickle.loads(pickle.dumps(p)) == p
    assert p.to_dict()["parent_id"] == "moi"
    with pytest.raises(AttributeError):
        p.name = "changed"


@pytest.mark.parametrize("kwargs, field", [
    (dict(id="APLE", name="x"), "id"),
    (dict(id="aple", name=" "), "name"),
    (dict(id="aple", name="x", country="Cambodia"), "country"),
    (dict(id="aple", name="x", kind="charity"), "kind"),
])
def test_bad_partners_name_the_field(kwargs, field):
    with pytest.raises((ts.ValidationError, ts.ParseError)) as info:
        ts.Partner(**kwargs)
    assert info.value.field == field
    assert f"field '{field}'" in str(info.value)


def test_registry_lookup_by_any_name():
    ds = ts.Dataset(partners())
    assert ds.partners.find("aple").id == "aple"
    assert ds.partners.find("Action Pour Les Enfants").id == "aple"
    assert ds.partners.find("ACTION POUR LÉS ÉNFANTS").id == "aple"
    assert ds.partners.find("ncct").id == "ncct"
    assert ds.partners["cpu"].name == "Child Protection Unit"
    assert "cpu" in ds.partners and "CPU" not in ds.partners  # membership is by exact id
    assert len(ds.partners) == 4 and ds.partners.ids == ["moi", "ncct", "aple", "cpu"]
    assert [p.id for p in ds.partners.parent_chain("ncct")] == ["ncct", "moi"]
    with pytest.raises(ts.NotFoundError) as info:
        ds.partners.find("apple")
    assert isinstance(info.value, KeyError) and info.value.key == "apple"
    ds.add_partner(ts.Partner("aple-2", "APLE Cambodia", acronym="APLE"))
    with pytest.raises(ts.DomainError):
        ds.partners.find("aple ")
    assert ds.partners.find("aple").id == "aple"
    assert len(ds.partners.find_all("APLE")) == 2


def test_agreement_terms_and_status():
    a = ts.Agreement("mou", ["moi", "aple"], start="2019-08-01", term_months=36)
    assert a.end_bounds == (dt.date(2022, 7, 31), dt.date(2022, 7, 31))
    assert a.parties == [ts.Party("moi"), ts.Party("aple", role="signatory")]
    assert a.status_on(dt.date(2019, 7, 31)) == "pending"
    assert a.status_on(dt.date(2019, 8, 1)) == "active"
    assert a.status_on(dt.date(2022, 7, 31)) == "active"
    assert a.status_on(dt.date(2022, 8, 1)) == "expired"
    assert a.renewal_count == 0 and not a.is_renewal

    # Signed "on Thursday" in 2019 with a three-year term: the end is a range of days.
    b = ts.Agreement("cpu", ["moi", "cpu"], kind="renewal", signed="2019", term_months=36)
    assert b.start_bounds == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert b.end_bounds == (dt.date(2021, 12, 31), dt.date(2022, 12, 30))
    assert [b.status_on(dt.date(*d)) for d in [(2018, 12, 31), (2019, 6, 1), (2020, 6, 1), (2022, 6, 1), (2023, 1, 1)]] \
        == ["pending", "unknown", "active", "unknown", "expired"]
    assert b.renewal_count == 1

    c = ts.Agreement("c", ["moi", "aple"], start=dt.date(2019, 9, 1), end=ts.PartialDate("2022-07-31"),
                     status_changes=[ts.StatusChange("suspended", "2020-04-01", note="lockdown"),
                                     ts.StatusChange("resumed", "2020-07-01"),
                                     ts.StatusChange("terminated", "2021-12")])
    assert c.status_on(dt.date(2020, 5, 1)) == "suspended"
    assert c.status_on(dt.date(2020, 8, 1)) == "active"
    assert c.status_on(dt.date(2021, 12, 10)) == "unknown"
    assert c.status_on(dt.date(2022, 1, 1)) == "terminated"
    assert c.last_day_bounds == (dt.date(2021, 11, 30), dt.date(2021, 12, 30))
    assert pickle.loads(pickle.dumps(c)) == c
    assert "terminated" in repr(c.status_changes[2])


@pytest.mark.parametrize("kwargs, error, field", [
    (dict(start="2019-08-01", end="2019-07-31"), ts.ValidationError, "end"),
    (dict(start="2019-08-01", end="2022-07-31", term_months=24), ts.ValidationError, "end"),
    (dict(term_months=0), ts.ValidationError, "term_months"),
    (dict(kind="treaty"), ts.ParseError, "kind"),
    (dict(renews="mou"), ts.ValidationError, "renews"),
])
def test_bad_agreements_name_the_field(kwargs, error, field):
    with pytest.raises(error) as info:
        ts.Agreement("mou", ["moi", "aple"], **kwargs)
    assert info.value.field == field


def test_impossible_and_partial_dates_in_agreements():
    with pytest.raises(ts.ParseError, match="2019-02-30"):
        ts.Agreement("a", ["moi"], signed="2019-02-30")
    with pytest.raises(ts.ParseError):
        ts.Agreement("a", ["moi"], signed="Thursday")
    assert ts.Agreement("a", ["moi"], signed="2019-06").signed == ts.PartialDate("2019-06")


def test_dataset_checks_references_and_add_is_all_or_nothing():
    ds = ts.Dataset(partners(), [ts.Agreement("first", ["moi", "aple"], start="2013-08-01", term_months=36)])
    with pytest.raises(ts.ValidationError) as info:
        ds.add_agreement(ts.Agreement("x", ["moi", "apple"]))
    assert info.value.field == "agreements[1].parties[1].partner_id"
    assert "unknown partner 'apple'" in str(info.value)
    assert len(ds.agreements) == 1
    with pytest.raises(ts.ValidationError) as info:
        ds.add_partner(ts.Partner("moi", "Ministry again"))
    assert info.value.field == "partners[4].id"
    with pytest.raises(ts.ValidationError) as info:
        ds.add_agreement(ts.Agreement("second", ["moi", "cpu"], kind="renewal", renews="first"))
    assert info.value.field == "agreements[1].renews"
    with pytest.raises(ts.ValidationError) as info:
        ts.Dataset(partners(), [ts.Agreement("a", ["moi"], sources=["nowhere"])])
    assert info.value.field == "agreements[0].sources[0]"


def test_chains_continuity_and_coverage():
    agreements = [
        ts.Agreement("third", [ts.Party("moi"), ts.Party("aple"), ts.Party("ncct", role="witness")],
                     kind="renewal", renews="second", start="2019-09-01", end="2022-07-31"),
        ts.Agreement("first", ["moi", "aple"], start="2013-08-01", term_months=36),
        ts.Agreement("second", ["aple", "moi"], kind="renewal", renews="first", start="2016-08-01", term_months=36),
        ts.Agreement("next", ["moi", "aple"], start="2022-07-01", term_months=12),
    ]
    ds = ts.Dataset(partners(), agreements)
    assert [a.id for a in ds.agreements.chain("third")] == ["first", "second", "third"]
    assert [ds.agreements[i].renewal_count for i in ("first", "second", "third", "next")] == [0, 1, 2, 0]
    assert ds.agreements.renewed_by("second") == "third" and ds.agreements.renewed_by("third") is None
    assert pickle.loads(pickle.dumps(ds.agreements["third"])).renewal_count == 2
    assert [a.id for a in ds.agreements.active_on(dt.date(2017, 1, 1))] == ["second"]
    assert [a.id for a in ds.agreements.between("Action Pour Les Enfants", "MOI")] == ["third", "first", "second", "next"]
    assert [a.id for a in ds.agreements.involving("ncct")] == ["third"]
    with pytest.raises(ts.NotFoundError):
        ds.agreements.between("moi", "apple")
    with pytest.raises(ts.NotFoundError):
        ds.agreements.chain("fourth")

    c = ds.agreements.continuity("moi", "aple")
    assert c.agreement_ids == ["first", "second", "third", "next"]
    assert [t.gap_days for t in c.transitions] == [0, 31, -31]
    assert [(t.from_id, t.to_id) for t in c.gaps] == [("second", "third")]
    assert [t.overlap_days for t in c.overlaps] == [31]
    assert pickle.loads(pickle.dumps(c)).transitions == c.transitions

    # Independent count with datetime: the days of 2016-2019 minus August 2019.
    window = ts.Period("2016/2019")
    expected = (dt.date(2019, 12, 31) - dt.date(2016, 1, 1)).days + 1 - 31
    cover = ds.agreements.coverage("moi", "aple", window)
    assert (cover.certain_days, cover.possible_days, cover.window_days) == (expected, expected, 1461)
    assert ds.agreements.coverage("moi", "aple", "2019-08").certain_days == 0
    with pytest.raises(ts.ParseError) as info:
        ds.agreements.coverage("moi", "aple", "2019-H3")
    assert info.value.field == "window"


def test_html_views_escape_and_show_the_essentials():
    ds = ts.Dataset([ts.Partner("moi", "Ministry <of> Interior"), ts.Partner("aple", "APLE")],
                    [ts.Agreement("a", ["moi", "aple"], start="2019-08-01", term_months=36)], title="A & B")
    page = ds._repr_html_()
    assert "Ministry &lt;of&gt; Interior" in page and "A &amp; B" in page and "<table>" in page
    assert "moi, aple" in ds.agreements["a"]._repr_html_()
    assert "aple" in ds.partners["aple"]._repr_html_()
    assert "gap" in ds.agreements.continuity("moi", "aple")._repr_html_()
    assert "1096" in ds.agreements.coverage("moi", "aple", "2019-08-01/2022-07-31")._repr_html_()


def test_max_renewals_is_enforced_along_the_chain():
    first = ts.Agreement("first", ["moi", "aple"], start="2013-08-01", term_months=36, max_renewals=1)
    second = ts.Agreement("second", ["moi", "aple"], kind="renewal", renews="first", start="2016-08-01")
    third = ts.Agreement("third", ["moi", "aple"], kind="renewal", renews="second", start="2019-08-01")
    assert len(ts.Dataset(partners(), [first, second]).agreements) == 2
    with pytest.raises(ts.ValidationError) as info:
        ts.Dataset(partners(), [first, second, third])
    assert info.value.field == "agreements[2].renews" and "max_renewals (1)" in str(info.value)


def pickled_objects():
    """One of every model object that pickles, the registries and partnership results included."""
    ds = ts.datasets.cambodia_2019()
    chain = ts.Dataset(partners(), [
        ts.Agreement("first", ["moi", "aple"], start="2013-08-01", term_months=36),
        ts.Agreement("second", ["moi", "aple"], kind="renewal", renews="first", start="2016-09-01", term_months=36),
        ts.Agreement("third", ["moi", "aple"], kind="renewal", renews="second", start="2019-08-01",
                     status_changes=[ts.StatusChange("suspended", "2020-03", note="closure")]),
    ])
    continuity = chain.agreements.continuity("moi", "aple")
    return {
        "source_ref": ts.SourceRef("ppp-2019", quote="a three-year agreement"),
        "source": ds.sources["ppp-2019"],
        "note": ds.notes[0],
        "partner": ds.partners["ncct"],
        "party": ts.Party("ncct", role="witness"),
        "signatory": ds.agreements["moi-aple-2019"].signatories[0],
        "status_change": chain.agreements["third"].status_changes[0],
        "agreement": chain.agreements["third"],
        "transition": continuity.transitions[0],
        "continuity": continuity,
        "coverage": chain.agreements.coverage("moi", "aple", "2016/2019"),
        "sources": ds.sources,
        "partners": ds.partners,
        "agreements": chain.agreements,
        "dataset": ds,
        "period": ts.Period("2019-H1"),
        "partial_date": ts.PartialDate("2019-08"),
        "age_band": ts.AgeBand("15-17"),
    }


@pytest.mark.parametrize("name", list(pickled_objects()))
def test_model_objects_pickle_with_a_versioned_state(name):
    original = pickled_objects()[name]
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is type(original)
    assert copy == original and repr(copy) == repr(original)
    assert original.__getstate__()[0] == 1


@pytest.mark.parametrize("name", list(pickled_objects()))
def test_a_pickled_state_of_another_layout_is_refused(name):
    original = pickled_objects()[name]
    cls = type(original)
    state = original.__getstate__()
    for bad, message in [((2,) + state[1:], "state version 2, this tipstats reads version 1"),
                         (("1",) + state[1:], "state version '1'"),
                         ((), "state version missing"),
                         (state + (None,), f"has {len(state)} entries, this one {len(state) + 1}")]:
        with pytest.raises(ts.ParseError, match=f"cannot unpickle tipstats.{cls.__name__}: ") as info:
            cls.__new__(cls).__setstate__(bad)
        assert message in str(info.value)


def test_unpickled_registries_and_results_still_answer_queries():
    objects = pickled_objects()
    partners_copy = pickle.loads(pickle.dumps(objects["partners"]))
    assert partners_copy.find("Chab Dai (Joining Hands) Coalition").id == "chab-dai"
    assert [p.id for p in partners_copy.parent_chain("ncct")] == ["ncct", "moi"]
    agreements_copy = pickle.loads(pickle.dumps(objects["agreements"]))
    assert [a.id for a in agreements_copy.chain("first")] == ["first", "second", "third"]
    assert agreements_copy["third"].renewal_count == 2
    assert agreements_copy.continuity("Ministry of Interior", "APLE") == objects["continuity"]
    assert [t.gap_days for t in objects["continuity"].transitions] == [31, -31]
    assert pickle.loads(pickle.dumps(objects["sources"]))["ppp-2019"].publisher == "The Phnom Penh Post"


def test_registries_and_results_compare_by_value():
    objects = pickled_objects()
    ds = ts.datasets.cambodia_2019()
    assert ds.partners == objects["partners"] and ds.sources == objects["sources"]
    assert ts.Dataset(partners()).partners != objects["partners"]
    # The same agreements checked against other partners are another registry.
    same_agreements = ts.Dataset(partners() + [ts.Partner("cwcc", "CWCC")], list(objects["agreements"])).agreements
    assert same_agreements != objects["agreements"]
    assert ts.Dataset(partners(), list(objects["agreements"])).agreements == objects["agreements"]
    continuity = objects["continuity"]
    assert continuity != ds.agreements.continuity("moi", "aple")
    assert objects["coverage"] != ds.agreements.coverage("moi", "aple", "2016/2019")
