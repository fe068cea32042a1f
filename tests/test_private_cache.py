"""Restricted objects are never cached by a proxy or the browser's disk, and the sitemap lists no page under a
restricted one (security issue #13, items 10)."""

from typing import Any

import pytest
from django.urls import reverse

from greencustoms.accounts.policy import Level
from greencustoms.actions.models import ActionPoint
from greencustoms.actions.tests.conftest import demo
from greencustoms.conftest import (
    enforcement_user,
    enforcement_without_2fa,
    officer,
    partner_user,
    partners,
    secretariat_user,
    signed_in_client,
    trainer,
)
from greencustoms.events.models import Event
from greencustoms.guide.tests.factories import small_guide
from greencustoms.library.models import Document
from greencustoms.library.tests.conftest import demo_content
from greencustoms.website.models import AboutPage, HomePage

__all__ = [  # fixtures of the apps' test packages, used here across apps
    "demo",
    "demo_content",
    "enforcement_user",
    "enforcement_without_2fa",
    "officer",
    "partner_user",
    "partners",
    "secretariat_user",
    "trainer",
]

PRIVATE = "private, no-store"


def test_the_sitemap_omits_public_pages_under_an_intranet_page(demo_content: Any, client: Any) -> None:
    home = HomePage.objects.get(locale__language_code="en")
    hidden = home.add_child(
        instance=AboutPage(title="Partners only", slug="partners-only-area", access_level=Level.INTRANET)
    )
    hidden.add_child(
        instance=AboutPage(title="Child", slug="child-of-intranet-x7", access_level=Level.PUBLIC)
    )
    home.add_child(instance=AboutPage(title="Open", slug="open-sibling-q3", access_level=Level.PUBLIC))
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    body = sitemap.content.decode()
    assert "/open-sibling-q3/" in body
    assert "partners-only-area" not in body
    assert "child-of-intranet-x7" not in body


@pytest.mark.parametrize(
    ("level", "role"),
    [
        (Level.REGISTERED, "officer"),
        (Level.ENFORCEMENT, "enforcement_user"),
        (Level.INTRANET, "partner_user"),
    ],
)
def test_restricted_library_documents_are_private(
    demo_content: Any, request: Any, level: str, role: str
) -> None:
    user = request.getfixturevalue(role)
    document = Document.objects.filter(access_level=level).first()
    assert document is not None
    response = signed_in_client(user).get(reverse("library:detail", args=[document.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE
    assert "Cookie" in response["Vary"] and "Authorization" in response["Vary"]


def test_meetings_and_actions_are_private(demo: dict[int, Event], partner_user: Any) -> None:
    client = signed_in_client(partner_user)
    meeting = demo[3]
    assert meeting.access_level != Level.PUBLIC
    page = client.get(reverse("events:meeting_detail", args=[meeting.slug]))
    assert page.status_code == 200 and page["Cache-Control"] == PRIVATE
    action = ActionPoint.objects.filter(meeting=meeting).first()
    assert action is not None and action.access_level != Level.PUBLIC
    page = client.get(reverse("actions:action_detail", args=[action.pk]))
    assert page.status_code == 200 and page["Cache-Control"] == PRIVATE
    listing = client.get(reverse("actions:action_list"))
    assert listing.status_code == 200 and listing["Cache-Control"] == PRIVATE


def test_a_guide_draft_is_private(partners: Any, partner_user: Any) -> None:
    small_guide(partners, year=2031)
    page = signed_in_client(partner_user).get(reverse("guide:edition", args=[2031]))
    assert page.status_code == 200
    assert page["Cache-Control"] == PRIVATE


def test_a_signed_in_list_of_restricted_documents_is_private(
    demo_content: Any, enforcement_user: Any
) -> None:
    page = signed_in_client(enforcement_user).get(reverse("library:index"))
    assert page.status_code == 200
    assert page["Cache-Control"] == PRIVATE


def test_public_answers_to_anonymous_visitors_stay_cacheable(demo_content: Any, client: Any) -> None:
    document = Document.objects.filter(access_level=Level.PUBLIC).first()
    assert document is not None
    page = client.get(reverse("library:detail", args=[document.pk]))
    assert page.status_code == 200
    assert "no-store" not in page.get("Cache-Control", "")
    download = client.get(document.main_file().get_download_url())
    download.close()
    assert download["Cache-Control"] == "public, max-age=3600"
