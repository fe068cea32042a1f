"""The one door from the Guide to the agreements app's reference data (live blocks and the HS annex).

Everything the Guide shows from the agreements app goes through this module and the agreements app's
selectors (an ordinary import, checked by import-linter), so that a renamed selector is a one-line fix here.
Without reference data loaded the rows are empty and the Guide prints a notice (never invented rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from greencustoms.agreements import selectors as agreement_selectors

CURRENT_EDITION = "HS2022"


@dataclass(frozen=True)
class AnnexRow:
    """One line of the HS code summary: an HS code of an edition for a controlled item of an agreement."""

    agreement: str
    agreement_name: str
    item: str
    listing: str
    hs_code: str
    ex: bool
    # added by issue #14: the listing's state on the date of the annex, in words, and the HS row's confidence
    history: bool = False  # deleted by that date: shown apart, never as a current control
    state: str = ""  # words in the active language ("in force", "adopted, not yet in force", …)
    deleted_on: str = ""
    deleted_by: str = ""
    candidate: bool = False  # a code from a many-to-many correlation, not reviewed (lower confidence)
    controls: str = ""  # in words in the active language


@dataclass(frozen=True)
class AgreementFacts:
    """What an agreement section of the Guide embeds: listings, codes and parties."""

    slug: str
    name: str
    listings: list[tuple[str, int]]  # (listing, number of controlled items)
    hs_codes: list[str]
    parties: int | None


def available() -> bool:
    """True when reference data is loaded (a data release exists): the Guide can show live rows."""
    return agreement_selectors.current_release() is not None


def format_code(code: str) -> str:
    """290341 → 2903.41 (the HS written with its dot; 4-digit headings stay as they are)."""
    code = code.replace(".", "").strip()
    return f"{code[:4]}.{code[4:]}" if len(code) > 4 else code


def annex_rows(
    *, edition: str = CURRENT_EDITION, agreement: str | None = None, at: dt.date | None = None
) -> list[AnnexRow]:
    """The HS annex rows for an edition on the date ``at`` (default today), in the agreements app's order:
    current listings first, then those deleted by that date (``history``). Empty without reference data.

    Reads ``agreements.selectors.annex_rows(edition, agreement, at)``: dicts with ``agreement`` (short name),
    ``agreement_slug``, ``item``, ``listing``, ``hs_code``, ``ex`` and (issue #14) ``history``,
    ``state_words``, ``deleted_on``, ``deleted_by``, ``confidence``, ``controls`` (words).
    """
    rows = (
        agreement_selectors.annex_rows(edition, agreement, at)
        if at
        else agreement_selectors.annex_rows(edition, agreement)
    )
    return [
        AnnexRow(
            agreement=str(r["agreement_slug"]),
            agreement_name=str(r["agreement"]),
            item=str(r["item"]),
            listing=str(r.get("listing", "")),
            hs_code=format_code(str(r["hs_code"])),
            ex=bool(r.get("ex", False)),
            history=bool(r.get("history", False)),
            state=str(r.get("state_words", "")),
            deleted_on=str(r.get("deleted_on", "")),
            deleted_by=str(r.get("deleted_by", "")),
            candidate=r.get("confidence") == "candidate",
            controls=str(r.get("controls", "")),
        )
        for r in rows  # ``at`` only when asked: the selector's default is today
    ]


def current_rows(rows: list[AnnexRow]) -> list[AnnexRow]:
    """The rows that are controls on the annex's date (deleted listings left out)."""
    return [r for r in rows if not r.history]


def history_rows(rows: list[AnnexRow]) -> list[AnnexRow]:
    """The listings deleted by the annex's date: shown apart, as history."""
    return [r for r in rows if r.history]


def _facts(slug: str, rows: list[AnnexRow]) -> AgreementFacts:
    rows = current_rows(rows) or rows  # a deleted listing is no current listing or code of the agreement
    listings: dict[str, set[str]] = {}
    for row in rows:
        listings.setdefault(row.listing, set()).add(row.item)
    parties = None
    # parties_of(slug): one row per country, {"instruments": {instrument: {"status": ...}}}.
    # Party status is shipped for some agreements only: no rows means unknown, not zero.
    countries = agreement_selectors.parties_of(slug)
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
    return _facts(slug, rows) if rows else None


def all_agreement_facts(rows: list[AnnexRow], slugs: set[str]) -> dict[str, AgreementFacts]:
    """Facts for several agreements from annex rows already read (one read per rendering, not per section)."""
    by_slug: dict[str, list[AnnexRow]] = {}
    for row in rows:
        if row.agreement in slugs:
            by_slug.setdefault(row.agreement, []).append(row)
    return {slug: _facts(slug, agreement_rows) for slug, agreement_rows in by_slug.items()}


def data_release() -> str:
    """The reference data release the annex comes from ("" when unknown)."""
    release = agreement_selectors.current_release()
    return str(release) if release is not None else ""
