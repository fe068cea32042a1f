"""No leak in any app: every role (staff with and without two factors) × the canaries of every app.

The library and pages have their own matrix (``library/tests/test_no_leak.py``); this one covers events,
actions, guide, learning, screening, cases and agreements: pages, feeds, exports, search and API lists, the
detail page of each canary object, then a crawler following every link from those pages.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest

from greencustoms.conftest import PASSWORD_ONLY_FIXTURES
from greencustoms.tests.canaries import CANARIES, ROLES
from greencustoms.tests.crawl import body_of, canaries_in, crawl

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
    "/learning/stats/partners/",
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
    # cases
    "/cases/",
    "/cases/?q=GCCANARY",
    "/cases/feed.rss",
    "/cases/analysis/",
    "/cases/analysis.csv",
    "/cases/analysis/routes.csv",
    "/cases/export/?format=cen",
    "/cases/export/?format=cen&as=json",
    "/cases/award/",
    # licensing
    "/licensing/",
    "/licensing/countries/MV/",
    "/licensing/ipic/",
    "/licensing/mirror/",
    # training
    "/training/workshops/",
    "/training/workshops.ics",
    "/training/roster/",
    "/training/roster/?region=africa",
    "/training/package/",
    "/training/name/",
    "/training/stats/",
    "/training/stats.csv",
    # translations (issue #18): the translators' lists show the English of every module and Guide part
    "/translations/fr/",
    "/translations/es/?state=missing",
    # API lists
    "/api/v1/meetings",
    "/api/v1/actions",
    "/api/v1/learning/modules",
    "/api/v1/learning/stats",
    "/api/v1/screen/jobs",
    "/api/v1/agreements",
    "/api/v1/lookup?q=canary",
    "/api/v1/cases",
    "/api/v1/cases?q=GCCANARY",
    "/api/v1/cases/export?format=cen",
    "/api/v1/cases/export?format=cen&output=csv",
    "/api/v1/workshops",
    "/api/v1/resource-persons",
    "/api/v1/resource-persons?region=africa",
]


@pytest.fixture
def site(partners: Any, app_canaries: Any) -> Any:
    """The home page (for the navigation) and the canaries of every app."""
    from greencustoms.website.reference import load as load_home

    load_home(stdout=StringIO())
    return app_canaries


def _urls(site: Any) -> list[str]:
    meeting = site.objects["public-meeting"]
    extra = [f"/api/v1/actions?meeting={meeting.pk}", f"/actions/?meeting={meeting.pk}"]
    extra.append(site.objects["public-person-page"])
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
        found = canaries_in(body_of(response))
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


MAX_URLS = 200


@pytest.mark.parametrize("role", ROLES)
def test_crawler_finds_no_canary_the_role_may_not_see_in_any_app(
    role: str, site: Any, role_client: Any
) -> None:
    """Follow every same-site link from the listings of every app (GET only, nothing is deleted)."""
    _user, client = role_client(role)
    reached = crawl(client, LISTINGS, forbidden=site.forbidden(role), limit=MAX_URLS)
    assert not reached.leaks, "\n".join(reached.leaks)
    assert len(reached.visited) >= len(set(LISTINGS)), f"the crawl reached only {len(reached.visited)} URLs"
