"""What the website's pages show besides their own fields, read through the selectors for the viewer.

The page models (Wagtail serves a page through its model) stay below the selectors: their templates ask
for these lists, e.g. ``{% latest_news as news %}``, with the request's user.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from greencustoms.library.models import Document
from greencustoms.website import selectors
from greencustoms.website.models import NewsPage, PartnerPage

register = template.Library()


def _user(context: Any) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def latest_news(context: Any) -> list[Any]:
    return selectors.latest_news(_user(context))


@register.simple_tag(takes_context=True)
def upcoming_events(context: Any) -> list[Any]:
    return selectors.upcoming_events(_user(context), today=timezone.localdate())


@register.simple_tag(takes_context=True)
def latest_documents(context: Any) -> list[Document]:
    return selectors.latest_documents(_user(context))


@register.simple_tag(takes_context=True)
def partner_pages(context: Any, page: Any) -> list[PartnerPage]:
    """The partner pages under a partners index that the viewer may see, in tree order."""
    return selectors.visible_children(page, _user(context), PartnerPage)


@register.simple_tag(takes_context=True)
def news_items(context: Any, page: Any) -> list[Any]:
    """The news under a news index the viewer may see, newest first."""
    items = selectors.visible_children(page, _user(context), NewsPage)
    return sorted(items, key=lambda p: p.date, reverse=True)


@register.simple_tag(takes_context=True)
def partner_documents(context: Any, partner: Any) -> Any:
    return selectors.partner_documents(_user(context), partner)
