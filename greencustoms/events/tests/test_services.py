"""Meeting reports are final only once every participating partner approved them."""

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from greencustoms.accounts.choices import Role
from greencustoms.conftest import make_user, signed_in_client, verified
from greencustoms.events import services
from greencustoms.events.choices import ReportStatus
from greencustoms.events.models import Event, MeetingReport, Participant

NOW = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture
def meeting(partners: dict) -> Event:
    event = Event.objects.create(
        kind="partners_meeting", number=20, title="20th", slug="m20", start="2030-01-01", end="2030-01-02"
    )
    Participant.objects.create(event=event, partner=partners["WCO"], name="A")
    Participant.objects.create(event=event, partner=partners["UNEP"], name="B")
    return event


def test_report_flow(meeting: Event, partners: dict, partner_user: Any, secretariat_user: Any) -> None:
    secretariat = verified(secretariat_user)
    unep = verified(make_user("unep@test.example", Role.PARTNER, totp=True, partner=partners["UNEP"]))
    cites = verified(make_user("cites@test.example", Role.PARTNER, totp=True, partner=partners["CITES"]))
    wco = verified(partner_user)
    report = services.report_ensure(event=meeting)
    with pytest.raises(ValidationError):
        services.report_approve(report=report, by=wco, at=NOW)  # not circulated yet
    with pytest.raises(PermissionDenied):
        services.report_circulate(report=report, by=wco, at=NOW)
    services.report_circulate(report=report, by=secretariat, at=NOW)
    services.report_approve(report=report, by=wco, at=NOW)
    with pytest.raises(ValidationError):
        services.report_approve(report=report, by=cites, at=NOW)  # CITES did not take part
    with pytest.raises(ValidationError, match="UNEP"):
        services.report_finalize(report=report, by=secretariat, at=NOW)
    services.report_approve(report=report, by=unep, at=NOW, comment="Fine")
    with pytest.raises(PermissionDenied):
        services.report_finalize(report=report, by=wco, at=NOW)
    services.report_finalize(report=report, by=secretariat, at=NOW)
    assert MeetingReport.objects.get(pk=report.pk).status == ReportStatus.FINAL


def test_report_approval_through_the_page(meeting: Event, partner_user: Any, secretariat_user: Any) -> None:
    sec = signed_in_client(secretariat_user)
    sec.post(reverse("events:report_step", args=[meeting.slug, "circulate"]))
    wco = signed_in_client(partner_user)
    page = wco.get(reverse("events:meeting_detail", args=[meeting.slug])).content.decode()
    assert "Approve the report for my organization" in page
    wco.post(reverse("events:report_step", args=[meeting.slug, "approve"]), {"comment": "ok"})
    assert meeting.report.approvals.get().partner.acronym == "WCO"
    response = sec.post(reverse("events:report_step", args=[meeting.slug, "finalize"]), follow=True)
    assert "Still waiting for the approval of: UNEP" in response.content.decode()
    assert MeetingReport.objects.get(event=meeting).status == ReportStatus.CIRCULATED


def test_meeting_ics_is_a_valid_calendar(meeting: Event, partner_user: Any) -> None:
    from icalendar import Calendar

    meeting.venue = "OPCW"
    meeting.save()
    body = signed_in_client(partner_user).get(reverse("events:meeting_ics", args=[meeting.slug])).content
    cal = Calendar.from_ical(body)
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]) == "20th"
    assert event.decoded("dtstart").isoformat() == "2030-01-01"
    assert event.decoded("dtend").isoformat() == "2030-01-03"  # exclusive end of an all-day event
    assert str(event["location"]) == "OPCW"
