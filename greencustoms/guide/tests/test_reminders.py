"""Reminders go only to partners that have not answered an open round, on a weekly rhythm."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from greencustoms.conftest import verified
from greencustoms.guide import services
from greencustoms.guide.choices import Decision
from greencustoms.guide.tests.factories import small_guide
from greencustoms.reviews import selectors as review_selectors
from greencustoms.reviews import services as review_services
from greencustoms.reviews import tasks

OPENED = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def round(partners, secretariat_user, partner_user):
    guide = small_guide(partners)
    return services.review_round_open(
        guide=guide, deadline=(OPENED + timedelta(days=30)).date(), by=verified(secretariat_user), at=OPENED
    )


def due(round, at):
    return sorted(a.partner.acronym for a in review_selectors.answers_to_remind(at=at))


def test_no_reminder_in_the_first_week(round):
    assert due(round, OPENED + timedelta(days=6, hours=23)) == []


def test_first_reminder_a_week_after_opening_to_each_partner_that_has_not_answered(round, partner_user):
    services.review_decide(
        round=round,
        partner=partner_user.partner,
        decision=Decision.APPROVED,
        by=verified(partner_user),
        at=OPENED + timedelta(days=1),
    )
    assert due(round, OPENED + timedelta(days=7)) == ["CITES"]


def test_first_reminder_three_days_before_a_close_deadline(partners, secretariat_user):
    guide = small_guide(partners, year=2031)
    short = services.review_round_open(
        guide=guide, deadline=(OPENED + timedelta(days=5)).date(), by=verified(secretariat_user), at=OPENED
    )
    assert due(short, OPENED + timedelta(days=1)) == []
    assert due(short, OPENED + timedelta(days=2)) == ["CITES", "WCO"]


def test_then_at_most_one_reminder_a_week(round):
    mail.outbox.clear()
    first = review_services.send_reminders(at=OPENED + timedelta(days=7))
    assert len(first) == 2 and len(mail.outbox) == 2
    assert review_services.send_reminders(at=OPENED + timedelta(days=10)) == []
    again = review_services.send_reminders(at=OPENED + timedelta(days=14))
    assert len(again) == 2
    approval = round.answers.get(partner__acronym="CITES")
    assert approval.reminders_sent == 2
    assert round.events.filter(kind="reminded").count() == 4


def test_overdue_reminders_say_so(round):
    mail.outbox.clear()
    review_services.send_reminders(at=OPENED + timedelta(days=31))
    assert all(m.subject.startswith("Overdue") for m in mail.outbox)


def test_no_reminder_once_the_round_is_closed(round, secretariat_user):
    secretariat = verified(secretariat_user)
    for approval in round.answers.all():
        services.review_decide(
            round=round,
            partner=approval.partner,
            decision=Decision.APPROVED,
            by=secretariat,
            at=OPENED + timedelta(days=1),
        )
    services.review_round_close(round=round, by=secretariat, at=OPENED + timedelta(days=2))
    assert due(round, OPENED + timedelta(days=20)) == []


def test_the_periodic_task_is_declared_and_sends_the_due_reminders(round, partner_user):
    from django.apps import apps

    assert ("greencustoms.reviews.tasks.send_review_reminders", 3600) in apps.get_app_config(
        "reviews"
    ).periodic_tasks
    from django.utils import timezone as dj_timezone

    round.opened_at = dj_timezone.now() - timedelta(days=8)  # opened more than a week ago
    round.save()
    mail.outbox.clear()
    result = tasks.send_review_reminders.enqueue()
    assert result.return_value == 2
    assert sorted(addr for m in mail.outbox for addr in m.to) == ["info@cites.org", partner_user.email]
