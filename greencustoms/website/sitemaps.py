"""The sitemap: the pages an anonymous visitor may see, as the access policy says (nothing under a
restricted page, whatever the child's own level: its slug would tell what the parent hides)."""

from __future__ import annotations

from typing import Any

from wagtail.contrib.sitemaps import Sitemap

from greencustoms.website.selectors import visible_pages


class PublicSitemap(Sitemap):
    """Wagtail's sitemap narrowed to `visible_pages(None)` (levels and view restrictions, subtrees included)."""

    def items(self) -> Any:
        return super().items().filter(pk__in=visible_pages(None).values("pk"))


SITEMAPS = {"wagtail": PublicSitemap}
