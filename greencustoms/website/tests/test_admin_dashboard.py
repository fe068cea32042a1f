"""The Wagtail admin, branded, opens on what waits for the secretariat."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from greencustoms.conftest import make_user, signed_in_client, verified
from greencustoms.website.dashboard import secretariat_queue


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def test_the_queue_counts_vetting_requests_and_failed_jobs_for_the_secretariat_only(
    secretariat_user: Any, officer: Any
) -> None:
    from greencustoms.accounts.models import EnforcementAccreditation
    from greencustoms.screening.models import ScreeningJob

    assert secretariat_queue(by=officer) == []
    secretariat_user = verified(secretariat_user)
    before = {w.label: w.count for w in secretariat_queue(by=secretariat_user)}
    assert set(before) == {
        "Enforcement vetting requests",
        "Overdue action points",
        "Open Guide review rounds",
        "Feedback to moderate",
        "Screening jobs failed today",
    }
    now = timezone.now()
    applicant = make_user("applicant@test.example")
    EnforcementAccreditation.objects.create(
        user=applicant, administration="KRA", justification="x", status="requested", requested_at=now
    )
    common = {"owner": applicant, "original_name": "f.csv", "created_at": now, "expires_at": now}
    ScreeningJob.objects.create(status="failed", finished_at=now, **common)
    ScreeningJob.objects.create(status="failed", finished_at=now - timedelta(days=2), **common)
    ScreeningJob.objects.create(status="done", finished_at=now, **common)
    after = {w.label: w.count for w in secretariat_queue(by=secretariat_user, now=now)}
    assert after["Enforcement vetting requests"] == before["Enforcement vetting requests"] + 1
    assert after["Screening jobs failed today"] == before["Screening jobs failed today"] + 1


def test_the_admin_home_shows_the_panel_and_the_initiative_name(secretariat_user: Any) -> None:
    body = signed_in_client(secretariat_user).get("/admin/").content.decode()
    assert "Waiting for the secretariat" in body and "Enforcement vetting requests" in body
    assert "Green Customs administration" in body and "css/admin.css" in body
