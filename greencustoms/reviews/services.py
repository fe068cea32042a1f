"""Review rounds on any document — the one mechanism (the Guide's rounds, generalised).

A *subject* is any model instance (a Guide edition, Terms of Reference, a flyer text, a meeting report's
short version, a workshop agenda…). The secretariat opens a round on one *version* of it, naming the
concerned partners and a due date; each partner answers approved / approved with conditions / comments;
reminders go to partners who have not answered; every answer records the version it was given on, so
``selectors.approval_record(subject=…)`` says who approved which version.

Public API (keyword-only; ``by`` is the acting user, ``at`` the clock, default now):

- ``open_round(*, by, subject, version, partners, due, title="", url="", message="", at=None) -> Round``
  (one open round per subject; pending answers created; concerned partners e-mailed)
- ``answer(*, by, round, partner, decision, text="", at=None) -> Answer``
  (``decision`` ∈ ``Decision.APPROVED | APPROVED_WITH_CONDITIONS | COMMENTED``; conditions/comments need text;
  a partner may change its answer while the round is open, the history keeps every answer)
- ``close_round(*, by, round, at=None, extra_blockers=()) -> Round`` (refused while answers are pending
  or ``extra_blockers`` — e.g. the Guide's unresolved comments — are not empty)
- ``record_event(*, round, kind, at, actor=None, partner=None, detail="") -> Event`` (for callers' own steps)
- ``send_reminders(*, at) -> list[Answer]`` (periodic task ``reviews.tasks.send_review_reminders``)

Reads are in :mod:`greencustoms.reviews.selectors` (``pending_answers``, ``rounds_visible_to``,
``rounds_of``, ``open_round_of``, ``latest_round_of``, ``close_blockers``, ``approval_record``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.models import User
from greencustoms.partners.models import Partner
from greencustoms.reviews import selectors
from greencustoms.reviews.choices import Decision, ReviewEventKind, RoundStatus
from greencustoms.reviews.models import Answer, Event, Round


class ReviewError(ValidationError):
    """A review step refused; ``messages`` says why."""


def record_event(
    *,
    round: Round,
    kind: str,
    at: datetime,
    actor: User | None = None,
    partner: Partner | None = None,
    detail: str = "",
) -> Event:
    """Append one entry to the round's history."""
    return Event.objects.create(
        round=round, kind=kind, at=at, actor=actor, partner=partner, version=round.version, detail=detail
    )


def partner_recipients(partner: Partner) -> list[str]:
    """Active staff of the partner; its generic address when it has no staff account."""
    staff = list(policy.partner_staff_accounts([partner]).values_list("email", flat=True))
    if staff:
        return staff
    return [partner.contact_email] if partner.contact_email else []


def _recipients_by_language(partner: Partner) -> dict[str, list[str]]:
    """``partner_recipients`` grouped by the language each writes in (the generic address: the default)."""
    from greencustoms.website.languages import user_language

    staff = list(policy.partner_staff_accounts([partner]))
    if not staff:
        generic = partner_recipients(partner)
        return {settings.LANGUAGE_CODE: generic} if generic else {}
    grouped: dict[str, list[str]] = {}
    for user in staff:
        grouped.setdefault(user_language(user), []).append(user.email)
    return grouped


def _absolute(round: Round) -> str:
    return settings.SITE_URL + round.link


@transaction.atomic
def open_round(
    *,
    by: User,
    subject: models.Model,
    version: str,
    partners: Iterable[Partner],
    due: date,
    title: str = "",
    url: str = "",
    message: str = "",
    at: datetime | None = None,
) -> Round:
    """Open a round on ``version`` of ``subject``: every concerned partner gets a pending answer and an e-mail."""
    if not policy.can_open_review(by):
        raise PermissionDenied
    at = at or timezone.now()
    partners = sorted(set(partners), key=lambda p: p.acronym)
    if not partners:
        raise ReviewError(_("Name at least one concerned partner."))
    if not version.strip():
        raise ReviewError({"version": _("Say which version is reviewed.")})
    if due <= at.date():
        raise ReviewError({"due": _("The deadline must be after today.")})
    if selectors.open_round_of(subject=subject) is not None:
        raise ReviewError(_("A review round is already open on this document."))
    last = selectors.latest_round_of(subject=subject)
    round = Round.objects.create(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        title=(title or str(subject))[:300],
        version=version.strip(),
        url=url,
        number=(last.number + 1) if last else 1,
        deadline=due,
        message=message,
        opened_at=at,
        opened_by=by,
    )
    Answer.objects.bulk_create(Answer(round=round, partner=p) for p in partners)
    record_event(
        round=round,
        kind=ReviewEventKind.OPENED,
        at=at,
        actor=by,
        detail=", ".join(p.acronym for p in partners),
    )
    for partner in partners:
        for language, recipients in _recipients_by_language(partner).items():
            with translation.override(language):  # texts and links in the recipients' language
                send_mail(
                    _("%(title)s: please review version %(version)s by %(deadline)s")
                    % {"title": round.title, "version": round.version, "deadline": due.isoformat()},
                    _(
                        "The secretariat opened review round %(number)d on %(title)s (version %(version)s).\n"
                        "Please approve, approve with conditions or comment by %(deadline)s:\n%(url)s\n\n%(message)s"
                    )
                    % {
                        "number": round.number,
                        "title": round.title,
                        "version": round.version,
                        "deadline": due.isoformat(),
                        "url": _absolute(round),
                        "message": message,
                    },
                    None,
                    recipients,
                )
    return round


@transaction.atomic
def answer(
    *,
    by: User,
    round: Round,
    partner: Partner,
    decision: str,
    text: str = "",
    at: datetime | None = None,
) -> Answer:
    """Record a concerned partner's answer (by its staff, or by the secretariat on its written word)."""
    if not policy.can_answer_review(by, partner):
        raise PermissionDenied
    at = at or timezone.now()
    if not round.is_open:
        raise ReviewError(_("The round is closed."))
    found = Answer.objects.select_for_update().filter(round=round, partner=partner).first()
    if found is None:
        raise ReviewError(_("%(partner)s is not concerned by this round.") % {"partner": partner.acronym})
    try:
        decision = Decision(decision)
    except ValueError:
        raise ReviewError({"decision": _("Choose approved, approved with conditions or comments.")}) from None
    text = text.strip()
    if decision == Decision.PENDING:
        raise ReviewError({"decision": _("Choose approved, approved with conditions or comments.")})
    if decision == Decision.APPROVED_WITH_CONDITIONS and not text:
        raise ReviewError({"text": _("State the conditions of the approval.")})
    if decision == Decision.COMMENTED and not text:
        raise ReviewError({"text": _("Write the comments.")})
    found.decision = decision
    found.text = "" if decision == Decision.APPROVED else text
    found.version = round.version
    found.decided_at = at
    found.decided_by = by
    found.save()
    record_event(
        round=round,
        kind=ReviewEventKind.DECIDED,
        at=at,
        actor=by,
        partner=partner,
        detail=f"{decision.label}{': ' + found.text if found.text else ''}",
    )
    return found


@transaction.atomic
def close_round(
    *, by: User, round: Round, at: datetime | None = None, extra_blockers: Iterable[str] = ()
) -> Round:
    """Close the round: only when every concerned partner has answered (and the caller's blockers are empty)."""
    if not policy.can_open_review(by):
        raise PermissionDenied
    at = at or timezone.now()
    round = Round.objects.select_for_update().get(pk=round.pk)
    reasons = selectors.close_blockers(round=round) + list(extra_blockers)
    if reasons:
        raise ReviewError(reasons)
    round.status = RoundStatus.CLOSED
    round.closed_at = at
    round.closed_by = by
    round.save(update_fields=["status", "closed_at", "closed_by"])
    record_event(round=round, kind=ReviewEventKind.CLOSED, at=at, actor=by)
    return round


def _remind(round: Round, pending: Answer, recipients: list[str], *, at: datetime) -> None:
    overdue = at.date() > round.deadline
    subject = (
        _("Overdue: your answer on %(title)s")
        if overdue
        else _("Reminder: %(title)s awaits your answer by %(deadline)s")
    ) % {"title": round.title, "deadline": round.deadline.isoformat()}
    send_mail(
        subject,
        _(
            "%(partner)s has not yet answered review round %(number)d on %(title)s, version %(version)s "
            "(deadline %(deadline)s). Please approve or comment here:\n%(url)s"
        )
        % {
            "partner": pending.partner.acronym,
            "number": round.number,
            "title": round.title,
            "version": round.version,
            "deadline": round.deadline.isoformat(),
            "url": _absolute(round),
        },
        None,
        recipients,
    )


@transaction.atomic
def send_reminders(*, at: datetime) -> list[Answer]:
    """Remind every partner that has not answered an open round, by the rules of ``selectors.reminder_due``."""
    sent = []
    for pending in selectors.answers_to_remind(at=at):
        round = pending.round
        recipients = []
        for language, addresses in _recipients_by_language(pending.partner).items():
            with translation.override(language):  # texts and links in the recipients' language
                _remind(round, pending, addresses, at=at)
            recipients.extend(addresses)
        pending.reminders_sent += 1
        pending.last_reminded_at = at
        pending.save(update_fields=["reminders_sent", "last_reminded_at"])
        record_event(
            round=round,
            kind=ReviewEventKind.REMINDED,
            at=at,
            partner=pending.partner,
            detail=", ".join(recipients),
        )
        sent.append(pending)
    return sent
