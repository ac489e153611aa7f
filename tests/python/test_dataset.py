import datetime as dt
import errno
import json
import pathlib
import pickle

import pytest

import tipstats as ts

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"


def document(agreements, partners='{"id": "moi", "name": "Ministry of Interior"}, {"id": "aple", "name": "APLE"}'):
    return f'{{\n  "tipstats": 1,\n  "partners": [{partners}],\n  "agreements": [\n{agreements}\n  ]\n}}\n'


def test_load_save_round_trip(tmp_path):
    ds = ts.Dataset.load(DATA / "partnership.json")
    assert repr(ds) == "Dataset('A partnership renewed twice, with a gap', 4 partners, 4 agreements, 0 observations, 1 source)"
    assert ds.partners.find("ACTION pour les énfants").id == "aple"
    assert ds.agreements["third"].status_on(dt.date(2020, 5, 1)) == "suspended"
    assert ds.agreements["third"].sources[0] == ts.SourceRef("report", quote="renewed for the third time")
    assert ds.notes[0].text == "Made up for the tests."
    path = tmp_path / "copy.json"
    ds.save(path)
    again = ts.Dataset.load(str(path))
    assert again == ds
    assert ts.Dataset.from_json(ds.to_json()) == ds
    assert pickle.loads(pickle.dumps(ds)) == ds
    as_dict = json.loads(path.read_text(encoding="utf-8"))
    assert as_dict["tipstats"] == 2 and as_dict["observations"] == []
    assert ds.to_dict() == as_dict
    assert ts.Dataset.from_json(ts.Dataset().to_json()) == ts.Dataset()


def test_dataset_built_in_python_saves_and_loads(tmp_path):
    ds = ts.Dataset(
        [ts.Partner("moi", "Ministry of Interior", kind="government_ministry", sources=["s"]),
         ts.Partner("aple", "Action Pour Les Enfants", acronym="APLE", kind="ngo", sources=["s"])],
        [ts.Agreement("mou", ["moi", "aple"], signed="2019", term_months=36,
                      signatories=[ts.Signatory("Samleang Seila", title="Country Director", partner_id="aple")],
                      sources=[ts.SourceRef("s", quote="signed")])],
        sources=[ts.Source("s", publisher="A newspaper", date="2019")],
        notes=[ts.Note("made up", sources=["s"])],
        title="Made up",
    )
    path = tmp_path / "made_up.json"
    ds.save(path)
    assert ts.Dataset.load(path) == ds
    assert ds.agreements["mou"].signatories[0].title == "Country Director"
    assert ds.sources["s"].date == ts.PartialDate("2019")


def test_bundled_example_follows_the_article():
    ds = ts.datasets.cambodia_2019()
    assert ds.partners.ids == ["moi", "ncct", "chab-dai", "tdh-nl", "caritas-cambodia", "aple", "cpu"]
    assert [p.id for p in ds.partners.parent_chain("ncct")] == ["ncct", "moi"]
    assert ds.partners.find("Action Pour Les Enfants").id == "aple"
    assert ds.partners.find("aple").acronym == "APLE"
    assert ds.partners.find("Chab Dai (Joining Hands) Coalition").id == "chab-dai"
    assert ds.partners.find("Terre Des Hommes").country == "NLD"
    assert {p.country for p in ds.partners if p.id != "tdh-nl"} == {"KHM"}

    assert len(ds.agreements) == 5
    assert {a.id: sorted(a.party_ids) for a in ds.agreements.involving("ncct")} == {
        "ncct-chab-dai-2019": ["chab-dai", "ncct"],
        "ncct-tdh-nl-2019": ["ncct", "tdh-nl"],
        "ncct-caritas-cambodia-2019": ["caritas-cambodia", "ncct"],
    }
    assert [a.id for a in ds.agreements.between("moi", "aple")] == ["moi-aple-2019"]
    # "Thursday": signed in 2019, nothing more precise.
    assert {str(a.signed) for a in ds.agreements} == {"2019"}
    assert all(a.start is None and a.end is None for a in ds.agreements)
    cpu = ds.agreements.between("moi", "cpu")[0]
    assert (cpu.kind, cpu.term_months, cpu.renews, cpu.renewal_count) == ("renewal", 36, None, 1)
    assert cpu.end_bounds == (dt.date(2021, 12, 31), dt.date(2022, 12, 30))
    # "Some have renewed ... up to three times in a row": not attributed, so no invented chains.
    assert all(len(ds.agreements.chain(a.id)) == 1 for a in ds.agreements)
    assert any("three times in a row" in n.sources[0].quote for n in ds.notes)
    aple = ds.agreements["moi-aple-2019"]
    assert aple.signatories == [ts.Signatory("Samleang Seila", title="Country Director", partner_id="aple")]

    # Every fact carries its source.
    assert [s.id for s in ds.sources] == ["ppp-2019"]
    assert ds.sources["ppp-2019"].publisher == "The Phnom Penh Post"
    for record in list(ds.partners) + list(ds.agreements) + list(ds.notes):
        assert record.sources and all(ref.source == "ppp-2019" and ref.quote for ref in record.sources), record

    on = dt.date(2020, 6, 1)
    assert ds.agreements.status_on(on) == {
        "ncct-chab-dai-2019": "unknown", "ncct-tdh-nl-2019": "unknown", "ncct-caritas-cambodia-2019": "unknown",
        "moi-aple-2019": "unknown", "moi-cpu-2019": "active"}
    assert [a.id for a in ds.agreements.active_on(on)] == ["moi-cpu-2019"]
    assert ds.agreements["moi-cpu-2019"].status_on(dt.date(2023, 1, 1)) == "expired"


@pytest.mark.parametrize("agreements, error, field, line, message", [
    ('    {"id": "a", "parties": ["moi", "apple"]}', ts.ValidationError,
     "agreements[0].parties[1].partner_id", 5, "unknown partner 'apple'"),
    ('    {"id": "a", "parties": ["moi"]},\n    {"id": "a", "parties": ["aple"]}', ts.ValidationError,
     "agreements[1].id", 6, "duplicate id 'a'"),
    ('    {"id": "a", "parties": ["moi"],\n     "start": "2019-08-01", "end": "2019-07-31"}', ts.ValidationError,
     "agreements[0].end", 6, "before start"),
    ('    {"id": "a", "parties": ["moi"], "signed": "2019-02-30"}', ts.ParseError,
     "agreements[0].signed", 5, "impossible date 2019-02-30"),
    ('    {"id": "a", "parties": ["moi"], "signed": "Thursday"}', ts.ParseError,
     "agreements[0].signed", 5, "not a date"),
    ('    {"id": "a", "parties": ["moi"], "kind": "treaty"}', ts.ParseError,
     "agreements[0].kind", 5, "unknown agreement kind"),
    ('    {"id": "a", "parties": ["moi"], "sigend": "2019"}', ts.ParseError,
     "agreements[0].sigend", 5, "unknown field 'sigend'"),
    ('    {"id": "a", "parties": ["moi"] "signed": "2019"}', ts.ParseError,
     "agreements[0].parties", 5, "invalid JSON"),
])
def test_bad_documents_name_file_line_and_field(tmp_path, agreements, error, field, line, message):
    path = tmp_path / "bad.json"
    path.write_text(document(agreements), encoding="utf-8")
    with pytest.raises(error) as info:
        ts.Dataset.load(path)
    e = info.value
    assert (e.field, e.line, e.file) == (field, line, str(path))
    assert e.column is not None
    assert message in str(e)
    assert str(e).startswith(f"{path}:{line}:")
    assert isinstance(e, ValueError) and isinstance(e, ts.Error)
    # The same from text: no file, same line.
    with pytest.raises(error) as info:
        ts.Dataset.from_json(document(agreements))
    assert (info.value.file, info.value.line, info.value.field) == (None, line, field)


@pytest.mark.parametrize("text, field, message", [
    ('{"tipstats": 3}', "tipstats", "unsupported document version 3"),
    ('{"tipstats": "1"}', "tipstats", "unsupported document version"),
    ('{"partners": []}', "tipstats", "not a tipstats document"),
    ('[]', None, "expected an object"),
    ('', None, "invalid JSON"),
    ('{"tipstats": 1, "observations": [{"measure": "cases", "period": "2019"}]}', "observations[0].value",
     "missing required field 'value'"),
    ('{"tipstats": 1, "observations": [{"measure": "cases", "period": "2019", "value": "five"}]}',
     "observations[0].value", "not a number"),
])
def test_wrong_version_and_unsupported_content(text, field, message):
    with pytest.raises(ts.ParseError) as info:
        ts.Dataset.from_json(text)
    assert info.value.field == field
    assert message in str(info.value)


def test_malformed_fixture_reports_line_and_column():
    with pytest.raises(ts.ParseError) as info:
        ts.Dataset.load(DATA / "malformed.json")
    assert (info.value.line, info.value.column, info.value.field) == (5, 19, "partners[1].id")


def test_missing_file_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        ts.Dataset.load(tmp_path / "missing.json")
    assert isinstance(info.value, ts.MissingFileError) and isinstance(info.value, ts.Error)
    assert info.value.errno == errno.ENOENT and info.value.filename == str(tmp_path / "missing.json")


def test_a_directory_or_unreadable_file_is_a_file_error_and_the_os_error_open_gives(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        ts.Dataset.load(tmp_path)
    assert isinstance(info.value, ts.NotAFileError) and isinstance(info.value, ts.FileError)
    assert info.value.errno == errno.EISDIR
    for kind in (ts.FileError, ts.MissingFileError, ts.NotAFileError, ts.FilePermissionError):
        assert issubclass(kind, OSError) and issubclass(kind, ts.Error)
    locked = tmp_path / "locked.json"
    locked.write_text("{}")
    locked.chmod(0)
    try:
        with open(locked, "rb"):
            pytest.skip("this user reads files without read permission (root)")
    except PermissionError:
        with pytest.raises(PermissionError) as denied:
            ts.Dataset.load(locked)
        assert isinstance(denied.value, ts.FilePermissionError) and isinstance(denied.value, ts.Error)
    finally:
        locked.chmod(0o600)


def test_text_that_is_not_utf8_is_a_parse_error_with_its_line(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"tipstats": 1,\n "title": "Action pour les \xe9nfants"}')
    with pytest.raises(ts.ParseError) as info:
        ts.Dataset.load(path)
    assert info.value.line == 2 and "UTF-8" in str(info.value)


def test_registries_to_pandas():
    ds = ts.datasets.cambodia_2019()
    partners = ds.partners.to_pandas()
    assert list(partners.index) == ds.partners.ids
    assert partners.loc["ncct", "parent_id"] == "moi" and partners.loc["aple", "acronym"] == "APLE"
    agreements = ds.agreements.to_pandas(on=dt.date(2020, 6, 1))
    assert agreements.loc["moi-cpu-2019", "status"] == "active"
    assert agreements.loc["moi-cpu-2019", "end_earliest"] == dt.date(2021, 12, 31)
    assert agreements.loc["moi-cpu-2019", "term_months"] == 36
    assert agreements["term_months"].isna().sum() == 4
    assert (agreements["signed"] == "2019").all()
    assert "status" not in ds.agreements.to_pandas().columns
