"""Wagtail's admin API lists pages through the same visibility as the site (issue #13)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from wagtail.models import Page

from greencustoms.accounts.policy import Level
from greencustoms.library.tests.conftest import ALL_CANARIES
from greencustoms.website.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

CANARY = re.compile(r"GCCANARY-[a-z0-9-]+")
INTRANET_PAGES = {c for c, (level, _o) in ALL_CANARIES.items() if "page-" in c and level == Level.INTRANET}


def _urls() -> list[str]:
    """Listings as the admin's menus and choosers ask for them (without ``for_explorer``), and a detail."""
    news, root = NewsIndexPage.objects.get(locale__language_code="en"), Page.get_first_root_node()
    return [
        f"/admin/api/main/pages/?child_of={news.pk}",
        f"/admin/api/main/pages/?descendant_of={root.pk}&search=GCCANARY",
        f"/admin/api/main/pages/?descendant_of={root.pk}",
        _detail(),
    ]


def _detail() -> str:
    return f"/admin/api/main/pages/{NewsPage.objects.get(access_level=Level.INTRANET).pk}/"


def test_an_editor_without_intranet_level_gets_no_intranet_title(
    demo_content: Any, secretariat_user: Any, settings: Any
) -> None:
    # Suppose a staff session reached the admin API without its second factor (the gate is tested in
    # accounts): Wagtail alone would list every page to a superuser; our policy gives public and registered.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("TwoFactorRequiredMiddleware")]
    client = Client()
    client.force_login(secretariat_user, backend="greencustoms.accounts.backends.EmailBackend")
    assert INTRANET_PAGES
    for url in _urls():
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == (404 if url == _detail() else 200), url
        assert not set(CANARY.findall(body)) & INTRANET_PAGES, url
    listing = client.get(_urls()[0]).json()
    assert listing["meta"]["total_count"] >= 1  # the pages it may see are still listed


def test_the_verified_secretariat_still_sees_every_page(demo_content: Any, role_client: Any) -> None:
    _user, client = role_client("secretariat")
    seen: set[str] = set()
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 200, url
        seen |= set(CANARY.findall(response.content.decode()))
    assert seen >= INTRANET_PAGES


def test_the_admin_api_refuses_a_session_without_its_second_factor(
    demo_content: Any, secretariat_user: Any
) -> None:
    client = Client()
    client.force_login(secretariat_user, backend="greencustoms.accounts.backends.EmailBackend")
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 302 and "two-factor" in response["Location"], url
