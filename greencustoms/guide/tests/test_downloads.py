"""Guide PDFs: a published edition is printed once per publication and data release; drafts stay restricted."""

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from greencustoms.conftest import verified
from greencustoms.guide import publishing
from greencustoms.guide.models import Section
from greencustoms.guide.tests.factories import approve_all, small_guide


@pytest.fixture
def printed(settings: Any, tmp_path: Any, monkeypatch: Any) -> list[int]:
    """A fresh render folder; returns one entry (the year) per real printing of a PDF."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    calls: list[int] = []
    real = publishing.print_pdf

    def counting(guide: Any, html: str, **kwargs: Any) -> bytes:
        calls.append(guide.year)
        return real(guide, html, **kwargs)

    monkeypatch.setattr(publishing, "print_pdf", counting)
    return calls


def test_a_published_edition_is_printed_once(
    client: Any, partners: Any, secretariat_user: Any, printed: list
):
    approve_all(small_guide(partners, year=2030), verified(secretariat_user))
    first = client.get(reverse("guide:pdf", args=[2030]))
    second = client.get(reverse("guide:pdf", args=[2030]))
    assert (first.status_code, second.status_code) == (200, 200)
    assert printed == [2030] and second.content == first.content
    assert second["Cache-Control"] == "public, max-age=3600"


def test_a_draft_is_printed_per_content_and_never_served_to_the_public(
    client: Any, client_for: Any, partners: Any, partner_user: Any, printed: list
):
    small_guide(partners, year=2031)
    partner = client_for(partner_user)
    url = reverse("guide:pdf", args=[2031])
    first, second = partner.get(url), partner.get(url)
    assert (first.status_code, second.status_code) == (200, 200) and printed == [2031]
    assert second["Cache-Control"] == "private, no-store"
    response = client.get(url)
    assert response.status_code == 404 and not response.content.startswith(b"%PDF")
    Section.objects.filter(chapter__guide__year=2031).update(body="A paragraph changed in review.")
    assert partner.get(url).status_code == 200 and printed == [2031, 2031]


def test_anonymous_guide_downloads_over_the_limit_get_429(
    client: Any, partners: Any, secretariat_user: Any, printed: list, settings: Any
):
    approve_all(small_guide(partners, year=2030), verified(secretariat_user))
    settings.RATELIMIT_ENABLE = True
    # a day-long window: two requests a few seconds apart never straddle a window boundary (a minute may)
    settings.EXPORT_ANONYMOUS_RATE = "1/d"
    cache.clear()
    assert client.get(reverse("guide:pdf", args=[2030])).status_code == 200
    limited = client.get(reverse("guide:offline", args=[2030]))
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1
    cache.clear()
