"""The document format: the shipped JSON Schema, a fixture per version, and the upgrade path."""

import json
from importlib import resources
from pathlib import Path

import pytest

import tipstats

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def schema(version):
    name = f"tipstats-document-{version}.schema.json"
    return json.loads((resources.files("tipstats") / "data" / name).read_text(encoding="utf-8"))


def validator(version=2):
    s = schema(version)
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


def document_version(path):
    return json.loads(path.read_text(encoding="utf-8"))["tipstats"]


@pytest.mark.parametrize("path", [
    DATA / "partnership.json",
    DATA / "unknown_partner.json",  # shape is right; the unknown partner is the loader's business
    DATA / "documents" / "v1.json",
    DATA / "documents" / "v2.json",
    ROOT / "python" / "tipstats" / "data" / "cambodia_2019.json",
], ids=lambda p: p.name)
def test_fixtures_validate_against_the_schema_of_their_version(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    errors = [e.message for e in validator(document["tipstats"]).iter_errors(document)]
    assert errors == []


@pytest.mark.filterwarnings("ignore::tipstats.ConsistencyWarning")
@pytest.mark.parametrize("fixture", ["v1.json", "v2.json"])
def test_what_tipstats_writes_validates(fixture):
    dataset = tipstats.Dataset.load(DATA / "documents" / fixture)
    written = json.loads(dataset.to_json())
    assert written["tipstats"] == 2
    assert list(validator().iter_errors(written)) == []


@pytest.mark.parametrize("document", [
    {"tipstats": 3},
    {"tipstats": 2, "partners": [{"id": "Not A Slug", "name": "x"}]},
    {"tipstats": 2, "observations": [{"measure": "m", "value": "lots", "period": "2019"}]},
    {"tipstats": 2, "agreements": [{"id": "a", "parties": ["x"], "sigend": "2019"}]},
    {"tipstats": 2, "dimensions": ["Citizenship"]},
    {"tipstats": 2, "dimensions": ["offence"]},
    {"tipstats": 2, "dimensions": ["citizenship", "citizenship"]},
    {"tipstats": 2, "observations": [{"measure": "m", "value": 1, "period": "2019", "Colour": "red"}]},
])
def test_the_schema_refuses_what_the_loader_refuses(document):
    assert list(validator().iter_errors(document)) != []
    with pytest.raises(tipstats.Error):
        tipstats.Dataset.from_json(json.dumps(document))


def test_an_undeclared_dimension_is_refused_by_the_loader_where_it_is():
    # The schema cannot see which dimensions a document declared; the loader names the field.
    text = '{"tipstats": 2, "dimensions": ["citizenship"],\n "observations": [{"measure": "m", "value": 1, ' \
           '"period": "2019", "citizenshp": "Romania"}]}'
    with pytest.raises(tipstats.ParseError) as caught:
        tipstats.Dataset.from_json(text)
    assert caught.value.field == "observations[0].citizenshp"
    assert caught.value.line == 2
    assert "unknown field 'citizenshp'" in str(caught.value)


def test_every_version_fixture_loads_or_is_refused_clearly():
    # One fixture per published version loads; v0 (before versioning) is refused by name.
    v1 = tipstats.Dataset.load(DATA / "documents" / "v1.json")
    assert len(v1.observations) == 5
    assert v1.observations.extra_dimensions == []
    assert v1.partners["khmer-ngo"].name == "អង្គការ"
    assert str(v1.observations[1].value) == "<5"
    assert v1.observations[0].value.value == 2.0**53
    assert tipstats.Dataset.from_json(v1.to_json()) == v1
    with pytest.warns(tipstats.ConsistencyWarning, match="1 damaged_text"):
        v2 = tipstats.Dataset.load(DATA / "documents" / "v2.json")
    assert v2.observations.extra_dimensions == ["citizenship", "country_of_repatriation"]
    assert [o.category("citizenship") for o in v2.observations] == ["all", "unknown", "Albania", "all", "all"]
    assert v2.observations[3].category("country_of_repatriation") == "Ciudadanos de su pa\ufffds"
    with pytest.warns(tipstats.ConsistencyWarning):
        assert tipstats.Dataset.from_json(v2.to_json()) == v2
    with pytest.raises(tipstats.ParseError) as caught:
        tipstats.Dataset.load(DATA / "documents" / "v0.json")
    assert caught.value.field == "tipstats"
    assert 'not a tipstats document: the top-level object needs "tipstats": 2' in str(caught.value)


@pytest.mark.parametrize("version, message", [
    ("0", "version 1 is the first published format"),
    ("3", "written by a newer tipstats"),
    ("2.0", "a version is a whole number"),
    ('"1"', "a version is a whole number"),
])
def test_unsupported_versions_say_why(version, message):
    with pytest.raises(tipstats.ParseError) as caught:
        tipstats.Dataset.from_json('{"tipstats": %s}' % version)
    assert message in str(caught.value)
    assert "reads versions 1 to 2" in str(caught.value)
