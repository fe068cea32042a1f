"""Reports from the data: every agreed action appears in the HTML and in the PDF."""

import re
from typing import Any

from django.urls import reverse

from greencustoms.actions.models import ActionPoint
from greencustoms.conftest import signed_in_client
from greencustoms.events.demo import SLUG_2007, SLUG_2017
from greencustoms.events.tests.test_access import pdf_text


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _fingerprint(action: ActionPoint) -> str:
    """The action's first words, enough to identify it in extracted PDF text (which re-flows lines)."""
    return _squash(" ".join(action.text.split()[:7]))


def test_meeting_report_html_has_every_part_and_every_action(demo: dict, partner_user: Any) -> None:
    client = signed_in_client(partner_user)
    html = client.get(reverse("events:meeting_report", args=[SLUG_2007])).content.decode()
    for heading in ("Executive summary", "Participants", "Agenda", "Session summaries", "Agreed actions"):
        assert heading in html
    assert "Ludgarde Coppens" in html and "Activity Report" in html
    actions = ActionPoint.objects.filter(meeting=demo[3])
    assert actions.count() == 17
    from django.utils.html import escape

    for action in actions:
        assert escape(action.text).split("\n")[0][:60] in html


def test_meeting_report_pdf_text_contains_every_action(demo: dict, secretariat_user: Any) -> None:
    client = signed_in_client(secretariat_user)
    for slug, meeting in ((SLUG_2007, demo[3]), (SLUG_2017, demo[12])):
        response = client.get(reverse("events:meeting_report_pdf", args=[slug]))
        assert response.status_code == 200
        text = _squash(pdf_text(response.content))
        assert _squash("Executive summary") in text
        for action in ActionPoint.objects.filter(meeting=meeting):
            assert _fingerprint(action) in text, action.number


def test_implementation_report_html_and_pdf(demo: dict, partner_user: Any) -> None:
    client = signed_in_client(partner_user)
    html = client.get(reverse("actions:implementation_report", args=[SLUG_2007])).content.decode()
    assert "Demo data: list of planned activities for 2008 circulated" in html
    response = client.get(reverse("actions:implementation_report_pdf", args=[SLUG_2007]))
    text = _squash(pdf_text(response.content))
    for action in ActionPoint.objects.filter(meeting=demo[3]):
        assert _fingerprint(action) in text
    assert _squash("Overdue") in text


def test_the_2017_report_shows_no_personal_email(demo: dict, partner_user: Any) -> None:
    client = signed_in_client(partner_user)
    html = client.get(reverse("events:meeting_report", args=[SLUG_2017])).content.decode()
    assert "Juliette Kohler" in html
    for personal in ("juliette.kohler@", "Roux.RAATH@", "ezra.clark@", "peter.deupmann@"):
        assert personal.lower() not in html.lower()
    from greencustoms.partners.models import Partner

    assert Partner.objects.get(acronym="WCO").contact_email in html  # the organization's generic address
