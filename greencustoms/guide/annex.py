"""The one door from the Guide to the agreements app's reference data (live blocks and the HS annex).

Everything the Guide shows from the agreements app goes through this module, so that a renamed selector is
a one-line fix here. Until the agreements app exposes its selectors, :func:`available` is False and the
Guide prints a notice instead of the live data (never invented rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

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


def format_code(code: str) -> str:
    """290341 → 2903.41 (the HS written with its dot; 4-digit headings stay as they are)."""
    code = code.replace(".", "").strip()
    return f"{code[:4]}.{code[4:]}" if len(code) > 4 else code


def annex_rows(*, edition: str = CURRENT_EDITION, agreement: str | None = None) -> list[AnnexRow]:
    """The HS annex rows for an edition, in the agreements app's order (empty without reference data).

    Reads ``agreements.selectors.annex_rows(edition, agreement)``: dicts with ``agreement`` (short name),
    ``agreement_slug``, ``item``, ``listing``, ``hs_code`` and ``ex``.
    """
    module = _selectors()
    if module is None or not hasattr(module, "annex_rows"):
        return []
    return [
        AnnexRow(
            agreement=str(r["agreement_slug"]),
            agreement_name=str(r["agreement"]),
            item=str(r["item"]),
            listing=str(r.get("listing", "")),
            hs_code=format_code(str(r["hs_code"])),
            ex=bool(r.get("ex", False)),
        )
        for r in module.annex_rows(edition, agreement)
    ]


def _facts(slug: str, rows: list[AnnexRow], module: ModuleType | None) -> AgreementFacts:
    listings: dict[str, set[str]] = {}
    for row in rows:
        listings.setdefault(row.listing, set()).add(row.item)
    parties = None
    if module is not None and hasattr(module, "parties_of"):
        # parties_of(slug): one row per country, {"instruments": {instrument: {"status": ...}}}.
        # Party status is shipped for some agreements only: no rows means unknown, not zero.
        countries = module.parties_of(slug)
        if countries:
            parties = sum(
                1 for c in countries if (c.get("instruments", {}).get(slug) or {}).get("status") == "party"
            )
    return AgreementFacts(
        slug=slug,
        name=rows[0].agreement_name,
        listings=sorted((listing, len(items)) for listing, items in listings.items()),
        hs_codes=sorted({r.hs_code for r in rows}),
        parties=parties,
    )


def agreement_facts(slug: str, *, edition: str = CURRENT_EDITION) -> AgreementFacts | None:
    """Live facts for an agreement section, or None when the reference data is not there."""
    rows = annex_rows(edition=edition, agreement=slug)
    return _facts(slug, rows, _selectors()) if rows else None


def all_agreement_facts(rows: list[AnnexRow], slugs: set[str]) -> dict[str, AgreementFacts]:
    """Facts for several agreements from annex rows already read (one read per rendering, not per section)."""
    by_slug: dict[str, list[AnnexRow]] = {}
    for row in rows:
        if row.agreement in slugs:
            by_slug.setdefault(row.agreement, []).append(row)
    module = _selectors()
    return {slug: _facts(slug, agreement_rows, module) for slug, agreement_rows in by_slug.items()}


def data_release() -> str:
    """The reference data release the annex comes from ("" when unknown)."""
    module = _selectors()
    release = module.current_release() if module is not None and hasattr(module, "current_release") else None
    return str(release) if release is not None else ""
