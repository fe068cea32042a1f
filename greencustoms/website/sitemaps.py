"""The sitemap: the pages an anonymous visitor may see, as the access policy says (nothing under a
restricted page, whatever the child's own level: its slug would tell what the parent hides)."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap

from greencustoms.library.models import Document
from greencustoms.website.selectors import public_documents_for_sitemap, visible_pages


class PublicSitemap(Sitemap):
    """Wagtail's sitemap narrowed to `visible_pages(None)` (levels and view restrictions, subtrees included)."""

    def items(self) -> Any:
        return super().items().filter(pk__in=visible_pages(None).values("pk"))


class PublicDocumentSitemap(DjangoSitemap):  # type: ignore[type-arg]  # django-stubs: Sitemap is generic
    """Every public library document, after the pages (the documents' site is the request's host)."""

    def items(self) -> Any:
        return public_documents_for_sitemap()

    def location(self, item: Document) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Document) -> Any:
        return item.updated_at


SITEMAPS = {"wagtail": PublicSitemap, "documents": PublicDocumentSitemap}
