"""A tiny literal reference data set for the engine's tests (fictional party lists, never shipped)."""

from __future__ import annotations

import pytest

from greencustoms.engine import (
    MONTREAL_REQUIREMENTS,
    Agreement,
    ControlledItem,
    HsCode,
    Name,
    PartyStatus,
    ReferenceData,
    Ruleset,
    compile_ruleset,
)


def _hs(edition: str, code: str, ex: bool = False) -> HsCode:
    return HsCode(edition, code, ex)


ITEMS = (
    ControlledItem(
        "montreal",
        "hcfc-22",
        "HCFC-22",
        listing="Annex C, Group I",
        names=(
            Name("R-22", "xx", "designation"),
            Name("R22", "xx", "designation"),
            Name("Chlorodifluoromethane", "en"),
            Name("Chlorodifluorométhane", "fr", "name"),
            Name("Clorodifluorometano", "es", "name"),
        ),
        cas=("75-45-6",),
        hs_codes=(_hs("HS2022", "290371"), _hs("HS2017", "290373")),
        controls=("licence",),
        documents=("Import licence",),
    ),
    ControlledItem(
        "montreal",
        "hcfc-141b",
        "HCFC-141b",
        listing="Annex C, Group I",
        names=(Name("R-141b", "xx", "designation"), Name("1,1-dichloro-1-fluoroethane", "en")),
        cas=("1717-00-6",),
        hs_codes=(_hs("HS2022", "290373"),),
        documents=("Import licence",),
    ),
    ControlledItem("montreal", "hcfc-141", "HCFC-141", listing="Annex C, Group I"),
    ControlledItem(
        "montreal",
        "hcfc-225",
        "HCFC-225",
        listing="Annex C, Group I",
        names=(Name("R-225", "xx", "designation"),),
        hs_codes=(_hs("HS2022", "290375"),),
    ),
    ControlledItem(
        "montreal",
        "methyl-chloroform",
        "1,1,1-Trichloroethane",
        listing="Annex B, Group III",
        names=(Name("methyl chloroform", "en"),),
        cas=("71-55-6",),
        hs_codes=(_hs("HS2022", "290319", ex=True),),
        documents=("Import licence",),
    ),
    ControlledItem(
        "montreal",
        "trichloroethane",
        "Trichloroethane",
        listing="Annex B, Group III",
        hs_codes=(_hs("HS2022", "290319", ex=True),),
    ),
    ControlledItem(
        "montreal",
        "hfc-134a",
        "HFC-134a",
        listing="Annex F, Group I",
        names=(Name("R-134a", "xx", "designation"), Name("1,1,1,2-tetrafluoroethane", "en")),
        hs_codes=(_hs("HS2022", "290345"),),
        documents=("Import licence",),
    ),
    ControlledItem(
        "cites",
        "loxodonta-africana",
        "Loxodonta africana",
        kind="species",
        listing="Appendix I",
        names=(Name("ivory", "en"), Name("ivoire", "fr", "name"), Name("marfil", "es", "name")),
        hs_codes=(_hs("HS2022", "050710", ex=True),),
        documents=("CITES export permit",),
    ),
    ControlledItem(
        "minamata",
        "mercury",
        "Mercury",
        names=(Name("mercure", "fr", "name"), Name("mercurio", "es", "name"), Name("Hg", "xx", "formula")),
        cas=("7439-97-6",),
        hs_codes=(_hs("HS2022", "2805"),),
        documents=("Written consent of the importing Party",),
    ),
)

AGREEMENTS = (
    Agreement("montreal", "Montreal Protocol", True),
    Agreement("cites", "CITES", False),
    Agreement("minamata", "Minamata Convention", False),
)

#: The fictional party lists are complete "as of" this date, per this source (every non-Party statement says so).
PARTIES_AS_OF = "2026-11-30"
PARTIES_SOURCE = "the fictional party list of the tests"
PARTIES = tuple(
    PartyStatus(instrument, country, source="fixture-parties", as_of=PARTIES_AS_OF)
    for instrument, countries in {
        "montreal": ("FR", "CN", "GH", "IN"),
        "london": ("FR", "CN", "GH", "IN"),
        "copenhagen": ("FR", "CN", "GH", "IN"),
        "beijing": ("FR", "CN", "GH"),
        "kigali": ("FR", "GH"),
    }.items()
    for country in countries
) + (PartyStatus("montreal", "ZZ", "signatory"),)

COUNTRIES = {
    "FR": "FR",
    "FRA": "FR",
    "CN": "CN",
    "CHN": "CN",
    "GH": "GH",
    "GHA": "GH",
    "IN": "IN",
    "IND": "IN",
    "US": "US",
    "USA": "US",
    "ZZ": "ZZ",
}


def tiny_reference() -> ReferenceData:
    return ReferenceData(
        items=ITEMS,
        agreements=AGREEMENTS,
        parties=PARTIES,
        requirements=MONTREAL_REQUIREMENTS,
        countries=COUNTRIES,
        release="test-1",
        sources={"fixture-parties": PARTIES_SOURCE},
    )


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return compile_ruleset(tiny_reference())
