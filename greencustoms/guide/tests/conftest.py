from types import SimpleNamespace

import pytest

from greencustoms.guide import annex

# Two rows whose codes are public facts quoted in the agreements issue and data provenance:
# HS2022 2903.41 is HFC-23 (Montreal Protocol, Annex F), 2805.40 is mercury (Minamata Convention).
# Shaped like greencustoms.agreements.selectors.annex_rows.
SAMPLE_ROWS = [
    {
        "agreement_slug": "montreal",
        "agreement": "Montreal Protocol",
        "item": "HFC-23",
        "listing": "Annex F, Group II",
        "hs_code": "290341",
        "ex": False,
    },
    {
        "agreement_slug": "minamata",
        "agreement": "Minamata Convention",
        "item": "Mercury",
        "listing": "Article 3",
        "hs_code": "280540",
        "ex": False,
    },
]


@pytest.fixture
def sample_annex(monkeypatch):
    """The annex adapter reading a stand-in of the agreements selectors (the real ones are tested apart)."""
    module = SimpleNamespace(
        annex_rows=lambda edition, agreement=None, at=None: [
            r for r in SAMPLE_ROWS if edition == "HS2022" and agreement in (None, r["agreement_slug"])
        ],
        current_release=lambda: "test-release",
        parties_of=lambda slug: (
            [
                {
                    "country": "KE",
                    "instruments": {"montreal": {"status": "party"}, "kigali": {"status": "party"}},
                },
                {"country": "SN", "instruments": {"montreal": {"status": "party"}}},
                {"country": "XX", "instruments": {"kigali": {"status": "signatory"}}},
            ]
            if slug == "montreal"
            else []
        ),
    )
    monkeypatch.setattr(annex, "agreement_selectors", module)
    return SAMPLE_ROWS
