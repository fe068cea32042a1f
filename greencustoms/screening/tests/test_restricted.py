"""Restricted indicators never appear for a user without active enforcement status: web, API, downloads."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from greencustoms.screening import services
from greencustoms.screening.models import RiskIndicator, ScreeningJob
from greencustoms.screening.tests.conftest import CSV

TITLE = "Fluorinated AC from CN"


def _indicator(author: Any) -> RiskIndicator:
    from greencustoms.conftest import verified

    return services.indicator_create(
        title=TITLE,
        hs_prefixes=["8415"],
        keywords=["fluorinated gas"],
        countries=["CHN"],
        severity="high",
        agreement="montreal",
        by=verified(author),
        at=timezone.now(),
    )


def _job(client: Any, capture: Any) -> ScreeningJob:
    with capture(execute=True):
        client.post(
            reverse("screening:upload"),
            {"file": SimpleUploadedFile("d.csv", CSV.encode()), "edition": "HS2022"},
        )
    return ScreeningJob.objects.latest("pk")


def test_only_enforcement_can_author_and_list_indicators(
    client_for: Any, officer: Any, enforcement_user: Any, enforcement_without_2fa: Any
) -> None:
    assert client_for(officer).get(reverse("screening:indicators")).status_code == 404
    assert client_for(enforcement_without_2fa).get(reverse("screening:indicators")).status_code == 404
    client = client_for(enforcement_user)
    response = client.post(
        reverse("screening:indicators"),
        {"title": TITLE, "hs_prefixes": "8415", "keywords": "", "countries": "CN", "severity": "high"},
    )
    assert response.status_code == 302
    assert TITLE in client.get(reverse("screening:indicators")).content.decode()


def test_enforcement_sees_indicator_hits_officer_never(
    client_for: Any, officer: Any, enforcement_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _indicator(enforcement_user)
    enforcement = client_for(enforcement_user)
    job = _job(enforcement, django_capture_on_commit_callbacks)
    assert job.with_indicators
    page = enforcement.get(reverse("screening:job", args=[job.pk])).content.decode()
    assert TITLE in page

    plain = client_for(officer)
    own = _job(plain, django_capture_on_commit_callbacks)
    assert not own.with_indicators
    for response in (
        plain.get(reverse("screening:job", args=[own.pk])),
        plain.get(reverse("screening:download", args=[own.pk, "hits", "csv"])),
        plain.get(reverse("screening:download", args=[own.pk, "hits", "json"])),
        plain.get(f"/api/v1/screen/jobs/{own.pk}/hits"),
        plain.get(f"/api/v1/screen/jobs/{own.pk}/hits?format=csv"),
    ):
        assert response.status_code == 200
        assert TITLE not in response.content.decode()
        assert "indicator" not in response.content.decode().replace("indicators", "")
    lines = [
        {
            "declaration_id": "A",
            "hs_code": "8415.10",
            "description": "air conditioner with fluorinated gas",
            "origin": "CN",
        }
    ]
    sync = plain.post("/api/v1/screen", {"lines": lines}, content_type="application/json")
    assert sync.status_code == 200
    assert all(h["rule"] != "indicator" for h in sync.json()["hits"])
    assert TITLE not in sync.content.decode()  # nor in the lines' reasons
    sync = enforcement.post("/api/v1/screen", {"lines": lines}, content_type="application/json")
    assert any(h["rule"] == "indicator" for h in sync.json()["hits"])
    assert TITLE in sync.json()["lines"][0]["reasons"]
    assert sync.json()["lines"][0]["verdict"] == "inspect"


def test_indicator_hits_vanish_when_enforcement_status_ends(
    client_for: Any, enforcement_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _indicator(enforcement_user)
    client = client_for(enforcement_user)
    job = _job(client, django_capture_on_commit_callbacks)
    assert TITLE in client.get(reverse("screening:download", args=[job.pk, "hits", "csv"])).content.decode()
    lines_url = f"/api/v1/screen/jobs/{job.pk}/lines"
    assert TITLE in client.get(lines_url).content.decode()
    # D2/1 (air conditioner with fluorinated gas from CN, 8415.10): the indicator (high) makes it inspect
    before = {(r["declaration_id"], r["verdict"]) for r in client.get(lines_url).json()["lines"]}
    assert ("D2", "inspect") in before
    enforcement_user.accreditations.update(expires_at=timezone.now())
    again = client_for(enforcement_user)
    for url in (
        reverse("screening:job", args=[job.pk]),
        reverse("screening:download", args=[job.pk, "hits", "csv"]),
        f"/api/v1/screen/jobs/{job.pk}/hits",
        lines_url,
    ):
        assert TITLE not in again.get(url).content.decode()
    # the line is judged again from the hits still visible: none, so it is clear
    after = {(r["declaration_id"], r["verdict"]) for r in again.get(lines_url).json()["lines"]}
    assert ("D2", "clear") in after
