"""Reads of the website: pages narrowed to what the user may see, and the documents pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from greencustoms.accounts import policy
from greencustoms.accounts.policy import Level, visible_levels
from greencustoms.agreements import selectors as agreements
from greencustoms.agreements.lookup import UnreadableQuery
from greencustoms.events.models import Event
from greencustoms.library.models import Document
from greencustoms.partners.models import Partner
from greencustoms.website.models import LevelledPage, NewsPage


def _levelled_page_models() -> list[type[Page]]:

    return [m for m in apps.get_models() if issubclass(m, LevelledPage)]


def _fails_restriction(restriction: PageViewRestriction, user: Any) -> bool:
    """Wagtail's own view restrictions (login, groups); password restrictions are switched off, so refuse."""
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return not user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if not user.is_authenticated:
            return True
        if policy.bypasses_group_restrictions(user):
            return False
        wanted = {g.pk for g in restriction.groups.all()}
        return not wanted & set(user.groups.values_list("pk", flat=True))
    return True


def visible_pages(user: Any) -> QuerySet[Page]:
    """Live pages the user may see: Wagtail view restrictions and our access levels both applied.

    `.public()` alone would hide group-restricted pages from members and show level-restricted ones to all.
    """
    user = user if user is not None else AnonymousUser()
    qs = Page.objects.live()
    if not policy.is_secretariat(user):
        levels = visible_levels(user)
        partner_id = policy.staff_partner_id(user)
        for model in _levelled_page_models():
            hidden = model.objects.exclude(access_level__in=levels)
            if partner_id is not None and hasattr(model, "partner"):
                hidden = hidden.exclude(partner_id=partner_id)
            # A page hidden by its level hides its subtree too.
            for path in hidden.values_list("path", flat=True):
                qs = qs.exclude(path__startswith=path)
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
        if _fails_restriction(restriction, user):
            qs = qs.exclude(path__startswith=restriction.page.path)
    return qs


def page_is_visible(page: Page, user: Any) -> bool:
    return visible_pages(user).filter(pk=page.pk).exists()


def visible_children(page: Page, user: Any, model: type[Page]) -> list[Any]:
    ids = visible_pages(user).child_of(page).values("pk")
    return list(model.objects.filter(pk__in=ids).order_by("path"))


def page_search(user: Any, query: str, *, limit: int = 50) -> list[Page]:
    """Full-text search of pages, keeping only those the user may see."""
    if not query.strip():
        return []
    from django.utils.translation import get_language

    visible = set(visible_pages(user).values_list("pk", flat=True))
    results = [p for p in Page.objects.live().specific().search(query)[:500] if p.pk in visible]
    return one_per_translation(results, get_language() or "en")[:limit]


def one_per_translation(pages: list[Any], language: str) -> list[Any]:
    """Of the language versions of a page, the one in ``language``, else the English one, else the first;
    in the order the first version of each page came."""
    chosen: dict[Any, Any] = {}
    rank = {language.split("-")[0]: 0, "en": 1}
    for page in pages:
        key = page.translation_key
        page_rank = rank.get(page.locale.language_code.split("-")[0], 2)
        if key not in chosen or page_rank < chosen[key][0]:
            chosen[key] = (page_rank, page)
    return [page for _rank, page in chosen.values()]


def partner_documents(user: Any, partner: Partner) -> QuerySet[Document]:
    return Document.objects.visible_to(user).filter(owner_partner=partner).select_related("owner_partner")


def public_documents_for_sitemap() -> QuerySet[Document]:
    """Every public library document (the sitemap lists public things only)."""
    return Document.objects.filter(access_level=Level.PUBLIC).only("pk", "updated_at").order_by("pk")


def public_news(limit: int = 30) -> list[Any]:
    """Public news for feeds (feeds are anonymous: the same answer for everyone)."""

    ids = visible_pages(None).type(NewsPage).values("pk")
    return list(NewsPage.objects.filter(pk__in=ids, access_level=Level.PUBLIC).order_by("-date")[:limit])


def public_documents(limit: int = 30) -> QuerySet[Document]:
    return Document.objects.filter(access_level=Level.PUBLIC).select_related("owner_partner")[:limit]


def agreement_matches(query: str, *, limit: int = 5) -> tuple[str, list[Any]]:
    """What the agreements data answers for ``query`` (an HS code, a name or synonym, a CAS or R-number).

    Returns the kind of query (``code``, ``cas``, ``name``; empty when unreadable) and the first matching
    controlled items, through the agreements app's own lookup (public data, the same for every user).
    """

    try:
        result = agreements.lookup_index().lookup(query)
    except UnreadableQuery:
        return "", []
    return result.kind, [match.item for match in result.matches[:limit]]


def latest_news(user: Any, *, limit: int = 3) -> list[Any]:
    """The newest news items this user may see."""

    ids = visible_pages(user).type(NewsPage).values("pk")
    return list(NewsPage.objects.filter(pk__in=ids).order_by("-date", "-pk")[:limit])


def upcoming_events(user: Any, *, today: Any, limit: int = 3) -> list[Any]:
    """Workshops, meetings, side events and webinars this user may see, not yet over, soonest first."""

    return list(
        Event.objects.visible_to(user)
        .filter(end__gte=today)
        .select_related("host")
        .order_by("start", "pk")[:limit]
    )


def latest_documents(user: Any, *, limit: int = 4) -> list[Document]:
    """The documents this user may see, most recently updated first."""
    return list(
        Document.objects.visible_to(user)
        .select_related("owner_partner")
        .order_by("-updated_at", "-pk")[:limit]
    )


# --- Translated pages (issue 18) -----------------------------------------------------------------------


def page_shown_untranslated(page: Any, language: str | None) -> bool:
    """True when ``page`` is served in a language other than its own (the English fallback)."""
    locale = getattr(page, "locale", None)
    if locale is None or not language:
        return False
    return locale.language_code.split("-")[0] != language.split("-")[0]


def translated_path(request: HttpRequest, path: str, language: str) -> str | None:
    """Where the language switch should go from the page at ``path`` (with its language prefix) to ``language``.

    The translation of the page served at ``path`` when there is one (its own address, slugs may differ),
    else the same page under the new language's prefix (served in English with the note). None when
    ``path`` is not a Wagtail page.
    """
    from django.conf import settings
    from django.utils import translation
    from wagtail.models import Locale, Site

    from greencustoms.website.chrome import path_without_language

    current = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    bare = path_without_language(path)
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [c for c in bare.split("/") if c]
    with translation.override(current):
        try:
            found = site.root_page.localized.specific.route(request, components)
        except Exception:  # noqa: BLE001 - any routing failure: not a page, let Django's switch decide
            return None
    page = found.page
    locale = Locale.objects.filter(language_code=language).first()
    target = page.get_translation_or_none(locale) if locale is not None else None
    if target is not None and target.live:
        with translation.override(language):
            return target.get_url(request)
    source = page.get_translation_or_none(Locale.get_default()) or page
    english = source.get_url(request) or bare
    english = path_without_language(english)
    return english if language == settings.LANGUAGE_CODE else f"/{language}{english}"


@dataclass(frozen=True)
class PageTranslationRow:
    page: Any
    state: str  # "missing", "outdated" or "current"
    source_changed: Any
    translation_changed: Any
    translation: Any

    @property
    def state_label(self) -> str:
        from django.utils.translation import gettext as _

        return {"missing": _("Missing"), "outdated": _("Outdated")}.get(self.state) or _("Up to date")


def page_translation_status(*, by: Any, language: str) -> list[PageTranslationRow]:
    """Every English page the user may see, with the state of its ``language`` translation.

    Missing: no page in that locale. Outdated: the English page was published after the translation's last
    publication (Wagtail keeps both dates on the page). Current otherwise.
    """
    from wagtail.models import Locale

    default = Locale.get_default()
    locale = Locale.objects.filter(language_code=language).first()
    english = visible_pages(by).filter(locale=default, depth__gt=1).order_by("path")
    keys = list(english.values_list("translation_key", flat=True))
    translations = {
        p.translation_key: p
        for p in Page.objects.filter(locale=locale, translation_key__in=keys).only(
            "translation_key", "title", "last_published_at", "url_path", "live", "locale"
        )
    }
    rows = []
    for page in english.only("translation_key", "title", "last_published_at", "url_path", "locale"):
        other = translations.get(page.translation_key)
        if other is None or not other.live:
            state = "missing"
        elif page.last_published_at and (
            other.last_published_at is None or other.last_published_at < page.last_published_at
        ):
            state = "outdated"
        else:
            state = "current"
        rows.append(
            PageTranslationRow(
                page=page,
                state=state,
                source_changed=page.last_published_at,
                translation_changed=other.last_published_at if other is not None else None,
                translation=other,
            )
        )
    return rows
