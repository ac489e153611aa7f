"""Datasets bundled with tipstats, each built from published sources that it cites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core import Dataset

if TYPE_CHECKING:
    from ..mse import CaptureTable

__all__ = ["cambodia_2019", "mse"]


def _bundled(name: str) -> Dataset:
    from importlib import resources  # noqa: PLC0415 - importlib.resources loads on first use

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


# Bundled capture tables of multiple systems estimation (python/tipstats/data/mse, with a README).
_MSE_SOURCES = {
    "Artificial_3": "Chan, Silverman & Vincent (2021), Multiple systems estimation for sparse capture data: "
                    "inferential challenges when there are nonoverlapping lists, JASA 116, 1297-1306 (Table 2 of "
                    "arXiv:1902.05156); artificial data",
    "Western": "Farrell, Dank, Kfafian, Lockwood, Pfeffer, Hughes & Vincent (2019), Capturing human trafficking "
               "victimization through crime reporting, NIJ report 2015-VF-GX-0105",
    "NewOrl": "Bales, Murphy & Silverman (2020), How many trafficked people are there in Greater New Orleans?, "
              "Journal of Human Trafficking 6(4), 375-384",
    "NewOrl_5": "Bales, Murphy & Silverman (2020), Journal of Human Trafficking 6(4), 375-384; lists B, E, F, G "
                "merged (BEFG)",
    "UKdat": "UK Home Office (2014), Modern slavery: an application of multiple systems estimation; Bales, "
             "Hesketh & Silverman (2015), Modern slavery in the UK: how many victims?, Significance 12(3), 16-21",
    "UKdat_5": "UK Home Office (2014); Bales, Hesketh & Silverman (2015), Significance 12(3), 16-21; lists PF "
               "and NCA merged (PFNCA)",
    "Ned": "Silverman (2020), Multiple-systems analysis for the quantification of modern slavery: classical and "
           "Bayesian approaches, JRSS A 183(3), 691-736",
    "Ned_5": "Silverman (2020), JRSS A 183(3), 691-736; lists I and O merged (IO)",
    "Kosovo": "Ball, Betts, Scheuren, Dudukovich & Asher (2002), Killings and refugee flow in Kosovo, "
              "March-June 1999, report to the ICTY",
}


def mse(name: str) -> CaptureTable:
    """A published capture table of multiple systems estimation, citing its study (``.source``).

    ====================  =====  ========  ==========================================================
    name                  lists  observed  study
    ====================  =====  ========  ==========================================================
    ``"UKdat"``           6      2744      UK 2013 (Home Office 2014; Bales, Hesketh & Silverman 2015)
    ``"UKdat_5"``         5      2744      the same, PF and NCA merged (PFNCA)
    ``"Ned"``             6      8234      Netherlands (Silverman 2020)
    ``"Ned_5"``           5      8234      the same, I and O merged (IO)
    ``"NewOrl"``          8      185       Greater New Orleans (Bales, Murphy & Silverman 2020)
    ``"NewOrl_5"``        5      185       the same, B, E, F and G merged (BEFG)
    ``"Western"``         5      345       a US western county (Farrell et al. 2019)
    ``"Artificial_3"``    3      96        artificial (Chan, Silverman & Vincent 2021)
    ``"Kosovo"``          4      4400      killings in Kosovo, 1999 (Ball et al. 2002)
    ====================  =====  ========  ==========================================================

    The tables are those published with the studies (and shipped with R's SparseMSE 2.0.1; Kosovo
    with LCMCR 0.4.14). An unknown name raises :class:`tipstats.NotFoundError`.

    >>> uk = mse("UKdat")
    >>> uk.lists, uk.n_observed
    (('LA', 'NG', 'PF', 'GO', 'GP', 'NCA'), 2744)
    """
    from importlib import resources  # noqa: PLC0415

    import pandas as pd  # noqa: PLC0415 - pandas only when a table is read

    from .._errors import not_found_error  # noqa: PLC0415
    from ..mse import CaptureTable  # noqa: PLC0415 - tipstats.mse imports the compiled core

    if name not in _MSE_SOURCES:
        raise not_found_error(f"multiple systems estimation data set (one of {', '.join(_MSE_SOURCES)})", name)
    with resources.files("tipstats").joinpath("data", "mse", f"{name}.csv").open(encoding="utf-8") as f:
        frame = pd.read_csv(f)
    return CaptureTable.from_frame(frame, source=_MSE_SOURCES[name])
