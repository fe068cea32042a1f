"""Reads of the website: pages narrowed to what the user may see, and the documents pages show."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
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
    visible = set(visible_pages(user).values_list("pk", flat=True))
    results = Page.objects.live().specific().search(query)[:500]
    return [p for p in results if p.pk in visible][:limit]


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
