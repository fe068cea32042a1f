"""Site-wide search across pages and documents, and the checked Wagtail image view."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.i18n import set_language as django_set_language

from greencustoms.accounts import policy
from greencustoms.library import selectors as library
from greencustoms.website import languages, navigation, selectors


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…: pages and documents the visitor may see, with highlighted excerpts."""
    query = request.GET.get("q", "").strip()[:200]
    kind, items = selectors.agreement_matches(query) if query else ("", [])
    pages = selectors.page_search(request.user, query) if query else []
    documents = list(
        library.document_search(request.user, library.DocumentFilters(q=query))[:50] if query else []
    )
    for doc in documents:
        doc.snippet = library.snippet(doc.summary + " " + doc.search_text, query)
    for page in pages:
        text = " ".join(str(getattr(page, f, "") or "") for f in ("search_description", "intro"))
        page.snippet = library.snippet(text, query) if text.strip() else ""
    sections = navigation.app_search_sections(request.user, query) if query else []
    context = {
        "query": query, "pages": pages, "documents": documents, "items": items, "kind": kind,
        "sections": sections,
    }  # fmt: skip
    return render(request, "website/search.html", context)


def set_language(request: HttpRequest) -> HttpResponse:
    """/i18n/setlang/: Django's language switch (cookie, redirect), plus the choice saved on the profile.

    From a Wagtail page, the switch goes to that page's translation (or the page under the new language's
    prefix, shown in English with a note, when it has none).
    """
    response = django_set_language(request)
    here = request.POST.get("here", "") if request.method == "POST" else ""
    language = languages.supported(request.POST.get("language", "")) if here else None
    if language and response.status_code == 302 and here.startswith("/") and not here.startswith("//"):
        target = selectors.translated_path(request, here, language)
        if target:
            redirect = HttpResponseRedirect(target)
            redirect.cookies = response.cookies
            response = redirect
    if request.method == "POST" and response.status_code in (302, 204):
        languages.save_language(
            user=request.user, language=request.POST.get("language", ""), session=request.session
        )
    return response


def notice(request: HttpRequest, kind: str) -> HttpResponse:
    """/legal/, /privacy/, /accessibility/: the notices the footer links to."""
    titles = {
        "legal": _("Legal notice"),
        "privacy": _("Privacy notice"),
        "accessibility": _("Accessibility statement"),
    }
    if kind not in titles:
        raise Http404
    return render(request, "website/legal_page.html", {"kind": kind, "title": titles[kind]})


def translation_status(request: HttpRequest) -> HttpResponse:
    """/translations/pages/?language=fr: the pages missing or outdated in French or Spanish, for translators."""
    if not policy.can_view_translation_status(request.user):
        raise PermissionDenied
    language = request.GET.get("language", "fr")
    if language not in ("fr", "es"):
        language = "fr"
    rows = selectors.page_translation_status(by=request.user, language=language)
    counts = {state: sum(1 for r in rows if r.state == state) for state in ("missing", "outdated", "current")}
    tabs = [(code, label, code == language) for code, label in (("fr", _("French")), ("es", _("Spanish")))]
    context = {"rows": rows, "language": language, "counts": counts, "tabs": tabs}
    return render(request, "website/translation_status.html", context)
