"""API of the agreements domain: lookup, agreements and HS codes (public reference data)."""

import datetime as dt
import json
from collections import OrderedDict
from typing import Literal

from django.http import HttpResponse
from django.utils import translation
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from greencustoms.agreements import selectors
from greencustoms.agreements.lookup import EDITIONS, LATEST, UnreadableQuery, normalise_code
from greencustoms.agreements.refdata import AGREEMENT_SLUGS
from greencustoms.api.schemas import ErrorOut, one_of

router = Router(tags=["agreements"])

Edition = one_of(EDITIONS)
AgreementSlug = one_of(AGREEMENT_SLUGS)

# Rendered lookup answers per (index generation, edition, query): the data only changes with a new index.
_ANSWERS: OrderedDict[tuple[int, str, str, dt.date], bytes] = OrderedDict()
_ANSWERS_MAX = 4096


class SourceOut(Schema):
    key: str
    title: str
    url: str


class ExOut(Schema):
    edition: str
    code: str
    note: str


class ConfidenceOut(Schema):
    edition: str
    code: str
    confidence: str


class MatchOut(Schema):
    agreement: str
    item: str = Field(description="item identifier, unique within the agreement")
    name: str
    kind: str
    listing: str
    cas: list[str]
    hs_codes: dict[str, list[str]] = Field(description="codes per HS edition (6 or 4 digits)")
    ex: list[ExOut] = Field(description="codes that cover more than the item, with the reason")
    controls: list[str]
    controls_words: list[str] = Field(
        description="the controls in words in the language asked (Accept-Language), beside the stable codes"
    )
    documents: list[str]
    sources: list[SourceOut]
    matched: str = Field(description="what the query matched")
    status: str = Field(
        description="legal state of the listing: in_force, adopted_not_in_force, deleted, or empty (not recorded)"
    )
    decision: str = Field(
        description="decision or amendment that made the listing (e.g. BC-15/18); may be empty"
    )
    entry_into_force: dt.date | None = Field(
        description="date the listing entered into force (null: not recorded)"
    )
    deleted_on: dt.date | None = Field(description="date the listing was deleted (history)")
    deleted_by: str = Field(description="decision or amendment that deleted the listing")
    state: Literal["in_force", "not_yet_in_force", "deleted"] = Field(
        description="what the listing is on the date `at`: a control, not yet in force, or deleted (history)"
    )
    history: bool = Field(
        description="true when the listing was deleted on or before `at`: not a current control"
    )
    hs_confidence: list[ConfidenceOut] = Field(description="confidence of the HS rows that state one")


class AbsentOut(Schema):
    code: str
    exists_in: list[dict[str, str]] = Field(
        description="editions where the code exists, with its description"
    )
    successors: list[str] = Field(description="codes of the chosen edition linked by the UNSD correlation")


class SubheadingOut(Schema):
    code: str
    description: str


class LookupOut(Schema):
    query: str
    edition: str
    data_release: int
    at: dt.date = Field(description="the date the legal state is answered for (default today)")
    data_as_of: str = Field(description="newest date a source of the data release was read (YYYY-MM-DD)")
    code_absent: AbsentOut | None = Field(
        description="set when the queried code does not exist in the edition; matches then include its successors"
    )
    subheadings: list[SubheadingOut] = Field(description="subheadings under a 4- or 5-digit code")
    matches: list[MatchOut]


class AgreementOut(Schema):
    slug: AgreementSlug
    name: str
    short_name: str
    adopted: dt.date | None
    in_force: dt.date | None
    secretariat: str
    url: str
    restricts_non_party_trade: bool
    items: int


class ItemOut(Schema):
    item: str
    name: str
    kind: str
    listing: str
    cas: list[str]
    controls: list[str]
    documents: list[str]
    hs_codes: dict[str, list[str]]


class PartyOut(Schema):
    country: str = Field(description="ISO 3166 alpha-2 (EU for the European Union)")
    instrument: str = Field(description="the agreement or amendment slug")
    status: str
    action: str
    date: dt.date | None
    in_force: dt.date | None


class AgreementDetailOut(AgreementOut):
    controlled_items: list[ItemOut]
    parties: list[PartyOut] = Field(
        description="recorded party status (may be incomplete: see data provenance)"
    )


class TransposedOut(Schema):
    code: str
    relationship: str
    ex: bool


class HSCodeOut(Schema):
    edition: str
    code: str
    level: int
    description: str
    parents: list[dict[str, str]]
    transposed: dict[str, list[TransposedOut]]
    matches: list[MatchOut]


def _matches(index, result, lang: str | None = None):  # type: ignore[no-untyped-def]
    out = []
    with translation.override(lang or translation.get_language()):
        for m in result.matches:
            data = index.match_json(m, result.at)
            data.update(name=m.item.name, matched=m.matched)
            out.append(data)
    return out


@router.get(
    "/lookup", response={200: LookupOut, 400: ErrorOut}, summary="Which agreements cover a code or product"
)
def lookup(request, q: str, edition: Edition = LATEST, at: str = ""):  # type: ignore[no-untyped-def]
    """Look up an HS code of any edition (2-10 digits, dots and spaces allowed; national lines match their
    6-digit subheading), a name, synonym, trade name or CAS number (typos tolerated). ``at`` (YYYY-MM-DD,
    default today) answers what was controlled on that date; deleted listings come last, as history."""
    try:
        day = dt.date.fromisoformat(at) if at else dt.date.today()
    except ValueError as exc:
        raise HttpError(400, f"at: {at!r} is not a date YYYY-MM-DD") from exc
    index = selectors.lookup_index()
    # the words beside the codes follow the language asked (Accept-Language; /api/ has no language prefix)
    lang = translation.get_language_from_request(request)
    key = (index.generation, edition.upper(), q, day, lang)
    body = _ANSWERS.get(key)
    if body is None:
        try:
            result = index.lookup(q, edition.upper(), day)
        except UnreadableQuery as exc:
            raise HttpError(400, str(exc)) from exc
        rendered = index.result_json(result)
        answer = {
            "query": result.query,
            "edition": result.edition,
            "data_release": index.release,
            "at": rendered["at"],
            "data_as_of": rendered["data_as_of"],
            "code_absent": rendered["code_absent"],
            "subheadings": rendered["subheadings"],
            "matches": _matches(index, result, lang),
        }
        # Serialised here (the shape is LookupOut, documented above): skipping the response model's
        # re-validation halves the time of this endpoint.
        body = json.dumps(answer, ensure_ascii=False).encode()
        _ANSWERS[key] = body
        if len(_ANSWERS) > _ANSWERS_MAX:
            _ANSWERS.popitem(last=False)
    return HttpResponse(body, content_type="application/json")


def _agreement_out(a, count):  # type: ignore[no-untyped-def]
    return {
        "slug": a.slug,
        "name": a.name,
        "short_name": a.short_name,
        "adopted": a.adopted,
        "in_force": a.in_force,
        "secretariat": a.secretariat,
        "url": a.url,
        "restricts_non_party_trade": a.restricts_non_party_trade,
        "items": count,
    }


@router.get("/agreements", response=list[AgreementOut], summary="The agreements covered")
def agreements(request):  # type: ignore[no-untyped-def]
    index = selectors.lookup_index()
    counts: dict[str, int] = {}
    for agreement, _item in index.items:
        counts[agreement] = counts.get(agreement, 0) + 1
    return [_agreement_out(a, counts.get(a.slug, 0)) for a in selectors.agreement_list()]


@router.get(
    "/agreements/{slug}",
    response={200: AgreementDetailOut, 404: ErrorOut},
    summary="An agreement with its controlled items and HS codes",
)
def agreement(request, slug: AgreementSlug):  # type: ignore[no-untyped-def]
    a = selectors.agreement_by_slug(slug)
    if a is None:
        raise HttpError(404, f"no agreement {slug!r}")
    index = selectors.lookup_index()
    items = [i for (ag, _), i in index.items.items() if ag == slug]
    out = _agreement_out(a, len(items))
    out["controlled_items"] = [
        {
            "item": i.item_id,
            "name": i.name,
            "kind": i.kind,
            "listing": i.listing,
            "cas": i.cas,
            "controls": i.controls,
            "documents": i.documents,
            "hs_codes": i.codes_by_edition(),
        }
        for i in items
    ]
    out["parties"] = [
        {"country": p["country"], "instrument": inst, **values}
        for p in selectors.parties_of(slug)
        for inst, values in p["instruments"].items()
    ]
    return out


@router.get(
    "/hs/{edition}/{code}",
    response={200: HSCodeOut, 400: ErrorOut, 404: ErrorOut},
    summary="An HS code: description, correspondents in other editions, controlled items",
)
def hs_code(request, edition: Edition, code: str):  # type: ignore[no-untyped-def]
    edition = edition.upper()
    if edition not in EDITIONS:
        raise HttpError(400, f"unknown edition {edition!r}; use one of {', '.join(EDITIONS)}")
    try:
        normalised = normalise_code(code)
    except UnreadableQuery as exc:
        raise HttpError(400, str(exc)) from exc
    row = selectors.hs_code(edition, normalised)
    if row is None:
        raise HttpError(404, f"{normalised} is not a code of {edition}")
    index = selectors.lookup_index()
    result = index.lookup(normalised, edition)
    return {
        "edition": edition,
        "code": row.code,
        "level": row.level,
        "description": row.description,
        "parents": [
            {"code": p.code, "description": p.description} for p in selectors.hs_ancestors(edition, row.code)
        ],
        "transposed": selectors.transpose(edition, row.code),
        "matches": _matches(index, result),
    }
