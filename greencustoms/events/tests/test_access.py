"""Intranet meetings and actions: a public visitor and an officer see none of them, on any channel."""

from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from greencustoms.conftest import signed_in_client
from greencustoms.events.demo import SLUG_2007

INTRANET_PAGES = [
    ("events:meeting_detail", [SLUG_2007]),
    ("events:meeting_report", [SLUG_2007]),
    ("events:meeting_report_pdf", [SLUG_2007]),
    ("events:meeting_ics", [SLUG_2007]),
    ("actions:implementation_report", [SLUG_2007]),
    ("actions:implementation_report_pdf", [SLUG_2007]),
]


@pytest.fixture(params=["anonymous", "officer", "trainer", "enforcement"])
def outsider(request: Any, demo: dict, officer: Any, trainer: Any, enforcement_user: Any) -> Any:
    return {"anonymous": None, "officer": officer, "trainer": trainer, "enforcement": enforcement_user}[
        request.param
    ]


@pytest.mark.parametrize(("name", "args"), INTRANET_PAGES)
def test_outsiders_get_404_for_intranet_meetings(outsider: Any, name: str, args: list) -> None:
    client = signed_in_client(outsider)
    assert client.get(reverse(name, args=args)).status_code == 404


def test_outsiders_see_no_intranet_record_in_lists_feeds_and_api(outsider: Any, demo: dict) -> None:
    from greencustoms.actions.models import ActionPoint, FundingProposal, MembershipRequest, PlannedActivity

    client = signed_in_client(outsider)
    meeting = demo[3]
    action = ActionPoint.objects.filter(meeting=meeting).first()
    activity = PlannedActivity.objects.first()
    for url in (reverse("events:meeting_list"), reverse("actions:action_list"), reverse("actions:plan")):
        html = client.get(url).content.decode()
        assert meeting.title not in html
        assert "Terms of Reference" not in html
        assert activity.title not in html
    for url in (reverse("events:meetings_ics"), reverse("actions:plan_ics")):
        body = client.get(url).content.decode()
        assert "BEGIN:VCALENDAR" in body and "BEGIN:VEVENT" not in body
    assert client.get("/api/v1/meetings").json() == []
    assert client.get("/api/v1/actions").json() == []
    assert client.get(f"/api/v1/actions?meeting={meeting.pk}").status_code == 404
    for name, obj in (
        ("actions:action_detail", action),
        ("actions:activity_detail", activity),
        ("actions:membership_detail", MembershipRequest.objects.first()),
        ("actions:funding_detail", FundingProposal.objects.first()),
    ):
        assert client.get(reverse(name, args=[obj.pk])).status_code == 404
    for name in ("actions:membership_list", "actions:funding_list"):
        html = client.get(reverse(name)).content.decode()
        assert "Minamata" not in html and "fundraising" not in html


def test_partner_staff_without_two_factor_sees_nothing(demo: dict, partners: dict) -> None:
    from greencustoms.accounts.choices import Role
    from greencustoms.conftest import make_user

    user = make_user("nototp@test.example", Role.PARTNER, partner=partners["UNEP"])
    client = signed_in_client(user)
    assert client.get("/api/v1/meetings").json() == []


def test_partner_and_secretariat_see_intranet_meetings_everywhere(
    demo: dict, partner_user: Any, secretariat_user: Any
) -> None:
    for user in (partner_user, secretariat_user):
        client = signed_in_client(user)
        assert client.get(reverse("events:meeting_detail", args=[SLUG_2007])).status_code == 200
        assert "3rd Green Customs" in client.get(reverse("events:meetings_ics")).content.decode()
        assert len(client.get("/api/v1/meetings").json()) == 2
        pdf = client.get(reverse("events:meeting_report_pdf", args=[SLUG_2007]))
        assert pdf["Content-Type"] == "application/pdf"


def test_a_public_meeting_is_visible_to_everyone(demo: dict) -> None:
    from greencustoms.events.models import Event

    Event.objects.filter(number=12).update(access_level="public")
    client = signed_in_client(None)
    assert [m["number"] for m in client.get("/api/v1/meetings").json()] == [12]
    assert (
        client.get(reverse("events:meeting_detail", args=["12th-partners-meeting-2017"])).status_code == 200
    )
    # Its actions stay intranet unless they are marked public too.
    meeting = Event.objects.get(number=12)
    assert client.get(f"/api/v1/actions?meeting={meeting.pk}").json() == []
    assert "12th" in client.get(reverse("events:meetings_ics")).content.decode()


def test_viewing_an_intranet_report_is_audited(demo: dict, partner_user: Any) -> None:
    from greencustoms.accounts.models import AuditEntry

    client = signed_in_client(partner_user)
    client.get(reverse("events:meeting_report_pdf", args=[SLUG_2007]))
    assert AuditEntry.objects.filter(actor=partner_user, channel="pdf", object_type="events.event").exists()


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
