"""Public pages: lookup, agreements, items, HS codes, the HS annex and data releases."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from greencustoms import renders
from greencustoms.agreements import export, selectors
from greencustoms.agreements.choices import HSConfidence, ListingState, control_words
from greencustoms.agreements.lookup import EDITIONS, LATEST, UnreadableQuery, format_code, normalise_code

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _edition(request: HttpRequest) -> str:
    edition = request.GET.get("edition", LATEST).upper()
    return edition if edition in EDITIONS else LATEST


def _at(request: HttpRequest) -> tuple[dt.date, str]:
    """The date a lookup answers for (``at``, default today) and an error naming the field when unreadable."""
    text = request.GET.get("at", "").strip()
    if not text:
        return dt.date.today(), ""
    try:
        return dt.date.fromisoformat(text), ""
    except ValueError:
        return dt.date.today(), _("Date (at): %(value)s is not a date YYYY-MM-DD.") % {"value": text}


def _card(item, matched: str = "", at: dt.date | None = None):  # type: ignore[no-untyped-def]
    ex = {(r.edition, r.code): r.note for r in item.hs if r.ex}
    candidate = {(r.edition, r.code) for r in item.hs if r.confidence == HSConfidence.CANDIDATE}
    return {
        "item": item,
        "matched": matched,
        "state": ListingState(item.state_on(at or dt.date.today())),
        "at": at or dt.date.today(),
        # controls in words in the user's language (the codes stay in the JSON of the API and CLI)
        "controls": [control_words(c) for c in item.controls],
        "codes": [
            (
                ed,
                [
                    (format_code(c), c, (ed, c) in ex, ex.get((ed, c), ""), (ed, c) in candidate)
                    for c in codes
                ],
            )
            for ed, codes in item.codes_by_edition().items()
        ],
        "has_candidates": bool(candidate),
    }


def _country_answers(cards: list[dict], countries: list[tuple[str, str, str]], at: dt.date) -> None:
    """Add to each card, per chosen country, its party status under the card's agreement on the date ``at``
    (with date, source and as-of date) and what the trader must show there (the item's documents, in words)."""
    if not countries:
        return
    answers: dict[tuple[str, str], list[dict]] = {}
    for card in cards:
        slug = card["item"].agreement
        card["countries"] = []
        for role, code, name in countries:
            if (code, slug) not in answers:
                answers[(code, slug)] = selectors.party_answers(country=code, agreements=[slug], at=at)
            card["countries"].append(
                {
                    "role": role,
                    "importing": role == "import",
                    "code": code,
                    "name": name,
                    "instruments": answers[(code, slug)],
                }
            )


def lookup(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    edition = _edition(request)
    at, at_error = _at(request)
    index = selectors.lookup_index()
    country_names = dict(selectors.country_list())
    # the importing and exporting country (ISO alpha-2): each card answers their party status and documents
    countries = [
        (role, code, country_names[code])
        for role, code in (
            ("import", request.GET.get("importer", "")),
            ("export", request.GET.get("exporter", "")),
        )
        if code in country_names
    ]
    context = {
        "query": query,
        "countries": list(country_names.items()),
        "importer": request.GET.get("importer", "")
        if request.GET.get("importer", "") in country_names
        else "",
        "exporter": request.GET.get("exporter", "")
        if request.GET.get("exporter", "") in country_names
        else "",
        "edition": edition,
        "editions": EDITIONS,
        "at": at,
        "at_given": bool(request.GET.get("at", "").strip()) and not at_error,
        "data_as_of": index.as_of,
        "release": selectors.current_release(),
        "agreements": selectors.agreement_list(),
    }
    if at_error:
        context["error"] = at_error
    elif query:
        try:
            result = index.lookup(query, edition, at)
        except UnreadableQuery as exc:
            context["error"] = str(exc)
        else:
            context["result"] = result
            context["cards"] = [_card(m.item, m.matched, at) for m in result.matches]
            _country_answers(context["cards"], countries, at)
            if result.kind == "code":
                context["code"] = selectors.hs_code(edition, result.code)
    return render(request, "agreements/lookup.html", context)


def agreement_list(request: HttpRequest) -> HttpResponse:
    return render(request, "agreements/agreement_list.html", {"agreements": selectors.agreement_list()})


def agreement_detail(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = selectors.agreement_by_slug(slug)
    if agreement is None:
        raise Http404(_("No such agreement."))
    edition = _edition(request)
    index = selectors.lookup_index()
    items = [i for (ag, _i), i in index.items.items() if ag == slug]
    today = dt.date.today()
    rows = [
        (
            i,
            [(format_code(r.code), r.code, r.ex) for r in i.hs if r.edition == edition],
            ListingState(i.state_on(today)),
        )
        for i in items
    ]
    instruments = selectors.instruments_of(slug)
    parties = selectors.parties_of(slug)
    party_rows = [(p, [p["instruments"].get(i) for i in instruments]) for p in parties]
    dates = [v["date"] for p in parties for v in p["instruments"].values() if v["date"]]
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "rows": rows,
            "edition": edition,
            "editions": EDITIONS,
            "release": selectors.current_release(),
            "instruments": instruments,
            "party_rows": party_rows,
            "latest_party_date": max(dates) if dates else None,
        },
    )


def item_detail(request: HttpRequest, slug: str, item_id: str) -> HttpResponse:
    item = selectors.lookup_index().items.get((slug, item_id))
    model = selectors.item_by_id(slug, item_id)
    if item is None or model is None:
        raise Http404(_("No such controlled item."))
    return render(
        request,
        "agreements/item_detail.html",
        {
            "card": _card(item),
            "model": model,
            "agreement": model.agreement,
            "release": selectors.current_release(),
        },
    )


def hs_code(request: HttpRequest, edition: str, code: str) -> HttpResponse:
    edition = edition.upper()
    try:
        normalised = normalise_code(code)
    except UnreadableQuery as exc:
        raise Http404(str(exc)) from exc
    row = selectors.hs_code(edition, normalised) if edition in EDITIONS else None
    if row is None:
        raise Http404(_("No such HS code in this edition."))
    result = selectors.lookup_index().lookup(normalised, edition)
    return render(
        request,
        "agreements/hs_code.html",
        {
            "row": row,
            "edition": edition,
            "display": format_code(row.code),
            "parents": selectors.hs_ancestors(edition, row.code),
            "transposed": [
                (ed, [(format_code(t["code"]), t) for t in links])
                for ed, links in selectors.transpose(edition, row.code).items()
            ],
            "cards": [_card(m.item, m.matched) for m in result.matches],
            "release": selectors.current_release(),
        },
    )


def annex(request: HttpRequest) -> HttpResponse:
    """The HS annex on a date (``?at=``, default today): current listings, then deleted ones as history."""
    edition = _edition(request)
    at, at_error = _at(request)
    slug = request.GET.get("agreement") or None
    if slug and selectors.agreement_by_slug(slug) is None:
        slug = None
    rows = [] if at_error else selectors.annex_rows(edition, slug, at)
    for r in rows:
        r["display"] = format_code(r["hs_code"])
    return render(
        request,
        "agreements/annex.html",
        {
            "rows": [r for r in rows if not r["history"]],
            "history": [r for r in rows if r["history"]],
            "edition": edition,
            "editions": EDITIONS,
            "agreement": slug,
            "agreements": selectors.agreement_list(),
            "release": selectors.current_release(),
            "at": at,
            "at_given": bool(request.GET.get("at", "").strip()) and not at_error,
            "error": at_error,
        },
        status=400 if at_error else 200,
    )


def annex_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The annex file, rendered once per data release, edition, agreement, date and language."""
    if (limited := renders.throttled(request)) is not None:
        return limited
    edition = _edition(request)
    at, at_error = _at(request)
    if at_error:
        return HttpResponse(at_error, status=400, content_type="text/plain; charset=utf-8")
    slug = request.GET.get("agreement") or None
    if slug and selectors.agreement_by_slug(slug) is None:
        raise Http404(_("No such agreement."))
    # the words (controls, state, confidence) are in the user's language in every format
    family = ("annex", edition, slug or "all", at.isoformat(), get_language() or "en", fmt)
    try:
        name = renders.rendered(
            family,
            export.version(),
            lambda: export.render(fmt, edition=edition, agreement=slug, at=at),
            suffix=fmt,
        )
    except renders.Preparing:
        return renders.preparing_response()
    return renders.file_response(
        name,
        content_type=CONTENT_TYPES[fmt],
        filename=f"greencustoms-hs-annex-{edition}{'-' + slug if slug else ''}.{fmt}",
        inline=False,
        public=True,
    )


def releases(request: HttpRequest) -> HttpResponse:
    releases = list(selectors.release_list())
    for r in releases:
        r.count_pairs = sorted(r.counts.items())  # type: ignore[attr-defined]
    return render(request, "agreements/releases.html", {"releases": releases})
