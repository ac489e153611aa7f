"""Observations as part of datasets: documents, the bundled example, series and consistency checks."""

import json
import warnings

import pytest

import tipstats as ts


def test_bundled_example_holds_the_articles_figures():
    ds = ts.datasets.cambodia_2019()
    obs = ds.observations
    assert len(obs) == 4
    assert obs.check() == []  # 70 + 31 <= 263
    rescued = ds.series("victims_rescued", offence="sexual_assault")
    assert [str(p) for p in rescued.periods] == ["2019-H1"]
    assert rescued.values.tolist() == [263.0]
    assert ds.series("victims_rescued", offence="sexual_assault", age="0-14").values.tolist() == [70.0]
    assert ds.series("victims_rescued", offence="sexual_assault", age="15-17").values.tolist() == [31.0]
    arrests = ds.series("cases_with_arrest", age="0-14")
    assert arrests.unit == "percent" and arrests.values.tolist() == [86.0]
    assert all(o.source == "ppp-2019" and o.note for o in (obs[i] for i in range(len(obs))))
    assert "4 observations" in repr(ds)
    assert "263" in ds._repr_html_()


def test_documents_round_trip_observations(tmp_path):
    ds = ts.datasets.cambodia_2019()
    ds.add_observation("victims_rescued", "<5", "2018-H2", area="KHM", offence="sexual_assault", sex="female",
                       source="ppp-2019", note="illustrative")
    path = tmp_path / "ds.json"
    ds.save(path)
    again = ts.Dataset.load(path)
    assert again == ds
    assert str(again.observations[4].value) == "<5"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["observations"][4]["value"] == "<5"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds.json"]


def test_adding_observations_checks_sources_and_rows_all_or_nothing():
    ds = ts.datasets.cambodia_2019()
    with pytest.raises(ts.ValidationError) as info:
        ds.add_observation("cases", 3, "2019", source="no-such-source")
    assert info.value.field == "observations[4].source"
    with pytest.raises(ts.ValidationError):
        ds.add_observation("cases", -3, "2019")
    assert len(ds.observations) == 4


def test_loading_an_inconsistent_document_warns_without_values():
    document = {"tipstats": 1, "observations": [
        {"measure": "victims_rescued", "value": 263, "period": "2019-H1"},
        {"measure": "victims_rescued", "value": 200, "period": "2019-H1", "age": "0-14"},
        {"measure": "victims_rescued", "value": 100, "period": "2019-H1", "age": "15-17"},
    ]}
    with pytest.warns(ts.ConsistencyWarning) as record:
        ds = ts.Dataset.from_json(json.dumps(document))
    message = str(record[0].message)
    assert "exceeds_total" in message and "263" not in message and "200" not in message
    [finding] = ds.observations.check()
    assert finding.rows == [0, 1, 2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ts.datasets.cambodia_2019()  # consistent: no warning


def test_bad_observation_in_a_file_names_line_and_field(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"tipstats": 1,\n "observations": [\n  {"measure": "cases", "period": "2019", "value": 2.5}\n ]}\n',
                    encoding="utf-8")
    with pytest.raises(ts.ValidationError) as info:
        ts.Dataset.load(path)
    assert (info.value.line, info.value.field) == (3, "observations[0].value")
    assert info.value.file == str(path)


def test_claims_check_on_the_bundled_example():
    """The article: 263 victims in 2019-H1, "an increase of nearly 150 per cent compared to the same period
    last year"; the 2018-H1 count is not published, so the claim bounds it."""
    ds = ts.datasets.cambodia_2019()
    current = ds.series("victims_rescued", offence="sexual_assault").values[-1]
    check = ts.check_claim("an increase of nearly 150 per cent", current=current)
    assert check.baseline_range == (106.0, 111.0)  # 263 / (1 + v/100) for v in [135, 150)
    assert check.consistent is None  # nothing to hold it against without last year's count
    # Had the Ministry counted 105 last year, "nearly 150" would undersell a 150.5 % increase.
    assert ts.check_claim("an increase of nearly 150 per cent", current=current, previous=105).consistent is False
    parts = [ds.series("victims_rescued", offence="sexual_assault", age=a).values[-1] for a in ("0-14", "15-17")]
    assert sum(parts) <= current
