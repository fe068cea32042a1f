"""Reads of review rounds: visibility, pending answers, blockers, reminders, who approved which version."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.reviews.choices import APPROVING, Decision, RoundStatus
from greencustoms.reviews.models import Answer, Round

FIRST_REMINDER_AFTER = timedelta(days=7)
REMIND_BEFORE_DEADLINE = timedelta(days=3)
REMINDER_INTERVAL = timedelta(days=7)


def rounds_of(*, subject: models.Model) -> QuerySet[Round]:
    """Every round held on the subject, newest first."""
    return Round.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    ).order_by("-number")


def latest_round_of(*, subject: models.Model) -> Round | None:
    return rounds_of(subject=subject).first()


def open_round_of(*, subject: models.Model) -> Round | None:
    return rounds_of(subject=subject).filter(status=RoundStatus.OPEN).first()


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """Every round for the secretariat; the rounds where their organization is concerned for partners."""
    rounds = Round.objects.select_related("subject_type").annotate(
        pending=Count("answers", filter=Q(answers__decision=Decision.PENDING), distinct=True),
        partners=Count("answers", distinct=True),
    )
    if policy.is_secretariat(user):
        return rounds
    partner_id = policy.staff_partner_id(user)
    if partner_id is None:
        return rounds.none()
    return rounds.filter(answers__partner_id=partner_id)


def pending_answers(*, partner: Any = None) -> QuerySet[Answer]:
    """Answers still awaited in open rounds (of one partner when given), earliest deadline first."""
    answers = Answer.objects.select_related("round", "partner").filter(
        round__status=RoundStatus.OPEN, decision=Decision.PENDING
    )
    if partner is not None:
        answers = answers.filter(partner=partner)
    return answers.order_by("round__deadline", "partner__acronym")


def answer_for(*, round: Round, partner: Any) -> Answer | None:
    if partner is None:
        return None
    return round.answers.filter(partner=partner).first()


def close_blockers(*, round: Round) -> list[str]:
    """Why the round cannot close yet (empty when every concerned partner has answered)."""
    reasons = []
    if not round.is_open:
        reasons.append(_("The round is already closed."))
    for pending in round.answers.select_related("partner").filter(decision=Decision.PENDING):
        reasons.append(_("%(partner)s has not approved yet.") % {"partner": pending.partner.acronym})
    return reasons


def approval_record(*, subject: models.Model) -> list[Answer]:
    """Who approved which version of the subject, and when (every approval of every round, in order)."""
    return list(
        Answer.objects.select_related("round", "partner", "decided_by")
        .filter(
            round__subject_type=ContentType.objects.get_for_model(subject),
            round__subject_id=subject.pk,
            decision__in=APPROVING,
        )
        .order_by("decided_at", "partner__acronym")
    )


def approved_by_all(*, round: Round) -> bool:
    """Every concerned partner approved (with or without conditions) the round's version."""
    return not round.answers.exclude(decision__in=APPROVING).exists()


def reminder_due(answer: Answer, *, at: datetime) -> bool:
    """Does this partner get a reminder now?

    Only in open rounds, only partners who have not answered; the first reminder a week after opening or
    three days before the deadline (whichever comes first); after that at most one a week.
    """
    round = answer.round
    if not round.is_open or answer.has_answered:
        return False
    if answer.last_reminded_at is not None:
        return at - answer.last_reminded_at >= REMINDER_INTERVAL
    deadline_start = datetime.combine(round.deadline, datetime.min.time(), tzinfo=at.tzinfo)
    return at - round.opened_at >= FIRST_REMINDER_AFTER or deadline_start - at <= REMIND_BEFORE_DEADLINE


def answers_to_remind(*, at: datetime) -> list[Answer]:
    return [a for a in pending_answers() if reminder_due(a, at=at)]
