"""No leak in any app: every role (staff with and without two factors) × the canaries of every app.

The library and pages have their own matrix (``library/tests/test_no_leak.py``); this one covers events,
actions, guide, learning, screening and agreements: pages, feeds, exports, search and API lists, the
detail page of each canary object, then a crawler following every link from those pages.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from greencustoms.conftest import PASSWORD_ONLY_FIXTURES
from greencustoms.tests.canaries import CANARIES, ROLES

CANARY = re.compile(rb"GCCANARY-[a-z0-9-]+")

LISTINGS = [
    "/",
    "/search/?q=GCCANARY",
    "/sitemap.xml",
    # events
    "/events/meetings/",
    "/events/meetings.ics",
    # actions
    "/actions/",
    "/actions/?owner=UNEP",
    "/actions/?owner=secretariat",
    "/actions/plan/",
    "/actions/plan.ics",
    "/actions/membership/",
    "/actions/funding/",
    "/actions/meeting/canary-meeting-905/implementation/",
    # guide
    "/guide/",
    "/guide/review/",
    "/guide/distribution/",
    # learning
    "/learning/",
    "/learning/mine/",
    "/learning/stats/",
    "/learning/stats.csv",
    "/learning/stats.csv?by=country",
    "/learning/stats/xapi.jsonl",
    "/learning/import/",
    # screening
    "/screening/",
    "/screening/history/",
    "/screening/indicators/",
    # agreements
    "/agreements/",
    "/agreements/list/",
    "/agreements/releases/",
    "/agreements/?q=canary",
    # API lists
    "/api/v1/meetings",
    "/api/v1/actions",
    "/api/v1/learning/modules",
    "/api/v1/learning/stats",
    "/api/v1/screen/jobs",
    "/api/v1/agreements",
    "/api/v1/lookup?q=canary",
]


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def site(partners: Any, app_canaries: Any) -> Any:
    """The home page (for the navigation) and the canaries of every app."""
    from greencustoms.website.reference import load as load_home

    load_home(stdout=StringIO())
    return app_canaries


def _urls(site: Any) -> list[str]:
    meeting = site.objects["public-meeting"]
    extra = [f"/api/v1/actions?meeting={meeting.pk}", f"/actions/?meeting={meeting.pk}"]
    for canary in CANARIES:
        event = site.objects[canary]
        if CANARIES[canary].app == "events":
            extra.append(f"/api/v1/actions?meeting={event.pk}")
    return LISTINGS + extra


@pytest.mark.parametrize("role", ROLES)
def test_every_app_shows_each_role_only_the_canaries_it_may_see(
    role: str, site: Any, role_client: Any
) -> None:
    _user, client = role_client(role)
    forbidden = site.forbidden(role)
    seen: set[str] = set()
    failures: list[str] = []

    def check(url: str) -> Any:
        response = client.get(url)
        body = _body(response)
        found = {m.decode() for m in CANARY.findall(body)}
        seen.update(found)
        if found & forbidden:
            failures.append(f"{url}: leaked {sorted(found & forbidden)}")
        return response

    for url in _urls(site):
        check(url)
    for canary, urls in site.urls.items():
        allowed = CANARIES[canary].allowed(role)
        for url in urls:
            response = check(url)
            # Pages refuse (404/403, or the sign-in and two-factor redirects); API refuses 401/403/404.
            if not allowed and response.status_code == 200:
                failures.append(f"{url}: status 200 for {role}, who may not see {canary}")

    assert not failures, "\n".join(failures)
    if role not in PASSWORD_ONLY_FIXTURES:
        # The test can fail: what the role may see is actually shown to it somewhere.
        assert site.allowed(role) <= seen, f"{role} never saw {sorted(site.allowed(role) - seen)}"


SKIP = ("/account/logout", "/admin/", "/i18n/", "/static/", "mailto:", "javascript:", "/delete/")
LINK = re.compile(rb"""(?:href|src|action)=["']([^"'#]+)""")
MAX_URLS = 200


@pytest.mark.parametrize("role", ROLES)
def test_crawler_finds_no_canary_the_role_may_not_see_in_any_app(
    role: str, site: Any, role_client: Any
) -> None:
    """Follow every same-site link from the listings of every app (GET only, nothing is deleted)."""
    _user, client = role_client(role)
    forbidden = site.forbidden(role)
    queue = list(LISTINGS)
    visited: set[str] = set()
    leaks: list[str] = []
    while queue and len(visited) < MAX_URLS:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        body = _body(response)
        found = {m.decode() for m in CANARY.findall(body)}
        if found & forbidden:
            leaks.append(f"{url}: {sorted(found & forbidden)}")
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not any(t in content_type for t in ("html", "xml", "json")):
            continue
        for raw in LINK.findall(body):
            link = raw.decode(errors="ignore").replace("&amp;", "&")
            absolute = urljoin("http://testserver" + url, link)
            parsed = urlparse(absolute)
            if parsed.netloc not in ("testserver", "localhost") or any(s in absolute for s in SKIP):
                continue
            target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if target not in visited:
                queue.append(target)
    assert not leaks, "\n".join(leaks)
    assert len(visited) >= len(set(LISTINGS)), f"the crawl reached only {len(visited)} URLs"
