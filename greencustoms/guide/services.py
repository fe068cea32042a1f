"""Writes of the Guide: the review-round state machine, publication and distribution requests.

States of an edition: draft → in_review (a round is open) → approved (the round closed with every
concerned partner's approval and every comment resolved) → published. Publication asks
:func:`greencustoms.guide.selectors.publication_blockers`, so no edition is published while a concerned
partner has not approved it.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Action, can
from greencustoms.guide import selectors
from greencustoms.guide.choices import Decision, GuideStatus, ReviewEventKind, RoundStatus
from greencustoms.guide.models import (
    Chapter,
    DistributionRequest,
    Guide,
    PartnerApproval,
    ReviewComment,
    ReviewEvent,
    ReviewRound,
    Section,
)
from greencustoms.partners.models import Partner


class ReviewError(ValidationError):
    """A review or publication step refused; ``messages`` says why."""


def _require_secretariat(user: User, obj: object) -> None:
    # Publishing and review decisions belong to the secretariat: the policy's APPROVE action.
    if not can(user, Action.APPROVE, obj):
        raise PermissionDenied


def _log(
    round: ReviewRound,
    kind: str,
    *,
    at: datetime,
    actor: User | None,
    partner: Partner | None = None,
    detail: str = "",
) -> ReviewEvent:
    return ReviewEvent.objects.create(
        round=round, kind=kind, at=at, actor=actor, partner=partner, detail=detail
    )


def _partner_recipients(partner: Partner) -> list[str]:
    """Active staff of the partner; its generic address when it has no staff account."""
    staff = list(policy.partner_staff_accounts([partner]).values_list("email", flat=True))
    if staff:
        return staff
    return [partner.contact_email] if partner.contact_email else []


def _round_url(round: ReviewRound) -> str:
    return settings.SITE_URL + reverse("guide:round", args=[round.pk])


@transaction.atomic
def review_round_open(
    *, guide: Guide, deadline: date, message: str = "", by: User, at: datetime
) -> ReviewRound:
    """Open a review round on a draft: every concerned partner gets a pending approval and an e-mail."""
    _require_secretariat(by, guide)
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if guide.is_published:
        raise ReviewError(_("A published edition is not reviewed again; prepare a new edition."))
    if selectors.open_round(guide) is not None:
        raise ReviewError(_("A review round is already open on this edition."))
    if deadline <= at.date():
        raise ReviewError(_("The deadline must be after today."))
    partners = selectors.concerned_partners(guide)
    if not partners:
        raise ReviewError(
            _("No partner is concerned by this edition yet: add organization or agreement sections.")
        )
    last = selectors.latest_round(guide)
    round = ReviewRound.objects.create(
        guide=guide,
        number=(last.number + 1) if last else 1,
        deadline=deadline,
        message=message,
        opened_at=at,
        opened_by=by,
    )
    PartnerApproval.objects.bulk_create(PartnerApproval(round=round, partner=p) for p in partners)
    guide.status = GuideStatus.IN_REVIEW
    guide.save(update_fields=["status"])
    _log(round, ReviewEventKind.OPENED, at=at, actor=by, detail=", ".join(p.acronym for p in partners))
    for partner in partners:
        recipients = _partner_recipients(partner)
        if recipients:
            send_mail(
                _("Green Customs Guide %(year)s: please review your sections by %(deadline)s")
                % {"year": guide.year, "deadline": deadline.isoformat()},
                _(
                    "The secretariat opened review round %(number)d on the Green Customs Guide %(year)s.\n"
                    "Please comment on your sections and record your approval by %(deadline)s:\n%(url)s\n\n%(message)s"
                )
                % {
                    "number": round.number,
                    "year": guide.year,
                    "deadline": deadline.isoformat(),
                    "url": _round_url(round),
                    "message": message,
                },
                None,
                recipients,
            )
    return round


def _may_take_part(user: User, round: ReviewRound) -> Partner | None:
    """The partner the user speaks for in this round (None for the secretariat); refuse anyone else."""
    if policy.is_secretariat(user):
        return None
    partner = policy.staff_partner(user)
    if partner is None or not round.approvals.filter(partner=partner).exists():
        raise PermissionDenied
    return partner


@transaction.atomic
def review_comment_add(
    *,
    round: ReviewRound,
    body: str,
    by: User,
    at: datetime,
    chapter: Chapter | None = None,
    section: Section | None = None,
    paragraph: int | None = None,
    parent: ReviewComment | None = None,
) -> ReviewComment:
    """Comment on a chapter, a section or one paragraph of it, or reply to a comment (a thread)."""
    partner = _may_take_part(by, round)
    if not round.is_open:
        raise ReviewError(_("The round is closed."))
    if not body.strip():
        raise ReviewError({"body": _("Write a comment.")})
    if parent is not None:
        if parent.round_id != round.pk:
            raise ReviewError(_("That comment belongs to another round."))
        root = parent
        while root.parent_id is not None:
            root = root.parent  # type: ignore[assignment]
        chapter, section, paragraph = root.chapter, root.section, root.paragraph
    else:
        if section is not None:
            chapter = section.chapter
        if chapter is None or chapter.guide_id != round.guide_id:
            raise ReviewError(_("Choose a part of this edition."))
        if paragraph is not None:
            if section is None:
                raise ReviewError({"paragraph": _("A paragraph belongs to a section.")})
            if not 0 <= paragraph < len(selectors.paragraphs(section.body)):
                raise ReviewError(
                    {"paragraph": _("That section has no paragraph %(n)d.") % {"n": paragraph + 1}}
                )
    comment = ReviewComment.objects.create(
        round=round,
        chapter=chapter,
        section=section,
        paragraph=paragraph,
        parent=parent,
        partner=partner,
        author=by,
        body=body.strip(),
        created_at=at,
    )
    if parent is not None and root.is_resolved:
        # A reply reopens the thread: it is an open question again until the secretariat resolves it.
        ReviewComment.objects.filter(pk=root.pk).update(resolved_at=None, resolved_by=None)
    kind = ReviewEventKind.REPLIED if parent is not None else ReviewEventKind.COMMENTED
    _log(round, kind, at=at, actor=by, partner=partner, detail=comment.body[:300])
    return comment


@transaction.atomic
def review_comment_resolve(
    *, comment: ReviewComment, resolution: str, by: User, at: datetime
) -> ReviewComment:
    """The secretariat marks a thread resolved, saying how (text changed, declined, answered)."""
    _require_secretariat(by, comment)
    if comment.parent_id is not None:
        raise ReviewError(_("Resolve the thread from its first comment."))
    if not comment.round.is_open:
        raise ReviewError(_("The round is closed."))
    comment.resolved_at = at
    comment.resolved_by = by
    comment.resolution = resolution.strip()
    comment.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    _log(
        comment.round,
        ReviewEventKind.RESOLVED,
        at=at,
        actor=by,
        partner=comment.partner,
        detail=f"{comment.body[:150]} → {comment.resolution[:150]}",
    )
    return comment


@transaction.atomic
def review_decide(
    *, round: ReviewRound, partner: Partner, decision: str, conditions: str = "", by: User, at: datetime
) -> PartnerApproval:
    """Record a concerned partner's approval (by its staff, or by the secretariat on its written word).

    Conditions of an approval become a comment that the secretariat must resolve before the round closes.
    """
    speaker = _may_take_part(by, round)
    if speaker is not None and speaker != partner:
        raise PermissionDenied
    if not round.is_open:
        raise ReviewError(_("The round is closed."))
    approval = round.approvals.filter(partner=partner).first()
    if approval is None:
        raise ReviewError(_("%(partner)s is not concerned by this round.") % {"partner": partner.acronym})
    decision = Decision(decision)
    conditions = conditions.strip()
    if decision == Decision.PENDING:
        raise ReviewError({"decision": _("Choose approved or approved with conditions.")})
    if decision == Decision.APPROVED_WITH_CONDITIONS and not conditions:
        raise ReviewError({"conditions": _("State the conditions of the approval.")})
    approval.decision = decision
    approval.conditions = conditions if decision == Decision.APPROVED_WITH_CONDITIONS else ""
    approval.decided_at = at
    approval.decided_by = by
    approval.save()
    if approval.conditions:
        ReviewComment.objects.create(
            round=round,
            partner=partner,
            author=by,
            body=approval.conditions,
            is_condition=True,
            created_at=at,
        )
    _log(
        round,
        ReviewEventKind.DECIDED,
        at=at,
        actor=by,
        partner=partner,
        detail=f"{decision.label}{': ' + approval.conditions if approval.conditions else ''}",
    )
    return approval


@transaction.atomic
def review_round_close(*, round: ReviewRound, by: User, at: datetime) -> ReviewRound:
    """Close the round: only when every concerned partner has answered and every thread is resolved."""
    _require_secretariat(by, round)
    round = ReviewRound.objects.select_for_update().get(pk=round.pk)
    reasons = selectors.round_close_blockers(round)
    if reasons:
        raise ReviewError(reasons)
    round.status = RoundStatus.CLOSED
    round.closed_at = at
    round.closed_by = by
    round.save(update_fields=["status", "closed_at", "closed_by"])
    guide = round.guide
    guide.status = GuideStatus.APPROVED
    guide.save(update_fields=["status"])
    _log(round, ReviewEventKind.CLOSED, at=at, actor=by)
    return round


@transaction.atomic
def guide_publish(*, guide: Guide, by: User, at: datetime) -> Guide:
    """Publish an approved edition; refused while any concerned partner has not approved it."""
    _require_secretariat(by, guide)
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    reasons = selectors.publication_blockers(guide)
    if reasons:
        raise ReviewError(reasons)
    guide.status = GuideStatus.PUBLISHED
    guide.published_at = at
    guide.published_by = by
    guide.save(update_fields=["status", "published_at", "published_by"])
    round = selectors.latest_round(guide)
    if round is not None:
        _log(round, ReviewEventKind.PUBLISHED, at=at, actor=by)
    return guide


@transaction.atomic
def review_reminders_send(*, at: datetime) -> list[PartnerApproval]:
    """Remind every partner that has not answered an open round, by the rules of ``reminder_due``."""
    sent = []
    for approval in selectors.approvals_to_remind(at=at):
        round = approval.round
        recipients = _partner_recipients(approval.partner)
        if recipients:
            overdue = at.date() > round.deadline
            subject = (
                _("Overdue: your approval of the Green Customs Guide %(year)s")
                if overdue
                else _("Reminder: the Green Customs Guide %(year)s awaits your approval by %(deadline)s")
            ) % {"year": round.guide.year, "deadline": round.deadline.isoformat()}
            send_mail(
                subject,
                _(
                    "%(partner)s has not yet recorded its approval in review round %(number)d "
                    "(deadline %(deadline)s). Please comment and approve here:\n%(url)s"
                )
                % {
                    "partner": approval.partner.acronym,
                    "number": round.number,
                    "deadline": round.deadline.isoformat(),
                    "url": _round_url(round),
                },
                None,
                recipients,
            )
        approval.reminders_sent += 1
        approval.last_reminded_at = at
        approval.save(update_fields=["reminders_sent", "last_reminded_at"])
        _log(
            round,
            ReviewEventKind.REMINDED,
            at=at,
            actor=None,
            partner=approval.partner,
            detail=", ".join(recipients),
        )
        sent.append(approval)
    return sent


@transaction.atomic
def distribution_request_save(
    *,
    guide: Guide,
    partner: Partner,
    event: object,
    printed_copies: int,
    offline_copies: int,
    note: str = "",
    by: User,
    at: datetime,
) -> DistributionRequest:
    """Record (or update) how many copies a partner needs for an event."""
    if not (policy.is_secretariat(by) or policy.is_partner_staff(by, partner)):
        raise PermissionDenied
    if printed_copies < 0 or offline_copies < 0 or printed_copies + offline_copies == 0:
        raise ReviewError(_("Ask for at least one printed or offline copy."))
    request, _created = DistributionRequest.objects.update_or_create(
        guide=guide,
        partner=partner,
        event=event,
        defaults={
            "printed_copies": printed_copies,
            "offline_copies": offline_copies,
            "note": note,
            "requested_by": by,
            "requested_at": at,
        },
    )
    return request
