"""The document format: the shipped JSON Schema, a fixture per version, and the upgrade path."""

import json
from importlib import resources
from pathlib import Path

import pytest

import tipstats

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def schema():
    text = (resources.files("tipstats") / "data" / "tipstats-document-1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validator():
    s = schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


@pytest.mark.parametrize("path", [
    DATA / "partnership.json",
    DATA / "unknown_partner.json",  # shape is right; the unknown partner is the loader's business
    DATA / "documents" / "v1.json",
    ROOT / "python" / "tipstats" / "data" / "cambodia_2019.json",
], ids=lambda p: p.name)
def test_fixtures_validate_against_the_schema(path):
    errors = [e.message for e in validator().iter_errors(json.loads(path.read_text(encoding="utf-8")))]
    assert errors == []


def test_what_tipstats_writes_validates():
    dataset = tipstats.Dataset.load(DATA / "documents" / "v1.json")
    assert list(validator().iter_errors(json.loads(dataset.to_json()))) == []


@pytest.mark.parametrize("document", [
    {"tipstats": 2},
    {"tipstats": 1, "partners": [{"id": "Not A Slug", "name": "x"}]},
    {"tipstats": 1, "observations": [{"measure": "m", "value": "lots", "period": "2019"}]},
    {"tipstats": 1, "agreements": [{"id": "a", "parties": ["x"], "sigend": "2019"}]},
])
def test_the_schema_refuses_what_the_loader_refuses(document):
    assert list(validator().iter_errors(document)) != []
    with pytest.raises(tipstats.Error):
        tipstats.Dataset.from_json(json.dumps(document))


def test_every_version_fixture_loads_or_is_refused_clearly():
    # One fixture per published version loads; v0 (before versioning) is refused by name.
    v1 = tipstats.Dataset.load(DATA / "documents" / "v1.json")
    assert len(v1.observations) == 5
    assert v1.partners["khmer-ngo"].name == "អង្គការ"
    assert str(v1.observations[1].value) == "<5"
    assert v1.observations[0].value.value == 2.0**53
    assert tipstats.Dataset.from_json(v1.to_json()) == v1
    with pytest.raises(tipstats.ParseError) as caught:
        tipstats.Dataset.load(DATA / "documents" / "v0.json")
    assert caught.value.field == "tipstats"
    assert 'not a tipstats document: the top-level object needs "tipstats": 1' in str(caught.value)


@pytest.mark.parametrize("version, message", [
    ("0", "version 1 is the first published format"),
    ("3", "written by a newer tipstats"),
    ('"1"', "a version is a whole number"),
])
def test_unsupported_versions_say_why(version, message):
    with pytest.raises(tipstats.ParseError) as caught:
        tipstats.Dataset.from_json('{"tipstats": %s}' % version)
    assert message in str(caught.value)
    assert "reads versions 1 to 1" in str(caught.value)
