"""RSS and Atom feeds of public news and public documents (feeds are anonymous: public items only)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from greencustoms.website import selectors


class NewsFeed(Feed):
    title = _("Green Customs Initiative: news")
    link = "/"
    description = _("News of the Green Customs Initiative.")

    def items(self) -> list[Any]:
        return selectors.public_news()

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.intro

    def item_link(self, item: Any) -> str:
        return item.url or "/"

    def item_pubdate(self, item: Any) -> datetime:
        return timezone.make_aware(datetime.combine(item.date, time(12)))


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class DocumentsFeed(Feed):
    title = _("Green Customs Initiative: new public documents")
    link = "/library/"
    description = _("Documents the Green Customs partners have published.")

    def items(self) -> Any:
        return selectors.public_documents()

    def item_title(self, item: Any) -> str:
        return item.title

    def item_description(self, item: Any) -> str:
        return item.summary

    def item_link(self, item: Any) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Any) -> datetime:
        return item.updated_at
