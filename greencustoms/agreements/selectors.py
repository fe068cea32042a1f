"""Reads of the agreements domain. All reference data is public: no visibility filter is needed."""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import get_language

from greencustoms.agreements.choices import (
    ACTION_WORDS,
    INSTRUMENT_NAMES,
    HSConfidence,
    confidence_words,
    control_words,
    state_words,
)
from greencustoms.agreements.lookup import DELETED, EDITIONS, HSRow, Item, LookupIndex, listing_state
from greencustoms.agreements.models import (
    Agreement,
    ControlledItem,
    Correlation,
    Country,
    DataRelease,
    HSCode,
    ItemHSCode,
    Party,
    Source,
    Synonym,
)

_CACHE: dict[str, Any] = {"release": None, "index": None, "checked": 0.0, "generation": 0}
_LOCK = threading.Lock()
RECHECK_SECONDS = 2.0


def current_release() -> DataRelease | None:
    return DataRelease.objects.first()


def release_list() -> QuerySet[DataRelease]:
    return DataRelease.objects.all()


def agreement_list() -> QuerySet[Agreement]:
    return Agreement.objects.all()


def agreement_by_slug(slug: str) -> Agreement | None:
    return Agreement.objects.filter(slug=slug).first()


def items_of(agreement: Agreement) -> QuerySet[ControlledItem]:
    return agreement.items.prefetch_related(
        Prefetch("hs_codes", queryset=ItemHSCode.objects.order_by("edition", "hs_code"))
    ).order_by("position")


def item_by_id(slug: str, item_id: str) -> ControlledItem | None:
    return (
        ControlledItem.objects.select_related("agreement", "source")
        .prefetch_related("synonyms", "hs_codes__source")
        .filter(agreement__slug=slug, item_id=item_id)
        .first()
    )


def _build_index() -> LookupIndex:
    items: dict[int, Item] = {}
    status_sources: dict[int, int | None] = {}
    release = current_release()
    for row in ControlledItem.objects.select_related("agreement", "source").order_by(
        "agreement__position", "position"
    ):
        items[row.pk] = Item(
            agreement=row.agreement.slug,
            item_id=row.item_id,
            kind=row.kind,
            name=row.name,
            listing=row.listing,
            cas=list(row.cas),
            controls=list(row.controls),
            documents=list(row.documents),
            notes=row.notes,
            source=row.source.key,
            name_fr=row.name_fr,
            name_es=row.name_es,
            status=row.status,
            decision=row.decision,
            entry_into_force=row.entry_into_force,
            deleted_on=row.deleted_on,
            deleted_by=row.deleted_by,
        )
        status_sources[row.pk] = row.status_source_id
    sources = {s.key: {"title": s.title, "url": s.url} for s in Source.objects.all()}
    source_keys = {s.pk: s.key for s in Source.objects.all()}
    for item_pk, syn in Synonym.objects.values_list("item_id", "synonym"):
        items[item_pk].synonyms.append(syn)
    for item_pk, ed, code, ex, note, src, confidence in ItemHSCode.objects.values_list(
        "item_id", "edition", "hs_code", "ex", "note", "source_id", "confidence"
    ).order_by("edition", "hs_code"):
        items[item_pk].hs.append(HSRow(ed, code, ex, note, source_keys[src], sys.intern(confidence)))
    for item_pk, src_pk in status_sources.items():
        if src_pk is not None:
            items[item_pk].status_source = source_keys[src_pk]
    hs_codes: dict[str, list[str]] = defaultdict(list)
    for ed, code in HSCode.objects.filter(level=6).values_list("edition", "code").iterator(chunk_size=5000):
        hs_codes[ed].append(code)
    as_of = max((s.accessed for s in Source.objects.all()), default="")
    return LookupIndex(
        items.values(),
        sources,
        release.number if release else 0,
        Agreement.objects.values_list("slug", flat=True),
        hs_codes,
        DatabaseHSReference(),
        as_of,
    )


class DatabaseHSReference:
    """``HSReference`` read from the database on demand (codes absent from an edition, 4/5-digit codes)."""

    def descriptions(self, edition: str, codes: list[str]) -> dict[str, str]:
        return dict(HSCode.objects.filter(edition=edition, code__in=codes).values_list("code", "description"))

    def links(self, edition: str, code: str, target: str) -> set[str]:
        forward = Correlation.objects.filter(from_edition=edition, from_code=code, to_edition=target)
        backward = Correlation.objects.filter(to_edition=edition, to_code=code, from_edition=target)
        return set(forward.values_list("to_code", flat=True)) | set(
            backward.values_list("from_code", flat=True)
        )


def lookup_index() -> LookupIndex:
    """The in-memory index of the current data release, rebuilt when a new release is imported."""
    now = time.monotonic()
    index = _CACHE["index"]
    if index is not None and now - _CACHE["checked"] < RECHECK_SECONDS:
        return index
    number = DataRelease.objects.values_list("number", flat=True).first()
    with _LOCK:
        if _CACHE["index"] is None or _CACHE["release"] != number:
            _CACHE["generation"] += 1
            index = _build_index()
            index.control_words = control_words  # translated labels, in the language active at answer time
            index.generation = _CACHE["generation"]
            _CACHE["index"] = index
            _CACHE["release"] = number
        _CACHE["checked"] = now
        return _CACHE["index"]


def forget_index() -> None:
    """Drop the cached index (after an import, or in tests)."""
    _CACHE.update(release=None, index=None, checked=0.0)  # the generation counter keeps counting


def hs_code(edition: str, code: str) -> HSCode | None:
    return HSCode.objects.filter(edition=edition, code=code).first()


def hs_ancestors(edition: str, code: str) -> list[HSCode]:
    """The chapter and heading above a code (empty for a chapter)."""
    wanted = [code[:n] for n in (2, 4) if len(code) > n]
    return list(HSCode.objects.filter(edition=edition, code__in=wanted).order_by("level"))


def transpose(edition: str, code: str) -> dict[str, list[dict[str, Any]]]:
    """The code's correspondents in every other edition, through the UNSD tables (read in reverse where
    UNSD publishes only the older direction). 4-digit headings are transposed through their subheadings."""
    codes = (
        [code]
        if len(code) == 6
        else list(
            HSCode.objects.filter(edition=edition, level=6, code__startswith=code).values_list(
                "code", flat=True
            )
        )
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for other in EDITIONS:
        if other == edition:
            continue
        links: dict[str, dict[str, Any]] = {}
        forward = Correlation.objects.filter(from_edition=edition, from_code__in=codes, to_edition=other)
        rows = [(c.to_code, c.relationship, c.partial) for c in forward]
        if not rows:
            backward = Correlation.objects.filter(to_edition=edition, to_code__in=codes, from_edition=other)
            flip = {"1:n": "n:1", "n:1": "1:n"}
            rows = [(c.from_code, flip.get(c.relationship, c.relationship), c.partial) for c in backward]
        for to_code, rel, partial in rows:
            target = to_code if len(code) == 6 else to_code[:4]
            entry = links.setdefault(target, {"code": target, "relationship": rel, "ex": False})
            entry["ex"] = entry["ex"] or partial or rel != "1:1"
        out[other] = sorted(links.values(), key=lambda e: e["code"])
    return out


INSTRUMENTS = {
    "montreal": ["montreal", "london", "copenhagen", "montreal-amendment", "beijing", "kigali"],
    "basel": ["basel", "basel-ban"],
}


def instruments_of(slug: str) -> list[str]:
    """The agreement and the amendments that change its trade controls, in order."""
    return INSTRUMENTS.get(slug, [slug])


def parties_of(slug: str) -> list[dict[str, Any]]:
    """One row per country with its instrument per agreement/amendment: {country, name, instruments:{...}}."""
    instruments = instruments_of(slug)
    rows: dict[str, dict[str, Any]] = {}
    for p in (
        Party.objects.filter(instrument__in=instruments)
        .select_related("country")
        .order_by("country__name_en")
    ):
        row = rows.setdefault(
            p.country.iso2, {"country": p.country.iso2, "name": p.country.name_en, "instruments": {}}
        )
        row["instruments"][p.instrument] = {
            "status": p.status,
            "action": p.action,
            "date": p.date,
            "in_force": p.in_force,
        }
    return list(rows.values())


def annex_rows(edition: str, agreement: str | None = None, at: dt.date | None = None) -> list[dict[str, Any]]:
    """The HS annex on the date ``at`` (default today): one row per (agreement, item, code) of an edition,
    current listings first (by agreement then code), then the listings deleted by that date as history.

    Each row carries the stable codes (``state``, ``control_codes``, ``confidence``) and their words in the
    active language (``state_words``, ``controls``, ``documents``, ``confidence_words``): pages and files show
    the words, never the codes. ``history`` is True for a deleted listing (never a current control).
    """
    at = at or dt.date.today()
    qs = ItemHSCode.objects.filter(edition=edition).select_related("item__agreement")
    if agreement:
        qs = qs.filter(item__agreement__slug=agreement)
    descriptions = dict(HSCode.objects.filter(edition=edition).values_list("code", "description"))
    rows = []
    for r in qs:
        item = r.item
        state = listing_state(item.status, item.entry_into_force, item.deleted_on, at)
        rows.append(
            {
                "agreement": item.agreement.short_name,
                "agreement_slug": item.agreement.slug,
                "listing": item.listing,
                "item": item.name,
                "item_id": item.item_id,
                "cas": "|".join(item.cas),
                "edition": edition,
                "hs_code": r.hs_code,
                "ex": r.ex,
                "hs_description": descriptions.get(r.hs_code, ""),
                "control_codes": list(item.controls),
                "controls": "; ".join(control_words(c) for c in item.controls),
                "documents": "; ".join(item.documents),
                "confidence": r.confidence,
                "confidence_words": confidence_words(r.confidence) if r.confidence else "",
                "is_candidate": r.confidence == HSConfidence.CANDIDATE,
                "state": state,
                "state_words": state_words(state),
                "history": state == DELETED,
                "decision": item.decision,
                "entry_into_force": item.entry_into_force.isoformat() if item.entry_into_force else "",
                "deleted_on": item.deleted_on.isoformat() if item.deleted_on else "",
                "deleted_by": item.deleted_by,
                "at": at.isoformat(),
                "position": (state == DELETED, item.agreement.position, r.hs_code, item.position),
            }
        )
    rows.sort(key=lambda r: r.pop("position"))
    return rows


def controlled_items_for_ruleset(edition: str | None = None) -> dict[str, Any]:
    """Everything the screening engine needs to compile its ruleset, as plain data (no model instances).

    Returns ``{"release": int, "items": [...], "synonyms": [...], "hs_codes": [...]}`` where
    - items: dicts with agreement, item_id, kind, name, listing, cas (list), controls (list), documents (list);
    - synonyms: dicts with agreement, item_id, synonym, lang, kind (synonyms, trade names, R-numbers, formulas);
    - hs_codes: dicts with agreement, item_id, edition, hs_code (4 or 6 digits), ex (bool); only ``edition``
      when given, else all five editions.
    The columns are those of data/agreements/*.csv (data/LAYOUT.md); the screening adapter may cache the
    compiled ruleset per ``release`` (a new release changes the number).
    """
    release = current_release()
    items = [
        {
            "agreement": a,
            "item_id": i,
            "kind": k,
            "name": n,
            "listing": lst,
            "cas": list(cas),
            "controls": list(ctl),
            "documents": list(doc),
        }
        for a, i, k, n, lst, cas, ctl, doc in ControlledItem.objects.order_by(
            "agreement__position", "position"
        ).values_list("agreement__slug", "item_id", "kind", "name", "listing", "cas", "controls", "documents")
    ]
    synonyms = [
        {"agreement": a, "item_id": i, "synonym": s, "lang": lang, "kind": k}
        for a, i, s, lang, k in Synonym.objects.values_list(
            "item__agreement__slug", "item__item_id", "synonym", "lang", "kind"
        )
    ]
    codes_qs = ItemHSCode.objects.all()
    if edition:
        codes_qs = codes_qs.filter(edition=edition)
    hs_codes = [
        {"agreement": a, "item_id": i, "edition": e, "hs_code": c, "ex": x}
        for a, i, e, c, x in codes_qs.values_list(
            "item__agreement__slug", "item__item_id", "edition", "hs_code", "ex"
        )
    ]
    return {
        "release": release.number if release else 0,
        "items": items,
        "synonyms": synonyms,
        "hs_codes": hs_codes,
    }


def country_list() -> list[tuple[str, str]]:
    """(ISO alpha-2, name in the active language) of every country, sorted by that name."""
    lang = (get_language() or "en")[:2]
    field = {"fr": "name_fr", "es": "name_es"}.get(lang, "name_en")
    rows = Country.objects.values_list("iso2", "name_en", field)
    return sorted(((iso2, (name or en).replace(" *", "").rstrip("*").strip()) for iso2, en, name in rows),
                  key=lambda r: r[1].casefold())  # fmt: skip


def party_answers(*, country: str, agreements: list[str], at: dt.date) -> list[dict[str, Any]]:
    """A country's status on the date ``at`` under each agreement (and the amendments that change its trade
    controls), each with its date, source and the date the source states it (``as_of``).

    ``state`` is ``party`` (bound on ``at``), ``not_yet`` (instrument deposited, in force for it after ``at``),
    ``non_party`` (the instrument's list is complete and the country is not on it; said only as of the list's
    date), or ``unknown`` (no complete party list for the instrument in the reference data: never read as a
    non-Party).
    """
    instruments = [i for slug in agreements for i in instruments_of(slug)]
    rows = {
        p.instrument: p
        for p in Party.objects.filter(country__iso2=country, instrument__in=instruments).select_related(
            "source"
        )
    }
    listed = set(
        Party.objects.filter(instrument__in=instruments).values_list("instrument", flat=True).distinct()
    )
    list_as_of: dict[str, dt.date | None] = {}
    for instrument in listed:
        # the date of the list itself: the as-of date most of its rows share (single later facts added by hand
        # do not make the whole list current to their date)
        list_as_of[instrument] = (
            Party.objects.filter(instrument=instrument, as_of__isnull=False)
            .values("as_of")
            .annotate(n=Count("id"))
            .order_by("-n", "as_of")
            .values_list("as_of", flat=True)
            .first()
        )
    out = []
    for slug in agreements:
        for instrument in instruments_of(slug):
            p = rows.get(instrument)
            entry: dict[str, Any] = {
                "agreement": slug,
                "instrument": instrument,
                "instrument_name": str(INSTRUMENT_NAMES.get(instrument, instrument)),
                "party": None,
                "action": "",
            }
            if p is not None:
                effective = p.in_force or p.date
                entry.update(
                    state="party" if effective is None or effective <= at else "not_yet",
                    party=p,
                    action=str(ACTION_WORDS.get(p.action, p.action)),
                    source_title=p.source.title,
                    source_url=p.source.url,
                    as_of=p.as_of,
                )
            elif instrument in listed:
                entry.update(state="non_party", as_of=list_as_of.get(instrument))
            else:
                entry.update(state="unknown", as_of=None)
            entry.update(
                is_party=entry["state"] == "party",
                is_not_yet=entry["state"] == "not_yet",
                is_non_party=entry["state"] == "non_party",
            )
            out.append(entry)
    return out
