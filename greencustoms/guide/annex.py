"""The one door from the Guide to the agreements app's reference data (live blocks and the HS annex).

Everything the Guide shows from the agreements app goes through this module, so that a renamed selector is
a one-line fix here. Until the agreements app exposes its selectors, :func:`available` is False and the
Guide prints a notice instead of the live data (never invented rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Any

CURRENT_EDITION = "HS2022"
SELECTORS = "greencustoms.agreements.selectors"


@dataclass(frozen=True)
class AnnexRow:
    """One line of the HS code summary: an HS code of an edition for a controlled item of an agreement."""

    agreement: str
    agreement_name: str
    item: str
    listing: str
    hs_code: str
    ex: bool
    note: str = ""


@dataclass(frozen=True)
class AgreementFacts:
    """What an agreement section of the Guide embeds: listings, codes and parties."""

    slug: str
    name: str
    listings: list[tuple[str, int]]  # (listing, number of controlled items)
    hs_codes: list[str]
    parties: int | None


def _selectors() -> ModuleType | None:
    try:
        return import_module(SELECTORS)
    except ImportError:
        return None


def available() -> bool:
    """True when the agreements app provides the selectors the Guide reads."""
    module = _selectors()
    return module is not None and hasattr(module, "annex_rows")


def _get(row: Any, name: str, default: Any = "") -> Any:
    if isinstance(row, dict):
        return row.get(name, default)
    return getattr(row, name, default)


def annex_rows(*, edition: str = CURRENT_EDITION, agreement: str | None = None) -> list[AnnexRow]:
    """The HS annex rows for an edition, in agreement, code, item order (empty without reference data)."""
    module = _selectors()
    if module is None or not hasattr(module, "annex_rows"):
        return []
    rows = [
        AnnexRow(
            agreement=str(_get(r, "agreement")),
            agreement_name=str(_get(r, "agreement_name") or _get(r, "agreement")),
            item=str(_get(r, "item")),
            listing=str(_get(r, "listing")),
            hs_code=str(_get(r, "hs_code")),
            ex=bool(_get(r, "ex", False)),
            note=str(_get(r, "note") or ""),
        )
        for r in module.annex_rows(edition=edition)
    ]
    if agreement:
        rows = [r for r in rows if r.agreement == agreement]
    return sorted(rows, key=lambda r: (r.agreement, r.hs_code, r.item))


def agreement_facts(slug: str, *, edition: str = CURRENT_EDITION) -> AgreementFacts | None:
    """Live facts for an agreement section, or None when the reference data is not there."""
    rows = annex_rows(edition=edition, agreement=slug)
    if not rows:
        return None
    listings: dict[str, set[str]] = {}
    for row in rows:
        listings.setdefault(row.listing, set()).add(row.item)
    module = _selectors()
    parties = None
    if module is not None and hasattr(module, "party_count"):
        parties = module.party_count(slug)
    return AgreementFacts(
        slug=slug,
        name=rows[0].agreement_name,
        listings=sorted((listing, len(items)) for listing, items in listings.items()),
        hs_codes=sorted({r.hs_code for r in rows}),
        parties=parties,
    )


def data_release() -> str:
    """The reference data release the annex comes from ("" when unknown)."""
    module = _selectors()
    if module is not None and hasattr(module, "current_release"):
        return str(module.current_release() or "")
    return ""
