"""Meeting report PDFs are printed once per content, served from the file, and still checked by the policy."""

from typing import Any

import pytest
from django.urls import reverse

from greencustoms.conftest import make_user, signed_in_client
from greencustoms.events import reports
from greencustoms.events.demo import SLUG_2007
from greencustoms.events.models import MeetingReport


@pytest.fixture
def printed(settings: Any, tmp_path: Any, monkeypatch: Any) -> list[str]:
    """A fresh render folder; returns one entry per real printing of a PDF."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    calls: list[str] = []
    real = reports._print

    def counting(html: str, base_url: str) -> bytes:
        calls.append(base_url)
        return real(html, base_url)

    monkeypatch.setattr(reports, "_print", counting)
    return calls


def test_the_second_request_is_served_from_the_file(demo: dict, secretariat_user: Any, printed: list) -> None:
    client = signed_in_client(secretariat_user)
    url = reverse("events:meeting_report_pdf", args=[SLUG_2007])
    first, second = client.get(url), client.get(url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert len(printed) == 1
    assert second.content == first.content and second.content.startswith(b"%PDF")
    assert second["Cache-Control"] == "private, no-store"


def test_a_change_to_the_meeting_prints_a_new_report(
    demo: dict, secretariat_user: Any, printed: list
) -> None:
    client = signed_in_client(secretariat_user)
    url = reverse("events:meeting_report_pdf", args=[SLUG_2007])
    client.get(url)
    MeetingReport.objects.filter(event__slug=SLUG_2007).update(executive_summary="Changed after printing.")
    again = client.get(url)
    assert again.status_code == 200 and len(printed) == 2
    from greencustoms.events.tests.test_access import pdf_text

    assert "Changed after printing." in pdf_text(again.content)


def test_a_cached_restricted_report_is_refused_to_outsiders(
    demo: dict, secretariat_user: Any, printed: list
) -> None:
    url = reverse("events:meeting_report_pdf", args=[SLUG_2007])
    assert signed_in_client(secretariat_user).get(url).status_code == 200
    officer = signed_in_client(make_user("outsider@test.example"))
    for client in (signed_in_client(None), officer):
        response = client.get(url)
        assert response.status_code == 404
        assert not response.content.startswith(b"%PDF")
    assert len(printed) == 1


def test_the_implementation_report_is_printed_once(demo: dict, partner_user: Any, printed: list) -> None:
    client = signed_in_client(partner_user)
    url = reverse("actions:implementation_report_pdf", args=[SLUG_2007])
    first, second = client.get(url), client.get(url)
    assert (first.status_code, second.status_code) == (200, 200) and len(printed) == 1
    assert second["Cache-Control"] == "private, no-store"
    assert signed_in_client(None).get(url).status_code == 404
