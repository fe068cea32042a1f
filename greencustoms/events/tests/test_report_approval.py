"""The report's status follows the partners' approvals; approval from the page and by the signed e-mail link;
the short version is a document of its own, approved in a review round."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from greencustoms.accounts.choices import Role
from greencustoms.conftest import make_user, verified
from greencustoms.events import services
from greencustoms.events.choices import ReportStatus
from greencustoms.events.models import Event, Participant, ReportApproval
from greencustoms.reviews.choices import Decision

NOW = datetime(2030, 1, 1, tzinfo=UTC)
A, B = 1, 2

# circulated, final, participants, approvals (partner → with conditions), expected status
TABLE = [
    (False, False, {A, B}, {}, ReportStatus.DRAFT),
    (True, False, {A, B}, {}, ReportStatus.CIRCULATED),
    (True, False, {A, B}, {A: False}, ReportStatus.CIRCULATED),
    (True, False, {A, B}, {A: True}, ReportStatus.CIRCULATED),
    (True, False, {A, B}, {A: False, B: False}, ReportStatus.APPROVED),
    (True, False, {A, B}, {A: False, B: True}, ReportStatus.APPROVED_WITH_CONDITIONS),
    (True, False, {A, B}, {A: True, B: True}, ReportStatus.APPROVED_WITH_CONDITIONS),
    (True, False, {A}, {A: False, B: True}, ReportStatus.APPROVED),  # a non-participant's word does not count
    (True, False, set(), {}, ReportStatus.CIRCULATED),  # nobody to approve: never "approved by all"
    (True, True, {A, B}, {A: False, B: False}, ReportStatus.FINAL),
    (False, True, {A, B}, {}, ReportStatus.FINAL),  # made final before this platform
]


@pytest.mark.parametrize(("circulated", "final", "participants", "approvals", "expected"), TABLE)
def test_status_follows_the_approvals(
    circulated: bool, final: bool, participants: set, approvals: dict, expected: ReportStatus
) -> None:
    assert (
        services.report_status_from(
            circulated=circulated, final=final, participants=participants, approvals=approvals
        )
        == expected
    )


@pytest.fixture
def meeting(partners: dict) -> Event:
    event = Event.objects.create(
        kind="partners_meeting", number=21, title="21st", slug="m21", start="2030-01-01", end="2030-01-02"
    )
    Participant.objects.create(event=event, partner=partners["WCO"], name="A")
    Participant.objects.create(event=event, partner=partners["UNEP"], name="B")
    return event


@pytest.fixture
def unep_staff(partners: dict) -> Any:
    return make_user("unep@test.example", Role.PARTNER, totp=True, partner=partners["UNEP"])


def test_approvals_move_the_status_and_conditions_are_kept(
    meeting: Event, partner_user: Any, unep_staff: Any, secretariat_user: Any
) -> None:
    report = services.report_ensure(event=meeting)
    services.report_circulate(report=report, by=verified(secretariat_user), at=NOW)
    assert report.status == ReportStatus.CIRCULATED
    with pytest.raises(ValidationError):
        services.report_approve(report=report, by=verified(unep_staff), at=NOW, with_conditions=True)
    services.report_approve(
        report=report, by=verified(unep_staff), at=NOW, with_conditions=True, comment="Correct our name."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.CIRCULATED
    services.report_approve(report=report, by=verified(partner_user), at=NOW)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED_WITH_CONDITIONS
    services.report_approve(report=report, by=verified(unep_staff), at=NOW, comment="")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    services.report_finalize(report=report, by=verified(secretariat_user), at=NOW)
    assert report.status == ReportStatus.FINAL


def test_circulating_mails_each_staff_member_a_signed_link_that_approves(
    meeting: Event, partner_user: Any, secretariat_user: Any, client: Any
) -> None:
    report = services.report_ensure(event=meeting)
    mail.outbox.clear()
    services.report_circulate(report=report, by=verified(secretariat_user), at=NOW)
    to_wco = [m for m in mail.outbox if m.to == [partner_user.email]]
    assert len(to_wco) == 1
    link = next(line for line in to_wco[0].body.splitlines() if "/events/report-approval/" in line)
    path = link[link.index("/events/") :]
    confirm = client.get(path)
    assert confirm.status_code == 200 and "Approve the report of 21st" in confirm.content.decode()
    assert not ReportApproval.objects.exists()  # a GET (a mail scanner) approves nothing
    done = client.post(path)
    assert done.status_code == 200 and 'data-testid="link-done"' in done.content.decode()
    approval = ReportApproval.objects.get()
    assert (approval.partner.acronym, approval.by_link, approval.approved_by_id) == (
        "WCO",
        True,
        partner_user.pk,
    )


def test_a_forged_or_stale_link_approves_nothing(
    meeting: Event, partner_user: Any, secretariat_user: Any, client: Any
) -> None:
    report = services.report_ensure(event=meeting)
    services.report_circulate(report=report, by=verified(secretariat_user), at=NOW)
    link = services.report_approval_link(report=report, user=partner_user)
    path = link[link.index("/events/") :]
    assert client.post(path[:-3] + "xyz/").status_code == 400
    partner_user.is_active = False
    partner_user.save()
    assert client.post(path).status_code == 400
    assert not ReportApproval.objects.exists()


def test_the_short_version_is_reviewed_as_its_own_document(
    meeting: Event, partner_user: Any, secretariat_user: Any, partners: dict
) -> None:
    from greencustoms.reviews import services as reviews

    secretariat = verified(secretariat_user)
    report = services.report_ensure(event=meeting)
    short = services.short_version_save(report=report, body="Ten pages.", pages=10, by=secretariat, at=NOW)
    round = services.short_version_circulate(short=short, by=secretariat, due=date(2030, 2, 1), at=NOW)
    assert round.subject == short and round.version == "draft 1"
    assert sorted(a.partner.acronym for a in round.answers.all()) == ["UNEP", "WCO"]
    reviews.answer(
        by=verified(partner_user), round=round, partner=partners["WCO"], decision=Decision.APPROVED, at=NOW
    )
    # The full report's own status is untouched by the short version's round.
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_demo_reports_say_why_no_approval_is_listed(demo: dict, partner_user: Any, client_for: Any) -> None:
    page = client_for(partner_user).get(f"/events/meetings/{demo[12].slug}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="report-status-note"' in html and "not yet approved" not in html
    assert "Short version of the report" in html
