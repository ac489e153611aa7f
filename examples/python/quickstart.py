"""Partners and agreements in a few lines: the bundled Cambodia 2019 example, a new agreement, and a
saved dataset document. Run with `python examples/python/quickstart.py [DIRECTORY]`."""

import datetime as dt
import pathlib
import sys
import tempfile

import tipstats as ts


def main(directory: str) -> None:
    ds = ts.datasets.cambodia_2019()
    print(ds)

    aple = ds.partners.find("action pour lés enfants")  # case and accents do not matter
    print("found:", aple)
    print("NCCT is part of:", [p.name for p in ds.partners.parent_chain("ncct")][1:])

    on = dt.date(2020, 6, 1)
    for agreement in ds.agreements:
        parties = " and ".join(ds.partners[pid].name for pid in agreement.party_ids)
        print(f"{agreement.id}: {parties}, signed {agreement.signed}, {agreement.status_on(on)} on {on}")

    # A new three-year MoU (made up for the example, so cited to a made-up source): the end is
    # start + 36 months - 1 day.
    ds.add_source(ts.Source("example", title="Made up for the quick start"))
    # Plain ids work too (["moi", "aple"], sources=["example"]); the typed forms satisfy mypy --strict.
    ds.add_agreement(ts.Agreement("moi-aple-2022", [ts.Party("moi"), ts.Party("aple")], start="2022-08-01",
                                  term_months=36, sources=[ts.SourceRef("example")]))
    end = ds.agreements["moi-aple-2022"].end_bounds  # None when nothing is known of the end
    assert end is not None
    print("new agreement ends:", end[0])
    print("MoI-APLE partnership:", ds.agreements.continuity("moi", "aple"))

    path = pathlib.Path(directory) / "cambodia.json"
    ds.save(path)
    assert ts.Dataset.load(path) == ds
    print("saved and reloaded", path)

    try:
        ts.Dataset.from_json('{"tipstats": 1, "agreements": [{"id": "x", "parties": ["moi"]}]}')
    except ts.ValidationError as error:
        print("refused:", error)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(tmp)
