"""The secretariat's week on one page and in the weekly digest."""

from datetime import date, timedelta
from typing import Any

from django.core import mail
from django.utils import timezone

from greencustoms.accounts.choices import AccreditationStatus
from greencustoms.accounts.models import EnforcementAccreditation
from greencustoms.actions import services
from greencustoms.actions.models import ActionPoint
from greencustoms.conftest import signed_in_client, verified
from greencustoms.library.choices import DocumentType
from greencustoms.library.models import Document
from greencustoms.reviews import services as reviews


def test_the_week_lists_what_waits_and_the_digest_mails_it(
    demo: dict, secretariat_user: Any, officer: Any, partners: dict
) -> None:
    secretariat = verified(secretariat_user)
    now = timezone.now()
    tor = Document.objects.create(
        title="Terms of Reference 2030", doc_type=DocumentType.WORKING_DOCUMENT, language="en",
        owner_partner=partners["UNEP"], access_level="intranet", created_at=now, updated_at=now,
    )  # fmt: skip
    reviews.open_round(
        by=secretariat,
        subject=tor,
        version="v3",
        partners=[partners["CITES"]],
        due=date.today() + timedelta(days=9),
    )
    EnforcementAccreditation.objects.create(
        user=officer,
        administration="KRA",
        justification="x",
        status=AccreditationStatus.REQUESTED,
        requested_at=now,
    )
    soon = ActionPoint.objects.get(meeting=demo[12], number=9)
    ActionPoint.objects.filter(pk=soon.pk).update(due_kind="date", due_date=date.today() + timedelta(days=10))
    page = signed_in_client(secretariat_user).get("/actions/week/")
    assert page.status_code == 200
    week = page.context["week"]
    assert [(a.round.title, a.partner.acronym) for a in week.reviews_unanswered] == [
        ("Terms of Reference 2030", "CITES")
    ]
    assert len(week.vetting_requests) == 1
    assert [a.number for a in week.actions_due_soon] == [9]
    overdue_2007 = {a.number for a in week.actions_overdue if a.meeting_id == demo[3].pk}
    assert {2, 4, 13} <= overdue_2007 and 1 not in overdue_2007  # 1 is done (demo status)
    mail.outbox.clear()
    assert services.week_digest_send(at=now) == 1
    body = mail.outbox[0].body
    assert "Reviews unanswered: 1" in body and "Terms of Reference 2030 (v3): CITES" in body
    assert "Vetting requests: 1" in body and "Actions due within 30 days: 1" in body
    assert mail.outbox[0].to == [secretariat_user.email]


def test_the_week_is_the_secretariats_only(demo: dict, partner_user: Any) -> None:
    assert signed_in_client(partner_user).get("/actions/week/").status_code == 404
