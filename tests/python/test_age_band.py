import pickle

import pytest

import tipstats as ts


@pytest.mark.parametrize("text, lower, upper", [
    ("0-14", 0, 15),      # ages 0 to 14 inclusive: [0, 15)
    ("15-17", 15, 18),    # the article's "aged between 15 and 18": [15, 18)
    ("18+", 18, None),
    ("0-17", 0, 18),
    ("48+", 48, None),
])
def test_canonical_forms_round_trip(text, lower, upper):
    band = ts.AgeBand.parse(text)
    assert (band.lower, band.upper) == (lower, upper)
    assert str(band) == text
    assert repr(band) == f"AgeBand('{text}')"
    assert ts.AgeBand(str(band)) == band
    assert pickle.loads(pickle.dumps(band)) == band
    assert not band.is_all and not band.is_unknown


def test_all_and_unknown():
    assert ts.AgeBand("all").is_all
    assert ts.AgeBand("unknown").is_unknown
    assert ts.AgeBand.unknown().lower is None and ts.AgeBand.unknown().upper is None
    assert ts.AgeBand.all() == ts.AgeBand("all")
    assert ts.AgeBand.all().contains(ts.AgeBand.unknown())
    assert not ts.AgeBand("18+").contains(ts.AgeBand.unknown())
    assert pickle.loads(pickle.dumps(ts.AgeBand.unknown())).is_unknown


def test_relations_and_ordering():
    child, teen, minor, adult = (ts.AgeBand(t) for t in ("0-14", "15-17", "0-17", "18+"))
    assert minor.contains(child) and teen in minor
    assert not child.overlaps(teen)
    assert minor.overlaps(teen)
    assert teen.contains_age(17) and not teen.contains_age(18)
    assert adult.contains_age(90) and not adult.contains_age(17)
    assert sorted([ts.AgeBand.unknown(), adult, ts.AgeBand.all(), teen, minor, child]) == [
        child, minor, teen, adult, ts.AgeBand.all(), ts.AgeBand.unknown()]
    assert child < teen <= teen < adult and adult > teen >= teen
    assert len({ts.AgeBand("0-14"), ts.AgeBand.range(0, 15), ts.AgeBand("18+")}) == 2
    assert ts.AgeBand.range(18) == adult
    assert ts.AgeBand.range(15, 18) == teen


@pytest.mark.parametrize("label, band", [
    ("children under the age of 15", "0-14"),   # Phnom Penh Post, seed article
    ("aged between 15 and 18 years old", "15-17"),
    ("Under 15", "0-14"),
    ("15 to 18", "15-17"),
    ("adults", "18+"),
    ("18 and over", "18+"),
    ("minors", "0-17"),
    ("Total", "all"),
    ("not stated", "unknown"),
    ("9--17", "9-17"),     # CTDC ageBroad
    ("48+", "48+"),
    ("0-14", "0-14"),
])
def test_labels_map_through_the_table(label, band):
    assert str(ts.AgeBand.from_label(label)) == band


def test_label_table_is_published_and_consistent():
    table = ts.AgeBand.labels()
    assert table["under 15"] == "0-14"
    assert table["0--8"] == "0-8"
    for label, band in table.items():
        assert str(ts.AgeBand.from_label(label)) == band


@pytest.mark.parametrize("bad", ["", "14-0", "0--14", "15", "teenagers", "All ages please", "0-151"])
def test_bad_bands_are_parse_errors_naming_the_text(bad):
    with pytest.raises(ts.ParseError):
        ts.AgeBand.parse(bad)


def test_unknown_label_names_the_label():
    with pytest.raises(ts.ParseError, match="'teenagers'"):
        ts.AgeBand.from_label("teenagers")
    with pytest.raises(ts.DomainError):
        ts.AgeBand.range(15, 14)
