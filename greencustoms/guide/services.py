"""Writes of the Guide: the review-round state machine, publication and distribution requests.

States of an edition: draft → in_review (a round is open) → approved (the round closed with every
concerned partner's approval and every comment resolved) → published. Publication asks
:func:`greencustoms.guide.selectors.publication_blockers`, so no edition is published while a concerned
partner has not approved it.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Action, can
from greencustoms.guide import selectors
from greencustoms.guide.choices import Decision, GuideStatus, ReviewEventKind
from greencustoms.guide.models import Chapter, DistributionRequest, Guide, ReviewComment, Section
from greencustoms.partners.models import Partner
from greencustoms.reviews import services as reviews
from greencustoms.reviews.models import Answer, Event, Round

# The Guide's refusals are the reviews app's (one error type for every review step).
ReviewError = reviews.ReviewError


def _require_secretariat(user: User, obj: object) -> None:
    # Publishing and review decisions belong to the secretariat: the policy's APPROVE action.
    if not can(user, Action.APPROVE, obj):
        raise PermissionDenied


def _log(
    round: Round,
    kind: str,
    *,
    at: datetime,
    actor: User | None,
    partner: Partner | None = None,
    detail: str = "",
) -> Event:
    return reviews.record_event(round=round, kind=kind, at=at, actor=actor, partner=partner, detail=detail)


def guide_version(guide: Guide) -> str:
    """The version of an edition partners review: its year and the number of the draft (one per round)."""
    last = selectors.latest_round(guide)
    return f"{guide.year} draft {last.number + 1 if last else 1}"


@transaction.atomic
def review_round_open(*, guide: Guide, deadline: date, message: str = "", by: User, at: datetime) -> Round:
    """Open a review round on a draft: every concerned partner gets a pending answer and an e-mail."""
    _require_secretariat(by, guide)
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if guide.is_published:
        raise ReviewError(_("A published edition is not reviewed again; prepare a new edition."))
    if selectors.open_round(guide) is not None:
        raise ReviewError(_("A review round is already open on this edition."))
    partners = selectors.concerned_partners(guide)
    if not partners:
        raise ReviewError(
            _("No partner is concerned by this edition yet: add organization or agreement sections.")
        )
    round = reviews.open_round(
        by=by,
        subject=guide,
        version=guide_version(guide),
        partners=partners,
        due=deadline,
        title=_("Green Customs Guide %(year)s") % {"year": guide.year},
        message=message,
        at=at,
    )
    # The Guide's round page (comments by paragraph) is where partners answer.
    round.url = reverse("guide:round", args=[round.pk])
    round.save(update_fields=["url"])
    guide.status = GuideStatus.IN_REVIEW
    guide.save(update_fields=["status"])
    return round


def _may_take_part(user: User, round: Round) -> Partner | None:
    """The partner the user speaks for in this round (None for the secretariat); refuse anyone else."""
    if policy.is_secretariat(user):
        return None
    partner = policy.staff_partner(user)
    if partner is None or not round.answers.filter(partner=partner).exists():
        raise PermissionDenied
    return partner


@transaction.atomic
def review_comment_add(
    *,
    round: Round,
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
        if chapter is None or chapter.guide_id != round.subject_id:
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
    *, round: Round, partner: Partner, decision: str, conditions: str = "", by: User, at: datetime
) -> Answer:
    """Record a concerned partner's approval (by its staff, or by the secretariat on its written word).

    Conditions of an approval become a comment that the secretariat must resolve before the round closes.
    """
    speaker = _may_take_part(by, round)
    if speaker is not None and speaker != partner:
        raise PermissionDenied
    if Decision(decision) not in (Decision.APPROVED, Decision.APPROVED_WITH_CONDITIONS):
        raise ReviewError({"decision": _("Choose approved or approved with conditions.")})
    if decision == Decision.APPROVED_WITH_CONDITIONS and not conditions.strip():
        raise ReviewError({"conditions": _("State the conditions of the approval.")})
    found = reviews.answer(by=by, round=round, partner=partner, decision=decision, text=conditions, at=at)
    if found.conditions:
        ReviewComment.objects.create(
            round=round,
            partner=partner,
            author=by,
            body=found.conditions,
            is_condition=True,
            created_at=at,
        )
    return found


@transaction.atomic
def review_round_close(*, round: Round, by: User, at: datetime) -> Round:
    """Close the round: only when every concerned partner has answered and every thread is resolved."""
    _require_secretariat(by, round)
    open_threads = selectors.unresolved_comments(round).count()
    extra = [_("%(count)d comment(s) are not resolved.") % {"count": open_threads}] if open_threads else []
    round = reviews.close_round(by=by, round=round, at=at, extra_blockers=extra)
    Guide.objects.filter(pk=round.subject_id).update(status=GuideStatus.APPROVED)
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
