"""No leak on any channel: every role × every level × every channel, and a crawler per role."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Collection, Page

from greencustoms.accounts.policy import Level
from greencustoms.library.models import CollectionLevel, Document, DocumentFile
from greencustoms.library.tests.conftest import (
    ALL_CANARIES,
    ROLE_FIXTURES,
    allowed_canaries,
    forbidden_canaries,
)
from greencustoms.tests.crawl import CANARY, body_of, crawl
from greencustoms.website.models import NewsIndexPage, NewsPage

ROLES = list(ROLE_FIXTURES)


@pytest.fixture
def wagtail_files(demo_content: Any) -> dict[str, Any]:
    """A Wagtail document and image in an enforcement collection, another document in an intranet one."""
    root = Collection.get_first_root_node()
    made: dict[str, Any] = {}
    for level, canary in (
        (Level.ENFORCEMENT, "GCCANARY-wagtaildoc-enforcement-11d0"),
        (Level.INTRANET, "GCCANARY-wagtaildoc-intranet-64ab"),
    ):
        collection = root.add_child(instance=Collection(name=f"Restricted {level}"))
        CollectionLevel.objects.create(collection=collection, access_level=level)
        doc = WagtailDocument(title=f"Sheet {canary}", collection=collection)
        doc.file.save(f"sheet-{level}.txt", ContentFile(f"body {canary}".encode()), save=False)
        doc.save()
        doc.file.close()
        made[f"doc-{level}"] = (doc, canary)
        if level == Level.ENFORCEMENT:
            buf = io.BytesIO()
            PILImage.new("RGB", (8, 8), "red").save(buf, format="PNG")
            image = WagtailImage.objects.create(
                title=f"Concealment photo {canary}",
                collection=collection,
                file=ImageFile(io.BytesIO(buf.getvalue()), name="concealment.png"),
            )
            made["image"] = (image, canary)
    return made


def _leaks(body: bytes, role: str) -> set[str]:
    found = {m.decode() for m in CANARY.findall(body)}
    return found & forbidden_canaries(role)


def _may_see(role: str, level: str, owner: str | None) -> bool:
    from greencustoms.library.tests.conftest import PARTNER_ORG, ROLE_LEVELS

    return level in ROLE_LEVELS[role] or (
        PARTNER_ORG.get(role) is not None and PARTNER_ORG.get(role) == owner
    )


# Wagtail's rendition generation (admin image thumbnails) leaves a SpooledTemporaryFile for the GC.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_has_no_leak(
    role: str, demo_content: Any, wagtail_files: Any, role_client: Any
) -> None:
    user, client = role_client(role)
    seen: set[str] = set()
    failures: list[str] = []

    def check(url: str, *, expect_ok: bool | None = None) -> Any:
        response = client.get(url, follow=True)
        body = body_of(response)
        seen.update(m.decode() for m in CANARY.findall(body))
        leaked = _leaks(body, role)
        if leaked:
            failures.append(f"{url}: leaked {sorted(leaked)}")
        if expect_ok is not None and (response.status_code == 200) != expect_ok:
            failures.append(
                f"{url}: status {response.status_code}, expected {'200' if expect_ok else 'refusal'}"
            )
        return response

    # page + file + thumbnail channels, per document and level
    for document in Document.objects.select_related("owner_partner"):
        allowed = _may_see(role, document.access_level, document.owner_partner.acronym)
        check(f"/library/{document.pk}/", expect_ok=allowed)
        check(f"/fr/library/{document.pk}/", expect_ok=allowed)
        for item in DocumentFile.objects.filter(document=document):
            response = check(item.get_download_url(), expect_ok=allowed)
            if allowed and document.access_level != Level.PUBLIC:
                assert response["Cache-Control"] == "private, no-store"
            check(item.get_thumbnail_url(), expect_ok=allowed)
    # Wagtail pages with a level
    for page in NewsPage.objects.all():
        levels = __import__("greencustoms.library.tests.conftest", fromlist=["ROLE_LEVELS"]).ROLE_LEVELS[role]
        check(page.url, expect_ok=page.access_level in levels)
        # Served through the French tree's English fallback: the same level applies.
        check("/fr" + page.url, expect_ok=page.access_level in levels)
    # Wagtail documents and images in restricted collections
    for key, (obj, canary) in wagtail_files.items():
        level, _owner = ALL_CANARIES[canary]
        allowed = _may_see(role, level, None)
        url = f"/library/images/{obj.pk}/" if key == "image" else obj.url
        check(url, expect_ok=allowed)
    # listings, search results and snippets, API, feeds, sitemap
    for url in [
        "/",
        "/library/",
        "/library/?q=GCCANARY",
        "/library/?level=enforcement",
        "/library/?level=intranet",
        "/library/?partner=WCO",
        "/library/?doc_type=risk_indicator",
        "/library/enforcement/",
        "/library/intranet/",
        "/library/feedback/ours/",
        "/library/feedback/moderation/",
        "/partners/",
        "/partners/wco/",
        "/partners/unep/",
        "/partners/interpol/",
        "/partners/brs/",
        "/partners/opcw/",
        "/news/",
        "/search/?q=GCCANARY",
        "/search/?q=demo",
        "/search/?q=risk+indicator",
        "/api/v1/documents",
        "/api/v1/documents?q=GCCANARY",
        "/feeds/news.rss",
        "/feeds/news.atom",
        "/feeds/documents.rss",
        "/sitemap.xml",
        # translated pages (issue 18): the French/Spanish trees, the English fallback, translators' status
        "/fr/",
        "/es/",
        "/fr/news/",
        "/es/partners/wco/",
        "/fr/search/?q=GCCANARY",
        "/translations/pages/?language=fr",
        "/translations/pages/?language=es",
    ]:
        check(url)
    for event_pk in Document.objects.exclude(event=None).values_list("event_id", flat=True).distinct():
        check(f"/library/intranet/meetings/{event_pk}/")
    # admin: explorer, its API, the choosers
    news_index = NewsIndexPage.objects.get(locale__language_code="en")
    root = Page.get_first_root_node()
    for url in [
        "/admin/",
        f"/admin/pages/{news_index.pk}/",
        f"/admin/api/main/pages/?child_of={news_index.pk}&for_explorer=1",
        f"/admin/api/main/pages/?child_of={news_index.pk}",
        f"/admin/api/main/pages/?descendant_of={root.pk}&search=GCCANARY",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/documents/chooser/results/?q=GCCANARY",
        "/admin/images/",
        "/admin/images/chooser/",
        "/admin/pages/search/?q=GCCANARY",
    ]:
        check(url)

    assert not failures, "\n".join(failures)
    # The test can fail: what the role may see is actually reachable.
    expected_visible = allowed_canaries(role)
    assert expected_visible <= seen, f"{role} never saw {sorted(expected_visible - seen)}"


@pytest.mark.parametrize("role", ROLES)
def test_crawler_finds_no_canary_the_role_may_not_see(role: str, demo_content: Any, role_client: Any) -> None:
    """Follow every same-site link from the home page (and the API, feeds and sitemap) for up to 250 URLs."""
    _user, client = role_client(role)
    queue = [
        "/",
        "/api/v1/documents",
        "/feeds/news.rss",
        "/feeds/news.atom",
        "/feeds/documents.rss",
        "/sitemap.xml",
        "/search/?q=GCCANARY",
        "/library/?q=GCCANARY",
    ]
    reached = crawl(client, queue, forbidden=forbidden_canaries(role), limit=250)
    visited, seen, leaks = reached.visited, reached.seen, reached.leaks
    assert not leaks, "\n".join(leaks)
    assert len(visited) > 20, f"the crawl reached only {len(visited)} URLs"
    assert allowed_canaries(role) - {c for c in allowed_canaries(role) if "wagtaildoc" in c} <= seen | {
        c for c in allowed_canaries(role) if "page-" in c and role == "anonymous"
    }, f"{role} never reached {sorted(allowed_canaries(role) - seen)}"
