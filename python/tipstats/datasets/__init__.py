"""Datasets bundled with tipstats, each built from published sources that it cites."""

from importlib import resources

from .._core import Dataset

__all__ = ["cambodia_2019"]


def _bundled(name: str) -> Dataset:
    text = resources.files("tipstats").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return Dataset.from_json(text)


def cambodia_2019() -> Dataset:
    """The five memoranda of understanding signed at Cambodia's Ministry of Interior in 2019.

    Built from a Phnom Penh Post article (source ``ppp-2019``): the Ministry of Interior, the
    National Committee for Counter-Trafficking (under the Ministry), Chab Dai Coalition, Terre des
    Hommes Netherlands, Caritas Cambodia, Action Pour Les Enfants (APLE) and the Child Protection
    Unit (CPU); the three MoUs of the NCCT and the two of the Ministry. The article dates the signing
    only to "Thursday", so signing dates are known to the year (2019); the CPU's agreement is a
    renewal with a three-year term; what the article does not say (other terms, earlier agreements)
    is left unknown. Every partner and agreement cites the article, with the words it rests on.

    >>> ds = cambodia_2019()
    >>> ds.partners.find("APLE").name
    'Action Pour Les Enfants'
    >>> [a.id for a in ds.agreements.between("moi", "cpu")]
    ['moi-cpu-2019']
    """
    return _bundled("cambodia_2019.json")
